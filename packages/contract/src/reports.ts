/**
 * The public activity report of a period: what a city publishes as its « compte rendu public
 * d'activité » — the activity counters, the meetings held, the priorities and the actions taken,
 * how fast each service answered — each with where it comes from. `GET /v1/reports/{period}`
 * answers it as JSON; `GET /v1/reports/{period}.html` as a page that prints on A4.
 *
 * Everything in it is already public elsewhere (`GET /v1/stats`, `/v1/meeting-reports`,
 * `/v1/priorities`): the report gathers it for one period and holds no personal data.
 */
import * as z from 'zod/mini';
import { DateTimeString, InputLang, IsoDate, LocalizedText } from './common.js';
import { PriorityAction } from './priorities.js';
import { ServiceResponseFigures } from './response-times.js';
import { ActivityCounter } from './stats.js';

/** A report's period: a year `2026` or a quarter `2026-Q3`. */
export const REPORT_PERIOD_PATTERN = /^\d{4}(?:-Q[1-4])?$/;

/** `GET /v1/reports/{period}` query. */
export const PublicReportQuery = /* @__PURE__ */ (() => z.strictObject({ lang: z.optional(InputLang) }))();
export type PublicReportQuery = z.infer<typeof PublicReportQuery>;

/** A meeting held in the period, and what its public report counted. */
export const ReportMeeting = /* @__PURE__ */ (() =>
  z.object({
    cafeId: z.string(),
    title: LocalizedText,
    start: DateTimeString,
    placeName: z.string(),
    districtId: z.nullable(z.string()),
    /** `null`: not counted, or no report published yet. */
    attendance: z.nullable(z.int()),
    /** Topics raised, from the published report (0 without one). */
    topicCount: z.int(),
    hasReport: z.boolean(),
  }))();
export type ReportMeeting = z.infer<typeof ReportMeeting>;

/** A priority with what was done about it in the period. */
export const ReportPriority = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    issue: LocalizedText,
    issueDate: IsoDate,
    status: z.string(),
    districtId: z.nullable(z.string()),
    concernCount: z.int(),
    /** The priority's actions dated in the period, oldest first. */
    actions: z.array(PriorityAction),
  }))();
export type ReportPriority = z.infer<typeof ReportPriority>;

/** Where a part of the report comes from. */
export const ReportSource = /* @__PURE__ */ (() =>
  z.object({
    /** Which part it feeds: `activity`, `concerns`, `meetings`, `priorities` or `responses`. */
    part: z.string(),
    title: LocalizedText,
    url: z.optional(z.string()),
    /** Illustrative demonstration data, not real figures. */
    demo: z.boolean(),
  }))();
export type ReportSource = z.infer<typeof ReportSource>;

/** `GET /v1/reports/{period}` response. */
export const PublicReport = /* @__PURE__ */ (() =>
  z.object({
    period: z.object({
      id: z.string(),
      /** First day of the period. */
      start: IsoDate,
      /** Last day of the period (inclusive). */
      end: IsoDate,
      /** `false` while the period is still running: the figures are provisional. */
      complete: z.boolean(),
    }),
    area: z.object({ code: z.string(), name: z.string() }),
    /**
     * Residents' concerns submitted in the period (duplicates and quarantined ones left out), and
     * those of them closed as resolved so far: counted by the server, not entered by hand.
     */
    concerns: z.object({ received: z.int(), resolved: z.int() }),
    /** Municipal police and programme counters whose period lies in this one (activity ≠ crime). */
    activity: z.array(ActivityCounter),
    meetings: z.object({
      /** Meetings held (not cancelled, already over). */
      held: z.int(),
      /** Residents counted, over the meetings where someone counted; `null` if none did. */
      attendance: z.nullable(z.int()),
      items: z.array(ReportMeeting),
    }),
    priorities: z.object({
      /** Issues first raised in the period. */
      raised: z.int(),
      /** Actions carried out (`done`) in the period. */
      actionsDone: z.int(),
      items: z.array(ReportPriority),
    }),
    /** Each service's figures for the quarters of the period (`null` figures: fewer than `minimum`). */
    responses: z.object({
      figures: z.array(ServiceResponseFigures),
      minimum: z.int(),
      method: LocalizedText,
    }),
    sources: z.array(ReportSource),
    generatedAt: DateTimeString,
    /** Some of the figures are illustrative demonstration data: shown as such. */
    demo: z.boolean(),
  }))();
export type PublicReport = z.infer<typeof PublicReport>;

/** First and last day (inclusive) of a report period, or `undefined` when it is not one. */
export function reportPeriodBounds(period: string): { start: string; end: string } | undefined {
  if (!REPORT_PERIOD_PATTERN.test(period)) return undefined;
  const year = period.slice(0, 4);
  if (period.length === 4) return { start: `${year}-01-01`, end: `${year}-12-31` };
  const q = Number(period.slice(6));
  const first = (q - 1) * 3 + 1;
  const last = first + 2;
  const lastDay = new Date(Date.UTC(Number(year), last, 0)).getUTCDate();
  const mm = (n: number) => String(n).padStart(2, '0');
  return { start: `${year}-${mm(first)}-01`, end: `${year}-${mm(last)}-${lastDay}` };
}

/**
 * Whether a counter's, or a quarter's, period (`2026`, `2026-Q2`, `2026-03`) lies in a report
 * period: the same year for a year report; the quarter or one of its months for a quarter report.
 */
export function periodWithin(inner: string, report: string): boolean {
  if (inner === report) return true;
  if (report.length === 4) return inner.startsWith(`${report}-`);
  if (!inner.startsWith(report.slice(0, 5)) || inner.length !== 7 || inner[5] === 'Q') return false;
  const month = Number(inner.slice(5));
  return Math.ceil(month / 3) === Number(report.slice(6));
}
