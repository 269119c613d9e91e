/**
 * `@proximite/sdk/adapters/ical.js` — cafés from any iCalendar (.ics) feed, parsed with ical.js.
 *
 * - Recurring events are expanded within a window (RRULE, RDATE, EXDATE; RECURRENCE-ID overrides
 *   replace their occurrence, including a moved or cancelled one).
 * - Time zones: TZID local times are converted with the platform's IANA data (`Intl`), so DST is
 *   right for every occurrence; a non-IANA TZID (e.g. Outlook's "Romance Standard Time") uses the
 *   feed's VTIMEZONE; floating times and dates use `timeZone` (default Europe/Paris). Every
 *   `start`/`end` carries its UTC offset.
 * - STATUS:CANCELLED events are kept, as `status: 'cancelled'`.
 * - Proximité's own fields travel as X- properties when present (X-PROXIMITE-DISTRICT,
 *   X-PROXIMITE-MODE); otherwise a café is in person, or online when it has a URL and no LOCATION.
 *
 * `parseICalendar` is pure (no I/O) and is also used by the server's `proximite import-ics`.
 * Only `cafes` is supported; every other resource rejects with `UnsupportedOperationError`.
 */
import type { Cafe, CafeListQuery, Page } from '@proximite/contract';
import ICAL from 'ical.js';
import type { ProximiteClient } from '../client.js';
import { NotFoundError, ResponseValidationError } from '../errors.js';
import type { RequestOptions } from '../internal/transport.js';
import type { IcsQuery } from '../resources/cafes.js';
import { paginate } from '../resources/resource.js';
import { adapterTransport, instant, pageOf, unsupported, type AdapterOptions } from './shared.js';

type ICalComponent = InstanceType<typeof ICAL.Component>;
type ICalTime = InstanceType<typeof ICAL.Time>;
type ICalEvent = InstanceType<typeof ICAL.Event>;
type ICalTimezone = InstanceType<typeof ICAL.Timezone>;

/** Options of {@link parseICalendar}. */
export interface ParseICalendarOptions {
  /** Start of the window (events ending after it are kept). A Date, epoch ms or ISO string. */
  from: Date | number | string;
  /** End of the window (events starting before it are kept). */
  to: Date | number | string;
  /** Zone of floating times and all-day dates when the feed gives none. Default `Europe/Paris`. */
  timeZone?: string;
  /** Most occurrences expanded per recurring event (a guard against unbounded rules). Default 5 000. */
  maxOccurrences?: number;
}

const DAY = 86_400_000;

function toMs(value: Date | number | string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`parseICalendar: invalid window bound ${String(value)}`);
  return ms;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `zone` is an IANA time zone this platform knows. */
function isIanaZone(zone: string | undefined): zone is string {
  if (zone === undefined || zone === '') return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of `zone` at the instant `ms`, in ms (local − UTC). */
function zoneOffset(zone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(ms))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return local - Math.floor(ms / 1000) * 1000;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The instant of a wall-clock time in `zone` (the earlier one in a DST overlap, shifted in a gap). */
function wallToUtc(wall: Wall, zone: string): { ms: number; offset: number } {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  let offset = zoneOffset(zone, guess - zoneOffset(zone, guess));
  const ms = guess - offset;
  offset = zoneOffset(zone, ms);
  return { ms: guess - offset, offset };
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

function isoWithOffset(ms: number, offset: number): string {
  const local = new Date(ms + offset);
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offset) / 60_000);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    (offset === 0 ? 'Z' : `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`)
  );
}

interface Resolved {
  ms: number;
  iso: string;
  zone: string;
}

