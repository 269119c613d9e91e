import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addWorkingDays,
  easterSunday,
  frenchPublicHolidays,
  isWorkingDay,
  isoDate,
} from '../src/working-days.js';

/**
 * Easter by a second, independent method: Oudin's algorithm (1940) as given in Claus Tøndering's
 * calendar FAQ, to compare with the anonymous (Meeus/Jones/Butcher) algorithm of the module.
 */
function oudin(year: number): string {
  const g = year % 19;
  const c = Math.floor(year / 100);
  const h = (c - Math.floor(c / 4) - Math.floor((8 * c + 13) / 25) + 19 * g + 15) % 30;
  const i = h - Math.floor(h / 28) * (1 - Math.floor(29 / (h + 1)) * Math.floor((21 - g) / 11));
  const j = (year + Math.floor(year / 4) + i + 2 - c + Math.floor(c / 4)) % 7;
  const l = i - j;
  const month = 3 + Math.floor((l + 40) / 44);
  const day = l + 28 - 31 * Math.floor(month / 4);
  return isoDate({ year, month, day });
}

describe('French public holidays and working days', () => {
  it('Easter Sunday matches published dates, including the earliest and latest possible', () => {
    const known: Record<number, string> = {
      1818: '1818-03-22',
      1943: '1943-04-25',
      2000: '2000-04-23',
      2008: '2008-03-23',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(known)) assert.equal(isoDate(easterSunday(Number(year))), date);
  });

  it('agrees with Oudin’s algorithm for every year from 1583 to 4099', () => {
    for (let year = 1583; year <= 4099; year++)
      assert.equal(isoDate(easterSunday(year)), oudin(year), `${year}`);
  });

  it('lists the eleven holidays of 2026 (Easter Monday 6 April, Ascension 14 May, Whit Monday 25 May)', () => {
    assert.deepEqual(
      frenchPublicHolidays(2026).map((h) => h.date),
      [
        '2026-01-01',
        '2026-04-06',
        '2026-05-01',
        '2026-05-08',
        '2026-05-14',
        '2026-05-25',
        '2026-07-14',
        '2026-08-15',
        '2026-11-01',
        '2026-11-11',
        '2026-12-25',
      ],
    );
    const am = frenchPublicHolidays(2026, { alsaceMoselle: true }).map((h) => h.date);
    assert.equal(am.length, 13);
    assert.ok(am.includes('2026-04-03') && am.includes('2026-12-26'));
  });

  it('counts working days over weekends and holidays', () => {
    // Wednesday 13 May 2026, the eve of Ascension: Thursday 14 is a holiday, Friday 15 counts,
    // then Monday 18.
    assert.equal(isoDate(addWorkingDays({ year: 2026, month: 5, day: 13 }, 1)), '2026-05-15');
    assert.equal(isoDate(addWorkingDays({ year: 2026, month: 5, day: 13 }, 2)), '2026-05-18');
    // Friday 22 May 2026 + 1: Monday 25 is Whit Monday, so Tuesday 26.
    assert.equal(isoDate(addWorkingDays({ year: 2026, month: 5, day: 22 }, 1)), '2026-05-26');
    // A Saturday + 5: the next full week, Monday to Friday.
    assert.equal(isoDate(addWorkingDays({ year: 2026, month: 12, day: 5 }, 5)), '2026-12-11');
    // Christmas week 2026: Friday 25 December is a holiday.
    assert.equal(isoDate(addWorkingDays({ year: 2026, month: 12, day: 23 }, 2)), '2026-12-28');
    assert.equal(isoDate(addWorkingDays({ year: 2026, month: 12, day: 23 }, 0)), '2026-12-23');
    assert.equal(isWorkingDay({ year: 2026, month: 7, day: 14 }), false);
    assert.equal(isWorkingDay({ year: 2026, month: 7, day: 15 }), true);
    assert.equal(isWorkingDay({ year: 2026, month: 7, day: 18 }), false);
  });
});
