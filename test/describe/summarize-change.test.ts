import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/diff-documents.ts';
import { pageFactsOf, summarizeChange, summarizeFirstCapture } from '../../src/describe/summarize-change.ts';
import { emptyChange, figure, makeDocument, section } from '../diff/make-document.ts';

describe('summarizeChange', () => {
  it('calls a missing previous version a first capture', () => {
    expect(summarizeChange(null)).toBe('first capture');
  });

  it('says "no change" for an empty change', () => {
    expect(summarizeChange(emptyChange())).toBe('no change');
  });

  it('summarises a new section with its figures', () => {
    const from = makeDocument({ sections: [section('Political relations', 'Text.')] });
    const aid = (n: number) => figure({ key: `eu/figure-${n}`, section: 'Relations with the European Union' });
    const to = makeDocument({
      updated: '2017-10-26',
      updatedText: 'Updated: 26 October 2017',
      sections: [section('Political relations', 'Text.'), section('Relations with the European Union', 'EU text.')],
      figures: Array.from({ length: 12 }, (_, i) => aid(i)),
    });
    expect(summarizeChange(diffDocuments(from, to))).toBe(
      'revision stamp 2017-07-05 → 2017-10-26; 1 section added (Relations with the European Union); 12 figures added',
    );
  });

  it('summarises a moved, rewritten page with a changed figure', () => {
    const trade = figure({ key: 'trade' });
    const from = makeDocument({
      sections: [section('Political relations', 'a'), section('French presence', 'b'), section('Economic relations', 'c')],
      figures: [trade],
    });
    const to = makeDocument({
      url: 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/',
      updated: '2020-05',
      sections: [section('Economic relations', 'c, now d')],
      figures: [{ ...trade, value: 5_100_000, raw: '€5.1 million', period: '2017', sentence: 'Trade between France and North Korea is not very significant (€5.1 million in 2017).' }],
    });
    expect(summarizeChange(diffDocuments(from, to))).toBe(
      'page moved; revision stamp 2017-07-05 → 2020-05; 2 sections removed (Political relations, French presence); ' +
        '1 section changed (Economic relations); ' +
        '1 figure changed (Trade between France and North Korea: €8.2 million in 2016 → €5.1 million in 2017)',
    );
  });

  it('lists at most three names, and names the lead section', () => {
    const change = emptyChange();
    change.sections.removed = ['A', 'B', 'C', 'D', 'E'];
    change.sections.changed = [{ heading: null, hunks: [] }];
    expect(summarizeChange(change)).toBe('5 sections removed (A, B, C and 2 more); 1 section changed (lead text)');
  });
});

describe('summarizeFirstCapture', () => {
  it('counts the headed sections and the figures', () => {
    const doc = makeDocument({
      sections: [section(null, 'Lead.'), section('Political relations', 'a'), section('Economic relations', 'b')],
      figures: [figure({ key: 'trade' })],
    });
    expect(summarizeFirstCapture('France and North Korea', pageFactsOf(doc))).toBe('first capture of France and North Korea: 2 sections, 1 figure');
  });
  it('names only the title without the document', () => {
    expect(summarizeFirstCapture('France and North Korea', undefined)).toBe('first capture of France and North Korea');
  });
});
