ALTER TABLE "reports" DROP CONSTRAINT "reports_status_check";--> statement-breakpoint
DROP INDEX "reports_source_external_idx";--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "channel_key" text;--> statement-breakpoint
UPDATE "reports" SET "channel_key" = coalesce("reporter_org_id"::text, 'public');--> statement-breakpoint
ALTER TABLE "reports" ALTER COLUMN "channel_key" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_channel_external_idx" ON "reports" USING btree ("source","channel_key","external_id") WHERE "reports"."external_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_status_check" CHECK ("reports"."status" IN ('new','logged','accepted','duplicate','spam','not-incident'));