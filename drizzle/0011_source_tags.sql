ALTER TABLE "sources" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "sources_tags_idx" ON "sources" USING gin ("tags");