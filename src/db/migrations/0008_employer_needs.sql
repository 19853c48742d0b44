CREATE TABLE "broker_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"need_id" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"opened_on" text NOT NULL,
	"deadline" text NOT NULL,
	"feedback_text" text,
	"feedback_on" text,
	"closed_on" text,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_solutions" (
	"id" text PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"education_offer_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text
);
--> statement-breakpoint
CREATE TABLE "employer_contacts" (
	"id" text PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"employer_id" text NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employer_need_occupations" (
	"need_id" text NOT NULL,
	"region_id" text NOT NULL,
	"ssyk" text NOT NULL,
	CONSTRAINT "employer_need_occupations_need_id_ssyk_pk" PRIMARY KEY("need_id","ssyk")
);
--> statement-breakpoint
CREATE TABLE "employer_needs" (
	"id" text PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"employer_id" text NOT NULL,
	"recorded_on" text NOT NULL,
	"recorded_by" text,
	"municipality_code" text NOT NULL,
	"area_id" text,
	"people" integer NOT NULL,
	"horizon" text NOT NULL,
	"seqf_level" integer,
	"difficulty" text NOT NULL,
	"channel" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employer_needs_settings" (
	"region_id" text PRIMARY KEY NOT NULL,
	"contact_retention_months" integer DEFAULT 24 NOT NULL,
	"feedback_deadline_days" integer DEFAULT 10 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employers" (
	"id" text PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"organisation_number" text NOT NULL,
	"name" text NOT NULL,
	"municipality_code" text NOT NULL,
	"address" text,
	"sni" text,
	"size_class" text,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"last_activity_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "broker_cases_need_idx" ON "broker_cases" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "broker_cases_region_status_idx" ON "broker_cases" USING btree ("region_id","status");--> statement-breakpoint
CREATE INDEX "case_solutions_case_idx" ON "case_solutions" USING btree ("region_id","case_id");--> statement-breakpoint
CREATE INDEX "employer_contacts_employer_idx" ON "employer_contacts" USING btree ("region_id","employer_id");--> statement-breakpoint
CREATE INDEX "employer_need_occupations_ssyk_idx" ON "employer_need_occupations" USING btree ("ssyk");--> statement-breakpoint
CREATE INDEX "employer_needs_region_date_idx" ON "employer_needs" USING btree ("region_id","recorded_on");--> statement-breakpoint
CREATE INDEX "employer_needs_employer_idx" ON "employer_needs" USING btree ("employer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "employers_region_orgnr_idx" ON "employers" USING btree ("region_id","organisation_number");--> statement-breakpoint
CREATE INDEX "employers_region_municipality_idx" ON "employers" USING btree ("region_id","municipality_code");--> statement-breakpoint
-- hand-written below
-- Row-level security on the employer-needs tables, as on audit_events/outbox (0004): region-scoped work runs in
-- withRegion (SET LOCAL ROLE semafor_region + set_config('semafor.region')), so a query that forgets its WHERE still
-- sees and changes only the acting region's rows. The role semafor_region is created by 0004.
GRANT SELECT, INSERT, UPDATE, DELETE ON "employers", "employer_contacts", "employer_needs", "employer_need_occupations", "broker_cases", "case_solutions", "employer_needs_settings" TO semafor_region;--> statement-breakpoint
ALTER TABLE "employers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "employer_contacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "employer_needs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "employer_need_occupations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "broker_cases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_solutions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "employer_needs_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "employers_acting_region" ON "employers"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "employer_contacts_acting_region" ON "employer_contacts"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "employer_needs_acting_region" ON "employer_needs"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "employer_need_occupations_acting_region" ON "employer_need_occupations"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "broker_cases_acting_region" ON "broker_cases"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "case_solutions_acting_region" ON "case_solutions"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "employer_needs_settings_acting_region" ON "employer_needs_settings"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));
