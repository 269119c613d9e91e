/**
 * Services, routing and delivery: the city's services (and partners) concerns are routed to, the
 * routing rules (category → service, overridden by district), how each service receives what is
 * routed to it (e-mail, a webhook, an Open311 endpoint, or the staff console only), the delivery
 * log, and the events webhooks carry (Standard Webhooks, https://www.standardwebhooks.com/).
 */
import * as z from 'zod/mini';
import {
  CodeInput,
  CursorParam,
  DateTimeString,
  Id,
  IdInput,
  LimitParam,
  LocalizedText,
  MAX_URL_LENGTH,
  TEXT_PATTERN,
  UNSAFE_TEXT_MESSAGE,
  localizedTextInput,
  openEnum,
  page,
  textInput,
} from './common.js';
import { ConcernReference, PublicUpdate, ServiceRef } from './concerns.js';

// ---------------------------------------------------------------------------
// Services

/** How a service receives the concerns routed to it. `none`: the staff console only. */
export const DELIVERY_METHODS = ['email', 'webhook', 'open311', 'none'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** Units of a handling-time target: working days (French public holidays excluded) or calendar days. */
export const TARGET_UNITS = ['working-days', 'calendar-days'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];

/** A handling-time target: an answer is due `days` working (or calendar) days after submission. */
export const ServiceTarget = /* @__PURE__ */ (() =>
  z.object({ days: z.int(), unit: openEnum(TARGET_UNITS) }))();
export type ServiceTarget = z.infer<typeof ServiceTarget>;

/** How residents may reach a service (shown publicly; never a person's own address). */
export const ServiceContact = /* @__PURE__ */ (() =>
  z.object({
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
    url: z.optional(z.string()),
    address: z.optional(z.string()),
    hours: z.optional(LocalizedText),
  }))();
export type ServiceContact = z.infer<typeof ServiceContact>;

/**
 * A service's delivery settings as the API shows them: never a webhook secret or an Open311 API key
 * (`secretSet`, `apiKeySet` say whether one is stored).
 */
export const ServiceDelivery = /* @__PURE__ */ (() =>
  z.object({
    method: openEnum(DELIVERY_METHODS),
    /** `email`: the addresses every message goes to. */
    to: z.optional(z.array(z.string())),
    /** `email`: the language of the messages (`fr` by default; both when `both`). */
    lang: z.optional(openEnum(['fr', 'en', 'both'])),
    /** `webhook`: where events are POSTed. */
    url: z.optional(z.string()),
    /** `webhook`: whether a signing secret is stored. */
    secretSet: z.optional(z.boolean()),
    /** `open311`: the GeoReport v2 endpoint (the `…/services.json` parent). */
    endpoint: z.optional(z.string()),
    /** `open311`: the `service_code` concerns are filed under. */
    serviceCode: z.optional(z.string()),
    jurisdictionId: z.optional(z.string()),
    format: z.optional(openEnum(['json', 'xml'])),
    /** `open311`: whether an API key is stored. */
    apiKeySet: z.optional(z.boolean()),
    /**
     * `open311`: how status changes are read back: FixMyStreet's `servicerequestupdates` when the
     * endpoint offers it (`auto` finds out), `requests/{id}` otherwise, or `off`.
     */
    updates: z.optional(openEnum(['auto', 'servicerequestupdates', 'requests', 'off'])),
  }))();
export type ServiceDelivery = z.infer<typeof ServiceDelivery>;

/** A service of the city (or a partner) that concerns are routed to; staff belong to services. */
export const Service = /* @__PURE__ */ (() =>
  z.object({
    id: Id,
    name: LocalizedText,
    contact: z.optional(ServiceContact),
    /** Ids of the staff accounts that belong to it. */
    members: z.optional(z.array(z.string())),
    /** When an answer is due; `null`: no target. */
    target: z.optional(z.nullable(ServiceTarget)),
    delivery: z.optional(ServiceDelivery),
    /** Its deliveries carry the resident's contact details (when the resident gave them). */
    contactAccess: z.optional(z.boolean()),
    /** A police force (police municipale, nationale, gendarmerie): conduct complaints never reach it. */
    police: z.optional(z.boolean()),
    /**
     * An independent instance (médiateur, comité d'éthique): what is routed to it is seen by its
     * members alone, and never appears in public lists, Open311, priorities or figures.
     */
    restricted: z.optional(z.boolean()),
    createdAt: z.optional(DateTimeString),
    updatedAt: z.optional(DateTimeString),
    /**
     * The webhook signing secret (`whsec_…`), only in the answer of the write that generated it:
     * store it in the receiver, it is never shown again.
     */
    webhookSecret: z.optional(z.string()),
  }))();
export type Service = z.infer<typeof Service>;

/** `GET /v1/admin/services` response. */
export const ServiceList = /* @__PURE__ */ (() => z.object({ items: z.array(Service) }))();
export type ServiceList = z.infer<typeof ServiceList>;

/**
 * An absolute `http:` or `https:` URL without credentials or fragment (the server may require https),
 * with no NUL or lone surrogate (the text rule of every input string).
 */
export const HttpUrlInput = /* @__PURE__ */ (() =>
  z.string().check(
    z.maxLength(MAX_URL_LENGTH),
    z.regex(TEXT_PATTERN, UNSAFE_TEXT_MESSAGE),
    z.refine(
      (s) => {
        try {
          const u = new URL(s);
          return (
            (u.protocol === 'https:' || u.protocol === 'http:') &&
            /^https?:\/\/[^/\\]/i.test(s) &&
            u.username === '' &&
            u.password === '' &&
            u.hash === ''
          );
        } catch {
          return false;
        }
      },
      { message: 'expected an absolute http(s) URL without credentials or fragment' },
    ),
  ))();

/**
 * A Standard Webhooks signing secret: `whsec_` and the base64 of 24 to 64 random bytes. Absent on
 * creation: the server generates one and shows it once.
 */
export const WebhookSecretInput = /* @__PURE__ */ (() =>
  z
    .string()
    .check(z.regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'expected whsec_ and 24–64 base64 bytes')))();

