ALTER TABLE "signals" ADD COLUMN "employees" integer;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "employees_year" integer;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "retirements_5" integer;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "retirements_10" integer;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "retirements_estimated" boolean;