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
CREATE TABLE "occupation_fields" (
	"id" text PRIMARY KEY NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "occupation_names" (
	"concept_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"ssyk_code" text NOT NULL,
	"no_education_requirement" boolean DEFAULT false NOT NULL
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
	"ssyk_code" text PRIMARY KEY NOT NULL,
	"band" text NOT NULL,
	"rule" text NOT NULL,
	"origin" text DEFAULT 'default' NOT NULL
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
	"definition_sv" text
);
--> statement-breakpoint
CREATE TABLE "ssyk_scb_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"level" integer NOT NULL,
	"label_en" text NOT NULL,
	"af_code" text NOT NULL,
	"mapping_rule" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "geographies_type_idx" ON "geographies" USING btree ("type");--> statement-breakpoint
CREATE INDEX "geographies_parent_idx" ON "geographies" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "geography_members_municipality_idx" ON "geography_members" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "import_runs_source_idx" ON "import_runs" USING btree ("source_id","started_at");--> statement-breakpoint
CREATE INDEX "occupation_names_ssyk_idx" ON "occupation_names" USING btree ("ssyk_code");--> statement-breakpoint
CREATE INDEX "ssyk_groups_level_idx" ON "ssyk_groups" USING btree ("level");