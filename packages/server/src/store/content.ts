/** Public content: districts, categories, cafés, priorities, rights overrides, activity counters. */
import type {
  ActivityCounter,
  ActivityCountersInput,
  Cafe,
  CafeCancelInput,
  CafeInput,
  ConcernCategory,
  District,
  LocalizedText,
  AdminPriority,
  Priority,
  PriorityInput,
  RightsOverrides,
} from '@proximite/contract';
import { DEFAULT_PAGE_LIMIT } from '@proximite/contract';
import { AppError } from '../errors.js';
import type { Queryable } from '../db/database.js';
import { isKnownTimeZone, isoInZone, newId, toIso, zonedParts, zonedToDate } from '../util.js';
import { isFiniteRule, isReadableRule } from '@proximite/contract/recurrence.js';
import { decodeCursor, encodeCursor, isPairCursor } from './context.js';
import {
  OCCURRENCE_SEPARATOR,
  exceptionKeys,
  keyDate,
  occurrenceAt,
  occurrencesOf,
  parseOccurrenceKey,
  seriesEnd,
} from './series.js';
import type { Occurrence, SeriesShape } from './series.js';
import type { StoreContext } from './context.js';

/** The zone dates without a time are read in (`from=2026-05-12`). */
export const CITY_TIME_ZONE = 'Europe/Paris';

// ---------------------------------------------------------------------------
// Content versions (response cache validation)

export type ContentName =
  'cafes' | 'districts' | 'categories' | 'priorities' | 'rights' | 'stats' | 'responses';

export async function contentVersions(db: Queryable): Promise<Record<string, number>> {
  const rows = await db.query<{ name: string; version: number | string }>(
    'SELECT name, version FROM content_versions',
  );
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.version)]));
}

// ---------------------------------------------------------------------------
// Districts

interface DistrictRow {
  id: string;
  name: string;
  description: LocalizedText | null;
  lat: number | null;
  lon: number | null;
}

export async function listDistricts(db: Queryable, lang: 'fr' | 'en' = 'fr'): Promise<District[]> {
  const rows = await db.query<DistrictRow>(
    'SELECT id, name, description, lat, lon FROM districts ORDER BY position, name',
  );
  return rows.map((r) => {
    const d: District = { id: r.id, name: r.name };
    if (r.description !== null)
      d.description = (lang === 'en' ? r.description.en : undefined) ?? r.description.fr;
    if (r.lat !== null && r.lon !== null) d.centre = { lat: r.lat, lon: r.lon };
    return d;
  });
}

export interface DistrictSeed {
  id: string;
  name: string;
  description?: LocalizedText;
  centre?: { lat: number; lon: number };
}

export async function upsertDistricts(db: Queryable, districts: readonly DistrictSeed[]): Promise<void> {
  let position = 0;
  for (const d of districts) {
    await db.query(
      `INSERT INTO districts (id, position, name, description, lat, lon) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT (id) DO UPDATE SET position = $2, name = $3, description = $4::jsonb, lat = $5, lon = $6`,
      [
        d.id,
        position++,
        d.name,
        d.description === undefined ? null : JSON.stringify(d.description),
        d.centre?.lat ?? null,
        d.centre?.lon ?? null,
      ],
    );
  }
}

export async function districtExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM districts WHERE id = $1', [id])).length > 0;
}

// ---------------------------------------------------------------------------
// Categories

export async function listCategories(db: Queryable): Promise<ConcernCategory[]> {
  const rows = await db.query<{ data: ConcernCategory }>(
    'SELECT data FROM categories ORDER BY position, code',
  );
  return rows.map((r) => r.data);
}

export async function getCategory(db: Queryable, code: string): Promise<ConcernCategory | undefined> {
  const rows = await db.query<{ data: ConcernCategory }>('SELECT data FROM categories WHERE code = $1', [
    code,
  ]);
  return rows[0]?.data;
}

export async function replaceCategories(
  db: Queryable,
  categories: readonly ConcernCategory[],
): Promise<void> {
  await db.query('DELETE FROM categories');
  let position = 0;
  for (const c of categories) {
    await db.query('INSERT INTO categories (code, position, data) VALUES ($1, $2, $3::jsonb)', [
      c.code,
      position++,
      JSON.stringify(c),
    ]);
  }
}

// ---------------------------------------------------------------------------
// Cafés

interface StoredCafe {
  kind?: string;
  title: LocalizedText;
  description?: LocalizedText;
  timeZone: string;
  allDay: boolean;
  place: Cafe['place'];
  mode: string;
  onlineUrl?: string;
  organizer: Cafe['organizer'];
  accessibility?: LocalizedText;
  languages: string[];
  url?: string;
  cancelReason?: LocalizedText;
  /** A series' exceptions (EXDATE), as occurrence keys (`YYYYMMDDTHHMM`, local). */
  exdates?: string[];
  /** A series' cancelled occurrences: occurrence key → the public reason (null: none given). */
  cancelled?: Record<string, LocalizedText | null>;
  /**
   * Set on the row that holds one past occurrence of a series so that it can carry a report (the
   * report's table references a café row): the series' id. The series still lists and writes that
   * occurrence; this row is left out of the lists and the iCalendar feed.
   */
  occurrenceOf?: string;
}

