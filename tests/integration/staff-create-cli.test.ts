import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';

import { connectPglite } from '@/db';
import { auditEvents, staffRoleAssignments, users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-cli-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function staffCreate(args: string[], password: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGLITE_DIR: dataDir,
    STAFF_PASSWORD: password,
    NODE_ENV: 'development',
  };
  delete env.DATABASE_URL;
  return run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/staff-create.ts', ...args], {
    cwd: root,
    env,
  }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
}

describe('npm run staff:create', () => {
  it('creates the first administrator on a new database, audited, with the password from STAFF_PASSWORD', async () => {
    const result = await staffCreate(
      [
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
      ],
      'cobalt-prairie-whistle-84',
    );
    expect(result).toMatchObject({
      code: 0,
      output: expect.stringContaining('Created staff user jsmith (admin, clinical)'),
    });

    const again = await staffCreate(
      [
        '--user-id',
        'JSMITH',
        '--email',
        'else@example.org',
        '--name',
        'Jane Smith',
        '--role',
        'admin',
      ],
      'cobalt-prairie-whistle-84',
    );
    expect(again).toMatchObject({
      code: 1,
      output: expect.stringContaining('That User ID is already taken.'),
    });

    const weak = await staffCreate(
      [
        '--user-id',
        'weakling',
        '--email',
        'weak@example.org',
        '--name',
        'Wes Weak',
        '--role',
        'billing',
      ],
      'short',
    );
    expect(weak).toMatchObject({
      code: 2,
      output: expect.stringContaining('Use at least 12 characters.'),
    });

    const connection = await connectPglite(dataDir);
    try {
      const [admin] = await connection.db.select().from(users).where(eq(users.userId, 'jsmith'));
      expect(admin).toMatchObject({ kind: 'staff', firstName: 'Jane', lastName: 'Q Smith' });
      expect(await verifyPassword('cobalt-prairie-whistle-84', admin!.passwordHash)).toBe(true);
      const roles = await connection.db
        .select()
        .from(staffRoleAssignments)
        .where(eq(staffRoleAssignments.userId, admin!.id));
      expect(roles.map((r) => r.role).sort()).toEqual(['admin', 'clinical']);
      const [event] = await connection.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.targetId, admin!.id));
      expect(event).toMatchObject({
        action: 'staff.user_created',
        actorKind: 'system',
        metadata: { source: 'cli', roles: ['admin', 'clinical'] },
      });
    } finally {
      await connection.close();
    }
  }, 60_000);
});
