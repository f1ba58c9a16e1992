import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import { linkChild } from '@/app/(portal)/children/link/actions';
import {
  cancelGuardianPin,
  editChild,
  issueGuardianPin,
  registerChild,
  revokeGuardianAccess,
} from '@/app/staff/(office)/patients/actions';
import type { Database } from '@/db';
import { auditEvents, guardianships, pins } from '@/db/schema';
import { findLinkedChild, listLinkedChildren } from '@/lib/guardianship/access';
import { linkChildWithPin } from '@/lib/guardianship/link';
import { revokeGuardianship } from '@/lib/guardianship/revoke';
import { issuePin } from '@/lib/pins/issue';
import {
  formatPin,
  generatePin,
  normalizePin,
  PIN_ALPHABET,
  PIN_ENTROPY_BITS,
} from '@/lib/pins/pin';

import {
  actAs,
  callerVerified,
  createChild,
  createParent,
  createStaffMember,
  openSession,
  signedInUser,
  testMeta,
  uniqueSuffix,
} from '../factories';
import { testDb, testDriver } from '../setup/database';
import { redirectOf } from '../setup/next-mocks';

const linkInput = (pin: string, dateOfBirth: string) => ({
  pin: normalizePin(pin),
  dateOfBirth,
  relationship: 'mother' as const,
  relationshipOther: '',
});
const meta = (ip = `203.0.113.${Math.floor(Math.random() * 250)}`) => ({
  ...testMeta,
  ipAddress: ip,
  requestId: `req-${uniqueSuffix()}`,
});

/** The front desk's PIN for a guardian of the child, the caller checked two ways. */
const pinFor = (
  db: Database,
  staffId: string,
  childId: string,
  guardianName: string,
  relationship: string,
  issuedAt?: Date,
) => issuePin(db, staffId, { childId, ...callerVerified, guardianName, relationship }, issuedAt);

/** A signed-in parent types the PIN and the child's date of birth. */
const enterPin = (
  db: Database,
  parent: Parameters<typeof signedInUser>[0],
  pin: string,
  dateOfBirth: string,
  { now = new Date(), today = '2026-01-01', ip }: { now?: Date; today?: string; ip?: string } = {},
) => linkChildWithPin(db, signedInUser(parent), linkInput(pin, dateOfBirth), meta(ip), now, today);

async function setUp() {
  const db = testDb();
  const staff = await createStaffMember(db, ['front_desk']);
  const child = await createChild(db, { dateOfBirth: '2019-05-20' });
  return { db, staff, child };
}

beforeEach(() => actAs(null));

