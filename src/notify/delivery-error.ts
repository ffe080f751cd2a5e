import { FactwatchError, type DeliveryCode } from '../app/errors.ts';

/**
 * A delivery attempt failed. `retryable` decides between "try again later" and "dead now":
 * a receiver that is down or overloaded (network error, timeout, 5xx, 408, 429) may recover;
 * one that rejects the request (other 4xx) will reject it again, so retrying only delays the
 * operator's fix (`factwatch deliveries retry` re-queues it once fixed).
 */
export class DeliveryError extends FactwatchError {
  declare readonly code: DeliveryCode;
  readonly status: number | null;
  constructor(message: string, opts: { retryable: boolean; status?: number | null; cause?: unknown }) {
    super('delivery_failed', message, opts);
    this.status = opts.status ?? null;
  }
}

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}