interface CafeRow {
  id: string;
  data: StoredCafe;
  start_at: Date | string;
  end_at: Date | string;
  district_id: string | null;
  status: string;
  sequence: number;
  created_at: Date | string;
  updated_at: Date | string;
  rrule?: string | null;
}

const CAFE_COLUMNS =
  'id, data, start_at, end_at, district_id, status, sequence, created_at, updated_at, rrule';

/** A cancelled occurrence of a series, for the iCalendar writer (a STATUS:CANCELLED override). */
export interface CancelledOccurrence {
  key: string;
  start: string;
  end: string;
  reason?: LocalizedText;
}

/**
 * A café as the store reads it: the contract's `Cafe` with what only the iCalendar writer needs
 * (`createdAt`; for a series, its EXDATE keys and its cancelled occurrences).
 */
export type StoredCafeView = Cafe & {
  createdAt: string;
  exdateKeys?: string[];
  cancelledOccurrences?: CancelledOccurrence[];
};

function withCancelReason(description: LocalizedText | undefined, reason: LocalizedText): LocalizedText {
  const prefix = (l: string | undefined, label: string) => (l === undefined ? undefined : `${label} ${l}`);
  return {
    fr: [prefix(reason.fr, 'Annulé :'), description?.fr].filter(Boolean).join('\n\n'),
    ...(reason.en !== undefined || description?.en !== undefined
      ? { en: [prefix(reason.en, 'Cancelled:'), description?.en].filter(Boolean).join('\n\n') }
      : {}),
    ...(description?.['fr-falc'] !== undefined ? { 'fr-falc': description['fr-falc'] } : {}),
  };
}

function seriesShape(r: CafeRow): SeriesShape {
  return {
    start: new Date(toIso(r.start_at)),
    end: new Date(toIso(r.end_at)),
    timeZone: isKnownTimeZone(r.data.timeZone) ? r.data.timeZone : 'UTC',
    rrule: r.rrule ?? '',
    exdates: r.data.exdates ?? [],
  };
}

/** One occurrence of a series row as a `Cafe` (its own id, times, status and reason). */
function occurrenceFromRow(r: CafeRow, o: Occurrence): Cafe {
  const base = publicCafe(
    cafeFromRow({ ...r, status: 'scheduled', data: { ...r.data, cancelReason: undefined } }),
  );
  const tz = isKnownTimeZone(r.data.timeZone) ? r.data.timeZone : 'UTC';
  const own = r.data.cancelled?.[o.key];
  const cancelled = r.status === 'cancelled' || own !== undefined;
  const reason = r.status === 'cancelled' ? r.data.cancelReason : (own ?? undefined);
  const cafe: Cafe = {
    ...base,
    id: `${r.id}${OCCURRENCE_SEPARATOR}${o.key}`,
    start: isoInZone(o.start, tz),
    end: isoInZone(o.end, tz),
    status: cancelled ? 'cancelled' : 'scheduled',
    series: { ...(base.series as NonNullable<Cafe['series']>), occurrence: isoInZone(o.start, tz) },
  };
  if (cancelled && reason !== undefined) {
    cafe.cancelReason = reason;
    cafe.description = withCancelReason(r.data.description, reason);
  }
  return cafe;
}

/** A stored café as the contract's `Cafe` (times in the café's zone, with their offset). */
export function cafeFromRow(r: CafeRow): StoredCafeView {
  const d = r.data;
  const tz = isKnownTimeZone(d.timeZone) ? d.timeZone : 'UTC';
  const cafe: StoredCafeView = {
    id: r.id,
    kind: d.kind ?? 'cafe',
    title: d.title,
    start: isoInZone(new Date(toIso(r.start_at)), tz),
    end: isoInZone(new Date(toIso(r.end_at)), tz),
    timeZone: d.timeZone,
    allDay: d.allDay,
    place: d.place,
    districtId: r.district_id,
    mode: d.mode,
    organizer: d.organizer,
    languages: d.languages,
    status: r.status,
    sequence: r.sequence,
    updatedAt: isoInZone(new Date(toIso(r.updated_at)), tz),
    createdAt: toIso(r.created_at),
  };
  let description = d.description;
  if (r.status === 'cancelled' && d.cancelReason !== undefined) {
    description = withCancelReason(description, d.cancelReason);
    cafe.cancelReason = d.cancelReason;
  }
  if (description !== undefined) cafe.description = description;
  if (d.onlineUrl !== undefined) cafe.onlineUrl = d.onlineUrl;
  if (d.accessibility !== undefined) cafe.accessibility = d.accessibility;
  if (d.url !== undefined) cafe.url = d.url;
  if (r.rrule != null) {
    const exdates = d.exdates ?? [];
    cafe.series = { id: r.id, rrule: r.rrule, exceptions: exdates.map(keyDate) };
    cafe.exdateKeys = exdates;
    const shape = seriesShape(r);
    cafe.cancelledOccurrences = Object.entries(d.cancelled ?? {}).flatMap(([key, reason]) => {
      const o = occurrenceAt(shape, key);
      if (o === undefined) return [];
      return [
        {
          key,
          start: isoInZone(o.start, tz),
          end: isoInZone(o.end, tz),
          ...(reason !== null && { reason }),
        },
      ];
    });
  }
  return cafe;
}

