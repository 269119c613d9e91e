import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
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
  ['get', '/v1/meeting-reports'],
  ['get', '/v1/cafes/{id}/report'],
  ['get', '/v1/priorities.atom'],
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
  ['get', '/v1/admin/concerns'],
  ['get', '/v1/admin/concerns/{reference}'],
  ['post', '/v1/admin/concerns/{reference}/triage'],
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
    const names = (doc.paths['/v1/stats'].get.parameters as Json[]).map((p) => p.name);
    assert.deepEqual(names, ['area', 'indicators', 'from', 'to']);
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
