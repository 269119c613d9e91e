import { expect } from '@open-wc/testing';
import { isSafeUrl } from '@proximite/contract';
import {
  cafeDays,
  cafeSpan,
  cafeZone,
  datetimeAttr,
  entryCount,
  filterCafes,
  formatDay,
  formatWhen,
  googleCalendarUrl,
  groupByDay,
  localDate,
  locationText,
  osmUrl,
  outlookUrl,
  wallTime,
  webcalUrl,
  zoneNote,
  zoneOffsetMinutes,
} from './agenda.js';
import { cafe } from './test-fixtures/cafe.js';

describe('agenda: time zones', () => {
  it('reads wall-clock time in the given zone, whatever the browser zone', () => {
    // 23:30 UTC on 12 May is already 13 May in Paris (UTC+2) and still 12 May in New York (UTC−4).
    const instant = '2026-05-12T23:30:00Z';
    expect(localDate(instant, 'Europe/Paris')).to.equal('2026-05-13');
    expect(localDate(instant, 'America/New_York')).to.equal('2026-05-12');
    expect(localDate(instant, 'UTC')).to.equal('2026-05-12');
    expect(wallTime(instant, 'Europe/Paris')).to.deep.include({ hour: 1, minute: 30 });
    expect(wallTime(instant, 'America/New_York')).to.deep.include({ hour: 19, minute: 30 });
  });

  it('computes offsets across daylight-saving changes', () => {
    expect(zoneOffsetMinutes('2026-01-15T12:00:00Z', 'Europe/Paris')).to.equal(60);
    expect(zoneOffsetMinutes('2026-07-15T12:00:00Z', 'Europe/Paris')).to.equal(120);
    expect(zoneOffsetMinutes('2026-07-15T12:00:00Z', 'America/New_York')).to.equal(-240);
    expect(zoneOffsetMinutes('2026-07-15T12:00:00Z', 'Asia/Kolkata')).to.equal(330);
  });

  it('falls back to Europe/Paris for an unknown zone', () => {
    expect(cafeZone({ timeZone: 'Mars/Olympus' })).to.equal('Europe/Paris');
    expect(cafeZone({ timeZone: '' })).to.equal('Europe/Paris');
    expect(cafeZone({ timeZone: 'America/New_York' })).to.equal('America/New_York');
  });

  it('groups a late café on its Paris day, not its UTC day', () => {
    const late = cafe({ id: 'late', start: '2026-05-12T22:30:00Z', end: '2026-05-12T23:30:00Z' });
    expect(cafeDays(late)).to.deep.equal(['2026-05-13']);
    expect(groupByDay([late]).map((g) => g.date)).to.deep.equal(['2026-05-13']);
    // The same instants for a café defined in New York land on 12 May.
    expect(cafeDays({ ...late, timeZone: 'America/New_York' })).to.deep.equal(['2026-05-12']);
  });

  it('formats times in the café zone and names the zone only when the visitor is elsewhere', () => {
    const c = cafe({ id: 'a' });
    expect(formatWhen(c, 'fr-FR')).to.match(/^17:30\s?–\s?19:00$/);
    expect(formatWhen(c, 'en-GB')).to.match(/^17:30\s?–\s?19:00$/);
    expect(zoneNote(c, 'fr-FR', 'Europe/Paris')).to.equal(undefined);
    expect(zoneNote(c, 'fr-FR', 'Europe/Brussels')).to.equal(undefined);
    expect(zoneNote(c, 'en-GB', 'America/New_York')).to.equal('Central European Time');
    expect(zoneNote(c, 'fr-FR', 'UTC')).to.equal('heure d’Europe centrale');
  });

  it('writes <time datetime> values as instants, or dates for all-day events', () => {
    const c = cafe({ id: 'a' });
    expect(datetimeAttr(c, 'start')).to.equal('2026-05-12T15:30:00.000Z');
    expect(datetimeAttr(c, 'end')).to.equal('2026-05-12T17:00:00.000Z');
    const day = cafe({
      id: 'd',
      allDay: true,
      start: '2026-05-12T00:00:00+02:00',
      end: '2026-05-13T00:00:00+02:00',
    });
    expect(datetimeAttr(day, 'start')).to.equal('2026-05-12');
    expect(datetimeAttr(day, 'end')).to.equal('2026-05-12');
  });
});