describe('PIN codes', () => {
  it('are 10 characters from an alphabet without look-alikes, about 49 bits', () => {
    expect(PIN_ALPHABET).not.toMatch(/[01OIL]/);
    expect(PIN_ALPHABET).toHaveLength(31);
    expect(PIN_ENTROPY_BITS).toBeGreaterThan(49);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i += 1) {
      const pin = generatePin();
      expect(pin).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
      seen.add(pin);
    }
    expect(seen.size).toBe(500);
    expect(formatPin('K7M4Q9XR2T')).toBe('K7M4Q-9XR2T');
    expect(normalizePin(' k7m4q - 9xr2t ')).toBe('K7M4Q9XR2T');
  });

  it('are stored only as an HMAC: the plain PIN is nowhere in the database', async () => {
    const { db, staff, child } = await setUp();
    const issued = await pinFor(db, staff.id, child.id, 'Maria Lopez', 'Mother');
    const plain = issued.pin.replace('-', '');
    const result = await db.execute(sql`select string_agg(t::text, ' ') as everything from (
      select row_to_json(p)::text as t from pins p union all select row_to_json(a)::text from audit_events a
      union all select row_to_json(r)::text from audit_row_changes r union all select row_to_json(g)::text from guardianships g) rows`);
    const everything = String(
      ((result as unknown as { rows?: { everything: string }[] }).rows ??
        (result as unknown as { everything: string }[]))[0]?.everything,
    );
    expect(everything.length).toBeGreaterThan(100);
    expect(everything).not.toContain(plain);
    expect(everything).not.toContain(issued.pin);
    const [row] = await db.select().from(pins).where(eq(pins.id, issued.pinId));
    expect(row?.pinHmac).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('issuing and cancelling PINs', () => {
  it('refuses to issue without two confirmations of who is calling', async () => {
    const { db, child } = await setUp();
    const staff = await createStaffMember(db, ['front_desk']);
    actAs(await openSession(db, staff));
    const result = await issueGuardianPin({
      childId: child.id,
      confirmedDateOfBirth: true,
      confirmedAddressOrPhone: false,
      otherVerification: '',
      guardianName: 'Maria Lopez',
      relationship: 'Mother',
    });
    expect(result).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/at least two things/),
    });
    const ok = await issueGuardianPin({
      childId: child.id,
      confirmedDateOfBirth: true,
      confirmedAddressOrPhone: false,
      otherVerification: 'Photo ID at the desk',
      guardianName: 'Maria Lopez',
      relationship: 'Mother',
    });
    expect(ok.ok).toBe(true);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'pin.issued'), eq(auditEvents.childId, child.id)));
    expect(event).toMatchObject({
      actorId: staff.id,
      metadata: {
        confirmedDateOfBirth: true,
        confirmedAddressOrPhone: false,
        otherVerification: true,
      },
    });
  });

  it('cancels the same guardian’s older unredeemed PIN when a new one is issued, and lets staff cancel any', async () => {
    const { db, staff, child } = await setUp();
    const first = await pinFor(db, staff.id, child.id, 'Maria Lopez', 'Mother');
    const other = await pinFor(db, staff.id, child.id, 'Jose Lopez', 'Father');
    const second = await pinFor(db, staff.id, child.id, '  maria   LOPEZ ', 'Mother');
    expect(second.cancelledOlderPins).toBe(1);
    const parent = await createParent(db);
    expect(await enterPin(db, parent, first.pin, child.dateOfBirth)).toEqual({
      ok: false,
      reason: 'no_match',
    });

    actAs(await openSession(db, staff));
    expect(await cancelGuardianPin({ pinId: other.pinId })).toEqual({ ok: true, data: null });
    expect(await cancelGuardianPin({ pinId: other.pinId })).toEqual({
      ok: false,
      formError: 'This PIN was already used or cancelled.',
    });
    const parent2 = await createParent(db);
    expect((await enterPin(db, parent2, other.pin, child.dateOfBirth)).ok).toBe(false);
    expect((await enterPin(db, parent2, second.pin, child.dateOfBirth)).ok).toBe(true);
  });
});

