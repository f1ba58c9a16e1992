import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import { GET as downloadAsParent } from '@/app/(portal)/services/requests/[requestId]/files/[fileId]/route';
import {
  requestAppointment,
  requestForm,
  requestRecords,
  requestRenewal,
} from '@/app/(portal)/services/requests/actions';
import { GET as downloadAsStaff } from '@/app/staff/(office)/requests/[requestId]/files/[fileId]/route';
import {
  addRequestInternalNote,
  assignRequestToMe,
  attachRequestFile,
  setRequestStatus,
} from '@/app/staff/(office)/requests/actions';
import {
  auditEvents,
  conversations,
  familyPharmacies,
  mailOutbox,
  medications,
  messages,
  requestFiles,
  serviceRequests,
  users,
} from '@/db/schema';
import { savedPharmacy } from '@/lib/requests/create';
import { getGuardianRequest, listGuardianRequests } from '@/lib/requests/parent';
import {
  getStaffRequest,
  listRequests,
  overdueRequests,
  requestCounts,
} from '@/lib/requests/staff';

import { actAs, createChild, createParent, createStaffMember, openSession } from '../factories';
import { call, expectBadUploadsRefused, family, PDF, pdfFile } from '../factories/requests';
import { testDb } from '../setup/database';
import { TestRedirect } from '../setup/next-mocks';

const TODAY_PLUS = (days: number) => new Date(Date.now() + days * 86_400_000);
/** "YYYY-MM-DDTHH:MM" a week from now, as a datetime-local control sends it. */
const nextWeek = TODAY_PLUS(7).toISOString().slice(0, 16);

function appointment(childId: string) {
  return {
    childId,
    reason: 'sick_visit',
    availability: 'Weekday mornings',
    contactMethod: 'phone',
    contactPhone: '555-555-0100',
    note: '',
    idempotencyKey: randomUUID(),
  };
}

const requestIdFrom = (location: string | null) =>
  /\/services\/requests\/([0-9a-f-]{36})\?sent=1$/.exec(location ?? '')?.[1];

async function rowsOf(parentId: string) {
  const db = testDb();
  return {
    requests: await db
      .select()
      .from(serviceRequests)
      .where(eq(serviceRequests.guardianUserId, parentId)),
    conversations: await db
      .select()
      .from(conversations)
      .where(eq(conversations.guardianUserId, parentId)),
    files: await db
      .select({ id: requestFiles.id })
      .from(requestFiles)
      .innerJoin(serviceRequests, eq(serviceRequests.id, requestFiles.requestId))
      .where(eq(serviceRequests.guardianUserId, parentId)),
  };
}

async function notFoundOf(run: () => Promise<Response>) {
  try {
    const response = await run();
    return `status ${response.status}`;
  } catch (error) {
    if (error instanceof TestRedirect) return error.location;
    throw error;
  }
}

beforeEach(() => actAs(null));