describe('agenda: all-day and multi-day events', () => {
  it('treats an end at midnight as exclusive', () => {
    const day = cafe({
      id: 'd',
      allDay: true,
      start: '2026-05-12T00:00:00+02:00',
      end: '2026-05-13T00:00:00+02:00',
    });
    expect(cafeSpan(day)).to.deep.equal({ first: '2026-05-12', last: '2026-05-12' });
    expect(formatWhen(day, 'fr-FR')).to.equal(undefined);
    const evening = cafe({ id: 'e', start: '2026-05-12T22:00:00+02:00', end: '2026-05-13T00:00:00+02:00' });
    expect(cafeDays(evening)).to.deep.equal(['2026-05-12']);
  });

  it('puts a multi-day event on every day it covers, saying which day it is', () => {
    const fair = cafe({
      id: 'fair',
      allDay: true,
      start: '2026-05-30T00:00:00+02:00',
      end: '2026-06-02T00:00:00+02:00',
    });
    const single = cafe({
      id: 'single',
      start: '2026-05-31T10:00:00+02:00',
      end: '2026-05-31T11:00:00+02:00',
    });
    const groups = groupByDay([single, fair]);
    expect(groups.map((g) => g.date)).to.deep.equal(['2026-05-30', '2026-05-31', '2026-06-01']);
    expect(groups[1]!.entries.map((e) => [e.cafe.id, e.dayIndex, e.dayCount])).to.deep.equal([
      ['fair', 2, 3],
      ['single', 1, 1],
    ]);
    expect(formatWhen(fair, 'fr-FR')).to.match(/^30 mai\s?–\s?1 juin$|^30 mai\s?–\s?1er juin$/);
    expect(formatWhen(fair, 'en-GB')).to.match(/^30 May\s?–\s?1 June$/);
  });

  it('keeps the first entries only, café by café, and counts them', () => {
    const fair = cafe({
      id: 'fair',
      allDay: true,
      start: '2026-05-30T00:00:00+02:00',
      end: '2026-06-02T00:00:00+02:00',
    });
    const single = cafe({
      id: 'single',
      start: '2026-05-31T10:00:00+02:00',
      end: '2026-05-31T11:00:00+02:00',
    });
    expect(entryCount([single, fair])).to.equal(4);
    expect(entryCount([])).to.equal(0);
    const entries = (limit: number) =>
      groupByDay([single, fair], { limit }).flatMap((g) => g.entries.map((e) => `${g.date} ${e.cafe.id}`));
    expect(entries(1)).to.deep.equal(['2026-05-31 single']);
    // The fair's days one by one, after the single café (cafés in the order given).
    expect(entries(2)).to.deep.equal(['2026-05-30 fair', '2026-05-31 single']);
    expect(entries(3)).to.deep.equal(['2026-05-30 fair', '2026-05-31 fair', '2026-05-31 single']);
    expect(entries(4)).to.deep.equal([
      '2026-05-30 fair',
      '2026-05-31 fair',
      '2026-05-31 single',
      '2026-06-01 fair',
    ]);
    expect(entries(9)).to.deep.equal(entries(4));
    expect(entries(0)).to.deep.equal([]);
  });

  it('formats a timed event spanning two days with both dates', () => {
    const night = cafe({ id: 'n', start: '2026-05-12T20:00:00+02:00', end: '2026-05-13T02:00:00+02:00' });
    expect(cafeDays(night)).to.deep.equal(['2026-05-12', '2026-05-13']);
    const text = formatWhen(night, 'fr-FR')!;
    expect(text)
      .to.include('12 mai')
      .and.to.include('13 mai')
      .and.to.include('20:00')
      .and.to.include('02:00');
  });

  it('clips days to the window, and caps absurd spans', () => {
    const fair = cafe({
      id: 'fair',
      allDay: true,
      start: '2026-05-30T00:00:00+02:00',
      end: '2026-06-02T00:00:00+02:00',
    });
    expect(groupByDay([fair], { from: '2026-05-31', to: '2026-05-31' }).map((g) => g.date)).to.deep.equal([
      '2026-05-31',
    ]);
    const forever = cafe({ id: 'x', start: '2026-01-01T10:00:00Z', end: '2036-01-01T10:00:00Z' });
    expect(cafeDays(forever)).to.have.length(366);
  });
});

describe('agenda: filtering', () => {
  const cafes = [
    cafe({ id: 'past', start: '2026-05-01T10:00:00+02:00', end: '2026-05-01T12:00:00+02:00' }),
    cafe({ id: 'now', start: '2026-05-12T09:00:00+02:00', end: '2026-05-12T11:00:00+02:00' }),
    cafe({
      id: 'nord',
      districtId: 'amiens-nord',
      start: '2026-05-20T10:00:00+02:00',
      end: '2026-05-20T12:00:00+02:00',
    }),
    cafe({ id: 'june', start: '2026-06-03T10:00:00+02:00', end: '2026-06-03T12:00:00+02:00' }),
  ];
  const now = new Date('2026-05-12T08:30:00Z'); // 10:30 in Paris: 'now' is under way.

  it('keeps what has not ended yet, sorted by start', () => {
    expect(filterCafes([...cafes].reverse(), { now }).map((c) => c.id)).to.deep.equal([
      'now',
      'nord',
      'june',
    ]);
  });

  it('filters by district', () => {
    expect(filterCafes(cafes, { now, district: 'amiens-nord' }).map((c) => c.id)).to.deep.equal(['nord']);
    expect(filterCafes(cafes, { now, district: 'saint-leu' }).map((c) => c.id)).to.deep.equal([
      'now',
      'june',
    ]);
  });

  it('honours from/to as local dates or instants, and a limit', () => {
    expect(filterCafes(cafes, { from: '2026-05-01', to: '2026-05-31' }).map((c) => c.id)).to.deep.equal([
      'past',
      'now',
      'nord',
    ]);
    expect(filterCafes(cafes, { from: '2026-05-12T09:30:00Z' }).map((c) => c.id)).to.deep.equal([
      'nord',
      'june',
    ]);
    expect(
      filterCafes(cafes, { to: '2026-05-12T07:30:00Z', from: '2026-01-01' }).map((c) => c.id),
    ).to.deep.equal(['past', 'now']);
    expect(filterCafes(cafes, { now, limit: 2 }).map((c) => c.id)).to.deep.equal(['now', 'nord']);
  });

  it('drops cafés whose dates cannot be read', () => {
    expect(filterCafes([cafe({ id: 'bad', start: 'soon' })])).to.deep.equal([]);
  });
});

