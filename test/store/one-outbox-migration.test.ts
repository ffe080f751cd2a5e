import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRows, migrateDatabase } from '../../src/store/index.ts';
import { claimDueDeliveries, listDeliveries, requeueDelivery } from '../../src/store/queries/deliveries.ts';
import { backend } from '../helpers/test-db.ts';
import { makeDocument } from './make-document.ts';
import { openOlderRelease, type OlderRelease } from './older-release.ts';

const T = (s: string) => new Date(`2024-03-0${s}Z`).toISOString();

/** Every column of the merged outbox, times as ISO strings, in id order. */
async function outboxRows(h: OlderRelease) {
  const rows = await executeRows<Record<string, unknown>>(
    h.db,
    sql`select id, kind, change_id, event_id, channel, state, attempts, next_attempt_at, last_error, delivered_at from deliveries order by id`,
  );
  const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    changeId: r.change_id == null ? null : Number(r.change_id),
    eventId: r.event_id == null ? null : Number(r.event_id),
    channel: r.channel,
    state: r.state,
    attempts: Number(r.attempts),
    nextAttemptAt: iso(r.next_attempt_at),
    lastError: r.last_error,
    deliveredAt: iso(r.delivered_at),
  }));
}

/** The message of what `statement` throws (drizzle wraps the PostgreSQL error: the cause names the constraint). */
async function refusal(h: OlderRelease, statement: ReturnType<typeof sql>): Promise<string> {
  try {
    await h.db.execute(statement);
  } catch (error) {
    return `${String(error)} ${String((error as { cause?: unknown }).cause)}`;
  }
  return 'accepted';
}

/**
 * Migration 0007 merges `event_deliveries` into `deliveries`. A database as release 0006 left it,
 * with rows in both outboxes drawn from their shared sequence — plus two event deliveries whose
 * ids were set by hand: one that collides with a change delivery's, one beyond the sequence.
 */
