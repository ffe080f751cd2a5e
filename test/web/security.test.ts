import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { FactwatchError } from '../../src/app/errors.ts';
import { silentLogger } from '../../src/app/log.ts';
import type { DatabaseHandle } from '../../src/store/open-database.ts';
import { safeNext } from '../../src/web/auth.ts';
import { createWebApp } from '../../src/web/create-app.ts';
import { renderFigureCsv } from '../../src/web/figure-csv.ts';
import { isLoopbackHost, startWebServer } from '../../src/web/start-server.ts';
import { backend, openTestDatabase } from '../helpers/test-db.ts';
import { HOSTILE, NK, seedDatabase, type Seeded } from './seed.ts';

/**
 * Server-side safety: headers, escaping of page content in every HTML view, the CSRF-protected
 * review form, and the token that guards a server reachable beyond loopback.
 */
describe(`web safety (${backend})`, () => {
  let handle: DatabaseHandle;
  let seeded: Seeded;
  const clock = new ManualClock('2024-02-01T10:00:00Z');
  const deps = () => ({ db: handle.db, clock, log: silentLogger(), token: null as string | null });

  beforeAll(async () => {
    handle = await openTestDatabase();
    seeded = await seedDatabase(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  const browserGet = (app: ReturnType<typeof createWebApp>, path: string, headers: Record<string, string> = {}) =>
    app.request(path, { headers: { accept: 'text/html', ...headers } });

  it('sends CSP without script sources, nosniff and a referrer policy on every page', async () => {
    const app = createWebApp(deps());
    for (const path of ['/', '/changes', `/changes/${seeded.nk[1]}`, `/sources/${NK}`, '/nope']) {
      const res = await browserGet(app, path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'none'");
      expect(csp, path).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('escapes page content in every view of the hostile page', async () => {
    const app = createWebApp(deps());
    const figures = (await (await app.request(`/api/sources/${HOSTILE}/figures`)).json()) as { figures: Array<{ key: string }> };
    const paths = [
      '/',
      `/sources/${HOSTILE}`,
      `/changes/${seeded.hostile[1]}`,
      `/changes/${seeded.hostile[1]}?view=split`,
      `/changes/${seeded.hostile[0]}`,
      `/sources/${HOSTILE}/versions/2`,
      `/sources/${HOSTILE}/figures`,
      ...figures.figures.map((f) => `/sources/${HOSTILE}/figures?key=${encodeURIComponent(f.key)}`),
    ];
    for (const path of paths) {
      const res = await browserGet(app, path);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(body, path).not.toMatch(/<script/i);
      expect(body, path).not.toMatch(/<img[^>]*onerror/i);
      expect(body, path).not.toMatch(/<svg[^>]*onload/i);
      expect(body, path).not.toMatch(/href="javascript:/i);
      expect(body, path).not.toMatch(/<\/textarea><script/i);
    }
    const change = await (await browserGet(app, `/changes/${seeded.hostile[1]}`)).text();
    expect(change).toContain('&lt;img src=x onerror=');
    // The text of the sections the change added and removed, escaped as well.
    expect(change).toMatch(/<details class="more">[^]*only shown after “show more”: &lt;img src=x onerror=/u);
    expect(change).toContain('its funding stopped, in 2017. &quot;&gt;&lt;svg onload=');
  });

  it('serves the chart as an SVG image with its own policy and no script', async () => {
    const app = createWebApp(deps());
    const key = 'money/north-korea-significant';
    const res = await app.request(`/sources/${NK}/figures/chart.svg?key=${encodeURIComponent(key)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    const svg = await res.text();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('€8.2 million');
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });

  it('accepts the review form only with this browser’s CSRF token and a same-origin request', async () => {
    const app = createWebApp(deps());
    const id = seeded.nk[0]!;
    const page = await browserGet(app, `/changes/${id}`);
    const cookie = /fw_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1];
    expect(cookie).toBeDefined();
    const field = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    expect(field).toBe(cookie);
    const post = (form: Record<string, string>, headers: Record<string, string>) =>
      app.request(`/changes/${id}/review`, { method: 'POST', body: new URLSearchParams(form), headers: { accept: 'text/html', ...headers } });
    const origin = 'http://localhost';
    expect((await post({ state: 'reviewed', note: 'x' }, { origin, cookie: `fw_csrf=${cookie}` })).status).toBe(403);
    expect((await post({ state: 'reviewed', _csrf: 'A'.repeat(43) }, { origin, cookie: `fw_csrf=${cookie}` })).status).toBe(403);
    expect((await post({ state: 'reviewed', _csrf: cookie! }, { origin: 'http://evil.example', cookie: `fw_csrf=${cookie}` })).status).toBe(403);
    const ok = await post({ state: 'reviewed', note: 'checked against the archive', _csrf: cookie! }, { origin, cookie: `fw_csrf=${cookie}` });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/changes/${id}?saved=1`);
    const stored = (await (await app.request(`/api/changes/${id}`)).json()) as any;
    expect(stored.change).toMatchObject({ state: 'reviewed', note: 'checked against the archive' });
  });

  it('requires the token for everything but /healthz when one is set', async () => {
    const token = 'correct-horse-battery-staple';
    const app = createWebApp({ ...deps(), token });
    expect((await app.request('/healthz')).status).toBe(200);
    const denied = await app.request('/api/sources');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await denied.json()) as any).error.code).toBe('unauthorized');
    expect((await app.request('/api/sources', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    const redirect = await browserGet(app, '/changes?state=new');
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe('/login?next=%2Fchanges%3Fstate%3Dnew');
    const login = await browserGet(app, '/login');
    const csrf = /fw_csrf=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const submit = (given: string) =>
      app.request('/login', {
        method: 'POST',
        body: new URLSearchParams({ token: given, _csrf: csrf, next: '/changes' }),
        headers: { origin: 'http://localhost', cookie: `fw_csrf=${csrf}`, accept: 'text/html' },
      });
    expect((await submit('nope')).status).toBe(401);
    const ok = await submit(token);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/changes');
    const session = /fw_session=([^;]+)/.exec(ok.headers.get('set-cookie') ?? '')![1]!;
    expect(session).not.toContain(token);
    expect((await browserGet(app, '/changes', { cookie: `fw_session=${session}` })).status).toBe(200);
    expect((await browserGet(app, '/changes', { cookie: `fw_session=${session}x` })).status).toBe(303);
  });

  it('refuses to listen beyond loopback without a token', async () => {
    await expect(startWebServer(deps(), { host: '0.0.0.0', port: 0 })).rejects.toThrow(FactwatchError);
    await expect(startWebServer(deps(), { host: '0.0.0.0', port: 0 })).rejects.toThrow(/FACTWATCH_TOKEN/);
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.10', 'example.org'].some(isLoopbackHost)).toBe(false);
    const server = await startWebServer(deps(), { host: '127.0.0.1', port: 0 });
    try {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('only redirects after login to paths on this server', () => {
    expect(safeNext('/changes?state=new')).toBe('/changes?state=new');
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', undefined]) {
      expect(safeNext(bad)).toBe('/');
    }
  });

  it('neutralises spreadsheet formulas in CSV downloads', () => {
    const csv = renderFigureCsv([
      { seq: 1, capturedAt: new Date('2020-01-01T00:00:00Z'), key: 'k', series: 'k', kind: 'count', value: -3, unit: null, raw: '=HYPERLINK("http://x","y")', period: '+1' },
    ]);
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain(',-3,');
    expect(row).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(row).toContain(",'+1,");
  });
});
