/**
 * Hostile input at the edge, on PGlite and PostgreSQL: NUL characters and lone surrogates are
 * refused (422 in bodies, 400 in paths and queries) naming the field, before PostgreSQL sees them;
 * `__proto__` is an unknown key like any other; an empty number is not 0; an unreachable database
 * is a 503 a client may retry; the response checker refuses what the contract does not document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES, getOperation } from '@proximite/contract';
import type { Problem } from '@proximite/contract';
import { cafeInput } from '../../contract/test/fixtures.js';
import pg from 'pg';
import { CLAIM_TIMEOUT_S, claimLock, claimRetryAfter } from '../src/store/idempotency.js';
import { createAdminToken, createOpen311Key } from '../src/store/tokens.js';
import { call, checkResponse, jsonInit, startTestServer, targets } from './helpers.js';
import type { Checked, TestServer } from './helpers.js';

const concern = {
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane.',
  location: { address: 'Rue Motte, 80000 Amiens', districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants' },
};

let n = 0;
const key = () => `robustness-${Date.now()}-${n++}`;

/** The field errors of a problem or an Open311 error array, as `path` strings. */
function fields(r: Checked): string[] {
  if (Array.isArray(r.json)) return (r.json as { description: string }[]).map((e) => e.description);
  return ((r.json as Problem).errors ?? []).map((e) => e.path);
}

