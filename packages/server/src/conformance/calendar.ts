/** iCalendar checks: RFC 5545 structure, a UID on every event, and parsing with ical.js (the SDK's adapter). */
import { parseICalendar } from '@proximite/contract/ical-feed.js';
import { fail } from './http.js';

const YEAR = 365 * 86_400_000;

interface EventLines {
  uid?: string;
  recurrenceId?: string;
  dtstart: boolean;
  dtstamp: boolean;
}

/**
 * Checks a calendar text; returns a short detail (`3 events`). `events: 'one'` requires exactly one
 * VEVENT (a single café's file).
 */
export function checkCalendar(text: string, options: { events?: 'one' | 'any'; now?: Date } = {}): string {
  if (!text.startsWith('BEGIN:VCALENDAR')) fail('the body does not start with BEGIN:VCALENDAR');
  if (/(?:^|[^\r])\n/.test(text)) fail('lines must end with CRLF (RFC 5545 §3.1); found a bare LF');
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  if (!lines.includes('VERSION:2.0')) fail('no VERSION:2.0 line');
  if (!lines.some((l) => /^PRODID[:;]/i.test(l))) fail('no PRODID line');
  if (!lines.includes('END:VCALENDAR')) fail('no END:VCALENDAR line');
  const events: EventLines[] = [];
  let current: EventLines | undefined;
  let depth = 0;
  for (const line of lines) {
    const upper = line.toUpperCase();
    if (upper === 'BEGIN:VEVENT') {
      current = { dtstart: false, dtstamp: false };
      depth = 0;
      continue;
    }
    if (current === undefined) continue;
    if (upper === 'END:VEVENT') {
      events.push(current);
      current = undefined;
      continue;
    }
    // Properties of nested components (VALARM) are not the event's.
    if (upper.startsWith('BEGIN:')) depth++;
    else if (upper.startsWith('END:')) depth--;
    if (depth > 0) continue;
    const name = /^[A-Za-z0-9-]+/.exec(line)?.[0]?.toUpperCase();
    const value = line.slice(line.indexOf(':') + 1);
    if (name === 'UID') current.uid = value;
    else if (name === 'RECURRENCE-ID') current.recurrenceId = value;
    else if (name === 'DTSTART') current.dtstart = true;
    else if (name === 'DTSTAMP') current.dtstamp = true;
  }
  const seen = new Set<string>();
  for (const [i, event] of events.entries()) {
    const which = event.uid === undefined ? `event #${i + 1}` : `event ${event.uid}`;
    if (event.uid === undefined || event.uid.trim() === '') fail(`${which} has no UID`);
    if (!event.dtstart) fail(`${which} has no DTSTART`);
    if (!event.dtstamp) fail(`${which} has no DTSTAMP`);
    const key = `${event.uid}|${event.recurrenceId ?? ''}`;
    if (seen.has(key)) fail(`UID ${event.uid} is used by two events`);
    seen.add(key);
  }
  if (options.events === 'one' && events.length !== 1)
    fail(`expected exactly one VEVENT, found ${events.length}`);
  const now = (options.now ?? new Date()).getTime();
  try {
    parseICalendar(text, { from: now - 2 * YEAR, to: now + 5 * YEAR });
  } catch (error) {
    fail(`ical.js cannot parse it: ${(error as Error).message}`);
  }
  return `${events.length} event${events.length === 1 ? '' : 's'}, each with a UID; parsed by ical.js`;
}
