import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../src/config/alert-rule-schema.ts';
import type { Change, Figure, FigureChange } from '../../src/model/index.ts';
import { confirmDecision } from '../../src/notify/confirm-change.ts';
import { describeMatch, eventsOf, matchRule } from '../../src/notify/match-rule.ts';
import { computeDelta } from '../../src/diff/align-figures.ts';

/** A figure as the extractor would give it, read from `sentence`. */
function figure(key: string, kind: Figure['kind'], value: number | string, raw: string, sentence: string, unit: string | null = kind === 'money' ? 'EUR' : null): Figure {
  return { key, series: key, kind, value, unit, raw, section: 'Economy', sentence, period: '2016' };
}
function changed(from: Figure, to: Figure): FigureChange {
  const delta = computeDelta(from, to);
  return { key: to.key, from, to, ...(delta ? { delta } : {}) };
}
function change(parts: Partial<{ figures: Partial<Change['figures']>; sections: Partial<Change['sections']>; updated: Change['updated']; url: Change['url']; title: Change['title'] }> = {}): Change {
  return {
    updated: parts.updated ?? { from: '2017-07-05', to: '2017-07-05' },
    url: parts.url ?? null,
    title: parts.title ?? null,
    sections: { added: [], removed: [], changed: [], ...parts.sections },
    figures: { added: [], removed: [], changed: [], ...parts.figures },
  };
}

const trade = (m: number) => figure('money/bilateral-trade', 'money', m * 1e6, `€${m} million`, `Bilateral trade reached €${m} million in 2016.`);
const aid = (m: number) => figure('money/humanitarian-aid', 'money', m * 1e6, `€${m} million`, `Humanitarian aid reached €${m} million in 2016.`);
const firms = (n: number) => figure('count/french-companies', 'count', n, `${n} French companies`, `There are ${n} French companies in the country.`);
const visit = (d: string) => figure('date/visit', 'date', d, d, `The minister visited on ${d}.`);

/** +15 % trade, +2 % aid, firms 4 → 0. */
const mixed = change({
  figures: { changed: [changed(trade(8), trade(9.2)), changed(aid(100), aid(102)), changed(firms(4), firms(0))] },
  sections: { added: ['Relations with the EU'] },
  updated: { from: '2017-07-05', to: '2017-10-26' },
});
const subject = (c: Change | null) => ({ kind: 'change' as const, change: c });
const figuresOf = (r: ReturnType<typeof matchRule>) => (r.matched ? r.figures.map((f) => `${f.series} ${f.move}`) : r.reason);

