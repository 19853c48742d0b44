CREATE TABLE "signal_state" (
	"method_version" text PRIMARY KEY NOT NULL,
	"method_hash" text NOT NULL,
	"data_version" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
