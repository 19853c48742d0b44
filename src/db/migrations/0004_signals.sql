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
	"key_indicators" jsonb NOT NULL,
	"drivers" jsonb NOT NULL,
	"inputs" jsonb NOT NULL,
	CONSTRAINT "signals_method_version_round_id_geography_id_ssyk_code_pk" PRIMARY KEY("method_version","round_id","geography_id","ssyk_code")
);
--> statement-breakpoint
CREATE INDEX "signals_ssyk_idx" ON "signals" USING btree ("method_version","round_id","ssyk_code");