/** Cafés with a police officer (and other public meetings): the calendar resource. */
import * as z from 'zod/mini';
import {
  CursorParam,
  DateTimeString,
  Id,
  IdInput,
  IsoDate,
  IsoDateTime,
  LanguageTag,
  Latitude,
  LatitudeOut,
  LimitParam,
  LocalizedText,
  Longitude,
  LongitudeOut,
  SafeUrl,
  TimeZone,
  UrlString,
  documented,
  localizedTextInput,
  openEnum,
  page,
  textInput,
} from './common.js';

/** How people attend: in person, online, or both. */
export const CAFE_MODES = ['in-person', 'online', 'hybrid'] as const;
export type CafeModeKnown = (typeof CAFE_MODES)[number];
/** Cafe mode in responses (open enum). */
export const CafeMode = /* @__PURE__ */ openEnum(CAFE_MODES);
export type CafeMode = z.infer<typeof CafeMode>;

/**
 * What kind of meeting: « café avec un policier », « groupe de veille » (a watch group),
 * « réunion publique / bilan annuel » (a public meeting, the yearly review).
 */
export const MEETING_KINDS = ['cafe', 'watch-group', 'public-meeting'] as const;
export type MeetingKindKnown = (typeof MEETING_KINDS)[number];
/** Meeting kind in responses (open enum; absent means `cafe`). */
export const MeetingKind = /* @__PURE__ */ openEnum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof MeetingKind>;

/**
 * A recurrence rule (RFC 5545 §3.3.10) the reference server accepts for a series: weekly or
 * monthly (`FREQ=MONTHLY;BYDAY=1WE`, the first Wednesday), optionally daily, with `INTERVAL`,
 * `BYDAY`, `BYMONTHDAY`, `BYSETPOS`, `WKST`, and `COUNT` or a UTC `UNTIL` (a series' DTSTART carries
 * a TZID, so §3.3.10 requires UNTIL in UTC).
 */
export const RRULE_PATTERN =
  /^FREQ=(?:DAILY|WEEKLY|MONTHLY)(?:;(?:INTERVAL=[1-9]\d?|COUNT=[1-9]\d{0,2}|UNTIL=\d{8}T\d{6}Z|BYDAY=(?:[+-]?[1-5]?(?:MO|TU|WE|TH|FR|SA|SU))(?:,[+-]?[1-5]?(?:MO|TU|WE|TH|FR|SA|SU)){0,6}|BYMONTHDAY=-?(?:[1-9]|[12]\d|3[01])|BYSETPOS=-?[1-5]|WKST=(?:MO|TU|WE|TH|FR|SA|SU)))*$/;

/**
 * A repeating meeting's series (the RFC 5545 RRULE and EXDATE behind it). On an occurrence listed by
 * `GET /v1/cafes`, `occurrence` is its original start (the iCalendar RECURRENCE-ID) and the id is
 * `<series id>~<local start, YYYYMMDDTHHMM>`; the series itself is `GET /v1/cafes/{series id}`.
 */
export const CafeSeries = /* @__PURE__ */ (() =>
  z.object({
    id: Id,
    rrule: z.string(),
    /** Days left out of the series (EXDATE), as local dates in the café's zone. */
    exceptions: z.array(z.string()),
    occurrence: z.optional(DateTimeString),
  }))();
export type CafeSeries = z.infer<typeof CafeSeries>;

/** Whether the meeting still takes place. */
export const CAFE_STATUSES = ['scheduled', 'cancelled'] as const;
/** Cafe status in responses (open enum). */
export const CafeStatus = /* @__PURE__ */ openEnum(CAFE_STATUSES);
export type CafeStatus = z.infer<typeof CafeStatus>;

/** Where a café is held. */
export const CafePlace = /* @__PURE__ */ (() =>
  z.object({
    name: z.string(),
    address: z.string(),
    lat: z.optional(LatitudeOut),
    lon: z.optional(LongitudeOut),
  }))();
export type CafePlace = z.infer<typeof CafePlace>;

/** Who organises the meeting (a service, a team, an association). */
export const CafeOrganizer = /* @__PURE__ */ (() =>
  z.object({ name: z.string(), role: z.optional(z.string()) }))();
export type CafeOrganizer = z.infer<typeof CafeOrganizer>;

/**
 * A café with a police officer (a response: leaves not re-checked, see `DateTimeString`).
 * `start`/`end` carry their UTC offset; `timeZone` is the IANA zone
 * the event is defined in (for iCalendar and display). `sequence` is the iCalendar SEQUENCE,
 * incremented on every change (so calendar apps update or cancel the event).
 */
export const Cafe = /* @__PURE__ */ (() =>
  z.object({
    id: Id,
    kind: z.optional(MeetingKind),
    title: LocalizedText,
    description: z.optional(LocalizedText),
    start: DateTimeString,
    end: DateTimeString,
    timeZone: z.string(),
    allDay: z.boolean(),
    place: CafePlace,
    districtId: z.nullable(z.string()),
    mode: CafeMode,
    onlineUrl: z.optional(UrlString),
    organizer: CafeOrganizer,
    accessibility: z.optional(LocalizedText),
    languages: z.array(z.string()),
    status: CafeStatus,
    sequence: documented(z.number(), { type: 'integer', minimum: 0 }),
    updatedAt: DateTimeString,
    url: z.optional(UrlString),
    /** Present on a repeating meeting and on each of its occurrences. */
    series: z.optional(CafeSeries),
    /** Why it was cancelled (an occurrence or the whole meeting), when a reason was given. */
    cancelReason: z.optional(LocalizedText),
  }))();
