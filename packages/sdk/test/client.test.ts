/**
 * The client against a scripted node:http server: validation, the error classes, retries and
 * Retry-After, timeouts, abort, the response cache (dedupe, max-age, ETag, stale-while-revalidate),
 * redaction of credentials, path encoding and pagination.
 */
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  ApiError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  ProximiteError,
  RateLimitedError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  UnprocessableError,
  createCafesClient,
  createClient,
  createCoreClient,
  isTransient,
  type ClientOptions,
} from '@proximite/sdk';
import { PROBLEM_TYPES } from '@proximite/contract';
import { createAdminClient } from '@proximite/sdk/admin.js';
import { cafe, json, problem, startFixture, type Fixture } from './helpers.js';

let fx: Fixture;
before(async () => {
  fx = await startFixture();
});
after(() => fx.close());
beforeEach(() => {
  fx.requests.length = 0;
});

/** A client with its own cache and short backoff (tests never wait long). */
const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ baseUrl: fx.url, cache: false, retry: { limit: 2, backoffLimit: 20 }, ...options });

const page = (items: unknown[], nextCursor: string | null = null) => ({ items, nextCursor });

describe('responses are validated with the contract', () => {
  it('a valid page parses; unknown fields are dropped, unknown enum values kept', async () => {
    fx.handle((_req, res) => json(res, 200, page([cafe('a', { mode: 'drive-in', extra: 1 })])));
    const result = await client().cafes.list();
    assert.equal(result.items[0]?.id, 'a');
    assert.equal(result.items[0]?.mode, 'drive-in');
    assert.equal('extra' in (result.items[0] ?? {}), false);
    assert.equal(result.nextCursor, null);
  });

  it('a malformed body is a ResponseValidationError with its issues, not an HTTP error', async () => {
    fx.handle((_req, res) => json(res, 200, page([cafe('a', { title: 'not localized', sequence: 'x' })])));
    const error = await client()
      .cafes.list()
      .then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof ResponseValidationError);
    assert.ok(!(error instanceof ApiError));
    assert.equal(error.status, 200);
    assert.deepEqual(
      error.issues.map((i) => i.path.join('.')),
      ['items.0.title', 'items.0.sequence'],
    );
    assert.equal(fx.requests.length, 1, 'a validation failure is not retried');
  });

  it('a 2xx body that is not JSON is a ResponseValidationError', async () => {
    fx.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
    });
    await assert.rejects(client().districts.list(), ResponseValidationError);
  });
});

