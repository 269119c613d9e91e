/**
 * CORS: public reads from anywhere (`*`); writes and the admin API only from the configured
 * origins (and this server's own), with `Vary: Origin`. Also the methods of each known path, for
 * preflights and `405 Allow`.
 */
import { operations } from '@proximite/contract';
import type { Operation } from '@proximite/contract';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from './context.js';
import type { AppEnv } from './env.js';
import { isOpen311Path, open311ErrorResponse, problemResponse } from './problems.js';
import { originAllowed } from './shared.js';

const EXPOSED_HEADERS = 'ETag, X-Request-Id, Retry-After, Idempotent-Replayed, Location, Content-Language';
const ALLOWED_REQUEST_HEADERS =
  'Content-Type, Idempotency-Key, Authorization, Accept-Language, If-None-Match, X-Request-Id, X-CSRF-Token';

/** Regular expressions of the operation paths, to answer 405 with `Allow` on a known path. */
const OPERATION_PATTERNS = (operations as readonly Operation[]).map((op) => ({
  method: op.method.toUpperCase(),
  regex: new RegExp(
    `^${op.path
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  ),
}));

/** The methods the contract defines on `path` (with HEAD beside GET). */
export function allowedMethods(path: string): string[] {
  const methods = new Set<string>();
  for (const p of OPERATION_PATTERNS) if (p.regex.test(path)) methods.add(p.method);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods];
}

/** Under the admin API or staff sign-in: credentials (cookies) allowed, never `*`. */
function isStaffPath(path: string): boolean {
  return path.startsWith('/v1/admin') || path === '/v1/staff' || path.startsWith('/v1/staff/');
}

/** Public (CORS `*`) unless it writes or is under the admin API or staff sign-in. */
function isPublicRead(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !isStaffPath(path);
}

export function cors(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    const origin = c.req.header('Origin');
    if (method === 'OPTIONS') {
      const wanted = c.req.header('Access-Control-Request-Method')?.toUpperCase();
      const allow = allowedMethods(path);
      if (wanted === undefined) {
        return new Response(null, { status: 204, headers: { Allow: [...allow, 'OPTIONS'].join(', ') } });
      }
      if (isPublicRead(wanted, path)) {
        return new Response(null, {
          status: 204,
          headers: {
            'Access-Control-Allow-Origin': '*',
            'Access-Control-Allow-Methods': 'GET, HEAD',
            'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
            'Access-Control-Max-Age': '7200',
          },
        });
      }
      if (origin === undefined || !originAllowed(deps, c, origin)) {
        const refused = problemResponse(c, 'forbidden', { detail: 'This origin may not send this request.' });
        refused.headers.set('Vary', 'Origin');
        return refused;
      }
      const headers: Record<string, string> = {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
        'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
        'Access-Control-Max-Age': '7200',
        Vary: 'Origin',
      };
      // The staff console sends its session cookie (fetch `credentials: 'include'`).
      if (isStaffPath(path)) headers['Access-Control-Allow-Credentials'] = 'true';
      return new Response(null, { status: 204, headers });
    }
    if (isPublicRead(method, path)) {
      await next();
      c.res.headers.set('Access-Control-Allow-Origin', '*');
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      return;
    }
    if (origin !== undefined && !originAllowed(deps, c, origin)) {
      const detail = 'This origin may not send this request.';
      const refused = isOpen311Path(path)
        ? open311ErrorResponse(c, 403, [{ code: 403, description: detail }])
        : problemResponse(c, 'forbidden', { detail });
      refused.headers.set('Vary', 'Origin');
      return refused;
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (origin !== undefined) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      if (isStaffPath(path)) c.res.headers.set('Access-Control-Allow-Credentials', 'true');
    }
  };
}
