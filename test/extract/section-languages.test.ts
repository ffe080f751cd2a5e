import { describe, expect, it } from 'vitest';
import { hashDocument } from '../../src/extract/content-hash.ts';
import { extractDocument } from '../../src/extract/extract-document.ts';

/**
 * A section in another language than its page is read in its own (issue 19, Build 5: "mixed
 * (per section)"): an English speech on a German page writes "1,200" for twelve hundred.
 */

const GERMAN_LEAD =
  '<p>Die Beziehungen zwischen Deutschland und dem Land sind seit vielen Jahren eng und vertrauensvoll. ' +
  'Beide Regierungen treffen sich regelmäßig zu Konsultationen, und die Zusammenarbeit in Wirtschaft, Kultur und Wissenschaft wird ständig ausgebaut. ' +
  'Im Jahr 2019 lebten rund 12.500 Staatsangehörige im Land.</p>';
const ENGLISH_SECTION =
  '<h2>Speech of the ambassador</h2><p>Our embassy now employs 1,200 local staff, and we are proud of the work they do every day for the people of both countries. ' +
  'Two-way trade reached 3.5 billion euros in 2019, and our cultural institutes welcomed more than 40,000 visitors over the year, a figure that keeps growing.</p>';

const page = (body: string) => `<!doctype html><html lang="de"><head><title>Beziehungen</title></head><body><main><h1>Beziehungen</h1>${body}</main></body></html>`;

describe('a section in another language', () => {
  it('is read in its own language, and the rest of the page in the page’s', () => {
    const doc = extractDocument(page(GERMAN_LEAD + ENGLISH_SECTION));
    expect(doc.language).toBe('de');
    expect(doc.sections.map((s) => s.language)).toEqual([undefined, 'en']);
    const values = doc.figures.map((f) => [f.kind, f.value]);
    expect(values).toContainEqual(['count', 12_500]);
    expect(values).toContainEqual(['count', 1200]);
    expect(values).toContainEqual(['money', 3_500_000_000]);
    expect(values).toContainEqual(['count', 40_000]);
    expect(values.some(([, v]) => v === 1.2 || v === 40)).toBe(false);
  });

  it('needs enough text: a short quotation or a table row keeps the page’s language', () => {
    const doc = extractDocument(page(`${GERMAN_LEAD}<h2>Zitat</h2><p>“We employ 1,200 people.”</p>`));
    expect(doc.sections.map((s) => s.language)).toEqual([undefined, undefined]);
  });

  it('changes the content hash only of a page that has such a section', () => {
    const mixed = extractDocument(page(GERMAN_LEAD + ENGLISH_SECTION));
    const unmarked = { ...mixed, sections: mixed.sections.map(({ language: _, ...s }) => s) };
    expect(hashDocument(mixed)).not.toBe(hashDocument(unmarked));
    const plain = extractDocument(page(GERMAN_LEAD));
    expect(plain.sections.every((s) => s.language === undefined)).toBe(true);
  });
});
