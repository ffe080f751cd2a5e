/** `/healthz` (liveness and database reachability) and `/metrics` (Prometheus text format). */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { errorBody } from '../api-error.ts';
import { createMetricsRegistry } from '../metrics.ts';
import type { WebDeps, WebEnv } from '../web-deps.ts';

export function opsRoutes({ db, log }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const registry = createMetricsRegistry(db);

  app.get('/healthz', async (c) => {
    try {
      await db.execute(sql`select 1`);
      return c.json({ status: 'ok', database: 'ok' });
    } catch (error) {
      log.error({ err: error }, 'health check: database unreachable');
      return c.json({ status: 'failing', database: 'unreachable', ...errorBody('database_unreachable', 'the database did not answer') }, 503);
    }
  });

  app.get('/metrics', async (c) => c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType }));

  return app;
}