describe('one error class per meaningful status', () => {
  const cases: [number, new (...args: never[]) => ApiError][] = [
    [400, BadRequestError],
    [401, UnauthorizedError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableError],
    [429, RateLimitedError],
    [500, ServerError],
    [503, ServerError],
  ];
  for (const [status, ErrorClass] of cases) {
    it(`${status} → ${ErrorClass.name}`, async () => {
      fx.handle((_req, res) =>
        json(res, status, problem(status, `status ${status}`, { requestId: `req-${status}`, detail: 'why' })),
      );
      const error = await client({ retry: 0 })
        .cafes.get('x')
        .catch((e: unknown) => e);
      assert.ok(error instanceof ErrorClass, `got ${String(error)}`);
      assert.ok(error instanceof ApiError && error instanceof ProximiteError && error instanceof Error);
      assert.equal(error.status, status);
      assert.equal(error.problem.title, `status ${status}`);
      assert.equal(error.problem.detail, 'why');
      assert.equal(error.requestId, `req-${status}`);
      assert.equal(error.name, ErrorClass.name);
      assert.match(error.message, new RegExp(`GET ${fx.url}/v1/cafes/x failed with ${status}`));
    });
  }

  it('another status is an ApiError; a non-JSON body gets a synthesised problem; X-Request-Id is kept', async () => {
    fx.handle((_req, res) => {
      res.writeHead(418, { 'content-type': 'text/plain', 'x-request-id': 'abc' });
      res.end('teapot');
    });
    const error = await client()
      .cafes.get('x')
      .catch((e: unknown) => e);
    assert.ok(error instanceof ApiError);
    assert.equal(Object.getPrototypeOf(error), ApiError.prototype);
    assert.deepEqual(error.problem, { type: 'about:blank', title: 'HTTP 418', status: 418 });
    assert.equal(error.requestId, 'abc');
  });

  it('a 422 carries the field errors of the problem', async () => {
    const errors = [{ path: 'location.lat', message: 'at most 90' }];
    fx.handle((_req, res) => json(res, 422, problem(422, 'The request is not valid', { errors })));
    const error = await client()
      .concerns.submit({ categoryCode: 'bruit', description: 'x', location: { lat: 91, lon: 2 } })
      .catch((e: unknown) => e);
    assert.ok(error instanceof UnprocessableError);
    assert.deepEqual(error.problem.errors, errors);
  });

  it('RateLimitedError.retryAfter reads seconds and HTTP dates', async () => {
    fx.handle((_req, res) => json(res, 429, problem(429, 'slow down'), { 'retry-after': '120' }));
    const seconds = await client()
      .cafes.list()
      .catch((e: unknown) => e);
    assert.ok(seconds instanceof RateLimitedError);
    assert.equal(seconds.retryAfter, 120);
    const date = new Date(Date.now() + 90_000).toUTCString();
    fx.handle((_req, res) => json(res, 429, problem(429, 'slow down'), { 'retry-after': date }));
    const dated = await client()
      .cafes.list()
      .catch((e: unknown) => e);
    assert.ok(dated instanceof RateLimitedError);
    assert.ok(dated.retryAfter !== undefined && dated.retryAfter >= 85 && dated.retryAfter <= 90);
  });

  it('no response is a NetworkError with the cause', async () => {
    const error = await createClient({ baseUrl: 'http://127.0.0.1:9', retry: 0, cache: false })
      .cafes.list()
      .catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError);
    assert.ok(error.cause instanceof Error);
    assert.equal(error.request?.method, 'GET');
  });
});

