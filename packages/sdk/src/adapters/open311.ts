/**
 * `@proximite/sdk/adapters/open311.js` — concerns through any Open311 GeoReport v2 endpoint, in XML
 * (the format the specification requires) or JSON (optional in it).
 *
 * - `format`: `json` (default) or `xml` — the suffix of every path. Whatever the suffix, a body
 *   that is XML is read as XML (some endpoints answer XML only), and a JSON body may be wrapped as
 *   FixMyStreet wraps it (`{"services": […]}`, `{"service_requests": […]}`), with booleans and
 *   numbers as strings and `agency_responsible` as `{ recipient }`.
 * - `concerns.categories()`: `GET services.{format}` → categories; services with `metadata: true` get
 *   their fields from `GET services/{code}.{format}` (attributes with `variable: true`, in `order`).
 * - `concerns.submit()`: `POST requests.{format}`, form-encoded, with `api_key`, `jurisdiction_id`,
 *   `service_code`, `description`, `lat`/`long`, `address_string` (requests send `address_string`,
 *   responses read `address`), `attribute[code]=v` (`attribute[code][]=v` for lists), and the
 *   contact as `first_name`/`last_name`/`email`/`phone`. The answer carries a `service_request_id`
 *   or a `token` (a string or a number, as in the specification's own example), exchanged via
 *   `GET tokens/{token}.{format}` when possible; its `service_notice` is the receipt's `notice`
 *   (what the city says will happen), never the service's name.
 * - `concerns.status()`: `GET requests/{id}.{format}`; FixMyStreet's extended statuses
 *   (`external_status_code`: IN_PROGRESS, FIXED, NOT_COUNCILS_RESPONSIBILITY…) map to the contract's
 *   statuses, else `open` → `received` and `closed` → `closed`. IDs are always strings.
 * - Open311 errors (`[{ code, description }]`, `<errors><error>` in XML) become the SDK's
 *   `ApiError` classes.
 *
 * Open311 has no idempotency: a submission retried after a lost response may be stored twice by the
 * endpoint. The adapter therefore never retries a POST itself, and sends no `Idempotency-Key` header
 * (it would make browsers send a CORS preflight most Open311 servers refuse).
 * Cafés, districts, priorities, rights and stats reject with `UnsupportedOperationError`.
 */
import {
  Open311RequestCreated,
  Open311RequestList,
  Open311ServiceDefinition,
  Open311ServiceList,
  Open311TokenResult,
  fromFixMyStreetStatus,
  type CategoryField,
  type ConcernCategory,
  type ConcernInput,
  type ConcernReceipt,
  type ConcernStatusView,
  type Open311Request,
} from '@proximite/contract';
import type { ProximiteClient } from '../client.js';
import {
  NotFoundError,
  ProximiteError,
  ResponseValidationError,
  UnsupportedOperationError,
} from '../errors.js';
import { path } from '../internal/path.js';
import type { RequestOptions, SendSpec } from '../internal/transport.js';
import { validate } from '../internal/validate.js';
import { readXml } from '../internal/xml.js';
import { adapterTransport, unsupported, type AdapterOptions } from './shared.js';
import type * as z from 'zod/mini';

/** Options of {@link createOpen311Client}. */
export interface Open311ClientOptions extends AdapterOptions {
  /** Endpoint base URL, e.g. `https://ville.fr/open311/v2` (the `…/services.json` parent). */
  baseUrl: string;
  /** Required by most endpoints to POST requests (sent in the form, never in errors). */
  apiKey?: string;
  /** Only when the endpoint serves several jurisdictions (usually the city's domain). */
  jurisdictionId?: string;
  /** The format asked for: `json` (default) or `xml` (the one every GeoReport v2 endpoint serves). */
  format?: 'json' | 'xml';
}

/** The XML elements that hold lists (GeoReport v2 and FixMyStreet's extensions). */
const LISTS = new Set([
  'services',
  'service_requests',
  'attributes',
  'values',
  'errors',
  'endpoints',
  'formats',
  'service_request_updates',
]);

