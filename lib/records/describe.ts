import 'server-only';

import { formatDate } from '@/lib/dates';

import { visitTypeLabels } from './schemas';

/** Client-safe: how entries read on a phone, for parents and staff alike. */

const day = (value: string | null | undefined) => (value ? formatDate(value) : null);
const KG_PER_LB = 0.45359237;
const CM_PER_IN = 2.54;

function formatWeight(kg: number): string {
  const totalOunces = Math.round((kg / KG_PER_LB) * 16);
  return `${kg.toFixed(kg < 10 ? 2 : 1)} kg (${Math.floor(totalOunces / 16)} lb ${totalOunces % 16} oz)`;
}

function formatLength(cm: number): string {
  return `${cm.toFixed(1)} cm (${(cm / CM_PER_IN).toFixed(1)} in)`;
}

/** Body-mass index, kg/m², from the same day's weight and height. */
function bmi(weightKg: number | null, heightCm: number | null): number | null {
  if (!weightKg || !heightCm) return null;
  return Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10;
}

export interface EntryDescription {
  title: string;
  when: string | null;
  details: string[];
}

type Row = Record<string, unknown>;
const str = (row: Row, key: string) =>
  typeof row[key] === 'string' && row[key] !== '' ? (row[key] as string) : null;
const num = (row: Row, key: string) => (typeof row[key] === 'number' ? (row[key] as number) : null);

export const describeEntry = {
  allergies: (row: Row): EntryDescription => ({
    title: str(row, 'substance') ?? '',
    when: day(str(row, 'notedOn')) ? `Noted ${day(str(row, 'notedOn'))}` : null,
    details: [
      str(row, 'reaction') ? `Reaction: ${str(row, 'reaction')}` : null,
      `Severity: ${str(row, 'severity')}`,
      row.status === 'resolved' ? 'Resolved' : 'Active',
    ].filter((item): item is string => Boolean(item)),
  }),
  medications: (row: Row): EntryDescription => ({
    title: str(row, 'name') ?? '',
    when:
      [
        day(str(row, 'startedOn')) ? `Since ${day(str(row, 'startedOn'))}` : null,
        day(str(row, 'endedOn')) ? `until ${day(str(row, 'endedOn'))}` : null,
      ]
        .filter(Boolean)
        .join(' ') || null,
    details: [
      str(row, 'instructions'),
      row.status === 'active' ? 'Active' : row.status === 'stopped' ? 'Stopped' : 'Completed',
    ].filter((item): item is string => Boolean(item)),
  }),
  problems: (row: Row): EntryDescription => ({
    title: str(row, 'name') ?? '',
    when: day(str(row, 'onsetOn')) ? `Since ${day(str(row, 'onsetOn'))}` : null,
    details: [row.status === 'resolved' ? 'Resolved' : 'Active'],
  }),
  immunizations: (row: Row): EntryDescription => ({
    title: str(row, 'vaccineName') ?? '',
    when: day(str(row, 'administeredOn')),
    details: [
      str(row, 'doseNumber') ? `Dose ${str(row, 'doseNumber')}` : null,
      row.source === 'reported' ? 'Given elsewhere' : 'Given here',
      str(row, 'site') ? `Site: ${str(row, 'site')}` : null,
      str(row, 'lotNumber') ? `Lot ${str(row, 'lotNumber')}` : null,
    ].filter((item): item is string => Boolean(item)),
  }),
  visits: (row: Row): EntryDescription => ({
    title: visitTypeLabels[row.type as keyof typeof visitTypeLabels] ?? 'Visit',
    when: day(str(row, 'visitOn')),
    details: [
      str(row, 'clinician') ? `With ${str(row, 'clinician')}` : null,
      str(row, 'reason') ? `Reason: ${str(row, 'reason')}` : null,
    ].filter((item): item is string => Boolean(item)),
  }),
  measurements: (row: Row): EntryDescription => {
    const weight = num(row, 'weightKg');
    const height = num(row, 'heightCm');
    const head = num(row, 'headCircumferenceCm');
    const index = bmi(weight, height);
    return {
      title: 'Measurements',
      when: day(str(row, 'measuredOn')),
      details: [
        weight !== null ? `Weight: ${formatWeight(weight)}` : null,
        height !== null ? `Length/height: ${formatLength(height)}` : null,
        head !== null ? `Head: ${formatLength(head)}` : null,
        index !== null ? `BMI: ${index}` : null,
      ].filter((item): item is string => Boolean(item)),
    };
  },
  results: (row: Row): EntryDescription => ({
    title: str(row, 'testName') ?? '',
    when: day(str(row, 'resultedOn') ?? str(row, 'collectedOn')),
    details: [
      `Result: ${str(row, 'value')}${str(row, 'units') ? ` ${str(row, 'units')}` : ''}`,
      str(row, 'referenceRange') ? `Reference range: ${str(row, 'referenceRange')}` : null,
      row.flag === 'abnormal' ? 'Outside the usual range' : 'Within the usual range',
      str(row, 'releaseComment') ? `Note from your clinician: ${str(row, 'releaseComment')}` : null,
    ].filter((item): item is string => Boolean(item)),
  }),
};