/** Converts an ical.js time to an instant, given the TZID it was written with. */
function resolveTime(
  time: ICalTime,
  tzid: string | undefined,
  zones: Map<string, ICalTimezone>,
  fallbackZone: string,
): Resolved {
  const wall: Wall = time.isDate
    ? { year: time.year, month: time.month, day: time.day, hour: 0, minute: 0, second: 0 }
    : time;
  if (!time.isDate && (time.zone?.tzid === 'UTC' || tzid === 'UTC' || tzid === 'Z')) {
    const ms = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    return { ms, iso: isoWithOffset(ms, 0), zone: isIanaZone(fallbackZone) ? fallbackZone : 'UTC' };
  }
  if (isIanaZone(tzid)) {
    const { ms, offset } = wallToUtc(wall, tzid);
    return { ms, iso: isoWithOffset(ms, offset), zone: tzid };
  }
  const vtimezone = tzid === undefined ? undefined : zones.get(tzid);
  if (vtimezone && !time.isDate) {
    const local = time.clone();
    local.zone = vtimezone;
    const offset = vtimezone.utcOffset(local) * 1000;
    const ms = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - offset;
    return { ms, iso: isoWithOffset(ms, offset), zone: fallbackZone };
  }
  const { ms, offset } = wallToUtc(wall, fallbackZone);
  return { ms, iso: isoWithOffset(ms, offset), zone: fallbackZone };
}

/** The TZID ical.js keeps on a parsed time (not in its typings). */
function timezoneOf(time: ICalTime): string | undefined {
  return (time as { timezone?: string }).timezone;
}

/** The TZID parameter of a date-time property of `component`. */
function tzidOf(component: ICalComponent, name: string): string | undefined {
  const value = component.getFirstProperty(name)?.getParameter('tzid');
  return typeof value === 'string' ? value : undefined;
}

