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
