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
	"latest_version_id" integer NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"value_num" double precision,
	"value_text" text,
	"unit" text,
	"period" text,
	"raw" text NOT NULL,
	"section" text,
	"sentence" text NOT NULL,
	"before_version_id" integer,
	"before_value_num" double precision,
	"before_value_text" text,
	"before_period" text,
	"label" text,
	CONSTRAINT "series_facts_source_id_series_pk" PRIMARY KEY("source_id","series")
);
--> statement-breakpoint
ALTER TABLE "series_fact_sources" ADD CONSTRAINT "series_fact_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_facts" ADD CONSTRAINT "series_facts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Backfill: the facts of every stored series, by the statement refreshSeriesFacts() runs
-- (src/store/queries/facts.ts) for all sources; labels stay null until a source's next refresh
-- (a listing computes them meanwhile).
with computed as (
  insert into series_facts (source_id, series, latest_figure_id, before_figure_id, changed_at, versions, latest_version_id, key, kind, value_num, value_text, unit, period, raw, section, sentence, before_version_id, before_value_num, before_value_text, before_period)
  select x.source_id, x.series, x.id as latest_figure_id, x.run_before_id as before_figure_id, x.changed_at, x.versions::int as versions,
  l.version_id as latest_version_id, l.key, l.kind, l.value_num, l.value_text, l.unit, l.period, l.raw, l.section, l.sentence,
  b.version_id as before_version_id, b.value_num as before_value_num, b.value_text as before_value_text, b.period as before_period
from (
  select runs.*, first_value(captured_at) over g as changed_at, first_value(before_id) over g as run_before_id
  from (
    select p.*, count(*) filter (where changed) over (partition by source_id, series order by captured_at, seq rows unbounded preceding) as run
    from (
      select f.id, f.source_id, f.series, v.seq, v.captured_at,
        lag(f.id) over w is null
          or (f.value_num, f.value_text, f.period) is distinct from (lag(f.value_num) over w, lag(f.value_text) over w, lag(f.period) over w) as changed,
        lag(f.id) over w as before_id,
        lead(f.id) over w is null as is_latest,
        count(*) over (partition by f.source_id, f.series) as versions
      from figures f join versions v on v.id = f.version_id
      where true
      window w as (partition by f.source_id, f.series order by v.captured_at, v.seq)
    ) p
  ) runs
  window g as (partition by source_id, series, run order by captured_at, seq)
) x
join figures l on l.id = x.id
left join figures b on b.id = x.run_before_id
where x.is_latest
  on conflict (source_id, series) do update set latest_figure_id = excluded.latest_figure_id, before_figure_id = excluded.before_figure_id, changed_at = excluded.changed_at, versions = excluded.versions, latest_version_id = excluded.latest_version_id, key = excluded.key, kind = excluded.kind, value_num = excluded.value_num, value_text = excluded.value_text, unit = excluded.unit, period = excluded.period, raw = excluded.raw, section = excluded.section, sentence = excluded.sentence, before_version_id = excluded.before_version_id, before_value_num = excluded.before_value_num, before_value_text = excluded.before_value_text, before_period = excluded.before_period,
    label = case when (series_facts.kind, series_facts.raw, series_facts.section, series_facts.sentence)
      is not distinct from (excluded.kind, excluded.raw, excluded.section, excluded.sentence) then series_facts.label end
)
insert into series_fact_sources (source_id, version_count, last_version_id)
select source_id, version_count, last_version_id from (select source_id, count(*)::int as version_count, max(id) as last_version_id from versions where true group by source_id) fp
on conflict (source_id) do update set version_count = excluded.version_count, last_version_id = excluded.last_version_id;
