'use client';

import { deferredForm } from '@/components/forms/deferred-form';

import type * as Forms from './reply-form';

// The forms' code loads after the page's (see deferredForm); the server renders them at once.
/* eslint-disable @typescript-eslint/no-require-imports */
const server =
  typeof window === 'undefined' ? (require('./reply-form') as typeof Forms) : undefined;
/* eslint-enable @typescript-eslint/no-require-imports */

export const ReplyForm = deferredForm(server?.ReplyForm, () =>
  import('./reply-form').then((forms) => forms.ReplyForm),
);
