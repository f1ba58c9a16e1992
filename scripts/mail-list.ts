import './load-env';

import { connectConfiguredDatabase } from '@/db';
import { listRecentMail } from '@/lib/mail/outbox';

/** Prints the newest emails in the outbox, for developers working without Resend. */
async function main() {
  const limit = Number(process.argv[2] ?? 10) || 10;
  const connection = await connectConfiguredDatabase();
  try {
    const mail = await listRecentMail(connection.db, limit);
    if (mail.length === 0) console.log('The outbox is empty.');
    for (const item of mail.reverse()) {
      console.log(
        `\n── ${item.createdAt.toISOString()}  [${item.status}]  to ${item.toAddress}\nSubject: ${item.subject}\n\n${item.textBody}`,
      );
    }
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
