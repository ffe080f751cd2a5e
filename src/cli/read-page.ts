import { readFile } from 'node:fs/promises';
import { systemClock } from '../app/clock.ts';
import { createLogger } from '../app/log.ts';
import { createHttpClient } from '../fetch/index.ts';

/**
 * Reads a page for `extract` and `diff`, which need no database: a local file, or an http(s)
 * URL fetched with the same guarded client as checks (so `--allow-network` is needed for
 * addresses the guard refuses by default).
 */
export async function readPage(input: string, opts: { allowNetworks?: string[] } = {}): Promise<{ html: string; url: string | null }> {
  if (/^https?:\/\//i.test(input)) {
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
