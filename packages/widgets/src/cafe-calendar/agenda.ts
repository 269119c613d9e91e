/**
 * Pure calendar logic of <prox-cafe-calendar>: no DOM, no I/O, deterministic given its arguments.
 *
 * Time zones: a café is shown in ITS OWN time zone (`cafe.timeZone`, e.g. Europe/Paris for Amiens),
 * whatever the visitor's clock says. Every function that turns an instant into a day or a time
 * takes the zone explicitly and goes through `Intl.DateTimeFormat({ timeZone })`.
 *
 * Calendar dates (`YYYY-MM-DD`) are handled as plain dates through `Date.UTC`, so day arithmetic
 * never meets a daylight-saving change.
 *
 * Multi-day and all-day events (the choice, documented): an event appears on EVERY local day it
 * covers, in the list and in the month view, and each appearance says which day of how many it is
 * (`dayIndex`/`dayCount`) and shows the whole range. An end at exactly midnight is exclusive (as
 * iCalendar's DTEND): an all-day event from 12 May 00:00 to 13 May 00:00 covers 12 May only, and
 * an evening café ending at midnight does not spill into the next day.
 */
import type { Cafe, CafePlace } from '@proximite/contract';
import { isTimeZone, wallTimeAt, zoneOffsetMs, type WallTime } from '@proximite/contract/zoned-time.js';
import { cached, dateFormat } from '../kit/localize.js';

/** The zone used when a café's zone is missing or unknown to Intl (the project's home zone). */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** An event spanning more days than this is treated as data error and clipped. */
const MAX_DAYS = 366;

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------
// Instants and zones

export type { WallTime };

/** Whether `Intl` knows the zone (an IANA name such as `Europe/Paris`, or `UTC`). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  return isTimeZone(timeZone);
}

/** The zone to show a café in: its own if valid, else {@link DEFAULT_TIME_ZONE}. */
export function cafeZone(cafe: Pick<Cafe, 'timeZone'>): string {
  return isValidTimeZone(cafe.timeZone) ? cafe.timeZone : DEFAULT_TIME_ZONE;
}

function toDate(instant: string | Date | number): Date {
  return instant instanceof Date ? instant : new Date(instant);
}

