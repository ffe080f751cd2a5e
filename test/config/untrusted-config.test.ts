import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { MAX_URL_LENGTH } from '../../src/fetch/url-limit.ts';
import { runCli } from '../helpers/run-cli.ts';
import { problemsOf } from './problems-of.ts';


const longUrl = (n: number) => `https://example.org/${'a'.repeat(n - 'https://example.org/'.length)}`;

describe('configuration limits and secrets', () => {
  it('names every over-long URL (a 2.7 KB one used to crash the sync) and accepts one at the cap', () => {
    const problems = problemsOf(
      JSON.stringify({
        sources: [
          { id: 'long', url: longUrl(3000) },
          { id: 'alias', url: 'https://example.org/x', aliases: ['https://example.org/old', longUrl(MAX_URL_LENGTH + 1)] },
        ],
        channels: { hook: { type: 'webhook', url: longUrl(5000) } },
      }),
    );
    expect(problems).toEqual([
      `sources[0].url: must be at most ${MAX_URL_LENGTH} characters long`,
      `sources[1].aliases[1]: must be at most ${MAX_URL_LENGTH} characters long`,
      `channels.hook.url: must be at most ${MAX_URL_LENGTH} characters long`,
    ]);
    expect(problemsOf(JSON.stringify({ sources: [{ id: 'ok', url: longUrl(MAX_URL_LENGTH) }] }))).toEqual([]);
    // The written form is what is stored: a reference that resolves short does not make it fit.
    const written = `${longUrl(MAX_URL_LENGTH)}?k=\${K}`;
    expect(problemsOf(JSON.stringify({ sources: [{ id: 'ref', url: written }] }), { K: '' })).toEqual([
      `sources[0].url: must be at most ${MAX_URL_LENGTH} characters long`,
    ]);
  });

  it('CLI: an over-long URL exits 2 with every problem named, and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-config-'));
    writeFileSync(
      join(dir, 'long.json'),
      JSON.stringify({ sources: [{ id: 'long', url: longUrl(2800) }, { id: 'bad', url: 'https://example.org/', schedule: 'often' }] }),
    );
    const dataDir = join(dir, 'data');
    const r = await runCli(['--config', join(dir, 'long.json'), '--data-dir', dataDir, 'check', '--all'], { env: { DATABASE_URL: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sources[0].url: must be at most 2048 characters long');
    expect(r.stderr).toContain('sources[1].schedule');
    expect(r.stderr).not.toContain('    at ');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('keeps ${VAR} in source URLs as written; channels are resolved in memory', () => {
    const config = parseConfigText(
      JSON.stringify({
        sources: [{ id: 'api', url: 'https://data.example.org/page?key=${API_KEY}', aliases: ['https://data.example.org/old?key=${API_KEY}'] }],
        channels: { chat: { type: 'slack', url: '${SLACK_URL}' } },
      }),
      'test.json',
      { API_KEY: 'k-3f9a1c77e2', SLACK_URL: 'https://hooks.slack.com/services/T0/B0/secret-token-123' },
    );
    const [source] = resolveSources(config);
    expect(source!.url).toBe('https://data.example.org/page?key=${API_KEY}');
    expect(source!.aliases).toEqual(['https://data.example.org/old?key=${API_KEY}']);
    expect(config.channels!.chat).toMatchObject({ url: 'https://hooks.slack.com/services/T0/B0/secret-token-123' });
  });

  it('never quotes a substituted value in a problem', () => {
    const env = { SCHEDULE: 'hunter2-secret', ZONE: 'Secret/Zone-abc', NET: 'topsecret-net' };
    const problems = problemsOf(
      JSON.stringify({
        sources: [{ id: 'a', url: 'https://example.org/', schedule: '${SCHEDULE}', timezone: '${ZONE}', fetch: { allowNetworks: ['${NET}'] } }],
      }),
      env,
    );
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toContain('"${SCHEDULE}" is not a valid cron expression');
    expect(problems.join('\n')).toContain('"${ZONE}" is not a known IANA time zone');
    expect(problems.join('\n')).toContain('"${NET}" is not a CIDR');
    for (const value of Object.values(env)) expect(problems.join('\n')).not.toContain(value);
  });
});