const emailAddress = /* @__PURE__ */ (() => z.email().check(z.maxLength(254)))();

/** `delivery` of a service input: one method and its settings. */
export const ServiceDeliveryInput = /* @__PURE__ */ (() =>
  z.discriminatedUnion('method', [
    z.strictObject({
      method: z.literal('email'),
      to: z.array(emailAddress).check(
        z.minLength(1),
        z.maxLength(20),
        z.refine((a) => new Set(a.map((x) => x.toLowerCase())).size === a.length, {
          message: 'addresses must be unique',
        }),
      ),
      lang: z.optional(z.enum(['fr', 'en', 'both'])),
    }),
    z.strictObject({
      method: z.literal('webhook'),
      url: HttpUrlInput,
      /** Absent: the stored secret is kept, or a new one generated (and shown once). */
      secret: z.optional(WebhookSecretInput),
      /** Generate a new secret (shown once) instead of keeping the stored one. */
      regenerateSecret: z.optional(z.boolean()),
    }),
    z.strictObject({
      method: z.literal('open311'),
      endpoint: HttpUrlInput,
      serviceCode: z.string().check(z.minLength(1), z.maxLength(100), z.regex(/^[\x21-\x7e]+$/)),
      /** Absent: the stored key is kept. */
      apiKey: z.optional(z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[\x21-\x7e]+$/))),
      jurisdictionId: z.optional(textInput(1, 100)),
      format: z.optional(z.enum(['json', 'xml'])),
      updates: z.optional(z.enum(['auto', 'servicerequestupdates', 'requests', 'off'])),
    }),
    z.strictObject({ method: z.literal('none') }),
  ]))();
export type ServiceDeliveryInput = z.infer<typeof ServiceDeliveryInput>;

/** `target` of a service input. */
export const ServiceTargetInput = /* @__PURE__ */ (() =>
  z.strictObject({
    days: z.int().check(z.gte(1), z.lte(365)),
    unit: z.enum(TARGET_UNITS),
  }))();

/** `contact` of a service input. */
export const ServiceContactInput = /* @__PURE__ */ (() =>
  z.strictObject({
    email: z.optional(emailAddress),
    phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ().-]{3,32}$/, 'Expected a phone number'))),
    url: z.optional(HttpUrlInput),
    address: z.optional(textInput(1, 300)),
    hours: z.optional(localizedTextInput(300)),
  }))();