describe(`one outbox: migration 0007 (${backend})`, () => {
  let h: OlderRelease;
  beforeAll(async () => {
    h = await openOlderRelease('0007');
    expect(h.applied).toBe(7);
    const at = T('1T00:00:00');
    await h.db.execute(sql`insert into sources (id, url, enabled, created_at) values ('src', 'https://example.test/p', true, ${at}::timestamptz)`);
    await h.db.execute(sql`insert into versions (id, source_id, seq, content_hash, raw_gzip, raw_hash, final_url, captured_at, last_seen_at, document)
      values (1, 'src', 1, 'c1', ${gzipSync('<p>1</p>')}, 'r1', 'https://example.test/p', ${at}::timestamptz, ${at}::timestamptz, ${JSON.stringify(makeDocument())}::jsonb)`);
    await h.db.execute(sql`insert into changes (id, source_id, to_version_id, detected_at, summary) values (1, 'src', 1, ${at}::timestamptz, 'first capture')`);
    await h.db.execute(sql`insert into source_events (id, source_id, kind, occurred_at, detail) values
      (1, 'src', 'gone', ${T('2T00:00:00')}::timestamptz, 'HTTP 404'), (2, 'src', 'recovered', ${T('3T00:00:00')}::timestamptz, null)`);
    // In the order an older release would have written them: ids 1, 2, 3, 4 from one sequence.
    await h.db.execute(sql`insert into deliveries (change_id, channel, state, attempts, next_attempt_at)
      values (1, 'hook', 'pending', 0, ${T('1T00:00:00')}::timestamptz)`);
    await h.db.execute(sql`insert into event_deliveries (event_id, channel, state, attempts, next_attempt_at, last_error)
      values (1, 'hook', 'dead', 8, ${T('2T01:00:00')}::timestamptz, 'HTTP 500 from https://hook.test')`);
    await h.db.execute(sql`insert into deliveries (change_id, channel, state, attempts, next_attempt_at, delivered_at)
      values (1, 'slack', 'delivered', 1, ${T('1T00:00:00')}::timestamptz, ${T('1T00:00:05')}::timestamptz)`);
    await h.db.execute(sql`insert into event_deliveries (event_id, channel, state, attempts, next_attempt_at, last_error)
      values (2, 'hook', 'pending', 2, ${T('3T00:10:00')}::timestamptz, 'timed out after 10000 ms')`);
    await h.db.execute(sql`insert into event_deliveries (id, event_id, channel, state, attempts, next_attempt_at, delivered_at)
      values (3, 2, 'slack', 'delivered', 1, ${T('3T00:00:00')}::timestamptz, ${T('3T00:00:02')}::timestamptz),
             (500, 1, 'slack', 'pending', 0, ${T('2T00:00:00')}::timestamptz, null)`);
    await migrateDatabase(h.db, h.kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('moves every event delivery into deliveries with its id, state, attempts, times and error; change rows become kind change', async () => {
    const change = { kind: 'change', changeId: 1, eventId: null };
    const event = (eventId: number) => ({ kind: 'event', changeId: null, eventId });
    expect(await outboxRows(h)).toEqual([
      { id: 1, ...change, channel: 'hook', state: 'pending', attempts: 0, nextAttemptAt: T('1T00:00:00'), lastError: null, deliveredAt: null },
      { id: 2, ...event(1), channel: 'hook', state: 'dead', attempts: 8, nextAttemptAt: T('2T01:00:00'), lastError: 'HTTP 500 from https://hook.test', deliveredAt: null },
      { id: 3, ...change, channel: 'slack', state: 'delivered', attempts: 1, nextAttemptAt: T('1T00:00:00'), lastError: null, deliveredAt: T('1T00:00:05') },
      { id: 4, ...event(2), channel: 'hook', state: 'pending', attempts: 2, nextAttemptAt: T('3T00:10:00'), lastError: 'timed out after 10000 ms', deliveredAt: null },
      { id: 500, ...event(1), channel: 'slack', state: 'pending', attempts: 0, nextAttemptAt: T('2T00:00:00'), lastError: null, deliveredAt: null },
      // Its id 3 was taken by a change delivery: a fresh one from past every id of both tables.
      { id: 501, ...event(2), channel: 'slack', state: 'delivered', attempts: 1, nextAttemptAt: T('3T00:00:00'), lastError: null, deliveredAt: T('3T00:00:02') },
    ]);
    const tables = await executeRows<{ n: number }>(h.db, sql`select count(*)::int as n from information_schema.tables where table_name = 'event_deliveries'`);
    expect(tables[0]?.n).toBe(0);
  });

  it('lists, claims and re-queues moved rows like any other, and new ids start past them', async () => {
    const listed = await listDeliveries(h.db);
    expect(listed.map((d) => [d.id, d.kind, d.subject, d.refId, d.source])).toEqual([
      [501, 'event', 'recovered', 2, 'src'],
      [500, 'event', 'gone', 1, 'src'],
      [4, 'event', 'recovered', 2, 'src'],
      [3, 'change', 'change', 1, 'src'],
      [2, 'event', 'gone', 1, 'src'],
      [1, 'change', 'change', 1, 'src'],
    ]);
    expect(await requeueDelivery(h.db, 2, new Date(T('4T00:00:00')))).toBe(true);
    const claimed = await claimDueDeliveries(h.db, { now: new Date(T('4T00:00:00')), leaseMs: 60_000, limit: 10, holdExpiredBefore: new Date(0) });
    expect(claimed.map((d) => [d.id, d.kind, d.refId, d.channel, d.attempts]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, 'change', 1, 'hook', 1],
      [2, 'event', 1, 'hook', 1],
      [4, 'event', 2, 'hook', 3],
      [500, 'event', 1, 'slack', 1],
    ]);
    const [fresh] = await executeRows<{ id: number }>(
      h.db,
      sql`insert into deliveries (kind, change_id, channel, next_attempt_at) values ('change', 1, 'file', ${T('4T00:00:00')}::timestamptz) returning id`,
    );
    expect(Number(fresh?.id)).toBe(502);
  });

  it('keeps one delivery per (change or event, channel), and a row names exactly the subject its kind says', async () => {
    const at = sql`${T('4T00:00:00')}::timestamptz`;
    expect(await refusal(h, sql`insert into deliveries (kind, event_id, channel, next_attempt_at) values ('event', 1, 'hook', ${at})`)).toContain(
      'deliveries_event_channel_unique',
    );
    expect(await refusal(h, sql`insert into deliveries (kind, change_id, channel, next_attempt_at) values ('change', 1, 'hook', ${at})`)).toContain(
      'deliveries_change_channel_unique',
    );
    for (const bad of [
      sql`insert into deliveries (kind, change_id, channel, next_attempt_at) values ('event', 1, 'other', ${at})`,
      sql`insert into deliveries (kind, event_id, channel, next_attempt_at) values ('change', 1, 'other', ${at})`,
      sql`insert into deliveries (kind, change_id, event_id, channel, next_attempt_at) values ('change', 1, 1, 'other', ${at})`,
      sql`insert into deliveries (kind, channel, next_attempt_at) values ('event', 'other', ${at})`,
      sql`insert into deliveries (kind, change_id, channel, next_attempt_at) values ('gone', 1, 'other', ${at})`,
    ]) {
      expect(await refusal(h, bad)).toContain('deliveries_kind_check');
    }
    // A deleted event takes its deliveries along, as a deleted change does.
    await h.db.execute(sql`delete from source_events where id = 1`);
    expect((await listDeliveries(h.db)).filter((d) => d.kind === 'event').map((d) => d.refId)).toEqual([2, 2]);
  });
});
