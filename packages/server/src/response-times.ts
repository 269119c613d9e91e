/**
 * How fast each service answers: pure computation over concerns (no I/O), unit-tested against
 * hand-computed values.
 *
 * Method (shown with the figures, `RESPONSE_METHOD`):
 * - a concern counts in the quarter (Europe/Paris) it was submitted in, for the service it was
 *   routed to; quarantined concerns and duplicates are left out;
 * - days are counted between local calendar dates: the working days after the day of submission up
 *   to and including the day of the answer (Saturdays, Sundays and the French public holidays of
 *   article L3133-1 of the Code du travail excluded), so an answer the same day takes 0 days; in
 *   calendar days when the service's target is set in calendar days;
 * - first public answer: the first public update after submission; resolution: the day a concern
 *   was closed as resolved;
 * - medians are over the concerns that had an answer (or a resolution); the share within target is
 *   over the concerns answered, plus those still waiting whose target has passed;
 * - the share of « not resolved » verdicts: of the residents who answered « Le problème est-il
 *   réglé ? » after closure, those who said no (a « no » reopens the concern, which keeps it);
 * - a figure computed over fewer than 10 concerns is not published (« non communiqué », never 0),
 *   as official statistics do with small counts.
 */
import type { LocalizedText } from '@proximite/contract';

/** Fewer concerns than this: the figure is not published. */
export const MIN_CONCERNS = 10;

export type TargetUnit = 'working-days' | 'calendar-days';

/** A service's published handling-time target: an answer within `days` (working or calendar) days. */
export interface Target {
  days: number;
  unit: TargetUnit;
}

/** What the computation needs of a concern (local dates `YYYY-MM-DD` in the city's zone). */
export interface ConcernTiming {
  serviceId: string;
  submitted: string;
  firstAnswer: string | null;
  resolved: string | null;
  /** The resident answered « No » to « Le problème est-il réglé ? » (a verdict), when known. */
  notResolvedVerdict?: boolean | undefined;
  /** Whether the resident was asked for a verdict (the backend collects them). */
  verdictAsked?: boolean | undefined;
}

export interface ServiceQuarterFigures {
  serviceId: string;
  /** `YYYY-Qn`. */
  period: string;
  received: number;
  /** The unit of the days below (the target's, else working days). */
  unit: TargetUnit;
  medianDaysToFirstAnswer: number | null;
  medianDaysToResolution: number | null;
  target: Target | null;
  /** 0–1; null when there is no target or too few concerns. */
  withinTargetShare: number | null;
  /** 0–1; null when fewer than 10 residents gave a verdict. */
  notResolvedShare: number | null;
  /** Fewer than {@link MIN_CONCERNS} concerns received: nothing but the count is published. */
  suppressed: boolean;
}

// ---------------------------------------------------------------------------
// Calendar dates and French public holidays

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Math.floor(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000,
  );
}

function isoOf(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** Easter Sunday of a Gregorian year (the anonymous algorithm, Nature 1876; Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayYears = new Map<number, Set<number>>();

/**
 * The eleven French public holidays of a year (article L3133-1 of the Code du travail): 1 January,
 * Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August, 1 November, 11 November,
 * 25 December. As day numbers.
 */
export function frenchHolidays(year: number): Set<number> {
  let set = holidayYears.get(year);
  if (set === undefined) {
    const easter = dayNumber(easterSunday(year));
    const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) =>
      dayNumber(`${year}-${md}`),
    );
    set = new Set([...fixed, easter + 1, easter + 39, easter + 50]);
    holidayYears.set(year, set);
  }
  return set;
}

/** Monday to Friday and not a French public holiday. */
export function isWorkingDay(n: number): boolean {
  const weekday = (n + 4) % 7; // 1970-01-01 was a Thursday (4)
  return weekday !== 0 && weekday !== 6 && !frenchHolidays(Number(isoOf(n).slice(0, 4))).has(n);
}

/**
 * Days from `from` to `to` (`YYYY-MM-DD`): in working days, those after `from` up to and including
 * `to`; in calendar days, the difference. 0 when `to` is not after `from`.
 */
export function daysBetween(from: string, to: string, unit: TargetUnit): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b <= a) return 0;
  if (unit === 'calendar-days') return b - a;
  let count = 0;
  for (let n = a + 1; n <= b; n++) if (isWorkingDay(n)) count += 1;
  return count;
}

