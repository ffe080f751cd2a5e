/**
 * Response headers that keep page content inert even if an escaping bug slipped through: the
 * UI ships no script at all, so the Content-Security-Policy allows none — an injected
 * `<script>` or `onerror=` cannot run — and styles and images only from this server.
 */
import { secureHeaders } from 'hono/secure-headers';

/** The policy of every HTML page; routes serving other media (the SVG chart) set their own. */
export const PAGE_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

/** An SVG chart is a document of its own: inline styles (Plot emits them), nothing else. */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: PAGE_CSP,
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-origin',
    strictTransportSecurity: false,
    // A route that set its own policy (the chart) keeps it.
    overwrite: false,
  });
}
