'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';

import { submitSecondFactor } from '../actions';

/** The code step of signing in; a recovery code goes in the same box. */
export function SecondFactorForm({ portal }: { portal: 'parent' | 'staff' }) {
  const t = useTranslations('twoStep');
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const submission = useActionForm({
    schema: () => import('@/lib/two-step/schemas').then((schemas) => schemas.secondFactorSchema),
    action: submitSecondFactor,
    defaultValues: { code: '', portal },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('form')}>
      {/* In the page itself, so the form can be posted before the JavaScript has run. */}
      <input type="hidden" defaultValue={portal} {...form.register('portal')} />
      {useRecoveryCode ? (
        <TextField
          key="recovery"
          id="second-factor-recovery"
          label={t('recoveryCode')}
          required
          hint={t('recoveryCodeHint')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          error={errorOf('code')}
          {...form.register('code')}
        />
      ) : (
        <TextField
          key="totp"
          id="second-factor-code"
          label={t('verificationCode')}
          required
          hint={t('verificationCodeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          error={errorOf('code')}
          {...form.register('code')}
        />
      )}
      <Button type="submit" pending={form.formState.isSubmitting} pendingLabel={t('checking')}>
        {t('verify')}
      </Button>
      <Button
        variant="link"
        className="self-start py-2"
        onClick={() => {
          form.setValue('code', '');
          form.clearErrors();
          setUseRecoveryCode((value) => !value);
        }}
      >
        {useRecoveryCode ? t('useAppCode') : t('useRecoveryCode')}
      </Button>
    </ActionForm>
  );
}
