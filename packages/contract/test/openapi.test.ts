import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '../src/openapi.js';
import { operations, schemas } from '../src/operations.js';
import type { Operation } from '../src/operations.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

const doc = buildOpenApiDocument({ serverUrl: 'https://proximite.amiens.fr' }) as Json;

const REQUIRED: [string, string][] = [
  ['get', '/v1/cafes'],
  ['get', '/v1/cafes/{id}'],
  ['get', '/v1/cafes.ics'],
  ['get', '/v1/cafes/{id}.ics'],
  ['get', '/v1/districts'],
  ['get', '/v1/concern-categories'],
  ['post', '/v1/concerns'],
  ['get', '/v1/concerns/{reference}'],
  ['get', '/v1/concerns/{reference}/feed.atom'],
  ['post', '/v1/concerns/{reference}/feedback'],
  ['post', '/v1/concerns/{reference}/email'],
  ['get', '/v1/concerns/{reference}/unsubscribe'],
  ['post', '/v1/concerns/{reference}/unsubscribe'],
  ['get', '/v1/admin/templates'],
  ['post', '/v1/admin/templates'],
  ['put', '/v1/admin/templates/{id}'],
  ['delete', '/v1/admin/templates/{id}'],
  ['post', '/v1/admin/concerns/{reference}/preview'],
  ['get', '/v1/meeting-reports'],
  ['get', '/v1/cafes/{id}/report'],
  ['get', '/v1/priorities.atom'],
  ['get', '/v1/reports/{period}'],
  ['get', '/v1/reports/{period}.html'],
  ['get', '/v1/admin/cafes/{id}/report'],
  ['put', '/v1/admin/cafes/{id}/report'],
  ['delete', '/v1/admin/cafes/{id}/report'],
  ['get', '/v1/priorities'],
  ['get', '/v1/rights'],
  ['get', '/v1/stats'],
  ['get', '/v1/admin/tokens'],
  ['post', '/v1/admin/tokens'],
  ['delete', '/v1/admin/tokens/{id}'],
  ['post', '/v1/admin/cafes'],
  ['put', '/v1/admin/cafes/{id}'],
  ['delete', '/v1/admin/cafes/{id}'],
  ['post', '/v1/admin/cafes/{id}/cancel'],
  ['post', '/v1/admin/cafes/{id}/concerns'],
  ['post', '/v1/admin/cafes/{id}/duplicate'],
  ['post', '/v1/admin/cafes/import'],
  ['get', '/v1/admin/cafes'],
  ['get', '/v1/admin/cafes/{id}'],
  ['get', '/v1/admin/concerns'],
  ['get', '/v1/admin/concerns/{reference}'],
  ['get', '/v1/admin/concerns/{reference}/assignees'],
  ['post', '/v1/admin/concerns/bulk'],
  ['get', '/v1/admin/concerns.csv'],
  ['post', '/v1/admin/concerns/{reference}/triage'],
  ['get', '/v1/admin/priorities'],
  ['post', '/v1/admin/priorities/{id}/publish'],
  ['post', '/v1/admin/priorities'],
  ['put', '/v1/admin/priorities/{id}'],
  ['delete', '/v1/admin/priorities/{id}'],
  ['put', '/v1/admin/stats/activity'],
  ['get', '/v1/admin/rights/overrides'],
  ['put', '/v1/admin/rights/overrides'],
  ['post', '/v1/admin/concerns/{reference}/share'],
  ['get', '/v1/admin/oversight/concerns'],
  ['get', '/v1/admin/oversight/concerns/{reference}'],
  ['get', '/v1/admin/staff'],
  ['post', '/v1/admin/staff'],
  ['get', '/v1/admin/staff/{id}'],
  ['patch', '/v1/admin/staff/{id}'],
  ['post', '/v1/admin/staff/{id}/password-reset'],
  ['post', '/v1/admin/staff/{id}/totp-reset'],
  ['get', '/v1/admin/services'],
  ['post', '/v1/admin/services'],
  ['get', '/v1/admin/services/{id}'],
  ['put', '/v1/admin/services/{id}'],
  ['delete', '/v1/admin/services/{id}'],
  ['get', '/v1/admin/routing-rules'],
  ['put', '/v1/admin/routing-rules'],
  ['get', '/v1/admin/deliveries'],
  ['post', '/v1/admin/deliveries/{id}/retry'],
  ['post', '/v1/staff/totp'],
  ['post', '/v1/staff/totp/confirm'],
  ['post', '/v1/staff/password'],
  ['post', '/v1/staff/password-reset'],
  ['post', '/v1/staff/links/inspect'],
  ['post', '/v1/staff/links/redeem'],
  ['get', '/v1/staff/oidc/providers'],
  ['get', '/v1/staff/oidc/login'],
  ['get', '/v1/staff/oidc/callback'],
  ['post', '/v1/staff/session'],
  ['get', '/v1/staff/session'],
  ['delete', '/v1/staff/session'],
  ['get', '/v1/admin/audit'],
  ['get', '/v1/admin/audit/verify'],
  ['get', '/open311/v2/discovery.{format}'],
  ['get', '/open311/v2/services.{format}'],
  ['get', '/open311/v2/services/{service_code}.{format}'],
  ['get', '/open311/v2/requests.{format}'],
  ['post', '/open311/v2/requests.{format}'],
  ['get', '/open311/v2/requests/{service_request_id}.{format}'],
  ['get', '/open311/v2/tokens/{token}.{format}'],
  ['get', '/openapi.json'],
  ['get', '/healthz'],
];

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