/** Publicly a café is `Cafe`; the rest of a {@link StoredCafeView} is internal. */
export function publicCafe(cafe: Cafe & Partial<StoredCafeView>): Cafe {
  const {
    createdAt: _createdAt,
    exdateKeys: _exdateKeys,
    cancelledOccurrences: _cancelledOccurrences,
    ...rest
  } = cafe;
  return rest;
}

/** A date (`YYYY-MM-DD`, start of day in the city's zone) or date-time as an instant. */
export function parseBound(value: string, endOfDay = false): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const start = zonedToDate(CITY_TIME_ZONE, Number(m[1]), Number(m[2]), Number(m[3]), 0, 0);
    return endOfDay
      ? new Date(
          zonedToDate(CITY_TIME_ZONE, Number(m[1]), Number(m[2]), Number(m[3]) + 1, 0, 0).getTime() - 1,
        )
      : start;
  }
  return new Date(value);
}

/** Start of today in the city's zone. */
let today: { minute: number; start: Date } | undefined;

export function startOfToday(now: Date): Date {
  // Memoised per minute: this sits on the hot path of every cached café read.
  const minute = Math.floor(now.getTime() / 60_000);
  if (today?.minute !== minute) {
    const p = zonedParts(now, CITY_TIME_ZONE);
    today = { minute, start: zonedToDate(CITY_TIME_ZONE, p.year, p.month, p.day, 0, 0) };
  }
  return today.start;
}

export interface CafeListOptions {
  from?: string | undefined;
  to?: string | undefined;
  district?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export async function listCafes(
  ctx: StoreContext,
  q: CafeListOptions,
): Promise<{ items: Cafe[]; nextCursor: string | null }> {
  const limit = q.limit ?? DEFAULT_PAGE_LIMIT;
  let cursor: [number, string] | undefined;
  const from = q.from !== undefined ? parseBound(q.from) : startOfToday(ctx.clock());
  const to = q.to !== undefined ? parseBound(q.to, true) : undefined;
  const params: unknown[] = [from.toISOString()];
  const where = ['end_at >= $1', 'rrule IS NULL', "data->>'occurrenceOf' IS NULL"];
  if (to !== undefined) {
    params.push(to.toISOString());
    where.push(`start_at <= $${params.length}`);
  }
  if (q.district !== undefined) {
    params.push(q.district);
    where.push(`district_id = $${params.length}`);
  }
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor, isPairCursor);
    if (c === undefined)
      throw new AppError('badRequest', 'Invalid cursor.', {
        errors: [{ path: 'cursor', message: 'invalid cursor' }],
      });
    params.push(c[0], c[1]);
    where.push(`(start_at, id) > ($${params.length - 1}::timestamptz, $${params.length})`);
    cursor = [new Date(c[0]).getTime(), c[1]];
  }
  params.push(limit + 1);
  const rows = await ctx.db.query<CafeRow>(
    `SELECT ${CAFE_COLUMNS} FROM cafes WHERE ${where.join(' AND ')} ORDER BY start_at, id LIMIT $${params.length}`,
    params,
  );
  // Series: every one that may have an occurrence in the window, expanded in it (RFC 5545 RRULE,
  // EXDATE), merged with the single cafés in (start, id) order.
  const seriesRows = await ctx.db.query<CafeRow>(
    `SELECT ${CAFE_COLUMNS} FROM cafes WHERE rrule IS NOT NULL AND (series_end IS NULL OR series_end >= $1)
       AND ($2::timestamptz IS NULL OR start_at <= $2) AND ($3::text IS NULL OR district_id = $3)
     ORDER BY start_at, id LIMIT 500`,
    [from.toISOString(), to?.toISOString() ?? null, q.district ?? null],
  );
  const after = (start: number, id: string) =>
    cursor === undefined || start > cursor[0] || (start === cursor[0] && id > cursor[1]);
  const merged: { start: number; id: string; cafe: () => Cafe }[] = rows.map((r) => ({
    start: new Date(toIso(r.start_at)).getTime(),
    id: r.id,
    cafe: () => publicCafe(cafeFromRow(r)),
  }));
  for (const r of seriesRows) {
    // Enough occurrences for the page, past the cursor.
    const skip = cursor === undefined ? from : new Date(Math.max(from.getTime(), cursor[0]));
    for (const o of occurrencesOf(seriesShape(r), { from: skip, ...(to && { to }), max: limit + 2 })) {
      const id = `${r.id}${OCCURRENCE_SEPARATOR}${o.key}`;
      if (o.end.getTime() < from.getTime() || !after(o.start.getTime(), id)) continue;
      merged.push({ start: o.start.getTime(), id, cafe: () => occurrenceFromRow(r, o) });
    }
  }
  merged.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = merged.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((m) => m.cafe()),
    nextCursor:
      merged.length > limit && last !== undefined
        ? encodeCursor([new Date(last.start).toISOString(), last.id])
        : null,
  };
}

