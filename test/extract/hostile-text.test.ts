import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { boundLength, MAX_KEY_CHARS, MAX_SLUG_CHARS, slugify } from '../../src/extract/figures/make-key.ts';
import type { PageDocument } from '../../src/model/index.ts';

/**
 * Page content cannot poison what extraction outputs (issue 13, Build 4): no control character
 * (NUL, ESC, C1) in any string of the document, whatever the page writes raw or as a reference,
 * and keys bounded in length however long the words around a figure or the heading above it.
 */

/** C0 and C1 controls and DEL, tab and newline excepted. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** Every string anywhere in `value`, with its path. */
function strings(value: unknown, path = '$'): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

function expectClean(doc: PageDocument): void {
  const all = strings(doc);
  expect(all.length).toBeGreaterThan(5);
  for (const [path, text] of all) {
    expect(CONTROL.test(text), `${path}: ${JSON.stringify(text)}`).toBe(false);
    expect(LONE_SURROGATE.test(text), `${path}: ${JSON.stringify(text)}`).toBe(false);
  }
  // Section texts join blocks with blank lines: the newline is kept where extraction puts it.
  for (const section of doc.sections) expect(section.text).toBe(section.blocks.join('\n\n'));
}

const URL = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/';
const CONTROLS_RAW = '\u0000\u0001\u0007\u000b\u001b\u007f\u0085\u009b';
/** References to controls; `&#0;` names no character, and HTML decodes it as U+FFFD (kept). */
const CONTROLS_REF = '&#0;&#1;&#7;&#11;&#27;&#127;&#x1B;&#x0;';
const withoutReplacement = (text: string | null) => text?.replace(/\uFFFD/gu, '') ?? null;

function page(title: string, heading: string, paragraph: string, stamp = 'Updated: 26 October 2017'): string {
  return (
    `<!doctype html><html lang="en"><head><title>${title}</title></head><body><div class="texte"><div class="texte">` +
    `<h1>${title}</h1><h2>${heading}</h2><p>${paragraph}</p><ul><li>Aid${CONTROLS_RAW}: €135.3 million</li></ul>` +
    `<p>${stamp}</p></div></div></body></html>`
  );
}

describe('control characters', () => {
  it('raw C0/C1 controls and references to them leave no trace in any output string', () => {
    const dirty = `Trade${CONTROLS_RAW} is limited${CONTROLS_REF} (€8.2 million in 2016).\u001b]52;c;ZXZpbA==\u0007 Bilateral trade\u0000 reached €27${CONTROLS_RAW} million in 2016.`;
    const html = page(`France${CONTROLS_REF} and${CONTROLS_RAW} North Korea`, `Economic${CONTROLS_RAW} relations${CONTROLS_REF}`, dirty, `Updated${CONTROLS_RAW}: 26 October${CONTROLS_RAW} 2017`);
    for (const profile of [undefined, 'generic']) {
      const doc = extractDocument(html, { url: `${URL}\u0000\u001b[2J`, profile });
      expectClean(doc);
      expect(withoutReplacement(doc.title)).toBe('France and North Korea');
      expect(doc.sections.map((s) => withoutReplacement(s.heading))).toContain('Economic relations');
      expect(doc.url).toBe(`${URL}[2J`);
      // The figures are still read, and their keys are those of the clean text.
      expect(doc.figures.map((f) => [f.kind, f.value])).toEqual(
        expect.arrayContaining([['money', 8_200_000], ['money', 27_000_000], ['money', 135_300_000]]),
      );
      const clean = extractDocument(page('France and North Korea', 'Economic relations', 'Trade is limited (€8.2 million in 2016). Bilateral trade reached €27 million in 2016.'), { url: URL, profile });
      expect(doc.figures.map((f) => f.key)).toEqual(clean.figures.map((f) => f.key));
    }
    const stamped = extractDocument(html, { url: URL });
    expect(stamped.updated).toBe('2017-10-26');
    expect(stamped.updatedText).toBe('Updated: 26 October 2017');
  });

  it('tab, form feed and carriage return collapse like any whitespace; references to no character become U+FFFD', () => {
    const html = page('Title&#9999999;&#xD800; here', 'Head\ting', 'One\r\ntwo\fthree&#9;four &#55296;five.');
    const doc = extractDocument(html, { url: URL });
    expectClean(doc);
    expect(doc.title).toBe('Title\uFFFD\uFFFD here');
    expect(doc.sections[0]!.heading).toBe('Head ing');
    expect(doc.sections[0]!.blocks[0]).toBe('One two three four \uFFFDfive.');
  });

  it('a title naming a code point past U+10FFFF in the head is no crash', () => {
    const html = `<html lang="en"><head><title>North &#99999999; Korea</title></head><body><div class="texte"><div class="texte"><p>Text.</p></div></div></body></html>`;
    // Title from the head (no h1): the streaming scan decodes it by hand.
    expect(extractDocument(html, { url: URL }).title).toBe('North \uFFFD Korea');
  });
});

