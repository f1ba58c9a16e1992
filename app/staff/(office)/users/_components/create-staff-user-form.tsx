'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/field';
import { RequiredMark } from '@/components/ui/required-note';
import { createStaffUserSchema, SETUP_LINK_HOURS } from '@/lib/staff/schemas';
import { staffRoles } from '@/lib/staff/vocabulary';

import { createStaffAccount } from '../actions';

export function CreateStaffUserForm() {
  const t = useTranslations('staffForms.createUser');
  const tRoles = useTranslations('staffForms.roles');
  const router = useRouter();
  const [created, setCreated] = useState(false);
  const submission = useActionForm({
    schema: createStaffUserSchema,
    action: createStaffAccount,
    defaultValues: { firstName: '', lastName: '', userId: '', email: '', roles: [] },
    onSuccess: () => {
      setCreated(true);
      form.reset();
      router.refresh();
    },
  });
  const { form, errorOf } = submission;
  const { register, formState } = form;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('label')}>
      <p className="text-slate-700">{t('intro')}</p>
      {created ? <Alert tone="success">{t('created', { hours: SETUP_LINK_HOURS })}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="staff-firstName"
          label={t('firstName')}
          required
          error={errorOf('firstName')}
          {...register('firstName')}
        />
        <TextField
          id="staff-lastName"
          label={t('lastName')}
          required
          error={errorOf('lastName')}
          {...register('lastName')}
        />
        <TextField
          id="staff-userId"
          label={t('userId')}
          required
          autoCapitalize="none"
          error={errorOf('userId')}
          {...register('userId')}
        />
        <TextField
          id="staff-email"
          label={t('email')}
          required
          type="email"
          error={errorOf('email')}
          {...register('email')}
        />
      </div>
      <fieldset aria-describedby={errorOf('roles') ? 'staff-roles-error' : undefined}>
        <legend className="font-medium">
          {t('roles')}
          <RequiredMark />
        </legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {staffRoles.map((role) => (
            <label key={role} className="inline-flex min-h-11 items-center gap-2">
              <input type="checkbox" value={role} className="size-5" {...register('roles')} />
              {tRoles(role)}
            </label>
          ))}
        </div>
        {errorOf('roles') ? (
          <p id="staff-roles-error" role="alert" className="text-sm font-medium text-red-700">
            {errorOf('roles')}
          </p>
        ) : null}
      </fieldset>
      <SubmitButton pending={formState.isSubmitting} pendingLabel={t('creating')}>
        {t('submit')}
      </SubmitButton>
    </ActionForm>
  );
}
