/**
 * When to try a failed delivery again: `backoff()` (`src/app/backoff.ts`) with "equal jitter"
 * (half fixed, half random): the fixed half keeps a receiver that is down from being hammered,
 * the random half keeps many workers that failed together from retrying together.
 */
export interface DeliveryPolicy {
  /** Attempts before a delivery is marked dead (re-queue with `factwatch deliveries retry`). */
  maxAttempts: number;
  /** Delay after the first failed attempt; doubles per attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claimed delivery is hidden from other senders while it is being sent. */
  leaseMs: number;
  /** The deadline of one attempt on any channel: an HTTP post, an SMTP session, an Apprise run. */
  timeoutMs: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  leaseMs: 60_000,
  timeoutMs: 10_000,
};
