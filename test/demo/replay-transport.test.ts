import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { FetchError } from '../../src/app/errors.ts';
import { silentLogger } from '../../src/app/log.ts';
import { loadSnapshotRevisions } from '../../src/demo/manifest.ts';
import { createReplayTransport } from '../../src/demo/replay-transport.ts';
import { startReplayServer, type ReplayServer } from '../../src/demo/replay-server.ts';
import { createHttpClient, type HttpClient } from '../../src/fetch/index.ts';

/**
 * The demo's transport carries the real URL to the loopback replay and nothing else: the pipeline
 * sees the real URLs, and the loopback address stays shut to anything the page could point at.
 */
describe('replay transport', () => {
  const revisions = loadSnapshotRevisions('france-north-korea');
  let replay: ReplayServer;
  let http: HttpClient;

  beforeAll(async () => {
    replay = await startReplayServer(revisions);
    const transport = createReplayTransport('https://www.diplomatie.gouv.fr', replay.port);
    http = createHttpClient({ retries: 0 }, { clock: new ManualClock('2020-06-15T06:00:00Z'), log: silentLogger(), transport });
  });
  afterAll(async () => {
    await http?.close();
    await replay?.close();
  });

  it('fetches the real URL from the replay and follows its move under the real origin', async () => {
    const moved = revisions.findIndex((r) => r.revision === '2020-05');
    replay.serve(moved);
    const r = await http.fetchPage({ url: revisions[0]!.url });
    expect(r.kind).toBe('ok');
    expect(r.url).toBe(revisions[moved]!.url);
    expect(r.redirects).toEqual([revisions[moved]!.url]);
    if (r.kind === 'ok') expect(r.text).toContain('Trade between France and North Korea is virtually zero');
    expect(replay.hits.at(-1)).toEqual({ path: new URL(revisions[moved]!.url).pathname, status: 200 });
  });

  it('refuses every other origin, the replay\'s own loopback address included', async () => {
    const before = replay.hits.length;
    for (const url of ['https://example.org/', 'http://www.diplomatie.gouv.fr/en/', 'https://www.diplomatie.gouv.fr:8443/en/']) {
      await expect(http.fetchPage({ url }), url).rejects.toBeInstanceOf(FetchError);
    }
    // No allow-list opens loopback: the address guard still refuses the literal address.
    await expect(http.fetchPage({ url: `http://127.0.0.1:${replay.port}/` })).rejects.toMatchObject({ code: 'blocked_address' });
    expect(replay.hits.length).toBe(before);
  });
});