/** `YYYY-Qn` of a `YYYY-MM-DD` date. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The median of numbers (the mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const published = (values: readonly number[]) => (values.length < MIN_CONCERNS ? null : median(values));

// ---------------------------------------------------------------------------

/**
 * The figures of each service and quarter, from the concerns. `today` (a local date) decides which
 * waiting concerns are already past their target. Sorted by service, then quarter.
 */
export function responseFigures(
  concerns: readonly ConcernTiming[],
  targets: ReadonlyMap<string, Target>,
  today: string,
): ServiceQuarterFigures[] {
  const groups = new Map<string, ConcernTiming[]>();
  for (const c of concerns) {
    const key = `${c.serviceId}\u0000${quarterOf(c.submitted)}`;
    let list = groups.get(key);
    if (list === undefined) groups.set(key, (list = []));
    list.push(c);
  }
  const out: ServiceQuarterFigures[] = [];
  for (const [key, list] of groups) {
    const [serviceId, period] = key.split('\u0000') as [string, string];
    const target = targets.get(serviceId) ?? null;
    const unit: TargetUnit = target?.unit ?? 'working-days';
    const received = list.length;
    const suppressed = received < MIN_CONCERNS;
    const toAnswer = list.flatMap((c) =>
      c.firstAnswer === null ? [] : [daysBetween(c.submitted, c.firstAnswer, unit)],
    );
    const toResolve = list.flatMap((c) =>
      c.resolved === null ? [] : [daysBetween(c.submitted, c.resolved, unit)],
    );
    let withinTargetShare: number | null = null;
    if (target !== null && !suppressed) {
      let within = 0;
      let counted = 0;
      for (const c of list) {
        if (c.firstAnswer !== null) {
          counted += 1;
          if (daysBetween(c.submitted, c.firstAnswer, unit) <= target.days) within += 1;
        } else if (daysBetween(c.submitted, today, unit) > target.days) counted += 1;
      }
      withinTargetShare = counted < MIN_CONCERNS ? null : within / counted;
    }
    const verdicts = list.filter((c) => c.verdictAsked === true && c.notResolvedVerdict !== undefined);
    out.push({
      serviceId,
      period,
      received,
      unit,
      medianDaysToFirstAnswer: suppressed ? null : published(toAnswer),
      medianDaysToResolution: suppressed ? null : published(toResolve),
      target,
      withinTargetShare,
      notResolvedShare:
        suppressed || verdicts.length < MIN_CONCERNS
          ? null
          : verdicts.filter((c) => c.notResolvedVerdict === true).length / verdicts.length,
      suppressed,
    });
  }
  return out.sort((a, b) =>
    a.serviceId < b.serviceId
      ? -1
      : a.serviceId > b.serviceId
        ? 1
        : a.period < b.period
          ? -1
          : a.period > b.period
            ? 1
            : 0,
  );
}

/** The method, as the figures show it. */
export const RESPONSE_METHOD: LocalizedText = {
  fr:
    'Calculé par le serveur à partir des signalements, sans saisie à la main. Un signalement compte dans le trimestre de son dépôt, pour le service auquel il a été transmis (hors doublons et signalements mis de côté). ' +
    'Les délais sont en jours ouvrés (hors samedis, dimanches et jours fériés, article L3133-1 du Code du travail) comptés du lendemain du dépôt au jour de la réponse, ou en jours calendaires quand l’objectif du service l’est. ' +
    'Première réponse : la première mise à jour publique ; résolution : la clôture comme résolu. Les médianes portent sur les signalements qui ont eu une réponse ; la part dans l’objectif, sur ceux-là et ceux qui attendent encore au-delà de l’objectif. ' +
    'Part « non réglé » : parmi les habitants qui ont répondu à « Le problème est-il réglé ? » après la clôture, ceux qui ont répondu non (le signalement est alors rouvert). ' +
    'Un chiffre calculé sur moins de 10 signalements n’est pas publié (« non communiqué »), comme dans les statistiques officielles.',
  en:
    'Computed by the server from the concerns, never entered by hand. A concern counts in the quarter it was submitted in, for the service it was routed to (duplicates and set-aside concerns excluded). ' +
    'Times are in working days (Saturdays, Sundays and French public holidays excluded, article L3133-1 of the Code du travail) from the day after submission to the day of the answer, or in calendar days when the service’s target is. ' +
    'First answer: the first public update; resolution: closed as resolved. Medians are over the concerns that had an answer; the share within target over those and the ones still waiting past the target. ' +
    'Share « not resolved »: of the residents who answered “Is the problem solved?” after closure, those who said no (the concern is then reopened). ' +
    'A figure computed over fewer than 10 concerns is not published (“not published”), as official statistics do.',
};
