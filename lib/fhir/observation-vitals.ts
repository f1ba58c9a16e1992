import 'server-only';

import type { Observation, Quantity } from '@medplum/fhirtypes';

import {
  fhirDate,
  FhirMappingError,
  hasCode,
  isConfidential,
  LOINC_SYSTEM,
  skip,
  sourceIdOf,
  type Mapped,
  type MappingOptions,
  type VitalField,
} from './common';

/** LOINC codes of the vital signs the growth charts use, with the units each may arrive in. */
const vitalSigns: Record<
  string,
  { field: VitalField | null; name: string; units: Record<string, number>; range: [number, number] }
> = {
  '29463-7': {
    field: 'weightKg',
    name: 'weight',
    units: { kg: 1, g: 0.001, '[lb_av]': 0.45359237 },
    range: [0.2, 250],
  },
  '8302-2': {
    field: 'heightCm',
    name: 'height',
    units: { cm: 1, '[in_i]': 2.54 },
    range: [20, 250],
  },
  '9843-4': {
    field: 'headCircumferenceCm',
    name: 'head circumference',
    units: { cm: 1, '[in_i]': 2.54 },
    range: [20, 70],
  },
  // The portal works BMI out from weight and height; the sent value is checked, then not kept.
  '39156-5': { field: null, name: 'BMI', units: { 'kg/m2': 1 }, range: [5, 100] },
};

const VITAL_SIGN_CODES = Object.keys(vitalSigns);

export function isGrowthVitalSign(resource: Observation): boolean {
  return VITAL_SIGN_CODES.some((code) => hasCode(resource.code, LOINC_SYSTEM, code));
}

function unitOf(quantity: Quantity): string | undefined {
  // UCUM's code when sent; many systems put the same string in `unit` only.
  return quantity.code ?? quantity.unit;
}

export function mapVitalSign(resource: Observation, options: MappingOptions = {}): Mapped {
  const code = VITAL_SIGN_CODES.find((candidate) =>
    hasCode(resource.code, LOINC_SYSTEM, candidate),
  );
  const sign = code ? vitalSigns[code] : undefined;
  if (!sign) return skip('not a growth measurement');
  if (resource.status === 'entered-in-error' || resource.status === 'cancelled')
    return skip(`status ${resource.status}`);
  const quantity = resource.valueQuantity;
  if (quantity?.value === undefined || typeof quantity.value !== 'number')
    throw new FhirMappingError(`the ${sign.name} has no number`);
  const unit = unitOf(quantity);
  const factor = unit === undefined ? undefined : sign.units[unit];
  if (factor === undefined)
    throw new FhirMappingError(
      `unknown unit "${String(unit).slice(0, 20)}" for ${sign.name} (use ${Object.keys(sign.units).join(', ')})`,
    );
  const value = quantity.value * factor;
  if (!(value >= sign.range[0] && value <= sign.range[1]))
    throw new FhirMappingError(`the ${sign.name} ${quantity.value} ${unit} is not plausible`);
  const measuredOn = fhirDate(
    resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? resource.effectiveInstant,
    'effectiveDateTime',
  );
  if (!sign.field) return skip('BMI is worked out from weight and height');
  return {
    kind: 'vital',
    measuredOn,
    field: sign.field,
    // The columns keep grams and millimetres; more digits would only be noise.
    value:
      Math.round(value * (sign.field === 'weightKg' ? 1000 : 10)) /
      (sign.field === 'weightKg' ? 1000 : 10),
    sourceId: sourceIdOf(resource),
    confidential: isConfidential(resource.meta, options),
  };
}
