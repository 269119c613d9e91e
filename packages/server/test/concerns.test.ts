import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConcernInput, ConcernReceipt, ConcernStatusView } from '@proximite/contract';
import { MAX_BODY_BYTES } from '../src/http/app.js';
import { call, fakeClock, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

const input: ConcernInput = {
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', lat: 49.8957, lon: 2.3011, districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants', recurrent: 'souvent' },
  contact: {
    name: 'Camille Martin',
    email: 'camille.martin@example.org',
    phone: '+33 6 12 34 56 78',
    preferred: 'email',
  },
  lang: 'fr',
  honeypot: '',
};

let keyCounter = 0;
const newKey = () => `test-key-${Date.now()}-${keyCounter++}`;

const post = (
  s: TestServer,
  body: unknown,
  key: string | null = newKey(),
  headers: Record<string, string> = {},
) =>
  call(
    s.url,
    '/v1/concerns',
    jsonInit('POST', body, key === null ? headers : { 'Idempotency-Key': key, ...headers }),
  );

async function count(s: TestServer, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]?.n ?? -1;
}

for (const target of targets()) {
  describe(`concern intake (${target.name})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(target, { seed: true, config: { minFillSeconds: 3 } });
    });
    after(() => s.close());

    test('POST /v1/concerns → 201 receipt: reference, secret token, routed service, Location', async () => {
      const r = await post(s, input);
      assert.equal(r.status, 201);
      const receipt = r.json as ConcernReceipt;
      assert.match(receipt.reference, /^PRX-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      assert.ok(receipt.statusToken.length >= 16);
      assert.equal(receipt.service.id, 'proprete-urbaine');
      assert.equal(receipt.status, 'received');
      assert.equal(r.headers.get('location'), `/v1/concerns/${receipt.reference}`);
      assert.ok(
        receipt.statusUrl?.endsWith(`/v1/concerns/${receipt.reference}?token=${receipt.statusToken}`),
      );
      // Only the token's hash is stored; contact details live in their own table.
      const stored = await s.db.query<{ status_token_hash: string; description: string }>(
        'SELECT status_token_hash, description FROM concerns WHERE reference = $1',
        [receipt.reference],
      );
      assert.notEqual(stored[0]?.status_token_hash, receipt.statusToken);
      assert.equal(stored[0]?.status_token_hash.length, 64);
      assert.ok(!JSON.stringify(stored).includes('camille'));
      assert.equal(
        await count(s, 'concern_contacts c JOIN concerns x ON x.id = c.concern_id WHERE x.reference = $1', [
          receipt.reference,
        ]),
        1,
      );
    });

    test('GET /v1/concerns/{reference}?token= shows the public status, never contact data', async () => {
      const receipt = (await post(s, input)).json as ConcernReceipt;
      const r = await call(s.url, `/v1/concerns/${receipt.reference}?token=${receipt.statusToken}`);
      assert.equal(r.status, 200);
      const view = r.json as ConcernStatusView;
      assert.equal(view.reference, receipt.reference);
      assert.equal(view.categoryCode, 'depots-sauvages');
      // The one public event so far: the hand-off to the service the routing rules chose.
      assert.equal(view.updates.length, 1);
      assert.deepEqual(view.updates[0]?.service, receipt.service);
      assert.match(view.updates[0]?.text.fr ?? '', /^Transmis au service Propreté urbaine/);
      assert.ok(!/camille|example\.org|12 34|Dodane/i.test(r.text), 'no contact data and no free text');
      assert.match(r.headers.get('cache-control') ?? '', /no-store/);
      // The URL carries the secret token: it must never leave in a Referer.
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
      // Elsewhere the default policy applies.
      assert.equal(
        (await call(s.url, '/v1/districts')).headers.get('referrer-policy'),
        'strict-origin-when-cross-origin',
      );
      // Wrong token, unknown reference, malformed reference: all 404 (indistinguishable).
      const wrong = await call(s.url, `/v1/concerns/${receipt.reference}?token=${'x'.repeat(32)}`);
      assert.equal(wrong.status, 404);
      assert.equal(
        (await call(s.url, `/v1/concerns/PRX-0000-0000?token=${receipt.statusToken}`)).status,
        404,
      );
      assert.equal((await call(s.url, `/v1/concerns/nope?token=${receipt.statusToken}`)).status, 404);
      assert.equal((await call(s.url, `/v1/concerns/${receipt.reference}`)).status, 400);
    });

    test('public updates of the seeded concerns appear in their status', async () => {
      const rows = await s.db.query<{ reference: string }>(
        `SELECT reference FROM concerns WHERE status = 'resolved' LIMIT 1`,
      );
      assert.ok(rows[0]);
      // Seeded concerns have unknown tokens: set one to read it.
      const { sha256Hex } = await import('../src/util.js');
      const token = 'seeded-token-abcdefghijkl';
      await s.db.query('UPDATE concerns SET status_token_hash = $2 WHERE reference = $1', [
        rows[0].reference,
        sha256Hex(token),
      ]);
      const view = (await call(s.url, `/v1/concerns/${rows[0].reference}?token=${token}`))
        .json as ConcernStatusView;
      assert.ok(view.updates.length >= 2);
      assert.equal(view.updates.at(-1)?.status, 'resolved');
    });

    test('idempotency: same key + same body → the stored response replayed (200, Idempotent-Replayed)', async () => {
      const key = newKey();
      const first = await post(s, input, key);
      assert.equal(first.status, 201);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      // The same body with keys in another order is the same body.
      const reordered = { lang: 'fr', ...input, location: { districtId: 'saint-leu', ...input.location } };
      const again = await post(s, reordered, key);
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.json, first.json);
      assert.equal(
        await count(s, `concerns WHERE reference = $1`, [(first.json as ConcernReceipt).reference]),
        1,
      );
      assert.equal(await count(s, `idempotency_keys WHERE key = $1`, [key]), 1);
    });

    test('idempotency: same key + another body → 422 idempotency-mismatch, nothing stored', async () => {
      const key = newKey();
      assert.equal((await post(s, input, key)).status, 201);
      const before = await count(s, 'concerns');
      const r = await post(s, { ...input, description: 'Autre chose.' }, key);
      assert.equal(r.status, 422);
      assert.equal((r.json as { type: string }).type, 'https://proximite.dev/problems/idempotency-mismatch');
      assert.equal(await count(s, 'concerns'), before);
    });

    test('idempotency: a key still in flight → 409', async () => {
      const key = newKey();
      const { sha256Hex, canonicalJson } = await import('../src/util.js');
      const { ConcernInput: schema } = await import('@proximite/contract');
      const hash = sha256Hex(canonicalJson(schema.parse(input)));
      await s.db.query(
        `INSERT INTO idempotency_keys (scope, key, body_hash, state, created_at) VALUES ('concerns', $1, $2, 'in-flight', now())`,
        [key, hash],
      );
      const r = await post(s, input, key);
      assert.equal(r.status, 409);
      assert.equal(
        (r.json as { type: string }).type,
        'https://proximite.dev/problems/idempotency-in-progress',
      );
      assert.ok(r.headers.get('retry-after'));
    });

    test('idempotency: concurrent duplicates create exactly one concern', async () => {
      const key = newKey();
      const before = await count(s, 'concerns');
      const results = await Promise.all(Array.from({ length: 12 }, () => post(s, input, key)));
      const statuses = results.map((r) => r.status);
      assert.equal(statuses.filter((x) => x === 201).length, 1, statuses.join(','));
      assert.ok(
        statuses.every((x) => x === 201 || x === 200 || x === 409),
        statuses.join(','),
      );
      assert.equal(await count(s, 'concerns'), before + 1);
      const refs = new Set(
        results.filter((r) => r.status !== 409).map((r) => (r.json as ConcernReceipt).reference),
      );
      assert.equal(refs.size, 1);
    });

    test('idempotency: keys are kept at least 24 h', async () => {
      const key = newKey();
      await post(s, input, key);
      const { purge } = await import('../src/store/concerns.js');
      await s.db.transaction((tx) =>
        purge(tx, new Date(Date.now() + 23 * 3600_000), {
          contactAfterClose: 9999,
          contactMax: 9999,
          closed: 9999,
          idempotencyHours: 24,
        }),
      );
      assert.equal((await post(s, input, key)).status, 200, 'still replayed after 23 h');
    });

    test('Idempotency-Key is required and checked; the body must be JSON of the right shape', async () => {
      const missing = await post(s, input, null);
      assert.equal(missing.status, 400);
      assert.equal(
        (missing.json as { type: string }).type,
        'https://proximite.dev/problems/idempotency-key-missing',
      );
      assert.equal((await post(s, input, 'short')).status, 400);
      const notJson = await call(s.url, '/v1/concerns', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': newKey() },
        body: 'hello',
      });
      assert.equal(notJson.status, 415);
      const malformed = await call(s.url, '/v1/concerns', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
        body: '{"categoryCode":',
      });
      assert.equal(malformed.status, 400);
      const invalid = await post(s, { ...input, description: '', extra: 1 });
      assert.equal(invalid.status, 422);
      const paths = (invalid.json as { errors: { path: string }[] }).errors.map((e) => e.path);
      assert.ok(paths.includes('description'));
      assert.ok(paths.some((p) => p === '' || p.includes('extra')));
    });

    test('a body over 32 KB → 413 problem', async () => {
      const big = { ...input, description: 'x'.repeat(MAX_BODY_BYTES + 10) };
      const r = await post(s, big);
      assert.equal(r.status, 413);
    });

    test('a chunked body (no Content-Length) is counted as it arrives: over 32 KB → 413, under → 201', async () => {
      const chunked = (body: string) => {
        const bytes = new TextEncoder().encode(body);
        return call(s.url, '/v1/concerns', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
          // A stream of several chunks: fetch sends it with Transfer-Encoding: chunked.
          body: new ReadableStream<Uint8Array>({
            start(controller) {
              for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.subarray(i, i + 4096));
              controller.close();
            },
          }),
          duplex: 'half',
        } as RequestInit);
      };
      const big = await chunked(JSON.stringify({ ...input, description: 'x'.repeat(MAX_BODY_BYTES + 10) }));
      assert.equal(big.status, 413);
      const small = await chunked(JSON.stringify(input));
      assert.equal(small.status, 201);
    });

    test('category rules: unknown category, missing required answer, unknown value → 422 with field errors', async () => {
      const unknown = await post(s, { ...input, categoryCode: 'inconnu' });
      assert.equal(unknown.status, 422);
      assert.equal((unknown.json as { errors: { path: string }[] }).errors[0]?.path, 'categoryCode');
      const missing = await post(s, { ...input, attributes: {} });
      assert.equal(missing.status, 422);
      assert.ok(
        (missing.json as { errors: { path: string }[] }).errors.some(
          (e) => e.path === 'attributes.type-depot',
        ),
      );
      const badValue = await post(s, { ...input, attributes: { 'type-depot': 'licornes' } });
      assert.equal(badValue.status, 422);
      const badDistrict = await post(s, { ...input, location: { districtId: 'atlantide' } });
      assert.equal(badDistrict.status, 422);
    });

    test('emergencies are refused with the stopper message (category or field answer)', async () => {
      const category = await post(s, { ...input, categoryCode: 'danger-immediat', attributes: {} });
      assert.equal(category.status, 422);
      assert.match((category.json as { detail: string }).detail, /17.*112.*114/);
      const field = await post(s, {
        ...input,
        categoryCode: 'voisinage',
        attributes: { nature: 'conflit', 'danger-immediat': 'oui' },
      });
      assert.equal(field.status, 422);
      assert.match((field.json as { detail: string }).detail, /17/);
    });

    test('honeypot or a too-fast form → stored but quarantined, with an ordinary receipt', async () => {
      const bot = await post(s, { ...input, honeypot: 'http://spam.example' });
      assert.equal(bot.status, 201);
      const fast = await post(s, { ...input, formStartedAt: new Date(Date.now() - 500).toISOString() });
      assert.equal(fast.status, 201);
      const human = await post(s, { ...input, formStartedAt: new Date(Date.now() - 60_000).toISOString() });
      assert.equal(human.status, 201);
      const rows = await s.db.query<{
        reference: string;
        quarantined: boolean;
        quarantine_reasons: string[];
      }>(
        'SELECT reference, quarantined, quarantine_reasons FROM concerns WHERE reference = ANY($1::text[])',
        [[bot, fast, human].map((r) => (r.json as ConcernReceipt).reference)],
      );
      const by = new Map(rows.map((r) => [r.reference, r]));
      assert.deepEqual(by.get((bot.json as ConcernReceipt).reference)?.quarantine_reasons, ['honeypot']);
      assert.deepEqual(by.get((fast.json as ConcernReceipt).reference)?.quarantine_reasons, ['time-trap']);
      assert.equal(by.get((human.json as ConcernReceipt).reference)?.quarantined, false);
    });

    test('an anonymous concern (no contact) stores no contact row', async () => {
      const { contact: _contact, ...anonymous } = input;
      const r = await post(s, anonymous);
      assert.equal(r.status, 201);
      assert.equal(
        await count(s, 'concern_contacts c JOIN concerns x ON x.id = c.concern_id WHERE x.reference = $1', [
          (r.json as ConcernReceipt).reference,
        ]),
        0,
      );
    });
  });

  describe(`rate limit (${target.name})`, () => {
    let s: TestServer;
    before(async () => {
      // The limit counts in fixed one-minute windows: a clock held at the start of a minute keeps all
      // seven POSTs in one window, however slow the machine (on a loaded CI runner they once straddled
      // a minute boundary, and the 6th POST opened a new window).
      const minute = Math.floor(Date.now() / 60_000) * 60_000;
      s = await startTestServer(target, {
        seed: true,
        clock: fakeClock(new Date(minute + 1_000)),
        config: { rateLimitPerMinute: 5, ipSalt: 'test-salt' },
      });
    });
    after(() => s.close());

    test('the 6th POST in a minute → 429 with Retry-After; client IPs are only stored hashed', async () => {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 7; i++) {
        const r = await post(s, input);
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('retry-after');
      }
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429, 429]);
      assert.ok(retryAfter !== null && Number(retryAfter) >= 1 && Number(retryAfter) <= 60);
      const buckets = await s.db.query<{ bucket: string }>('SELECT bucket FROM rate_limits');
      assert.ok(buckets.length > 0);
      for (const b of buckets) {
        assert.ok(!b.bucket.includes('127.0.0.1'));
        assert.match(b.bucket, /^post:[0-9a-f]{64}$/);
      }
      // GETs are not limited.
      assert.equal((await call(s.url, '/v1/districts')).status, 200);
    });
  });
}
