-- The kept facts carry their versions' numbers and capture times and the version from which the
-- page no longer shows the series (issue 18, item 5), so `facts` reads series_facts alone: the
-- joins to versions and the scan for each source's newest version were most of its query.
ALTER TABLE "series_facts" ADD COLUMN "latest_seq" integer;--> statement-breakpoint
ALTER TABLE "series_facts" ADD COLUMN "latest_captured_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "series_facts" ADD COLUMN "before_seq" integer;--> statement-breakpoint
ALTER TABLE "series_facts" ADD COLUMN "removed_seq" integer;--> statement-breakpoint
ALTER TABLE "series_facts" ADD COLUMN "removed_captured_at" timestamp with time zone;--> statement-breakpoint
-- Backfill from the versions the rows name (labels kept), as seriesFactsSql computes them
-- (src/store/queries/facts.ts); a row whose version is gone is dropped with its source's record,
-- so that source is computed afresh until its next refresh.
update series_facts sf set latest_seq = v.seq, latest_captured_at = v.captured_at from versions v where v.id = sf.latest_version_id;--> statement-breakpoint
update series_facts sf set before_seq = v.seq from versions v where v.id = sf.before_version_id;--> statement-breakpoint
update series_facts sf set (removed_seq, removed_captured_at) = (
  select nv.seq, nv.captured_at from versions nv
  where nv.source_id = sf.source_id and (nv.captured_at, nv.seq) > (sf.latest_captured_at, sf.latest_seq)
  order by nv.captured_at, nv.seq limit 1)
where sf.latest_seq is not null;--> statement-breakpoint
delete from series_fact_sources k where exists (
  select 1 from series_facts sf where sf.source_id = k.source_id and (sf.latest_seq is null or (sf.before_version_id is not null and sf.before_seq is null)));--> statement-breakpoint
delete from series_facts where latest_seq is null;--> statement-breakpoint
ALTER TABLE "series_facts" ALTER COLUMN "latest_seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "series_facts" ALTER COLUMN "latest_captured_at" SET NOT NULL;
