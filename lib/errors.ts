import 'server-only';

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

// Catalog keys (messages/*.json): the action pipeline turns them into the reader's language.
const defaultMessages: Record<AppErrorCode, string> = {
  unauthenticated: 'errors.unauthenticated',
  not_found: 'errors.notFound',
  forbidden: 'errors.notFound',
  invalid: 'errors.invalid',
  conflict: 'errors.conflict',
  rate_limited: 'errors.rateLimited',
  locked: 'errors.locked',
  unavailable: 'errors.unavailable',
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

/**
 * `message` and the field errors are catalog keys ("errors.pinExpired"), with `values` for their
 * placeholders: the person reads them in their own language (lib/i18n/server.ts translateMessage).
 */
export class AppError extends Error {
  readonly fieldErrors?: Record<string, string>;
  readonly values?: Record<string, string | number>;

  constructor(
    readonly code: AppErrorCode,
    message?: string,
    options?: { fieldErrors?: Record<string, string>; values?: Record<string, string | number> },
  ) {
    super(message ?? defaultMessages[code]);
    this.name = 'AppError';
    this.fieldErrors = options?.fieldErrors;
    this.values = options?.values;
  }

  get status(): number {
    return httpStatusFor[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** postgres.js and PGlite both expose the SQLSTATE as `code`; drizzle may wrap it in `cause`. */
export function postgresErrorCode(error: unknown): string | undefined {
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

/**
 * Connection refused, reset, timed out, or the server is shutting down or out of connection
 * slots. A server refusing a connection because it is full can close the socket before the
 * client has read its "too many clients" message, so the client sees a reset or a broken pipe.
 */
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
        'ECONNRESET',
        'EPIPE',
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
