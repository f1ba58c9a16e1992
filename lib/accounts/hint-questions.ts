/** Questions whose answers a parent remembers but a stranger cannot look up easily. */
export const hintQuestions = {
  first_pet: 'What was the name of your first pet?',
  childhood_street: 'What street did you live on when you were ten?',
  first_school: 'What was the name of your first school?',
  favorite_teacher: 'What was the last name of your favorite teacher?',
  first_job: 'What was your first job?',
  grandparent_city: 'In what city was your oldest grandparent born?',
  first_concert: 'What was the first concert you went to?',
} as const;

export type HintQuestionId = keyof typeof hintQuestions;
export const hintQuestionIds = Object.keys(hintQuestions) as [HintQuestionId, ...HintQuestionId[]];
