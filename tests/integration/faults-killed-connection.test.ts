import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import { linkChild } from '@/app/(portal)/children/link/actions';
import { sendSecureMessage } from '@/app/(portal)/services/message/actions';
import { replyToGuardian } from '@/app/staff/(office)/messages/actions';
import { addChartEntry, updateChartEntry } from '@/app/staff/(office)/patients/[childId]/actions';
import { verifyAuditChain } from '@/lib/audit/verify';
import { sendNewMessage } from '@/lib/messaging/parent';
import { issuePin } from '@/lib/pins/issue';

import {
  actAs,
  createChild,
  createChildLinkedTo,
  createParent,
  createStaffMember,
  openSession,
} from '../factories';
import { testDb } from '../setup/database';
import { redirectOf } from '../setup/next-mocks';
import { sealEverything } from '../setup/seal';

/**
 * The database connection is killed in the middle of a change (pg_terminate_backend, as when
 * PostgreSQL restarts or an operator ends a session). The person sees a plain message, and the
 * database holds either the whole change (data, its audit event, its email) or none of it.
 * PostgreSQL only: PGlite has no other backends to terminate.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);

const unavailable =
  'The portal is having trouble reaching its records right now. Nothing was changed. Please try again in a few minutes.';

/** Row counts of everything a change could touch: the "nothing lost" check compares two of these. */
async function fingerprint() {
  const rows = await testDb().execute<{ name: string; count: number }>(sql`
    select 'conversations' as name, count(*)::int as count from conversations
    union all select 'messages', count(*)::int from messages
    union all select 'guardianships', count(*)::int from guardianships
    union all select 'pins_redeemed', count(*)::int from pins where redeemed_at is not null
    union all select 'immunizations_updated', count(*)::int from immunizations where updated_at > created_at
    union all select 'mail_outbox', count(*)::int from mail_outbox
    union all select 'audit_events', count(*)::int from audit_events where action not in ('action.denied', 'action.failed')
  `);
  return Object.fromEntries(
    (rows as unknown as { name: string; count: number }[]).map((row) => [row.name, row.count]),
  );
}

/**
 * Runs `change` while another session holds audit_events in SHARE mode, so the change's
 * transaction stops at its audit event after writing its data; then kills that transaction's
 * connection.
 */
