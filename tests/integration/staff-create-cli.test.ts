import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';

import { connectPglite } from '@/db';
import { auditEvents, mailOutbox, staffRoleAssignments, users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { completeStaffSetup } from '@/lib/staff/setup-links';

const OWN_PASSWORD = 'cobalt-prairie-whistle-84';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-cli-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function staffCreate(args: string[]) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGLITE_DIR: dataDir,
    NODE_ENV: 'development',
  };
  delete env.DATABASE_URL;
  return run(
    path.join(root, 'node_modules/.bin/tsx'),
    ['--conditions=react-server', 'scripts/staff-create.ts', ...args],
    {
      cwd: root,
      env,
    },
  ).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
}

describe('npm run staff:create', () => {
  it('creates the first administrator on a new database, audited, with a set-up link to choose the password', async () => {
    const result = await staffCreate([
      '--user-id',
      'jsmith',
      '--email',
      'jsmith@example.org',
      '--name',
      'Jane Q Smith',
      '--role',
      'admin',
      '--role',
      'clinical',
    ]);
    expect(result).toMatchObject({
      code: 0,
      output: expect.stringContaining('Created staff user jsmith (admin, clinical)'),
    });

    const again = await staffCreate([
      '--user-id',
      'JSMITH',
      '--email',
      'else@example.org',
      '--name',
      'Jane Smith',
      '--role',
      'admin',
    ]);
    expect(again).toMatchObject({
      code: 1,
      output: expect.stringContaining('That User ID is already taken.'),
    });

    const link = result.output.match(/http:\/\/\S+\/staff\/setup\?token=([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();
    expect(result.output).toContain('72 hours');

    const connection = await connectPglite(dataDir);
    try {
      const [admin] = await connection.db.select().from(users).where(eq(users.userId, 'jsmith'));
      expect(admin).toMatchObject({ kind: 'staff', firstName: 'Jane', lastName: 'Q Smith' });
      // Nobody typed a password: the link's owner chooses it, and then it opens the account.
      const [queued] = await connection.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.toAddress, 'jsmith@example.org'));
      expect(queued).toMatchObject({ template: 'staff-welcome' });
      expect(queued!.textBody).toContain(link![0]);
      expect(
        await completeStaffSetup(
          connection.db,
          { token: link![1]!, newPassword: OWN_PASSWORD, confirmPassword: OWN_PASSWORD },
          { ipAddress: null, userAgent: 'test', requestId: 'cli-test' },
        ),
      ).toMatchObject({ ok: true, userId: admin!.id });
      const [after] = await connection.db.select().from(users).where(eq(users.id, admin!.id));
      expect(await verifyPassword(OWN_PASSWORD, after!.passwordHash)).toBe(true);
      const roles = await connection.db
        .select()
        .from(staffRoleAssignments)
        .where(eq(staffRoleAssignments.userId, admin!.id));
      expect(roles.map((r) => r.role).sort()).toEqual(['admin', 'clinical']);
      const events = await connection.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.targetId, admin!.id))
        .orderBy(auditEvents.id);
      expect(events).toMatchObject([
        {
          action: 'staff.user_created',
          actorKind: 'system',
          metadata: { source: 'cli', roles: ['admin', 'clinical'] },
        },
        { action: 'staff.setup_link_sent', actorKind: 'system', metadata: { source: 'cli' } },
        { action: 'staff.setup_completed', actorId: admin!.id },
      ]);
    } finally {
      await connection.close();
    }
  }, 240_000);
});
