-- A version's raw body may be stored as a delta against a keyframe (src/store/raw-delta.ts):
-- raw_base_id names that keyframe, a version whose own raw_base_id is null. Existing rows keep
-- raw_base_id null: they hold whole gzipped bodies, i.e. they are all keyframes, and stay valid.
ALTER TABLE "versions" ADD COLUMN "raw_base_id" integer;--> statement-breakpoint
ALTER TABLE "versions" ADD CONSTRAINT "versions_raw_base_id_versions_id_fk" FOREIGN KEY ("raw_base_id") REFERENCES "public"."versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "versions_raw_base_idx" ON "versions" USING btree ("raw_base_id") WHERE raw_base_id is not null;
--> statement-breakpoint
-- A delta is ~1 KB: left inline, it would make every version row ~1 KB wider, and every update of
-- last_seen_at (one per unchanged check) copies the whole row. So the row keeps only pointers:
-- raw_gzip goes to TOAST whenever the row is toasted at all (toast_tuple_target 128), uncompressed
-- (EXTERNAL: it is gzip already), while the short text columns stay inline (MAIN: moved out only
-- if a row would not fit a page otherwise).
ALTER TABLE "versions" ALTER COLUMN "raw_gzip" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "versions" ALTER COLUMN "source_id" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "versions" ALTER COLUMN "content_hash" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "versions" ALTER COLUMN "raw_hash" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "versions" ALTER COLUMN "final_url" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "versions" ALTER COLUMN "updated" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "versions" ALTER COLUMN "updated_text" SET STORAGE MAIN;--> statement-breakpoint
-- Those last_seen_at updates touch no indexed column: with room left on each page they are HOT
-- (same page, no index entries), and page pruning reclaims the old row versions without a vacuum.
ALTER TABLE "versions" SET (toast_tuple_target = 128, fillfactor = 70);
