/**
 * Open311 GeoReport v2 wire shapes (JSON form), for the server's `/open311/v2` layer and the SDK
 * adapter. Every ID is a string (the spec's examples use unquoted `001` and a numeric
 * `service_request_id`; tokens are numbers on some servers); responses are tolerant. XML bodies
 * and FixMyStreet's JSON deviations are normalised to these shapes by the SDK's Open311 adapter.
 */
import * as z from 'zod/mini';
import { IsoDateTime, intParam, numberParam, openEnum, textInput } from './common.js';

/** Media types served by the Open311 layer (XML is mandatory in the spec; JSON follows it). */
export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/**
 * How each Open311 body is written in XML, as in GeoReport v2's examples: the root element, and the
 * element of each array's items by the array's element name (`services` → `<service>`). The server
 * writes with it and the OpenAPI document describes the XML with it (`xml` objects).
 */
export const OPEN311_XML = {
  Open311Discovery: { root: 'discovery', items: { endpoints: 'endpoint', formats: 'format' } },
  Open311ServiceList: { root: 'services', items: { services: 'service' } },
  Open311ServiceDefinition: {
    root: 'service_definition',
    items: { attributes: 'attribute', values: 'value' },
  },
  Open311RequestList: { root: 'service_requests', items: { service_requests: 'request' } },
  Open311RequestCreated: { root: 'service_requests', items: { service_requests: 'request' } },
  Open311TokenResult: { root: 'service_requests', items: { service_requests: 'request' } },
  Open311ErrorList: { root: 'errors', items: { errors: 'error' } },
} as const satisfies Record<string, { root: string; items: Readonly<Record<string, string>> }>;

const id = /* @__PURE__ */ (() => z.union([z.string(), z.number()]))();
/** An Open311 ID: servers send strings or numbers; always handle it as a string. */
export const Open311Id = /* @__PURE__ */ (() =>
  z.pipe(
    id,
    z.transform((v) => String(v)),
  ))();

/** `GET /discovery.{format}`. */
export const Open311Discovery = /* @__PURE__ */ (() =>
  z.object({
    changeset: z.optional(z.string()),
    contact: z.optional(z.string()),
    key_service: z.optional(z.string()),
    endpoints: z.array(
      z.object({
        specification: z.string(),
        url: z.string(),
        changeset: z.optional(z.string()),
        type: openEnum(['production', 'test']),
        formats: z.array(z.string()),
      }),
    ),
  }))();
export type Open311Discovery = z.infer<typeof Open311Discovery>;

/** An item of `GET /services.{format}`. */
export const Open311Service = /* @__PURE__ */ (() =>
  z.object({
    service_code: Open311Id,
    service_name: z.string(),
    description: z.optional(z.nullable(z.string())),
    metadata: z.boolean(),
    type: openEnum(['realtime', 'batch', 'blackbox']),
    keywords: z.optional(z.nullable(z.string())),
    group: z.optional(z.nullable(z.string())),
  }))();
export type Open311Service = z.infer<typeof Open311Service>;

export const Open311ServiceList = /* @__PURE__ */ z.array(Open311Service);

/**
 * An attribute of a service definition. `variable`, `required`, `order` and `description` are
 * required by the specification but missing from some servers' answers (FixMyStreet-backed and
 * council endpoints): read as `true`, `false`, `0` and the code.
 */
export const Open311Attribute = /* @__PURE__ */ (() =>
  z.object({
    variable: z.optional(z.boolean()),
    code: z.string(),
    datatype: openEnum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
    required: z.optional(z.boolean()),
    datatype_description: z.optional(z.nullable(z.string())),
    order: z.optional(z.number()),
    description: z.optional(z.nullable(z.string())),
    values: z.optional(z.array(z.object({ key: Open311Id, name: z.string() }))),
  }))();
export type Open311Attribute = z.infer<typeof Open311Attribute>;

/** `GET /services/{service_code}.{format}`. */
export const Open311ServiceDefinition = /* @__PURE__ */ (() =>
  z.object({
    service_code: Open311Id,
    attributes: z.array(Open311Attribute),
  }))();
export type Open311ServiceDefinition = z.infer<typeof Open311ServiceDefinition>;

