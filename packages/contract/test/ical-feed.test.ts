/**
 * The iCalendar reader on feeds with the faults real calendars have (reduced from real exports:
 * see feeds/README.md), compared with the occurrences an independent reference gives
 * (feeds/expected.json says which reference, for each file).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CAFE_MODES, Cafe } from '@proximite/contract';
import {
  needsWindowsZones,
  parseICalendar,
  readICalendar,
  type ICalendarFeed,
} from '@proximite/contract/ical-feed.js';
import { windowsZones } from '@proximite/contract/windows-zones.js';

const here = dirname(fileURLToPath(import.meta.url));
const feed = (name: string): string => readFileSync(join(here, 'feeds', name), 'utf8');
type Row = [uid: string, start: string, end?: string | null, modeOrTitle?: string];
const expected = JSON.parse(readFileSync(join(here, 'feeds', 'expected.json'), 'utf8')) as Record<
  string,
  { source: string; events: Row[]; skipped?: string[]; warnings?: Record<string, string> }
>;
const WINDOW = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };

const read = (name: string): ICalendarFeed => readICalendar(feed(name), { ...WINDOW, windowsZones });
const uidOf = (cafe: Cafe): string => cafe.id.replace(/@\d{8}T\d{6}Z$/, '');

/** Every expected occurrence is there (same instant or day, end, mode or title), and nothing else. */
function assertMatches(name: string, result: ICalendarFeed): void {
  const { events, source } = expected[name]!;
  const left = [...result.cafes];
  for (const [uid, start, end, extra] of events) {
    const at = left.findIndex(
      (c) =>
        uidOf(c) === uid &&
        (start.length === 10
          ? c.allDay && c.start.slice(0, 10) === start
          : Date.parse(c.start) === Date.parse(start)),
    );
    assert.ok(
      at >= 0,
      `${name}: ${uid} at ${start} (${source}); got ${result.cafes.map((c) => `${uidOf(c)} ${c.start}`).join(', ')}`,
    );
    const [cafe] = left.splice(at, 1) as [Cafe];
    if (end) assert.equal(Date.parse(cafe.end), Date.parse(end), `${name}: end of ${uid} at ${start}`);
    if (extra !== undefined)
      assert.equal(
        (CAFE_MODES as readonly string[]).includes(extra) ? cafe.mode : cafe.title.fr,
        extra,
        `${name}: ${uid} at ${start}`,
      );
    assert.equal(Cafe.safeParse(cafe).success, true, `${name}: ${cafe.id} is a contract Cafe`);
  }
  assert.deepEqual(
    left.map((c) => `${c.id} ${c.start}`),
    [],
    `${name}: no occurrence beyond the reference's`,
  );
}

