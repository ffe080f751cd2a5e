import { readFile } from 'node:fs/promises';
import { FactwatchError, FetchError } from '../app/errors.ts';
import type { HttpClient } from '../fetch/index.ts';
import { looksLikeHostWithoutScheme } from './typed-url.ts';

/**
 * Reads a page for `extract` and `diff`, which need no database: a local file, or an http(s)
 * URL fetched with the composition root's page client, the one checks use (so `--allow-network`
 * is needed for addresses the guard refuses by default).
 */
export async function readPage(http: HttpClient, input: string): Promise<{ html: string; url: string | null }> {
  // Anything with a URL scheme is a URL, and only http(s) URLs are fetched: `file:///etc/passwd`
  // is refused, not quietly read as a path (a local file is named by its path, `./page.html`).
  // Two letters at least, so a Windows drive ("C:\\page.html") is still a path.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(input)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    throw new FetchError('blocked_url', input, `scheme "${scheme}:" is not allowed: only http(s) URLs are fetched (name a local file by its path, e.g. ./page.html)`);
  }
  if (scheme !== undefined) {
    const res = await http.fetchPage({ url: input });
    if (res.kind !== 'ok') throw new Error('unexpected 304 without a conditional request');
    return { html: res.text, url: res.url };
  }
  try {
    return { html: await readFile(input, 'utf8'), url: null };
  } catch (error) {
    // A failure (exit 1) of the CLI contract, in one line: not a stack trace.
    throw new FactwatchError('unreadable_input', unreadableFile(input, error as NodeJS.ErrnoException), { cause: error });
  }
}

/** One line saying why a local page could not be read, and what was probably meant. */
function unreadableFile(input: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') {
    return looksLikeHostWithoutScheme(input) ? `no such file "${input}"; for a URL, give its scheme: https://${input}` : `no such file "${input}"`;
  }
  if (error.code === 'EISDIR') return `"${input}" is a directory, not a page`;
  if (error.code === 'EACCES' || error.code === 'EPERM') return `cannot read "${input}": permission denied`;
  return `cannot read "${input}": ${error.code ?? error.message}`;
}
