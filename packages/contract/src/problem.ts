/** Errors: RFC 9457 problem details, the problem types this contract defines, issue formatting. */
import * as z from 'zod/mini';

/** Media type of every error body of the `/v1` API. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Base of the problem `type` URIs. Stable: clients may switch on the full URI. */
export const PROBLEM_TYPE_BASE = 'https://proximite.dev/problems/';

/** A field-level error: `path` is dot-separated (`location.lat`, `attributes.0`), empty for the root. */
export const ProblemFieldError = /* @__PURE__ */ (() =>
  z.object({ path: z.string(), message: z.string() }))();
export type ProblemFieldError = z.infer<typeof ProblemFieldError>;

/** RFC 9457 problem details, with the request id and field errors. Unknown members are tolerated. */
export const Problem = /* @__PURE__ */ (() =>
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.int().check(z.gte(100), z.lte(599)),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
    requestId: z.optional(z.string()),
    errors: z.optional(z.array(ProblemFieldError)),
  }))();
export type Problem = z.infer<typeof Problem>;

/** The problems this contract defines: key → type URI, HTTP status and default title. */
export const PROBLEMS = {
  badRequest: { status: 400, title: 'Bad request' },
  validation: { status: 422, title: 'The request is not valid' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  notFound: { status: 404, title: 'Not found' },
  methodNotAllowed: { status: 405, title: 'Method not allowed' },
  notAcceptable: { status: 406, title: 'Not acceptable' },
  conflict: { status: 409, title: 'Conflict' },
  idempotencyInProgress: { status: 409, title: 'A request with this Idempotency-Key is in progress' },
  idempotencyMismatch: { status: 422, title: 'This Idempotency-Key was used with a different body' },
  idempotencyKeyMissing: { status: 400, title: 'The Idempotency-Key header is required' },
  payloadTooLarge: { status: 413, title: 'The body is too large' },
  unsupportedMediaType: { status: 415, title: 'Unsupported media type' },
  rateLimited: { status: 429, title: 'Too many requests' },
  spamCheckFailed: { status: 422, title: 'The anti-spam check failed' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
  csrf: { status: 403, title: 'The request is not from the signed-in page (CSRF check failed)' },
  otpRequired: { status: 401, title: 'A one-time code is required' },
  secondFactorRequired: { status: 403, title: 'Set up a second factor first' },
} as const satisfies Record<string, { status: number; title: string }>;
export type ProblemKey = keyof typeof PROBLEMS;

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Problem `type` URI per key, e.g. `PROBLEM_TYPES.validation` = `https://proximite.dev/problems/validation`. */
export const PROBLEM_TYPES = Object.fromEntries(
  Object.keys(PROBLEMS).map((k) => [k, `${PROBLEM_TYPE_BASE}${kebab(k)}`]),
) as { readonly [K in ProblemKey]: string };

/** Build a problem body for a key, with the default status and title. */
export function problemFor(key: ProblemKey, extra: Partial<Omit<Problem, 'type' | 'status'>> = {}): Problem {
  const { status, title } = PROBLEMS[key];
  return { type: PROBLEM_TYPES[key], status, title, ...extra };
}

/** The minimal shape of a zod issue needed by {@link issuesToFieldErrors}. */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  expected?: unknown;
  keys?: readonly string[];
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  format?: unknown;
}

function describeIssue(issue: IssueLike): string {
  // zod/mini ships no locale by default ("Invalid input"); custom messages are kept as they are.
  if (issue.message !== '' && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${String(issue.expected)}`;
    case 'unrecognized_keys':
      return `unknown field(s): ${(issue.keys ?? []).join(', ')}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `at most ${String(issue.maximum)} characters`
        : `at most ${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `at least ${String(issue.minimum)} characters`
        : `at least ${String(issue.minimum)}`;
    case 'invalid_format':
      return `invalid ${String(issue.format)}`;
    case 'invalid_value':
      return 'not an allowed value';
    case 'invalid_union':
      return 'does not match any allowed form';
    default:
      return 'invalid value';
  }
}

/** Turn zod issues into the `errors` member of a validation problem (readable without a zod locale). */
export function issuesToFieldErrors(issues: readonly IssueLike[]): ProblemFieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map((p) => String(p)).join('.'),
    message: describeIssue(issue),
  }));
}
