/**
 * Which capture times an import believes. An archive's dates are its own claim: a capture
 * dated 2999 would sort after every live check and stay the "current" version forever (each
 * later check then stores a false change against it), and one dated in year 1 is a typo or a
 * forgery. Neither can be a capture of a web page, so both are refused, with the reason.
 */

/** Nothing was captured from the web before it existed (the first web page went up in 1990–91). */
export const EARLIEST_CAPTURE = new Date(Date.UTC(1990, 0, 1));

/**
 * How far past "now" a capture may be dated: a crawler's clock and ours can disagree by hours
 * (time zones written as UTC, a drifting machine), never by more than a day.
 */
export const FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

/** Why a capture dated `capturedAt` is refused at time `now` (the injected clock), or null when it is not. */
export function refuseCaptureDate(capturedAt: Date, now: Date): string | null {
  if (capturedAt.getTime() < EARLIEST_CAPTURE.getTime()) {
    return `dated ${formatInstant(capturedAt)}, before ${EARLIEST_CAPTURE.getUTCFullYear()}: not a web capture`;
  }
  if (capturedAt.getTime() > now.getTime() + FUTURE_SKEW_MS) {
    return `dated ${formatInstant(capturedAt)}, in the future (now ${formatInstant(now)})`;
  }
  return null;
}

/** ISO 8601 with the year as it is (year 1 is `0001`, not a two-digit guess), seconds precision. */
function formatInstant(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
