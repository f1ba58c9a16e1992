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
 * schema per section; `section` tells them apart.
 */

const text = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `Keep the ${label} under ${max} characters.`);
const optionalText = (label: string, max = 300) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${label} under ${max} characters.`)
    .transform((value) => (value === '' ? null : value));
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (value: string) =>
  isoDate.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const requiredDate = (label: string) =>
  z.string().trim().refine(validDate, `Enter the ${label} as a date.`);
const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => value === '' || validDate(value),
      `Enter the ${label} as a date, or leave it empty.`,
    )
    .transform((value) => (value === '' ? null : value));
const optionalNumber = (label: string, min: number, max: number, unit: string) =>
  z
    .union([z.string(), z.number()])
    .transform((value) =>
      typeof value === 'number' ? value : value.trim() === '' ? null : Number(value.trim()),
    )
    .refine(
      (value) => value === null || (Number.isFinite(value) && value >= min && value <= max),
      `Enter the ${label} in ${unit}, between ${min} and ${max}.`,
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
  substance: text('substance'),
  reaction: optionalText('reaction'),
  severity: z.enum(allergySeverities, 'Choose how severe the reaction is.'),
  status: z.enum(activeResolved, 'Choose active or resolved.'),
  notedOn: optionalDate('date noted'),
});

const medicationEntrySchema = z
  .object({
    ...entryBase,
    section: z.literal('medications'),
    name: text('medicine name'),
    instructions: optionalText('dose and instructions', 500),
    startedOn: optionalDate('start date'),
    endedOn: optionalDate('end date'),
    status: z.enum(medicationStatuses, 'Choose the status.'),
  })
  .refine((value) => !value.startedOn || !value.endedOn || value.endedOn >= value.startedOn, {
    path: ['endedOn'],
    message: 'The end date cannot be before the start date.',
  });

const problemEntrySchema = z.object({
  ...entryBase,
  section: z.literal('problems'),
  name: text('condition'),
  onsetOn: optionalDate('onset date'),
  status: z.enum(activeResolved, 'Choose active or resolved.'),
});

const immunizationEntrySchema = z.object({
  ...entryBase,
  section: z.literal('immunizations'),
  /** "20 – DTaP" from the list, or just the code: the CVX code is what counts. */
  vaccine: z
    .string()
    .trim()
    .min(1, 'Choose the vaccine from the list (type its name or CVX code).')
    .transform((value) => value.split(/\s+[–-]\s+/)[0]!.trim()),
  administeredOn: requiredDate('date given'),
  doseNumber: optionalText('dose number', 20),
  lotNumber: optionalText('lot number', 50),
  site: optionalText('site', 100),
  source: z.enum(immunizationSources, 'Choose whether it was given here or reported.'),
});

const visitEntrySchema = z.object({
  ...entryBase,
  section: z.literal('visits'),
  visitOn: requiredDate('visit date'),
  type: z.enum(visitTypes, 'Choose the type of visit.'),
  clinician: optionalText('clinician', 120),
  reason: optionalText('reason', 300),
  summary: optionalText('after-visit summary', 10_000),
});

const measurementEntrySchema = z
  .object({
    ...entryBase,
    section: z.literal('measurements'),
    measuredOn: requiredDate('date measured'),
    weightKg: optionalNumber('weight', 0.3, 250, 'kg'),
    heightCm: optionalNumber('length or height', 20, 250, 'cm'),
    headCircumferenceCm: optionalNumber('head circumference', 20, 70, 'cm'),
  })
  .refine(
    (value) =>
      value.weightKg !== null || value.heightCm !== null || value.headCircumferenceCm !== null,
    { path: ['_form'], message: 'Enter at least one measurement.' },
  );

const resultEntrySchema = z
  .object({
    ...entryBase,
    section: z.literal('results'),
    testName: text('test name'),
    value: text('result', 500),
    units: optionalText('units', 40),
    referenceRange: optionalText('reference range', 100),
    flag: z.enum(resultFlags, 'Choose normal or abnormal.'),
    collectedOn: optionalDate('collection date'),
    resultedOn: optionalDate('result date'),
  })
  .refine(
    (value) => !value.collectedOn || !value.resultedOn || value.resultedOn >= value.collectedOn,
    { path: ['resultedOn'], message: 'The result date cannot be before the collection date.' },
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
    .min(3, 'Say why it is being removed (for example “entered on the wrong chart”).')
    .max(300, 'Keep the reason under 300 characters.'),
});

export const releaseResultSchema = z.object({
  childId: z.uuid(),
  entryId: z.uuid(),
  comment: optionalText('comment', 1000),
});

export const releaseSummarySchema = z.object({ childId: z.uuid(), entryId: z.uuid() });

export const sectionLabels: Record<RecordSection, string> = {
  allergies: 'Allergies',
  medications: 'Medications',
  problems: 'Problems and conditions',
  immunizations: 'Immunizations',
  visits: 'Visits',
  measurements: 'Growth measurements',
  results: 'Test results',
};

export const visitTypeLabels: Record<(typeof visitTypes)[number], string> = {
  well_child: 'Well-child check-up',
  sick: 'Sick visit',
  follow_up: 'Follow-up',
  immunization: 'Vaccines only',
  telehealth: 'Video visit',
  other: 'Other',
};