/** Fields that are booleans or numbers in JSON, and text in XML (or in FixMyStreet's JSON). */
const BOOLEANS = new Set(['metadata', 'variable', 'required']);
const NUMBERS = new Set(['lat', 'long', 'order']);

/** One value as the JSON form has it (see {@link open311Body}). */
function normalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v));
  if (value !== null && typeof value === 'object') {
    // FixMyStreet: `agency_responsible: { recipient: name | [names] }`.
    if (key === 'agency_responsible') {
      const names = [(value as { recipient?: unknown }).recipient ?? []].flat();
      return names.filter((n) => typeof n === 'string').join(', ') || null;
    }
    const entries = Object.entries(value).map(([k, v]) => [k, normalise(v, k)] as const);
    // Washington DC's endpoint: `<attribute>` elements without their `<attributes>` wrapper.
    const loose = entries.filter(([k]) => k === 'attribute').flatMap(([, v]) => [v].flat());
    const out = Object.fromEntries(entries.filter(([k]) => k !== 'attribute' || 'attributes' in value));
    if (loose.length > 0 && !('attributes' in value)) out.attributes = loose;
    return out;
  }
  if (typeof value === 'string') {
    if (BOOLEANS.has(key) && /^(?:true|false)$/i.test(value.trim()))
      return value.trim().toLowerCase() === 'true';
    if (NUMBERS.has(key) && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  }
  return value;
}

/**
 * The JSON value of an Open311 body: XML read as the specification maps it to JSON, the wrapper
 * of a list unwrapped (`{"services": […]}` from FixMyStreet, `<services>` from XML), booleans and
 * numbers sent as text read as such, FixMyStreet's `agency_responsible: { recipient }` as a name.
 */
export function open311Body(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '').trim();
  let value: unknown;
  if (body.startsWith('<')) [value] = Object.values(readXml(body, LISTS));
  else {
    try {
      value = JSON.parse(body) as unknown;
    } catch (error) {
      // The specification's own examples write ids as bare numbers with leading zeros (`001`).
      const quoted = body.replace(/([:[,]\s*)(0\d+)(?=\s*[,}\]])/g, '$1"$2"');
      if (quoted === body) throw error;
      value = JSON.parse(quoted) as unknown;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.length === 1 && LISTS.has(entries[0]![0]) && Array.isArray(entries[0]![1]))
        value = entries[0]![1];
    }
  }
  return normalise(value);
}

const BACKEND = 'Open311';

/** The contract status of an Open311 request (FixMyStreet extended status first). */
export function open311Status(request: Pick<Open311Request, 'status' | 'external_status_code'>): string {
  return (
    (request.external_status_code ? fromFixMyStreetStatus(request.external_status_code) : null) ??
    fromFixMyStreetStatus(request.status) ??
    (request.status === 'closed' ? 'closed' : 'received')
  );
}

/**
 * A `fetch` whose Open311 XML errors (`<errors><error>…`, or a bare `<error>text</error>`) answer as
 * the JSON error array, so the SDK's typed errors carry their descriptions.
 */
function xmlErrorsAsJson(fetchFn: typeof globalThis.fetch | undefined): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await (fetchFn ?? globalThis.fetch)(input, init);
    if (response.ok || !/xml/i.test(response.headers.get('content-type') ?? '')) return response;
    const text = await response.text();
    let errors: unknown;
    try {
      errors = open311Body(text);
    } catch {
      errors = undefined;
    }
    const list = Array.isArray(errors) ? errors : [{ code: response.status, description: errors ?? text }];
    const described = list.filter((e) => typeof (e as { description?: unknown })?.description === 'string');
    const headers = new Headers(response.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    return new Response(JSON.stringify(described), { status: response.status, headers });
  };
}

/** Splits "Prénom Nom" into Open311's first and last names. */
function splitName(name: string): { first_name: string; last_name?: string } {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return rest.length ? { first_name: first, last_name: rest.join(' ') } : { first_name: first };
}

