import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/diff-documents.ts';
import { isEmptyChange } from '../../src/diff/is-empty-change.ts';
import { figure, makeDocument, section } from './make-document.ts';

const political = 'France does not have diplomatic relations with the DPRK.';
const economic = 'Trade between France and North Korea is not very significant (€8.2 million in 2016).';

describe('diffDocuments: metadata', () => {
  it('always fills the revision stamps, and finds nothing in two equal documents', () => {
    const doc = makeDocument({ sections: [section('Political relations', political)] });
    const change = diffDocuments(doc, structuredClone(doc));
    expect(change.updated).toEqual({ from: '2017-07-05', to: '2017-07-05' });
    expect(change.url).toBeNull();
    expect(change.title).toBeNull();
    expect(change.sections).toEqual({ added: [], removed: [], changed: [] });
    expect(change.figures).toEqual({ added: [], removed: [], changed: [] });
    expect(isEmptyChange(change)).toBe(true);
  });

  it('reports a stamp-only revision as a non-empty change', () => {
    const change = diffDocuments(makeDocument(), makeDocument({ updated: '2017-10-26', updatedText: 'Updated: 26 October 2017' }));
    expect(change.updated).toEqual({ from: '2017-07-05', to: '2017-10-26' });
    expect(isEmptyChange(change)).toBe(false);
  });

  it('reports a moved page and a retitled page', () => {
    const from = makeDocument();
    const to = makeDocument({
      url: 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/',
      title: 'France and the DPRK',
    });
    const change = diffDocuments(from, to);
    expect(change.url).toEqual({ from: from.url, to: to.url });
    expect(change.title).toEqual({ from: 'France and North Korea', to: 'France and the DPRK' });
    expect(isEmptyChange({ ...change, title: null })).toBe(false);
  });

  it('does not call "no URL known" → URL a move, nor whitespace in the title a retitle', () => {
    const change = diffDocuments(makeDocument({ url: null }), makeDocument({ title: ' France  and North Korea ' }));
    expect(change.url).toBeNull();
    expect(change.title).toBeNull();
  });
});

