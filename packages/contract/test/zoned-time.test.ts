import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dateTimeFormat,
  isIanaZone,
  isTimeZone,
  wallMs,
  wallTimeAt,
  wallToInstant,
  zoneOffsetMs,
  type WallTime,
} from '../src/zoned-time.js';

const H = 3_600_000;
const wall = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0): WallTime => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
});
const at = (iso: string): number => Date.parse(iso);

describe('dateTimeFormat', () => {
  it('builds one formatter per locale, zone and style, and reuses it', () => {
    const a = dateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
    const b = dateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
    assert.equal(a, b);
    assert.notEqual(
      a,
      dateTimeFormat('fr-FR', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit' }),
    );
    assert.notEqual(
      a,
      dateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }),
    );
    assert.notEqual(a, dateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' }));
    assert.equal(a.format(at('2026-05-12T15:30:00Z')), '17:30');
  });

  it('throws a RangeError for an unknown zone, as the constructor does', () => {
    assert.throws(() => dateTimeFormat('fr-FR', { timeZone: 'Mars/Olympus' }), RangeError);
  });
});

describe('isTimeZone / isIanaZone', () => {
  it('knows IANA zones and UTC, not made-up names nor empty values', () => {
    assert.equal(isTimeZone('Europe/Paris'), true);
    assert.equal(isTimeZone('UTC'), true);
    assert.equal(isTimeZone('Mars/Olympus'), false);
    assert.equal(isTimeZone(''), false);
    assert.equal(isTimeZone(undefined), false);
    assert.equal(isTimeZone(42), false);
  });

  it('tells IANA names from offsets', () => {
    assert.equal(isIanaZone('America/St_Johns'), true);
    assert.equal(isIanaZone('+01:00'), false);
    assert.equal(isIanaZone(undefined), false);
  });
});

describe('wallTimeAt and zoneOffsetMs', () => {
  it('reads Paris in winter and in summer', () => {
    assert.deepEqual(wallTimeAt(at('2026-01-15T16:30:00Z'), 'Europe/Paris'), wall(2026, 1, 15, 17, 30));
    assert.deepEqual(wallTimeAt(at('2026-07-14T21:59:59Z'), 'Europe/Paris'), wall(2026, 7, 14, 23, 59, 59));
    assert.equal(zoneOffsetMs(at('2026-01-15T16:30:00Z'), 'Europe/Paris'), 1 * H);
    assert.equal(zoneOffsetMs(at('2026-07-14T21:59:59Z'), 'Europe/Paris'), 2 * H);
  });

  it('changes offset at the instants of the Paris transitions (last Sundays of March and October, 01:00 UTC)', () => {
    assert.deepEqual(wallTimeAt(at('2026-03-29T00:59:59Z'), 'Europe/Paris'), wall(2026, 3, 29, 1, 59, 59));
    assert.deepEqual(wallTimeAt(at('2026-03-29T01:00:00Z'), 'Europe/Paris'), wall(2026, 3, 29, 3, 0, 0));
    assert.deepEqual(wallTimeAt(at('2026-10-25T00:59:59Z'), 'Europe/Paris'), wall(2026, 10, 25, 2, 59, 59));
    assert.deepEqual(wallTimeAt(at('2026-10-25T01:00:00Z'), 'Europe/Paris'), wall(2026, 10, 25, 2, 0, 0));
    assert.equal(zoneOffsetMs(at('2026-10-25T00:59:59Z'), 'Europe/Paris'), 2 * H);
    assert.equal(zoneOffsetMs(at('2026-10-25T01:00:00Z'), 'Europe/Paris'), 1 * H);
  });

  it('reads midnight as hour 0, and zones with negative, half-hour and 45-minute offsets', () => {
    assert.deepEqual(wallTimeAt(at('2026-05-11T22:00:00Z'), 'Europe/Paris'), wall(2026, 5, 12, 0, 0, 0));
    assert.equal(zoneOffsetMs(at('2026-07-01T12:00:00Z'), 'America/New_York'), -4 * H);
    assert.equal(zoneOffsetMs(at('2026-01-01T12:00:00Z'), 'America/St_Johns'), -3.5 * H);
    assert.equal(zoneOffsetMs(at('2026-01-01T12:00:00Z'), 'Asia/Kathmandu'), 5.75 * H);
    assert.equal(zoneOffsetMs(at('2026-01-01T12:00:00Z'), 'Australia/Lord_Howe'), 11 * H);
    assert.equal(zoneOffsetMs(at('2026-07-01T12:00:00Z'), 'Australia/Lord_Howe'), 10.5 * H);
    assert.equal(zoneOffsetMs(at('2026-07-01T12:00:00Z'), 'UTC'), 0);
  });

  it('rejects unknown zones and invalid instants', () => {
    assert.throws(() => wallTimeAt(0, 'Mars/Olympus'), RangeError);
    assert.throws(() => wallTimeAt(Number.NaN, 'Europe/Paris'), RangeError);
  });
});

