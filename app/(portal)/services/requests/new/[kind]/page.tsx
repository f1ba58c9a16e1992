import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';

import { getDb } from '@/db';
import { requireLinkedChild, requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { listLinkedChildren } from '@/lib/guardianship/access';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { renewableMedications, savedPharmacy } from '@/lib/requests/create';
import {
  appointmentReasons,
  contactMethods,
  formTypes,
  recordsScopes,
  requestKinds,
  type RequestKind,
} from '@/lib/requests/vocabulary';

import { RequestNotice } from '../../_components/request-notice';
import {
  AppointmentForm,
  FormRequestForm,
  RecordsRequestForm,
  RenewalForm,
} from './_components/deferred-request-forms';

const isKind = (value: string): value is RequestKind =>
  (requestKinds as readonly string[]).includes(value);

export async function generateMetadata({
  params,
}: {
  params: Promise<{ kind: string }>;
}): Promise<Metadata> {
  const { kind } = await params;
  const t = await getT('requests');
  return { title: isKind(kind) ? t(`kinds.${kind}`) : t('index.title') };
}

export default portalPage(async function NewRequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string }>;
  searchParams: Promise<{ child?: string }>;
}) {
  const [{ kind }, { child: chosen }] = await Promise.all([params, searchParams]);
  const session = await requireParent();
  if (!isKind(kind)) notFound();
  const t = await getT('requests');
  let childId = typeof chosen === 'string' ? chosen : undefined;
  if (!childId) {
    const linked = await listLinkedChildren(await getDb(), session.user.id, todayInPractice());
    // Nothing to ask about yet: the list page explains how to link a child.
    if (linked.length === 0) redirect('/services/requests');
    if (linked.length === 1) childId = linked[0]!.id;
    else
      return (
        <div className="mx-auto flex max-w-2xl flex-col gap-5">
          <h1 className="text-2xl font-bold">{t(`kinds.${kind}`)}</h1>
          <h2 className="text-lg font-semibold">{t('new.chooseChild')}</h2>
          <ul className="flex flex-col gap-2">
            {linked.map((child) => (
              <li key={child.id}>
                <Link
                  href={`/services/requests/new/${kind}?child=${child.id}`}
                  className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
                >
                  {child.preferredName ?? child.firstName} {child.lastName}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      );
  }
  // A child this parent may not see (someone else's, a revoked link) is the 404 page.
  const { child, db } = await requireLinkedChild(childId, 'request_form');
  const name = child.preferredName ?? child.firstName;
  const fixed = { childId: child.id, noticeId: 'request-notice', kindName: t(`kindNames.${kind}`) };
  // The choices' words go to the client forms as props: the client catalog stays small.
  const names = <K extends string>(keys: readonly K[], word: (key: K) => string) =>
    Object.fromEntries(keys.map((key) => [key, word(key)]));
  let form;
  switch (kind) {
    case 'appointment':
      form = (
        <AppointmentForm
          {...fixed}
          reasonNames={names(appointmentReasons, (r) => t(`reasons.${r}`))}
          contactMethodNames={names(contactMethods, (m) => t(`contactMethods.${m}`))}
        />
      );
      break;
    case 'renewal': {
      const [medications, pharmacy] = await Promise.all([
        renewableMedications(db, child.id),
        savedPharmacy(db, session.user.id),
      ]);
      form =
        medications.length === 0 ? (
          <p>{t('new.noMedications', { name })}</p>
        ) : (
          <>
            {pharmacy ? <p className="text-sm text-slate-700">{t('new.savedPharmacy')}</p> : null}
            <RenewalForm
              {...fixed}
              medications={medications.map(({ id, name: medicine }) => ({ id, name: medicine }))}
              pharmacy={pharmacy}
            />
          </>
        );
      break;
    }
    case 'form':
      form = (
        <FormRequestForm
          {...fixed}
          formTypeNames={names(formTypes, (type) => t(`formTypes.${type}`))}
        />
      );
      break;
    case 'records':
      form = (
        <RecordsRequestForm
          {...fixed}
          scopeNames={names(recordsScopes, (scope) => t(`recordsScopes.${scope}`))}
        />
      );
      break;
  }
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <p>
        <Link href="/services/requests" className="text-blue-700 underline">
          {t('detail.back')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t(`kinds.${kind}`)}</h1>
      <RequestNotice id="request-notice" />
      <p>
        <Link href={`/help/requests#kind-${kind}`} className="text-blue-700 underline">
          {t('help.kind')}
        </Link>
      </p>
      <p className="font-medium">
        {name} {child.lastName}
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">{form}</div>
    </div>
  );
});
