/**
 * Occurrences of a repeating meeting (RFC 5545 §3.3.10 RRULE, §3.8.5.1 EXDATE), expanded with
 * ical.js — the library the iCalendar reader (`ical-feed.ts`) already uses — in local wall time:
 * a series at 17:30 in Europe/Paris stays at 17:30 across daylight-saving changes. The caller turns
 * wall times into instants in the series' zone. A subpath of its own (`recurrence.js`) because it
 * carries ical.js.
 */
import ICAL from 'ical.js';

/** A wall-clock time, without zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYYMMDDTHHMM`: the key of an occurrence (its original local start). */
export function occurrenceKey(t: WallTime): string {
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}`;
}

/** The wall time of an occurrence key, or `undefined`. */
export function parseOccurrenceKey(key: string): WallTime | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})$/.exec(key);
  if (m === null) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return { year, month, day, hour, minute };
}

/** Parses an RRULE value; `undefined` when ical.js cannot read it. */
function recurOf(rrule: string): ICAL.Recur | undefined {
  try {
    return ICAL.Recur.fromString(rrule);
  } catch {
    return undefined;
  }
}

/** Whether ical.js reads the rule. */
export function isReadableRule(rrule: string): boolean {
  return recurOf(rrule) !== undefined;
}

/**
 * The occurrences of `rrule` from `start` (DTSTART, itself the first occurrence when the rule
 * matches it), in order, as wall times: those not before `from` (a wall time, compared by key),
 * at most `max`, never past `until` (a wall time) and never more than `hardLimit` iterations.
 * `exceptions` are occurrence keys left out (EXDATE).
 */
export function expandRule(
  rrule: string,
  start: WallTime,
  options: {
    from?: WallTime;
    until?: WallTime;
    max?: number;
    exceptions?: ReadonlySet<string>;
    hardLimit?: number;
  } = {},
): WallTime[] {
  const recur = recurOf(rrule);
  if (recur === undefined) return [];
  const dtstart = ICAL.Time.fromData({
    year: start.year,
    month: start.month,
    day: start.day,
    hour: start.hour,
    minute: start.minute,
    second: 0,
    isDate: false,
  });
  const iterator = recur.iterator(dtstart);
  const fromKey = options.from === undefined ? undefined : occurrenceKey(options.from);
  const untilKey = options.until === undefined ? undefined : occurrenceKey(options.until);
  const max = options.max ?? 1000;
  const hardLimit = options.hardLimit ?? 5000;
  const out: WallTime[] = [];
  for (let i = 0; i < hardLimit && out.length < max; i++) {
    const next = iterator.next();
    if (next === null || next === undefined) break;
    const t: WallTime = {
      year: next.year,
      month: next.month,
      day: next.day,
      hour: next.hour,
      minute: next.minute,
    };
    const key = occurrenceKey(t);
    if (untilKey !== undefined && key > untilKey) break;
    if (fromKey !== undefined && key < fromKey) continue;
    if (options.exceptions?.has(key) === true) continue;
    out.push(t);
  }
  return out;
}

/** Whether the rule ends (COUNT or UNTIL). */
export function isFiniteRule(rrule: string): boolean {
  const recur = recurOf(rrule);
  return recur !== undefined && (recur.count != null || recur.until != null);
}
