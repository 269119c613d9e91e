import { expect } from '@open-wc/testing';
import {
  calendarDaysBetween,
  daysBetween,
  formatAge,
  formatDate,
  formatDateTime,
  formatDays,
  isoDay,
} from './format.js';

describe('console formats', () => {
  it('writes dates with Intl, in French and English, in a given time zone', () => {
    const at = '2026-12-01T23:30:00Z';
    expect(formatDate(at, 'fr-FR', 'Europe/Paris')).to.equal('2 déc. 2026');
    expect(formatDate(at, 'en-GB', 'UTC')).to.equal('1 Dec 2026');
    expect(formatDateTime(at, 'fr-FR', 'Europe/Paris')).to.equal('2 déc. 2026, 00:30');
    expect(isoDay(at, 'Europe/Paris')).to.equal('2026-12-02');
    expect(formatDate('nonsense', 'fr-FR')).to.equal('nonsense');
  });

  it('says ages and durations in words', () => {
    expect(formatAge(0, 'fr-FR')).to.equal('aujourd’hui');
    expect(formatAge(1, 'fr-FR')).to.equal('hier');
    expect(formatAge(3, 'fr-FR')).to.equal('il y a 3 jours');
    expect(formatAge(3, 'en-GB')).to.equal('3 days ago');
    expect(formatDays(1, 'fr-FR')).to.equal('1\u00a0jour');
    expect(formatDays(12, 'en-GB')).to.equal('12\u00a0days');
    expect(daysBetween(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-03T12:00:00Z'))).to.equal(2);
    expect(calendarDaysBetween('2026-11-30T17:00:00Z', new Date('2026-12-02T12:00:00Z'), 'UTC')).to.equal(2);
    // 23:30 UTC on 1 December is already 2 December in Paris.
    expect(
      calendarDaysBetween('2026-12-01T23:30:00Z', new Date('2026-12-02T12:00:00Z'), 'Europe/Paris'),
    ).to.equal(0);
  });
});