/** The form body of `POST requests.json` for a concern. */
export function open311Form(
  input: ConcernInput,
  options: { apiKey?: string; jurisdictionId?: string },
): URLSearchParams {
  const form = new URLSearchParams();
  const add = (key: string, value: string | number | undefined): void => {
    if (value !== undefined && value !== '') form.append(key, String(value));
  };
  add('api_key', options.apiKey);
  add('jurisdiction_id', options.jurisdictionId);
  add('service_code', input.categoryCode);
  add('description', input.description);
  add('lat', input.location.lat);
  add('long', input.location.lon);
  add('address_string', input.location.address);
  for (const [code, value] of Object.entries(input.attributes ?? {})) {
    if (Array.isArray(value)) for (const v of value) add(`attribute[${code}][]`, v);
    else add(`attribute[${code}]`, value);
  }
  const contact = input.contact;
  if (contact?.name) for (const [k, v] of Object.entries(splitName(contact.name))) add(k, v);
  add('email', contact?.email);
  add('phone', contact?.phone);
  return form;
}

/** Creates a client whose concerns go to an Open311 GeoReport v2 endpoint. */
export function createOpen311Client(options: Open311ClientOptions): ProximiteClient {
  if (typeof options?.baseUrl !== 'string' || options.baseUrl === '')
    throw new TypeError('createOpen311Client: `baseUrl` is required, e.g. https://ville.fr/open311/v2');
  const transport = adapterTransport({ ...options, fetch: xmlErrorsAsJson(options.fetch) }, options.baseUrl);
  const jurisdiction = { jurisdiction_id: options.jurisdictionId };
  const serviceNames = new Map<string, string>();
  const format = options.format ?? 'json';
  transport.config.headers.accept =
    format === 'xml'
      ? 'text/xml, application/xml;q=0.9, */*;q=0.1'
      : 'application/json, text/xml;q=0.5, */*;q=0.1';

  /** Sends a request and validates its body, JSON or XML. */
  const read = async <T>(
    spec: SendSpec,
    schema: z.ZodMiniType<T>,
    requestOptions?: RequestOptions,
  ): Promise<T> => {
    const response = await transport.send({ ...spec, path: `${spec.path}.${format}` }, requestOptions);
    let data: unknown;
    try {
      data = response.text.trim() === '' ? undefined : open311Body(response.text);
    } catch (error) {
      throw new ResponseValidationError(
        [
          {
            path: [],
            message: `the body is neither JSON nor XML (${(error as Error).message})`,
            code: 'invalid_body',
          },
        ],
        { request: { method: spec.method, url: response.url }, status: response.status },
      );
    }
    return validate(schema, data, { method: spec.method, url: response.url }, response.status) as T;
  };

  const categories = async (requestOptions?: RequestOptions): Promise<ConcernCategory[]> => {
    const services = await read(
      { method: 'GET', path: '/services', query: jurisdiction },
      Open311ServiceList,
      requestOptions,
    );
    return Promise.all(
      services.map(async (service): Promise<ConcernCategory> => {
        serviceNames.set(service.service_code, service.service_name);
        let fields: CategoryField[] = [];
        if (service.metadata) {
          const definition = await read(
            { method: 'GET', path: path`/services/${service.service_code}`, query: jurisdiction },
            Open311ServiceDefinition,
            requestOptions,
          );
          fields = definition.attributes
            .filter((a) => a.variable ?? true)
            .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
            .map((a) => ({
              code: a.code,
              label: { fr: a.description || a.code },
              ...(a.datatype_description ? { description: { fr: a.datatype_description } } : {}),
              datatype: a.datatype,
              required: a.required ?? false,
              order: a.order ?? 0,
              ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: { fr: v.name } })) } : {}),
            }));
        }
        return {
          code: service.service_code,
          label: { fr: service.service_name },
          ...(service.group ? { group: { fr: service.group } } : {}),
          ...(service.description ? { description: { fr: service.description } } : {}),
          service: { id: service.service_code, name: { fr: service.service_name } },
          fields,
        };
      }),
    );
  };

  /** The request id of a token, or `undefined` while the endpoint has not assigned one. */
  const idOfToken = async (token: string, requestOptions?: RequestOptions): Promise<string | undefined> => {
    try {
      const [result] = await read(
        { method: 'GET', path: path`/tokens/${token}`, query: jurisdiction },
        Open311TokenResult,
        requestOptions,
      );
      return result?.service_request_id ?? undefined;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };

  const submit = async (
    input: ConcernInput,
    requestOptions: RequestOptions = {},
  ): Promise<ConcernReceipt> => {
    const { signal, timeout } = requestOptions;
    const created = await read(
      { method: 'POST', path: '/requests', body: open311Form(input, options) },
      Open311RequestCreated,
      { signal, timeout },
    );
    const first = created[0];
    const token = first?.token ?? undefined;
    if (!first || ((first.service_request_id ?? undefined) === undefined && token === undefined))
      throw new ProximiteError(`${BACKEND}: the endpoint acknowledged the request without an id or a token`);
    const id =
      first.service_request_id ??
      (token ? await idOfToken(token, { signal }).catch(() => undefined) : undefined);
    const name = serviceNames.get(input.categoryCode) ?? input.categoryCode;
    const notice = first.service_notice?.trim();
    return {
      // Without an id yet, the token is the reference: status() exchanges it later.
      reference: id ?? `token:${token}`,
      statusToken: token ?? '',
      service: { id: input.categoryCode, name: { fr: name } },
      status: 'received',
      submittedAt: new Date().toISOString(),
      ...(notice ? { notice: { fr: notice } } : {}),
    };
  };

  const status = async (
    reference: string,
    token: string,
    requestOptions?: RequestOptions,
  ): Promise<ConcernStatusView> => {
    let id: string | undefined = reference;
    if (reference.startsWith('token:')) {
      id = await idOfToken(token || reference.slice(6), requestOptions);
      if (id === undefined)
        throw new NotFoundError(
          404,
          { type: 'about:blank', title: 'Not assigned an id yet', status: 404 },
          {
            request: { method: 'GET', url: transport.url(path`/tokens/${reference.slice(6)}.${format}`) },
          },
        );
    }
    const [request] = await read(
      { method: 'GET', path: path`/requests/${id}`, query: jurisdiction },
      Open311RequestList,
      requestOptions,
    );
    if (!request)
      throw new NotFoundError(
        404,
        { type: 'about:blank', title: `No request ${id}`, status: 404 },
        {
          request: { method: 'GET', url: transport.url(path`/requests/${id}.${format}`) },
        },
      );
    const state = open311Status(request);
    const submittedAt = request.requested_datetime ?? request.updated_datetime ?? new Date(0).toISOString();
    const updatedAt = request.updated_datetime ?? submittedAt;
    const agency = request.agency_responsible ?? request.service_name ?? request.service_code ?? '';
    return {
      reference: request.service_request_id,
      categoryCode: request.service_code ?? '',
      service: { id: request.service_code ?? agency, name: { fr: agency } },
      status: state,
      submittedAt,
      updatedAt,
      updates: request.status_notes
        ? [
            {
              id: `${request.service_request_id}-notes`,
              at: updatedAt,
              status: state,
              text: { fr: request.status_notes },
            },
          ]
        : [],
    };
  };

  return {
    cafes: {
      list: () => unsupported('cafes.list', BACKEND),
      // eslint-disable-next-line require-yield
      iterate: async function* () {
        await unsupported('cafes.iterate', BACKEND);
      },
      get: () => unsupported('cafes.get', BACKEND),
      icsUrl: () => {
        throw new UnsupportedOperationError('cafes.icsUrl', BACKEND);
      },
    },
    districts: { list: () => unsupported('districts.list', BACKEND) },
    concerns: { categories, submit, status },
    priorities: {
      list: () => unsupported('priorities.list', BACKEND),
      // eslint-disable-next-line require-yield
      iterate: async function* () {
        await unsupported('priorities.iterate', BACKEND);
      },
    },
    rights: { get: () => unsupported('rights.get', BACKEND) },
    stats: { get: () => unsupported('stats.get', BACKEND) },
  };
}
