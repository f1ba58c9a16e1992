import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { env } from '@/lib/env';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { RequestsFaq } from './_components/requests-faq';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('faq');
  return { title: t('metaTitle'), description: t('metaDescription') };
}

const link = 'text-blue-700 underline';

// Each answer's paragraphs, by catalog key; the texts live in messages/*.json under "faq.items".
const items = [
  { id: 'what-is-it', question: 'items.whatIsIt.question', paragraphs: ['items.whatIsIt.p1'] },
  { id: 'free', question: 'items.free.question', paragraphs: ['items.free.p1'] },
  {
    id: 'emergencies',
    question: 'items.emergencies.question',
    paragraphs: ['items.emergencies.p1'],
  },
  {
    id: 'record',
    question: 'items.record.question',
    paragraphs: ['items.record.p1', 'items.record.p2', 'items.record.p3'],
  },
  {
    id: 'security',
    question: 'items.security.question',
    paragraphs: ['items.security.p1', 'items.security.p2', 'items.security.p3'],
  },
  { id: 'register', question: 'items.register.question', paragraphs: ['items.register.p1'] },
  {
    id: 'several-children',
    question: 'items.severalChildren.question',
    paragraphs: ['items.severalChildren.p1'],
  },
  {
    id: 'several-guardians',
    question: 'items.severalGuardians.question',
    paragraphs: ['items.severalGuardians.p1'],
  },
  {
    id: 'adult-family-member',
    question: 'items.adultFamilyMember.question',
    paragraphs: ['items.adultFamilyMember.p1'],
  },
  { id: 'messages', question: 'items.messages.question', paragraphs: ['items.messages.p1'] },
  {
    id: 'forgot-password',
    question: 'items.forgotPassword.question',
    paragraphs: ['items.forgotPassword.p1'],
  },
  {
    id: 'expired-pin',
    question: 'items.expiredPin.question',
    paragraphs: ['items.expiredPin.p1'],
  },
  {
    id: 'lost-letter',
    question: 'items.lostLetter.question',
    paragraphs: ['items.lostLetter.p1'],
  },
] as const;

/** The links and emphasis the answers may use: `<signup>…</signup>` in the catalog. */
function richTags() {
  const to = (href: string) =>
    function FaqLink(chunks: ReactNode) {
      return (
        <Link href={href} className={link}>
          {chunks}
        </Link>
      );
    };
  return {
    home: to('/'),
    signup: to('/signup'),
    contact: to('/contact'),
    dashboard: to('/dashboard'),
    twoStep: to('/account/two-step'),
    activity: to('/children/activity'),
    account: to('/account'),
    help: to('/help/registration'),
    video: to('/help/registration#registration-video-heading'),
    helpDesk: to('/help-desk'),
    link: to('/children/link'),
    message: to('/services/message'),
    forgot: to('/forgot-password'),
    forgotId: to('/forgot-user-id'),
    strong: (chunks: ReactNode) => <strong>{chunks}</strong>,
  };
}

export default portalPage(async function FaqPage() {
  const { PRACTICE_PHONE, PIN_TTL_DAYS, AGE_OF_MAJORITY } = env();
  const t = await getT('faq');
  const values = {
    ...richTags(),
    phone: PRACTICE_PHONE,
    pinDays: PIN_TTL_DAYS,
    adultAge: AGE_OF_MAJORITY,
  };
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <nav
        aria-labelledby="faq-contents"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="faq-contents" className="mb-2 font-semibold">
          {t('contents')}
        </h2>
        <ul className="flex flex-col gap-1">
          {items.map((item) => (
            <li key={item.id}>
              <a href={`#${item.id}`} className={`${link} inline-block py-1`}>
                {t(item.question)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {items.map((item) => (
        <section key={item.id} aria-labelledby={item.id} className="scroll-mt-4">
          <h2 id={item.id} className="mb-2 text-lg font-semibold">
            <a href={`#${item.id}`} className="text-slate-900 no-underline hover:underline">
              {t(item.question)}
            </a>
          </h2>
          {item.paragraphs.map((paragraph, index) => (
            <p key={paragraph} className={index > 0 ? 'mt-2' : undefined}>
              {t.rich(paragraph, values)}
            </p>
          ))}
        </section>
      ))}
      <RequestsFaq />
    </div>
  );
});
