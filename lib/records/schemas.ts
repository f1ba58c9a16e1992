import { z } from 'zod';

import {
  activeResolved,
  allergySeverities,
  immunizationSources,
  medicationStatuses,
  resultFlags,
  visitTypes,
} from './vocabulary';

/**
 * Client-safe: the charting forms' rules, shared by the browser and the server action. One
 * schema per section; `section` tells them apart. Messages are catalog keys (validation.chart…):
 * each shows under its own field, so it need not name the field.
 */

const text = (max = 200) =>
  z.string().trim().min(1, 'validation.chartRequired').max(max, 'validation.chartTooLong');
const optionalText = (max = 300) =>
  z
    .string()
    .trim()
    .max(max, 'validation.chartTooLong')
    .transform((value) => (value === '' ? null : value));
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (value: string) =>
  isoDate.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const requiredDate = () => z.string().trim().refine(validDate, 'validation.chartDate');
const optionalDate = () =>
  z
    .string()
    .trim()
    .refine((value) => value === '' || validDate(value), 'validation.chartOptionalDate')
    .transform((value) => (value === '' ? null : value));
/** `message` names the unit and the range, which the catalog sentence spells out. */
const optionalNumber = (message: string, min: number, max: number) =>
  z
    .union([z.string(), z.number()])
    .transform((value) =>
      typeof value === 'number' ? value : value.trim() === '' ? null : Number(value.trim()),
    )
    .refine(
      (value) => value === null || (Number.isFinite(value) && value >= min && value <= max),
      message,
    );
const confidential = z
  .union([z.boolean(), z.literal('on')])
  .optional()
  .transform((value) => value === true || value === 'on');

const entryBase = {
  childId: z.uuid(),
  /** Present when editing an entry, absent when adding one. */
  entryId: z
    .union([z.uuid(), z.literal('')])
    .optional()
    .transform((value) => (value ? value : null)),
  confidential,
};

const allergyEntrySchema = z.object({
  ...entryBase,
  section: z.literal('allergies'),
  substance: text(),
  reaction: optionalText(),
  severity: z.enum(allergySeverities, 'validation.chartSeverity'),
  status: z.enum(activeResolved, 'validation.chartActiveResolved'),
  notedOn: optionalDate(),
});

const medicationEntrySchema = z
  .object({
    ...entryBase,
    section: z.literal('medications'),
    name: text(),
    instructions: optionalText(500),
    startedOn: optionalDate(),
    endedOn: optionalDate(),
    status: z.enum(medicationStatuses, 'validation.chartStatus'),
  })
  .refine((value) => !value.startedOn || !value.endedOn || value.endedOn >= value.startedOn, {
    path: ['endedOn'],
    message: 'validation.chartEndBeforeStart',
  });

const problemEntrySchema = z.object({
  ...entryBase,
  section: z.literal('problems'),
  name: text(),
  onsetOn: optionalDate(),
  status: z.enum(activeResolved, 'validation.chartActiveResolved'),
});

const immunizationEntrySchema = z.object({
  ...entryBase,
  section: z.literal('immunizations'),
  /** "20 – DTaP" from the list, or just the code: the CVX code is what counts. */
  vaccine: z
    .string()
    .trim()
    .min(1, 'validation.chartVaccineRequired')
    .transform((value) => value.split(/\s+[–-]\s+/)[0]!.trim()),
  administeredOn: requiredDate(),
  doseNumber: optionalText(20),
  lotNumber: optionalText(50),
  site: optionalText(100),
  source: z.enum(immunizationSources, 'validation.chartSource'),
});

const visitEntrySchema = z.object({
  ...entryBase,
  section: z.literal('visits'),
  visitOn: requiredDate(),
  type: z.enum(visitTypes, 'validation.chartVisitType'),
  clinician: optionalText(120),
  reason: optionalText(300),
  summary: optionalText(10_000),
});

const measurementEntrySchema = z
  .object({
    ...entryBase,
    section: z.literal('measurements'),
    measuredOn: requiredDate(),
    weightKg: optionalNumber('validation.chartWeightRange', 0.3, 250),
    heightCm: optionalNumber('validation.chartHeightRange', 20, 250),
    headCircumferenceCm: optionalNumber('validation.chartHeadRange', 20, 70),
  })
  .refine(
    (value) =>
      value.weightKg !== null || value.heightCm !== null || value.headCircumferenceCm !== null,
    { path: ['_form'], message: 'validation.chartOneMeasurement' },
  );

const resultEntrySchema = z
  .object({
    ...entryBase,
    section: z.literal('results'),
    testName: text(),
    value: text(500),
    units: optionalText(40),
    referenceRange: optionalText(100),
    flag: z.enum(resultFlags, 'validation.chartFlag'),
    collectedOn: optionalDate(),
    resultedOn: optionalDate(),
  })
  .refine(
    (value) => !value.collectedOn || !value.resultedOn || value.resultedOn >= value.collectedOn,
    { path: ['resultedOn'], message: 'validation.chartResultBeforeCollection' },
  );

export const recordEntrySchema = z.discriminatedUnion('section', [
  allergyEntrySchema,
  medicationEntrySchema,
  problemEntrySchema,
  immunizationEntrySchema,
  visitEntrySchema,
  measurementEntrySchema,
  resultEntrySchema,
]);
export type RecordEntryInput = z.input<typeof recordEntrySchema>;
export type RecordEntry = z.output<typeof recordEntrySchema>;
export type RecordSection = RecordEntry['section'];
export const recordSections = [
  'allergies',
  'medications',
  'problems',
  'immunizations',
  'visits',
  'measurements',
  'results',
] as const satisfies readonly RecordSection[];

export const removeEntrySchema = z.object({
  childId: z.uuid(),
  entryId: z.uuid(),
  section: z.enum(recordSections),
  reason: z
    .string()
    .trim()
    .min(3, 'validation.chartRemoveReason')
    .max(300, 'validation.chartReasonTooLong'),
});

export const releaseResultSchema = z.object({
  childId: z.uuid(),
  entryId: z.uuid(),
  comment: optionalText(1000),
});

export const releaseSummarySchema = z.object({ childId: z.uuid(), entryId: z.uuid() });

export const visitTypeLabels: Record<(typeof visitTypes)[number], string> = {
  well_child: 'Well-child check-up',
  sick: 'Sick visit',
  follow_up: 'Follow-up',
  immunization: 'Vaccines only',
  telehealth: 'Video visit',
  other: 'Other',
};
