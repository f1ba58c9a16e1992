import type { ReactNode } from 'react';

type Tone = 'error' | 'info' | 'success' | 'warning';

const tones: Record<Tone, string> = {
  error: 'border-red-700 bg-red-50 text-red-900',
  info: 'border-brand-600 bg-brand-50 text-slate-900',
  success: 'border-green-700 bg-green-50 text-green-900',
  warning: 'border-amber-600 bg-amber-50 text-amber-950',
};

export function Alert({
  tone = 'info',
  title,
  children,
  id,
}: {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
  id?: string;
}) {
  return (
    <div
      id={id}
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-md border-l-4 p-4 ${tones[tone]}`}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? 'mt-1' : ''}>{children}</div> : null}
    </div>
  );
}