const serviceFields = {
  name: /* @__PURE__ */ localizedTextInput(200),
  contact: /* @__PURE__ */ z.optional(ServiceContactInput),
  members: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.array(IdInput).check(
      z.maxLength(500),
      z.refine((a) => new Set(a).size === a.length, { message: 'members must be unique' }),
    ),
  ),
  target: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(ServiceTargetInput)),
  delivery: /* @__PURE__ */ z.optional(ServiceDeliveryInput),
  contactAccess: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  police: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  restricted: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
};

const notPoliceAndRestricted = /* @__PURE__ */ (() =>
  z.refine<{ restricted?: boolean | undefined; police?: boolean | undefined }>(
    (s) => !(s.restricted === true && s.police === true),
    { message: 'an independent (restricted) instance cannot be a police service', path: ['restricted'] },
  ))();

/**
 * `PUT /v1/admin/services/{id}` body: the whole service (what is absent takes its default: no
 * contact, no target, delivery `none`, not police, not restricted), except `members` (absent:
 * unchanged; given: replaces the staff accounts that belong to it) and the stored webhook secret and
 * Open311 API key (kept unless new ones are given). A restricted service cannot be a police service.
 */
export const ServiceInput = /* @__PURE__ */ (() =>
  z.strictObject(serviceFields).check(notPoliceAndRestricted))();
export type ServiceInput = z.infer<typeof ServiceInput>;

/** `POST /v1/admin/services` body: {@link ServiceInput} and the new service's id. */
export const ServiceCreateInput = /* @__PURE__ */ (() =>
  z.strictObject({ id: IdInput, ...serviceFields }).check(notPoliceAndRestricted))();
export type ServiceCreateInput = z.infer<typeof ServiceCreateInput>;

// ---------------------------------------------------------------------------
// Routing rules

/**
 * A routing rule: concerns of `categoryCode` (in `districtId`, or anywhere when `null`) go to
 * `serviceId`. The most specific rule wins: category and district, then category alone, then the
 * category's own service.
 */
export const RoutingRule = /* @__PURE__ */ (() =>
  z.object({
    categoryCode: z.string(),
    districtId: z.nullable(z.string()),
    serviceId: z.string(),
  }))();
export type RoutingRule = z.infer<typeof RoutingRule>;

/** `GET /v1/admin/routing-rules` response: the rules, and where each category goes without one. */
export const RoutingTable = /* @__PURE__ */ (() =>
  z.object({
    rules: z.array(RoutingRule),
    /** Each category's own service (what applies when no rule matches). */
    defaults: z.array(z.object({ categoryCode: z.string(), serviceId: z.string() })),
  }))();
export type RoutingTable = z.infer<typeof RoutingTable>;

/** Most routing rules a city keeps. */
export const MAX_ROUTING_RULES = 1000;

/** `PUT /v1/admin/routing-rules` body: the whole set of rules (replaces the stored one). */
export const RoutingRulesInput = /* @__PURE__ */ (() =>
  z.strictObject({
    rules: z
      .array(
        z.strictObject({
          categoryCode: CodeInput,
          districtId: z.optional(z.nullable(IdInput)),
          serviceId: IdInput,
        }),
      )
      .check(
        z.maxLength(MAX_ROUTING_RULES),
        z.refine(
          (rules) =>
            new Set(rules.map((r) => `${r.categoryCode}\u0000${r.districtId ?? ''}`)).size === rules.length,
          { message: 'one rule per category and district' },
        ),
      ),
  }))();
export type RoutingRulesInput = z.infer<typeof RoutingRulesInput>;

// ---------------------------------------------------------------------------
// Deliveries

/**
 * States of a delivery: `pending` (tried at `nextAttemptAt`), `sending` (an attempt is under way),
 * `sent`, `failed` (given up after the retry window, or refused for good; can be retried by hand),
 * `held` (not tried: no mail server is configured — it waits, nothing is dropped).
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'held'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Events a delivery carries (webhook event types; e-mails and Open311 forwards use the same names). */
export const DELIVERY_EVENTS = [
  'concern.created',
  'concern.routed',
  'concern.updated',
  'staff.link',
  'delivery.failure-summary',
] as const;

