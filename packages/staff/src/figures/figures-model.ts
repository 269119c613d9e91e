/**
 * The activity figures' pure logic: the draft of one period (a row per metric, prefilled with
 * what is published), its checks, the body of `PUT /v1/admin/stats/activity`, and the counters
 * the public stats widget will show once it is published. No DOM.
 */
import {
  ACTIVITY_METRICS,
  ACTIVITY_SOURCE_TYPES,
  PERIOD_PATTERN,
  type ActivityCounter,
  type ActivityCountersInput,
} from '@proximite/contract';

export { ACTIVITY_METRICS, ACTIVITY_SOURCE_TYPES };

/** The unit each metric is counted in, when nothing is published yet (shown as written, in French). */
export const DEFAULT_UNITS: Readonly<Record<string, string>> = {
  'pm-interventions': 'interventions',
  'pm-calls': 'appels',
  'pm-tickets-traffic': 'avis de contravention',
  'pm-tickets-parking': 'avis de contravention',
  'pm-tickets-arretes': 'avis de contravention',
  'pm-tickets-video': 'avis de contravention',
  'pm-impounds': 'véhicules',
  'pm-handed-to-opj': 'personnes',
  'cafes-held': 'cafés',
  'residents-met': 'habitants',
  'concerns-received': 'signalements',
  'concerns-resolved': 'signalements',
};

export interface DraftRow {
  metric: string;
  /** As typed (digits, spaces allowed); empty: the metric is not sent (what is published stays). */
  value: string;
  /** « Non communiqué »: published as suppressed (`null`), never as 0. */
  suppressed: boolean;
  unit: string;
}

export interface DraftSource {
  type: string;
  title: string;
  url: string;
}

export interface Draft {
  period: string;
  rows: DraftRow[];
  source: DraftSource;
}

/** The periods published, newest first (2026-Q1 after 2025-12 after 2025). */
export function periodsOf(activity: readonly ActivityCounter[]): string[] {
  return [...new Set(activity.map((c) => c.period))].sort().reverse();
}

/** The period a new draft starts on: the newest published one, else the current year. */
export function defaultPeriod(activity: readonly ActivityCounter[], now: Date): string {
  return periodsOf(activity)[0] ?? String(now.getUTCFullYear());
}

/** The draft of `period`: every metric, with the published value, unit and source when there is one. */
export function draftFor(activity: readonly ActivityCounter[], period: string): Draft {
  const published = activity.filter((c) => c.period === period);
  const byMetric = new Map(published.map((c) => [c.metric, c]));
  const first = published[0] ?? activity[0];
  return {
    period,
    rows: ACTIVITY_METRICS.map((metric) => {
      const c = byMetric.get(metric);
      return {
        metric,
        value: c && c.value !== null ? String(c.value) : '',
        suppressed: c !== undefined && c.value === null,
        unit: c?.unit ?? DEFAULT_UNITS[metric] ?? '',
      };
    }),
    source: {
      type: first?.source.type && first.source.type !== 'demo' ? first.source.type : 'city-report',
      title: first && first.source.type !== 'demo' ? first.source.title : '',
      url: first && first.source.type !== 'demo' ? (first.source.url ?? '') : '',
    },
  };
}

/** A typed count as a number (`12 000`, `12 000` and `12000` alike), or undefined when it is not one. */
export function parseCount(text: string): number | undefined {
  const digits = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d{1,10}$/.test(digits)) return undefined;
  const n = Number(digits);
  return n <= 1e9 ? n : undefined;
}

/** What is wrong with a draft, by field (`period`, `value:<metric>`, `unit:<metric>`, `title`, `url`, `rows`). */
export type DraftErrors = Record<string, 'period' | 'count' | 'unit' | 'title' | 'url' | 'nothing'>;

export function checkDraft(draft: Draft): DraftErrors {
  const errors: DraftErrors = {};
  if (!PERIOD_PATTERN.test(draft.period.trim())) errors.period = 'period';
  let any = false;
  for (const row of draft.rows) {
    if (row.suppressed) any = true;
    else if (row.value.trim() !== '') {
      any = true;
      if (parseCount(row.value) === undefined) errors[`value:${row.metric}`] = 'count';
    } else continue;
    if (row.unit.trim().length < 1 || row.unit.trim().length > 50) errors[`unit:${row.metric}`] = 'unit';
  }
  if (!any) errors.rows = 'nothing';
  const title = draft.source.title.trim();
  if (title.length < 1 || title.length > 200) errors.title = 'title';
  const url = draft.source.url.trim();
  if (url && !/^https?:\/\/[^\s]+$/i.test(url)) errors.url = 'url';
  return errors;
}

/** The counters a draft publishes (only the metrics filled in or marked « non communiqué »). */
export function countersOf(draft: Draft): ActivityCounter[] {
  const url = draft.source.url.trim();
  const source = {
    type: draft.source.type,
    title: draft.source.title.trim(),
    ...(url ? { url } : {}),
  };
  return draft.rows
    .filter((r) => r.suppressed || r.value.trim() !== '')
    .map((r) => ({
      metric: r.metric,
      period: draft.period.trim(),
      value: r.suppressed ? null : (parseCount(r.value) ?? 0),
      unit: r.unit.trim(),
      source,
    })) as ActivityCounter[];
}

/** The body of `PUT /v1/admin/stats/activity` for a checked draft. */
export function inputOf(draft: Draft): ActivityCountersInput {
  return { counters: countersOf(draft) as ActivityCountersInput['counters'] };
}

/**
 * The counters the public widget will show once the draft is published: what is published, with
 * the draft's metrics of its period put in their place (the server replaces those, and only those).
 */
export function previewOf(published: readonly ActivityCounter[], draft: Draft): ActivityCounter[] {
  const next = countersOf(draft);
  const replaced = new Set(next.map((c) => `${c.metric}|${c.period}`));
  return [...published.filter((c) => !replaced.has(`${c.metric}|${c.period}`)), ...next];
}
