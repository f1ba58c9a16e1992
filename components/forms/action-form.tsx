import { useTranslations } from 'next-intl';
import type { FormEvent, FormHTMLAttributes, ReactNode } from 'react';

import { Alert } from '@/components/ui/alert';
import { RequiredNote } from '@/components/ui/required-note';

/** What useActionForm hands the form: how it is sent, and what to say at its top. */
interface ActionFormState {
  formProps: {
    action: (formData: FormData) => void;
    onSubmit: (event?: FormEvent<HTMLFormElement>) => Promise<void>;
    noValidate: boolean;
  };
  formError: string | null;
  worksWithoutJavaScript: boolean;
}

type ActionFormProps = Omit<
  FormHTMLAttributes<HTMLFormElement>,
  'action' | 'method' | 'onSubmit' | 'encType' | 'noValidate'
> & {
  form: ActionFormState;
  /** Off for a form with no field to fill (a single confirm button), or one that places it itself. */
  requiredNote?: boolean;
  /** Off for a form that shows its error lower down, after its own heading. */
  formErrorAtTop?: boolean;
  children: ReactNode;
};

/**
 * Every form built on useActionForm: never sent by GET (React posts a server action, and gives a
 * client-only action no address at all), the form's error at the top, the asterisk note once
 * above the fields, and a word for someone whose browser runs no JavaScript.
 */
export function ActionForm({
  form,
  requiredNote = true,
  formErrorAtTop = true,
  children,
  ...rest
}: ActionFormProps) {
  const t = useTranslations('common');
  return (
    <form {...rest} {...form.formProps}>
      {form.worksWithoutJavaScript ? null : (
        <noscript>
          <Alert tone="warning">{t('needsJavaScript')}</Alert>
        </noscript>
      )}
      {formErrorAtTop && form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      {requiredNote ? <RequiredNote /> : null}
      {children}
    </form>
  );
}
