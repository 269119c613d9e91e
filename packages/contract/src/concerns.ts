/** Concerns reported by residents: categories, the submission, the receipt and the public status. */
import * as z from 'zod/mini';
import { MAX_DESCRIPTION_LENGTH } from './checks.js';
import {
  CodeInput,
  DateTimeString,
  Id,
  IdInput,
  InputLang,
  IsoDateTime,
  Latitude,
  LocalizedText,
  Longitude,
  describeRefinements,
  documented,
  openEnum,
  textInput,
} from './common.js';

// ---------------------------------------------------------------------------
// Categories

/** Datatypes of a category field, as in Open311 service-definition attributes. */
export const FIELD_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export const FieldDatatype = /* @__PURE__ */ openEnum(FIELD_DATATYPES);
export type FieldDatatype = z.infer<typeof FieldDatatype>;

/** An emergency "stopper": when shown, the form does not submit and points to the numbers. */
export const EmergencyStopper = /* @__PURE__ */ (() =>
  z.object({
    message: LocalizedText,
    numbers: z.array(z.string()),
  }))();
export type EmergencyStopper = z.infer<typeof EmergencyStopper>;

/** The service a concern is routed to. */
export const ServiceRef = /* @__PURE__ */ z.object({ id: Id, name: LocalizedText });
export type ServiceRef = z.infer<typeof ServiceRef>;

/** An extra question of a category (mirrors an Open311 attribute). */
export const CategoryField = /* @__PURE__ */ (() =>
  z.object({
    code: z.string(),
    label: LocalizedText,
    description: z.optional(LocalizedText),
    datatype: FieldDatatype,
    required: z.boolean(),
    order: documented(z.number(), { type: 'integer' }),
    values: z.optional(z.array(z.object({ key: z.string(), name: LocalizedText }))),
    /** When the answer equals (or, for lists, contains) `whenValue`, show `message` and do not submit. */
    stopper: z.optional(z.object({ whenValue: z.string(), message: LocalizedText })),
  }))();
export type CategoryField = z.infer<typeof CategoryField>;

/**
 * A kind of concern residents can report, routed to a service. If `emergency` is present the form
 * shows it as a stopper (17 / 112 / 114…) and does not submit.
 */
export const ConcernCategory = /* @__PURE__ */ (() =>
  z.object({
    code: z.string(),
    label: LocalizedText,
    group: z.optional(LocalizedText),
    description: z.optional(LocalizedText),
    service: ServiceRef,
    emergency: z.optional(EmergencyStopper),
    /**
     * A complaint about a police officer's or gendarme's conduct: never routed to a police service.
     * The form shows the recourse guide (IGPN, IGGN, Défenseur des droits, procureur); when the city
     * has an independent instance of its own (médiateur, comité d'éthique), `instance` names it and
     * the concern may be sent to it alone — otherwise the server refuses the submission.
     */
    conduct: z.optional(z.object({ instance: z.optional(ServiceRef) })),
    fields: z.array(CategoryField),
  }))();
export type ConcernCategory = z.infer<typeof ConcernCategory>;

/** `GET /v1/concern-categories` response. */
export const ConcernCategoryList = /* @__PURE__ */ (() => z.object({ items: z.array(ConcernCategory) }))();
export type ConcernCategoryList = z.infer<typeof ConcernCategoryList>;

// ---------------------------------------------------------------------------
// Status lifecycle

/** Lifecycle of a concern, richer than Open311's open/closed. */
export const CONCERN_STATUSES = [
  'received',
  'in-progress',
  'action-scheduled',
  'referred',
  'resolved',
  'closed',
  'duplicate',
  'not-responsible',
  /**
   * The resident answered « non » to « Le problème est-il réglé ? » after closure: the concern is
   * open again, back in its service's queue. Set by the resident's verdict alone, never by staff.
   */
  'reopen-requested',
] as const;
export type ConcernStatusKnown = (typeof CONCERN_STATUSES)[number];
/** Concern status in responses (open enum). */
export const ConcernStatusValue = /* @__PURE__ */ openEnum(CONCERN_STATUSES);
export type ConcernStatusValue = z.infer<typeof ConcernStatusValue>;
/** Concern status in inputs (closed). */
export const ConcernStatusInput = /* @__PURE__ */ z.enum(CONCERN_STATUSES);

const OPEN_STATUSES: readonly string[] = [
  'received',
  'in-progress',
  'action-scheduled',
  'referred',
  'reopen-requested',
];

