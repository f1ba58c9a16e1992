import { describe, expect, it } from 'vitest';

import { formatDate } from '@/lib/dates';
import { translatorFor } from '@/lib/i18n/server';
import { groupImmunizationsForPrint, type PrintedGroup } from '@/lib/records/cvx';
import {
  renderImmunizationRecordPdf,
  type ImmunizationRecordForPrint,
} from '@/lib/records/immunization-pdf';

// A typical school-entry record: 25 immunizations, several of them combination vaccines.
const typicalChild = groupImmunizationsForPrint(
  (
    [
      ['306', '2019-12-30', null],
      ['08', '2020-01-01', 1],
      ['110', '2020-03-02', 1],
      ['49', '2020-03-02', 1],
      ['133', '2020-03-02', 1],
      ['116', '2020-03-02', 1],
      ['110', '2020-05-04', 2],
      ['49', '2020-05-04', 2],
      ['133', '2020-05-04', 2],
      ['116', '2020-05-04', 2],
      ['110', '2020-07-06', 3],
      ['133', '2020-07-06', 3],
      ['116', '2020-07-06', 3],
      ['150', '2020-10-01', 1],
      ['150', '2020-11-01', 2],
      ['03', '2021-01-05', 1],
      ['21', '2021-01-05', 1],
      ['83', '2021-01-05', 1],
      ['49', '2021-04-05', 3],
      ['133', '2021-04-05', 4],
      ['20', '2021-07-05', 4],
      ['83', '2021-07-05', 2],
      ['311', '2021-10-05', null],
      ['130', '2024-01-05', 5],
      ['94', '2024-01-05', 2],
    ] as const
  ).map(([cvx, administeredOn, doseNumber]) => ({ cvx, administeredOn, doseNumber })),
);

const record = (groups: PrintedGroup[]): ImmunizationRecordForPrint => ({
  locale: 'en',
  practice: {
    name: 'Maple Street Pediatrics',
    address: '100 Maple Street\nSpringfield, IL 62701',
    phone: '(217) 555-0100',
  },
  child: { name: 'Avery Quinlan-Brooks', dateOfBirth: 'January 1, 2020' },
  printedOn: 'November 25, 2026',
  groups,
});

const latin1 = (pdf: Buffer) => pdf.toString('latin1');
const pageCount = (pdf: Buffer) => latin1(pdf).match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;

/** The text drawn on the pages: pdfkit writes each line as a TJ array of hex strings split at kerning pairs. */
function drawnText(pdf: Buffer): string[] {
  return [...latin1(pdf).matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)].map((match) =>
    [...match[1]!.matchAll(/<([0-9a-f]*)>/g)]
      .map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1'))
      .join(''),
  );
}

