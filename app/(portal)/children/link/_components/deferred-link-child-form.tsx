'use client';

import { deferredForm } from '@/components/forms/deferred-form';

import type * as Forms from './link-child-form';

// The forms' code loads after the page's (see deferredForm); the server renders them at once.
/* eslint-disable @typescript-eslint/no-require-imports */
const server =
  typeof window === 'undefined' ? (require('./link-child-form') as typeof Forms) : undefined;
/* eslint-enable @typescript-eslint/no-require-imports */

export const LinkChildForm = deferredForm(server?.LinkChildForm, () =>
  import('./link-child-form').then((forms) => forms.LinkChildForm),
);
