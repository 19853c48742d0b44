CREATE TABLE "occupation_name_synonyms" (
	"keyword_concept_id" text NOT NULL,
	"occupation_name_id" text NOT NULL,
	"label" text NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	CONSTRAINT "occupation_name_synonyms_keyword_concept_id_occupation_name_id_pk" PRIMARY KEY("keyword_concept_id","occupation_name_id")
);
--> statement-breakpoint
CREATE INDEX "occupation_name_synonyms_name_idx" ON "occupation_name_synonyms" USING btree ("occupation_name_id");--> statement-breakpoint
-- hand-written below
-- Title matching (src/modules/occupations/occupation-names.service.ts) is called by region-scoped imports (employer
-- needs, past priority lists) inside withRegion, i.e. as semafor_region: it reads these public reference tables.
GRANT SELECT ON "occupation_name_synonyms", "occupation_names", "ssyk_groups" TO semafor_region;
