/**
 * The operation table of the contract: every path of DESIGN.md with its method, parameters, body,
 * responses and scopes. The server mounts routes from it, a conformance tool iterates it, and
 * `buildOpenApiDocument` renders it. Schemas are referred to by their component name
 * (keys of {@link schemas}).
 */
import * as z from 'zod/mini';
import {
  AdminAck,
  AdminConcern,
  AdminConcernExportQuery,
  AdminConcernListQuery,
  AdminConcernPage,
  AdminToken,
  AdminTokenCreateInput,
  AdminTokenCreated,
  AdminTokenList,
  AssigneeList,
  AuditEntry,
  AuditListQuery,
  AuditPage,
  AuditVerifyResult,
  ConcernBulkInput,
  ConcernBulkOutcome,
  ConcernBulkResult,
  ConcernEvent,
  ConcernTriageInput,
  InboxItem,
  InternalNote,
  MergedConcern,
  StaffRef,
} from './admin.js';
import type { AdminTokenScope } from './admin.js';
import {
  ConcernShareInput,
  OversightConcern,
  OversightConcernListQuery,
  OversightConcernPage,
  OidcLoginQuery,
  OidcProvider,
  OidcProviderList,
  PasswordChangeInput,
  PasswordResetRequestInput,
  StaffInvitation,
  StaffLinkInfo,
  StaffLinkInspectInput,
  StaffLinkRedeemInput,
  TotpConfirmInput,
  TotpEnrolment,
  StaffInviteInput,
  StaffLink,
  StaffList,
  StaffMember,
  StaffSession,
  StaffSignInInput,
  StaffUpdateInput,
} from './staff.js';
import {
  Delivery,
  DeliveryListQuery,
  DeliveryPage,
  RoutingRulesInput,
  RoutingTable,
  Service,
  ServiceCreateInput,
  ServiceInput,
  ServiceList,
  WebhookEvent,
} from './services.js';
import {
  Cafe,
  CafeCancelInput,
  CafeDuplicateInput,
  CafeImportInput,
  CafeImportResult,
  CafeInput,
  CafeListQuery,
  CafePage,
} from './cafes.js';
import {
  District,
  DistrictList,
  Health,
  IdInput,
  InputLang,
  IsoDate,
  IsoDateTime,
  LocalizedText,
  SafeUrl,
  textInput,
} from './common.js';
import {
  CategoryField,
  ConcernCategory,
  ConcernCategoryList,
  ConcernInput,
  ConcernReceipt,
  ConcernReference,
  ConcernStatusQuery,
  ConcernFeedQuery,
  ConcernStatusView,
  RaisedAtCafe,
  ConcernFeedbackInput,
  ConcernVerdict,
  ConcernEmailInput,
  ConcernUnsubscribeForm,
  ConcernUnsubscribeQuery,
  IdempotencyKey,
  PublicUpdate,
  ServiceRef,
} from './concerns.js';
import { CafeConcernInput } from './field.js';
import {
  Open311Discovery,
  Open311ErrorList,
  Open311JurisdictionQuery,
  Open311RequestCreated,
  Open311RequestInput,
  Open311RequestList,
  Open311RequestsQuery,
  Open311ServiceDefinition,
  Open311ServiceList,
  Open311TokenResult,
} from './open311.js';
import {
  AdminMeetingReport,
  MeetingReport,
  MeetingReportInput,
  PastMeeting,
  PastMeetingListQuery,
  PastMeetingPage,
} from './meetings.js';
import {
  Priority,
  PriorityAction,
  PriorityFeedQuery,
  PriorityInput,
  AdminPriority,
  AdminPriorityList,
  PriorityListQuery,
  PriorityPage,
  PrioritySourceCafe,
} from './priorities.js';
import { Problem } from './problem.js';
import {
  LocalContact,
  RightsContact,
  RightsContent,
  RightsItem,
  RightsOverrides,
  RightsQuery,
  RightsSource,
} from './rights.js';
import { ResponseTimes, ServiceResponseFigures } from './response-times.js';
import {
  ConcernPreview,
  ConcernPreviewInput,
  ResponseTemplate,
  ResponseTemplateInput,
  ResponseTemplateList,
  ResponseTemplateQuery,
} from './templates.js';
import {
  PublicReport,
  PublicReportQuery,
  REPORT_PERIOD_PATTERN,
  ReportMeeting,
  ReportPriority,
  ReportSource,
} from './reports.js';
import { ActivityCounter, ActivityCountersInput, StatsDataset, StatsQuery, StatsSeries } from './stats.js';

/** `PUT /v1/admin/stats/activity` response: the counters now stored for the area. */
export const ActivityCounterList = /* @__PURE__ */ (() => z.object({ items: z.array(ActivityCounter) }))();
export type ActivityCounterList = z.infer<typeof ActivityCounterList>;

/** `GET /v1/concern-categories` and `GET /v1/districts` query. */
export const LangQuery = /* @__PURE__ */ (() => z.strictObject({ lang: z.optional(InputLang) }))();
/** `GET /v1/cafes.ics` query. */
export const CalendarFeedQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    district: z.optional(IdInput),
    lang: z.optional(InputLang),
  }))();

/**
 * Every named schema of the contract, by component name (`#/components/schemas/{name}`).
 * Each schema object appears once.
 */
export const schemas = {
  LocalizedText,
  SafeUrl,
  IsoDateTime,
  IsoDate,
  District,
  DistrictList,
  Health,
  Problem,
  Cafe,
  CafePage,
  CafeListQuery,
  CafeInput,
  CafeCancelInput,
  CafeDuplicateInput,
  CafeImportInput,
  CafeImportResult,
  CalendarFeedQuery,
  LangQuery,
  ServiceRef,
  CategoryField,
  ConcernCategory,
  ConcernCategoryList,
  ConcernInput,
  ConcernReceipt,
  PublicUpdate,
  ConcernStatusView,
  RaisedAtCafe,
  ConcernStatusQuery,
  ConcernFeedQuery,
  ConcernVerdict,
  ConcernFeedbackInput,
  ConcernEmailInput,
  ConcernUnsubscribeForm,
  ConcernUnsubscribeQuery,
  ResponseTemplate,
  ResponseTemplateList,
  ResponseTemplateQuery,
  ResponseTemplateInput,
  ConcernPreviewInput,
  ConcernPreview,
  PriorityAction,
  PrioritySourceCafe,
  Priority,
  PriorityPage,
  PriorityListQuery,
  PriorityFeedQuery,
  PriorityInput,
  AdminPriority,
  AdminPriorityList,
  MeetingReport,
  PastMeeting,
  PastMeetingPage,
  PastMeetingListQuery,
  MeetingReportInput,
  AdminMeetingReport,
  RightsSource,
  RightsItem,
  RightsContact,
  LocalContact,
  RightsContent,
  RightsQuery,
  RightsOverrides,
  StatsSeries,
  ActivityCounter,
  ActivityCounterList,
  ServiceResponseFigures,
  ResponseTimes,
  StatsDataset,
  StatsQuery,
  ActivityCountersInput,
  ReportMeeting,
  ReportPriority,
  ReportSource,
  PublicReport,
  PublicReportQuery,
  AdminToken,
  AdminTokenList,
  AdminTokenCreateInput,
  AdminTokenCreated,
  InternalNote,
  StaffRef,
  ConcernEvent,
  MergedConcern,
  AdminConcern,
  InboxItem,
  AdminConcernPage,
  AdminConcernListQuery,
  AdminConcernExportQuery,
  AssigneeList,
  ConcernTriageInput,
  ConcernBulkInput,
  CafeConcernInput,
  ConcernBulkOutcome,
  ConcernBulkResult,
  AuditEntry,
  AuditPage,
  AuditListQuery,
  AuditVerifyResult,
  AdminAck,
  Service,
  ServiceList,
  ServiceInput,
  ServiceCreateInput,
  RoutingTable,
  RoutingRulesInput,
  Delivery,
  DeliveryPage,
  DeliveryListQuery,
  WebhookEvent,
  StaffMember,
  StaffList,
  StaffInviteInput,
  StaffUpdateInput,
  StaffLink,
  StaffInvitation,
  StaffSignInInput,
  StaffSession,
  OversightConcern,
  OversightConcernPage,
  OversightConcernListQuery,
  ConcernShareInput,
  TotpEnrolment,
  TotpConfirmInput,
  StaffLinkInspectInput,
  StaffLinkInfo,
  StaffLinkRedeemInput,
  PasswordResetRequestInput,
  PasswordChangeInput,
  OidcProvider,
  OidcProviderList,
  OidcLoginQuery,
  Open311Discovery,
  Open311ServiceList,
  Open311ServiceDefinition,
  Open311RequestList,
  Open311RequestInput,
  Open311RequestCreated,
  Open311TokenResult,
  Open311ErrorList,
  Open311RequestsQuery,
  Open311JurisdictionQuery,
} as const;
export type SchemaName = keyof typeof schemas;

