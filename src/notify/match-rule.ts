/**
 * Whether a change or a source event is worth a channel's alert: the alert rule (`when`, see
 * src/config/alert-rule-schema.ts) applied to what happened. Pure — the change and the rule in,
 * the decision out with its reason and the figures that made it — so every rule is tested in
 * memory (test/notify/match-rule.test.ts) and the outbox only records what this says.
 *
 * Confirmation (`confirm`) is not decided here: it is about checks over time, not about the
 * change (src/notify/confirm-change.ts).
 */
import type { AlertRule, FigureFilter } from '../config/alert-rule-schema.ts';
import { formatFigureDelta } from '../describe/format-value.ts';
import { labelFigure } from '../describe/label-figure.ts';
import { ALERT_EVENTS, FIGURE_EVENTS, type AlertEvent, type Change, type Figure, type FigureChange, type SourceEventKind } from '../model/index.ts';
import { foldWord } from '../text/fold-word.ts';

/** What a rule is asked about: a stored change (null for a first capture) or a source event. */
export type RuleSubject = { kind: 'change'; change: Change | null } | { kind: 'event'; event: SourceEventKind };

/** A figure that passed the rule's figure filter, as a report names it. */
export interface MatchedFigure {
  how: 'changed' | 'added' | 'removed';
  series: string;
  label: string;
  /** "+28.1%", "+€1.8 million", "added", "removed". */
  move: string;
}

export type RuleMatch =
  | {
      matched: true;
      /** The events of the subject the rule let through. */
      events: AlertEvent[];
      /** Figures that passed the figure filter (empty without one). */
      figures: MatchedFigure[];
      /** The change as it is notified: with a figure filter, only the figures that passed it. */
      change: Change | null;
    }
  | { matched: false; reason: string };

/** Every event a subject carries, in the order of `ALERT_EVENTS`. */
export function eventsOf(subject: RuleSubject): AlertEvent[] {
  if (subject.kind === 'event') return [subject.event];
  const c = subject.change;
  if (c === null) return ['first_capture'];
  const present: Record<AlertEvent, boolean> = {
    figure_changed: c.figures.changed.length > 0,
    figure_added: c.figures.added.length > 0,
    figure_removed: c.figures.removed.length > 0,
    section_added: c.sections.added.length > 0,
    section_removed: c.sections.removed.length > 0,
    section_renamed: (c.sections.renamed ?? []).length > 0,
    // Words that changed inside a section, text moved between sections, a new title: the page reads differently.
    text_changed: c.sections.changed.length > 0 || (c.sections.moved ?? []).length > 0 || c.title !== null,
    stamp_changed: c.updated.from !== c.updated.to,
    moved: c.url !== null,
    gone: false,
    recovered: false,
    first_capture: false,
  };
  return ALERT_EVENTS.filter((e) => present[e]);
}

/**
 * The events a rule listens to: its `events`, else — with a figure filter — the figure events
 * (a rule about figures is not also about every text edit), else all of them.
 */
export function listenedEvents(rule: AlertRule): readonly AlertEvent[] {
  return rule.events ?? (rule.figures ? FIGURE_EVENTS : ALERT_EVENTS);
}

/** Applies a rule (null: no rule, everything matches) to a subject. */
export function matchRule(subject: RuleSubject, rule: AlertRule | null | undefined): RuleMatch {
  const change = subject.kind === 'change' ? subject.change : null;
  const present = eventsOf(subject);
  // An empty change is never an alert, whatever the rule (the diff does not store one; this is the last guard).
  if (present.length === 0) return { matched: false, reason: 'nothing changed' };
  if (!rule) return { matched: true, events: present, figures: [], change };

  const listened = listenedEvents(rule);
  const heard = present.filter((e) => listened.includes(e));
  if (heard.length === 0) return { matched: false, reason: `no event the rule names (this ${subject.kind === 'event' ? 'event' : 'change'}: ${present.map(eventWords).join(', ')})` };
  if (!rule.figures || change === null) return { matched: true, events: heard, figures: [], change };

  const filter = rule.figures;
  const kept = {
    changed: heard.includes('figure_changed') ? change.figures.changed.filter((fc) => passesChanged(fc, filter)) : [],
    added: heard.includes('figure_added') ? change.figures.added.filter((f) => passesAppeared(f, 'added', filter)) : [],
    removed: heard.includes('figure_removed') ? change.figures.removed.filter((f) => passesAppeared(f, 'removed', filter)) : [],
  };
  const events = heard.filter((e) =>
    e === 'figure_changed' ? kept.changed.length > 0 : e === 'figure_added' ? kept.added.length > 0 : e === 'figure_removed' ? kept.removed.length > 0 : true,
  );
  if (events.length === 0) return { matched: false, reason: `no figure passed the filter (${describeFilter(filter).join(', ')})` };
  const figures: MatchedFigure[] = [
    ...kept.changed.map((fc) => matched('changed', fc.to, formatMove(fc))),
    ...kept.added.map((f) => matched('added', f, 'added')),
    ...kept.removed.map((f) => matched('removed', f, 'removed')),
  ];
  return { matched: true, events, figures, change: { ...change, figures: kept } };
}

