import { describe, expect, it } from 'vitest';
import { MAX_FIGURES } from '../../src/judge/extract-with-limits.ts';
import { createJudgePool } from '../../src/judge/judge-pool.ts';
import { judgeHtml, taskFor } from './judge-task.ts';

const url = 'https://example.test/page';
const wrap = (body: string) => `<!doctype html><html lang="en"><head><title>T</title></head><body><main><h1>T</h1>${body}</main></body></html>`;

describe('judge limits', () => {
  it('refuses a page with more figures than a fact page has, and keeps one just under the limit', () => {
    const many = wrap(`<p>${'Aid of €1 million. '.repeat(MAX_FIGURES + 50)}</p>`);
    expect(judgeHtml(many, { url })).toMatchObject({ kind: 'failed', code: 'too_many_figures' });
    const fewer = wrap(`<p>${'Aid of €1 million. '.repeat(50)}</p>`);
    expect(judgeHtml(fewer, { url }).kind).toBe('new');
  });

  it('stops a judge at its deadline, replaces the thread, and judges the next page normally', async () => {
    // Generous enough for a small page on a cold thread of a loaded machine; the big page takes many times it.
    const pool = createJudgePool({ threads: 1, deadlineMs: 1_000 });
    try {
      // ~8 MB of dense text: linear, but seconds of work on any machine.
      const slow = wrap(`<p>${'In the year 2016 the rate stood high, and in 2017 it fell again; '.repeat(120_000)}</p>`);
      expect(await pool.judge(taskFor(slow, { url }))).toMatchObject({ kind: 'failed', code: 'too_slow' });
      const small = wrap('<p>Aid reached €3.5 million in 2016.</p>');
      const next = await pool.judge(taskFor(small, { url }));
      expect(next).toEqual(judgeHtml(small, { url }));
      expect(next.kind).toBe('new');
    } finally {
      await pool.close();
    }
  });
});
