CREATE TABLE "incident_daily_owners" (
	"day" date NOT NULL,
	"owner_id" uuid NOT NULL,
	"tlp" text NOT NULL,
	"incidents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "incident_daily_owners_day_owner_id_tlp_pk" PRIMARY KEY("day","owner_id","tlp")
);
--> statement-breakpoint
CREATE TABLE "incident_daily_totals" (
	"day" date NOT NULL,
	"tlp" text NOT NULL,
	"type_code" text NOT NULL,
	"incidents" integer DEFAULT 0 NOT NULL,
	"triaged" integer DEFAULT 0 NOT NULL,
	"tta_seconds" numeric DEFAULT '0' NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"ttr_seconds" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "incident_daily_totals_day_tlp_type_code_pk" PRIMARY KEY("day","tlp","type_code")
);
--> statement-breakpoint
CREATE TABLE "incident_open_task_totals" (
	"due_day" date NOT NULL,
	"tlp" text NOT NULL,
	"tasks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "incident_open_task_totals_due_day_tlp_pk" PRIMARY KEY("due_day","tlp")
);
