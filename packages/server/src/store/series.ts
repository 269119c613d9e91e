/**
 * Occurrences of a stored series as instants: the contract's `expandRule` (ical.js) in the
 * series' wall time, each wall time turned into an instant in the series' zone (a 17:30 café stays
 * at 17:30 local across daylight-saving changes). Pure: no SQL.
 */
import { expandRule, occurrenceKey, parseOccurrenceKey } from '@proximite/contract/recurrence.js';
import type { WallTime } from '@proximite/contract/recurrence.js';
import { zonedParts, zonedToDate } from '../util.js';

export { occurrenceKey, parseOccurrenceKey };

/** The separator of an occurrence id: `<series id>~<YYYYMMDDTHHMM>` (series ids never hold `~`). */
export const OCCURRENCE_SEPARATOR = '~';

export interface SeriesShape {
  start: Date;
  end: Date;
  timeZone: string;
  rrule: string;
  /** Occurrence keys left out (EXDATE). */
  exdates?: readonly string[] | undefined;
}

export interface Occurrence {
  key: string;
  start: Date;
  end: Date;
}

export function wallOf(date: Date, timeZone: string): WallTime {
  const p = zonedParts(date, timeZone);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute };
}

export function instantOf(t: WallTime, timeZone: string): Date {
  return zonedToDate(timeZone, t.year, t.month, t.day, t.hour, t.minute);
}

/** The exception keys of local dates (`YYYY-MM-DD`) at the series' start time. */
export function exceptionKeys(dates: readonly string[], start: Date, timeZone: string): string[] {
  const at = wallOf(start, timeZone);
  return dates.map((d) =>
    occurrenceKey({
      year: Number(d.slice(0, 4)),
      month: Number(d.slice(5, 7)),
      day: Number(d.slice(8, 10)),
      hour: at.hour,
      minute: at.minute,
    }),
  );
}

/** `YYYY-MM-DD` of an occurrence key. */
export function keyDate(key: string): string {
  return `${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 8)}`;
}

/**
 * The occurrences that end at or after `from` and start at or before `to` (when given), at most
 * `max`, in order (exceptions left out).
 */
export function occurrencesOf(
  s: SeriesShape,
  window: { from?: Date; to?: Date; max?: number; keepExceptions?: boolean },
): Occurrence[] {
  const duration = s.end.getTime() - s.start.getTime();
  const start = wallOf(s.start, s.timeZone);
  const fromWall =
    window.from === undefined
      ? undefined
      : wallOf(new Date(window.from.getTime() - duration - 86_400_000), s.timeZone);
  const untilWall =
    window.to === undefined ? undefined : wallOf(new Date(window.to.getTime() + 86_400_000), s.timeZone);
  const walls = expandRule(s.rrule, start, {
    ...(fromWall !== undefined && { from: fromWall }),
    ...(untilWall !== undefined && { until: untilWall }),
    ...(window.keepExceptions !== true && s.exdates !== undefined && { exceptions: new Set(s.exdates) }),
    max: (window.max ?? 1000) + 4,
  });
  const out: Occurrence[] = [];
  for (const w of walls) {
    const begin = instantOf(w, s.timeZone);
    const end = new Date(begin.getTime() + duration);
    if (window.from !== undefined && end.getTime() < window.from.getTime()) continue;
    if (window.to !== undefined && begin.getTime() > window.to.getTime()) break;
    out.push({ key: occurrenceKey(w), start: begin, end });
    if (out.length >= (window.max ?? 1000)) break;
  }
  return out;
}

/** The occurrence of `key`, when the series has one there (exceptions excluded). */
export function occurrenceAt(s: SeriesShape, key: string): Occurrence | undefined {
  const wall = parseOccurrenceKey(key);
  if (wall === undefined) return undefined;
  const at = instantOf(wall, s.timeZone);
  return occurrencesOf(s, { from: at, to: at, max: 3 }).find((o) => o.key === key);
}

/** When the last occurrence ends (`null`: the rule never ends, or has over 1000 occurrences). */
export function seriesEnd(s: SeriesShape, finite: boolean): Date | null {
  if (!finite) return null;
  const all = occurrencesOf({ ...s, exdates: [] }, { max: 1001 });
  if (all.length > 1000) return null;
  return all[all.length - 1]?.end ?? s.end;
}
