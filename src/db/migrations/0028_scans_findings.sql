CREATE TABLE "finding_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"finding_id" uuid NOT NULL,
	"scan_id" uuid,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"system_id" uuid,
	"fingerprint" text NOT NULL,
	"family" text NOT NULL,
	"tool" text NOT NULL,
	"plugin_id" text,
	"title" text NOT NULL,
	"severity" text NOT NULL,
	"scanner_severity" text,
	"cvss_vector" text,
	"cvss_score" real,
	"cves" text[] DEFAULT '{}'::text[] NOT NULL,
	"cwes" text[] DEFAULT '{}'::text[] NOT NULL,
	"host" text,
	"host_ip" text,
	"host_name" text,
	"port" integer,
	"protocol" text,
	"service" text,
	"url" text,
	"parameter" text,
	"location" text,
	"description" text,
	"solution" text,
	"evidence" text,
	"status" text DEFAULT 'open' NOT NULL,
	"status_reason" text,
	"status_by" text,
	"status_at" timestamp with time zone,
	"risk_approver" text,
	"risk_expires_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"first_scan_id" uuid,
	"last_scan_id" uuid,
	"sla_due_at" timestamp with time zone,
	"reopened_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "findings_status_check" CHECK ("findings"."status" IN ('open','in-remediation','fixed-claimed','verified','false-positive','risk-accepted')),
	CONSTRAINT "findings_severity_check" CHECK ("findings"."severity" IN ('info','low','medium','high','critical'))
);
--> statement-breakpoint
CREATE TABLE "scan_hosts" (
	"scan_id" uuid NOT NULL,
	"host" text NOT NULL,
	"host_ip" text,
	"host_name" text,
	"ports" jsonb,
	"system_id" uuid,
	CONSTRAINT "scan_hosts_scan_id_host_pk" PRIMARY KEY("scan_id","host")
);
--> statement-breakpoint
CREATE TABLE "scans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"system_id" uuid,
	"format" text NOT NULL,
	"tool" text NOT NULL,
	"tool_version" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"imported_by" text NOT NULL,
	"imported_by_user_id" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"file_sha256" text NOT NULL,
	"file_size" bigint NOT NULL,
	"file_name" text NOT NULL,
	"hosts_covered" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"duplicate_of" uuid
);
--> statement-breakpoint
CREATE TABLE "unknown_assets" (
	"host" text PRIMARY KEY NOT NULL,
	"host_ip" text,
	"host_name" text,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"scan_count" integer DEFAULT 1 NOT NULL,
	"last_scan_id" uuid,
	"assigned_system_id" uuid,
	"assigned_by" text,
	"assigned_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_scan_id_scans_id_fk" FOREIGN KEY ("scan_id") REFERENCES "public"."scans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_system_id_information_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."information_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_first_scan_id_scans_id_fk" FOREIGN KEY ("first_scan_id") REFERENCES "public"."scans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_last_scan_id_scans_id_fk" FOREIGN KEY ("last_scan_id") REFERENCES "public"."scans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_hosts" ADD CONSTRAINT "scan_hosts_scan_id_scans_id_fk" FOREIGN KEY ("scan_id") REFERENCES "public"."scans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_hosts" ADD CONSTRAINT "scan_hosts_system_id_information_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."information_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_system_id_information_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."information_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_duplicate_of_scans_id_fk" FOREIGN KEY ("duplicate_of") REFERENCES "public"."scans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unknown_assets" ADD CONSTRAINT "unknown_assets_last_scan_id_scans_id_fk" FOREIGN KEY ("last_scan_id") REFERENCES "public"."scans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unknown_assets" ADD CONSTRAINT "unknown_assets_assigned_system_id_information_systems_id_fk" FOREIGN KEY ("assigned_system_id") REFERENCES "public"."information_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finding_events_finding_idx" ON "finding_events" USING btree ("finding_id","at");--> statement-breakpoint
CREATE INDEX "finding_events_scan_idx" ON "finding_events" USING btree ("scan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_system_fp_uq" ON "findings" USING btree ("system_id","fingerprint") WHERE "findings"."system_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "findings_unassigned_fp_uq" ON "findings" USING btree ("fingerprint") WHERE "findings"."system_id" IS NULL;--> statement-breakpoint
CREATE INDEX "findings_fp_idx" ON "findings" USING btree ("fingerprint");--> statement-breakpoint
CREATE INDEX "findings_system_status_idx" ON "findings" USING btree ("system_id","status");--> statement-breakpoint
CREATE INDEX "findings_host_idx" ON "findings" USING btree ("host");--> statement-breakpoint
CREATE INDEX "scan_hosts_system_idx" ON "scan_hosts" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "scans_sha256_idx" ON "scans" USING btree ("file_sha256");--> statement-breakpoint
CREATE INDEX "scans_system_idx" ON "scans" USING btree ("system_id","imported_at");--> statement-breakpoint
CREATE INDEX "scans_imported_idx" ON "scans" USING btree ("imported_at");--> statement-breakpoint
CREATE INDEX "unknown_assets_unassigned_idx" ON "unknown_assets" USING btree ("last_seen_at") WHERE "unknown_assets"."assigned_system_id" IS NULL;