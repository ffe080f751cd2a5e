/**
 * Alignment of figures as one assignment over the page (issue 19), on small hand-written
 * documents: each class of figure the greedy, same-kind, same-unit alignment gave up on, and the
 * pairs that must stay apart however alike they look.
 */
import { describe, expect, it } from 'vitest';
import { alignFigures, continueSeries } from '../../src/diff/align-figures.ts';
import type { Figure } from '../../src/model/index.ts';
import { figure } from './make-document.ts';

const fr = (overrides: Partial<Figure> & Pick<Figure, 'key'>): Figure => figure({ section: 'Relations politiques', period: null, unit: null, ...overrides });

describe('alignFigures: what the whole-page assignment pairs', () => {
  it('keeps an unchanged figure silent when its sentence was reworded and merged (no shared key)', () => {
    const before = figure({
      key: 'percent/exports-falling-sharply', kind: 'percent', value: 41.5, unit: '%', raw: 'down 41.5%', direction: 'down', period: null,
      sentence: 'Following an exceptional year in 2015, the year 2016 was punctuated by a reduction in trade between France and Ghana, with French exports falling sharply (down 41.5%).',
    });
    const after = {
      ...before,
      key: 'percent/fluctuating-growth-figures-past-french-sales',
      sentence: 'Fluctuating growth figures over the past four years have affected French-Ghanaian bilateral trade: following an exceptional year in 2015, bilateral trade slowed considerably in 2016, with French sales down 41.5%.',
    };
    expect(alignFigures([before], [after])).toEqual({ added: [], removed: [], changed: [] });
  });

  it('keeps a reworded date silent (German, inflected words)', () => {
    const before = fr({ key: 'date/bern-zusammengekommen', kind: 'date', value: '2018-08-24', raw: '24. August 2018', section: '1. Politische Beziehung und jüngste Besuche',
      sentence: 'Die Außenminister Le Drian und Cassis waren zuvor im März 2020 in Paris und am 24. August 2018 in Bern zusammengekommen.' });
    const after = { ...before, key: 'date/amtskollege-ignazio-cassis-bern-miteinander', section: 'Politische Beziehungen und jüngste Besuche',
      sentence: 'Zuvor sprachen der französische Außenminister und sein Schweizer Amtskollege Ignazio Cassis am 24. August 2018 in Bern miteinander.' };
    expect(alignFigures([before], [after])).toEqual({ added: [], removed: [], changed: [] });
  });

  it('pairs a changed value in a reworded sentence', () => {
    const before = fr({ key: 'rank/annee-marque-anniversaire-relations-bilaterales', kind: 'rank', value: 50, raw: '50e anniversaire', section: null,
      sentence: 'L’année 2012 a marqué le 50e anniversaire de ces relations bilatérales et, à cette occasion, des activités commémoratives ont été organisées.' });
    const after = { ...before, key: 'rank/annee-marquant-anniversaire-relations-bilaterales', value: 60, raw: '60e anniversaire', section: 'Relations bilatérales',
      sentence: 'L’établissement des relations diplomatiques remonte à 1962, l’année 2022 marquant le 60e anniversaire de ces relations bilatérales.' };
    const { added, removed, changed } = alignFigures([before], [after]);
    expect([added, removed]).toEqual([[], []]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ from: before, to: after, matchedBy: 'context', delta: { absolute: 10 } });
    expect(changed[0]!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(changed[0]!.confidence).toBeLessThanOrEqual(1);
  });

  it('pairs a year with the date that now says the same event more precisely ("en 2012" → "en janvier 2012")', () => {
    const year = fr({ key: 'year/premier-accord-signe-paris', kind: 'year', value: 2012, raw: '2012', period: '2012',
      sentence: 'Le premier accord de coopération a été signé en 2012 à Paris.' });
    const date = fr({ key: 'date/accord-cooperation-signe', kind: 'date', value: '2012-01', raw: 'janvier 2012',
      sentence: 'Le premier accord de coopération a été signé en janvier 2012 à Paris.' });
    const { added, removed, changed } = alignFigures([year], [date]);
    expect([added, removed]).toEqual([[], []]);
    expect(changed).toEqual([{ key: date.key, from: year, to: date, matchedBy: 'context', confidence: expect.any(Number) }]);
  });

  it('pairs a duration over a range with the range that replaced it ("cinq ans (2019-2023)" → "2023-2027")', () => {
    const duration = fr({ key: 'measure/programme-cooperation-couvre', kind: 'measure', value: 5, unit: 'years', raw: 'cinq ans', period: '2019-2023',
      section: 'Coopération', sentence: 'Le programme de coopération couvre cinq ans (2019-2023).' });
    const range = fr({ key: 'year/cooperation-couvre-periode', kind: 'year', value: 2023, raw: '2023-2027', period: '2023-2027',
      section: 'Coopération', sentence: 'Le programme de coopération couvre la période 2023-2027.' });
    const { added, removed, changed } = alignFigures([duration], [range]);
    expect([added, removed]).toEqual([[], []]);
    expect(changed.map((c) => [c.from.raw, c.to.raw, c.matchedBy])).toEqual([['cinq ans', '2023-2027', 'context']]);
  });

  it('pairs the same quantity in another currency, without a delta (30,3 Milliarden US-Dollar → 33,9 Milliarden Euro)', () => {
    // A crossing of currencies needs more context than a change in one currency (MIN_CONTEXT.crossing).
    const usd = figure({ key: 'money/handelsvolumen-betrug', value: 30_300_000_000, unit: 'USD', raw: '30,3 Milliarden US-Dollar', period: '2018',
      section: 'Wirtschaftsbeziehungen', sentence: 'Das bilaterale Handelsvolumen zwischen Frankreich und der Schweiz betrug 30,3 Milliarden US-Dollar (2018).' });
    const eur = { ...usd, key: 'money/handelsvolumen-belief-sich', value: 33_900_000_000, unit: 'EUR', raw: '33,9 Milliarden Euro', period: '2023',
      sentence: 'Das bilaterale Handelsvolumen zwischen Frankreich und der Schweiz belief sich auf 33,9 Milliarden Euro (2023).' };
    const { added, removed, changed } = alignFigures([usd], [eur]);
    expect([added, removed]).toEqual([[], []]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ from: usd, to: eur, matchedBy: 'context' });
    expect(changed[0]!.delta).toBeUndefined();
  });

  it('pairs a coarser date of the same event ("du 13 au 16 octobre 2018" → "en octobre 2018")', () => {
    const days = fr({ key: 'date/sommet-tenu-erevan', kind: 'date', value: '2018-10-13', raw: '13 au 16 octobre 2018',
      sentence: 'Le sommet de la Francophonie s’est tenu du 13 au 16 octobre 2018 à Erevan.' });
    const month = fr({ key: 'date/sommet-francophonie-erevan', kind: 'date', value: '2018-10', raw: 'octobre 2018',
      sentence: 'Le XVIIe sommet de la Francophonie a eu lieu en octobre 2018 à Erevan, en Arménie.' });
    const { added, removed, changed } = alignFigures([days], [month]);
    expect([added, removed]).toEqual([[], []]);
    expect(changed.map((c) => [c.from.raw, c.to.raw])).toEqual([['13 au 16 octobre 2018', 'octobre 2018']]);
  });

  it('overrules a key that a rewording moved onto a neighbour: no "2019 → 2016"', () => {
    const old = 'La France dispose, avec le Luxembourg (depuis 2016) et la Hongrie (un chargé d’affaires depuis 2019), de l’une des quatre représentations européennes à Vientiane.';
    const now = 'La France dispose, avec le Luxembourg (chargé d’affaires depuis 2016) et la Hongrie (un chargé d’affaires depuis 2019), de l’une des quatre représentations européennes à Vientiane.';
    const y = (value: number, key: string, sentence: string) => fr({ key, kind: 'year', value, raw: String(value), period: String(value), section: null, sentence });
    const before = [y(2016, 'year/royaume-uni-luxembourg', old), y(2019, 'year/charge-affaires', old)];
    const after = [y(2016, 'year/charge-affaires', now), y(2019, 'year/charge-affaires#2', now)];
    expect(alignFigures(before, after)).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('alignFigures: what stays apart (added + removed, never a false pairing)', () => {
  it('two different quantities with the same value in unrelated sentences', () => {
    const inflation = figure({ key: 'percent/inflation-reached', kind: 'percent', value: 3, unit: '%', raw: '3%', period: '2019',
      sentence: 'Inflation reached 3% in 2019, after a decade of stable prices.' });
    const tariff = { ...inflation, key: 'percent/average-tariff-imports', sentence: 'The average tariff on French imports is 3% (2019).' };
    const { added, removed, changed } = alignFigures([inflation], [tariff]);
    expect(changed).toEqual([]);
    expect(added).toEqual([tariff]);
    expect(removed).toEqual([inflation]);
  });

  it('a count of NGOs and a count of programmes, even in look-alike sentences', () => {
    const ngos = fr({ key: 'count/france-soutient-ong', kind: 'count', value: 2, raw: 'deux ONG françaises', section: 'Coopération',
      sentence: 'En Corée du Nord, la France soutient deux ONG françaises sur le terrain.' });
    const programmes = { ...ngos, key: 'count/france-soutient-programmes', raw: 'deux programmes de coopération',
      sentence: 'En Corée du Nord, la France soutient deux programmes de coopération sur le terrain.' };
    const three = { ...programmes, value: 3, raw: 'trois programmes de coopération',
      sentence: 'En Corée du Nord, la France soutient trois programmes de coopération sur le terrain.' };
    expect(alignFigures([ngos], [programmes])).toEqual({ added: [programmes], removed: [ngos], changed: [] });
    expect(alignFigures([ngos], [three])).toEqual({ added: [three], removed: [ngos], changed: [] });
  });

  it('a money figure and a percent, or two measures in different units, whatever their words', () => {
    const money = figure({ key: 'money/trade', value: 17, unit: 'EUR', raw: '€17', sentence: 'Trade reached 17 in 2016.' });
    const percent = { ...money, key: 'percent/trade', kind: 'percent' as const, unit: '%', raw: '17%' };
    expect(alignFigures([money], [percent])).toEqual({ added: [percent], removed: [money], changed: [] });
    const km = fr({ key: 'measure/superficie', kind: 'measure', value: 120_500, unit: 'km²', raw: '120 500 km²', sentence: 'Superficie : 120 500 km²' });
    const ha = { ...km, key: 'measure/superficie-ha', unit: 'ha', raw: '120 500 ha', sentence: 'Superficie : 120 500 ha' };
    expect(alignFigures([km], [ha]).changed).toEqual([]);
  });

  it('a date that moved, when two look-alike entries could have replaced it', () => {
    const visit = (value: string, raw: string) =>
      fr({ key: `date/visit-minister-trade-${value}`, kind: 'date', value, raw, section: 'Visits', sentence: `${raw}: Visit of the Minister of Foreign Trade to Accra.` });
    const old = visit('2013-05', 'May 2013');
    const { changed, added, removed } = alignFigures([old], [visit('2014-06', 'June 2014'), visit('2014-07', 'July 2014')]);
    expect(changed).toEqual([]);
    expect(added).toHaveLength(2);
    expect(removed).toEqual([old]);
  });

  it('a year and a date of different events', () => {
    const year = fr({ key: 'year/office-opened', kind: 'year', value: 2017, raw: '2017', period: '2017',
      sentence: 'The French cooperation office opened in Pyongyang in 2017.' });
    const date = fr({ key: 'date/minister-visited-seoul', kind: 'date', value: '2017-12', raw: 'December 2017',
      sentence: 'The Minister visited Seoul in December 2017 for the Olympic preparations.' });
    expect(alignFigures([year], [date])).toEqual({ added: [date], removed: [year], changed: [] });
  });
});

describe('alignFigures: shares of a distribution ("quatre à Paris, deux à …")', () => {
  // As the extractor gives them: a share carries its place ("à Lyon").
  const share = (key: string, value: number, raw: string, sentence: string) => fr({ key, kind: 'count', value, raw, section: null, sentence, place: raw.slice(raw.indexOf(' ') + 1) });
  const old = 'Depuis 2010, cinq sommets ont eu lieu (trois à Lyon, deux à Bombay), ainsi que des visites.';

  it('keeps a share silent when its place is renamed', () => {
    const now = 'Depuis 2010, cinq sommets ont eu lieu (trois à Lyon, deux à Mumbai), ainsi que des visites.';
    const before = [share('count/sommets-lyon', 3, 'trois à Lyon', old), share('count/bombay', 2, 'deux à Bombay', old)];
    const after = [share('count/sommets-lyon', 3, 'trois à Lyon', now), share('count/mumbai', 2, 'deux à Mumbai', now)];
    expect(alignFigures(before, after)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('pairs a share by its place, not by an equal number of another place', () => {
    const now = 'Depuis 2010, trois sommets ont eu lieu (deux à Lyon, une à Bombay), ainsi que des visites.';
    const before = [share('count/sommets-lyon', 3, 'trois à Lyon', old), share('count/bombay', 2, 'deux à Bombay', old)];
    const after = [share('count/sommets-lyon', 2, 'deux à Lyon', now), share('count/sommets-bombay', 1, 'une à Bombay', now)];
    const { added, removed, changed } = alignFigures(before, after);
    expect([added, removed]).toEqual([[], []]);
    expect(changed.map((c) => [c.from.raw, c.to.raw])).toEqual([['trois à Lyon', 'deux à Lyon'], ['deux à Bombay', 'une à Bombay']]);
  });
});

describe('alignFigures: counts of occurrences', () => {
  it('pairs "thrice" with "four times" in the same sentence (a changed count, not removed + added)', () => {
    const sentence = (n: string) => `The country has held peaceful handovers of power after elections ${n}, the latest in 2020.`;
    const before = fr({ key: 'count/handovers-power-elections', kind: 'count', value: 3, raw: 'thrice', section: null, sentence: sentence('thrice') });
    const after = fr({ key: 'count/handovers-power-elections-times', kind: 'count', value: 4, raw: 'four times', section: null, sentence: sentence('four times') });
    const { added, removed, changed } = alignFigures([before], [after]);
    expect([added, removed]).toEqual([[], []]);
    expect(changed.map((c) => [c.from.raw, c.to.raw])).toEqual([['thrice', 'four times']]);
  });
});

describe('alignFigures: what a count counts, read loosely where a reader would', () => {
  it('pairs counts of people named by different nouns ("people" → "citizens")', () => {
    const before = fr({ key: 'count/people-origin-live', kind: 'count', value: 412_000, raw: 'over 412,000 people', section: null,
      sentence: 'According to the 2011 census, over 412,000 people of Chilean origin live in Canada.' });
    const after = fr({ key: 'count/citizens-origin-live', kind: 'count', value: 500_000, raw: 'close to 500,000 citizens', section: null,
      sentence: 'According to the 2016 census, close to 500,000 citizens of Chilean origin live in Canada.' });
    const { added, removed, changed } = alignFigures([before], [after]);
    expect([added, removed]).toEqual([[], []]);
    expect(changed.map((c) => [c.from.raw, c.to.raw])).toEqual([['over 412,000 people', 'close to 500,000 citizens']]);
  });

  it('keeps counts of different things apart however alike their sentences ("people" ≠ "companies")', () => {
    const before = fr({ key: 'count/people-origin', kind: 'count', value: 412_000, raw: 'over 412,000 people', section: null,
      sentence: 'Over 412,000 people of Chilean origin live in Canada.' });
    const after = fr({ key: 'count/companies-origin', kind: 'count', value: 500, raw: 'over 500 companies', section: null,
      sentence: 'Over 500 companies of Chilean origin work in Canada.' });
    expect(alignFigures([before], [after]).changed).toEqual([]);
  });

  it('an approximation ("estimé à") names nothing counted', () => {
    const before = fr({ key: 'count/nombre-belges-origine', kind: 'count', value: 20_000, raw: 'estimé à 20 000', section: null,
      sentence: 'Le nombre de Canadiens d’origine belge est estimé à 20 000, selon le consulat.' });
    const after = fr({ key: 'count/diaspora-belge-personnes', kind: 'count', value: 21_000, raw: 'près de 21 000 personnes', section: null,
      sentence: 'Le nombre de Canadiens d’origine belge atteint près de 21 000 personnes, selon le consulat.' });
    const { added, removed, changed } = alignFigures([before], [after]);
    expect([added, removed]).toEqual([[], []]);
    expect(changed.map((c) => [c.from.raw, c.to.raw])).toEqual([['estimé à 20 000', 'près de 21 000 personnes']]);
  });
});

describe('continueSeries', () => {
  it('never gives one version the same series twice: a new figure under a key a continued series is named by takes its own', () => {
    const older = [fr({ key: 'count/consulates', kind: 'count', value: 3, raw: 'three consulates', sentence: 'France has three consulates.', series: 'count/consulates' })];
    const moved = fr({ key: 'count/consulates-general', kind: 'count', value: 4, raw: 'four consulates general', sentence: 'France has four consulates general.' });
    const newcomer = fr({ key: 'count/consulates', kind: 'count', value: 2, raw: 'two consulates', sentence: 'Two consulates opened in the north.' });
    const newer = continueSeries(older, [moved, newcomer], { pairs: new Map([[0, 0]]), byContext: new Map([[0, 0.9]]) });
    expect(newer.map((f) => f.series)).toEqual(['count/consulates', 'count/consulates~2']);
  });
});
