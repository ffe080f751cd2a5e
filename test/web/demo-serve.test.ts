import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/log.ts';
import { runDemo } from '../../src/demo/run-demo.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { createWebApp } from '../../src/web/create-app.ts';

/** `npm start` ends by telling how to open the UI; the UI on the demo's history shows its four changes. */
describe('demo → serve', () => {
  it('prints the serve command, and the UI on the demo database lists the four changes', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fw-demo-serve-'));
    let out = '';
    await runDemo({ dataDir: '.factwatch-demo', cwd, color: false, write: (t) => (out += t), log: silentLogger() });
    const serve = /npx factwatch --data-dir (\S+) serve\n.*open (http:\/\/127\.0\.0\.1:8080\/\S*)/.exec(out);
    expect(serve, out).not.toBeNull();

    const handle = await openDatabase({ dataDir: resolve(cwd, serve![1]!) });
    try {
      const app = createWebApp({ db: handle.db, clock: new ManualClock('2024-01-01T00:00:00Z'), log: silentLogger(), token: null });
      const api = (await (await app.request('/api/changes')).json()) as { changes: Array<{ summary: string; fromVersion: number | null }> };
      expect(api.changes).toHaveLength(4);
      expect(api.changes.map((c) => c.fromVersion)).toEqual([3, 2, 1, null]);
      const page = await (await app.request(new URL(serve![2]!).pathname, { headers: { accept: 'text/html' } })).text();
      expect(page.match(/<tr data-change=/g)).toHaveLength(4);
      expect(page).toContain('€6.4 million in 2014 → €8.2 million in 2016');
      expect(page).toContain('5 July 2017 → 26 October 2017');
    } finally {
      await handle.close();
    }
  });
});
