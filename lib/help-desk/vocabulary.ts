/** Where a "problem signing in" report stands in the office's queue. Client-safe: imports nothing. */
export const signInProblemStatuses = ['new', 'called_back', 'closed'] as const;
export type SignInProblemStatus = (typeof signInProblemStatuses)[number];
