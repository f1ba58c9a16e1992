import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { auditEvents } from '@/db/schema';
import type { ActionResult } from '@/lib/action-result';

import { actAs, createParent, createStaffMember, openSession } from '../factories';
import { testDb } from '../setup/database';

/**
 * Every server action, called from another site (a foreign Origin), from a sandboxed frame or a
 * privacy-stripped request (Origin: null) and with no Origin at all, is refused before it looks
 * at its input, and the refusal is audited. Signed in as a parent and as an administrator, so the
 * refusal does not depend on who the browser belongs to.
 */
const root = path.resolve(import.meta.dirname, '../..');
const directive = /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use server['"];?/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const actionFiles = sourceFiles(path.join(root, 'app')).filter((file) =>
  directive.test(readFileSync(file, 'utf8')),
);
const origins: [string, string | null][] = [
  ['a foreign Origin', 'https://evil.example'],
  ['Origin: null', 'null'],
  ['no Origin', null],
  ['a look-alike Origin', 'http://portal.test.evil.example'],
];
const refusal = 'This request could not be verified. Please reload the page and try again.';

describe('server actions refuse cross-site requests', () => {
  it('refuses every action from every kind of foreign origin, and audits each refusal', async () => {
    const db = testDb();
    const sessions = [
      await openSession(db, await createParent(db)),
      await openSession(db, await createStaffMember(db, ['admin'])),
    ];
    let checked = 0;
    for (const file of actionFiles) {
      const actions = Object.entries(
        (await import(file)) as Record<string, (input: unknown) => Promise<ActionResult<unknown>>>,
      );
      for (const [name, action] of actions) {
        for (const session of sessions) {
          for (const [label, origin] of origins) {
            actAs(session, { origin, ip: '192.0.2.99' });
            const result = await action({});
            expect(result, `${path.relative(root, file)}#${name} with ${label}`).toEqual({
              ok: false,
              formError: refusal,
            });
            checked += 1;
          }
        }
      }
    }
    const denied = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'action.denied'), eq(auditEvents.ipAddress, '192.0.2.99')));
    expect(denied).toHaveLength(checked);
    expect(
      denied.every((event) => event.metadata.reason === 'origin' && event.outcome === 'denied'),
    ).toBe(true);
    expect(checked).toBeGreaterThan(300);
  });
});
