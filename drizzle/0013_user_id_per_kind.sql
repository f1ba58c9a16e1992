DROP INDEX "users_user_id_lower_key";--> statement-breakpoint
CREATE UNIQUE INDEX "users_user_id_lower_key" ON "users" USING btree ("kind",lower("user_id"));