import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/diff-documents.ts';
import { isEmptyChange } from '../../src/diff/is-empty-change.ts';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { makeDocument, section } from './make-document.ts';

const p1 = 'Norway and Chile signed a framework agreement on fisheries research in the spring of that year.';
const p2 = 'Two joint committees meet every autumn to review quotas and the exchange of young scientists.';
const p3 = 'A cultural centre opened in Valparaíso, where language courses are offered to four hundred students.';
const p4 = 'The embassy in Santiago also covers Bolivia and runs an honorary consulate in Punta Arenas.';

const sectionsOf = (from: ReturnType<typeof makeDocument>, to: ReturnType<typeof makeDocument>) => diffDocuments(from, to).sections;

describe('alignSections: sections paired by content', () => {
  it('reports a new heading over the same text as renamed, not removed + added', () => {
    const from = makeDocument({ sections: [section('Fisheries', p1, p2), section('Culture', p3)] });
    const to = makeDocument({ sections: [section('Research at sea', p1, p2), section('Culture', p3)] });
    expect(sectionsOf(from, to)).toEqual({ added: [], removed: [], renamed: [{ from: 'Fisheries', to: 'Research at sea', hunks: [] }], changed: [] });
    expect(isEmptyChange(diffDocuments(from, to))).toBe(false);
  });

  it('gives a renamed section the word diff of what changed inside it', () => {
    const from = makeDocument({ sections: [section('Fisheries', p1, p2)] });
    const to = makeDocument({ sections: [section('Research at sea', p1, p2.replace('autumn', 'spring'))] });
    expect(sectionsOf(from, to).renamed).toEqual([
      { from: 'Fisheries', to: 'Research at sea', hunks: [{ before: 'Two joint committees meet every', removed: 'autumn', added: 'spring', after: 'to review quotas and the' }] },
    ]);
  });

  it('pairs a heading that only gained numbering or lost words over text that was rewritten but shares its phrases', () => {
    const from = makeDocument({ sections: [section('Political relations and recent visits', p1, p2, p3)] });
    const to = makeDocument({ sections: [section('2. Political relations', p1, 'Entirely new paragraph about a state visit that took place in the north.')] });
    const change = sectionsOf(from, to);
    expect(change.renamed?.map((r) => [r.from, r.to])).toEqual([['Political relations and recent visits', '2. Political relations']]);
    expect(change.added).toEqual([]);
    expect(change.removed).toEqual([]);
  });

  it('keeps a rewrite under a new heading as removed + added', () => {
    const from = makeDocument({ sections: [section('Fisheries', p1, p2)] });
    const to = makeDocument({ sections: [section('Culture', p3, p4)] });
    expect(sectionsOf(from, to)).toEqual({ added: ['Culture'], removed: ['Fisheries'], changed: [] });
  });

  it('does not guess between two sections that both look like the renamed one', () => {
    const from = makeDocument({ sections: [section('Fisheries', p1, p2)] });
    const to = makeDocument({ sections: [section('Research at sea', p1, p2), section('Marine science', p1, p2)] });
    const change = sectionsOf(from, to);
    expect(change.renamed).toBeUndefined();
    expect(change.removed).toEqual(['Fisheries']);
    expect(change.added).toEqual(['Research at sea', 'Marine science']);
  });

  it('is symmetric: the rename read backwards', () => {
    const from = makeDocument({ sections: [section('Fisheries', p1, p2), section('Culture', p3)] });
    const to = makeDocument({ sections: [section('Culture', p3), section('Research at sea', p1, p2)] });
    expect(sectionsOf(to, from).renamed).toEqual([{ from: 'Research at sea', to: 'Fisheries', hunks: [] }]);
  });
});

