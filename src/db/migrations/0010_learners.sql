CREATE TABLE "centre_grant_costs" (
	"centre_id" text NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"region_id" text NOT NULL,
	"amount_sek" integer NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "centre_grant_costs_centre_id_year_category_pk" PRIMARY KEY("centre_id","year","category")
);
--> statement-breakpoint
CREATE TABLE "learner_settings" (
	"centre_id" text PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"survey_after_months" integer,
	"survey_until_months" integer,
	"survey_link_days" integer,
	"retention_months" integer,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learner_surveys" (
	"id" text PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL,
	"centre_id" text NOT NULL,
	"region_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"employed" boolean,
	"work_municipality" text,
	"in_occupation" boolean,
	CONSTRAINT "learner_surveys_learner_id_unique" UNIQUE("learner_id"),
	CONSTRAINT "learner_surveys_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "learners" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"region_id" text NOT NULL,
	"name" text,
	"email" text,
	"study_form" text NOT NULL,
	"programme" text NOT NULL,
	"occupations" text[] NOT NULL,
	"provider" text NOT NULL,
	"start_date" text NOT NULL,
	"home_municipality" text NOT NULL,
	"gender" text NOT NULL,
	"age_band" text NOT NULL,
	"completion" text NOT NULL,
	"completion_date" text,
	"consent_at" timestamp with time zone NOT NULL,
	"consent_version" text NOT NULL,
	"anonymised_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_place_visits" (
	"centre_id" text NOT NULL,
	"month" text NOT NULL,
	"gender" text NOT NULL,
	"age_band" text NOT NULL,
	"region_id" text NOT NULL,
	"visits" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "study_place_visits_centre_id_month_gender_age_band_pk" PRIMARY KEY("centre_id","month","gender","age_band")
);
--> statement-breakpoint
ALTER TABLE "exam_bookings" ADD COLUMN "export_key_hash" text;--> statement-breakpoint
CREATE INDEX "learner_surveys_centre_idx" ON "learner_surveys" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "learners_centre_idx" ON "learners" USING btree ("centre_id","start_date");--> statement-breakpoint
CREATE INDEX "learners_region_idx" ON "learners" USING btree ("region_id");--> statement-breakpoint
-- hand-written below
-- Learners, their surveys, visit counts, grant costs and settings are region-owned: the learners module reads and
-- writes them only inside withRegion (role semafor_region, created by 0004), and row-level security keeps every
-- query to the acting region even when it forgets its WHERE.
GRANT SELECT, INSERT, UPDATE, DELETE ON "learners", "learner_surveys", "study_place_visits", "centre_grant_costs", "learner_settings" TO semafor_region;--> statement-breakpoint
ALTER TABLE "learners" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "learners_acting_region" ON "learners"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
ALTER TABLE "learner_surveys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "learner_surveys_acting_region" ON "learner_surveys"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
ALTER TABLE "study_place_visits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "study_place_visits_acting_region" ON "study_place_visits"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
ALTER TABLE "centre_grant_costs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "centre_grant_costs_acting_region" ON "centre_grant_costs"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
ALTER TABLE "learner_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "learner_settings_acting_region" ON "learner_settings"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));
