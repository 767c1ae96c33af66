ALTER TABLE "system_components" ADD COLUMN "ownership_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "system_components" ADD COLUMN "ownership_confirmed_by" uuid;--> statement-breakpoint
-- Components registered before confirmation existed keep counting (they were accepted then).
UPDATE "system_components" SET "ownership_confirmed_at" = now();
