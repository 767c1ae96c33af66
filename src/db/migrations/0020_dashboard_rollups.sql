CREATE TABLE "incident_daily_counts" (
	"day" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"tlp" text NOT NULL,
	"type_code" text NOT NULL,
	"incidents" integer DEFAULT 0 NOT NULL,
	"triaged" integer DEFAULT 0 NOT NULL,
	"tta_seconds" numeric DEFAULT '0' NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"ttr_seconds" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "incident_daily_counts_day_organisation_id_owner_id_tlp_type_code_pk" PRIMARY KEY("day","organisation_id","owner_id","tlp","type_code")
);
--> statement-breakpoint
CREATE TABLE "incident_open_counts" (
	"organisation_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"tlp" text NOT NULL,
	"severity" text NOT NULL,
	"incidents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "incident_open_counts_organisation_id_owner_id_tlp_severity_pk" PRIMARY KEY("organisation_id","owner_id","tlp","severity")
);
--> statement-breakpoint
CREATE TABLE "incident_open_task_counts" (
	"due_day" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"tlp" text NOT NULL,
	"tasks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "incident_open_task_counts_due_day_organisation_id_owner_id_tlp_pk" PRIMARY KEY("due_day","organisation_id","owner_id","tlp")
);
--> statement-breakpoint
CREATE INDEX "incident_daily_counts_org_idx" ON "incident_daily_counts" USING btree ("organisation_id","day");--> statement-breakpoint
CREATE INDEX "incident_open_task_counts_org_idx" ON "incident_open_task_counts" USING btree ("organisation_id","due_day");--> statement-breakpoint
CREATE INDEX "incidents_red_created_idx" ON "incidents" USING btree ("created_at","id","status") WHERE "incidents"."tlp" = 'red';