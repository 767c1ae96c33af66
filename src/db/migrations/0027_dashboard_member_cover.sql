DROP INDEX "incident_daily_counts_org_idx";--> statement-breakpoint
DROP INDEX "incident_open_task_counts_org_idx";--> statement-breakpoint
CREATE INDEX "incident_daily_counts_org_cover_idx" ON "incident_daily_counts" USING btree ("organisation_id","day","owner_id","tlp","type_code","incidents","triaged","tta_seconds","resolved","ttr_seconds");--> statement-breakpoint
CREATE INDEX "incident_open_task_counts_org_cover_idx" ON "incident_open_task_counts" USING btree ("organisation_id","due_day","owner_id","tlp","tasks");