describe('diffDocuments: sections', () => {
  it('finds added and removed sections by heading, in page order', () => {
    const from = makeDocument({
      sections: [section('Political relations', political), section('French presence', 'Fewer than ten French nationals.')],
    });
    const to = makeDocument({
      sections: [
        section('Political relations', political),
        section('Relations with the European Union', 'The European Union has maintained diplomatic relations.'),
        section('Economic relations', economic),
      ],
    });
    const change = diffDocuments(from, to);
    expect(change.sections.added).toEqual(['Relations with the European Union', 'Economic relations']);
    expect(change.sections.removed).toEqual(['French presence']);
    expect(change.sections.changed).toEqual([]);
  });

  it('aligns headings that differ only in case and spacing', () => {
    const from = makeDocument({ sections: [section('Political relations', political)] });
    const same = makeDocument({ sections: [section('Political  Relations', political)] });
    expect(diffDocuments(from, same).sections).toEqual({ added: [], removed: [], changed: [] });

    const edited = makeDocument({
      sections: [section('Political Relations', 'France does not have diplomatic relations with North Korea.')],
    });
    const change = diffDocuments(from, edited);
    expect(change.sections.added).toEqual([]);
    expect(change.sections.removed).toEqual([]);
    expect(change.sections.changed).toEqual([
      {
        heading: 'Political Relations',
        hunks: [{ before: 'not have diplomatic relations with', removed: 'the DPRK.', added: 'North Korea.', after: '' }],
      },
    ]);
  });

  it('gives word hunks with a few words of context, merging edits a couple of words apart', () => {
    const from = makeDocument({ sections: [section('Economic relations', `${economic} There are no French companies working in the country.`)] });
    const to = makeDocument({
      sections: [
        section(
          'Economic relations',
          'Trade between France and North Korea is not very significant (€5.1 million in 2017). There are no French companies working in the country.',
        ),
      ],
    });
    const [changed] = diffDocuments(from, to).sections.changed;
    expect(changed?.hunks).toEqual([
      {
        before: 'Korea is not very significant',
        removed: '(€8.2 million in 2016).',
        added: '(€5.1 million in 2017).',
        after: 'There are no French companies',
      },
    ]);
  });

  it('keeps distant edits as separate hunks and does not take context across paragraphs', () => {
    const from = makeDocument({
      sections: [section('S', 'alpha one two three four five six seven eight nine ten omega', 'next paragraph starts here')],
    });
    const to = makeDocument({
      sections: [section('S', 'ALPHA one two three four five six seven eight nine ten OMEGA', 'next paragraph starts here')],
    });
    const [changed] = diffDocuments(from, to).sections.changed;
    expect(changed?.hunks).toEqual([
      { before: '', removed: 'alpha', added: 'ALPHA', after: 'one two three four five' },
      { before: 'six seven eight nine ten', removed: 'omega', added: 'OMEGA', after: '' },
    ]);
  });

  it('ignores the revision-stamp block, which moves with every revision', () => {
    const from = makeDocument({ sections: [section('Other types of cooperation', 'France helps.', 'Updated: 5 July 2017')] });
    const to = makeDocument({
      updated: '2017-10-26',
      updatedText: 'Updated: 26 October 2017',
      sections: [section('Other types of cooperation', 'France helps.'), section('Relations with the European Union', 'EU text.', 'Updated: 26 October 2017')],
    });
    const change = diffDocuments(from, to);
    expect(change.sections.changed).toEqual([]);
    expect(change.sections.added).toEqual(['Relations with the European Union']);
  });

  it('treats lead text appearing or vanishing as a change of the lead section (heading null)', () => {
    const withLead = makeDocument({ sections: [section(null, 'A short lead.'), section('Political relations', political)] });
    const without = makeDocument({ sections: [section('Political relations', political)] });
    expect(diffDocuments(without, withLead).sections).toEqual({
      added: [],
      removed: [],
      changed: [{ heading: null, hunks: [{ before: '', removed: '', added: 'A short lead.', after: '' }] }],
    });
    expect(diffDocuments(withLead, without).sections.changed).toEqual([
      { heading: null, hunks: [{ before: '', removed: 'A short lead.', added: '', after: '' }] },
    ]);
  });

  it('pairs repeated headings by occurrence', () => {
    const from = makeDocument({ sections: [section('Sources', 'first list'), section('Sources', 'second list')] });
    const to = makeDocument({ sections: [section('Sources', 'first list'), section('Sources', 'second list, longer')] });
    const change = diffDocuments(from, to);
    expect(change.sections.changed).toEqual([
      { heading: 'Sources', hunks: [{ before: 'second', removed: 'list', added: 'list, longer', after: '' }] },
    ]);
  });
});

