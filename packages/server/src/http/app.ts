/** The Hono application: middleware (request id, security headers, CORS, body limit) and routes. */
import { getConnInfo } from '@hono/node-server/conninfo';
import {
  CalendarFeedQuery,
  CafeListQuery,
  ConcernInput,
  ConcernReference,
  ConcernStatusQuery,
  IdInput,
  IdempotencyKey,
  LangQuery,
  PriorityListQuery,
  RightsQuery,
  StatsQuery,
  buildOpenApiDocument,
  operations,
} from '@proximite/contract';
import type { ConcernReceipt, Operation, RightsContent, StatsDataset } from '@proximite/contract';
import { pickRightsLanguage } from '@proximite/content/rights/index.js';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../errors.js';
import { buildCalendar } from '../ical.js';
import {
  calendarCafes,
  getCafe,
  getRightsOverrides,
  listActivityCounters,
  listCafes,
  listCategories,
  listDistricts,
  listPriorities,
  publicCafe,
  startOfToday,
} from '../store/content.js';
import { getConcernStatus, insertConcern, prepareConcern } from '../store/concerns.js';
import { getStatsDataset } from '../store/stats.js';
import {
  claimIdempotency,
  completeIdempotency,
  hitRateLimit,
  releaseIdempotency,
} from '../store/idempotency.js';
import type { StoredResponse } from '../store/idempotency.js';
import { canonicalJson, hmacHex, sha256Hex } from '../util.js';
import { registerAdminRoutes } from './admin.js';
import { ResponseCache, cachedPublic } from './cache.js';
import type { AppDeps } from './context.js';
import { registerOpen311Routes } from './open311.js';
import { errorResponse, isOpen311Path, open311ErrorResponse, problemResponse } from './problems.js';
import { registerStaticRoutes } from './static.js';
import { parseJsonBody, parseQuery } from './validate.js';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 32 * 1024;

const EXPOSED_HEADERS = 'ETag, X-Request-Id, Retry-After, Idempotent-Replayed, Location, Content-Language';
const ALLOWED_REQUEST_HEADERS =
  'Content-Type, Idempotency-Key, Authorization, Accept-Language, If-None-Match, X-Request-Id';

export type AppEnv = { Variables: { requestId: string } };

function originOf(c: Context): string {
  return new URL(c.req.url).origin;
}

/** Public (CORS `*`) unless it writes or is under the admin API. */
function isPublicRead(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !path.startsWith('/v1/admin');
}

function originAllowed(deps: AppDeps, c: Context, origin: string): boolean {
  if (origin === 'null') return false;
  return origin === originOf(c) || deps.config.allowedOrigins.includes(origin);
}

/** The client's identity for rate limiting: a salted hash of its IP (never stored in clear). */
async function clientKey(deps: AppDeps, c: Context): Promise<string> {
  let ip: string | undefined;
  if (deps.config.trustProxy) ip = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
  if (ip === undefined || ip === '') {
    try {
      ip = getConnInfo(c).remote.address;
    } catch {
      ip = undefined;
    }
  }
  return hmacHex(await deps.ipSalt(), ip ?? 'unknown');
}

/** Counts a POST for rate limiting; throws 429 with Retry-After when over the limit. */
async function rateLimit(deps: AppDeps, c: Context): Promise<void> {
  const limit = deps.config.rateLimitPerMinute;
  if (limit <= 0) return;
  const wait = await hitRateLimit(deps.db, deps.clock(), `post:${await clientKey(deps, c)}`, limit);
  if (wait > 0) {
    throw new AppError('rateLimited', `Too many submissions; retry in ${wait} s.`, {
      headers: { 'Retry-After': String(wait) },
    });
  }
}

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

function allowedMethods(path: string): string[] {
  const methods = new Set<string>();
  for (const p of OPERATION_PATTERNS) if (p.regex.test(path)) methods.add(p.method);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods];
}

function lang(value: string | undefined): 'fr' | 'en' {
  return value === 'en' ? 'en' : 'fr';
}

