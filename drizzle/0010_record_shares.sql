CREATE TABLE "record_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"label" text,
	"token_hash" text NOT NULL,
	"access_code_hmac" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"failed_code_attempts" integer DEFAULT 0 NOT NULL,
	"open_count" integer DEFAULT 0 NOT NULL,
	"last_opened_at" timestamp with time zone,
	CONSTRAINT "record_shares_lifetime" CHECK ("record_shares"."expires_at" > "record_shares"."created_at" and "record_shares"."expires_at" <= "record_shares"."created_at" + interval '7 days 1 minute')
);
--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "record_shares_token_hash_key" ON "record_shares" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "record_shares_child_idx" ON "record_shares" USING btree ("child_id","created_at");--> statement-breakpoint
-- Watched by the audit trigger (0001_audit_triggers.sql) like every table.
SELECT audit_attach('record_shares');
