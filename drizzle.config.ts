import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/schema and committed in drizzle/; they are applied at
// run time by db/migrate.ts on both PostgreSQL and the embedded PGlite database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
