CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"token_hash" text NOT NULL,
	"scope" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "area_owners" (
	"area_id" text PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"organisation_id" text,
	"region_id" text,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"region_id" text,
	"role" text NOT NULL,
	"invited_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"user_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"role" text NOT NULL,
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_organisation_id_role_pk" PRIMARY KEY("user_id","organisation_id","role")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"region_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"region_id" text,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'sv' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"password_hash" text,
	"oidc_subject" text,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_idx" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "area_owners_region_idx" ON "area_owners" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "audit_events_region_at_idx" ON "audit_events" USING btree ("region_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_hash_idx" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "memberships_org_idx" ON "memberships" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "organisations_region_idx" ON "organisations" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "outbox_region_idx" ON "outbox" USING btree ("region_id","created_at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_oidc_subject_idx" ON "users" USING btree ("oidc_subject");--> statement-breakpoint
INSERT INTO "organisations" ("id", "type", "name", "region_id")
SELECT "id", 'region', "name", "id" FROM "geographies" WHERE "type" = 'county'
ON CONFLICT ("id") DO NOTHING;--> statement-breakpoint
INSERT INTO "organisations" ("id", "type", "name", "region_id")
SELECT "id", 'municipality', "name", "parent_id" FROM "geographies" WHERE "type" = 'municipality'
ON CONFLICT ("id") DO NOTHING;--> statement-breakpoint
INSERT INTO "area_owners" ("area_id", "region_id")
SELECT "id", "parent_id" FROM "geographies" WHERE "type" = 'area' AND "parent_id" LIKE 'county:%'
ON CONFLICT ("area_id") DO NOTHING;
--> statement-breakpoint
-- Row-level security on the region-owned tables. RLS does not bind table owners or superusers, which is what the
-- app connects as, so region-scoped reads switch to the role semafor_region (SET LOCAL ROLE in withRegion) after
-- setting the acting region (set_config('semafor.region', …, true)); under that role a query without WHERE sees
-- only the acting region's rows, and none when no region is set.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'semafor_region') THEN
    BEGIN
      CREATE ROLE semafor_region NOLOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another database's migration
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'Semafor needs the role semafor_region: as a superuser run CREATE ROLE semafor_region NOLOGIN; GRANT semafor_region TO %;', current_user;
    END;
  END IF;
  IF NOT pg_has_role(current_user, 'semafor_region', 'MEMBER') THEN
    EXECUTE format('GRANT semafor_region TO %I', current_user);
  END IF;
END $$;--> statement-breakpoint
GRANT SELECT, INSERT ON "audit_events", "outbox" TO semafor_region;--> statement-breakpoint
GRANT USAGE ON SEQUENCE "audit_events_id_seq", "outbox_id_seq" TO semafor_region;--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "audit_events_acting_region" ON "audit_events"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));--> statement-breakpoint
CREATE POLICY "outbox_acting_region" ON "outbox"
  USING ("region_id" = current_setting('semafor.region', true))
  WITH CHECK ("region_id" = current_setting('semafor.region', true));
