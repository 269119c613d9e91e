/**
 * Public sub-app: the cacheable reads (cafés and their iCalendar feeds, districts, categories,
 * priorities, rights, stats, the OpenAPI document, health) and the residents' writes (concerns,
 * with Idempotency-Key, and their status lookups).
 */
import {
  CalendarFeedQuery,
  CafeListQuery,
  ConcernInput,
  ConcernReference,
  ConcernFeedQuery,
  ConcernEmailInput,
  ConcernFeedbackInput,
  ConcernStatusQuery,
  ConcernUnsubscribeQuery,
  IdInput,
  IdempotencyKey,
  LangQuery,
  PastMeetingListQuery,
  PriorityFeedQuery,
  PriorityListQuery,
  RightsQuery,
  StatsQuery,
  buildOpenApiDocument,
} from '@proximite/contract';
import { normalizeTrackingCode } from '@proximite/contract/tracking-code.js';
import type { RightsContent, StatsDataset } from '@proximite/contract';
import { pickRightsLanguage } from '@proximite/content/rights/index.js';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { AppError } from '../errors.js';
import { buildPrioritiesFeed } from '../atom.js';
import { buildConcernFeed } from '../feed.js';
import { buildCalendar } from '../ical.js';
import { concernKey } from '../delivery/resident.js';
import { escapeHtml } from '../delivery/templates.js';
import { addResidentEmail, giveVerdict, unsubscribeResident } from '../services/concerns.js';
import type { StatusSecret } from '../store/concerns.js';
import { concernIdFor, getConcernStatus, getConcernStatusUnchecked } from '../store/concerns.js';
import type { AttributeValue } from '../store/concerns.js';
import {
  allPriorities,
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
import type { StoredResponse } from '../store/idempotency.js';
import { getMeetingReport, listMeetingReports } from '../store/meetings.js';
import { loadResponseTimes } from '../store/response-times.js';
import { receiveConcern } from '../store/intake.js';
import { publicCategories } from '../store/routing.js';
import { getStatsDataset } from '../store/stats.js';
import { sameHex } from '../util.js';
import { cachedPublic } from './cache.js';
import type { ResponseCache } from './cache.js';
import type { AppDeps } from './context.js';
import type { AppEnv } from './env.js';
import { problemResponse } from './problems.js';
import { clientKey, lookupRateLimit } from './rate-limit.js';
import { baseUrl, cafesPage, jsonBody, lang } from './shared.js';
import { parseJsonBody, parseQuery } from './validate.js';

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

/**
 * The read-only key of a concern's Atom feed: derived (HMAC-SHA256 with the server's stored salt),
 * so nothing more is stored; it opens the feed only, never the status lookup or a verdict.
 */
async function feedKey(deps: AppDeps, reference: string): Promise<string> {
  return concernKey(await deps.ipSalt(), 'feed', reference);
}

/**
 * The secret a resident sent (`token` or `code`, already checked against the schema): the status
 * key of their e-mails' links opens the status as the receipt's token does.
 */
async function residentSecret(
  deps: AppDeps,
  reference: string,
  sent: { token?: string | undefined; code?: string | undefined },
): Promise<StatusSecret> {
  if (sent.code !== undefined) {
    const code = normalizeTrackingCode(sent.code);
    if (code === undefined)
      throw new AppError('validation', 'The tracking code is not valid.', {
        errors: [{ path: 'code', message: 'not a tracking code' }],
      });
    return { code };
  }
  const token = sent.token ?? '';
  const key = concernKey(await deps.ipSalt(), 'status', reference);
  if (/^[0-9a-f]{32}$/.test(token) && sameHex(token, key)) return { key: true };
  return { token };
}

/** The small page of an unsubscribe link, in French and English (no script, no external resource). */
function unsubscribePage(reference: string, done: boolean, action: string): string {
  const fr = done
    ? `Vous ne recevrez plus de messages sur le signalement ${reference}. Vous pouvez toujours le suivre avec sa référence et son code de suivi.`
    : `Ne plus recevoir de messages sur le signalement ${reference} ?`;
  const en = done
    ? `You will receive no more messages about report ${reference}. You can still follow it with its reference and tracking code.`
    : `Stop receiving messages about report ${reference}?`;
  const form = done
    ? ''
    : `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Ne plus recevoir de messages / Stop the messages</button></form>`;
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="referrer" content="no-referrer"><title>Proximité — ${escapeHtml(reference)}</title></head>
<body><main><h1>Proximité</h1><p>${escapeHtml(fr)}</p><p lang="en">${escapeHtml(en)}</p>${form}</main></body></html>`;
}

/** The public routes; `cache` is the response cache the root app invalidates after writes. */
export function publicApp(deps: AppDeps, cache: ResponseCache): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

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

  // ---- cafés
  /** Lists of cafés start today (in the city's time zone): a new day is a new response. */
  const today = () => startOfToday(deps.clock()).toISOString();
  app.get('/v1/cafes', async (c) => {
    const q = parseQuery(c, CafeListQuery);
    return cachedPublic(c, deps, cache, ['cafes'], async () => jsonBody(await listCafes(deps, q)), {
      extraKey: today,
    });
  });

  const calendarName = (l: 'fr' | 'en') =>
    l === 'en' ? 'Coffee with a police officer — Proximité' : 'Cafés avec un policier — Proximité';
  const domainOf = (c: Context) => deps.config.calendarDomain ?? new URL(baseUrl(deps, c)).hostname;

  app.get('/v1/cafes.ics', async (c) => {
    const q = parseQuery(c, CalendarFeedQuery);
    const l = lang(q.lang);
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
          eventUrl: () => cafesPage(deps, c),
        }),
        contentType: 'text/calendar; charset=utf-8',
      }),
      { extraKey: today, headers: { 'Content-Disposition': 'inline; filename="cafes.ics"' } },
    );
  });

  app.get('/v1/meeting-reports', async (c) => {
    const q = parseQuery(c, PastMeetingListQuery);
    return cachedPublic(c, deps, cache, ['cafes'], async () =>
      jsonBody(await listMeetingReports(deps.db, q)),
    );
  });

  app.get('/v1/cafes/:id/report', async (c) => {
    const id = c.req.param('id');
    if (!IdInput.safeParse(id).success) throw new AppError('notFound', 'No such café.');
    return cachedPublic(c, deps, cache, ['cafes'], async () => {
      const meeting = await getMeetingReport(deps.db, id);
      if (meeting === undefined) throw new AppError('notFound', 'No such café, or no published report.');
      return jsonBody(meeting);
    });
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
              // An occurrence's calendar is its series': one VEVENT with RRULE (RFC 5545 §3.8.5.3).
              body: buildCalendar(
                [(cafe.series !== undefined && (await getCafe(deps.db, cafe.series.id))) || cafe],
                {
                  domain: domainOf(c),
                  name: calendarName(l),
                  lang: l,
                  eventUrl: () => cafesPage(deps, c),
                },
              ),
              contentType: 'text/calendar; charset=utf-8',
            }
          : jsonBody(publicCafe(cafe)),
      ics ? { headers: { 'Content-Disposition': `attachment; filename="${id}.ics"` } } : {},
    );
  });

  app.get('/v1/districts', async (c) => {
    const q = parseQuery(c, LangQuery);
    return cachedPublic(c, deps, cache, ['districts'], async () =>
      jsonBody({ items: await listDistricts(deps.db, lang(q.lang)) }),
    );
  });

  // ---- concerns
  app.get('/v1/concern-categories', async (c) => {
    parseQuery(c, LangQuery);
    return cachedPublic(c, deps, cache, ['categories'], async () =>
      jsonBody({ items: await publicCategories(deps.db, await listCategories(deps.db)) }),
    );
  });

  app.post('/v1/concerns', async (c) => {
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
    const { value: input, raw } = await parseJsonBody(c, ConcernInput);
    const sent = (raw as { attributes?: Record<string, AttributeValue> }).attributes;
    // Counted only once the replay check is past: retries of a stored submission are free.
    const bucket = deps.config.rateLimitPerMinute > 0 ? `post:${await clientKey(deps, c)}` : undefined;
    const outcome = await receiveConcern(deps, {
      key: key.data,
      input,
      sentAttributes: sent,
      bucket,
      baseUrl: baseUrl(deps, c),
    });
    switch (outcome.kind) {
      case 'mismatch':
        throw new AppError('idempotencyMismatch', 'This Idempotency-Key was already used with another body.');
      case 'in-flight':
        throw new AppError(
          'idempotencyInProgress',
          `The first request with this key is still being processed; retry in ${outcome.retryAfter} s.`,
          { headers: { 'Retry-After': String(outcome.retryAfter) } },
        );
      case 'rate-limited':
        throw new AppError('rateLimited', `Too many submissions; retry in ${outcome.retryAfter} s.`, {
          headers: { 'Retry-After': String(outcome.retryAfter) },
        });
      case 'replay':
        return replay(outcome.response);
      case 'created':
        return new Response(JSON.stringify(outcome.response.body), {
          status: 201,
          headers: {
            ...outcome.response.headers,
            'Content-Type': 'application/json; charset=utf-8',
            'Cache-Control': 'no-store',
          },
        });
    }
  });

  app.get('/v1/concerns/:reference', async (c) => {
    const reference = ConcernReference.safeParse(c.req.param('reference'));
    const q = parseQuery(c, ConcernStatusQuery);
    if (!reference.success) throw new AppError('notFound', 'Unknown reference or wrong token.');
    const code = q.code === undefined ? undefined : normalizeTrackingCode(q.code);
    if (code !== undefined) await lookupRateLimit(deps, c, reference.data);
    const view = await getConcernStatus(
      deps.db,
      reference.data,
      code !== undefined ? { code } : await residentSecret(deps, reference.data, { token: q.token ?? '' }),
    );
    if (view === undefined) throw new AppError('notFound', 'Unknown reference or wrong token.');
    c.header('Cache-Control', 'private, no-store');
    c.header('Referrer-Policy', 'no-referrer');
    const feedUrl = `${baseUrl(deps, c)}/v1/concerns/${view.reference}/feed.atom?token=${await feedKey(deps, view.reference)}`;
    return c.json({ ...view, feedUrl });
  });

  app.post('/v1/concerns/:reference/feedback', async (c) => {
    const reference = ConcernReference.safeParse(c.req.param('reference'));
    const { value: input } = await parseJsonBody(c, ConcernFeedbackInput);
    if (!reference.success) throw new AppError('notFound', 'Unknown reference or wrong token.');
    const secret = await residentSecret(deps, reference.data, input);
    // By code, an attempt counts like a lookup: guessing stays as slow as it is there.
    if ('code' in secret) await lookupRateLimit(deps, c, reference.data);
    const given = await giveVerdict(deps, deps.clock(), reference.data, secret, {
      resolved: input.resolved,
      comment: input.comment,
    });
    const view = given ? await getConcernStatus(deps.db, reference.data, secret) : undefined;
    if (view === undefined) throw new AppError('notFound', 'Unknown reference or wrong token.');
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    const feedUrl = `${baseUrl(deps, c)}/v1/concerns/${view.reference}/feed.atom?token=${await feedKey(deps, view.reference)}`;
    return c.json({ ...view, feedUrl });
  });

  app.post('/v1/concerns/:reference/email', async (c) => {
    const reference = ConcernReference.safeParse(c.req.param('reference'));
    const { value: input } = await parseJsonBody(c, ConcernEmailInput);
    if (!reference.success) throw new AppError('notFound', 'Unknown reference or wrong token.');
    const secret = await residentSecret(deps, reference.data, input);
    if ('code' in secret) await lookupRateLimit(deps, c, reference.data);
    const added = await addResidentEmail(deps, deps.clock(), reference.data, secret, {
      email: input.email,
      lang: input.lang,
      code: 'code' in secret ? secret.code : undefined,
    });
    const view = added ? await getConcernStatus(deps.db, reference.data, secret) : undefined;
    if (view === undefined) throw new AppError('notFound', 'Unknown reference or wrong token.');
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    const feedUrl = `${baseUrl(deps, c)}/v1/concerns/${view.reference}/feed.atom?token=${await feedKey(deps, view.reference)}`;
    return c.json({ ...view, feedUrl });
  });

  /** The reference of an unsubscribe link whose key is right; else 404 (like an unknown reference). */
  const unsubscribeTarget = async (c: Context): Promise<string> => {
    const reference = ConcernReference.safeParse(c.req.param('reference'));
    const q = parseQuery(c, ConcernUnsubscribeQuery);
    if (!reference.success) throw new AppError('notFound', 'Unknown reference or wrong key.');
    const key = concernKey(await deps.ipSalt(), 'unsubscribe', reference.data);
    if (!sameHex(q.key, key)) throw new AppError('notFound', 'Unknown reference or wrong key.');
    return reference.data;
  };
  const htmlHeaders = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex',
  };

  // Opening the link changes nothing (mail scanners open links): its page's button POSTs.
  app.get('/v1/concerns/:reference/unsubscribe', async (c) => {
    const reference = await unsubscribeTarget(c);
    if ((await getConcernStatusUnchecked(deps.db, reference)) === undefined)
      throw new AppError('notFound', 'Unknown reference or wrong key.');
    const action = `/v1/concerns/${reference}/unsubscribe?key=${c.req.query('key') ?? ''}`;
    return c.body(unsubscribePage(reference, false, action), 200, htmlHeaders);
  });

  // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click`; the page's button sends the same.
  app.post('/v1/concerns/:reference/unsubscribe', async (c) => {
    const reference = await unsubscribeTarget(c);
    if (!(await unsubscribeResident(deps, deps.clock(), reference)))
      throw new AppError('notFound', 'Unknown reference or wrong key.');
    return c.body(unsubscribePage(reference, true, ''), 200, htmlHeaders);
  });

  app.get('/v1/concerns/:reference/feed.atom', async (c) => {
    const reference = ConcernReference.safeParse(c.req.param('reference'));
    const q = parseQuery(c, ConcernFeedQuery);
    if (!reference.success) throw new AppError('notFound', 'Unknown reference or wrong key.');
    const key = await feedKey(deps, reference.data);
    const opens =
      (q.token.length === key.length && sameHex(q.token, key)) ||
      (await concernIdFor(deps.db, reference.data, { token: q.token })) !== undefined;
    const view = opens ? await getConcernStatusUnchecked(deps.db, reference.data) : undefined;
    if (view === undefined) throw new AppError('notFound', 'Unknown reference or wrong key.');
    const base = baseUrl(deps, c);
    const lang = q.lang ?? (view.lang === 'en' ? 'en' : 'fr');
    const body = buildConcernFeed(view, {
      selfUrl: `${base}/v1/concerns/${view.reference}/feed.atom?token=${q.token}${q.lang ? `&lang=${q.lang}` : ''}`,
      authority: new URL(base).hostname,
      lang,
    });
    return c.body(body, 200, {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      'Cache-Control': 'private, no-cache',
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
      'Content-Language': lang,
    });
  });

  // ---- priorities, rights, stats
  app.get('/v1/priorities', async (c) => {
    const q = parseQuery(c, PriorityListQuery);
    // A priority names the cafés it came from (and whether they have a report): cafés count too.
    return cachedPublic(c, deps, cache, ['priorities', 'cafes'], async () =>
      jsonBody(await listPriorities(deps.db, q)),
    );
  });

  app.get('/v1/priorities.atom', async (c) => {
    const q = parseQuery(c, PriorityFeedQuery);
    const l = lang(q.lang);
    const base = baseUrl(deps, c);
    const params = new URLSearchParams();
    if (q.district !== undefined) params.set('district', q.district);
    if (q.lang !== undefined) params.set('lang', q.lang);
    const query = params.size > 0 ? `?${params.toString()}` : '';
    return cachedPublic(c, deps, cache, ['priorities', 'cafes'], async () => ({
      body: buildPrioritiesFeed(await allPriorities(deps.db, { district: q.district }), {
        domain: domainOf(c),
        selfUrl: `${base}/v1/priorities.atom${query}`,
        listUrl: `${base}/v1/priorities${q.district !== undefined ? `?district=${encodeURIComponent(q.district)}` : ''}`,
        lang: l,
        district: q.district,
        now: deps.clock(),
      }),
      contentType: 'application/atom+xml; charset=utf-8',
    }));
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
        return jsonBody(q.lang === undefined ? merged : pickRightsLanguage(merged, q.lang));
      },
      q.lang !== undefined ? { headers: { 'Content-Language': q.lang } } : {},
    );
  });

  app.get('/v1/stats', async (c) => {
    const q = parseQuery(c, StatsQuery);
    const area = q.area ?? deps.stats.area.code;
    // The service response figures are computed from the concerns: their version counts too.
    return cachedPublic(c, deps, cache, ['stats', 'responses'], async () => {
      // An imported dataset (proximite import-ssmsi) wins over the bundled one of the same area.
      const dataset =
        (await getStatsDataset(deps.db, area)) ?? (area === deps.stats.area.code ? deps.stats : undefined);
      if (dataset === undefined) throw new AppError('notFound', `No data for area ${area}.`);
      return jsonBody({
        ...statsFor(dataset, await listActivityCounters(deps.db, dataset.area.code), q),
        // The city's own services: shown with the city's (and its département's default) figures.
        responseTimes: await loadResponseTimes(deps.db, deps.clock()),
      });
    });
  });

  return app;
}