/** Statuses that count as closed (retention runs from closure; Open311 says `closed`). */
export const CLOSED_STATUSES: readonly string[] = ['resolved', 'closed', 'duplicate', 'not-responsible'];

/**
 * Whether staff may move a concern from `from` to `to` — the server refuses the others (409), and
 * the console offers only these. Nothing goes back to `received`; a closed one may only be
 * reopened (`in-progress`); `reopen-requested` is the resident's verdict alone (it is open: staff
 * take it on from there like any open concern).
 */
export function transitionAllowed(from: string, to: string): boolean {
  if (from === to) return true;
  if (to === 'received' || to === 'reopen-requested') return false;
  if (CLOSED_STATUSES.includes(from)) return to === 'in-progress';
  return true;
}

/** The statuses after which a resident may give a verdict (« Le problème est-il réglé ? »). */
export const VERDICT_STATUSES: readonly string[] = ['resolved', 'closed'];

/** Open311 GeoReport v2 status of a concern status; unknown values count as `open` (never hide one). */
export function toOpen311Status(status: ConcernStatusValue): 'open' | 'closed' {
  if (OPEN_STATUSES.includes(status)) return 'open';
  return (CONCERN_STATUSES as readonly string[]).includes(status) ? 'closed' : 'open';
}

/** FixMyStreet extended Open311 statuses (mySociety), plus `OPEN` which FixMyStreet also sends. */
export const FMS_STATUSES = [
  'OPEN',
  'IN_PROGRESS',
  'ACTION_SCHEDULED',
  'INVESTIGATING',
  'FIXED',
  'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION',
  'INTERNAL_REFERRAL',
  'CLOSED',
] as const;
export type FixMyStreetStatus = (typeof FMS_STATUSES)[number];

const TO_FMS: Record<ConcernStatusKnown, FixMyStreetStatus> = {
  received: 'OPEN',
  'in-progress': 'IN_PROGRESS',
  'action-scheduled': 'ACTION_SCHEDULED',
  referred: 'INTERNAL_REFERRAL',
  resolved: 'FIXED',
  closed: 'CLOSED',
  duplicate: 'DUPLICATE',
  'not-responsible': 'NOT_COUNCILS_RESPONSIBILITY',
  // FixMyStreet has no « reopened » state: an open report again.
  'reopen-requested': 'OPEN',
};

const FROM_FMS: Record<string, ConcernStatusKnown> = {
  OPEN: 'received',
  INVESTIGATING: 'in-progress',
  IN_PROGRESS: 'in-progress',
  ACTION_SCHEDULED: 'action-scheduled',
  FIXED: 'resolved',
  DUPLICATE: 'duplicate',
  NOT_COUNCILS_RESPONSIBILITY: 'not-responsible',
  NO_FURTHER_ACTION: 'closed',
  UNABLE_TO_FIX: 'closed',
  WONT_FIX: 'closed',
  INTERNAL_REFERRAL: 'referred',
  CLOSED: 'closed',
};

/** FixMyStreet status for a concern status; `null` for a status this version does not know. */
export function toFixMyStreetStatus(status: ConcernStatusValue): FixMyStreetStatus | null {
  return Object.hasOwn(TO_FMS, status) ? TO_FMS[status as ConcernStatusKnown] : null;
}

/**
 * Concern status for a FixMyStreet extended status (case-insensitive; plain Open311 `open` and
 * `closed` also map). `INVESTIGATING` becomes `in-progress` and `NO_FURTHER_ACTION` `closed`, so
 * the round trip is lossy for those two. `null` when unknown.
 */
export function fromFixMyStreetStatus(status: string): ConcernStatusKnown | null {
  const key = status.trim().toUpperCase();
  return Object.hasOwn(FROM_FMS, key) ? (FROM_FMS[key] ?? null) : null;
}

// ---------------------------------------------------------------------------
// Submission

// In checks.ts, a module without schemas: the concern form counts against it in its first view.
export { MAX_DESCRIPTION_LENGTH };
/** Maximum number of `attributes` entries in a concern. */
export const MAX_ATTRIBUTES = 30;

/** A field answer: text, number, or the keys chosen in a multi-value list. */
export const AttributeValueInput = /* @__PURE__ */ (() =>
  z.union([
    textInput(0, 1000),
    z.number().check(z.refine((n) => Number.isFinite(n), { message: 'must be finite' })),
    z.array(textInput(0, 200)).check(z.maxLength(20)),
  ]))();