/** Cafés of the iCalendar feed: from 30 days ago on (cancelled ones too, so calendars update). */
export async function calendarCafes(
  ctx: StoreContext,
  district: string | undefined,
): Promise<StoredCafeView[]> {
  const since = new Date(ctx.clock().getTime() - 30 * 86400_000).toISOString();
  const rows = await ctx.db.query<CafeRow>(
    `SELECT ${CAFE_COLUMNS} FROM cafes
     WHERE (CASE WHEN rrule IS NULL THEN end_at >= $1 ELSE series_end IS NULL OR series_end >= $1 END)
       AND data->>'occurrenceOf' IS NULL
       AND ($2::text IS NULL OR district_id = $2)
     ORDER BY start_at, id LIMIT 1000`,
    [since, district ?? null],
  );
  return rows.map(cafeFromRow);
}

/**
 * A café by id: a single café, a series (its first occurrence, with `series`), or one occurrence
 * of a series (`<series id>~<YYYYMMDDTHHMM>`; `undefined` when the series has none there).
 */
export async function getCafe(db: Queryable, id: string): Promise<StoredCafeView | undefined> {
  const occurrence = splitOccurrenceId(id);
  const rows = await db.query<CafeRow>(`SELECT ${CAFE_COLUMNS} FROM cafes WHERE id = $1`, [
    occurrence?.seriesId ?? id,
  ]);
  const row = rows[0];
  if (row === undefined) return undefined;
  if (occurrence === undefined) return cafeFromRow(row);
  if (row.rrule == null) return undefined;
  const o = occurrenceAt(seriesShape(row), occurrence.key);
  return o === undefined ? undefined : { ...occurrenceFromRow(row, o), createdAt: toIso(row.created_at) };
}

/** The series id and occurrence key of an occurrence id, else `undefined`. */
export function splitOccurrenceId(id: string): { seriesId: string; key: string } | undefined {
  const at = id.lastIndexOf(OCCURRENCE_SEPARATOR);
  if (at <= 0) return undefined;
  const key = id.slice(at + 1);
  return parseOccurrenceKey(key) === undefined ? undefined : { seriesId: id.slice(0, at), key };
}

function storedCafe(input: CafeInput): StoredCafe {
  if (!isKnownTimeZone(input.timeZone)) {
    throw new AppError('validation', 'Unknown time zone.', {
      errors: [{ path: 'timeZone', message: 'unknown IANA time zone' }],
    });
  }
  const s: StoredCafe = {
    kind: input.kind ?? 'cafe',
    title: input.title,
    timeZone: input.timeZone,
    allDay: input.allDay ?? false,
    place: input.place,
    mode: input.mode,
    organizer: input.organizer,
    languages: input.languages ?? ['fr'],
  };
  if (input.description !== undefined) s.description = input.description;
  if (input.onlineUrl !== undefined) s.onlineUrl = input.onlineUrl;
  if (input.accessibility !== undefined) s.accessibility = input.accessibility;
  if (input.url !== undefined) s.url = input.url;
  return s;
}

async function checkDistrict(db: Queryable, id: string | null | undefined, path: string): Promise<void> {
  if (id !== undefined && id !== null && !(await districtExists(db, id))) {
    throw new AppError('validation', 'Unknown district.', {
      errors: [{ path, message: 'unknown district' }],
    });
  }
}

/** The RRULE, EXDATE keys and `series_end` of an input, checked (422 when the rule does not fit). */
function seriesOf(input: CafeInput): { rrule: string | null; exdates?: string[]; end: Date | null } {
  if (input.repeat === undefined) return { rrule: null, end: null };
  const { rrule } = input.repeat;
  const bad = (message: string, path = 'repeat.rrule') =>
    new AppError('validation', 'Invalid repeat rule.', { errors: [{ path, message }] });
  if (!isReadableRule(rrule)) throw bad('not a readable RRULE (RFC 5545 §3.3.10)');
  const start = new Date(input.start);
  const shape: SeriesShape = { start, end: new Date(input.end), timeZone: input.timeZone, rrule };
  const first = occurrencesOf(shape, { max: 1 })[0];
  if (first === undefined) throw bad('the rule has no occurrence');
  // RFC 5545 §3.8.5.3: DTSTART should be synchronised with the rule; here it must be its first occurrence.
  if (first.start.getTime() !== start.getTime())
    throw bad('start is not an occurrence of the rule (e.g. a first Wednesday for BYDAY=1WE)', 'start');
  const exdates = exceptionKeys(input.repeat.exceptions ?? [], start, input.timeZone);
  return { rrule, exdates: [...new Set(exdates)].sort(), end: seriesEnd(shape, isFiniteRule(rrule)) };
}

function cafeId(input: CafeInput): string {
  const day = input.start.slice(0, 10);
  return `cafe-${day}-${newId().slice(0, 8)}`;
}

