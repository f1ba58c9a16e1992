import './load-env';

import { connectConfiguredDatabase, migrateDatabase } from '@/db';
import { env } from '@/lib/env';

async function main() {
  const settings = env();
  const connection = await connectConfiguredDatabase();
  try {
    await migrateDatabase(connection);
    console.log(
      `Migrations applied (${connection.driver === 'postgres' ? 'PostgreSQL' : `embedded PGlite in ${settings.PGLITE_DIR}`}).`,
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
