import './load-env';

import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

import { connectConfiguredDatabase, migrateDatabase } from '@/db';
import { systemActor } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { env } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { createStaffUserSchema } from '@/lib/staff/schemas';
import { createStaffUser } from '@/lib/staff/users';
import { staffRoles, type StaffRole } from '@/lib/staff/vocabulary';

const usage =
  'Usage: npm run staff:create -- --user-id ID --email EMAIL --name "First Last" --role admin [--role clinical …]\nThe password comes from STAFF_PASSWORD, or is asked for.';

/** Asks for the password without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as {
      _writeToOutput: (text: string) => void;
      output: NodeJS.WriteStream;
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    output._writeToOutput = (text: string) => {
      if (text.startsWith(question)) output.output.write(question);
    };
  });
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
  const password =
    env().STAFF_PASSWORD ??
    (process.stdin.isTTY ? await promptHidden('Password for the new staff user: ') : '');
  const parsed = createStaffUserSchema.safeParse({
    firstName,
    lastName: rest.join(' '),
    userId: values['user-id'],
    email: values.email,
    password,
    roles,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`${issue.path.join('.')}: ${issue.message}`);
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
        return user;
      },
    );
    console.log(
      `Created staff user ${parsed.data.userId} (${parsed.data.roles.join(', ')}), id ${created.id}. Sign in at ${env().PUBLIC_URL}/staff/login.`,
    );
  } catch (error) {
    if (isAppError(error)) {
      const details = Object.values(error.fieldErrors ?? {});
      console.error(details.length ? details.join('\n') : error.message);
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
