import { describe, expect, it } from 'vitest';
import { labelFigure } from '../../src/describe/label-figure.ts';
import { extractDocument } from '../../src/extract/extract-document.ts';

/**
 * Issue 19, item 8: "table cells take their row and column headers". The extractor carries each
 * cell's headers on its figures (`Figure.cell`); the label is read from them. Invented tables.
 */
const page = (lang: string, body: string) => `<!doctype html><html lang="${lang}"><head><title>t</title></head><body><main><h1>Trade</h1>${body}</main></body></html>`;

const labelsOf = (lang: string, table: string) => {
  const doc = extractDocument(page(lang, `<h2>Figures</h2>${table}`));
  // A header "2016" is a year standing alone: not a figure a label is audited for.
  return doc.figures.filter((f) => f.kind !== 'year').map((f) => [f.raw, labelFigure(f)]);
};

describe('a table cell is named by its row and column headers', () => {
  it('en: a header row of th, the row header in the first cell', () => {
    const table = '<table><tr><th>Partner</th><th>Exports</th><th>Imports</th></tr><tr><td>Chile</td><td>€6.4 million</td><td>€2.1 million</td></tr></table>';
    expect(labelsOf('en', table)).toEqual([
      ['€6.4 million', 'Chile, Exports'],
      ['€2.1 million', 'Chile, Imports'],
    ]);
  });
  it('fr: a thead; a year column is a period, not a name', () => {
    const table =
      '<table><thead><tr><td></td><td>2016</td><td>Part du marché</td></tr></thead><tbody><tr><th>Exportations françaises</th><td>3,2 millions d’euros</td><td>4,5 %</td></tr></tbody></table>';
    expect(labelsOf('fr', table)).toEqual([
      ['3,2 millions d’euros', 'Exportations françaises'],
      ['4,5 %', 'Exportations françaises, Part du marché'],
    ]);
  });
  it('de: a table without a header row takes the row header only', () => {
    const table = '<table><tr><td>Direktinvestitionen</td><td>EUR 4,1 Mrd.</td></tr></table>';
    expect(labelsOf('de', table)).toEqual([['EUR 4,1 Mrd.', 'Direktinvestitionen']]);
  });
  it('a cell holding a sentence is read like prose', () => {
    const table = '<table><tr><th>Note</th></tr><tr><td>Bilateral trade reached €9.1 million in 2018.</td></tr></table>';
    expect(labelsOf('en', table)).toEqual([['€9.1 million', 'Bilateral trade']]);
  });
  it('the headers do not change the content hash or the blocks', () => {
    const doc = extractDocument(page('en', '<table><tr><th>Partner</th><th>Exports</th></tr><tr><td>Chile</td><td>€6.4 million</td></tr></table>'));
    expect(doc.sections.flatMap((s) => s.blocks)).toEqual(['Partner', 'Exports', 'Chile', '€6.4 million']);
    expect(doc.sections.flatMap((s) => s.cells ?? [])).toEqual([
      { text: 'Chile', row: null, column: 'Partner' },
      { text: '€6.4 million', row: 'Chile', column: 'Exports' },
    ]);
  });
});
