import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createElement, type ReactNode } from 'react';
import { renderToReadableStream, renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';

import AccountPage from '@/app/(portal)/account/page';
import InboxPage from '@/app/(portal)/inbox/[conversationId]/page';
import InboxListPage from '@/app/(portal)/inbox/page';
import SendMessagePage from '@/app/(portal)/services/message/page';
import { requestPasswordResetLink } from '@/app/(public)/forgot-password/actions';
import { signUp } from '@/app/(public)/signup/actions';
import { letterTranslator } from '@/app/staff/(office)/_components/letter-language';
import { TemporaryPasswordLetter } from '@/app/staff/(office)/_components/temporary-password-letter';
import { replyToGuardian } from '@/app/staff/(office)/messages/actions';
import { PinLetter } from '@/app/staff/(office)/patients/[childId]/_components/pin-letter';
import { mailOutbox, users } from '@/db/schema';
import { letterWordings } from '@/lib/i18n/letters';
import type { Locale } from '@/lib/i18n/locales';
import { sendNewMessage } from '@/lib/messaging/parent';
import { issueTemporaryPassword } from '@/lib/staff/help-desk';

import {
  actAs,
  createChildLinkedTo,
  createParent,
  createStaffMember,
  openSession,
  uniqueSuffix,
} from '../factories';
import { testDb } from '../setup/database';
import { inLanguage } from '../setup/intl';
import { redirectOf } from '../setup/next-mocks';

const TODAY = '2026-01-15';

/** Words that would give an English sentence away on a Spanish page or email. */
const english = /\b(the|your|please|you|with|this|message|sign in|reply|inbox)\b/i;

beforeEach(() => actAs(null));

/** A parent (in `locale`) with one child, who has written one message to the office. */
async function parentWhoWrote(
  locale: Locale,
  message: { category: 'clinical' | 'general' | 'billing'; subject: string; body: string },
) {
  const db = testDb();
  const parent = await createParent(db, locale === 'es' ? { locale } : {});
  const child = await createChildLinkedTo(db, parent.id);
  const sent = await sendNewMessage(
    db,
    parent.id,
    { childId: child.id, ...message, idempotencyKey: randomUUID() },
    TODAY,
  );
  return { parent, child, sent };
}

async function mailTo(address: string, template: string) {
  const [mail] = await testDb()
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, address), eq(mailOutbox.template, template)));
  return mail;
}

/**
 * Sentences of shared components other parts of #20 translate (the form's no-JavaScript notice,
 * the required-fields note): not this area's words, so not what these tests look for.
 */
const sharedEnglish = [
  'This form needs JavaScript, which is turned off or blocked in this browser. Turn it on and reload the page, or call the office for help.',
  'Required fields are marked with an asterisk.',
];

/** A page as Next.js renders it: async server components awaited, client ones with their provider. */
async function renderPage(page: unknown, locale: Locale): Promise<string> {
  const stream = await renderToReadableStream(inLanguage((await page) as ReactNode, locale));
  await stream.allReady;
  const html = await new Response(stream).text();
  // Only what a reader sees: no markup, no React's own scripts.
  return sharedEnglish
    .reduce((text, sentence) => text.split(sentence).join(' '), html)
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ');
}

