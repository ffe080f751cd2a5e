/**
 * The factwatch database schema (drizzle). Migrations in `drizzle/` are generated from this file
 * with `npm run db:generate`; the same migrations serve PGlite and PostgreSQL.
 *
 * Times are `timestamptz` read as JS `Date`s and always written from the injected clock — no
 * column defaults to `now()`, so tests and history imports control every timestamp.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { CHECK_OUTCOMES, FIGURE_KINDS, SOURCE_EVENT_KINDS, type Change, type CheckOutcome, type FigureKind, type PageDocument, type SourceEventKind } from '../model/index.ts';
import { bytea } from './bytea.ts';

/** Review states of a change. */
export const CHANGE_STATES = ['new', 'reviewed', 'dismissed'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

/**
 * States of an outbox delivery. `skipped`: the channel's alert rule did not match the change or
 * event, or a change held for confirmation was superseded or came back to what the channel was
 * last told (`rule_note` says which) — decided and recorded, never sent.
 */
export const DELIVERY_STATES = ['pending', 'delivered', 'dead', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** `col in ('a', 'b')` for a check constraint; values are our own constants, never user input. */
const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/** One watched page: its configuration (synced from the config file) and its fetch state. */
export const sources = pgTable(
  'sources',
  {
    id: text('id').primaryKey(),
    /** The configured URL (what the fetcher requests); redirects are tracked in `source_urls`. */
    url: text('url').notNull(),
    profile: text('profile'),
    schedule: text('schedule'),
    timezone: text('timezone'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: tstz('created_at').notNull(),
    etag: text('etag'),
    lastModified: text('last_modified'),
    nextCheckAt: tstz('next_check_at'),
    leaseOwner: text('lease_owner'),
    leaseUntil: tstz('lease_until'),
    /**
     * Names one claim: a new one each time a worker claims the source. A write made under a lease
     * carries its token and does nothing once the token changed or the lease ran out (fencing), so a
     * worker whose lease expired mid-check can never store over its successor.
     */
    leaseToken: text('lease_token'),
    failureStreak: integer('failure_streak').notNull().default(0),
    lastCheckedAt: tstz('last_checked_at'),
    lastOutcome: text('last_outcome'),
    /** Set when repeated 404/410 declared the page gone (one notification); cleared on recovery. */
    goneAt: tstz('gone_at'),
    /** Consecutive 404/410 answers: decides when a page is declared gone. */
    goneStreak: integer('gone_streak').notNull().default(0),
    /**
     * The shrunken content the last checks refused (a hash), and how many checks in a row saw it:
     * the judge accepts a page that really was cut down once it has been seen `SHRINK_CONFIRMATIONS`
     * times. Kept as data, not read back out of check error messages.
     */
    shrinkHash: text('shrink_hash'),
    shrinkSightings: integer('shrink_sightings').notNull().default(0),
    /**
     * The configured tags (slugs), synced from the configuration like the URL and schedule: the
     * change list, the UI and the feed filter by them inside the database (`tags && $wanted`).
     */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('sources_next_check_at_idx').on(t.nextCheckAt), index('sources_tags_idx').using('gin', t.tags)],
);

/** Where a source's page lived over time (a page moved, a redirect appeared). */
export const sourceUrls = pgTable(
  'source_urls',
  {
    id: serial('id').primaryKey(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    validFrom: tstz('valid_from').notNull(),
    validTo: tstz('valid_to'),
  },
  (t) => [
    unique('source_urls_source_url_from_unique').on(t.sourceId, t.url, t.validFrom),
    // At most one open (current) URL per source: two racing writers cannot both open one.
    uniqueIndex('source_urls_one_open_idx').on(t.sourceId).where(sql`valid_to is null`),
  ],
);

/**
 * Every fetch attempt. Most rows are "unchanged", so the row stays narrow: no bodies, no
 * documents — those live in `versions`, referenced by `version_id` when a check made one.
 */
export const checks = pgTable(
  'checks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    checkedAt: tstz('checked_at').notNull(),
    outcome: text('outcome').$type<CheckOutcome>().notNull(),
    httpStatus: smallint('http_status'),
    bytes: integer('bytes'),
    durationMs: integer('duration_ms'),
    versionId: integer('version_id').references(() => versions.id, { onDelete: 'set null' }),
    error: text('error'),
    /**
     * The schedule slot (`sources.next_check_at` when claimed) this check served; null for
     * checks run by hand. Unique per source, so two workers can never both record one slot.
     */
    dueAt: tstz('due_at'),
    /**
     * How many consecutive identical checks this row stands for. Unchanged and not-modified
     * checks that saw the same version as the source's latest row extend it (run-length) instead
     * of adding a row each: a daily check of a page that changes twice a year then costs a few
     * rows a year, not 365. `checked_at`/`due_at` are the run's first check, `last_*` its last.
     */
    repeats: integer('repeats').notNull().default(1),
    /** The last check of the run; null while `repeats` is 1. */
    lastCheckedAt: tstz('last_checked_at'),
    /** The schedule slot of the run's last check (slots only grow within a run); null if none. */
    lastDueAt: tstz('last_due_at'),
  },
  (t) => [
    index('checks_source_checked_at_idx').on(t.sourceId, t.checkedAt),
    check('checks_outcome_check', oneOf('outcome', CHECK_OUTCOMES)),
    uniqueIndex('checks_source_due_unique').on(t.sourceId, t.dueAt),
  ],
);

/**
 * One row per distinct content of a source. `seq` numbers them 1, 2, 3… per source. The content
 * hash is deliberately NOT unique: a page may revert to an earlier content, which is a new version.
 *
 * Storage parameters drizzle cannot express are set in drizzle/0005_raw_delta.sql: fillfactor 70
 * and toast_tuple_target 128, `raw_gzip` EXTERNAL and the short text columns MAIN, so a row keeps
 * only pointers to its document and body and the `last_seen_at` updates stay small and HOT.
 */
export const versions = pgTable(
  'versions',
  {
    id: serial('id').primaryKey(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    contentHash: text('content_hash').notNull(),
    /**
     * The raw response body, kept so a version can be re-extracted by a later profile: gzip of
     * the body when `raw_base_id` is null (a keyframe), else gzip of a delta against the body of
     * that keyframe (src/store/raw-delta.ts). Read it with `loadRawBody`, never directly.
     */
    rawGzip: bytea('raw_gzip').notNull(),
    /**
     * The keyframe `raw_gzip` is a delta against; null when it holds the whole body. Always a
     * version whose own `raw_base_id` is null, so a body is at most keyframe + one delta.
     */
    rawBaseId: integer('raw_base_id').references((): AnyPgColumn => versions.id),
    rawHash: text('raw_hash').notNull(),
    /** The URL the body was finally served from (after redirects). */
    url: text('final_url').notNull(),
    capturedAt: tstz('captured_at').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull(),
    /** Declared revision stamp, "YYYY-MM-DD" or "YYYY-MM". */
    updated: text('updated'),
    updatedText: text('updated_text'),
    document: jsonb('document').$type<PageDocument>().notNull(),
  },
  (t) => [
    unique('versions_source_seq_unique').on(t.sourceId, t.seq),
    index('versions_source_captured_at_idx').on(t.sourceId, t.capturedAt),
    // For the foreign key: deleting a source's versions looks up the deltas on each keyframe.
    index('versions_raw_base_idx').on(t.rawBaseId).where(sql`raw_base_id is not null`),
  ],
);

/** The figures of each version, one row each, indexed for "one figure over time". */
export const figures = pgTable(
  'figures',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => versions.id, { onDelete: 'cascade' }),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** The series the figure continues (`Figure.series`): what "one figure over time" follows. */
    series: text('series').notNull(),
    /** One of `FIGURE_KINDS` (src/model/figure.ts): `figures_kind_check` rejects a kind the code never made. */
    kind: text('kind').$type<FigureKind>().notNull(),
    /** Numeric value; null for dates, whose ISO string is in `value_text`. */
    valueNum: doublePrecision('value_num'),
    valueText: text('value_text'),
    unit: text('unit'),
    raw: text('raw').notNull(),
    section: text('section'),
    sentence: text('sentence').notNull(),
    period: text('period'),
  },
  (t) => [
    index('figures_source_key_idx').on(t.sourceId, t.key),
    index('figures_source_series_idx').on(t.sourceId, t.series),
    index('figures_version_idx').on(t.versionId),
    check('figures_kind_check', oneOf('kind', FIGURE_KINDS)),
    check('figures_one_value_check', sql`(value_num is null) <> (value_text is null)`),
  ],
);

/**
 * The facts of each figure series, kept so `factwatch facts` over thousands of series reads one
 * row each instead of running its window functions over every point (issue 18, item 5): the
 * series' latest figure, the figure before its last change, when that change was seen, and how
 * many versions hold it. Versions and figures are never rewritten, so a source's rows stay right
 * until it gets another version; `series_fact_sources` records which versions they were computed
 * over, and a source whose versions differ is computed afresh at read time (facts.ts) — these rows
 * make the answer fast, never different. Refreshed after each pass's writes and each import.
 */
export const seriesFacts = pgTable(
  'series_facts',
  {
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    series: text('series').notNull(),
    latestFigureId: integer('latest_figure_id').notNull(),
    /** The last point before the latest value's run began; null when the series never changed. */
    beforeFigureId: integer('before_figure_id'),
    changedAt: tstz('changed_at').notNull(),
    versions: integer('versions').notNull(),
    // The two figures' fields and their versions' numbers and times, copied so a listing reads
    // this table alone: a join to `figures` or `versions` per series cost more than the rest. An
    // import may renumber versions or move one's start; renumbering drops the source's record in
    // `series_fact_sources` in the same transaction (renumberVersions), so its rows are computed
    // afresh until the import's refresh recomputes them.
    latestVersionId: integer('latest_version_id').notNull(),
    latestSeq: integer('latest_seq').notNull(),
    latestCapturedAt: tstz('latest_captured_at').notNull(),
    key: text('key').notNull(),
    kind: text('kind').$type<FigureKind>().notNull(),
    valueNum: doublePrecision('value_num'),
    valueText: text('value_text'),
    unit: text('unit'),
    period: text('period'),
    raw: text('raw').notNull(),
    section: text('section'),
    sentence: text('sentence').notNull(),
    beforeVersionId: integer('before_version_id'),
    beforeSeq: integer('before_seq'),
    beforeValueNum: doublePrecision('before_value_num'),
    beforeValueText: text('before_value_text'),
    beforePeriod: text('before_period'),
    /**
     * The version after the latest point — the first from which the page no longer shows the
     * series — and its capture time; null while the source's newest version holds it.
     */
    removedSeq: integer('removed_seq'),
    removedCapturedAt: tstz('removed_captured_at'),
    /**
     * The latest figure's label (src/describe/label-figure.ts), kept while its kind, text, section
     * and sentence stay the same; null until the refresh that computes it (a backfilled row).
     */
    label: text('label'),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.series] })],
);

