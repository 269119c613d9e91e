/**
 * Wall-clock time in a time zone: the one home of the rule every part applies (the server's due
 * dates and feeds, the iCalendar reader, the widgets' calendar), through the platform's IANA data
 * (`Intl.DateTimeFormat` with a `timeZone`, ECMA-402).
 *
 * Building an `Intl.DateTimeFormat` costs far more than using one, so there is ONE per locale,
 * zone and style, built on first use and reused ({@link dateTimeFormat}). Reading the fields of an
 * instant goes through `format()` of a fixed en-US pattern, parsed here, which costs a fraction of
 * `formatToParts()` (that one stays the fallback should a platform print the pattern otherwise).
 */

/** Wall-clock fields of an instant in a zone. `month` is 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The shared `Intl.DateTimeFormat` of `locale` and `options` (the zone is one of the options):
 * built once, then reused. Throws a RangeError for an unknown zone, as the constructor does.
 */
export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions = {},
): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** The fields formatter of a zone; `null` when the platform does not know the zone. */
const fieldFormats = new Map<string, Intl.DateTimeFormat | null>();

function fieldsFormat(zone: string): Intl.DateTimeFormat | null {
  let format = fieldFormats.get(zone);
  if (format === undefined) {
    try {
      format = dateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      format = null;
    }
    fieldFormats.set(zone, format);
  }
  return format;
}

/** Whether the platform knows `zone` as a time zone (an IANA name such as `Europe/Paris`, or `UTC`). */
export function isTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone !== '' && fieldsFormat(zone) !== null;
}

/** An IANA name (`Europe/Paris`, `UTC`) the platform knows, as opposed to an offset such as `+01:00`. */
export function isIanaZone(zone: string | undefined): boolean {
  return zone !== undefined && /^[A-Za-z]/.test(zone) && isTimeZone(zone);
}

// `5/4/2026, 17:30:00` — en-US with the options above.
const PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{1,6}), (\d{1,2}):(\d{2}):(\d{2})$/;

/** The wall-clock time of the instant `ms` in `zone`. Throws a RangeError for an unknown zone. */
export function wallTimeAt(ms: number, zone: string): WallTime {
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid instant: ${String(ms)}`);
  const format = fieldsFormat(zone);
  if (format === null) throw new RangeError(`Unknown time zone: ${zone}`);
  const m = PATTERN.exec(format.format(ms));
  if (m) {
    return {
      year: Number(m[3]),
      month: Number(m[1]),
      day: Number(m[2]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: Number(m[6]),
    };
  }
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(ms))
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** Milliseconds of a wall time read as if it were UTC. Fields may overflow (day 32 is next month's 1st). */
export function wallMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The offset of `zone` at the instant `ms`, in milliseconds (local − UTC; Paris in summer: 7,200,000). */
export function zoneOffsetMs(ms: number, zone: string): number {
  return wallMs(wallTimeAt(ms, zone)) - Math.floor(ms / 1000) * 1000;
}

const HALF_DAY = 43_200_000;

/**
 * The instant of a wall-clock time in `zone` (fields may overflow, as for `Date.UTC`). As RFC 5545
 * (§3.3.5) reads a local time: in a daylight-saving overlap, the first of the two instants; in a
 * gap (a time that does not exist), the offset in force before the transition, which lands after it
 * (02:30 on the spring-forward night in Paris is 03:30 CEST).
 */
export function wallToInstant(wall: WallTime, zone: string): number {
  const local = wallMs(wall);
  // Offsets half a day before and after: zones change at most once in a day.
  const before = zoneOffsetMs(local - HALF_DAY, zone);
  const after = zoneOffsetMs(local + HALF_DAY, zone);
  if (before === after) {
    const at = local - before;
    // Equal ends still leave a change in between possible for the pathological zone: check.
    if (zoneOffsetMs(at, zone) === before) return at;
  }
  const candidates = [local - before, local - after].filter((t) => zoneOffsetMs(t, zone) === local - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return local - before;
}
