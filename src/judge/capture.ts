/**
 * What was observed: one body of one page at one instant, however it came in — a live fetch, a
 * Wayback Machine capture, a WARC record. Everything after observation (the judge, the sinks)
 * works on this one shape, so no way in can skip a rule another applies.
 */
export type CaptureOrigin = 'live' | 'wayback' | 'warc';

export interface Capture {
  sourceId: string;
  /** Where the body came from: the final URL after redirects, or the source's spelling of an archived URL. */
  url: string;
  capturedAt: Date;
  /** HTTP status; 304 for a live "not modified" (empty body). */
  status: number;
  /** The bytes as received, content-decoded (gzip/br undone): what a version stores. */
  body: Buffer;
  /** sha256 of `body`, hex: decides "same bytes" without a parse. */
  rawHash: string;
  /**
   * `body` decoded to text. May be an accessor that decodes on first read: a capture with the same
   * bytes as its version is never decoded.
   */
  readonly text: string;
  contentType: string | null;
  /** Validators to send next time (live only). */
  validators: { etag: string | null; lastModified: string | null };
  origin: CaptureOrigin;
}
