import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { hashDocument } from '../../src/extract/content-hash.ts';
import { textRemover } from '../../src/extract/content-rules/ignore-text.ts';
import { extractWithLimits } from '../../src/judge/extract-with-limits.ts';
import { judgeCapture } from '../../src/judge/judge-capture.ts';
import { createJudgePool } from '../../src/judge/judge-pool.ts';
import type { ContentRules } from '../../src/model/index.ts';
import { problemsOf } from '../config/problems-of.ts';
import { runCli } from '../helpers/run-cli.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { sha256 } from '../judge/judge-task.ts';

/** Issue 17, item 1: per-source content rules, applied before the content hash. */

const URL_ = 'https://www.foreign.example.org/relations';
/** A page of no known layout: the generic profile reads its `main`. */
const page = (o: { visits?: number; share?: string; trade?: string; aside?: string } = {}) => `<!doctype html><html lang="en"><head><title>Relations</title></head><body>
<main><h1>Relations</h1>
<p>Bilateral trade reached ${o.trade ?? '€8.2 million'} in 2016.</p>
<div class="share"><p>Share this page: ${o.share ?? 'Twitter'}</p></div>
<p>Visits: ${o.visits ?? 1} since January.</p>
<h2>Culture</h2><p>A cultural centre opened in 2015.</p></main>
<div class="side-box"><p>${o.aside ?? 'Travel advice was updated in 2017.'}</p></div>
</body></html>`;

const extract = (html: string, rules?: ContentRules) => extractDocument(html, { url: URL_, rules });
const blocks = (html: string, rules?: ContentRules) => extract(html, rules).sections.flatMap((s) => s.blocks);

