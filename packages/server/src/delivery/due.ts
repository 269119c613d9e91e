/**
 * When an answer is due: a service's handling-time target counted from submission, in working days
 * (Monday to Friday, French public holidays excluded — @proximite/contract's working-days) or in
 * calendar days, in the city's time zone; the due instant keeps the submission's wall-clock time.
 */
import { addDays, addWorkingDays } from '@proximite/contract';
import type { ServiceTarget } from '@proximite/contract';
import { zonedParts, zonedToDate } from '../util.js';

/** The zone days are counted in. */
export const DUE_TIME_ZONE = 'Europe/Paris';

/** The due instant of a concern submitted at `submittedAt` to a service with `target`; `null` without one. */
export function dueDate(
  target: ServiceTarget | null | undefined,
  submittedAt: Date,
  options: { timeZone?: string; alsaceMoselle?: boolean } = {},
): Date | null {
  if (target === null || target === undefined || !(target.days > 0)) return null;
  const zone = options.timeZone ?? DUE_TIME_ZONE;
  const p = zonedParts(submittedAt, zone);
  const start = { year: p.year, month: p.month, day: p.day };
  const day =
    target.unit === 'calendar-days'
      ? addDays(start, target.days)
      : addWorkingDays(start, target.days, { alsaceMoselle: options.alsaceMoselle === true });
  return zonedToDate(zone, day.year, day.month, day.day, p.hour, p.minute);
}