async function count(s: TestServer, table: string): Promise<number> {
  return (await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? -1;
}

for (const target of targets()) {
  describe(`hostile input at the edge (${target.name})`, () => {
    let s: TestServer;
    let admin: Record<string, string>;
    let apiKey: string;
    before(async () => {
      s = await startTestServer(target, { seed: true });
      const token = await createAdminToken(s.db, new Date(), {
        name: 'robustness',
        scopes: ['cafes:write', 'concerns:triage', 'content:write', 'stats:write', 'tokens:write'],
      });
      admin = { Authorization: `Bearer ${token.token}` };
      apiKey = (await createOpen311Key(s.db, new Date(), 'robustness')).key;
    });
    after(() => s.close());

    test('POST /v1/concerns: a NUL or a lone surrogate in any field → 422 naming it, nothing stored', async () => {
      const before = await count(s, 'concerns');
      const cases: [string, unknown][] = [
        ['description', { ...concern, description: 'Des encombrants\u0000' }],
        ['description', { ...concern, description: 'Des \ud800encombrants' }],
        ['description', { ...concern, description: 'Des encombrants\udfff' }],
        ['location.address', { ...concern, location: { address: '\u0000Rue Motte' } }],
        ['location.address', { ...concern, location: { address: 'Rue \udbffMotte' } }],
        ['attributes.type-depot', { ...concern, attributes: { 'type-depot': 'encombrants\u0000' } }],
        ['contact.name', { ...concern, contact: { name: 'Camille\u0000' } }],
        ['honeypot', { ...concern, honeypot: '\ud83d' }],
      ];
      for (const [field, body] of cases) {
        const r = await call(s.url, '/v1/concerns', jsonInit('POST', body, { 'Idempotency-Key': key() }));
        assert.equal(r.status, 422, `${field}: ${r.text}`);
        assert.ok(fields(r).includes(field), `${field} named: ${r.text}`);
      }
      // An emoji (a well-formed surrogate pair) is text.
      const ok = await call(
        s.url,
        '/v1/concerns',
        jsonInit('POST', { ...concern, description: 'Des encombrants 🛋️' }, { 'Idempotency-Key': key() }),
      );
      assert.equal(ok.status, 201, ok.text);
      assert.equal(await count(s, 'concerns'), before + 1);
    });

    test('admin writes: a NUL or a lone surrogate → 422 naming the field', async () => {
      const cases: [string, string, string, unknown][] = [
        ['POST', '/v1/admin/cafes', 'title.fr', { ...cafeInput, title: { fr: 'Café\u0000' } }],
        [
          'POST',
          '/v1/admin/cafes',
          'place.address',
          { ...cafeInput, place: { ...cafeInput.place, address: 'Quai \ud800Bélu' } },
        ],
        ['POST', '/v1/admin/tokens', 'name', { name: 'bad\u0000name', scopes: ['cafes:write'] }],
        ['PUT', '/v1/admin/rights/overrides', 'disclaimer.fr', { disclaimer: { fr: 'Texte\u0000' } }],
        [
          'POST',
          '/v1/admin/priorities',
          'issue.fr',
          { issue: { fr: 'Bruit\udc00' }, issueDate: '2026-05-12', status: 'raised' },
        ],
      ];
      for (const [method, path, field, body] of cases) {
        const r = await call(s.url, path, jsonInit(method, body, admin));
        assert.equal(r.status, 422, `${method} ${path}: ${r.text}`);
        assert.ok(fields(r).includes(field), `${field} named: ${r.text}`);
      }
    });

    test('paths and queries: a NUL → 400 naming the parameter (problem or Open311 error array)', async () => {
      const cases: [string, string][] = [
        ['/v1/cafes/x%00', 'id'],
        ['/v1/cafes/x%00.ics', 'id'],
        ['/v1/concerns/PRX-0000-%00?token=abcdefghijklmnopqrstuvwx', 'reference'],
        ['/v1/cafes?cursor=a%00', 'cursor'],
        ['/v1/cafes?district=%00', 'district'],
        ['/open311/v2/requests/%00.json', 'service_request_id'],
        ['/open311/v2/requests/PRX%ED%A0%80.xml', 'service_request_id'],
        ['/open311/v2/requests.json?service_request_id=%00', 'service_request_id'],
        ['/open311/v2/requests.json?service_code=a%00', 'service_code'],
        ['/open311/v2/services/%00.json', 'service_code'],
        ['/open311/v2/tokens/%00.json', 'token'],
      ];
      for (const [path, name] of cases) {
        const r = await call(s.url, path);
        assert.equal(r.status, 400, `${path}: ${r.text}`);
        const named = Array.isArray(r.json)
          ? fields(r).some((d) => d.includes(name))
          : path.endsWith('.xml')
            ? r.text.includes(name)
            : fields(r).includes(name);
        assert.ok(named, `${path} names ${name}: ${r.text}`);
      }
      const adminPaths = ['/v1/admin/cafes/x%00', '/v1/admin/concerns/PRX-%00'];
      for (const path of adminPaths) {
        const r = await call(s.url, path, {
          method: path.includes('cafes') ? 'DELETE' : 'GET',
          headers: admin,
        });
        assert.equal(r.status, 400, `${path}: ${r.text}`);
      }
    });

    test('Open311 POST: a NUL in a field or an attribute → 400 naming it, nothing stored', async () => {
      const before = await count(s, 'concerns');
      const form = (fields: Record<string, string>): RequestInit => ({
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: apiKey, service_code: 'depots-sauvages', ...fields }).toString(),
      });
      const cases: [string, Record<string, string>][] = [
        [
          'description',
          { address_string: 'Rue Motte', 'attribute[type-depot]': 'sacs', description: 'x\u0000' },
        ],
        ['address_string', { address_string: 'Rue\u0000', 'attribute[type-depot]': 'sacs' }],
        ['attributes.type-depot', { address_string: 'Rue Motte', 'attribute[type-depot]': 'sacs\u0000' }],
      ];
      for (const [field, body] of cases) {
        const r = await call(s.url, '/open311/v2/requests.json', form(body));
        assert.equal(r.status, 400, `${field}: ${r.text}`);
        assert.ok(
          fields(r).some((d) => d.includes(field)),
          `${field} named: ${r.text}`,
        );
      }
      assert.equal(await count(s, 'concerns'), before);
    });

    test('__proto__ is an unknown key like any other: queries, attributes, Open311 forms', async () => {
      for (const name of ['__proto__', 'constructor', 'toString', 'zzz']) {
        const r = await call(s.url, `/v1/cafes?${name}=1`);
        assert.equal(r.status, 400, `?${name}=1 → ${r.status}`);
        assert.match((r.json as Problem).errors?.[0]?.message ?? '', new RegExp(`unknown field.*${name}`));
      }
      const r = await call(s.url, '/v1/districts?lang=fr&__proto__=x');
      assert.equal(r.status, 400);

      for (const name of ['__proto__', 'constructor', 'zzz']) {
        const body = `{"categoryCode":"depots-sauvages","description":"Encombrants","location":{"address":"Rue Motte"},"attributes":{"type-depot":"sacs","${name}":["a"]}}`;
        const res = await call(s.url, '/v1/concerns', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key() },
          body,
        });
        assert.equal(res.status, 422, `attributes.${name}: ${res.text}`);
        assert.ok(fields(res).includes(`attributes.${name}`), res.text);
      }
      const top = await call(s.url, '/v1/concerns', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key() },
        body: `{"categoryCode":"depots-sauvages","description":"x","location":{"address":"y"},"__proto__":{"x":1}}`,
      });
      assert.equal(top.status, 422);

      const form = (extra: string): RequestInit => ({
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `api_key=${encodeURIComponent(apiKey)}&service_code=depots-sauvages&address_string=Rue&attribute[type-depot]=sacs&${extra}`,
      });
      for (const extra of ['attribute[__proto__]=x', 'attribute[__proto__][]=x', '__proto__=x', 'zzz=x']) {
        const res = await call(s.url, '/open311/v2/requests.json', form(extra));
        assert.equal(res.status, 400, `${extra}: ${res.text}`);
      }
    });

    test('numbers in queries are digits: an empty `after=` or `limit=` is a 400', async () => {
      for (const q of ['after=', 'after=%20', 'after=0x10', 'after=1e3', 'limit=', 'limit=5.0']) {
        const r = await call(s.url, `/v1/admin/audit?${q}`, { headers: admin });
        assert.equal(r.status, 400, `?${q} → ${r.status}`);
      }
      assert.equal((await call(s.url, '/v1/admin/audit?after=0', { headers: admin })).status, 200);
      assert.equal((await call(s.url, '/v1/stats?from=', {})).status, 400);
      assert.equal((await call(s.url, '/open311/v2/requests.json?page_size=')).status, 400);
    });

    test('malformed JSON on admin writes is a documented 400', async () => {
      const r = await call(s.url, '/v1/admin/cafes', {
        method: 'POST',
        headers: { ...admin, 'Content-Type': 'application/json' },
        body: '{"title":',
      });
      assert.equal(r.status, 400);
      assert.ok(getOperation('createCafe').responses[400]);
    });

    test('GET /v1/cafes/{id}.ics takes lang, refuses other parameters, answers 304', async () => {
      const [cafe] = await s.db.query<{ id: string }>('SELECT id FROM cafes LIMIT 1');
      const path = `/v1/cafes/${cafe?.id ?? ''}.ics`;
      const en = await call(s.url, `${path}?lang=en`);
      assert.equal(en.status, 200);
      assert.equal((await call(s.url, `${path}?lang=de`)).status, 400);
      assert.equal((await call(s.url, `${path}?zzz=1`)).status, 400);
      const etag = en.headers.get('etag') ?? '';
      const again = await call(s.url, `${path}?lang=en`, { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304);
    });

    test('Open311 errors on .xml paths are XML with the documented element names', async () => {
      const r = await call(s.url, '/open311/v2/requests/PRX-0000-0000.xml');
      assert.equal(r.status, 404);
      assert.match(r.headers.get('content-type') ?? '', /^text\/xml/);
      assert.match(r.text, /^<\?xml[^>]*>\s*<errors>\s*<error>\s*<code>404<\/code>/);
    });
  });

  describe(`an unreachable database (${target.name})`, () => {
    test('is a 503 with Retry-After (documented), not a 500 a client would give up on', async () => {
      const s = await startTestServer(target, { seed: true, config: { responseCache: false } });
      try {
        await s.db.close();
        for (const [path, init] of [
          ['/v1/cafes', {}],
          ['/v1/concerns', jsonInit('POST', concern, { 'Idempotency-Key': key() })],
          ['/open311/v2/services.xml', {}],
        ] as [string, RequestInit][]) {
          const r = await call(s.url, path, init);
          assert.equal(r.status, 503, `${path}: ${r.text}`);
          assert.ok(Number(r.headers.get('retry-after')) >= 1, path);
          if (!path.startsWith('/open311')) assert.equal((r.json as Problem).type, PROBLEM_TYPES.unavailable);
        }
      } finally {
        await s.close().catch(() => undefined);
      }
    });
  });
}

