import { randomBytes } from 'node:crypto';

import type { Database } from '@/db';
import { children, guardianships, staffRoleAssignments, users } from '@/db/schema';
import { hashHintAnswer, hashPassword } from '@/lib/auth/password';
import { createSession, lookUpSession, type ActiveSession } from '@/lib/auth/sessions';
import type { StaffRole } from '@/lib/staff/vocabulary';
import { encryptTotpSecret } from '@/lib/two-step/crypto';

import { requestState } from '../setup/next-mocks';

export const FACTORY_PASSWORD = 'quiet-orchard-lantern-58';
export const FACTORY_HINT_ANSWER = 'Biscuit';

// bcrypt at cost 12 is slow on purpose; hash the shared factory password once per test file.
let hashes: Promise<[string, string]> | undefined;
function factoryHashes() {
  hashes ??= Promise.all([hashPassword(FACTORY_PASSWORD), hashHintAnswer(FACTORY_HINT_ANSWER)]);
  return hashes;
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export async function createParent(
  db: Database,
  overrides: Partial<typeof users.$inferInsert> = {},
) {
  const [passwordHash, hintAnswerHash] = await factoryHashes();
  const suffix = uniqueSuffix();
  const [user] = await db
    .insert(users)
    .values({
      kind: 'parent',
      userId: `parent.${suffix}`,
      email: `parent.${suffix}@example.org`,
      firstName: 'Pat',
      lastName: `Parent${suffix}`,
      passwordHash,
      hintQuestion: 'first_pet',
      hintAnswerHash,
      ...overrides,
    })
    .returning();
  if (!user) throw new Error('no user');
  return user;
}

/** Staff must use two-step verification, so factory staff have it on with this authenticator secret. */
export const FACTORY_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export async function createStaffMember(
  db: Database,
  roles: StaffRole[],
  overrides: Partial<typeof users.$inferInsert> = {},
) {
  const [passwordHash] = await factoryHashes();
  const suffix = uniqueSuffix();
  const [user] = await db
    .insert(users)
    .values({
      kind: 'staff',
      userId: `staff.${suffix}`,
      email: `staff.${suffix}@example.org`,
      firstName: 'Sam',
      lastName: `Staff${suffix}`,
      passwordHash,
      totpSecret: encryptTotpSecret(FACTORY_TOTP_SECRET),
      totpEnabledAt: new Date(),
      ...overrides,
    })
    .returning();
  if (!user) throw new Error('no user');
  if (roles.length)
    await db.insert(staffRoleAssignments).values(roles.map((role) => ({ userId: user.id, role })));
  return user;
}

export async function createChildLinkedTo(db: Database, guardianUserId: string) {
  const [child] = await db
    .insert(children)
    .values({ firstName: 'Kim', lastName: `Child${uniqueSuffix()}`, dateOfBirth: '2020-02-02' })
    .returning();
  if (!child) throw new Error('no child');
  await db
    .insert(guardianships)
    .values({ childId: child.id, guardianUserId, relationship: 'Parent' });
  return child;
}

/** The caller check a staff member ticks before a PIN or a temporary password, all passed. */
export const callerVerified = {
  confirmedDateOfBirth: true,
  confirmedAddressOrPhone: true,
  otherVerification: '',
};

export const testMeta = {
  ipAddress: '203.0.113.7',
  userAgent: 'vitest',
  requestId: 'test-request-0001',
};

export async function openSession(
  db: Database,
  user: { id: string; kind: 'parent' | 'staff' },
): Promise<ActiveSession & { token: string }> {
  const { token } = await createSession(db, user, testMeta);
  const lookup = await lookUpSession(db, token);
  if (lookup.state !== 'active') throw new Error('session not active');
  return { ...lookup.session, token };
}

/** Sets the request the next server action call will see. */
export function actAs(
  session: ActiveSession | null,
  options: {
    origin?: string | null;
    ip?: string;
    cookieSessionToken?: string | null;
    /** The language the browser chose (the portal_locale cookie); English when unset. */
    locale?: 'en' | 'es';
  } = {},
) {
  const headers = new Headers({
    host: 'portal.test',
    'user-agent': 'vitest',
    // What server.mjs writes from the connection (lib/request-context.ts).
    'x-portal-peer-address': options.ip ?? '198.51.100.20',
    'x-request-id': `req-${uniqueSuffix()}-test`,
  });
  const origin = options.origin === undefined ? 'http://portal.test' : options.origin;
  if (origin !== null) headers.set('origin', origin);
  requestState.headers = headers;
  requestState.session = session;
  requestState.cookieSessionToken = options.cookieSessionToken ?? null;
  requestState.redirects = [];
  requestState.cookies = new Map();
  if (options.locale)
    requestState.cookies.set('portal_locale', { value: options.locale, options: {} });
}

export async function createChild(
  db: Database,
  overrides: Partial<typeof children.$inferInsert> = {},
) {
  const [child] = await db
    .insert(children)
    .values({
      firstName: 'Ava',
      lastName: `Kid${uniqueSuffix()}`,
      dateOfBirth: '2019-05-20',
      ...overrides,
    })
    .returning();
  if (!child) throw new Error('no child');
  return child;
}

export function signedInUser(user: {
  id: string;
  kind: 'parent' | 'staff';
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
}) {
  return {
    id: user.id,
    kind: user.kind,
    userId: user.userId,
    email: user.email,
    emailVerifiedAt: null,
    firstName: user.firstName,
    lastName: user.lastName,
    roles: [],
    mustChangePassword: false,
    twoStepEnabled: user.kind === 'staff',
  };
}

/** What a parent types on the sign-up form, with a fresh User ID (`prefix.xxxx`) and email. */
export function signUpFields(prefix: string, overrides: Record<string, string> = {}) {
  const userId = `${prefix}.${uniqueSuffix()}`;
  return {
    firstName: 'Dana',
    lastName: 'Lopez',
    userId,
    email: `${userId}@example.org`,
    password: 'granite-willow-sparrow-93',
    confirmPassword: 'granite-willow-sparrow-93',
    hintQuestion: 'first_school',
    hintAnswer: 'Lincoln Elementary',
    ...overrides,
  };
}
