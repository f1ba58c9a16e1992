import { visitTypeLabels, type RecordSection } from './schemas';
import {
  activeResolved,
  allergySeverities,
  immunizationSources,
  medicationStatuses,
  resultFlags,
  visitTypes,
} from './vocabulary';

/** Client-safe: what the charting form asks for in each section, in order. */
export interface FieldDefinition {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'select' | 'number' | 'vaccine';
  options?: readonly (readonly [string, string])[];
  hint?: string;
  /** The schema refuses the entry without it: the form marks it with an asterisk. */
  required?: boolean;
}

const titleCase = (value: string) =>
  value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');
const choices = (values: readonly string[], labels: Record<string, string> = {}) =>
  values.map((value) => [value, labels[value] ?? titleCase(value)] as const);

export const sectionFields: Record<RecordSection, FieldDefinition[]> = {
  allergies: [
    {
      name: 'substance',
      required: true,
      label: 'Substance',
      kind: 'text',
      hint: 'For example: peanuts, amoxicillin, bee stings.',
    },
    { name: 'reaction', label: 'Reaction', kind: 'text' },
    { name: 'severity', label: 'Severity', kind: 'select', options: choices(allergySeverities) },
    { name: 'status', label: 'Status', kind: 'select', options: choices(activeResolved) },
    { name: 'notedOn', label: 'Noted on', kind: 'date' },
  ],
  medications: [
    { name: 'name', label: 'Medicine', kind: 'text', required: true },
    { name: 'instructions', label: 'Dose and instructions', kind: 'textarea' },
    { name: 'startedOn', label: 'Start date', kind: 'date' },
    { name: 'endedOn', label: 'End date', kind: 'date' },
    { name: 'status', label: 'Status', kind: 'select', options: choices(medicationStatuses) },
  ],
  problems: [
    { name: 'name', label: 'Problem or condition', kind: 'text', required: true },
    { name: 'onsetOn', label: 'Onset', kind: 'date' },
    { name: 'status', label: 'Status', kind: 'select', options: choices(activeResolved) },
  ],
  immunizations: [
    {
      name: 'vaccine',
      required: true,
      label: 'Vaccine',
      kind: 'vaccine',
      hint: 'Type the name or CVX code and choose from the list.',
    },
    { name: 'administeredOn', label: 'Date given', kind: 'date', required: true },
    { name: 'doseNumber', label: 'Dose number', kind: 'text' },
    { name: 'lotNumber', label: 'Lot number', kind: 'text' },
    { name: 'site', label: 'Site', kind: 'text', hint: 'For example: left thigh.' },
    {
      name: 'source',
      label: 'Given',
      kind: 'select',
      options: choices(immunizationSources, {
        given_here: 'Here, at the practice',
        reported: 'Elsewhere (reported)',
      }),
    },
  ],
  visits: [
    { name: 'visitOn', label: 'Visit date', kind: 'date', required: true },
    {
      name: 'type',
      label: 'Type of visit',
      kind: 'select',
      options: choices(visitTypes, visitTypeLabels),
    },
    { name: 'clinician', label: 'Clinician', kind: 'text' },
    { name: 'reason', label: 'Reason for visit', kind: 'text' },
    {
      name: 'summary',
      label: 'After-visit summary',
      kind: 'textarea',
      hint: 'Parents see it only after you release it.',
    },
  ],
  measurements: [
    { name: 'measuredOn', label: 'Date measured', kind: 'date', required: true },
    { name: 'weightKg', label: 'Weight (kg)', kind: 'number' },
    { name: 'heightCm', label: 'Length or height (cm)', kind: 'number' },
    { name: 'headCircumferenceCm', label: 'Head circumference (cm)', kind: 'number' },
  ],
  results: [
    { name: 'testName', label: 'Test', kind: 'text', required: true },
    { name: 'value', label: 'Result', kind: 'text', required: true },
    { name: 'units', label: 'Units', kind: 'text' },
    { name: 'referenceRange', label: 'Reference range', kind: 'text' },
    { name: 'flag', label: 'Flag', kind: 'select', options: choices(resultFlags) },
    { name: 'collectedOn', label: 'Collected on', kind: 'date' },
    { name: 'resultedOn', label: 'Resulted on', kind: 'date' },
  ],
};
