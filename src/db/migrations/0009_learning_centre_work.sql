CREATE TABLE "centre_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"region_id" text NOT NULL,
	"date" text NOT NULL,
	"role" text NOT NULL,
	"type" text NOT NULL,
	"participants" integer DEFAULT 0 NOT NULL,
	"partners" text[] DEFAULT '{}'::text[] NOT NULL,
	"case_id" text,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_booking_settings" (
	"centre_id" text PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"notice_working_days" integer,
	"fee_sek" integer,
	"free_resits" integer,
	"retention_days" integer,
	"free_municipalities" text[],
	"exam_office_note" text,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_bookings" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"centre_id" text NOT NULL,
	"region_id" text NOT NULL,
	"status" text NOT NULL,
	"name" text,
	"email" text,
	"phone" text,
	"home_municipality" text,
	"institution" text,
	"course_code" text,
	"course_name" text,
	"exam_minutes" integer,
	"arrangements" jsonb,
	"resident" boolean NOT NULL,
	"fee_sek" integer NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"consent_version" text NOT NULL,
	"decline_reason" text,
	"exam_date" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"personal_data_deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"region_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"room" text NOT NULL,
	"seats" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_centre_edits" (
	"centre_id" text NOT NULL,
	"field" text NOT NULL,
	"region_id" text NOT NULL,
	"value" jsonb,
	"imported_value" jsonb,
	"conflict_value" jsonb,
	"conflict_at" timestamp with time zone,
	"edited_by" text,
	"edited_at" timestamp with time zone NOT NULL,
	CONSTRAINT "learning_centre_edits_centre_id_field_pk" PRIMARY KEY("centre_id","field")
);
--> statement-breakpoint
CREATE TABLE "learning_centre_versions" (
	"centre_id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
CREATE INDEX "centre_activities_centre_idx" ON "centre_activities" USING btree ("centre_id","date");--> statement-breakpoint
CREATE INDEX "exam_bookings_centre_idx" ON "exam_bookings" USING btree ("centre_id","status");--> statement-breakpoint
CREATE INDEX "exam_bookings_session_idx" ON "exam_bookings" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "exam_bookings_resit_idx" ON "exam_bookings" USING btree (lower("email"),"course_code");--> statement-breakpoint
CREATE INDEX "exam_bookings_exam_date_idx" ON "exam_bookings" USING btree ("exam_date");--> statement-breakpoint
CREATE INDEX "exam_sessions_centre_idx" ON "exam_sessions" USING btree ("centre_id","starts_at");--> statement-breakpoint
CREATE INDEX "learning_centre_edits_region_idx" ON "learning_centre_edits" USING btree ("region_id");--> statement-breakpoint
-- hand-written below
-- Exam bookings hold personal data: reads and writes for a centre run in withRegion (role semafor_region, created
-- by 0004), and row-level security keeps them to the acting region even when a query forgets its WHERE. Sessions
-- are public, but their seat counter is raised in the same region-scoped transaction, hence the grants.
GRANT SELECT, INSERT, UPDATE ON "exam_bookings", "exam_sessions", "exam_booking_settings" TO semafor_region;--> statement-breakpoint
ALTER TABLE "exam_bookings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "exam_bookings_acting_region" ON "exam_bookings"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));
