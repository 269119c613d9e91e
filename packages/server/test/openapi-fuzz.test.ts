/**
 * Generated requests against every operation of the SERVED OpenAPI document (GET /openapi.json),
 * on PGlite and PostgreSQL: values drawn from each operation's own JSON Schemas (and from the seeded
 * data, so requests get past « not found »), then made hostile one way or another — a NUL or a lone
 * surrogate in any string, `__proto__` and unknown keys, a required field dropped, a wrong type,
 * a wrong media type, a missing or foreign credential. Every answer is held to the document alone
 * (not to the server's zod schemas): no 5xx, a status the operation documents, a documented media
 * type, a body valid against the documented JSON Schema (ajv, JSON Schema 2020-12), an XML root
 * named as documented.
 *
 * Seeded and bounded: PROXIMITE_FUZZ_SEED (default 22), PROXIMITE_FUZZ_RUNS requests per database
 * (default 250, spread over the operations: at least 3 each), PROXIMITE_FUZZ_SECONDS per database
 * (default 90).
 * Operations added to the contract are fuzzed without any change here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN_SCOPES } from '@proximite/contract';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { cafeInput, priority } from '../../contract/test/fixtures.js';
import { createAdminToken, createOpen311Key } from '../src/store/tokens.js';
import { startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

type Json = Record<string, unknown>;

const SEED = Number(process.env.PROXIMITE_FUZZ_SEED ?? 22);
// 250 keeps the whole suite's cost in check (400 took 106 s on PGlite under load 16 on 2 cores).
const RUNS = Number(process.env.PROXIMITE_FUZZ_RUNS ?? 250);
const SECONDS = Number(process.env.PROXIMITE_FUZZ_SECONDS ?? 90);

/** Strings no server should choke on. */
const HOSTILE = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d',
  '__proto__',
  'constructor',
  '',
  ' ',
  '%00',
  '\u202e\u0301',
  '../../etc/passwd',
  "'; DROP TABLE concerns; --",
  '<script>alert(1)</script>',
  '9'.repeat(40),
  '-1',
  '1e309',
  'x'.repeat(5000),
  '🛋️',
];

/** Valid bodies to mutate, by request-body component name (others come from their schema alone). */
const FIXTURES: Record<string, unknown> = {
  ConcernInput: {
    categoryCode: 'depots-sauvages',
    description: 'Des encombrants au pied du pont de la Dodane.',
    location: { address: 'Rue Motte, 80000 Amiens', districtId: 'saint-leu' },
    attributes: { 'type-depot': 'encombrants' },
  },
  CafeInput: cafeInput,
  CafeCancelInput: { reason: { fr: 'Pluie' } },
  CafeDuplicateInput: { start: '2026-07-14T17:00:00+02:00' },
  CafeImportInput: {
    calendar:
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\nBEGIN:VEVENT\r\nUID:fuzz@example.org\r\nDTSTAMP:20260701T080000Z\r\nDTSTART:20260714T150000Z\r\nDTEND:20260714T160000Z\r\nSUMMARY:Café\r\nLOCATION:Quai Bélu\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
  },
  PriorityInput: { issue: priority.issue, issueDate: priority.issueDate, status: 'raised' },
  CafeConcernInput: {
    categoryCode: 'depots-sauvages',
    description: 'Des sacs derrière le kiosque.',
    contact: { email: 'fuzz@example.org', emailUpdates: true },
    consent: true,
  },
  AdminTokenCreateInput: { name: 'fuzz', scopes: ['cafes:write'] },
  ConcernTriageInput: { status: 'in-progress' },
  RightsOverrides: { disclaimer: { fr: 'Texte' } },
  Open311RequestInput: {
    service_code: 'depots-sauvages',
    address_string: 'Rue Motte',
    attributes: { 'type-depot': 'sacs' },
  },
};

// ---------------------------------------------------------------------------
// JSON Schema → fast-check

class Generator {
  constructor(private readonly doc: Json) {}

  resolve(schema: Json): Json {
    let s = schema;
    for (let i = 0; typeof s.$ref === 'string' && i < 20; i++) {
      s = (s.$ref as string)
        .slice(2)
        .split('/')
        .reduce<Json>((at, key) => at[key] as Json, this.doc);
    }
    return s;
  }