/** Response headers the contract defines (`#/components/headers/{name}`). */
export const HEADERS = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } },
  'Idempotent-Replayed': {
    description:
      '`true` when the stored response of an earlier request with the same Idempotency-Key is replayed.',
    schema: { type: 'string', enum: ['true'] },
  },
  Location: { description: 'URL of the created resource.', schema: { type: 'string' } },
  'X-Request-Id': {
    description: 'Identifier of the request, also in problem bodies as `requestId`.',
    schema: { type: 'string' },
  },
  ETag: {
    description: 'Strong validator of the representation: send it back in `If-None-Match` to get a 304.',
    schema: { type: 'string' },
  },
} as const;
export type HeaderName = keyof typeof HEADERS;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A path or header parameter (query parameters come from the `query` schema's fields). */
export interface ParamSpec {
  readonly name: string;
  readonly in: 'path' | 'header';
  readonly required: boolean;
  readonly description: string;
  readonly schema: z.ZodMiniType;
}

/** One response of an operation. `schema` absent = no body, or a non-JSON body described by `contentType`. */
export interface ResponseSpec {
  readonly description: string;
  readonly schema?: SchemaName;
  /** Defaults to `application/json` (`application/problem+json` for `Problem`). */
  readonly contentTypes?: readonly string[];
  readonly headers?: readonly HeaderName[];
}

export interface Operation {
  readonly id: string;
  readonly method: HttpMethod;
  /** OpenAPI path template, e.g. `/v1/cafes/{id}.ics`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag:
    'cafes' | 'concerns' | 'priorities' | 'rights' | 'stats' | 'admin' | 'staff' | 'open311' | 'meta';
  /**
   * Admin scopes required; `[]` = any valid credentials; absent = no admin credentials. Admin
   * operations take a bearer token holding the scopes, or a staff session whose role holds them
   * (`ROLE_SCOPES`; writes also need `X-CSRF-Token` and an allowed `Origin`).
   */
  readonly scopes?: readonly AdminTokenScope[];
  /** The operation needs a staff session (and, for a write, `X-CSRF-Token`). */
  readonly session?: boolean;
  readonly params?: readonly ParamSpec[];
  /** A strict object schema whose fields are the query parameters. */
  readonly query?: SchemaName;
  readonly body?: { readonly schema: SchemaName; readonly contentType: string };
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** Errors of Open311 paths use the Open311 error array, not problem details. */
  readonly errorFormat: 'problem' | 'open311';
  /**
   * A public read served with an ETag and shared-cache headers: it takes `If-None-Match` and answers
   * 304 when it matches (added to `params` and `responses` by {@link withImpliedResponses}).
   */
  readonly cacheable?: boolean;
}

const p = (description: string): ResponseSpec => ({ description, schema: 'Problem' });
const ok = (schema: SchemaName, description = 'OK'): ResponseSpec => ({ description, schema });

const pathParam = (name: string, description: string, schema: z.ZodMiniType = IdInput): ParamSpec => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
});

const Format = /* @__PURE__ */ z.enum(['json', 'xml']);
const formatParam = pathParam('format', 'Response format: `json` or `xml`.', Format);
/** GeoReport v2's media types: XML as `text/xml` (the specification's), JSON. */
const O311_TYPES = ['application/json', 'text/xml'] as const;
/** An Open311 error: `[{code, description}]`, or `<errors><error>` in XML, in the format of the path. */
const o311Error = (description: string): ResponseSpec => ({
  description,
  schema: 'Open311ErrorList',
  contentTypes: O311_TYPES,
});
const o311Errors = {
  400: o311Error('An unknown format, or a parameter or field that is not valid (Open311 error array).'),
  404: o311Error('Not found (Open311 error array).'),
} as const satisfies Record<number, ResponseSpec>;
const o311 = (schema: SchemaName, description = 'OK'): ResponseSpec => ({
  description,
  schema,
  contentTypes: O311_TYPES,
});

// The reasons every operation of a kind has (see withImpliedResponses, which adds them).
const INVALID_QUERY = 'Invalid query parameter: unknown, repeated or malformed (`errors` names it).';
const INVALID_PATH = 'A path parameter is not text: it contains a NUL character or a lone surrogate.';
const MALFORMED_JSON = 'The body is not valid JSON.';
const TOO_LARGE = 'Body larger than 32 KB.';
const NOT_JSON = 'Body is not application/json.';
const INVALID_BODY = 'The body does not match the schema (`errors` lists the fields).';
const NO_TOKEN = 'Missing, expired or revoked token or session.';
const NO_SCOPE =
  'The token lacks the required scope, the role does not allow it, or a write made with a session lacks its CSRF token or an allowed Origin.';
const ORIGIN_REFUSED = 'This browser origin may not send this request (CORS).';
const UNAVAILABLE = 'Temporarily unavailable (the database is unreachable): retry after Retry-After.';
const reportPeriodParam = pathParam(
  'period',
  'A year (`2026`) or a quarter (`2026-Q3`).',
  /* @__PURE__ */ z.string().check(z.regex(REPORT_PERIOD_PATTERN)),
);
const readErrors = {
  400: p(INVALID_QUERY),
  429: { ...p('Too many requests.'), headers: ['Retry-After'] },
} as const satisfies Record<number, ResponseSpec>;
const adminErrors = {
  401: p(NO_TOKEN),
  403: p(NO_SCOPE),
} as const satisfies Record<number, ResponseSpec>;
const writeErrors = {
  ...adminErrors,
  400: p(MALFORMED_JSON),
  413: p(TOO_LARGE),
  415: p(NOT_JSON),
  422: p(INVALID_BODY),
} as const satisfies Record<number, ResponseSpec>;

const referenceParam = pathParam('reference', 'Concern reference, e.g. `PRX-7K3M-Q9AB`.', ConcernReference);

