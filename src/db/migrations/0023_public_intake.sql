CREATE TABLE "public_challenges_spent" (
	"salt" text PRIMARY KEY NOT NULL,
	"submission_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_intake_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_report_codes" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "public_report_codes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "public_report_codes" ADD CONSTRAINT "public_report_codes_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_challenges_spent_expires_idx" ON "public_challenges_spent" USING btree ("expires_at");