  /** Values valid against `schema` (as far as a generator can tell; the server decides). */
  of(input: unknown, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve((input ?? {}) as Json);
    if (depth > 6) return fc.constant(null);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
    if (alternatives !== undefined && schema.type === undefined)
      return fc.oneof(...alternatives.map((a) => this.of(a, depth + 1)));
    const types = ([] as unknown[]).concat(schema.type ?? []);
    if (types.length > 1) return fc.oneof(...types.map((t) => this.of({ ...schema, type: t }, depth)));
    switch (types[0]) {
      case 'string':
        return this.string(schema);
      case 'integer':
      case 'number': {
        const min = typeof schema.minimum === 'number' ? schema.minimum : -1e6;
        const max = typeof schema.maximum === 'number' ? schema.maximum : 1e6;
        return types[0] === 'integer'
          ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) })
          : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
        const max = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, min + 3);
        const items = this.of(schema.items, depth + 1);
        return schema.uniqueItems === true
          ? fc.uniqueArray(items, { minLength: min, maxLength: max, selector: (v) => JSON.stringify(v) })
          : fc.array(items, { minLength: min, maxLength: max });
      }
      case 'object':
        return this.object(schema, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private string(schema: Json): fc.Arbitrary<string> {
    const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
    const max = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 60, min + 60);
    const patterns = [schema.pattern, ...((schema.allOf ?? []) as Json[]).map((x) => x.pattern)].filter(
      (x): x is string => typeof x === 'string',
    );
    let arb: fc.Arbitrary<string>;
    if (schema.format === 'date-time')
      arb = fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    else if (schema.format === 'date')
      arb = fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    else if (schema.format === 'email') arb = fc.emailAddress();
    else if (schema.format === 'uri') arb = fc.webUrl({ validSchemes: ['https'] });
    else {
      const strict = patterns.find((p) => p !== '^[^\\u0000\\uD800-\\uDFFF]*$');
      arb =
        strict !== undefined
          ? fc.stringMatching(new RegExp(strict, 'u'))
          : fc.string({ unit: 'grapheme', minLength: min, maxLength: max });
    }
    return arb.map((s) => (s.length > max ? s.slice(0, max) : s));
  }

  private object(schema: Json, depth: number): fc.Arbitrary<unknown> {
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const required = new Set((schema.required ?? []) as string[]);
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, sub] of Object.entries(properties)) record[name] = this.of(sub, depth + 1);
    const base =
      Object.keys(record).length > 0
        ? fc.record(record, { requiredKeys: [...required].filter((k) => k in record) })
        : fc.constant({});
    const extra = schema.additionalProperties;
    if (extra === undefined || extra === false || extra === true) return base;
    const keys = schema.propertyNames !== undefined ? this.of(schema.propertyNames, depth + 1) : fc.string();
    return fc
      .tuple(base, fc.dictionary(keys as fc.Arbitrary<string>, this.of(extra, depth + 1), { maxKeys: 3 }))
      .map(([a, b]) => ({ ...b, ...a }));
  }
}

/** Every leaf path of a JSON value. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => leaves(v, [...path, i]))];
  if (value !== null && typeof value === 'object')
    return [path, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))];
  return [path];
}

function getAt(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((at, k) => (at as Record<string | number, unknown>)?.[k], root);
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) delete at[last];
  else Object.defineProperty(at, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** One hostile change to a value (or none). */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  const paths = leaves(value);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(value) },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...HOSTILE)).map(([p, h]) => {
        const old = getAt(value, p);
        return setAt(value, p, typeof old === 'string' ? `${old}${h}` : h);
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            ...paths.filter((p) => typeof getAt(value, p) === 'object' && getAt(value, p) !== null),
          ),
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'zzz'),
          fc.jsonValue({ maxDepth: 1 }),
        )
        .map(([p, key, v]) => (Array.isArray(getAt(value, p)) ? value : setAt(value, [...p, key], v))),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...paths)
        .map((p) => (p.length === 0 ? value : setAt(value, p, undefined, true))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 1 }))
        .map(([p, v]) => setAt(value, p, v)),
    },
  );
}

