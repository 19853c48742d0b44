-- seqf_bands: the primary key becomes (ssyk_code, geo_id) so regions can add their own band next to the default.
ALTER TABLE "seqf_bands" DROP CONSTRAINT "seqf_bands_pkey";--> statement-breakpoint
ALTER TABLE "occupation_fields" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "occupation_names" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "seqf_bands" ADD COLUMN "geo_id" text DEFAULT 'country:SE' NOT NULL;--> statement-breakpoint
ALTER TABLE "seqf_bands" ADD CONSTRAINT "seqf_bands_ssyk_code_geo_id_pk" PRIMARY KEY("ssyk_code","geo_id");--> statement-breakpoint
ALTER TABLE "seqf_bands" ADD COLUMN "rule_id" text NOT NULL;--> statement-breakpoint
ALTER TABLE "seqf_bands" ADD COLUMN "names_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "seqf_bands" ADD COLUMN "names_without_requirement" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ssyk_groups" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ssyk_scb_codes" ADD COLUMN "parent_code" text;--> statement-breakpoint
ALTER TABLE "ssyk_scb_codes" ADD COLUMN "mapping_note" text;--> statement-breakpoint
CREATE INDEX "occupation_substitutes_to_idx" ON "occupation_substitutes" USING btree ("to_concept_id");--> statement-breakpoint
CREATE INDEX "ssyk_fields_field_idx" ON "ssyk_fields" USING btree ("field_id");--> statement-breakpoint
CREATE INDEX "ssyk_groups_parent_idx" ON "ssyk_groups" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "ssyk_scb_codes_af_idx" ON "ssyk_scb_codes" USING btree ("af_code");