for (const target of targets()) {
  describe(`idempotency and the rate limit (${target.name})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(target, { seed: true, config: { rateLimitPerMinute: 2, ipSalt: 'salt' } });
    });
    after(() => s.close());

    test('the rate limit counts after the replay check: a retry of a stored submission is never a 429', async () => {
      const [a, b, c] = [key(), key(), key()];
      const send = (k: string, description = concern.description) =>
        call(s.url, '/v1/concerns', jsonInit('POST', { ...concern, description }, { 'Idempotency-Key': k }));
      assert.equal((await send(a)).status, 201);
      assert.equal((await send(b)).status, 201);
      assert.equal((await send(c)).status, 429, 'the third new submission in the minute');
      for (let i = 0; i < 3; i++) {
        const replay = await send(a);
        assert.equal(replay.status, 200, 'replayed, not limited');
        assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      }
      assert.equal((await send(b, 'autre chose')).status, 422, 'a mismatch is told, not limited');
    });
  });
}

test('the Retry-After of a key in flight: about as long again as its request has run, within its timeout', () => {
  assert.equal(claimRetryAfter(undefined), 1);
  assert.equal(claimRetryAfter(0.05), 1);
  assert.equal(claimRetryAfter(3.2), 4);
  assert.equal(claimRetryAfter(8.5), 2);
  assert.equal(claimRetryAfter(CLAIM_TIMEOUT_S + 5), 1);
});

const postgres = targets().find((t) => t.name === 'postgres');
if (postgres !== undefined) {
  describe('a key in flight on PostgreSQL', () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(postgres, { seed: true });
    });
    after(() => s.close());

    test('409 with the Retry-After of the holder, and free the moment its connection dies', async () => {
      const k = key();
      const holder = new pg.Client({ connectionString: postgres.databaseUrl });
      await holder.connect();
      holder.on('error', () => undefined); // its connection is cut below, on purpose
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1, $2)', claimLock('concerns', k));
      await new Promise((r) => setTimeout(r, 3000)); // the holder has been running for 3 s
      const busy = await call(s.url, '/v1/concerns', jsonInit('POST', concern, { 'Idempotency-Key': k }));
      assert.equal(busy.status, 409);
      assert.equal((busy.json as Problem).type, PROBLEM_TYPES.idempotencyInProgress);
      const retryAfter = Number(busy.headers.get('retry-after'));
      assert.ok(retryAfter >= 3 && retryAfter <= CLAIM_TIMEOUT_S - 3, `Retry-After ${retryAfter}`);
      // The holder's process dies: its socket closes, PostgreSQL ends the transaction and its lock.
      (holder as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      const [cls, obj] = claimLock('concerns', k);
      for (let i = 0; i < 100; i++) {
        const rows = await s.db.query(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::int4::oid AND objid = $2::int4::oid`,
          [cls, obj],
        );
        if (rows.length === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const free = await call(s.url, '/v1/concerns', jsonInit('POST', concern, { 'Idempotency-Key': k }));
      assert.equal(free.status, 201, free.text);
      await holder.end().catch(() => undefined);
    });
  });
}

