import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { createJudgePool } from '../../src/judge/judge-pool.ts';
import { judgeHtml, previousFrom, taskFor } from './judge-task.ts';

const read = (name: string) => readFileSync(new URL(`../../snapshots/html/${name}`, import.meta.url), 'utf8');
const html = read('france-north-korea_2017-10-26.html');
const url = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/';

describe('judge pool (worker threads)', () => {
  const pool = createJudgePool({ threads: 1 });
  afterAll(async () => {
    await pool.close();
  });

  it('gives the same verdict — document, content hash — on a worker thread as inline', async () => {
    const inline = judgeHtml(html, { url });
    const pooled = await pool.judge(taskFor(html, { url }));
    expect(inline.kind).toBe('new');
    expect(pooled).toEqual(inline);
  });

  it('diffs against the previous version on the thread too: the same change as inline', async () => {
    const before = read('france-north-korea_2017-07-05.html');
    const previous = previousFrom(extractDocument(before, { url }), before);
    const pooled = await pool.judge(taskFor(html, { url, previous }));
    expect(pooled.kind).toBe('changed');
    expect(pooled).toEqual(judgeHtml(html, { url, previous }));
  });

  it('brings back suspicions and extraction failures as data across the thread boundary', async () => {
    const deep = `<html><body>${'<div>'.repeat(1500)}x${'</div>'.repeat(1500)}</body></html>`;
    expect(await pool.judge(taskFor(deep, { url }))).toMatchObject({ kind: 'suspect', rule: 'nesting' });
    const failed = await pool.judge(taskFor('', { url }));
    expect(failed).toEqual(judgeHtml('', { url }));
    expect(failed.kind).toBe('failed');
  });
});
