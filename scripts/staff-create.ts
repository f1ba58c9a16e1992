import './load-env';

import { parseArgs } from 'node:util';
import { createTranslator } from 'use-intl/core';

import { connectConfiguredDatabase, migrateDatabase } from '@/db';
import { systemActor } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { isAppError } from '@/lib/errors';
import { looksLikeMessageKey } from '@/lib/i18n/locales';
import { messagesFor } from '@/lib/i18n/messages';
import { enqueueMail } from '@/lib/mail/outbox';
import { createStaffUserSchema, SETUP_LINK_HOURS } from '@/lib/staff/schemas';
import { issueStaffSetupLink } from '@/lib/staff/setup-links';
import { createStaffUser } from '@/lib/staff/users';
import { staffRoles, type StaffRole } from '@/lib/staff/vocabulary';

const usage =
  'Usage: npm run staff:create -- --user-id ID --email EMAIL --name "First Last" --role admin [--role clinical …]\nThe new member chooses their own password with the set-up link this prints (and emails).';

// The domain and the schemas speak in catalog keys; the console reads English.
const english = createTranslator({ locale: 'en', messages: messagesFor('en') });
function inEnglish(message: string, values?: Record<string, string | number>): string {
  const key = message as Parameters<typeof english.has>[0];
  return looksLikeMessageKey(message) && english.has(key) ? english(key, values as never) : message;
}

async function main() {
  const { values } = parseArgs({
    options: {
      'user-id': { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
    },
  });
  const [firstName, ...rest] = (values.name ?? '').trim().split(/\s+/);
  const roles = values.role ?? [];
  const unknownRole = roles.find((role) => !staffRoles.includes(role as StaffRole));
  if (
    !values['user-id'] ||
    !values.email ||
    !firstName ||
    rest.length === 0 ||
    roles.length === 0 ||
    unknownRole
  ) {
    console.error(
      unknownRole ? `Unknown role "${unknownRole}". Roles: ${staffRoles.join(', ')}.` : usage,
    );
    process.exit(2);
  }
  const parsed = createStaffUserSchema.safeParse({
    firstName,
    lastName: rest.join(' '),
    userId: values['user-id'],
    email: values.email,
    roles,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`${issue.path.join('.')}: ${inEnglish(issue.message)}`);
    process.exit(2);
  }

  const connection = await connectConfiguredDatabase();
  try {
    await migrateDatabase(connection);
    const meta = {
      ipAddress: null,
      userAgent: 'scripts/staff-create.ts',
      requestId: `cli-${Date.now()}`,
    };
    const created = await auditedTransaction(
      connection.db,
      systemActor,
      meta,
      async ({ tx, audit }) => {
        const user = await createStaffUser(tx, parsed.data);
        await audit({
          action: 'staff.user_created',
          targetType: 'user',
          targetId: user.id,
          metadata: { roles: parsed.data.roles, source: 'cli' },
        });
        const link = await issueStaffSetupLink(tx, user.id, { newAccount: true });
        await enqueueMail(tx, link.mail);
        await audit({
          action: 'staff.setup_link_sent',
          targetType: 'user',
          targetId: user.id,
          metadata: { linkId: link.linkId, firstLink: true, source: 'cli' },
        });
        return { ...user, setupUrl: link.url };
      },
    );
    // Printed as well as emailed: on a new installation the mail may not be set up yet. Whoever
    // runs this already holds the database, so the link gives them nothing new.
    console.log(
      [
        `Created staff user ${parsed.data.userId} (${parsed.data.roles.join(', ')}), id ${created.id}.`,
        `A welcome email with this set-up link is queued for ${parsed.data.email}. The link works once, for ${SETUP_LINK_HOURS} hours, to choose a password and then set up two-step verification:`,
        created.setupUrl,
      ].join('\n'),
    );
  } catch (error) {
    if (isAppError(error)) {
      const details = Object.values(error.fieldErrors ?? {});
      const lines = details.length ? details : [error.message];
      console.error(lines.map((line) => inEnglish(line, error.values)).join('\n'));
      process.exit(1);
    }
    throw error;
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