describe('a parent makes requests', () => {
  it('asks for an appointment: one request, its Inbox thread and an audit event, however many submits', async () => {
    const { db, parent, child, session } = await family();
    actAs(session);
    const input = appointment(child.id);
    const first = await call(requestAppointment, input);
    expect(first.ok).toBe(true);
    const requestId = requestIdFrom(first.ok ? first.location : null);
    expect(requestId).toBeDefined();
    actAs(session);
    const again = await call(requestAppointment, input);
    expect(again.ok && requestIdFrom(again.location)).toBe(requestId);

    const { requests, conversations: threads } = await rowsOf(parent.id);
    expect(requests).toHaveLength(1);
    expect(threads).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      kind: 'appointment',
      status: 'received',
      childId: child.id,
    });
    expect(threads[0]).toMatchObject({ category: 'general', subject: 'Appointment request' });
    const [first_message] = await db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, threads[0]!.id));
    expect(first_message?.body).toContain('Sick visit');
    expect(first_message?.body).toContain('Weekday mornings');
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'request.created'), eq(auditEvents.targetId, requestId!)));
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(events[0]!.metadata)).not.toContain('Weekday');

    const listed = await listGuardianRequests(db, parent.id, '2026-01-15', child.id);
    expect(listed.map((r) => r.id)).toEqual([requestId]);
  });

  it('refuses a child who is not the parent’s, and stores nothing', async () => {
    const { parent, session } = await family();
    const stranger = await createChild(testDb());
    actAs(session);
    const refused = await call(requestAppointment, appointment(stranger.id));
    expect(refused).toMatchObject({ ok: false, formError: 'Choose one of your linked children.' });
    const { requests, conversations: threads } = await rowsOf(parent.id);
    expect(requests).toHaveLength(0);
    expect(threads).toHaveLength(0);
  });

  it('renews only the child’s own active medicines, and remembers the pharmacy', async () => {
    const { db, parent, child, session } = await family();
    const other = await createChild(db);
    const [own] = await db
      .insert(medications)
      .values({ childId: child.id, name: 'Albuterol inhaler' })
      .returning();
    const [foreign] = await db
      .insert(medications)
      .values({ childId: other.id, name: 'Amoxicillin' })
      .returning();
    const [stopped] = await db
      .insert(medications)
      .values({ childId: child.id, name: 'Old cream', status: 'stopped' })
      .returning();
    const renewal = (ids: string[]) => ({
      childId: child.id,
      medicationIds: ids,
      pharmacyName: 'Main Street Pharmacy',
      pharmacyPhone: '555-555-0199',
      pharmacyAddress: '1 Main Street',
      note: '',
      idempotencyKey: randomUUID(),
    });
    for (const ids of [[foreign!.id], [own!.id, foreign!.id], [stopped!.id]]) {
      actAs(session);
      const refused = await call(requestRenewal, renewal(ids));
      expect(refused).toMatchObject({
        ok: false,
        fieldErrors: { medicationIds: 'Choose from this child’s active medicines.' },
      });
    }
    expect((await rowsOf(parent.id)).requests).toHaveLength(0);
    expect(
      await db
        .select()
        .from(familyPharmacies)
        .where(eq(familyPharmacies.guardianUserId, parent.id)),
    ).toHaveLength(0);

    actAs(session);
    const made = await call(requestRenewal, renewal([own!.id]));
    expect(made.ok).toBe(true);
    const [request] = (await rowsOf(parent.id)).requests;
    expect(request).toMatchObject({ kind: 'renewal' });
    expect(request!.details.medicationNames).toEqual(['Albuterol inhaler']);
    expect(await savedPharmacy(db, parent.id)).toEqual({
      name: 'Main Street Pharmacy',
      phone: '555-555-0199',
      address: '1 Main Street',
    });
    // Renewals are the clinical queue's: the front desk does not see them.
    expect(await getStaffRequest(db, ['front_desk'], request!.id)).toBeNull();
    expect(await getStaffRequest(db, ['clinical'], request!.id)).not.toBeNull();
  });

  it('refuses an .exe renamed .pdf and an 11 MB file, and stores nothing', async () => {
    const { parent, child, session } = await family();
    await expectBadUploadsRefused({ child, session });
    const rows = await rowsOf(parent.id);
    expect(rows.requests).toHaveLength(0);
    expect(rows.conversations).toHaveLength(0);
    expect(rows.files).toHaveLength(0);
  });
});

