/**
 * A small RFC 5545 writer for cafés: CRLF line ends, lines folded at 75 octets (never inside a
 * UTF-8 sequence), TEXT escaping, stable UIDs, SEQUENCE, STATUS:CANCELLED, local times with
 * TZID=Europe/Paris and its VTIMEZONE (other zones are written in UTC).
 */
import type { Cafe, LocalizedText } from '@proximite/contract';
import type { CancelledOccurrence } from './store/content.js';
import { escapeText, foldLine, utcStamp } from '@proximite/contract/ical.js';
import { zonedParts, zonedToDate } from './util.js';

export { escapeText, foldLine, utcStamp };

export const PRODID = '-//Proximite//Proximite reference server//FR';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function localStamp(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

function dateStamp(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}`;
}

/** The zones this writer has a VTIMEZONE for. */
const VTIMEZONES: Record<string, string[]> = {
  'Europe/Paris': [
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Paris',
    'X-LIC-LOCATION:Europe/Paris',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ],
};

export interface CalendarOptions {
  /** Domain of the UIDs: `<id>@<domain>`. */
  domain: string;
  /** Calendar name (X-WR-CALNAME). */
  name: string;
  lang: 'fr' | 'en';
  /** Public page of a café when it has no `url` (the page with the café calendar). */
  eventUrl?: (cafe: Cafe) => string | undefined;
}

function text(t: LocalizedText | undefined, lang: 'fr' | 'en'): string | undefined {
  if (t === undefined) return undefined;
  return (lang === 'en' ? t.en : undefined) ?? t.fr;
}

/** What the writer reads of a café: a series also brings its EXDATE keys and cancelled occurrences. */
export type CalendarCafe = Cafe & {
  createdAt?: string;
  exdateKeys?: string[];
  cancelledOccurrences?: CancelledOccurrence[];
};

/** An occurrence key (`YYYYMMDDTHHMM`, local) as an iCalendar DATE-TIME in the zone, or in UTC. */
function keyStamp(key: string, tz: string | undefined, instant: Date): string {
  return tz !== undefined ? `;TZID=${tz}:${key}00` : `:${utcStamp(instant)}`;
}

/**
 * A repeating café is ONE VEVENT (RFC 5545 §3.8.5.3 RRULE, §3.8.5.1 EXDATE for the days left out);
 * an occurrence cancelled after publication is an override of the same UID (§3.8.4.4 RECURRENCE-ID)
 * with STATUS:CANCELLED (§3.8.1.11) rather than an EXDATE: calendar apps and readers then show it
 * as cancelled, with its reason, instead of making it vanish.
 */
function seriesLines(cafe: CalendarCafe, tz: string | undefined): string[] {
  const series = cafe.series;
  if (series === undefined || series.occurrence !== undefined) return [];
  const lines = [`RRULE:${series.rrule}`];
  const zone = tz ?? 'UTC';
  for (const key of cafe.exdateKeys ?? []) {
    const instant = zonedKeyToDate(key, zone);
    lines.push(`EXDATE${keyStamp(key, tz, instant)}`);
  }
  return lines;
}

function zonedKeyToDate(key: string, zone: string): Date {
  return zonedToDate(
    zone,
    Number(key.slice(0, 4)),
    Number(key.slice(4, 6)),
    Number(key.slice(6, 8)),
    Number(key.slice(9, 11)),
    Number(key.slice(11, 13)),
  );
}

/** The STATUS:CANCELLED overrides of a series' cancelled occurrences. */
function overrideEvents(cafe: CalendarCafe, options: CalendarOptions): string[][] {
  if (cafe.series === undefined || cafe.series.occurrence !== undefined) return [];
  const tz = VTIMEZONES[cafe.timeZone] !== undefined ? cafe.timeZone : undefined;
  return (cafe.cancelledOccurrences ?? []).map((o) => {
    const base = eventLines(
      {
        ...cafe,
        start: o.start,
        end: o.end,
        status: 'cancelled',
        series: undefined,
        ...(o.reason !== undefined && {
          description: {
            fr: [`Annulé : ${o.reason.fr}`, cafe.description?.fr].filter(Boolean).join('\n\n'),
            ...((o.reason.en ?? cafe.description?.en) !== undefined && {
              en: [o.reason.en !== undefined ? `Cancelled: ${o.reason.en}` : undefined, cafe.description?.en]
                .filter(Boolean)
                .join('\n\n'),
            }),
          },
        }),
      },
      options,
    );
    base.splice(2, 0, `RECURRENCE-ID${keyStamp(o.key, tz, new Date(o.start))}`);
    return base;
  });
}

function eventLines(cafe: CalendarCafe, options: CalendarOptions): string[] {
  const tz = VTIMEZONES[cafe.timeZone] !== undefined ? cafe.timeZone : undefined;
  const start = new Date(cafe.start);
  const end = new Date(cafe.end);
  const lines = ['BEGIN:VEVENT', `UID:${cafe.id}@${options.domain}`];
  const updated = new Date(cafe.updatedAt);
  lines.push(`DTSTAMP:${utcStamp(updated)}`);
  if (cafe.allDay) {
    const zone = tz ?? 'UTC';
    lines.push(`DTSTART;VALUE=DATE:${dateStamp(start, zone)}`);
    // DTEND of an all-day event is exclusive: the day after the last day.
    lines.push(`DTEND;VALUE=DATE:${dateStamp(new Date(end.getTime() + 86400_000), zone)}`);
  } else if (tz !== undefined) {
    lines.push(`DTSTART;TZID=${tz}:${localStamp(start, tz)}`);
    lines.push(`DTEND;TZID=${tz}:${localStamp(end, tz)}`);
  } else {
    lines.push(`DTSTART:${utcStamp(start)}`);
    lines.push(`DTEND:${utcStamp(end)}`);
  }
  lines.push(...seriesLines(cafe, tz));
  lines.push(`SEQUENCE:${cafe.sequence}`);
  lines.push(`STATUS:${cafe.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`);
  const summary = text(cafe.title, options.lang) ?? cafe.id;
  lines.push(
    `SUMMARY:${escapeText(cafe.status === 'cancelled' ? `${options.lang === 'en' ? 'Cancelled' : 'Annulé'} — ${summary}` : summary)}`,
  );
  const description = [
    text(cafe.description, options.lang),
    text(cafe.accessibility, options.lang) !== undefined
      ? `${options.lang === 'en' ? 'Accessibility' : 'Accessibilité'} : ${text(cafe.accessibility, options.lang) ?? ''}`
      : undefined,
    cafe.onlineUrl !== undefined
      ? `${options.lang === 'en' ? 'Online' : 'En ligne'} : ${cafe.onlineUrl}`
      : undefined,
    `${options.lang === 'en' ? 'Organised by' : 'Organisé par'} ${cafe.organizer.name}${cafe.organizer.role !== undefined ? ` (${cafe.organizer.role})` : ''}`,
  ].filter((s): s is string => s !== undefined && s !== '');
  lines.push(`DESCRIPTION:${escapeText(description.join('\n\n'))}`);
  const location =
    cafe.mode === 'online'
      ? (cafe.onlineUrl ?? cafe.place.name)
      : [cafe.place.name, cafe.place.address].filter((s, i, a) => s !== '' && a.indexOf(s) === i).join(', ');
  lines.push(`LOCATION:${escapeText(location)}`);
  if (cafe.place.lat !== undefined && cafe.place.lon !== undefined) {
    lines.push(`GEO:${cafe.place.lat.toFixed(6)};${cafe.place.lon.toFixed(6)}`);
  }
  const url = cafe.url ?? options.eventUrl?.(cafe);
  if (url !== undefined) lines.push(`URL:${url}`);
  if (cafe.createdAt !== undefined) lines.push(`CREATED:${utcStamp(new Date(cafe.createdAt))}`);
  lines.push(`LAST-MODIFIED:${utcStamp(updated)}`);
  lines.push('TRANSP:OPAQUE', 'CLASS:PUBLIC', 'END:VEVENT');
  return lines;
}

/** A VCALENDAR with the cafés, CRLF-terminated. */
export function buildCalendar(cafes: readonly CalendarCafe[], options: CalendarOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    'X-WR-TIMEZONE:Europe/Paris',
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  const zones = new Set(cafes.filter((c) => !c.allDay).map((c) => c.timeZone));
  for (const zone of zones) {
    const vtz = VTIMEZONES[zone];
    if (vtz !== undefined) lines.push(...vtz);
  }
  for (const cafe of cafes) {
    lines.push(...eventLines(cafe, options));
    for (const override of overrideEvents(cafe, options)) lines.push(...override);
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
