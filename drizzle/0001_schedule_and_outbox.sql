CREATE TABLE "event_deliveries" (
	"id" integer PRIMARY KEY DEFAULT nextval('deliveries_id_seq') NOT NULL,
	"event_id" integer NOT NULL,
	"channel" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "event_deliveries_event_channel_unique" UNIQUE("event_id","channel"),
	CONSTRAINT "event_deliveries_state_check" CHECK (state in ('pending', 'delivered', 'dead'))
);
--> statement-breakpoint
CREATE TABLE "source_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"detail" text,
	CONSTRAINT "source_events_kind_check" CHECK (kind in ('gone', 'recovered'))
);
--> statement-breakpoint
ALTER TABLE "checks" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "gone_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "gone_streak" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_event_id_source_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."source_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_events" ADD CONSTRAINT "source_events_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_deliveries_due_idx" ON "event_deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "source_events_source_idx" ON "source_events" USING btree ("source_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "checks_source_due_unique" ON "checks" USING btree ("source_id","due_at");