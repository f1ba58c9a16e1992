'use client';

import { deferredForm } from '@/components/forms/deferred-form';

import type * as Forms from './account-forms';

// The forms' code loads after the page's (see deferredForm); the server renders them at once.
/* eslint-disable @typescript-eslint/no-require-imports */
const server =
  typeof window === 'undefined' ? (require('./account-forms') as typeof Forms) : undefined;
/* eslint-enable @typescript-eslint/no-require-imports */

export const ChangePasswordForm = deferredForm(server?.ChangePasswordForm, () =>
  import('./account-forms').then((forms) => forms.ChangePasswordForm),
);

export const ChangeEmailForm = deferredForm(server?.ChangeEmailForm, () =>
  import('./account-forms').then((forms) => forms.ChangeEmailForm),
);

export const ChangeHintForm = deferredForm(server?.ChangeHintForm, () =>
  import('./account-forms').then((forms) => forms.ChangeHintForm),
);
