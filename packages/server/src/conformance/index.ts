/**
 * `proximite conformance <baseUrl>`: the contract's checks run over HTTP against any backend, so a
 * city that implements the contract itself can prove it. Every public operation of the contract's
 * `operations` table is called: status codes as documented, Content-Type, every body validated
 * with the operation's response schema, errors as application/problem+json (Open311: its error
 * array), ETag and 304 on cacheable GETs, CORS on public GETs, the idempotency of
 * `POST /v1/concerns`, the iCalendar feeds, the OpenAPI document and `/healthz`. The admin API is
 * checked for refusing anonymous calls and, with a token, for its read operations.
 *
 * Writes: one test concern (description starting with "[conformance]"), none with `readOnly`.
 */
import { randomUUID } from 'node:crypto';
import { getOperation, operations } from '@proximite/contract';
import type {
  Cafe,
  CafePage,
  ConcernCategory,
  ConcernCategoryList,
  ConcernReceipt,
  Operation,
  OperationId,
  PastMeetingPage,
  SchemaName,
} from '@proximite/contract';
import { checkCalendar } from './calendar.js';
import {
  CheckFailure,
  HttpClient,
  expectContentType,
  expectJson,
  expectOpen311Errors,
  expectProblem,
  expectStatus,
  excerpt,
  fail,
  headerList,
  skip,
} from './http.js';
import type { Exchange } from './http.js';
import { Suite } from './report.js';
import type { ConformanceReport } from './report.js';

export { checkCalendar } from './calendar.js';
export { formatReport } from './report.js';
export type { CheckGroup, CheckResult, CheckStatus, ConformanceReport } from './report.js';

export interface ConformanceOptions {
  /** An admin bearer token: the admin API's read operations are checked with it too. */
  adminToken?: string | undefined;
  /** Create nothing: the checks that submit a concern are skipped. */
  readOnly?: boolean | undefined;
  /** Origin sent on cross-origin checks. Default `https://conformance.proximite.invalid`. */
  origin?: string | undefined;
  /** Per-request timeout in ms. Default 15 000. */
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
}

/** Prefix of the description of every concern the run creates. */
export const CONFORMANCE_LABEL = '[conformance]';

/** A reference and a token that exist nowhere (well-formed, so the answer must be 404). */
const NO_REFERENCE = 'PRX-0000-0000';
const NO_TOKEN = 'conformance-no-such-token-0000';
const NO_ID = 'conformance-no-such-id';

interface Ctx {
  suite: Suite;
  http: HttpClient;
  origin: string;
  options: ConformanceOptions;
  cafe?: Cafe;
  categories?: ConcernCategory[];
  receipt?: ConcernReceipt;
  serviceCode?: string;
}

interface GetSpec {
  /** JSON response schema (Content-Type application/json). */
  schema?: SchemaName;
  /** Non-JSON response: the accepted media types. */
  contentTypes?: string[];
  /** Extra checks on the body (each named). */
  validate?: Record<string, (body: unknown, x: Exchange) => string | void>;
  /** Cacheable: strong or weak ETag and 304 on If-None-Match. Default true. */
  etag?: boolean;
  /** Public read: CORS headers. Default true. */
  cors?: boolean;
  /** The path as shown in the report (to hide a secret of the query). */
  label?: string;
}

const op = (id: OperationId): Operation => getOperation(id);

/** The JSON of a body already validated (or undefined when it is not JSON). */
function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sends a GET and records the failure of the request itself as the first check's. */
async function get(
  ctx: Ctx,
  path: string,
  headers: Record<string, string> = {},
): Promise<Exchange | CheckFailure> {
  try {
    return await ctx.http.request('GET', path, { headers: { Origin: ctx.origin, ...headers } });
  } catch (error) {
    if (error instanceof CheckFailure) return error;
    throw error;
  }
}

