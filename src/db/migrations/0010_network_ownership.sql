CREATE TABLE "network_ranges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"cidr" "cidr" NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_asns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"asn" bigint NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_asns_range_check" CHECK ("organisation_asns"."asn" BETWEEN 0 AND 4294967295)
);
--> statement-breakpoint
CREATE TABLE "organisation_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"include_subdomains" boolean DEFAULT true NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_ranges" ADD CONSTRAINT "network_ranges_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_asns" ADD CONSTRAINT "organisation_asns_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_domains" ADD CONSTRAINT "organisation_domains_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "network_ranges_org_cidr_uq" ON "network_ranges" USING btree ("organisation_id","cidr");--> statement-breakpoint
CREATE INDEX "network_ranges_cidr_gist" ON "network_ranges" USING gist ("cidr" inet_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_asns_org_asn_uq" ON "organisation_asns" USING btree ("organisation_id","asn");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_domains_org_domain_uq" ON "organisation_domains" USING btree ("organisation_id","domain");--> statement-breakpoint
CREATE INDEX "organisation_domains_domain_idx" ON "organisation_domains" USING btree ("domain");