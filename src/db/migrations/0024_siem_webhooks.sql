CREATE TABLE "siem_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"report_id" uuid NOT NULL,
	"title" text NOT NULL,
	"level" integer,
	"queued" boolean NOT NULL,
	"detected_at" timestamp with time zone,
	"group_keys" text[] DEFAULT '{}' NOT NULL,
	"raw" text NOT NULL,
	"raw_truncated" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "siem_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" uuid,
	"auth_mode" text NOT NULL,
	"secret_enc" text,
	"token_hash" text,
	"mapping" jsonb,
	"min_level" integer DEFAULT 0 NOT NULL,
	"group_window_minutes" integer DEFAULT 60 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "siem_sources_kind_check" CHECK ("siem_sources"."kind" IN ('generic','wazuh')),
	CONSTRAINT "siem_sources_auth_check" CHECK ("siem_sources"."auth_mode" IN ('hmac','token')),
	CONSTRAINT "siem_sources_window_check" CHECK ("siem_sources"."group_window_minutes" BETWEEN 0 AND 10080)
);
--> statement-breakpoint
ALTER TABLE "siem_alerts" ADD CONSTRAINT "siem_alerts_source_id_siem_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."siem_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siem_alerts" ADD CONSTRAINT "siem_alerts_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siem_sources" ADD CONSTRAINT "siem_sources_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "siem_alerts_source_external_idx" ON "siem_alerts" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE INDEX "siem_alerts_source_received_idx" ON "siem_alerts" USING btree ("source_id","received_at");--> statement-breakpoint
CREATE INDEX "siem_alerts_report_idx" ON "siem_alerts" USING btree ("report_id","received_at");--> statement-breakpoint
CREATE INDEX "siem_alerts_group_keys_idx" ON "siem_alerts" USING gin ("group_keys");