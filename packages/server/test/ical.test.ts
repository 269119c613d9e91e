import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { cafeInput } from '../../contract/test/fixtures.js';
import type { Cafe, CafePage } from '@proximite/contract';
import { escapeText, foldLine } from '../src/ical.js';
import { createAdminToken } from '../src/store/tokens.js';
import { call, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

function events(text: string): ICAL.Event[] {
  const component = new ICAL.Component(ICAL.parse(text));
  for (const vtz of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  return component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('iCalendar writer', () => {
  test('folds lines at 75 octets without cutting a UTF-8 character', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}€ fin`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part, 'utf8') <= 75, part);
    assert.equal(folded.replace(/\r\n /g, ''), line);
    assert.ok(!folded.includes('\uFFFD'));
    assert.equal(foldLine('SHORT:x'), 'SHORT:x');
  });

  test('escapes TEXT values', () => {
    assert.equal(escapeText('a;b,c\\d\ne'), 'a\\;b\\,c\\\\d\\ne');
  });
});

for (const target of targets()) {
  describe(`iCalendar feeds (${target.name})`, () => {
    let s: TestServer;
    let token: string;
    before(async () => {
      s = await startTestServer(target, { seed: true, config: { calendarDomain: 'proximite.amiens.fr' } });
      token = (await createAdminToken(s.db, new Date(), { name: 'cal', scopes: ['cafes:write'] })).token;
    });
    after(() => s.close());

    test('GET /v1/cafes.ics parses back with ical.js: UIDs, times in Europe/Paris, status, place', async () => {
      const r = await call(s.url, '/v1/cafes.ics');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /^text\/calendar/);
      assert.ok(r.text.startsWith('BEGIN:VCALENDAR\r\n'));
      assert.ok(r.text.endsWith('END:VCALENDAR\r\n'));
      assert.ok(!/[^\r]\n/.test(r.text), 'every line ends with CRLF');
      for (const line of r.text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
      assert.match(r.text, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris/);

      const list = (await call(s.url, '/v1/cafes?limit=200')).json as CafePage;
      const evs = events(r.text);
      assert.ok(evs.length >= list.items.length);
      for (const cafe of list.items) {
        const ev = evs.find((e) => e.uid === `${cafe.id}@proximite.amiens.fr`);
        assert.ok(ev, cafe.id);
        assert.equal(ev.startDate.toJSDate().getTime(), Date.parse(cafe.start));
        assert.equal(ev.endDate.toJSDate().getTime(), Date.parse(cafe.end));
        assert.equal(ev.startDate.zone?.tzid, 'Europe/Paris');
        assert.equal(ev.sequence, cafe.sequence);
        assert.equal(
          ev.component.getFirstPropertyValue('status'),
          cafe.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
        );
        assert.ok(ev.summary.includes(cafe.title.fr));
        if (cafe.mode !== 'online') assert.ok(ev.location.includes(cafe.place.name));
        if (cafe.place.lat !== undefined) {
          const geo = ev.component.getFirstPropertyValue('geo') as number[];
          assert.ok(Math.abs((geo[0] ?? 0) - cafe.place.lat) < 1e-5);
        }
        // A page residents can open: the café's own, else the calendar's page — never the JSON API.
        assert.equal(ev.component.getFirstPropertyValue('url'), cafe.url ?? `${s.url}/`);
        assert.ok(ev.component.getFirstPropertyValue('dtstamp'));
        assert.ok(ev.component.getFirstPropertyValue('last-modified'));
      }
      assert.ok(evs.some((e) => e.component.getFirstPropertyValue('status') === 'CANCELLED'));
    });

    test('?district= filters the feed; ?lang=en gives English summaries', async () => {
      const leu = events((await call(s.url, '/v1/cafes.ics?district=saint-leu')).text);
      const all = events((await call(s.url, '/v1/cafes.ics')).text);
      assert.ok(leu.length >= 2 && leu.length < all.length);
      assert.ok(leu.every((e) => /Don|Saint-Leu|Parmentier|marché/i.test(e.location)));
      const en = events((await call(s.url, '/v1/cafes.ics?lang=en')).text);
      assert.ok(en.some((e) => e.summary.startsWith('Coffee with a police officer')));
      assert.equal((await call(s.url, '/v1/cafes.ics?district=../x')).status, 400);
    });

    test('a change bumps SEQUENCE; a cancellation becomes STATUS:CANCELLED in the per-event file', async () => {
      const created = (
        await call(
          s.url,
          '/v1/admin/cafes',
          jsonInit(
            'POST',
            { ...cafeInput, description: { fr: 'Ligne avec ; virgule, et\nretour' } },
            { Authorization: `Bearer ${token}` },
          ),
        )
      ).json as Cafe;
      const first = await call(s.url, `/v1/cafes/${created.id}.ics`);
      assert.equal(first.status, 200);
      assert.match(first.headers.get('content-disposition') ?? '', /attachment; filename=".*\.ics"/);
      const ev0 = events(first.text)[0];
      assert.ok(ev0);
      assert.equal(ev0.uid, `${created.id}@proximite.amiens.fr`);
      assert.equal(ev0.sequence, 0);
      assert.match(ev0.description, /Ligne avec ; virgule, et\nretour/);
      assert.equal(ev0.startDate.toString(), '2026-07-07T17:00:00');

      await call(
        s.url,
        `/v1/admin/cafes/${created.id}`,
        jsonInit(
          'PUT',
          { ...cafeInput, start: '2026-07-07T18:00:00+02:00', end: '2026-07-07T19:00:00+02:00' },
          { Authorization: `Bearer ${token}` },
        ),
      );
      const ev1 = events((await call(s.url, `/v1/cafes/${created.id}.ics`)).text)[0];
      assert.equal(ev1?.sequence, 1);
      assert.equal(ev1?.uid, ev0.uid, 'the UID is stable');
      assert.equal(ev1?.startDate.toString(), '2026-07-07T18:00:00');

      await call(
        s.url,
        `/v1/admin/cafes/${created.id}/cancel`,
        jsonInit('POST', {}, { Authorization: `Bearer ${token}` }),
      );
      const ev2 = events((await call(s.url, `/v1/cafes/${created.id}.ics`)).text)[0];
      assert.equal(ev2?.sequence, 2);
      assert.equal(ev2?.component.getFirstPropertyValue('status'), 'CANCELLED');
      assert.equal((await call(s.url, '/v1/cafes/nope.ics')).status, 404);
    });

    test('a café in another zone is written in UTC; an all-day café as dates', async () => {
      const auth = { Authorization: `Bearer ${token}` };
      const utc = (
        await call(
          s.url,
          '/v1/admin/cafes',
          jsonInit(
            'POST',
            {
              ...cafeInput,
              timeZone: 'America/Cayenne',
              start: '2026-07-07T12:00:00-03:00',
              end: '2026-07-07T13:00:00-03:00',
            },
            auth,
          ),
        )
      ).json as Cafe;
      const ev = events((await call(s.url, `/v1/cafes/${utc.id}.ics`)).text)[0];
      assert.equal(ev?.startDate.zone?.tzid, 'UTC');
      assert.equal(ev?.startDate.toJSDate().toISOString(), '2026-07-07T15:00:00.000Z');
      const day = (
        await call(
          s.url,
          '/v1/admin/cafes',
          jsonInit(
            'POST',
            {
              ...cafeInput,
              allDay: true,
              start: '2026-07-08T00:00:00+02:00',
              end: '2026-07-08T23:59:00+02:00',
            },
            auth,
          ),
        )
      ).json as Cafe;
      const evd = events((await call(s.url, `/v1/cafes/${day.id}.ics`)).text)[0];
      assert.equal(evd?.startDate.isDate, true);
      assert.equal(evd?.startDate.toString(), '2026-07-08');
      assert.equal(evd?.endDate.toString(), '2026-07-09');
    });
  });
}