describe('emails follow the recipient’s saved language', () => {
  it('a Spanish-speaking parent gets the new-message notice in Spanish, still without PHI', async () => {
    const db = testDb();
    const { parent, child, sent } = await parentWhoWrote('es', {
      category: 'clinical',
      subject: 'Sarpullido',
      body: 'Desde ayer.',
    });
    // The nurse reads the portal in English: the email still goes in the parent's language.
    const nurse = await createStaffMember(db, ['clinical']);
    actAs(await openSession(db, nurse), { locale: 'en' });
    expect(
      await replyToGuardian({
        conversationId: sent.conversationId,
        body: 'Send a photo, please.',
        idempotencyKey: randomUUID(),
      }),
    ).toEqual({ ok: true, data: null });
    const mail = await mailTo(parent.email, 'new-message');
    expect(mail?.subject).toBe('Tiene un mensaje seguro nuevo en su portal del paciente');
    expect(mail?.textBody).toContain(`Hola, ${parent.firstName}:`);
    expect(mail?.textBody).toContain('llame al 911');
    expect(mail?.textBody).toContain('/login');
    expect(mail?.htmlBody).toContain('<html lang="es">');
    expect(mail?.htmlBody).toContain('Iniciar sesión para leerlo');
    for (const secret of [child.firstName, child.lastName, 'Sarpullido', 'photo'])
      expect(`${mail?.subject} ${mail?.textBody} ${mail?.htmlBody}`).not.toContain(secret);
    expect(mail?.textBody.replace(parent.firstName, '')).not.toMatch(english);
  });

  it('a parent who chose nothing gets English, whatever language the office reads', async () => {
    const db = testDb();
    const { parent, sent } = await parentWhoWrote('en', {
      category: 'general',
      subject: 'Forms',
      body: 'School forms.',
    });
    const desk = await createStaffMember(db, ['front_desk']);
    actAs(await openSession(db, desk), { locale: 'es' });
    await replyToGuardian({
      conversationId: sent.conversationId,
      body: 'Ready.',
      idempotencyKey: randomUUID(),
    });
    expect((await mailTo(parent.email, 'new-message'))?.subject).toBe(
      'You have a new secure message in your patient portal',
    );
  });

  it('password reset goes in the account’s language, not the language of the page that asked', async () => {
    const parent = await createParent(testDb(), { locale: 'es' });
    actAs(null, { locale: 'en' });
    await redirectOf(requestPasswordResetLink({ identifier: parent.userId }));
    const mail = await mailTo(parent.email, 'password-reset');
    expect(mail?.subject).toBe('Restablezca la contraseña de su portal del paciente');
    expect(mail?.textBody).toContain('Restablecer mi contraseña: http');
    expect(mail?.textBody).toMatch(/reset-password\?token=[A-Za-z0-9_-]+/);
    expect(mail?.textBody.replace(parent.firstName, '')).not.toMatch(english);
  });

  it('the temporary password email is Spanish, with the date in Spanish', async () => {
    const parent = await createParent(testDb(), { locale: 'es' });
    const issued = await issueTemporaryPassword(
      testDb(),
      parent.id,
      new Date('2026-11-02T15:00:00Z'),
    );
    expect(issued.mail.subject).toBe('Su contraseña temporal del portal del paciente');
    expect(issued.mail.text).toMatch(/Funciona hasta las .+ del 5 de noviembre de 2026\./);
    expect(issued.letter.locale).toBe('es');
  });
});

describe('signing up in Spanish', () => {
  const password = 'granite-willow-sparrow-93';
  const signUpOf = (userId: string, name: string, hintAnswer: string) => ({
    firstName: name.split(' ')[0]!,
    lastName: name.split(' ')[1]!,
    userId,
    email: `${userId}@example.org`,
    password,
    confirmPassword: password,
    hintQuestion: 'first_school' as const,
    hintAnswer,
  });

  it.each([
    {
      title: 'saves the language on the account and sends the confirmation email in it',
      browser: 'es',
      saved: 'es',
      userId: 'nuevo',
      name: 'Lucía Pérez',
      hintAnswer: 'Escuela Juárez',
      subject: /^Confirme su correo electrónico para el portal del paciente/,
      wording: ['Hola, Lucía:', 'Confirmar mi correo: http'],
    },
    {
      title: 'an English sign-up stays English',
      browser: undefined,
      saved: 'en',
      userId: 'new',
      name: 'Dana Lopez',
      hintAnswer: 'Lincoln Elementary',
      subject: /^Confirm your email/,
      wording: [],
    },
  ] as const)('$title', async (sample) => {
    const userId = `${sample.userId}.${uniqueSuffix()}`;
    actAs(null, sample.browser ? { locale: sample.browser } : {});
    expect(await redirectOf(signUp(signUpOf(userId, sample.name, sample.hintAnswer)))).toBe(
      '/welcome',
    );
    const [account] = await testDb()
      .select({ locale: users.locale })
      .from(users)
      .where(eq(users.userId, userId));
    expect(account?.locale).toBe(sample.saved);
    const mail = await mailTo(`${userId}@example.org`, 'verify-email');
    expect(mail?.subject).toMatch(sample.subject);
    for (const text of sample.wording) expect(mail?.textBody).toContain(text);
  });
});

