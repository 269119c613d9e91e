/**
 * `@proximite/contract/ical-feed.js` — reads cafés from an iCalendar (RFC 5545) feed as the
 * calendars cities already publish write them (Outlook/Exchange, Google, Apple, Nextcloud, CMS
 * plugins). Pure and isomorphic (no I/O), shared by the SDK's iCalendar adapter (browsers, Node) and
 * the reference server's `proximite import-ics`. Values and recurrence rules are read by ical.js.
 *
 * What real feeds need, beyond the RFC:
 * - **One bad line or value never loses the feed.** Each content line is parsed on its own. A line
 *   whose intent is clear is repaired (Outlook's `TZID="Zone:20200609T090000"`, Exchange's
 *   `BYDAY=MO, TU`, a date-only value without `VALUE=DATE`); an event whose date or recurrence
 *   properties stay unreadable is skipped with its reason; other unreadable lines are dropped with
 *   a warning. Every repair, skip and approximation is an {@link ICalendarIssue}.
 * - **One zone per computation.** A TZID is resolved once per feed, to the IANA zone of that name
 *   when the platform knows it (its rules are current; a feed's VTIMEZONE copy is often stale), else
 *   to the feed's VTIMEZONE, else to the IANA zone of a Windows name (CLDR windowsZones, given as
 *   `windowsZones`) or of an Outlook display name (`"(UTC+01:00) Amsterdam, Berlin…"`: a city of
 *   the name whose zone has the offset of the prefix), else to the fixed offset of that prefix
 *   (a warning: no daylight saving), else to `timeZone` (a warning). The same zone object expands
 *   the recurrences (RRULE, RDATE, EXDATE, UNTIL) and converts them to instants.
 * - **Overrides** (RECURRENCE-ID) match their occurrence by instant, or by day when the series is
 *   all-day and the override's RECURRENCE-ID a date-time (Exchange); an override whose end is not
 *   after its start keeps the series' duration. Several RRULEs add up (RFC 2445, still written).
 * - **Online or not** is decided by the data: X-PROXIMITE-MODE, else a CONFERENCE property
 *   (RFC 7986) or a Teams/Google Meet meeting property, a LOCATION that is a link, or a URL on a
 *   video-meeting host (`visio.`, `meet.`, `zoom.us`, `teams.microsoft.com`, `webex.com`…) make it
 *   online; an ordinary web page in URL is the event's page (`url`), and the café is in person.
 */
import ICAL from 'ical.js';
import type { Cafe } from './cafes.js';
import { isIanaZone, wallMs, wallToInstant, zoneOffsetMs, type WallTime } from './zoned-time.js';

type ICalComponent = InstanceType<typeof ICAL.Component>;
type ICalProperty = InstanceType<typeof ICAL.Property>;
type ICalTime = InstanceType<typeof ICAL.Time>;
type ICalTimezone = InstanceType<typeof ICAL.Timezone>;

/** Options of {@link readICalendar}. */
export interface ParseICalendarOptions {
  /** Start of the window (events ending after it are kept). A Date, epoch ms or ISO string. */
  from: Date | number | string;
  /** End of the window (events starting before it are kept). */
  to: Date | number | string;
  /**
   * Zone of floating times and all-day dates when the feed gives none (X-WR-TIMEZONE), and of
   * times whose TZID cannot be resolved. Default `Europe/Paris`.
   */
  timeZone?: string;
  /** Most occurrences expanded per recurring event (a guard against unbounded rules). Default 5 000. */
  maxOccurrences?: number;
  /**
   * Windows time-zone names → IANA zones (CLDR windowsZones, `@proximite/contract/windows-zones.js`),
   * for Outlook feeds that name a zone without defining it. Without it such a zone is read from
   * its UTC-offset prefix, or in `timeZone`, with a warning.
   */
  windowsZones?: Readonly<Record<string, string>>;
}

/** What went wrong, or was approximated, while reading one part of a feed. */
export interface ICalendarIssue {
  /**
   * `skipped`: an event (or one occurrence) is not in the result; `warning`: it is, read as the
   * message says (a repaired line, an approximated zone, a dropped property).
   */
  severity: 'skipped' | 'warning';
  /** A stable code: `bad-line`, `bad-value`, `repaired`, `zone-windows`, `zone-offset`, `zone-unknown`, `end-before-start`… */
  code: string;
  /** What happened, in English, for logs and the CLI. */
  message: string;
  /** The event's UID (with `@instant` for one occurrence), when the issue belongs to one. */
  event?: string;
  /** The line of the feed (1-based, after unfolding: the line where the property starts). */
  line?: number;
}

/** The cafés of a feed and what could not be read exactly. */
export interface ICalendarFeed {
  cafes: Cafe[];
  issues: ICalendarIssue[];
}

const DAY = 86_400_000;

function toMs(value: Date | number | string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`parseICalendar: invalid window bound ${String(value)}`);
  return ms;
}

// ---- Time zones through Intl (zoned-time.ts) -------------------------------------------------

export { isIanaZone };

