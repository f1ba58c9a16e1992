import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';

import type { Database } from '@/db';
import { guardianships, signInProblems, users } from '@/db/schema';
import { requestPasswordReset } from '@/lib/accounts/password-reset';
import { resendEmailVerification } from '@/lib/accounts/resend-verification';
import type { ActiveSession } from '@/lib/auth/sessions';
import { clearAccountThrottles } from '@/lib/auth/throttle';
import { todayInPractice } from '@/lib/dates';
import { sendNewMessage } from '@/lib/messaging/parent';
import { issuePin } from '@/lib/pins/issue';
import { recordEntrySchema, type RecordEntryInput } from '@/lib/records/schemas';
import { createRecordShare } from '@/lib/records/shares';
import { saveRecordEntry } from '@/lib/records/write';
import { createRequest } from '@/lib/requests/create';
import { encryptTotpSecret } from '@/lib/two-step/crypto';

import {
  createChild,
  createChildLinkedTo,
  createParent,
  createStaffMember,
  FACTORY_TOTP_SECRET,
  openSession,
  uniqueSuffix,
} from '../factories';

/**
 * Everything one form needs to be exercised for real: people signed in as each kind of user,
 * a child with a chart, a conversation, a share link, PINs and emailed tokens. Each form gets
 * its own world, so what one form's fuzzing changes (a password, a closed conversation, a
 * disabled account) cannot blunt another's.
 */
export type World = Awaited<ReturnType<typeof buildWorld>>;

function tokenFromMail(mail: { text: string } | null | undefined): string {
  const link = mail?.text.match(/https?:\/\/\S+/)?.[0];
  const token = link ? new URL(link).searchParams.get('token') : null;
  if (!token) throw new Error('no token in the email');
  return token;
}

/** The record-entry bases, one per chart section: what a clinician's form would post. */
export function chartEntryBases(childId: string): Record<string, unknown>[] {
  const bases: RecordEntryInput[] = [
    {
      childId,
      section: 'allergies',
      substance: 'Peanuts',
      reaction: 'Hives',
      severity: 'moderate',
      status: 'active',
      notedOn: '2021-03-04',
      confidential: false,
    },
    {
      childId,
      section: 'medications',
      name: 'Amoxicillin',
      instructions: '5 ml twice a day',
      startedOn: '2022-01-02',
      endedOn: '',
      status: 'active',
      confidential: 'on',
    },
    { childId, section: 'problems', name: 'Asthma', onsetOn: '2021-05-06', status: 'active' },
    {
      childId,
      section: 'immunizations',
      vaccine: '20 – DTaP',
      administeredOn: '2020-04-02',
      doseNumber: '1',
      lotNumber: 'AB123',
      site: 'Left thigh',
      source: 'given_here',
    },
    {
      childId,
      section: 'visits',
      visitOn: '2023-06-07',
      type: 'sick',
      clinician: 'Dr. Rivera',
      reason: 'Fever',
      summary: 'Rest and fluids.\nCall if worse.',
    },
    {
      childId,
      section: 'measurements',
      measuredOn: '2023-06-07',
      weightKg: '18.2',
      heightCm: 105,
      headCircumferenceCm: '',
    },
    {
      childId,
      section: 'results',
      testName: 'CBC',
      value: 'Normal',
      units: '',
      referenceRange: '',
      flag: 'normal',
      collectedOn: '2023-06-07',
      resultedOn: '2023-06-08',
    },
  ];
  return bases.map((base) => ({ ...base }));
}

