/**
 * A small RFC 5545 serializer for ONE café, used when the data comes from a static file and no
 * server can produce the `.ics` (with the reference API, the widget links to `/v1/cafes/{id}.ics`).
 * Pure: no DOM. Times are written in UTC (`…Z`), which every calendar app reads without a
 * VTIMEZONE; all-day events use `VALUE=DATE` with an exclusive DTEND, as RFC 5545 says.
 */
import type { Cafe } from '@proximite/contract';
import { escapeText, foldLine, utcStamp } from '@proximite/contract/ical.js';
import { addDays, cafeSpan, eventDetails, locationText, pickText } from './agenda.js';

export { escapeText, foldLine };

export { icsFileName } from './agenda.js';

/** The product identifier written in PRODID. */
export const ICS_PRODID = '-//Proximite//Cafe calendar//FR';

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
