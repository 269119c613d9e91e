/**
 * The response cache in front of the router: a public GET it answers must be the response the
 * whole app gives (same status, body and headers, security and CORS ones included), never a stale
 * one, and with a request id of its own.
 */
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { CafePage } from '@proximite/contract';
import { testConfig } from '../src/config.js';
import type { Config } from '../src/config.js';
import type { Database, Queryable } from '../src/db/database.js';
import { createApp, nodeCachedAnswer } from '../src/http/app.js';
import { seedDemo } from '../src/seed.js';
import { buildDeps, listen } from '../src/server.js';
import { call, fakeClock, jsonInit, openTestDb, targets } from './helpers.js';

/** `db` with a count of the statements it runs. */
function counting(db: Database): Database & { queries: number } {
  const counted = {
    queries: 0,
    kind: db.kind,
    query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      counted.queries += 1;
      return db.query<T>(sql, params);
    },
    exec: (sql: string) => db.exec(sql),
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      counted.queries += 1;
      return db.transaction(fn);
    },
    close: () => db.close(),
  };
  return counted;
}

/** The headers of a response, without those that differ between any two responses. */
function stable(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name !== 'date' && name !== 'x-request-id' && name !== 'connection' && name !== 'keep-alive')
      out[name] = value;
  });
  return out;
}

const PATHS = [
  '/v1/cafes',
  '/v1/cafes?limit=2',
  '/v1/cafes.ics?lang=en',
  '/v1/districts',
  '/v1/concern-categories',
  '/v1/priorities',
  '/v1/rights?lang=fr',
  '/v1/stats',
  '/openapi.json',
];

