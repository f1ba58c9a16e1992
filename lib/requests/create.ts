import { and, eq, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import {
  children,
  conversations,
  familyPharmacies,
  guardianships,
  medications,
  messages,
  serviceRequests,
  type RequestDetails,
} from '@/db/schema';
import { formatDate } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import { checkFile, fileStore } from '@/lib/files/storage';
import { liveLinkCondition } from '@/lib/guardianship/access';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/server';

import type {
  AppointmentRequestInput,
  FormRequestInput,
  RecordsRequestInput,
  RenewalRequestInput,
} from './schemas';
import { addDays } from './time';
import { responseDays, type RequestKind } from './vocabulary';

export type NewRequest =
  | { kind: 'appointment'; input: AppointmentRequestInput }
  | { kind: 'renewal'; input: RenewalRequestInput }
  | { kind: 'form'; input: FormRequestInput }
  | { kind: 'records'; input: RecordsRequestInput };

interface Guardian {
  id: string;
  locale: Locale;
}

/** The medications a guardian may ask to renew: the child's active ones, charted or imported, never confidential. */
export async function renewableMedications(db: Db, childId: string) {
  return db
    .select({ id: medications.id, name: medications.name, instructions: medications.instructions })
    .from(medications)
    .where(
      and(
        eq(medications.childId, childId),
        eq(medications.status, 'active'),
        eq(medications.confidential, false),
        sql`${medications.removedAt} is null`,
      ),
    )
    .orderBy(medications.name);
}

export async function savedPharmacy(db: Db, guardianUserId: string) {
  const [row] = await db
    .select({
      name: familyPharmacies.name,
      phone: familyPharmacies.phone,
      address: familyPharmacies.address,
    })
    .from(familyPharmacies)
    .where(eq(familyPharmacies.guardianUserId, guardianUserId));
  return row ?? null;
}

const notLinked = () =>
  new AppError('not_found', 'errors.requests.childNotLinked', {
    fieldErrors: { childId: 'errors.requests.childNotLinked' },
  });

/**
 * What the parent asked, kept as ids and the words they chose: the office reads it on the
 * request, and the first message of the Inbox thread says it in the parent's language.
 */
async function detailsOf(
  db: Db,
  guardian: Guardian,
  request: NewRequest,
): Promise<{ details: RequestDetails; summary: string }> {
  const t = translatorFor(guardian.locale, 'requests');
  const none = t('thread.none');
  switch (request.kind) {
    case 'appointment': {
      const { reason, availability, contactMethod, contactPhone, note } = request.input;
      return {
        details: { reason, availability, contactMethod, contactPhone, note },
        summary: t('thread.appointment', {
          reason: t(`reasons.${reason}`),
          availability,
          contact:
            contactMethod === 'phone' && contactPhone
              ? t('thread.contactPhone', { phone: contactPhone })
              : t(`contactMethods.${contactMethod}`),
          note: note || none,
        }),
      };
    }
    case 'renewal': {
      const { childId, medicationIds, pharmacyName, pharmacyPhone, pharmacyAddress, note } =
        request.input;
      const wanted = [...new Set(medicationIds)];
      const renewable = await renewableMedications(db, childId);
      const chosen = renewable.filter((m) => wanted.includes(m.id));
      // A medication of another child, a stopped one or a confidential one is not on the list.
      if (chosen.length !== wanted.length)
        throw new AppError('invalid', 'errors.requests.medicationNotChild', {
          fieldErrors: { medicationIds: 'errors.requests.medicationNotChild' },
        });
      await db
        .insert(familyPharmacies)
        .values({
          guardianUserId: guardian.id,
          name: pharmacyName,
          phone: pharmacyPhone,
          address: pharmacyAddress,
        })
        .onConflictDoUpdate({
          target: familyPharmacies.guardianUserId,
          set: {
            name: pharmacyName,
            phone: pharmacyPhone,
            address: pharmacyAddress,
            updatedAt: new Date(),
          },
        });
      return {
        details: {
          medicationIds: chosen.map((m) => m.id),
          medicationNames: chosen.map((m) => m.name),
          pharmacyName,
          pharmacyPhone,
          pharmacyAddress,
          note,
        },
        summary: t('thread.renewal', {
          medications: chosen.map((m) => m.name).join(', '),
          pharmacy: `${pharmacyName}, ${pharmacyPhone}, ${pharmacyAddress}`,
          note: note || none,
        }),
      };
    }
    case 'form': {
      const { formType, neededBy, note } = request.input;
      return {
        details: { formType, neededBy, note },
        summary: t('thread.form', {
          formType: t(`formTypes.${formType}`),
          neededBy: neededBy ? formatDate(neededBy, guardian.locale) : none,
          note: note || none,
        }),
      };
    }
    case 'records': {
      const { scope, periodFrom, periodTo, note } = request.input;
      return {
        details: { scope, periodFrom, periodTo, note },
        summary: t('thread.records', {
          scope: t(`recordsScopes.${scope}`),
          from: periodFrom ? formatDate(periodFrom, guardian.locale) : none,
          to: periodTo ? formatDate(periodTo, guardian.locale) : none,
          note: note || none,
        }),
      };
    }
  }
}

const categoryOf: Record<RequestKind, 'clinical' | 'general'> = {
  appointment: 'general',
  renewal: 'clinical',
  form: 'general',
  records: 'general',
};

/**
 * A parent's request: checked against the live link, stored with its Inbox thread, and its
 * blank form if one came. A repeated idempotency key returns the first request, so a double
 * click or a retry after a timeout never makes two.
 */
export async function createRequest(
  db: Db,
  guardian: Guardian,
  request: NewRequest,
  today: string,
  now = new Date(),
) {
  const { input } = request;
  const [linked] = await db
    .select({ id: children.id })
    .from(guardianships)
    .innerJoin(children, eq(children.id, guardianships.childId))
    .where(and(eq(guardianships.childId, input.childId), liveLinkCondition(guardian.id, today)));
  if (!linked) throw notLinked();

  // Two submits with one key wait for each other here, then the second finds the first.
  await db.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`request:${guardian.id}:${input.idempotencyKey}`}))`,
  );
  const [existing] = await db
    .select({ id: serviceRequests.id, conversationId: serviceRequests.conversationId })
    .from(serviceRequests)
    .where(
      and(
        eq(serviceRequests.guardianUserId, guardian.id),
        eq(serviceRequests.idempotencyKey, input.idempotencyKey),
      ),
    );
  if (existing)
    return { requestId: existing.id, conversationId: existing.conversationId, duplicate: true };

  // The file is checked before anything is written: a refused file leaves nothing behind.
  const blank =
    request.kind === 'form' && request.input.file
      ? new Uint8Array(await request.input.file.arrayBuffer())
      : null;
  if (blank) checkFile(blank);

  const { details, summary } = await detailsOf(db, guardian, request);
  const t = translatorFor(guardian.locale, 'requests');
  const [conversation] = await db
    .insert(conversations)
    .values({
      childId: input.childId,
      guardianUserId: guardian.id,
      category: categoryOf[request.kind],
      subject: t(`subjects.${request.kind}`),
      startedBy: 'parent',
      createdAt: now,
      lastMessageAt: now,
    })
    .returning({ id: conversations.id });
  await db.insert(messages).values({
    conversationId: conversation!.id,
    authorUserId: guardian.id,
    authorKind: 'parent',
    body: summary,
    createdAt: now,
  });
  const [created] = await db
    .insert(serviceRequests)
    .values({
      kind: request.kind,
      childId: input.childId,
      guardianUserId: guardian.id,
      conversationId: conversation!.id,
      details,
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
      updatedAt: now,
      dueAt: addDays(now, responseDays[request.kind]),
    })
    .returning({ id: serviceRequests.id });
  if (blank)
    await fileStore().save(db, {
      requestId: created!.id,
      purpose: 'blank',
      uploadedBy: guardian.id,
      bytes: blank,
    });
  return { requestId: created!.id, conversationId: conversation!.id, duplicate: false };
}
