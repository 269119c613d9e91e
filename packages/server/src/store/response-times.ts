/** Reads what the response figures are computed from (SQL only; the computation is response-times.ts). */
import type { LocalizedText, ResponseTimes } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import {
  MIN_CONCERNS,
  RESPONSE_METHOD,
  responseFigures,
  type ConcernTiming,
  type Target,
  type TargetUnit,
} from '../response-times.js';
import { isoInZone } from '../util.js';
import { CITY_TIME_ZONE, getSetting } from './content.js';

/** How many quarters back the figures go (the current one included). */
const QUARTERS = 5;

/** The day (`YYYY-MM-DD`) an instant falls on in the city's zone. */
export const localDay = (d: Date | string) => isoInZone(new Date(d), CITY_TIME_ZONE).slice(0, 10);

/**
 * The published handling-time targets by service: the services' own `target_days` / `target_unit`
 * columns when the backend has them (routing and delivery), else the `service-targets` setting
 * (`{ "<service id>": { "days": 5, "unit": "working-days" } }`).
 */
async function targets(db: Queryable): Promise<Map<string, Target>> {
  const out = new Map<string, Target>();
  const setting = await getSetting<Record<string, Target>>(db, 'service-targets');
  for (const [id, t] of Object.entries(setting ?? {})) out.set(id, t);
  const columns = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'services' AND column_name IN ('target_days', 'target_unit')`,
  );
  if (columns.length === 2) {
    const rows = await db.query<{ id: string; target_days: number | null; target_unit: string | null }>(
      'SELECT id, target_days, target_unit FROM services WHERE target_days IS NOT NULL',
    );
    for (const r of rows)
      out.set(r.id, {
        days: Number(r.target_days),
        unit: (r.target_unit === 'calendar-days' ? 'calendar-days' : 'working-days') as TargetUnit,
      });
  }
  return out;
}

/**
 * The response figures of every service, computed from the concerns: over the last quarters, or
 * over the concerns submitted between `range.start` and `range.end` (local days, inclusive).
 */
export async function loadResponseTimes(
  db: Queryable,
  now: Date,
  range?: { start: string; end: string },
): Promise<ResponseTimes> {
  const today = localDay(now);
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  // The first day of the quarter QUARTERS - 1 quarters back (local), and an instant before it.
  const q0 = year * 4 + Math.floor((month - 1) / 3) - (QUARTERS - 1);
  const startYear = range === undefined ? Math.floor(q0 / 4) : Number(range.start.slice(0, 4));
  const startMonth = range === undefined ? (q0 % 4) * 3 + 1 : Number(range.start.slice(5, 7));
  const start = range?.start ?? `${startYear}-${String(startMonth).padStart(2, '0')}-01`;
  const end = range?.end ?? today;
  const since = new Date(Date.UTC(startYear, startMonth - 1, Number(start.slice(8, 10))) - 3 * 3_600_000);
  const rows = await db.query<{
    service_id: string | null;
    service_name: LocalizedText | null;
    submitted_at: Date | string;
    first_answer_at: Date | string | null;
    resolved_at: Date | string | null;
    verdict: boolean | null;
  }>(
    `SELECT c.service->>'id' AS service_id, c.service->'name' AS service_name, c.submitted_at,
       (SELECT min(u.at) FROM concern_updates u
         WHERE u.concern_id = c.id AND u.at >= c.submitted_at AND u.status <> 'received') AS first_answer_at,
       CASE WHEN c.status = 'resolved' THEN c.closed_at END AS resolved_at,
       v.resolved AS verdict
     FROM concerns c LEFT JOIN concern_verdicts v ON v.concern_id = c.id
     WHERE NOT c.quarantined AND NOT c.restricted AND c.duplicate_of IS NULL AND c.status <> 'duplicate'
       AND c.submitted_at >= $1`,
    [since.toISOString()],
  );
  const names = new Map<string, LocalizedText>();
  const timings: ConcernTiming[] = [];
  for (const r of rows) {
    if (r.service_id === null) continue;
    const submitted = localDay(r.submitted_at);
    if (submitted < start || submitted > end) continue;
    if (r.service_name !== null && !names.has(r.service_id)) names.set(r.service_id, r.service_name);
    timings.push({
      serviceId: r.service_id,
      submitted,
      firstAnswer: r.first_answer_at === null ? null : localDay(r.first_answer_at),
      resolved: r.resolved_at === null ? null : localDay(r.resolved_at),
      // The share of « not resolved » is over the residents who answered the question.
      ...(r.verdict !== null ? { verdictAsked: true, notResolvedVerdict: !r.verdict } : {}),
    });
  }
  const demo = (await getSetting(db, 'demo-data')) !== undefined;
  return {
    figures: responseFigures(timings, await targets(db), today).map((f) => ({
      ...f,
      serviceName: names.get(f.serviceId) ?? { fr: f.serviceId },
    })),
    minimum: MIN_CONCERNS,
    method: RESPONSE_METHOD,
    computedAt: now.toISOString(),
    ...(demo ? { demo: true } : {}),
  };
}