for (const target of targets()) {
  describe(`response cache in front of the router (${target.name})`, () => {
    const clock = fakeClock(new Date());
    let url: string;
    let db: Database & { queries: number };
    let config: Config;
    let close: () => Promise<void>;
    let app: ReturnType<typeof createApp>;

    before(async () => {
      // Versions trusted for a minute: within a test, only this instance's own writes refresh them.
      config = testConfig({ rateLimitPerMinute: 0, minFillSeconds: 0, versionTtlMs: 60_000 });
      const opened = await openTestDb(target, config);
      await seedDemo(opened.db, clock());
      db = counting(opened.db);
      app = createApp(buildDeps({ db, config, clock }));
      const running = await listen(app, '127.0.0.1', 0);
      url = running.url;
      close = async () => {
        await running.close();
        await opened.drop();
      };
    });
    after(() => close());

    test('a cached GET answers with the status, body and headers the app gave, and a request id of its own', async () => {
      for (const path of PATHS) {
        const first = await call(url, path, { headers: { Origin: 'https://ville.example' } });
        assert.equal(first.status, 200, path);
        const variants: Record<string, string>[] = [
          {},
          { Origin: 'https://ailleurs.example' },
          { 'Accept-Language': 'en' },
        ];
        for (const headers of variants) {
          const again = await call(url, path, { headers });
          assert.equal(again.status, 200, path);
          assert.equal(again.text, first.text, path);
          assert.deepEqual(stable(again.headers), stable(first.headers), path);
          assert.match(again.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, path);
          assert.notEqual(again.headers.get('x-request-id'), first.headers.get('x-request-id'), path);
        }
        const etag = first.headers.get('etag') ?? '';
        const notModified = await call(url, path, { headers: { 'If-None-Match': etag } });
        const againNotModified = await call(url, path, { headers: { 'If-None-Match': `W/${etag}, "x"` } });
        assert.equal(notModified.status, 304, path);
        assert.equal(againNotModified.status, 304, path);
        assert.equal(againNotModified.text, '', path);
        assert.deepEqual(stable(againNotModified.headers), stable(notModified.headers), path);
        for (const name of [
          'strict-transport-security',
          'x-content-type-options',
          'access-control-allow-origin',
        ])
          assert.ok(againNotModified.headers.get(name), `${path}: ${name}`);
      }
    });

    test('a cached GET needs no database query, and keeps the request id a client sent', async () => {
      const page = (await call(url, '/v1/cafes')).json as CafePage;
      const id = page.items[0]?.id ?? '';
      await call(url, `/v1/cafes/${id}`);
      await call(url, `/v1/cafes/${id}`);
      const before = db.queries;
      const hit = await call(url, `/v1/cafes/${id}`, { headers: { 'X-Request-Id': 'trace-789' } });
      assert.equal(hit.status, 200);
      assert.equal(db.queries, before, 'no query for a cached café');
      assert.equal(hit.headers.get('x-request-id'), 'trace-789');
      const odd = await call(url, `/v1/cafes/${id}`, { headers: { 'X-Request-Id': 'no spaces <here>' } });
      assert.match(odd.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    });

    test('a cached GET is answered on node:http’s own objects, before the Hono adapter', async () => {
      const answer = nodeCachedAnswer(app);
      assert.ok(answer);
      // A server with nothing but the cache's node:http answer: what it cannot answer is a 599.
      const bare = createServer((incoming, outgoing) => {
        if (!answer(incoming, outgoing)) outgoing.writeHead(599).end();
      });
      await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
      const get = (path: string, headers: Record<string, string> = {}) =>
        new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
          // Sent with the Host of the app's own server: the URL its cache entries are kept under.
          const req = request(
            {
              port: (bare.address() as AddressInfo).port,
              host: '127.0.0.1',
              path,
              headers: { host: new URL(url).host, ...headers },
            },
            (res) => {
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (body += chunk));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
            },
          );
          req.on('error', reject);
          req.end();
        });
      try {
        const viaApp = await call(url, '/v1/districts');
        const hit = await get('/v1/districts', { 'X-Request-Id': 'trace-node' });
        assert.equal(hit.status, 200);
        assert.equal(hit.body, viaApp.text);
        for (const [name, value] of Object.entries(stable(viaApp.headers)))
          assert.equal(hit.headers[name], value, name);
        assert.equal(hit.headers['x-request-id'], 'trace-node');
        const etag = viaApp.headers.get('etag') ?? '';
        // A 304's headers are kept once the app has answered one.
        await call(url, '/v1/districts', { headers: { 'If-None-Match': etag } });
        assert.equal((await get('/v1/districts', { 'If-None-Match': etag })).status, 304);
        // Not held, or not a plain target: left to the app.
        assert.equal((await get('/v1/districts?lang=en&x=1')).status, 599);
        assert.equal((await get('/v1/%64istricts')).status, 599);
        assert.equal((await get('/v1/./districts')).status, 599);
      } finally {
        await new Promise<void>((resolve) => bare.close(() => resolve()));
      }
    });

    test('HEAD answers the headers of GET without a body', async () => {
      const get = await call(url, '/v1/districts');
      const head = await fetch(`${url}/v1/districts`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(await head.text(), '');
      // (A HEAD may leave Content-Length out, RFC 9110 §8.6.)
      const { 'content-length': _length, ...getHeaders } = stable(get.headers);
      assert.deepEqual(stable(head.headers), getHeaders);
    });

    test('a write through this instance shows in the next GET, even one the cache had', async () => {
      const first = (await call(url, '/v1/cafes')).json as CafePage;
      const cafe = first.items[0];
      assert.ok(cafe);
      // Another instance changes the café (this one trusts its versions for a minute)…
      await db.query(
        `UPDATE cafes SET data = jsonb_set(data, '{title,fr}', '"Café renommé"') WHERE id = $1`,
        [cafe.id],
      );
      const stale = (await call(url, '/v1/cafes')).json as CafePage;
      assert.equal(stale.items[0]?.title.fr, cafe.title.fr, 'within the TTL, another instance’s write waits');
      // … then this instance writes anything: its next reads check the versions again.
      const posted = await call(
        url,
        '/v1/concerns',
        jsonInit(
          'POST',
          {
            categoryCode: 'depots-sauvages',
            description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
            location: { address: 'Rue Motte, 80000 Amiens', lat: 49.8957, lon: 2.3011 },
            attributes: { 'type-depot': 'encombrants' },
          },
          { 'Idempotency-Key': `cache-test-${target.name}-${Date.now()}` },
        ),
      );
      assert.equal(posted.status, 201);
      const fresh = (await call(url, '/v1/cafes')).json as CafePage;
      assert.equal(fresh.items[0]?.title.fr, 'Café renommé');
      const freshCafe = (await call(url, `/v1/cafes/${cafe.id}`)).json as { title: { fr: string } };
      assert.equal(freshCafe.title.fr, 'Café renommé');
    });

    test('a new day is a new list of cafés', async () => {
      await call(url, '/v1/cafes?limit=50');
      await call(url, '/v1/cafes?limit=50');
      const before = db.queries;
      await call(url, '/v1/cafes?limit=50');
      assert.equal(db.queries, before);
      clock.advance(86_400_000);
      const tomorrow = await call(url, '/v1/cafes?limit=50');
      assert.equal(tomorrow.status, 200);
      assert.ok(db.queries > before, 'the list of the next day is read from the database');
    });
  });
}
