/**
 * Pure logic of the « Délais de réponse des services » section of <prox-activity-stats>: the
 * quarters, the table's cells (a suppressed figure reads « non communiqué », never 0), its CSV.
 */
import type { ResponseTimes, ServiceResponseFigures } from '@proximite/contract';
import type { DataTable } from './stats-view.js';

export interface ResponseText {
  /** The name of a service in the language shown. */
  name: (f: ServiceResponseFigures) => string;
  count: (n: number) => string;
  /** A number of days (median), with its unit. */
  days: (n: number, unit: string) => string;
  /** A share 0–1 as a percentage. */
  share: (n: number) => string;
  /** A published target: « 5 jours ouvrés ». */
  target: (days: number, unit: string) => string;
  suppressed: string;
  noTarget: string;
  head: readonly [string, string, string, string, string, string, string];
}

/** The quarters with figures, the most recent first. */
export function quartersOf(rt: ResponseTimes): string[] {
  return [...new Set(rt.figures.map((f) => f.period))].sort().reverse();
}

/**
 * The quarter shown first: the most recent one that is over (its concerns had time to be
 * answered), else the most recent. `today` is `YYYY-MM-DD`.
 */
export function defaultQuarter(quarters: readonly string[], today: string): string | undefined {
  const current = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  return quarters.find((q) => q < current) ?? quarters[0];
}

/** The table of one quarter: one row per service (by name), a suppressed figure never 0. */
export function responseTable(rt: ResponseTimes, quarter: string, text: ResponseText): DataTable {
  const rows = rt.figures
    .filter((f) => f.period === quarter)
    .map((f) => {
      const hidden = (value: string | null) => (f.suppressed || value === null ? text.suppressed : value);
      const days = (n: number | null) => hidden(n === null ? null : text.days(n, f.unit));
      return [
        text.name(f),
        text.count(f.received),
        days(f.medianDaysToFirstAnswer),
        days(f.medianDaysToResolution),
        f.target ? text.target(f.target.days, f.target.unit) : text.noTarget,
        f.target
          ? hidden(f.withinTargetShare === null ? null : text.share(f.withinTargetShare))
          : text.noTarget,
        // Fewer than 10 residents answered « Le problème est-il réglé ? »: not published either.
        hidden(f.notResolvedShare === null ? null : text.share(f.notResolvedShare)),
      ];
    })
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
  return { head: [...text.head], rows };
}