const attributeKey = /* @__PURE__ */ (() =>
  z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_.-]+$/)))();

/**
 * Where the concern is: an address, a point (lat and lon together), or a district — at least one.
 * Its JSON Schema says so as three alternatives, each with its own required fields (and lat/lon as
 * dependent), so a client generated from the OpenAPI document cannot build `{}` or a lone `lat`.
 */
export const ConcernLocationInput = /* @__PURE__ */ (() =>
  describeRefinements(
    z
      .strictObject({
        address: z.optional(textInput(1, 300)),
        lat: z.optional(Latitude),
        lon: z.optional(Longitude),
        districtId: z.optional(IdInput),
      })
      .check(
        z.refine((l) => (l.lat === undefined) === (l.lon === undefined), {
          message: 'lat and lon come together',
          path: ['lon'],
        }),
        z.refine((l) => l.address !== undefined || l.lat !== undefined || l.districtId !== undefined, {
          message: 'give an address, a point (lat and lon) or a district',
        }),
      ),
    (json) => {
      const { properties } = json;
      for (const key of Object.keys(json)) delete json[key];
      const variant = (required: string[]) => ({
        type: 'object',
        properties,
        required,
        additionalProperties: false,
      });
      Object.assign(json, {
        description: 'An address, a point (lat and lon together) or a district; at least one of them.',
        anyOf: [variant(['address']), variant(['lat', 'lon']), variant(['districtId'])],
        dependentRequired: { lat: ['lon'], lon: ['lat'] },
      });
    },
  ))();
export type ConcernLocationInput = z.infer<typeof ConcernLocationInput>;

/** Optional contact details; when `contact` is absent the concern is anonymous. */
export const ConcernContactInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      name: z.optional(textInput(1, 200)),
      email: z.optional(z.email().check(z.maxLength(254))),
      phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ().-]{3,32}$/, 'Expected a phone number'))),
      preferred: z.optional(z.enum(['email', 'phone'])),
      /**
       * « Me tenir informé·e par e-mail » (off by default): an acknowledgement, then a message per
       * public update, hand-off and closure, and the verdict question; each one can stop them.
       */
      emailUpdates: z.optional(z.boolean()),
    })
    .check(
      z.refine((c) => c.emailUpdates !== true || c.email !== undefined, {
        message: 'e-mail updates need an email',
        path: ['email'],
      }),
      z.refine((c) => c.preferred !== 'email' || c.email !== undefined, {
        message: 'preferred email needs an email',
        path: ['email'],
      }),
      z.refine((c) => c.preferred !== 'phone' || c.phone !== undefined, {
        message: 'preferred phone needs a phone',
        path: ['phone'],
      }),
    ))();
export type ConcernContactInput = z.infer<typeof ConcernContactInput>;

/**
 * `POST /v1/concerns` body. Strict and length-capped. `honeypot` is the hidden "website" field:
 * humans leave it empty; the server stores but quarantines a concern where it is not.
 * `formStartedAt` is when the form was first shown (a soft time-trap signal). `altcha` carries an
 * optional ALTCHA proof-of-work payload the server may require.
 */
export const ConcernInput = /* @__PURE__ */ (() =>
  z.strictObject({
    categoryCode: CodeInput,
    description: textInput(1, MAX_DESCRIPTION_LENGTH),
    location: ConcernLocationInput,
    attributes: z.optional(
      z.record(attributeKey, AttributeValueInput).check(
        z.refine((r) => Object.keys(r).length <= MAX_ATTRIBUTES, {
          message: `at most ${MAX_ATTRIBUTES} attributes`,
        }),
      ),
    ),
    contact: z.optional(ConcernContactInput),
    lang: z.optional(InputLang),
    honeypot: z.optional(textInput(0, 500)),
    formStartedAt: z.optional(IsoDateTime),
    altcha: z.optional(textInput(0, 4000)),
  }))();
export type ConcernInput = z.infer<typeof ConcernInput>;

/** `POST /v1/concerns` header: one key per logical submission, reused on every retry. */
export const IdempotencyKey = /* @__PURE__ */ (() =>
  z.string().check(z.minLength(8), z.maxLength(255), z.regex(/^[\x21-\x7e]+$/, 'Visible ASCII only')))();

/** A human-readable concern reference, e.g. `PRX-7K3M-Q9AB` (Crockford base 32, no I/L/O/U). */
export const CONCERN_REFERENCE_PATTERN = /^PRX-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
/** A concern reference in an input or a path. */
export const ConcernReference = /* @__PURE__ */ (() =>
  z.string().check(z.regex(CONCERN_REFERENCE_PATTERN, 'Expected a reference such as PRX-7K3M-Q9AB')))();

