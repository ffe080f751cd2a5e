/**
 * Keys that survive revisions, on the real revisions of
 * https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/
 * (5 July 2017 → 26 October 2017, which only adds a section) and on synthetic edits of the
 * 26 October 2017 text (a changed amount, a moved paragraph).
 */
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/extract/figures/index.ts';
import type { Figure, Section } from '../../src/model/index.ts';
import { buildSections, JULY_FILE, NORTH_KOREA_EN_HEADINGS, readCorpus, SEED_FILE } from './corpus-sections.ts';

const seedText = readCorpus(SEED_FILE);

function byKey(figures: Figure[]): Map<string, Figure> {
  return new Map(figures.map((f) => [f.key, f]));
}

function figuresOf(text: string): Figure[] {
  return extractFigures(buildSections(text, NORTH_KOREA_EN_HEADINGS), 'en');
}

describe('figure keys across revisions', () => {
  it('5 July 2017 → 26 October 2017: every July figure is in October with the same key and value', () => {
    const july = figuresOf(readCorpus(JULY_FILE));
    const october = byKey(figuresOf(seedText));
    expect(july.length).toBeGreaterThan(10);
    for (const figure of july) {
      const twin = october.get(figure.key);
      expect(twin, figure.key).toBeDefined();
      expect(twin).toMatchObject({ kind: figure.kind, value: figure.value, unit: figure.unit, period: figure.period });
    }
    // The new section's figures are new keys, not renamed old ones.
    const julyKeys = new Set(july.map((f) => f.key));
    const added = [...october.values()].filter((f) => !julyKeys.has(f.key));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((f) => f.section === 'Relations with the European Union')).toBe(true);
  });

  it('a changed amount and year ("€8.2 million in 2016" → "€5.1 million in 2017") is one changed figure', () => {
    expect(seedText).toContain('(€8.2 million in 2016)');
    const before = byKey(figuresOf(seedText));
    const after = byKey(figuresOf(seedText.replace('(€8.2 million in 2016)', '(€5.1 million in 2017)')));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...before.keys()].filter((key) => {
      const a = before.get(key)!;
      const b = after.get(key)!;
      return a.value !== b.value || a.period !== b.period || a.raw !== b.raw;
    });
    expect(changed).toHaveLength(1);
    const key = changed[0]!;
    expect(before.get(key)).toMatchObject({ kind: 'money', value: 8_200_000, period: '2016', unit: 'EUR' });
    expect(after.get(key)).toMatchObject({ kind: 'money', value: 5_100_000, period: '2017', unit: 'EUR' });
  });

  it('a paragraph moved to another section keeps its figures\u2019 keys and values', () => {
    const sections = buildSections(seedText, NORTH_KOREA_EN_HEADINGS);
    const economic = sections.find((s) => s.heading === 'Economic relations')!;
    const political = sections.find((s) => s.heading === 'Political relations')!;
    const moved: Section[] = sections.map((s) => {
      if (s === economic) return { ...s, blocks: [] };
      if (s === political) return { ...s, blocks: [...s.blocks, ...economic.blocks] };
      return s;
    });
    const before = extractFigures(sections, 'en');
    const after = byKey(extractFigures(moved, 'en'));
    expect(before.filter((f) => f.section === 'Economic relations').length).toBeGreaterThan(5);
    expect([...after.keys()].sort()).toEqual(before.map((f) => f.key).sort());
    for (const figure of before) {
      expect(after.get(figure.key)).toMatchObject({ value: figure.value, kind: figure.kind, raw: figure.raw });
    }
    expect(after.get(before.find((f) => f.raw === '€8.2 million')!.key)?.section).toBe('Political relations');
  });

  it('keys are deterministic and readable', () => {
    const once = figuresOf(seedText).map((f) => f.key);
    const twice = figuresOf(seedText).map((f) => f.key);
    expect(twice).toEqual(once);
    for (const key of once) expect(key).toMatch(/^(?:money|percent|rank|count|measure|date|year)\/[a-z0-9-]+(?:[@#][a-z0-9-]+)?$/u);
  });

  it('twins in one sentence are told apart by order of appearance', () => {
    const dates = figuresOf(seedText).filter((f) => f.sentence.startsWith('They were strengthened'));
    expect(dates.map((f) => f.value)).toEqual(['2016-05', '2017-04-06', '2017-10-16']);
    const [first, second, third] = dates.map((f) => f.key);
    expect(second).toBe(`${first}#2`);
    expect(third).toBe(`${first}#3`);
  });
});
