/**
 * Builds the OpenAPI 3.1 document of the contract from the zod schemas (zod 4 JSON Schema
 * conversion, draft 2020-12 — the dialect of OpenAPI 3.1) and the operation table.
 */
import * as z from 'zod/mini';
import { SafeUrl, TEXT_PATTERN, applyRefinementDocs, describeRefinements } from './common.js';
import { OPEN311_XML } from './open311.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { STAFF_SESSION_COOKIE } from './staff.js';
import { HEADERS, operations, schemas } from './operations.js';
import type { Operation, ResponseSpec, SchemaName } from './operations.js';

/** Version of the contract (the `info.version` of the document). */
export const CONTRACT_VERSION = '0.1.0';

export interface BuildOpenApiOptions {
  /** Base URL of the server, e.g. `https://proximite.amiens.fr`. Omitted: a relative `/` server. */
  serverUrl?: string;
}

type Json = Record<string, unknown>;

// isSafeUrl refuses NUL and lone surrogates; say so as the pattern every input string has.
describeRefinements(SafeUrl, (json) => {
  json.pattern = TEXT_PATTERN.source;
});

const ref = (name: SchemaName): Json => ({ $ref: `#/components/schemas/${name}` });

function jsonSchemaOf(schema: z.ZodMiniType): Json {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: applyRefinementDocs,
  }) as Json;
  delete json.$schema;
  return json;
}

interface ObjectLike {
  shape: Record<string, z.ZodMiniType>;
}

function queryParameters(name: SchemaName): Json[] {
  const schema = schemas[name] as unknown as ObjectLike;
  return Object.entries(schema.shape).map(([key, field]) => {
    const required = (field as unknown as { _zod: { optin?: string } })._zod.optin !== 'optional';
    return { name: key, in: 'query', required, schema: jsonSchemaOf(field) };
  });
}

function response(spec: ResponseSpec): Json {
  const out: Json = { description: spec.description };
  if (spec.headers !== undefined) {
    out.headers = Object.fromEntries(spec.headers.map((h) => [h, { $ref: `#/components/headers/${h}` }]));
  }
  if (spec.schema !== undefined) {
    const types = spec.contentTypes ?? [
      spec.schema === 'Problem' ? PROBLEM_CONTENT_TYPE : 'application/json',
    ];
    out.content = Object.fromEntries(types.map((t) => [t, { schema: ref(spec.schema as SchemaName) }]));
  } else if (spec.contentTypes !== undefined) {
    out.content = Object.fromEntries(
      spec.contentTypes.map((t) => [t, { schema: { type: /json/.test(t) ? 'object' : 'string' } }]),
    );
  }
  return out;
}

function operationObject(op: Operation): Json {
  const parameters: Json[] = (op.params ?? []).map((param) => ({
    name: param.name,
    in: param.in,
    required: param.required,
    description: param.description,
    schema: jsonSchemaOf(param.schema),
  }));
  if (op.query !== undefined) parameters.push(...queryParameters(op.query));
  const out: Json = {
    operationId: op.id,
    summary: op.summary,
    tags: [op.tag],
  };
  if (op.description !== undefined) out.description = op.description;
  if (parameters.length > 0) out.parameters = parameters;
  if (op.body !== undefined) {
    out.requestBody = { required: true, content: { [op.body.contentType]: { schema: ref(op.body.schema) } } };
  }
  out.responses = Object.fromEntries(
    Object.entries(op.responses).map(([status, spec]) => [status, response(spec)]),
  );
  if (op.scopes !== undefined) {
    out.security = [{ bearerAuth: [...op.scopes] }, { staffSession: [] }];
    if (op.scopes.length > 0) out['x-scopes'] = [...op.scopes];
  } else if (op.session === true) {
    out.security = [{ staffSession: [] }];
  }
  return out;
}

/**
 * Adds OpenAPI `xml` objects to an Open311 schema: the root element's name, `wrapped` arrays, and
 * the element name of their items (see {@link OPEN311_XML}).
 */
function describeXml(schema: Json, name: string, items: Readonly<Record<string, string>>): void {
  schema.xml = schema.type === 'array' ? { name, wrapped: true } : { name };
  const itemName = items[name];
  if (schema.type === 'array' && schema.items !== null && typeof schema.items === 'object') {
    const item = schema.items as Json;
    if (itemName !== undefined) item.xml = { name: itemName };
    walkXml(item, items);
  } else walkXml(schema, items);
}

function walkXml(schema: Json, items: Readonly<Record<string, string>>): void {
  const properties = schema.properties as Record<string, Json> | undefined;
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (value.type === 'array') describeXml(value, key, items);
    else if (value.type === 'object') walkXml(value, items);
  }
}

