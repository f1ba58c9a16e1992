import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import { createShareLink, turnOffShareLink } from '@/app/(portal)/children/[childId]/actions';
import SharedRecordPage from '@/app/(public)/share/[token]/page';
import { openShareWithCode } from '@/app/(public)/share/actions';
import { revokeGuardianAccess } from '@/app/staff/(office)/patients/actions';
import { auditEvents, guardianships, recordShares } from '@/db/schema';
import { childActivityForGuardian } from '@/lib/audit/activity';
import { lookUpSession } from '@/lib/auth/sessions';
import { hashToken } from '@/lib/auth/tokens';
import {
  createRecordShare,
  inspectSharedLink,
  MAX_LIVE_SHARES_PER_CHILD,
  MAX_WRONG_CODES,
  openSharedRecord,
} from '@/lib/records/shares';

import { actAs, createParent, createStaffMember, openSession, testMeta } from '../factories';
import { chartEntry, createChartScene, vaccineGiven } from '../factories/chart';
import { testDb } from '../setup/database';
import { redirectOf } from '../setup/next-mocks';

beforeEach(() => actAs(null));

/** A parent and their child with two vaccines (one confidential), an allergy and a medicine on the chart. */
async function sharingScene() {
  const db = testDb();
  const { parent, child } = await createChartScene(db);
  for (const entry of [
    vaccineGiven('110', '2020-04-02'),
    vaccineGiven('165', '2021-04-02', { confidential: true }),
    {
      section: 'allergies',
      substance: 'Peanuts',
      reaction: 'Hives',
      severity: 'severe',
      status: 'active',
      notedOn: '',
    },
    {
      section: 'medications',
      name: 'Amoxicillin',
      instructions: 'Twice a day',
      startedOn: '',
      endedOn: '',
      status: 'active',
    },
  ])
    await chartEntry(child.id, entry);
  const parentSession = await openSession(db, parent);
  actAs(parentSession);
  return { db, parent, child, parentSession };
}

async function makeLink(childId: string, overrides: Record<string, unknown> = {}) {
  const made = await createShareLink({
    childId,
    label: 'School nurse',
    validFor: '1d',
    protectWithCode: true,
    ...overrides,
  });
  if (!made.ok) throw new Error(JSON.stringify(made));
  const token = made.data.url.split('/share/')[1]!;
  return { ...made.data, token };
}

/** The visitor with the link: nobody signed in, another address. */
function asVisitor() {
  actAs(null, { ip: '192.0.2.44' });
}

function wrongCodeFor(code: string): string {
  return String((Number(code) + 1) % 10_000).padStart(4, '0');
}

