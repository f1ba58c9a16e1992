'use client';

import { deferredForm } from '@/components/forms/deferred-form';

import type * as Forms from './share-link-form';

// The forms' code loads after the page's (see deferredForm); the server renders them at once.
/* eslint-disable @typescript-eslint/no-require-imports */
const server =
  typeof window === 'undefined' ? (require('./share-link-form') as typeof Forms) : undefined;
/* eslint-enable @typescript-eslint/no-require-imports */

export const ShareLinkForm = deferredForm(server?.ShareLinkForm, () =>
  import('./share-link-form').then((forms) => forms.ShareLinkForm),
);
