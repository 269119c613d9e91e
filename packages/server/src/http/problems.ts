/** Rendering errors: problem+json for the API, `[{code, description}]` (JSON or XML) for Open311. */
import { PROBLEM_CONTENT_TYPE, PROBLEMS, issuesToFieldErrors, problemFor } from '@proximite/contract';
import type { IssueLike, ProblemFieldError, ProblemKey } from '@proximite/contract';
import type { Context } from 'hono';
import { AppError } from '../errors.js';
import { toXml } from '../xml.js';

export function requestIdOf(c: Context): string | undefined {
  const id: unknown = c.get('requestId' as never);
  return typeof id === 'string' ? id : undefined;
}

export function isOpen311Path(path: string): boolean {
  return path === '/open311' || path.startsWith('/open311/');
}

/** Format asked by an Open311 path (`.xml` → xml, anything else → json). */
export function open311FormatOf(path: string): 'json' | 'xml' {
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

export function problemResponse(
  c: Context,
  key: ProblemKey,
  options: {
    detail?: string | undefined;
    errors?: ProblemFieldError[] | undefined;
    headers?: Record<string, string>;
  } = {},
): Response {
  const requestId = requestIdOf(c);
  const body = problemFor(key, {
    instance: c.req.path,
    ...(options.detail !== undefined ? { detail: options.detail } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(options.errors !== undefined ? { errors: options.errors } : {}),
  });
  const headers = new Headers(options.headers);
  headers.set('Content-Type', PROBLEM_CONTENT_TYPE);
  headers.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { status: body.status, headers });
}

/** An Open311 error array with the spec's HTTP statuses (400, 403, 404; 413/429/5xx kept). */
export function open311ErrorResponse(
  c: Context,
  status: number,
  errors: { code: number | string; description: string }[],
  headers: Record<string, string> = {},
): Response {
  const format = open311FormatOf(c.req.path);
  const h = new Headers(headers);
  h.set('Cache-Control', 'no-store');
  if (format === 'xml') {
    h.set('Content-Type', 'text/xml; charset=utf-8');
    return new Response(toXml('errors', errors, { errors: 'error' }), { status, headers: h });
  }
  h.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(errors), { status, headers: h });
}

/** Renders an AppError in the format of the path. */
export function errorResponse(c: Context, error: AppError): Response {
  if (isOpen311Path(c.req.path)) {
    const status = PROBLEMS[error.key].status;
    const mapped = status === 401 ? 403 : status === 422 || status === 409 || status === 415 ? 400 : status;
    const description = [
      error.detail ?? PROBLEMS[error.key].title,
      ...(error.errors ?? []).map((e) => `${e.path}: ${e.message}`),
    ].join(' ');
    return open311ErrorResponse(c, mapped, [{ code: mapped, description }], error.headers);
  }
  return problemResponse(c, error.key, {
    detail: error.detail,
    errors: error.errors,
    headers: error.headers,
  });
}

export function fieldErrors(issues: readonly IssueLike[]): ProblemFieldError[] {
  return issuesToFieldErrors(issues);
}

export { AppError };