describe('wallToInstant (RFC 5545 §3.3.5)', () => {
  it('finds the instant of an ordinary wall time, fields overflowing as Date.UTC', () => {
    assert.equal(wallToInstant(wall(2026, 5, 12, 17, 30), 'Europe/Paris'), at('2026-05-12T15:30:00Z'));
    assert.equal(wallToInstant(wall(2026, 12, 15, 9, 0), 'Europe/Paris'), at('2026-12-15T08:00:00Z'));
    assert.equal(wallToInstant(wall(2026, 1, 32, 12, 0), 'Europe/Paris'), at('2026-02-01T11:00:00Z'));
    assert.equal(wallToInstant(wall(2026, 7, 1, 8, 0), 'America/New_York'), at('2026-07-01T12:00:00Z'));
    assert.equal(wallToInstant(wall(2026, 1, 1, 9, 0), 'Asia/Kathmandu'), at('2026-01-01T03:15:00Z'));
  });

  it('reads a time in the spring-forward gap with the offset before it (Paris 02:30 is 03:30 CEST)', () => {
    assert.equal(wallToInstant(wall(2026, 3, 29, 2, 30), 'Europe/Paris'), at('2026-03-29T01:30:00Z'));
    assert.equal(wallToInstant(wall(2026, 3, 29, 1, 59, 59), 'Europe/Paris'), at('2026-03-29T00:59:59Z'));
    assert.equal(wallToInstant(wall(2026, 3, 29, 3, 0), 'Europe/Paris'), at('2026-03-29T01:00:00Z'));
    assert.equal(wallToInstant(wall(2026, 3, 8, 2, 30), 'America/New_York'), at('2026-03-08T07:30:00Z'));
  });

  it('reads a time in the autumn overlap as its first instant (Paris 02:30 CEST, not CET)', () => {
    assert.equal(wallToInstant(wall(2026, 10, 25, 2, 30), 'Europe/Paris'), at('2026-10-25T00:30:00Z'));
    assert.equal(wallToInstant(wall(2026, 10, 25, 3, 0), 'Europe/Paris'), at('2026-10-25T02:00:00Z'));
    assert.equal(wallToInstant(wall(2026, 11, 1, 1, 30), 'America/New_York'), at('2026-11-01T05:30:00Z'));
    // Lord Howe goes back half an hour: 01:45 happens twice, first at +11.
    assert.equal(wallToInstant(wall(2026, 4, 5, 1, 45), 'Australia/Lord_Howe'), at('2026-04-04T14:45:00Z'));
  });

  it('moves forward over a whole skipped day (Samoa, 30 December 2011)', () => {
    const instant = wallToInstant(wall(2011, 12, 30, 12, 0), 'Pacific/Apia');
    assert.deepEqual(wallTimeAt(instant, 'Pacific/Apia'), wall(2011, 12, 31, 12, 0));
  });

  it('round-trips every hour of a year in Paris', () => {
    const start = at('2026-01-01T00:00:00Z');
    for (let t = start; t < start + 366 * 24 * H; t += H) {
      const w = wallTimeAt(t, 'Europe/Paris');
      const back = wallToInstant(w, 'Europe/Paris');
      // The second hour of the autumn overlap reads back as the first.
      const overlapSecond = t === at('2026-10-25T01:00:00Z');
      assert.equal(back, overlapSecond ? t - H : t, new Date(t).toISOString());
      assert.equal(wallMs(w) - back, zoneOffsetMs(back, 'Europe/Paris'));
    }
  });
});
