import { readFile } from 'node:fs/promises';
import { systemClock } from '../app/clock.ts';
import { FetchError } from '../app/errors.ts';
import { createLogger } from '../app/log.ts';
import { createHttpClient } from '../fetch/index.ts';

/**
 * Reads a page for `extract` and `diff`, which need no database: a local file, or an http(s)
 * URL fetched with the same guarded client as checks (so `--allow-network` is needed for
 * addresses the guard refuses by default).
 */
export async function readPage(input: string, opts: { allowNetworks?: string[] } = {}): Promise<{ html: string; url: string | null }> {
  // Anything with a URL scheme is a URL, and only http(s) URLs are fetched: `file:///etc/passwd`
  // is refused, not quietly read as a path (a local file is named by its path, `./page.html`).
  // Two letters at least, so a Windows drive ("C:\\page.html") is still a path.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(input)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    throw new FetchError('blocked_url', input, `scheme "${scheme}:" is not allowed: only http(s) URLs are fetched (name a local file by its path, e.g. ./page.html)`);
  }
  if (scheme !== undefined) {
    const http = createHttpClient({ allowNetworks: opts.allowNetworks ?? [] }, { clock: systemClock, log: createLogger() });
    try {
      const res = await http.fetchPage({ url: input });
      if (res.kind !== 'ok') throw new Error('unexpected 304 without a conditional request');
      return { html: res.text, url: res.url };
    } finally {
      await http.close();
    }
  }
  return { html: await readFile(input, 'utf8'), url: null };
}