type Wall = WallTime;

const zoneOffset = (zone: string, ms: number): number => zoneOffsetMs(ms, zone);

/** The offset (ms) of a wall-clock time in `zone` (the earlier instant in a DST overlap, the offset before a gap). */
function wallOffset(wall: Wall, zone: string): number {
  return wallMs(wall) - wallToInstant(wall, zone);
}

/** An ical.js zone whose offsets come from the platform's IANA data. */
class IanaZone extends ICAL.Timezone {
  constructor(readonly iana: string) {
    super({ tzid: iana });
  }
  override utcOffset(tt: ICalTime): number {
    return wallOffset(tt, this.iana) / 1000;
  }
}

/** An ical.js zone at a fixed offset (an Outlook display name read from its prefix). */
class FixedZone extends ICAL.Timezone {
  constructor(
    tzid: string,
    readonly seconds: number,
  ) {
    super({ tzid });
  }
  override utcOffset(): number {
    return this.seconds;
  }
}

/** `(UTC+05:30) …`, `(GMT-03:00) …`, `UTC+01`, `GMT +0100 (Standard) / …`: the offset in seconds. */
function offsetPrefix(tzid: string): number | undefined {
  const m = /^\(?\s*(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?/i.exec(tzid);
  if (!m) return /^\(?\s*(?:UTC|GMT)\s*\)/i.test(tzid) ? 0 : undefined;
  const seconds = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60;
  return m[1] === '-' ? -seconds : seconds;
}

let ianaNames: string[] | undefined;

/**
 * The IANA zone an Outlook display name means: a city it names (`Amsterdam, Berlin, Bern…`) whose
 * zone has the prefix's offset in January or July.
 */
function zoneOfDisplayName(tzid: string, seconds: number): string | undefined {
  const words = tzid
    .replace(/^\([^)]*\)/, '')
    .split(/[,/]| and | & /)
    .map((w) => w.trim().replace(/\s+/g, '_').toLowerCase())
    .filter((w) => w.length > 2);
  if (words.length === 0) return undefined;
  ianaNames ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const year = new Date().getUTCFullYear();
  for (const word of words) {
    const zone = ianaNames.find((z) => z.toLowerCase().endsWith(`/${word}`));
    if (
      zone &&
      [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15)].some((ms) => zoneOffset(zone, ms) === seconds * 1000)
    )
      return zone;
  }
  return undefined;
}

/** How a TZID was resolved (once per feed). */
interface ZoneChoice {
  zone: ICalTimezone;
  /** The IANA name a café carries as `timeZone`. */
  iana: string;
  issue?: Omit<ICalendarIssue, 'event'>;
}

class Zones {
  private readonly cache = new Map<string, ZoneChoice>();
  readonly utc = ICAL.Timezone.utcTimezone;
  readonly fallback: ZoneChoice;

  constructor(
    private readonly vtimezones: Map<string, ICalTimezone>,
    readonly defaultZone: string,
    private readonly windowsZones: Readonly<Record<string, string>> | undefined,
  ) {
    this.fallback = { zone: new IanaZone(defaultZone), iana: defaultZone };
  }

  /** The zone of a TZID (undefined: floating, in the feed's default zone). */
  resolve(tzid: string | undefined): ZoneChoice {
    if (tzid === undefined || tzid === '') return this.fallback;
    let choice = this.cache.get(tzid);
    if (!choice) this.cache.set(tzid, (choice = this.choose(tzid)));
    return choice;
  }