export async function createCafe(
  db: Queryable,
  now: Date,
  input: CafeInput,
  options: { id?: string; status?: 'scheduled' | 'cancelled'; cancelReason?: LocalizedText } = {},
): Promise<Cafe & { createdAt: string }> {
  await checkDistrict(db, input.districtId, 'districtId');
  const data = storedCafe(input);
  const series = seriesOf(input);
  if (series.exdates !== undefined) data.exdates = series.exdates;
  if (options.cancelReason !== undefined) data.cancelReason = options.cancelReason;
  const id = options.id ?? cafeId(input);
  const rows = await db.query<CafeRow>(
    `INSERT INTO cafes (id, data, start_at, end_at, district_id, status, sequence, created_at, updated_at,
       rrule, series_end)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6, 0, $7, $7, $8, $9) RETURNING ${CAFE_COLUMNS}`,
    [
      id,
      JSON.stringify(data),
      new Date(input.start).toISOString(),
      new Date(input.end).toISOString(),
      input.districtId ?? null,
      options.status ?? 'scheduled',
      now.toISOString(),
      series.rrule,
      series.end?.toISOString() ?? null,
    ],
  );
  return cafeFromRow(rows[0] as CafeRow);
}

export async function updateCafe(
  db: Queryable,
  now: Date,
  id: string,
  input: CafeInput,
): Promise<Cafe | undefined> {
  await checkDistrict(db, input.districtId, 'districtId');
  const current = await db.query<CafeRow>(`SELECT ${CAFE_COLUMNS} FROM cafes WHERE id = $1 FOR UPDATE`, [id]);
  if (current[0] === undefined) return undefined;
  const data = storedCafe(input);
  const series = seriesOf(input);
  if (series.exdates !== undefined) data.exdates = series.exdates;
  if (current[0].data.cancelReason !== undefined) data.cancelReason = current[0].data.cancelReason;
  // Cancelled occurrences stay cancelled while the series still has them.
  if (series.rrule !== null && current[0].data.cancelled !== undefined)
    data.cancelled = current[0].data.cancelled;
  const rows = await db.query<CafeRow>(
    `UPDATE cafes SET data = $2::jsonb, start_at = $3, end_at = $4, district_id = $5, sequence = sequence + 1,
       updated_at = $6, rrule = $7, series_end = $8 WHERE id = $1 RETURNING ${CAFE_COLUMNS}`,
    [
      id,
      JSON.stringify(data),
      new Date(input.start).toISOString(),
      new Date(input.end).toISOString(),
      input.districtId ?? null,
      now.toISOString(),
      series.rrule,
      series.end?.toISOString() ?? null,
    ],
  );
  return rows[0] === undefined ? undefined : publicCafe(cafeFromRow(rows[0]));
}

export async function cancelCafe(
  db: Queryable,
  now: Date,
  id: string,
  input: CafeCancelInput,
): Promise<Cafe | undefined> {
  const occurrence = splitOccurrenceId(id);
  if (occurrence !== undefined) return cancelOccurrence(db, now, occurrence.seriesId, occurrence.key, input);
  const rows = await db.query<CafeRow>(
    `UPDATE cafes SET status = 'cancelled', sequence = sequence + 1, updated_at = $2,
       data = CASE WHEN $3::jsonb IS NULL THEN data ELSE jsonb_set(data, '{cancelReason}', $3::jsonb) END
     WHERE id = $1 RETURNING ${CAFE_COLUMNS}`,
    [id, now.toISOString(), input.reason === undefined ? null : JSON.stringify(input.reason)],
  );
  return rows[0] === undefined ? undefined : publicCafe(cafeFromRow(rows[0]));
}

/**
 * Cancels one occurrence of a series (kept in the series, written to iCalendar as a RECURRENCE-ID
 * override with STATUS:CANCELLED); `undefined` when there is no such occurrence.
 */
async function cancelOccurrence(
  db: Queryable,
  now: Date,
  seriesId: string,
  key: string,
  input: CafeCancelInput,
): Promise<Cafe | undefined> {
  const current = await db.query<CafeRow>(`SELECT ${CAFE_COLUMNS} FROM cafes WHERE id = $1 FOR UPDATE`, [
    seriesId,
  ]);
  const row = current[0];
  if (row?.rrule == null || occurrenceAt(seriesShape(row), key) === undefined) return undefined;
  const rows = await db.query<CafeRow>(
    `UPDATE cafes SET sequence = sequence + 1, updated_at = $2,
       data = jsonb_set(data, '{cancelled}', COALESCE(data->'cancelled', '{}'::jsonb) || jsonb_build_object($3::text, $4::jsonb))
     WHERE id = $1 RETURNING ${CAFE_COLUMNS}`,
    [seriesId, now.toISOString(), key, JSON.stringify(input.reason ?? null)],
  );
  const updated = rows[0] as CafeRow;
  const o = occurrenceAt(seriesShape(updated), key);
  return o === undefined ? undefined : occurrenceFromRow(updated, o);
}

/** The input a stored café was made from (to duplicate it). */
function inputOfRow(r: CafeRow): CafeInput {
  const d = r.data;
  const tz = isKnownTimeZone(d.timeZone) ? d.timeZone : 'UTC';
  const input: CafeInput = {
    kind: (d.kind ?? 'cafe') as NonNullable<CafeInput['kind']>,
    title: d.title,
    start: isoInZone(new Date(toIso(r.start_at)), tz),
    end: isoInZone(new Date(toIso(r.end_at)), tz),
    timeZone: d.timeZone,
    allDay: d.allDay,
    place: d.place,
    districtId: r.district_id,
    mode: d.mode as CafeInput['mode'],
    organizer: d.organizer,
    languages: d.languages,
  };
  if (d.description !== undefined) input.description = d.description;
  if (d.onlineUrl !== undefined) input.onlineUrl = d.onlineUrl;
  if (d.accessibility !== undefined) input.accessibility = d.accessibility;
  if (d.url !== undefined) input.url = d.url;
  if (r.rrule != null) input.repeat = { rrule: r.rrule };
  return input;
}

