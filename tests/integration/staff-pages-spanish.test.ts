import { createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { prerender } from 'react-dom/static';
import { beforeEach, describe, expect, it } from 'vitest';

import StaffMessagesPage from '@/app/staff/(office)/messages/page';
import PatientPage from '@/app/staff/(office)/patients/[childId]/page';
import { registerChild } from '@/app/staff/(office)/patients/actions';
import { changeStaffRoles } from '@/app/staff/(office)/users/actions';

import {
  actAs,
  createChildLinkedTo,
  createParent,
  createStaffMember,
  openSession,
} from '../factories';
import { testDb } from '../setup/database';
import { inLanguage } from '../setup/intl';

/** Calls async server components, at any depth, as Next.js would; client ones render as HTML. */
async function resolveServerParts(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map(resolveServerParts));
  if (!isValidElement(node)) return node;
  const { type, props } = node as ReactElement<Record<string, unknown>>;
  if (typeof type === 'function' && type.constructor.name === 'AsyncFunction')
    return resolveServerParts(await (type as (p: unknown) => Promise<ReactNode>)(props));
  if (props.children === undefined) return node;
  const children = await resolveServerParts(props.children as ReactNode);
  return { ...node, props: { ...props, children } } as ReactElement;
}

/** The whole page as HTML, once every lazy part (the chart's client pieces) has loaded. */
async function renderPage(page: ReactNode, locale: 'en' | 'es'): Promise<string> {
  const { prelude } = await prerender(inLanguage(await resolveServerParts(page), locale));
  return new Response(prelude).text();
}

beforeEach(() => actAs(null));

describe('staff pages in Spanish (#20)', () => {
  it('draws the patient chart in the reader’s language, and English by default', async () => {
    const db = testDb();
    const nurse = await createStaffMember(db, ['clinical', 'front_desk']);
    const parent = await createParent(db);
    const child = await createChildLinkedTo(db, parent.id);
    const session = await openSession(db, nurse);
    const page = () =>
      createElement(PatientPage, {
        params: Promise.resolve({ childId: child.id }),
        searchParams: Promise.resolve({ notice: 'updated' }),
      });

    actAs(session, { locale: 'es' });
    const spanish = await renderPage(page(), 'es');
    for (const text of [
      'Se guardaron los cambios.',
      'Expediente médico',
      'Estado de las vacunas según el calendario',
      'Alergias',
      'Agregar a Medidas de crecimiento',
      'Sustancia',
      'Confidencial (atención de adolescentes)',
      'Padres y tutores con acceso al portal',
      'Emitir un PIN',
      '¿Cómo verificó la identidad de quien llama?',
    ])
      expect(spanish).toContain(text);
    expect(spanish).not.toContain('Health record');
    expect(spanish).not.toContain('Parents and guardians with portal access');

    actAs(session);
    const english = await renderPage(page(), 'en');
    expect(english).toContain('Health record');
    expect(english).toContain('Parents and guardians with portal access');
    expect(english).not.toContain('Expediente médico');
  });

  it('draws the message queues in Spanish', async () => {
    const db = testDb();
    const clerk = await createStaffMember(db, ['billing']);
    actAs(await openSession(db, clerk), { locale: 'es' });
    const html = await renderPage(
      createElement(StaffMessagesPage, { searchParams: Promise.resolve({ notice: 'moved' }) }),
      'es',
    );
    expect(html).toContain('Sus bandejas: Pregunta de facturación.');
    expect(html).toContain('La conversación se pasó a otra bandeja.');
    expect(html).toContain('Sin asignar (0)');
    expect(html).toContain('No hay conversaciones aquí.');
  });

  it('answers staff actions in Spanish: domain errors and form rules alike', async () => {
    const db = testDb();
    const admin = await createStaffMember(db, ['admin', 'front_desk']);
    const colleague = await createStaffMember(db, ['front_desk']);
    actAs(await openSession(db, admin), { locale: 'es' });

    expect(await changeStaffRoles({ staffUserId: colleague.id, roles: [] })).toMatchObject({
      ok: false,
      fieldErrors: { roles: 'Elija al menos una función.' },
    });

    const mrn = `ES-${Date.now()}`;
    const child = {
      firstName: 'Lucía',
      lastName: 'Pérez',
      preferredName: '',
      dateOfBirth: '2021-01-01',
      sex: '' as const,
      mrn,
    };
    await registerChild(child).catch(() => undefined);
    expect(await registerChild(child)).toMatchObject({
      ok: false,
      formError: 'Corrija los campos marcados.',
      fieldErrors: { mrn: 'Otro niño o niña ya tiene este número de expediente.' },
    });
  });
});
