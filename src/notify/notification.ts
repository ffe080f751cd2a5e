import type { SourceEventKind } from '../model/index.ts';
/**
 * A notification as every channel sees it: built once per delivery from the stored change or
 * source event, then shaped by each channel (JSON for webhooks, text for Slack, a line in a file).
 */
export interface Notification {
  /**
   * Idempotency key: the change id for a change ("42"), "event-7" for a source event. The same
   * key on every attempt, so a receiver can drop the duplicates at-least-once delivery implies.
   */
  key: string;
  /** The outbox row being delivered (differs per channel; the key does not). */
  deliveryId: number;
  kind: 'change' | SourceEventKind;
  source: string;
  /** The JSON document webhooks receive and the file channel writes. */
  payload: Record<string, unknown>;
  /** Readable text for chat (Slack-compatible mrkdwn, already escaped). */
  text: string;
}

/** Header carrying the idempotency key. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Header carrying `sha256=<hex HMAC-SHA256 of the body>` when the channel has a secret. */
export const SIGNATURE_HEADER = 'X-Factwatch-Signature';
