CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"format" text NOT NULL,
	"file_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"input" jsonb NOT NULL,
	"template_id" text NOT NULL,
	"template_version" integer NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "documents_format_check" CHECK ("documents"."format" IN ('docx','xlsx','pdf')),
	CONSTRAINT "documents_seq_check" CHECK ("documents"."seq" > 0)
);
--> statement-breakpoint
CREATE TABLE "numbering_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"pattern" text NOT NULL,
	"org_symbol" text,
	"year" integer NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "numbering_schemes_last_number_check" CHECK ("numbering_schemes"."last_number" >= 0)
);
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "numbering_schemes" ADD CONSTRAINT "numbering_schemes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_org_kind_year_seq_uq" ON "documents" USING btree ("organisation_id","kind","year","seq");--> statement-breakpoint
CREATE INDEX "documents_issued_idx" ON "documents" USING btree ("issued_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "documents_org_issued_idx" ON "documents" USING btree ("organisation_id","issued_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "numbering_schemes_org_kind_uq" ON "numbering_schemes" USING btree ("organisation_id","kind");--> statement-breakpoint
-- Hand-written: an issued document is a record (Decree 30/2020): its row never changes and is never
-- removed. TRUNCATE stays possible for the table owner, which is how a forced restore replaces the
-- whole database.
CREATE OR REPLACE FUNCTION canhgac_refuse_document_change() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'issued document % (%) is immutable: % refused', OLD.number, OLD.id, TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'Issue a new document instead of changing or deleting an issued one.';
END;
$$;--> statement-breakpoint
CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON "documents"
  FOR EACH ROW EXECUTE FUNCTION canhgac_refuse_document_change();