describe('retries', () => {
  it('a GET is retried on 503, 502, 408 and 429, then succeeds', async () => {
    for (const status of [503, 502, 408, 429]) {
      fx.requests.length = 0;
      fx.handle((_req, res) =>
        fx.requests.length === 1 ? json(res, status, problem(status, 'try again')) : json(res, 200, page([])),
      );
      assert.deepEqual(await client().cafes.list(), page([]));
      assert.equal(fx.requests.length, 2, `status ${status}`);
    }
  });

  it('a GET is retried after a dropped connection', async () => {
    fx.handle((_req, res) => (fx.requests.length === 1 ? res.socket?.destroy() : json(res, 200, page([]))));
    await client().cafes.list();
    assert.equal(fx.requests.length, 2);
  });

  it('4xx other than 408/429 are not retried', async () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      fx.requests.length = 0;
      fx.handle((_req, res) => json(res, status, problem(status, 'no')));
      await assert.rejects(client().cafes.list(), ApiError);
      assert.equal(fx.requests.length, 1, `status ${status}`);
    }
  });

  it('gives up after `limit` retries, and never makes more than 5 attempts', async () => {
    fx.handle((_req, res) => json(res, 500, problem(500, 'down')));
    await assert.rejects(client({ retry: { limit: 2, backoffLimit: 5 } }).cafes.list(), ServerError);
    assert.equal(fx.requests.length, 3);
    fx.requests.length = 0;
    await assert.rejects(client({ retry: { limit: 50, backoffLimit: 5 } }).cafes.list(), ServerError);
    assert.equal(fx.requests.length, 5);
    fx.requests.length = 0;
    await assert.rejects(client({ retry: 0 }).cafes.list(), ServerError);
    assert.equal(fx.requests.length, 1);
  });

  it('honours Retry-After within the cap, and does not wait past the cap', async () => {
    fx.handle((_req, res) =>
      fx.requests.length === 1
        ? json(res, 503, problem(503, 'busy'), { 'retry-after': '1' })
        : json(res, 200, page([])),
    );
    await client({ retry: { limit: 2, backoffLimit: 5000 } }).cafes.list();
    assert.equal(fx.requests.length, 2);

    fx.requests.length = 0;
    fx.handle((_req, res) => json(res, 503, problem(503, 'busy'), { 'retry-after': '3600' }));
    const error = await client({ retry: { limit: 4, backoffLimit: 5000 } })
      .cafes.list()
      .catch((e: unknown) => e);
    assert.ok(error instanceof ServerError);
    assert.equal(error.retryAfter, 3600);
    assert.equal(fx.requests.length, 1, 'a Retry-After beyond the cap goes back to the caller');
  });

  it('a POST with an Idempotency-Key is retried with the same key', async () => {
    const receipt = {
      reference: 'PRX-AAAA-BBBB',
      statusToken: 't'.repeat(24),
      service: { id: 'pm', name: { fr: 'Police municipale' } },
      status: 'received',
      submittedAt: '2026-05-12T10:00:00Z',
    };
    fx.handle((_req, res) => (fx.requests.length === 1 ? res.socket?.destroy() : json(res, 201, receipt)));
    const input = { categoryCode: 'bruit', description: 'Musique', location: { address: '1 rue' } };
    assert.deepEqual(await client().concerns.submit(input, { idempotencyKey: 'key-123456789' }), receipt);
    assert.equal(fx.requests.length, 2);
    assert.deepEqual(
      fx.requests.map((r) => r.headers['idempotency-key']),
      ['key-123456789', 'key-123456789'],
    );
    assert.deepEqual(JSON.parse(fx.requests[1]!.body), input);
    // Without an explicit key, one is made per call and kept across its retries.
    fx.requests.length = 0;
    await client().concerns.submit(input);
    const [first, second] = fx.requests.map((r) => r.headers['idempotency-key']);
    assert.match(String(first), /^[0-9a-f-]{36}$/);
    assert.equal(first, second);
  });

  it('a POST with an Idempotency-Key waits out a 409 « in flight » (Retry-After); a 409 conflict is final', async () => {
    const receipt = {
      reference: 'PRX-AAAA-BBBB',
      statusToken: 't'.repeat(24),
      service: { id: 'pm', name: { fr: 'Police municipale' } },
      status: 'received',
      submittedAt: '2026-05-12T10:00:00Z',
    };
    const input = { categoryCode: 'bruit', description: 'Musique', location: { address: '1 rue' } };
    const inFlight = {
      type: 'https://proximite.dev/problems/idempotency-in-progress',
      title: 'A request with this Idempotency-Key is in progress',
      status: 409,
    };
    fx.handle((_req, res) =>
      fx.requests.length === 1
        ? json(res, 409, inFlight, { 'retry-after': '1' })
        : json(res, 200, receipt, { 'idempotent-replayed': 'true' }),
    );
    const started = Date.now();
    const patient = client({ retry: { limit: 2, backoffLimit: 5000 } });
    assert.deepEqual(await patient.concerns.submit(input, { idempotencyKey: 'key-123456789' }), receipt);
    assert.equal(fx.requests.length, 2);
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');

    fx.requests.length = 0;
    const conflict = { type: 'https://proximite.dev/problems/conflict', title: 'Conflict', status: 409 };
    fx.handle((_req, res) => json(res, 409, conflict));
    await assert.rejects(client().concerns.submit(input, { idempotencyKey: 'key-123456789' }), ConflictError);
    assert.equal(fx.requests.length, 1);
  });

  it('isTransient: what may succeed later, and what never will', () => {
    const api = (status: number, type = 'about:blank') => new ApiError(status, { type, title: 'x', status });
    const transient = [
      new NetworkError('offline'),
      new TimeoutError(10),
      api(408),
      api(409, 'https://proximite.dev/problems/idempotency-in-progress'),
      api(425),
      api(429),
      api(500),
      api(502),
      api(503),
      api(504),
    ];
    const permanent = [
      api(400),
      api(401),
      api(403),
      api(404),
      api(409, 'https://proximite.dev/problems/conflict'),
      api(413),
      api(415),
      api(422),
      api(501),
      api(505),
      new ResponseValidationError([]),
      new Error('not an SDK error'),
    ];
    // The SDK recognises the contract's conflict type by its ending.
    assert.equal(PROBLEM_TYPES.conflict, 'https://proximite.dev/problems/conflict');
    for (const e of transient) assert.equal(isTransient(e), true, e.message);
    for (const e of permanent) assert.equal(isTransient(e), false, e.message);
  });

  it('a POST without an Idempotency-Key is never retried', async () => {
    fx.handle((_req, res) => json(res, 503, problem(503, 'busy')));
    const admin = createAdminClient({ baseUrl: fx.url, token: 'secret-token', retry: 4 });
    await assert.rejects(admin.tokens.create({ name: 'x', scopes: ['cafes:write'] }), ServerError);
    assert.equal(fx.requests.length, 1);
    assert.equal(fx.requests[0]?.headers['idempotency-key'], undefined);
  });
});