export type Cafe = z.infer<typeof Cafe>;

/** `GET /v1/cafes` response. */
export const CafePage = /* @__PURE__ */ page(Cafe);
export type CafePage = z.infer<typeof CafePage>;

/** `GET /v1/cafes` query: a window (`from`/`to`, dates or date-times), a district, paging. */
export const CafeListQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    from: z.optional(z.union([IsoDateTime, IsoDate])),
    to: z.optional(z.union([IsoDateTime, IsoDate])),
    district: z.optional(IdInput),
    limit: z.optional(LimitParam),
    cursor: z.optional(CursorParam),
  }))();
export type CafeListQuery = z.infer<typeof CafeListQuery>;

const shortText = /* @__PURE__ */ textInput(1, 200);

/** How a meeting repeats: an RRULE ({@link RRULE_PATTERN}) and the days left out (local dates). */
export const CafeRepeatInput = /* @__PURE__ */ (() =>
  z.strictObject({
    rrule: z
      .string()
      .check(z.maxLength(300), z.regex(RRULE_PATTERN, 'Not a recurrence rule this server takes')),
    exceptions: z.optional(z.array(IsoDate).check(z.maxLength(200))),
  }))();
export type CafeRepeatInput = z.infer<typeof CafeRepeatInput>;

/**
 * `POST /v1/admin/cafes` and `PUT /v1/admin/cafes/{id}` body. Strict. Rules: `end` is not before
 * `start`; `online` and `hybrid` need an `onlineUrl`; `lat` and `lon` come together; a repeating
 * meeting is not all-day and its `start` is the first occurrence of its rule.
 * `id`, `status`, `sequence` and `updatedAt` are set by the server.
 */
export const CafeInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      kind: z.optional(z.enum(MEETING_KINDS)),
      title: localizedTextInput(200),
      description: z.optional(localizedTextInput(4000)),
      start: IsoDateTime,
      end: IsoDateTime,
      timeZone: TimeZone,
      allDay: z.optional(z.boolean()),
      place: z.strictObject({
        name: shortText,
        address: textInput(1, 300),
        lat: z.optional(Latitude),
        lon: z.optional(Longitude),
      }),
      districtId: z.optional(z.nullable(IdInput)),
      mode: z.enum(CAFE_MODES),
      onlineUrl: z.optional(SafeUrl),
      organizer: z.strictObject({ name: shortText, role: z.optional(shortText) }),
      accessibility: z.optional(localizedTextInput(1000)),
      languages: z.optional(z.array(LanguageTag).check(z.maxLength(10))),
      url: z.optional(SafeUrl),
      repeat: z.optional(CafeRepeatInput),
    })
    .check(
      z.refine((c) => Date.parse(c.end) >= Date.parse(c.start), {
        message: 'end must not be before start',
        path: ['end'],
      }),
      z.refine((c) => c.mode === 'in-person' || c.onlineUrl !== undefined, {
        message: 'online and hybrid cafés need an onlineUrl',
        path: ['onlineUrl'],
      }),
      z.refine((c) => (c.place.lat === undefined) === (c.place.lon === undefined), {
        message: 'lat and lon come together',
        path: ['place', 'lon'],
      }),
      z.refine((c) => c.repeat === undefined || c.allDay !== true, {
        message: 'an all-day meeting does not repeat',
        path: ['repeat'],
      }),
    ))();
export type CafeInput = z.infer<typeof CafeInput>;

/** `POST /v1/admin/cafes/{id}/cancel` body: an optional public reason. */
export const CafeCancelInput = /* @__PURE__ */ (() =>
  z.strictObject({ reason: z.optional(localizedTextInput(500)) }))();
export type CafeCancelInput = z.infer<typeof CafeCancelInput>;

/**
 * `POST /v1/admin/cafes/{id}/duplicate` body: the copy's start (its end keeps the duration). The
 * copy is scheduled, with the same fields and repeat rule, and a new id.
 */
export const CafeDuplicateInput = /* @__PURE__ */ (() => z.strictObject({ start: IsoDateTime }))();
export type CafeDuplicateInput = z.infer<typeof CafeDuplicateInput>;

/**
 * `POST /v1/admin/cafes/import` body: an iCalendar text (RFC 5545) read as `proximite import-ics`
 * reads a feed, in a window (default: 30 days back, a year ahead).
 */
export const CafeImportInput = /* @__PURE__ */ (() =>
  z.strictObject({
    calendar: textInput(1, 30_000),
    districtId: z.optional(IdInput),
    organizer: z.optional(shortText),
    timeZone: z.optional(TimeZone),
    from: z.optional(IsoDate),
    to: z.optional(IsoDate),
  }))();
export type CafeImportInput = z.infer<typeof CafeImportInput>;

/** What an import did, per event (the café ids, with the feed's UIDs in `events`). */
export const CafeImportResult = /* @__PURE__ */ (() =>
  z.object({
    found: z.number(),
    created: z.array(z.string()),
    updated: z.array(z.string()),
    cancelled: z.array(z.string()),
    unchanged: z.array(z.string()),
    keptCancelled: z.array(z.string()),
    skipped: z.array(z.object({ event: z.string(), reason: z.string(), line: z.optional(z.number()) })),
    warnings: z.array(
      z.object({ event: z.optional(z.string()), message: z.string(), line: z.optional(z.number()) }),
    ),
  }))();
export type CafeImportResult = z.infer<typeof CafeImportResult>;
