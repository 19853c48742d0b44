CREATE TABLE "prioritisation_sector_texts" (
	"region_id" text NOT NULL,
	"field_id" text NOT NULL,
	"text_sv" text DEFAULT '' NOT NULL,
	"text_en" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prioritisation_sector_texts_region_id_field_id_pk" PRIMARY KEY("region_id","field_id")
);
--> statement-breakpoint
-- hand-written below
-- Row-level security as on the other prioritisation tables (0006): saves run in withRegion as semafor_region.
GRANT SELECT, INSERT, UPDATE, DELETE ON "prioritisation_sector_texts" TO semafor_region;--> statement-breakpoint
ALTER TABLE "prioritisation_sector_texts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "prioritisation_sector_texts_acting_region" ON "prioritisation_sector_texts"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));
