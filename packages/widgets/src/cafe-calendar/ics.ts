/**
 * A small RFC 5545 serializer for ONE café, used when the data comes from a static file and no
 * server can produce the `.ics` (with the reference API, the widget links to `/v1/cafes/{id}.ics`).
 * Pure: no DOM. Times are written in UTC (`…Z`), which every calendar app reads without a
 * VTIMEZONE; all-day events use `VALUE=DATE` with an exclusive DTEND, as RFC 5545 says.
 */
import type { Cafe } from '@proximite/contract';
import { addDays, cafeSpan, eventDetails, locationText, pickText } from './agenda.js';

export { icsFileName } from './agenda.js';

/** The product identifier written in PRODID. */
export const ICS_PRODID = '-//Proximite//Cafe calendar//FR';

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; continuation lines start with a space, leaving 74.
    const max = out.length === 0 ? 75 : 74;
    if (bytes + size > max) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utcStamp = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

/**
 * The UID of a café in calendar apps: its id when it already looks like a UID (`…@…`, e.g. from an
 * iCalendar feed), else `<id>@proximite`. Stable, so re-importing updates instead of duplicating.
 */
export function cafeUid(cafe: Pick<Cafe, 'id'>): string {
  return cafe.id.includes('@') ? cafe.id : `${cafe.id}@proximite`;
}

/** A VCALENDAR holding one VEVENT for the café, lines joined with CRLF and folded. */
export function cafeToIcs(cafe: Cafe, lang: string): string {
  const { first, last } = cafeSpan(cafe);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(cafeUid(cafe))}`,
    `DTSTAMP:${utcStamp(cafe.updatedAt)}`,
    `LAST-MODIFIED:${utcStamp(cafe.updatedAt)}`,
    `SEQUENCE:${Math.max(0, Math.trunc(cafe.sequence))}`,
    ...(cafe.allDay
      ? [
          `DTSTART;VALUE=DATE:${first.replace(/-/g, '')}`,
          `DTEND;VALUE=DATE:${addDays(last, 1).replace(/-/g, '')}`,
        ]
      : [`DTSTART:${utcStamp(cafe.start)}`, `DTEND:${utcStamp(cafe.end)}`]),
    `SUMMARY;LANGUAGE=${lang}:${escapeText(pickText(cafe.title, lang))}`,
    `LOCATION:${escapeText(locationText(cafe.place))}`,
  ];
  const details = eventDetails(cafe, lang);
  if (details) lines.push(`DESCRIPTION;LANGUAGE=${lang}:${escapeText(details)}`);
  const { lat, lon } = cafe.place;
  if (typeof lat === 'number' && typeof lon === 'number') lines.push(`GEO:${lat};${lon}`);
  if (cafe.url) lines.push(`URL:${cafe.url}`);
  lines.push(`STATUS:${cafe.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`);
  lines.push('TRANSP:OPAQUE', 'END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