function matched(how: MatchedFigure['how'], f: Figure, move: string): MatchedFigure {
  return { how, series: f.series ?? f.key, label: labelFigure(f), move };
}

/** The relative move when there is one ("+28.1%"), else the absolute one; "changed" when neither is a number. */
function formatMove(fc: FigureChange): string {
  const words = formatFigureDelta(fc.from, fc.to);
  if (words === null) return 'changed';
  const parts = words.split(', ');
  return parts[parts.length - 1]!;
}

/** Kind and text match, shared by every figure. */
function passesNames(f: Figure, other: Figure | null, filter: FigureFilter): boolean {
  if (filter.kinds && !filter.kinds.includes(f.kind)) return false;
  if (filter.match === undefined) return true;
  const needle = foldWord(filter.match);
  const haystacks = [labelFigure(f), f.series ?? f.key, f.key, ...(other ? [other.key] : [])];
  return haystacks.some((h) => foldWord(h).includes(needle));
}

/**
 * A changed figure passes the thresholds by its delta: `minChange` against |to − from|,
 * `minChangePct` against |to − from| / |from| (a move from zero is larger than any percentage),
 * `direction` by the sign. A figure whose values are not numbers in one unit (a date, EUR → USD)
 * has no delta and fails any threshold above zero and any direction but "any".
 */
function passesChanged(fc: FigureChange, filter: FigureFilter): boolean {
  if (!passesNames(fc.to, fc.from, filter)) return false;
  const d = fc.delta;
  const { minChange = 0, minChangePct = 0, direction = 'any' } = filter;
  if (minChange > 0 && !(d && Math.abs(d.absolute) >= minChange)) return false;
  if (minChangePct > 0 && !(d && (d.relative === null ? d.absolute !== 0 : Math.abs(d.relative) * 100 >= minChangePct - 1e-9))) return false;
  if (direction === 'up' && !(d && d.absolute > 0)) return false;
  if (direction === 'down' && !(d && d.absolute < 0)) return false;
  return true;
}

/**
 * An added figure is a move from nothing to its value (up, larger than any percentage), a
 * removed one a move from its value to nothing (down, 100 %); `minChange` compares its value
 * when it is a number.
 */
function passesAppeared(f: Figure, how: 'added' | 'removed', filter: FigureFilter): boolean {
  if (!passesNames(f, null, filter)) return false;
  const { minChange = 0, minChangePct = 0, direction = 'any' } = filter;
  if (minChange > 0 && !(typeof f.value === 'number' && Math.abs(f.value) >= minChange)) return false;
  if (how === 'removed' && minChangePct > 100) return false;
  if (direction !== 'any' && direction !== (how === 'added' ? 'up' : 'down')) return false;
  return true;
}

/** "figure changed" */
export function eventWords(e: AlertEvent): string {
  return e.replace(/_/g, ' ');
}

/** The filter in a reader's words: ["money", "“trade”", "≥ 10%", "≥ 5", "up"]. */
export function describeFilter(filter: FigureFilter): string[] {
  const words: string[] = [];
  if (filter.kinds) words.push(filter.kinds.join('/'));
  if (filter.match !== undefined) words.push(`“${filter.match}”`);
  if (filter.minChangePct) words.push(`≥ ${filter.minChangePct}%`);
  if (filter.minChange) words.push(`≥ ${filter.minChange} (absolute)`);
  if (filter.direction && filter.direction !== 'any') words.push(filter.direction);
  return words;
}

/** How many matched figures a rule's note names before "and N more". */
const NOTE_FIGURES = 5;

/**
 * Which rule fired, in words, for the outbox, the report and the payload: "figure changed,
 * money, ≥ 10% (bilateral trade +28.1%)".
 */
export function describeMatch(rule: AlertRule, m: Extract<RuleMatch, { matched: true }>): string {
  const parts = [m.events.map(eventWords).join(', '), ...(rule.figures ? describeFilter(rule.figures) : [])];
  const named = m.figures.slice(0, NOTE_FIGURES).map((f) => `${f.label} ${f.move}`);
  const more = m.figures.length - NOTE_FIGURES;
  if (more > 0) named.push(`and ${more} more`);
  return `${parts.join(', ')}${named.length ? ` (${named.join('; ')})` : ''}`;
}
