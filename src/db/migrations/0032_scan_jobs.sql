CREATE TABLE "scan_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"file_name" text NOT NULL,
	"format" text,
	"system_id" uuid,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"bytes_total" bigint NOT NULL,
	"summary" jsonb,
	"error_key" text,
	"error_params" jsonb,
	"scan_id" uuid,
	"created_by" text NOT NULL,
	"created_by_user_id" uuid,
	"organisation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "scan_jobs_state_check" CHECK ("scan_jobs"."state" IN ('queued','running','done','failed'))
);
--> statement-breakpoint
ALTER TABLE "scan_jobs" ADD CONSTRAINT "scan_jobs_scan_id_scans_id_fk" FOREIGN KEY ("scan_id") REFERENCES "public"."scans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_jobs" ADD CONSTRAINT "scan_jobs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scan_jobs_created_idx" ON "scan_jobs" USING btree ("created_at");