/** The checks of a public GET answering 200. Returns the exchange when it did. */
async function publicGet(
  ctx: Ctx,
  id: OperationId,
  path: string,
  spec: GetSpec,
): Promise<Exchange | undefined> {
  const operation = op(id);
  const x = await get(ctx, path);
  const mediaTypes = spec.contentTypes ?? ['application/json'];
  const ok = await ctx.suite.check(id, `GET ${spec.label ?? path} → 200 ${mediaTypes.join(' or ')}`, () => {
    if (x instanceof CheckFailure) throw x;
    expectStatus(x, 200, operation);
    expectContentType(x, ...mediaTypes);
  });
  const response = ok && !(x instanceof CheckFailure) ? x : undefined;
  const needs = (): Exchange => response ?? skip('no 200 response to check');
  let body: unknown;
  if (spec.schema !== undefined) {
    const schema = spec.schema;
    await ctx.suite.check(id, `body is a valid ${schema}`, () => {
      body = expectJson(needs(), schema);
    });
  }
  for (const [name, fn] of Object.entries(spec.validate ?? {})) {
    await ctx.suite.check(id, name, () => {
      const exchange = needs();
      if (spec.schema !== undefined && body === undefined) skip('the body is not valid');
      return fn(body ?? exchange.text, exchange);
    });
  }
  if (spec.etag !== false) {
    await ctx.suite.check(id, 'ETag, and 304 Not Modified on If-None-Match', async () => {
      const first = needs();
      const etag = first.headers.get('etag');
      if (etag === null) fail('no ETag header');
      if (!/^(?:W\/)?"[^"]*"$/.test(etag)) fail(`malformed ETag ${etag} (expected a quoted string)`);
      const again = await ctx.http.request('GET', path, { headers: { 'If-None-Match': etag } });
      if (again.status !== 304)
        fail(`If-None-Match: ${etag} answered ${again.status}, expected 304 Not Modified`);
      if (again.text !== '') fail('a 304 response must have no body');
    });
  }
  if (spec.cors !== false) {
    await ctx.suite.check(id, 'CORS: readable from any origin (Access-Control-Allow-Origin)', () => {
      const exchange = needs();
      const allow = exchange.headers.get('access-control-allow-origin');
      if (allow === null) fail(`no Access-Control-Allow-Origin on a GET with Origin: ${ctx.origin}`);
      if (allow !== '*' && allow !== ctx.origin)
        fail(`Access-Control-Allow-Origin is "${allow}", expected *`);
      if (spec.etag !== false) {
        const exposed = headerList(exchange.headers, 'access-control-expose-headers');
        if (!exposed.includes('etag') && !exposed.includes('*'))
          fail('Access-Control-Expose-Headers does not list ETag (browsers cannot revalidate)');
      }
    });
  }
  if (spec.cors !== false && spec.etag !== false) {
    await ctx.suite.check(id, 'CORS preflight (OPTIONS) allows GET with If-None-Match', async () => {
      needs();
      const pre = await ctx.http.request('OPTIONS', path, {
        headers: {
          Origin: ctx.origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'if-none-match',
        },
      });
      if (pre.status < 200 || pre.status > 299) fail(`the preflight answered ${pre.status}`);
      const allow = pre.headers.get('access-control-allow-origin');
      if (allow !== '*' && allow !== ctx.origin)
        fail(`the preflight's Access-Control-Allow-Origin is ${allow === null ? 'missing' : `"${allow}"`}`);
      const headers = headerList(pre.headers, 'access-control-allow-headers');
      if (!headers.includes('if-none-match') && !headers.includes('*'))
        fail('Access-Control-Allow-Headers does not list If-None-Match');
    });
  }
  return response;
}

/** A request that must answer a problem with `status`. */
async function problemCase(
  ctx: Ctx,
  id: OperationId,
  name: string,
  method: string,
  path: string,
  status: number,
  init: { headers?: Record<string, string>; body?: string } = {},
  extra?: (problem: Record<string, unknown>) => void,
): Promise<void> {
  await ctx.suite.check(id, `${name} → ${status} application/problem+json`, async () => {
    const x = await ctx.http.request(method, path, init);
    const problem = expectProblem(x, status, op(id));
    extra?.(problem);
  });
}

