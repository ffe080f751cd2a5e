/**
 * The import defaults the CLI shows in its help, apart from the importers themselves so that
 * defining the `import` commands does not load them (the WARC reader and the extractor).
 */

/** "A few requests a second at most" (the archive's own guidance): never more than this. */
export const MAX_REQUESTS_PER_SECOND = 5;

export const DEFAULT_ARCHIVE_URL = 'https://web.archive.org';
