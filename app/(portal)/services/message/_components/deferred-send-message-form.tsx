'use client';

import { deferredForm } from '@/components/forms/deferred-form';

import type * as Forms from './send-message-form';

// The forms' code loads after the page's (see deferredForm); the server renders them at once.
/* eslint-disable @typescript-eslint/no-require-imports */
const server =
  typeof window === 'undefined' ? (require('./send-message-form') as typeof Forms) : undefined;
/* eslint-enable @typescript-eslint/no-require-imports */

export const SendMessageForm = deferredForm(server?.SendMessageForm, () =>
  import('./send-message-form').then((forms) => forms.SendMessageForm),
);
