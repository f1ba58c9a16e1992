import { useTranslations } from 'next-intl';
import Link from 'next/link';

import { PracticeHeader } from '@/components/practice-header';

import { SignOutButton } from './sign-out-button';

export function SignedInHeader({
  name,
  homeHref,
  links,
  extra,
}: {
  name: string;
  homeHref: string;
  links: { href: string; label: string }[];
  extra?: React.ReactNode;
}) {
  const t = useTranslations('session');
  return (
    <>
      <PracticeHeader homeHref={homeHref}>
        <span className="text-sm text-slate-700">
          {t.rich('signedInAs', { name, strong: (chunks) => <strong>{chunks}</strong> })}
        </span>
        <SignOutButton />
      </PracticeHeader>
      <nav aria-label={t('mainNav')} className="border-b border-slate-200 bg-brand-800">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-1 px-2">
          {links.map((link) => (
            <li key={link.href}>
              <Link
                href={link.href}
                className="inline-block px-3 py-3 font-medium text-white hover:bg-brand-700"
              >
                {link.label}
              </Link>
            </li>
          ))}
          {extra}
        </ul>
      </nav>
    </>
  );
}