describe('renderImmunizationRecordPdf', () => {
  it('produces a complete PDF', async () => {
    const pdf = await renderImmunizationRecordPdf(record(typicalChild));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(latin1(pdf)).toMatch(/%%EOF\n?$/);
  });

  it('fits a typical 25-dose record on one Letter page', async () => {
    expect(typicalChild.reduce((sum, group) => sum + group.doses.length, 0)).toBeGreaterThanOrEqual(
      25,
    );
    const pdf = await renderImmunizationRecordPdf(record(typicalChild), { compress: false });
    expect(pageCount(pdf)).toBe(1);
    expect(latin1(pdf)).toMatch(/\/MediaBox \[0 0 612 792\]/);
  });

  it('prints the practice, the child, each disease row with its doses, the date and a signature line', async () => {
    const text = drawnText(
      await renderImmunizationRecordPdf(record(typicalChild), { compress: false }),
    );
    for (const line of [
      'Maple Street Pediatrics',
      '100 Maple Street, Springfield, IL 62701 · (217) 555-0100',
      'Immunization record',
      'Avery Quinlan-Brooks',
      'January 1, 2020',
      'Diphtheria, tetanus, whooping cough (DTaP, Tdap)',
      'MMR (measles, mumps, rubella)',
      'DTaP-Hep B-IPV',
      '03/02/2020',
      'Dose 3',
      'Signature of clinician',
      'Printed on November 25, 2026 by Maple Street Pediatrics',
    ]) {
      expect(text).toContain(line);
    }
    // CVX 110 is printed under DTaP, polio and hepatitis B: three doses in each.
    expect(text.filter((line) => line === 'DTaP-Hep B-IPV')).toHaveLength(9);
  });

  it('prints in Spanish for a Spanish reader: headings, disease rows, doses, footer and dates', async () => {
    const spanish = translatorFor('es', 'vaccines');
    const groups = typicalChild.map((group) => ({
      ...group,
      label: spanish(`print.${group.key as 'dtap'}`),
    }));
    const pdf = await renderImmunizationRecordPdf(
      {
        ...record(groups),
        locale: 'es',
        child: { name: 'Avery Quinlan-Brooks', dateOfBirth: formatDate('2020-01-01', 'es') },
        printedOn: formatDate('2026-11-25', 'es'),
      },
      { compress: false },
    );
    const text = drawnText(pdf);
    for (const line of [
      'Registro de vacunas',
      'Nombre:',
      'Fecha de nacimiento: ',
      '1 de enero de 2020',
      'Difteria, tétanos y tos ferina (DTaP, Tdap)',
      'MMR (sarampión, paperas y rubéola)',
      'Varicela',
      'Dosis 3',
      'Firma del profesional clínico',
      'Impreso el 25 de noviembre de 2026 por Maple Street Pediatrics',
    ])
      expect(text).toContain(line);
    expect(text.join('\n')).not.toMatch(/Immunization record|Signature|Printed on|Dose \d/);
    expect(latin1(pdf)).toMatch(/\/Lang \(es-US\)/);
  });

  it('titles the document without putting the child in the metadata', async () => {
    const pdf = latin1(
      await renderImmunizationRecordPdf(record(typicalChild), { compress: false }),
    );
    const title = /\/Title (\d+) 0 R/.exec(pdf)?.[1];
    expect(new RegExp(`\\n${title} 0 obj\\n\\(Immunization record\\)`).test(pdf)).toBe(true);
    // Page text is hex-encoded, so a readable name anywhere in the file would be metadata.
    expect(pdf).not.toContain('Avery');
    expect(pdf).not.toContain('Quinlan');
  });

  it('continues a long record on further pages without losing or repeating a dose', async () => {
    const doses = Array.from({ length: 140 }, (_, index) => {
      const day = new Date(Date.UTC(2010, 0, 1 + index * 9)).toISOString().slice(0, 10);
      return {
        administeredOn: day,
        vaccine: `Influenza, split virus, quadrivalent, PF ${index}`,
        doseNumber: index + 1,
      };
    });
    const groups: PrintedGroup[] = [
      { key: 'hepb', label: 'Hepatitis B', doses: doses.slice(0, 3) },
      { key: 'flu', label: 'Influenza (flu)', doses: doses.slice(3) },
    ];
    const pdf = await renderImmunizationRecordPdf(record(groups), { compress: false });
    const text = drawnText(pdf);
    expect(pageCount(pdf)).toBeGreaterThan(1);
    expect(latin1(pdf)).toMatch(/%%EOF\n?$/);
    for (const dose of doses) {
      const [year, month, day] = dose.administeredOn.split('-');
      expect(text.filter((line) => line === `${month}/${day}/${year}`)).toHaveLength(1);
    }
    expect(text).toContain('Influenza (flu) (continued)');
    expect(text).toContain(`Page ${pageCount(pdf)} of ${pageCount(pdf)}`);
    expect(text.filter((line) => line === 'Signature of clinician')).toHaveLength(1);
    expect(
      text.some((line) => line.startsWith('Immunization record (continued): Avery Quinlan-Brooks')),
    ).toBe(true);
  });

  it('prints an empty record, and names it can only approximate in Helvetica', async () => {
    const empty = {
      ...record([]),
      child: { name: 'Zoë Łukasiewicz 王', dateOfBirth: 'May 2, 2021' },
    };
    const text = drawnText(await renderImmunizationRecordPdf(empty, { compress: false }));
    expect(text).toContain('No immunizations on record.');
    expect(text).toContain('Zoë Lukasiewicz ?');
  });
});
