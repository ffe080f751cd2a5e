import { describe, expect, it } from 'vitest';
import { FactwatchError, FetchError } from '../../src/app/errors.ts';
import type { HttpClient } from '../../src/fetch/http-client.ts';
import { createUrlReferences, withUrlReferences } from '../../src/fetch/url-references.ts';

const KEY = 'k3y-5ecr3t-9f2a71c0';
const WRITTEN = 'https://api.test/data?key=${API_KEY}';
const RESOLVED = `https://api.test/data?key=${KEY}`;

/** A client that fails every fetch with `error`, and remembers the URL it was asked for. */
function failingClient(error: (url: string) => Error): HttpClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetchPage: async (req) => {
      asked.push(req.url);
      throw error(req.url);
    },
    close: async () => {},
  };
}

async function thrown(client: HttpClient): Promise<unknown> {
  try {
    await client.fetchPage({ url: WRITTEN });
  } catch (err) {
    return err;
  }
  throw new Error('expected the fetch to fail');
}

describe('URL references in fetch errors', () => {
  it('puts the reference back in a FetchError: its URL, its detail, hence its message; code and retry decision kept', async () => {
    const inner = failingClient((url) => new FetchError('http_status', url, `HTTP 503 (retry ${url} later)`, { status: 503, retryable: true, retryAfterMs: 1000 }));
    const err = await thrown(withUrlReferences(inner, createUrlReferences({ API_KEY: KEY })));
    expect(inner.asked).toEqual([RESOLVED]);
    expect(err).toBeInstanceOf(FetchError);
    expect(err).toMatchObject({ code: 'http_status', url: WRITTEN, detail: `HTTP 503 (retry ${WRITTEN} later)`, status: 503, retryable: true, retryAfterMs: 1000 });
    expect((err as FetchError).message).toBe(`${WRITTEN}: HTTP 503 (retry ${WRITTEN} later)`);
    expect(JSON.stringify(err) + (err as Error).message).not.toContain(KEY);
  });

  it('hides the value in any other error, which keeps its code', async () => {
    const inner = failingClient((url) => new FactwatchError('internal', `could not read ${url}`));
    const err = await thrown(withUrlReferences(inner, createUrlReferences({ API_KEY: KEY })));
    expect(err).toMatchObject({ code: 'internal', message: `could not read ${WRITTEN}` });
  });
});