/**
 * A copy of a café (or of a series, with its rule but not its exceptions or cancellations) starting
 * at `start`, scheduled; `undefined` when there is no such café.
 */
export async function duplicateCafe(
  db: Queryable,
  now: Date,
  id: string,
  start: string,
): Promise<StoredCafeView | undefined> {
  const rows = await db.query<CafeRow>(`SELECT ${CAFE_COLUMNS} FROM cafes WHERE id = $1`, [
    splitOccurrenceId(id)?.seriesId ?? id,
  ]);
  const row = rows[0];
  if (row === undefined) return undefined;
  const input = inputOfRow(row);
  const duration = new Date(toIso(row.end_at)).getTime() - new Date(toIso(row.start_at)).getTime();
  const tz = isKnownTimeZone(row.data.timeZone) ? row.data.timeZone : 'UTC';
  const begin = new Date(start);
  input.start = isoInZone(begin, tz);
  input.end = isoInZone(new Date(begin.getTime() + duration), tz);
  return createCafe(db, now, input);
}

/**
 * Makes sure one occurrence of a series has a row of its own (a snapshot of that date, marked
 * `occurrenceOf`), so that a report can be published for it; `false` when there is no such
 * occurrence. A single café's id is left as it is (`true` when it exists).
 */
export async function occurrenceRow(db: Queryable, now: Date, id: string): Promise<boolean> {
  if ((await db.query('SELECT 1 FROM cafes WHERE id = $1', [id])).length > 0) return true;
  const occurrence = splitOccurrenceId(id);
  if (occurrence === undefined) return false;
  const cafe = await getCafe(db, id);
  if (cafe === undefined) return false;
  const series = await db.query<CafeRow>(`SELECT ${CAFE_COLUMNS} FROM cafes WHERE id = $1`, [
    occurrence.seriesId,
  ]);
  const row = series[0] as CafeRow;
  const { exdates: _exdates, cancelled: _cancelled, ...data } = row.data;
  await db.query(
    `INSERT INTO cafes (id, data, start_at, end_at, district_id, status, sequence, created_at, updated_at)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6, 0, $7, $7) ON CONFLICT (id) DO NOTHING`,
    [
      id,
      JSON.stringify({
        ...data,
        ...(cafe.cancelReason && { cancelReason: cafe.cancelReason }),
        occurrenceOf: row.id,
      }),
      new Date(cafe.start).toISOString(),
      new Date(cafe.end).toISOString(),
      row.district_id,
      cafe.status,
      now.toISOString(),
    ],
  );
  return true;
}

export async function deleteCafe(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM cafes WHERE id = $1 RETURNING id', [id])).length > 0;
}

// ---------------------------------------------------------------------------
// Priorities

/** What is stored of a priority: its public fields and the concerns only noted at cafés. */
type StoredPriority = Omit<Priority, 'id' | 'updatedAt' | 'sources'> & {
  sources: { concernReferences: string[]; cafeIds: string[]; unrecordedConcerns?: number };
};

interface PriorityRow {
  id: string;
  data: StoredPriority;
  issue_date: string;
  updated_at: Date | string;
}

/** The public priorities of stored rows: counts and named cafés (with whether they have a report). */
async function publicPriorities(db: Queryable, rows: readonly PriorityRow[]): Promise<Priority[]> {
  const cafeIds = [...new Set(rows.flatMap((r) => r.data.sources.cafeIds))];
  const cafes = new Map<string, NonNullable<Priority['sources']['cafes']>[number]>();
  if (cafeIds.length > 0) {
    const found = await db.query<CafeRow & { has_report: boolean }>(
      `SELECT ${CAFE_COLUMNS}, EXISTS (SELECT 1 FROM cafe_reports r WHERE r.cafe_id = cafes.id) AS has_report
       FROM cafes WHERE id = ANY($1::text[])`,
      [cafeIds],
    );
    for (const row of found) {
      const cafe = cafeFromRow(row);
      cafes.set(cafe.id, {
        id: cafe.id,
        title: cafe.title,
        start: cafe.start,
        districtId: cafe.districtId,
        hasReport: row.has_report,
      });
    }
  }
  // A concern re-categorised as a conduct complaint after it was linked is left out.
  const linked = rows.flatMap((r) => r.data.sources.concernReferences);
  const hidden =
    linked.length === 0
      ? new Set<string>()
      : new Set(
          (
            await db.query<{ reference: string }>(
              `SELECT reference FROM concerns WHERE restricted AND reference IN (SELECT jsonb_array_elements_text($1::jsonb))`,
              [JSON.stringify(linked)],
            )
          ).map((r) => r.reference),
        );
  return rows.map((r) => {
    const { unrecordedConcerns, ...all } = r.data.sources;
    const sources =
      hidden.size === 0
        ? all
        : { ...all, concernReferences: all.concernReferences.filter((ref) => !hidden.has(ref)) };
    return {
      id: r.id,
      ...r.data,
      actions: r.data.actions ?? [],
      sources: {
        ...sources,
        concernCount: sources.concernReferences.length + (unrecordedConcerns ?? 0),
        cafes: sources.cafeIds.flatMap((id) => cafes.get(id) ?? []),
      },
      updatedAt: toIso(r.updated_at),
    };
  });
}

