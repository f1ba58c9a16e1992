import 'server-only';

import { formatDate } from '@/lib/dates';
import { defaultLocale, type Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/server';

import { visitTypes } from './vocabulary';

/** How entries read on a phone, for parents and staff alike, in the reader's language. */

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

type VisitType = (typeof visitTypes)[number];
const isVisitType = (value: unknown): value is VisitType =>
  (visitTypes as readonly unknown[]).includes(value);

/** The describers for one language: `entryDescriber(locale).allergies(row)`. */
export function entryDescriber(locale: Locale) {
  const t = translatorFor(locale, 'recordEntries');
  const day = (value: string | null | undefined) => (value ? formatDate(value, locale) : null);
  const present = (items: (string | null)[]) =>
    items.filter((item): item is string => Boolean(item));
  return {
    allergies: (row: Row): EntryDescription => {
      const noted = day(str(row, 'notedOn'));
      return {
        title: str(row, 'substance') ?? '',
        when: noted ? t('noted', { date: noted }) : null,
        details: present([
          str(row, 'reaction') ? t('reaction', { reaction: str(row, 'reaction')! }) : null,
          t('severity', { severity: str(row, 'severity') ?? '' }),
          row.status === 'resolved' ? t('resolved') : t('active'),
        ]),
      };
    },
    medications: (row: Row): EntryDescription => {
      const started = day(str(row, 'startedOn'));
      const ended = day(str(row, 'endedOn'));
      return {
        title: str(row, 'name') ?? '',
        when:
          present([
            started ? t('since', { date: started }) : null,
            ended ? t('until', { date: ended }) : null,
          ]).join(' ') || null,
        details: present([
          str(row, 'instructions'),
          row.status === 'active'
            ? t('active')
            : row.status === 'stopped'
              ? t('stopped')
              : t('completed'),
        ]),
      };
    },
    problems: (row: Row): EntryDescription => {
      const onset = day(str(row, 'onsetOn'));
      return {
        title: str(row, 'name') ?? '',
        when: onset ? t('since', { date: onset }) : null,
        details: [row.status === 'resolved' ? t('resolved') : t('active')],
      };
    },
    immunizations: (row: Row): EntryDescription => ({
      title: str(row, 'vaccineName') ?? '',
      when: day(str(row, 'administeredOn')),
      details: present([
        str(row, 'doseNumber') ? t('dose', { dose: str(row, 'doseNumber')! }) : null,
        row.source === 'reported' ? t('givenElsewhere') : t('givenHere'),
        str(row, 'site') ? t('site', { site: str(row, 'site')! }) : null,
        str(row, 'lotNumber') ? t('lot', { lot: str(row, 'lotNumber')! }) : null,
      ]),
    }),
    visits: (row: Row): EntryDescription => ({
      title: isVisitType(row.type) ? t(`visitType.${row.type}`) : t('visit'),
      when: day(str(row, 'visitOn')),
      details: present([
        str(row, 'clinician') ? t('with', { clinician: str(row, 'clinician')! }) : null,
        str(row, 'reason') ? t('reason', { reason: str(row, 'reason')! }) : null,
      ]),
    }),
    measurements: (row: Row): EntryDescription => {
      const weight = num(row, 'weightKg');
      const height = num(row, 'heightCm');
      const head = num(row, 'headCircumferenceCm');
      const index = bmi(weight, height);
      return {
        title: t('measurements'),
        when: day(str(row, 'measuredOn')),
        details: present([
          weight !== null ? t('weight', { weight: formatWeight(weight) }) : null,
          height !== null ? t('length', { length: formatLength(height) }) : null,
          head !== null ? t('head', { length: formatLength(head) }) : null,
          index !== null ? t('bmi', { bmi: String(index) }) : null,
        ]),
      };
    },
    results: (row: Row): EntryDescription => ({
      title: str(row, 'testName') ?? '',
      when: day(str(row, 'resultedOn') ?? str(row, 'collectedOn')),
      details: present([
        t('result', {
          value: `${str(row, 'value') ?? ''}${str(row, 'units') ? ` ${str(row, 'units')}` : ''}`,
        }),
        str(row, 'referenceRange')
          ? t('referenceRange', { range: str(row, 'referenceRange')! })
          : null,
        row.flag === 'abnormal' ? t('abnormal') : t('normal'),
        str(row, 'releaseComment')
          ? t('clinicianNote', { note: str(row, 'releaseComment')! })
          : null,
      ]),
    }),
  };
}

/** In English, for pages not yet translated (the staff chart until it passes its locale). */
export const describeEntry = entryDescriber(defaultLocale);