/**
 * `POST /v1/concerns` response (201, or 200 on an idempotent replay). `statusToken` and
 * `trackingCode` are secrets: either, with the reference, reads the public status
 * (`GET /v1/concerns/{reference}?token=` or `?code=`). `trackingCode` is absent from backends
 * that do not have one (Open311).
 */
export const ConcernReceipt = /* @__PURE__ */ (() =>
  z.object({
    reference: z.string(),
    statusToken: z.string(),
    trackingCode: z.optional(z.string()),
    service: ServiceRef,
    status: ConcernStatusValue,
    submittedAt: DateTimeString,
    statusUrl: z.optional(z.string()),
    /** What the service says on receipt (Open311's `service_notice`), when it says something. */
    notice: z.optional(LocalizedText),
  }))();
export type ConcernReceipt = z.infer<typeof ConcernReceipt>;

/**
 * A public update on a concern (what the service says it did). With `service`, the update records a
 * hand-off: the concern was passed to that service (« Transmis au service Propreté »).
 */
export const PublicUpdate = /* @__PURE__ */ z.object({
  id: Id,
  at: DateTimeString,
  status: ConcernStatusValue,
  text: LocalizedText,
  service: /* @__PURE__ */ z.optional(ServiceRef),
});
export type PublicUpdate = z.infer<typeof PublicUpdate>;

/**
 * The resident's verdict on a closed concern: « Le problème est-il réglé ? ». `comment` only in the
 * staff's view of the concern (it may name people), never in the public status or the feed.
 */
export const ConcernVerdict = /* @__PURE__ */ (() =>
  z.object({
    resolved: z.boolean(),
    at: DateTimeString,
    comment: z.optional(z.string()),
  }))();
export type ConcernVerdict = z.infer<typeof ConcernVerdict>;

/**
 * The café a concern was raised at, when an agent noted it there (café mode): enough to say
 * « Relevé au café du 5 décembre, place du Don » without another request. A copy taken when the
 * concern was noted, so it stays true if the café is later edited.
 */
export const RaisedAtCafe = /* @__PURE__ */ (() =>
  z.object({
    cafeId: Id,
    /** The café's start, with its UTC offset. */
    start: DateTimeString,
    /** The café's IANA time zone (the day is the café's day there). */
    timeZone: z.string(),
    /** Where it was held (`place.name` of the café). */
    place: z.string(),
  }))();
export type RaisedAtCafe = z.infer<typeof RaisedAtCafe>;

/**
 * « Relevé au café du 5 décembre, place du Don » / "Raised at the café of 5 December, place du
 * Don": the café's day in its own time zone.
 */
export function raisedAtCafeText(cafe: RaisedAtCafe, lang: string): string {
  const en = lang === 'en';
  let day: string;
  try {
    day = new Intl.DateTimeFormat(en ? 'en-GB' : 'fr-FR', {
      day: 'numeric',
      month: 'long',
      timeZone: cafe.timeZone,
    }).format(new Date(cafe.start));
  } catch {
    day = cafe.start.slice(0, 10);
  }
  return en ? `Raised at the café of ${day}, ${cafe.place}` : `Relevé au café du ${day}, ${cafe.place}`;
}

/** `GET /v1/concerns/{reference}` response: public status, never any contact data. */
export const ConcernStatusView = /* @__PURE__ */ (() =>
  z.object({
    reference: z.string(),
    categoryCode: z.string(),
    service: ServiceRef,
    status: ConcernStatusValue,
    submittedAt: DateTimeString,
    updatedAt: DateTimeString,
    updates: z.array(PublicUpdate),
    /**
     * The concern's private Atom feed, for a feed reader (in the status lookup's answer only): it
     * carries a read-only key of its own, never the status token or the tracking code.
     */
    feedUrl: z.optional(z.string()),
    /**
     * The resident's verdict, once given (in the status lookup's answer and the staff's views;
     * one per concern).
     */
    verdict: z.optional(ConcernVerdict),
    /**
     * `true` when the resident may now answer « Le problème est-il réglé ? »
     * (`POST /v1/concerns/{reference}/feedback`): the concern is resolved or closed and no verdict
     * was given yet. In the status lookup's answer only.
     */
    verdictOpen: z.optional(z.boolean()),
    /**
     * E-mail updates are on for this concern (in the status lookup's answer only; the address is
     * never shown). `false`: none, or stopped — `POST /v1/concerns/{reference}/email` turns them on.
     */
    emailUpdates: z.optional(z.boolean()),
    /** Noted by an agent at a café (café mode): which one, when and where. */
    raisedAt: z.optional(RaisedAtCafe),
  }))();
