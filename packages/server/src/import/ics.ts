/**
 * `proximite import-ics`: cafés from an existing iCalendar feed, read by the contract's
 * `readICalendar` (the SDK's iCalendar adapter reads feeds with it too: RRULE/RDATE/EXDATE expanded
 * in a window, RECURRENCE-ID overrides, time zones including Windows names, STATUS:CANCELLED kept,
 * a partially broken feed read as far as it goes) and written with the store functions the admin
 * API uses, each change with its audit entry. The result reports per event: what was created,
 * updated, cancelled, and each event skipped or approximated with its reason.
 *
 * Idempotent: a café's id is derived from the event's UID and, for an occurrence of a recurring
 * event, its RECURRENCE-ID instant (`ics-<sha256 prefix>`), so importing the same feed again
 * changes nothing; a changed event is updated (its SEQUENCE goes up, calendar apps follow) and a
 * cancelled one is cancelled. Events that left the feed are left alone (they may only have left
 * the window); delete them with the admin API.
 */
import { readFile } from 'node:fs/promises';
import { CAFE_MODES, CafeInput, SafeUrl } from '@proximite/contract';
import type { Cafe } from '@proximite/contract';
import { readICalendar, type ICalendarIssue } from '@proximite/contract/ical-feed.js';
import { windowsZones } from '@proximite/contract/windows-zones.js';
import type { Database } from '../db/database.js';
import { CLI_ACTOR } from '../services/actor.js';
import type { Actor } from '../services/actor.js';
import { audited } from '../services/audited.js';
import { cancelCafeIn, createCafeIn, updateCafeIn } from '../services/cafes.js';
import { districtExists, parseBound } from '../store/content.js';
import { canonicalJson, sha256Hex, toIso } from '../util.js';

const DAY = 86_400_000;
/** Largest feed read (a city's calendar is a few hundred kB). */
export const MAX_FEED_BYTES = 20 * 1024 * 1024;

export interface IcsImportOptions {
  /** Start of the expansion window. */
  from: Date;
  /** End of the expansion window. */
  to: Date;
  /** District of every imported café (else the event's X-PROXIMITE-DISTRICT, else none). */
  district?: string | undefined;
  /** Organizer when the event and the calendar name none. */
  organizer?: string | undefined;
  /** Zone of floating times (default: the feed's X-WR-TIMEZONE, else Europe/Paris). */
  timeZone?: string | undefined;
  /** Where the feed came from (file or URL), for the audit log. */
  source: string;
  /** Who imports (default: the CLI). */
  actor?: Actor;
}

export interface IcsSkipped {
  /** The event's UID, with the occurrence instant for a recurring event. */
  event: string;
  reason: string;
  /** The line of the feed, when the reason is a line. */
  line?: number;
}

export interface IcsImportResult {
  /** Occurrences found in the window. */
  found: number;
  created: string[];
  updated: string[];
  cancelled: string[];
  unchanged: string[];
  /** Events not imported, with their reason (unreadable in the feed, or not a valid café). */
  skipped: IcsSkipped[];
  /** Events imported as the message says (a repaired line, an approximated time zone…). */
  warnings: ICalendarIssue[];
  /** Cafés cancelled here that the feed still schedules (left cancelled). */
  keptCancelled: string[];
  /** The event (UID, or UID@instant) of each café id above. */
  events: Map<string, string>;
}

/** The stable café id of an event occurrence (`parseICalendar`'s id: `UID` or `UID@<instant>`). */
export function cafeIdForEvent(eventId: string): string {
  return `ics-${sha256Hex(eventId).slice(0, 24)}`;
}

/** The default window: 30 days back, a year ahead (from the start of `now`'s UTC day). */
export function defaultWindow(now: Date): { from: Date; to: Date } {
  const day = Math.floor(now.getTime() / DAY) * DAY;
  return { from: new Date(day - 30 * DAY), to: new Date(day + 365 * DAY) };
}

