import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { auditEvents } from '@/db/schema';
import { completePasswordReset, requestPasswordReset } from '@/lib/accounts/password-reset';
import { resendEmailVerification } from '@/lib/accounts/resend-verification';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { linkChildWithPin } from '@/lib/guardianship/link';
import { issuePin } from '@/lib/pins/issue';
import { normalizePin } from '@/lib/pins/pin';
import { createRecordShare, openSharedRecord } from '@/lib/records/shares';
import { confirmEnrolment, startEnrolment } from '@/lib/two-step/enrolment';
import { verifySecondFactor } from '@/lib/two-step/sign-in-step';
import { totpCodeAt } from '@/lib/two-step/totp';

import {
  createChild,
  createChildLinkedTo,
  createParent,
  createStaffMember,
  FACTORY_HINT_ANSWER,
  FACTORY_PASSWORD,
  signedInUser,
  testMeta,
  uniqueSuffix,
} from '../factories';
import { testDb } from '../setup/database';

/**
 * Many tries at once against every counted limit, counting how many were actually checked (each
 * checked try leaves its own audit reason). Only PostgreSQL runs them side by side: PGlite has a
 * single connection and serialises every statement, so there the race cannot happen and these
 * tests are skipped (npm test runs them on PostgreSQL).
 */
const needsPostgres = !process.env.DATABASE_URL;
const PARALLEL = 60;

const metaFrom = (ip: string) => ({
  ...testMeta,
  ipAddress: ip,
  requestId: `req-${uniqueSuffix()}`,
});

type LimitedAction =
  | 'auth.sign_in_failed'
  | 'auth.second_factor_failed'
  | 'auth.password_reset_failed'
  | 'record.share_refused';

/** The audit reasons recorded for these targets: one per try, checked or refused. */
async function reasonsOf(action: LimitedAction, targetId: string): Promise<string[]> {
  const rows = await testDb()
    .select({ metadata: auditEvents.metadata })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));
  return rows.map((row) => String(row.metadata.reason));
}