describe('timeouts and abort', () => {
  it('each attempt times out; the last one is a TimeoutError', async () => {
    fx.handle((_req, res) => void setTimeout(() => json(res, 200, page([])), 400));
    const error = await client({ timeout: 50, retry: { limit: 1, backoffLimit: 5 } })
      .cafes.list()
      .catch((e: unknown) => e);
    assert.ok(error instanceof TimeoutError);
    assert.equal(error.timeout, 50);
    assert.equal(fx.requests.length, 2, 'a timed-out GET is retried');
  });

  it('a per-request timeout overrides the client’s', async () => {
    fx.handle((_req, res) => void setTimeout(() => json(res, 200, page([])), 200));
    await assert.rejects(client({ retry: 0 }).cafes.list({}, { timeout: 30 }), TimeoutError);
    assert.deepEqual(await client({ retry: 0, timeout: 30 }).cafes.list({}, { timeout: 2000 }), page([]));
  });

  it('an aborted signal rejects with its reason, unwrapped, and stops the retries', async () => {
    fx.handle((_req, res) => void setTimeout(() => json(res, 503, problem(503, 'busy')), 100));
    const controller = new AbortController();
    const pending = client({ retry: { limit: 4, backoffLimit: 5 } }).cafes.list(
      {},
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 30);
    const error = await pending.catch((e: unknown) => e);
    assert.ok(error instanceof DOMException);
    assert.equal(error.name, 'AbortError');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(fx.requests.length, 1);
    // Already aborted: no request at all.
    fx.requests.length = 0;
    await assert.rejects(client().cafes.list({}, { signal: AbortSignal.abort(new Error('gone')) }), /gone/);
    assert.equal(fx.requests.length, 0);
  });
});

describe('the client families', () => {
  it('a cafés client has cafés and districts only; the core adds concerns; the full client the rest', () => {
    const options = { baseUrl: fx.url };
    const cafes = createCafesClient(options);
    const core = createCoreClient(options);
    const full = createClient(options);
    assert.deepEqual(
      Object.keys(cafes)
        .filter((k) => !k.startsWith('_') && k !== 'options')
        .sort(),
      ['cafes', 'districts'],
    );
    assert.ok('concerns' in core && !('concerns' in cafes));
    assert.ok('stats' in full && !('stats' in core));
    assert.ok(cafes.withOptions({ lang: 'en' }) instanceof cafes.constructor);
    assert.equal(core.withOptions({ lang: 'en' }).options.lang, 'en');
    assert.ok('concerns' in core.withOptions({}));
  });
});

