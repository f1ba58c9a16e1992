import { isValidElement, type ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';

import { searchAccounts } from '@/app/staff/(office)/accounts/actions';
import ParentAccountsPage from '@/app/staff/(office)/accounts/page';
import { filterAuditTrail } from '@/app/staff/(office)/audit/actions';
import { GET as exportAuditTrail } from '@/app/staff/(office)/audit/export/route';
import { searchMessages } from '@/app/staff/(office)/messages/actions';
import { searchPatients } from '@/app/staff/(office)/patients/actions';
import PatientsPage from '@/app/staff/(office)/patients/page';
import { todayInPractice } from '@/lib/dates';

import { actAs, createChild, createParent, createStaffMember, openSession } from '../factories';
import { testDb } from '../setup/database';
import { redirectOf, requestState } from '../setup/next-mocks';

/** Every piece of text in a rendered server component's tree (client components left unrendered). */
function textOf(node: unknown): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (!isValidElement(node)) return '';
  return textOf((node.props as { children?: ReactNode }).children);
}

function posted(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

const noQuery = { searchParams: Promise.resolve({}) };

beforeEach(() => actAs(null));

describe('staff searches', () => {
  it('post, keep the terms in an httpOnly same-site cookie and send the browser to a bare list address', async () => {
    const db = testDb();
    const child = await createChild(db, { dateOfBirth: '2021-04-12' });
    actAs(await openSession(db, await createStaffMember(db, ['front_desk'])));

    const location = await redirectOf(
      searchPatients(null, posted({ q: child.lastName, dob: '2021-04-12' })),
    );
    expect(location).toBe('/staff/patients');
    const cookie = requestState.cookies.get('portal-search-patients');
    expect(JSON.parse(cookie!.value)).toEqual({ q: child.lastName, dob: '2021-04-12' });
    expect(cookie!.options).toMatchObject({
      httpOnly: true,
      sameSite: 'strict',
      path: '/staff/patients',
      maxAge: 1800,
    });

    const page = textOf(await PatientsPage(noQuery));
    expect(page).toContain(child.lastName);
  });

  it('an empty search forgets the last one', async () => {
    const db = testDb();
    const child = await createChild(db);
    actAs(await openSession(db, await createStaffMember(db, ['clinical'])));
    await redirectOf(searchPatients({ q: child.lastName, dob: '' }));
    expect(textOf(await PatientsPage(noQuery))).toContain(child.lastName);

    expect(await redirectOf(searchPatients({ q: '  ', dob: '' }))).toBe('/staff/patients');
    expect(requestState.cookies.has('portal-search-patients')).toBe(false);
    expect(textOf(await PatientsPage(noQuery))).not.toContain(child.lastName);
  });

  it('keeps paging in the address and the parent’s name out of it', async () => {
    const db = testDb();
    const parent = await createParent(db);
    actAs(await openSession(db, await createStaffMember(db, ['admin'])));
    expect(await redirectOf(searchAccounts(null, posted({ q: parent.email })))).toBe(
      '/staff/accounts',
    );
    const page = textOf(await ParentAccountsPage({ searchParams: Promise.resolve({ page: '1' }) }));
    expect(page).toContain(parent.email);
  });

  it('keeps the message queue’s tab, and only a known tab', async () => {
    const db = testDb();
    actAs(await openSession(db, await createStaffMember(db, ['billing'])));
    expect(await redirectOf(searchMessages(null, posted({ q: 'Rivera', tab: 'closed' })))).toBe(
      '/staff/messages?tab=closed',
    );
    expect(await redirectOf(searchMessages(null, posted({ q: 'Rivera', tab: '../../evil' })))).toBe(
      '/staff/messages?tab=open',
    );
    expect(JSON.parse(requestState.cookies.get('portal-search-messages')!.value)).toEqual({
      q: 'Rivera',
    });
  });

  it('are refused to a role that cannot see the list, and keep nothing', async () => {
    const db = testDb();
    actAs(await openSession(db, await createStaffMember(db, ['billing'])));
    expect(await searchPatients({ q: 'Rivera', dob: '' })).toMatchObject({ ok: false });
    expect(await searchAccounts({ q: 'Rivera' })).toMatchObject({ ok: false });
    expect(requestState.cookies.size).toBe(0);
  });

  it('the audit trail keeps names in the cookie and only dates and choices in the address', async () => {
    const db = testDb();
    const nurse = await createStaffMember(db, ['clinical']);
    actAs(await openSession(db, await createStaffMember(db, ['admin'])));
    const location = await redirectOf(
      filterAuditTrail(
        null,
        posted({
          actor: nurse.lastName,
          child: 'Rivera',
          from: '2026-01-01',
          to: '2026-01-31',
          outcome: '',
          group: 'record_view',
          sort: 'when',
          dir: 'desc',
        }),
      ),
    );
    expect(location).toBe(
      '/staff/audit?from=2026-01-01&to=2026-01-31&group=record_view&sort=when&dir=desc',
    );
    expect(JSON.parse(requestState.cookies.get('portal-search-audit')!.value)).toEqual({
      actor: nurse.lastName,
      child: 'Rivera',
    });
    expect(requestState.cookies.get('portal-search-audit')!.options).toMatchObject({
      path: '/staff/audit',
      httpOnly: true,
    });
    // The export reads the same names: this nurse has done nothing today, so no row, while
    // the same address without the cookie lists today's sign-ins.
    const today = todayInPractice();
    const exportCsv = async () =>
      (
        await (
          await exportAuditTrail(
            new Request(`http://portal.test/staff/audit/export?from=${today}&to=${today}`),
          )
        ).text()
      )
        .trim()
        .split(/\r\n/);
    await redirectOf(filterAuditTrail({ actor: nurse.userId, child: '', from: today, to: today }));
    expect(await exportCsv()).toHaveLength(1);
    requestState.cookies.clear();
    expect((await exportCsv()).length).toBeGreaterThan(1);
  });
});
