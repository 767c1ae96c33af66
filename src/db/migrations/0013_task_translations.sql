ALTER TABLE "incident_tasks" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "incident_tasks" ADD COLUMN "description_en" text;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_tasks_playbook_key_idx" ON "incident_tasks" USING btree ("incident_id","playbook_code","playbook_task_key") WHERE "incident_tasks"."playbook_task_key" IS NOT NULL;