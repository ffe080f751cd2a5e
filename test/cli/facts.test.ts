import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.ts';
import { backend } from '../helpers/test-db.ts';
import { runCli } from '../helpers/run-cli.ts';
import { HOSTILE, NK, seedDatabase, tagSeededSources } from '../web/seed.ts';

/**
 * `factwatch facts` and `export facts` as scripts run them: the real executable, on a database
 * the real pipeline filled — an embedded data directory, or a PostgreSQL database of its own.
 */
describe(`factwatch facts (${backend})`, () => {
  let dir: string;
  let args: string[] = [];
  let env: Record<string, string | undefined> = { DATABASE_URL: undefined };
  let drop = async () => {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fw-facts-cli-'));
    const url = process.env.DATABASE_URL;
    if (url) {
      const name = `fw_cli_${randomBytes(5).toString('hex')}`;
      const admin = postgres(url, { max: 1, onnotice: () => undefined });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      const own = new URL(url);
      own.pathname = `/${name}`;
      env = { DATABASE_URL: own.toString() };
      drop = async () => {
        const a = postgres(url, { max: 1, onnotice: () => undefined });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      };
      const h = await openDatabase({ databaseUrl: own.toString() });
      await seedDatabase(h.db).then(() => tagSeededSources(h.db)).finally(() => h.close());
    } else {
      args = ['--data-dir', join(dir, 'data')];
      const h = await openDatabase({ dataDir: join(dir, 'data') });
      await seedDatabase(h.db).then(() => tagSeededSources(h.db)).finally(() => h.close());
    }
  }, 120_000);
  afterAll(async () => {
    await drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const cli = (...a: string[]) => runCli([...args, ...a], { cwd: dir, env, timeoutMs: 60_000 });

  it('--json: one row per series in the contract shape; a table for people', async () => {
    const r = await cli('facts', '--json');
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as any[];
    expect(new Set(rows.map((x) => x.source))).toEqual(new Set([NK, HOSTILE]));
    for (const x of rows) expect(Object.keys(x)).toEqual(['source', 'series', 'label', 'kind', 'unit', 'latest', 'previous', 'changedAt', 'versions', 'removed']);
    const aid = rows.find((x) => x.source === HOSTILE && x.latest.value === 7_500_000);
    expect(aid).toMatchObject({ previous: { value: 5_000_000, version: 1 }, versions: 2 });
    const table = await cli('facts', '--source', HOSTILE, '--kind', 'money');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^series\s+label\s+latest\s+period\s+changed\s+previous\s+versions\s+removed$/u);
    expect(table.stdout).toContain(`${HOSTILE}/${aid.series}`);
    expect(table.stdout).toContain('€7.5 million');
    expect(table.stdout).toContain('€5 million');
  });

  it('filters: --since, --q, --unit; bad values exit 2 with one line', async () => {
    const all = JSON.parse((await cli('facts', '--json')).stdout) as any[];
    const since = JSON.parse((await cli('facts', '--since', '2019-01-01', '--json')).stdout) as any[];
    expect(since).toEqual(all.filter((x) => x.changedAt >= '2019-01-01T00:00:00.000Z'));
    const q = JSON.parse((await cli('facts', '--q', 'TRADE', '--json')).stdout) as any[];
    expect(q.length).toBeGreaterThan(0);
    expect(q.length).toBeLessThan(all.length);
    expect(JSON.parse((await cli('facts', '--unit', 'EUR', '--json')).stdout)).toEqual(all.filter((x) => x.unit === 'EUR'));
    const kind = await cli('facts', '--kind', 'mony');
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/--kind must be one of .* did you mean "money"/u);
    const date = await cli('facts', '--since', '2017-02-30');
    expect(date.code).toBe(2);
    const source = await cli('facts', '--source', 'hostle');
    expect(source.code).toBe(2);
    expect(source.stderr).toMatch(/did you mean "hostile"/u);
  });

  it('--tag: the series of the sources with any of the tags; a tag no source has lists nothing and names the nearest', async () => {
    const all = JSON.parse((await cli('facts', '--json')).stdout) as any[];
    const tagged = async (...tags: string[]) => {
      const r = await cli('facts', ...tags.flatMap((t) => ['--tag', t]), '--json');
      expect(r.code, r.stderr).toBe(0);
      return { rows: JSON.parse(r.stdout) as any[], stderr: r.stderr };
    };
    const nk = all.filter((x) => x.source === NK);
    expect(nk.length).toBeGreaterThan(0);
    expect((await tagged('asia')).rows).toEqual(nk);
    expect((await tagged('asia', 'test')).rows).toEqual(all);
    const typo = await tagged('asa');
    expect(typo.rows).toEqual([]);
    expect(typo.stderr).toContain('no source has the tag "asa"');
    expect(typo.stderr).toContain('did you mean "asia"');
    const table = await cli('facts', '--tag', 'test', '--kind', 'money');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('€7.5 million');
    expect(table.stdout).not.toContain(`${NK}/`);
  }, 120_000);

  it('facts SERIES: points oldest first with evidence; --cite prints one citation per point', async () => {
    const aid = (JSON.parse((await cli('facts', '--source', HOSTILE, '--json')).stdout) as any[]).find((x) => x.latest.value === 7_500_000);
    const r = await cli('facts', `${HOSTILE}/${aid.series}`, '--json');
    expect(r.code, r.stderr).toBe(0);
    const points = JSON.parse(r.stdout) as any[];
    expect(points.map((p) => p.value)).toEqual([5_000_000, 7_500_000]);
    expect(points[0].evidence.contentHash).toMatch(/^[0-9a-f]{64}$/u);
    const history = JSON.parse((await cli('history', HOSTILE, '--json')).stdout) as any[];
    expect(points.map((p) => p.evidence.contentHash)).toEqual(history.map((v) => v.contentHash));
    const withSource = await cli('facts', aid.series, '--source', HOSTILE, '--json');
    expect(JSON.parse(withSource.stdout)).toEqual(points);
    const cite = await cli('facts', `${HOSTILE}/${aid.series}`, '--cite');
    expect(cite.code, cite.stderr).toBe(0);
    const lines = cite.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^127\.0\.0\.1, '.*Hostile page', http:\/\/127\.0\.0\.1:\d+\/hostile\/[a-z]+\/, captured 5 April 2019 06:00 UTC, sha256 [0-9a-f]{64}, as shown by factwatch$/u);
    expect(lines[1]).toContain(history[1].contentHash);
  });

  it('an unknown series exits 2 and names the nearest one', async () => {
    const aid = (JSON.parse((await cli('facts', '--source', HOSTILE, '--json')).stdout) as any[]).find((x) => x.latest.value === 7_500_000);
    const r = await cli('facts', `${HOSTILE}/${aid.series}x`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`did you mean "${HOSTILE}/${aid.series}"`);
    expect(r.stdout).toBe('');
  });

  it('export facts writes the file; a bad format exits 2 and writes nothing', async () => {
    const out = join(dir, 'facts.csv');
    const r = await cli('export', 'facts', '--format', 'csv', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('source,series,key,label,kind,value_num,value_text,unit,period,raw,sentence,section,version,captured_at,url,content_hash');
    expect(r.stderr).toContain(`exported ${lines.length - 1} points`);
    const bad = await cli('export', 'facts', '--format', 'xlsx', '--out', join(dir, 'x.xlsx'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of csv, jsonl, parquet/u);
    await expect(readFile(join(dir, 'x.xlsx'))).rejects.toThrow(/ENOENT/u);
  });
});
