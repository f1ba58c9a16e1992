import { useTranslations } from 'next-intl';
import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'link';

const variants: Record<Variant, string> = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700 disabled:bg-slate-400',
  secondary:
    'border border-slate-400 bg-white text-slate-900 hover:bg-slate-100 disabled:text-slate-500',
  danger: 'bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-400',
  link: 'text-brand-600 underline hover:text-brand-800 px-0 py-0',
};

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  pending?: boolean;
  pendingLabel?: string;
};

/** A button that says it is working and cannot be pressed twice while a submit is in flight. */
export function Button({
  variant = 'primary',
  pending = false,
  pendingLabel,
  children,
  className,
  disabled,
  type = 'button',
  ...rest
}: ButtonProps) {
  const t = useTranslations('common');
  const padding = variant === 'link' ? '' : 'min-h-11 px-4 py-2';
  return (
    <button
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={`inline-flex items-center justify-center gap-2 rounded-md font-semibold ${padding} ${variants[variant]} ${className ?? ''}`}
      {...rest}
    >
      {pending ? (
        <>
          <span
            aria-hidden="true"
            className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent"
          />
          {pendingLabel ?? t('pleaseWait')}
        </>
      ) : (
        children
      )}
    </button>
  );
}
