import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePage } from '../../src/pipeline/parse-page.ts';
import { createParsePool } from '../../src/pipeline/parse-pool.ts';

const html = readFileSync(new URL('../../snapshots/html/france-north-korea_2017-10-26.html', import.meta.url), 'utf8');
const url = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/';

describe('parse pool (worker threads)', () => {
  const pool = createParsePool({ threads: 1 });
  afterAll(async () => {
    await pool.close();
  });

  it('gives the same document and content hash on a worker thread as inline', async () => {
    const inline = parsePage({ html, url, profile: null, previous: null });
    const pooled = await pool.parse({ html, url, profile: null, previous: null });
    expect(inline.kind).toBe('document');
    expect(pooled).toEqual(inline);
  });

  it('brings back suspicions and extraction failures as data across the thread boundary', async () => {
    const deep = `<html><body>${'<div>'.repeat(1500)}x${'</div>'.repeat(1500)}</body></html>`;
    const suspect = await pool.parse({ html: deep, url, profile: null, previous: null });
    expect(suspect).toMatchObject({ kind: 'suspect', suspicion: { rule: 'nesting' } });
    const failed = await pool.parse({ html: '', url, profile: null, previous: null });
    expect(failed).toEqual(parsePage({ html: '', url, profile: null, previous: null }));
    expect(failed.kind).toBe('failed');
  });
});