export async function listPriorities(
  db: Queryable,
  q: {
    district?: string | undefined;
    status?: string | undefined;
    limit?: number | undefined;
    cursor?: string | undefined;
  },
): Promise<{ items: Priority[]; nextCursor: string | null }> {
  const limit = q.limit ?? DEFAULT_PAGE_LIMIT;
  const params: unknown[] = [];
  // Only what is published is public (a draft waits for `POST …/publish`).
  const where: string[] = ['published_at IS NOT NULL'];
  if (q.district !== undefined) {
    params.push(q.district);
    where.push(`district_id = $${params.length}`);
  }
  if (q.status !== undefined) {
    params.push(q.status);
    where.push(`status = $${params.length}`);
  }
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor, isPairCursor);
    if (c === undefined)
      throw new AppError('badRequest', 'Invalid cursor.', {
        errors: [{ path: 'cursor', message: 'invalid cursor' }],
      });
    params.push(c[0], c[1]);
    where.push(`(issue_date, id) < ($${params.length - 1}, $${params.length})`);
  }
  params.push(limit + 1);
  const rows = await db.query<PriorityRow>(
    `SELECT id, data, issue_date, updated_at FROM priorities WHERE ${where.join(' AND ')}
     ORDER BY issue_date DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await publicPriorities(db, page),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor([last.issue_date, last.id]) : null,
  };
}

/** Every priority (of a district), for the Atom feed and the public report: at most `max`. */
export async function allPriorities(
  db: Queryable,
  q: { district?: string | undefined; max?: number } = {},
): Promise<Priority[]> {
  const rows = await db.query<PriorityRow>(
    `SELECT id, data, issue_date, updated_at FROM priorities
      WHERE published_at IS NOT NULL AND ($1::text IS NULL OR district_id = $1)
     ORDER BY issue_date DESC, id DESC LIMIT $2`,
    [q.district ?? null, q.max ?? 1000],
  );
  return publicPriorities(db, rows);
}

function priorityData(input: PriorityInput): StoredPriority {
  // Without a list, a dated `action` is the one action carried out (data.police.uk's pair).
  const given =
    input.actions ??
    (input.action !== undefined && input.actionDate !== undefined
      ? [{ text: input.action, date: input.actionDate, status: 'done' as const }]
      : []);
  const actions = [...given].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const p: StoredPriority = {
    issue: input.issue,
    issueDate: input.issueDate,
    status: input.status,
    actions,
    sources: {
      concernReferences: input.sources?.concernReferences ?? [],
      cafeIds: input.sources?.cafeIds ?? [],
    },
  };
  if (input.sources?.unrecordedConcerns !== undefined)
    p.sources.unrecordedConcerns = input.sources.unrecordedConcerns;
  // `action` and `actionDate` (data.police.uk's pair) summarise the latest action carried out
  // when they are not given.
  const latestDone = actions.filter((a) => a.status === 'done').at(-1);
  const action = input.action ?? latestDone?.text;
  const actionDate = input.actionDate ?? (input.action === undefined ? latestDone?.date : undefined);
  if (action !== undefined) p.action = action;
  if (actionDate !== undefined) p.actionDate = actionDate;
  if (input.districtId !== undefined) p.districtId = input.districtId;
  return p;
}

async function checkPrioritySources(db: Queryable, input: PriorityInput): Promise<void> {
  await checkDistrict(db, input.districtId, 'districtId');
  const refs = input.sources?.concernReferences ?? [];
  for (const [i, ref] of refs.entries()) {
    // A conduct complaint is never linked to a public priority (nor is its reference confirmed).
    if (
      (await db.query('SELECT 1 FROM concerns WHERE reference = $1 AND NOT restricted', [ref])).length === 0
    ) {
      throw new AppError('validation', 'Unknown concern reference.', {
        errors: [{ path: `sources.concernReferences.${i}`, message: 'unknown concern' }],
      });
    }
  }
  for (const [i, id] of (input.sources?.cafeIds ?? []).entries()) {
    if ((await db.query('SELECT 1 FROM cafes WHERE id = $1', [id])).length === 0) {
      throw new AppError('validation', 'Unknown café.', {
        errors: [{ path: `sources.cafeIds.${i}`, message: 'unknown café' }],
      });
    }
  }
}

export async function getPriority(db: Queryable, id: string): Promise<Priority | undefined> {
  const rows = await db.query<PriorityRow>(
    'SELECT id, data, issue_date, updated_at FROM priorities WHERE id = $1',
    [id],
  );
  return (await publicPriorities(db, rows))[0];
}

export async function createPriority(
  db: Queryable,
  now: Date,
  input: PriorityInput,
  id?: string,
  options: { demo?: boolean } = {},
): Promise<Priority> {
  await checkPrioritySources(db, input);
  const data = priorityData(input);
  if (options.demo === true) data.demo = true;
  const pid = id ?? `prio-${input.issueDate.slice(0, 7)}-${newId().slice(0, 8)}`;
  await db.query(
    `INSERT INTO priorities (id, data, issue_date, district_id, status, created_at, updated_at, published_at)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6, $6, $7)`,
    [
      pid,
      JSON.stringify(data),
      input.issueDate,
      input.districtId ?? null,
      input.status,
      now.toISOString(),
      input.draft === true ? null : now.toISOString(),
    ],
  );
  return (await getPriority(db, pid)) as Priority;
}

export async function updatePriority(
  db: Queryable,
  now: Date,
  id: string,
  input: PriorityInput,
): Promise<Priority | undefined> {
  await checkPrioritySources(db, input);
  const data = priorityData(input);
  const rows = await db.query(
    `UPDATE priorities SET data = $2::jsonb, issue_date = $3, district_id = $4, status = $5, updated_at = $6
     WHERE id = $1 RETURNING id`,
    [id, JSON.stringify(data), input.issueDate, input.districtId ?? null, input.status, now.toISOString()],
  );
  return rows.length === 0 ? undefined : getPriority(db, id);
}

/** Every priority, drafts included, for staff: whether published, and how many residents were told. */
export async function listAdminPriorities(db: Queryable, id?: string): Promise<AdminPriority[]> {
  const rows = await db.query<PriorityRow & { published_at: Date | string | null; notified: number }>(
    `SELECT id, data, issue_date, updated_at, published_at,
            (SELECT count(*)::int FROM priority_notices n WHERE n.priority_id = priorities.id) AS notified
       FROM priorities WHERE ($1::text IS NULL OR id = $1) ORDER BY issue_date DESC, id DESC LIMIT 1000`,
    [id ?? null],
  );
  const publicOnes = await publicPriorities(db, rows);
  return publicOnes.map((p, i) => {
    const row = rows[i]!;
    return {
      ...p,
      published: row.published_at !== null,
      ...(row.published_at !== null ? { publishedAt: toIso(row.published_at) } : {}),
      notified: row.notified,
    };
  });
}

/** One priority for staff; `undefined` when there is none. */
export async function getAdminPriority(db: Queryable, id: string): Promise<AdminPriority | undefined> {
  return (await listAdminPriorities(db, id))[0];
}

/** Publishes a priority (kept as it is when published already); `false` when there is none. */
export async function markPriorityPublished(db: Queryable, now: Date, id: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE priorities SET published_at = COALESCE(published_at, $2) WHERE id = $1 RETURNING id`,
    [id, now.toISOString()],
  );
  return rows.length > 0;
}