describe('linking a child with a PIN', () => {
  it('links with the PIN and date of birth, forgiving case, spaces and the dash, through the action', async () => {
    const { db, staff, child } = await setUp();
    const issued = await pinFor(db, staff.id, child.id, 'Maria Lopez', 'Mother');
    const parent = await createParent(db);
    actAs(await openSession(db, parent));
    const typed = ` ${issued.pin.toLowerCase().replace('-', ' - ')} `;
    expect(
      await redirectOf(
        linkChild({
          pin: typed,
          dateOfBirth: child.dateOfBirth,
          relationship: 'other',
          relationshipOther: 'Grandmother (legal guardian)',
        }),
      ),
    ).toBe(`/dashboard?linked=${child.id}`);
    const [link] = await db
      .select()
      .from(guardianships)
      .where(eq(guardianships.guardianUserId, parent.id));
    expect(link).toMatchObject({
      childId: child.id,
      relationship: 'Grandmother (legal guardian)',
      pinId: issued.pinId,
      status: 'active',
    });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'guardianship.linked'), eq(auditEvents.actorId, parent.id)),
      );
    expect(event).toMatchObject({ childId: child.id, outcome: 'success' });
  });

  it('gives one message for wrong, expired, cancelled and used PINs and a wrong date of birth, and audits each', async () => {
    const { db, staff, child } = await setUp();
    const issuedAt = new Date('2026-03-01T12:00:00Z');
    const good = await pinFor(db, staff.id, child.id, 'A One', 'Mother', issuedAt);
    const used = await pinFor(db, staff.id, child.id, 'B Two', 'Father', issuedAt);
    const someone = await createParent(db);
    expect(
      (
        await enterPin(db, someone, used.pin, child.dateOfBirth, {
          now: issuedAt,
          today: '2026-03-01',
        })
      ).ok,
    ).toBe(true);

    const parent = await createParent(db);
    actAs(await openSession(db, parent), { ip: '198.51.100.201' });
    const attempts = [
      { pin: 'ABCDE-FGHJK', dateOfBirth: child.dateOfBirth },
      { pin: good.pin, dateOfBirth: '2019-05-21' },
      { pin: used.pin, dateOfBirth: child.dateOfBirth },
    ];
    const answers = [];
    for (const attempt of attempts)
      answers.push(await linkChild({ ...attempt, relationship: 'mother', relationshipOther: '' }));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({
      ok: false,
      formError: expect.stringMatching(
        /do not match an active PIN.*expire 30 days.*call the office at/,
      ),
    });

    // Expired: 31 days on, the right PIN and date no longer work.
    const later = new Date(issuedAt.getTime() + 31 * 86_400_000);
    expect(
      await enterPin(db, await createParent(db), good.pin, child.dateOfBirth, {
        now: later,
        today: '2026-04-01',
      }),
    ).toEqual({ ok: false, reason: 'no_match' });
    const failures = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'guardianship.link_failed'), eq(auditEvents.actorId, parent.id)),
      );
    expect(failures).toHaveLength(3);
  });

  it('tells a parent already linked to the child, without using up the PIN', async () => {
    const { db, staff, child } = await setUp();
    const parent = await createParent(db);
    const first = await pinFor(db, staff.id, child.id, 'Sam Lee', 'Father');
    expect((await enterPin(db, parent, first.pin, child.dateOfBirth)).ok).toBe(true);
    const second = await pinFor(db, staff.id, child.id, 'Kim Lee', 'Mother');
    expect(await enterPin(db, parent, second.pin, child.dateOfBirth)).toEqual({
      ok: false,
      reason: 'already_linked',
    });
    const [pin] = await db.select().from(pins).where(eq(pins.id, second.pinId));
    expect(pin?.redeemedAt).toBeNull();
    expect((await enterPin(db, await createParent(db), second.pin, child.dateOfBirth)).ok).toBe(
      true,
    );
  });

  it('links exactly once when ten requests race with the same PIN', async () => {
    const { db, staff, child } = await setUp();
    const issued = await pinFor(db, staff.id, child.id, 'Race Parent', 'Mother');
    const parents = await Promise.all(Array.from({ length: 10 }, () => createParent(db)));
    const results = await Promise.all(
      parents.map((parent) => enterPin(db, parent, issued.pin, child.dateOfBirth)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const links = await db.select().from(guardianships).where(eq(guardianships.childId, child.id));
    expect(links).toHaveLength(1);
    expect(testDriver()).toMatch(/postgres|pglite/);
  });

  it('pauses linking for an hour after 5 failures, per account and per address', async () => {
    const { db, staff, child } = await setUp();
    const issued = await pinFor(db, staff.id, child.id, 'Pat Guess', 'Mother');
    const guesser = await createParent(db);
    const now = new Date('2026-05-01T10:00:00Z');
    for (let i = 0; i < 5; i += 1) {
      expect(
        (
          await enterPin(db, guesser, 'ZZZZZ-ZZZZZ', child.dateOfBirth, {
            now,
            today: '2026-05-01',
            ip: `192.0.2.${10 + i}`,
          })
        ).ok,
      ).toBe(false);
    }
    expect(
      await enterPin(db, guesser, issued.pin, child.dateOfBirth, {
        now,
        today: '2026-05-01',
        ip: '192.0.2.99',
      }),
    ).toEqual({ ok: false, reason: 'paused' });
    // Per address: five accounts failing from one network pause the sixth.
    const ip = '192.0.2.150';
    for (let i = 0; i < 5; i += 1)
      await enterPin(db, await createParent(db), 'YYYYY-YYYYY', child.dateOfBirth, {
        now,
        today: '2026-05-01',
        ip,
      });
    expect(
      await enterPin(db, await createParent(db), issued.pin, child.dateOfBirth, {
        now,
        today: '2026-05-01',
        ip,
      }),
    ).toEqual({ ok: false, reason: 'paused' });
    // An hour later the account may try again.
    const later = new Date('2026-05-01T11:00:01Z');
    expect(
      (
        await enterPin(db, guesser, issued.pin, child.dateOfBirth, {
          now: later,
          today: '2026-05-01',
          ip: '192.0.2.98',
        })
      ).ok,
    ).toBe(true);
  });
});

