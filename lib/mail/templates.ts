import 'server-only';

import { env } from '@/lib/env';

/**
 * Email wording. Emails never carry health information or a child's name: only that something
 * is waiting in the portal, and a link to it.
 */

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

function layout(paragraphs: string[], action?: { label: string; url: string }) {
  const { PRACTICE_NAME, PRACTICE_PHONE } = env();
  const footer = `${PRACTICE_NAME} · ${PRACTICE_PHONE}. Please do not reply to this email. The patient portal is not for emergencies: call 911 or go to the nearest emergency room.`;
  const text = [
    ...paragraphs,
    ...(action ? [`${action.label}: ${action.url}`] : []),
    '',
    footer,
  ].join('\n\n');
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2937">${paragraphs
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join(
      '',
    )}${action ? `<p><a href="${escapeHtml(action.url)}" style="color:#1d4ed8">${escapeHtml(action.label)}</a></p>` : ''}<p style="font-size:13px;color:#4b5563">${escapeHtml(footer)}</p></body></html>`;
  return { text, html };
}

export function verifyEmailMessage(firstName: string, url: string) {
  const { PRACTICE_NAME } = env();
  return {
    template: 'verify-email',
    subject: `Confirm your email for the ${PRACTICE_NAME} patient portal`,
    ...layout(
      [
        `Hello ${firstName},`,
        `Thank you for creating your patient portal account. Please confirm that this email address is yours, so the office can reach you here when there is something new in the portal.`,
        `The link works for 48 hours. If you did not create an account, you can ignore this email.`,
      ],
      { label: 'Confirm my email', url },
    ),
  };
}

/** The new staff member's set-up link: they choose their own password, then two-step verification. */
export function staffWelcomeMessage(firstName: string, setupUrl: string, hours: number) {
  const { PRACTICE_NAME, PRACTICE_PHONE } = env();
  return {
    template: 'staff-welcome',
    subject: `Your ${PRACTICE_NAME} staff portal account`,
    ...layout(
      [
        `Hello ${firstName},`,
        `An administrator made a staff account for you on the patient portal. Open the link below to choose your own password. Then you will set up two-step verification with an app on your phone. It takes about five minutes.`,
        `The link works once, for ${hours} hours. If it has stopped working, ask your administrator for a new one. If you were not expecting this email, call ${PRACTICE_PHONE}.`,
      ],
      { label: 'Set up my account', url: setupUrl },
    ),
  };
}

/** To the owner of an address someone tried to sign up with again: the sign-up page itself says nothing. */
export function signUpEmailTakenMessage(
  firstName: string,
  loginUrl: string,
  accountKind: 'parent' | 'staff',
) {
  const ifYou =
    accountKind === 'staff'
      ? 'It is the address of your staff account. A parent account needs an address of its own.'
      : 'If it was you, sign in with your User ID and password. If you forgot either, use "I forgot my User ID" or "I forgot my password" on the sign-in page.';
  return {
    template: 'sign-up-email-taken',
    subject: 'Someone tried to make a patient portal account with your email',
    ...layout(
      [
        `Hello ${firstName},`,
        'Someone just tried to create a new patient portal account with this email address. It already belongs to your account, so no new account was made.',
        ifYou,
        'If it was not you, you can ignore this email: nothing about your account has changed.',
      ],
      { label: 'Sign in', url: loginUrl },
    ),
  };
}

export function passwordResetMessage(firstName: string, url: string) {
  return {
    template: 'password-reset',
    subject: 'Reset your patient portal password',
    ...layout(
      [
        `Hello ${firstName},`,
        'Someone asked to reset the password of your patient portal account. If it was you, open the link below. You will be asked the answer to your hint question, then for a new password.',
        'The link works once, for 30 minutes. If you did not ask for this, you can ignore this email: your password stays the same.',
      ],
      { label: 'Reset my password', url },
    ),
  };
}

export function passwordChangedMessage(firstName: string) {
  const { PRACTICE_PHONE } = env();
  return {
    template: 'password-changed',
    subject: 'Your patient portal password was changed',
    ...layout([
      `Hello ${firstName},`,
      'The password of your patient portal account was just changed, and every device that was signed in has been signed out.',
      `If this wasn't you, call the office right away at ${PRACTICE_PHONE}.`,
    ]),
  };
}

export function userIdReminderMessage(firstName: string, userId: string, loginUrl: string) {
  return {
    template: 'user-id-reminder',
    subject: 'Your patient portal User ID',
    ...layout(
      [
        `Hello ${firstName},`,
        `You asked for your User ID. It is: ${userId}`,
        'If you did not ask, you can ignore this email.',
      ],
      { label: 'Sign in', url: loginUrl },
    ),
  };
}

