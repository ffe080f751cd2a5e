-- Run-length check rows (0003) are updated in place on every unchanged check. Leaving a third of
-- each heap page free lets those updates be HOT (same page, no new index entries), so the space
-- of the superseded row versions is reclaimed by page pruning, even without a vacuum (PGlite).
ALTER TABLE "checks" SET (fillfactor = 70);
