import 'server-only';

import { bcryptOffThread as bcrypt } from './password-threads';

const BCRYPT_COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// A real cost-12 hash of a random string nobody knows. Checking unknown accounts against it
// makes "no such user" take as long as "wrong password", so timing does not reveal accounts.
const DUMMY_HASH = '$2b$12$DveaYHprV10CqSJJMuIOcuAbNvk31lPugyF69H5YzFkGtStfY7r9y';

export async function verifyAgainstDummy(password: string): Promise<false> {
  await bcrypt.compare(password, DUMMY_HASH);
  return false;
}

/** Hint answers are compared loosely: "  Fluffy " and "fluffy" are the same answer. */
export function normalizeHintAnswer(answer: string): string {
  return answer.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
}

export function hashHintAnswer(answer: string): Promise<string> {
  return bcrypt.hash(normalizeHintAnswer(answer), BCRYPT_COST);
}

export function verifyHintAnswer(answer: string, hash: string): Promise<boolean> {
  return bcrypt.compare(normalizeHintAnswer(answer), hash);
}
