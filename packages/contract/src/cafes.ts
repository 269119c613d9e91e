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

/**
 * `POST /v1/admin/cafes` and `PUT /v1/admin/cafes/{id}` body. Strict. Rules: `end` is not before
 * `start`; `online` and `hybrid` need an `onlineUrl`; `lat` and `lon` come together.
 * `id`, `status`, `sequence` and `updatedAt` are set by the server.
 */
export const CafeInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
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
    ))();
export type CafeInput = z.infer<typeof CafeInput>;

/** `POST /v1/admin/cafes/{id}/cancel` body: an optional public reason. */
export const CafeCancelInput = /* @__PURE__ */ (() =>
  z.strictObject({ reason: z.optional(localizedTextInput(500)) }))();
export type CafeCancelInput = z.infer<typeof CafeCancelInput>;