export type ConcernStatusView = z.infer<typeof ConcernStatusView>;

/** The long status token of a receipt. */
export const StatusToken = /* @__PURE__ */ (() =>
  z.string().check(z.minLength(16), z.maxLength(128), z.regex(/^[A-Za-z0-9_-]+$/)))();

/**
 * A tracking code as a person may type it: 10 letters and digits, with any spaces and dashes
 * (the server reads it as Crockford's base 32 says: `normalizeTrackingCode` of
 * `@proximite/contract/tracking-code.js`).
 */
export const TrackingCodeInput = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.maxLength(40),
      z.regex(/^[\s-]*(?:[0-9A-Za-z][\s-]*){10}$/, 'Expected a tracking code such as 7K3MQ-9ABX4'),
    ))();

/**
 * `GET /v1/concerns/{reference}` query: the long status token of the receipt, or its short
 * tracking code — one of them.
 */
export const ConcernStatusQuery = /* @__PURE__ */ (() =>
  z
    .strictObject({
      token: z.optional(StatusToken),
      code: z.optional(TrackingCodeInput),
    })
    .check(
      z.refine((q) => (q.token === undefined) !== (q.code === undefined), {
        message: 'give the status token or the tracking code (one of them)',
        path: ['code'],
      }),
    ))();
export type ConcernStatusQuery = z.infer<typeof ConcernStatusQuery>;

/**
 * `GET /v1/concerns/{reference}/feed.atom` query: the feed's read-only key (from `feedUrl`) or the
 * status token; `lang` of the texts (else the language the concern was sent in).
 */
export const ConcernFeedQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    token: StatusToken,
    lang: z.optional(InputLang),
  }))();
export type ConcernFeedQuery = z.infer<typeof ConcernFeedQuery>;

/**
 * `POST /v1/concerns/{reference}/feedback` body: the resident's verdict on a closed concern, with
 * the secret of the receipt (the status token or the tracking code, one of them). « Non »
 * (`resolved: false`) reopens the concern (`reopen-requested`). One verdict per concern.
 */
export const ConcernFeedbackInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      token: z.optional(StatusToken),
      code: z.optional(TrackingCodeInput),
      resolved: z.boolean(),
      comment: z.optional(textInput(1, 1000)),
    })
    .check(
      z.refine((q) => (q.token === undefined) !== (q.code === undefined), {
        message: 'give the status token or the tracking code (one of them)',
        path: ['code'],
      }),
    ))();
export type ConcernFeedbackInput = z.infer<typeof ConcernFeedbackInput>;

/**
 * `POST /v1/concerns/{reference}/email` body: an e-mail address added from the status page, with
 * the secret of the receipt, to receive the concern's updates from now on (`lang` of the messages,
 * else the concern's).
 */
export const ConcernEmailInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      token: z.optional(StatusToken),
      code: z.optional(TrackingCodeInput),
      email: z.email().check(z.maxLength(254)),
      lang: z.optional(InputLang),
    })
    .check(
      z.refine((q) => (q.token === undefined) !== (q.code === undefined), {
        message: 'give the status token or the tracking code (one of them)',
        path: ['code'],
      }),
    ))();
export type ConcernEmailInput = z.infer<typeof ConcernEmailInput>;

/** `…/unsubscribe` query: the key of the message's `List-Unsubscribe` link. */
export const ConcernUnsubscribeQuery = /* @__PURE__ */ (() =>
  z.strictObject({ key: z.string().check(z.regex(/^[0-9a-f]{32}$/, 'Expected the key of the link')) }))();
export type ConcernUnsubscribeQuery = z.infer<typeof ConcernUnsubscribeQuery>;

/**
 * `POST …/unsubscribe` form body, as RFC 8058 has mail clients send it (`List-Unsubscribe=One-Click`);
 * the page's button sends the same. Any other body is read the same way: the key decides.
 */
export const ConcernUnsubscribeForm = /* @__PURE__ */ (() =>
  z.object({ 'List-Unsubscribe': z.optional(textInput(0, 100)) }))();
export type ConcernUnsubscribeForm = z.infer<typeof ConcernUnsubscribeForm>;
