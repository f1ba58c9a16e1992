import 'server-only';

/**
 * The vaccine rows of the parent's immunization status, in the order of the CDC child and
 * adolescent schedule table, and the CDSi antigens each row is made of. Kept apart from the
 * generated schedule so that scripts/build-immunization-schedule.ts can read it without importing
 * the JSON it writes.
 *
 * A row of several antigens (DTaP/Tdap, MMR) is given as one shot; lib/records/immunization-status.ts
 * explains how their doses are combined.
 */
export const immunizationGroups = [
  { group: 'rsv', label: 'RSV antibody (infants)', antigens: ['RSV'] },
  { group: 'hepb', label: 'Hepatitis B', antigens: ['HepB'] },
  { group: 'rotavirus', label: 'Rotavirus', antigens: ['Rotavirus'] },
  { group: 'dtap', label: 'DTaP/Tdap', antigens: ['Diphtheria', 'Tetanus', 'Pertussis'] },
  { group: 'hib', label: 'Hib', antigens: ['Hib'] },
  { group: 'pneumococcal', label: 'Pneumococcal (PCV)', antigens: ['Pneumococcal'] },
  { group: 'polio', label: 'Polio (IPV)', antigens: ['Polio'] },
  { group: 'flu', label: 'Influenza (flu)', antigens: ['Influenza'] },
  { group: 'mmr', label: 'MMR', antigens: ['Measles', 'Mumps', 'Rubella'] },
  { group: 'varicella', label: 'Varicella (chickenpox)', antigens: ['Varicella'] },
  { group: 'hepa', label: 'Hepatitis A', antigens: ['HepA'] },
  { group: 'hpv', label: 'HPV', antigens: ['HPV'] },
  { group: 'menacwy', label: 'Meningococcal ACWY', antigens: ['Meningococcal'] },
] as const satisfies readonly { group: string; label: string; antigens: readonly string[] }[];

export type ImmunizationGroup = (typeof immunizationGroups)[number]['group'];

/** Every CDSi antigen the rows need, each once. */
export const shownAntigens: readonly string[] = [
  ...new Set(immunizationGroups.flatMap((row) => row.antigens)),
];