/** `attributes: {k: v}` as Open311's `attribute[k]=v`; everything else as a plain field. */
function formEncode(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return String(value);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(value)) {
    if (k === 'attributes' && v !== null && typeof v === 'object') {
      for (const [ak, av] of Object.entries(v)) {
        if (Array.isArray(av)) for (const x of av) params.append(`attribute[${ak}][]`, String(x));
        else params.append(`attribute[${ak}]`, String(av));
      }
    } else params.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return params.toString();
}

// ---------------------------------------------------------------------------
// Requests

interface Op {
  method: string;
  path: string;
  spec: Json;
}

interface Request {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function requestArbitrary(
  gen: Generator,
  op: Op,
  base: string,
  known: Record<string, string[]>,
  credentials: { admin: string; apiKey: string },
): fc.Arbitrary<Request> {
  const params = ((op.spec.parameters ?? []) as Json[]).map((p) => gen.resolve(p));
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const headerParams = params.filter((p) => p.in === 'header');

  const pathArb = fc
    .tuple(
      ...pathParams.map((p) => {
        const name = p.name as string;
        const options: fc.Arbitrary<string>[] = [
          gen.of(p.schema).map((v) => String(v)),
          fc.constantFrom(...HOSTILE),
        ];
        if (name === 'format') options.unshift(fc.constantFrom('json', 'xml', 'json', 'xml'));
        else if ((known[name] ?? []).length > 0) options.unshift(fc.constantFrom(...(known[name] ?? [])));
        return fc.oneof(...options).map((v) => [name, v] as const);
      }),
    )
    .map((pairs) =>
      op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const value = pairs.find(([n]) => n === name)?.[1] ?? 'x';
        // A lone surrogate cannot be percent-encoded: send the bytes of its (invalid) UTF-8.
        try {
          return encodeURIComponent(value);
        } catch {
          return '%ED%A0%80';
        }
      }),
    );

  const queryArb = fc
    .tuple(
      fc.tuple(
        ...queryParams.map((p) =>
          fc.option(
            fc.oneof(
              { weight: 4, arbitrary: gen.of(p.schema).map((v) => String(v)) },
              { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
            ),
            { freq: 2 },
          ),
        ),
      ),
      fc.option(
        fc.tuple(fc.constantFrom('__proto__', 'constructor', 'zzz', 'limit'), fc.constantFrom('1', '')),
        {
          freq: 4,
        },
      ),
    )
    .map(([values, extra]) => {
      const pairs: [string, string][] = [];
      queryParams.forEach((p, i) => {
        const v = values[i];
        if (v !== null && v !== undefined) pairs.push([p.name as string, v]);
      });
      if (extra !== null) pairs.push(extra);
      const encoded = pairs
        .map(([k, v]) => {
          try {
            return `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
          } catch {
            return `${encodeURIComponent(k)}=%ED%A0%80`;
          }
        })
        .join('&');
      return encoded === '' ? '' : `?${encoded}`;
    });

  const content = (op.spec.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  const [mediaType, media] = Object.entries(content ?? {})[0] ?? [];
  const bodyRef = ((media?.schema as Json | undefined)?.$ref as string | undefined)?.split('/').pop();
  const bodyArb: fc.Arbitrary<{ type: string; text: string } | undefined> =
    media === undefined
      ? fc.constant(undefined)
      : fc.record({
          type: fc.constantFrom(mediaType!, mediaType!, mediaType!, 'text/plain', 'application/json'),
          text: fc
            .oneof(
              { weight: 2, arbitrary: gen.of(media.schema) },
              ...(bodyRef !== undefined && FIXTURES[bodyRef] !== undefined
                ? [{ weight: 3, arbitrary: fc.constant(FIXTURES[bodyRef]) }]
                : []),
            )
            .chain((value) => mutate(value))
            .map((value) => (mediaType === 'application/json' ? JSON.stringify(value) : formEncode(value))),
        });

  const secured = Array.isArray(op.spec.security);
  const headerModel: Record<string, fc.Arbitrary<string | undefined>> = {
    authorization: secured
      ? fc.oneof(
          { weight: 6, arbitrary: fc.constant(`Bearer ${credentials.admin}`) },
          {
            weight: 1,
            arbitrary: fc.constantFrom('Bearer nope', 'Basic eA==', `Bearer ${credentials.apiKey}`),
          },
        )
      : fc.constant(undefined),
  };
  for (const p of headerParams) {
    headerModel[(p.name as string).toLowerCase()] =
      p.name === 'Idempotency-Key'
        ? fc.oneof(fc.uuid(), fc.uuid(), fc.constantFrom('short', 'x'.repeat(300)))
        : fc.option(
            gen.of(p.schema).map((v) => String(v).replace(/[^\x20-\x7e]/g, '')),
            { nil: undefined },
          );
  }
  const headerArb = fc.record(headerModel, {
    requiredKeys: [
      ...(secured ? ['authorization'] : []),
      ...headerParams.filter((p) => p.required === true).map((p) => (p.name as string).toLowerCase()),
    ],
  });

  return fc
    .tuple(pathArb, queryArb, bodyArb, headerArb, fc.boolean())
    .map(([path, query, body, headers, key]) => {
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers as Record<string, unknown>))
        if (typeof v === 'string' && v !== '') h[k] = v;
      let text = body?.text;
      if (body !== undefined) {
        h['content-type'] = body.type;
        if (mediaType === 'application/x-www-form-urlencoded' && key)
          text = `${text ?? ''}&api_key=${encodeURIComponent(credentials.apiKey)}`;
      }
      return {
        method: op.method.toUpperCase(),
        url: `${base}${path}${query}`,
        headers: h,
        ...(text !== undefined ? { body: text } : {}),
      };
    });
}

// ---------------------------------------------------------------------------
// Checking an answer against the document

interface Tally {
  requests: number;
  serverErrors: number;
  undocumented: number;
  statuses: Map<number, number>;
  /** `method path` of every operation that answered at least once. */
  answered: Set<string>;
}

function checkAgainstDocument(
  gen: Generator,
  validators: Map<string, ValidateFunction>,
  ajv: Ajv2020,
  op: Op,
  request: Request,
  status: number,
  headers: Headers,
  text: string,
  tally: Tally,
): void {
  const where = `${request.method} ${request.url} → ${status}`;
  tally.requests += 1;
  tally.answered.add(`${op.method} ${op.path}`);
  tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
  if (status >= 500 && status !== 503) tally.serverErrors += 1;
  assert.ok(status < 500 || status === 503, `${where}: server error ${text.slice(0, 300)}`);
  const responses = op.spec.responses as Record<string, Json>;
  const documented = responses[String(status)];
  if (documented === undefined) tally.undocumented += 1;
  assert.ok(
    documented !== undefined,
    `${where}: undocumented status (documented: ${Object.keys(responses).join(', ')}) ${text.slice(0, 300)}`,
  );
  const content = (gen.resolve(documented).content ?? {}) as Record<string, Json>;
  const type = (headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (text === '') return;
  const media = content[type];
  assert.ok(
    media !== undefined,
    `${where}: media type ${type || '(none)'} not documented (${Object.keys(content).join(', ') || 'no body'})`,
  );
  const schema = media.schema as Json | undefined;
  if (schema === undefined) return;
  if (type.endsWith('xml')) {
    const name = ((gen.resolve(schema).xml ?? {}) as Json).name;
    const root = /<([A-Za-z_][\w.-]*)[\s>/]/.exec(text.replace(/^<\?xml[^>]*\?>\s*/, ''))?.[1];
    if (typeof name === 'string') assert.equal(root, name, `${where}: XML root element`);
    return;
  }
  if (!type.endsWith('json')) return;
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (validate === undefined) {
    validate = ajv.compile({ $ref: `openapi.json#${(schema.$ref as string | undefined)?.slice(1) ?? ''}` });
    if (schema.$ref === undefined) validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  assert.ok(
    validate(JSON.parse(text)),
    `${where}: body does not match the document: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 300)}`,
  );
}

// ---------------------------------------------------------------------------

for (const target of targets()) {
  describe(`generated requests against the served OpenAPI document (${target.name})`, () => {
    let s: TestServer;
    let doc: Json;
    let gen: Generator;
    let ajv: Ajv2020;
    const validators = new Map<string, ValidateFunction>();
    const known: Record<string, string[]> = {};
    const credentials = { admin: '', apiKey: '' };
    const tally: Tally = {
      requests: 0,
      serverErrors: 0,
      undocumented: 0,
      statuses: new Map(),
      answered: new Set(),
    };
    let deadline = 0;

    before(async () => {
      s = await startTestServer(target, { seed: true, config: { rateLimitPerMinute: 0 } });
      credentials.admin = (
        await createAdminToken(s.db, new Date(), { name: 'fuzz', scopes: [...ADMIN_TOKEN_SCOPES] })
      ).token;
      credentials.apiKey = (await createOpen311Key(s.db, new Date(), 'fuzz')).key;
      doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as Json;
      gen = new Generator(doc);
      ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
      addFormats.default(ajv);
      ajv.addSchema({ $id: 'openapi.json', components: doc.components });
      const ids = async (sql: string) => (await s.db.query<{ v: string }>(sql)).map((r) => r.v);
      const cafes = await ids('SELECT id AS v FROM cafes ORDER BY id LIMIT 3');
      const priorities = await ids('SELECT id AS v FROM priorities ORDER BY id LIMIT 2');
      const references = await ids('SELECT reference AS v FROM concerns ORDER BY reference LIMIT 3');
      Object.assign(known, {
        id: [...cafes, ...priorities],
        reference: references,
        service_request_id: references,
        service_code: ['depots-sauvages', 'bruit', 'danger-immediat'],
        token: await ids('SELECT open311_token AS v FROM concerns ORDER BY reference LIMIT 3'),
      });
      deadline = Date.now() + SECONDS * 1000;
    });
    after(async () => {
      await s.close();
    });

    test('every operation of the served document is exercised; 0 5xx, 0 undocumented statuses', async (t) => {
      const ops: Op[] = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(
        ([path, item]) => Object.entries(item).map(([method, spec]) => ({ method, path, spec })),
      );
      assert.ok(ops.length >= 30, `${ops.length} operations in the served document`);
      const perOperation = Math.max(3, Math.ceil(RUNS / ops.length));
      const failures: string[] = [];
      for (const [index, op] of ops.entries()) {
        // Past the deadline each operation left still gets one request (not skipped): every
        // operation is exercised, and the run stays bounded.
        const remaining = deadline - Date.now();
        const arb = requestArbitrary(gen, op, s.url, known, credentials);
        const details = await fc.check(
          fc.asyncProperty(arb, async (request) => {
            let res: Response;
            try {
              res = await fetch(request.url, {
                method: request.method,
                headers: request.headers,
                // The server's own answer, not the page a redirect leads to (the OIDC callback).
                redirect: 'manual',
                ...(request.body !== undefined ? { body: request.body } : {}),
              });
            } catch (error) {
              if (error instanceof TypeError) return; // fetch refused to send it (not the server's answer)
              throw error;
            }
            const text = await res.text();
            if (process.env.PROXIMITE_FUZZ_TRACE)
              console.log(`${request.method} ${request.url} → ${res.status} ${text.slice(0, 160)}`);
            checkAgainstDocument(gen, validators, ajv, op, request, res.status, res.headers, text, tally);
          }),
          {
            seed: SEED + index,
            numRuns: remaining > 0 ? perOperation : 1,
            // At least 5 s: fast-check counts an operation whose first run the time limit cut off as
            // failed, and one request (a password hash, a PGlite write) can take over 1 s on a loaded
            // machine once the operations of issue 14 have shared out the deadline.
            interruptAfterTimeLimit: Math.max(5000, Math.floor(remaining / (ops.length - index))),
            markInterruptAsFailure: false,
            endOnFailure: true,
          },
        );
        if (details.failed)
          failures.push(
            `${op.method.toUpperCase()} ${op.path}: ${details.errorInstance instanceof Error ? details.errorInstance.message : 'failed'}`,
          );
      }
      const statuses = [...tally.statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}×${n}`)
        .join(' ');
      t.diagnostic(
        `${tally.requests} requests over ${ops.length} operations (seed ${SEED}): ${tally.serverErrors} 5xx, ${tally.undocumented} undocumented statuses; ${statuses}`,
      );
      assert.deepEqual(failures, []);
      assert.deepEqual(
        ops.map((op) => `${op.method} ${op.path}`).filter((op) => !tally.answered.has(op)),
        [],
        'every operation answered at least one request',
      );
      assert.equal(tally.serverErrors, 0);
      assert.equal(tally.undocumented, 0);
      assert.ok(tally.requests >= Math.min(RUNS, ops.length * 3) / 2, `${tally.requests} requests sent`);
    });
  });
}