describe('the office works the queues', () => {
  it('front desk completes a form request; the parent downloads the file as an attachment', async () => {
    const { db, parent, child, session } = await family();
    actAs(session);
    const made = await call(requestForm, {
      childId: child.id,
      formType: 'sports',
      neededBy: '2030-09-01',
      note: 'Soccer',
      file: pdfFile(),
      idempotencyKey: randomUUID(),
    });
    const requestId = requestIdFrom(made.ok ? made.location : null)!;
    const request = await getGuardianRequest(db, parent.id, requestId, '2026-01-15');
    expect(request?.files.map((f) => f.purpose)).toEqual(['blank']);

    const frontDesk = await createStaffMember(db, ['front_desk']);
    const clinical = await createStaffMember(db, ['clinical']);
    const deskSession = await openSession(db, frontDesk);
    // Clinical staff do not work forms: the request does not exist for them.
    actAs(await openSession(db, clinical));
    expect(await call(assignRequestToMe, { requestId })).toMatchObject({
      ok: false,
      formError: 'We could not find that page.',
    });

    actAs(deskSession);
    expect(await call(assignRequestToMe, { requestId })).toMatchObject({ ok: true });
    const queue = await listRequests(
      db,
      { id: frontDesk.id, roles: ['front_desk'] },
      { kind: 'form', tab: 'mine', search: child.lastName },
    );
    expect(queue.rows.map((r) => r.id)).toEqual([requestId]);
    const counts = await requestCounts(
      db,
      { id: frontDesk.id, roles: ['front_desk'] },
      { kind: 'all', tab: 'open', search: child.lastName },
    );
    expect(counts.byKind.form).toBe(1);
    expect(counts.byKind.renewal).toBeUndefined();

    actAs(deskSession);
    expect(
      await call(addRequestInternalNote, {
        requestId,
        body: 'Needs Dr. Shah’s signature',
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({ ok: true });
    // Ready needs the completed file first.
    actAs(deskSession);
    expect(await call(setRequestStatus, { requestId, status: 'completed' })).toMatchObject({
      ok: false,
      formError: 'Attach the completed file before marking the request ready.',
    });
    actAs(deskSession);
    const exe = new File([new Uint8Array([0x4d, 0x5a, 1, 2, 3])], 'done.pdf');
    expect(await call(attachRequestFile, { requestId, file: exe })).toMatchObject({ ok: false });
    actAs(deskSession);
    expect(await call(attachRequestFile, { requestId, file: pdfFile('done.pdf') })).toMatchObject({
      ok: true,
    });
    actAs(deskSession);
    expect(await call(setRequestStatus, { requestId, status: 'completed' })).toMatchObject({
      ok: true,
    });
    // Answered once: a second answer is refused.
    actAs(deskSession);
    expect(
      await call(setRequestStatus, { requestId, status: 'declined', reason: 'No' }),
    ).toMatchObject({ ok: false, formError: 'This request has already been answered.' });

    const seen = await getGuardianRequest(db, parent.id, requestId, '2026-01-15');
    expect(seen?.status).toBe('completed');
    const completed = seen!.files.find((f) => f.purpose === 'completed')!;
    // The parent never sees the internal note.
    const thread = await db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, seen!.conversationId));
    expect(thread.filter((m) => m.kind === 'note').map((m) => m.body)).toEqual([
      'Needs Dr. Shah’s signature',
    ]);

    actAs(session);
    const response = await downloadAsParent(new Request('http://portal.test/x'), {
      params: Promise.resolve({ requestId, fileId: completed.id }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="form-completed\.pdf"$/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PDF);
    const downloads = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'request.file_downloaded'),
          eq(auditEvents.targetId, completed.id),
        ),
      );
    expect(downloads).toHaveLength(1);

    // Another parent, and clinical staff, get the 404 page.
    const stranger = await createParent(db);
    actAs(await openSession(db, stranger));
    expect(
      await notFoundOf(() =>
        downloadAsParent(new Request('http://portal.test/x'), {
          params: Promise.resolve({ requestId, fileId: completed.id }),
        }),
      ),
    ).toBe('/__not-found');
    actAs(await openSession(db, clinical));
    expect(
      await notFoundOf(() =>
        downloadAsStaff(new Request('http://portal.test/x'), {
          params: Promise.resolve({ requestId, fileId: completed.id }),
        }),
      ),
    ).toBe('/__not-found');
    actAs(deskSession);
    expect(
      await notFoundOf(() =>
        downloadAsStaff(new Request('http://portal.test/x'), {
          params: Promise.resolve({ requestId, fileId: completed.id }),
        }),
      ),
    ).toBe('status 200');
  });

  it('schedules an appointment: the parent reads it in the thread, and the email says only “update”', async () => {
    const { db, parent, child, session } = await family();
    actAs(session);
    const made = await call(requestAppointment, appointment(child.id));
    const requestId = requestIdFrom(made.ok ? made.location : null)!;
    const desk = await openSession(db, await createStaffMember(db, ['front_desk']));
    actAs(desk);
    expect(
      await call(setRequestStatus, { requestId, status: 'scheduled', scheduledFor: '' }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { scheduledFor: 'Enter the date and time booked.' },
    });
    actAs(desk);
    expect(await call(setRequestStatus, { requestId, status: 'sent_to_pharmacy' })).toMatchObject({
      ok: false,
      fieldErrors: { status: 'This status does not fit this kind of request.' },
    });
    actAs(desk);
    expect(
      await call(setRequestStatus, { requestId, status: 'scheduled', scheduledFor: nextWeek }),
    ).toMatchObject({ ok: true });
    const seen = await getGuardianRequest(db, parent.id, requestId, '2026-01-15');
    expect(seen?.status).toBe('scheduled');
    expect(seen?.scheduledFor).toBeInstanceOf(Date);
    const thread = await db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, seen!.conversationId));
    expect(thread.at(-1)?.body).toMatch(/^Your appointment is booked for /);
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, parent.email));
    expect(mail?.subject).toBe('You have an update in the portal');
    expect(mail?.textBody).not.toContain(child.firstName);
    expect(mail?.textBody).not.toContain(child.lastName);
    expect(mail?.textBody).not.toMatch(/appointment/i);
  });

  it('declines with a reason, and puts records requests on a 30-day clock that the office home shows when late', async () => {
    const { db, parent, child, session } = await family();
    actAs(session);
    const made = await call(requestRecords, {
      childId: child.id,
      scope: 'immunizations',
      periodFrom: '2024-01-01',
      periodTo: '2023-01-01',
      note: '',
      idempotencyKey: randomUUID(),
    });
    expect(made).toMatchObject({
      ok: false,
      fieldErrors: { periodTo: 'The end date must be after the start date.' },
    });
    actAs(session);
    const ok = await call(requestRecords, {
      childId: child.id,
      scope: 'immunizations',
      periodFrom: '',
      periodTo: '',
      note: '',
      idempotencyKey: randomUUID(),
    });
    const requestId = requestIdFrom(ok.ok ? ok.location : null)!;
    const [row] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, requestId));
    const days = (row!.dueAt.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(days).toBe(30);
    // Thirty-one days on, it is overdue on the office home page.
    const later = TODAY_PLUS(31);
    const overdue = await overdueRequests(db, ['front_desk'], later);
    expect(overdue.rows.map((r) => r.id)).toContain(requestId);
    expect((await overdueRequests(db, ['clinical'], later)).rows.map((r) => r.id)).not.toContain(
      requestId,
    );

    const desk = await openSession(db, await createStaffMember(db, ['front_desk']));
    actAs(desk);
    expect(
      await call(setRequestStatus, { requestId, status: 'declined', reason: '' }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { reason: 'Say why, for the parent.' },
    });
    actAs(desk);
    expect(
      await call(setRequestStatus, {
        requestId,
        status: 'declined',
        reason: 'Please sign a release first.',
      }),
    ).toMatchObject({ ok: true });
    const seen = await getGuardianRequest(db, parent.id, requestId, '2026-01-15');
    expect(seen).toMatchObject({
      status: 'declined',
      statusReason: 'Please sign a release first.',
    });
    expect((await overdueRequests(db, ['front_desk'], later)).rows.map((r) => r.id)).not.toContain(
      requestId,
    );
  });

  it('limits how many requests one account makes in an hour', async () => {
    const { child, session } = await family();
    const outcomes = [];
    for (let i = 0; i < 11; i++) {
      actAs(session);
      outcomes.push(await call(requestAppointment, appointment(child.id)));
    }
    expect(outcomes.slice(0, 10).every((o) => o.ok)).toBe(true);
    expect(outcomes[10]).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/many requests/),
    });
  });
});

