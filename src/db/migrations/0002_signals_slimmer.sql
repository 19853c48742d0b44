DROP INDEX "signals_ssyk_idx";--> statement-breakpoint
ALTER TABLE "signals" DROP COLUMN "key_indicators";