export async function deletePriority(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM priorities WHERE id = $1 RETURNING id', [id])).length > 0;
}

// ---------------------------------------------------------------------------
// Rights overrides and activity counters

export async function getRightsOverrides(db: Queryable): Promise<RightsOverrides> {
  const rows = await db.query<{ data: RightsOverrides }>('SELECT data FROM rights_overrides WHERE id = 1');
  return rows[0]?.data ?? {};
}

export async function putRightsOverrides(
  db: Queryable,
  now: Date,
  overrides: RightsOverrides,
): Promise<void> {
  await db.query(
    `INSERT INTO rights_overrides (id, data, updated_at) VALUES (1, $1::jsonb, $2)
     ON CONFLICT (id) DO UPDATE SET data = $1::jsonb, updated_at = $2`,
    [JSON.stringify(overrides), now.toISOString()],
  );
}

interface CounterRow {
  metric: string;
  period: string;
  value: number | null;
  unit: string;
  source: ActivityCounter['source'];
}

export async function listActivityCounters(db: Queryable, area: string): Promise<ActivityCounter[]> {
  const rows = await db.query<CounterRow>(
    'SELECT metric, period, value, unit, source FROM activity_counters WHERE area = $1 ORDER BY metric, period',
    [area],
  );
  return rows.map((r) => ({
    metric: r.metric,
    period: r.period,
    value: r.value,
    unit: r.unit,
    source: r.source,
  }));
}

export async function putActivityCounters(
  db: Queryable,
  now: Date,
  area: string,
  input: ActivityCountersInput,
): Promise<ActivityCounter[]> {
  for (const c of input.counters) {
    await db.query(
      `INSERT INTO activity_counters (area, metric, period, value, unit, source, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (area, metric, period) DO UPDATE SET value = $4, unit = $5, source = $6::jsonb, updated_at = $7`,
      [area, c.metric, c.period, c.value, c.unit, JSON.stringify(c.source), now.toISOString()],
    );
  }
  return listActivityCounters(db, area);
}

// ---------------------------------------------------------------------------
// Settings

export async function getSetting<T>(db: Queryable, key: string): Promise<T | undefined> {
  const rows = await db.query<{ value: T }>('SELECT value FROM settings WHERE key = $1', [key]);
  return rows[0]?.value;
}

export async function setSettingIfAbsent(db: Queryable, key: string, value: unknown): Promise<void> {
  await db.query('INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING', [
    key,
    JSON.stringify(value),
  ]);
}
