/**
 * The pages a command reads from files or URLs (`extract`, `diff`), judged exactly as a check
 * judges a first capture: the same guards (soft error pages, nesting, figure limit) on a worker
 * thread with the same deadline. A page a check would refuse is refused here in one line (exit 1),
 * with the reason a check would record.
 */
import { createHash } from 'node:crypto';
import { FactwatchError } from '../app/errors.ts';
import { SuspectPageError } from '../judge/assess-page.ts';
import type { JudgePage } from '../judge/judge-pool.ts';
import type { ContentRules, PageDocument, PageReading } from '../model/index.ts';

/** Judges each page with `judge` (the composition root's judge pool), in order. */
export async function judgePages(
  judge: JudgePage,
  pages: Array<{ html: string; url: string }>,
  profile: string | null,
  reading: PageReading = {},
  rules: ContentRules = {},
): Promise<PageDocument[]> {
  const documents: PageDocument[] = [];
  for (const page of pages) {
    const capture = { url: page.url, status: 200, rawHash: createHash('sha256').update(page.html).digest('hex'), text: page.html };
    const verdict = await judge({ capture, previous: null, ctx: { profile, reading, rules, urlMatters: true, shrink: null } });
    if (verdict.kind === 'suspect') throw new SuspectPageError(verdict.rule, verdict.reason);
    if (verdict.kind === 'failed') throw new FactwatchError(verdict.code, verdict.message);
    if (verdict.kind !== 'new') throw new FactwatchError('internal', `the judge said "${verdict.kind}" of a page with no previous version`);
    documents.push(verdict.document);
  }
  return documents;
}
