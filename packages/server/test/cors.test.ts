import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAdminToken } from '../src/store/tokens.js';
import { call, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

const ALLOWED = 'https://www.amiens.fr';
const body = {
  categoryCode: 'autre',
  description: 'Un banc cassé square Saint-Denis.',
  location: { districtId: 'centre-ville' },
  attributes: { 'danger-immediat': 'non' },
};
let n = 0;
const postFrom = (s: TestServer, origin: string | undefined) =>
  call(
    s.url,
    '/v1/concerns',
    jsonInit('POST', body, {
      'Idempotency-Key': `cors-key-${n++}-${Date.now()}`,
      ...(origin === undefined ? {} : { Origin: origin }),
    }),
  );

for (const target of targets()) {
  describe(`CORS (${target.name})`, () => {
    let s: TestServer;
    let token: string;
    before(async () => {
      s = await startTestServer(target, {
        seed: true,
        config: { allowedOrigins: [ALLOWED, 'http://localhost:8000'] },
      });
      token = (await createAdminToken(s.db, new Date(), { name: 'cors', scopes: ['concerns:triage'] })).token;
    });
    after(() => s.close());

    const table: { origin: string | undefined; status: number; acao: string | null }[] = [
      { origin: ALLOWED, status: 201, acao: ALLOWED },
      { origin: 'http://localhost:8000', status: 201, acao: 'http://localhost:8000' },
      { origin: 'https://evil.example', status: 403, acao: null },
      { origin: 'https://www.amiens.fr.evil.example', status: 403, acao: null },
      { origin: 'null', status: 403, acao: null },
      { origin: undefined, status: 201, acao: null },
    ];
    for (const row of table) {
      test(`POST from origin ${String(row.origin)} → ${row.status}, Vary: Origin`, async () => {
        const r = await postFrom(s, row.origin);
        assert.equal(r.status, row.status);
        assert.equal(r.headers.get('access-control-allow-origin'), row.acao);
        assert.match(r.headers.get('vary') ?? '', /Origin/);
      });
    }

    test('POST from the server’s own origin (the demo page) is allowed', async () => {
      const r = await postFrom(s, s.url);
      assert.equal(r.status, 201);
    });

    test('preflight: allowed origin → 204 with methods, headers and Max-Age 7200; others → 403', async () => {
      const ok = await fetch(`${s.url}/v1/concerns`, {
        method: 'OPTIONS',
        headers: {
          Origin: ALLOWED,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, idempotency-key',
        },
      });
      assert.equal(ok.status, 204);
      assert.equal(ok.headers.get('access-control-allow-origin'), ALLOWED);
      assert.equal(ok.headers.get('access-control-max-age'), '7200');
      assert.match(ok.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
      assert.match(ok.headers.get('vary') ?? '', /Origin/);
      for (const origin of ['https://evil.example', 'null']) {
        const no = await fetch(`${s.url}/v1/concerns`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
        });
        assert.equal(no.status, 403, origin);
        assert.equal(no.headers.get('access-control-allow-origin'), null);
        assert.match(no.headers.get('content-type') ?? '', /problem\+json/);
      }
      const get = await fetch(`${s.url}/v1/cafes`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://evil.example',
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'if-none-match',
        },
      });
      assert.equal(get.status, 204);
      assert.equal(get.headers.get('access-control-allow-origin'), '*');
      assert.equal(get.headers.get('access-control-max-age'), '7200');
    });

    test('public GETs: * from any origin, including null', async () => {
      for (const origin of [ALLOWED, 'https://evil.example', 'null']) {
        const r = await call(s.url, '/v1/cafes', { headers: { Origin: origin } });
        assert.equal(r.status, 200);
        assert.equal(r.headers.get('access-control-allow-origin'), '*');
      }
    });

    test('the admin API answers browsers only from allowed origins', async () => {
      const headers = { Authorization: `Bearer ${token}` };
      const ok = await call(s.url, '/v1/admin/concerns', { headers: { ...headers, Origin: ALLOWED } });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('access-control-allow-origin'), ALLOWED);
      assert.match(ok.headers.get('vary') ?? '', /Origin/);
      const no = await call(s.url, '/v1/admin/concerns', {
        headers: { ...headers, Origin: 'https://evil.example' },
      });
      assert.equal(no.status, 403);
      assert.equal(no.headers.get('access-control-allow-origin'), null);
    });
  });
}
