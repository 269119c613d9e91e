/**
 * Pure logic of the month view of <prox-cafe-calendar>: the grid of a month, weekday names, the
 * days that have cafés. A module of its own because the month view loads only when a resident
 * asks for it (the list comes first), and a bundle carries a module whole.
 */
import { dateFormat } from '../kit/localize.js';
import { addDays, isoWeekday, wallDate, type AgendaEntry, type DayGroup, type YearMonth } from './agenda.js';

/** One cell of a month grid. */
export interface MonthCell {
  date: string;
  /** Day of the month, 1–31. */
  day: number;
  /** False for the leading and trailing days of the neighbouring months. */
  inMonth: boolean;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** `YYYY-MM` of a month (a stable key). */
export function monthKey(m: YearMonth): string {
  return wallDate({ ...m, day: 1 }).slice(0, 7);
}

/** The month `delta` months after `m`. */
export function addMonths(m: YearMonth, delta: number): YearMonth {
  const index = m.year * 12 + (m.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * First day of the week for a locale through `Intl.Locale` week info: 1 = Monday (fr-FR, en-GB) …
 * 7 = Sunday (en-US). Engines without week info get Monday (ISO 8601, and both locales the widget
 * speaks).
 */
export function firstDayOfWeek(locale: string): number {
  try {
    const loc = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const first = (loc.getWeekInfo?.() ?? loc.weekInfo)?.firstDay;
    if (first && first >= 1 && first <= 7) return first;
  } catch {
    // An invalid tag: Monday.
  }
  return 1;
}

/**
 * The weeks of a month as rows of 7 cells starting on `firstDay` (1 = Monday … 7 = Sunday),
 * including the days of the previous and next months that fill the first and last weeks.
 */
export function monthGrid(m: YearMonth, firstDay = 1): MonthCell[][] {
  const first = wallDate({ year: m.year, month: m.month, day: 1 });
  const next = wallDate({ ...addMonths(m, 1), day: 1 });
  const lead = (isoWeekday(first) - firstDay + 7) % 7;
  let date = addDays(first, -lead);
  const weeks: MonthCell[][] = [];
  while (date < next) {
    const week: MonthCell[] = [];
    for (let i = 0; i < 7; i += 1) {
      week.push({
        date,
        day: Number(date.slice(8, 10)),
        inMonth: date >= first && date < next,
        weekday: isoWeekday(date),
      });
      date = addDays(date, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** Weekday names in grid order, long and short (`lundi`/`lun.`), through Intl. */
export function weekdayNames(locale: string, firstDay = 1): { long: string; short: string }[] {
  const long = dateFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const short = dateFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = new Date(Date.UTC(2024, 0, 1 + ((firstDay - 1 + i) % 7)));
    return { long: long.format(date), short: short.format(date) };
  });
}

/** The days of `m` that have at least one café, with their entries (keys `YYYY-MM-DD`). */
export function daysWithCafes(groups: readonly DayGroup[], m: YearMonth): Map<string, AgendaEntry[]> {
  const key = monthKey(m);
  return new Map(groups.filter((g) => g.date.startsWith(key)).map((g) => [g.date, g.entries]));
}

/** The month and year as text (`mai 2026`). */
export function formatMonth(m: YearMonth, locale: string): string {
  return dateFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(m.year, m.month - 1, 1)),
  );
}
