/**
 * Repeating meetings (issue 17): a series stored once with its RRULE and EXDATEs, listed as
 * occurrences in a window, written to iCalendar as one VEVENT (RFC 5545 §3.8.5), one occurrence
 * cancelled as a STATUS:CANCELLED override; duplicating a café; importing an .ics from the console.
 * On PGlite and PostgreSQL, over real HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Cafe, CafeImportResult, CafeInput, CafePage } from '@proximite/contract';
import { parseICalendar } from '@proximite/contract/ical-feed.js';
import { cafeInput } from '../../contract/test/fixtures.js';
import { createAdminToken } from '../src/store/tokens.js';
import { call, fakeClock, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

/** A watch group on the first Wednesday of each month at 17:30 (Paris), six times, not in December. */
const monthly: CafeInput = {
  ...cafeInput,
  kind: 'watch-group',
  title: { fr: 'Groupe de veille Saint-Leu', en: 'Saint-Leu watch group' },
  start: '2026-10-07T17:30:00+02:00',
  end: '2026-10-07T19:00:00+02:00',
  repeat: { rrule: 'FREQ=MONTHLY;BYDAY=1WE;COUNT=6', exceptions: ['2026-12-02'] },
};

const NOVEMBER = '20261104T1730';

for (const target of targets()) {
  describe(`repeating cafés, duplicate and console import (${target.name})`, () => {
    let s: TestServer;
    let token = '';
    const auth = () => ({ Authorization: `Bearer ${token}` });
    let series: Cafe;

    const list = async (query: string) => {
      const r = await call(s.url, `/v1/cafes?${query}`);
      assert.equal(r.status, 200, r.text);
      return r.json as CafePage;
    };
    const audit = async (target: string) =>
      (
        await s.db.query<{ action: string; actor: string }>(
          'SELECT action, actor FROM audit_log WHERE target = $1 ORDER BY seq',
          [target],
        )
      ).map((r) => `${r.action} ${r.actor}`);

    before(async () => {
      s = await startTestServer(target, { seed: true, clock: fakeClock(new Date('2026-09-01T08:00:00Z')) });
      token = (await createAdminToken(s.db, new Date(), { name: 'console', scopes: ['cafes:write'] })).token;
      const created = await call(s.url, '/v1/admin/cafes', jsonInit('POST', monthly, auth()));
      assert.equal(created.status, 201, created.text);
      series = created.json as Cafe;
    });
    after(() => s.close());

    test('a series is stored once, with its kind, rule and exceptions', () => {
      assert.equal(series.kind, 'watch-group');
      assert.deepEqual(series.series, {
        id: series.id,
        rrule: 'FREQ=MONTHLY;BYDAY=1WE;COUNT=6',
        exceptions: ['2026-12-02'],
      });
    });

    test('GET /v1/cafes lists its occurrences in the window, at 17:30 local across the DST change', async () => {
      const page = await list('from=2026-10-01&to=2027-03-31');
      const mine = page.items.filter((c) => c.series?.id === series.id);
      assert.deepEqual(
        mine.map((c) => c.start),
        [
          '2026-10-07T17:30:00+02:00',
          '2026-11-04T17:30:00+01:00',
          '2027-01-06T17:30:00+01:00',
          '2027-02-03T17:30:00+01:00',
          '2027-03-03T17:30:00+01:00',
        ],
      );
      assert.deepEqual(
        mine.map((c) => c.end.slice(11, 16)),
        ['19:00', '19:00', '19:00', '19:00', '19:00'],
      );
      assert.equal(mine[1]?.id, `${series.id}~${NOVEMBER}`);
      assert.equal(mine[1]?.series?.occurrence, '2026-11-04T17:30:00+01:00');
      // A narrower window holds only its occurrences.
      assert.deepEqual(
        (await list('from=2026-11-01&to=2026-11-30')).items.map((c) => c.id),
        [`${series.id}~${NOVEMBER}`],
      );
      // GET one occurrence; an instant that is not one (or an exception) is not found.
      assert.equal(
        ((await call(s.url, `/v1/cafes/${series.id}~${NOVEMBER}`)).json as Cafe).start,
        '2026-11-04T17:30:00+01:00',
      );
      assert.equal((await call(s.url, `/v1/cafes/${series.id}~20261105T1730`)).status, 404);
      assert.equal((await call(s.url, `/v1/cafes/${series.id}~20261202T1730`)).status, 404);
    });

    test('the console reads the same through /v1/admin/cafes, never cached', async () => {
      const r = await call(s.url, '/v1/admin/cafes?from=2026-11-01&to=2026-11-30', { headers: auth() });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.deepEqual(
        (r.json as CafePage).items.map((c) => c.id),
        [`${series.id}~${NOVEMBER}`],
      );
      const one = await call(s.url, `/v1/admin/cafes/${series.id}~${NOVEMBER}`, { headers: auth() });
      assert.equal((one.json as Cafe).series?.id, series.id);
      assert.equal((await call(s.url, `/v1/admin/cafes/nope`, { headers: auth() })).status, 404);
      assert.equal((await call(s.url, '/v1/admin/cafes')).status, 401);
    });

    test('a rule that does not fit is 422 problem+json', async () => {
      for (const [body, path] of [
        [{ ...monthly, start: '2026-10-08T17:30:00+02:00', end: '2026-10-08T19:00:00+02:00' }, 'start'],
        [{ ...monthly, repeat: { rrule: 'FREQ=YEARLY' } }, 'repeat.rrule'],
        [{ ...monthly, repeat: { rrule: 'FREQ=WEEKLY;UNTIL=20261231' } }, 'repeat.rrule'],
        [{ ...monthly, allDay: true }, 'repeat'],
      ] as const) {
        const r = await call(s.url, '/v1/admin/cafes', jsonInit('POST', body, auth()));
        assert.equal(r.status, 422, JSON.stringify(body));
        assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
        const errors = (r.json as { errors?: { path: string }[] }).errors ?? [];
        assert.ok(
          errors.some((e) => e.path === path),
          `${path} in ${JSON.stringify(errors)}`,
        );
      }
    });

    test('cancelling one occurrence: cancelled in the list, the rest scheduled, audited', async () => {
      const r = await call(
        s.url,
        `/v1/admin/cafes/${series.id}~${NOVEMBER}/cancel`,
        jsonInit('POST', { reason: { fr: 'Salle indisponible', en: 'Room unavailable' } }, auth()),
      );
      assert.equal(r.status, 200, r.text);
      const cancelled = r.json as Cafe;
      assert.equal(cancelled.status, 'cancelled');
      assert.deepEqual(cancelled.cancelReason, { fr: 'Salle indisponible', en: 'Room unavailable' });
      const mine = (await list('from=2026-10-01&to=2027-03-31')).items.filter(
        (c) => c.series?.id === series.id,
      );
      assert.deepEqual(
        mine.map((c) => c.status),
        ['scheduled', 'cancelled', 'scheduled', 'scheduled', 'scheduled'],
      );
      assert.match(mine[1]?.description?.fr ?? '', /^Annulé : Salle indisponible/);
      assert.equal(
        (await call(s.url, `/v1/admin/cafes/${series.id}~20261105T1730/cancel`, jsonInit('POST', {}, auth())))
          .status,
        404,
      );
      assert.equal((await audit(`cafe:${series.id}~${NOVEMBER}`)).length, 1);
      assert.match((await audit(`cafe:${series.id}~${NOVEMBER}`))[0] ?? '', /^cafe\.cancel token:/);
    });

    test('the iCalendar feed has ONE VEVENT with RRULE and EXDATE, and a cancelled override', async () => {
      const feed = await call(s.url, '/v1/cafes.ics');
      assert.equal(feed.status, 200);
      const text = feed.text.replace(/\r\n[ \t]/g, '');
      const uid = `UID:${series.id}@`;
      const events = text
        .split('BEGIN:VEVENT')
        .slice(1)
        .filter((e) => e.includes(uid));
      assert.equal(events.length, 2, 'the series and its one override');
      const master = events.find((e) => !e.includes('RECURRENCE-ID')) ?? '';
      assert.match(master, /\r\nRRULE:FREQ=MONTHLY;BYDAY=1WE;COUNT=6\r\n/);
      assert.match(master, /\r\nEXDATE;TZID=Europe\/Paris:20261202T173000\r\n/);
      assert.match(master, /\r\nDTSTART;TZID=Europe\/Paris:20261007T173000\r\n/);
      assert.match(master, /\r\nSTATUS:CONFIRMED\r\n/);
      const override = events.find((e) => e.includes('RECURRENCE-ID')) ?? '';
      assert.match(override, /\r\nRECURRENCE-ID;TZID=Europe\/Paris:20261104T173000\r\n/);
      assert.match(override, /\r\nSTATUS:CANCELLED\r\n/);
      assert.match(override, /Salle indisponible/);
      assert.doesNotMatch(override, /\r\nRRULE/);
      // Read back as a calendar app (and the calendar widget's .ics adapter) reads it.
      const read = parseICalendar(feed.text, { from: '2026-10-01', to: '2027-03-31' }).filter((c) =>
        c.id.startsWith(`${series.id}@`),
      );
      assert.deepEqual(
        read.map((c) => [c.start.slice(0, 10), c.status]),
        [
          ['2026-10-07', 'scheduled'],
          ['2026-11-04', 'cancelled'],
          ['2027-01-06', 'scheduled'],
          ['2027-02-03', 'scheduled'],
          ['2027-03-03', 'scheduled'],
        ],
      );
      // An occurrence's own .ics is its series'.
      const one = await call(s.url, `/v1/cafes/${series.id}~${NOVEMBER}.ics`);
      assert.equal(one.status, 200);
      assert.match(one.text, /RRULE:FREQ=MONTHLY;BYDAY=1WE;COUNT=6/);
    });

    test('editing the series keeps the cancelled occurrence cancelled', async () => {
      const r = await call(
        s.url,
        `/v1/admin/cafes/${series.id}`,
        jsonInit('PUT', { ...monthly, accessibility: { fr: 'Rampe d’accès' } }, auth()),
      );
      assert.equal(r.status, 200, r.text);
      const nov = (await call(s.url, `/v1/cafes/${series.id}~${NOVEMBER}`)).json as Cafe;
      assert.equal(nov.status, 'cancelled');
      assert.deepEqual(nov.accessibility, { fr: 'Rampe d’accès' });
    });

    test('paging merges single cafés and occurrences in (start, id) order', async () => {
      const single = await call(
        s.url,
        '/v1/admin/cafes',
        jsonInit(
          'POST',
          {
            ...cafeInput,
            title: { fr: 'Café du marché' },
            start: '2026-10-20T10:00:00+02:00',
            end: '2026-10-20T11:00:00+02:00',
          },
          auth(),
        ),
      );
      assert.equal(single.status, 201);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: CafePage = await list(
          `from=2026-10-01&to=2027-01-31&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
        );
        seen.push(
          ...page.items
            .filter((c) => c.series?.id === series.id || c.title.fr === 'Café du marché')
            .map((c) => c.start.slice(0, 10)),
        );
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(seen, ['2026-10-07', '2026-10-20', '2026-11-04', '2027-01-06']);
    });

    test('duplicate: a copy at a new start keeps the fields and the duration; a series keeps its rule', async () => {
      const single = (await list('from=2026-10-20&to=2026-10-20')).items.find(
        (c) => c.title.fr === 'Café du marché',
      ) as Cafe;
      const r = await call(
        s.url,
        `/v1/admin/cafes/${single.id}/duplicate`,
        jsonInit('POST', { start: '2026-11-17T10:00:00+01:00' }, auth()),
      );
      assert.equal(r.status, 201, r.text);
      const copy = r.json as Cafe;
      assert.notEqual(copy.id, single.id);
      assert.equal(r.headers.get('location'), `/v1/cafes/${copy.id}`);
      assert.equal(copy.start, '2026-11-17T10:00:00+01:00');
      assert.equal(copy.end, '2026-11-17T11:00:00+01:00');
      assert.deepEqual(copy.title, single.title);
      assert.equal(copy.status, 'scheduled');
      assert.match((await audit(`cafe:${copy.id}`))[0] ?? '', /^cafe\.create token:/);
      const seriesCopy = await call(
        s.url,
        `/v1/admin/cafes/${series.id}/duplicate`,
        jsonInit('POST', { start: '2027-04-07T17:30:00+02:00' }, auth()),
      );
      assert.equal(seriesCopy.status, 201, seriesCopy.text);
      assert.equal((seriesCopy.json as Cafe).series?.rrule, 'FREQ=MONTHLY;BYDAY=1WE;COUNT=6');
      assert.equal((seriesCopy.json as Cafe).kind, 'watch-group');
      const missing = await call(
        s.url,
        '/v1/admin/cafes/nope/duplicate',
        jsonInit('POST', { start: '2027-04-07T17:30:00+02:00' }, auth()),
      );
      assert.equal(missing.status, 404);
    });

    test('cancelling the whole series cancels every occurrence and the VEVENT', async () => {
      const copy = (await list('from=2027-04-01&to=2027-04-30')).items.find((c) => c.series !== undefined);
      assert.ok(copy?.series);
      const r = await call(s.url, `/v1/admin/cafes/${copy.series.id}/cancel`, jsonInit('POST', {}, auth()));
      assert.equal(r.status, 200, r.text);
      const after = (await list('from=2027-04-01&to=2027-09-30')).items.filter(
        (c) => c.series?.id === copy.series?.id,
      );
      assert.equal(after.length, 6);
      assert.ok(after.every((c) => c.status === 'cancelled'));
      const ics = (await call(s.url, `/v1/cafes/${copy.series.id}.ics`)).text;
      assert.match(ics, /\r\nSTATUS:CANCELLED\r\n/);
      assert.match(ics, /\r\nRRULE:/);
    });

    test('a report on one past date of a series: published, and the date listed once', async () => {
      const report = { attendance: 12, topics: [{ title: { fr: 'Éclairage' } }], answers: [], followUps: [] };
      const id = `${series.id}~20261007T1730`;
      const put = await call(s.url, `/v1/admin/cafes/${id}/report`, jsonInit('PUT', report, auth()));
      assert.equal(put.status, 200, put.text);
      const read = await call(s.url, `/v1/cafes/${id}/report`);
      assert.equal(read.status, 200);
      assert.equal((read.json as { cafe: Cafe }).cafe.start, '2026-10-07T17:30:00+02:00');
      assert.deepEqual(
        (await list('from=2026-10-07&to=2026-10-07')).items.filter((c) => c.id === id).length,
        1,
      );
      const ics = (await call(s.url, '/v1/cafes.ics')).text;
      assert.equal(ics.split(`UID:${id}@`).length, 1, 'no VEVENT of its own');
      assert.equal(
        (
          await call(
            s.url,
            `/v1/admin/cafes/${series.id}~20261008T1730/report`,
            jsonInit('PUT', report, auth()),
          )
        ).status,
        404,
      );
    });

    test('import an .ics from the console: created, then unchanged; audited as the caller', async () => {
      const calendar = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//EN',
        'BEGIN:VEVENT',
        'UID:bilan-2026@example.org',
        'DTSTAMP:20260901T080000Z',
        'DTSTART;TZID=Europe/Paris:20261210T180000',
        'DTEND;TZID=Europe/Paris:20261210T200000',
        'SUMMARY:Bilan annuel de la police municipale',
        'LOCATION:Hôtel de ville\\, Amiens',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      const body = { calendar, districtId: 'saint-leu', organizer: 'Ville d’Amiens' };
      const first = await call(s.url, '/v1/admin/cafes/import', jsonInit('POST', body, auth()));
      assert.equal(first.status, 200, first.text);
      const r1 = first.json as CafeImportResult;
      assert.equal(r1.found, 1);
      assert.equal(r1.created.length, 1);
      const again = (await call(s.url, '/v1/admin/cafes/import', jsonInit('POST', body, auth())))
        .json as CafeImportResult;
      assert.deepEqual([again.created.length, again.unchanged.length], [0, 1]);
      const imported = (await call(s.url, `/v1/cafes/${r1.created[0] ?? ''}`)).json as Cafe;
      assert.equal(imported.title.fr, 'Bilan annuel de la police municipale');
      assert.equal(imported.start, '2026-12-10T18:00:00+01:00');
      assert.match((await audit(`cafe:${imported.id}`))[0] ?? '', /^cafe\.create token:/);
      const unknown = await call(
        s.url,
        '/v1/admin/cafes/import',
        jsonInit('POST', { ...body, districtId: 'atlantis' }, auth()),
      );
      assert.equal(unknown.status, 422);
      assert.equal(
        (await call(s.url, '/v1/admin/cafes/import', jsonInit('POST', { calendar: '' }, auth()))).status,
        422,
      );
      const notCalendar = await call(
        s.url,
        '/v1/admin/cafes/import',
        jsonInit('POST', { calendar: 'Réunion jeudi à 18 h' }, auth()),
      );
      assert.equal(notCalendar.status, 422);
      assert.equal((notCalendar.json as { errors: { path: string }[] }).errors[0]?.path, 'calendar');
      assert.equal((await call(s.url, '/v1/admin/cafes/import', jsonInit('POST', body))).status, 401);
    });
  });
}