/** The JSON Schemas of every named schema, as `components.schemas` (refs between them resolved). */
export function buildComponentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema as z.ZodMiniType, { id });
  const { schemas: converted } = z.toJSONSchema(registry, {
    io: 'input',
    unrepresentable: 'any',
    override: applyRefinementDocs,
    uri: (id) => `#/components/schemas/${id}`,
  });
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(converted)) {
    const json = { ...(schema as Json) };
    delete json.$schema;
    delete json.$id;
    if (Object.hasOwn(OPEN311_XML, id)) {
      const { root, items } = OPEN311_XML[id as keyof typeof OPEN311_XML];
      describeXml(json, root, items);
    }
    out[id] = json;
  }
  return out;
}

/**
 * What a service's webhook receives (OpenAPI 3.1 `webhooks`): one POST per event, signed as the
 * Standard Webhooks specification says.
 */
function webhookDocs(): Record<string, Json> {
  const headers = {
    'webhook-id': 'The message id: the same on every retry of one event, so receivers de-duplicate by it.',
    'webhook-timestamp': 'Seconds since the epoch when this attempt was signed.',
    'webhook-signature':
      '`v1,` and the base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` with the secret (the bytes after `whsec_`, base64-decoded).',
  };
  const descriptions: Record<string, string> = {
    'concern.created': 'A new concern was routed to the service.',
    'concern.routed': 'A concern was handed from one service to another (both receive it).',
    'concern.updated': 'A concern of the service changed status or got a public update.',
  };
  return Object.fromEntries(
    Object.entries(descriptions).map(([type, description]) => [
      type,
      {
        post: {
          summary: type,
          description: `${description} Answer 2xx within 15 s; anything else is retried with back-off for at least 24 h, with the same webhook-id.`,
          parameters: Object.entries(headers).map(([name, d]) => ({
            name,
            in: 'header',
            required: true,
            description: d,
            schema: { type: 'string' },
          })),
          requestBody: { required: true, content: { 'application/json': { schema: ref('WebhookEvent') } } },
          responses: { 200: { description: 'Received (any 2xx).' } },
        },
      },
    ]),
  );
}

/** The OpenAPI 3.1.0 document: every operation of {@link operations}, every schema of {@link schemas}. */
export function buildOpenApiDocument(options: BuildOpenApiOptions = {}): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations as readonly Operation[]) {
    const item = (paths[op.path] ??= {});
    item[op.method] = operationObject(op);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Proximité API',
      version: CONTRACT_VERSION,
      summary: 'Cafés with a police officer, residents’ concerns, rights and public figures.',
      description:
        'Public reads are cacheable; POST /v1/concerns is safe to retry with an Idempotency-Key. Errors are application/problem+json (RFC 9457), except under /open311/v2 which follows GeoReport v2. Response objects may gain fields and enums may gain values: clients must ignore what they do not know.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    tags: [
      { name: 'cafes', description: 'Cafés with a police officer and other public meetings.' },
      { name: 'concerns', description: 'Residents report concerns; receipts and public status.' },
      { name: 'priorities', description: '"You said, we did".' },
      { name: 'rights', description: 'Residents’ rights, sourced and dated.' },
      { name: 'stats', description: 'Recorded crime (official open data) and municipal police activity.' },
      {
        name: 'admin',
        description:
          'A scoped bearer token or a staff session whose role holds the scopes; every change is written to the audit log.',
      },
      { name: 'staff', description: 'Staff sign-in: sessions (cookie + CSRF token).' },
      { name: 'open311', description: 'Open311 GeoReport v2 (JSON and XML).' },
      { name: 'meta', description: 'Health and this document.' },
    ],
    paths,
    webhooks: webhookDocs(),
    components: {
      schemas: buildComponentSchemas(),
      headers: Object.fromEntries(
        Object.entries(HEADERS).map(([name, h]) => [
          name,
          { description: h.description, schema: { ...h.schema } },
        ]),
      ),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Opaque admin token (created with POST /v1/admin/tokens). Each operation lists the scopes it needs: cafes:write, concerns:triage, content:write, stats:write, tokens:write, staff:write, concerns:share, oversight:read, services:write, deliveries:write.',
        },
        staffSession: {
          type: 'apiKey',
          in: 'cookie',
          name: STAFF_SESSION_COOKIE,
          description:
            'The session of a signed-in staff member (POST /v1/staff/session), named `__Host-proximite_session` when the server is served over HTTPS. Its role must hold the scopes of the operation (ROLE_SCOPES). Every write made with it also needs the header `X-CSRF-Token` (from the session response) and an allowed `Origin`.',
        },
      },
    },
  };
}
