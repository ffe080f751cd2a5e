import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheckPass } from '../../src/check/check-pass.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import type { SourceConfig } from '../../src/config/schema.ts';
import { importSourceFor, importWarcHistory } from '../../src/import/import-history.ts';
import { createJudgePool } from '../../src/judge/judge-pool.ts';
import { getChange, listChanges } from '../../src/store/queries/changes.ts';
import { listChecks } from '../../src/store/queries/checks.ts';
import { syncSources } from '../../src/store/queries/sources.ts';
import { listVersions } from '../../src/store/queries/versions.ts';
import { usePipelineFixture } from '../helpers/pipeline-fixture.ts';
import { revisionHtml } from '../helpers/snapshots.ts';
import { backend } from '../helpers/test-db.ts';
import { writeWarc } from '../import/write-warc.ts';

/**
 * Content rules end to end (issue 17, item 1): pages served from a local server, checked by the
 * real pass (judged on the judge pool) into the backend this run selects. What the rules take out
 * never makes a version; what they keep does.
 */
describe(`content rules in checks and imports (${backend})`, () => {
  const fx = usePipelineFixture('2024-03-01T06:00:00Z');
  const pool = createJudgePool({ threads: 1 });
  afterAll(async () => {
    await pool.close();
  });

  /** The 26 October 2017 revision with a share bar and a visitor counter inside its content region. */
  const page = (o: { visits: number; share: string; trade?: string }) =>
    revisionHtml('2017-10-26')
      .replace('<h2 class="spip">Political relations</h2>', `<div class="share"><p>Share on ${o.share}</p></div><p>Visits: ${o.visits}</p><h2 class="spip">Political relations</h2>`)
      .replace('(€8.2 million in 2016)', `(${o.trade ?? '€8.2 million'} in 2016)`);

  async function setup(id: string, own: Partial<SourceConfig>) {
    const sources = resolveSources({ sources: [{ id, url: fx.server.url(`/${id}/`), ...own }], fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 } });
    await syncSources(fx.handle.db, sources, fx.clock.now());
    const deps = { db: fx.handle.db, http: fx.http, clock: fx.clock, log: fx.log, judge: pool.judge };
    return async (body: string) => {
      fx.server.setRoute(`/${id}/`, { body });
      fx.clock.advance(3_600_000);
      return (await runCheckPass(deps, sources, { all: true }))[0]!;
    };
  }

  const rules = { exclude: ['.share'], ignoreText: ['Visits: \\d+'] };

  it('an excluded block and an ignored counter that change make no version; a change in the content does', async () => {
    const check = await setup('rules-noise', rules);
    expect((await check(page({ visits: 1, share: 'Twitter' }))).outcome).toBe('new');
    expect((await check(page({ visits: 2, share: 'Mastodon' }))).outcome).toBe('unchanged');
    expect((await check(page({ visits: 3, share: 'Bluesky' }))).outcome).toBe('unchanged');
    expect(await listVersions(fx.handle.db, 'rules-noise')).toHaveLength(1);
    const changed = await check(page({ visits: 4, share: 'Email', trade: '€9.1 million' }));
    expect(changed.outcome).toBe('changed');
    expect(await listVersions(fx.handle.db, 'rules-noise')).toHaveLength(2);
    const [latest] = await listChanges(fx.handle.db, { sourceId: 'rules-noise' });
    const change = (await getChange(fx.handle.db, latest!.id))!.change!;
    expect(change.figures.changed.map((f) => [f.from.raw, f.to.raw])).toEqual([['€8.2 million', '€9.1 million']]);
    const versions = await listVersions(fx.handle.db, 'rules-noise');
    expect(new Set(versions.map((v) => v.contentHash)).size).toBe(2);
  });

  it('without the rules, the same noise makes a version each time', async () => {
    const check = await setup('rules-none', {});
    await check(page({ visits: 1, share: 'Twitter' }));
    expect((await check(page({ visits: 2, share: 'Mastodon' }))).outcome).toBe('changed');
    expect(await listVersions(fx.handle.db, 'rules-none')).toHaveLength(2);
  });

  it('select overrides the profile: only a change in the selected content is a version', async () => {
    // The economic paragraph alone: a change to the political one is not watched.
    const check = await setup('rules-select', { select: ['div.texte p:contains("Trade between")'] });
    const html = (political: string, trade: string) => page({ visits: 1, share: 'x', trade }).replace('France does not have diplomatic relations', political);
    expect((await check(html('France does not have diplomatic relations', '€8.2 million'))).outcome).toBe('new');
    expect((await check(html('France still has no diplomatic relations', '€8.2 million'))).outcome).toBe('unchanged');
    expect(await listVersions(fx.handle.db, 'rules-select')).toHaveLength(1);
    expect((await check(html('France still has no diplomatic relations', '€5.1 million'))).outcome).toBe('changed');
    expect(await listVersions(fx.handle.db, 'rules-select')).toHaveLength(2);
  });

  it('a rule added to a source with history: its effect is no revision, and the next real change reports only itself', async () => {
    const before = await setup('rules-added', {});
    await before(page({ visits: 1, share: 'Twitter' }));
    expect(await listVersions(fx.handle.db, 'rules-added')).toHaveLength(1);
    const after = await setup('rules-added', rules);
    expect((await after(page({ visits: 2, share: 'Mastodon' }))).outcome).toBe('unchanged');
    expect((await after(page({ visits: 3, share: 'Bluesky' }))).outcome).toBe('unchanged');
    expect(await listVersions(fx.handle.db, 'rules-added')).toHaveLength(1);
    expect((await listChecks(fx.handle.db, 'rules-added', 10)).map((c) => c.outcome).sort()).toEqual(['new', 'unchanged']);
    expect((await after(page({ visits: 4, share: 'Email', trade: '€9.1 million' }))).outcome).toBe('changed');
    const [latest] = await listChanges(fx.handle.db, { sourceId: 'rules-added' });
    const change = (await getChange(fx.handle.db, latest!.id))!.change!;
    expect(JSON.stringify(change.sections)).not.toMatch(/Share on|Visits/);
    expect(change.figures.changed.map((f) => [f.from.raw, f.to.raw])).toEqual([['€8.2 million', '€9.1 million']]);
    expect(change.figures.removed).toEqual([]);
  });

  it('a history import reads the captures under the same rules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factwatch-rules-warc-'));
    try {
      const url = 'https://www.foreign.example.org/relations';
      const file = join(dir, 'rules.warc');
      await writeWarc(file, [
        { url, date: '2018-01-01T00:00:00Z', body: page({ visits: 10, share: 'Twitter' }) },
        { url, date: '2018-02-01T00:00:00Z', body: page({ visits: 11, share: 'Mastodon' }) },
        { url, date: '2018-03-01T00:00:00Z', body: page({ visits: 12, share: 'Email', trade: '€9.1 million' }) },
      ], { gzip: false });
      const sources = resolveSources({ sources: [{ id: 'rules-import', url, ...rules }] });
      await syncSources(fx.handle.db, sources, fx.clock.now());
      const summary = await importWarcHistory({ db: fx.handle.db, clock: fx.clock, log: fx.log, judge: pool.judge }, file, [await importSourceFor(fx.handle.db, sources[0]!)]);
      expect(summary).toMatchObject({ seen: 3, imported: 2, identical: 1, failed: 0 });
      expect(await listVersions(fx.handle.db, 'rules-import')).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