describe('readICalendar on real-world faults', () => {
  it('Windows and Outlook zone names without a VTIMEZONE: CLDR names, display names, offsets; each warned', () => {
    const result = read('windows-zones.ics');
    assertMatches('windows-zones.ics', result);
    const byId = new Map(result.cafes.map((c) => [c.id, c]));
    assert.equal(byId.get('romance-summer')?.timeZone, 'Europe/Paris');
    assert.equal(byId.get('romance-summer')?.start, '2026-06-15T09:00:00+02:00');
    assert.equal(byId.get('w-europe')?.timeZone, 'Europe/Berlin');
    assert.equal(byId.get('eastern-display')?.start, '2026-10-28T13:30:00-05:00', 'the offset of the prefix');
    for (const [event, code] of Object.entries(expected['windows-zones.ics']!.warnings!))
      assert.ok(
        result.issues.some((i) => i.event === event && i.code === code && i.severity === 'warning'),
        `${event}: a ${code} warning (never a silent guess)`,
      );
    // Without the table, a Windows name is not guessed silently either.
    const bare = readICalendar(feed('windows-zones.ics'), WINDOW);
    assert.ok(bare.issues.some((i) => i.event === 'romance-winter' && i.code === 'zone-unknown'));
  });

  it('one bad line or value never loses the feed: repaired when the intent is clear, else the event is skipped with its reason', () => {
    const result = read('bad-lines.ics');
    assertMatches('bad-lines.ics', result);
    const skipped = result.issues.filter((i) => i.severity === 'skipped');
    assert.deepEqual(
      skipped.map((i) => i.event),
      expected['bad-lines.ics']!.skipped,
    );
    assert.match(skipped[0]!.message, /date cannot be read/);
    assert.equal(skipped[0]!.line, 48, 'the line of the unreadable DTSTART');
    const repaired = result.issues.filter((i) => i.code === 'repaired').map((i) => [i.event, i.line]);
    assert.deepEqual(repaired, [
      ['outlook-quoted-value', 21],
      ['outlook-quoted-value', 22],
      ['exchange-byday-spaces', 29],
      ['google-date-exdate', 37],
      ['date-without-value-date', 42],
      ['date-without-value-date', 43],
    ]);
    assert.ok(
      result.issues.some(
        (i) => i.event === 'broken-attendee' && i.code === 'bad-line' && i.severity === 'warning',
      ),
      'an unreadable line of no consequence is dropped, with a warning',
    );
  });

  it('a UTF-8 byte-order mark is not a fault (parseICalendar and readICalendar)', () => {
    const text = feed('bad-lines.ics');
    assert.equal(text.charCodeAt(0), 0xfeff, 'the fixture starts with a BOM');
    assert.equal(parseICalendar(text, WINDOW).length, 10);
    assert.equal(parseICalendar(`\uFEFF${feed('online.ics')}`, WINDOW).length, 6);
  });

  it('an all-day series moved by Exchange with a date-time RECURRENCE-ID: matched to the day', () => {
    const result = read('allday-moved.ics');
    assertMatches('allday-moved.ics', result);
    const moved = result.cafes.find((c) => c.title.fr === 'Permanence (déplacée)');
    assert.equal(
      moved?.id,
      'exchange-allday@20260225T230000Z',
      'the moved occurrence keeps its id (26 February)',
    );
    assert.ok(!result.cafes.some((c) => c.start.startsWith('2026-02-26')), 'nothing left on 26 February');
  });

  it('a feed’s VTIMEZONE and the IANA zone of the same name are never mixed: nothing after UNTIL, nothing lost before it', () => {
    const result = read('stale-vtimezone.ics');
    assertMatches('stale-vtimezone.ics', result);
    for (const cafe of result.cafes.filter((c) => uidOf(c) === 'after-until'))
      assert.ok(Date.parse(cafe.start) <= Date.parse('2026-10-26T16:30:00Z'), `${cafe.start} is after UNTIL`);
  });

  it('several RRULEs add up; an override whose end precedes its start keeps the series’ duration', () => {
    const result = read('recurrences.ics');
    assertMatches('recurrences.ics', result);
    assert.ok(result.issues.some((i) => i.event === 'override-ends-early' && i.code === 'end-before-start'));
  });

  it('a URL without LOCATION is the event’s page, not an online café, unless the data says it is online', () => {
    const result = read('online.ics');
    assertMatches('online.ics', result);
    const byId = new Map(result.cafes.map((c) => [c.id, c]));
    assert.equal(byId.get('web-page')?.url, 'https://www.amiens.fr/agenda/cafe-saint-leu');
    assert.equal(byId.get('web-page')?.onlineUrl, undefined);
    assert.equal(byId.get('conference')?.onlineUrl, 'https://meet.google.com/abc-defg-hij');
    assert.equal(byId.get('conference')?.url, 'https://www.amiens.fr/agenda/cafe-en-ligne');
    assert.equal(byId.get('teams-and-place')?.place.name, 'Maison de quartier Saint-Leu');
    assert.equal(byId.get('location-link')?.place.name, '', 'a link is not a place');
  });

  it('only text that is not iCalendar at all is an error', () => {
    assert.throws(() => readICalendar('<html>Agenda</html>', WINDOW), /not an iCalendar text/);
    assert.deepEqual(readICalendar('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', WINDOW), {
      cafes: [],
      issues: [],
    });
  });
});

describe('the Windows-zones table', () => {
  it('is loaded only for feeds that need it', () => {
    assert.equal(needsWindowsZones(feed('windows-zones.ics')), true);
    assert.equal(needsWindowsZones(feed('stale-vtimezone.ics')), false, 'IANA names');
    assert.equal(needsWindowsZones(feed('bad-lines.ics')), false, 'Windows names defined by a VTIMEZONE');
    assert.equal(needsWindowsZones(feed('allday-moved.ics')), true);
  });

  it('is CLDR’s windowsZones, as installed (regenerate with packages/contract/scripts/windows-zones.ts)', async () => {
    const { windowsZonesSource } = await import('../scripts/windows-zones.js');
    assert.equal(readFileSync(join(here, '..', 'src', 'windows-zones.ts'), 'utf8'), windowsZonesSource());
    assert.equal(windowsZones['Romance Standard Time'], 'Europe/Paris');
  });
});
