/**
 * Questions whose answers a parent remembers but a stranger cannot look up easily. Only the ids
 * are stored; the words are in the catalogs (messages/*.json, namespace `hintQuestions`).
 */
export const hintQuestionIds = [
  'first_pet',
  'childhood_street',
  'first_school',
  'favorite_teacher',
  'first_job',
  'grandparent_city',
  'first_concert',
] as const;

export type HintQuestionId = (typeof hintQuestionIds)[number];

export function isHintQuestionId(value: unknown): value is HintQuestionId {
  return typeof value === 'string' && (hintQuestionIds as readonly string[]).includes(value);
}
