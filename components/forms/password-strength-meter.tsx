'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

const levels = ['veryWeak', 'weak', 'fair', 'strong', 'veryStrong'] as const;
const colors = [
  'bg-red-700',
  'bg-red-600',
  'bg-amber-500',
  'bg-green-600',
  'bg-green-700',
] as const;

/**
 * The same zxcvbn check the server makes, loaded only when someone starts typing a password
 * (its dictionaries are large). Score 3 or more is accepted. zxcvbn names the pattern it found
 * with a key ("straightRow"), worded here in the reader's language.
 */
export function PasswordStrengthMeter({
  password,
  userInputs,
}: {
  password: string;
  userInputs: string[];
}) {
  const t = useTranslations('password');
  const [result, setResult] = useState<{ score: number; warning: string | null } | null>(null);
  const inputsKey = userInputs.join('\u0000');

  useEffect(() => {
    if (!password) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const { estimatePasswordStrength } = await import('@/lib/accounts/password-strength');
      const estimate = estimatePasswordStrength(password, inputsKey.split('\u0000'));
      if (!cancelled) setResult({ score: estimate.score, warning: estimate.feedback.warning });
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [password, inputsKey]);

  if (!password || !result) return <p className="text-sm text-slate-600">{t('advice')}</p>;
  const score = Math.min(Math.max(result.score, 0), 4);
  const level = levels[score] ?? 'veryWeak';
  const warningKey = `warnings.${result.warning}` as Parameters<typeof t.has>[0];
  const warning = result.warning && t.has(warningKey) ? t(warningKey) : null;
  return (
    <div className="flex flex-col gap-1" aria-live="polite">
      <div className="flex gap-1" aria-hidden="true">
        {levels.map((level, index) => (
          <span
            key={level}
            className={`h-2 flex-1 rounded ${index <= score ? colors[score] : 'bg-slate-200'}`}
          />
        ))}
      </div>
      <p className="text-sm text-slate-700">
        {t.rich('strength', {
          level: t(`levels.${level}`),
          strong: (chunks) => <strong>{chunks}</strong>,
        })}{' '}
        {score < 3 ? t('notStrongEnough') : null} {warning}
      </p>
    </div>
  );
}
