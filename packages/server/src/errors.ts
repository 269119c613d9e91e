import type { ProblemFieldError, ProblemKey } from '@proximite/contract';

/** An error with a problem type: the HTTP layer renders it as problem+json (or Open311 errors). */
export class AppError extends Error {
  readonly key: ProblemKey;
  readonly detail: string | undefined;
  readonly errors: ProblemFieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    key: ProblemKey,
    detail?: string,
    options: { errors?: ProblemFieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? key);
    this.name = 'AppError';
    this.key = key;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/**
 * True when the database is unreachable or a transaction lost a race it may win on retry: the
 * request can succeed later, so it is answered 503 with Retry-After rather than 500 (which a client
 * may take as permanent). SQLSTATE classes 08 (connection) and 53 (insufficient resources), the
 * codes above, socket errors, and node-postgres / PGlite closed-connection errors.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^(?:08|53)[0-9A-Z]{3}$/.test(code) || TRANSIENT_SQLSTATES.has(code) || NETWORK_CODES.has(code))
      return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection error|timeout exceeded when trying to connect|Cannot use a pool after calling end|PGlite is closed/i.test(
    message,
  );
}
