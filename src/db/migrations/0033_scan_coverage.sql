CREATE TABLE "scan_digests" (
	"organisation_id" uuid NOT NULL,
	"day" date NOT NULL,
	"notification_id" uuid,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "scan_digests_organisation_id_day_pk" PRIMARY KEY("organisation_id","day")
);
--> statement-breakpoint
CREATE TABLE "scan_systems" (
	"scan_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "scan_systems_scan_id_system_id_pk" PRIMARY KEY("scan_id","system_id")
);
--> statement-breakpoint
ALTER TABLE "scan_digests" ADD CONSTRAINT "scan_digests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_digests" ADD CONSTRAINT "scan_digests_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_systems" ADD CONSTRAINT "scan_systems_scan_id_scans_id_fk" FOREIGN KEY ("scan_id") REFERENCES "public"."scans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_systems" ADD CONSTRAINT "scan_systems_system_id_information_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."information_systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scan_systems_system_idx" ON "scan_systems" USING btree ("system_id","scanned_at");--> statement-breakpoint
-- Coverage of the scans imported before this table existed.
INSERT INTO "scan_systems" ("scan_id", "system_id", "scanned_at")
SELECT DISTINCT s."id", x."system_id", least(coalesce(s."finished_at", s."started_at", s."imported_at"), s."imported_at")
  FROM "scans" s
  JOIN (SELECT "scan_id", "system_id" FROM "scan_hosts" WHERE "system_id" IS NOT NULL
        UNION SELECT "id", "system_id" FROM "scans" WHERE "system_id" IS NOT NULL) x ON x."scan_id" = s."id"
 WHERE s."duplicate_of" IS NULL;
