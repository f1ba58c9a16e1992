import bcrypt from 'bcryptjs';

type PasswordModule = typeof import('@/lib/auth/password');

/** bcrypt's lowest cost: the same algorithm, the same 72-byte cut-off, a thousandth of the time. */
const FUZZ_BCRYPT_COST = 4;

/**
 * lib/auth/password.ts with cheap hashing, for the form fuzzer only. The fuzzer is after how
 * forms treat what they are sent, not how long bcrypt takes: at cost 12 every input that reaches
 * a password check costs a quarter of a second, and a thousand per form would take hours.
 * Comparing reads the cost from the hash, so verifying stays real.
 */
export function withCheapHashing(actual: PasswordModule): PasswordModule {
  const dummyHash = bcrypt.hashSync('a password nobody has', FUZZ_BCRYPT_COST);
  return {
    ...actual,
    hashPassword: (password) => bcrypt.hash(password, FUZZ_BCRYPT_COST),
    hashHintAnswer: (answer) => bcrypt.hash(actual.normalizeHintAnswer(answer), FUZZ_BCRYPT_COST),
    verifyAgainstDummy: async (password) => {
      await bcrypt.compare(password, dummyHash);
      return false;
    },
  };
}
