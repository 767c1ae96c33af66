ALTER TABLE "finding_events" DROP CONSTRAINT "finding_events_scan_id_scans_id_fk";
--> statement-breakpoint
ALTER TABLE "findings" DROP CONSTRAINT "findings_first_scan_id_scans_id_fk";
--> statement-breakpoint
ALTER TABLE "findings" DROP CONSTRAINT "findings_last_scan_id_scans_id_fk";
--> statement-breakpoint
-- Room on each page for HOT updates: a re-scan rewrites last_seen of every finding it sees.
ALTER TABLE "findings" SET (fillfactor = 60);