describe('content rules in extraction', () => {
  const rules = { exclude: ['.share'], ignoreText: ['Visits: \\d+'] };

  it('excludes blocks and ignores text before hashing: their changes leave the content hash as it was', () => {
    const a = extract(page({ visits: 1, share: 'Twitter' }), rules);
    const b = extract(page({ visits: 4711, share: 'Mastodon' }), rules);
    expect(a.sections.flatMap((s) => s.blocks)).toEqual(['Bilateral trade reached €8.2 million in 2016.', 'since January.', 'A cultural centre opened in 2015.']);
    expect(hashDocument(b)).toBe(hashDocument(a));
    // Without rules the same two pages differ.
    expect(hashDocument(extract(page({ visits: 4711 })))).not.toBe(hashDocument(extract(page({ visits: 1 }))));
    // A change in the content still moves it.
    expect(hashDocument(extract(page({ trade: '€9.1 million' }), rules))).not.toBe(hashDocument(a));
  });

  it('takes the ignored text out of figures too', () => {
    const kinds = (r?: ContentRules) => extract(page({ visits: 4711 }), r).figures.map((f) => f.raw);
    expect(kinds()).toContain('4711');
    expect(kinds(rules)).not.toContain('4711');
  });

  it('select overrides the profile’s content region; the profile still names the title', () => {
    const doc = extract(page(), { select: ['div.side-box'] });
    expect(doc.title).toBe('Relations');
    expect(doc.sections.flatMap((s) => s.blocks)).toEqual(['Travel advice was updated in 2017.']);
    // Nested matches are read once.
    expect(blocks(page(), { select: ['div.side-box', 'div.side-box p'] })).toEqual(['Travel advice was updated in 2017.']);
    // On a France Diplomatie page, select replaces the profile's div.texte.
    const spip = extractDocument(revisionHtml('2017-07-05'), { rules: { select: ['h1'] } });
    expect(spip.profile).toBe('diplomatie-spip');
    expect(spip.sections.flatMap((s) => s.blocks)).toEqual([spip.title]);
  });

  it('a select that matches nothing is an extraction failure, not an empty version', () => {
    expect(() => extract(page(), { select: ['.nowhere'] })).toThrow(/no element matches the source's select/);
    expect(extractWithLimits(page(), URL_, null, {}, { select: ['.nowhere'] })).toMatchObject({ kind: 'failed', code: 'extraction_failed' });
  });

  it('leaves a source without rules exactly as before (same document, same hash)', () => {
    for (const html of [page(), revisionHtml('2017-10-26')]) {
      const plain = extractDocument(html, { url: URL_ });
      expect(extractDocument(html, { url: URL_, rules: {} })).toEqual(plain);
      expect(extractDocument(html, { url: URL_, rules: { select: [], exclude: [], ignoreText: [] } })).toEqual(plain);
    }
  });

  it('runs a catastrophic-backtracking pattern in linear time', () => {
    const text = `${'a'.repeat(200_000)}b`;
    const started = performance.now();
    expect(textRemover(['(a+)+$'])(text)).toBe(text);
    expect(textRemover(['(x+x+)+y', '(a|aa)+$'])(text)).toBe(text);
    expect(performance.now() - started).toBeLessThan(2_000);
    const html = page().replace('since January.', `${'a'.repeat(100_000)}b`);
    const t = performance.now();
    extract(html, { ignoreText: ['(a+)+$'] });
    expect(performance.now() - t).toBeLessThan(3_000);
  });

  it('keeps each pattern’s flags and alternatives to itself', () => {
    const remove = textRemover(['(?i)visits: \\d+', 'x|Y']);
    expect(remove('VISITS: 12 y and Y x')).toBe('y and');
  });
});

describe('content rules through the judge', () => {
  const rules = { exclude: ['.share'], ignoreText: ['Visits: \\d+'] };
  const judge = (html: string, previous: Parameters<typeof judgeCapture>[1], r?: ContentRules) =>
    judgeCapture({ url: URL_, status: 200, rawHash: sha256(html), text: html }, previous, { profile: null, rules: r, urlMatters: true, shrink: null });

  it('on a worker thread as inline: the rules are plain data', async () => {
    const pool = createJudgePool({ threads: 1 });
    try {
      const html = page({ visits: 9 });
      const task = { capture: { url: URL_, status: 200, rawHash: sha256(html), text: html }, previous: null, ctx: { profile: null, rules, urlMatters: true, shrink: null } };
      const pooled = await pool.judge(task);
      expect(pooled).toEqual(judge(html, null, rules));
      expect(pooled.kind === 'new' && pooled.document.sections.flatMap((s) => s.blocks)).not.toContain('Share this page: Twitter');
    } finally {
      await pool.close();
    }
  });

  it('compares a version stored before a rule was added under the rule: its effect is no revision', () => {
    const before = page({ visits: 1 });
    const stored = extract(before); // stored without rules: the counter and the share bar are in it
    const previous = { versionId: 7, url: URL_, rawHash: sha256(before), contentHash: hashDocument(stored), document: stored, rawEnding: null, text: before };
    expect(judge(page({ visits: 2, share: 'Mastodon' }), previous, rules)).toEqual({ kind: 'same_content', versionId: 7 });
    // Without the stored body the judge can only compare with the stored document: a change.
    expect(judge(page({ visits: 2 }), { ...previous, text: null }, rules).kind).toBe('changed');
    // A real change is reported without the rules' effect: only the trade figure.
    const changed = judge(page({ visits: 3, trade: '€9.1 million' }), previous, rules);
    expect(changed.kind).toBe('changed');
    if (changed.kind !== 'changed') return;
    expect(changed.change.sections.changed.flatMap((c) => c.hunks.flatMap((h) => [...h.removed, ...h.added].join(' ')))).not.toContain('Share');
    expect(changed.change.figures.changed.map((f) => [f.from.raw, f.to.raw])).toEqual([['€8.2 million', '€9.1 million']]);
    expect(changed.change.figures.removed).toEqual([]);
  });
});

describe('content rules in the configuration', () => {
  it('resolve onto the source, with only the lists it sets', () => {
    const [a, b] = resolveSources(parseConfigText(JSON.stringify({ sources: [
      { id: 'a', url: URL_, select: ['div.texte'], exclude: ['.share'], ignoreText: ['Visits: \\d+'] },
      { id: 'b', url: URL_, exclude: [] },
    ] }), 'x', {}));
    expect(a!.rules).toEqual({ select: ['div.texte'], exclude: ['.share'], ignoreText: ['Visits: \\d+'] });
    expect(b!.rules).toEqual({});
  });

  it('names every bad selector and pattern with its path', () => {
    const problems = problemsOf(JSON.stringify({ sources: [
      { id: 'a', url: URL_, select: ['div.texte', 'p,'], exclude: ['[', '.ok', 'p::before'], ignoreText: ['Visits: \\d+', '(a', '(?<=x)y'] },
      { id: 'b', url: URL_, ignoreText: [''], select: ['x'.repeat(501)] },
    ] }));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^sources\[0\]\.select\[1\]: "p," is not a valid CSS selector/),
      expect.stringMatching(/^sources\[0\]\.exclude\[0\]: "\[" is not a valid CSS selector/),
      expect.stringMatching(/^sources\[0\]\.exclude\[2\]: "p::before" is not a valid CSS selector/),
      expect.stringMatching(/^sources\[0\]\.ignoreText\[1\]: "\(a" is not a valid regular expression \(RE2 syntax\)/),
      expect.stringMatching(/^sources\[0\]\.ignoreText\[2\]: .* is not a valid regular expression/),
      expect.stringMatching(/^sources\[1\]\.ignoreText\[0\]: must not be empty/),
      expect.stringMatching(/^sources\[1\]\.select\[0\]: must be at most 500 characters long/),
    ]));
    expect(problems).toHaveLength(7);
  });
});

