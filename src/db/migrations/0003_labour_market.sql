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
CREATE INDEX "af_barometer_assessments_geo_idx" ON "af_barometer_assessments" USING btree ("geography_id","round_id");--> statement-breakpoint
CREATE INDEX "af_barometer_occupation_ssyk_ssyk_idx" ON "af_barometer_occupation_ssyk" USING btree ("ssyk_code");--> statement-breakpoint
CREATE INDEX "af_forecast_concept_ssyk_ssyk_idx" ON "af_forecast_concept_ssyk" USING btree ("ssyk_code");--> statement-breakpoint
CREATE INDEX "af_forecast_fa_assessments_geo_idx" ON "af_forecast_fa_assessments" USING btree ("geography_id","round_id");--> statement-breakpoint
CREATE INDEX "af_forecast_index_geo_idx" ON "af_forecast_index" USING btree ("geography_id","round_id");--> statement-breakpoint
CREATE INDEX "af_forecast_occupation_ssyk_ssyk_idx" ON "af_forecast_occupation_ssyk" USING btree ("ssyk_code");--> statement-breakpoint
CREATE INDEX "scb_employees_ssyk_idx" ON "scb_employees" USING btree ("ssyk_code","year");