/** The wall-clock time of an instant in `timeZone`. Throws a RangeError for an unknown zone. */
export function wallTime(instant: string | Date | number, timeZone: string): WallTime {
  const date = toDate(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid date: ${String(instant)}`);
  return wallTimeAt(date.getTime(), timeZone);
}

/** The UTC offset of `timeZone` at an instant, in minutes (Paris in summer: 120). */
export function zoneOffsetMinutes(instant: string | Date | number, timeZone: string): number {
  return Math.round(zoneOffsetMs(toDate(instant).getTime(), timeZone) / 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a wall time. */
export function wallDate(w: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The calendar date (`YYYY-MM-DD`) of an instant in `timeZone`. */
export function localDate(instant: string | Date | number, timeZone: string): string {
  return wallDate(wallTime(instant, timeZone));
}

// ---------------------------------------------------------------------------
// Calendar dates (YYYY-MM-DD), zone-free

/** Milliseconds of a `YYYY-MM-DD` date at 00:00 UTC (NaN when malformed). */
function dateMs(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function msDate(ms: number): string {
  const d = new Date(ms);
  return wallDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** `date` plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  return msDate(dateMs(date) + days * DAY_MS);
}

/** Whole days from `a` to `b` (`b - a`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dateMs(b) - dateMs(a)) / DAY_MS);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(dateMs(date)).getUTCDay() + 6) % 7) + 1;
}

/** Whether a string is a calendar date `YYYY-MM-DD` (as opposed to a date-time). */
export function isDateOnly(value: string): boolean {
  return !Number.isNaN(dateMs(value)) && value.length === 10;
}

// ---------------------------------------------------------------------------
// Which days a café covers

/** First and last local day (inclusive) a café covers, in its zone. */
export function cafeSpan(cafe: Pick<Cafe, 'start' | 'end' | 'timeZone'>): { first: string; last: string } {
  // Cafés are data, never changed in place: their span is computed once (it is asked for by the
  // grouping, the times, the datetime attributes and the links of every render).
  let span = spans.get(cafe);
  if (!span) spans.set(cafe, (span = computeSpan(cafe)));
  return span;
}

const spans = new WeakMap<object, { first: string; last: string }>();

function computeSpan(cafe: Pick<Cafe, 'start' | 'end' | 'timeZone'>): { first: string; last: string } {
  const zone = cafeZone(cafe);
  const first = localDate(cafe.start, zone);
  const endWall = wallTime(cafe.end, zone);
  let last = wallDate(endWall);
  const endsAtMidnight = endWall.hour === 0 && endWall.minute === 0 && endWall.second === 0;
  // An end at midnight is exclusive, unless the event is an instant at midnight itself.
  if (endsAtMidnight && Date.parse(cafe.end) > Date.parse(cafe.start)) last = addDays(last, -1);
  if (last < first) last = first;
  if (daysBetween(first, last) >= MAX_DAYS) last = addDays(first, MAX_DAYS - 1);
  return { first, last };
}

/** Every local day (`YYYY-MM-DD`) a café covers, in its own zone. */
export function cafeDays(cafe: Pick<Cafe, 'start' | 'end' | 'timeZone'>): string[] {
  const { first, last } = cafeSpan(cafe);
  const days: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
  return days;
}

/** One appearance of a café on a day of the agenda. */
export interface AgendaEntry {
  cafe: Cafe;
  /** The local day (`YYYY-MM-DD`) this appearance is on. */
  day: string;
  /** 1-based: which day of the event this is. */
  dayIndex: number;
  /** How many days the event covers (1 for most cafés). */
  dayCount: number;
}

/** The cafés of one day, in order. */
export interface DayGroup {
  date: string;
  entries: AgendaEntry[];
}

/** Orders cafés by start, then end, then title, then id (stable and total). */
export function compareCafes(a: Cafe, b: Cafe): number {
  return (
    Date.parse(a.start) - Date.parse(b.start) ||
    Date.parse(a.end) - Date.parse(b.end) ||
    a.title.fr.localeCompare(b.title.fr) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Groups cafés by local day in each café's own zone, days ascending. A multi-day event appears on
 * each day it covers; `from`/`to` (dates, inclusive) clip the days shown. Within a day: events
 * that began on an earlier day and all-day events first, then by start time. `limit` keeps the
 * first entries only, café by café (the list renders its entries a few at a time).
 */
export function groupByDay(
  cafes: readonly Cafe[],
  window: { from?: string; to?: string; limit?: number } = {},
): DayGroup[] {
  const byDay = new Map<string, AgendaEntry[]>();
  let left = window.limit ?? Infinity;
  for (const cafe of cafes) {
    const days = cafeDays(cafe);
    days.forEach((day, i) => {
      if (window.from && day < window.from) return;
      if (window.to && day > window.to) return;
      if (left-- < 1) return;
      const entry: AgendaEntry = { cafe, day, dayIndex: i + 1, dayCount: days.length };
      const list = byDay.get(day);
      if (list) list.push(entry);
      else byDay.set(day, [entry]);
    });
  }
  const rank = (e: AgendaEntry) => (e.dayIndex > 1 ? 0 : e.cafe.allDay ? 1 : 2);
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, entries]) => ({
      date,
      entries: entries.sort((a, b) => rank(a) - rank(b) || compareCafes(a.cafe, b.cafe)),
    }));
}

/** How many entries the list shows for `cafes`: one per café and day it covers. */
export function entryCount(cafes: readonly Cafe[]): number {
  return cafes.reduce((n, cafe) => n + cafeDays(cafe).length, 0);
}

/** What the agenda keeps: a district, a window, and — when no `from` is given — nothing already over. */
export interface CafeFilter {
  /** A district id: only cafés of that district. */
  district?: string | null | undefined;
  /** Lower bound: a date (`YYYY-MM-DD`, compared with each café's local days) or a date-time. */
  from?: string | null | undefined;
  /** Upper bound, inclusive: a date or a date-time. */
  to?: string | null | undefined;
  /** The clock: without `from`, cafés that ended before `now` are left out. */
  now?: Date | undefined;
  /** At most this many cafés (after sorting by start). */
  limit?: number | null | undefined;
}

/**
 * Filters and sorts cafés for display. Adapters and servers may already have applied the same
 * filters; applying them again is harmless and makes every source behave alike.
 */
export function filterCafes(cafes: readonly Cafe[], filter: CafeFilter = {}): Cafe[] {
  const { district, from, to, now, limit } = filter;
  const kept = cafes.filter((cafe) => {
    if (Number.isNaN(Date.parse(cafe.start)) || Number.isNaN(Date.parse(cafe.end))) return false;
    if (district && cafe.districtId !== district) return false;
    if (from) {
      if (isDateOnly(from)) {
        if (cafeSpan(cafe).last < from) return false;
      } else if (Date.parse(cafe.end) < Date.parse(from)) return false;
    } else if (now && Date.parse(cafe.end) <= now.getTime()) return false;
    if (to) {
      if (isDateOnly(to)) {
        if (cafeSpan(cafe).first > to) return false;
      } else if (Date.parse(cafe.start) > Date.parse(to)) return false;
    }
    return true;
  });
  kept.sort(compareCafes);
  return limit && limit > 0 ? kept.slice(0, limit) : kept;
}

// ---------------------------------------------------------------------------
// Months (the month view's grid is in month.ts, loaded with the view)

/** A month: `month` is 1–12. */
export interface YearMonth {
  year: number;
  month: number;
}

/** The month containing a `YYYY-MM-DD` date. */
export function monthOf(date: string): YearMonth {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

// ---------------------------------------------------------------------------
// Formatting (Intl, in the café's zone)

/** A date as text (`mardi 12 mai 2026`), the date being a plain `YYYY-MM-DD`. */
export function formatDay(date: string, locale: string, options?: Intl.DateTimeFormatOptions): string {
  return dateFormat(locale, {
    ...(options ?? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    timeZone: 'UTC',
  }).format(new Date(dateMs(date)));
}

/**
 * When a café happens, as the texts of its start and end in its own zone: times (`17:30`, `19:00`)
 * for a timed café within a day, dates and times for one spanning days, dates for a multi-day
 * all-day event, and `undefined` for a single all-day event (the caller says "all day").
 */
export function formatWhenParts(cafe: Cafe, locale: string): { start: string; end: string } | undefined {
  const { first, last } = cafeSpan(cafe);
  if (cafe.allDay) {
    if (first === last) return undefined;
    const format = dateFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    return { start: format.format(new Date(dateMs(first))), end: format.format(new Date(dateMs(last))) };
  }
  const options: Intl.DateTimeFormatOptions =
    first === last
      ? { hour: '2-digit', minute: '2-digit', timeZone: cafeZone(cafe) }
      : { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: cafeZone(cafe) };
  const format = dateFormat(locale, options);
  return { start: format.format(new Date(cafe.start)), end: format.format(new Date(cafe.end)) };
}

/** {@link formatWhenParts} as one text, `start – end`. */
export function formatWhen(cafe: Cafe, locale: string): string | undefined {
  const parts = formatWhenParts(cafe, locale);
  return parts && `${parts.start} – ${parts.end}`;
}

/** The visitor's time zone (the browser's). */
export function visitorZone(): string {
  // Read once per page: `resolvedOptions()` builds a new object at each call, once per café shown.
  return cached('visitorZone', () => dateFormat('en-US', {}).resolvedOptions().timeZone);
}

/**
 * The name of the café's zone (`heure d’Europe centrale`), but only when the visitor's clock is
 * on another offset at that moment; `undefined` when the times read the same for both.
 */
export function zoneNote(cafe: Cafe, locale: string, visitorZone: string): string | undefined {
  const zone = cafeZone(cafe);
  if (cafe.allDay) return undefined;
  const visitor = isValidTimeZone(visitorZone) ? visitorZone : 'UTC';
  if (zoneOffsetMinutes(cafe.start, zone) === zoneOffsetMinutes(cafe.start, visitor)) return undefined;
  const parts = dateFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(
    new Date(cafe.start),
  );
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** The `datetime` attribute of a café's start or end: the instant, or the date for all-day events. */
export function datetimeAttr(cafe: Cafe, which: 'start' | 'end'): string {
  if (!cafe.allDay) return new Date(cafe[which]).toISOString();
  const { first, last } = cafeSpan(cafe);
  return which === 'start' ? first : last;
}

/** Text of a `{ fr, en? }` value in `lang`, falling back to French. */
export function pickText(text: { fr: string; en?: string | undefined } | undefined, lang: string): string {
  if (!text) return '';
  return (lang === 'en' ? text.en : undefined) || text.fr;
}

/**
 * The language {@link pickText} answers in, when it is not `lang`: `fr` for an English page showing
 * a text the data gives only in French (a `lang` attribute then tells screen readers, RGAA 8.7).
 */
export function fallbackLang(
  text: { fr: string; en?: string | undefined } | undefined,
  lang: string,
): 'fr' | undefined {
  return text && lang === 'en' && !text.en ? 'fr' : undefined;
}

// ---------------------------------------------------------------------------
// Links: add to calendar, map, subscription

/** `Place name, address` (the address alone when it already starts with the name). */
export function locationText(place: CafePlace): string {
  const name = place.name.trim();
  const address = place.address.trim();
  if (!name) return address;
  if (!address || address.toLowerCase().startsWith(name.toLowerCase())) return address || name;
  return `${name}, ${address}`;
}

/** The text of an event's description in calendar apps: description, online link, more info. */
export function eventDetails(cafe: Cafe, lang: string): string {
  return [pickText(cafe.description, lang), cafe.onlineUrl, cafe.url, pickText(cafe.accessibility, lang)]
    .filter((part): part is string => Boolean(part))
    .join('\n\n');
}

const compactUtc = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
const compactDate = (date: string) => date.replace(/-/g, '');

/** Google Calendar "add event" link (UTC times, and the café's zone as `ctz`). */
export function googleCalendarUrl(cafe: Cafe, lang: string): string {
  const { first, last } = cafeSpan(cafe);
  const dates = cafe.allDay
    ? `${compactDate(first)}/${compactDate(addDays(last, 1))}`
    : `${compactUtc(cafe.start)}/${compactUtc(cafe.end)}`;
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: pickText(cafe.title, lang),
    dates,
    details: eventDetails(cafe, lang),
    location: locationText(cafe.place),
    ctz: cafeZone(cafe),
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

/** Outlook.com "compose event" deep link. */
export function outlookUrl(cafe: Cafe, lang: string): string {
  const { first, last } = cafeSpan(cafe);
  const utc = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: pickText(cafe.title, lang),
    startdt: cafe.allDay ? first : utc(cafe.start),
    enddt: cafe.allDay ? addDays(last, 1) : utc(cafe.end),
    allday: String(cafe.allDay),
    location: locationText(cafe.place),
    body: eventDetails(cafe, lang),
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params}`;
}

/** OpenStreetMap: a marker at the coordinates when known, else a search for the address. */
export function osmUrl(place: CafePlace): string {
  const { lat, lon } = place;
  if (typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon)) {
    const la = String(Number(lat.toFixed(6)));
    const lo = String(Number(lon.toFixed(6)));
    // Written by hand (a URLSearchParams per café took a few ms of each list step at 4×, issue 21):
    // a finite number's text holds digits, `-`, `.` (`e+` past 1e21), nothing that leaves the query.
    return `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=18/${la}/${lo}`;
  }
  return `https://www.openstreetmap.org/search?${new URLSearchParams({ query: locationText(place) })}`;
}

/** The `webcal://` form of an http(s) feed URL (calendar apps subscribe to it), else undefined. */
export function webcalUrl(feedUrl: string | undefined | null): string | undefined {
  if (!feedUrl) return undefined;
  const m = /^https?:\/\/(.+)$/i.exec(feedUrl.trim());
  return m ? `webcal://${m[1]}` : undefined;
}

/** `aujourd’hui` / `demain` (`today` / `tomorrow`) for those two days, else undefined. */
export function relativeDay(date: string, today: string, locale: string): string | undefined {
  const diff = daysBetween(today, date);
  if (diff !== 0 && diff !== 1) return undefined;
  return cached(`r${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(
    diff,
    'day',
  );
}

/** A language's name in the reader's language (`en` → `anglais` in French), else the tag itself. */
export function languageName(tag: string, locale: string): string {
  try {
    return cached(`l${locale}`, () => new Intl.DisplayNames(locale, { type: 'language' })).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A file name for a café's `.ics`: `cafe-<date>-<slug>.ics`, ASCII only. */
export function icsFileName(cafe: Cafe): string {
  const slug = cafe.title.fr
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `cafe-${cafeSpan(cafe).first}${slug ? `-${slug}` : ''}.ics`;
}
