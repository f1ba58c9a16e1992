import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';

import local from './eslint-rules/client-boundary.mjs';

// Files whose words have not yet moved into the catalogs (#20). Remove a file from this list
// when it is translated; the list ends empty.
const notYetTranslated = [
  'app/(portal)/_components/inbox-link.tsx',
  'app/(portal)/_components/patient-services-menu.tsx',
  'app/(portal)/_components/writing-notice.tsx',
  'app/(portal)/account/_components/account-forms.tsx',
  'app/(portal)/account/_components/message-emails-toggle.tsx',
  'app/(portal)/account/page.tsx',
  'app/(portal)/account/two-step/page.tsx',
  'app/(portal)/children/[childId]/_components/parent-record.tsx',
  'app/(portal)/children/[childId]/_components/share-link-list.tsx',
  'app/(portal)/children/[childId]/activity/page.tsx',
  'app/(portal)/children/[childId]/growth/page.tsx',
  'app/(portal)/children/[childId]/immunizations/print/page.tsx',
  'app/(portal)/children/[childId]/immunizations/share/_components/share-link-form.tsx',
  'app/(portal)/children/[childId]/immunizations/share/page.tsx',
  'app/(portal)/children/[childId]/page.tsx',
  'app/(portal)/children/activity/page.tsx',
  'app/(portal)/children/link/_components/link-child-form.tsx',
  'app/(portal)/children/link/page.tsx',
  'app/(portal)/dashboard/_components/resend-verification-button.tsx',
  'app/(portal)/dashboard/page.tsx',
  'app/(portal)/inbox/[conversationId]/page.tsx',
  'app/(portal)/inbox/page.tsx',
  'app/(portal)/layout.tsx',
  'app/(portal)/services/message/_components/send-message-form.tsx',
  'app/(portal)/services/message/page.tsx',
  'app/(portal)/services/message/sent/page.tsx',
  'app/(portal)/welcome/page.tsx',
  'app/(public)/_components/emergency-notice.tsx',
  'app/(public)/_components/recovery-forms.tsx',
  'app/(public)/choose-password/_components/choose-password-form.tsx',
  'app/(public)/choose-password/page.tsx',
  'app/(public)/forgot-password/page.tsx',
  'app/(public)/forgot-user-id/page.tsx',
  'app/(public)/login/page.tsx',
  'app/(public)/page.tsx',
  'app/(public)/reset-password/page.tsx',
  'app/(public)/share/[token]/_components/shared-record-opener.tsx',
  'app/(public)/share/[token]/not-found.tsx',
  'app/(public)/share/[token]/page.tsx',
  'app/(public)/signup/_components/sign-up-form.tsx',
  'app/(public)/signup/page.tsx',
  'app/(public)/verify-email/_components/confirm-email-form.tsx',
  'app/(public)/verify-email/page.tsx',
  'app/global-error.tsx',
  'app/session/_components/idle-warning.tsx',
  'app/session/_components/sign-out-button.tsx',
  'app/session/_components/signed-in-header.tsx',
  'app/session/two-step/_components/recovery-codes.tsx',
  'app/session/two-step/_components/second-factor-form.tsx',
  'app/session/two-step/_components/second-factor-step.tsx',
  'app/session/two-step/_components/two-step-manage.tsx',
  'app/session/two-step/_components/two-step-setup.tsx',
  'app/staff/(office)/_components/accounts-under-attack.tsx',
  'app/staff/(office)/_components/caller-verification-fieldset.tsx',
  'app/staff/(office)/_components/help-desk-controls.tsx',
  'app/staff/(office)/_components/staff-setup-form.tsx',
  'app/staff/(office)/_components/temporary-password-letter.tsx',
  'app/staff/(office)/_components/undelivered-mail.tsx',
  'app/staff/(office)/accounts/[accountId]/page.tsx',
  'app/staff/(office)/accounts/page.tsx',
  'app/staff/(office)/audit/[eventId]/page.tsx',
  'app/staff/(office)/audit/page.tsx',
  'app/staff/(office)/integrations/_components/disable-integration-button.tsx',
  'app/staff/(office)/integrations/_components/register-integration-form.tsx',
  'app/staff/(office)/integrations/page.tsx',
  'app/staff/(office)/messages/[conversationId]/_components/staff-conversation-controls.tsx',
  'app/staff/(office)/messages/[conversationId]/page.tsx',
  'app/staff/(office)/messages/new/_components/start-conversation-form.tsx',
  'app/staff/(office)/messages/new/page.tsx',
  'app/staff/(office)/messages/page.tsx',
  'app/staff/(office)/page.tsx',
  'app/staff/(office)/patients/[childId]/_components/chart-entry-controls.tsx',
  'app/staff/(office)/patients/[childId]/_components/chart-entry-form.tsx',
  'app/staff/(office)/patients/[childId]/_components/issue-pin-form.tsx',
  'app/staff/(office)/patients/[childId]/_components/pin-and-access-controls.tsx',
  'app/staff/(office)/patients/[childId]/_components/pin-letter.tsx',
  'app/staff/(office)/patients/[childId]/_components/staff-chart.tsx',
  'app/staff/(office)/patients/[childId]/_components/vaccine-combobox.tsx',
  'app/staff/(office)/patients/[childId]/edit/page.tsx',
  'app/staff/(office)/patients/[childId]/growth/page.tsx',
  'app/staff/(office)/patients/[childId]/page.tsx',
  'app/staff/(office)/patients/_components/child-form.tsx',
  'app/staff/(office)/patients/new/page.tsx',
  'app/staff/(office)/patients/page.tsx',
  'app/staff/(office)/users/_components/create-staff-user-form.tsx',
  'app/staff/(office)/users/_components/staff-user-controls.tsx',
  'app/staff/(office)/users/page.tsx',
  'app/staff/login/page.tsx',
  'app/staff/setup/page.tsx',
  'app/staff/two-step/page.tsx',
  'components/error-content.tsx',
  'components/forms/action-form.tsx',
  'components/forms/hint-question-options.tsx',
  'components/forms/password-strength-meter.tsx',
  'components/forms/sign-in-form.tsx',
  'components/growth/growth-chart.tsx',
  'components/growth/growth-section.tsx',
  'components/messaging/message-thread.tsx',
  'components/messaging/reply-form.tsx',
  'components/not-found-content.tsx',
  'components/practice-header-view.tsx',
  'components/records/immunization-record-sheet.tsx',
  'components/records/immunization-status.tsx',
  'components/records/print-button.tsx',
  'components/site-footer-view.tsx',
  'components/ui/pager.tsx',
  'components/ui/required-note.tsx',
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // A bare db.delete()/db.update() without .where() rewrites a whole table.
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Only lib/env.ts may read the environment; scripts and configs run outside the app.
    files: ['app/**', 'components/**', 'lib/**', 'db/**'],
    ignores: ['lib/env.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through lib/env.ts.' },
      ],
    },
  },
  // The layers point one way: app → components → lib → db. A lower room never imports a higher
  // one, so a domain function can be tested without pages and a table without the domain.
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/app/**'],
              message:
                'components/ is shared by routes and cannot depend on one. Take the action as a prop, or move the component into that route’s _components/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/app/**', '@/components/**'],
              message:
                'lib/ is the domain: it returns data and never imports routes or components.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**'],
    // The seed builds demo data through the domain functions so that it is audited and
    // hashed exactly like real data; it runs as a script and nothing in lib/ imports it.
    ignores: ['db/seed.ts', 'db/seed-records.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Vocabularies import nothing and are shared by tables and forms; lib/env parses
              // the configuration that chooses the database.
              regex: '^@/(app|components)/|^@/lib/(?!env$|[^/]+/vocabulary$)',
              message:
                'db/ is the bottom layer. A list of choices shared with the forms belongs in a lib/<domain>/vocabulary.ts that imports nothing.',
            },
          ],
        },
      ],
    },
  },
  {
    // A vocabulary is imported by db/, lib/ and the browser alike, so it stays a leaf.
    files: ['lib/*/vocabulary.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/**', '.*'], message: 'A vocabulary imports nothing.' }] },
      ],
    },
  },
  {
    files: ['app/**', 'components/**', 'lib/**', 'db/**'],
    plugins: { local },
    // Cycles are looked for in our own files only; parsing dependencies made lint minutes long.
    settings: { 'import/ignore': ['node_modules'] },
    rules: {
      'local/client-boundary': 'error',
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Every word on a page comes from messages/*.json. The developer mail viewer (app/dev) is
    // served only in development and stays in English.
    files: ['app/**/*.tsx', 'components/**/*.tsx'],
    ignores: ['app/dev/**', ...notYetTranslated.map((file) => file.replace(/[()[\]]/g, '\\$&'))],
    plugins: { local },
    rules: { 'local/no-literal-text': 'error' },
  },
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'drizzle/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
];
export default config;
