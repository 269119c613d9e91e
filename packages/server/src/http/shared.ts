/** Helpers every sub-app uses: base URL, language, JSON responses, path parameters, origins. */
import { ConcernReference, IdInput } from '@proximite/contract';
import type { Context } from 'hono';
import { AppError } from '../errors.js';
import type { AppDeps } from './context.js';

/** Responses that must never be stored by a cache (admin data, writes). */
export const NO_STORE: Readonly<Record<string, string>> = { 'Cache-Control': 'no-store' };

/** A JSON response that is never cached. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...NO_STORE, 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** An empty `204 No Content`, never cached. */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: NO_STORE });
}

/** A JSON body for `cachedPublic`. */
export function jsonBody(value: unknown): { body: string; contentType: string } {
  return { body: JSON.stringify(value), contentType: 'application/json; charset=utf-8' };
}

/** The origin the request was sent to (scheme, host, port). */
export function originOf(c: Context): string {
  return new URL(c.req.url).origin;
}

/** The public base URL of the server for links (configured, else the request's origin). */
export function baseUrl(deps: AppDeps, c: Context): string {
  return deps.config.publicUrl ?? originOf(c);
}

/**
 * The page a calendar app's event links to (RFC 5545 `URL`): the city's page with the café calendar
 * (`PROXIMITE_CAFES_PAGE_URL`), else this server's demo page — never the JSON API.
 */
export function cafesPage(deps: AppDeps, c: Context): string {
  return deps.config.cafesPageUrl ?? `${baseUrl(deps, c)}/`;
}

/** An `Origin` that may send writes and call the admin API: this server's own or a configured one. */
export function originAllowed(deps: AppDeps, c: Context, origin: string): boolean {
  if (origin === 'null') return false;
  return origin === originOf(c) || deps.config.allowedOrigins.includes(origin);
}

/** The language of a `lang` parameter (French unless English is asked). */
export function lang(value: string | undefined): 'fr' | 'en' {
  return value === 'en' ? 'en' : 'fr';
}

/** A path parameter that must be an id; anything else is a 404. */
export function pathId(c: Context, name: string): string {
  const value = c.req.param(name) ?? '';
  if (!IdInput.safeParse(value).success) throw new AppError('notFound');
  return value;
}

/** The `{reference}` path parameter of a concern; anything else is a 404 with `detail`. */
export function pathReference(c: Context, detail: string): string {
  const r = ConcernReference.safeParse(c.req.param('reference'));
  if (!r.success) throw new AppError('notFound', detail);
  return r.data;
}

/**
 * A contract path template (`/v1/admin/cafes/{id}`) as a Hono route path below `prefix`
 * (`/cafes/:id` under `/v1/admin`).
 */
export function routePath(template: string, prefix = ''): string {
  if (!template.startsWith(prefix)) throw new Error(`${template} is not under ${prefix}`);
  const rest = template.slice(prefix.length).replace(/\{([^}]+)\}/g, ':$1');
  return rest === '' ? '/' : rest;
}
