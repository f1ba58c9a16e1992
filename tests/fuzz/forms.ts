import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';

import { guardianships, pins, recordShares, testResults, visits } from '@/db/schema';
import { createSession, type ActiveSession } from '@/lib/auth/sessions';
import { sectionTables } from '@/lib/records/write';

import { FACTORY_HINT_ANSWER, FACTORY_PASSWORD, testMeta } from '../factories';
import type { ActionKey } from './server-actions';
import { chartEntryBases, unlockUser, type World } from './world';

/**
 * Every server action, with who submits it and the valid inputs the fuzzer starts from. A new
 * action without a row here fails tests/integration/form-fuzz.test.ts.
 */
export interface FormCase {
  /** Who submits the form: the session the action sees, or null for a visitor. */
  session: ActiveSession | null;
  /** Valid inputs, as the page's form would post them; each generated input starts from one. */
  bases: Record<string, unknown>[];
  /** Runs before each generated input, outside what is observed (e.g. a fresh sign-in waiting for its code). */
  prepare?: () => Promise<{ cookieSessionToken?: string } | void>;
  /**
   * Bookkeeping that a refusal commits on purpose, by table and column: the self-audited
   * actions count wrong passwords, codes and hint answers even though they answer "no".
   */
  refusalWrites?: Record<string, readonly string[]>;
}

const signInCounters = ['failed_sign_in_count', 'locked_until', 'updated_at'];
const parentOnly = (world: World) => world.sessions.parent;

function message(world: World) {
  return {
    body: 'Thank you, that helps.\nSee you Tuesday.',
    idempotencyKey: randomUUID(),
    conversationId: world.conversationId,
  };
}

const verification = {
  confirmedDateOfBirth: true,
  confirmedAddressOrPhone: true,
  otherVerification: '',
};

/** A public EC P-384 key (its private half was thrown away): a valid EHR registration. */
const FUZZ_EC_PUBLIC_JWK = {
  kty: 'EC',
  crv: 'P-384',
  x: 'wEFRwYdjRRDgB-ggY_38ES9StbirMJqYtQxGArToniqVvz9MW1uW1Tti5OHIkM-P',
  y: 'i3vXTNLtWpN1si1w7vPuIr8wi9GHG1E9BtUXp3uoBaFH9wbJaFh1NZhqrAnfNkGp',
};

