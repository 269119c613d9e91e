/**
 * The iCalendar adapter: recurrences (RRULE with COUNT/UNTIL, RDATE), exceptions (EXDATE,
 * RECURRENCE-ID overrides that move or cancel an occurrence), several time zones (IANA TZIDs across
 * DST, UTC, floating times, an Outlook zone defined only by its VTIMEZONE), all-day and cancelled
 * events, the window, and the client over an HTTP feed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Cafe } from '@proximite/contract';
import { NotFoundError, ResponseValidationError, UnsupportedOperationError } from '@proximite/sdk';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createICalClient, parseICalendar } from '@proximite/sdk/adapters/ical.js';
import { startFixture, type Fixture } from './helpers.js';

const feeds = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'contract', 'test', 'feeds');

const calendar = (...events: string[]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//FR',
    'X-WR-CALNAME:Police municipale d’Amiens',
    ...events,
    'END:VCALENDAR',
  ].join('\n');

const WEEKLY = `BEGIN:VEVENT
UID:cafe-weekly@amiens.fr
DTSTAMP:20260301T090000Z
LAST-MODIFIED:20260310T090000Z
SEQUENCE:2
DTSTART;TZID=Europe/Paris:20260315T173000
DTEND;TZID=Europe/Paris:20260315T190000
RRULE:FREQ=WEEKLY;COUNT=6
EXDATE;TZID=Europe/Paris:20260405T173000
SUMMARY:Un café avec un policier
DESCRIPTION:Venez échanger\\, sans rendez-vous.
LOCATION:Café Le Saint-Leu\\, 12 rue Saint-Leu\\, Amiens
GEO:49.8953;2.3003
ORGANIZER;CN=Police municipale:mailto:pm@amiens.fr
X-PROXIMITE-DISTRICT:saint-leu
END:VEVENT
BEGIN:VEVENT
UID:cafe-weekly@amiens.fr
DTSTAMP:20260301T090000Z
RECURRENCE-ID;TZID=Europe/Paris:20260412T173000
DTSTART;TZID=Europe/Paris:20260412T180000
DTEND;TZID=Europe/Paris:20260412T193000
SUMMARY:Un café avec un policier (déplacé)
LOCATION:Bar du Quai\\, quai Bélu\\, Amiens
X-PROXIMITE-DISTRICT:saint-leu
END:VEVENT
BEGIN:VEVENT
UID:cafe-weekly@amiens.fr
DTSTAMP:20260301T090000Z
RECURRENCE-ID;TZID=Europe/Paris:20260419T173000
DTSTART;TZID=Europe/Paris:20260419T173000
DTEND;TZID=Europe/Paris:20260419T190000
SUMMARY:Un café avec un policier
STATUS:CANCELLED
X-PROXIMITE-DISTRICT:saint-leu
END:VEVENT`;

const parse = (text: string, from = '2026-03-01T00:00:00Z', to = '2026-06-01T00:00:00Z') =>
  parseICalendar(text.replace(/\n/g, '\r\n'), { from, to });

describe('parseICalendar', () => {
  it('expands a weekly rule across DST, skips the EXDATE, applies moved and cancelled overrides', () => {
    const cafes = parse(calendar(WEEKLY));
    assert.deepEqual(
      cafes.map((c) => [c.start, c.end, c.status]),
      [
        ['2026-03-15T17:30:00+01:00', '2026-03-15T19:00:00+01:00', 'scheduled'],
        ['2026-03-22T17:30:00+01:00', '2026-03-22T19:00:00+01:00', 'scheduled'],
        ['2026-03-29T17:30:00+02:00', '2026-03-29T19:00:00+02:00', 'scheduled'], // summer time from 29 March
        // 5 April: EXDATE
        ['2026-04-12T18:00:00+02:00', '2026-04-12T19:30:00+02:00', 'scheduled'], // moved
        ['2026-04-19T17:30:00+02:00', '2026-04-19T19:00:00+02:00', 'cancelled'], // kept, as cancelled
      ],
    );
    const [first, , , moved] = cafes;
    assert.equal(first?.id, 'cafe-weekly@amiens.fr@20260315T163000Z');
    assert.equal(moved?.id, 'cafe-weekly@amiens.fr@20260412T153000Z', 'an override keeps its occurrence id');
    assert.equal(moved?.title.fr, 'Un café avec un policier (déplacé)');
    assert.equal(moved?.place.name, 'Bar du Quai');
    assert.equal(first?.place.name, 'Café Le Saint-Leu');
    assert.equal(first?.place.address, 'Café Le Saint-Leu, 12 rue Saint-Leu, Amiens');
    assert.equal(first?.place.lat, 49.8953);
    assert.equal(first?.description?.fr, 'Venez échanger, sans rendez-vous.');
    assert.equal(first?.organizer.name, 'Police municipale');
    assert.equal(first?.districtId, 'saint-leu');
    assert.equal(first?.timeZone, 'Europe/Paris');
    assert.equal(first?.sequence, 2);
    assert.equal(first?.updatedAt, '2026-03-10T09:00:00.000Z');
    for (const cafe of cafes) assert.equal(Cafe.safeParse(cafe).success, true, 'each is a contract Cafe');
  });

  it('keeps only occurrences overlapping the window', () => {
    const cafes = parse(calendar(WEEKLY), '2026-03-22T18:00:00+01:00', '2026-04-13T00:00:00Z');
    assert.deepEqual(
      cafes.map((c) => c.start.slice(0, 10)),
      ['2026-03-22', '2026-03-29', '2026-04-12'],
    );
  });

  it('several time zones: New York, UTC, floating, an Outlook zone from its VTIMEZONE', () => {
    const text = calendar(
      `BEGIN:VTIMEZONE
TZID:Romance Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE`,
      `BEGIN:VEVENT
UID:ny
DTSTART;TZID=America/New_York:20260310T100000
DURATION:PT1H30M
SUMMARY:New York (EDT from 8 March)
END:VEVENT`,
      `BEGIN:VEVENT
UID:utc
DTSTART:20260501T100000Z
DTEND:20260501T110000Z
SUMMARY:En visio
URL:https://visio.example.fr/cafe
END:VEVENT`,
      `BEGIN:VEVENT
UID:floating
DTSTART:20260701T180000
DTEND:20260701T190000
SUMMARY:Heure flottante
LOCATION:Mairie
END:VEVENT`,
      `BEGIN:VEVENT
UID:outlook
DTSTART;TZID=Romance Standard Time:20260115T090000
DTEND;TZID=Romance Standard Time:20260115T100000
SUMMARY:Outlook hiver
END:VEVENT`,
      `BEGIN:VEVENT
UID:outlook-summer
DTSTART;TZID=Romance Standard Time:20260615T090000
DTEND;TZID=Romance Standard Time:20260615T100000
SUMMARY:Outlook été
END:VEVENT`,
    );
    const byId = new Map(parse(text, '2026-01-01', '2026-12-31').map((c) => [c.id, c]));
    assert.equal(byId.get('ny')?.start, '2026-03-10T10:00:00-04:00');
    assert.equal(byId.get('ny')?.end, '2026-03-10T11:30:00-04:00');
    assert.equal(byId.get('ny')?.timeZone, 'America/New_York');
    assert.equal(byId.get('utc')?.start, '2026-05-01T10:00:00Z');
    assert.equal(byId.get('utc')?.mode, 'online', 'a URL and no LOCATION: online');
    assert.equal(byId.get('utc')?.onlineUrl, 'https://visio.example.fr/cafe');
    assert.equal(
      byId.get('floating')?.start,
      '2026-07-01T18:00:00+02:00',
      'floating: the feed’s default zone',
    );
    assert.equal(byId.get('outlook')?.start, '2026-01-15T09:00:00+01:00');
    assert.equal(byId.get('outlook-summer')?.start, '2026-06-15T09:00:00+02:00');
    assert.equal(
      Date.parse(byId.get('ny')!.start),
      Date.UTC(2026, 2, 10, 14, 0),
      'the instant is right, not only the text',
    );
  });

  it('all-day events, UNTIL and RDATE, an override whose master is absent, a cancelled single event', () => {
    const text = calendar(
      `BEGIN:VEVENT
UID:fete
DTSTART;VALUE=DATE:20260621
SUMMARY:Fête de quartier
END:VEVENT`,
      `BEGIN:VEVENT
UID:monthly
DTSTART;TZID=Europe/Paris:20260105T180000
DTEND;TZID=Europe/Paris:20260105T190000
RRULE:FREQ=MONTHLY;BYDAY=1MO;UNTIL=20260401T000000Z
RDATE;TZID=Europe/Paris:20260420T180000
SUMMARY:Réunion mensuelle
END:VEVENT`,
      `BEGIN:VEVENT
UID:orphan
RECURRENCE-ID;TZID=Europe/Paris:20260510T100000
DTSTART;TZID=Europe/Paris:20260510T110000
DTEND;TZID=Europe/Paris:20260510T120000
SUMMARY:Seule exception
END:VEVENT`,
      `BEGIN:VEVENT
UID:annule
DTSTART;TZID=Europe/Paris:20260520T180000
DTEND;TZID=Europe/Paris:20260520T190000
STATUS:CANCELLED
SUMMARY:Annulé
END:VEVENT`,
    );
    const cafes = parse(text, '2026-01-01', '2026-12-31');
    const fete = cafes.find((c) => c.id === 'fete');
    assert.equal(fete?.allDay, true);
    assert.equal(fete?.start, '2026-06-21T00:00:00+02:00');
    assert.equal(fete?.end, '2026-06-22T00:00:00+02:00');
    assert.deepEqual(
      cafes.filter((c) => c.id.startsWith('monthly@')).map((c) => c.start.slice(0, 10)),
      ['2026-01-05', '2026-02-02', '2026-03-02', '2026-04-20'],
    );
    assert.equal(cafes.find((c) => c.id.startsWith('orphan@'))?.start, '2026-05-10T11:00:00+02:00');
    assert.equal(cafes.find((c) => c.id === 'annule')?.status, 'cancelled');
    assert.deepEqual(
      cafes.map((c) => c.start),
      [...cafes.map((c) => c.start)].sort((a, b) => Date.parse(a) - Date.parse(b)),
      'soonest first',
    );
  });

  it('an unbounded daily rule is cut at the window; bad input is a TypeError', () => {
    const daily = calendar(`BEGIN:VEVENT
UID:daily
DTSTART;TZID=Europe/Paris:20200101T080000
DTEND;TZID=Europe/Paris:20200101T081500
RRULE:FREQ=DAILY
SUMMARY:Tous les jours
END:VEVENT`);
    assert.equal(parse(daily, '2026-05-01T00:00:00+02:00', '2026-05-08T00:00:00+02:00').length, 7);
    assert.throws(() => parseICalendar('not a calendar', { from: 0, to: 1 }), TypeError);
    assert.throws(() => parseICalendar(daily, { from: 'nope', to: 1 }), TypeError);
  });
});

describe('createICalClient', () => {
  let fx: Fixture;
  let body = calendar(WEEKLY);
  before(async () => {
    fx = await startFixture((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
      res.end(body.replace(/\n/g, '\r\n'));
    });
  });
  after(() => fx.close());

  it('lists, filters by district, pages, gets by id; webcal: is read as https:', async () => {
    const client = createICalClient({ url: `${fx.url}/cafes.ics` });
    const page = await client.cafes.list({ from: '2026-03-01', to: '2026-06-01', limit: 2 });
    assert.equal(page.items.length, 2);
    assert.equal(page.nextCursor, '2');
    const all: string[] = [];
    for await (const cafe of client.cafes.iterate({ from: '2026-03-01', to: '2026-06-01', limit: 2 }))
      all.push(cafe.id);
    assert.equal(all.length, 5);
    assert.equal(
      (await client.cafes.list({ from: '2026-03-01', to: '2026-06-01', district: 'centre' })).items.length,
      0,
    );
    assert.equal(fx.requests.length, 1, 'the feed is fetched once and reused');
    const moved = await client.cafes.get('cafe-weekly@amiens.fr@20260412T153000Z');
    assert.equal(moved.title.fr, 'Un café avec un policier (déplacé)');
    await assert.rejects(client.cafes.get('nope'), NotFoundError);
    assert.equal(client.cafes.icsUrl(), `${fx.url}/cafes.ics`);
    assert.equal(
      createICalClient({ url: `webcal://example.fr/cafes.ics` }).cafes.icsUrl(),
      'https://example.fr/cafes.ics',
    );
  });

  it('a partially broken Outlook feed: the readable cafés, and the issues on the page', async () => {
    body = readFileSync(join(feeds, 'bad-lines.ics'), 'utf8');
    const page = await createICalClient({ url: `${fx.url}/outlook.ics` }).cafes.list({
      from: '2026-06-01',
      to: '2026-07-01',
      limit: 3,
    });
    assert.equal(page.items.length, 3);
    assert.deepEqual(
      page.issues.filter((i) => i.severity === 'skipped').map((i) => i.event),
      ['broken-start'],
      'the issues of the whole window, not of this page',
    );
  });

  it('Windows zone names without a VTIMEZONE: the CLDR table loads for such a feed', async () => {
    body = readFileSync(join(feeds, 'windows-zones.ics'), 'utf8');
    const page = await createICalClient({ url: `${fx.url}/windows.ics` }).cafes.list({
      from: '2026-01-01',
      to: '2027-01-01',
    });
    const summer = page.items.find((c) => c.id === 'romance-summer');
    assert.equal(summer?.timeZone, 'Europe/Paris');
    assert.equal(summer?.start, '2026-06-15T09:00:00+02:00');
    assert.ok(page.issues.some((i) => i.event === 'romance-summer' && i.code === 'zone-windows'));
  });

  it('an unparseable feed is a ResponseValidationError; other resources are unsupported', async () => {
    body = '<html>not found</html>';
    const client = createICalClient({ url: `${fx.url}/broken.ics` });
    await assert.rejects(client.cafes.list(), ResponseValidationError);
    await assert.rejects(
      client.concerns.submit({ categoryCode: 'x', description: 'x', location: {} }),
      UnsupportedOperationError,
    );
    await assert.rejects(client.stats.get(), UnsupportedOperationError);
  });
});
