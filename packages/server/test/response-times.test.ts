/**
 * Service response figures against hand-computed values: working days over French public holidays
 * (article L3133-1 of the Code du travail), medians, the share within target, suppression.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MIN_CONCERNS,
  daysBetween,
  easterSunday,
  isWorkingDay,
  dayNumber,
  median,
  quarterOf,
  responseFigures,
  type ConcernTiming,
  type Target,
} from '../src/response-times.js';

describe('working days and French public holidays', () => {
  test('Easter Sunday of known years', () => {
    assert.equal(easterSunday(2024), '2024-03-31');
    assert.equal(easterSunday(2025), '2025-04-20');
    assert.equal(easterSunday(2026), '2026-04-05');
    assert.equal(easterSunday(2027), '2027-03-28');
  });

  test('the holidays of 2026 are not working days; the days around them are', () => {
    for (const d of [
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-11-11',
      '2026-12-25',
    ])
      assert.equal(isWorkingDay(dayNumber(d)), false, d);
    // 15 August and 1 November 2026 fall on a Saturday and a Sunday; 8 May 2026 on a Friday.
    for (const d of ['2026-04-07', '2026-05-13', '2026-05-15', '2026-05-26', '2026-07-13', '2026-12-24'])
      assert.equal(isWorkingDay(dayNumber(d)), true, d);
    assert.equal(isWorkingDay(dayNumber('2026-03-07')), false, 'a Saturday');
  });

  test('working days after the day of submission up to the answer (hand-counted)', () => {
    // Thursday 30 April → Monday 4 May 2026: 1 May (holiday), 2–3 May (weekend), 4 May → 1.
    assert.equal(daysBetween('2026-04-30', '2026-05-04', 'working-days'), 1);
    // Thursday 7 May → Monday 11 May: 8 May is a holiday → 1.
    assert.equal(daysBetween('2026-05-07', '2026-05-11', 'working-days'), 1);
    // Wednesday 13 May → Friday 15 May: Ascension on the 14th → 1.
    assert.equal(daysBetween('2026-05-13', '2026-05-15', 'working-days'), 1);
    // Friday 22 May → Tuesday 26 May: weekend, Whit Monday → 1.
    assert.equal(daysBetween('2026-05-22', '2026-05-26', 'working-days'), 1);
    // Thursday 24 December 2026 → Monday 4 January 2027: 25 Dec, 1 Jan and two weekends out;
    // 28, 29, 30, 31 December and 4 January → 5 (11 calendar days).
    assert.equal(daysBetween('2026-12-24', '2027-01-04', 'working-days'), 5);
    assert.equal(daysBetween('2026-12-24', '2027-01-04', 'calendar-days'), 11);
    // Submitted on a Saturday, answered on the Monday → 1; the same day → 0; before → 0.
    assert.equal(daysBetween('2026-03-07', '2026-03-09', 'working-days'), 1);
    assert.equal(daysBetween('2026-03-09', '2026-03-09', 'working-days'), 0);
    assert.equal(daysBetween('2026-03-09', '2026-03-02', 'working-days'), 0);
  });

  test('quarters and medians', () => {
    assert.equal(quarterOf('2026-03-31'), '2026-Q1');
    assert.equal(quarterOf('2026-04-01'), '2026-Q2');
    assert.equal(quarterOf('2026-12-31'), '2026-Q4');
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
  });
});

describe('response figures per service and quarter', () => {
  const c = (
    serviceId: string,
    submitted: string,
    firstAnswer: string | null,
    resolved: string | null = null,
    verdict?: boolean,
  ): ConcernTiming => ({
    serviceId,
    submitted,
    firstAnswer,
    resolved,
    ...(verdict !== undefined ? { verdictAsked: true, notResolvedVerdict: verdict } : {}),
  });
  const targets = new Map<string, Target>([['voirie', { days: 5, unit: 'working-days' }]]);

  // Voirie, Q2 2026: twelve concerns submitted on Monday 13 April.
  const q2 = [
    c('voirie', '2026-04-13', '2026-04-13', '2026-04-20', false), // 0 working days; resolved in 5
    c('voirie', '2026-04-13', '2026-04-14', '2026-04-21', false), // 1; 6
    c('voirie', '2026-04-13', '2026-04-14', '2026-04-22', true), // 1; 7
    c('voirie', '2026-04-13', '2026-04-14', '2026-04-23', false), // 1; 8
    c('voirie', '2026-04-13', '2026-04-15', '2026-04-24', false), // 2; 9
    c('voirie', '2026-04-13', '2026-04-16', null, true), // 3
    c('voirie', '2026-04-13', '2026-04-17', null, false), // 4
    c('voirie', '2026-04-13', '2026-04-20', null, false), // 5 (within a 5-day target)
    c('voirie', '2026-04-13', '2026-04-21', null, true), // 6 (late)
    c('voirie', '2026-04-13', '2026-04-22', null, false), // 7 (late)
    c('voirie', '2026-04-13', '2026-04-27', null), // 10 (late)
    c('voirie', '2026-04-13', null), // still waiting, past its target by 30 June: late
  ];
  // Voirie, Q3: ten concerns of Wednesday 1 July; 14 July is a holiday.
  const q3 = ['07-02', '07-02', '07-03', '07-03', '07-06', '07-07', '07-07', '07-07', '07-08', '07-15'].map(
    (d) => c('voirie', '2026-07-01', `2026-${d}`),
  );
  // Propreté: nine concerns only, no target.
  const small = Array.from({ length: 9 }, () => c('proprete', '2026-04-01', '2026-04-02', '2026-04-03'));

  const figures = responseFigures([...q2, ...q3, ...small], targets, '2026-09-30');
  const get = (service: string, period: string) =>
    figures.find((f) => f.serviceId === service && f.period === period);

  test('medians, share within target, verdicts: hand-computed', () => {
    const f = get('voirie', '2026-Q2');
    assert.ok(f);
    assert.equal(f.received, 12);
    assert.equal(f.unit, 'working-days');
    // Answered in 0,1,1,1,2,3,4,5,6,7,10 working days: the 6th of 11 is 3.
    assert.equal(f.medianDaysToFirstAnswer, 3);
    // Five resolutions only: fewer than 10, not published.
    assert.equal(f.medianDaysToResolution, null);
    // Within 5 days: 8 of the 11 answered, plus the one still waiting past its target → 8/12.
    assert.equal(f.withinTargetShare, 8 / 12);
    // Ten verdicts, three « not resolved ».
    assert.equal(f.notResolvedShare, 3 / 10);
    assert.equal(f.suppressed, false);
  });

  test('an even count: the median is the mean of the two middle values; a holiday is not counted', () => {
    const f = get('voirie', '2026-Q3');
    assert.ok(f);
    // 1,1,2,2,3,4,4,4,5 and 9 (1 → 15 July skips the 14th): (3 + 4) / 2.
    assert.equal(f.medianDaysToFirstAnswer, 3.5);
    assert.equal(f.withinTargetShare, 9 / 10);
    assert.equal(f.notResolvedShare, null, 'no verdict asked');
  });

  test('fewer than 10 concerns: suppressed, never 0; no target: no share', () => {
    const f = get('proprete', '2026-Q2');
    assert.ok(f);
    assert.equal(f.received, 9);
    assert.ok(f.received < MIN_CONCERNS);
    assert.equal(f.suppressed, true);
    assert.equal(f.medianDaysToFirstAnswer, null);
    assert.equal(f.medianDaysToResolution, null);
    assert.equal(f.withinTargetShare, null);
    assert.equal(f.target, null);
  });

  test('a target in calendar days counts calendar days', () => {
    const list = Array.from({ length: 10 }, () => c('voirie', '2026-12-24', '2027-01-04'));
    const [f] = responseFigures(
      list,
      new Map([['voirie', { days: 10, unit: 'calendar-days' }]]),
      '2027-03-01',
    );
    assert.equal(f?.unit, 'calendar-days');
    assert.equal(f?.medianDaysToFirstAnswer, 11);
    assert.equal(f?.withinTargetShare, 0);
  });

  test('sorted by service then quarter', () => {
    assert.deepEqual(
      figures.map((f) => `${f.serviceId} ${f.period}`),
      ['proprete 2026-Q2', 'voirie 2026-Q2', 'voirie 2026-Q3'],
    );
  });
});
