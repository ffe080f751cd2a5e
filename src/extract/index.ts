/** Public API of the extract stage: HTML in, `PageDocument` out, plus its content hash. */
export { extractDocument, extractFromView } from './extract-document.ts';
export { loadWholePage, loadPageRegions } from './load-page.ts';
export { NestingTooDeepError } from './scan-page.ts';
export type { ExtractOptions } from './extract-document.ts';
export { hashDocument, canonicalContent } from './content-hash.ts';
export { getProfile, selectProfile, PROFILES } from './profiles/index.ts';
export type { PageView, SiteProfile } from './profiles/index.ts';
export { parseStampDate } from './stamp-date.ts';
export { detectLanguage } from './detect-language.ts';