async function killedMidTransaction<T>(change: () => Promise<T>): Promise<T> {
  const db = testDb();
  let locked!: () => void;
  let release!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const holder = db.transaction(async (tx) => {
    await tx.execute(sql`lock table audit_events in share mode`);
    locked();
    await released;
  });
  await isLocked;
  const pending = change();
  try {
    let victim: number | undefined;
    for (let waited = 0; victim === undefined && waited < 10_000; waited += 50) {
      const rows = (await db.execute(sql`
        select pid from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock' and state = 'active'
      `)) as unknown as { pid: number }[];
      victim = rows[0]?.pid;
      if (victim === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(victim, 'the change never reached its audit event').toBeDefined();
    // Data written, audit event waiting: the transaction is in the middle of the change.
    await db.execute(sql`select pg_terminate_backend(${victim!})`);
  } finally {
    release();
    await holder;
  }
  return pending;
}

beforeEach(() => actAs(null));

describe.skipIf(!onPostgres)('a connection killed in the middle of a change', () => {
  it('loses the whole message send, and the next try stores it once with its audit event', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const child = await createChildLinkedTo(db, parent.id);
    actAs(await openSession(db, parent));
    const input = {
      childId: child.id,
      category: 'clinical' as const,
      subject: 'Fever since Tuesday',
      body: 'Still 101 this morning.',
      idempotencyKey: randomUUID(),
    };

    const before = await fingerprint();
    expect(await killedMidTransaction(() => sendSecureMessage(input))).toEqual({
      ok: false,
      formError: unavailable,
    });
    expect(await fingerprint()).toEqual(before);

    // The pool replaces the dead connection by itself; the same form sent again succeeds once.
    expect(await redirectOf(sendSecureMessage(input))).toMatch(
      /^\/services\/message\/sent\?conversation=/,
    );
    expect(await fingerprint()).toEqual({
      ...before,
      conversations: before.conversations! + 1,
      messages: before.messages! + 1,
      audit_events: before.audit_events! + 1,
    });
  });

  it('loses the whole office reply and its email', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const child = await createChildLinkedTo(db, parent.id);
    const sent = await sendNewMessage(
      db,
      parent.id,
      {
        childId: child.id,
        category: 'clinical',
        subject: 'Cough',
        body: 'Dry cough at night.',
        idempotencyKey: randomUUID(),
      },
      '2026-01-15',
    );
    actAs(await openSession(db, await createStaffMember(db, ['clinical'])));
    const reply = {
      conversationId: sent.conversationId,
      body: 'Honey before bed can help; call if it lasts.',
      idempotencyKey: randomUUID(),
    };

    const before = await fingerprint();
    expect(await killedMidTransaction(() => replyToGuardian(reply))).toEqual({
      ok: false,
      formError: unavailable,
    });
    expect(await fingerprint()).toEqual(before);

    expect(await replyToGuardian(reply)).toEqual({ ok: true, data: null });
    expect(await fingerprint()).toEqual({
      ...before,
      messages: before.messages! + 1,
      mail_outbox: before.mail_outbox! + 1,
      audit_events: before.audit_events! + 1,
    });
  });

  it('loses the whole PIN redemption: the PIN still works afterwards, once', async () => {
    const db = testDb();
    const staff = await createStaffMember(db, ['front_desk']);
    const child = await createChild(db, { dateOfBirth: '2021-03-04' });
    const issued = await issuePin(db, staff.id, {
      childId: child.id,
      confirmedDateOfBirth: true,
      confirmedAddressOrPhone: true,
      otherVerification: '',
      guardianName: 'Rosa Diaz',
      relationship: 'Mother',
    });
    const parent = await createParent(db);
    actAs(await openSession(db, parent));
    const input = {
      pin: issued.pin,
      dateOfBirth: child.dateOfBirth,
      relationship: 'mother',
      relationshipOther: '',
    };

    const before = await fingerprint();
    expect(await killedMidTransaction(() => linkChild(input))).toEqual({
      ok: false,
      formError: unavailable,
    });
    expect(await fingerprint()).toEqual(before);

    expect(await redirectOf(linkChild(input))).toBe(`/dashboard?linked=${child.id}`);
    expect(await fingerprint()).toEqual({
      ...before,
      guardianships: before.guardianships! + 1,
      pins_redeemed: before.pins_redeemed! + 1,
      audit_events: before.audit_events! + 1,
    });
    const other = await createParent(db);
    actAs(await openSession(db, other));
    expect(await linkChild(input)).toMatchObject({ ok: false });
  });

  it('loses the whole record edit, and keeps the audit chain intact', async () => {
    const db = testDb();
    const child = await createChild(db);
    actAs(await openSession(db, await createStaffMember(db, ['clinical'])));
    const entry = {
      childId: child.id,
      section: 'immunizations',
      vaccine: '20',
      administeredOn: '2020-04-02',
      doseNumber: '1',
      lotNumber: 'LOT-A',
      site: '',
      source: 'given_here',
    };
    const added = await addChartEntry(entry as never);
    if (!added.ok) throw new Error(JSON.stringify(added));
    const edit = { ...entry, entryId: added.data.id, lotNumber: 'LOT-B' };

    const before = await fingerprint();
    expect(await killedMidTransaction(() => updateChartEntry(edit as never))).toEqual({
      ok: false,
      formError: unavailable,
    });
    expect(await fingerprint()).toEqual(before);
    const [unchanged] = (await db.execute(
      sql`select lot_number from immunizations where id = ${added.data.id}`,
    )) as unknown as { lot_number: string }[];
    expect(unchanged?.lot_number).toBe('LOT-A');

    expect(await updateChartEntry(edit as never)).toMatchObject({ ok: true });
    expect(await fingerprint()).toEqual({
      ...before,
      immunizations_updated: before.immunizations_updated! + 1,
      audit_events: before.audit_events! + 1,
    });
    await sealEverything(db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, unsealed: { count: 0 } });
  });
});