/** The public base URL of the server for links (configured, else the request's origin). */
export function baseUrl(deps: AppDeps, c: Context): string {
  return deps.config.publicUrl ?? originOf(c);
}

export function mergeRights(
  base: RightsContent,
  overrides: Awaited<ReturnType<typeof getRightsOverrides>>,
): RightsContent {
  const merged: RightsContent = { ...base };
  if (overrides.disclaimer !== undefined) merged.disclaimer = overrides.disclaimer;
  if (overrides.localContacts !== undefined) merged.localContacts = overrides.localContacts;
  if (overrides.contacts !== undefined) {
    const byId = new Map(base.contacts.map((contact) => [contact.id, contact]));
    for (const extra of overrides.contacts) byId.set(extra.id, { ...extra, sources: extra.sources ?? [] });
    merged.contacts = [...byId.values()];
  }
  return merged;
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const cache = new ResponseCache();

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

  // CORS: public reads from anywhere; writes and the admin API only from configured origins.
  app.use(async (c, next) => {
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
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE',
          'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
          'Access-Control-Max-Age': '7200',
          Vary: 'Origin',
        },
      });
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
    }
  });

  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        const detail = `The body is larger than ${MAX_BODY_BYTES} bytes.`;
        return isOpen311Path(c.req.path)
          ? open311ErrorResponse(c, 413, [{ code: 413, description: detail }])
          : problemResponse(c, 'payloadTooLarge', { detail });
      },
    }),
  );

  // ---- meta
  const openApi = JSON.stringify(
    buildOpenApiDocument(deps.config.publicUrl !== undefined ? { serverUrl: deps.config.publicUrl } : {}),
  );
  app.get('/openapi.json', (c) =>
    cachedPublic(c, deps, cache, [], async () => ({
      body: openApi,
      contentType: 'application/json; charset=utf-8',
    })),
  );
  app.get('/healthz', async (c) => {
    try {
      await deps.db.query('SELECT 1');
    } catch {
      return problemResponse(c, 'unavailable', {
        detail: 'The database is not reachable.',
        headers: { 'Retry-After': '5' },
      });
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok', version: deps.version, database: deps.db.kind });
  });

  const json = (value: unknown) => ({
    body: JSON.stringify(value),
    contentType: 'application/json; charset=utf-8',
  });

  // ---- cafés
  app.get('/v1/cafes', async (c) => {
    const q = parseQuery(c, CafeListQuery);
    const today = startOfToday(deps.clock()).toISOString();
    return cachedPublic(c, deps, cache, ['cafes'], async () => json(await listCafes(deps, q)), {
      extraKey: today,
    });
  });

  const calendarName = (l: 'fr' | 'en') =>
    l === 'en' ? 'Coffee with a police officer — Proximité' : 'Cafés avec un policier — Proximité';
  const domainOf = (c: Context) => deps.config.calendarDomain ?? new URL(baseUrl(deps, c)).hostname;

  app.get('/v1/cafes.ics', async (c) => {
    const q = parseQuery(c, CalendarFeedQuery);
    const l = lang(q.lang);
    const day = startOfToday(deps.clock()).toISOString();
    return cachedPublic(
      c,
      deps,
      cache,
      ['cafes'],
      async () => ({
        body: buildCalendar(await calendarCafes(deps, q.district), {
          domain: domainOf(c),
          name: calendarName(l),
          lang: l,
          eventUrl: (cafe) => `${baseUrl(deps, c)}/v1/cafes/${encodeURIComponent(cafe.id)}`,
        }),
        contentType: 'text/calendar; charset=utf-8',
      }),
      { extraKey: day, headers: { 'Content-Disposition': 'inline; filename="cafes.ics"' } },
    );
  });

  app.get('/v1/cafes/:id', async (c) => {
    const raw = c.req.param('id');
    const ics = raw.endsWith('.ics');
    const id = ics ? raw.slice(0, -4) : raw;
    if (!IdInput.safeParse(id).success) throw new AppError('notFound', 'No such café.');
    const l = lang(parseQuery(c, LangQuery).lang);
    const cafe = await getCafe(deps.db, id);
    if (cafe === undefined) throw new AppError('notFound', 'No such café.');
    return cachedPublic(
      c,
      deps,
      cache,
      ['cafes'],
      async () =>
        ics
          ? {
              body: buildCalendar([cafe], {
                domain: domainOf(c),
                name: calendarName(l),
                lang: l,
                eventUrl: (x) => `${baseUrl(deps, c)}/v1/cafes/${encodeURIComponent(x.id)}`,
              }),
              contentType: 'text/calendar; charset=utf-8',
            }
          : json(publicCafe(cafe)),
      ics ? { headers: { 'Content-Disposition': `attachment; filename="${id}.ics"` } } : {},
    );
  });

  app.get('/v1/districts', async (c) => {
    const q = parseQuery(c, LangQuery);
    return cachedPublic(c, deps, cache, ['districts'], async () =>
      json({ items: await listDistricts(deps.db, lang(q.lang)) }),
    );
  });

  // ---- concerns
  app.get('/v1/concern-categories', async (c) => {
    parseQuery(c, LangQuery);
    return cachedPublic(c, deps, cache, ['categories'], async () =>
      json({ items: await listCategories(deps.db) }),
    );
  });

  app.post('/v1/concerns', async (c) => {
    await rateLimit(deps, c);
    const keyHeader = c.req.header('Idempotency-Key');
    if (keyHeader === undefined)
      throw new AppError(
        'idempotencyKeyMissing',
        'Send an Idempotency-Key header (e.g. a UUID) and reuse it on every retry.',
      );
    const key = IdempotencyKey.safeParse(keyHeader);
    if (!key.success) {
      throw new AppError('badRequest', 'The Idempotency-Key must be 8–255 visible ASCII characters.', {
        errors: [{ path: 'Idempotency-Key', message: 'invalid' }],
      });
    }
    const { value: input } = await parseJsonBody(c, ConcernInput);
    const bodyHash = sha256Hex(canonicalJson(input));
    const now = deps.clock();
    const claim = await claimIdempotency(deps.db, now, 'concerns', key.data, bodyHash);
    if (claim.kind === 'mismatch')
      throw new AppError('idempotencyMismatch', 'This Idempotency-Key was already used with another body.');
    if (claim.kind === 'in-flight')
      throw new AppError(
        'idempotencyInProgress',
        'The first request with this key is still being processed; retry shortly.',
        { headers: { 'Retry-After': '1' } },
      );
    if (claim.kind === 'replay') return replay(claim.response);
    try {
      const category = await prepareConcern(deps.db, input);
      const reasons: string[] = [];
      if (input.honeypot !== undefined && input.honeypot.trim() !== '') reasons.push('honeypot');
      if (input.formStartedAt !== undefined) {
        const elapsed = (now.getTime() - Date.parse(input.formStartedAt)) / 1000;
        if (elapsed < deps.config.minFillSeconds) reasons.push('time-trap');
      }
      const location = { ...input.location };
      const response = await deps.db.transaction(async (tx) => {
        const created = await insertConcern(tx, now, category, {
          categoryCode: input.categoryCode,
          description: input.description,
          location,
          attributes: input.attributes,
          contact: input.contact,
          lang: input.lang,
          quarantineReasons: reasons,
          channel: 'api',
        });
        const receipt: ConcernReceipt = {
          reference: created.reference,
          statusToken: created.statusToken,
          service: created.service,
          status: created.status,
          submittedAt: created.submittedAt,
          statusUrl: `${baseUrl(deps, c)}/v1/concerns/${created.reference}?token=${created.statusToken}`,
        };
        const stored: StoredResponse = {
          status: 201,
          body: receipt,
          headers: { Location: `/v1/concerns/${created.reference}` },
        };
        await completeIdempotency(tx, 'concerns', key.data, stored);
        return stored;
      });
      return new Response(JSON.stringify(response.body), {
        status: 201,
        headers: {
          ...response.headers,
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-store',
        },
      });
    } catch (error) {
      await releaseIdempotency(deps.db, 'concerns', key.data).catch(() => undefined);
      throw error;
    }
  });

  function replay(stored: StoredResponse): Response {
    return new Response(JSON.stringify(stored.body), {
      status: stored.status === 201 ? 200 : stored.status,
      headers: {
        ...stored.headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        'Idempotent-Replayed': 'true',
      },
    });
  }

  app.get('/v1/concerns/:reference', async (c) => {
    const reference = ConcernReference.safeParse(c.req.param('reference'));
    const q = parseQuery(c, ConcernStatusQuery);
    if (!reference.success) throw new AppError('notFound', 'Unknown reference or wrong token.');
    const view = await getConcernStatus(deps.db, reference.data, q.token);
    if (view === undefined) throw new AppError('notFound', 'Unknown reference or wrong token.');
    c.header('Cache-Control', 'private, no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.json(view);
  });

  // ---- priorities, rights, stats
  app.get('/v1/priorities', async (c) => {
    const q = parseQuery(c, PriorityListQuery);
    return cachedPublic(c, deps, cache, ['priorities'], async () => json(await listPriorities(deps.db, q)));
  });

  app.get('/v1/rights', async (c) => {
    const q = parseQuery(c, RightsQuery);
    return cachedPublic(
      c,
      deps,
      cache,
      ['rights'],
      async () => {
        const merged = mergeRights(deps.rights, await getRightsOverrides(deps.db));
        return json(q.lang === undefined ? merged : pickRightsLanguage(merged, q.lang));
      },
      q.lang !== undefined ? { headers: { 'Content-Language': q.lang } } : {},
    );
  });

  app.get('/v1/stats', async (c) => {
    const q = parseQuery(c, StatsQuery);
    const area = q.area ?? deps.stats.area.code;
    return cachedPublic(c, deps, cache, ['stats'], async () => {
      // An imported dataset (proximite import-ssmsi) wins over the bundled one of the same area.
      const dataset =
        (await getStatsDataset(deps.db, area)) ?? (area === deps.stats.area.code ? deps.stats : undefined);
      if (dataset === undefined) throw new AppError('notFound', `No data for area ${area}.`);
      return json(statsFor(dataset, await listActivityCounters(deps.db, dataset.area.code), q));
    });
  });

  registerAdminRoutes(app, deps);
  registerOpen311Routes(app, deps, rateLimit);
  registerStaticRoutes(app, deps);

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
    console.error(`[${String(c.get('requestId'))}]`, error);
    return isOpen311Path(c.req.path)
      ? open311ErrorResponse(c, 500, [{ code: 500, description: 'Internal error.' }])
      : problemResponse(c, 'internal');
  });

  return app;
}

/** The dataset with its series filtered and the stored municipal counters merged into `activity`. */
export function statsFor(
  dataset: StatsDataset,
  counters: StatsDataset['activity'],
  q: { indicators?: string | undefined; from?: number | undefined; to?: number | undefined },
): StatsDataset {
  const wanted = q.indicators?.split(',');
  const inYears = (year: number) =>
    (q.from === undefined || year >= q.from) && (q.to === undefined || year <= q.to);
  const series = dataset.series
    .filter((s) => wanted === undefined || wanted.includes(s.indicatorId))
    .map((s) => ({ ...s, points: s.points.filter((p) => inYears(p.year)) }));
  const byKey = new Map(dataset.activity.map((a) => [`${a.metric}|${a.period}`, a]));
  for (const counter of counters) byKey.set(`${counter.metric}|${counter.period}`, counter);
  const activity = [...byKey.values()].filter((a) => inYears(Number(a.period.slice(0, 4))));
  return { ...dataset, series, activity };
}
