import { createHash } from 'node:crypto';
import type { PageDocument } from '../../src/model/index.ts';
import { judgeCapture } from '../../src/judge/judge-capture.ts';
import type { PreviousVersion } from '../../src/judge/judge-input.ts';
import type { JudgeTask } from '../../src/judge/judge-pool.ts';
import type { Verdict } from '../../src/judge/verdict.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A judge task for one page of HTML, as a live check (or, with `urlMatters: false`, an import) builds it. */
export function taskFor(
  html: string,
  opts: { url: string; profile?: string | null; previous?: PreviousVersion | null; urlMatters?: boolean; shrink?: JudgeTask['ctx']['shrink'] },
): JudgeTask {
  return {
    capture: { url: opts.url, status: 200, rawHash: sha256(html), text: html },
    previous: opts.previous ?? null,
    ctx: { profile: opts.profile ?? null, urlMatters: opts.urlMatters ?? true, shrink: opts.shrink ?? null },
  };
}

/** Judges one page inline. */
export function judgeHtml(html: string, opts: Parameters<typeof taskFor>[1]): Verdict {
  const t = taskFor(html, opts);
  return judgeCapture(t.capture, t.previous, t.ctx);
}

/** A previous version built from a document the test extracted (its hashes made up but distinct). */
export function previousFrom(document: PageDocument, html: string, over: Partial<PreviousVersion> = {}): PreviousVersion {
  return { versionId: 1, url: document.url ?? '', rawHash: sha256(html), contentHash: `content-of-${sha256(html)}`, document, rawEnding: null, ...over };
}
