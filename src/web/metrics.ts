/**
 * Prometheus metrics (prom-client), read from the database at scrape time: checks by outcome,
 * changes by review state, deliveries by state, and a histogram of fetch durations. Counters
 * are refilled from table totals on each scrape (rows are never deleted, so they only grow).
 */
import { Counter, Gauge, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import type { Db } from '../store/db.ts';
import { DELIVERY_STATES } from '../store/schema.ts';
import { countChangesByState, countChecksByOutcome, countDeliveriesByState, fetchDurationHistogram } from '../store/queries/metrics.ts';

/** Bucket bounds in seconds: a local GET is ~1 ms, a slow site tens of seconds. */
const DURATION_BUCKETS_S = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetricsRegistry(db: Db): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'factwatch_' });

  new Counter({
    name: 'factwatch_checks_total',
    help: 'Checks recorded, by outcome.',
    labelNames: ['outcome'],
    registers: [registry],
    async collect() {
      const rows = await countChecksByOutcome(db);
      this.reset();
      for (const r of rows) this.inc({ outcome: r.label }, r.count);
    },
  });
  new Counter({
    name: 'factwatch_changes_total',
    help: 'Changes detected (first captures included), by review state.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const rows = await countChangesByState(db);
      this.reset();
      for (const r of rows) this.inc({ state: r.label }, r.count);
    },
  });
  new Gauge({
    name: 'factwatch_deliveries',
    help: 'Notification deliveries in the outbox, by state (pending, delivered, dead).',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const rows = await countDeliveriesByState(db);
      this.reset();
      for (const state of DELIVERY_STATES) this.set({ state }, rows.find((r) => r.label === state)?.count ?? 0);
    },
  });
  registry.registerMetric(durationHistogram(db));
  return registry;
}

/**
 * prom-client's Histogram only takes single observations; the totals already live in the checks
 * table, so this metric reports the SQL aggregate directly in prom-client's exposition shape.
 */
function durationHistogram(db: Db): Metric {
  const name = 'factwatch_fetch_duration_seconds';
  const metric = {
    name,
    help: 'Duration of fetches (request to last byte), from the checks table.',
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const h = await fetchDurationHistogram(db, DURATION_BUCKETS_S.map((s) => s * 1000));
      return {
        name,
        help: metric.help,
        type: 'histogram',
        aggregator: 'sum',
        values: [
          ...h.buckets.map((b) => ({ metricName: `${name}_bucket`, labels: { le: b.leMs / 1000 }, value: b.count })),
          { metricName: `${name}_bucket`, labels: { le: '+Inf' }, value: h.count },
          { metricName: `${name}_sum`, labels: {}, value: h.sumMs / 1000 },
          { metricName: `${name}_count`, labels: {}, value: h.count },
        ],
      };
    },
  };
  return metric as unknown as Metric;
}
