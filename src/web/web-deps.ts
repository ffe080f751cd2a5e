import type { Clock } from '../app/clock.ts';
import type { Logger } from '../app/log.ts';
import type { Db } from '../store/open-database.ts';
import type { HostPolicy } from './host-allow-list.ts';

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
  /**
   * The Host values answered and the origin of absolute links (host-allow-list.ts). Set by
   * `startWebServer` from the bound address and `publicUrl`; an in-process app without it answers
   * the loopback names on the default port.
   */
  hostPolicy?: HostPolicy;
}

/** Hono context variables set by the middleware. */
export interface WebEnv {
  Variables: {
    /** This browser's CSRF token, for hidden form fields. */
    csrfToken: string;
  };
}