async function open311ErrorCase(
  ctx: Ctx,
  id: OperationId,
  name: string,
  path: string,
  statuses: number[],
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<void> {
  await ctx.suite.check(id, `${name} → ${statuses.join('/')} Open311 error array`, async () => {
    const x = await ctx.http.request(init.method ?? 'GET', path, init);
    expectOpen311Errors(x, statuses, op(id));
  });
}

// ---------------------------------------------------------------------------

async function general(ctx: Ctx): Promise<void> {
  await ctx.suite.check('general', 'an unknown path → 404 application/problem+json', async () => {
    const x = await ctx.http.request('GET', '/v1/conformance-no-such-path');
    expectProblem(x, 404);
  });
}

async function meta(ctx: Ctx): Promise<void> {
  await publicGet(ctx, 'getHealth', '/healthz', { schema: 'Health', etag: false });
  const contractPaths = (operations as readonly Operation[]).map((o) => ({ path: o.path, method: o.method }));
  await publicGet(ctx, 'getOpenApi', '/openapi.json', {
    validate: {
      'an OpenAPI 3.1 document listing every path of the contract': (text) => {
        let doc: { openapi?: unknown; paths?: Record<string, Record<string, unknown>> };
        try {
          doc = JSON.parse(String(text)) as typeof doc;
        } catch {
          fail(`not JSON: ${excerpt(String(text))}`);
        }
        if (typeof doc.openapi !== 'string' || !/^3\.1\.\d+$/.test(doc.openapi))
          fail(`"openapi" is ${JSON.stringify(doc.openapi)}, expected 3.1.x`);
        const missing = contractPaths.filter((p) => doc.paths?.[p.path]?.[p.method] === undefined);
        if (missing.length > 0)
          fail(
            `${missing.length} operation(s) missing: ${missing
              .slice(0, 5)
              .map((m) => `${m.method.toUpperCase()} ${m.path}`)
              .join(', ')}${missing.length > 5 ? '…' : ''}`,
          );
        return `OpenAPI ${doc.openapi}, ${contractPaths.length} operations`;
      },
    },
  });
}

async function cafes(ctx: Ctx): Promise<void> {
  const list = await publicGet(ctx, 'listCafes', '/v1/cafes', { schema: 'CafePage' });
  const page = list === undefined ? undefined : (tryJson(list.text) as Partial<CafePage> | undefined);
  const items = Array.isArray(page?.items) ? page.items : [];
  if (items[0] !== undefined && typeof items[0].id === 'string') ctx.cafe = items[0];
  await ctx.suite.check('listCafes', 'pagination: limit=1 then nextCursor gives the next café', async () => {
    if (items.length < 2 && (page?.nextCursor ?? null) === null) skip('fewer than two cafés published');
    const first = expectJson<CafePage>(await ctx.http.request('GET', '/v1/cafes?limit=1'), 'CafePage');
    if (first.items.length !== 1) fail(`limit=1 gave ${first.items.length} items`);
    if (typeof first.nextCursor !== 'string')
      fail('limit=1 gave no nextCursor although there are more cafés');
    const next = await ctx.http.request(
      'GET',
      `/v1/cafes?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`,
    );
    expectStatus(next, 200, op('listCafes'));
    const second = expectJson<CafePage>(next, 'CafePage');
    if (second.items[0]?.id === first.items[0]?.id) fail('the next page repeats the first café');
  });
  await problemCase(ctx, 'listCafes', 'invalid query (limit=0)', 'GET', '/v1/cafes?limit=0', 400);

  const id = ctx.cafe?.id;
  if (id === undefined) {
    await ctx.suite.check('getCafe', 'GET /v1/cafes/{id} → 200 Cafe', () =>
      skip('no café published to fetch'),
    );
    await ctx.suite.check('getCafeCalendar', 'GET /v1/cafes/{id}.ics → 200 text/calendar', () =>
      skip('no café published to fetch'),
    );
  } else {
    const path = `/v1/cafes/${encodeURIComponent(id)}`;
    await publicGet(ctx, 'getCafe', path, {
      schema: 'Cafe',
      validate: {
        'the café is the one asked for': (body) => {
          if ((body as Cafe).id !== id) fail(`asked for ${id}, got ${(body as Cafe).id}`);
        },
      },
    });
    await publicGet(ctx, 'getCafeCalendar', `${path}.ics`, {
      contentTypes: ['text/calendar'],
      validate: {
        'an RFC 5545 calendar with one VEVENT that has a UID (ical.js parses it)': (text) =>
          checkCalendar(String(text), { events: 'one' }),
      },
    });
  }
  await problemCase(ctx, 'getCafe', 'unknown café', 'GET', `/v1/cafes/${NO_ID}`, 404);
  await problemCase(ctx, 'getCafeCalendar', 'unknown café', 'GET', `/v1/cafes/${NO_ID}.ics`, 404);

  await publicGet(ctx, 'getCafesCalendar', '/v1/cafes.ics', {
    contentTypes: ['text/calendar'],
    validate: {
      'an RFC 5545 calendar whose events all have a UID (ical.js parses it)': (text) =>
        checkCalendar(String(text)),
    },
  });
  await problemCase(ctx, 'getCafesCalendar', 'invalid query (lang=xx)', 'GET', '/v1/cafes.ics?lang=xx', 400);

  await publicGet(ctx, 'listDistricts', '/v1/districts', { schema: 'DistrictList' });
  await problemCase(ctx, 'listDistricts', 'invalid query (lang=xx)', 'GET', '/v1/districts?lang=xx', 400);
}

/** An answer to a required field that trips no emergency stopper. */
function answer(field: ConcernCategory['fields'][number]): string | number | string[] | undefined {
  const keys = (field.values ?? []).map((v) => v.key).filter((k) => k !== field.stopper?.whenValue);
  switch (field.datatype) {
    case 'singlevaluelist':
      return keys[0];
    case 'multivaluelist':
      return keys[0] === undefined ? undefined : [keys[0]];
    case 'number':
      return 1;
    case 'datetime':
      return new Date().toISOString();
    default:
      return CONFORMANCE_LABEL;
  }
}

/** A valid, clearly labelled concern for the first category the form can submit. */
function testConcern(categories: readonly ConcernCategory[]): Record<string, unknown> | undefined {
  for (const category of categories) {
    if (category.emergency !== undefined) continue;
    const attributes: Record<string, unknown> = {};
    let answerable = true;
    for (const field of category.fields.filter((f) => f.required)) {
      const value = answer(field);
      if (value === undefined) answerable = false;
      else attributes[field.code] = value;
    }
    if (!answerable) continue;
    return {
      categoryCode: category.code,
      description: `${CONFORMANCE_LABEL} Test automatique du contrat Proximité (proximite conformance) : à ignorer et clore. / Automated contract test: please ignore and close.`,
      location: { address: `${CONFORMANCE_LABEL} adresse de test / test address` },
      ...(Object.keys(attributes).length > 0 && { attributes }),
      lang: 'fr',
    };
  }
  return undefined;
}

async function concerns(ctx: Ctx): Promise<void> {
  const list = await publicGet(ctx, 'listConcernCategories', '/v1/concern-categories', {
    schema: 'ConcernCategoryList',
  });
  if (list !== undefined) {
    const body = tryJson(list.text) as Partial<ConcernCategoryList> | undefined;
    if (Array.isArray(body?.items)) ctx.categories = body.items;
  }
  await problemCase(
    ctx,
    'listConcernCategories',
    'invalid query (lang=xx)',
    'GET',
    '/v1/concern-categories?lang=xx',
    400,
  );

  const id = 'createConcern';
  const key = () => `conformance-${randomUUID()}`;
  const json = (k?: string) => ({
    'Content-Type': 'application/json',
    ...(k !== undefined && { 'Idempotency-Key': k }),
  });
  const body = testConcern(ctx.categories ?? []);
  const text = body === undefined ? undefined : JSON.stringify(body);
  const writes = (): string => {
    if (ctx.options.readOnly === true) skip('--read-only: nothing is created');
    return text ?? skip('no concern category that a form can submit (all are emergencies or unanswerable)');
  };
  const code = String(body?.categoryCode ?? 'conformance');

  await ctx.suite.check(id, 'without Idempotency-Key → 400 application/problem+json', async () => {
    const payload = writes();
    expectProblem(
      await ctx.http.request('POST', '/v1/concerns', { headers: json(), body: payload }),
      400,
      op(id),
    );
  });
  await problemCase(ctx, id, 'a text/plain body', 'POST', '/v1/concerns', 415, {
    headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': key() },
    body: 'categoryCode=conformance',
  });
  await problemCase(
    ctx,
    id,
    'an invalid body (no location)',
    'POST',
    '/v1/concerns',
    422,
    {
      headers: json(key()),
      body: JSON.stringify({ categoryCode: code, description: `${CONFORMANCE_LABEL} invalid: no location` }),
    },
    (problem) => {
      if (!Array.isArray(problem.errors) || problem.errors.length === 0)
        fail('the problem has no "errors" listing the invalid fields');
    },
  );

  const k = key();
  let keyIgnored = false;
  await ctx.suite.check(id, 'a valid concern → 201 ConcernReceipt with a Location header', async () => {
    const payload = writes();
    const x = await ctx.http.request('POST', '/v1/concerns', { headers: json(k), body: payload });
    expectStatus(x, 201, op(id));
    const receipt = expectJson<ConcernReceipt>(x, 'ConcernReceipt');
    ctx.receipt = receipt;
    if (x.headers.get('location') === null) fail('no Location header');
    return `reference ${receipt.reference}`;
  });
  await ctx.suite.check(
    id,
    'the same key and body again → 200 replay, Idempotent-Replayed: true, same receipt',
    async () => {
      const payload = writes();
      const first = ctx.receipt ?? skip('the first submission failed');
      const x = await ctx.http.request('POST', '/v1/concerns', { headers: json(k), body: payload });
      if (x.status === 201) {
        keyIgnored = true;
        fail('answered 201 again: the key was not honoured, a second concern was created');
      }
      expectStatus(x, 200, op(id));
      const replay = expectJson<ConcernReceipt>(x, 'ConcernReceipt');
      if (x.headers.get('idempotent-replayed') !== 'true')
        fail(`Idempotent-Replayed is ${x.headers.get('idempotent-replayed') ?? 'missing'}, expected "true"`);
      if (replay.reference !== first.reference)
        fail(`the replay has reference ${replay.reference}, the first answer ${first.reference}`);
    },
  );
  await ctx.suite.check(id, 'the same key with another body → 422 application/problem+json', async () => {
    const payload = writes();
    if (ctx.receipt === undefined) skip('the first submission failed');
    // Not sent when the key is ignored: it would only create one more test concern.
    if (keyIgnored) fail('not sent: the backend ignores Idempotency-Key (see the replay)');
    const other = { ...(JSON.parse(payload) as Record<string, unknown>) };
    other.description = `${String(other.description)} (2)`;
    const x = await ctx.http.request('POST', '/v1/concerns', {
      headers: json(k),
      body: JSON.stringify(other),
    });
    if (x.status === 201) fail('answered 201: a different body with a used key created a concern');
    expectProblem(x, 422, op(id));
  });

  const status = 'getConcernStatus';
  const receipt = ctx.receipt;
  if (receipt === undefined) {
    await ctx.suite.check(status, 'GET /v1/concerns/{reference}?token=… → 200 ConcernStatusView', () =>
      skip(ctx.options.readOnly === true ? '--read-only: no concern created' : 'no concern was created'),
    );
  } else {
    await publicGet(
      ctx,
      status,
      `/v1/concerns/${receipt.reference}?token=${encodeURIComponent(receipt.statusToken)}`,
      {
        schema: 'ConcernStatusView',
        etag: false,
        validate: {
          'the status of the concern submitted, without contact data': (body) => {
            const view = body as Record<string, unknown>;
            if (view.reference !== receipt.reference)
              fail(`asked for ${receipt.reference}, got ${String(view.reference)}`);
            if ('contact' in view) fail('the public status carries contact data');
          },
        },
      },
    );
  }
  await problemCase(
    ctx,
    status,
    'a wrong token',
    'GET',
    `/v1/concerns/${receipt?.reference ?? NO_REFERENCE}?token=${NO_TOKEN}`,
    404,
  );

  // The verdict: refused without a secret, with a wrong one, and before closure (nothing recorded).
  const feedback = 'giveConcernFeedback';
  const feedbackPath = `/v1/concerns/${receipt?.reference ?? NO_REFERENCE}/feedback`;
  await problemCase(ctx, feedback, 'no token or code', 'POST', feedbackPath, 422, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ resolved: true }),
  });
  await problemCase(ctx, feedback, 'a wrong token', 'POST', feedbackPath, 404, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: NO_TOKEN, resolved: true }),
  });
  // E-mail updates added later, and the unsubscribe link: refused without the right secret or key.
  const emailPath = `/v1/concerns/${receipt?.reference ?? NO_REFERENCE}/email`;
  await problemCase(ctx, 'addConcernEmail', 'no token or code', 'POST', emailPath, 422, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'conformance@example.org' }),
  });
  await problemCase(ctx, 'addConcernEmail', 'a wrong token', 'POST', emailPath, 404, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: NO_TOKEN, email: 'conformance@example.org' }),
  });
  const unsubscribePath = `/v1/concerns/${receipt?.reference ?? NO_REFERENCE}/unsubscribe?key=${'0'.repeat(32)}`;
  await problemCase(ctx, 'getConcernUnsubscribe', 'a wrong key', 'GET', unsubscribePath, 404);
  await problemCase(ctx, 'unsubscribeConcernEmail', 'a wrong key', 'POST', unsubscribePath, 404, {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  if (receipt === undefined)
    await ctx.suite.check(feedback, 'a concern not closed yet → 409 application/problem+json', () =>
      skip('no concern was created'),
    );
  else
    await problemCase(ctx, feedback, 'a concern not closed yet', 'POST', feedbackPath, 409, {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: receipt.statusToken, resolved: true }),
    });
}

