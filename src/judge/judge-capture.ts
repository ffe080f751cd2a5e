/**
 * The judge: what one capture means against the version before it, as a pure function of data.
 *
 * Every way a page comes in goes through here — a live check, a Wayback capture, a WARC record —
 * so an archived captcha page is refused exactly as a live one is, and a deeply nested capture
 * meets the same limits. The order is chosen for cost: "not modified" and "same bytes" are decided
 * without a parse (`quickVerdict`, on the calling thread); only different bytes are judged for
 * sanity, extracted and hashed, and only a different *normalized* document is diffed. No I/O, no
 * clock: it runs the same inline or on a worker thread (judge-pool.ts), and is tested in memory.
 */
import { continueSeries, pairFigures } from '../diff/align-figures.ts';
import { diffDocuments } from '../diff/diff-documents.ts';
import { isEmptyChange } from '../diff/is-empty-change.ts';
import { labelChangedFigures } from '../describe/label-figures.ts';
import { summarizeChange } from '../describe/summarize-change.ts';
import { hasContentRules, type PageDocument } from '../model/index.ts';
import { assessContent, assessMarkup, SHRINK_CONFIRMATIONS } from './assess-page.ts';
import type { JudgeContext, JudgedCapture, PreviousVersion } from './judge-input.ts';
import { extractWithLimits } from './extract-with-limits.ts';
import { quickVerdict } from './quick-verdict.ts';
import type { Verdict } from './verdict.ts';

export function judgeCapture(capture: JudgedCapture, previous: PreviousVersion | null, ctx: JudgeContext): Verdict {
  const quick = quickVerdict(capture, previous, ctx);
  if (quick) return quick;
  const stored = previous?.document ?? null;
  // Content sanity, cheapest first (assess-page.ts): a soft error page or a truncated body is refused before any parse.
  // The previous document itself, not its text: the soft-error rule builds that text only when
  // an error phrase matches, which almost no real page does.
  const markup = assessMarkup(capture.text, previous && stored ? { document: stored, rawEnding: previous.rawEnding } : null);
  if (markup) return { kind: 'suspect', rule: markup.rule, reason: markup.reason, contentHash: null };
  const extracted = extractWithLimits(capture.text, capture.url, ctx.profile, ctx.reading, ctx.rules);
  if (extracted.kind === 'suspect') return { kind: 'suspect', rule: extracted.suspicion.rule, reason: extracted.suspicion.reason, contentHash: null };
  if (extracted.kind === 'failed') return extracted;
  const { document, contentHash } = extracted;
  if (!previous || !previous.document) {
    // Every figure starts its series; the content hash was taken before (series are not content).
    for (const f of document.figures) f.series = f.key;
    return { kind: 'new', document, contentHash, summary: summarizeChange(null), labels: labelChangedFigures(document.figures, null) };
  }

  if (previous.contentHash === contentHash && (!ctx.urlMatters || previous.url === capture.url)) {
    return { kind: 'same_content', versionId: previous.versionId };
  }
  const { document: before, contentHash: beforeHash } = underSameRules(previous, previous.document, ctx);
  if (beforeHash === contentHash && (!ctx.urlMatters || previous.url === capture.url)) {
    // What differs is only what the rules take out since they were changed: not a revision.
    return { kind: 'same_content', versionId: previous.versionId };
  }
  const shrunk = assessContent(document, before);
  if (shrunk && !isConfirmed(ctx.shrink, contentHash)) return { kind: 'suspect', rule: shrunk.rule, reason: shrunk.reason, contentHash };

  const pairs = pairFigures(before.figures, document.figures);
  const change = diffDocuments(before, document, undefined, pairs);
  // Each figure continues the series of the figure it was paired with, even under a new key.
  continueSeries(before.figures, document.figures, pairs);
  if (isEmptyChange(ctx.urlMatters ? change : { ...change, url: null })) return { kind: 'same_content', versionId: previous.versionId };
  return { kind: 'changed', document, contentHash, change, summary: summarizeChange(change), fromVersionId: previous.versionId, labels: labelChangedFigures(document.figures, before.figures) };
}

/**
 * The previous version as the capture's rules read it. A source without rules, or a version whose
 * body was not sent, or one the rules read as it was stored (the usual case: the rules have not
 * changed since) is its stored document. Otherwise its body is read again under the rules, and its
 * figures continue the stored version's series, so the diff from it reports the page's change and
 * not the rules' (a rule added to a source with history is not news). A body that cannot be read
 * again is the stored document: the change then shows the rules' effect too.
 */
function underSameRules(previous: PreviousVersion, stored: PageDocument, ctx: JudgeContext): { document: PageDocument; contentHash: string } {
  const as = { document: stored, contentHash: previous.contentHash };
  if (!hasContentRules(ctx.rules) || !previous.text) return as;
  const reread = extractWithLimits(previous.text, previous.url, ctx.profile, ctx.reading, ctx.rules);
  if (reread.kind !== 'document' || reread.contentHash === previous.contentHash) return as;
  continueSeries(stored.figures, reread.document.figures, pairFigures(stored.figures, reread.document.figures));
  return reread;
}

/** This sighting is the `SHRINK_CONFIRMATIONS`-th in a row of the same shrunken content. */
function isConfirmed(shrink: JudgeContext['shrink'], contentHash: string): boolean {
  return shrink !== null && shrink.contentHash === contentHash && shrink.sightings >= SHRINK_CONFIRMATIONS - 1;
}