describe('the response cache', () => {
  const cached = (options: Partial<ClientOptions> = {}) =>
    createClient({ baseUrl: fx.url, retry: { limit: 1, backoffLimit: 5 }, fetch, ...options });

  it('identical GETs in flight share one request; two clients on one cache too', async () => {
    fx.handle((_req, res) => void setTimeout(() => json(res, 200, page([cafe('a')])), 50));
    const a = cached();
    const b = a.withOptions({});
    const results = await Promise.all([a.cafes.list(), a.cafes.list(), b.cafes.list()]);
    assert.equal(fx.requests.length, 2, 'a client given its own fetch has its own cache');
    assert.equal(results[0], results[1]);
    fx.requests.length = 0;
    const shared = createCoreClient({ baseUrl: `${fx.url}/shared` });
    const other = createClient({ baseUrl: `${fx.url}/shared` });
    await Promise.all([shared.cafes.list(), other.cafes.list()]);
    assert.equal(fx.requests.length, 1, 'clients with the default fetch share the page-wide cache');
  });

  it('a repeat within max-age makes no request; after it, If-None-Match and 304 reuse the body', async () => {
    let etag = '"v1"';
    fx.handle((req, res) => {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag, 'cache-control': 'max-age=0' });
        res.end();
      } else json(res, 200, page([cafe('a')]), { etag, 'cache-control': 'max-age=1' });
    });
    const c = cached();
    const first = await c.cafes.list();
    const again = await c.cafes.list();
    assert.equal(fx.requests.length, 1);
    assert.equal(again, first);
    await new Promise((r) => setTimeout(r, 1100));
    const revalidated = await c.cafes.list();
    assert.equal(fx.requests.length, 2);
    assert.equal(fx.requests[1]?.headers['if-none-match'], '"v1"');
    assert.deepEqual(revalidated, first);
    // A changed resource: 200 with the new body.
    etag = '"v2"';
    fx.handle((req, res) => json(res, 200, page([cafe('b')]), { etag, 'cache-control': 'max-age=0' }));
    assert.equal((await c.cafes.list()).items[0]?.id, 'b');
  });

  it('within stale-while-revalidate the stale value is returned at once and refreshed behind', async () => {
    let version = 1;
    fx.handle((_req, res) =>
      json(res, 200, page([cafe(`v${version}`)]), {
        'cache-control': 'max-age=0, stale-while-revalidate=60',
      }),
    );
    const c = cached();
    assert.equal((await c.cafes.list()).items[0]?.id, 'v1');
    version = 2;
    assert.equal((await c.cafes.list()).items[0]?.id, 'v1', 'stale value first');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await c.cafes.list()).items[0]?.id, 'v2', 'refreshed in the background');
    // That answer was stale too (max-age=0): it started one more background refresh.
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fx.requests.length, 3);
  });

  it('no-store is not kept; cache: false skips the cache; lang and query are part of the key', async () => {
    fx.handle((_req, res) => json(res, 200, { items: [] }, { 'cache-control': 'no-store', etag: '"x"' }));
    const c = cached();
    await c.districts.list();
    await c.districts.list();
    assert.equal(fx.requests.length, 2);
    fx.requests.length = 0;
    fx.handle((_req, res) =>
      json(res, 200, { items: [], nextCursor: null }, { 'cache-control': 'max-age=60' }),
    );
    await c.districts.list();
    await c.districts.list({ cache: false });
    await c.withOptions({ lang: 'en' }).districts.list();
    await c.cafes.list({ district: 'saint-leu' });
    await c.cafes.list({ district: 'saint-leu' });
    assert.deepEqual(
      fx.requests.map((r) => r.url),
      ['/v1/districts', '/v1/districts', '/v1/districts?lang=en', '/v1/cafes?district=saint-leu'],
    );
  });

  it('an aborted caller does not cancel the shared request of the others', async () => {
    fx.handle((_req, res) => void setTimeout(() => json(res, 200, page([cafe('a')])), 60));
    const c = cached();
    const controller = new AbortController();
    const aborted = c.cafes.list({}, { signal: controller.signal });
    const kept = c.cafes.list();
    controller.abort();
    await assert.rejects(aborted, { name: 'AbortError' });
    assert.equal((await kept).items[0]?.id, 'a');
    assert.equal(fx.requests.length, 1);
  });
});

