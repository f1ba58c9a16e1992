'use client';

import { deferredForm } from '@/components/forms/deferred-form';

import type * as Manage from './two-step-manage';
import type * as Setup from './two-step-setup';

// The forms' code loads after the page's (see deferredForm); the server renders them at once.
/* eslint-disable @typescript-eslint/no-require-imports */
const server =
  typeof window === 'undefined'
    ? {
        ...(require('./two-step-setup') as typeof Setup),
        ...(require('./two-step-manage') as typeof Manage),
      }
    : undefined;
/* eslint-enable @typescript-eslint/no-require-imports */

export const TwoStepSetup = deferredForm(server?.TwoStepSetup, () =>
  import('./two-step-setup').then((forms) => forms.TwoStepSetup),
);

export const NewRecoveryCodesForm = deferredForm(server?.NewRecoveryCodesForm, () =>
  import('./two-step-manage').then((forms) => forms.NewRecoveryCodesForm),
);

export const TurnOffTwoStepForm = deferredForm(server?.TurnOffTwoStepForm, () =>
  import('./two-step-manage').then((forms) => forms.TurnOffTwoStepForm),
);
