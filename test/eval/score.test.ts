import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/diff-documents.ts';
import { auditLabel, scoreFigures, scorePair, scoreSections, scoreStamp } from '../../eval/score.ts';
import { renderPage } from '../../eval/render-page.ts';
import { extractDocument } from '../../src/extract/extract-document.ts';

/** The eval's scoring on two hand-written revisions whose expected change is known by reading. */
const url = 'https://example.org/country/relations';
const page = (trade: string, nationals: string) =>
  renderPage(`# Relations\n\n## Economy\n\nBilateral trade reached ${trade} in 2016.\n\n## People\n\nAbout ${nationals} French nationals live in the country.\n`, { lang: 'en' });
const docA = extractDocument(page('€6.4 million', '1,200'), { url });
const docB = extractDocument(page('€8.2 million', '1,200'), { url });
const goldenA = [
  { kind: 'money', value: 6_400_000, unit: 'EUR', raw: '€6.4 million', label: 'bilateral trade' },
  { kind: 'count', value: 1200, raw: '1,200', label: 'French nationals' },
];
const goldenB = [
  { kind: 'money', value: 8_200_000, unit: 'EUR', raw: '€8.2 million', label: 'bilateral trade' },
  { kind: 'count', value: 1200, raw: '1,200', label: 'French nationals' },
];

describe('eval scoring', () => {
  it('renders the corpus markup as a page: title, headings, paragraphs, declared language or none', () => {
    expect(page('x', 'y')).toContain('<html lang="en">');
    expect(renderPage('# T\n\n- a\n- b\n\n| h | k |\n|---|---|\n| 1 | 2 |\n', { lang: null })).toMatch(/<html><head>.*<title>T<\/title>.*<ul><li>a<\/li><li>b<\/li><\/ul>\s*<table><thead><tr><th>h<\/th><th>k<\/th><\/tr><\/thead><tbody><tr><td>1<\/td><td>2<\/td><\/tr>/s);
  });

  it('finds the golden figures of a revision one to one', () => {
    const s = scoreFigures(docA.figures.filter((f) => f.kind !== 'year'), goldenA);
    expect(s.matched).toBe(2);
    expect(s.missed).toEqual([]);
  });

  it('scores a real change reported as one changed figure, and the unchanged figure as silent', () => {
    const a = scoreFigures(docA.figures.filter((f) => f.kind !== 'year'), goldenA);
    const b = scoreFigures(docB.figures.filter((f) => f.kind !== 'year'), goldenB);
    const s = scorePair(diffDocuments(docA, docB), a, b, { changed: [{ from: '€6.4 million', to: '€8.2 million' }], added: [], removed: [], restated: [] });
    expect(s).toMatchObject({ realChanges: 1, asOneChange: 1, unchanged: 2, silent: 2, falsePairings: [] });
  });

  it('calls a pairing the golden file does not expect a false pairing', () => {
    const a = scoreFigures(docA.figures.filter((f) => f.kind !== 'year'), goldenA);
    const b = scoreFigures(docB.figures.filter((f) => f.kind !== 'year'), goldenB);
    // The reader says trade was removed and a new figure added: the diff's pairing is then false.
    const s = scorePair(diffDocuments(docA, docB), a, b, { changed: [], added: ['€8.2 million'], removed: ['€6.4 million'], restated: [] });
    expect(s.falsePairings).toEqual([{ from: '€6.4 million', to: '€8.2 million' }]);
    expect(s.asOneChange).toBe(0);
  });

  it('audits labels by the written rubric: names its figure, names a neighbour, or neither', () => {
    const [trade, nationals] = goldenA;
    expect(auditLabel('bilateral trade reached', trade!, goldenA)).toBe('names');
    expect(auditLabel('French nationals', trade!, goldenA)).toBe('misleading');
    expect(auditLabel('est notre', nationals!, goldenA)).toBe('unclear');
  });

  it('finds a printed stamp when the document declares that line, with a date from it when it has one', () => {
    const declaring = (updatedText: string | null, updated: string | null) => ({ ...docA, updatedText, updated });
    expect(scoreStamp(declaring('11/05/2016 - 17:24', '2016-05-11'), '11/05/2016 - 17:24').found).toBe(true);
    expect(scoreStamp(declaring('11/05/2016 - 17:24', null), '11/05/2016 - 17:24').found).toBe(false);
    expect(scoreStamp(declaring('11/05/2016 - 17:24', '2019-05-11'), '11/05/2016 - 17:24').found).toBe(false);
    expect(scoreStamp(declaring('Updated: 5 July 2017', '2017-07-05'), 'Stand: September 2017').found).toBe(false);
    // Printed without a date: found when recognised, and no date invented for it.
    expect(scoreStamp(declaring('Dernière mise à jour le', null), 'Dernière mise à jour le').found).toBe(true);
    expect(scoreStamp(declaring('Dernière mise à jour le', '2022-01'), 'Dernière mise à jour le').found).toBe(false);
    expect(scoreStamp(declaring(null, null), 'Dernière mise à jour le').found).toBe(false);
  });

  it('tells a stamp left in the text or made a heading', () => {
    const doc = { ...docA, sections: [{ heading: 'Stand: September 2016', level: 5, blocks: ['Stand: September 2016'], text: '' }] };
    expect(scoreStamp(doc, 'Stand: September 2016')).toMatchObject({ leftInText: true, asSection: true });
    expect(scoreStamp(docA, 'Stand: September 2016')).toMatchObject({ leftInText: false, asSection: false });
  });

  it('scores sections: a reader\'s rename, a case-only rename, and text moved word for word under a new heading', () => {
    const lead = 'The two governments signed a treaty on river navigation last year.';
    const moved = 'An honorary consul in the port city helps travellers in distress.';
    const a = extractDocument(renderPage(`# R\n\n${lead}\n\n${moved}\n\n## Trade ties\n\nExports of timber and grain grew steadily over the decade.\n`, { lang: 'en' }), { url });
    const b = extractDocument(renderPage(`# R\n\n${lead}\n\n## Consular help\n\n${moved}\n\n## Commerce\n\nExports of timber and grain grew steadily over the decade.\n`, { lang: 'en' }), { url });
    const s = scoreSections(diffDocuments(a, b), a, b, { added: ['Consular help'], removed: [], renamed: [{ from: 'Trade ties', to: 'Commerce' }] });
    expect(s).toMatchObject({ asExpected: true, mismatches: [], renames: 1, renamesFound: 1, movedVerbatim: 1, movedShown: 1 });

    const wrong = scoreSections(diffDocuments(a, b), a, b, { added: [], removed: [], renamed: [{ from: 'Trade ties', to: 'trade  TIES' }] });
    expect(wrong.asExpected).toBe(false);
    expect(wrong.renames).toBe(0);
    expect(wrong.mismatches).toEqual([
      'added ["Consular help"], expected []',
      'unexpected rename: Trade ties → Commerce',
    ]);
  });
});
