import { inflateSync } from 'node:zlib';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';

import { GET as downloadImmunizationPdf } from '@/app/(portal)/children/[childId]/immunizations/pdf/route';
import ImmunizationPrintPage from '@/app/(portal)/children/[childId]/immunizations/print/page';
import ChildPage from '@/app/(portal)/children/[childId]/page';
import SharedRecordPage from '@/app/(public)/share/[token]/page';
import { addChartEntry } from '@/app/staff/(office)/patients/[childId]/actions';
import { ImmunizationRecordSheet } from '@/components/records/immunization-record-sheet';
import { createRecordShare, openSharedRecord } from '@/lib/records/shares';

import {
  actAs,
  createChildLinkedTo,
  createParent,
  createStaffMember,
  openSession,
  testMeta,
} from '../factories';
import { vaccineGiven } from '../factories/chart';
import { testDb } from '../setup/database';
import { inLanguage } from '../setup/intl';
import { requestState } from '../setup/next-mocks';
import { resolveServerTree } from '../setup/server-tree';

/** A child with a DTaP in April 2020 and an MMR in November 2021, and their parent signed in. */
async function spanishScene() {
  const db = testDb();
  const parent = await createParent(db);
  const child = await createChildLinkedTo(db, parent.id);
  actAs(await openSession(db, await createStaffMember(db, ['clinical'])));
  for (const [vaccine, administeredOn] of [
    ['20 – DTaP', '2020-04-02'],
    ['03 – MMR', '2021-11-15'],
  ] as const) {
    const added = await addChartEntry({
      childId: child.id,
      ...vaccineGiven(vaccine, administeredOn),
    });
    if (!added.ok) throw new Error(`add failed: ${JSON.stringify(added)}`);
  }
  actAs(await openSession(db, parent));
  requestState.cookies.set('portal_locale', { value: 'es', options: {} });
  return { db, parent, child };
}

const params = (childId: string) => ({ params: Promise.resolve({ childId }) });
const html = async (node: unknown) =>
  renderToStaticMarkup(inLanguage(await resolveServerTree(node as ReactNode), 'es'));

/** The text pdfkit drew: each content stream inflated, each TJ array's hex strings joined. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g))
      lines.push(
        [...tj[1]!.matchAll(/<([0-9a-f]*)>/g)]
          .map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1'))
          .join(''),
      );
  }
  return lines.join('\n');
}

afterEach(() => {
  requestState.cookies.delete('portal_locale');
  actAs(null);
});

describe('the parent’s record pages in Spanish', () => {
  it('shows the child summary with Spanish sections, vaccine and disease names, and dates', async () => {
    const { child } = await spanishScene();
    const page = await html(await ChildPage(params(child.id)));
    for (const words of [
      'Resumen',
      'Vacunas',
      'Estado según el calendario de vacunas',
      'MMR (sarampión, paperas y rubéola)',
      'Varicela',
      'Hepatitis B',
      '15 de noviembre de 2021',
      'Nació el 2 de febrero de 2020',
      'Aplicada aquí',
      'Enlaces para compartir con la escuela, la guardería o el campamento',
    ])
      expect(page).toContain(words);
    // Born 2020-02-02: an age in years, in Spanish.
    expect(page).toMatch(/ · \d+ años · /);
    for (const english of ['Summary', 'Immunizations', 'Given here', 'November', 'Chickenpox'])
      expect(page).not.toContain(english);
  });

  it('prints the immunization record and makes its PDF in Spanish', async () => {
    const { child } = await spanishScene();
    const page = await html(await ImmunizationPrintPage(params(child.id)));
    for (const words of [
      'Registro de vacunas',
      'Difteria, tétanos y tos ferina (DTaP, Tdap)',
      'MMR (sarampión, paperas y rubéola)',
      'nació el 2 de febrero de 2020',
      'Firma del profesional clínico',
      'Descargar PDF',
      'Imprimir',
    ])
      expect(page).toContain(words);
    expect(page).not.toMatch(/Immunization record|Signature of clinician|Download PDF/);

    const response = await downloadImmunizationPdf(new Request('http://portal.test/x'), {
      ...params(child.id),
    });
    expect(response.status).toBe(200);
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    for (const words of [
      'Registro de vacunas',
      'Fecha de nacimiento:',
      '2 de febrero de 2020',
      'Difteria, tétanos y tos ferina (DTaP, Tdap)',
      'Firma del profesional clínico',
    ])
      expect(text).toContain(words);
    expect(text).not.toMatch(/Immunization record|Date of birth|Signature/);
  });

  it('shows a school nurse the shared record in Spanish', async () => {
    const { db, parent, child } = await spanishScene();
    const made = await db.transaction((tx) =>
      createRecordShare(tx, parent.id, {
        childId: child.id,
        label: null,
        validFor: '1d',
        protectWithCode: false,
      }),
    );
    const token = made.url.split('/share/')[1]!;
    actAs(null);
    const opener = await html(await SharedRecordPage({ params: Promise.resolve({ token }) }));
    expect(opener).toContain('Un registro de vacunas compartido');
    expect(opener).toContain('Mostrar el registro');

    const opened = await openSharedRecord(db, testMeta, token, null, undefined, 'es');
    if (opened.status !== 'ok') throw new Error(opened.status);
    const sheet = await html(
      createElement(ImmunizationRecordSheet, { record: opened.record, shared: true }),
    );
    for (const words of [
      'Registro de vacunas',
      'MMR (sarampión, paperas y rubéola)',
      'con un enlace que compartió el padre, la madre o el tutor',
    ])
      expect(sheet).toContain(words);
    expect(sheet).not.toMatch(/measles|Printed on/);
  });
});
