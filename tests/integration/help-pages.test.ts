import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Children, cloneElement, createElement, isValidElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';

import ContactPage, { generateMetadata as contactMetadata } from '@/app/(public)/contact/page';
import FaqPage, { generateMetadata as faqMetadata } from '@/app/(public)/faq/page';
import RegistrationHelpPage, {
  generateMetadata as helpMetadata,
} from '@/app/(public)/help/registration/page';
import RequestsHelpPage, {
  generateMetadata as requestsHelpMetadata,
} from '@/app/(public)/help/requests/page';
import { env } from '@/lib/env';

import { actAs } from '../factories';
import { inLanguage } from '../setup/intl';
import { requestState } from '../setup/next-mocks';

/** Calls the async server components of the tree (as Next.js would), however deep they are. */
async function resolve(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map(resolve));
  if (!isValidElement(node)) return node;
  const { type, props } = node as { type: unknown; props: { children?: ReactNode } };
  if (typeof type === 'function' && type.constructor.name === 'AsyncFunction')
    return resolve(await (type as (p: unknown) => Promise<ReactNode>)(props));
  if (props.children === undefined) return node;
  const children = await Promise.all(Children.toArray(props.children).map(resolve));
  return cloneElement(node, undefined, ...children);
}

async function render(Page: () => Promise<ReactNode>, locale: 'en' | 'es'): Promise<string> {
  return renderToStaticMarkup(inLanguage(await resolve(createElement(Page)), locale));
}

/** What a reader sees: the text, without the markup. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** Common English words that never belong in a Spanish sentence. */
const english = /\b(the|your|please|with|you|and|this|sign in|child|call)\b/i;

function readInSpanish() {
  actAs(null);
  requestState.cookies.set('portal_locale', { value: 'es', options: {} });
}

describe('the FAQ, the registration help and the contact page in Spanish', () => {
  afterEach(() => requestState.cookies.delete('portal_locale'));

  it('the FAQ answers in Spanish, with its links, the phone number and the 911 advice', async () => {
    readInSpanish();
    const html = await render(FaqPage, 'es');
    const words = text(html);
    expect(words).toContain('Preguntas y respuestas');
    expect(words).toContain('¿Puedo usarlo en una emergencia?');
    expect(words).toContain('llame al 911 o vaya a la sala de emergencias más cercana');
    expect(words).toContain(env().PRACTICE_PHONE);
    expect(words).toContain(`vence ${env().PIN_TTL_DAYS} días`);
    expect(html).toContain('href="/signup"');
    expect(html).toContain('<strong>verificación en dos pasos</strong>');
    expect(words.replace(/\(FHIR\)/g, '')).not.toMatch(english);
    expect((await faqMetadata()).title).toBe('Preguntas y respuestas');
  });

  it('the registration help is in Spanish, alt text included, and falls back to the English pictures until the Spanish ones are taken', async () => {
    readInSpanish();
    const html = await render(RegistrationHelpPage, 'es');
    const words = text(html);
    expect(words).toContain('1. Pida un PIN al consultorio');
    expect(words).toContain('6. La próxima vez, solo inicie sesión');
    expect(html).toContain(
      'alt="Una carta del consultorio con el PIN en un recuadro y los pasos a seguir."',
    );
    expect(words).not.toMatch(english);
    expect((await helpMetadata()).title).toBe(
      'Ayuda: cómo registrarse y vincular a su hijo o hija',
    );

    // A Spanish picture, once taken, is the one shown; until then, the English one.
    const folder = path.join(process.cwd(), 'public/help-images/es');
    const picture = path.join(folder, 'step-6-sign-in.png');
    const existed = (() => {
      try {
        mkdirSync(folder, { recursive: true });
        writeFileSync(picture, '', { flag: 'wx' });
        return false;
      } catch {
        return true;
      }
    })();
    try {
      const again = await render(RegistrationHelpPage, 'es');
      expect(again).toContain('src="/help-images/es/step-6-sign-in.png"');
      if (!existed) expect(again).toContain('src="/help-images/step-5-child-on-home-page.png"');
    } finally {
      if (!existed) rmSync(picture);
    }
  });

  it('the contact page gives the practice’s Spanish hours and after-hours advice', async () => {
    readInSpanish();
    const words = text(await render(ContactPage, 'es'));
    expect(words).toContain(`Cómo comunicarse con ${env().PRACTICE_NAME}`);
    expect(words).toContain(env().PRACTICE_HOURS_ES);
    expect(words).toContain(env().PRACTICE_AFTER_HOURS_ES);
    expect(words).toContain('Servicios al paciente → Enviar un mensaje seguro');
    expect(words).not.toContain(env().PRACTICE_AFTER_HOURS);
    expect((await contactMetadata()).title).toBe('Cómo comunicarse con el consultorio');
  });

  it('the three pages still read in English by default', async () => {
    actAs(null);
    expect(text(await render(FaqPage, 'en'))).toContain('Can I use it in an emergency?');
    const help = await render(RegistrationHelpPage, 'en');
    expect(help).toContain('src="/help-images/step-1-pin-letter.png"');
    expect(text(help)).toContain('1. Get a PIN from the office');
    const contact = text(await render(ContactPage, 'en'));
    expect(contact).toContain(env().PRACTICE_AFTER_HOURS);
    expect(contact).toContain('Hours');
  });
});

describe('the requests help', () => {
  afterEach(() => requestState.cookies.delete('portal_locale'));

  it('says what each request is for, that it is not for today, the 30 days for records and every status', async () => {
    actAs(null);
    const html = await render(RequestsHelpPage, 'en');
    const words = text(html);
    expect(words).toContain('In an emergency, call 911');
    expect(words).toContain(
      `If your child is sick today, call the office at ${env().PRACTICE_PHONE}`,
    );
    for (const kind of [
      'Request an appointment',
      'Ask for a prescription renewal',
      'Ask for a form',
      'Ask for a copy of the records',
    ])
      expect(words).toContain(kind);
    expect(words).toContain('By law the office has up to 30 days to give you the copy');
    expect(words).toContain('The office answers within 2 days');
    for (const status of [
      'Received',
      'Scheduled',
      'Please call us',
      'Sent to pharmacy',
      'Needs a visit',
      'Ready',
      'Declined',
    ])
      expect(html).toContain(`<dt class="font-semibold">${status}</dt>`);
    for (const href of ['/services/requests', '/inbox', '/faq#faq-requests', '/contact'])
      expect(html).toContain(`href="${href}"`);
    expect(html).toContain('id="statuses"');
    expect(html).toContain('id="kind-records"');
  });

  it('reads in plain Spanish', async () => {
    readInSpanish();
    const words = text(await render(RequestsHelpPage, 'es'));
    expect(words).toContain('En una emergencia, llame al 911');
    expect(words).toContain('Por ley, el consultorio tiene hasta 30 días');
    expect(words).toContain('Llámenos, por favor');
    expect(words).toContain('El consultorio responde en 2 días');
    expect(words).not.toMatch(english);
    expect((await requestsHelpMetadata()).title).toBe('Ayuda: solicitudes al consultorio');
  });

  it('is linked from each FAQ answer on requests', async () => {
    actAs(null);
    const html = await render(FaqPage, 'en');
    expect(html).toContain('href="/help/requests"');
    expect(html).toContain('href="/help/requests#files"');
  });
});
