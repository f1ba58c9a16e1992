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
ALTER TABLE "visits" ADD CONSTRAINT "visits_source_complete" CHECK (("visits"."source_id" is null) = ("visits"."source_system" is null));