/**
 * The corpus keeps each revision's text verbatim in a light markup (`# Title`, `## Heading`,
 * blank-line paragraphs, `- ` items, `| a | b |` tables); this turns it into the HTML a site
 * would serve, with or without a declared language, so extraction runs as on a fetched page.
 * The markup is plain on purpose: the corpus measures figures and changes, not profiles.
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderPage(text: string, opts: { lang: string | null }): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let title = '';
  const body: string[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (paragraph.length) body.push(`<p>${esc(paragraph.join(' '))}</p>`);
    if (list.length) body.push(`<ul>${list.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`);
    if (table.length) {
      const [head, ...rows] = table;
      body.push(
        `<table><thead><tr>${head!.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
    }
    paragraph = [];
    list = [];
    table = [];
  };
  for (const line of lines) {
    const t = line.trim();
    if (t === '') {
      flush();
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(t);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      if (level === 1 && title === '') title = heading[2]!;
      body.push(`<h${level}>${esc(heading[2]!)}</h${level}>`);
      continue;
    }
    if (/^[-•*]\s+/.test(t)) {
      if (paragraph.length || table.length) flush();
      list.push(t.replace(/^[-•*]\s+/, ''));
      continue;
    }
    if (t.startsWith('|')) {
      if (paragraph.length || list.length) flush();
      const cells = t.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
      if (cells.every((c) => /^:?-{2,}:?$/.test(c))) continue; // a Markdown separator row
      table.push(cells);
      continue;
    }
    if (list.length || table.length) flush();
    paragraph.push(t);
  }
  flush();
  const lang = opts.lang ? ` lang="${opts.lang}"` : '';
  return `<!doctype html><html${lang}><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><article>${body.join('\n')}</article></main></body></html>`;
}
