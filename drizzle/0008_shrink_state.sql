ALTER TABLE "sources" ADD COLUMN "shrink_hash" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "shrink_sightings" integer DEFAULT 0 NOT NULL;