/** A `--from`/`--to` value: `YYYY-MM-DD` (in the city's zone) or an ISO date-time. */
export function parseWindowBound(value: string, name: string, endOfDay = false): Date {
  const date = /^\d{4}-\d{2}-\d{2}(?:T.+)?$/.test(value) ? parseBound(value, endOfDay) : undefined;
  if (date === undefined || Number.isNaN(date.getTime()))
    throw new RangeError(`--${name} expects a date (YYYY-MM-DD) or an ISO date-time, got "${value}"`);
  return date;
}

/** Reads a feed from a file path or an http(s)/webcal URL. */
export async function readFeed(
  source: string,
  options: { fetch?: typeof fetch; readFile?: (path: string) => Promise<string> } = {},
): Promise<string> {
  if (/^(?:https?|webcal):\/\//i.test(source)) {
    const url = source.replace(/^webcal:/i, 'https:');
    const response = await (options.fetch ?? fetch)(url, {
      headers: { accept: 'text/calendar, */*;q=0.1' },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`);
    const text = await response.text();
    if (text.length > MAX_FEED_BYTES) throw new Error(`${url}: larger than ${MAX_FEED_BYTES} bytes`);
    return text;
  }
  return (options.readFile ?? ((path: string) => readFile(path, 'utf8')))(source);
}

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function safeUrl(url: string | undefined): string | undefined {
  return url !== undefined && SafeUrl.safeParse(url).success ? url : undefined;
}

/** The admin API's input for a parsed café, or the reason it cannot be one. */
export function cafeInputOf(
  cafe: Cafe,
  options: Pick<IcsImportOptions, 'district' | 'organizer'>,
): { input: CafeInput } | { error: string } {
  const mode = (CAFE_MODES as readonly string[]).includes(cafe.mode)
    ? (cafe.mode as CafeInput['mode'])
    : 'in-person';
  const onlineUrl = safeUrl(cafe.onlineUrl);
  if (mode !== 'in-person' && onlineUrl === undefined) {
    return {
      error:
        cafe.onlineUrl === undefined
          ? `a ${mode} café needs a URL`
          : `its URL ${cafe.onlineUrl} is not https: (an online café needs a safe link)`,
    };
  }
  const fallbackPlace = mode === 'online' ? 'En ligne' : 'Lieu à préciser';
  const name = cafe.place.name.trim() === '' ? fallbackPlace : cafe.place.name;
  const address = cafe.place.address.trim() === '' ? name : cafe.place.address;
  const description = cafe.description?.fr;
  const url = safeUrl(cafe.url);
  const district = options.district ?? cafe.districtId ?? undefined;
  const input: CafeInput = {
    title: { fr: clip(cafe.title.fr.trim() === '' ? 'Café sans titre' : cafe.title.fr, 200) },
    ...(description !== undefined &&
      description.trim() !== '' && { description: { fr: clip(description, 4000) } }),
    start: cafe.start,
    end: cafe.end,
    timeZone: cafe.timeZone,
    allDay: cafe.allDay,
    place: {
      name: clip(name, 200),
      address: clip(address, 300),
      ...(cafe.place.lat !== undefined &&
        cafe.place.lon !== undefined && { lat: cafe.place.lat, lon: cafe.place.lon }),
    },
    ...(district !== undefined && { districtId: district }),
    mode,
    ...(mode !== 'in-person' && onlineUrl !== undefined && { onlineUrl }),
    organizer: {
      name: clip(
        cafe.organizer.name.trim() !== ''
          ? cafe.organizer.name
          : (options.organizer ?? 'Organisateur non précisé'),
        200,
      ),
    },
    ...(url !== undefined && { url }),
  };
  const checked = CafeInput.safeParse(input);
  if (!checked.success) {
    return {
      error: checked.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`)
        .join('; '),
    };
  }
  return { input: checked.data };
}

interface StoredRow {
  data: Record<string, unknown>;
  start_at: Date | string;
  end_at: Date | string;
  district_id: string | null;
  status: string;
}

