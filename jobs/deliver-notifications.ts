import type { Clock } from '../src/app/clock.ts';
import type { Logger } from '../src/app/log.ts';
import { deliverDue, type Channel, type DeliveryPolicy, type DeliverySummary } from '../src/notify/index.ts';
import type { Db } from '../src/store/open-database.ts';

/**
 * The "deliver notifications" job: drain the due part of the outbox (changes and gone/recovered
 * events) to the configured channels. Any number of workers may run it at once.
 */
export async function runDeliveries(
  deps: { db: Db; clock: Clock; log: Logger; channels: Map<string, Channel>; policy?: DeliveryPolicy; random?: () => number; publicUrl?: string | null },
  opts: { signal?: AbortSignal } = {},
): Promise<DeliverySummary> {
  return deliverDue(deps, opts);
}
