CREATE TABLE "organisation_portals" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "publication_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"url" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"final_url" text,
	"http_status" integer,
	"sha256" text,
	"bytes" integer,
	"found" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"missing" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result" text NOT NULL,
	"error" text,
	"trigger" text NOT NULL,
	"checked_by" uuid,
	CONSTRAINT "publication_checks_result_check" CHECK ("publication_checks"."result" IN ('published','not-found','unreachable','blocked')),
	CONSTRAINT "publication_checks_trigger_check" CHECK ("publication_checks"."trigger" IN ('schedule','manual'))
);
--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "confirmed_by" uuid;--> statement-breakpoint
ALTER TABLE "organisation_portals" ADD CONSTRAINT "organisation_portals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_checks" ADD CONSTRAINT "publication_checks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publication_checks_org_time_idx" ON "publication_checks" USING btree ("organisation_id","checked_at" DESC NULLS LAST,"id" DESC NULLS LAST);