import 'server-only';

import { and, eq } from 'drizzle-orm';

import type { Database } from '@/db';
import { children, guardianships, staffRoleAssignments, users } from '@/db/schema';
import { systemActor, type RequestMeta } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { hashHintAnswer, hashPassword } from '@/lib/auth/password';
import { todayInPractice } from '@/lib/dates';
import { issuePin } from '@/lib/pins/issue';
import { encryptTotpSecret } from '@/lib/two-step/crypto';

import { demoParent, demoStaff } from './demo-logins';
import { seedDemoRecord, seedMayaExtras, seedTeenConfidentialVisit } from './seed-records';

const seedMeta: RequestMeta = { ipAddress: null, userAgent: 'db/seed.ts', requestId: 'seed' };

/**
 * Demo data for a newcomer's machine: one parent with a linked child and one staff user per
 * role, with the sign-ins in ./demo-logins.ts.
 */
export async function seedDemoData(db: Database): Promise<{ created: boolean }> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.userId, demoParent.userId));
  if (existing) return { created: false };

  await auditedTransaction(db, systemActor, seedMeta, async ({ tx, audit }) => {
    const [parent] = await tx
      .insert(users)
      .values({
        kind: 'parent',
        userId: demoParent.userId,
        email: demoParent.email,
        emailVerifiedAt: new Date(),
        firstName: 'Jordan',
        lastName: 'Rivera',
        passwordHash: await hashPassword(demoParent.password),
        hintQuestion: 'first_pet',
        hintAnswerHash: await hashHintAnswer('biscuit'),
      })
      .returning({ id: users.id });
    const [child] = await tx
      .insert(children)
      .values({
        firstName: 'Maya',
        lastName: 'Rivera',
        dateOfBirth: '2021-04-12',
        sex: 'female',
        mrn: 'DEMO-0001',
      })
      .returning({ id: children.id });
    if (!parent || !child) throw new Error('demo insert returned no row');
    await tx
      .insert(guardianships)
      .values({ childId: child.id, guardianUserId: parent.id, relationship: 'Mother' });
    // A second child, not yet linked: the printed demo PIN links it.
    const [leo] = await tx
      .insert(children)
      .values({
        firstName: 'Leo',
        lastName: 'Rivera',
        dateOfBirth: '2024-09-03',
        sex: 'male',
        mrn: 'DEMO-0002',
      })
      .returning({ id: children.id, dateOfBirth: children.dateOfBirth });
    // A teenager, linked, with one confidential visit that her parent must never see.
    const [sofia] = await tx
      .insert(children)
      .values({
        firstName: 'Sofia',
        lastName: 'Rivera',
        dateOfBirth: '2011-06-15',
        sex: 'female',
        mrn: 'DEMO-0003',
      })
      .returning({ id: children.id, dateOfBirth: children.dateOfBirth });
    if (!leo || !sofia) throw new Error('demo insert returned no row');
    await tx
      .insert(guardianships)
      .values({ childId: sofia.id, guardianUserId: parent.id, relationship: 'Mother' });
    await audit({
      action: 'account.created',
      targetType: 'user',
      targetId: parent.id,
      metadata: { source: 'seed' },
    });

    let clinicianId: string | null = null;
    for (const member of demoStaff) {
      const [staff] = await tx
        .insert(users)
        .values({
          kind: 'staff',
          userId: member.userId,
          email: `${member.userId}@example.org`,
          emailVerifiedAt: new Date(),
          firstName: member.firstName,
          lastName: member.lastName,
          passwordHash: await hashPassword(member.password),
          totpSecret: encryptTotpSecret(member.totpSecret),
          totpEnabledAt: new Date(),
        })
        .returning({ id: users.id });
      if (!staff) throw new Error('demo staff insert returned no row');
      await tx.insert(staffRoleAssignments).values({ userId: staff.id, role: member.role });
      await audit({
        action: 'staff.user_created',
        targetType: 'user',
        targetId: staff.id,
        metadata: { roles: [member.role], source: 'seed' },
      });
      if (member.role === 'clinical') clinicianId = staff.id;
    }
    if (!clinicianId) throw new Error('demo clinician missing');

    const today = todayInPractice();
    const maya = { id: child.id, dateOfBirth: '2021-04-12' };
    await seedDemoRecord(tx, maya, today, clinicianId);
    await seedMayaExtras(tx, maya, today, clinicianId);
    await seedDemoRecord(tx, leo, today, clinicianId);
    const teen = await seedDemoRecord(tx, sofia, today, clinicianId);
    await seedTeenConfidentialVisit(tx, sofia, teen.lastWellVisitOn ?? today, clinicianId);
  });
  return { created: true };
}

export function demoLoginsText(url: string): string {
  const rows = [
    ['Parent (linked to Maya and Sofia)', `${url}/login`, demoParent.userId, demoParent.password],
    ...demoStaff.map((member) => [
      `Staff: ${member.role}`,
      `${url}/staff/login`,
      member.userId,
      member.password,
    ]),
  ];
  const table = rows
    .map(
      ([who, where, id, password]) =>
        `  ${who!.padEnd(32)} ${where!.padEnd(36)} ${id!.padEnd(16)} ${password}`,
    )
    .join('\n');
  return `${table}\n\n  Staff sign-ins then ask for a two-step verification code: run \`npm run demo:code\` in another terminal\n  to print the current ones (or add a demo key to an authenticator app: npm run demo:code -- --keys).`;
}

/**
 * A fresh PIN for the demo parent to link Leo, printed at each start until it has been used
 * (PINs are stored only as an HMAC, so an old one cannot be shown again).
 */
export async function issueDemoPin(db: Database): Promise<string | null> {
  const [leo] = await db
    .select({ id: children.id, dateOfBirth: children.dateOfBirth })
    .from(children)
    .where(eq(children.mrn, 'DEMO-0002'));
  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.userId, 'demo.admin'));
  if (!leo || !admin) return null;
  const [linked] = await db
    .select({ id: guardianships.id })
    .from(guardianships)
    .where(and(eq(guardianships.childId, leo.id), eq(guardianships.status, 'active')));
  if (linked) return null;
  return auditedTransaction(db, systemActor, seedMeta, async ({ tx, audit }) => {
    const issued = await issuePin(tx, admin.id, {
      childId: leo.id,
      confirmedDateOfBirth: true,
      confirmedAddressOrPhone: true,
      otherVerification: 'Demo data',
      guardianName: 'Jordan Rivera',
      relationship: 'Mother',
    });
    await audit({
      action: 'pin.issued',
      childId: leo.id,
      targetType: 'pin',
      targetId: issued.pinId,
      metadata: { source: 'seed' },
    });
    return `${issued.pin} (with Leo's date of birth, ${leo.dateOfBirth})`;
  });
}