/** Every operation of the contract, as declared (see {@link operations} for the completed table). */
const declared = [
  // ---- cafes
  {
    id: 'listCafes',
    cacheable: true,
    method: 'get',
    path: '/v1/cafes',
    summary: 'Upcoming cafés (and other meetings), soonest first',
    tag: 'cafes',
    query: 'CafeListQuery',
    responses: { 200: ok('CafePage'), ...readErrors },
    errorFormat: 'problem',
  },
  {
    id: 'getCafe',
    cacheable: true,
    method: 'get',
    path: '/v1/cafes/{id}',
    summary: 'One café',
    tag: 'cafes',
    params: [pathParam('id', 'Café id.')],
    query: 'LangQuery',
    responses: { 200: ok('Cafe'), 404: p('No such café.'), ...readErrors },
    errorFormat: 'problem',
  },
  {
    id: 'getCafesCalendar',
    cacheable: true,
    method: 'get',
    path: '/v1/cafes.ics',
    summary: 'iCalendar feed of cafés (subscribe with webcal:)',
    tag: 'cafes',
    query: 'CalendarFeedQuery',
    responses: { 200: { description: 'RFC 5545 calendar.', contentTypes: ['text/calendar'] }, ...readErrors },
    errorFormat: 'problem',
  },
  {
    id: 'getCafeCalendar',
    cacheable: true,
    method: 'get',
    path: '/v1/cafes/{id}.ics',
    summary: 'One café as an iCalendar file (add to calendar)',
    tag: 'cafes',
    params: [pathParam('id', 'Café id.')],
    query: 'LangQuery',
    responses: {
      200: { description: 'RFC 5545 calendar with one VEVENT.', contentTypes: ['text/calendar'] },
      404: p('No such café.'),
      ...readErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'getCafeReport',
    cacheable: true,
    method: 'get',
    path: '/v1/cafes/{id}/report',
    summary: 'The public report of a past café: attendance, topics, answers, follow-ups',
    tag: 'cafes',
    params: [pathParam('id', 'Café id.')],
    responses: { 200: ok('PastMeeting'), 404: p('No such café, or no published report.'), ...readErrors },
    errorFormat: 'problem',
  },
  {
    id: 'listMeetingReports',
    cacheable: true,
    method: 'get',
    path: '/v1/meeting-reports',
    summary: 'Past meetings with their public report, most recent first',
    tag: 'cafes',
    query: 'PastMeetingListQuery',
    responses: { 200: ok('PastMeetingPage'), ...readErrors },
    errorFormat: 'problem',
  },
  {
    id: 'listDistricts',
    cacheable: true,
    method: 'get',
    path: '/v1/districts',
    summary: 'Districts of the city',
    tag: 'cafes',
    query: 'LangQuery',
    responses: { 200: ok('DistrictList'), ...readErrors },
    errorFormat: 'problem',
  },
  // ---- concerns
  {
    id: 'listConcernCategories',
    cacheable: true,
    method: 'get',
    path: '/v1/concern-categories',
    summary: 'Kinds of concerns, their fields, services and emergency stoppers',
    tag: 'concerns',
    query: 'LangQuery',
    responses: { 200: ok('ConcernCategoryList'), ...readErrors },
    errorFormat: 'problem',
  },
  {
    id: 'createConcern',
    method: 'post',
    path: '/v1/concerns',
    summary: 'Report a concern (safe to retry with the same Idempotency-Key)',
    description:
      'Same key and same body: the stored response is replayed (200, `Idempotent-Replayed: true`). Same key, different body: 422 idempotency-mismatch. Same key while the first request is running: 409. Keys are kept at least 24 h.',
    tag: 'concerns',
    params: [
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description: 'One key per logical submission (e.g. a UUID), reused on every retry.',
        schema: IdempotencyKey,
      },
    ],
    body: { schema: 'ConcernInput', contentType: 'application/json' },
    responses: {
      201: { description: 'Received.', schema: 'ConcernReceipt', headers: ['Location'] },
      200: {
        description: 'Replay of an earlier identical request.',
        schema: 'ConcernReceipt',
        headers: ['Idempotent-Replayed'],
      },
      400: p('The Idempotency-Key header is missing or malformed.'),
      409: p('A request with this Idempotency-Key is still in progress.'),
      422: p(
        'Invalid body (`errors` lists the fields), unknown category, or Idempotency-Key reused with a different body.',
      ),
      429: { ...p('Too many submissions from this client.'), headers: ['Retry-After'] },
      503: { ...p('Temporarily unavailable.'), headers: ['Retry-After'] },
    },
    errorFormat: 'problem',
  },
  {
    id: 'getConcernStatus',
    method: 'get',
    path: '/v1/concerns/{reference}',
    summary: 'Public status of a concern (needs the status token or the tracking code of the receipt)',
    description:
      'Either the long status token (`token`) or the short tracking code (`code`, e.g. `7K3MQ-9ABX4`; case, spaces and dashes do not matter). A wrong token or code answers 404, like an unknown reference. Lookups by code are rate-limited per client and per reference (429 with `Retry-After`). Never returns contact data.',
    tag: 'concerns',
    params: [referenceParam],
    query: 'ConcernStatusQuery',
    responses: {
      ...readErrors,
      200: ok('ConcernStatusView'),
      404: p('Unknown reference or wrong token or code.'),
      429: {
        ...p('Too many lookups by code from this client or for this reference.'),
        headers: ['Retry-After'],
      },
    },
    errorFormat: 'problem',
  },
  {
    id: 'getConcernFeed',
    method: 'get',
    path: '/v1/concerns/{reference}/feed.atom',
    summary: 'Private Atom feed of a concern’s public updates (for a feed reader)',
    description:
      'RFC 4287. The `token` is the read-only key of the status lookup’s `feedUrl` (or the status token). No personal data: the status, the service and the public updates only. Sent with `Referrer-Policy: no-referrer`; a wrong key answers 404, like an unknown reference.',
    tag: 'concerns',
    params: [referenceParam],
    query: 'ConcernFeedQuery',
    responses: {
      200: { description: 'Atom feed (RFC 4287).', contentTypes: ['application/atom+xml'] },
      404: p('Unknown reference or wrong key.'),
      ...readErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'giveConcernFeedback',
    method: 'post',
    path: '/v1/concerns/{reference}/feedback',
    summary: 'The resident’s verdict on a closed concern: « Le problème est-il réglé ? »',
    description:
      'With the status token (`token`) or the tracking code (`code`) of the receipt, once the concern is resolved or closed (`verdictOpen` in its status). One verdict per concern: a second one answers 409. `resolved: false` reopens the concern (`reopen-requested`) in its service’s queue; every verdict is audited and counted in the services’ response figures (share of « not resolved »). Answers the concern’s status as the lookup does. A wrong token or code answers 404, like an unknown reference; by code, attempts are rate-limited like lookups (429).',
    tag: 'concerns',
    params: [referenceParam],
    body: { schema: 'ConcernFeedbackInput', contentType: 'application/json' },
    responses: {
      200: ok('ConcernStatusView', 'Recorded: the concern’s status now.'),
      400: p(MALFORMED_JSON),
      404: p('Unknown reference or wrong token or code.'),
      409: p('The concern is not resolved or closed yet, or its verdict was already given.'),
      413: p(TOO_LARGE),
      415: p(NOT_JSON),
      422: p(INVALID_BODY),
      429: {
        ...p('Too many attempts by code from this client or for this reference.'),
        headers: ['Retry-After'],
      },
    },
    errorFormat: 'problem',
  },
  {
    id: 'addConcernEmail',
    method: 'post',
    path: '/v1/concerns/{reference}/email',
    summary: 'Receive a concern’s updates by e-mail from now on (from the status page)',
    description:
      'With the status token or the tracking code of the receipt. Sends an acknowledgement, then a message per public update, hand-off and closure, and the verdict question; each message has a one-click `List-Unsubscribe` (RFC 8058). The address is kept with the contact details, under their retention rules. Audited. A wrong token or code answers 404; by code, attempts are rate-limited like lookups (429).',
    tag: 'concerns',
    params: [referenceParam],
    body: { schema: 'ConcernEmailInput', contentType: 'application/json' },
    responses: {
      200: ok('ConcernStatusView', 'E-mail updates are on: the concern’s status now.'),
      400: p(MALFORMED_JSON),
      404: p('Unknown reference or wrong token or code.'),
      413: p(TOO_LARGE),
      415: p(NOT_JSON),
      422: p(INVALID_BODY),
      429: {
        ...p('Too many attempts by code from this client or for this reference.'),
        headers: ['Retry-After'],
      },
    },
    errorFormat: 'problem',
  },
  {
    id: 'getConcernUnsubscribe',
    method: 'get',
    path: '/v1/concerns/{reference}/unsubscribe',
    summary: 'The page of an e-mail’s unsubscribe link: a button that stops the messages',
    description:
      'Opening the link changes nothing (mail scanners open links): the page’s button POSTs to the same address.',
    tag: 'concerns',
    params: [referenceParam],
    query: 'ConcernUnsubscribeQuery',
    responses: {
      200: { description: 'An HTML page with the button.', contentTypes: ['text/html'] },
      404: p('Unknown reference or wrong key.'),
      ...readErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'unsubscribeConcernEmail',
    method: 'post',
    path: '/v1/concerns/{reference}/unsubscribe',
    summary: 'Stop the e-mails of a concern (RFC 8058 one-click unsubscribe)',
    description:
      'The `List-Unsubscribe` address of every message to a resident, POSTed by the mail client with the body `List-Unsubscribe=One-Click` (`List-Unsubscribe-Post`), or by the page’s button. No further message is sent for this concern (those queued are not sent). Audited. Answers an HTML page; again is harmless.',
    tag: 'concerns',
    params: [referenceParam],
    query: 'ConcernUnsubscribeQuery',
    body: { schema: 'ConcernUnsubscribeForm', contentType: 'application/x-www-form-urlencoded' },
    responses: {
      200: { description: 'Stopped: an HTML page that says so.', contentTypes: ['text/html'] },
      404: p('Unknown reference or wrong key.'),
      413: p(TOO_LARGE),
      ...readErrors,
    },
    errorFormat: 'problem',
  },
  // ---- priorities, rights, stats
  {
    id: 'listPriorities',
    cacheable: true,
    method: 'get',
    path: '/v1/priorities',
    summary: '"You said, we did": issues raised and actions taken',
    tag: 'priorities',
    query: 'PriorityListQuery',
    responses: { 200: ok('PriorityPage'), ...readErrors },
    errorFormat: 'problem',
  },
  {
    id: 'getPrioritiesFeed',
    cacheable: true,
    method: 'get',
    path: '/v1/priorities.atom',
    summary: 'Atom feed (RFC 4287) of the actions taken on priorities, newest first',
    description:
      'One entry per action carried out (`done`), with the issue it answers. Subscribe in a feed reader.',
    tag: 'priorities',
    query: 'PriorityFeedQuery',
    responses: {
      200: { description: 'RFC 4287 Atom feed.', contentTypes: ['application/atom+xml'] },
      ...readErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'getRights',
    cacheable: true,
    method: 'get',
    path: '/v1/rights',
    summary: 'Rights content with the city overrides (local contacts)',
    tag: 'rights',
    query: 'RightsQuery',
    responses: { 200: ok('RightsContent'), ...readErrors },
    errorFormat: 'problem',
  },
  {
    id: 'getStats',
    cacheable: true,
    method: 'get',
    path: '/v1/stats',
    summary: 'Recorded crime series (SSMSI) and municipal police activity for an area',
    tag: 'stats',
    query: 'StatsQuery',
    responses: { 200: ok('StatsDataset'), 404: p('No data for this area.'), ...readErrors },
    errorFormat: 'problem',
  },
  {
    id: 'getPublicReport',
    method: 'get',
    path: '/v1/reports/{period}',
    summary: 'Public activity report of a year or a quarter (« compte rendu public d’activité »)',
    description:
      'Activity counters, meetings held, priorities and the actions taken, and each service’s response figures for the period, with their sources. A period still running is marked `complete: false`. The same report as a printable page (A4): `/v1/reports/{period}.html`.',
    cacheable: true,
    tag: 'stats',
    params: [reportPeriodParam],
    query: 'PublicReportQuery',
    responses: {
      200: ok('PublicReport'),
      404: p('Not a period (`2026` or `2026-Q3`), or one that has not started.'),
      ...readErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'getPublicReportHtml',
    method: 'get',
    path: '/v1/reports/{period}.html',
    summary: 'The public activity report as a page that prints on A4',
    description:
      'The report of `GET /v1/reports/{period}` as an HTML page, French by default (`lang=en` for English), with print styles (A4, nothing cut off) and no script.',
    cacheable: true,
    tag: 'stats',
    params: [reportPeriodParam],
    query: 'PublicReportQuery',
    responses: {
      200: { description: 'HTML page.', contentTypes: ['text/html'] },
      404: p('Not a period (`2026` or `2026-Q3`), or one that has not started.'),
      ...readErrors,
    },
    errorFormat: 'problem',
  },
  // ---- meta
  {
    id: 'getOpenApi',
    cacheable: true,
    method: 'get',
    path: '/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    tag: 'meta',
    responses: { 200: { description: 'OpenAPI 3.1 document.', contentTypes: ['application/json'] } },
    errorFormat: 'problem',
  },
  {
    id: 'getHealth',
    method: 'get',
    path: '/healthz',
    summary: 'Liveness and database check',
    tag: 'meta',
    responses: { 200: ok('Health'), 503: p('The database is not reachable.') },
    errorFormat: 'problem',
  },
  // ---- admin: tokens
  {
    id: 'listAdminTokens',
    method: 'get',
    path: '/v1/admin/tokens',
    summary: 'List admin tokens (never their secrets)',
    tag: 'admin',
    scopes: ['tokens:write'],
    responses: { 200: ok('AdminTokenList'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'createAdminToken',
    method: 'post',
    path: '/v1/admin/tokens',
    summary: 'Create a scoped token (the secret is shown once)',
    tag: 'admin',
    scopes: ['tokens:write'],
    body: { schema: 'AdminTokenCreateInput', contentType: 'application/json' },
    responses: { 201: ok('AdminTokenCreated', 'Created.'), ...writeErrors },
    errorFormat: 'problem',
  },
  {
    id: 'revokeAdminToken',
    method: 'delete',
    path: '/v1/admin/tokens/{id}',
    summary: 'Revoke a token',
    tag: 'admin',
    scopes: ['tokens:write'],
    params: [pathParam('id', 'Token id.')],
    responses: { 204: { description: 'Revoked.' }, 404: p('No such token.'), ...adminErrors },
    errorFormat: 'problem',
  },
  // ---- admin: cafes
  {
    id: 'createCafe',
    method: 'post',
    path: '/v1/admin/cafes',
    summary: 'Create a café',
    tag: 'admin',
    scopes: ['cafes:write'],
    body: { schema: 'CafeInput', contentType: 'application/json' },
    responses: { 201: { ...ok('Cafe', 'Created.'), headers: ['Location'] }, ...writeErrors },
    errorFormat: 'problem',
  },
  {
    id: 'updateCafe',
    method: 'put',
    path: '/v1/admin/cafes/{id}',
    summary: 'Replace a café (increments its sequence)',
    tag: 'admin',
    scopes: ['cafes:write'],
    params: [pathParam('id', 'Café id.')],
    body: { schema: 'CafeInput', contentType: 'application/json' },
    responses: { 200: ok('Cafe'), 404: p('No such café.'), ...writeErrors },
    errorFormat: 'problem',
  },
  {
    id: 'deleteCafe',
    method: 'delete',
    path: '/v1/admin/cafes/{id}',
    summary: 'Delete a café (prefer cancel for a published one)',
    tag: 'admin',
    scopes: ['cafes:write'],
    params: [pathParam('id', 'Café id.')],
    responses: { 204: { description: 'Deleted.' }, 404: p('No such café.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'cancelCafe',
    method: 'post',
    path: '/v1/admin/cafes/{id}/cancel',
    summary: 'Cancel a café (status cancelled; calendar feeds show it as cancelled)',
    description:
      'The id of a series cancels the whole series; the id of one occurrence (`<series id>~<YYYYMMDDTHHMM>`, from `GET /v1/cafes`) cancels that occurrence only: the iCalendar feed then carries a RECURRENCE-ID override with STATUS:CANCELLED (RFC 5545 §3.8.4.4, §3.8.1.11).',
    tag: 'admin',
    scopes: ['cafes:write'],
    params: [pathParam('id', 'Café id.')],
    body: { schema: 'CafeCancelInput', contentType: 'application/json' },
    responses: { 200: ok('Cafe'), 404: p('No such café.'), ...writeErrors },
    errorFormat: 'problem',
  },
  {
    id: 'listAdminCafes',
    method: 'get',
    path: '/v1/admin/cafes',
    summary: 'The cafés of a window, as `GET /v1/cafes` lists them, never cached (the staff console)',
    tag: 'admin',
    scopes: ['cafes:write'],
    query: 'CafeListQuery',
    responses: { 200: ok('CafePage'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'getAdminCafe',
    method: 'get',
    path: '/v1/admin/cafes/{id}',
    summary: 'A café, a series or one occurrence, as `GET /v1/cafes/{id}`, never cached',
    tag: 'admin',
    scopes: ['cafes:write'],
    params: [pathParam('id', 'Café id, series id or occurrence id.')],
    responses: { 200: ok('Cafe'), 404: p('No such café.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'duplicateCafe',
    method: 'post',
    path: '/v1/admin/cafes/{id}/duplicate',
    summary: 'Copy a café (or a series) to a new start; the copy is scheduled',
    tag: 'admin',
    scopes: ['cafes:write'],
    params: [pathParam('id', 'Café id (a series, or a single café).')],
    body: { schema: 'CafeDuplicateInput', contentType: 'application/json' },
    responses: {
      201: { ...ok('Cafe', 'Created.'), headers: ['Location'] },
      404: p('No such café.'),
      ...writeErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'importCafes',
    method: 'post',
    path: '/v1/admin/cafes/import',
    summary: 'Import the events of an iCalendar text as cafés (as `proximite import-ics` does)',
    description:
      'Idempotent: importing the same text again changes nothing. Each event occurrence in the window becomes a café; the result lists what was created, updated, cancelled, skipped (with the reason) and approximated.',
    tag: 'admin',
    scopes: ['cafes:write'],
    body: { schema: 'CafeImportInput', contentType: 'application/json' },
    responses: { 200: ok('CafeImportResult'), ...writeErrors },
    errorFormat: 'problem',
  },
  {
    id: 'getAdminCafeReport',
    method: 'get',
    path: '/v1/admin/cafes/{id}/report',
    summary: 'The stored report of a café, as `PUT` takes it (with its concern references), never cached',
    description:
      'Putting `report` back unchanged changes nothing: the console edits a published report from it.',
    tag: 'admin',
    scopes: ['cafes:write'],
    params: [pathParam('id', 'Café id.')],
    responses: { 200: ok('AdminMeetingReport'), 404: p('No such café, or no report.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'putCafeReport',
    method: 'put',
    path: '/v1/admin/cafes/{id}/report',
    summary: 'Publish (or replace) the public report of a café',
    description: 'Topics, answers and follow-ups hold no e-mail address or phone number (422).',
    tag: 'admin',
    scopes: ['cafes:write'],
    params: [pathParam('id', 'Café id.')],
    body: { schema: 'MeetingReportInput', contentType: 'application/json' },
    responses: { 200: ok('PastMeeting'), 404: p('No such café.'), ...writeErrors },
    errorFormat: 'problem',
  },
  {
    id: 'deleteCafeReport',
    method: 'delete',
    path: '/v1/admin/cafes/{id}/report',
    summary: 'Withdraw the public report of a café',
    tag: 'admin',
    scopes: ['cafes:write'],
    params: [pathParam('id', 'Café id.')],
    responses: { 204: { description: 'Withdrawn.' }, 404: p('No such café, or no report.'), ...adminErrors },
    errorFormat: 'problem',
  },
  // ---- admin: concerns
  {
    id: 'listAdminConcerns',
    method: 'get',
    path: '/v1/admin/concerns',
    summary: 'The inbox: concerns to triage, filtered, sorted and paged (newest first by default)',
    description:
      "Keyset paging: pass `nextCursor` back as `cursor` with the same filters and sort. `total` counts the concerns the filters match (all pages). Agents see the concerns of their services; a conduct complaint only its service's members. Items carry no contact details: read them on the concern (audited). `assignee=me` needs a staff session.",
    tag: 'admin',
    scopes: ['concerns:triage'],
    query: 'AdminConcernListQuery',
    responses: { 200: ok('AdminConcernPage'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'getAdminConcern',
    method: 'get',
    path: '/v1/admin/concerns/{reference}',
    summary: 'One concern, with contact data (triage only)',
    tag: 'admin',
    scopes: ['concerns:triage'],
    params: [referenceParam],
    responses: { 200: ok('AdminConcern'), 404: p('No such concern.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'exportAdminConcerns',
    method: 'get',
    path: '/v1/admin/concerns.csv',
    summary: 'The inbox as CSV: every concern the filters match, in the sort asked',
    description:
      "RFC 4180 (CRLF, fields with the separator, a quote or a line break quoted, quotes doubled), UTF-8 with a byte-order mark so spreadsheet software reads the accents; `;`-separated in French (`lang=fr`, the default), `,` in English. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so no spreadsheet runs it as a formula. Streamed page by page. No contact details unless `contacts=true`, which only an admin or a coordinator signed in may ask (403 otherwise). Every export is audited (`concern.export`: filters, rows, contacts or not).",
    tag: 'admin',
    scopes: ['concerns:triage'],
    query: 'AdminConcernExportQuery',
    responses: {
      200: { description: 'CSV, UTF-8 with a byte-order mark.', contentTypes: ['text/csv'] },
      ...adminErrors,
      403: p(
        `${NO_SCOPE} Or \`contacts=true\` by a role that may not export contact details, or with a token.`,
      ),
    },
    errorFormat: 'problem',
  },
  {
    id: 'bulkTriageConcerns',
    method: 'post',
    path: '/v1/admin/concerns/bulk',
    summary: 'The same change (status, assignee, public update) to up to 100 concerns, each on its own',
    description:
      'Each concern is changed as `POST …/{reference}/triage` would change it, in a transaction of its own, audited on its own. A concern that cannot be changed (unknown or out of reach: 404; a transition not allowed: 409; an assignee who cannot take it: 422) gets that problem in its outcome and the others are changed all the same: the answer is 200 with one outcome per reference, in the order given. Nothing is undone when a later concern fails, so a retry of the same request changes only what is left (a repeated status or assignment changes nothing; a repeated public update is posted again).',
    tag: 'admin',
    scopes: ['concerns:triage'],
    body: { schema: 'ConcernBulkInput', contentType: 'application/json' },
    responses: { 200: ok('ConcernBulkResult'), ...writeErrors },
    errorFormat: 'problem',
  },
  {
    id: 'listConcernAssignees',
    method: 'get',
    path: '/v1/admin/concerns/{reference}/assignees',
    summary: 'Who the concern can be assigned to (active staff who can triage it; names only)',
    tag: 'admin',
    scopes: ['concerns:triage'],
    params: [referenceParam],
    responses: { 200: ok('AssigneeList'), 404: p('No such concern.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'triageConcern',
    method: 'post',
    path: '/v1/admin/concerns/{reference}/triage',
    summary: 'Change status, post a public update, add an internal note, re-categorise, refer or assign',
    tag: 'admin',
    scopes: ['concerns:triage'],
    params: [referenceParam],
    body: { schema: 'ConcernTriageInput', contentType: 'application/json' },
    responses: {
      200: ok('AdminConcern'),
      404: p('No such concern.'),
      409: p('Transition not allowed.'),
      ...writeErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'createCafeConcern',
    method: 'post',
    path: '/v1/admin/cafes/{id}/concerns',
    summary: 'Note a concern raised at a café (café mode; safe to retry with the same Idempotency-Key)',
    description:
      'An agent notes what a resident raised at a café: the concern is routed like any other and marked « raised at the café of … » in its status. Contact details need `consent: true`, recorded with the agent and the time. Same key and body: the stored receipt is replayed (200, `Idempotent-Replayed: true`); same key, another body or café: 422; same key while the first request runs: 409.',
    tag: 'admin',
    scopes: ['concerns:triage'],
    params: [
      pathParam('id', 'Café id.'),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description: 'One key per note (e.g. a UUID made when the agent saved it), reused on every retry.',
        schema: IdempotencyKey,
      },
    ],
    body: { schema: 'CafeConcernInput', contentType: 'application/json' },
    responses: {
      201: { description: 'Noted and routed.', schema: 'ConcernReceipt', headers: ['Location'] },
      200: {
        description: 'Replay of an earlier identical request.',
        schema: 'ConcernReceipt',
        headers: ['Idempotent-Replayed'],
      },
      404: p('No such café.'),
      409: p('A request with this Idempotency-Key is still in progress.'),
      ...writeErrors,
      400: p('Malformed JSON, or the Idempotency-Key header is missing or malformed.'),
      422: p(
        'Invalid body (`errors` lists the fields), unknown category, contact without consent, or Idempotency-Key reused with a different body.',
      ),
    },
    errorFormat: 'problem',
  },
  // ---- admin: priorities, stats, rights
  {
    id: 'listAdminPriorities',
    method: 'get',
    path: '/v1/admin/priorities',
    summary: 'Every priority, drafts included, with whether it is published and how many residents were told',
    tag: 'admin',
    scopes: ['content:write'],
    responses: { 200: ok('AdminPriorityList'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'publishPriority',
    method: 'post',
    path: '/v1/admin/priorities/{id}/publish',
    summary: 'Publish a priority (safe to repeat)',
    description:
      'The priority becomes public (`GET /v1/priorities`). Once it is published and has an action carried out, each linked concern’s resident who asked for e-mail updates is told, once per priority, through the delivery queue (the same happens when a later replacement adds the first action carried out).',
    tag: 'admin',
    scopes: ['content:write'],
    params: [pathParam('id', 'Priority id.')],
    responses: { 200: ok('AdminPriority'), 404: p('No such priority.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'createPriority',
    method: 'post',
    path: '/v1/admin/priorities',
    summary: 'Create a priority',
    tag: 'admin',
    scopes: ['content:write'],
    body: { schema: 'PriorityInput', contentType: 'application/json' },
    responses: { 201: { ...ok('Priority', 'Created.'), headers: ['Location'] }, ...writeErrors },
    errorFormat: 'problem',
  },
  {
    id: 'updatePriority',
    method: 'put',
    path: '/v1/admin/priorities/{id}',
    summary: 'Replace a priority',
    tag: 'admin',
    scopes: ['content:write'],
    params: [pathParam('id', 'Priority id.')],
    body: { schema: 'PriorityInput', contentType: 'application/json' },
    responses: { 200: ok('Priority'), 404: p('No such priority.'), ...writeErrors },
    errorFormat: 'problem',
  },
  {
    id: 'deletePriority',
    method: 'delete',
    path: '/v1/admin/priorities/{id}',
    summary: 'Delete a priority',
    tag: 'admin',
    scopes: ['content:write'],
    params: [pathParam('id', 'Priority id.')],
    responses: { 204: { description: 'Deleted.' }, 404: p('No such priority.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'putActivityCounters',
    method: 'put',
    path: '/v1/admin/stats/activity',
    summary: 'Set municipal police activity counters',
    tag: 'admin',
    scopes: ['stats:write'],
    body: { schema: 'ActivityCountersInput', contentType: 'application/json' },
    responses: { 200: ok('ActivityCounterList'), ...writeErrors },
    errorFormat: 'problem',
  },
  {
    id: 'getRightsOverrides',
    method: 'get',
    path: '/v1/admin/rights/overrides',
    summary: 'The city overrides of the rights content',
    tag: 'admin',
    scopes: ['content:write'],
    responses: { 200: ok('RightsOverrides'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'putRightsOverrides',
    method: 'put',
    path: '/v1/admin/rights/overrides',
    summary: 'Replace the city overrides (local contacts, extra contacts, disclaimer)',
    tag: 'admin',
    scopes: ['content:write'],
    body: { schema: 'RightsOverrides', contentType: 'application/json' },
    responses: { 200: ok('RightsOverrides'), ...writeErrors },
    errorFormat: 'problem',
  },
  // ---- admin: response templates and the preview of what a resident receives
  {
    id: 'listResponseTemplates',
    method: 'get',
    path: '/v1/admin/templates',
    summary: 'Response templates: the public answers triage starts from, per category and status (fr/en)',
    description:
      'With `category`, its own templates and the shared ones (`categoryCode: null`). `{reference}` and `{service}` in a text are filled in with the concern’s.',
    tag: 'admin',
    scopes: ['concerns:triage'],
    query: 'ResponseTemplateQuery',
    responses: { 200: ok('ResponseTemplateList'), 400: p(INVALID_QUERY), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'createResponseTemplate',
    method: 'post',
    path: '/v1/admin/templates',
    summary: 'Add a response template (coordinators)',
    tag: 'admin',
    scopes: ['content:write'],
    body: { schema: 'ResponseTemplateInput', contentType: 'application/json' },
    responses: {
      201: { description: 'Created.', schema: 'ResponseTemplate', headers: ['Location'] },
      409: p('This category and status already have a template (edit it).'),
      ...writeErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'updateResponseTemplate',
    method: 'put',
    path: '/v1/admin/templates/{id}',
    summary: 'Edit a response template (coordinators)',
    tag: 'admin',
    scopes: ['content:write'],
    params: [pathParam('id', 'Template id.')],
    body: { schema: 'ResponseTemplateInput', contentType: 'application/json' },
    responses: {
      200: ok('ResponseTemplate'),
      404: p('No such template.'),
      409: p('Another template has this category and status.'),
      ...writeErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'deleteResponseTemplate',
    method: 'delete',
    path: '/v1/admin/templates/{id}',
    summary: 'Remove a response template (coordinators)',
    tag: 'admin',
    scopes: ['content:write'],
    params: [pathParam('id', 'Template id.')],
    responses: { 204: { description: 'Removed.' }, 404: p('No such template.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'previewConcernUpdate',
    method: 'post',
    path: '/v1/admin/concerns/{reference}/preview',
    summary: 'Preview exactly what the resident will receive for a triage, before sending it',
    description:
      'The public update as the status page and the feed will show it, and the e-mail in the resident’s language when they get e-mail updates (`null` otherwise), with its links’ key masked. Changes nothing.',
    tag: 'admin',
    scopes: ['concerns:triage'],
    params: [referenceParam],
    body: { schema: 'ConcernPreviewInput', contentType: 'application/json' },
    responses: {
      200: ok('ConcernPreview'),
      404: p('No such concern, or no such template.'),
      ...writeErrors,
    },
    errorFormat: 'problem',
  },
  // ---- admin: concerns shared with observers
  {
    id: 'shareConcern',
    method: 'post',
    path: '/v1/admin/concerns/{reference}/share',
    summary: 'Let observers see (or stop seeing) the description, address and answers of a concern',
    tag: 'admin',
    scopes: ['concerns:share'],
    params: [referenceParam],
    body: { schema: 'ConcernShareInput', contentType: 'application/json' },
    responses: { 200: ok('AdminConcern'), 404: p('No such concern.'), ...writeErrors },
    errorFormat: 'problem',
  },
  {
    id: 'listOversightConcerns',
    method: 'get',
    path: '/v1/admin/oversight/concerns',
    summary: 'Concerns as observers see them: pseudonymised, newest first',
    description:
      'No contact details and no internal notes; the description, address and answers only for concerns marked shareable. Quarantined concerns are not listed.',
    tag: 'admin',
    scopes: ['oversight:read'],
    query: 'OversightConcernListQuery',
    responses: { 200: ok('OversightConcernPage'), 400: p('Invalid query parameter.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'getOversightConcern',
    method: 'get',
    path: '/v1/admin/oversight/concerns/{reference}',
    summary: 'One concern as observers see it',
    tag: 'admin',
    scopes: ['oversight:read'],
    params: [referenceParam],
    responses: { 200: ok('OversightConcern'), 404: p('No such concern.'), ...adminErrors },
    errorFormat: 'problem',
  },
  // ---- admin: staff accounts and services
  {
    id: 'listStaff',
    method: 'get',
    path: '/v1/admin/staff',
    summary: 'Staff accounts',
    tag: 'admin',
    scopes: ['staff:write'],
    responses: { 200: ok('StaffList'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'inviteStaff',
    method: 'post',
    path: '/v1/admin/staff',
    summary: 'Invite a staff member (a single-use link to choose a password, or sign-in by SSO)',
    description:
      'The invitation link is e-mailed when the server delivers e-mail; otherwise `link.url` holds it, to pass on yourself. An e-mail already used answers 409.',
    tag: 'admin',
    scopes: ['staff:write'],
    body: { schema: 'StaffInviteInput', contentType: 'application/json' },
    responses: {
      201: { ...ok('StaffInvitation', 'Invited.'), headers: ['Location'] },
      409: p('An account with this e-mail exists.'),
      ...writeErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'getStaff',
    method: 'get',
    path: '/v1/admin/staff/{id}',
    summary: 'One staff account',
    tag: 'admin',
    scopes: ['staff:write'],
    params: [pathParam('id', 'Staff account id.')],
    responses: { 200: ok('StaffMember'), 404: p('No such account.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'updateStaff',
    method: 'patch',
    path: '/v1/admin/staff/{id}',
    summary: 'Change the name, role or services of a staff member, or disable (re-enable) the account',
    description:
      'Disabling signs the member out everywhere at once. The last active admin can neither be disabled nor lose the admin role (409).',
    tag: 'admin',
    scopes: ['staff:write'],
    params: [pathParam('id', 'Staff account id.')],
    body: { schema: 'StaffUpdateInput', contentType: 'application/json' },
    responses: {
      200: ok('StaffMember'),
      404: p('No such account.'),
      409: p('This would leave no active admin.'),
      ...writeErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'resetStaffPassword',
    method: 'post',
    path: '/v1/admin/staff/{id}/password-reset',
    summary: 'Make a single-use password-reset link (an invitation again, for an invited account)',
    description:
      'The link is e-mailed when the server delivers e-mail; otherwise `url` holds it, to pass on yourself. The account keeps its password until the link is used.',
    tag: 'admin',
    scopes: ['staff:write'],
    params: [pathParam('id', 'Staff account id.')],
    responses: { 200: ok('StaffLink'), 404: p('No such account, or a disabled one.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'resetStaffTotp',
    method: 'post',
    path: '/v1/admin/staff/{id}/totp-reset',
    summary: 'Remove the second factor of an account (lost phone): it enrols again at its next sign-in',
    tag: 'admin',
    scopes: ['staff:write'],
    params: [pathParam('id', 'Staff account id.')],
    responses: { 200: ok('StaffMember'), 404: p('No such account.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'listServices',
    method: 'get',
    path: '/v1/admin/services',
    summary: 'The services concerns are routed to and staff belong to',
    description:
      'Every signed-in staff member and every token may read them. Webhook secrets and Open311 API keys are never shown (`secretSet`, `apiKeySet`).',
    tag: 'admin',
    scopes: [],
    responses: { 200: ok('ServiceList'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'createService',
    method: 'post',
    path: '/v1/admin/services',
    summary: 'Create a service: names, public contact, members, handling-time target, delivery',
    description:
      'A webhook delivery without `secret` gets a generated one, shown once in `webhookSecret`. A webhook URL must be https and resolve to a public address (unless the server allows private ones). 409 when the id is taken.',
    tag: 'admin',
    scopes: ['services:write'],
    body: { schema: 'ServiceCreateInput', contentType: 'application/json' },
    responses: {
      201: { ...ok('Service', 'Created.'), headers: ['Location'] },
      409: p('A service with this id exists.'),
      ...writeErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'getService',
    method: 'get',
    path: '/v1/admin/services/{id}',
    summary: 'One service',
    tag: 'admin',
    scopes: [],
    params: [pathParam('id', 'Service id.')],
    responses: { 200: ok('Service'), 404: p('No such service.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'updateService',
    method: 'put',
    path: '/v1/admin/services/{id}',
    summary: 'Replace a service’s settings (the stored webhook secret and Open311 key are kept unless given)',
    description:
      '409 when the change would let a conduct complaint reach a police service, or take its independent instance away from it (a service conduct complaints are routed to must stay restricted and not police).',
    tag: 'admin',
    scopes: ['services:write'],
    params: [pathParam('id', 'Service id.')],
    body: { schema: 'ServiceInput', contentType: 'application/json' },
    responses: {
      200: ok('Service'),
      404: p('No such service.'),
      409: p('The change would break the conduct-complaint rule.'),
      ...writeErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'deleteService',
    method: 'delete',
    path: '/v1/admin/services/{id}',
    summary: 'Delete a service nothing is routed to',
    tag: 'admin',
    scopes: ['services:write'],
    params: [pathParam('id', 'Service id.')],
    responses: {
      204: { description: 'Deleted.' },
      404: p('No such service.'),
      409: p('Concerns, categories or routing rules still point to it.'),
      ...adminErrors,
    },
    errorFormat: 'problem',
  },
  {
    id: 'getRoutingRules',
    method: 'get',
    path: '/v1/admin/routing-rules',
    summary: 'The routing rules: category → service, overridden by district',
    tag: 'admin',
    scopes: [],
    responses: { 200: ok('RoutingTable'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'putRoutingRules',
    method: 'put',
    path: '/v1/admin/routing-rules',
    summary: 'Replace the routing rules',
    description:
      'Rules apply to concerns that arrive, are re-categorised or referred from now on; concerns already routed stay where they are. A rule for a conduct-complaint category must name a restricted service that is not a police service (422).',
    tag: 'admin',
    scopes: ['services:write'],
    body: { schema: 'RoutingRulesInput', contentType: 'application/json' },
    responses: { 200: ok('RoutingTable'), ...writeErrors },
    errorFormat: 'problem',
  },
  // ---- admin: deliveries
  {
    id: 'listDeliveries',
    method: 'get',
    path: '/v1/admin/deliveries',
    summary: 'The delivery log: every outgoing message, its attempts, last error and next try (newest first)',
    description:
      'Agents see the deliveries of their services. Deliveries of a restricted service are seen by its members alone. `held` deliveries wait for a mail server to be configured.',
    tag: 'admin',
    scopes: ['concerns:triage'],
    query: 'DeliveryListQuery',
    responses: { 200: ok('DeliveryPage'), 400: p('Invalid query parameter.'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'retryDelivery',
    method: 'post',
    path: '/v1/admin/deliveries/{id}/retry',
    summary: 'Try a failed (or waiting) delivery again now, with a new retry window',
    description:
      'The message keeps its Message-ID or webhook-id, so a receiver that got an earlier attempt can de-duplicate it. 409 when it was sent or an attempt is under way.',
    tag: 'admin',
    scopes: ['deliveries:write'],
    params: [pathParam('id', 'Delivery id.')],
    responses: {
      200: ok('Delivery'),
      404: p('No such delivery.'),
      409: p('Already sent, or an attempt is under way.'),
      ...adminErrors,
    },
    errorFormat: 'problem',
  },
  // ---- admin: audit
  {
    id: 'listAudit',
    method: 'get',
    path: '/v1/admin/audit',
    summary: 'The append-only, hash-chained audit log',
    tag: 'admin',
    scopes: [],
    query: 'AuditListQuery',
    responses: { 200: ok('AuditPage'), ...adminErrors },
    errorFormat: 'problem',
  },
  {
    id: 'verifyAudit',
    method: 'get',
    path: '/v1/admin/audit/verify',
    summary: 'Verify the hash chain of the audit log',
    tag: 'admin',
    scopes: [],
    responses: { 200: ok('AuditVerifyResult'), ...adminErrors },
    errorFormat: 'problem',
  },
  // ---- staff sign-in
  {
    id: 'createStaffSession',
    method: 'post',
    path: '/v1/staff/session',
    summary: 'Sign in with e-mail and password (and a one-time code): sets the session cookie',
    description:
      'A new session (and cookie) at every sign-in. A wrong e-mail and a wrong password get the same 401. When the account has a second factor and `otp` is missing or wrong, the answer is 401 `otp-required`. Repeated failures lock the account and the client out for a while (429 with Retry-After).',
    tag: 'staff',
    body: { schema: 'StaffSignInInput', contentType: 'application/json' },
    responses: {
      200: ok('StaffSession', 'Signed in; `Set-Cookie` carries the session.'),
      401: p('Wrong e-mail or password (the same answer for both), or a one-time code is needed.'),
      403: p('This origin may not send this request.'),
      413: p('Body larger than 32 KB.'),
      415: p('Body is not application/json.'),
      422: p('The body does not match the schema.'),
      429: { ...p('Too many failed attempts: locked for a while.'), headers: ['Retry-After'] },
    },
    errorFormat: 'problem',
  },
  {
    id: 'getStaffSession',
    method: 'get',
    path: '/v1/staff/session',
    summary: 'The signed-in staff member, and a fresh CSRF token',
    tag: 'staff',
    session: true,
    responses: {
      200: ok('StaffSession'),
      401: p('Not signed in, or the session ended (time-out, sign-out, account disabled).'),
    },
    errorFormat: 'problem',
  },
  {
    id: 'deleteStaffSession',
    method: 'delete',
    path: '/v1/staff/session',
    summary: 'Sign out: ends the session and clears its cookie',
    tag: 'staff',
    session: true,
    responses: {
      204: { description: 'Signed out (also when the session had already ended).' },
      403: p('The CSRF token or the Origin is missing or wrong.'),
    },
    errorFormat: 'problem',
  },
  {
    id: 'startTotpEnrolment',
    method: 'post',
    path: '/v1/staff/totp',
    summary: 'Start setting up the second factor: a new TOTP secret, its otpauth:// URI and QR code',
    description:
      'Needs a session (and X-CSRF-Token). Enabled once a first code is confirmed. An account that already has a second factor answers 409 (an admin resets it).',
    tag: 'staff',
    session: true,
    responses: {
      200: ok('TotpEnrolment'),
      401: p('Not signed in.'),
      403: p('The CSRF token or the Origin is missing or wrong.'),
      409: p('A second factor is already set up.'),
    },
    errorFormat: 'problem',
  },
  {
    id: 'confirmTotpEnrolment',
    method: 'post',
    path: '/v1/staff/totp/confirm',
    summary: 'Confirm the second factor with a first code: it is enabled, and the session may now work',
    tag: 'staff',
    session: true,
    body: { schema: 'TotpConfirmInput', contentType: 'application/json' },
    responses: {
      200: ok('StaffSession', 'Enabled; the session, with its second factor passed.'),
      401: p('Not signed in.'),
      403: p('The CSRF token or the Origin is missing or wrong.'),
      409: p('No enrolment in progress (start one first), or a second factor is already set up.'),
      413: p('Body larger than 32 KB.'),
      415: p('Body is not application/json.'),
      422: p('The code is wrong (`errors` names `otp`), or the body does not match the schema.'),
      429: { ...p('Too many wrong codes: locked for a while.'), headers: ['Retry-After'] },
    },
    errorFormat: 'problem',
  },
  {
    id: 'changeStaffPassword',
    method: 'post',
    path: '/v1/staff/password',
    summary: 'Change one’s own password (the other sessions of the account end)',
    tag: 'staff',
    session: true,
    body: { schema: 'PasswordChangeInput', contentType: 'application/json' },
    responses: {
      204: { description: 'Changed.' },
      401: p('Not signed in.'),
      403: p('The CSRF token or the Origin is missing or wrong.'),
      413: p('Body larger than 32 KB.'),
      415: p('Body is not application/json.'),
      422: p(
        'The current password is wrong (`errors` names `currentPassword`), or the new one is too short.',
      ),
      429: { ...p('Too many wrong passwords: locked for a while.'), headers: ['Retry-After'] },
    },
    errorFormat: 'problem',
  },
  {
    id: 'requestPasswordReset',
    method: 'post',
    path: '/v1/staff/password-reset',
    summary: '“Forgot password”: e-mails a single-use reset link when the server delivers e-mail',
    description:
      'Always 202, whether or not the e-mail has an account (nothing to learn from it). Without e-mail delivery nothing is sent: an admin makes the link (POST /v1/admin/staff/{id}/password-reset, or proximite staff reset-password).',
    tag: 'staff',
    body: { schema: 'PasswordResetRequestInput', contentType: 'application/json' },
    responses: {
      202: { description: 'Accepted.' },
      403: p('This origin may not send this request.'),
      413: p('Body larger than 32 KB.'),
      415: p('Body is not application/json.'),
      422: p('The body does not match the schema.'),
      429: { ...p('Too many requests from this client.'), headers: ['Retry-After'] },
    },
    errorFormat: 'problem',
  },
  {
    id: 'inspectStaffLink',
    method: 'post',
    path: '/v1/staff/links/inspect',
    summary: 'Whose invitation or reset link this is (the token stays valid)',
    description:
      'The token travels in the body, never in a URL: the console reads it from the link’s fragment (`#proximite-link=…`).',
    tag: 'staff',
    body: { schema: 'StaffLinkInspectInput', contentType: 'application/json' },
    responses: {
      200: ok('StaffLinkInfo'),
      403: p('This origin may not send this request.'),
      404: p('Unknown, used or expired link (one answer for all three).'),
      413: p('Body larger than 32 KB.'),
      415: p('Body is not application/json.'),
      422: p('The body does not match the schema.'),
      429: { ...p('Too many requests from this client.'), headers: ['Retry-After'] },
    },
    errorFormat: 'problem',
  },
  {
    id: 'redeemStaffLink',
    method: 'post',
    path: '/v1/staff/links/redeem',
    summary: 'Use an invitation or reset link: choose the password (then sign in with it)',
    description:
      'Single use. The account becomes active; all its sessions end. It does not sign in by itself, so a second factor is never skipped.',
    tag: 'staff',
    body: { schema: 'StaffLinkRedeemInput', contentType: 'application/json' },
    responses: {
      204: { description: 'Password set.' },
      403: p('This origin may not send this request.'),
      404: p('Unknown, used or expired link (one answer for all three).'),
      413: p('Body larger than 32 KB.'),
      415: p('Body is not application/json.'),
      422: p('The password is too short, or the body does not match the schema.'),
      429: { ...p('Too many requests from this client.'), headers: ['Retry-After'] },
    },
    errorFormat: 'problem',
  },
  {
    id: 'listOidcProviders',
    method: 'get',
    path: '/v1/staff/oidc/providers',
    summary: 'The single sign-on providers this server offers (OpenID Connect)',
    tag: 'staff',
    responses: { 200: ok('OidcProviderList') },
    errorFormat: 'problem',
  },
  {
    id: 'startOidcLogin',
    method: 'get',
    path: '/v1/staff/oidc/login',
    summary: 'Start a single sign-on: redirects to the provider (authorization code + PKCE)',
    description:
      'A browser navigation, not a fetch. Only people who already have an account (matched by e-mail, then by the provider’s subject) are signed in: there is no self-registration.',
    tag: 'staff',
    query: 'OidcLoginQuery',
    responses: {
      302: { description: 'To the provider’s authorization endpoint.', headers: ['Location'] },
      400: p('Invalid query parameter, or `returnTo` is not a page of an allowed origin.'),
      404: p('No such provider.'),
      503: { ...p('The provider cannot be reached.'), headers: ['Retry-After'] },
    },
    errorFormat: 'problem',
  },
  {
    id: 'finishOidcLogin',
    method: 'get',
    path: '/v1/staff/oidc/callback',
    summary: 'The provider’s redirect: signs in and returns to the page (or to it with an error)',
    description:
      'On success, sets the session cookie and redirects to `returnTo`; on failure, redirects to `returnTo#proximite-sso-error=<code>` (see OIDC_ERRORS). The redirect URI to register at the provider is this path on the public URL.',
    tag: 'staff',
    responses: {
      303: {
        description:
          'Back to the page: signed in, or with `#proximite-sso-error=` (also when this browser started no sign-in, or it expired).',
        headers: ['Location'],
      },
    },
    errorFormat: 'problem',
  },
  // ---- Open311 GeoReport v2
  {
    id: 'open311Discovery',
    method: 'get',
    path: '/open311/v2/discovery.{format}',
    summary: 'Open311 service discovery',
    tag: 'open311',
    params: [formatParam],
    query: 'Open311JurisdictionQuery',
    responses: { 200: o311('Open311Discovery'), ...o311Errors },
    errorFormat: 'open311',
  },
  {
    id: 'open311ListServices',
    method: 'get',
    path: '/open311/v2/services.{format}',
    summary: 'Open311 service list (one service per concern category)',
    tag: 'open311',
    params: [formatParam],
    query: 'Open311JurisdictionQuery',
    responses: { 200: o311('Open311ServiceList'), ...o311Errors },
    errorFormat: 'open311',
  },
  {
    id: 'open311GetServiceDefinition',
    method: 'get',
    path: '/open311/v2/services/{service_code}.{format}',
    summary: 'Open311 service definition (the category fields as attributes)',
    tag: 'open311',
    params: [pathParam('service_code', 'Service code (= concern category code).'), formatParam],
    query: 'Open311JurisdictionQuery',
    responses: { 200: o311('Open311ServiceDefinition'), ...o311Errors },
    errorFormat: 'open311',
  },
  {
    id: 'open311ListRequests',
    method: 'get',
    path: '/open311/v2/requests.{format}',
    summary: 'Open311 service requests (public fields only)',
    tag: 'open311',
    params: [formatParam],
    query: 'Open311RequestsQuery',
    responses: { 200: o311('Open311RequestList'), ...o311Errors },
    errorFormat: 'open311',
  },
  {
    id: 'open311CreateRequest',
    method: 'post',
    path: '/open311/v2/requests.{format}',
    summary: 'Create an Open311 service request',
    description:
      'Form-encoded. `attribute[code]=v` and `attribute[code][]=v` are folded into `attributes`. Requires `api_key` when the server is configured with keys.',
    tag: 'open311',
    params: [formatParam],
    body: { schema: 'Open311RequestInput', contentType: 'application/x-www-form-urlencoded' },
    responses: {
      200: o311('Open311RequestCreated', 'Created (Open311 answers 200).'),
      ...o311Errors,
      403: o311Error(
        'Missing or invalid api_key, or a browser origin that may not post (Open311 error array).',
      ),
      413: o311Error('Body larger than 32 KB (Open311 error array).'),
      429: {
        ...o311Error('Too many submissions from this client (Open311 error array).'),
        headers: ['Retry-After'],
      },
    },
    errorFormat: 'open311',
  },
  {
    id: 'open311GetRequest',
    method: 'get',
    path: '/open311/v2/requests/{service_request_id}.{format}',
    summary: 'One Open311 service request',
    tag: 'open311',
    params: [pathParam('service_request_id', 'Service request id (= concern reference).'), formatParam],
    query: 'Open311JurisdictionQuery',
    responses: { 200: o311('Open311RequestList'), ...o311Errors },
    errorFormat: 'open311',
  },
  {
    id: 'open311GetToken',
    method: 'get',
    path: '/open311/v2/tokens/{token}.{format}',
    summary: 'Exchange an Open311 token for a service request id',
    tag: 'open311',
    params: [pathParam('token', 'Token returned by POST /requests.'), formatParam],
    query: 'Open311JurisdictionQuery',
    responses: { 200: o311('Open311TokenResult'), ...o311Errors },
    errorFormat: 'open311',
  },
] as const satisfies readonly Operation[];

export type OperationId = (typeof declared)[number]['id'];

const ifNoneMatch: ParamSpec = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'The ETag of a copy the client holds: 304 without a body while it is current.',
  schema: /* @__PURE__ */ textInput(1, 2000),
};

/**
 * `op` with the responses (and parameters) it has because of what it takes, so that an operation
 * added to the table documents them without listing them:
 * - a query → 400 (an unknown, repeated or invalid parameter, named in `errors`);
 * - path parameters → 400 (a value that is not text: a NUL character or a lone surrogate);
 * - a JSON body → 400 (malformed JSON), 413 (over 32 KB), 415 (not JSON), 422 (`errors` names
 *   the fields); a form body → 400 and 413;
 * - a write (any method but GET), a credentialed operation (scopes, session) or any path under
 *   `/v1/admin/` or `/v1/staff/` (the single sign-on's too) → 403 (a browser Origin that is not
 *   allowed, CORS);
 * - admin scopes → 401 and 403;
 * - `cacheable` → the `If-None-Match` header, `ETag` on 200, and 304;
 * - every operation → 503 with Retry-After (the database is unreachable: retry later).
 * A status the operation declares keeps its own description. Open311 operations answer their
 * error array with the statuses GeoReport v2 uses (422, 415 and 409 are 400 there; 401 is 403).
 */
export function withImpliedResponses(op: Operation): Operation {
  const open311 = op.errorFormat === 'open311';
  const implied: [number, ResponseSpec][] = [];
  const add = (status: number, description: string, headers?: readonly HeaderName[]): void => {
    const spec = open311 ? o311Error(description) : p(description);
    const mapped = !open311 ? status : status === 401 ? 403 : [409, 415, 422].includes(status) ? 400 : status;
    implied.push([mapped, headers === undefined ? spec : { ...spec, headers }]);
  };
  if (op.query !== undefined) add(400, INVALID_QUERY);
  if (op.params?.some((param) => param.in === 'path')) add(400, INVALID_PATH);
  if (op.body !== undefined) {
    const json = /json/.test(op.body.contentType);
    add(400, json ? MALFORMED_JSON : 'The body is not valid.');
    add(413, TOO_LARGE);
    if (json) {
      add(415, NOT_JSON);
      add(422, INVALID_BODY);
    }
  }
  // Writes, and anything under the admin API or staff sign-in (credentialed: sessions, tokens,
  // single sign-on), only from allowed origins.
  const staffPath = op.path.startsWith('/v1/admin/') || op.path.startsWith('/v1/staff/');
  if (op.method !== 'get' || op.scopes !== undefined || op.session === true || staffPath)
    add(403, ORIGIN_REFUSED);
  if (op.scopes !== undefined) {
    add(401, NO_TOKEN);
    add(403, NO_SCOPE);
  }
  add(503, UNAVAILABLE, ['Retry-After']);
  if (op.cacheable === true) {
    implied.push([
      304,
      {
        description: 'Not modified: the `If-None-Match` ETag is still current (no body).',
        headers: ['ETag'],
      },
    ]);
  }
  // The operation's own responses first; a status several reasons share lists them all.
  const reasons = new Map<number, { spec: ResponseSpec; reasons: string[]; headers: Set<HeaderName> }>();
  for (const [status, spec] of [
    ...Object.entries(op.responses).map(([k, v]) => [Number(k), v] as [number, ResponseSpec]),
    ...implied,
  ]) {
    const entry = reasons.get(status) ?? { spec, reasons: [], headers: new Set<HeaderName>() };
    const text = spec.description.replace(/ \(Open311 error array\)\.$/, '.');
    if (!entry.reasons.includes(text)) entry.reasons.push(text);
    for (const h of spec.headers ?? []) entry.headers.add(h);
    reasons.set(status, entry);
  }
  if (op.cacheable === true) reasons.get(200)?.headers.add('ETag');
  const responses = Object.fromEntries(
    [...reasons.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, { spec, reasons: list, headers }]) => {
        let description = list.length === 1 ? spec.description : list.map((r) => `- ${r}`).join('\n');
        if (list.length > 1 && open311 && status >= 400) description += '\n\n(Open311 error array.)';
        const out: ResponseSpec = { ...spec, description };
        return [status, headers.size > 0 ? { ...out, headers: [...headers] } : out];
      }),
  ) as Record<number, ResponseSpec>;
  const params = op.cacheable === true ? [...(op.params ?? []), ifNoneMatch] : op.params;
  return { ...op, ...(params !== undefined ? { params } : {}), responses };
}

/**
 * Every operation of the contract with its implied responses ({@link withImpliedResponses}): what
 * the server mounts, the OpenAPI document renders and the tests hold every answer to. To add an
 * operation, declare it in the table above with its own statuses; the common ones come from here.
 */
export const operations: readonly (Operation & { readonly id: OperationId })[] = /* @__PURE__ */ declared.map(
  (op) => withImpliedResponses(op) as Operation & { readonly id: OperationId },
);

/** The operation with this id. */
export function getOperation(id: OperationId): Operation {
  const op = operations.find((o) => o.id === id);
  if (op === undefined) throw new Error(`unknown operation ${id}`);
  return op;
}