/** What a stored café holds of an input (as `createCafe`/`updateCafe` store it), to compare. */
function fingerprintOfInput(input: CafeInput): string {
  return canonicalJson({
    data: {
      kind: input.kind ?? 'cafe',
      title: input.title,
      description: input.description,
      timeZone: input.timeZone,
      allDay: input.allDay ?? false,
      place: input.place,
      mode: input.mode,
      onlineUrl: input.onlineUrl,
      organizer: input.organizer,
      accessibility: input.accessibility,
      languages: input.languages ?? ['fr'],
      url: input.url,
    },
    start: new Date(input.start).toISOString(),
    end: new Date(input.end).toISOString(),
    district: input.districtId ?? null,
  });
}

function fingerprintOfRow(row: StoredRow): string {
  const { cancelReason: _reason, ...data } = row.data;
  return canonicalJson({
    data,
    start: toIso(row.start_at),
    end: toIso(row.end_at),
    district: row.district_id,
  });
}

/** Imports the cafés of an iCalendar text (see the module comment). One transaction. */
export async function importIcs(
  db: Database,
  now: Date,
  text: string,
  options: IcsImportOptions,
): Promise<IcsImportResult> {
  if (options.to.getTime() <= options.from.getTime())
    throw new RangeError('the window ends before it starts');
  const feed = readICalendar(text, {
    from: options.from,
    to: options.to,
    windowsZones,
    ...(options.timeZone !== undefined && { timeZone: options.timeZone }),
  });
  const cafes = feed.cafes;
  const result: IcsImportResult = {
    found: cafes.length,
    created: [],
    updated: [],
    cancelled: [],
    unchanged: [],
    skipped: feed.issues
      .filter((i) => i.severity === 'skipped')
      .map((i) => ({
        event: i.event ?? '(feed)',
        reason: i.message,
        ...(i.line !== undefined && { line: i.line }),
      })),
    warnings: feed.issues.filter((i) => i.severity === 'warning'),
    keptCancelled: [],
    events: new Map(),
  };
  if (options.district !== undefined && !(await districtExists(db, options.district)))
    throw new RangeError(`unknown district "${options.district}" (see GET /v1/districts)`);
  const knownDistricts = new Map<string, boolean>();

  await audited({ db }, now, options.actor ?? CLI_ACTOR, async (u) => {
    const { tx } = u;
    // Inside the transaction every query goes through `tx` (PGlite has a single connection).
    const known = async (id: string): Promise<boolean> => {
      let ok = knownDistricts.get(id);
      if (ok === undefined) knownDistricts.set(id, (ok = await districtExists(tx, id)));
      return ok;
    };
    for (const cafe of cafes) {
      const mapped = cafeInputOf(cafe, options);
      if ('error' in mapped) {
        result.skipped.push({ event: cafe.id, reason: mapped.error });
        continue;
      }
      const { input } = mapped;
      if (input.districtId != null && !(await known(input.districtId))) {
        result.skipped.push({
          event: cafe.id,
          reason: `unknown district "${input.districtId}" (X-PROXIMITE-DISTRICT); pass --district`,
        });
        continue;
      }
      const id = cafeIdForEvent(cafe.id);
      result.events.set(id, cafe.id);
      const cancelled = cafe.status === 'cancelled';
      const provenance = { import: 'ics', source: options.source, event: cafe.id };
      const existing = (
        await tx.query<StoredRow>(
          'SELECT data, start_at, end_at, district_id, status FROM cafes WHERE id = $1',
          [id],
        )
      )[0];
      if (existing === undefined) {
        await createCafeIn(u, input, { id, status: cancelled ? 'cancelled' : 'scheduled' }, provenance);
        result.created.push(id);
        continue;
      }
      let changed = false;
      if (fingerprintOfRow(existing) !== fingerprintOfInput(input)) {
        await updateCafeIn(u, id, input, provenance);
        result.updated.push(id);
        changed = true;
      }
      if (cancelled && existing.status !== 'cancelled') {
        await cancelCafeIn(u, id, {}, provenance);
        result.cancelled.push(id);
        changed = true;
      } else if (!cancelled && existing.status === 'cancelled') {
        result.keptCancelled.push(id);
      }
      if (!changed) result.unchanged.push(id);
    }
  });
  return result;
}
