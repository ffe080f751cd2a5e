CREATE TABLE "imported_captures" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"origin" text NOT NULL,
	"capture_key" text NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"original_url" text NOT NULL,
	"digest" text,
	"outcome" text NOT NULL,
	"version_id" integer,
	"error" text,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "imported_captures_key_unique" UNIQUE("source_id","origin","capture_key"),
	CONSTRAINT "imported_captures_origin_check" CHECK (origin in ('wayback', 'warc')),
	CONSTRAINT "imported_captures_outcome_check" CHECK (outcome in ('imported', 'identical', 'skipped', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "imported_captures" ADD CONSTRAINT "imported_captures_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_captures" ADD CONSTRAINT "imported_captures_version_id_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imported_captures_digest_idx" ON "imported_captures" USING btree ("source_id","digest");