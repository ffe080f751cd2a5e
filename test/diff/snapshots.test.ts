/**
 * Golden diffs over the recorded revisions of "France and North Korea"
 * (https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/ and,
 * from May 2020, https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/).
 * Pages and URLs come from snapshots/manifest.json; see snapshots/README.md for provenance.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/diff-documents.ts';
import { extractDocument } from '../../src/extract/extract-document.ts';
import type { PageDocument } from '../../src/model/index.ts';

const snapshotsDir = new URL('../../snapshots/', import.meta.url);

interface Manifest {
  sources: Array<{ source: string; revisions: Array<{ revision: string; url: string; file: string }> }>;
}

const manifest = JSON.parse(readFileSync(new URL('manifest.json', snapshotsDir), 'utf8')) as Manifest;

function loadRevision(revision: string): PageDocument {
  const entry = manifest.sources
    .find((s) => s.source === 'france-north-korea')
    ?.revisions.find((r) => r.revision === revision);
  if (entry === undefined) throw new Error(`revision ${revision} is not in snapshots/manifest.json`);
  return extractDocument(readFileSync(new URL(entry.file, snapshotsDir), 'utf8'), { url: entry.url });
}

describe('diff of the recorded North Korea revisions', () => {
  const c2015 = loadRevision('c2015');
  const july2017 = loadRevision('2017-07-05');
  const october2017 = loadRevision('2017-10-26');
  const may2020 = loadRevision('2020-05');

  it('c. 2015 (an excerpt) → 5 July 2017: bilateral trade changed with its delta, the French company count 1 → 0, the debt gone', () => {
    const change = diffDocuments(c2015, july2017);
    expect(change.updated).toEqual({ from: null, to: '2017-07-05' });
    expect(change.url).toBeNull();
    // €6.4 million (2014) → €8.2 million (2016): one figure changed, not removed + added.
    const trade = change.figures.changed.filter((c) => c.from.raw === '€6.4 million');
    expect(trade).toHaveLength(1);
    expect(trade[0]!.to).toMatchObject({ raw: '€8.2 million', value: 8_200_000, period: '2016' });
    expect(trade[0]!.delta?.absolute).toBeCloseTo(1_800_000);
    expect(change.figures.added.filter((f) => f.raw === '€8.2 million')).toEqual([]);
    // "debt of around €400 million" is no longer on the page.
    expect(change.figures.removed.filter((f) => f.value === 400_000_000)).toHaveLength(1);
    // "One French company is represented" → "There are no French companies working": one count, 1 → 0.
    const companies = change.figures.changed.filter((c) => c.from.raw === 'One French company');
    expect(companies).toHaveLength(1);
    expect(companies[0]).toMatchObject({ from: { kind: 'count', value: 1 }, to: { kind: 'count', value: 0, raw: 'no French companies' } });
    expect(companies[0]!.delta).toEqual({ absolute: -1, relative: -1 });
    expect([...change.figures.added, ...change.figures.removed].filter((f) => f.kind === 'count' && (f.value === 0 || f.value === 1))).toEqual([]);
    // The excerpt ends mid-section: what follows the cut reads as added.
    expect(change.sections.added).toEqual(['Other types of cooperation: humanitarian assistance']);
    expect(change.sections.removed).toEqual([]);
  });

  it('5 July 2017 → 26 October 2017: one section added, nothing earlier touched', () => {
    const change = diffDocuments(july2017, october2017);
    expect(change.updated).toEqual({ from: '2017-07-05', to: '2017-10-26' });
    expect(change.url).toBeNull();
    expect(change.sections.added).toEqual(['Relations with the European Union']);
    expect(change.sections.removed).toEqual([]);
    expect(change.sections.changed).toEqual([]);
    expect(change.figures.changed).toEqual([]);
    expect(change.figures.removed).toEqual([]);
    expect(change.figures.added.length).toBeGreaterThan(0);
    for (const figure of change.figures.added) expect(figure.section).toBe('Relations with the European Union');
  });

  it('26 October 2017 → May 2020: the page moved, sections went, the office closed on 9 March 2020', () => {
    const change = diffDocuments(october2017, may2020);
    expect(change.updated).toEqual({ from: '2017-10-26', to: '2020-05' });
    expect(change.url).toEqual({
      from: 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/',
      to: 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/',
    });
    expect(change.sections.removed).toEqual(
      expect.arrayContaining(['Relations with the European Union', 'Cultural, scientific and technical cooperation']),
    );
    expect(change.sections.added).toContain('French Presence');
    // "Political relations" → "Political Relations": same section, rewritten text.
    expect(change.sections.changed.map((s) => s.heading)).toContain('Political Relations');
    const closure = change.figures.added.filter((f) => f.raw.includes('9 March 2020'));
    expect(closure).toHaveLength(1);
    expect(closure[0]).toMatchObject({ kind: 'date', value: '2020-03-09' });
  });
});