describe.skipIf(needsPostgres)('limits under simultaneous tries (PostgreSQL)', () => {
  it(`checks at most 5 passwords of ${PARALLEL} sent at once from one address`, async () => {
    const db = testDb();
    const parent = await createParent(db);
    const meta = metaFrom('192.0.2.150');
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        signInWithPassword(
          db,
          { identifier: parent.userId, password: `wrong-guess-${i}-xx`, kind: 'parent' },
          meta,
        ),
      ),
    );
    const checked = (await reasonsOf('auth.sign_in_failed', parent.id)).filter(
      (reason) => reason === 'bad_password',
    );
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(checked.length);
  });

  it(`lets ${PARALLEL} two-step codes sent at once check at most 5, the right one 25th not signing in past the limit`, async () => {
    const db = testDb();
    // Enrolled five minutes ago, so that the code of this minute is still unused.
    const enrolledAt = new Date(Date.now() - 5 * 60_000);
    const parent = await createParent(db);
    const { secret } = await startEnrolment(db, parent.id, enrolledAt);
    await confirmEnrolment(db, parent.id, totpCodeAt(secret, enrolledAt), enrolledAt);
    const password = await signInWithPassword(
      db,
      { identifier: parent.userId, password: FACTORY_PASSWORD, kind: 'parent' },
      metaFrom('192.0.2.151'),
    );
    if (!password.ok) throw new Error('the password step failed');
    const right = totpCodeAt(secret, new Date());
    const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
    const codes = Array.from({ length: PARALLEL }, (_, i) => (i === 24 ? right : wrong(i)));
    // Recovery codes count against the same limits: half the wrong tries are shaped like them.
    const typed = codes.map((code, i) =>
      i !== 24 && i % 2 === 0 ? `abcde-fghj${'kmnpqrstuv'[i % 10]}` : code,
    );
    const results = await Promise.all(
      typed.map((code) => verifySecondFactor(db, password.token, code, metaFrom('192.0.2.151'))),
    );
    const reasons = await reasonsOf('auth.second_factor_failed', password.sessionId);
    const checkedWrong = reasons.filter((r) => r === 'wrong_code' || r === 'code_already_used');
    const successes = results.filter((r) => r.ok).length;
    expect(checkedWrong.length + successes).toBeLessThanOrEqual(5);
  });

  it(`checks at most 5 PINs of ${PARALLEL} sent at once from one account`, async () => {
    const db = testDb();
    const staff = await createStaffMember(db, ['front_desk']);
    const child = await createChild(db, { dateOfBirth: '2019-05-20' });
    await issuePin(db, staff.id, {
      childId: child.id,
      confirmedDateOfBirth: true,
      confirmedAddressOrPhone: true,
      otherVerification: '',
      guardianName: 'Pat Guess',
      relationship: 'Mother',
    });
    const guesser = await createParent(db);
    await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        linkChildWithPin(
          db,
          signedInUser(guesser),
          {
            pin: normalizePin(`ABCDE${String(i).padStart(5, '2').replace(/[01]/g, '9')}`),
            dateOfBirth: '2019-05-20',
            relationship: 'mother',
            relationshipOther: '',
          },
          metaFrom(`198.51.100.${i % 200}`),
          new Date(),
          '2026-01-01',
        ),
      ),
    );
    const rows = await testDb()
      .select({ metadata: auditEvents.metadata })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'guardianship.link_failed'),
          eq(auditEvents.actorId, guesser.id),
        ),
      );
    const checked = rows.filter((row) => row.metadata.reason === 'no_match');
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(rows).toHaveLength(PARALLEL);
  });

  it(`checks at most 5 hint answers of ${PARALLEL} sent at once on one reset link`, async () => {
    const db = testDb();
    const parent = await createParent(db);
    const { mail } = await requestPasswordReset(db, parent.userId);
    const token = new URL(mail!.text.match(/https?:\/\/\S+/)![0]).searchParams.get('token')!;
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        completePasswordReset(
          db,
          {
            token,
            hintAnswer: i === 24 ? FACTORY_HINT_ANSWER : `guess ${i}`,
            newPassword: 'harbor-violet-quilt-7265',
            confirmPassword: 'harbor-violet-quilt-7265',
          },
          metaFrom('192.0.2.152'),
        ),
      ),
    );
    const checked = (await reasonsOf('auth.password_reset_failed', parent.id)).filter(
      (reason) => reason === 'wrong_hint',
    );
    expect(checked.length + results.filter((r) => r.ok).length).toBeLessThanOrEqual(5);
  });

  it(`checks at most 5 codes of ${PARALLEL} sent at once on one protected share link`, async () => {
    const db = testDb();
    const parent = await createParent(db);
    const child = await createChildLinkedTo(db, parent.id);
    const share = await createRecordShare(db, parent.id, {
      childId: child.id,
      label: null,
      validFor: '1d',
      protectWithCode: true,
    });
    const token = share.url.split('/share/')[1]!;
    const wrong = (i: number) =>
      String((Number(share.accessCode) + 1 + i) % 10_000).padStart(4, '0');
    await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        openSharedRecord(db, metaFrom('192.0.2.153'), token, wrong(i)),
      ),
    );
    const checked = (await reasonsOf('record.share_refused', share.shareId)).filter(
      (reason) => reason === 'wrong_code',
    );
    expect(checked.length).toBeLessThanOrEqual(5);
  });

  it(`sends at most 3 reset and 5 confirmation emails to one account of ${PARALLEL} asked for at once`, async () => {
    const db = testDb();
    const parent = await createParent(db, { emailVerifiedAt: null });
    const resets = await Promise.all(
      Array.from({ length: PARALLEL }, () => requestPasswordReset(db, parent.email)),
    );
    expect(resets.filter((r) => r.mail).length).toBeLessThanOrEqual(3);
    const confirmations = await Promise.allSettled(
      Array.from({ length: PARALLEL }, () => resendEmailVerification(db, parent.id)),
    );
    expect(
      confirmations.filter((r) => r.status === 'fulfilled' && r.value !== null).length,
    ).toBeLessThanOrEqual(5);
  });
});
