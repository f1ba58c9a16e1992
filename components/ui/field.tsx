import type React from 'react';
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

import { RequiredMark } from './required-note';

/** What every field adds to its control's own attributes. */
interface FieldOwnProps {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
}

interface FieldShellProps extends FieldOwnProps {
  /** An asterisk after the label; the control says aria-required (the form says what * means). */
  required?: boolean;
  children: ReactNode;
}

/** Label above, hint below the label, error right under the control: read in that order by screen readers too. */
function FieldShell({ id, label, error, hint, required, children }: FieldShellProps) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium text-slate-900">
        {label}
        {required ? <RequiredMark /> : null}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </div>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const controlClass =
  'w-full rounded-md border px-3 py-2 text-base text-slate-900 bg-white shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:border-red-700';

/** The control's ARIA: required, invalid, and described by its hint and its error. */
function controlAria({
  id,
  error,
  hint,
  required,
}: Omit<FieldOwnProps, 'label'> & { required?: boolean }) {
  return {
    'aria-required': required || undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby':
      [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
      undefined,
  };
}

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & FieldOwnProps;

// `required` marks the field but is not passed to the control: the forms check on submit, with
// their own words, rather than with the browser's bubble.
export function TextField({
  id,
  label,
  error,
  hint,
  required,
  className,
  ...input
}: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required}>
      <input
        id={id}
        {...controlAria({ id, error, hint, required })}
        className={`${controlClass} border-slate-400 ${className ?? ''}`}
        {...input}
      />
    </FieldShell>
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & FieldOwnProps;

export function SelectField({
  id,
  label,
  error,
  hint,
  required,
  children,
  ...select
}: SelectFieldProps) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required}>
      <select
        id={id}
        {...controlAria({ id, error, hint, required })}
        className={`${controlClass} border-slate-400`}
        {...select}
      >
        {children}
      </select>
    </FieldShell>
  );
}

type TextAreaFieldProps = React.TextareaHTMLAttributes<HTMLTextAreaElement> & FieldOwnProps;

export function TextAreaField({
  id,
  label,
  error,
  hint,
  required,
  className,
  ...textarea
}: TextAreaFieldProps) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required}>
      <textarea
        id={id}
        {...controlAria({ id, error, hint, required })}
        className={`${controlClass} min-h-40 border-slate-400 ${className ?? ''}`}
        {...textarea}
      />
    </FieldShell>
  );
}
