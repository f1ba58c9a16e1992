CREATE TABLE "sign_in_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"contact" text NOT NULL,
	"description" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	CONSTRAINT "sign_in_problems_status_check" CHECK ("sign_in_problems"."status" in ('new', 'called_back', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "sign_in_problems" ADD CONSTRAINT "sign_in_problems_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_problems_status_created_idx" ON "sign_in_problems" USING btree ("status","created_at");--> statement-breakpoint
SELECT audit_attach('sign_in_problems');