describe('letters in the language the office chose', () => {
  const practice = {
    practiceName: 'Sunny Pediatrics',
    practicePhone: '555-0100',
    portalUrl: 'https://portal.example',
    issuedOn: '2026-11-25',
  };
  const letter = (locale: Locale) => ({ t: letterTranslator(locale, letterWordings()), locale });
  const pinLetter = {
    ...practice,
    guardianName: 'Rosa Díaz',
    childFirstName: 'Mateo',
    childDateOfBirth: '2021-03-04',
    pin: 'ABCD2345',
    expiresOn: '2026-12-25',
  };

  it.each([
    {
      title: 'prints a PIN letter in Spanish, dates included',
      letterLocale: 'es',
      pageLocale: 'en',
      wording: [
        'lang="es"',
        'aria-label="Carta con el PIN"',
        'Estimado/a Rosa Díaz:',
        'Su PIN',
        '25 de noviembre de 2026',
        'Úselo antes del 25 de diciembre de 2026.',
        '4 de marzo de 2021',
        'llame al 911',
      ],
      otherLanguage: /Dear|Your PIN|emergency/,
    },
    {
      title: 'prints the same PIN letter in English when English is chosen',
      letterLocale: 'en',
      pageLocale: 'es',
      wording: ['Dear Rosa Díaz,', 'Use it before December 25, 2026.'],
      otherLanguage: /Estimado|Su PIN|Úselo/,
    },
  ] as const)('$title', (sample) => {
    const html = renderToStaticMarkup(
      inLanguage(
        createElement(PinLetter, { letter: pinLetter, ...letter(sample.letterLocale) }),
        sample.pageLocale,
      ),
    );
    for (const text of sample.wording) expect(html).toContain(text);
    expect(html).not.toMatch(sample.otherLanguage);
  });

  it('prints a temporary-password letter in Spanish', () => {
    const html = renderToStaticMarkup(
      createElement(TemporaryPasswordLetter, {
        letter: {
          ...practice,
          guardianName: 'Rosa Díaz',
          userId: 'rosa.diaz',
          temporaryPassword: 'TEMP-1234',
          expiresOn: '2026-11-28',
        },
        ...letter('es'),
      }),
    );
    expect(html).toContain('Contraseña temporal:');
    expect(html).toContain('ID de usuario:');
    expect(html).toContain('Úselo antes del 28 de noviembre de 2026.');
    expect(html).not.toMatch(/Dear|Temporary password|Sign in/);
  });
});

describe('the Inbox and message pages in Spanish', () => {
  it('shows the conversation, the 911 notice and the reply form in Spanish', async () => {
    const db = testDb();
    const { parent, child, sent } = await parentWhoWrote('es', {
      category: 'billing',
      subject: 'Factura de marzo',
      body: 'Tengo una pregunta.',
    });
    actAs(await openSession(db, parent), { locale: 'es' });
    const page = await renderPage(
      InboxPage({ params: Promise.resolve({ conversationId: sent.conversationId }) }),
      'es',
    );
    expect(page).toContain('← Bandeja de entrada');
    expect(page).toContain(`Sobre ${child.firstName} · Pregunta de facturación`);
    expect(page).toContain('Los mensajes seguros no son para emergencias.');
    expect(page).toContain('llame al 911');
    expect(page).toContain('2 días hábiles');
    expect(page).toContain('Usted');
    expect(page).toContain('Su respuesta');
    expect(page).toContain('Enviar respuesta');
    expect(page).toContain('de 5000 caracteres');
    const visible = page
      .replace('Factura de marzo', '')
      .replace('Tengo una pregunta.', '')
      .replace(child.firstName, '');
    expect(visible).not.toMatch(english);
  });

  it('lists the Inbox and the message form in Spanish', async () => {
    const db = testDb();
    const { parent, child } = await parentWhoWrote('es', {
      category: 'general',
      subject: 'Formularios',
      body: 'Para la escuela.',
    });
    actAs(await openSession(db, parent), { locale: 'es' });
    const inbox = await renderPage(InboxListPage({ searchParams: Promise.resolve({}) }), 'es');
    expect(inbox).toContain('Bandeja de entrada');
    expect(inbox).toContain('Servicios para pacientes → Enviar un mensaje seguro');
    expect(inbox).toContain(`Sobre ${child.firstName} · Pregunta general del consultorio`);
    expect(inbox.replace('Formularios', '').replace(child.firstName, '')).not.toMatch(english);

    const form = await renderPage(SendMessagePage(), 'es');
    for (const text of [
      'Enviar un mensaje seguro',
      '¿Sobre qué hijo o hija es?',
      'Tipo de pregunta',
      'Pregunta clínica',
      'Asunto',
      'Enviar mensaje',
      'llame al 911',
    ])
      expect(form).toContain(text);
    expect(form.replace(child.firstName, '').replace(child.lastName, '')).not.toMatch(english);
  });

  it('shows the account settings in Spanish, recent sign-ins included', async () => {
    const db = testDb();
    const parent = await createParent(db, { locale: 'es' });
    actAs(await openSession(db, parent), { locale: 'es' });
    const page = await renderPage(AccountPage(), 'es');
    for (const text of [
      'Configuración de la cuenta',
      'ID de usuario',
      '(todavía sin confirmar)',
      'Avisos por correo',
      'Enviarme un correo cuando el consultorio me mande un mensaje seguro',
      'Verificación en dos pasos',
      'Desactivada.',
      'Cambiar la contraseña',
      'Contraseña actual',
      'Inicios de sesión recientes',
      'Un navegador en un sistema desconocido',
      'este dispositivo',
      'Cerrar sesión en todos los dispositivos',
    ])
      expect(page).toContain(text);
    expect(page).not.toMatch(/Account settings|Recent sign-ins|this device|Unknown device/);
  });
});