  private choose(tzid: string): ZoneChoice {
    const bare = tzid.replace(/^\/[^/]+\/[^/]+\//, ''); // `/mozilla.org/20050126_1/Europe/Paris`
    if (/^(?:UTC|GMT|Z|Etc\/UTC|Etc\/GMT)$/i.test(bare)) return { zone: this.utc, iana: this.defaultZone };
    if (isIanaZone(bare)) return { zone: new IanaZone(bare), iana: bare };
    const vtimezone = this.vtimezones.get(tzid);
    const windows = this.windowsZones?.[tzid.trim()] ?? this.windowsZones?.[bare.trim()];
    if (vtimezone) {
      // The feed defines it: its rules, and for the café's `timeZone` the IANA zone of the same name.
      return { zone: vtimezone, iana: windows && isIanaZone(windows) ? windows : this.defaultZone };
    }
    if (windows && isIanaZone(windows))
      return {
        zone: new IanaZone(windows),
        iana: windows,
        issue: {
          severity: 'warning',
          code: 'zone-windows',
          message: `time zone "${tzid}" has no VTIMEZONE: read as ${windows} (CLDR windowsZones)`,
        },
      };
    const seconds = offsetPrefix(tzid);
    if (seconds !== undefined) {
      const city = zoneOfDisplayName(tzid, seconds);
      if (city)
        return {
          zone: new IanaZone(city),
          iana: city,
          issue: {
            severity: 'warning',
            code: 'zone-windows',
            message: `time zone "${tzid}" has no VTIMEZONE: read as ${city} (a city of the name, same offset)`,
          },
        };
      const sign = seconds < 0 ? '-' : '+';
      const abs = Math.abs(seconds);
      const label = `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}`;
      return {
        zone: new FixedZone(tzid, seconds),
        iana: this.defaultZone,
        issue: {
          severity: 'warning',
          code: 'zone-offset',
          message: `time zone "${tzid}" has no VTIMEZONE: read at UTC${label} all year (no daylight saving time)`,
        },
      };
    }
    return {
      zone: this.fallback.zone,
      iana: this.defaultZone,
      issue: {
        severity: 'warning',
        code: 'zone-unknown',
        message: `unknown time zone "${tzid}" (no VTIMEZONE, not an IANA or Windows name): read as ${this.defaultZone}`,
      },
    };
  }
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

/** The instant of an ical.js time whose zone is set (a date: its midnight in `dateZone`). */
function instantOf(time: ICalTime, dateZone: ICalTimezone): { ms: number; offset: number } {
  const zone = time.isDate ? dateZone : (time.zone ?? dateZone);
  const wall = time.isDate ? { ...toWall(time), hour: 0, minute: 0, second: 0 } : toWall(time);
  const probe = time.clone();
  if (time.isDate) {
    probe.isDate = false;
    probe.hour = probe.minute = probe.second = 0;
  }
  const offset = zone === ICAL.Timezone.utcTimezone ? 0 : zone.utcOffset(probe) * 1000;
  return { ms: wallMs(wall) - offset, offset };
}

const toWall = (t: ICalTime): Wall => ({
  year: t.year,
  month: t.month,
  day: t.day,
  hour: t.hour,
  minute: t.minute,
  second: t.second,
});

const wallKey = (t: ICalTime): string => `${dayKey(t)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`;

const dayKey = (t: { year: number; month: number; day: number }): string =>
  `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;

function compactUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

// ---- Lines and components -------------------------------------------------------------------

interface Line {
  text: string;
  number: number;
}

interface RawComponent {
  name: string;
  lines: Line[];
  children: RawComponent[];
  begin: number;
}

/** Unfolds content lines (CRLF, LF or CR; a leading space or tab continues a line), BOM removed. */
function contentLines(source: string): Line[] {
  const physical = source.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const out: Line[] = [];
  physical.forEach((text, i) => {
    if ((text.startsWith(' ') || text.startsWith('\t')) && out.length > 0)
      out[out.length - 1]!.text += text.slice(1);
    else if (text.trim() !== '') out.push({ text, number: i + 1 });
  });
  return out;
}

/** Components from BEGIN/END lines; an END that does not match closes up to its BEGIN. */
function components(lines: Line[]): RawComponent[] {
  const roots: RawComponent[] = [];
  const stack: RawComponent[] = [];
  for (const line of lines) {
    const m = /^(BEGIN|END)\s*:\s*([A-Za-z0-9-]+)\s*$/i.exec(line.text);
    if (m) {
      const name = m[2]!.toLowerCase();
      if (m[1]!.toUpperCase() === 'BEGIN') {
        const component: RawComponent = { name, lines: [], children: [], begin: line.number };
        (stack.length ? stack[stack.length - 1]!.children : roots).push(component);
        stack.push(component);
      } else {
        const at = stack.map((c) => c.name).lastIndexOf(name);
        if (at >= 0) stack.length = at;
      }
      continue;
    }
    stack[stack.length - 1]?.lines.push(line);
  }
  return roots;
}

const DATE_PROPS = new Set(['dtstart', 'dtend', 'due', 'recurrence-id', 'exdate', 'rdate']);
/** Properties without which an event's occurrences cannot be known: unreadable → the event is skipped. */
const CORE_PROPS = new Set([...DATE_PROPS, 'rrule', 'duration']);

interface ParsedLine {
  jcal: unknown[];
  repaired?: string;
}

/** One content line as jCal, repaired when its intent is clear. */
function parseLine(text: string): ParsedLine {
  const attempt = (t: string): unknown[] => ICAL.parse.property(t) as unknown[];
  let first: Error;
  try {
    const jcal = attempt(text);
    const fixedDate = dateWithoutValueDate(text, jcal);
    return fixedDate ? { jcal: attempt(fixedDate), repaired: 'a date without VALUE=DATE' } : { jcal };
  } catch (error) {
    first = error as Error;
  }
  const candidates: [string, string][] = [];
  // Outlook: `DTSTART;TZID="W. Europe Standard Time:20200609T090000"` (the value inside the quotes).
  const quoted = /^([^:"]*;[A-Za-z-]+=)"([^"]*):([^":]*)"\s*$/.exec(text);
  if (quoted) candidates.push([`${quoted[1]}"${quoted[2]}":${quoted[3]}`, 'a value inside the TZID quotes']);
  // Exchange: `RRULE:FREQ=WEEKLY;BYDAY=MO, TU` (spaces in a recurrence rule).
  if (/^(?:RRULE|EXRULE)[;:]/i.test(text))
    candidates.push([text.replace(/\s+/g, ''), 'spaces in a recurrence rule']);
  for (const [candidate, what] of candidates) {
    try {
      const jcal = attempt(candidate);
      const fixedDate = dateWithoutValueDate(candidate, jcal);
      return { jcal: fixedDate ? attempt(fixedDate) : jcal, repaired: what };
    } catch {
      // next candidate
    }
  }
  throw first;
}

/** `DTSTART:20200609` (a date written without VALUE=DATE): the line with VALUE=DATE added. */
function dateWithoutValueDate(text: string, jcal: unknown[]): string | undefined {
  const [name, params, type] = jcal as [string, Record<string, unknown>, string];
  if (!DATE_PROPS.has(name) || type !== 'date-time' || params.value !== undefined) return undefined;
  const colon = valueStart(text);
  if (colon < 0) return undefined;
  const values = text.slice(colon + 1).split(',');
  if (!values.every((v) => /^\d{8}$/.test(v.trim()))) return undefined;
  return `${text.slice(0, colon)};VALUE=DATE:${values.map((v) => v.trim()).join(',')}`;
}

/** Index of the colon that starts the value (the first one outside quotes). */
function valueStart(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ':' && !quoted) return i;
  }
  return -1;
}

interface BuiltComponent {
  component: ICalComponent;
  /** Line of each property (by its index among the component's properties). */
  propertyLines: Map<ICalProperty, number>;
  /** A core property could not be read: the reason. */
  broken?: string;
}

/** An ical.js component from raw lines, each parsed on its own. */
function build(raw: RawComponent, issues: ICalendarIssue[], event?: string): BuiltComponent {
  const props: unknown[] = [];
  const lines: number[] = [];
  let broken: string | undefined;
  for (const line of raw.lines) {
    const name = /^[A-Za-z0-9-]+/.exec(line.text)?.[0]?.toLowerCase() ?? '';
    try {
      if (/^(?:RRULE|EXRULE|RDATE|EXDATE)(?:;[^:]*)?:\s*$/i.test(line.text))
        throw new Error('the value is empty');
      const parsed = parseLine(line.text);
      props.push(parsed.jcal);
      lines.push(line.number);
      if (parsed.repaired)
        issues.push({
          severity: 'warning',
          code: 'repaired',
          message: `${name.toUpperCase()}: repaired ${parsed.repaired}`,
          line: line.number,
          ...eventField(event),
        });
    } catch (error) {
      const reason = `${name.toUpperCase() || 'a line without a name'} cannot be read: ${(error as Error).message}`;
      const empty = /:\s*$/.test(line.text) && ['rrule', 'exrule', 'rdate', 'exdate'].includes(name);
      if (CORE_PROPS.has(name) && raw.name === 'vevent' && !empty) broken ??= reason;
      else
        issues.push({
          severity: 'warning',
          code: 'bad-line',
          message: `${reason}; the line is ignored`,
          line: line.number,
          ...eventField(event),
        });
    }
  }
  const children = raw.children.map((child) => build(child, issues, event).component.toJSON() as unknown[]);
  const component = new ICAL.Component([raw.name, props, children]);
  const propertyLines = new Map<ICalProperty, number>();
  component.getAllProperties().forEach((p, i) => propertyLines.set(p, lines[i] ?? raw.begin));
  return { component, propertyLines, ...(broken !== undefined && { broken }) };
}

const eventField = (event: string | undefined): { event?: string } => (event === undefined ? {} : { event });

function text(component: ICalComponent, name: string): string | undefined {
  try {
    const value = component.getFirstPropertyValue(name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}

// ---- Mode: online or in person --------------------------------------------------------------

const MEETING_HOSTS =
  /(?:^|\.)(?:zoom\.us|zoom\.com|teams\.microsoft\.com|teams\.live\.com|webex\.com|whereby\.com|meet\.jit\.si|gotomeeting\.com|skype\.com|bbb\.[a-z.]+)$|^(?:visio|meet|webconf|webinaire|conf)\./i;

function meetingUrl(value: string | undefined): string | undefined {
  if (value === undefined || !/^https?:\/\//i.test(value)) return undefined;
  try {
    return MEETING_HOSTS.test(new URL(value).hostname) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The event's mode and online link, from its data (see the module comment). */
function modeOf(
  component: ICalComponent,
  location: string | undefined,
  url: string | undefined,
): { mode: string; onlineUrl?: string } {
  const declared = text(component, 'x-proximite-mode');
  const conference =
    text(component, 'conference') ??
    text(component, 'x-google-conference') ??
    text(component, 'x-microsoft-skypeteamsmeetingurl') ??
    text(component, 'x-microsoft-onlinemeetingconflink');
  const locationLink = location !== undefined && /^https?:\/\/\S+$/i.test(location) ? location : undefined;
  const link = conference ?? locationLink ?? meetingUrl(url);
  if (declared !== undefined) {
    const onlineUrl = link ?? url;
    return { mode: declared, ...(declared !== 'in-person' && onlineUrl !== undefined && { onlineUrl }) };
  }
  if (link === undefined) return { mode: 'in-person' };
  const elsewhere =
    location !== undefined &&
    locationLink === undefined &&
    !/^(?:microsoft teams|google meet|zoom)\b/i.test(location);
  return { mode: elsewhere ? 'hybrid' : 'online', onlineUrl: link };
}

// ---- Events ---------------------------------------------------------------------------------

interface EventData {
  uid: string;
  component: ICalComponent;
  lines: Map<ICalProperty, number>;
  start: ICalTime;
  /** Duration in ms (date-times) or days (dates). */
  duration: number;
  zone: ZoneChoice;
}

interface Out {
  cafe: Cafe;
  startMs: number;
  endMs: number;
}

class FeedReader {
  readonly issues: ICalendarIssue[] = [];
  private readonly out: Out[] = [];
  private readonly from: number;
  private readonly to: number;
  private readonly max: number;

  constructor(private readonly options: ParseICalendarOptions) {
    this.from = toMs(options.from);
    this.to = toMs(options.to);
    this.max = options.maxOccurrences ?? 5000;
  }

  result(): ICalendarFeed {
    return {
      cafes: this.out
        .sort((a, b) => a.startMs - b.startMs || a.cafe.id.localeCompare(b.cafe.id))
        .map((e) => e.cafe),
      issues: this.issues,
    };
  }

  private skip(event: string | undefined, message: string, code = 'bad-value', line?: number): void {
    this.issues.push({
      severity: 'skipped',
      code,
      message,
      ...eventField(event),
      ...(line !== undefined && { line }),
    });
  }

  private warn(event: string | undefined, code: string, message: string, line?: number): void {
    this.issues.push({
      severity: 'warning',
      code,
      message,
      ...eventField(event),
      ...(line !== undefined && { line }),
    });
  }

  readCalendar(raw: RawComponent): void {
    const vtimezones = new Map<string, ICalTimezone>();
    for (const child of raw.children.filter((c) => c.name === 'vtimezone')) {
      const built = build(child, this.issues);
      const tzid = text(built.component, 'tzid');
      if (tzid !== undefined) vtimezones.set(tzid, new ICAL.Timezone({ component: built.component, tzid }));
    }
    const root = build({ ...raw, children: [] }, this.issues).component;
    const declared = text(root, 'x-wr-timezone');
    const defaultZone =
      this.options.timeZone ?? (declared !== undefined && isIanaZone(declared) ? declared : 'Europe/Paris');
    const zones = new Zones(vtimezones, defaultZone, this.options.windowsZones);
    const calendarName = text(root, 'x-wr-calname');
    const zoneIssues = new Set<string>();

    const masters = new Map<string, EventData>();
    const overrides = new Map<string, EventData[]>();
    let anonymous = 0;
    for (const child of raw.children.filter((c) => c.name === 'vevent')) {
      const uidLine = child.lines.find((l) => /^UID[;:]/i.test(l.text))?.text;
      const uid =
        uidLine?.slice(valueStart(uidLine) + 1).trim() || `event-${++anonymous}@line-${child.begin}`;
      const built = build(child, this.issues, uid);
      if (built.broken !== undefined) {
        this.skip(uid, built.broken, 'bad-line', child.begin);
        continue;
      }
      const data = this.eventData(uid, built, zones, zoneIssues);
      if (!data) continue;
      if (built.component.hasProperty('recurrence-id'))
        overrides.set(uid, [...(overrides.get(uid) ?? []), data]);
      else {
        const previous = masters.get(uid);
        // The same UID twice (an export of several versions): the higher SEQUENCE wins.
        if (!previous || sequenceOf(data.component) >= sequenceOf(previous.component)) masters.set(uid, data);
      }
    }
    const ctx = { zones, calendarName };
    for (const [uid, master] of masters) {
      const own = overrides.get(uid) ?? [];
      overrides.delete(uid);
      try {
        this.expand(master, own, ctx);
      } catch (error) {
        this.skip(uid, `its occurrences cannot be computed: ${(error as Error).message}`, 'bad-value');
      }
    }
    // Overrides whose master is not in the feed: each is an event of its own.
    for (const [uid, list] of overrides)
      for (const data of list) {
        const recurrence = this.recurrenceInstant(data, zones);
        const id = `${uid}@${compactUtc(recurrence)}`;
        const start = instantOf(data.start, data.zone.zone);
        this.keep(this.cafeOf(data, data.start, start, data.duration, id, ctx));
      }
  }

  /** The zone of every date property set; DTSTART, duration and zone checked. */
  private eventData(
    uid: string,
    built: BuiltComponent,
    zones: Zones,
    zoneIssues: Set<string>,
  ): EventData | undefined {
    const { component, propertyLines } = built;
    let zone: ZoneChoice | undefined;
    try {
      for (const property of component.getAllProperties()) {
        if (!DATE_PROPS.has(property.name)) continue;
        const tzid = property.getParameter('tzid');
        const choice = zones.resolve(typeof tzid === 'string' ? tzid : undefined);
        if (choice.issue && !zoneIssues.has(`${uid}\u0000${String(tzid)}`)) {
          zoneIssues.add(`${uid}\u0000${String(tzid)}`);
          this.issues.push({ ...choice.issue, event: uid, line: propertyLines.get(property) ?? 0 });
        }
        let values = property.getValues() as unknown[];
        if (property.name === 'rdate' && values.some((v) => v instanceof ICAL.Period)) {
          // RDATE;VALUE=PERIOD: the occurrences start at the periods' starts.
          values = values.map((v) => (v instanceof ICAL.Period ? v.start : v));
          property.setValues(values as ICalTime[]);
        }
        for (const value of values) {
          if (!(value instanceof ICAL.Time)) throw new Error(`${property.name.toUpperCase()} is not a date`);
          if (value.isDate || value.zone === ICAL.Timezone.utcTimezone) continue;
          value.zone = choice.zone;
        }
        if (property.name === 'dtstart') zone = choice;
      }
    } catch (error) {
      this.skip(
        uid,
        `a date cannot be read: ${(error as Error).message}`,
        'bad-value',
        propertyLines.get(component.getFirstProperty('dtstart')!),
      );
      return undefined;
    }
    const dtstart = component.getFirstPropertyValue('dtstart');
    if (!(dtstart instanceof ICAL.Time)) {
      this.skip(uid, 'it has no DTSTART', 'no-start');
      return undefined;
    }
    const start = dtstart;
    const choice = zone ?? zones.fallback;
    const dtend = component.getFirstPropertyValue('dtend');
    const durationValue = component.getFirstPropertyValue('duration');
    let duration: number;
    const startAt = instantOf(start, choice.zone).ms;
    if (dtend instanceof ICAL.Time) {
      duration = start.isDate
        ? Math.round(
            (Date.UTC(dtend.year, dtend.month - 1, dtend.day) -
              Date.UTC(start.year, start.month - 1, start.day)) /
              DAY,
          )
        : instantOf(dtend, choice.zone).ms - startAt;
    } else if (durationValue instanceof ICAL.Duration) {
      duration = start.isDate
        ? Math.max(1, Math.round(durationValue.toSeconds() / 86400))
        : durationValue.toSeconds() * 1000;
    } else duration = start.isDate ? 1 : 0;
    if (duration < 0) {
      const line = propertyLines.get(
        component.getFirstProperty('dtend') ?? component.getFirstProperty('duration')!,
      );
      if (component.hasProperty('recurrence-id')) {
        // Resolved in `expand`: the series' duration.
        duration = Number.NaN;
      } else {
        this.warn(
          uid,
          'end-before-start',
          `its end is before its start: read as ${start.isDate ? 'one day' : 'a zero-length event'}`,
          line,
        );
        duration = start.isDate ? 1 : 0;
      }
    }
    return { uid, component, lines: propertyLines, start, duration, zone: choice };
  }

  private recurrenceInstant(data: EventData, zones: Zones): number {
    const value = data.component.getFirstPropertyValue('recurrence-id') as ICalTime;
    return instantOf(value, (value.zone ?? zones.fallback.zone) as ICalTimezone).ms;
  }

  private expand(
    master: EventData,
    overrides: EventData[],
    ctx: { zones: Zones; calendarName: string | undefined },
  ): void {
    const { component, uid, zone } = master;
    const recurring = ['rrule', 'rdate'].some((p) => component.hasProperty(p));
    const byInstant = new Map<number, EventData>();
    const byDay = new Map<string, EventData>();
    // Google writes some RECURRENCE-IDs in another zone than the series, at the same wall time.
    const byWall = new Map<string, EventData>();
    const used = new Set<EventData>();
    for (const o of overrides) {
      const rid = o.component.getFirstPropertyValue('recurrence-id') as ICalTime;
      if (Number.isNaN(o.duration)) {
        o.duration = master.duration;
        this.warn(
          uid,
          'end-before-start',
          `the override of ${dayKey(rid)} ends before it starts: the series' duration is used`,
          o.lines.get(o.component.getFirstProperty('dtend')!),
        );
      }
      // An all-day series moved by Exchange carries a date-time RECURRENCE-ID: match it to the day.
      if (rid.isDate || master.start.isDate)
        byDay.set(dayKey(rid.isDate ? rid : localDay(rid, zone.zone)), o);
      else {
        byInstant.set(instantOf(rid, zone.zone).ms, o);
        byWall.set(wallKey(rid), o);
      }
    }
    const emit = (occurrence: ICalTime): void => {
      const at = instantOf(occurrence, zone.zone);
      const override = occurrence.isDate
        ? byDay.get(dayKey(occurrence))
        : (byInstant.get(at.ms) ?? byDay.get(dayKey(occurrence)) ?? byWall.get(wallKey(occurrence)));
      const id = recurring || override ? `${uid}@${compactUtc(at.ms)}` : uid;
      if (override && !used.has(override)) {
        used.add(override);
        const start = instantOf(override.start, override.zone.zone);
        this.keep(this.cafeOf(override, override.start, start, override.duration, id, ctx));
      } else this.keep(this.cafeOf(master, occurrence, at, master.duration, id, ctx));
    };
    if (!recurring) {
      emit(master.start);
      return;
    }
    if (component.getAllProperties('rrule').length > 1)
      this.warn(
        uid,
        'multiple-rrules',
        `it has ${component.getAllProperties('rrule').length} RRULEs (RFC 2445): their occurrences are added up`,
      );
    const horizon = this.to + 31 * DAY;
    for (const occurrence of this.occurrences(component, master.start, zone.zone, horizon)) emit(occurrence);
    // An override of no occurrence still says when the event takes place: it is kept, as itself.
    for (const o of overrides) {
      if (used.has(o)) continue;
      const start = instantOf(o.start, o.zone.zone);
      if (start.ms > horizon) continue;
      const rid = instantOf(o.component.getFirstPropertyValue('recurrence-id') as ICalTime, zone.zone).ms;
      const entry = this.cafeOf(o, o.start, start, o.duration, `${uid}@${compactUtc(rid)}`, ctx);
      if (entry.endMs > this.from && entry.startMs < this.to)
        this.warn(
          uid,
          'override-unmatched',
          `the override of ${dayKey(o.start)} matches no occurrence of the series: shown as it is`,
        );
      this.keep(entry);
    }
  }

  /**
   * The occurrences of a series up to `horizon`, in order, each once. Each RRULE is expanded on its
   * own and the results merged: ical.js's expansion of several rules stops when the first one ends.
   */
  private occurrences(
    component: ICalComponent,
    dtstart: ICalTime,
    zone: ICalTimezone,
    horizon: number,
  ): ICalTime[] {
    const rules = component.getAllProperties('rrule');
    const parts: ICalComponent[] = [];
    if (rules.length <= 1) parts.push(component);
    else
      rules.forEach((rule, i) => {
        const part = new ICAL.Component(JSON.parse(JSON.stringify(component.toJSON())) as unknown[]);
        part.removeAllProperties('rrule');
        part.addProperty(new ICAL.Property(rule.toJSON() as unknown[]));
        if (i > 0) part.removeAllProperties('rdate');
        // The zones set on this event's values (the JSON copy lost them).
        for (const name of ['exdate', 'rdate'])
          part.getAllProperties(name).forEach((p, j) => {
            const original = component.getAllProperties(name)[j];
            if (original) p.setValues(original.getValues() as ICalTime[]);
          });
        parts.push(part);
      });
    const seen = new Map<number, ICalTime>();
    for (const part of parts) {
      const expansion = new ICAL.RecurExpansion({ component: part, dtstart });
      for (let n = 0, next = expansion.next(); next && n < this.max; n++, next = expansion.next()) {
        const ms = instantOf(next, zone).ms;
        if (ms > horizon) break;
        if (!seen.has(ms)) seen.set(ms, next);
      }
    }
    return [...seen].sort(([a], [b]) => a - b).map(([, time]) => time);
  }

  private keep(entry: Out): void {
    if (entry.endMs > this.from && entry.startMs < this.to) this.out.push(entry);
    else if (entry.endMs === entry.startMs && entry.startMs >= this.from && entry.startMs < this.to)
      this.out.push(entry);
  }

  private cafeOf(
    data: EventData,
    start: ICalTime,
    at: { ms: number; offset: number },
    duration: number,
    id: string,
    ctx: { zones: Zones; calendarName: string | undefined },
  ): Out {
    const { component, zone } = data;
    const iana = zone.iana;
    let endMs: number;
    let endOffset: number;
    let startIso: string;
    if (start.isDate) {
      // All-day: midnight to midnight in the café's zone.
      const startOffset = wallOffset({ ...toWall(start), hour: 0, minute: 0, second: 0 }, iana);
      const startMs = Date.UTC(start.year, start.month - 1, start.day) - startOffset;
      const endWall = new Date(Date.UTC(start.year, start.month - 1, start.day + Math.max(1, duration)));
      endOffset = wallOffset(
        {
          year: endWall.getUTCFullYear(),
          month: endWall.getUTCMonth() + 1,
          day: endWall.getUTCDate(),
          hour: 0,
          minute: 0,
          second: 0,
        },
        iana,
      );
      endMs = endWall.getTime() - endOffset;
      at = { ms: startMs, offset: startOffset };
      startIso = isoWithOffset(startMs, startOffset);
    } else {
      // Shown in the café's IANA zone when it has one; at the feed's offset otherwise.
      // UTC times stay in UTC (`Z`), as the feed wrote them.
      const utc = start.zone === ICAL.Timezone.utcTimezone || zone.zone === ctx.zones.utc;
      const shown = (ms: number): number =>
        zone.zone instanceof FixedZone ? at.offset : utc ? 0 : zoneOffset(iana, ms);
      startIso = isoWithOffset(at.ms, shown(at.ms));
      endMs = at.ms + duration;
      endOffset = shown(endMs);
    }
    const location = text(component, 'location');
    const url = text(component, 'url');
    let geo: unknown;
    try {
      geo = component.getFirstPropertyValue('geo');
    } catch {
      geo = undefined;
    }
    const [lat, lon] = Array.isArray(geo) ? (geo as number[]) : [];
    const { mode, onlineUrl } = modeOf(component, location, url);
    const cn = component.getFirstProperty('organizer')?.getParameter('cn');
    const description = text(component, 'description');
    let updatedAt = new Date(at.ms).toISOString();
    try {
      const modified =
        component.getFirstPropertyValue('last-modified') ?? component.getFirstPropertyValue('dtstamp');
      if (modified instanceof ICAL.Time)
        updatedAt = new Date(instantOf(modified, ctx.zones.utc).ms).toISOString();
    } catch {
      // keep the start
    }
    const sequence = sequenceOf(component);
    const placeName = location !== undefined && !/^https?:\/\//i.test(location) ? location : undefined;
    const cafe: Cafe = {
      id,
      title: { fr: text(component, 'summary') ?? '' },
      ...(description !== undefined && { description: { fr: description } }),
      start: startIso,
      end: isoWithOffset(endMs, endOffset),
      timeZone: iana,
      allDay: start.isDate,
      place: {
        name: placeName?.split(',')[0]?.trim() ?? '',
        address: placeName ?? '',
        ...(typeof lat === 'number' &&
          typeof lon === 'number' &&
          Number.isFinite(lat) &&
          Number.isFinite(lon) && { lat, lon }),
      },
      districtId: text(component, 'x-proximite-district') ?? null,
      mode,
      ...(onlineUrl !== undefined && { onlineUrl }),
      organizer: { name: (typeof cn === 'string' ? cn : undefined) ?? ctx.calendarName ?? '' },
      languages: [],
      status: text(component, 'status')?.toUpperCase() === 'CANCELLED' ? 'cancelled' : 'scheduled',
      sequence,
      updatedAt,
      ...(url !== undefined && { url }),
    };
    return { cafe, startMs: at.ms, endMs };
  }
}