function text(component: ICalComponent, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function compactUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

interface Context {
  zones: Map<string, ICalTimezone>;
  timeZone: string;
  calendarName: string | undefined;
}

/** One café from an event (or one occurrence of it). */
function toCafe(
  item: ICalEvent,
  start: ICalTime,
  end: ICalTime | undefined,
  id: string,
  ctx: Context,
): { cafe: Cafe; startMs: number; endMs: number } {
  const component = item.component;
  const startTz = tzidOf(component, 'dtstart') ?? timezoneOf(start);
  const s = resolveTime(start, startTz, ctx.zones, ctx.timeZone);
  let e: Resolved;
  if (end)
    e = resolveTime(end, tzidOf(component, 'dtend') ?? timezoneOf(end) ?? startTz, ctx.zones, ctx.timeZone);
  else {
    const ms = s.ms + (start.isDate ? DAY : 0);
    e = { ms, iso: isoWithOffset(ms, zoneOffset(s.zone, ms)), zone: s.zone };
  }
  const location = text(component, 'location');
  const url = text(component, 'url');
  const geo = component.getFirstPropertyValue('geo') as unknown;
  const [lat, lon] = Array.isArray(geo) ? (geo as number[]) : [];
  const declaredMode = text(component, 'x-proximite-mode');
  const mode = declaredMode ?? (location === undefined && url !== undefined ? 'online' : 'in-person');
  const organizerProperty = component.getFirstProperty('organizer');
  const cn = organizerProperty?.getParameter('cn');
  const description = text(component, 'description');
  const modified =
    component.getFirstPropertyValue('last-modified') ?? component.getFirstPropertyValue('dtstamp');
  const sequence = Number(component.getFirstPropertyValue('sequence') ?? 0);
  const cafe: Cafe = {
    id,
    title: { fr: text(component, 'summary') ?? '' },
    ...(description !== undefined && { description: { fr: description } }),
    start: s.iso,
    end: e.iso,
    timeZone: s.zone,
    allDay: start.isDate,
    place: {
      name: location?.split(',')[0]?.trim() ?? '',
      address: location ?? '',
      ...(typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && { lat, lon }),
    },
    districtId: text(component, 'x-proximite-district') ?? null,
    mode,
    ...(mode !== 'in-person' && url !== undefined && { onlineUrl: url }),
    organizer: { name: (typeof cn === 'string' ? cn : undefined) ?? ctx.calendarName ?? '' },
    languages: [],
    status: text(component, 'status')?.toUpperCase() === 'CANCELLED' ? 'cancelled' : 'scheduled',
    sequence: Number.isInteger(sequence) && sequence >= 0 ? sequence : 0,
    updatedAt:
      modified instanceof ICAL.Time
        ? new Date(resolveTime(modified, timezoneOf(modified), ctx.zones, ctx.timeZone).ms).toISOString()
        : new Date(s.ms).toISOString(),
    ...(url !== undefined && { url }),
  };
  return { cafe, startMs: s.ms, endMs: e.ms };
}

/**
 * Parses an iCalendar text into cafés overlapping the window [`from`, `to`), soonest first.
 * Recurring events become one café per occurrence, with id `UID` (single) or `UID@YYYYMMDDTHHMMSSZ`
 * (the UTC instant of the occurrence's RECURRENCE-ID). Throws `TypeError` on unparseable text.
 */
export function parseICalendar(source: string, options: ParseICalendarOptions): Cafe[] {
  const from = toMs(options.from);
  const to = toMs(options.to);
  const max = options.maxOccurrences ?? 5000;
  let parsed: unknown;
  try {
    parsed = ICAL.parse(source);
  } catch (cause) {
    throw new TypeError(`parseICalendar: not an iCalendar text (${(cause as Error).message})`, { cause });
  }
  const roots = (Array.isArray(parsed) && typeof parsed[0] !== 'string' ? parsed : [parsed]).map(
    (jcal) => new ICAL.Component(jcal as unknown[]),
  );
  const out: { cafe: Cafe; startMs: number; endMs: number }[] = [];
  for (const root of roots) {
    if (root.name !== 'vcalendar') continue;
    const zones = new Map<string, ICalTimezone>();
    for (const vtz of root.getAllSubcomponents('vtimezone')) {
      const tzid = vtz.getFirstPropertyValue('tzid');
      if (typeof tzid === 'string') zones.set(tzid, new ICAL.Timezone(vtz));
    }
    const declared = text(root, 'x-wr-timezone');
    const ctx: Context = {
      zones,
      timeZone: options.timeZone ?? (isIanaZone(declared) ? declared : 'Europe/Paris'),
      calendarName: text(root, 'x-wr-calname'),
    };
    const masters = new Map<string, ICalComponent>();
    const exceptions = new Map<string, ICalComponent[]>();
    for (const vevent of root.getAllSubcomponents('vevent')) {
      const uid = text(vevent, 'uid') ?? `event-${masters.size + exceptions.size}`;
      if (vevent.hasProperty('recurrence-id')) exceptions.set(uid, [...(exceptions.get(uid) ?? []), vevent]);
      else masters.set(uid, vevent);
    }
    const keep = (entry: { cafe: Cafe; startMs: number; endMs: number }): void => {
      if (entry.endMs > from && entry.startMs < to) out.push(entry);
      else if (entry.endMs === entry.startMs && entry.startMs >= from && entry.startMs < to) out.push(entry);
    };
    for (const [uid, master] of masters) {
      const event = new ICAL.Event(master, {
        strictExceptions: false,
        exceptions: exceptions.get(uid) ?? [],
      });
      exceptions.delete(uid);
      if (!event.isRecurring()) {
        keep(toCafe(event, event.startDate, event.endDate, uid, ctx));
        continue;
      }
      const masterTz = tzidOf(master, 'dtstart');
      const iterator = event.iterator();
      for (let n = 0, next = iterator.next(); next && n < max; n++, next = iterator.next()) {
        const recurrence = resolveTime(next, timezoneOf(next) ?? masterTz, zones, ctx.timeZone);
        // An override may move an occurrence by a few days; past that margin nothing else can fall in.
        if (recurrence.ms > to + 31 * DAY) break;
        const details = event.getOccurrenceDetails(next);
        const id = `${uid}@${compactUtc(recurrence.ms)}`;
        keep(toCafe(details.item, details.startDate, details.endDate, id, ctx));
      }
    }
    // Overrides whose master is not in the feed: each is an event of its own.
    for (const [uid, list] of exceptions)
      for (const component of list) {
        const event = new ICAL.Event(component);
        const recurrence = resolveTime(
          event.recurrenceId,
          tzidOf(component, 'recurrence-id'),
          zones,
          ctx.timeZone,
        );
        keep(toCafe(event, event.startDate, event.endDate, `${uid}@${compactUtc(recurrence.ms)}`, ctx));
      }
  }
  return out.sort((a, b) => a.startMs - b.startMs || a.cafe.id.localeCompare(b.cafe.id)).map((e) => e.cafe);
}

/** Options of {@link createICalClient}. */
export interface ICalClientOptions extends AdapterOptions {
  /** URL of the .ics feed (`webcal:` is read as `https:`). */
  url: string;
  /** Zone of floating times (see {@link ParseICalendarOptions.timeZone}). */
  timeZone?: string;
  /** Window of `cafes.list()` without `to`: days after `from`. Default 365. */
  horizonDays?: number;
}

const BACKEND = 'iCalendar feed';

/** Creates a client whose cafés come from an iCalendar feed; other resources are unsupported. */
export function createICalClient(options: ICalClientOptions): ProximiteClient {
  const url = options.url.replace(/^webcal:/i, 'https:');
  const transport = adapterTransport(options);
  let feed: { text: string; at: number } | undefined;
  let loading: Promise<string> | undefined;

  const load = async (signal?: AbortSignal): Promise<string> => {
    if (feed && Date.now() - feed.at < 60_000) return feed.text;
    loading ??= transport
      .send({ method: 'GET', path: url, headers: { accept: 'text/calendar, */*;q=0.1' } })
      .then((response) => {
        feed = { text: response.text, at: Date.now() };
        return response.text;
      })
      .finally(() => (loading = undefined));
    return signal ? Promise.race([loading, abortOf(signal)]) : loading;
  };

  const list = async (query: CafeListQuery = {}, requestOptions?: RequestOptions): Promise<Page<Cafe>> => {
    const from = instant(query.from, Date.now());
    const to = instant(query.to, from + (options.horizonDays ?? 365) * DAY);
    const source = await load(requestOptions?.signal);
    let cafes: Cafe[];
    try {
      cafes = parseICalendar(source, { from, to, ...(options.timeZone && { timeZone: options.timeZone }) });
    } catch (error) {
      throw new ResponseValidationError(
        [{ path: [], message: (error as Error).message, code: 'invalid_ical' }],
        {
          request: { method: 'GET', url },
        },
      );
    }
    if (query.district !== undefined) cafes = cafes.filter((c) => c.districtId === query.district);
    return pageOf(cafes, query.limit, query.cursor);
  };

  return {
    cafes: {
      list,
      iterate: (query = {}, requestOptions) =>
        paginate((cursor) => list({ ...query, cursor }, requestOptions)),
      async get(id, requestOptions) {
        // A café of the feed at any date: a year back, two years ahead.
        const now = Date.now();
        const window = {
          from: new Date(now - 365 * DAY).toISOString(),
          to: new Date(now + 730 * DAY).toISOString(),
        };
        for await (const cafe of paginate((cursor) =>
          list({ ...window, limit: 200, cursor }, requestOptions),
        ))
          if (cafe.id === id) return cafe;
        throw new NotFoundError(
          404,
          { type: 'about:blank', title: `Café ${id} not found`, status: 404 },
          {
            request: { method: 'GET', url },
          },
        );
      },
      /** The feed itself (calendar apps subscribe to it or import its events). */
      icsUrl: (_query?: IcsQuery) => url,
    },
    districts: { list: () => unsupported('districts.list', BACKEND) },
    concerns: {
      categories: () => unsupported('concerns.categories', BACKEND),
      submit: () => unsupported('concerns.submit', BACKEND),
      status: () => unsupported('concerns.status', BACKEND),
    },
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

function abortOf(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}