/** JSON-pointer-ish names of the strings sent by clients that a NUL or a lone surrogate would pass. */
function unguardedStrings(document: Json): string[] {
  const hostile = ['\u0000', 'a\u0000', '\u0000a', 'a\u0000b', '1\u00002', '\ud800', 'a\udfff', 'a\ud800b'];
  const guarded = (node: Json): boolean => {
    if (node.enum !== undefined || node.const !== undefined) return true;
    const patterns = [node.pattern, ...((node.allOf ?? []) as Json[]).map((x) => x.pattern)].filter(
      (x): x is string => typeof x === 'string',
    );
    return patterns.some((x) => hostile.every((h) => !new RegExp(x, 'u').test(h)));
  };
  const out = new Set<string>();
  const walk = (node: unknown, where: string, seen: Set<string>): void => {
    if (node === null || typeof node !== 'object') return;
    const n = node as Json;
    if (typeof n.$ref === 'string') {
      if (seen.has(n.$ref)) return;
      const target = (n.$ref as string)
        .slice(2)
        .split('/')
        .reduce<Json>((at, key) => at[key] as Json, document);
      walk(target, n.$ref, new Set([...seen, n.$ref]));
      return;
    }
    const types = ([] as unknown[]).concat(n.type ?? []);
    if (types.includes('string') && !guarded(n)) out.add(where);
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'])
      ((n[key] ?? []) as Json[]).forEach((x, i) => walk(x, `${where}/${key}/${i}`, seen));
    for (const key of ['items', 'additionalProperties', 'propertyNames', 'not'])
      if (n[key] !== undefined) walk(n[key], `${where}/${key}`, seen);
    for (const [name, x] of Object.entries((n.properties ?? {}) as Json))
      walk(x, `${where}/properties/${name}`, seen);
  };
  for (const [path, item] of Object.entries(document.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json) as [string, Json][]) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const param of (op.parameters ?? []) as Json[]) {
        const before = out.size;
        walk(param.schema, `${where} ${param.in as string} ${param.name as string}`, new Set());
        if (out.size > before) {
          // Report the parameter itself, not the inner node.
          for (const x of [...out].slice(before)) out.delete(x);
          out.add(`${where} ${param.in as string} ${param.name as string}`);
        }
      }
      for (const media of Object.values((op.requestBody?.content ?? {}) as Json) as Json[]) {
        const before = out.size;
        walk(media.schema, `${where} body`, new Set());
        const found = [...out].slice(before);
        for (const x of found) {
          out.delete(x);
          out.add(`${where} body ${x}`);
        }
      }
    }
  }
  return [...out].sort();
}