describe('alert rules (pure evaluation)', () => {
  it('names the events a change carries, in the rule language', () => {
    expect(eventsOf(subject(mixed))).toEqual(['figure_changed', 'section_added', 'stamp_changed']);
    expect(eventsOf(subject(null))).toEqual(['first_capture']);
    expect(eventsOf({ kind: 'event', event: 'gone' })).toEqual(['gone']);
    const moved = change({ url: { from: 'https://a.example/x', to: 'https://a.example/y' }, title: { from: 'A', to: 'B' }, sections: { renamed: [{ from: 'A', to: 'B', hunks: [] }] } });
    expect(eventsOf(subject(moved))).toEqual(['section_renamed', 'text_changed', 'moved']);
  });

  it('without a rule every non-empty change and event matches, unnarrowed; an empty change never does', () => {
    const r = matchRule(subject(mixed), null);
    expect(r.matched && r.change).toBe(mixed);
    expect(matchRule({ kind: 'event', event: 'recovered' }, undefined).matched).toBe(true);
    expect(matchRule(subject(change()), null)).toEqual({ matched: false, reason: 'nothing changed' });
    expect(matchRule(subject(change()), { events: ['stamp_changed'] }).matched).toBe(false);
  });

  it('minChangePct keeps the 15% move and drops the 2% one, and the notified change lists only it', () => {
    const rule: AlertRule = { figures: { minChangePct: 10, kinds: ['money'] } };
    const r = matchRule(subject(mixed), rule);
    expect(figuresOf(r)).toEqual(['money/bilateral-trade +15%']);
    expect(r.matched && r.events).toEqual(['figure_changed']);
    expect(r.matched && r.change?.figures.changed.map((fc) => fc.key)).toEqual(['money/bilateral-trade']);
    // The section and the stamp are not figure events: a figure rule without `events` is about figures only.
    expect(r.matched && describeMatch(rule, r)).toBe('figure changed, money, ≥ 10% (Bilateral trade +15%)');
    expect(figuresOf(matchRule(subject(mixed), { figures: { minChangePct: 16 } }))).toEqual(['count/french-companies -100%']);
    expect(matchRule(subject(mixed), { figures: { minChangePct: 101 } })).toEqual({ matched: false, reason: 'no figure passed the filter (≥ 101%)' });
  });

  it('minChange is absolute, direction is the sign, match is a case- and accent-insensitive substring of label or series', () => {
    // +€1.2 million (15 %) is below €1.5 million; +€2 million (2 %) is not.
    expect(figuresOf(matchRule(subject(mixed), { figures: { minChange: 1.5e6 } }))).toEqual(['money/humanitarian-aid +2%']);
    expect(figuresOf(matchRule(subject(mixed), { figures: { direction: 'down' } }))).toEqual(['count/french-companies -100%']);
    expect(figuresOf(matchRule(subject(mixed), { figures: { direction: 'up', minChangePct: 1 } }))).toEqual(['money/bilateral-trade +15%', 'money/humanitarian-aid +2%']);
    expect(figuresOf(matchRule(subject(mixed), { figures: { match: 'BILATÉRAL' } }))).toEqual(['money/bilateral-trade +15%']);
    expect(figuresOf(matchRule(subject(mixed), { figures: { match: 'french-comp' } }))).toEqual(['count/french-companies -100%']);
    expect(matchRule(subject(mixed), { figures: { match: 'debt' } }).matched).toBe(false);
  });

  it('a figure without a numeric delta fails any threshold; added and removed figures are moves of their whole value', () => {
    const dates = change({ figures: { changed: [changed(visit('2017-04-06'), visit('2017-10-16'))] } });
    expect(matchRule(subject(dates), { figures: {} }).matched).toBe(true);
    expect(matchRule(subject(dates), { figures: { minChangePct: 1 } }).matched).toBe(false);
    expect(matchRule(subject(dates), { figures: { direction: 'up' } }).matched).toBe(false);
    const appeared = change({ figures: { added: [aid(135.3)], removed: [firms(3)] } });
    expect(figuresOf(matchRule(subject(appeared), { figures: { minChangePct: 50 } }))).toEqual(['money/humanitarian-aid added', 'count/french-companies removed']);
    expect(figuresOf(matchRule(subject(appeared), { figures: { direction: 'up' } }))).toEqual(['money/humanitarian-aid added']);
    expect(figuresOf(matchRule(subject(appeared), { figures: { minChange: 10 } }))).toEqual(['money/humanitarian-aid added']);
    expect(figuresOf(matchRule(subject(appeared), { events: ['figure_removed'], figures: {} }))).toEqual(['count/french-companies removed']);
  });

  it('events narrow what notifies; non-figure events are not filtered by the figure filter', () => {
    expect(matchRule(subject(mixed), { events: ['section_added'] })).toMatchObject({ matched: true, events: ['section_added'], figures: [] });
    expect(matchRule(subject(mixed), { events: ['section_removed', 'moved'] })).toEqual({ matched: false, reason: 'no event the rule names (this change: figure changed, section added, stamp changed)' });
    const r = matchRule(subject(mixed), { events: ['section_added', 'figure_changed'], figures: { minChangePct: 50 } });
    expect(r).toMatchObject({ matched: true, events: ['figure_changed', 'section_added'] });
    expect(matchRule(subject(null), { events: ['figure_changed'] }).matched).toBe(false);
    expect(matchRule(subject(null), { events: ['first_capture'] }).matched).toBe(true);
    expect(matchRule(subject(null), { figures: { minChangePct: 10 } }).matched).toBe(false);
    expect(matchRule({ kind: 'event', event: 'gone' }, { events: ['recovered'] }).matched).toBe(false);
    expect(matchRule({ kind: 'event', event: 'gone' }, { events: ['gone'], figures: { minChangePct: 10 } }).matched).toBe(true);
  });
});

describe('confirmation against flapping (pure)', () => {
  const now = new Date('2024-06-10T00:00:00Z');
  const state = (agreeing: number, isHead: boolean, contentHash = 'b', notifiedHash: string | null = 'a', more: { sourceEnabled?: boolean; detectedAt?: string } = {}) => ({
    agreeing,
    isHead,
    contentHash,
    notifiedHash,
    lastCheckedAt: null,
    sourceEnabled: more.sourceEnabled ?? true,
    detectedAt: new Date(more.detectedAt ?? '2024-06-09T00:00:00Z'),
  });
  it('holds until N checks agree, skips what was superseded first, and skips a return to what was last notified', () => {
    expect(confirmDecision(state(1, true), 2, now)).toEqual({ kind: 'hold', note: 'held until 2 checks agree (1 of 2 checks agree)' });
    expect(confirmDecision(state(1, false), 2, now)).toEqual({ kind: 'skip', note: 'superseded before 2 checks agreed (1 of 2 checks agree)' });
    expect(confirmDecision(state(2, true), 2, now).kind).toBe('send');
    expect(confirmDecision(state(3, false), 2, now).kind).toBe('send');
    expect(confirmDecision(state(2, true, 'a', 'a'), 2, now).kind).toBe('skip');
    expect(confirmDecision(state(2, true, 'b', null), 2, now).kind).toBe('send');
  });
  it('ends a hold that nothing can confirm: a source no longer checked, or 30 days since the change; a confirmed change is sent however late', () => {
    expect(confirmDecision(state(1, true, 'b', 'a', { sourceEnabled: false }), 2, now)).toEqual({
      kind: 'skip',
      note: 'source no longer checked (disabled or removed from the configuration) before 2 checks agreed (1 of 2 checks agree)',
    });
    expect(confirmDecision(state(1, true, 'b', 'a', { detectedAt: '2024-05-11T00:00:01Z' }), 2, now).kind).toBe('hold');
    expect(confirmDecision(state(1, true, 'b', 'a', { detectedAt: '2024-05-11T00:00:00Z' }), 2, now)).toEqual({
      kind: 'skip',
      note: 'not confirmed within 30 days of the change (1 of 2 checks agree)',
    });
    expect(confirmDecision(state(2, true, 'b', 'a', { sourceEnabled: false, detectedAt: '2024-01-01T00:00:00Z' }), 2, now).kind).toBe('send');
  });
});
