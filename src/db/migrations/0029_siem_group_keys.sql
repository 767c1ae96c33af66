CREATE TABLE "siem_group_keys" (
	"source_id" uuid NOT NULL,
	"key" text NOT NULL,
	"queued" boolean NOT NULL,
	"report_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "siem_group_keys_source_id_key_queued_pk" PRIMARY KEY("source_id","key","queued")
);
--> statement-breakpoint
DROP INDEX "siem_alerts_group_keys_idx";--> statement-breakpoint
ALTER TABLE "siem_group_keys" ADD CONSTRAINT "siem_group_keys_source_id_siem_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."siem_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siem_group_keys" ADD CONSTRAINT "siem_group_keys_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The alerts already stored: the latest of each (source, grouping key, queued) keeps grouping.
INSERT INTO "siem_group_keys" ("source_id", "key", "queued", "report_id", "received_at")
SELECT DISTINCT ON (a."source_id", k."key", a."queued") a."source_id", k."key", a."queued", a."report_id", a."received_at"
FROM "siem_alerts" a CROSS JOIN LATERAL unnest(a."group_keys") AS k("key")
ORDER BY a."source_id", k."key", a."queued", a."received_at" DESC;
