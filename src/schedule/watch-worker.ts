import type { Logger } from '../app/log.ts';
import type { DeliverySummary } from '../notify/index.ts';
import type { PassSummary } from './run-claimed-pass.ts';
import { loggable } from '../store/pg-error.ts';

/**
 * One watch worker: on each tick, check what is due, then deliver what is due. The two jobs are
 * passed in (the watch command wires them), so the worker is only about ticks and shutdown — and a test can
 * call `tick()` itself with a manual clock instead of waiting for node-cron.
 */
export interface WatchWorker {
  /** One round: claimed checks until none is due, then deliveries until none is due. */
  tick(): Promise<TickSummary>;
  /** Stop claiming; resolves when the round in flight (if any) has finished and released. */
  shutdown(): Promise<void>;
  readonly signal: AbortSignal;
}

export interface TickSummary {
  checks: PassSummary;
  deliveries: DeliverySummary;
}

export interface WatchJobs {
  checkDue(signal: AbortSignal): Promise<PassSummary>;
  deliverDue(signal: AbortSignal): Promise<DeliverySummary>;
}

export function createWatchWorker(jobs: WatchJobs, log: Logger, onTick?: (s: TickSummary) => void): WatchWorker {
  const controller = new AbortController();
  let inFlight: Promise<TickSummary> | null = null;

  async function round(): Promise<TickSummary> {
    const checks = await jobs.checkDue(controller.signal);
    const deliveries = await jobs.deliverDue(controller.signal);
    const summary = { checks, deliveries };
    onTick?.(summary);
    return summary;
  }

  return {
    signal: controller.signal,
    tick() {
      if (controller.signal.aborted) return Promise.resolve(emptyTick());
      // A tick while one is running joins it (node-cron's noOverlap does the same for its ticks).
      if (!inFlight) {
        inFlight = round()
          .catch((err: unknown) => {
            // The database may be briefly away: log, and the next tick tries again.
            log.error({ err: loggable(err) }, 'watch round failed');
            return emptyTick();
          })
          .finally(() => {
            inFlight = null;
          });
      }
      return inFlight;
    },
    async shutdown() {
      controller.abort();
      if (inFlight) await inFlight;
    },
  };
}

function emptyTick(): TickSummary {
  return {
    checks: { checked: 0, outcomes: {}, changes: 0, failed: 0, lostLeases: 0 },
    deliveries: { delivered: 0, retrying: 0, dead: 0, skipped: 0, held: 0 },
  };
}
