type DatabaseModule = typeof import('@/db');

/**
 * How many times an action asked for the database. lib/action.ts asks only once the input has
 * passed the form's schema (or to record a refusal, which the fuzzer's sessions never meet), so
 * the count tells how many generated inputs went on to the domain code.
 */
export const databaseRequests = { count: 0 };

export function withCountedRequests(actual: DatabaseModule): DatabaseModule {
  return {
    ...actual,
    getDb: () => {
      databaseRequests.count += 1;
      return actual.getDb();
    },
  };
}