describe('bounded keys', () => {
  it('a 9,000-letter word next to a figure and a 10,000-character heading give keys of at most 200 characters', () => {
    const word = 'a'.repeat(9000);
    const heading = `Relations ${'b'.repeat(10_000)}`;
    const paragraph = `The ${word} reached €8.2 million in 2016 and ${word} fell to €5.1 million in 2017. ${word}: 7 ${word}s. Another ${word} rose 3%.`;
    const html = page('France and North Korea', heading, `${paragraph} ${paragraph}`);
    const doc = extractDocument(html, { url: URL });
    expectClean(doc);
    expect(doc.figures.length).toBeGreaterThanOrEqual(8);
    const keys = doc.figures.map((f) => f.key);
    for (const key of keys) expect(key.length, key.slice(0, 80)).toBeLessThanOrEqual(MAX_KEY_CHARS);
    expect(new Set(keys).size).toBe(keys.length);
    // Some keys really were long (the word is a key word) and were cut, with a hash.
    expect(keys.some((k) => /~[0-9a-f]{12}$/.test(k))).toBe(true);
    // Stable: the same page gives the same keys.
    expect(extractDocument(html, { url: URL }).figures.map((f) => f.key)).toEqual(keys);
    // The heading itself is content and is kept whole.
    expect(doc.sections.map((s) => s.heading)).toContain(heading);
  });

  it('boundLength keeps short texts, cuts long ones to the bound, and tells apart texts with a long common beginning', () => {
    expect(boundLength('money/trade', 200)).toBe('money/trade');
    const a = `money/${'x'.repeat(300)}-a`;
    const b = `money/${'x'.repeat(300)}-b`;
    expect(boundLength(a, 200)).toHaveLength(200);
    expect(boundLength(a, 200)).not.toBe(boundLength(b, 200));
    expect(boundLength(a, 200)).toBe(boundLength(a, 200));
    expect(boundLength(a, 200).startsWith('money/xxxx')).toBe(true);
    // No half of a surrogate pair at the cut.
    const astral = `k/${'𝐀'.repeat(200)}`;
    expect(/\p{Cs}/u.test(boundLength(astral, 101))).toBe(false);
  });

  it('a slug of a very long heading is bounded, and twin figures under it get bounded keys', () => {
    const heading = `Economic ${'relations '.repeat(2000)}`;
    expect(slugify(heading, 'en').length).toBeLessThanOrEqual(MAX_SLUG_CHARS);
    const html =
      `<!doctype html><html lang="en"><head><title>T</title></head><body><div class="texte"><div class="texte">` +
      `<h2>Trade</h2><p>Aid reached €1 million.</p><h2>${heading}</h2><p>Aid reached €2 million.</p><p>Aid reached €3 million.</p>` +
      `</div></div></body></html>`;
    const keys = extractDocument(html, { url: URL }).figures.map((f) => f.key);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
    expect(keys[0]).toBe('money/aid-reached');
    for (const key of keys) expect(key.length).toBeLessThanOrEqual(MAX_KEY_CHARS);
  });

  it('what never shows — script and style source, a template — is in no title, stamp, heading or table header, whichever profile reads the page', () => {
    const hidden = '<script>var leaked = "javascript:alert(1)";</script><style>.leaked{}</style><template>leaked template</template>';
    const body = `<h2>Economic ${hidden}relations</h2><p>Bilateral trade amounted to €8.2 million in 2016.</p>
      <table><tr><th>Year${hidden}</th><th>Trade</th></tr><tr><td>2016</td><td>€8.2 million</td></tr></table>`;
    const pages = {
      generic: `<html><head><title>x</title></head><body><main><h1>France and ${hidden}North Korea</h1>${body}</main></body></html>`,
      'diplomatie-spip': `<html><head><title>x</title></head><body><h1>France and ${hidden}North Korea</h1><div class="texte">${body}</div></body></html>`,
      'diplomatie-2025': `<html><head><title>x</title></head><body><div class="diplomatie--hdp"><h1>France and ${hidden}North Korea</h1>
        <p class="diplomatie--hdp-date--changed">Updated: ${hidden}26 October 2017</p></div>
        <article class="node--view-mode-full"><div class="fr-prose">${body}</div></article></body></html>`,
    };
    for (const [profile, html] of Object.entries(pages)) {
      const doc = extractDocument(html, { url: URL });
      expect(doc.profile).toBe(profile);
      expect(doc.title, profile).toBe('France and North Korea');
      expect(doc.sections.map((s) => s.heading), profile).toContain('Economic relations');
      for (const [path, text] of strings(doc)) expect(text, `${profile} ${path}`).not.toMatch(/leaked|javascript:/u);
      if (profile === 'diplomatie-2025') expect(doc.updated).toBe('2017-10-26');
    }
  });
});
