/**
 * One error hierarchy for every failure of the SDK (DESIGN.md; ky's error classes, octokit's redaction).
 *
 * ```
 * ProximiteError
 * ├─ ApiError (status, problem, requestId, headers)   the server answered with an error status
 * │  ├─ BadRequestError 400      ├─ ConflictError 409
 * │  ├─ UnauthorizedError 401    ├─ UnprocessableError 422
 * │  ├─ ForbiddenError 403       ├─ RateLimitedError 429 (retryAfter, seconds)
 * │  ├─ NotFoundError 404        └─ ServerError 5xx
 * ├─ NetworkError                no response (offline, DNS, connection refused or reset)
 * ├─ TimeoutError                no response within the per-attempt timeout
 * ├─ ResponseValidationError     the request succeeded, the data does not match the contract
 * └─ UnsupportedOperationError   an adapter cannot do this (e.g. concerns on a static site)
 * ```
 *
 * Nothing an error carries (message, `request`, `headers`, `toJSON()`) contains credentials: the
 * `Authorization`, `Cookie` and API-key headers and the `token` / `api_key` query parameters are
 * replaced by `[REDACTED]`. A caller's own `AbortSignal` abort is not wrapped: the signal's reason
 * is rethrown as is (usually a `DOMException` named `AbortError`).
 */
import type { Problem } from '@proximite/contract';

/** What an error tells about the request that failed; credentials already redacted. */
export interface RequestSummary {
  method: string;
  url: string;
}

/** A field-level problem of a {@link ResponseValidationError} (zod issue, reduced). */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

const REDACTED = '[REDACTED]';
const SECRET_HEADER = /^(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key)$/i;

/** Replaces the value of credential-bearing query parameters (`token`, `api_key`, `access_token`…). */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|api_key|apikey|access_token|key)=)[^&#]*/gi, `$1${REDACTED}`);
}

/** A plain copy of `headers` with credential headers redacted. */
export function redactHeaders(headers: Headers | Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) out[name.toLowerCase()] = SECRET_HEADER.test(name) ? REDACTED : value;
  return out;
}

/** Base class of every error thrown by the SDK. */
export class ProximiteError extends Error {
  override name = 'ProximiteError';
  /** Method and redacted URL of the failed request, when there was one. */
  readonly request: RequestSummary | undefined;

  constructor(message: string, options: { cause?: unknown; request?: RequestSummary } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.request = options.request && { method: options.request.method, url: redactUrl(options.request.url) };
  }

  /** A JSON-safe view (for logs): name, message and the public fields (credentials already redacted). */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), message: this.message };
  }
}

function describe(request: RequestSummary | undefined): string {
  return request ? `${request.method} ${redactUrl(request.url)}` : 'request';
}

/** The server answered with an HTTP error status. `problem` is the RFC 9457 body (synthesised if absent). */
export class ApiError extends ProximiteError {
  override name = 'ApiError';
  readonly status: number;
  readonly problem: Problem;
  /** The server's request id (problem `requestId` or the `X-Request-Id` header): quote it to support. */
  readonly requestId: string | undefined;
  /** Response headers, credentials redacted. */
  readonly headers: Record<string, string>;
  /** The `Retry-After` header in seconds (429 and 503 carry it), when given. */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    problem: Problem,
    options: { request?: RequestSummary; headers?: Headers | Record<string, string>; cause?: unknown } = {},
  ) {
    const headers = redactHeaders(options.headers);
    super(
      `${describe(options.request)} failed with ${status}: ${problem.title}${problem.detail ? ` (${problem.detail})` : ''}`,
      options,
    );
    this.status = status;
    this.problem = problem;
    this.headers = headers;
    this.requestId = problem.requestId ?? headers['x-request-id'];
    this.retryAfter = retryAfterSeconds(headers['retry-after']);
  }
}

/** 400: malformed request (bad query parameter, malformed JSON, missing Idempotency-Key). */
export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}
/** 401: missing, expired or revoked token. */
export class UnauthorizedError extends ApiError {
  override name = 'UnauthorizedError';
}
/** 403: the token lacks a scope (or a bad Open311 api_key). */
export class ForbiddenError extends ApiError {
  override name = 'ForbiddenError';
}
/** 404: no such resource (or, for a concern status, a wrong token). */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
/** 409: conflict, e.g. a request with the same Idempotency-Key is still in progress (retry later). */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}
/** 422: the body is not valid; `problem.errors` lists the fields. */
export class UnprocessableError extends ApiError {
  override name = 'UnprocessableError';
}
/** 429: too many requests; `retryAfter` is the server's `Retry-After` in seconds, when given. */
export class RateLimitedError extends ApiError {
  override name = 'RateLimitedError';
}
/** 5xx: the server failed; retried automatically for safe requests. */
export class ServerError extends ApiError {
  override name = 'ServerError';
}

/** No response: offline, DNS failure, connection refused or reset. `cause` is the fetch error. */
export class NetworkError extends ProximiteError {
  override name = 'NetworkError';
}

/** No response within the per-attempt timeout (`timeout`, milliseconds). */
export class TimeoutError extends ProximiteError {
  override name = 'TimeoutError';
  readonly timeout: number;
  constructor(timeout: number, options: { request?: RequestSummary; cause?: unknown } = {}) {
    super(`${describe(options.request)} timed out after ${timeout} ms`, options);
    this.timeout = timeout;
  }
}

/**
 * The request succeeded but the data does not match the contract. Not an HTTP error: retrying
 * will not help. `issues` locate the mismatch (`items.0.start`).
 */
export class ResponseValidationError extends ProximiteError {
  override name = 'ResponseValidationError';
  readonly issues: ValidationIssue[];
  readonly status: number | undefined;
  constructor(issues: ValidationIssue[], options: { request?: RequestSummary; status?: number } = {}) {
    const first = issues[0];
    super(
      `${describe(options.request)}: the response does not match the contract${
        first ? ` (${first.path.join('.') || '(root)'}: ${first.message})` : ''
      }`,
      options,
    );
    this.issues = issues;
    this.status = options.status;
  }
}

/** The backend behind this client (an adapter) cannot do this operation. */
export class UnsupportedOperationError extends ProximiteError {
  override name = 'UnsupportedOperationError';
  readonly operation: string;
  constructor(operation: string, backend: string) {
    super(`${operation} is not supported by the ${backend} backend`);
    this.operation = operation;
  }
}

/** `Retry-After` (delta-seconds or an HTTP date) in seconds from now; `undefined` when absent or invalid. */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableError,
  429: RateLimitedError,
};

/** The {@link ApiError} subclass for an HTTP status. */
export function errorClassFor(status: number): typeof ApiError {
  return BY_STATUS[status] ?? (status >= 500 ? ServerError : ApiError);
}

/**
 * True when the same request may succeed later: no response (network, timeout), 408, 409, 425,
 * 429 and 5xx. Not a 409 whose problem type ends in `/conflict` (a state conflict, such as a
 * refused transition: the contract's other 409 is « this Idempotency-Key is still in flight »,
 * which passes), nor 501 and 505 (what the server cannot do, it will not do later). Any other 4xx is
 * permanent. A 500 may pass or recur on every try: the outbox stops after a few in a row
 * (`maxServerErrors`).
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return error instanceof NetworkError || error instanceof TimeoutError;
  const s = error.status;
  return s === 409
    ? !error.problem.type.endsWith('/conflict')
    : s === 408 || s === 425 || s === 429 || (s > 499 && s !== 501 && s !== 505);
}
