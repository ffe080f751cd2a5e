CREATE TABLE "changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"from_version_id" integer,
	"to_version_id" integer NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"change" jsonb,
	"summary" text NOT NULL,
	"state" text DEFAULT 'new' NOT NULL,
	"note" text,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "changes_source_to_version_unique" UNIQUE("source_id","to_version_id"),
	CONSTRAINT "changes_state_check" CHECK (state in ('new', 'reviewed', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "checks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"http_status" smallint,
	"bytes" integer,
	"duration_ms" integer,
	"version_id" integer,
	"error" text,
	CONSTRAINT "checks_outcome_check" CHECK (outcome in ('new', 'unchanged', 'not_modified', 'changed', 'fetch_error', 'extraction_failed', 'gone', 'blocked'))
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"change_id" integer NOT NULL,
	"channel" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "deliveries_change_channel_unique" UNIQUE("change_id","channel"),
	CONSTRAINT "deliveries_state_check" CHECK (state in ('pending', 'delivered', 'dead'))
);
--> statement-breakpoint
CREATE TABLE "figures" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"source_id" text NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"value_num" double precision,
	"value_text" text,
	"unit" text,
	"raw" text NOT NULL,
	"section" text,
	"sentence" text NOT NULL,
	"period" text,
	CONSTRAINT "figures_kind_check" CHECK (kind in ('money', 'percent', 'rank', 'count', 'measure', 'date', 'year')),
	CONSTRAINT "figures_one_value_check" CHECK ((value_num is null) <> (value_text is null))
);
--> statement-breakpoint
CREATE TABLE "source_urls" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"url" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	CONSTRAINT "source_urls_source_url_from_unique" UNIQUE("source_id","url","valid_from")
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"profile" text,
	"schedule" text,
	"timezone" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"etag" text,
	"last_modified" text,
	"next_check_at" timestamp with time zone,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"failure_streak" integer DEFAULT 0 NOT NULL,
	"last_checked_at" timestamp with time zone,
	"last_outcome" text
);
--> statement-breakpoint
CREATE TABLE "versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"seq" integer NOT NULL,
	"content_hash" text NOT NULL,
	"raw_gzip" "bytea" NOT NULL,
	"raw_hash" text NOT NULL,
	"final_url" text NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"updated" text,
	"updated_text" text,
	"document" jsonb NOT NULL,
	CONSTRAINT "versions_source_seq_unique" UNIQUE("source_id","seq")
);
--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_from_version_id_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_to_version_id_versions_id_fk" FOREIGN KEY ("to_version_id") REFERENCES "public"."versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_version_id_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_change_id_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_version_id_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_urls" ADD CONSTRAINT "source_urls_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "versions" ADD CONSTRAINT "versions_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "changes_detected_at_idx" ON "changes" USING btree ("detected_at");--> statement-breakpoint
CREATE INDEX "checks_source_checked_at_idx" ON "checks" USING btree ("source_id","checked_at");--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "figures_source_key_idx" ON "figures" USING btree ("source_id","key");--> statement-breakpoint
CREATE INDEX "figures_version_idx" ON "figures" USING btree ("version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "source_urls_one_open_idx" ON "source_urls" USING btree ("source_id") WHERE valid_to is null;--> statement-breakpoint
CREATE INDEX "sources_next_check_at_idx" ON "sources" USING btree ("next_check_at");--> statement-breakpoint
CREATE INDEX "versions_source_captured_at_idx" ON "versions" USING btree ("source_id","captured_at");