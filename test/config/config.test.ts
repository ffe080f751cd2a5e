import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { runCli } from '../helpers/run-cli.ts';
import { problemsOf } from './problems-of.ts';


const BAD = JSON.stringify({
  sources: [
    { id: 'Bad Id', url: 'ftp://example.org/x' },
    { id: 'dup', url: 'https://example.org/a', schedule: 'every tuesday', timezone: 'Mars/Olympus', notify: ['nowhere'] },
    { id: 'dup', url: 'https://example.org/b', profile: 'nonesuch', colour: 'red', language: 'es', currency: 'dollars' },
  ],
  channels: { hook: { type: 'webhook', url: '${HOOK_URL}' } },
  fetch: { allowNetworks: ['not-a-cidr'] },
});

describe('configuration', () => {
  it('accepts the shipped factwatch.config.json with the real North Korea page', () => {
    const text = readFileSync(new URL('../../factwatch.config.json', import.meta.url), 'utf8');
    const sources = resolveSources(parseConfigText(text, 'factwatch.config.json', {}));
    const nk = sources.find((s) => s.id === 'france-north-korea');
    expect(nk?.url).toMatch(/^https:\/\/www\.diplomatie\.gouv\.fr\/en\/country-files\/north-korea\/france-and-north-korea/);
  });

  it('names every problem of a bad configuration at once', () => {
    const problems = problemsOf(BAD);
    const expected = [
      /sources\[0\]\.id/,
      /sources\[0\]\.url/,
      /sources\[1\]\.schedule.*cron/,
      /sources\[1\]\.timezone.*Mars\/Olympus/,
      /sources\[1\]\.notify\[0\].*nowhere/,
      /sources\[2\]\.id.*duplicate/,
      /sources\[2\]\.profile.*nonesuch/,
      /sources\[2\].*colour/,
      /sources\[2\]\.language/,
      /sources\[2\]\.currency.*ISO 4217/,
      /HOOK_URL/,
      /fetch\.allowNetworks\[0\]/,
    ];
    for (const re of expected) expect(problems.some((p) => re.test(p)), `${re} in\n${problems.join('\n')}`).toBe(true);
  });

  it('resolves ${ENV} references in memory', () => {
    const text = JSON.stringify({ sources: [], channels: { hook: { type: 'webhook', url: '${HOOK_URL}', secret: '${HOOK_SECRET}' } } });
    expect(problemsOf(text, { HOOK_URL: 'https://hooks.example.org/x', HOOK_SECRET: 's3cret' })).toEqual([]);
  });

  it('merges per-source fetch settings over the global ones', () => {
    const [s] = resolveSources(
      parseConfigText(
        JSON.stringify({ sources: [{ id: 'a', url: 'https://example.org/', fetch: { allowNetworks: ['10.0.0.0/8'], retries: 5 } }], fetch: { allowNetworks: ['127.0.0.0/8'], retries: 1, userAgent: 'ua' } }),
        'x',
        {},
      ),
    );
    expect(s!.fetch).toMatchObject({ allowNetworks: ['127.0.0.0/8', '10.0.0.0/8'], retries: 5, userAgent: 'ua' });
    expect(s!.schedule).toBe('0 6 * * *');
    expect(s!.enabled).toBe(true);
  });

  it('CLI: a bad config exits 2, lists every problem and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-config-'));
    writeFileSync(join(dir, 'bad.json'), BAD);
    const dataDir = join(dir, 'data');
    const r = await runCli(['--config', join(dir, 'bad.json'), '--data-dir', dataDir, 'check', '--all'], { env: { HOOK_URL: '' } });
    expect(r.code).toBe(2);
    for (const re of [/Bad Id|sources\[0\]\.id/, /Mars\/Olympus/, /nonesuch/, /duplicate/]) expect(r.stderr).toMatch(re);
    expect(existsSync(dataDir)).toBe(false);
    expect(r.stdout).toBe('');
  });

  it('CLI: a missing config file exits 2 and names the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-config-'));
    const r = await runCli(['check'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('factwatch.config.json');
  });
});
