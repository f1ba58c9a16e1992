import './load-env';

import { connectConfiguredDatabase, migrateDatabase } from '@/db';
import { demoLoginsText, issueDemoPin, seedDemoData } from '@/db/seed';
import { env, isProduction } from '@/lib/env';

/** `npm run dev` runs this first: migrations, demo data once, and the sign-ins to try. */
async function main() {
  const settings = env();
  if (isProduction())
    throw new Error('dev-setup seeds demo accounts and must not run in production.');
  const connection = await connectConfiguredDatabase();
  try {
    await migrateDatabase(connection);
    const { created } = await seedDemoData(connection.db);
    const demoPin = await issueDemoPin(connection.db);
    const where =
      connection.driver === 'postgres'
        ? 'PostgreSQL (DATABASE_URL)'
        : `the embedded database in ${settings.PGLITE_DIR}`;
    console.log(`\nPatient portal database ready: ${where}${created ? ', demo data added' : ''}.`);
    console.log(
      `\nOpen ${settings.PUBLIC_URL} once the server below says it is ready.\n\nDemo sign-ins:\n${demoLoginsText(settings.PUBLIC_URL)}${demoPin ? `\n\nTo try linking a child, sign in as demo.parent, choose "Link a child" and use PIN ${demoPin}.` : ''}\n\nEmails are kept locally: ${settings.PUBLIC_URL}/dev/mail or npm run mail:list\n`,
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
