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
  /** What a person reads, as plain unescaped parts: each channel escapes them its own way. */
  message: NotificationMessage;
}

/**
 * A notification's readable form before any escaping. Everything here may be page text, so it is
 * hostile: each channel renders it with its own escaping (Slack mrkdwn, Markdown, an Adaptive
 * Card's plain runs, a mail header) — one shape, so no channel escapes text another already
 * escaped, and none can forget to.
 */
export interface NotificationMessage {
  source: string;
  /** What happened in one line: the change summary, "page gone (404/410)". */
  headline: string;
  /** The details, one line each: figure changes, sections, the revision stamp. */
  lines: string[];
  /** The watched page (its title may be the URL itself). */
  page: { url: string; title: string };
  /** A change's name ("change #42") and its review page when `serve.publicUrl` is set; null for events. */
  review: { label: string; url: string | null } | null;
}

/** Header carrying the idempotency key. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Header carrying `sha256=<hex HMAC-SHA256 of the body>` when the channel has a secret. */
export const SIGNATURE_HEADER = 'X-Factwatch-Signature';