async function content(ctx: Ctx): Promise<void> {
  await publicGet(ctx, 'listPriorities', '/v1/priorities', { schema: 'PriorityPage' });
  await problemCase(ctx, 'listPriorities', 'invalid query (limit=0)', 'GET', '/v1/priorities?limit=0', 400);
  await publicGet(ctx, 'getPrioritiesFeed', '/v1/priorities.atom', {
    contentTypes: ['application/atom+xml'],
    validate: {
      'an RFC 4287 Atom feed with its id, title and updated; every entry has an id, a title and updated':
        (text) => {
          const xml = String(text);
          if (!/^\s*<\?xml[^>]*\?>\s*<feed\s[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/.test(xml))
            fail(`not an Atom feed: ${excerpt(xml)}`);
          const head = xml.split('<entry>')[0] ?? '';
          for (const element of ['id', 'title', 'updated'])
            if (!new RegExp(`<${element}[\\s>]`).test(head)) fail(`the feed has no <${element}>`);
          for (const entry of xml.split('<entry>').slice(1))
            for (const element of ['id', 'title', 'updated'])
              if (!new RegExp(`<${element}[\\s>]`).test(entry)) fail(`an entry has no <${element}>`);
        },
    },
  });
  await problemCase(ctx, 'getPrioritiesFeed', 'invalid query (lang=xx)', 'GET', '/v1/priorities.atom?lang=xx', 400);
  const meetings = await publicGet(ctx, 'listMeetingReports', '/v1/meeting-reports', { schema: 'PastMeetingPage' });
  await problemCase(ctx, 'listMeetingReports', 'invalid query (from=yesterday)', 'GET', '/v1/meeting-reports?from=yesterday', 400);
  let first: string | undefined;
  try {
    first = meetings === undefined ? undefined : (JSON.parse(meetings.text) as PastMeetingPage).items[0]?.cafe.id;
  } catch {
    first = undefined;
  }
  if (first === undefined)
    await ctx.suite.check('getCafeReport', 'GET /v1/cafes/{id}/report → 200', () => skip('no meeting report published'));
  else
    await publicGet(ctx, 'getCafeReport', `/v1/cafes/${encodeURIComponent(first)}/report`, { schema: 'PastMeeting' });
  await problemCase(ctx, 'getCafeReport', 'unknown café', 'GET', `/v1/cafes/${NO_ID}/report`, 404);
  await publicGet(ctx, 'getRights', '/v1/rights', { schema: 'RightsContent' });
  await problemCase(ctx, 'getRights', 'invalid query (lang=xx)', 'GET', '/v1/rights?lang=xx', 400);
  // Last year's report: a period that has started (and ended) wherever the server is.
  const lastYear = new Date().getUTCFullYear() - 1;
  await publicGet(ctx, 'getPublicReport', `/v1/reports/${lastYear}`, { schema: 'PublicReport' });
  await publicGet(ctx, 'getPublicReportHtml', `/v1/reports/${lastYear}.html`, {
    contentTypes: ['text/html'],
    validate: {
      'an HTML document with its language and a title': (text) => {
        const page = String(text);
        if (!/^\s*<!doctype html>/i.test(page)) fail(`not an HTML document: ${excerpt(page)}`);
        if (!/<html[^>]*\slang="(?:fr|en)"/.test(page)) fail('no lang on <html>');
        if (!/<title>[^<]+<\/title>/.test(page)) fail('no <title>');
      },
    },
  });
  await problemCase(ctx, 'getPublicReport', 'not a period (2026-Q5)', 'GET', '/v1/reports/2026-Q5', 404);
  await problemCase(ctx, 'getPublicReport', 'invalid query (lang=xx)', 'GET', `/v1/reports/${lastYear}?lang=xx`, 400);
  await publicGet(ctx, 'getStats', '/v1/stats', { schema: 'StatsDataset' });
  await problemCase(ctx, 'getStats', 'invalid query (area=abc)', 'GET', '/v1/stats?area=abc', 400);
  await problemCase(ctx, 'getStats', 'an area without data (area=00000)', 'GET', '/v1/stats?area=00000', 404);
}

async function open311(ctx: Ctx): Promise<void> {
  const base = '/open311/v2';
  const noCache = { etag: false } as const;
  await publicGet(ctx, 'open311Discovery', `${base}/discovery.json`, {
    schema: 'Open311Discovery',
    ...noCache,
  });
  await ctx.suite.check('open311Discovery', `GET ${base}/discovery.xml → 200 XML`, async () => {
    const x = await ctx.http.request('GET', `${base}/discovery.xml`);
    expectStatus(x, 200, op('open311Discovery'));
    expectContentType(x, 'application/xml', 'text/xml');
    if (!x.text.trimStart().startsWith('<?xml')) fail(`not an XML document: ${excerpt(x.text)}`);
  });
  const services = await publicGet(ctx, 'open311ListServices', `${base}/services.json`, {
    schema: 'Open311ServiceList',
    ...noCache,
  });
  if (services !== undefined) {
    const list = tryJson(services.text);
    const first = Array.isArray(list)
      ? (list as { service_code?: unknown }[]).find((s) => typeof s.service_code === 'string')
      : undefined;
    if (first !== undefined) ctx.serviceCode = String(first.service_code);
  }
  if (ctx.serviceCode === undefined)
    await ctx.suite.check('open311GetServiceDefinition', 'GET services/{code}.json → 200', () =>
      skip('no service listed'),
    );
  else
    await publicGet(
      ctx,
      'open311GetServiceDefinition',
      `${base}/services/${encodeURIComponent(ctx.serviceCode)}.json`,
      { schema: 'Open311ServiceDefinition', ...noCache },
    );
  await open311ErrorCase(
    ctx,
    'open311GetServiceDefinition',
    'an unknown service',
    `${base}/services/${NO_ID}.json`,
    [404, 400],
  );
  await publicGet(ctx, 'open311ListRequests', `${base}/requests.json`, {
    schema: 'Open311RequestList',
    ...noCache,
  });
  if (ctx.receipt !== undefined)
    await publicGet(ctx, 'open311GetRequest', `${base}/requests/${ctx.receipt.reference}.json`, {
      schema: 'Open311RequestList',
      ...noCache,
    });
  await open311ErrorCase(
    ctx,
    'open311GetRequest',
    'an unknown request',
    `${base}/requests/${NO_REFERENCE}.json`,
    [404],
  );
  await open311ErrorCase(
    ctx,
    'open311GetToken',
    'an unknown token',
    `${base}/tokens/${NO_TOKEN}.json`,
    [404],
  );
  await open311ErrorCase(
    ctx,
    'open311CreateRequest',
    'POST without api_key nor service_code (creates nothing)',
    `${base}/requests.json`,
    [400, 403],
    { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' },
  );
}

/** Admin GETs: anonymous calls refused; with a token, the bodies validate. */
async function admin(ctx: Ctx): Promise<void> {
  const reads: [OperationId, string][] = [
    ['listAdminTokens', '/v1/admin/tokens'],
    ['listAdminConcerns', '/v1/admin/concerns'],
    ['exportAdminConcerns', '/v1/admin/concerns.csv?status=received'],
    ['getAdminConcern', `/v1/admin/concerns/${ctx.receipt?.reference ?? NO_REFERENCE}`],
    ['listConcernAssignees', `/v1/admin/concerns/${ctx.receipt?.reference ?? NO_REFERENCE}/assignees`],
    ['listResponseTemplates', '/v1/admin/templates'],
    ['getRightsOverrides', '/v1/admin/rights/overrides'],
    ['listAudit', '/v1/admin/audit'],
    ['verifyAudit', '/v1/admin/audit/verify'],
  ];
  for (const [id, path] of reads) await problemCase(ctx, id, `GET ${path} without a token`, 'GET', path, 401);
  await problemCase(ctx, 'verifyAudit', 'an unknown token', 'GET', '/v1/admin/audit/verify', 401, {
    headers: { Authorization: 'Bearer prx_admin_conformance_not_a_token' },
  });
  await ctx.suite.check(
    'listAudit',
    'not open to any origin (no Access-Control-Allow-Origin: * on the admin API)',
    async () => {
      const x = await ctx.http.request('GET', '/v1/admin/audit', { headers: { Origin: ctx.origin } });
      const allow = x.headers.get('access-control-allow-origin');
      if (allow === '*' || allow === ctx.origin)
        fail(`Access-Control-Allow-Origin: ${allow} lets any site call the admin API`);
    },
  );
  const token = ctx.options.adminToken;
  for (const [id, path] of reads) {
    const operation = op(id);
    const ok = operation.responses[200];
    await ctx.suite.check(
      id,
      `GET ${path} with the admin token → 200 ${ok?.schema ?? ''} (or 403 without the scope)`,
      async () => {
        if (token === undefined) skip('pass --admin-token to check the admin API');
        const x = await ctx.http.request('GET', path, { headers: { Authorization: `Bearer ${token}` } });
        if (x.status === 403) {
          expectProblem(x, 403, operation);
          return `403: the token lacks ${operation.scopes?.join(', ') ?? 'a scope'}`;
        }
        if (
          x.status === 404 &&
          (id === 'getAdminConcern' || id === 'listConcernAssignees') &&
          ctx.receipt === undefined
        ) {
          expectProblem(x, 404, operation);
          return '404 for an unknown reference';
        }
        expectStatus(x, 200, operation);
        if (ok?.schema !== undefined) expectJson(x, ok.schema);
      },
    );
  }
}

/** Runs every check against `baseUrl` and returns the report (never throws for a failing backend). */
export async function runConformance(
  baseUrl: string,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  const base = baseUrl.replace(/\/+$/, '');
  const startedAt = new Date();
  const suite = new Suite();
  const ctx: Ctx = {
    suite,
    http: new HttpClient(base, options.fetch ?? fetch, options.timeoutMs ?? 15_000),
    origin: options.origin ?? 'https://conformance.proximite.invalid',
    options,
  };
  const reachable = await suite.check('general', `the backend answers at ${base}`, async () => {
    const x = await ctx.http.request('GET', '/healthz');
    return `GET /healthz → ${x.status}`;
  });
  if (reachable) {
    await general(ctx);
    await meta(ctx);
    await cafes(ctx);
    await concerns(ctx);
    await content(ctx);
    await open311(ctx);
    await admin(ctx);
  }
  return suite.report(base, startedAt);
}
