CREATE TABLE "sun_fields" (
	"code" text PRIMARY KEY NOT NULL,
	"level" integer NOT NULL,
	"parent_code" text,
	"label_sv" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sun_levels" (
	"code" text PRIMARY KEY NOT NULL,
	"digits" integer NOT NULL,
	"parent_code" text,
	"label_sv" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "geo_boundaries" (
	"geography_id" text PRIMARY KEY NOT NULL,
	"geometry" jsonb NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "geographies" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"parent_id" text,
	"lat" double precision,
	"lon" double precision,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "geography_members" (
	"geography_id" text NOT NULL,
	"municipality_code" text NOT NULL,
	CONSTRAINT "geography_members_geography_id_municipality_code_pk" PRIMARY KEY("geography_id","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "population" (
	"municipality_code" text NOT NULL,
	"year" integer NOT NULL,
	"total" integer NOT NULL,
	"women" integer NOT NULL,
	"men" integer NOT NULL,
	CONSTRAINT "population_municipality_code_year_pk" PRIMARY KEY("municipality_code","year")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"origin" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"content_hash" text,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_inserted" integer DEFAULT 0 NOT NULL,
	"rows_updated" integer DEFAULT 0 NOT NULL,
	"rows_deleted" integer DEFAULT 0 NOT NULL,
	"rows_unchanged" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "af_barometer_assessments" (
	"round_id" text NOT NULL,
	"occupation_name" text NOT NULL,
	"geography_id" text NOT NULL,
	"recruitment" text,
	"job_opportunities" text,
	"outlook" text,
	"paradox_reasons" jsonb,
	"assessment_level" text,
	"coverage" text,
	"text_recruitment" text,
	"text_opportunities" text,
	CONSTRAINT "af_barometer_assessments_round_id_occupation_name_geography_id_pk" PRIMARY KEY("round_id","occupation_name","geography_id")
);
--> statement-breakpoint
CREATE TABLE "af_barometer_occupation_ssyk" (
	"round_id" text NOT NULL,
	"occupation_name" text NOT NULL,
	"ssyk_code" text NOT NULL,
	"part_of_group" boolean,
	CONSTRAINT "af_barometer_occupation_ssyk_round_id_occupation_name_ssyk_code_pk" PRIMARY KEY("round_id","occupation_name","ssyk_code")
);
--> statement-breakpoint
CREATE TABLE "af_barometer_occupations" (
	"round_id" text NOT NULL,
	"occupation_name" text NOT NULL,
	"concept_id" text,
	"field_name" text NOT NULL,
	"ssyk_text" text,
	"ssyk_source" text NOT NULL,
	"mapping_note" text,
	"ssyk_count" integer,
	"description" text,
	"taxonomy_version" integer,
	CONSTRAINT "af_barometer_occupations_round_id_occupation_name_pk" PRIMARY KEY("round_id","occupation_name")
);
--> statement-breakpoint
CREATE TABLE "af_forecast_concept_ssyk" (
	"round_id" text NOT NULL,
	"concept_id" text NOT NULL,
	"ssyk_code" text NOT NULL,
	CONSTRAINT "af_forecast_concept_ssyk_round_id_concept_id_ssyk_code_pk" PRIMARY KEY("round_id","concept_id","ssyk_code")
);
--> statement-breakpoint
CREATE TABLE "af_forecast_concepts" (
	"round_id" text NOT NULL,
	"concept_id" text NOT NULL,
	"ssyk_mapped" boolean NOT NULL,
	"mapping_source" text,
	CONSTRAINT "af_forecast_concepts_round_id_concept_id_pk" PRIMARY KEY("round_id","concept_id")
);
--> statement-breakpoint
CREATE TABLE "af_forecast_fa_assessments" (
	"round_id" text NOT NULL,
	"concept_id" text NOT NULL,
	"geography_id" text NOT NULL,
	"local_index" integer,
	"assessment_short" integer,
	"assessment_long" integer,
	"employed" integer,
	"share_pct_women" integer,
	"share_pct_men" integer,
	"special" integer,
	"entry" integer,
	"retirement" integer,
	"demand" integer,
	"arrow_entry_short" double precision,
	"arrow_entry_long" double precision,
	"arrow_retirement_short" double precision,
	"arrow_retirement_long" double precision,
	"arrow_demand_short" double precision,
	"arrow_demand_long" double precision,
	"harder_geography_id" text,
	"easier_geography_id" text,
	CONSTRAINT "af_forecast_fa_assessments_round_id_concept_id_geography_id_pk" PRIMARY KEY("round_id","concept_id","geography_id")
);
--> statement-breakpoint
CREATE TABLE "af_forecast_history" (
	"round_id" text NOT NULL,
	"concept_id" text NOT NULL,
	"year" integer NOT NULL,
	"demand" double precision,
	"retirements" double precision,
	"entrants" double precision,
	"demand_forecast" double precision,
	"entrants_forecast" double precision,
	"retirements_forecast" double precision,
	CONSTRAINT "af_forecast_history_round_id_concept_id_year_pk" PRIMARY KEY("round_id","concept_id","year")
);
--> statement-breakpoint
CREATE TABLE "af_forecast_index" (
	"round_id" text NOT NULL,
	"horizon_years" integer NOT NULL,
	"occupation_name" text NOT NULL,
	"geography_id" text NOT NULL,
	"assessed" boolean NOT NULL,
	"index_value" double precision,
	"class_value" integer,
	"class_text" text,
	"municipality_count" integer,
	"corrected_from" double precision,
	CONSTRAINT "af_forecast_index_round_id_horizon_years_occupation_name_geography_id_pk" PRIMARY KEY("round_id","horizon_years","occupation_name","geography_id")
);
--> statement-breakpoint
CREATE TABLE "af_forecast_occupation_ssyk" (
	"round_id" text NOT NULL,
	"horizon_years" integer NOT NULL,
	"occupation_name" text NOT NULL,
	"ssyk_code" text NOT NULL,
	"via_scb_code" text,
	CONSTRAINT "af_forecast_occupation_ssyk_round_id_horizon_years_occupation_name_ssyk_code_pk" PRIMARY KEY("round_id","horizon_years","occupation_name","ssyk_code")
);
--> statement-breakpoint
CREATE TABLE "af_forecast_occupations" (
	"round_id" text NOT NULL,
	"horizon_years" integer NOT NULL,
	"occupation_name" text NOT NULL,
	"field_name" text NOT NULL,
	"ssyk_spec" text NOT NULL,
	"ssyk_kind" text NOT NULL,
	CONSTRAINT "af_forecast_occupations_round_id_horizon_years_occupation_name_pk" PRIMARY KEY("round_id","horizon_years","occupation_name")
);
--> statement-breakpoint
CREATE TABLE "labour_market_rounds" (
	"source_id" text NOT NULL,
	"dataset" text NOT NULL,
	"round_id" text NOT NULL,
	"label" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"published_on" date,
	"date_basis" text NOT NULL,
	"series" text,
	"break_before" boolean DEFAULT false NOT NULL,
	"note" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "labour_market_rounds_source_id_dataset_round_id_pk" PRIMARY KEY("source_id","dataset","round_id")
);
--> statement-breakpoint
CREATE TABLE "scb_employees" (
	"year" integer NOT NULL,
	"geography_id" text NOT NULL,
	"ssyk_code" text NOT NULL,
	"men" integer NOT NULL,
	"women" integer NOT NULL,
	CONSTRAINT "scb_employees_year_geography_id_ssyk_code_pk" PRIMARY KEY("year","geography_id","ssyk_code")
);
--> statement-breakpoint
CREATE TABLE "scb_employees_by_age" (
	"year" integer NOT NULL,
	"ssyk_code" text NOT NULL,
	"age_group" text NOT NULL,
	"men" integer NOT NULL,
	"women" integer NOT NULL,
	CONSTRAINT "scb_employees_by_age_year_ssyk_code_age_group_pk" PRIMARY KEY("year","ssyk_code","age_group")
);
--> statement-breakpoint
CREATE TABLE "learning_centre_municipalities" (
	"centre_id" text NOT NULL,
	"municipality_code" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "learning_centre_municipalities_centre_id_municipality_code_pk" PRIMARY KEY("centre_id","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "learning_centre_services" (
	"centre_id" text NOT NULL,
	"service" text NOT NULL,
	CONSTRAINT "learning_centre_services_centre_id_service_pk" PRIMARY KEY("centre_id","service")
);
--> statement-breakpoint
CREATE TABLE "learning_centres" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"organiser" text,
	"organiser_type" text,
	"municipality_code" text,
	"street_address" text,
	"postal_code" text,
	"postal_town" text,
	"lat" double precision,
	"lon" double precision,
	"coordinate_origin" text NOT NULL,
	"coordinate_note" text,
	"contact_email" text,
	"opening_hours" text,
	"open_evenings" boolean,
	"open_weekends" boolean,
	"nitus_member" boolean,
	"other_tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_url" text,
	"source_date" text,
	"notes" text,
	"source_file" text NOT NULL,
	"source_row" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "places" (
	"municipality_code" text NOT NULL,
	"name" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	CONSTRAINT "places_municipality_code_name_pk" PRIMARY KEY("municipality_code","name")
);
--> statement-breakpoint
CREATE TABLE "postal_codes" (
	"postal_code" text PRIMARY KEY NOT NULL,
	"locality" text NOT NULL,
	"municipality_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "occupation_fields" (
	"id" text PRIMARY KEY NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"search_text" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "occupation_names" (
	"concept_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"ssyk_code" text NOT NULL,
	"no_education_requirement" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "occupation_substitutes" (
	"from_concept_id" text NOT NULL,
	"to_concept_id" text NOT NULL,
	"percentage" integer NOT NULL,
	CONSTRAINT "occupation_substitutes_from_concept_id_to_concept_id_pk" PRIMARY KEY("from_concept_id","to_concept_id")
);
--> statement-breakpoint
CREATE TABLE "seqf_bands" (
	"ssyk_code" text NOT NULL,
	"geo_id" text DEFAULT 'country:SE' NOT NULL,
	"band" text NOT NULL,
	"rule_id" text NOT NULL,
	"rule" text NOT NULL,
	"names_total" integer DEFAULT 0 NOT NULL,
	"names_without_requirement" integer DEFAULT 0 NOT NULL,
	"origin" text DEFAULT 'default' NOT NULL,
	CONSTRAINT "seqf_bands_ssyk_code_geo_id_pk" PRIMARY KEY("ssyk_code","geo_id")
);
--> statement-breakpoint
CREATE TABLE "ssyk_fields" (
	"ssyk_code" text PRIMARY KEY NOT NULL,
	"field_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ssyk_groups" (
	"code" text PRIMARY KEY NOT NULL,
	"level" integer NOT NULL,
	"parent_code" text,
	"label_sv" text NOT NULL,
	"label_en" text,
	"concept_id" text,
	"definition_sv" text,
	"search_text" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ssyk_scb_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"level" integer NOT NULL,
	"parent_code" text,
	"label_en" text NOT NULL,
	"af_code" text NOT NULL,
	"mapping_rule" text NOT NULL,
	"mapping_note" text
);
--> statement-breakpoint
CREATE TABLE "signal_runs" (
	"method_version" text NOT NULL,
	"round_id" text NOT NULL,
	"method_hash" text NOT NULL,
	"label" text NOT NULL,
	"dataset" text NOT NULL,
	"reference_date" date NOT NULL,
	"geography_types" jsonb NOT NULL,
	"input_hash" text NOT NULL,
	"signal_count" integer NOT NULL,
	"seconds" double precision NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "signal_runs_method_version_round_id_pk" PRIMARY KEY("method_version","round_id")
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"method_version" text NOT NULL,
	"round_id" text NOT NULL,
	"geography_id" text NOT NULL,
	"ssyk_code" text NOT NULL,
	"method_hash" text NOT NULL,
	"signal_class" text NOT NULL,
	"score" double precision,
	"watch" boolean NOT NULL,
	"outlook" text,
	"confidence" integer NOT NULL,
	"key_indicators" json NOT NULL,
	"drivers" json NOT NULL,
	"inputs" json NOT NULL,
	"employees" integer,
	"employees_year" integer,
	"retirements_5" integer,
	"retirements_10" integer,
	"retirements_estimated" boolean,
	CONSTRAINT "signals_method_version_round_id_geography_id_ssyk_code_pk" PRIMARY KEY("method_version","round_id","geography_id","ssyk_code")
);
--> statement-breakpoint
CREATE INDEX "geographies_type_idx" ON "geographies" USING btree ("type");--> statement-breakpoint
CREATE INDEX "geographies_parent_idx" ON "geographies" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "geography_members_municipality_idx" ON "geography_members" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "import_runs_source_idx" ON "import_runs" USING btree ("source_id","started_at");--> statement-breakpoint
CREATE INDEX "af_barometer_assessments_geo_idx" ON "af_barometer_assessments" USING btree ("geography_id","round_id");--> statement-breakpoint
CREATE INDEX "af_barometer_occupation_ssyk_ssyk_idx" ON "af_barometer_occupation_ssyk" USING btree ("ssyk_code");--> statement-breakpoint
CREATE INDEX "af_forecast_concept_ssyk_ssyk_idx" ON "af_forecast_concept_ssyk" USING btree ("ssyk_code");--> statement-breakpoint
CREATE INDEX "af_forecast_fa_assessments_geo_idx" ON "af_forecast_fa_assessments" USING btree ("geography_id","round_id");--> statement-breakpoint
CREATE INDEX "af_forecast_index_geo_idx" ON "af_forecast_index" USING btree ("geography_id","round_id");--> statement-breakpoint
CREATE INDEX "af_forecast_occupation_ssyk_ssyk_idx" ON "af_forecast_occupation_ssyk" USING btree ("ssyk_code");--> statement-breakpoint
CREATE INDEX "scb_employees_ssyk_idx" ON "scb_employees" USING btree ("ssyk_code","year");--> statement-breakpoint
CREATE INDEX "learning_centre_municipalities_code_idx" ON "learning_centre_municipalities" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "learning_centre_services_service_idx" ON "learning_centre_services" USING btree ("service");--> statement-breakpoint
CREATE INDEX "learning_centres_municipality_idx" ON "learning_centres" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "postal_codes_municipality_idx" ON "postal_codes" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "occupation_names_ssyk_idx" ON "occupation_names" USING btree ("ssyk_code");--> statement-breakpoint
CREATE INDEX "occupation_substitutes_to_idx" ON "occupation_substitutes" USING btree ("to_concept_id");--> statement-breakpoint
CREATE INDEX "ssyk_fields_field_idx" ON "ssyk_fields" USING btree ("field_id");--> statement-breakpoint
CREATE INDEX "ssyk_groups_level_idx" ON "ssyk_groups" USING btree ("level");--> statement-breakpoint
CREATE INDEX "ssyk_groups_parent_idx" ON "ssyk_groups" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "ssyk_scb_codes_af_idx" ON "ssyk_scb_codes" USING btree ("af_code");--> statement-breakpoint
CREATE INDEX "signals_ssyk_idx" ON "signals" USING btree ("method_version","round_id","ssyk_code");