describe('agenda: days as text', () => {
  it('writes a plain date in the language, without a time zone shift', () => {
    expect(formatDay('2026-05-12', 'fr-FR')).to.equal('mardi 12 mai 2026');
    expect(formatDay('2026-05-12', 'en-GB')).to.match(/^Tuesday,? 12 May 2026$/);
  });
});

describe('agenda: links', () => {
  const c = cafe({
    id: 'a',
    description: { fr: 'Échanges sur la tranquillité du quartier.', en: 'Talk about the neighbourhood.' },
    url: 'https://www.amiens.fr/cafe',
  });

  it('builds a Google Calendar link with UTC times and the café zone', () => {
    const url = new URL(googleCalendarUrl(c, 'fr'));
    expect(url.origin + url.pathname).to.equal('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).to.equal('TEMPLATE');
    expect(url.searchParams.get('text')).to.equal('Café avec la police');
    expect(url.searchParams.get('dates')).to.equal('20260512T153000Z/20260512T170000Z');
    expect(url.searchParams.get('ctz')).to.equal('Europe/Paris');
    expect(url.searchParams.get('location')).to.equal('Café de la Place, 1 place du Don, 80000 Amiens');
    expect(url.searchParams.get('details'))
      .to.include('tranquillité')
      .and.include('https://www.amiens.fr/cafe');
    expect(new URL(googleCalendarUrl(c, 'en')).searchParams.get('text')).to.equal('Coffee with the police');
    expect(isSafeUrl(googleCalendarUrl(c, 'fr'))).to.equal(true);
  });

  it('gives all-day events date-only ranges with an exclusive end', () => {
    const day = cafe({
      id: 'd',
      allDay: true,
      start: '2026-05-12T00:00:00+02:00',
      end: '2026-05-13T00:00:00+02:00',
    });
    expect(new URL(googleCalendarUrl(day, 'fr')).searchParams.get('dates')).to.equal('20260512/20260513');
    const outlook = new URL(outlookUrl(day, 'fr')).searchParams;
    expect(outlook.get('allday')).to.equal('true');
    expect(outlook.get('startdt')).to.equal('2026-05-12');
    expect(outlook.get('enddt')).to.equal('2026-05-13');
  });

  it('builds an Outlook link', () => {
    const url = new URL(outlookUrl(c, 'en'));
    expect(url.origin + url.pathname).to.equal('https://outlook.live.com/calendar/0/deeplink/compose');
    expect(url.searchParams.get('subject')).to.equal('Coffee with the police');
    expect(url.searchParams.get('startdt')).to.equal('2026-05-12T15:30:00Z');
    expect(url.searchParams.get('enddt')).to.equal('2026-05-12T17:00:00Z');
    expect(url.searchParams.get('allday')).to.equal('false');
    expect(url.searchParams.get('body')).to.include('neighbourhood');
    expect(isSafeUrl(outlookUrl(c, 'en'))).to.equal(true);
  });

  it('links the address to OpenStreetMap, by coordinates or by search', () => {
    expect(osmUrl(c.place)).to.equal(
      'https://www.openstreetmap.org/?mlat=49.8953&mlon=2.3024#map=18/49.8953/2.3024',
    );
    const search = new URL(osmUrl({ name: 'Maison du quartier', address: '12 rue de Rouen, Amiens' }));
    expect(search.pathname).to.equal('/search');
    expect(search.searchParams.get('query')).to.equal('Maison du quartier, 12 rue de Rouen, Amiens');
    expect(isSafeUrl(osmUrl(c.place))).to.equal(true);
  });

  it('does not repeat a place name the address already starts with', () => {
    expect(locationText({ name: 'Mairie', address: 'Mairie, place de l’Hôtel de Ville' })).to.equal(
      'Mairie, place de l’Hôtel de Ville',
    );
  });

  it('turns a feed URL into a webcal:// subscription', () => {
    expect(webcalUrl('https://api.amiens.fr/v1/cafes.ics?district=saint-leu')).to.equal(
      'webcal://api.amiens.fr/v1/cafes.ics?district=saint-leu',
    );
    expect(webcalUrl('http://127.0.0.1:8787/v1/cafes.ics')).to.equal('webcal://127.0.0.1:8787/v1/cafes.ics');
    expect(webcalUrl('javascript:alert(1)')).to.equal(undefined);
    expect(webcalUrl(undefined)).to.equal(undefined);
    expect(isSafeUrl(webcalUrl('https://api.amiens.fr/v1/cafes.ics'))).to.equal(true);
  });
});