/** A service request as returned by `GET /requests` and `GET /requests/{id}`. */
export const Open311Request = /* @__PURE__ */ (() =>
  z.object({
    service_request_id: Open311Id,
    status: openEnum(['open', 'closed']),
    status_notes: z.optional(z.nullable(z.string())),
    service_name: z.optional(z.nullable(z.string())),
    service_code: z.optional(z.nullable(Open311Id)),
    description: z.optional(z.nullable(z.string())),
    agency_responsible: z.optional(z.nullable(z.string())),
    service_notice: z.optional(z.nullable(z.string())),
    requested_datetime: z.optional(z.nullable(z.string())),
    updated_datetime: z.optional(z.nullable(z.string())),
    expected_datetime: z.optional(z.nullable(z.string())),
    address: z.optional(z.nullable(z.string())),
    address_id: z.optional(z.nullable(Open311Id)),
    zipcode: z.optional(z.nullable(Open311Id)),
    lat: z.optional(z.nullable(z.number())),
    long: z.optional(z.nullable(z.number())),
    media_url: z.optional(z.nullable(z.string())),
    /** FixMyStreet extension: the extended status (IN_PROGRESS, FIXED…). */
    external_status_code: z.optional(z.nullable(z.string())),
  }))();
export type Open311Request = z.infer<typeof Open311Request>;

export const Open311RequestList = /* @__PURE__ */ z.array(Open311Request);

/** `POST /requests` response: an id, or a token to exchange later via `GET /tokens/{token}`. */
export const Open311RequestCreated = /* @__PURE__ */ (() =>
  z.array(
    z.object({
      service_request_id: z.optional(z.nullable(Open311Id)),
      token: z.optional(z.nullable(Open311Id)),
      service_notice: z.optional(z.nullable(z.string())),
      account_id: z.optional(z.nullable(Open311Id)),
    }),
  ))();
export type Open311RequestCreated = z.infer<typeof Open311RequestCreated>;

/** `GET /tokens/{token}`. */
export const Open311TokenResult = /* @__PURE__ */ (() =>
  z.array(
    z.object({
      service_request_id: z.optional(z.nullable(Open311Id)),
      token: z.optional(z.nullable(Open311Id)),
    }),
  ))();
export type Open311TokenResult = z.infer<typeof Open311TokenResult>;

/** One Open311 error; the body is an array of them (`<errors><error>` in XML). */
export const Open311Error = /* @__PURE__ */ (() =>
  z.object({ code: z.union([z.number(), z.string()]), description: z.string() }))();
export const Open311ErrorList = /* @__PURE__ */ z.array(Open311Error);
export type Open311Error = z.infer<typeof Open311Error>;

const short = (max: number) => textInput(0, max);

/**
 * `POST /requests` form fields after decoding (`application/x-www-form-urlencoded`): strict and
 * capped. The server folds `attribute[code]=v` and `attribute[code][]=v` into `attributes`.
 * One location is required: `lat`+`long`, `address_string` or `address_id`.
 */
export const Open311RequestInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      api_key: z.optional(short(200)),
      jurisdiction_id: z.optional(short(200)),
      service_code: textInput(1, 64),
      lat: z.optional(numberParam(-90, 90)),
      long: z.optional(numberParam(-180, 180)),
      address_string: z.optional(textInput(1, 300)),
      address_id: z.optional(short(100)),
      email: z.optional(z.email().check(z.maxLength(254))),
      device_id: z.optional(short(200)),
      account_id: z.optional(short(200)),
      first_name: z.optional(short(100)),
      last_name: z.optional(short(100)),
      phone: z.optional(short(32)),
      description: z.optional(short(4000)),
      media_url: z.optional(short(2048)),
      attributes: z.optional(
        z.record(textInput(1, 64), z.union([short(1000), z.array(short(200)).check(z.maxLength(20))])),
      ),
    })
    .check(
      z.refine(
        (r) =>
          (r.lat !== undefined && r.long !== undefined) ||
          r.address_string !== undefined ||
          r.address_id !== undefined,
        { message: 'give lat and long, address_string or address_id' },
      ),
    ))();
export type Open311RequestInput = z.infer<typeof Open311RequestInput>;

/** `GET /requests` query. `start_date`/`end_date` at most 90 days apart (checked by the server). */
export const Open311RequestsQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    jurisdiction_id: z.optional(short(200)),
    service_request_id: z.optional(short(2000)),
    service_code: z.optional(short(500)),
    start_date: z.optional(IsoDateTime),
    end_date: z.optional(IsoDateTime),
    status: z.optional(z.string().check(z.regex(/^(?:open|closed)(?:,(?:open|closed))?$/))),
    page: z.optional(intParam(1, 1_000_000)),
    page_size: z.optional(intParam(1, 1000)),
  }))();
export type Open311RequestsQuery = z.infer<typeof Open311RequestsQuery>;

/** `jurisdiction_id` query accepted on every Open311 GET. */
export const Open311JurisdictionQuery = /* @__PURE__ */ (() =>
  z.strictObject({ jurisdiction_id: z.optional(short(200)) }))();