describe('diffDocuments: figures', () => {
  const trade = figure({ key: 'economic-relations/trade-not-very-significant/money' });

  it('reports a figure whose value and period changed under the same key as one change', () => {
    const newer = figure({
      key: trade.key,
      value: 5_100_000,
      raw: '€5.1 million',
      period: '2017',
      sentence: 'Trade between France and North Korea is not very significant (€5.1 million in 2017).',
    });
    const change = diffDocuments(makeDocument({ figures: [trade] }), makeDocument({ figures: [newer] }));
    expect(change.figures).toEqual({
      added: [],
      removed: [],
      changed: [{ key: trade.key, from: trade, to: newer, delta: { absolute: -3_100_000, relative: -0.378048780488 } }],
    });
  });

  it('counts a change of unit alone, or of period alone, as a change', () => {
    const usd = { ...trade, unit: 'USD' };
    const later = { ...trade, period: '2017' };
    expect(diffDocuments(makeDocument({ figures: [trade] }), makeDocument({ figures: [usd] })).figures.changed).toHaveLength(1);
    expect(diffDocuments(makeDocument({ figures: [trade] }), makeDocument({ figures: [later] })).figures.changed).toHaveLength(1);
  });

  it('does not count a new spelling or a reworded sentence with the same value as a change', () => {
    const respelled = { ...trade, raw: '€8,200,000', sentence: 'Trade with North Korea remains modest (€8,200,000 in 2016).' };
    const change = diffDocuments(makeDocument({ figures: [trade] }), makeDocument({ figures: [respelled] }));
    expect(change.figures).toEqual({ added: [], removed: [], changed: [] });
    expect(isEmptyChange(change)).toBe(true);
  });

  it('reports figures only in the newer document as added and only in the older as removed', () => {
    const aid = figure({
      key: 'eu/humanitarian-aid-totalled/money', value: 135_300_000, raw: '€135.3 million', section: 'Relations with the European Union',
      sentence: 'EU humanitarian aid totalled €135.3 million for 130 projects for the period 1995-2015.', period: '1995-2015',
    });
    const exports = figure({
      key: 'economic-relations/french-exports-amount-to/money', value: 2_000_000, raw: '€2 million', period: null,
      sentence: 'French exports amount to €2 million and North Korea ranks 200 among France’s customers (0.004% of our exports).',
    });
    const change = diffDocuments(makeDocument({ figures: [trade, exports] }), makeDocument({ figures: [trade, aid] }));
    expect(change.figures.added).toEqual([aid]);
    expect(change.figures.removed).toEqual([exports]);
    expect(change.figures.changed).toEqual([]);
  });

  it('pairs repeated keys by occurrence and compares keys case-insensitively', () => {
    const two = figure({ key: 'Cooperation/programmes/count', kind: 'count', value: 2, unit: null, raw: 'two', period: null });
    const three = { ...two, value: 3, raw: 'three' };
    const lower = { ...two, key: 'cooperation/programmes/count' };
    const change = diffDocuments(makeDocument({ figures: [two, two] }), makeDocument({ figures: [lower, three, three] }));
    expect(change.figures.changed).toEqual([{ key: two.key, from: two, to: three, delta: { absolute: 1, relative: 0.5 } }]);
    expect(change.figures.added).toEqual([three]);
    expect(change.figures.removed).toEqual([]);
  });

  it('does not report a figure whose key drifted when it says the same thing in the same section', () => {
    const opened = figure({ key: 'date/cooperation-office-opened', kind: 'date', value: '2011-10-10', unit: null, raw: '10 October 2011', section: 'Political relations', period: null });
    const rekeyed = { ...opened, key: 'date/opened-pyongyang', section: 'Political Relations' };
    const change = diffDocuments(makeDocument({ figures: [opened] }), makeDocument({ figures: [rekeyed] }));
    expect(change.figures).toEqual({ added: [], removed: [], changed: [] });
  });

  it('keeps drifted keys apart when their sentences have nothing in common, whatever the value', () => {
    const two = figure({
      key: 'a', kind: 'count', value: 2, unit: null, raw: 'two cooperation programmes', section: 'Cooperation', period: null,
      sentence: 'France is conducting two cooperation programmes in North Korea:',
    });
    const ngos = { ...two, key: 'c', raw: 'two French NGOs', sentence: 'It also supports two French NGOs on the ground.' };
    const change = diffDocuments(makeDocument({ figures: [two] }), makeDocument({ figures: [ngos] }));
    expect(change.figures.added).toEqual([ngos]);
    expect(change.figures.removed).toEqual([two]);
    expect(change.figures.changed).toEqual([]);
  });

  it('pairs a drifted key by its sentence even across sections (a moved paragraph), unchanged or changed', () => {
    const two = figure({
      key: 'count/conducting-cooperation-programmes', kind: 'count', value: 2, unit: null, raw: 'two cooperation programmes', section: 'Cooperation', period: null,
      sentence: 'France is conducting two cooperation programmes in North Korea:',
    });
    const moved = { ...two, key: 'count/conducts-cooperation-programmes', section: 'Political relations' };
    expect(diffDocuments(makeDocument({ figures: [two] }), makeDocument({ figures: [moved] })).figures).toEqual({ added: [], removed: [], changed: [] });
    const three = { ...moved, value: 3, raw: 'three cooperation programmes', sentence: 'France now conducts three cooperation programmes in North Korea:' };
    expect(diffDocuments(makeDocument({ figures: [two] }), makeDocument({ figures: [three] })).figures).toEqual({
      added: [],
      removed: [],
      changed: [{ key: moved.key, from: two, to: three, delta: { absolute: 1, relative: 0.5 }, matchedBy: 'context', confidence: expect.any(Number) }],
    });
  });
});