describe('factwatch extract --select --exclude --ignore-text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factwatch-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'page.html');
  writeFileSync(file, page({ visits: 42 }));
  const blocksOf = (stdout: string) => (JSON.parse(stdout) as { sections: Array<{ text: string }> }).sections.map((s) => s.text).join('\n\n');

  it('previews the rules, each flag repeatable', async () => {
    const r = await runCli(['extract', file, '--exclude', '.share', '--exclude', 'h2', '--ignore-text', 'Visits: \\d+', '--ignore-text', 'since \\w+\\.', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(blocksOf(r.stdout)).toBe('Bilateral trade reached €8.2 million in 2016.\n\nA cultural centre opened in 2015.');
    const selected = await runCli(['extract', '--select', '.side-box', file, '--json']);
    expect(selected.code, selected.stderr).toBe(0);
    expect(blocksOf(selected.stdout)).toBe('Travel advice was updated in 2017.');
  });

  it('refuses bad selectors and patterns, every one named (exit 2)', async () => {
    const r = await runCli(['extract', join(dir, 'missing.html'), '--select', 'p,', '--exclude', '[', '--ignore-text', '(a', '--ignore-text', 'ok']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--select #1: "p," is not a valid CSS selector');
    expect(r.stderr).toContain('--exclude #1: "[" is not a valid CSS selector');
    expect(r.stderr).toContain('--ignore-text #1: "(a" is not a valid regular expression');
    expect(r.stderr).not.toContain('--ignore-text #2');
    expect(r.stderr).not.toContain('    at ');
  });

  it('a configuration with bad rules exits 2 and writes nothing', async () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ sources: [{ id: 'a', url: URL_, exclude: ['.share,'], ignoreText: ['Visits: (\\d+'] }] }));
    const dataDir = join(dir, 'data');
    const r = await runCli(['--config', config, '--data-dir', dataDir, 'check', '--all'], { env: { DATABASE_URL: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sources[0].exclude[0]');
    expect(r.stderr).toContain('sources[0].ignoreText[0]');
    expect(existsSync(dataDir)).toBe(false);
    expect(r.stdout).toBe('');
  });
});