function sequenceOf(component: ICalComponent): number {
  try {
    const sequence = Number(component.getFirstPropertyValue('sequence') ?? 0);
    return Number.isInteger(sequence) && sequence >= 0 ? sequence : 0;
  } catch {
    return 0;
  }
}

/** The wall-clock day of a date-time in its own zone (UTC times: in `zone`). */
function localDay(time: ICalTime, zone: ICalTimezone): { year: number; month: number; day: number } {
  if (time.zone !== ICAL.Timezone.utcTimezone) return time;
  const { ms } = instantOf(time, zone);
  const probe = ICAL.Time.fromJSDate(new Date(ms), true);
  const offset = zone === ICAL.Timezone.utcTimezone ? 0 : zone.utcOffset(probe) * 1000;
  const local = new Date(ms + offset);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/**
 * Reads an iCalendar text into the cafés overlapping the window [`from`, `to`), soonest first, and
 * the issues met on the way (see the module comment). Recurring events become one café per
 * occurrence, with id `UID@YYYYMMDDTHHMMSSZ` (the UTC instant of the occurrence); a single event's
 * id is its UID. Throws `TypeError` only when the text is not an iCalendar text at all.
 */
export function readICalendar(source: string, options: ParseICalendarOptions): ICalendarFeed {
  const reader = new FeedReader(options);
  const roots = components(contentLines(source)).filter((c) => c.name === 'vcalendar');
  if (roots.length === 0) {
    const start = source
      .replace(/^\uFEFF/, '')
      .trimStart()
      .slice(0, 40);
    throw new TypeError(
      `parseICalendar: not an iCalendar text (no BEGIN:VCALENDAR; it starts with "${start}")`,
    );
  }
  for (const root of roots) reader.readCalendar(root);
  return reader.result();
}

/** The cafés of {@link readICalendar}, without its issues. */
export function parseICalendar(source: string, options: ParseICalendarOptions): Cafe[] {
  return readICalendar(source, options).cafes;
}

/**
 * Whether a feed names a time zone that is neither an IANA zone, nor UTC, nor defined by a
 * VTIMEZONE of the feed: then the Windows-zones table helps (load it only then).
 */
export function needsWindowsZones(source: string): boolean {
  const defined = new Set(
    [...source.matchAll(/^TZID:(.*?)\r?$/gm)].map((m) => (m[1] ?? '').replace(/\\,/g, ',').trim()),
  );
  for (const m of source.matchAll(/;TZID=("[^"]*"|[^:;]*)/gi)) {
    // (Outlook may write the value inside the quotes: `TZID="Zone:20200609T090000"`.)
    const tzid = (m[1] ?? '')
      .replace(/^"|"$/g, '')
      .replace(/:\d{8}(?:T\d{6}Z?)?$/, '')
      .trim();
    if (!defined.has(tzid) && !isIanaZone(tzid) && !/^(?:UTC|GMT|Z)$/i.test(tzid)) return true;
  }
  return false;
}
