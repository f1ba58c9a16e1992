/** Client-safe: the fixed choices of the health record, used by the tables and the forms alike. */
export const allergySeverities = ['mild', 'moderate', 'severe', 'unknown'] as const;
export const activeResolved = ['active', 'resolved'] as const;
export const medicationStatuses = ['active', 'stopped', 'completed'] as const;
export const immunizationSources = ['given_here', 'reported'] as const;
export const visitTypes = [
  'well_child',
  'sick',
  'follow_up',
  'immunization',
  'telehealth',
  'other',
] as const;
export const resultFlags = ['normal', 'abnormal'] as const;
