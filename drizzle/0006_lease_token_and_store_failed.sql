ALTER TABLE "checks" DROP CONSTRAINT "checks_outcome_check";--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "lease_token" text;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_outcome_check" CHECK (outcome in ('new', 'unchanged', 'not_modified', 'changed', 'fetch_error', 'extraction_failed', 'gone', 'blocked', 'store_failed'));