/** Which versions of a source its `series_facts` rows were computed over (their count and newest id). */
export const seriesFactSources = pgTable('series_fact_sources', {
  sourceId: text('source_id')
    .primaryKey()
    .references(() => sources.id, { onDelete: 'cascade' }),
  versionCount: integer('version_count').notNull(),
  lastVersionId: integer('last_version_id').notNull(),
});

/** A detected change from one version to the next, with its review state. */
export const changes = pgTable(
  'changes',
  {
    id: serial('id').primaryKey(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    /** Null for the first capture of a source. */
    fromVersionId: integer('from_version_id').references(() => versions.id, { onDelete: 'cascade' }),
    toVersionId: integer('to_version_id')
      .notNull()
      .references(() => versions.id, { onDelete: 'cascade' }),
    detectedAt: tstz('detected_at').notNull(),
    /** The `Change`; null for the first capture (there is nothing to compare with). */
    change: jsonb('change').$type<Change>(),
    summary: text('summary').notNull(),
    state: text('state').$type<ChangeState>().notNull().default('new'),
    note: text('note'),
    reviewedAt: tstz('reviewed_at'),
  },
  (t) => [
    unique('changes_source_to_version_unique').on(t.sourceId, t.toVersionId),
    index('changes_detected_at_idx').on(t.detectedAt),
    check('changes_state_check', oneOf('state', CHANGE_STATES)),
  ],
);


/**
 * Things that happened to a source itself (not to its content): the page went away after
 * repeated 404/410, or came back. Notified through the same channels as changes.
 */
export const sourceEvents = pgTable(
  'source_events',
  {
    id: serial('id').primaryKey(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<SourceEventKind>().notNull(),
    occurredAt: tstz('occurred_at').notNull(),
    detail: text('detail'),
  },
  (t) => [
    index('source_events_source_idx').on(t.sourceId, t.occurredAt),
    check('source_events_kind_check', oneOf('kind', SOURCE_EVENT_KINDS)),
  ],
);

/** What an outbox row notifies: a change of content, or a source event (gone, recovered). */
export const DELIVERY_KINDS = ['change', 'event'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/**
 * The notification outbox, ONE table for everything notified: one row per (change, channel) or
 * (source event, channel). A change's rows are written in the statement that stores the change
 * and an event's in the transaction that settles the check which found it, so nothing is ever
 * lost between "stored" and "notified". One table means one claim (leases, SKIP LOCKED), one
 * retry/dead path and one id space for `deliveries retry <id>` (drizzle/0007_one_outbox.sql
 * merged the former `event_deliveries` into it).
 *
 * The subject is two nullable foreign keys rather than one polymorphic id, so each keeps its
 * cascade (a deleted change or source takes its deliveries along) and its own unique constraint
 * with the channel; `deliveries_kind_check` makes exactly the one `kind` names set.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<DeliveryKind>().notNull(),
    /** The change notified (kind 'change'), else null. */
    changeId: integer('change_id').references(() => changes.id, { onDelete: 'cascade' }),
    /** The source event notified (kind 'event'), else null. */
    eventId: integer('event_id').references(() => sourceEvents.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    state: text('state').$type<DeliveryState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull(),
    lastError: text('last_error'),
    deliveredAt: tstz('delivered_at'),
    /**
     * What the alert rule decided, in words: which rule matched and why ("channel rule: figure
     * changed, ≥ 10% (bilateral trade +28.1%)"), why it was skipped, or how far a confirmation is.
     */
    ruleNote: text('rule_note'),
    /**
     * A change held until enough checks agree (`when.confirm`): the source's last check when it
     * was held. The claim passes it over until the source has been checked again.
     */
    heldAt: tstz('held_at'),
  },
  (t) => [
    // Nulls are distinct, so each constraint binds only the rows of its own kind.
    unique('deliveries_change_channel_unique').on(t.changeId, t.channel),
    unique('deliveries_event_channel_unique').on(t.eventId, t.channel),
    index('deliveries_due_idx').on(t.state, t.nextAttemptAt),
    check('deliveries_state_check', oneOf('state', DELIVERY_STATES)),
    check(
      'deliveries_kind_check',
      sql`(kind = 'change' and change_id is not null and event_id is null) or (kind = 'event' and event_id is not null and change_id is null)`,
    ),
  ],
);

/** Where an imported capture came from. */
export const IMPORT_ORIGINS = ['wayback', 'warc'] as const;
export type ImportOrigin = (typeof IMPORT_ORIGINS)[number];

/** What importing one archived capture did. */
export const IMPORT_OUTCOMES = ['imported', 'identical', 'skipped', 'failed'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/**
 * The ledger of history imports: one row per archived capture already handled, so a re-run
 * neither fetches nor stores it again and an interrupted import continues where it stopped.
 * `capture_key` is "<capture time ISO> <original URL>"; failed rows are retried by the next run.
 */
export const importedCaptures = pgTable(
  'imported_captures',
  {
    id: serial('id').primaryKey(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    origin: text('origin').$type<ImportOrigin>().notNull(),
    captureKey: text('capture_key').notNull(),
    capturedAt: tstz('captured_at').notNull(),
    originalUrl: text('original_url').notNull(),
    /** Payload digest as the archive gave it (CDX `digest`, WARC-Payload-Digest); may be null. */
    digest: text('digest'),
    outcome: text('outcome').$type<ImportOutcome>().notNull(),
    versionId: integer('version_id').references(() => versions.id, { onDelete: 'set null' }),
    error: text('error'),
    importedAt: tstz('imported_at').notNull(),
  },
  (t) => [
    unique('imported_captures_key_unique').on(t.sourceId, t.origin, t.captureKey),
    index('imported_captures_digest_idx').on(t.sourceId, t.digest),
    check('imported_captures_origin_check', oneOf('origin', IMPORT_ORIGINS)),
    check('imported_captures_outcome_check', oneOf('outcome', IMPORT_OUTCOMES)),
  ],
);