export const formCases: Record<ActionKey, (world: World) => FormCase> = {
  // ── Parents ────────────────────────────────────────────────────────────────────────────
  'app/(portal)/services/message/actions.ts#sendSecureMessage': (world) => ({
    session: parentOnly(world),
    bases: [
      {
        childId: world.child.id,
        category: 'general',
        subject: 'School form',
        body: 'Could you fax the form?\r\nThanks.',
        idempotencyKey: randomUUID(),
      },
    ],
  }),
  'app/(portal)/services/requests/actions.ts#requestAppointment': (world) => ({
    session: parentOnly(world),
    bases: [
      {
        childId: world.child.id,
        reason: 'sports_physical',
        availability: 'Tuesday after 3 pm\r\nor Friday morning',
        contactMethod: 'phone',
        contactPhone: '(555) 555-0100',
        note: 'Needs the school’s form too.',
        idempotencyKey: randomUUID(),
      },
    ],
  }),
  'app/(portal)/services/requests/actions.ts#requestRenewal': (world) => ({
    session: parentOnly(world),
    bases: [
      {
        childId: world.child.id,
        medicationIds: [world.chart.medications],
        pharmacyName: 'Main Street Pharmacy',
        pharmacyPhone: '555-555-0199',
        pharmacyAddress: '1 Main Street, Springfield',
        note: '',
        idempotencyKey: randomUUID(),
      },
    ],
  }),
  'app/(portal)/services/requests/actions.ts#requestForm': (world) => ({
    session: parentOnly(world),
    bases: [
      {
        childId: world.child.id,
        formType: 'camp',
        neededBy: '2030-06-01',
        note: 'Camp starts in June.',
        idempotencyKey: randomUUID(),
      },
    ],
  }),
  'app/(portal)/services/requests/actions.ts#requestRecords': (world) => ({
    session: parentOnly(world),
    bases: [
      {
        childId: world.child.id,
        scope: 'visit_notes',
        periodFrom: '2022-01-01',
        periodTo: '2023-12-31',
        note: 'For the new school.',
        idempotencyKey: randomUUID(),
      },
    ],
  }),
  'app/(portal)/inbox/actions.ts#replyToOffice': (world) => ({
    session: parentOnly(world),
    bases: [message(world)],
  }),
  'app/(portal)/children/[childId]/actions.ts#createShareLink': (world) => ({
    session: parentOnly(world),
    bases: [
      { childId: world.child.id, label: 'School nurse', validFor: '1d', protectWithCode: 'on' },
      { childId: world.child.id, label: '', validFor: '7d' },
    ],
    // Ten live links per child at most: turn the fuzzer's old ones off so new ones can be made.
    prepare: async () => {
      await world.db
        .update(recordShares)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(recordShares.childId, world.child.id),
            isNull(recordShares.revokedAt),
            sql`${recordShares.id} <> ${world.share.id}`,
          ),
        );
    },
  }),
  'app/(portal)/children/[childId]/actions.ts#turnOffShareLink': (world) => ({
    session: parentOnly(world),
    bases: [{ shareId: world.share.id }],
  }),
  'app/(portal)/children/link/actions.ts#linkChild': (world) => ({
    session: parentOnly(world),
    bases: [
      {
        pin: world.linkable.pin,
        dateOfBirth: world.linkable.dateOfBirth,
        relationship: 'mother',
        relationshipOther: '',
      },
      {
        pin: world.linkable.pin.toLowerCase(),
        dateOfBirth: world.linkable.dateOfBirth,
        relationship: 'other',
        relationshipOther: 'Grandmother',
      },
    ],
  }),
  'app/(portal)/account/actions.ts#setMessageEmails': (world) => ({
    session: parentOnly(world),
    bases: [{ messageEmails: false }, { messageEmails: true }],
  }),
  'app/(portal)/account/actions.ts#changeMyPassword': (world) => ({
    session: parentOnly(world),
    bases: [
      {
        currentPassword: FACTORY_PASSWORD,
        newPassword: 'amber-falcon-river-77',
        confirmPassword: 'amber-falcon-river-77',
      },
    ],
  }),
  'app/(portal)/account/actions.ts#changeMyEmail': (world) => ({
    session: parentOnly(world),
    bases: [{ currentPassword: FACTORY_PASSWORD, newEmail: `moved.${world.suffix}@example.org` }],
  }),
  'app/(portal)/account/actions.ts#changeMyHint': (world) => ({
    session: parentOnly(world),
    bases: [
      {
        currentPassword: FACTORY_PASSWORD,
        hintQuestion: 'first_school',
        hintAnswer: 'Lincoln Elementary',
      },
    ],
  }),
  'app/(portal)/account/actions.ts#signOutEverywhere': (world) => ({
    session: world.sessions.parentForSignOut,
    bases: [{}],
  }),
  'app/(portal)/dashboard/actions.ts#sendNewVerificationLink': (world) => ({
    session: parentOnly(world),
    bases: [{}],
  }),
  'app/(public)/choose-password/actions.ts#chooseOwnPassword': (world) => ({
    session: world.sessions.mustChange,
    bases: [
      { newPassword: 'granite-willow-sparrow-93', confirmPassword: 'granite-willow-sparrow-93' },
    ],
  }),
  'app/language/actions.ts#chooseLanguage': (world) => ({
    session: parentOnly(world),
    bases: [
      { locale: 'es', returnTo: '/dashboard' },
      { locale: 'en', returnTo: '//evil.example/' },
      { locale: 'es' },
    ],
  }),
  'app/(public)/help-desk/actions.ts#sendNewTemporaryPassword': () => ({
    session: null,
    bases: [{ identifier: 'nobody.fuzz' }, { identifier: 'nobody.fuzz@example.org' }],
  }),
  'app/(public)/help-desk/actions.ts#reportProblemSigningIn': () => ({
    session: null,
    bases: [
      {
        name: 'Fuzz Visitor',
        contact: 'fuzz.visitor@example.org',
        description: 'The page says my password is wrong.',
      },
    ],
  }),
  'app/session/actions.ts#signOutNow': (world) => ({
    session: world.sessions.parentForSignOut,
    bases: [{ reason: 'user' }, { reason: 'idle' }, {}],
  }),
  'app/session/actions.ts#staySignedIn': (world) => ({ session: parentOnly(world), bases: [{}] }),
  'app/session/two-step/actions.ts#startTwoStepSetup': (world) => ({
    session: parentOnly(world),
    bases: [{}],
  }),
  'app/session/two-step/actions.ts#confirmTwoStepSetup': (world) => ({
    session: world.sessions.enrolling,
    bases: [{ code: '123 456' }, { code: '000000' }],
  }),
  'app/session/two-step/actions.ts#replaceMyRecoveryCodes': (world) => ({
    session: world.sessions.twoStep,
    bases: [{ currentPassword: FACTORY_PASSWORD }],
  }),
  'app/session/two-step/actions.ts#turnOffMyTwoStep': (world) => ({
    session: world.sessions.twoStep,
    bases: [{ currentPassword: FACTORY_PASSWORD }],
  }),

  // ── Visitors ───────────────────────────────────────────────────────────────────────────
  'app/(public)/signup/actions.ts#signUp': (world) => ({
    session: null,
    bases: [
      {
        firstName: 'Dana',
        lastName: 'Lopez',
        userId: `new.${world.suffix}`,
        email: `new.${world.suffix}@example.org`,
        password: 'granite-willow-sparrow-93',
        confirmPassword: 'granite-willow-sparrow-93',
        hintQuestion: 'first_school',
        hintAnswer: 'Lincoln',
      },
    ],
  }),
  'app/(public)/login/actions.ts#signInParent': (world) => ({
    session: null,
    bases: [
      { identifier: world.parent.userId, password: 'not-the-password-1' },
      { identifier: world.parent.email, password: FACTORY_PASSWORD },
    ],
    prepare: () => unlockUser(world.db, world.parent.id),
    refusalWrites: { users: signInCounters },
  }),
  'app/staff/login/actions.ts#signInStaff': (world) => ({
    session: null,
    bases: [{ identifier: world.clinician.userId, password: 'not-the-password-1' }],
    prepare: () => unlockUser(world.db, world.clinician.id),
    refusalWrites: { users: signInCounters },
  }),
  'app/session/two-step/actions.ts#submitSecondFactor': (world) => ({
    session: null,
    bases: [
      { code: '123456', portal: 'parent' },
      { code: 'ABCDE-FGHJK', portal: 'staff' },
    ],
    // A fresh sign-in waiting for its code each time: the code step is what is being fuzzed.
    prepare: async () => {
      await unlockUser(world.db, world.twoStepParent.id);
      const { token } = await createSession(world.db, world.twoStepParent, testMeta, new Date(), {
        awaitingSecondFactor: true,
      });
      return { cookieSessionToken: token };
    },
    refusalWrites: {
      users: signInCounters,
      sessions: ['second_factor_failures', 'ended_at', 'end_reason'],
    },
  }),
  'app/(public)/forgot-password/actions.ts#requestPasswordResetLink': (world) => ({
    session: null,
    bases: [{ identifier: world.parent.userId }, { identifier: world.parent.email }],
  }),
  'app/(public)/forgot-password/actions.ts#resetPassword': (world) => ({
    session: null,
    bases: [
      {
        token: world.resetToken,
        hintAnswer: FACTORY_HINT_ANSWER,
        newPassword: 'amber-falcon-river-77',
        confirmPassword: 'amber-falcon-river-77',
      },
    ],
    refusalWrites: { users: signInCounters, password_resets: ['wrong_hint_answers'] },
  }),
  'app/staff/setup/actions.ts#completeStaffAccountSetup': () => ({
    session: null,
    bases: [
      {
        token: 'an-unknown-set-up-link-token-0123456789',
        newPassword: 'amber-falcon-river-77',
        confirmPassword: 'amber-falcon-river-77',
      },
    ],
  }),
  'app/(public)/forgot-user-id/actions.ts#emailMyUserId': (world) => ({
    session: null,
    bases: [{ email: world.parent.email }],
  }),
  'app/(public)/verify-email/actions.ts#confirmEmailAddress': (world) => ({
    session: null,
    bases: [{ token: world.emailToken }],
  }),
  'app/(public)/share/actions.ts#openShareWithCode': (world) => ({
    session: null,
    bases: [
      { token: world.share.token, code: world.share.code },
      { token: world.share.token, code: '0000' },
    ],
    // A wrong code counts against the link; five lock it. Put the count back so the fuzzer keeps reaching the code check.
    prepare: async () => {
      await world.db
        .update(recordShares)
        .set({ failedCodeAttempts: 0 })
        .where(eq(recordShares.id, world.share.id));
    },
    refusalWrites: { record_shares: ['failed_code_attempts'] },
  }),

  // ── The office ─────────────────────────────────────────────────────────────────────────
  'app/staff/(office)/patients/actions.ts#registerChild': (world) => ({
    session: world.sessions.frontDesk,
    bases: [
      {
        firstName: 'Maya',
        lastName: 'Rivera',
        preferredName: '',
        dateOfBirth: '2019-03-04',
        sex: 'female',
        mrn: '',
      },
      {
        firstName: 'Leo',
        lastName: "O'Brien-Núñez",
        preferredName: 'Leo',
        dateOfBirth: '2021-11-30',
        sex: '',
        mrn: `MRN-${world.suffix}`,
      },
    ],
  }),
  'app/staff/(office)/patients/actions.ts#editChild': (world) => ({
    session: world.sessions.frontDesk,
    bases: [
      {
        childId: world.child.id,
        firstName: 'Kim',
        lastName: 'Park',
        preferredName: 'Kimmy',
        dateOfBirth: world.child.dateOfBirth,
        sex: 'male',
        mrn: '',
      },
    ],
  }),
  'app/staff/(office)/patients/actions.ts#issueGuardianPin': (world) => ({
    session: world.sessions.frontDesk,
    bases: [
      {
        childId: world.child.id,
        ...verification,
        guardianName: 'Jordan Lee',
        relationship: 'Aunt',
      },
      {
        childId: world.child.id,
        confirmedDateOfBirth: true,
        confirmedAddressOrPhone: false,
        otherVerification: 'Knew the last visit date',
        guardianName: 'Sam Ortiz',
        relationship: 'Foster parent',
      },
    ],
  }),
  // These forms work once on their row; the row is put back each time, so every valid input gets as far as the first did.
  'app/staff/(office)/patients/actions.ts#cancelGuardianPin': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ pinId: world.cancellablePinId }],
    prepare: async () => {
      await world.db
        .update(pins)
        .set({ cancelledAt: null, cancelledBy: null, cancelReason: null })
        .where(eq(pins.id, world.cancellablePinId));
    },
  }),
  'app/staff/(office)/patients/actions.ts#revokeGuardianAccess': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ guardianshipId: world.otherLinkId, reason: 'Court order on file' }],
    prepare: async () => {
      await world.db
        .update(guardianships)
        .set({ status: 'active', statusReason: null, endedAt: null, endedBy: null })
        .where(eq(guardianships.id, world.otherLinkId));
    },
  }),

  'app/staff/(office)/patients/[childId]/actions.ts#addChartEntry': (world) => ({
    session: world.sessions.clinician,
    bases: chartEntryBases(world.child.id),
  }),
  'app/staff/(office)/patients/[childId]/actions.ts#updateChartEntry': (world) => ({
    session: world.sessions.clinician,
    bases: chartEntryBases(world.child.id).map((base) => ({
      ...base,
      entryId: world.chart[base.section as string],
    })),
  }),
  'app/staff/(office)/patients/[childId]/actions.ts#removeChartEntry': (world) => ({
    session: world.sessions.clinician,
    bases: Object.entries(world.chart).map(([section, entryId]) => ({
      childId: world.child.id,
      entryId,
      section,
      reason: 'Entered on the wrong chart',
    })),
    prepare: async () => {
      for (const [section, entryId] of Object.entries(world.chart)) {
        const table = sectionTables[section as keyof typeof sectionTables];
        await world.db
          .update(table)
          .set({ removedAt: null, removedBy: null, removalReason: null })
          .where(eq(table.id, entryId));
      }
    },
  }),
  'app/staff/(office)/patients/[childId]/actions.ts#releaseResult': (world) => ({
    session: world.sessions.clinician,
    bases: [
      {
        childId: world.child.id,
        entryId: world.chart.results,
        comment: 'All normal, nothing to do.',
      },
      { childId: world.child.id, entryId: world.chart.results, comment: '' },
    ],
    prepare: async () => {
      await world.db
        .update(testResults)
        .set({ releasedAt: null, releasedBy: null, releaseComment: null })
        .where(eq(testResults.id, world.chart.results!));
    },
  }),
  'app/staff/(office)/patients/[childId]/actions.ts#releaseSummary': (world) => ({
    session: world.sessions.clinician,
    bases: [{ childId: world.child.id, entryId: world.chart.visits }],
    prepare: async () => {
      await world.db
        .update(visits)
        .set({ summaryReleasedAt: null, summaryReleasedBy: null })
        .where(eq(visits.id, world.chart.visits!));
    },
  }),

  'app/staff/(office)/messages/actions.ts#replyToGuardian': (world) => ({
    session: world.sessions.admin,
    bases: [message(world)],
  }),
  'app/staff/(office)/messages/actions.ts#addStaffNote': (world) => ({
    session: world.sessions.admin,
    bases: [message(world)],
  }),
  'app/staff/(office)/messages/actions.ts#assignConversationToMe': (world) => ({
    session: world.sessions.admin,
    bases: [{ conversationId: world.conversationId }],
  }),
  'app/staff/(office)/messages/actions.ts#changeConversationCategory': (world) => ({
    session: world.sessions.admin,
    bases: [
      { conversationId: world.conversationId, category: 'billing' },
      { conversationId: world.conversationId, category: 'general' },
    ],
  }),
  'app/staff/(office)/messages/actions.ts#closeConversation': (world) => ({
    session: world.sessions.admin,
    bases: [{ conversationId: world.conversationId }],
  }),
  'app/staff/(office)/messages/actions.ts#reopenConversation': (world) => ({
    session: world.sessions.admin,
    bases: [{ conversationId: world.conversationId }],
  }),
  'app/staff/(office)/messages/actions.ts#writeToGuardian': (world) => ({
    session: world.sessions.admin,
    bases: [
      {
        childId: world.child.id,
        guardianshipId: world.otherLinkId,
        category: 'clinical',
        subject: 'Lab results',
        body: 'The results are in.\nAll normal.',
        idempotencyKey: randomUUID(),
      },
    ],
  }),

  'app/staff/(office)/accounts/actions.ts#sendTemporaryPassword': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ accountId: world.otherParent.id, ...verification }],
  }),
  'app/staff/(office)/accounts/actions.ts#searchAccounts': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ q: 'parent' }],
  }),
  'app/staff/(office)/patients/actions.ts#searchPatients': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ q: 'rivera', dob: '2021-04-12' }],
  }),
  'app/staff/(office)/requests/actions.ts#assignRequestToMe': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ requestId: world.requestId }],
  }),
  'app/staff/(office)/requests/actions.ts#addRequestInternalNote': (world) => ({
    session: world.sessions.frontDesk,
    bases: [
      { requestId: world.requestId, body: 'Left a voicemail.', idempotencyKey: randomUUID() },
    ],
  }),
  'app/staff/(office)/requests/actions.ts#attachRequestFile': (world) => ({
    session: world.sessions.frontDesk,
    bases: [
      {
        requestId: world.requestId,
        file: new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], 'form.pdf'),
      },
    ],
  }),
  'app/staff/(office)/requests/actions.ts#setRequestStatus': (world) => ({
    session: world.sessions.frontDesk,
    bases: [
      { requestId: world.requestId, status: 'call_us', scheduledFor: '', reason: '' },
      {
        requestId: world.requestId,
        status: 'declined',
        scheduledFor: '',
        reason: 'Please bring the form in.',
      },
    ],
  }),
  'app/staff/(office)/requests/actions.ts#searchRequests': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ q: 'forms', kind: 'form', tab: 'overdue' }],
  }),
  'app/staff/(office)/messages/actions.ts#searchMessages': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ q: 'forms', tab: 'unassigned' }],
  }),
  'app/staff/(office)/accounts/actions.ts#markSignInProblem': (world) => ({
    session: world.sessions.frontDesk,
    bases: [
      { problemId: world.signInProblemId, status: 'called_back' },
      { problemId: world.signInProblemId, status: 'closed' },
    ],
  }),
  'app/staff/(office)/accounts/actions.ts#unlockParentAccount': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ accountId: world.otherParent.id }],
  }),
  'app/staff/(office)/accounts/actions.ts#resendParentVerification': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ accountId: world.unverifiedParent.id }],
  }),
  'app/staff/(office)/accounts/actions.ts#disableParentAccount': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ accountId: world.otherParent.id }],
  }),
  'app/staff/(office)/accounts/actions.ts#enableParentAccount': (world) => ({
    session: world.sessions.frontDesk,
    bases: [{ accountId: world.otherParent.id }],
  }),
  'app/staff/(office)/accounts/actions.ts#resetTwoStepVerification': (world) => ({
    session: world.sessions.admin,
    bases: [
      { accountId: world.twoStepParent.id, ...verification },
      {
        accountId: world.targetStaff.id,
        confirmedDateOfBirth: false,
        confirmedAddressOrPhone: true,
        otherVerification: 'Badge number matched',
      },
    ],
  }),

  'app/staff/(office)/users/actions.ts#createStaffAccount': (world) => ({
    session: world.sessions.admin,
    bases: [
      {
        firstName: 'Robin',
        lastName: 'Chen',
        userId: `rchen.${world.suffix}`,
        email: `rchen.${world.suffix}@example.org`,
        roles: ['clinical', 'billing'],
      },
    ],
  }),
  // An id the outbox does not hold: the fuzzed input reaches the domain, which answers "no longer waiting".
  'app/staff/(office)/actions.ts#retryUndeliveredEmail': (world) => ({
    session: world.sessions.admin,
    bases: [{ mailId: randomUUID() }],
  }),
  'app/staff/(office)/users/actions.ts#changeStaffRoles': (world) => ({
    session: world.sessions.admin,
    bases: [{ staffUserId: world.targetStaff.id, roles: ['billing', 'front_desk'] }],
  }),
  // The target has its own password: every input is refused, and nothing may change.
  'app/staff/(office)/users/actions.ts#resendStaffSetupLink': (world) => ({
    session: world.sessions.admin,
    bases: [{ staffUserId: world.targetStaff.id }],
  }),
  'app/staff/(office)/users/actions.ts#disableStaffAccount': (world) => ({
    session: world.sessions.admin,
    bases: [{ staffUserId: world.targetStaff.id }],
  }),
  'app/staff/(office)/users/actions.ts#enableStaffAccount': (world) => ({
    session: world.sessions.admin,
    bases: [{ staffUserId: world.targetStaff.id }],
  }),
  'app/staff/(office)/audit/actions.ts#filterAuditTrail': (world) => ({
    session: world.sessions.admin,
    bases: [
      { actor: 'nurse', child: 'rivera', from: '2026-01-01', to: '2026-01-31', sort: 'when' },
    ],
  }),
  'app/staff/(office)/integrations/actions.ts#registerIntegration': (world) => ({
    session: world.sessions.admin,
    bases: [
      {
        name: 'Office EHR',
        publicKey: JSON.stringify({ keys: [FUZZ_EC_PUBLIC_JWK] }),
        scopes: ['system/*.write'],
      },
    ],
  }),
  // An id no client has: the fuzzed input reaches the domain, which answers "not found".
  'app/staff/(office)/integrations/actions.ts#disableIntegration': (world) => ({
    session: world.sessions.admin,
    bases: [{ clientId: randomUUID() }],
  }),
};
