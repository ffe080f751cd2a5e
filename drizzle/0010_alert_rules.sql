-- Alert rules (issue 17): a delivery the channel's rule did not match is settled as skipped, never sent;
-- rule_note records what the rule decided, held_at marks a change held until enough checks agree.
ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_state_check";--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "rule_note" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_state_check" CHECK (state in ('pending', 'delivered', 'dead', 'skipped'));