export async function buildWorld(db: Database) {
  const now = new Date();
  const today = todayInPractice(now);

  const parent = await createParent(db);
  const child = await createChildLinkedTo(db, parent.id);
  const [parentSession, parentSessionForSignOut] = [
    await openSession(db, parent),
    await openSession(db, parent),
  ];

  const frontDesk = await createStaffMember(db, ['front_desk']);
  const clinician = await createStaffMember(db, ['clinical']);
  const admin = await createStaffMember(db, ['admin']);
  const targetStaff = await createStaffMember(db, ['billing']);
  const [frontDeskSession, clinicianSession, adminSession] = [
    await openSession(db, frontDesk),
    await openSession(db, clinician),
    await openSession(db, admin),
  ];

  // A second guardian of the same child, whose access the front desk can remove, and whose
  // account the help desk works on.
  const otherParent = await createParent(db);
  const [otherLink] = await db
    .insert(guardianships)
    .values({ childId: child.id, guardianUserId: otherParent.id, relationship: 'Father' })
    .returning({ id: guardianships.id });
  if (!otherLink) throw new Error('no guardianship');

  const mustChangeParent = await createParent(db, {
    mustChangePassword: true,
    temporaryPasswordExpiresAt: new Date(now.getTime() + 72 * 3600_000),
  });
  const twoStepParent = await createParent(db, {
    totpSecret: encryptTotpSecret(FACTORY_TOTP_SECRET),
    totpEnabledAt: now,
  });
  const enrollingParent = await createParent(db, {
    totpPendingSecret: encryptTotpSecret(FACTORY_TOTP_SECRET),
    totpPendingCreatedAt: now,
  });
  const unverifiedParent = await createParent(db);
  const [mustChangeSession, twoStepSession, enrollingSession] = [
    await openSession(db, mustChangeParent),
    await openSession(db, twoStepParent),
    await openSession(db, enrollingParent),
  ];

  const conversation = await sendNewMessage(
    db,
    parent.id,
    {
      childId: child.id,
      category: 'general',
      subject: 'School form',
      body: 'Could you fill in the school form?',
      idempotencyKey: randomUUID(),
    },
    today,
  );

  // A Patient Services request (a school form) for the office's request forms to work on.
  const serviceRequest = await createRequest(
    db,
    { id: parent.id, locale: 'en' },
    {
      kind: 'form',
      input: {
        childId: child.id,
        formType: 'school',
        neededBy: '',
        note: '',
        idempotencyKey: randomUUID(),
      },
    },
    today,
  );

  const share = await createRecordShare(db, parent.id, {
    childId: child.id,
    label: 'School nurse',
    validFor: '7d',
    protectWithCode: true,
  });
  const shareToken = share.url.split('/share/')[1]!;

  const chart: Record<string, string> = {};
  for (const base of chartEntryBases(child.id)) {
    const entry = recordEntrySchema.parse(base);
    chart[entry.section] = (await saveRecordEntry(db, clinician.id, entry)).id;
  }

  const cancellablePin = await issuePin(db, frontDesk.id, {
    childId: child.id,
    confirmedDateOfBirth: true,
    confirmedAddressOrPhone: true,
    otherVerification: '',
    guardianName: 'Jordan Lee',
    relationship: 'Aunt',
  });
  const linkableChild = await createChild(db, { dateOfBirth: '2018-07-09' });
  const linkPin = await issuePin(db, frontDesk.id, {
    childId: linkableChild.id,
    confirmedDateOfBirth: true,
    confirmedAddressOrPhone: true,
    otherVerification: '',
    guardianName: `${parent.firstName} ${parent.lastName}`,
    relationship: 'Mother',
  });

  const resetToken = tokenFromMail((await requestPasswordReset(db, parent.userId)).mail);
  const [signInProblem] = await db
    .insert(signInProblems)
    .values({ name: 'Fuzz', contact: '555-010-0000', description: 'Cannot sign in.' })
    .returning({ id: signInProblems.id });
  const emailToken = tokenFromMail(await resendEmailVerification(db, unverifiedParent.id));

  return {
    db,
    suffix: uniqueSuffix(),
    parent,
    child,
    otherParent,
    otherLinkId: otherLink.id,
    mustChangeParent,
    twoStepParent,
    unverifiedParent,
    frontDesk,
    clinician,
    admin,
    targetStaff,
    sessions: {
      parent: parentSession as ActiveSession,
      parentForSignOut: parentSessionForSignOut as ActiveSession,
      mustChange: mustChangeSession as ActiveSession,
      twoStep: twoStepSession as ActiveSession,
      enrolling: enrollingSession as ActiveSession,
      frontDesk: frontDeskSession as ActiveSession,
      clinician: clinicianSession as ActiveSession,
      admin: adminSession as ActiveSession,
    },
    conversationId: conversation.conversationId,
    requestId: serviceRequest.requestId,
    share: { id: share.shareId, token: shareToken, code: share.accessCode! },
    chart,
    cancellablePinId: cancellablePin.pinId,
    linkable: { pin: linkPin.pin, dateOfBirth: linkableChild.dateOfBirth },
    resetToken,
    emailToken,
    signInProblemId: signInProblem!.id,
  };
}

/** Puts a user's sign-in counters back, so a locked account does not end the fuzzing of its form early. */
export async function unlockUser(db: Database, userId: string) {
  await db
    .update(users)
    .set({ failedSignInCount: 0, lockedUntil: null })
    .where(eq(users.id, userId));
  await clearAccountThrottles(db, userId);
}
