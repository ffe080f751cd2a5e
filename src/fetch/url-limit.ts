/**
 * The longest URL factwatch accepts, follows or stores — in the configuration and on every
 * redirect alike. Every URL lands in an indexed column, and a B-tree entry over ~2.7 KB makes
 * PostgreSQL refuse the row: one over-long URL used to crash the sync of every source, and a
 * redirect to a 10 KB URL failed the store statement for a whole pass (issue 13). 2,048 is what
 * browsers and CDNs reliably carry anyway.
 */
export const MAX_URL_LENGTH = 2048;
