import 'server-only';

import { formatDay, formatTime } from '@/lib/dates';
import { env } from '@/lib/env';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translator';

/**
 * Email wording. Emails never carry health information or a child's name: only that something
 * is waiting in the portal, and a link to it. Each goes in its recipient's saved language
 * (users.locale, English when none was chosen), never in the language of whoever caused it.
 */

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

function emailsIn(locale: Locale) {
  return translatorFor(locale, 'emails');
}

/** Plain text and HTML of one email: paragraphs, an optional link, the not-for-emergencies footer. */
export function layout(
  locale: Locale,
  paragraphs: string[],
  action?: { label: string; url: string },
  footer?: string,
) {
  const { PRACTICE_NAME, PRACTICE_PHONE } = env();
  const closing =
    footer ?? emailsIn(locale)('footer', { practice: PRACTICE_NAME, phone: PRACTICE_PHONE });
  const text = [
    ...paragraphs,
    ...(action ? [`${action.label}: ${action.url}`] : []),
    '',
    closing,
  ].join('\n\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2937">${paragraphs
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join(
      '',
    )}${action ? `<p><a href="${escapeHtml(action.url)}" style="color:#1d4ed8">${escapeHtml(action.label)}</a></p>` : ''}<p style="font-size:13px;color:#4b5563">${escapeHtml(closing)}</p></body></html>`;
  return { text, html };
}

export function verifyEmailMessage(locale: Locale, firstName: string, url: string) {
  const t = emailsIn(locale);
  return {
    template: 'verify-email',
    subject: t('verifyEmail.subject', { practice: env().PRACTICE_NAME }),
    ...layout(
      locale,
      [t('hello', { name: firstName }), t('verifyEmail.intro'), t('verifyEmail.expiry')],
      { label: t('verifyEmail.action'), url },
    ),
  };
}

/** The new staff member's set-up link: they choose their own password, then two-step verification. */
export function staffWelcomeMessage(
  locale: Locale,
  firstName: string,
  setupUrl: string,
  hours: number,
) {
  const { PRACTICE_NAME, PRACTICE_PHONE } = env();
  const t = emailsIn(locale);
  return {
    template: 'staff-welcome',
    subject: t('staffWelcome.subject', { practice: PRACTICE_NAME }),
    ...layout(
      locale,
      [
        t('hello', { name: firstName }),
        t('staffWelcome.intro'),
        t('staffWelcome.expiry', { hours, phone: PRACTICE_PHONE }),
      ],
      { label: t('staffWelcome.action'), url: setupUrl },
    ),
  };
}

/** To the owner of an address someone tried to sign up with again: the sign-up page itself says nothing. */
export function signUpEmailTakenMessage(
  locale: Locale,
  firstName: string,
  loginUrl: string,
  accountKind: 'parent' | 'staff',
) {
  const t = emailsIn(locale);
  return {
    template: 'sign-up-email-taken',
    subject: t('signUpEmailTaken.subject'),
    ...layout(
      locale,
      [
        t('hello', { name: firstName }),
        t('signUpEmailTaken.intro'),
        accountKind === 'staff' ? t('signUpEmailTaken.ifStaff') : t('signUpEmailTaken.ifParent'),
        t('signUpEmailTaken.notYou'),
      ],
      { label: t('signIn'), url: loginUrl },
    ),
  };
}

export function passwordResetMessage(locale: Locale, firstName: string, url: string) {
  const t = emailsIn(locale);
  return {
    template: 'password-reset',
    subject: t('passwordReset.subject'),
    ...layout(
      locale,
      [t('hello', { name: firstName }), t('passwordReset.intro'), t('passwordReset.expiry')],
      { label: t('passwordReset.action'), url },
    ),
  };
}

export function passwordChangedMessage(locale: Locale, firstName: string) {
  const t = emailsIn(locale);
  return {
    template: 'password-changed',
    subject: t('passwordChanged.subject'),
    ...layout(locale, [
      t('hello', { name: firstName }),
      t('passwordChanged.body'),
      t('notYouCall', { phone: env().PRACTICE_PHONE }),
    ]),
  };
}

export function userIdReminderMessage(
  locale: Locale,
  firstName: string,
  userId: string,
  loginUrl: string,
) {
  const t = emailsIn(locale);
  return {
    template: 'user-id-reminder',
    subject: t('userIdReminder.subject'),
    ...layout(
      locale,
      [
        t('hello', { name: firstName }),
        t('userIdReminder.body', { userId }),
        t('userIdReminder.notYou'),
      ],
      { label: t('signIn'), url: loginUrl },
    ),
  };
}

export function emailChangeConfirmMessage(locale: Locale, firstName: string, url: string) {
  const t = emailsIn(locale);
  return {
    template: 'email-change-confirm',
    subject: t('emailChangeConfirm.subject'),
    ...layout(
      locale,
      [
        t('hello', { name: firstName }),
        t('emailChangeConfirm.body'),
        t('emailChangeConfirm.notYou'),
      ],
      { label: t('emailChangeConfirm.action'), url },
    ),
  };
}

export function emailChangeNoticeMessage(locale: Locale, firstName: string) {
  const t = emailsIn(locale);
  return {
    template: 'email-change-notice',
    subject: t('emailChangeNotice.subject'),
    ...layout(locale, [
      t('hello', { name: firstName }),
      t('emailChangeNotice.body'),
      t('notYouCall', { phone: env().PRACTICE_PHONE }),
    ]),
  };
}

export function temporaryPasswordMessage(
  locale: Locale,
  firstName: string,
  userId: string,
  temporaryPassword: string,
  expiresAt: Date,
  loginUrl: string,
) {
  const t = emailsIn(locale);
  return {
    template: 'temporary-password',
    subject: t('temporaryPassword.subject'),
    ...layout(
      locale,
      [
        t('hello', { name: firstName }),
        t('temporaryPassword.intro', { userId }),
        t('temporaryPassword.password', { password: temporaryPassword }),
        t('temporaryPassword.until', {
          time: formatTime(expiresAt, locale),
          day: formatDay(expiresAt, locale),
        }),
        t('temporaryPassword.notYou', { phone: env().PRACTICE_PHONE }),
      ],
      { label: t('signIn'), url: loginUrl },
    ),
  };
}

export function recoveryCodeUsedMessage(locale: Locale, firstName: string, codesLeft: number) {
  const t = emailsIn(locale);
  return {
    template: 'recovery-code-used',
    subject: t('recoveryCodeUsed.subject'),
    ...layout(locale, [
      t('hello', { name: firstName }),
      t('recoveryCodeUsed.body', { count: codesLeft }),
      t('recoveryCodeUsed.newCodes'),
      t('notYouCall', { phone: env().PRACTICE_PHONE }),
    ]),
  };
}

export function twoStepTurnedOffMessage(
  locale: Locale,
  firstName: string,
  how: 'by_parent' | 'by_office_parent' | 'by_office_staff',
) {
  const t = emailsIn(locale);
  const why = {
    by_parent: t('twoStepOff.byParent'),
    by_office_parent: t('twoStepOff.byOfficeParent'),
    by_office_staff: t('twoStepOff.byOfficeStaff'),
  }[how];
  return {
    template: 'two-step-off',
    subject: t('twoStepOff.subject'),
    ...layout(locale, [
      t('hello', { name: firstName }),
      why,
      t('notYouCall', { phone: env().PRACTICE_PHONE }),
    ]),
  };
}

/**
 * To the owner when sign-in to the account has paused after 100 wrong tries. A parent gets a
 * reset link (which also lifts the pause); staff are sent to the help desk.
 */
export function signInPausedMessage(locale: Locale, firstName: string, resetUrl: string | null) {
  const t = emailsIn(locale);
  return {
    template: 'sign-in-paused',
    subject: t('signInPaused.subject'),
    ...layout(
      locale,
      [
        t('hello', { name: firstName }),
        t('signInPaused.intro'),
        resetUrl
          ? t('signInPaused.withReset')
          : t('signInPaused.withoutReset', { phone: env().PRACTICE_PHONE }),
      ],
      resetUrl ? { label: t('signInPaused.action'), url: resetUrl } : undefined,
    ),
  };
}

/** To the practice's administrators: one account is drawing many wrong tries. No names. */
export function sustainedSignInAttackMessage(locale: Locale, officeUrl: string) {
  const t = emailsIn(locale);
  return {
    template: 'sign-in-attack',
    subject: t('signInAttack.subject'),
    ...layout(locale, [t('signInAttack.intro'), t('signInAttack.where')], {
      label: t('signInAttack.action'),
      url: officeUrl,
    }),
  };
}
