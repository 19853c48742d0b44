CREATE TABLE "prioritisation_decisions" (
	"round_id" text NOT NULL,
	"ssyk" text NOT NULL,
	"region_id" text NOT NULL,
	"include" boolean NOT NULL,
	"strategic" boolean DEFAULT false NOT NULL,
	"rationale" text,
	"decided_by" text,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "prioritisation_decisions_round_id_ssyk_pk" PRIMARY KEY("round_id","ssyk")
);
--> statement-breakpoint
CREATE TABLE "prioritisation_proposals" (
	"round_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"ssyk" text NOT NULL,
	"region_id" text NOT NULL,
	"reason" text NOT NULL,
	"proposed_by" text,
	"proposed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "prioritisation_proposals_round_id_municipality_id_ssyk_pk" PRIMARY KEY("round_id","municipality_id","ssyk")
);
--> statement-breakpoint
CREATE TABLE "prioritisation_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"year" integer NOT NULL,
	"state" text NOT NULL,
	"signal_round" text NOT NULL,
	"method_version" text NOT NULL,
	"method_hash" text NOT NULL,
	"signal_method_version" text NOT NULL,
	"signal_method_hash" text NOT NULL,
	"draft" jsonb NOT NULL,
	"consultation_deadline" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prioritisation_settings" (
	"region_id" text PRIMARY KEY NOT NULL,
	"weights" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"list_size" integer,
	"strategic" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prioritisation_versions" (
	"region_id" text NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"round_id" text,
	"origin" text NOT NULL,
	"title" text NOT NULL,
	"change_note" text,
	"basis" jsonb,
	"rows" jsonb NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "prioritisation_versions_region_id_year_version_pk" PRIMARY KEY("region_id","year","version")
);
--> statement-breakpoint
CREATE TABLE "prioritisation_votes" (
	"round_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"ssyk" text NOT NULL,
	"region_id" text NOT NULL,
	"vote" text NOT NULL,
	"comment" text,
	"voted_by" text,
	"voted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "prioritisation_votes_round_id_municipality_id_ssyk_pk" PRIMARY KEY("round_id","municipality_id","ssyk")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "prioritisation_rounds_region_year" ON "prioritisation_rounds" USING btree ("region_id","year");--> statement-breakpoint
-- hand-written below
-- Row-level security on the prioritisation tables, as on audit_events (migration 0004 creates semafor_region):
-- region-scoped work runs in withRegion, where a query without WHERE sees and writes only the acting region's rows.
GRANT SELECT, INSERT, UPDATE, DELETE ON "prioritisation_settings", "prioritisation_rounds", "prioritisation_votes", "prioritisation_proposals", "prioritisation_decisions" TO semafor_region;--> statement-breakpoint
GRANT SELECT, INSERT ON "prioritisation_versions" TO semafor_region;--> statement-breakpoint
ALTER TABLE "prioritisation_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "prioritisation_rounds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "prioritisation_votes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "prioritisation_proposals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "prioritisation_decisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "prioritisation_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "prioritisation_settings_acting_region" ON "prioritisation_settings"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "prioritisation_rounds_acting_region" ON "prioritisation_rounds"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "prioritisation_votes_acting_region" ON "prioritisation_votes"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "prioritisation_proposals_acting_region" ON "prioritisation_proposals"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "prioritisation_decisions_acting_region" ON "prioritisation_decisions"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "prioritisation_versions_acting_region" ON "prioritisation_versions"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
-- A published list is immutable: a correction is a new version. Refused for every role, the owner included.
CREATE FUNCTION "prioritisation_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published prioritisation lists are immutable; publish a new version instead'
    USING ERRCODE = 'integrity_constraint_violation';
END $$;--> statement-breakpoint
CREATE TRIGGER "prioritisation_versions_immutable" BEFORE UPDATE OR DELETE ON "prioritisation_versions"
  FOR EACH ROW EXECUTE FUNCTION "prioritisation_versions_immutable"();
