CREATE TABLE "information_systems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"owner_org_id" uuid NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"security_level" integer,
	"level_decision_no" text,
	"level_decision_date" date,
	"level_approved_by" text,
	"category" text NOT NULL,
	"shared_provincial" boolean DEFAULT false NOT NULL,
	"national_critical" boolean DEFAULT false NOT NULL,
	"internet_facing" boolean DEFAULT false NOT NULL,
	"description" text,
	"status" text DEFAULT 'active' NOT NULL,
	"owner_contact_id" uuid,
	"security_measures" jsonb,
	"security_provider" text,
	"connectivity_provider" text,
	"os_and_services" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "information_systems_code_unique" UNIQUE("code"),
	CONSTRAINT "information_systems_level_check" CHECK ("information_systems"."security_level" IS NULL OR "information_systems"."security_level" BETWEEN 1 AND 5),
	CONSTRAINT "information_systems_category_check" CHECK ("information_systems"."category" IN ('internal','citizen-services','infrastructure','industrial-control','other')),
	CONSTRAINT "information_systems_status_check" CHECK ("information_systems"."status" IN ('planned','active','retired'))
);
--> statement-breakpoint
CREATE TABLE "system_components" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"system_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ip" "inet",
	"hostname" text,
	"fqdn" text,
	"url" text,
	"cidr" "cidr",
	"domain" text,
	"cpe" text,
	"purl" text,
	"vendor" text,
	"product" text,
	"version" text,
	"os" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_components_kind_check" CHECK ("system_components"."kind" IN ('host','url','range','domain','software'))
);
--> statement-breakpoint
ALTER TABLE "information_systems" ADD CONSTRAINT "information_systems_owner_org_id_organisations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_systems" ADD CONSTRAINT "information_systems_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_systems" ADD CONSTRAINT "information_systems_owner_contact_id_contact_points_id_fk" FOREIGN KEY ("owner_contact_id") REFERENCES "public"."contact_points"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_components" ADD CONSTRAINT "system_components_system_id_information_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."information_systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "information_systems_owner_idx" ON "information_systems" USING btree ("owner_org_id");--> statement-breakpoint
CREATE INDEX "information_systems_operator_idx" ON "information_systems" USING btree ("operator_org_id");--> statement-breakpoint
CREATE INDEX "information_systems_search_idx" ON "information_systems" USING gin (canhgac_fold("code" || ' ' || "name" || ' ' || coalesce("name_en", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "system_components_system_idx" ON "system_components" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "system_components_ip_idx" ON "system_components" USING btree ("ip");--> statement-breakpoint
CREATE INDEX "system_components_domain_idx" ON "system_components" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "system_components_fqdn_idx" ON "system_components" USING btree ("fqdn");--> statement-breakpoint
CREATE INDEX "system_components_cpe_idx" ON "system_components" USING btree ("cpe");