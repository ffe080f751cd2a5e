import type { Clock } from '../app/clock.ts';
import type { Logger } from '../app/log.ts';
import type { Db } from '../store/db.ts';

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

/** Which Host values and Origins the server answers (built by host-allow-list.ts). */
export interface HostPolicy {
  /** Host values answered, lowercase, as `URL.host` spells them (no `:80`, IPv6 in brackets). */
  hosts: ReadonlySet<string>;
  /** Origins a form may come from besides the request's own (the public one, behind a TLS proxy). */
  origins: ReadonlySet<string>;
  /** Origin of absolute links: `publicUrl`'s, else the bound address's. */
  linkOrigin: string;
}
