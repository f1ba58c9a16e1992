/**
 * Errors the user may be told about. Anything else is unexpected: it is logged with a
 * reference id and the user sees a plain sentence with that id, never the error's text.
 */
export type AppErrorCode =
  | 'unauthenticated'
  | 'not_found'
  | 'forbidden'
  | 'invalid'
  | 'conflict'
  | 'rate_limited'
  | 'locked'
  | 'unavailable';

const defaultMessages: Record<AppErrorCode, string> = {
  unauthenticated: 'Please sign in to continue.',
  not_found: 'We could not find that page.',
  forbidden: 'We could not find that page.',
  invalid: 'Please check the form and try again.',
  conflict:
    'That change could not be saved because something else changed it first. Please try again.',
  rate_limited: 'Too many attempts. Please wait a few minutes and try again.',
  locked: 'This account is locked for now. Please try again later or call the office.',
  unavailable: 'The portal is having trouble right now. Please try again in a few minutes.',
};

const httpStatusFor: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  // A child the viewer may not see is reported as missing: a 403 would confirm it exists.
  not_found: 404,
  forbidden: 404,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
  locked: 423,
  unavailable: 503,
};

export class AppError extends Error {
  readonly fieldErrors?: Record<string, string>;

  constructor(
    readonly code: AppErrorCode,
    message?: string,
    options?: { fieldErrors?: Record<string, string> },
  ) {
    super(message ?? defaultMessages[code]);
    this.name = 'AppError';
    this.fieldErrors = options?.fieldErrors;
  }

  get status(): number {
    return httpStatusFor[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** postgres.js and PGlite both expose the SQLSTATE as `code`; drizzle may wrap it in `cause`. */
function postgresErrorCode(error: unknown): string | undefined {
  for (
    let current: unknown = error;
    current && typeof current === 'object';
    current = (current as { cause?: unknown }).cause
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (postgresErrorCode(error) !== '23505') return false;
  if (!constraint) return true;
  for (
    let current: unknown = error;
    current && typeof current === 'object';
    current = (current as { cause?: unknown }).cause
  ) {
    const name =
      (current as { constraint_name?: unknown; constraint?: unknown }).constraint_name ??
      (current as { constraint?: unknown }).constraint;
    if (name === constraint) return true;
    if (String((current as { message?: unknown }).message ?? '').includes(constraint)) return true;
  }
  return false;
}

/** Connection refused, timed out, or the server is shutting down. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let current: unknown = error;
    current && typeof current === 'object';
    current = (current as { cause?: unknown }).cause
  ) {
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      [
        'ECONNREFUSED',
        'ETIMEDOUT',
        'ENOTFOUND',
        'CONNECT_TIMEOUT',
        'CONNECTION_CLOSED',
        'CONNECTION_ENDED',
        'CONNECTION_DESTROYED',
        '57P01',
        '57P03',
        '53300',
      ].includes(code)
    ) {
      return true;
    }
  }
  return false;
}