describe('share links to the immunization record', () => {
  it('keeps only a hash of a 256-bit token and an HMAC of the code, and audits the link without either', async () => {
    const { db, child, parent } = await sharingScene();
    const link = await makeLink(child.id);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.accessCode).toMatch(/^\d{4}$/);
    const [row] = await db.select().from(recordShares).where(eq(recordShares.childId, child.id));
    expect(row).toMatchObject({
      createdBy: parent.id,
      label: 'School nurse',
      tokenHash: hashToken(link.token),
      failedCodeAttempts: 0,
      openCount: 0,
    });
    expect(JSON.stringify(row)).not.toContain(link.token);
    expect(row!.accessCodeHmac).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(24 * 3_600_000);

    const [created] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'record.share_created'), eq(auditEvents.childId, child.id)),
      );
    expect(created).toMatchObject({
      actorId: parent.id,
      targetType: 'record_share',
      targetId: row!.id,
      metadata: expect.objectContaining({ validFor: '1d', withCode: true }),
    });
    expect(JSON.stringify(created)).not.toContain(link.token);
    expect(JSON.stringify(created)).not.toContain(`"${link.accessCode}"`);
  });

  it('shows nothing of the record on a plain visit, then the immunizations only, after the right code, as an audited opening', async () => {
    const { db, child, parent } = await sharingScene();
    const link = await makeLink(child.id);
    asVisitor();

    // The page a link preview would fetch: no name, no vaccine, only the form.
    const page = await SharedRecordPage({ params: Promise.resolve({ token: link.token }) });
    expect(JSON.stringify(page)).not.toContain(child.lastName);
    expect(page.props).toEqual({ token: link.token, needsCode: true });

    expect(await openShareWithCode({ token: link.token, code: '' })).toMatchObject({
      ok: false,
      fieldErrors: { code: expect.any(String) },
    });
    expect(
      await openShareWithCode({ token: link.token, code: wrongCodeFor(link.accessCode!) }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { code: expect.stringContaining(`${MAX_WRONG_CODES - 1} tries are left`) },
    });
    const opened = await openShareWithCode({ token: link.token, code: link.accessCode! });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    // The printable record and nothing else: no confidential vaccine, no allergy, no medicine.
    expect(Object.keys(opened.data.record).sort()).toEqual([
      'child',
      'groups',
      'locale',
      'practice',
      'printedOn',
    ]);
    const text = JSON.stringify(opened.data);
    expect(text).toContain(child.lastName);
    expect(text).toContain('DTaP-Hep B-IPV');
    expect(text).not.toMatch(/HPV|Peanuts|Amoxicillin/);

    const [row] = await db.select().from(recordShares).where(eq(recordShares.childId, child.id));
    expect(row).toMatchObject({ openCount: 1, failedCodeAttempts: 1 });
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.childId, child.id), eq(auditEvents.targetId, row!.id)));
    const byAction = (action: string) => events.filter((event) => event.action === action);
    expect(byAction('record.shared_view')).toEqual([
      expect.objectContaining({
        actorKind: 'anonymous',
        actorId: null,
        outcome: 'success',
        ipAddress: '192.0.2.44',
        metadata: { shareId: row!.id, section: 'immunizations' },
      }),
    ]);
    expect(byAction('record.share_refused')).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        metadata: { shareId: row!.id, reason: 'wrong_code', attemptsLeft: MAX_WRONG_CODES - 1 },
      }),
    ]);

    // The guardian sees the opening on the activity page.
    const { entries } = await childActivityForGuardian(db, parent.id, child.id);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          who: 'Someone with a share link',
          what: 'Opened the immunization record through a share link',
        }),
        expect.objectContaining({
          who: 'You',
          what: 'Made a share link to the immunization record',
        }),
      ]),
    );
  });

  it('opens a link without a code with one press, and locks a protected link after five wrong codes', async () => {
    const { child } = await sharingScene();
    const open = await makeLink(child.id, { protectWithCode: false, label: '' });
    const locked = await makeLink(child.id);
    expect(open.accessCode).toBeNull();
    asVisitor();
    expect(await openShareWithCode({ token: open.token })).toMatchObject({ ok: true });

    for (let attempt = 1; attempt < MAX_WRONG_CODES; attempt += 1) {
      expect(
        await openShareWithCode({ token: locked.token, code: wrongCodeFor(locked.accessCode!) }),
      ).toMatchObject({ ok: false });
    }
    const fifth = await openShareWithCode({
      token: locked.token,
      code: wrongCodeFor(locked.accessCode!),
    });
    expect(fifth).toMatchObject({
      ok: false,
      formError: expect.stringContaining('too many wrong codes'),
    });
    // The right code no longer helps.
    expect(
      await openShareWithCode({ token: locked.token, code: locked.accessCode! }),
    ).toMatchObject({ ok: false, formError: expect.stringContaining('too many wrong codes') });
  });

  it('refuses an expired link, a turned-off link and an unknown one, without naming the child, each refusal audited', async () => {
    const { db, child, parent } = await sharingScene();
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    const expired = await db.transaction((tx) =>
      createRecordShare(
        tx,
        parent.id,
        { childId: child.id, label: null, validFor: '1d', protectWithCode: false },
        twoDaysAgo,
      ),
    );
    const expiredToken = expired.url.split('/share/')[1]!;
    const turnedOff = await makeLink(child.id, { protectWithCode: false });
    const [turnedOffRow] = await db
      .select()
      .from(recordShares)
      .where(eq(recordShares.tokenHash, hashToken(turnedOff.token)));
    expect(await turnOffShareLink({ shareId: turnedOffRow!.id })).toEqual({
      ok: true,
      data: { alreadyEnded: false },
    });
    expect(await turnOffShareLink({ shareId: turnedOffRow!.id })).toEqual({
      ok: true,
      data: { alreadyEnded: true },
    });

    asVisitor();
    expect(await inspectSharedLink(db, testMeta, expiredToken)).toEqual({
      status: 'ended',
      reason: 'expired',
    });
    expect(await inspectSharedLink(db, testMeta, turnedOff.token)).toEqual({
      status: 'ended',
      reason: 'revoked',
    });
    expect(await inspectSharedLink(db, testMeta, `${turnedOff.token}x`)).toEqual({
      status: 'not_found',
    });
    expect(await inspectSharedLink(db, testMeta, turnedOff.token.toUpperCase())).toEqual({
      status: 'not_found',
    });

    for (const [token, words] of [
      [expiredToken, 'expired'],
      [turnedOff.token, 'turned off'],
      ['not-a-real-link', 'does not work'],
    ] as const) {
      const refused = await openShareWithCode({ token });
      expect(refused).toMatchObject({ ok: false, formError: expect.stringContaining(words) });
      expect(JSON.stringify(refused)).not.toContain(child.lastName);
      const page = await SharedRecordPage({ params: Promise.resolve({ token }) }).catch(
        (error: unknown) => error,
      );
      expect(JSON.stringify(page)).not.toContain(child.lastName);
    }
    expect(
      await redirectOf(SharedRecordPage({ params: Promise.resolve({ token: 'not-a-real-link' }) })),
    ).toBe('/__not-found');

    const refusals = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'record.share_refused'), eq(auditEvents.childId, child.id)),
      );
    expect(refusals.map((event) => (event.metadata as { reason: string }).reason).sort()).toEqual(
      expect.arrayContaining(['expired', 'revoked']),
    );
    const [revoked] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'record.share_revoked'),
          eq(auditEvents.targetId, turnedOffRow!.id),
        ),
      );
    expect(revoked).toMatchObject({ actorId: parent.id, childId: child.id });
  });

  it('lets only a guardian of the child make or turn off links, and ends a guardian’s links with their access', async () => {
    const { db, child, parent } = await sharingScene();
    const link = await makeLink(child.id, { protectWithCode: false });
    const [row] = await db.select().from(recordShares).where(eq(recordShares.childId, child.id));

    actAs(await openSession(db, await createParent(db)));
    expect(
      await createShareLink({
        childId: child.id,
        label: '',
        validFor: '1h',
        protectWithCode: false,
      }),
    ).toMatchObject({ ok: false, formError: 'We could not find that page.' });
    expect(await turnOffShareLink({ shareId: row!.id })).toMatchObject({
      ok: false,
      formError: 'We could not find that link.',
    });
    actAs(await openSession(db, await createStaffMember(db, ['admin'])));
    expect(
      await createShareLink({
        childId: child.id,
        label: '',
        validFor: '1h',
        protectWithCode: false,
      }),
    ).toMatchObject({ ok: false });

    // A second guardian of the same child may turn off the first one's link.
    const second = await createParent(db);
    await db
      .insert(guardianships)
      .values({ childId: child.id, guardianUserId: second.id, relationship: 'Parent' });
    const secondLink = await makeLinkAs(db, second, child.id);

    // The office removes the first guardian's access: their link stops, the other guardian's does not.
    const [firstLink] = await db
      .select()
      .from(guardianships)
      .where(and(eq(guardianships.childId, child.id), eq(guardianships.guardianUserId, parent.id)));
    actAs(await openSession(db, await createStaffMember(db, ['front_desk'])));
    expect(
      await revokeGuardianAccess({ guardianshipId: firstLink!.id, reason: 'Custody order' }),
    ).toEqual({ ok: true, data: null });
    asVisitor();
    expect(await inspectSharedLink(db, testMeta, link.token)).toEqual({
      status: 'ended',
      reason: 'revoked',
    });
    expect(await inspectSharedLink(db, testMeta, secondLink.token)).toEqual({
      status: 'ready',
      needsCode: false,
    });
  });

  it('checks the form on the server and caps the links that work at once', async () => {
    const { db, child } = await sharingScene();
    for (const [change, field] of [
      [{ label: 'Line\nbreak' }, 'label'],
      [{ label: 'x'.repeat(61) }, 'label'],
      [{ validFor: '30d' }, 'validFor'],
      [{ childId: 'not-a-uuid' }, 'childId'],
    ] as [Record<string, string>, string][])
      expect(
        await createShareLink({
          childId: child.id,
          label: '',
          validFor: '1d',
          protectWithCode: false,
          ...change,
        }),
        field,
      ).toMatchObject({ ok: false, fieldErrors: { [field]: expect.any(String) } });
    expect(await db.select().from(recordShares).where(eq(recordShares.childId, child.id))).toEqual(
      [],
    );

    for (let made = 0; made < MAX_LIVE_SHARES_PER_CHILD; made += 1)
      await makeLink(child.id, { protectWithCode: false });
    expect(
      await createShareLink({
        childId: child.id,
        label: '',
        validFor: '1h',
        protectWithCode: false,
      }),
    ).toMatchObject({ ok: false, formError: expect.stringContaining('Turn one off') });
  });

  it('opens nothing but the record: the token is not a session and a visitor reaches no other page', async () => {
    const { db, child } = await sharingScene();
    const link = await makeLink(child.id, { protectWithCode: false });
    expect((await lookUpSession(db, link.token)).state).not.toBe('active');
    asVisitor();
    const opened = await openSharedRecord(db, testMeta, link.token, null);
    expect(opened.status).toBe('ok');
    // Still signed out everywhere else.
    const { default: ChildPage } = await import('@/app/(portal)/children/[childId]/page');
    expect(await redirectOf(ChildPage({ params: Promise.resolve({ childId: child.id }) }))).toMatch(
      /^\/login/,
    );
  });
});

async function makeLinkAs(
  db: ReturnType<typeof testDb>,
  guardian: { id: string; kind: 'parent' | 'staff' },
  childId: string,
) {
  actAs(await openSession(db, guardian));
  return makeLink(childId, { protectWithCode: false });
}
