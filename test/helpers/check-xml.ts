/**
 * A strict XML 1.0 well-formedness check, for tests. htmlparser2's xmlMode (and linkedom's
 * DOMParser on top of it) recovers from anything, as an HTML parser must; a feed reader's XML
 * parser does not — one control character or a stray "]]>" and the whole feed is refused. This
 * checks what those parsers check: legal characters, one root, balanced tags, well-formed
 * attributes, no bare "<" or "&" in text, no "]]>" outside CDATA. Returns every problem found.
 */
const ILLEGAL_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const TOKEN =
  /<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!--([\s\S]*?)-->|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/gu;
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/u;

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const bad = ILLEGAL_CHAR.exec(xml);
  if (bad) problems.push(`illegal character U+${bad[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${bad.index}`);
  const stack: string[] = [];
  let roots = 0;
  for (const m of xml.matchAll(TOKEN)) {
    const [, , comment, close, name, attrs, selfClose, text, stray] = m;
    if (stray !== undefined) problems.push(`bare "<" at ${m.index}`);
    else if (comment !== undefined && comment.includes('--')) problems.push(`"--" inside a comment at ${m.index}`);
    else if (text !== undefined) {
      if (text.includes(']]>')) problems.push(`"]]>" in text at ${m.index}`);
      if (ENTITY.test(text)) problems.push(`bare "&" in text at ${m.index}`);
      if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root at ${m.index}`);
    } else if (name !== undefined) {
      if (attrs && ENTITY.test(attrs)) problems.push(`bare "&" in an attribute of <${name}>`);
      if (close) {
        const open = stack.pop();
        if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}> at ${m.index}`);
      } else {
        if (stack.length === 0) roots++;
        if (!selfClose) stack.push(name);
      }
    }
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