describe('who can see a linked child', () => {
  it('ends a guardian’s access on the child’s 18th birthday, computed from the date of birth', async () => {
    const { db, staff } = await setUp();
    const child = await createChild(db, { dateOfBirth: '2008-06-15' });
    const parent = await createParent(db);
    const issuedAt = new Date('2026-06-01T12:00:00Z');
    const issued = await pinFor(db, staff.id, child.id, 'Old Enough', 'Mother', issuedAt);
    expect(
      (
        await enterPin(db, parent, issued.pin, child.dateOfBirth, {
          now: issuedAt,
          today: '2026-06-01',
        })
      ).ok,
    ).toBe(true);
    expect(await findLinkedChild(db, parent.id, child.id, '2026-06-14')).not.toBeNull();
    expect(await findLinkedChild(db, parent.id, child.id, '2026-06-15')).toBeNull();
    expect(await listLinkedChildren(db, parent.id, '2026-06-15')).toEqual([]);
  });

  it('revokes access at once, and only a guardian with a live link sees the child', async () => {
    const { db, staff, child } = await setUp();
    const parentA = await createParent(db);
    const parentB = await createParent(db);
    for (const parent of [parentA, parentB]) {
      const name = `${parent.firstName} ${parent.lastName}`;
      const issued = await pinFor(db, staff.id, child.id, name, 'Parent');
      expect((await enterPin(db, parent, issued.pin, child.dateOfBirth)).ok).toBe(true);
    }
    const stranger = await createParent(db);
    expect(await findLinkedChild(db, stranger.id, child.id, '2026-01-01')).toBeNull();
    const [linkB] = await db
      .select()
      .from(guardianships)
      .where(
        and(eq(guardianships.guardianUserId, parentB.id), eq(guardianships.childId, child.id)),
      );

    actAs(await openSession(db, staff));
    expect(await revokeGuardianAccess({ guardianshipId: linkB!.id, reason: '' })).toMatchObject({
      ok: false,
      fieldErrors: { reason: expect.any(String) },
    });
    expect(
      await revokeGuardianAccess({ guardianshipId: linkB!.id, reason: 'Custody order' }),
    ).toEqual({ ok: true, data: null });
    expect(await findLinkedChild(db, parentB.id, child.id, '2026-01-01')).toBeNull();
    expect(await findLinkedChild(db, parentA.id, child.id, '2026-01-01')).not.toBeNull();
    const [row] = await db.select().from(guardianships).where(eq(guardianships.id, linkB!.id));
    expect(row).toMatchObject({
      status: 'revoked',
      statusReason: 'Custody order',
      endedBy: staff.id,
    });
    await expect(revokeGuardianship(db, staff.id, linkB!.id, 'again')).rejects.toThrow(
      /errors\.accessAlreadyRemoved/,
    );
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'guardianship.revoked'), eq(auditEvents.targetId, linkB!.id)),
      );
    expect(event).toMatchObject({ childId: child.id, actorId: staff.id });
  });
});

describe('registering children', () => {
  it('lets the front desk create and edit a child, audited with the changed field names', async () => {
    const db = testDb();
    const staff = await createStaffMember(db, ['front_desk']);
    actAs(await openSession(db, staff));
    const mrn = `MRN-${uniqueSuffix()}`;
    const location = await redirectOf(
      registerChild({
        firstName: 'Noah',
        lastName: 'Park',
        preferredName: '',
        dateOfBirth: '2022-01-31',
        sex: 'male',
        mrn,
      }),
    );
    const childId = location.match(/patients\/([0-9a-f-]{36})/)![1]!;
    expect(
      await redirectOf(
        editChild({
          childId,
          firstName: 'Noah',
          lastName: 'Park-Kim',
          preferredName: 'No',
          dateOfBirth: '2022-01-31',
          sex: 'male',
          mrn,
        }),
      ),
    ).toContain(childId);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.childId, childId));
    expect(events.map((e) => e.action).sort()).toEqual(['child.created', 'child.updated']);
    expect(events.find((e) => e.action === 'child.updated')?.metadata.changedFields).toEqual([
      'lastName',
      'preferredName',
    ]);
    expect(JSON.stringify(events)).not.toContain('Park-Kim');

    const duplicate = await registerChild({
      firstName: 'Other',
      lastName: 'Kid',
      preferredName: '',
      dateOfBirth: '2021-01-01',
      sex: '',
      mrn,
    });
    expect(duplicate).toMatchObject({
      ok: false,
      fieldErrors: { mrn: 'Another child already has this chart number.' },
    });
    const future = await registerChild({
      firstName: 'Later',
      lastName: 'Kid',
      preferredName: '',
      dateOfBirth: '2099-01-01',
      sex: '',
      mrn: '',
    });
    expect(future).toMatchObject({
      ok: false,
      fieldErrors: { dateOfBirth: expect.stringMatching(/not in the future/) },
    });
  });

  it.each([['clinical'], ['billing']] as const)('refuses %s staff', async (role) => {
    const db = testDb();
    actAs(await openSession(db, await createStaffMember(db, [role])));
    expect(
      await registerChild({
        firstName: 'No',
        lastName: 'Way',
        preferredName: '',
        dateOfBirth: '2020-01-01',
        sex: '',
        mrn: '',
      }),
    ).toEqual({ ok: false, formError: 'We could not find that page.' });
  });
});
