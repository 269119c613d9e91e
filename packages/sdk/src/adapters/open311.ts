/**
 * `@proximite/sdk/adapters/open311.js` — concerns through any Open311 GeoReport v2 endpoint (JSON).
 *
 * - `concerns.categories()`: `GET services.json` → categories; services with `metadata: true` get
 *   their fields from `GET services/{code}.json` (attributes with `variable: true`, in `order`).
 * - `concerns.submit()`: `POST requests.json`, form-encoded, with `api_key`, `jurisdiction_id`,
 *   `service_code`, `description`, `lat`/`long`, `address_string` (requests send `address_string`,
 *   responses read `address`), `attribute[code]=v` (`attribute[code][]=v` for lists), and the
 *   contact as `first_name`/`last_name`/`email`/`phone`. The answer carries a `service_request_id`
 *   or a `token`, exchanged via `GET tokens/{token}.json` when possible.
 * - `concerns.status()`: `GET requests/{id}.json`; FixMyStreet's extended statuses
 *   (`external_status_code`: IN_PROGRESS, FIXED, NOT_COUNCILS_RESPONSIBILITY…) map to the contract's
 *   statuses, else `open` → `received` and `closed` → `closed`. IDs are always strings.
 * - Open311 error arrays (`[{ code, description }]`) become the SDK's `ApiError` classes.
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
import { NotFoundError, ProximiteError, UnsupportedOperationError } from '../errors.js';
import { path } from '../internal/path.js';
import type { RequestOptions } from '../internal/transport.js';
import { adapterTransport, unsupported, type AdapterOptions } from './shared.js';

/** Options of {@link createOpen311Client}. */
export interface Open311ClientOptions extends AdapterOptions {
  /** Endpoint base URL, e.g. `https://ville.fr/open311/v2` (the `…/services.json` parent). */
  baseUrl: string;
  /** Required by most endpoints to POST requests (sent in the form, never in errors). */
  apiKey?: string;
  /** Only when the endpoint serves several jurisdictions (usually the city's domain). */
  jurisdictionId?: string;
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
  const transport = adapterTransport(options, options.baseUrl);
  const jurisdiction = { jurisdiction_id: options.jurisdictionId };
  const serviceNames = new Map<string, string>();

  const categories = async (requestOptions?: RequestOptions): Promise<ConcernCategory[]> => {
    const services = await transport.get('/services.json', jurisdiction, Open311ServiceList, requestOptions);
    return Promise.all(
      services.map(async (service): Promise<ConcernCategory> => {
        serviceNames.set(service.service_code, service.service_name);
        let fields: CategoryField[] = [];
        if (service.metadata) {
          const definition = await transport.get(
            path`/services/${service.service_code}.json`,
            jurisdiction,
            Open311ServiceDefinition,
            requestOptions,
          );
          fields = definition.attributes
            .filter((a) => a.variable)
            .sort((a, b) => a.order - b.order)
            .map((a) => ({
              code: a.code,
              label: { fr: a.description },
              ...(a.datatype_description ? { description: { fr: a.datatype_description } } : {}),
              datatype: a.datatype,
              required: a.required,
              order: a.order,
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
      const [result] = await transport.json(
        { method: 'GET', path: path`/tokens/${token}.json`, query: jurisdiction },
        Open311TokenResult,
        requestOptions,
      );
      return result?.service_request_id;
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
    const created = await transport.json(
      { method: 'POST', path: '/requests.json', body: open311Form(input, options) },
      Open311RequestCreated,
      { signal, timeout },
    );
    const first = created[0];
    if (!first || (first.service_request_id === undefined && first.token === undefined))
      throw new ProximiteError(`${BACKEND}: the endpoint acknowledged the request without an id or a token`);
    const id =
      first.service_request_id ??
      (first.token ? await idOfToken(first.token, { signal }).catch(() => undefined) : undefined);
    const name = serviceNames.get(input.categoryCode) ?? input.categoryCode;
    return {
      // Without an id yet, the token is the reference: status() exchanges it later.
      reference: id ?? `token:${first.token}`,
      statusToken: first.token ?? '',
      service: { id: input.categoryCode, name: { fr: first.service_notice ?? name } },
      status: 'received',
      submittedAt: new Date().toISOString(),
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
            request: { method: 'GET', url: transport.url(path`/tokens/${reference.slice(6)}.json`) },
          },
        );
    }
    const [request] = await transport.json(
      { method: 'GET', path: path`/requests/${id}.json`, query: jurisdiction },
      Open311RequestList,
      requestOptions,
    );
    if (!request)
      throw new NotFoundError(
        404,
        { type: 'about:blank', title: `No request ${id}`, status: 404 },
        {
          request: { method: 'GET', url: transport.url(path`/requests/${id}.json`) },
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