export function emailChangeConfirmMessage(firstName: string, url: string) {
  return {
    template: 'email-change-confirm',
    subject: 'Confirm your new email for the patient portal',
    ...layout(
      [
        `Hello ${firstName},`,
        'You asked to use this address for your patient portal account. The change happens when you open the link below. It works for 48 hours.',
        'If you did not ask for this, ignore this email.',
      ],
      { label: 'Use this email address', url },
    ),
  };
}

export function emailChangeNoticeMessage(firstName: string) {
  const { PRACTICE_PHONE } = env();
  return {
    template: 'email-change-notice',
    subject: 'Your patient portal email is being changed',
    ...layout([
      `Hello ${firstName},`,
      'Someone signed in to your patient portal account and asked to move it to a new email address. It changes once the new address is confirmed.',
      `If this wasn't you, call the office right away at ${PRACTICE_PHONE}.`,
    ]),
  };
}

export function temporaryPasswordMessage(
  firstName: string,
  userId: string,
  temporaryPassword: string,
  expiresAt: Date,
  loginUrl: string,
) {
  const { PRACTICE_PHONE, PRACTICE_TIMEZONE } = env();
  const until = expiresAt.toLocaleString('en-US', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: PRACTICE_TIMEZONE,
  });
  return {
    template: 'temporary-password',
    subject: 'Your temporary patient portal password',
    ...layout(
      [
        `Hello ${firstName},`,
        `As you asked when you called the office, here is a temporary password for your patient portal account (User ID: ${userId}).`,
        `Temporary password: ${temporaryPassword}`,
        `It works until ${until}. When you sign in with it, you will choose a new password of your own. Every device that was signed in has been signed out.`,
        `If you did not ask for this, call the office at ${PRACTICE_PHONE}.`,
      ],
      { label: 'Sign in', url: loginUrl },
    ),
  };
}

export function recoveryCodeUsedMessage(firstName: string, codesLeft: number) {
  const { PRACTICE_PHONE } = env();
  return {
    template: 'recovery-code-used',
    subject: 'A recovery code was used to sign in to your patient portal account',
    ...layout([
      `Hello ${firstName},`,
      `Someone just signed in to your patient portal account with one of your recovery codes instead of a code from your authenticator app. ${codesLeft === 1 ? 'You have 1 recovery code left.' : `You have ${codesLeft} recovery codes left.`}`,
      'If your phone is lost or replaced, sign in and make new recovery codes in your account settings.',
      `If this wasn't you, call the office right away at ${PRACTICE_PHONE}.`,
    ]),
  };
}

export function twoStepTurnedOffMessage(
  firstName: string,
  how: 'by_parent' | 'by_office_parent' | 'by_office_staff',
) {
  const { PRACTICE_PHONE } = env();
  return {
    template: 'two-step-off',
    subject: 'Two-step verification was turned off on your patient portal account',
    ...layout([
      `Hello ${firstName},`,
      {
        by_parent:
          'Two-step verification was just turned off on your patient portal account. Signing in now needs only your password.',
        by_office_parent:
          'The office turned off two-step verification on your patient portal account, as you asked. Your authenticator app and your old recovery codes no longer work here. You can set it up again in your account settings.',
        by_office_staff:
          'A portal administrator reset your two-step verification. Your authenticator app and your old recovery codes no longer work here: you will set up a new one the next time you sign in.',
      }[how],
      `If this wasn't you, call the office right away at ${PRACTICE_PHONE}.`,
    ]),
  };
}

/**
 * To the owner when sign-in to the account has paused after 100 wrong tries. A parent gets a
 * reset link (which also lifts the pause); staff are sent to the help desk.
 */
export function signInPausedMessage(firstName: string, resetUrl: string | null) {
  const { PRACTICE_PHONE } = env();
  return {
    template: 'sign-in-paused',
    subject: 'Sign-in to your patient portal account is paused',
    ...layout(
      [
        `Hello ${firstName},`,
        'There have been many wrong tries at the password of your patient portal account, so we have paused signing in to it for a day to keep it safe.',
        resetUrl
          ? 'If it was you, or if you want to get back in now, open the link below and choose a new password. The link works once, for 30 minutes.'
          : `To get back in now, ask the portal help desk or call the office at ${PRACTICE_PHONE}.`,
      ],
      resetUrl ? { label: 'Choose a new password', url: resetUrl } : undefined,
    ),
  };
}

/** To the practice's administrators: one account is drawing many wrong tries. No names. */
export function sustainedSignInAttackMessage(officeUrl: string) {
  return {
    template: 'sign-in-attack',
    subject: 'Many wrong sign-in tries on one portal account',
    ...layout(
      [
        'One patient portal account has had many wrong password or code tries in a row. The portal slows these tries down and pauses the account after 100.',
        'The account is listed on the office home page, with the help desk link to unlock it once you have spoken to its owner.',
      ],
      { label: 'Open the office home page', url: officeUrl },
    ),
  };
}
