'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { signInProblemStatusSchema } from '@/lib/help-desk/schemas';

import { markSignInProblem } from '../actions';

/** "Called back" / "Close" on one Help Desk report. */
export function SignInProblemControls({
  problemId,
  status,
}: {
  problemId: string;
  status: 'new' | 'called_back';
}) {
  const t = useTranslations('staffSignInProblems');
  return (
    <div className="flex flex-wrap gap-2">
      {status === 'new' ? (
        <StatusButton problemId={problemId} status="called_back" label={t('markCalledBack')} />
      ) : null}
      <StatusButton problemId={problemId} status="closed" label={t('close')} />
    </div>
  );
}

function StatusButton({
  problemId,
  status,
  label,
}: {
  problemId: string;
  status: 'called_back' | 'closed';
  label: string;
}) {
  const t = useTranslations('staffSignInProblems');
  const router = useRouter();
  const submission = useActionForm({
    schema: signInProblemStatusSchema,
    action: markSignInProblem,
    defaultValues: { problemId, status },
    worksWithoutJavaScript: true,
    onSuccess: () => router.refresh(),
  });
  return (
    <ActionForm form={submission} requiredNote={false}>
      <input type="hidden" {...submission.form.register('problemId')} />
      <input type="hidden" {...submission.form.register('status')} />
      <Button
        type="submit"
        variant="secondary"
        pending={submission.pending}
        pendingLabel={t('saving')}
      >
        {label}
      </Button>
    </ActionForm>
  );
}
