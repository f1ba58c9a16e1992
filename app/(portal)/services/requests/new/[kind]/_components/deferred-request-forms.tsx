'use client';

import { deferredForm } from '@/components/forms/deferred-form';

import type * as Appointment from './appointment-form';
import type * as FormRequest from './form-request-form';
import type * as RecordsRequest from './records-request-form';
import type * as Renewal from './renewal-form';

// The forms' code loads after the page's (see deferredForm); the server renders them at once.
/* eslint-disable @typescript-eslint/no-require-imports */
const server =
  typeof window === 'undefined'
    ? {
        ...(require('./appointment-form') as typeof Appointment),
        ...(require('./form-request-form') as typeof FormRequest),
        ...(require('./records-request-form') as typeof RecordsRequest),
        ...(require('./renewal-form') as typeof Renewal),
      }
    : undefined;
/* eslint-enable @typescript-eslint/no-require-imports */

export const AppointmentForm = deferredForm(server?.AppointmentForm, () =>
  import('./appointment-form').then((forms) => forms.AppointmentForm),
);

export const FormRequestForm = deferredForm(server?.FormRequestForm, () =>
  import('./form-request-form').then((forms) => forms.FormRequestForm),
);

export const RecordsRequestForm = deferredForm(server?.RecordsRequestForm, () =>
  import('./records-request-form').then((forms) => forms.RecordsRequestForm),
);

export const RenewalForm = deferredForm(server?.RenewalForm, () =>
  import('./renewal-form').then((forms) => forms.RenewalForm),
);
