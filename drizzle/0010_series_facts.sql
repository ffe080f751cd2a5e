-- The facts of each figure series (issue 18, item 5), so `facts` reads one row a series; a
-- source's rows are recomputed whenever its versions differ from the ones recorded in
-- series_fact_sources, at read time until the next pass or import refreshes them.
CREATE TABLE "series_fact_sources" (
	"source_id" text PRIMARY KEY NOT NULL,
	"version_count" integer NOT NULL,
	"last_version_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "series_facts" (
	"source_id" text NOT NULL,
	"series" text NOT NULL,
	"latest_figure_id" integer NOT NULL,
	"before_figure_id" integer,
	"changed_at" timestamp with time zone NOT NULL,
	"versions" integer NOT NULL,
	CONSTRAINT "series_facts_source_id_series_pk" PRIMARY KEY("source_id","series")
);
--> statement-breakpoint
ALTER TABLE "series_fact_sources" ADD CONSTRAINT "series_fact_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_facts" ADD CONSTRAINT "series_facts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Backfill: the facts of every stored series, as src/store/queries/facts.ts computes them.
INSERT INTO "series_facts" ("source_id", "series", "latest_figure_id", "before_figure_id", "changed_at", "versions")
SELECT source_id, series, id, run_before_id, changed_at, versions::int FROM (
  SELECT runs.*, first_value(captured_at) OVER g AS changed_at, first_value(before_id) OVER g AS run_before_id
  FROM (
    SELECT p.*, count(*) FILTER (WHERE changed) OVER (PARTITION BY source_id, series ORDER BY captured_at, seq ROWS UNBOUNDED PRECEDING) AS run
    FROM (
      SELECT f.id, f.source_id, f.series, v.seq, v.captured_at,
        lag(f.id) OVER w IS NULL
          OR (f.value_num, f.value_text, f.period) IS DISTINCT FROM (lag(f.value_num) OVER w, lag(f.value_text) OVER w, lag(f.period) OVER w) AS changed,
        lag(f.id) OVER w AS before_id,
        lead(f.id) OVER w IS NULL AS is_latest,
        count(*) OVER (PARTITION BY f.source_id, f.series) AS versions
      FROM figures f JOIN versions v ON v.id = f.version_id
      WINDOW w AS (PARTITION BY f.source_id, f.series ORDER BY v.captured_at, v.seq)
    ) p
  ) runs
  WINDOW g AS (PARTITION BY source_id, series, run ORDER BY captured_at, seq)
) x WHERE is_latest;--> statement-breakpoint
INSERT INTO "series_fact_sources" ("source_id", "version_count", "last_version_id")
SELECT source_id, count(*)::int, max(id) FROM versions GROUP BY source_id;