describe('credentials never reach an error', () => {
  it('Authorization, Set-Cookie and the status token are redacted everywhere', async () => {
    fx.handle((_req, res) =>
      json(res, 404, problem(404, 'Not found'), { 'set-cookie': 'session=s3cr3t', 'x-request-id': 'r1' }),
    );
    const token = 'sTaTuS-ToKeN-0123456789';
    const c = createClient({
      baseUrl: fx.url,
      cache: false,
      headers: { Authorization: 'Bearer top-secret-bearer' },
    });
    const error = await c.concerns.status('PRX-AAAA-BBBB', token).catch((e: unknown) => e);
    assert.ok(error instanceof NotFoundError);
    assert.equal(fx.requests[0]?.headers.authorization, 'Bearer top-secret-bearer', 'it was sent');
    assert.ok(fx.requests[0]?.url.includes(token), 'it was sent');
    const views = [
      error.message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
      error.stack ?? '',
    ];
    for (const view of views) {
      assert.ok(!view.includes(token), `token leaked in: ${view.slice(0, 200)}`);
      assert.ok(!view.includes('top-secret-bearer'), 'bearer leaked');
      assert.ok(!view.includes('s3cr3t'), 'cookie leaked');
    }
    assert.match(error.request?.url ?? '', /token=\[REDACTED\]/);
    assert.equal(error.headers['set-cookie'], '[REDACTED]');
    assert.equal(error.requestId, 'r1');
  });

  it('the admin token is not in network or timeout errors either', async () => {
    const admin = createAdminClient({ baseUrl: 'http://127.0.0.1:9', token: 'admin-s3cr3t', retry: 0 });
    const error = await admin.tokens.list().catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError);
    assert.ok(!inspect(error, { depth: 8 }).includes('admin-s3cr3t'));
    assert.ok(!JSON.stringify(error).includes('admin-s3cr3t'));
  });
});

describe('requests', () => {
  it('path segments are encoded; queries are sorted; icsUrl builds feed and event URLs', async () => {
    fx.handle((_req, res) => json(res, 404, problem(404, 'no')));
    await assert.rejects(client().cafes.get('a/b?c#d'), NotFoundError);
    assert.equal(fx.requests[0]?.url, '/v1/cafes/a%2Fb%3Fc%23d');
    fx.handle((_req, res) => json(res, 200, page([])));
    await client().cafes.list({ to: '2026-06-01', from: '2026-05-01', limit: 10 });
    assert.equal(fx.requests[1]?.url, '/v1/cafes?from=2026-05-01&limit=10&to=2026-06-01');
    const c = createClient({ baseUrl: `${fx.url}/api/`, lang: 'en' });
    assert.equal(c.cafes.icsUrl(), `${fx.url}/api/v1/cafes.ics?lang=en`);
    assert.equal(
      c.cafes.icsUrl({ district: 'saint-leu' }),
      `${fx.url}/api/v1/cafes.ics?district=saint-leu&lang=en`,
    );
    // One café's file in the client's language too (its summary, description and reason).
    assert.equal(c.cafes.icsUrl({ id: 'café 1' }), `${fx.url}/api/v1/cafes/caf%C3%A9%201.ics?lang=en`);
  });

  it('iterate follows nextCursor across pages', async () => {
    fx.handle((req, res) => {
      const cursor = new URL(req.url, fx.url).searchParams.get('cursor');
      if (cursor === null) json(res, 200, page([cafe('a'), cafe('b')], 'p2'));
      else if (cursor === 'p2') json(res, 200, page([cafe('c')], 'p3'));
      else json(res, 200, page([]));
    });
    const ids: string[] = [];
    for await (const item of client().cafes.iterate({ district: 'd' })) ids.push(item.id);
    assert.deepEqual(ids, ['a', 'b', 'c']);
    assert.deepEqual(
      fx.requests.map((r) => r.url),
      ['/v1/cafes?district=d', '/v1/cafes?cursor=p2&district=d', '/v1/cafes?cursor=p3&district=d'],
    );
  });

  it('a client needs a baseUrl', () => {
    assert.throws(() => createClient({} as ClientOptions), TypeError);
    assert.throws(() => createAdminClient({ baseUrl: fx.url, token: '' }), TypeError);
  });
});
