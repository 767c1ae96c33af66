CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid,
	"channel" text NOT NULL,
	"kind" text DEFAULT 'single' NOT NULL,
	"category" text NOT NULL,
	"tlp" text NOT NULL,
	"template" text NOT NULL,
	"recipient_user_id" uuid,
	"recipient_organisation_id" uuid,
	"address" text,
	"webhook_id" uuid,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"html" text,
	"payload" jsonb,
	"content_withheld" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"http_status" integer,
	"sent_at" timestamp with time zone,
	"message_id" text,
	"read_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_user_id" uuid,
	"digest_state" text,
	"digest_delivery_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_deliveries_channel_check" CHECK ("notification_deliveries"."channel" IN ('inapp','email','webhook')),
	CONSTRAINT "notification_deliveries_kind_check" CHECK ("notification_deliveries"."kind" IN ('single','digest','test')),
	CONSTRAINT "notification_deliveries_status_check" CHECK ("notification_deliveries"."status" IN ('queued','retrying','sent','failed')),
	CONSTRAINT "notification_deliveries_category_check" CHECK ("notification_deliveries"."category" IN ('incident','vulnerability','advisory','intel','readiness','coordination','system')),
	CONSTRAINT "notification_deliveries_tlp_check" CHECK ("notification_deliveries"."tlp" IN ('clear','green','amber','amber+strict','red'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"template" text NOT NULL,
	"data" jsonb NOT NULL,
	"tlp" text NOT NULL,
	"actor" text NOT NULL,
	"actor_user_id" uuid,
	"recipient_user_ids" uuid[] NOT NULL,
	"recipient_organisation_ids" uuid[] NOT NULL,
	"attachment_file_ids" uuid[] NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_category_check" CHECK ("notifications"."category" IN ('incident','vulnerability','advisory','intel','readiness','coordination','system')),
	CONSTRAINT "notifications_tlp_check" CHECK ("notifications"."tlp" IN ('clear','green','amber','amber+strict','red'))
);
--> statement-breakpoint
CREATE TABLE "notify_preferences" (
	"user_id" uuid NOT NULL,
	"category" text NOT NULL,
	"email" boolean NOT NULL,
	"digest" boolean NOT NULL,
	"organisation" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_preferences_user_id_category_pk" PRIMARY KEY("user_id","category"),
	CONSTRAINT "notify_preferences_category_check" CHECK ("notify_preferences"."category" IN ('incident','vulnerability','advisory','intel','readiness','coordination','system'))
);
--> statement-breakpoint
CREATE TABLE "notify_webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret_enc" text NOT NULL,
	"organisation_id" uuid,
	"categories" text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"max_failures" integer DEFAULT 5 NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_webhooks_max_failures_check" CHECK ("notify_webhooks"."max_failures" BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE TABLE "organisation_notify_addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_notify_addresses_unique" UNIQUE("organisation_id","email")
);
--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_recipient_organisation_id_organisations_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_webhook_id_notify_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."notify_webhooks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_acknowledged_by_user_id_users_id_fk" FOREIGN KEY ("acknowledged_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_preferences" ADD CONSTRAINT "notify_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_webhooks" ADD CONSTRAINT "notify_webhooks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_notify_addresses" ADD CONSTRAINT "organisation_notify_addresses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_deliveries_inbox_idx" ON "notification_deliveries" USING btree ("recipient_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "notification_deliveries"."channel" = 'inapp';--> statement-breakpoint
CREATE INDEX "notification_deliveries_unread_idx" ON "notification_deliveries" USING btree ("recipient_user_id") WHERE "notification_deliveries"."channel" = 'inapp' AND "notification_deliveries"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX "notification_deliveries_due_idx" ON "notification_deliveries" USING btree ("next_attempt_at") WHERE "notification_deliveries"."status" IN ('queued','retrying');--> statement-breakpoint
CREATE INDEX "notification_deliveries_digest_idx" ON "notification_deliveries" USING btree ("recipient_user_id") WHERE "notification_deliveries"."digest_state" = 'pending';--> statement-breakpoint
CREATE INDEX "notification_deliveries_webhook_idx" ON "notification_deliveries" USING btree ("webhook_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notification_deliveries_created_idx" ON "notification_deliveries" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notification_deliveries_notification_idx" ON "notification_deliveries" USING btree ("notification_id");--> statement-breakpoint
CREATE INDEX "notifications_created_idx" ON "notifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "notify_webhooks_org_idx" ON "notify_webhooks" USING btree ("organisation_id");