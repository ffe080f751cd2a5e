import type { Clock } from '../app/clock.ts';
import type { Logger } from '../app/log.ts';
import type { Db } from '../store/open-database.ts';

/** What the web layer needs from the composition root; nothing else reaches it. */
export interface WebDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /**
   * The access token (FACTWATCH_TOKEN). When set, every request but `/healthz` must carry it,
   * as `Authorization: Bearer …` or through the session cookie the login form sets.
   */
  token: string | null;
}

/** Hono context variables set by the middleware. */
export interface WebEnv {
  Variables: {
    /** This browser's CSRF token, for hidden form fields. */
    csrfToken: string;
  };
}
