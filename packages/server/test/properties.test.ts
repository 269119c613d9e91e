/**
 * Property-based robustness: thousands of malformed query strings, path parameters, headers and
 * bodies sent over HTTP to every operation of the contract. The server never answers 5xx, every
 * error is problem+json (Open311 errors in their own format), and every success matches its schema.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { operations } from '@proximite/contract';
import type { Operation } from '@proximite/contract';
import { cafeInput, concernInput, priority } from '../../contract/test/fixtures.js';
import { createAdminToken, createOpen311Key } from '../src/store/tokens.js';
import { checkResponse, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

const ascii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});
const anyText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    'true',
    '[]',
    '{}',
    '%00',
    '../../etc/passwd',
    '<script>',
    'PRX-0000-0000',
    'saint-leu',
    '2026-05-12',
    '2026-05-12T17:30:00+02:00',
    'open,closed',
    'x'.repeat(3000),
  ),
);

/** Valid bodies of the operations, to mutate one field at a time. */
const VALID_BODIES: Record<string, unknown> = {
  ConcernInput: concernInput,
  CafeInput: cafeInput,
  CafeCancelInput: { reason: { fr: 'Pluie' } },
  PriorityInput: { issue: priority.issue, issueDate: priority.issueDate, status: 'raised' },
  AdminTokenCreateInput: { name: 'x', scopes: ['cafes:write'] },
  ConcernTriageInput: { status: 'in-progress' },
  ActivityCountersInput: {
    counters: [
      {
        metric: 'cafes-held',
        period: '2026',
        value: 1,
        unit: 'café',
        source: { type: 'proximite', title: 'P' },
      },
    ],
  },
  RightsOverrides: { disclaimer: { fr: 'Texte' } },
  Open311RequestInput: {
    service_code: 'depots-sauvages',
    address_string: 'Rue Motte',
    'attribute[type-depot]': 'sacs',
  },
};

const jsonValue = fc.jsonValue({ maxDepth: 3 });

function mutated(valid: unknown): fc.Arbitrary<unknown> {
  if (valid === null || typeof valid !== 'object' || Array.isArray(valid)) return jsonValue;
  const keys = Object.keys(valid);
  return fc
    .tuple(fc.constantFrom(...keys, '__extra__'), fc.oneof(jsonValue, anyText), fc.boolean())
    .map(([key, value, drop]) => {
      const copy: Record<string, unknown> = { ...(valid as Record<string, unknown>) };
      if (drop && key !== '__extra__') delete copy[key];
      else copy[key] = value;
      return copy;
    });
}

function bodyArbitrary(op: Operation): fc.Arbitrary<{ type: string; text: string } | undefined> {
  if (op.body === undefined) return fc.constant(undefined);
  const valid = VALID_BODIES[op.body.schema];
  const form = op.body.contentType === 'application/x-www-form-urlencoded';
  const encode = (v: unknown): string =>
    form && v !== null && typeof v === 'object' && !Array.isArray(v)
      ? new URLSearchParams(
          Object.entries(v as Record<string, unknown>).map(([k, x]) => [
            k,
            typeof x === 'string' ? x : (JSON.stringify(x) ?? ''),
          ]),
        ).toString()
      : (JSON.stringify(v) ?? 'null');
  return fc.record({
    type: fc.constantFrom(
      op.body.contentType,
      op.body.contentType,
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-8',
      '',
    ),
    text: fc.oneof(
      { weight: 4, arbitrary: mutated(valid).map(encode) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
      { weight: 1, arbitrary: jsonValue.map(encode) },
      { weight: 1, arbitrary: fc.constant(encode(valid)) },
    ),
  });
}

function pathArbitrary(op: Operation, ids: Record<string, string[]>): fc.Arbitrary<string> {
  const parts = op.path.split(/(\{[^}]+\})/);
  return fc
    .tuple(
      ...parts.map((part) => {
        if (!part.startsWith('{')) return fc.constant(part);
        const name = part.slice(1, -1);
        if (name === 'format') return fc.constantFrom('json', 'xml', 'html', '', 'JSON');
        return fc.oneof(
          fc.constantFrom(...(ids[name] ?? ['x'])),
          anyText.map((s) => encodeURIComponent(s)),
        );
      }),
    )
    .map((p) => p.join(''));
}

