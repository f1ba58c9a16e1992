import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import { reportProblemSigningIn, sendNewTemporaryPassword } from '@/app/(public)/help-desk/actions';
import { markSignInProblem } from '@/app/staff/(office)/accounts/actions';
import { auditEvents, mailOutbox, signInProblems, users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { lookUpSession } from '@/lib/auth/sessions';

import {
  actAs,
  createParent,
  createStaffMember,
  FACTORY_PASSWORD,
  openSession,
  uniqueSuffix,
} from '../factories';
import { testDb } from '../setup/database';
import { redirectOf } from '../setup/next-mocks';

beforeEach(() => actAs(null));

const mailTo = (address: string, template: string) =>
  testDb()
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, address), eq(mailOutbox.template, template)));

const account = async (id: string) =>
  (await testDb().select().from(users).where(eq(users.id, id)))[0]!;

/** The temporary password as the email gives it: "Temporary password: ABCD-EFGH-JKLM". */
const passwordIn = (text: string) => /: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text)?.[1];

describe('the public Help Desk: a new temporary password', () => {
  it('emails a new temporary password to the address on the account, ending every session', async () => {
    const parent = await createParent(testDb());
    const session = await openSession(testDb(), parent);
    actAs(null, { ip: '198.51.100.71' });
    expect(
      await redirectOf(
        sendNewTemporaryPassword({ identifier: `  ${parent.email.toUpperCase()} ` }),
      ),
    ).toBe('/help-desk?sent=password');

    const [mail] = await mailTo(parent.email, 'help-desk-temporary-password');
    expect(mail?.subject).toBe('Your new temporary patient portal password');
    const temporary = passwordIn(mail!.textBody);
    expect(temporary).toBeDefined();
    const after = await account(parent.id);
    expect(after.mustChangePassword).toBe(true);
    expect(after.temporaryPasswordExpiresAt!.getTime() - Date.now()).toBeGreaterThan(71 * 3600_000);
    expect(await verifyPassword(temporary!, after.passwordHash)).toBe(true);
    expect(await verifyPassword(FACTORY_PASSWORD, after.passwordHash)).toBe(false);
    expect((await lookUpSession(testDb(), session.token)).state).not.toBe('active');

    const [event] = await testDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'help_desk.temporary_password_requested'),
          eq(auditEvents.targetId, parent.id),
        ),
      );
    expect(event?.metadata).toMatchObject({ outcome: 'issued' });
    // Neither the password nor the address typed is kept in the trail.
    expect(JSON.stringify(event)).not.toContain(temporary!);
  });

  it('never sends to an address typed in the form, and answers the same for nobody and for staff', async () => {
    const staff = await createStaffMember(testDb(), ['front_desk']);
    const before = await account(staff.id);
    for (const identifier of [`nobody.${uniqueSuffix()}`, staff.email, staff.userId]) {
      actAs(null, { ip: '198.51.100.72' });
      expect(await redirectOf(sendNewTemporaryPassword({ identifier }))).toBe(
        '/help-desk?sent=password',
      );
    }
    expect(await mailTo(staff.email, 'help-desk-temporary-password')).toHaveLength(0);
    const after = await account(staff.id);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.mustChangePassword).toBe(false);
  });

  it('sends at most two an hour to one account, however many ask', async () => {
    const parent = await createParent(testDb());
    for (const ip of ['198.51.100.81', '198.51.100.82', '198.51.100.83']) {
      actAs(null, { ip });
      await redirectOf(sendNewTemporaryPassword({ identifier: parent.userId }));
    }
    const mails = await mailTo(parent.email, 'help-desk-temporary-password');
    expect(mails).toHaveLength(2);
    // The password that works is the one in the last email sent.
    const latest = mails.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1)!;
    expect(
      await verifyPassword(passwordIn(latest.textBody)!, (await account(parent.id)).passwordHash),
    ).toBe(true);
  });

  it('writes to a parent who chose Spanish in Spanish', async () => {
    const parent = await createParent(testDb(), { locale: 'es' });
    actAs(null, { ip: '198.51.100.84' });
    await redirectOf(sendNewTemporaryPassword({ identifier: parent.userId }));
    const [mail] = await mailTo(parent.email, 'help-desk-temporary-password');
    expect(mail?.subject).toBe('Su nueva contraseña temporal del portal del paciente');
    expect(mail?.textBody).toContain('Contraseña temporal:');
  });

  it('refuses an empty name with a message next to the field, in the reader’s language', async () => {
    actAs(null, { locale: 'es' });
    expect(await sendNewTemporaryPassword({ identifier: '   ' })).toEqual({
      ok: false,
      formError: 'Corrija los campos marcados.',
      fieldErrors: {
        identifier: 'Escriba su ID de usuario o el correo electrónico de su cuenta.',
      },
    });
  });
});

describe('the public Help Desk: a problem signing in', () => {
  it('lands in the office’s queue, acknowledged by email in the writer’s language', async () => {
    const address = `problem.${uniqueSuffix()}@example.org`;
    actAs(null, { ip: '198.51.100.91', locale: 'es' });
    expect(
      await redirectOf(
        reportProblemSigningIn({
          name: 'Rosa Díaz',
          contact: address,
          description: 'La página dice que mi contraseña está mal.',
        }),
      ),
    ).toBe('/help-desk?sent=problem');
    const [problem] = await testDb()
      .select()
      .from(signInProblems)
      .where(eq(signInProblems.contact, address));
    expect(problem).toMatchObject({ name: 'Rosa Díaz', status: 'new', locale: 'es' });
    const [ack] = await mailTo(address, 'help-desk-problem-received');
    expect(ack?.subject).toBe('Recibimos su mensaje sobre el inicio de sesión');
    expect(ack?.textBody).not.toContain('contraseña está mal');

    const staff = await createStaffMember(testDb(), ['front_desk']);
    actAs(await openSession(testDb(), staff));
    expect(await markSignInProblem({ problemId: problem!.id, status: 'called_back' })).toEqual({
      ok: true,
      data: null,
    });
    expect(await markSignInProblem({ problemId: problem!.id, status: 'closed' })).toMatchObject({
      ok: true,
    });
    expect(await markSignInProblem({ problemId: problem!.id, status: 'called_back' })).toEqual({
      ok: false,
      formError: 'This report is already closed.',
    });
    const events = await testDb()
      .select({ metadata: auditEvents.metadata })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'help_desk.problem_status_changed'),
          eq(auditEvents.targetId, problem!.id),
        ),
      );
    expect(events.map((e) => e.metadata)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'new', to: 'called_back' }),
        expect.objectContaining({ from: 'called_back', to: 'closed' }),
      ]),
    );
  });

  it('sends no email to a phone number, and stores nothing when the form is refused', async () => {
    const phone = `555-010-${Math.floor(1000 + Math.random() * 8999)}`;
    actAs(null, { ip: '198.51.100.92' });
    const refused = await reportProblemSigningIn({
      name: 'Sam',
      contact: phone,
      description: 'help',
    });
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { description: 'Tell us a little more: what happens when you try to sign in?' },
    });
    expect(
      await testDb().select().from(signInProblems).where(eq(signInProblems.contact, phone)),
    ).toHaveLength(0);
    await redirectOf(
      reportProblemSigningIn({
        name: 'Sam',
        contact: phone,
        description: 'I never got the email.',
      }),
    );
    expect(
      await testDb().select().from(signInProblems).where(eq(signInProblems.contact, phone)),
    ).toHaveLength(1);
  });
});
