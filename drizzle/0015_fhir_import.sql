ALTER TABLE "allergies" ADD COLUMN "source_system" text;--> statement-breakpoint
ALTER TABLE "allergies" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "allergies" ADD COLUMN "source_hash" text;--> statement-breakpoint
ALTER TABLE "allergies" ADD COLUMN "source_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "immunizations" ADD COLUMN "source_system" text;--> statement-breakpoint
ALTER TABLE "immunizations" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "immunizations" ADD COLUMN "source_hash" text;--> statement-breakpoint
ALTER TABLE "immunizations" ADD COLUMN "source_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "immunizations" ADD COLUMN "refused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "measurements" ADD COLUMN "source_system" text;--> statement-breakpoint
ALTER TABLE "measurements" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "measurements" ADD COLUMN "source_hash" text;--> statement-breakpoint
ALTER TABLE "measurements" ADD COLUMN "source_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "medications" ADD COLUMN "source_system" text;--> statement-breakpoint
ALTER TABLE "medications" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "medications" ADD COLUMN "source_hash" text;--> statement-breakpoint
ALTER TABLE "medications" ADD COLUMN "source_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "source_system" text;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "source_hash" text;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "source_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "test_results" ADD COLUMN "source_system" text;--> statement-breakpoint
ALTER TABLE "test_results" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "test_results" ADD COLUMN "source_hash" text;--> statement-breakpoint
ALTER TABLE "test_results" ADD COLUMN "source_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "source_system" text;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "source_hash" text;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "source_updated_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "allergies_source_key" ON "allergies" USING btree ("child_id","source_system","source_id") WHERE "allergies"."source_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "immunizations_source_key" ON "immunizations" USING btree ("child_id","source_system","source_id") WHERE "immunizations"."source_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "measurements_source_key" ON "measurements" USING btree ("child_id","source_system","source_id") WHERE "measurements"."source_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "medications_source_key" ON "medications" USING btree ("child_id","source_system","source_id") WHERE "medications"."source_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "problems_source_key" ON "problems" USING btree ("child_id","source_system","source_id") WHERE "problems"."source_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "test_results_source_key" ON "test_results" USING btree ("child_id","source_system","source_id") WHERE "test_results"."source_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "visits_source_key" ON "visits" USING btree ("child_id","source_system","source_id") WHERE "visits"."source_id" is not null;--> statement-breakpoint
ALTER TABLE "allergies" ADD CONSTRAINT "allergies_source_complete" CHECK (("allergies"."source_id" is null) = ("allergies"."source_system" is null));--> statement-breakpoint
ALTER TABLE "immunizations" ADD CONSTRAINT "immunizations_source_complete" CHECK (("immunizations"."source_id" is null) = ("immunizations"."source_system" is null));--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_source_complete" CHECK (("measurements"."source_id" is null) = ("measurements"."source_system" is null));--> statement-breakpoint
ALTER TABLE "medications" ADD CONSTRAINT "medications_source_complete" CHECK (("medications"."source_id" is null) = ("medications"."source_system" is null));--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_source_complete" CHECK (("problems"."source_id" is null) = ("problems"."source_system" is null));--> statement-breakpoint
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_source_complete" CHECK (("test_results"."source_id" is null) = ("test_results"."source_system" is null));--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_source_complete" CHECK (("visits"."source_id" is null) = ("visits"."source_system" is null));--> statement-breakpoint
CREATE TABLE "integration_assertions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integration_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"jwks" jsonb NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"disabled_at" timestamp with time zone,
	"disabled_by" uuid
);
--> statement-breakpoint
CREATE TABLE "integration_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "integration_assertions" ADD CONSTRAINT "integration_assertions_client_id_integration_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."integration_clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_clients" ADD CONSTRAINT "integration_clients_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_clients" ADD CONSTRAINT "integration_clients_disabled_by_users_id_fk" FOREIGN KEY ("disabled_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_tokens" ADD CONSTRAINT "integration_tokens_client_id_integration_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."integration_clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "integration_assertions_jti_key" ON "integration_assertions" USING btree ("client_id","jti");--> statement-breakpoint
CREATE UNIQUE INDEX "integration_tokens_hash_key" ON "integration_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "integration_tokens_expiry_idx" ON "integration_tokens" USING btree ("expires_at");--> statement-breakpoint
SELECT audit_attach('integration_clients');
--> statement-breakpoint
SELECT audit_attach('integration_assertions');
--> statement-breakpoint
SELECT audit_attach('integration_tokens');