/** An ajv (JSON Schema 2020-12) validator of a component of `document`, its $refs resolved in it. */
function componentValidator(document: Json, name: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'https://proximite.test/openapi.json', components: document.components });
  const validate = ajv.getSchema(`https://proximite.test/openapi.json#/components/schemas/${name}`);
  assert.ok(validate, name);
  return validate;
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    assert.equal(validator.version, '3.1');
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  });
  it('the validator does reject a broken document (the test can fail)', async () => {
    const broken = structuredClone(doc);
    broken.paths['/v1/cafes'].get.parameters[0].in = 'body';
    delete broken.info;
    const result = await new Validator().validate(broken);
    assert.equal(result.valid, false);
  });
  it('covers every path of the contract, and nothing undeclared', () => {
    for (const [method, path] of REQUIRED)
      assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`);
    const declared = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
      Object.keys(item as Json).map((m) => `${m} ${path}`),
    );
    assert.deepEqual(declared.sort(), REQUIRED.map(([m, p]) => `${m} ${p}`).sort());
  });
  it('every $ref resolves', () => {
    for (const ref of refs(doc)) {
      const [, section, kind, name] = ref.split('/');
      assert.equal(section, 'components');
      assert.ok(doc.components[kind as string]?.[name as string], ref);
    }
  });
  it('every /v1 error is application/problem+json with the Problem schema; Open311 errors use their array', () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const op of Object.values(item as Json) as Json[]) {
        for (const [status, res] of Object.entries(op.responses as Json) as [string, Json][]) {
          if (Number(status) < 400) continue;
          const content = Object.entries(res.content ?? {}) as [string, Json][];
          assert.ok(content.length > 0, `${path} ${status} has a body`);
          for (const [type, media] of content) {
            if (path.startsWith('/open311/'))
              assert.equal(media.schema.$ref, '#/components/schemas/Open311ErrorList');
            else {
              assert.equal(type, 'application/problem+json', `${path} ${status}`);
              assert.equal(media.schema.$ref, '#/components/schemas/Problem');
            }
          }
        }
      }
    }
  });
  it('Open311 answers in JSON and in XML as text/xml (GeoReport v2), errors included', () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      if (!path.startsWith('/open311/')) continue;
      for (const op of Object.values(item as Json) as Json[])
        for (const [status, res] of Object.entries(op.responses as Json) as [string, Json][])
          assert.deepEqual(
            Object.keys(res.content ?? {}),
            ['application/json', 'text/xml'],
            `${path} ${status}`,
          );
    }
  });
  it('admin operations need a bearer token with scopes or a staff session; public ones neither', () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json) as [string, Json][]) {
        if (path.startsWith('/v1/admin/')) {
          assert.deepEqual(op.security, [{ bearerAuth: op['x-scopes'] ?? [] }, { staffSession: [] }], path);
          assert.ok(op.responses['401'] && op.responses['403'], path);
        } else if (
          (path === '/v1/staff/session' && method !== 'post') ||
          ['/v1/staff/totp', '/v1/staff/totp/confirm', '/v1/staff/password'].includes(path)
        ) {
          assert.deepEqual(op.security, [{ staffSession: [] }], `${method} ${path}`);
        } else assert.equal(op.security, undefined, `${method} ${path}`);
      }
    }
    assert.deepEqual(doc.paths['/v1/admin/cafes'].post.security, [
      { bearerAuth: ['cafes:write'] },
      { staffSession: [] },
    ]);
    assert.equal(doc.components.securitySchemes.staffSession.in, 'cookie');
  });
  it('POST /v1/concerns: Idempotency-Key, replay header, 409/422/429 with Retry-After', () => {
    const op = doc.paths['/v1/concerns'].post;
    const key = op.parameters.find((p: Json) => p.name === 'Idempotency-Key');
    assert.equal(key.in, 'header');
    assert.equal(key.required, true);
    assert.ok(op.responses['201'] && op.responses['409'] && op.responses['422']);
    assert.ok(op.responses['200'].headers['Idempotent-Replayed']);
    assert.ok(op.responses['429'].headers['Retry-After']);
    assert.equal(op.requestBody.content['application/json'].schema.$ref, '#/components/schemas/ConcernInput');
  });
  it('GET /v1/concerns/{reference} takes the token or the tracking code in the query', () => {
    const params = doc.paths['/v1/concerns/{reference}'].get.parameters as Json[];
    assert.deepEqual(
      params.map((p) => `${p.in}:${p.name}:${String(p.required)}`),
      ['path:reference:true', 'query:token:false', 'query:code:false'],
    );
  });
  it('inputs are closed, responses are open', () => {
    const c = doc.components.schemas;
    assert.equal(c.ConcernInput.additionalProperties, false);
    assert.equal(c.CafeInput.additionalProperties, false);
    assert.equal(c.Cafe.additionalProperties, undefined);
    assert.deepEqual(c.Cafe.properties.mode.anyOf, [
      { type: 'string', enum: ['in-person', 'online', 'hybrid'] },
      { type: 'string' },
    ]);
    assert.equal(c.ConcernInput.properties.description.maxLength, 4000);
  });
  it('stats query parameters', () => {
    const names = (doc.paths['/v1/stats'].get.parameters as Json[])
      .filter((p) => p.in === 'query')
      .map((p) => p.name);
    assert.deepEqual(names, ['area', 'indicators', 'from', 'to']);
  });
  it('every string a client sends refuses NUL characters and lone surrogates (pattern, enum or const)', () => {
    const missing = unguardedStrings(doc);
    assert.deepEqual(
      missing,
      [],
      `input strings without the text rule (use textInput):\n${missing.join('\n')}`,
    );
    // The walk finds a string without the rule (so the check above can fail).
    const broken = structuredClone(doc);
    broken.components.schemas.ConcernInput.properties.description = { type: 'string', maxLength: 10 };
    broken.paths['/v1/cafes'].get.parameters.push({ name: 'q', in: 'query', schema: { type: 'string' } });
    assert.deepEqual(unguardedStrings(broken), [
      'GET /v1/cafes query q',
      'POST /v1/concerns body #/components/schemas/ConcernInput/properties/description',
    ]);
  });
  it('the location of a concern: an address, a point or a district (`{}` and a lone lat are invalid)', () => {
    const validate = componentValidator(doc, 'ConcernInput');
    const input = (location: unknown) => ({ categoryCode: 'bruit', description: 'x', location });
    for (const ok of [{ address: 'Rue Motte' }, { lat: 49.9, lon: 2.3 }, { districtId: 'saint-leu' }])
      assert.ok(validate(input(ok)), JSON.stringify([ok, validate.errors]));
    for (const bad of [{}, { lat: 49.9 }, { lon: 2.3 }, { address: 'x', lat: 49.9 }, { zzz: 1 }])
      assert.equal(validate(input(bad)), false, JSON.stringify(bad));
  });
  it('documents what the server answers: 304, malformed JSON, 413, origin refusals, 503', () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json) as [string, Json][]) {
        const where = `${method.toUpperCase()} ${path}`;
        const statuses = Object.keys(op.responses as Json).map(Number);
        const params = (op.parameters ?? []) as Json[];
        assert.ok(statuses.includes(503), `${where} 503`);
        assert.ok(op.responses['503'].headers['Retry-After'], `${where} 503 Retry-After`);
        if (params.some((x) => x.in === 'query' || x.in === 'path')) assert.ok(statuses.includes(400), where);
        if (op.requestBody !== undefined) {
          assert.ok(statuses.includes(400) && statuses.includes(413), `${where} 400 and 413`);
          if (op.requestBody.content['application/json'])
            assert.ok(statuses.includes(415) && statuses.includes(422), `${where} 415 and 422`);
        }
        if (method !== 'get') assert.ok(statuses.includes(403), `${where} 403 (origin)`);
        if (statuses.includes(304)) {
          assert.ok(
            params.some((x) => x.in === 'header' && x.name === 'If-None-Match'),
            where,
          );
          assert.ok(op.responses['200'].headers.ETag, `${where} ETag`);
        }
      }
    }
    const cacheable = Object.entries(doc.paths as Json)
      .filter(([, item]) => (item as Json).get?.responses['304'])
      .map(([path]) => path);
    assert.deepEqual(cacheable.sort(), [
      '/openapi.json',
      '/v1/cafes',
      '/v1/cafes.ics',
      '/v1/cafes/{id}',
      '/v1/cafes/{id}.ics',
      '/v1/cafes/{id}/report',
      '/v1/concern-categories',
      '/v1/districts',
      '/v1/meeting-reports',
      '/v1/priorities',
      '/v1/priorities.atom',
      '/v1/reports/{period}',
      '/v1/reports/{period}.html',
      '/v1/rights',
      '/v1/stats',
    ]);
    const ics = doc.paths['/v1/cafes/{id}.ics'].get;
    assert.ok((ics.parameters as Json[]).some((x) => x.in === 'query' && x.name === 'lang'));
    assert.ok(ics.responses['400']);
    assert.ok(doc.paths['/v1/admin/cafes'].post.responses['400']);
    assert.ok(doc.paths['/open311/v2/requests.{format}'].post.responses['413']);
  });
  it('Open311 errors and bodies are described in JSON and in XML (element names)', () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      if (!path.startsWith('/open311/')) continue;
      for (const op of Object.values(item as Json) as Json[]) {
        for (const [status, res] of Object.entries(op.responses as Json) as [string, Json][]) {
          if (status === '503' || Number(status) < 400) continue;
          assert.deepEqual(Object.keys(res.content), ['application/json', 'text/xml'], `${path} ${status}`);
        }
      }
    }
    const c = doc.components.schemas;
    assert.deepEqual(c.Open311ErrorList.xml, { name: 'errors', wrapped: true });
    assert.deepEqual(c.Open311ErrorList.items.xml, { name: 'error' });
    assert.deepEqual(c.Open311ServiceList.items.xml, { name: 'service' });
    assert.deepEqual(c.Open311RequestList.xml, { name: 'service_requests', wrapped: true });
    assert.deepEqual(c.Open311Discovery.properties.endpoints.items.xml, { name: 'endpoint' });
  });
  it('packages/contract/openapi.json is up to date (run `npm run openapi`)', () => {
    const onDisk = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8')) as Json;
    assert.deepEqual(onDisk, buildOpenApiDocument());
  });
});

describe('operation table', () => {
  const ops = operations as readonly Operation[];
  it('has unique ids and method+path pairs, and only known schema names', () => {
    assert.equal(new Set(ops.map((o) => o.id)).size, ops.length);
    assert.equal(new Set(ops.map((o) => `${o.method} ${o.path}`)).size, ops.length);
    for (const op of ops) {
      const names = [op.query, op.body?.schema, ...Object.values(op.responses).map((r) => r.schema)].filter(
        (n) => n !== undefined,
      );
      for (const name of names) assert.ok(Object.hasOwn(schemas, name), `${op.id}: ${name}`);
      for (const param of op.path.match(/\{[^}]+\}/g) ?? []) {
        assert.ok(
          op.params?.some((p) => p.in === 'path' && `{${p.name}}` === param),
          `${op.id}: ${param}`,
        );
      }
    }
  });
});
