/**
 * Pure view logic of <prox-activity-stats>: filtering a dataset, key figures, the data table and
 * its CSV, the chart's summary. No DOM. Every text a resident reads goes through a {@link ViewText}
 * (the widget passes its localized messages and Intl formatters), so what the table shows, what the
 * CSV holds and what the tests check are the same strings.
 */
import type { StatsDataset, StatsPoint, StatsSeries } from '@proximite/contract';

export interface ViewQuery {
  indicators?: readonly string[] | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

/** Parses the `indicators` attribute (`a, b,c`) into ids. */
export function parseIndicators(value: string | null | undefined): string[] | undefined {
  const ids = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return ids.length ? ids : undefined;
}

const inRange = (p: StatsPoint, q: ViewQuery) =>
  (q.from === undefined || p.year >= q.from) && (q.to === undefined || p.year <= q.to);

/**
 * The dataset restricted to the wanted indicators and years. A source that ignores the query (a
 * static file) thus shows the same as an API that applied it.
 */
export function filterDataset(dataset: StatsDataset, query: ViewQuery): StatsDataset {
  const wanted = query.indicators?.length ? new Set(query.indicators) : undefined;
  const pick = (series: StatsSeries[]) =>
    series
      .filter((s) => !wanted || wanted.has(s.indicatorId))
      .map((s) => ({
        ...s,
        points: s.points.filter((p) => inRange(p, query)).sort((a, b) => a.year - b.year),
      }));
  const result: StatsDataset = { ...dataset, series: pick(dataset.series) };
  if (dataset.comparisons)
    result.comparisons = dataset.comparisons.map((c) => ({ ...c, series: pick(c.series) }));
  return result;
}

/** Change of the latest published value against the year before it. */
export interface KeyFigure {
  latest: StatsPoint | undefined;
  previous: StatsPoint | undefined;
  /** null when either value is not published (never computed from a missing value). */
  change: { absolute: number; relative: number | null } | null;
}

/**
 * Below this previous-year count, the change is given as a difference only, never a percentage:
 * on small counts a percentage exaggerates what chance alone produces (3 → 4 homicides reads
 * "+33 %"; a count of 10 varies by about ±3 from year to year).
 */
export const MIN_COUNT_FOR_PERCENT = 50;

export function keyFigure(series: StatsSeries): KeyFigure {
  const points = series.points;
  const latest = points[points.length - 1];
  const previous = points[points.length - 2];
  const computable =
    latest?.published && previous?.published && latest.count !== null && previous.count !== null;
  const change = computable
    ? {
        absolute: latest.count! - previous.count!,
        relative:
          previous.count! < MIN_COUNT_FOR_PERCENT
            ? null
            : (latest.count! - previous.count!) / previous.count!,
      }
    : null;
  return { latest, previous, change };
}

/** The text functions the view needs: localized messages and number formats. */
export interface ViewText {
  /** `1 192` / `1,192`. */
  count(value: number): string;
  /** `3,85 ‰` / `3.85‰`. */
  rate(value: number): string;
  /** « non communiqué (secret statistique) » / "not published (statistical secrecy)". */
  suppressed: string;
  /** A value that is simply absent from the data (no row). */
  missing: string;
  year: string;
  provisional(year: number): string;
  countHeader(series: StatsSeries): string;
  rateHeader(series: StatsSeries): string;
  comparisonHeader(areaName: string): string;
}

export interface DataTable {
  head: string[];
  rows: string[][];
}

/** Formats a point's count: the number, or the suppression text (never 0). */
export function countCell(point: StatsPoint | undefined, text: ViewText): string {
  if (!point) return text.missing;
  if (!point.published) return text.suppressed;
  return point.count === null ? text.missing : text.count(point.count);
}

export function rateCell(point: StatsPoint | undefined, text: ViewText): string {
  if (!point) return text.missing;
  if (!point.published) return text.suppressed;
  return point.rate === null ? text.missing : text.rate(point.rate);
}

/**
 * The data table of one indicator: a row per year with the count, the rate and each comparison
 * area's rate for that year. The CSV download is built from exactly this.
 */
export function buildTable(dataset: StatsDataset, series: StatsSeries, text: ViewText): DataTable {
  const comparisons = (dataset.comparisons ?? []).map((c) => ({
    name: c.area.name,
    series: c.series.find((s) => s.indicatorId === series.indicatorId),
  }));
  const head = [text.year, text.countHeader(series)];
  if (series.rate) head.push(text.rateHeader(series));
  for (const c of comparisons) head.push(text.comparisonHeader(c.name));
  const rows = series.points.map((p) => {
    const row = [p.provisional ? text.provisional(p.year) : String(p.year), countCell(p, text)];
    if (series.rate) row.push(rateCell(p, text));
    for (const c of comparisons)
      row.push(
        rateCell(
          c.series?.points.find((q) => q.year === p.year),
          text,
        ),
      );
    return row;
  });
  return { head, rows };
}

// Spreadsheet software runs a cell that starts with one of these as a formula.
const FORMULA_START = /^[=+@\t\r]|^-(?!\d)/;

/** One CSV field: quoted when needed, formula-looking text defused with a leading apostrophe. */
function csvField(value: string, separator: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The table as CSV (RFC 4180, CRLF). French uses `;` (its decimal separator is the comma), English `,`.
 * The cells are the table's own strings, so the file holds exactly what is shown.
 */
export function toCsv(table: DataTable, separator: ';' | ','): string {
  return (
    [table.head, ...table.rows]
      .map((row) => row.map((c) => csvField(c, separator)).join(separator))
      .join('\r\n') + '\r\n'
  );
}

/** The points with a published count, for the chart summary. */
export function publishedCounts(series: StatsSeries): { year: number; count: number }[] {
  return series.points.flatMap((p) =>
    p.published && p.count !== null ? [{ year: p.year, count: p.count }] : [],
  );
}

/** Lowest and highest published counts (first year on ties), and how many years are not published. */
export function summarize(series: StatsSeries): {
  min?: { year: number; count: number };
  max?: { year: number; count: number };
  last?: { year: number; count: number };
  suppressed: number;
} {
  const values = publishedCounts(series);
  const suppressed = series.points.filter((p) => !p.published).length;
  if (!values.length) return { suppressed };
  let min = values[0]!;
  let max = values[0]!;
  for (const v of values) {
    if (v.count < min.count) min = v;
    if (v.count > max.count) max = v;
  }
  return { min, max, last: values[values.length - 1], suppressed };
}
