CREATE TABLE "intake_mailbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"uid_validity" bigint NOT NULL,
	"uid" bigint NOT NULL,
	"message_key" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"report_id" uuid,
	"raw_file_id" uuid,
	"attachment_file_ids" uuid[] DEFAULT '{}' NOT NULL,
	"from_address" text,
	"from_name" text,
	"subject" text,
	"body" text,
	"refs" text[] DEFAULT '{}' NOT NULL,
	"facts" jsonb,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_mailbox_messages_outcome_check" CHECK ("intake_mailbox_messages"."outcome" IN ('report','reply','ignored','failed'))
);
--> statement-breakpoint
CREATE TABLE "intake_mailboxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"config_key" text,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"password_enc" text,
	"folder" text DEFAULT 'INBOX' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"done" text DEFAULT 'flag' NOT NULL,
	"processed_folder" text,
	"require_tag" boolean DEFAULT false NOT NULL,
	"last_poll_at" timestamp with time zone,
	"last_poll_status" text,
	"last_poll_error" text,
	"reports_count" integer DEFAULT 0 NOT NULL,
	"replies_count" integer DEFAULT 0 NOT NULL,
	"ignored_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_mailboxes_config_key_unique" UNIQUE("config_key"),
	CONSTRAINT "intake_mailboxes_done_check" CHECK ("intake_mailboxes"."done" IN ('flag','move')),
	CONSTRAINT "intake_mailboxes_move_check" CHECK ("intake_mailboxes"."done" <> 'move' OR "intake_mailboxes"."processed_folder" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "intake_mailbox_messages" ADD CONSTRAINT "intake_mailbox_messages_mailbox_id_intake_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."intake_mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_mailbox_messages" ADD CONSTRAINT "intake_mailbox_messages_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_mailbox_messages" ADD CONSTRAINT "intake_mailbox_messages_raw_file_id_files_id_fk" FOREIGN KEY ("raw_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "intake_mailbox_messages_uid_idx" ON "intake_mailbox_messages" USING btree ("mailbox_id","uid_validity","uid");--> statement-breakpoint
CREATE INDEX "intake_mailbox_messages_key_idx" ON "intake_mailbox_messages" USING btree ("message_key");--> statement-breakpoint
CREATE INDEX "intake_mailbox_messages_report_idx" ON "intake_mailbox_messages" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE INDEX "intake_mailbox_messages_failed_idx" ON "intake_mailbox_messages" USING btree ("mailbox_id","created_at") WHERE "intake_mailbox_messages"."outcome" = 'failed';