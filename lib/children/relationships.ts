/**
 * How a guardian is related to the child: the choices of the "Link a child" form. Client-safe and
 * free of zod, so the form can show its choices without loading the schema library first.
 */
export const guardianRelationships = ['mother', 'father', 'legal_guardian', 'other'] as const;

/** The words saved on the link (the parent's own words are saved for "other"). */
export const relationshipLabels: Record<(typeof guardianRelationships)[number], string> = {
  mother: 'Mother',
  father: 'Father',
  legal_guardian: 'Legal guardian',
  other: 'Other',
};