describe('the response checker (helpers.checkResponse)', () => {
  const headers = (type: string) => new Headers({ 'content-type': type, 'x-request-id': 'r1' });
  const problem = (status: number) =>
    JSON.stringify({ type: 'about:blank', title: 'x', status, requestId: 'r1' });
  test('refuses a status its operation does not document', () => {
    assert.throws(
      () => checkResponse('GET', 'http://x/v1/cafes', 418, headers('application/problem+json'), problem(418)),
      /418 is not a documented response of listCafes/,
    );
    assert.throws(
      () => checkResponse('GET', 'http://x/healthz', 400, headers('application/problem+json'), problem(400)),
      /400 is not a documented response of getHealth/,
    );
  });
  test('refuses a media type or a body its operation does not document', () => {
    assert.throws(
      () => checkResponse('GET', 'http://x/v1/cafes', 200, headers('text/html'), '<p>hi</p>'),
      /text\/html is not a documented type/,
    );
    assert.throws(
      () =>
        checkResponse(
          'GET',
          'http://x/v1/cafes',
          200,
          headers('application/json'),
          JSON.stringify({ items: [{ id: 1 }] }),
        ),
      /CafePage/,
    );
  });
  test('accepts what is documented', () => {
    checkResponse('GET', 'http://x/v1/cafes', 304, new Headers({ etag: '"a"' }), '');
    checkResponse('GET', 'http://x/v1/cafes', 503, headers('application/problem+json'), problem(503));
  });
});