/** Webhook event types (Standard Webhooks `type`). */
export const WEBHOOK_EVENT_TYPES = ['concern.created', 'concern.routed', 'concern.updated'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One outgoing message and where it stands. */
export const Delivery = /* @__PURE__ */ (() =>
  z.object({
    id: Id,
    status: openEnum(DELIVERY_STATUSES),
    method: openEnum(['email', 'webhook', 'open311']),
    event: openEnum(DELIVERY_EVENTS),
    concernReference: z.nullable(z.string()),
    service: z.nullable(ServiceRef),
    /** Where it goes: addresses, a URL, an endpoint (a person's address is masked). */
    destination: z.nullable(z.string()),
    /** Attempts made so far. */
    attempts: z.int(),
    lastError: z.nullable(z.string()),
    lastAttemptAt: z.nullable(DateTimeString),
    /** When the next attempt is due (`pending`), else `null`. */
    nextAttemptAt: z.nullable(DateTimeString),
    /** After this instant a failing delivery is marked `failed`. */
    giveUpAt: z.nullable(DateTimeString),
    createdAt: DateTimeString,
    sentAt: z.nullable(DateTimeString),
    /** The id receivers de-duplicate by: the e-mail's Message-ID or the webhook-id; fixed for every attempt. */
    messageId: z.string(),
    /** Open311: the `service_request_id` the endpoint gave. */
    remoteId: z.nullable(z.string()),
    /** Why a `held` delivery waits, in the console's languages. */
    notice: z.optional(LocalizedText),
  }))();
export type Delivery = z.infer<typeof Delivery>;

/** `GET /v1/admin/deliveries` response (newest first). */
export const DeliveryPage = /* @__PURE__ */ page(Delivery);
export type DeliveryPage = z.infer<typeof DeliveryPage>;

/** `GET /v1/admin/deliveries` query. */
export const DeliveryListQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    status: z.optional(z.enum(DELIVERY_STATUSES)),
    service: z.optional(IdInput),
    concern: z.optional(ConcernReference),
    limit: z.optional(LimitParam),
    cursor: z.optional(CursorParam),
  }))();
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;

// ---------------------------------------------------------------------------
// Webhook events

/** A concern as a service receives it (the resident's contact only for services allowed to see it). */
export const DeliveredConcern = /* @__PURE__ */ (() =>
  z.object({
    reference: z.string(),
    category: z.object({ code: z.string(), label: LocalizedText }),
    status: z.string(),
    submittedAt: DateTimeString,
    updatedAt: DateTimeString,
    description: z.string(),
    location: z.object({
      address: z.optional(z.string()),
      lat: z.optional(z.number()),
      lon: z.optional(z.number()),
      districtId: z.optional(z.string()),
      district: z.optional(z.string()),
    }),
    /** The category's questions and the resident's answers, labelled. */
    answers: z.array(z.object({ code: z.string(), label: LocalizedText, value: z.string() })),
    lang: z.optional(z.string()),
    /** The concern in the staff console. */
    url: z.string(),
    contact: z.optional(
      z.object({
        name: z.optional(z.string()),
        email: z.optional(z.string()),
        phone: z.optional(z.string()),
        preferred: z.optional(z.string()),
      }),
    ),
  }))();
export type DeliveredConcern = z.infer<typeof DeliveredConcern>;

/**
 * The body of a webhook (Standard Webhooks: `type`, `timestamp`, `data`). `concern.created`: a new
 * concern was routed to the service; `concern.routed`: a concern was handed from `previousService`
 * to `service` (both receive it); `concern.updated`: its status changed or a public update was
 * written (`update`).
 */
export const WebhookEvent = /* @__PURE__ */ (() =>
  z.object({
    type: openEnum(WEBHOOK_EVENT_TYPES),
    timestamp: DateTimeString,
    data: z.object({
      concern: DeliveredConcern,
      service: ServiceRef,
      previousService: z.optional(ServiceRef),
      update: z.optional(PublicUpdate),
    }),
  }))();
export type WebhookEvent = z.infer<typeof WebhookEvent>;
