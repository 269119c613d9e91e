/**
 * The root Hono application: the middleware every request passes (request id, security headers,
 * CORS, body limit), then the sub-apps mounted with `route()` — public, admin, staff sign-in,
 * Open311, static —
 * and the 404/405 and error handlers. Sub-apps never import this module; what they share lives in
 * env.ts, context.ts, shared.ts, rate-limit.ts, auth.ts, problems.ts and validate.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { AppError, isTransientDatabaseError } from '../errors.js';
import { ADMIN_PREFIX, adminApp } from './admin.js';
import { ResponseCache } from './cache.js';
import type { AppDeps } from './context.js';
import { allowedMethods, cors } from './cors.js';
import type { AppEnv } from './env.js';
import { OPEN311_PREFIX, open311App } from './open311.js';
import { errorResponse, isOpen311Path, open311ErrorResponse, problemResponse } from './problems.js';
import { publicApp } from './public.js';
import { reportsApp } from './reports.js';
import { STAFF_PREFIX, staffApp } from './staff.js';
import { staticApp } from './static.js';
import { checkPathParams } from './validate.js';

export type { AppEnv } from './env.js';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 32 * 1024;

/** Retry-After of a 503 while the database is unreachable (a restart or a failover takes seconds). */
const UNAVAILABLE_RETRY_AFTER_S = 5;

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const cache = new ResponseCache();

  // Outermost: a cacheable public GET's response, as every middleware below has finished it, is
  // what the cache answers that URL's next GETs with (see `cache.serve` at the end).
  app.use(async (c, next) => {
    await next();
    const entry = c.get('publicResponse');
    if (entry !== undefined) cache.remember(entry, c.res);
  });
  app.use(requestId({ headerName: 'X-Request-Id' }));
  // This instance's own writes are visible at once in its cached reads.
  app.use(async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS')
      cache.invalidateVersions();
  });
  app.use(async (c, next) => {
    await next();
    c.res.headers.set('X-Request-Id', c.get('requestId'));
  });
  app.use(
    secureHeaders({
      crossOriginResourcePolicy: 'cross-origin',
      crossOriginEmbedderPolicy: false,
      crossOriginOpenerPolicy: 'same-origin',
      // Set below, only where a route did not choose its own (status lookups say no-referrer).
      referrerPolicy: false,
      xFrameOptions: 'SAMEORIGIN',
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    }),
  );
  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has('Referrer-Policy'))
      c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  });
  app.use(cors(deps));
  const tooLarge = (c: Context<AppEnv>) => {
    const detail = `The body is larger than ${MAX_BODY_BYTES} bytes.`;
    return isOpen311Path(c.req.path)
      ? open311ErrorResponse(c, 413, [{ code: 413, description: detail }])
      : problemResponse(c, 'payloadTooLarge', { detail });
  };
  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  // GET, HEAD and OPTIONS have no body to limit. A body of declared length (Content-Length, no
  // Transfer-Encoding; Node's parser then reads that many bytes and no more) is judged by its
  // header, as Hono's bodyLimit judges it, but without reading `request.body` first: that builds a
  // full undici Request (headers copied, an AbortSignal, a web stream over the socket) that the
  // body's direct read then never uses — 6 % of the server's CPU at 50 clients posting concerns.
  // A chunked body is counted as it arrives by Hono's bodyLimit.
  app.use(async (c, next) => {
    if (methodsWithoutBody.has(c.req.method)) return next();
    const length = c.req.header('Content-Length');
    if (length !== undefined && c.req.header('Transfer-Encoding') === undefined)
      return parseInt(length, 10) > MAX_BODY_BYTES ? tooLarge(c) : next();
    return limitBody(c, next);
  });

  // A NUL or a lone surrogate reaches a path only percent-encoded (a URL's path has neither raw),
  // so a URL without `%` needs no parsing: cached reads stay as cheap as they were.
  app.use(async (c, next) => {
    const url = c.req.url;
    if (url.includes('%')) checkPathParams(new URL(url).pathname);
    await next();
  });

  app.route('/', publicApp(deps, cache));
  app.route('/', reportsApp(deps, cache));
  app.route(ADMIN_PREFIX, adminApp(deps));
  app.route(STAFF_PREFIX, staffApp(deps));
  app.route(OPEN311_PREFIX, open311App(deps));
  // Last: it serves files for any other GET and passes what it does not have on.
  app.route('/', staticApp(deps));

  app.notFound((c) => {
    const allow = allowedMethods(c.req.path);
    if (allow.length > 0 && !allow.includes(c.req.method)) {
      const headers = { Allow: allow.join(', ') };
      return isOpen311Path(c.req.path)
        ? open311ErrorResponse(c, 405, [{ code: 405, description: 'Method not allowed.' }], headers)
        : problemResponse(c, 'methodNotAllowed', { headers });
    }
    return isOpen311Path(c.req.path)
      ? open311ErrorResponse(c, 404, [{ code: 404, description: 'Not found.' }])
      : problemResponse(c, 'notFound', { detail: `Nothing at ${c.req.path}.` });
  });

  app.onError((error, c) => {
    if (error instanceof AppError) return errorResponse(c, error);
    if (isTransientDatabaseError(error)) {
      console.error(`[${String(c.get('requestId'))}] database unavailable:`, error.message);
      return errorResponse(
        c,
        new AppError('unavailable', 'The database is unreachable; retry later.', {
          headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_S) },
        }),
      );
    }
    console.error(`[${String(c.get('requestId'))}]`, error);
    return isOpen311Path(c.req.path)
      ? open311ErrorResponse(c, 500, [{ code: 500, description: 'Internal error.' }])
      : problemResponse(c, 'internal');
  });

  // A GET whose response the cache holds, with the headers the app answered it with, is answered
  // before routing. Everything else (and every miss) goes through the app.
  const dispatch = app.fetch;
  app.fetch = (request, env, executionCtx) =>
    cache.serve(request, deps) ?? dispatch(request, env, executionCtx);
  cachedAnswers.set(app, (incoming, outgoing) => cache.serveNode(incoming, outgoing, deps));
  return app;
}

/** Per app: its cache's answer on node:http's own objects (see {@link nodeCachedAnswer}). */
const cachedAnswers = new WeakMap<object, (incoming: IncomingMessage, outgoing: ServerResponse) => boolean>();

/**
 * The response cache of an app made by {@link createApp}, for a node:http server to call before
 * the Hono adapter: answers a cached GET and returns true, else returns false (the adapter then
 * handles the request). Undefined for any other app.
 */
export function nodeCachedAnswer(
  app: object,
): ((incoming: IncomingMessage, outgoing: ServerResponse) => boolean) | undefined {
  return cachedAnswers.get(app);
}

const methodsWithoutBody = new Set(['GET', 'HEAD', 'OPTIONS']);
