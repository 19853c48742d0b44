ALTER TABLE "signals" ALTER COLUMN "key_indicators" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "signals" ALTER COLUMN "drivers" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "signals" ALTER COLUMN "inputs" SET DATA TYPE json;