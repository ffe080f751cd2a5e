import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { revisionFile } from '../helpers/snapshots.ts';
import { runCli } from '../helpers/run-cli.ts';

/** Golden figures of the seed page (snapshots/corpus/golden, from the project's reference corpus). */
const golden = JSON.parse(readFileSync(new URL('../../snapshots/corpus/golden/nk_en_2017-10-26.json', import.meta.url), 'utf8')) as {
  figures: Array<{ kind: string; value: number | string; unit?: string; raw: string }>;
};

interface JsonFigure {
  key: string;
  kind: string;
  value: number | string;
  unit: string | null;
  raw: string;
}

/** A golden figure is found when a figure of the same kind and value (and unit) was extracted. */
function matches(g: (typeof golden.figures)[number], f: JsonFigure): boolean {
  if (g.kind !== f.kind) return false;
  if (typeof g.value === 'number') {
    if (typeof f.value !== 'number' || Math.abs(f.value - g.value) > 1e-9 * Math.max(1, Math.abs(g.value))) return false;
  } else if (g.value !== f.value) return false;
  return !g.unit || g.unit === f.unit;
}

describe('factwatch extract --json', () => {
  it('reads the 26 October 2017 revision: title, stamp, five sections, the golden figures', async () => {
    const r = await runCli(['extract', revisionFile('2017-10-26'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { title: string; updated: string; sections: Array<{ heading: string; text: string }>; figures: JsonFigure[] };
    expect(doc.title).toBe('France and North Korea');
    expect(doc.updated).toBe('2017-10-26');
    expect(doc.sections.map((s) => s.heading)).toEqual([
      'Political relations',
      'Economic relations',
      'Cultural, scientific and technical cooperation',
      'Other types of cooperation: humanitarian assistance',
      'Relations with the European Union',
    ]);
    const unused = [...doc.figures];
    const missed: string[] = [];
    for (const g of golden.figures) {
      const i = unused.findIndex((f) => matches(g, f));
      if (i < 0) missed.push(`${g.kind} ${String(g.value)} (${g.raw})`);
      else unused.splice(i, 1);
    }
    const recall = (golden.figures.length - missed.length) / golden.figures.length;
    console.log(`golden recall: ${(recall * 100).toFixed(1)}% (${golden.figures.length - missed.length}/${golden.figures.length})${missed.length ? `; missed: ${missed.join('; ')}` : ''}`);
    expect(missed).toEqual([]);
    for (const f of doc.figures) expect(typeof f.key).toBe('string');
  });

  it('fails with exit code 1 and a reason for a missing file', async () => {
    const r = await runCli(['extract', '/nonexistent/page.html', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/page\.html/);
    expect(r.stdout).toBe('');
  });
});

describe('factwatch diff --json', () => {
  it('5 July → 26 October 2017: exactly one added section, no changed or removed figure', async () => {
    const r = await runCli(['diff', revisionFile('2017-07-05'), revisionFile('2017-10-26'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const change = JSON.parse(r.stdout) as {
      updated: { from: string; to: string };
      sections: { added: string[]; removed: string[]; changed: unknown[] };
      figures: { added: JsonFigure[]; removed: unknown[]; changed: unknown[] };
    };
    expect(change.updated).toEqual({ from: '2017-07-05', to: '2017-10-26' });
    expect(change.sections.added).toEqual(['Relations with the European Union']);
    expect(change.sections.removed).toEqual([]);
    expect(change.sections.changed).toEqual([]);
    expect(change.figures.changed).toEqual([]);
    expect(change.figures.removed).toEqual([]);
    expect(change.figures.added.some((f) => f.kind === 'money' && f.value === 135_300_000)).toBe(true);
  });

  it('26 October 2017 → May 2020 in Markdown names the removed sections', async () => {
    const r = await runCli(['diff', revisionFile('2017-10-26'), revisionFile('2020-05'), '--format', 'markdown']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Relations with the European Union');
    expect(r.stdout).toMatch(/May 2020/);
  });

  it('rejects an unknown format with exit code 2', async () => {
    const r = await runCli(['diff', revisionFile('2017-07-05'), revisionFile('2017-10-26'), '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pdf/);
  });
});

describe('factwatch usage', () => {
  it('prints help with exit 0 and rejects an unknown command with exit 2', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/extract/);
    expect(help.stdout).toMatch(/history/);
    const bad = await runCli(['frobnicate']);
    expect(bad.code).toBe(2);
  });
});
