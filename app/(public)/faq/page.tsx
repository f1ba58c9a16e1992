import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { env } from '@/lib/env';

import { RequestsFaq } from './_components/requests-faq';

export const metadata: Metadata = {
  title: 'Questions and answers',
  description:
    'Plain answers about the patient portal: signing up, PINs, messages, passwords and privacy.',
};

const link = 'text-blue-700 underline';

function faqs(
  phone: string,
  pinDays: number,
  adultAge: number,
): { id: string; question: string; answer: ReactNode }[] {
  return [
    {
      id: 'what-is-it',
      question: 'What is the patient portal?',
      answer: (
        <p>
          A secure website where you, as a parent or guardian, can see parts of your children’s
          health information and send the office messages, at any time of day.{' '}
          <Link href="/" className={link}>
            Sign in on the home page
          </Link>
          .
        </p>
      ),
    },
    {
      id: 'free',
      question: 'Does it cost anything?',
      answer: (
        <p>
          No. The portal is free.{' '}
          <Link href="/signup" className={link}>
            Create a free account
          </Link>
          .
        </p>
      ),
    },
    {
      id: 'emergencies',
      question: 'Can I use it in an emergency?',
      answer: (
        <p>
          No. Messages are read during office hours and can take a day or more to answer. In an
          emergency, call 911 or go to the nearest emergency room. If your child is sick today, call
          the office at {phone}. See the{' '}
          <Link href="/contact" className={link}>
            contact page
          </Link>{' '}
          for after-hours advice.
        </p>
      ),
    },
    {
      id: 'record',
      question: 'What can I see of my child’s health record?',
      answer: (
        <>
          <p>
            Choose your child on the{' '}
            <Link href="/dashboard" className={link}>
              home page after you sign in
            </Link>
            . You will see allergies, medicines, ongoing health problems, vaccines, visits with the
            doctor’s notes for you, growth measurements and test results, newest first, and when the
            next check-up is due.
          </p>
          <p className="mt-2">
            Growth charts show each measurement against other children of the same age and sex, with
            its percentile; the vaccine list shows where your child stands against the usual
            schedule (a guide: your child’s clinician decides). Test results appear once the doctor
            has looked at them, sometimes with a note for you. For teenagers, some care is private
            between the teen and the doctor, as the law allows: it is not shown in the portal.
          </p>
          <p className="mt-2">
            Need a vaccine record for school, daycare or camp? Open the Immunizations part of your
            child’s record and choose “Print for school or daycare”: you can print it or download it
            as a PDF. Some schools ask for a signed copy: bring it to the office. Or send the school
            nurse, daycare or camp a share link (“Make a share link” on your child’s record): they
            see the vaccine record and nothing else, for the time you choose (1 hour to 7 days),
            with a 4-number code you tell them yourself. You can turn a link off at any time, and
            each opening shows on your child’s activity page. Moving to another practice or using a
            health app? “Download health record (FHIR)” on your child’s record gives a standard file
            other systems can read.
          </p>
        </>
      ),
    },
    {
      id: 'security',
      question: 'How safe is my child’s information?',
      answer: (
        <>
          <p>
            The connection to the portal is encrypted, and only someone who knows your User ID and
            password can sign in. After a few wrong passwords from one place, the portal makes that
            place wait before the next try, while you can still sign in from your own phone or
            computer. You are signed out by yourself after 30 minutes without activity.
          </p>
          <p className="mt-2">
            For more protection, turn on <strong>two-step verification</strong> in{' '}
            <Link href="/account/two-step" className={link}>
              Account settings
            </Link>
            : signing in will then need your password and a 6-digit code from a free authenticator
            app on your phone. You get 10 recovery codes for the day your phone is lost; if you lose
            those too, call the office.
          </p>
          <p className="mt-2">
            Each time anyone opens or changes your child’s information (you, another parent or
            guardian, or the office), the portal records who, what and when in your child’s{' '}
            <strong>audit trail</strong>, a record that nobody can edit.{' '}
            <Link href="/children/activity" className={link}>
              See your child’s audit trail
            </Link>{' '}
            (or, on your child’s record, choose “See who has seen” their information): office staff
            are listed by name and role. You can see your own recent sign-ins in{' '}
            <Link href="/account" className={link}>
              Account settings
            </Link>
            . Emails from the portal never contain health information: they only say that something
            is waiting.
          </p>
        </>
      ),
    },
    {
      id: 'register',
      question: 'How do I sign up, and what is a PIN?',
      answer: (
        <p>
          First{' '}
          <Link href="/signup" className={link}>
            create your own free account
          </Link>
          . Then, to see a child, you need a PIN: a one-time code of 10 letters and numbers (like
          K7M4Q-9XR2T) that the office gives you after checking who you are. Once your account is
          created, you are signed in and the portal asks for the PIN: type it with your child’s date
          of birth. No PIN yet? Link your child later with “Link a child” on your home page. The{' '}
          <Link href="/help/registration" className={link}>
            step-by-step help
          </Link>{' '}
          shows each screen.
        </p>
      ),
    },
    {
      id: 'several-children',
      question: 'I have more than one child. Do I need more accounts?',
      answer: (
        <p>
          No. One account works for all your children. Ask the office for a PIN for each child, then{' '}
          <Link href="/children/link" className={link}>
            link each one
          </Link>{' '}
          from your home page.
        </p>
      ),
    },
    {
      id: 'several-guardians',
      question: 'Can both parents see our child?',
      answer: (
        <p>
          Yes. Each parent or guardian creates their own account and gets their own PIN from the
          office. A PIN works once, for one person, so please don’t share yours. Each of you has
          your own messages with the office.
        </p>
      ),
    },
    {
      id: 'adult-family-member',
      question: 'Why can’t I add my spouse, my parent or another adult to my account?',
      answer: (
        <p>
          The portal can only link children, and only to their own parents or guardians, after the
          office has checked who they are. It cannot check another adult’s identity for you, and an
          adult’s health information belongs to them. Another adult who cares for your child can
          call the office and ask for their own PIN. When a child turns {adultAge}, their
          information becomes theirs, and it leaves their parents’ accounts.
        </p>
      ),
    },
    {
      id: 'messages',
      question: 'How do I send the office a message?',
      answer: (
        <p>
          Sign in and choose{' '}
          <Link href="/services/message" className={link}>
            Patient Services → Send a secure message
          </Link>
          . Pick the child, then the type of question: clinical, general office or billing. New
          messages are not started from the Inbox; the Inbox is where the office’s answers arrive
          and where you reply.
        </p>
      ),
    },
    {
      id: 'forgot-password',
      question: 'I forgot my password.',
      answer: (
        <p>
          Choose{' '}
          <Link href="/forgot-password" className={link}>
            I forgot my password
          </Link>{' '}
          and type your User ID or email. We email you a link; open it within 30 minutes, answer
          your hint question and choose a new password. Forgot your User ID?{' '}
          <Link href="/forgot-user-id" className={link}>
            We can email it to you
          </Link>
          . Still stuck? Call the office at {phone}.
        </p>
      ),
    },
    {
      id: 'expired-pin',
      question: 'My PIN does not work or has expired.',
      answer: (
        <p>
          A PIN works once and expires {pinDays} days after the office issues it. Check that you
          typed the date of birth your child was born on. If it still does not work, call the office
          at {phone} for a new one; your old PIN stops working when the new one is issued.
        </p>
      ),
    },
    {
      id: 'lost-letter',
      question: 'I lost my PIN letter or my temporary password letter.',
      answer: (
        <p>
          Call the office at {phone}. After checking who you are, we can issue a new PIN, or email a
          new temporary password to the address on your account. A temporary password works for 72
          hours, and you choose your own password the first time you sign in with it.
        </p>
      ),
    },
  ];
}

export default function FaqPage() {
  const { PRACTICE_PHONE, PIN_TTL_DAYS, AGE_OF_MAJORITY } = env();
  const items = faqs(PRACTICE_PHONE, PIN_TTL_DAYS, AGE_OF_MAJORITY);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <h1 className="text-2xl font-bold">Questions and answers</h1>
      <nav
        aria-labelledby="faq-contents"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="faq-contents" className="mb-2 font-semibold">
          On this page
        </h2>
        <ul className="flex flex-col gap-1">
          {items.map((item) => (
            <li key={item.id}>
              <a href={`#${item.id}`} className={`${link} inline-block py-1`}>
                {item.question}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {items.map((item) => (
        <section key={item.id} aria-labelledby={item.id} className="scroll-mt-4">
          <h2 id={item.id} className="mb-2 text-lg font-semibold">
            <a href={`#${item.id}`} className="text-slate-900 no-underline hover:underline">
              {item.question}
            </a>
          </h2>
          {item.answer}
        </section>
      ))}
      <RequestsFaq />
    </div>
  );
}
