import { hintQuestionIds, hintQuestions } from '@/lib/accounts/hint-questions';

/** The choices for "Hint question", wherever one is chosen (sign-up, account settings). */
export function HintQuestionOptions() {
  return (
    <>
      <option value="" disabled>
        Choose a question
      </option>
      {hintQuestionIds.map((id) => (
        <option key={id} value={id}>
          {hintQuestions[id]}
        </option>
      ))}
    </>
  );
}
