/**
 * Dates and durations as the console shows them, through `Intl` (no hand-written month names):
 * pure functions of a locale, a time zone and the clock, so tests fix all three.
 */
import { cached, dateFormat } from '@proximite/widgets/kit/localize.js';

const DAY_MS = 86_400_000;

/** `2 déc. 2026, 14:05` / `2 Dec 2026, 14:05`. */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** `2 déc. 2026` / `2 Dec 2026`. */
export function formatDate(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale, { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(date);
}

/** The calendar date (YYYY-MM-DD) of `date` in `timeZone` (for `<time datetime>`). */
export function isoDay(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = dateFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier), by the clock, not the calendar. */
export function daysBetween(from: Date, to: Date): number {
  return Math.trunc((to.getTime() - from.getTime()) / DAY_MS);
}

/** Calendar days from `fromIso`'s date to `to`'s date, in `timeZone` (30 Nov → 2 Dec: 2). */
export function calendarDaysBetween(fromIso: string, to: Date, timeZone?: string): number {
  const day = (iso: string) => Date.parse(`${isoDay(iso, timeZone)}T00:00:00Z`);
  return Math.round((day(to.toISOString()) - day(fromIso)) / DAY_MS);
}

/** `aujourd’hui`, `hier`, `il y a 3 jours` / `today`, `yesterday`, `3 days ago`. */
export function formatAge(days: number, locale: string): string {
  const rtf = cached(`rtf${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  return rtf.format(-Math.max(0, days), 'day');
}

/** `3 jours` / `3 days` (a duration, for « en retard de 3 jours »). */
export function formatDays(days: number, locale: string): string {
  const n = Math.max(0, days);
  const plural = cached(`pl${locale}`, () => new Intl.PluralRules(locale));
  const unit = locale.startsWith('fr')
    ? plural.select(n) === 'one'
      ? 'jour'
      : 'jours'
    : plural.select(n) === 'one'
      ? 'day'
      : 'days';
  return `${new Intl.NumberFormat(locale).format(n)}\u00a0${unit}`;
}
