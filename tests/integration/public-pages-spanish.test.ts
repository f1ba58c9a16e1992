import { createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';

import { signInParent } from '@/app/(public)/login/actions';
import LoginPage from '@/app/(public)/login/page';
import HomePage from '@/app/(public)/page';
import { signUp } from '@/app/(public)/signup/actions';
import SignUpPage from '@/app/(public)/signup/page';
import { PracticeDetailsProvider } from '@/components/practice-details';
import { practiceDetails } from '@/lib/practice';
import en from '@/messages/en.json';
import es from '@/messages/es.json';

import { actAs, createParent } from '../factories';
import { testDb } from '../setup/database';
import { inLanguage } from '../setup/intl';

/**
 * Issue 20 for the public pages: a Spanish reader (the portal_locale cookie) meets the sign-in
 * and sign-up pages, their field errors and the 911 notice in Spanish, and no English sentence.
 */
type Tree = { [key: string]: string | Tree };

/** Every English sentence of these namespaces that Spanish words differently. */
function englishSentences(...namespaces: (keyof typeof en)[]): string[] {
  const out: string[] = [];
  const walk = (english: Tree, spanish: Tree) => {
    for (const [key, value] of Object.entries(english)) {
      const other = spanish[key];
      if (typeof value === 'string') {
        // The part before any placeholder or tag, long enough to be a sentence of its own.
        const plain = value.split(/[{<]/)[0]!.trim();
        if (plain.length >= 8 && value !== other) out.push(plain);
      } else walk(value, other as Tree);
    }
  };
  for (const ns of namespaces) walk(en[ns] as Tree, es[ns] as Tree);
  return out;
}

const decode = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** What a person reads or hears: the text between tags, and the labels screen readers say. */
function readable(html: string): string {
  const labels = [...html.matchAll(/(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map(
    (match) => match[1],
  );
  const text = html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ');
  return [text, ...labels].join(' | ');
}

/** Calls async server components (as Next.js would) anywhere in the tree. */
async function resolve(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map(resolve));
  if (!isValidElement(node)) return node;
  const { type, props } = node as ReactElement<{ children?: ReactNode }> & {
    type: unknown;
  };
  if (typeof type === 'function' && type.constructor.name === 'AsyncFunction')
    return resolve(await (type as (p: unknown) => Promise<ReactNode>)(props));
  if (props.children === undefined) return node;
  return { ...node, props: { ...props, children: await resolve(props.children) } } as ReactNode;
}

async function renderInSpanish(page: ReactElement): Promise<string> {
  const element = await resolve(page);
  return decode(
    renderToStaticMarkup(
      inLanguage(
        // eslint-disable-next-line react/no-children-prop -- createElement's types want children among the props
        createElement(PracticeDetailsProvider, { value: practiceDetails(), children: element }),
        'es',
      ),
    ),
  );
}

const namespaces = ['home', 'login', 'signup', 'auth', 'emergency', 'hintQuestions'] as const;

beforeEach(() => actAs(null, { locale: 'es' }));

describe('the public pages in Spanish', () => {
  it('draws the home page with its sign-in box and the 911 notice in Spanish', async () => {
    const html = await renderInSpanish(createElement(HomePage));
    expect(html).toContain('El portal del paciente no es para emergencias.');
    expect(html).toContain('llame al 911');
    expect(html).toContain('aria-label="No es para emergencias"');
    expect(html).toContain('ID de usuario o correo electrónico');
    expect(html).toContain('Crear una cuenta gratis');
    for (const sentence of englishSentences(...namespaces)) {
      expect(readable(html)).not.toContain(sentence);
    }
  });

  it('draws the sign-in page, its notice and its form in Spanish', async () => {
    const html = await renderInSpanish(
      createElement(LoginPage, { searchParams: Promise.resolve({ notice: 'idle' }) }),
    );
    expect(html).toContain('Inicie sesión en el portal del paciente');
    expect(html).toContain(es.login.notices.idle);
    expect(html).toContain('Olvidé mi contraseña');
    expect(html).toContain('Cree una cuenta gratis');
    expect(html).toContain(es.common.required);
    for (const sentence of englishSentences(...namespaces, 'common')) {
      expect(readable(html)).not.toContain(sentence);
    }
  });

  it('draws the sign-up page with Spanish labels, hints and hint questions', async () => {
    const html = await renderInSpanish(createElement(SignUpPage));
    expect(html).toContain('Crear una cuenta gratis');
    expect(html).toContain('>Nombre<');
    expect(html).toContain('¿Cómo se llamaba su primera mascota?');
    expect(html).toContain(es.auth.userIdHint);
    for (const sentence of englishSentences(...namespaces)) {
      expect(readable(html)).not.toContain(sentence);
    }
  });

  it('answers a wrong sign-up in Spanish, field by field', async () => {
    const result = await signUp({
      firstName: ' ',
      lastName: '',
      userId: 'a b',
      email: 'not-an-address',
      password: 'short',
      confirmPassword: 'other',
      hintQuestion: 'nope',
      hintAnswer: '',
    } as never);
    expect(result).toMatchObject({
      ok: false,
      formError: 'Corrija los campos marcados.',
      fieldErrors: {
        firstName: 'Escriba su nombre.',
        lastName: 'Escriba su apellido.',
        userId: es.validation.userIdFormat,
        email: 'Escriba un correo electrónico como nombre@ejemplo.com.',
        password: 'Use al menos 12 caracteres.',
        hintQuestion: 'Elija una pregunta de seguridad.',
        hintAnswer: es.validation.hintAnswerTooShort,
      },
    });
    const english = new Set(englishSentences('validation', 'errors'));
    for (const message of Object.values(result.ok ? {} : (result.fieldErrors ?? {}))) {
      expect(english.has(message)).toBe(false);
      expect(message).not.toMatch(/^validation\./);
    }
  });

  it('answers a password that is too easy to guess in Spanish', async () => {
    const parent = await createParent(testDb());
    actAs(null, { locale: 'es' });
    const weak = await signUp({
      firstName: 'Ana',
      lastName: 'Ruiz',
      userId: `${parent.userId}-new`,
      email: 'ana.ruiz@example.org',
      password: 'password12345',
      confirmPassword: 'password12345',
      hintQuestion: 'first_pet',
      hintAnswer: 'Luna',
    });
    expect(weak).toMatchObject({
      ok: false,
      fieldErrors: { password: es.validation.passwordTooEasy },
    });
  });

  it('refuses a wrong password in Spanish', async () => {
    const parent = await createParent(testDb());
    actAs(null, { locale: 'es' });
    const result = await signInParent({ identifier: parent.userId, password: 'not-the-password' });
    expect(result).toMatchObject({ ok: false, formError: es.errors.signInFailed });
    const empty = await signInParent({ identifier: '', password: '' });
    expect(empty).toMatchObject({
      ok: false,
      fieldErrors: {
        identifier: 'Escriba su ID de usuario o su correo electrónico.',
        password: 'Escriba su contraseña.',
      },
    });
  });
});