describe('alignSections: blocks moved between sections', () => {
  it('shows text under a newly inserted heading as moved, not as removed from the lead and added', () => {
    const from = makeDocument({ sections: [section(null, p1, p2, p3)] });
    const to = makeDocument({ sections: [section(null, p1), section('Cooperation', p2, p3)] });
    expect(sectionsOf(from, to)).toEqual({
      added: ['Cooperation'],
      removed: [],
      moved: [
        { text: p2, from: null, to: 'Cooperation', hunks: [] },
        { text: p3, from: null, to: 'Cooperation', hunks: [] },
      ],
      changed: [],
    });
  });

  it('shows the text of a removed heading joining the section before it as moved there', () => {
    const from = makeDocument({ sections: [section('Bilateral relations', p1, p2), section('Representation', p4)] });
    const to = makeDocument({ sections: [section('Bilateral relations', p1, p2, p4)] });
    expect(sectionsOf(from, to)).toEqual({
      added: [],
      removed: ['Representation'],
      moved: [{ text: p4, from: 'Representation', to: 'Bilateral relations', hunks: [] }],
      changed: [],
    });
  });

  it('gives a block that moved and changed its word diff, and keeps real edits around it', () => {
    const edited = p4.replace('Bolivia', 'Peru');
    const from = makeDocument({ sections: [section('Bilateral relations', p1), section('Representation', p4, p3)] });
    const to = makeDocument({ sections: [section('Bilateral relations', edited, p1), section('Representation', `${p3} Courses are free.`)] });
    const change = sectionsOf(from, to);
    expect(change.moved).toEqual([
      { text: edited, from: 'Representation', to: 'Bilateral relations', hunks: [{ before: 'embassy in Santiago also covers', removed: 'Bolivia', added: 'Peru', after: 'and runs an honorary consulate' }] },
    ]);
    expect(change.changed).toEqual([
      { heading: 'Representation', hunks: [{ before: 'offered to four hundred students.', removed: '', added: 'Courses are free.', after: '' }] },
    ]);
  });

  it('does not call a block edited in place a move because a look-alike stands elsewhere', () => {
    const from = makeDocument({ sections: [section('A', p1, p2), section('B', p3)] });
    const to = makeDocument({ sections: [section('A', p1, p2.replace('autumn', 'winter')), section('B', p3, p2.replace('autumn', 'summer'))] });
    const change = sectionsOf(from, to);
    expect(change.moved).toBeUndefined();
    expect(change.changed.map((c) => c.heading)).toEqual(['A', 'B']);
  });

  it('does not move short blocks that recur anywhere', () => {
    const from = makeDocument({ sections: [section('A', p1, 'Read more'), section('B', p3)] });
    const to = makeDocument({ sections: [section('A', p1), section('B', p3, 'Read more')] });
    expect(sectionsOf(from, to).moved).toBeUndefined();
  });
});

describe('alignSections: a table of contents inside the article', () => {
  const toc = (...headings: string[]) => headings;

  it('is left out, so a heading added to it does not change the section it stands in', () => {
    const from = makeDocument({ sections: [section(null, p1, ...toc('Fisheries', 'Culture')), section('Fisheries', p2), section('Culture', p3)] });
    const to = makeDocument({
      sections: [section(null, p1, ...toc('1. Fisheries', '2. Culture', '3. Consular services')), section('Fisheries', p2), section('Culture', p3), section('Consular services', p4)],
    });
    expect(sectionsOf(from, to)).toEqual({ added: ['Consular services'], removed: [], changed: [] });
  });

  it('keeps a single line that says what a heading says, and lines naming no heading', () => {
    const from = makeDocument({ sections: [section(null, 'Fisheries'), section('Fisheries', p2)] });
    const to = makeDocument({ sections: [section(null, 'Culture', 'Fisheries'), section('Fisheries', p2)] });
    expect(sectionsOf(from, to).changed).toEqual([{ heading: null, hunks: [{ before: '', removed: '', added: 'Culture ¶', after: 'Fisheries' }] }]);
  });

  it('is recognised on an extracted page: a list of links to the article\'s own headings', () => {
    const page = (headings: string[]) =>
      `<!doctype html><html lang="en"><head><title>Norway and Chile</title></head><body><main><article><h1>Norway and Chile</h1><p>${p1}</p>` +
      `<ul>${headings.map((h, i) => `<li><a href="#s${i}">${h}</a></li>`).join('')}</ul>` +
      headings.map((h, i) => `<h2 id="s${i}">${h}</h2><p>${[p2, p3, p4][i]}</p>`).join('') +
      '</article></main></body></html>';
    const from = extractDocument(page(['Fisheries', 'Culture']), { url: 'https://example.org/norway-chile' });
    const to = extractDocument(page(['Fisheries', 'Culture', 'Consular services']), { url: 'https://example.org/norway-chile' });
    expect(diffDocuments(from, to).sections).toEqual({ added: ['Consular services'], removed: [], changed: [] });
  });
});
