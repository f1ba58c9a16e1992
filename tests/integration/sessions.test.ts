import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { sessions, users } from '@/db/schema';
import {
  createSession,
  endAllSessionsOfUser,
  endSession,
  lookUpSession,
  touchSession,
} from '@/lib/auth/sessions';

import { createParent, createStaffMember, testMeta } from '../factories';
import { testDb } from '../setup/database';

describe('database sessions', () => {
  it('ends a parent session after 30 idle minutes and a staff session after 15', async () => {
    const db = testDb();
    const start = new Date('2026-07-01T08:00:00Z');
    const parent = await createParent(db);
    const staff = await createStaffMember(db, ['front_desk']);
    const parentSession = await createSession(db, parent, testMeta, start);
    const staffSession = await createSession(db, staff, testMeta, start);
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

    expect((await lookUpSession(db, parentSession.token, at(29))).state).toBe('active');
    expect(await lookUpSession(db, parentSession.token, at(31))).toMatchObject({
      state: 'expired',
      reason: 'idle',
    });
    expect((await lookUpSession(db, staffSession.token, at(14))).state).toBe('active');
    expect(await lookUpSession(db, staffSession.token, at(16))).toMatchObject({
      state: 'expired',
      reason: 'idle',
    });
  });

  it('ends any session 12 hours after sign-in however active it is', async () => {
    const db = testDb();
    const start = new Date('2026-07-02T08:00:00Z');
    const parent = await createParent(db);
    const { token, sessionId } = await createSession(db, parent, testMeta, start);
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date('2026-07-02T19:59:00Z') })
      .where(eq(sessions.id, sessionId));
    expect((await lookUpSession(db, token, new Date('2026-07-02T19:59:30Z'))).state).toBe('active');
    expect(await lookUpSession(db, token, new Date('2026-07-02T20:00:01Z'))).toMatchObject({
      state: 'expired',
      reason: 'expired',
    });
  });

  it('stops recognising a session the moment it is ended or its account is disabled', async () => {
    const db = testDb();
    const staff = await createStaffMember(db, ['billing']);
    const first = await createSession(db, staff, testMeta);
    const second = await createSession(db, staff, testMeta);
    expect(await endSession(db, first.sessionId, 'signed_out')).toBe(true);
    expect(await endSession(db, first.sessionId, 'signed_out')).toBe(false);
    expect((await lookUpSession(db, first.token)).state).toBe('none');
    expect((await lookUpSession(db, second.token)).state).toBe('active');
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, staff.id));
    expect((await lookUpSession(db, second.token)).state).toBe('none');
    expect(await endAllSessionsOfUser(db, staff.id, 'account_disabled')).toBe(1);
  });

  it('reads roles from the database on every lookup', async () => {
    const db = testDb();
    const staff = await createStaffMember(db, ['clinical', 'admin']);
    const { token } = await createSession(db, staff, testMeta);
    const lookup = await lookUpSession(db, token);
    expect(lookup.state === 'active' && lookup.session.user.roles).toEqual(['admin', 'clinical']);
    expect((await lookUpSession(db, 'not-a-real-token')).state).toBe('none');
  });
});

describe('the idle clock', () => {
  it('restarts from now when a page touches the session, and never runs past the absolute expiry', async () => {
    const db = testDb();
    const start = new Date('2026-07-03T08:00:00Z');
    const parent = await createParent(db);
    const { token, sessionId } = await createSession(db, parent, testMeta, start);
    const later = new Date('2026-07-03T08:10:00Z');
    const lookup = await lookUpSession(db, token, later);
    expect(lookup).toMatchObject({ state: 'active', needsTouch: true });
    expect(lookup.state === 'active' && lookup.session.idleExpiresAt.toISOString()).toBe(
      '2026-07-03T08:40:00.000Z',
    );
    await touchSession(db, sessionId, later);
    const nearEnd = await lookUpSession(db, token, new Date('2026-07-03T08:30:30Z'));
    expect(nearEnd.state).toBe('active');
    const justBefore = new Date('2026-07-03T19:50:00Z');
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date('2026-07-03T19:45:00Z') })
      .where(eq(sessions.userId, parent.id));
    const capped = await lookUpSession(db, token, justBefore);
    expect(capped.state === 'active' && capped.session.idleExpiresAt.toISOString()).toBe(
      '2026-07-03T20:00:00.000Z',
    );
  });
});
