CREATE TABLE "education_key_programmes" (
	"ssyk" text NOT NULL,
	"programme_number" text NOT NULL,
	"programme_name" text,
	"comment" text,
	CONSTRAINT "education_key_programmes_ssyk_programme_number_pk" PRIMARY KEY("ssyk","programme_number")
);
--> statement-breakpoint
CREATE TABLE "education_key_sun" (
	"ssyk" text NOT NULL,
	"sun_code" text NOT NULL,
	"via" text NOT NULL,
	CONSTRAINT "education_key_sun_ssyk_sun_code_via_pk" PRIMARY KEY("ssyk","sun_code","via")
);
--> statement-breakpoint
CREATE TABLE "education_mapping_overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"offer_kind" text NOT NULL,
	"offer_id" text NOT NULL,
	"ssyk" text NOT NULL,
	"action" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "education_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" text NOT NULL,
	"provider" text NOT NULL,
	"name" text NOT NULL,
	"form" text NOT NULL,
	"sun_code" text,
	"municipality_code" text,
	"distance" boolean DEFAULT false NOT NULL,
	"learning_centre_id" text,
	"start_date" text,
	"places" integer,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skolverket_study_directions" (
	"area_id" integer NOT NULL,
	"area_name" text NOT NULL,
	"area_name_en" text,
	"direction_id" integer NOT NULL,
	"direction_name" text NOT NULL,
	"direction_name_en" text,
	CONSTRAINT "skolverket_study_directions_area_id_direction_id_pk" PRIMARY KEY("area_id","direction_id")
);
--> statement-breakpoint
CREATE TABLE "yh_application_municipalities" (
	"application_id" text NOT NULL,
	"municipality_code" text NOT NULL,
	"county_code" text NOT NULL,
	CONSTRAINT "yh_application_municipalities_application_id_municipality_code_pk" PRIMARY KEY("application_id","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "yh_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"round_year" integer NOT NULL,
	"field" text NOT NULL,
	"sun5" text NOT NULL,
	"sun5_name" text NOT NULL,
	"sun4" text NOT NULL,
	"name" text NOT NULL,
	"decision" text NOT NULL,
	"multiple_municipalities" boolean NOT NULL,
	"municipality_count" integer NOT NULL,
	"county_code" text,
	"municipality_code" text,
	"yh_points" integer,
	"study_form" text NOT NULL,
	"pace_percent" integer,
	"exam_type" text,
	"seqf" integer,
	"narrow_field" boolean,
	"provider" text NOT NULL,
	"owner_type" text,
	"rounds_applied" integer,
	"rounds_granted" integer,
	"places_per_round" integer,
	"places_applied_total" integer,
	"places_granted_total" integer,
	"source_row" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "yh_programme_towns" (
	"programme_id" text NOT NULL,
	"town" text NOT NULL,
	"municipality_code" text,
	"placed_by" text,
	CONSTRAINT "yh_programme_towns_programme_id_town_pk" PRIMARY KEY("programme_id","town")
);
--> statement-breakpoint
CREATE TABLE "yh_programmes" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_number" text NOT NULL,
	"name" text NOT NULL,
	"provider" text NOT NULL,
	"provider_postal_code" text,
	"provider_municipality_code" text,
	"study_form" text NOT NULL,
	"status" text NOT NULL,
	"places" integer,
	"students" integer,
	"study_towns" text NOT NULL,
	"source_row" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "education_key_programmes_number_idx" ON "education_key_programmes" USING btree ("programme_number");--> statement-breakpoint
CREATE INDEX "education_key_sun_code_idx" ON "education_key_sun" USING btree ("sun_code");--> statement-breakpoint
CREATE INDEX "education_mapping_overrides_region_idx" ON "education_mapping_overrides" USING btree ("region_id","offer_kind","offer_id");--> statement-breakpoint
CREATE INDEX "education_offers_region_idx" ON "education_offers" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "yh_programme_towns_municipality_idx" ON "yh_programme_towns" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "yh_programmes_number_idx" ON "yh_programmes" USING btree ("programme_number");--> statement-breakpoint
-- hand-written below
-- Local offers and mapping overrides belong to a region: writes run under withRegion (role semafor_region), and
-- row-level security keeps them to the acting region even if a query forgets its WHERE.
GRANT SELECT, INSERT, UPDATE, DELETE ON "education_offers", "education_mapping_overrides" TO semafor_region;--> statement-breakpoint
GRANT USAGE ON SEQUENCE "education_mapping_overrides_id_seq" TO semafor_region;--> statement-breakpoint
ALTER TABLE "education_offers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "education_mapping_overrides" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "education_offers_acting_region" ON "education_offers"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "education_mapping_overrides_acting_region" ON "education_mapping_overrides"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));
