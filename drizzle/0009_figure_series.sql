-- A figure's series (issue 19): until now a figure's history was its key; every stored figure
-- starts as the series its key names, and the judge carries series forward from here on.
ALTER TABLE "figures" ADD COLUMN "series" text;--> statement-breakpoint
UPDATE "figures" SET "series" = "key";--> statement-breakpoint
ALTER TABLE "figures" ALTER COLUMN "series" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "figures_source_series_idx" ON "figures" USING btree ("source_id","series");
