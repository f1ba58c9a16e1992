import 'server-only';

/**
 * The CDSi vaccine groups the portal evaluates and forecasts, with the code CDC's test cases use
 * for each (the `Vaccine_Group` column). COVID-19, Meningococcal B, Zoster and the travel vaccines
 * are not forecast: they are not on the routine childhood schedule the portal shows. Kept apart
 * from the generated data so scripts/build-cdsi-data.ts can read it.
 */
export const cdsiVaccineGroups = [
  { code: 'HepB', cdsiName: 'HepB' },
  { code: 'ROTA', cdsiName: 'Rotavirus' },
  { code: 'DTAP', cdsiName: 'DTaP/Tdap/Td' },
  { code: 'HIB', cdsiName: 'Hib' },
  { code: 'PCV', cdsiName: 'Pneumococcal' },
  { code: 'POL', cdsiName: 'Polio' },
  { code: 'FLU', cdsiName: 'Influenza' },
  { code: 'MMR', cdsiName: 'MMR' },
  { code: 'VAR', cdsiName: 'Varicella' },
  { code: 'HepA', cdsiName: 'HepA' },
  { code: 'HPV', cdsiName: 'HPV' },
  { code: 'MCV', cdsiName: 'Meningococcal' },
  { code: 'RSV', cdsiName: 'RSV' },
] as const;

export type CdsiVaccineGroupName = (typeof cdsiVaccineGroups)[number]['cdsiName'];