function queryArbitrary(): fc.Arbitrary<string> {
  const keys = fc.constantFrom(
    'limit',
    'cursor',
    'from',
    'to',
    'district',
    'lang',
    'token',
    'status',
    'area',
    'indicators',
    'after',
    'category',
    'quarantined',
    'jurisdiction_id',
    'service_request_id',
    'service_code',
    'start_date',
    'end_date',
    'page',
    'page_size',
    'zzz',
  );
  return fc
    .array(fc.tuple(keys, anyText), { maxLength: 4 })
    .map((pairs) => (pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`));
}

const RUNS = Number(process.env.PROXIMITE_PROPERTY_RUNS ?? 60);

for (const target of targets()) {
  describe(`malformed input never breaks the server (${target.name})`, () => {
    let s: TestServer;
    let ids: Record<string, string[]>;
    let adminToken: string;
    let apiKey: string;
    before(async () => {
      s = await startTestServer(target, { seed: true, config: { rateLimitPerMinute: 0 } });
      adminToken = (
        await createAdminToken(s.db, new Date(), {
          name: 'fuzz',
          scopes: ['cafes:write', 'concerns:triage', 'content:write', 'stats:write', 'tokens:write'],
        })
      ).token;
      apiKey = (await createOpen311Key(s.db, new Date(), 'fuzz')).key;
      const cafes = await s.db.query<{ id: string }>('SELECT id FROM cafes LIMIT 3');
      const refs = await s.db.query<{ reference: string; open311_token: string }>(
        'SELECT reference, open311_token FROM concerns LIMIT 3',
      );
      const prios = await s.db.query<{ id: string }>('SELECT id FROM priorities LIMIT 2');
      ids = {
        id: [...cafes.map((c) => c.id), ...prios.map((p) => p.id)],
        reference: refs.map((r) => r.reference),
        service_request_id: refs.map((r) => r.reference),
        service_code: ['depots-sauvages', 'bruit', 'danger-immediat'],
        token: refs.map((r) => r.open311_token),
      };
    });
    after(() => s.close());

    const runs = target.name === 'pglite' ? RUNS : Math.max(10, Math.round(RUNS / 3));
    for (const op of operations as readonly Operation[]) {
      test(`${op.method.toUpperCase()} ${op.path}`, async () => {
        const headerArb = fc.record(
          {
            'Idempotency-Key': fc.oneof(ascii, fc.uuid()),
            Authorization: fc.oneof(
              fc.constant(`Bearer ${adminToken}`),
              fc.constant(`Bearer ${adminToken}`),
              ascii.map((a) => `Bearer ${a}`),
              ascii,
            ),
            'If-None-Match': ascii,
            Origin: fc.constantFrom('null', 'https://evil.example', s.url, ''),
            'Accept-Language': ascii,
            'X-Request-Id': ascii,
          },
          { requiredKeys: [] },
        );
        await fc.assert(
          fc.asyncProperty(
            pathArbitrary(op, ids),
            queryArbitrary(),
            headerArb,
            bodyArbitrary(op),
            fc.boolean(),
            async (path, query, headers, body, withKey) => {
              const url = `${s.url}${path}${query}`;
              const h: Record<string, string> = {};
              for (const [k, v] of Object.entries(headers)) if (v !== undefined && v !== '') h[k] = v;
              let payload = body?.text;
              if (body !== undefined) {
                if (body.type !== '') h['Content-Type'] = body.type;
                if (op.id === 'open311CreateRequest' && withKey)
                  payload = `${payload ?? ''}&api_key=${encodeURIComponent(apiKey)}`;
              }
              let res: Response;
              try {
                res = await fetch(url, {
                  method: op.method.toUpperCase(),
                  headers: h,
                  // The server's own answer, not the page a redirect leads to (the OIDC callback).
                  redirect: 'manual',
                  ...(payload !== undefined ? { body: payload } : {}),
                });
              } catch (error) {
                // fetch itself refuses some URLs/headers before sending: not a server answer.
                if (error instanceof TypeError) return;
                throw error;
              }
              const text = await res.text();
              if (process.env.PROXIMITE_PROPERTY_TRACE) console.log(op.id, res.status);
              assert.ok(res.status < 500, `${op.method} ${url} → ${res.status}: ${text.slice(0, 300)}`);
              checkResponse(op.method.toUpperCase(), url, res.status, res.headers, text);
            },
          ),
          { numRuns: runs },
        );
      });
    }
  });
}
