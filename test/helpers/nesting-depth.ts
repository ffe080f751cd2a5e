/** Elements whose end tag is optional (or implied by a sibling): they do not nest in practice. */
const IMPLIED_END = new Set([
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot',
  'colgroup', 'caption', 'rb', 'rt', 'rtc', 'rp', 'html', 'head', 'body',
]);
const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source',
  'track', 'wbr', 'keygen', 'command', 'basefont', 'bgsound', 'frame', 'image', 'isindex', 'spacer',
]);

/**
 * An independent measure of element nesting, by a linear regex scan of the tags: the oracle the
 * nesting tests compare the extractor's streaming scan with (the product enforces the limit in
 * that scan, `ExtractOptions.maxDepth`, so this no longer runs outside tests). Comments,
 * scripts and styles are skipped; void elements, self-closed tags and elements with implied end
 * tags do not count.
 */
export function measureNestingDepth(html: string): number {
  const text = html.replace(/<!--[\s\S]*?(?:-->|$)|<(script|style|template|textarea)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '');
  let depth = 0;
  let max = 0;
  // `[^<>]`, not `[^>]`: a stray "<" must end the attempt, or "<a<a<a…" would scan quadratically.
  for (const m of text.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*?(\/?)>/g)) {
    const name = m[2]!.toLowerCase();
    if (VOID.has(name) || IMPLIED_END.has(name)) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3]) {
      depth += 1;
      if (depth > max) max = depth;
    }
  }
  return max;
}

