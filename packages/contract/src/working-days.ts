/**
 * French public holidays and working days: pure date arithmetic on calendar dates (year, month,
 * day), no time zone and no I/O. The server turns a service's handling-time target into a due date
 * with it; a console can show the same dates.
 *
 * The eleven public holidays (« jours fériés ») are those of article L3133-1 of the Code du travail:
 * 1 January, Easter Monday, 1 May, 8 May, Ascension Day, Whit Monday, 14 July, 15 August,
 * 1 November, 11 November and 25 December. Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle) adds
 * Good Friday and 26 December (article L3134-13).
 */

/** A calendar date: `month` is 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * Easter Sunday of a Gregorian year (the anonymous algorithm published in Nature in 1876, also
 * known as Meeus/Jones/Butcher), valid for every year from 1583 on.
 */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian, any year). */
export function dayNumber(date: CalendarDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

/** The calendar date of a day number (see {@link dayNumber}). */
export function fromDayNumber(n: number): CalendarDate {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `date` plus `days` calendar days. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** `YYYY-MM-DD`. */
export function isoDate(date: CalendarDate): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(date.year).padStart(4, '0')}-${two(date.month)}-${two(date.day)}`;
}

export interface HolidayOptions {
  /** Add Alsace-Moselle's Good Friday and 26 December. */
  alsaceMoselle?: boolean;
}

/** The French public holidays of `year`, in date order, as `YYYY-MM-DD` with their French names. */
export function frenchPublicHolidays(
  year: number,
  options: HolidayOptions = {},
): { date: string; name: string }[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number): CalendarDate => ({ year, month, day });
  const list: { date: CalendarDate; name: string }[] = [
    { date: fixed(1, 1), name: 'Jour de l’an' },
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    { date: fixed(5, 1), name: 'Fête du Travail' },
    { date: fixed(5, 8), name: 'Victoire 1945' },
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    { date: fixed(7, 14), name: 'Fête nationale' },
    { date: fixed(8, 15), name: 'Assomption' },
    { date: fixed(11, 1), name: 'Toussaint' },
    { date: fixed(11, 11), name: 'Armistice 1918' },
    { date: fixed(12, 25), name: 'Noël' },
  ];
  if (options.alsaceMoselle === true) {
    list.push({ date: addDays(easter, -2), name: 'Vendredi saint' });
    list.push({ date: fixed(12, 26), name: 'Saint-Étienne' });
  }
  return list
    .map((h) => ({ date: isoDate(h.date), name: h.name }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const holidayCache = new Map<string, Set<string>>();

/** Whether `date` is a French public holiday. */
export function isFrenchPublicHoliday(date: CalendarDate, options: HolidayOptions = {}): boolean {
  const key = `${date.year}:${options.alsaceMoselle === true ? 'am' : ''}`;
  let set = holidayCache.get(key);
  if (set === undefined) {
    set = new Set(frenchPublicHolidays(date.year, options).map((h) => h.date));
    holidayCache.set(key, set);
  }
  return set.has(isoDate(date));
}

/** Whether `date` is a working day: Monday to Friday, and not a public holiday. */
export function isWorkingDay(date: CalendarDate, options: HolidayOptions = {}): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isFrenchPublicHoliday(date, options);
}

/**
 * The date `days` working days after `date` (Saturdays, Sundays and public holidays are skipped;
 * `date` itself is not counted, whether or not it is a working day). `days` = 0 gives `date`.
 */
export function addWorkingDays(date: CalendarDate, days: number, options: HolidayOptions = {}): CalendarDate {
  let n = dayNumber(date);
  let left = Math.max(0, Math.floor(days));
  while (left > 0) {
    n += 1;
    if (isWorkingDay(fromDayNumber(n), options)) left -= 1;
  }
  return fromDayNumber(n);
}
