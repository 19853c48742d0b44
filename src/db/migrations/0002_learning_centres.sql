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
CREATE INDEX "learning_centre_municipalities_code_idx" ON "learning_centre_municipalities" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "learning_centre_services_service_idx" ON "learning_centre_services" USING btree ("service");--> statement-breakpoint
CREATE INDEX "learning_centres_municipality_idx" ON "learning_centres" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "postal_codes_municipality_idx" ON "postal_codes" USING btree ("municipality_code");