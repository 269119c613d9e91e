/** The report periods: their bounds, and which counter or quarter periods lie in them. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { periodWithin, reportPeriodBounds } from '../src/reports.js';

describe('report periods', () => {
  test('a year and each quarter, with the last day of the month (leap years too)', () => {
    assert.deepEqual(reportPeriodBounds('2026'), { start: '2026-01-01', end: '2026-12-31' });
    assert.deepEqual(reportPeriodBounds('2026-Q1'), { start: '2026-01-01', end: '2026-03-31' });
    assert.deepEqual(reportPeriodBounds('2026-Q2'), { start: '2026-04-01', end: '2026-06-30' });
    assert.deepEqual(reportPeriodBounds('2026-Q3'), { start: '2026-07-01', end: '2026-09-30' });
    assert.deepEqual(reportPeriodBounds('2026-Q4'), { start: '2026-10-01', end: '2026-12-31' });
    assert.deepEqual(reportPeriodBounds('2028-Q1'), { start: '2028-01-01', end: '2028-03-31' });
  });

  test('what is not a report period', () => {
    for (const p of ['2026-Q0', '2026-Q5', '2026-03', '26', '2026-q1', ' 2026', '2026-Q1-'])
      assert.equal(reportPeriodBounds(p), undefined, p);
  });

  test('a year holds its quarters and months; a quarter holds its months only', () => {
    assert.ok(periodWithin('2026', '2026'));
    assert.ok(periodWithin('2026-Q4', '2026'));
    assert.ok(periodWithin('2026-11', '2026'));
    assert.ok(!periodWithin('2025-12', '2026'));
    assert.ok(periodWithin('2026-Q3', '2026-Q3'));
    assert.ok(periodWithin('2026-07', '2026-Q3') && periodWithin('2026-09', '2026-Q3'));
    assert.ok(!periodWithin('2026-10', '2026-Q3') && !periodWithin('2026-06', '2026-Q3'));
    assert.ok(!periodWithin('2026', '2026-Q3'), 'a year is not within one of its quarters');
    assert.ok(!periodWithin('2026-Q2', '2026-Q3'));
    assert.ok(!periodWithin('2025-08', '2026-Q3'));
  });
});