describe('in Spanish', () => {
  it('words the thread, the errors and the email in the parent’s language', async () => {
    const { db, parent, child, session } = await family({ locale: 'es' });
    const stranger = await createChild(db);
    actAs(session, { locale: 'es' });
    expect(await call(requestAppointment, appointment(stranger.id))).toMatchObject({
      ok: false,
      formError: 'Elija a uno de los niños vinculados a su cuenta.',
    });
    actAs(session, { locale: 'es' });
    expect(
      await call(requestAppointment, { ...appointment(child.id), availability: '' }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { availability: 'Diga qué días y horas le convienen.' },
    });
    actAs(session, { locale: 'es' });
    const made = await call(requestAppointment, appointment(child.id));
    const requestId = requestIdFrom(made.ok ? made.location : null)!;
    const [thread] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.guardianUserId, parent.id));
    expect(thread?.subject).toBe('Solicitud de cita');
    const [first] = await db.select().from(messages).where(eq(messages.conversationId, thread!.id));
    expect(first?.body).toContain('Consulta por enfermedad');

    const desk = await openSession(db, await createStaffMember(db, ['front_desk']));
    actAs(desk);
    expect(await call(setRequestStatus, { requestId, status: 'call_us' })).toMatchObject({
      ok: true,
    });
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, parent.email));
    expect(mail?.subject).toBe('Tiene una novedad en el portal');
    const last = await db.select().from(messages).where(eq(messages.conversationId, thread!.id));
    expect(last.at(-1)?.body).toMatch(/^Por favor, llame al consultorio/);
    // "Please call us" waits for the call: the office may still book the visit.
    actAs(desk);
    expect(
      await call(setRequestStatus, { requestId, status: 'scheduled', scheduledFor: nextWeek }),
    ).toMatchObject({ ok: true });
    const [person] = await db
      .select({ locale: users.locale })
      .from(users)
      .where(eq(users.id, parent.id));
    expect(person?.locale).toBe('es');
  });
});
