import 'server-only';

import type { SignedInUser } from './sessions';

export type UnfinishedSetup = 'choose_password' | 'two_step_enrolment';

/**
 * What a signed-in person must do before anything else: replace an office-issued temporary
 * password, or (staff) set up two-step verification. Pages redirect to it; actions refuse.
 */
export function unfinishedAccountSetup(
  user: Pick<SignedInUser, 'kind' | 'mustChangePassword' | 'twoStepEnabled'>,
): UnfinishedSetup | null {
  if (user.mustChangePassword) return 'choose_password';
  if (user.kind === 'staff' && !user.twoStepEnabled) return 'two_step_enrolment';
  return null;
}

export const unfinishedSetupMessages: Record<UnfinishedSetup, string> = {
  choose_password: 'errors.choosePasswordFirst',
  two_step_enrolment: 'errors.setUpTwoStepFirst',
};
