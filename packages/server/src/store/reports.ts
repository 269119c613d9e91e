/**
 * The public activity report of a period (`GET /v1/reports/{period}`): gathers, for one year or
 * quarter, what the other public reads already publish — activity counters, meetings held and
 * their reports, priorities and their actions, each service's response figures — with sources.
 * Reads only; no personal data (topics are counted, concerns are never listed).
 */
import {
  periodWithin,
  reportPeriodBounds,
  type ActivityCounter,
  type PublicReport,
  type ReportMeeting,
  type ReportPriority,
  type ReportSource,
  type StatsArea,
} from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { toIso } from '../util.js';
import { allPriorities, cafeFromRow, getSetting, parseBound } from './content.js';
import { loadResponseTimes, localDay } from './response-times.js';

interface MeetingRow {
  id: string;
  data: unknown;
  start_at: Date | string;
  end_at: Date | string;
  district_id: string | null;
  status: string;
  sequence: number;
  created_at: Date | string;
  updated_at: Date | string;
  report: { attendance: number | null; topics: unknown[]; demo?: boolean } | null;
}

/** Meetings held in [start, end]: not cancelled and already over at `now`, oldest first. */
async function meetingsHeld(
  db: Queryable,
  start: string,
  end: string,
  now: Date,
): Promise<{ items: ReportMeeting[]; demo: boolean }> {
  const rows = await db.query<MeetingRow>(
    `SELECT c.id, c.data, c.start_at, c.end_at, c.district_id, c.status, c.sequence, c.created_at,
       c.updated_at, r.data AS report
     FROM cafes c LEFT JOIN cafe_reports r ON r.cafe_id = c.id
     WHERE c.start_at >= $1 AND c.start_at <= $2 AND c.end_at <= $3 AND c.status <> 'cancelled'
     ORDER BY c.start_at, c.id LIMIT 2000`,
    [parseBound(start).toISOString(), parseBound(end, true).toISOString(), now.toISOString()],
  );
  let demo = false;
  const items = rows.map((row): ReportMeeting => {
    const cafe = cafeFromRow(row as Parameters<typeof cafeFromRow>[0]);
    if (row.report?.demo === true) demo = true;
    return {
      cafeId: cafe.id,
      title: cafe.title,
      start: cafe.start,
      placeName: cafe.place.name,
      districtId: cafe.districtId,
      attendance: row.report?.attendance ?? null,
      topicCount: row.report?.topics.length ?? 0,
      hasReport: row.report !== null,
    };
  });
  return { items, demo };
}

/**
 * Concerns submitted in [start, end], and those of them resolved (as the response figures count).
 * Conduct complaints routed to an independent instance (`restricted`) are in no public figure.
 */
async function concernCounts(
  db: Queryable,
  start: string,
  end: string,
): Promise<{ received: number; resolved: number }> {
  const rows = await db.query<{ received: number | string; resolved: number | string }>(
    `SELECT count(*) AS received, count(*) FILTER (WHERE status = 'resolved') AS resolved FROM concerns
     WHERE submitted_at >= $1 AND submitted_at <= $2 AND NOT quarantined AND NOT restricted
       AND duplicate_of IS NULL AND status <> 'duplicate'`,
    [parseBound(start).toISOString(), parseBound(end, true).toISOString()],
  );
  return { received: Number(rows[0]?.received ?? 0), resolved: Number(rows[0]?.resolved ?? 0) };
}

/** Priorities raised in the period, or acted on in it, with the actions dated in it. */
async function prioritiesOf(
  db: Queryable,
  start: string,
  end: string,
): Promise<{ items: ReportPriority[]; demo: boolean }> {
  const inPeriod = (date: string) => date >= start && date <= end;
  let demo = false;
  const items: ReportPriority[] = [];
  for (const p of await allPriorities(db, { max: 5000 })) {
    const actions = (p.actions ?? []).filter((a) => inPeriod(a.date));
    if (!inPeriod(p.issueDate) && actions.length === 0) continue;
    if (p.demo === true) demo = true;
    items.push({
      id: p.id,
      issue: p.issue,
      issueDate: p.issueDate,
      status: p.status,
      districtId: p.districtId ?? null,
      concernCount: p.sources.concernCount ?? p.sources.concernReferences.length,
      actions,
    });
  }
  items.sort((a, b) =>
    a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : a.id < b.id ? -1 : 1,
  );
  return { items, demo };
}

/** The sources of the activity counters, each named once. */
function counterSources(counters: readonly ActivityCounter[]): ReportSource[] {
  const seen = new Map<string, ReportSource>();
  for (const c of counters) {
    const key = `${c.source.title}\u0000${c.source.url ?? ''}`;
    if (!seen.has(key))
      seen.set(key, {
        part: 'activity',
        title: { fr: c.source.title },
        ...(c.source.url !== undefined ? { url: c.source.url } : {}),
        demo: c.source.type === 'demo',
      });
  }
  return [...seen.values()];
}

/**
 * The report of `period`, or `undefined` when it is not a period or has not started at `now`.
 * `city` is the city's area and its activity counters (as `GET /v1/stats` publishes them).
 */
export async function buildPublicReport(
  db: Queryable,
  period: string,
  city: { area: Pick<StatsArea, 'code' | 'name'>; activity: readonly ActivityCounter[] },
  now: Date,
): Promise<PublicReport | undefined> {
  const area = city.area;
  const bounds = reportPeriodBounds(period);
  const today = localDay(now);
  if (bounds === undefined || bounds.start > today) return undefined;
  const { start, end } = bounds;
  const activity = city.activity.filter((c) => periodWithin(c.period, period));
  const meetings = await meetingsHeld(db, start, end, now);
  const priorities = await prioritiesOf(db, start, end);
  const concerns = await concernCounts(db, start, end);
  const responses = await loadResponseTimes(db, now, { start, end: end < today ? end : today });
  const demoData = (await getSetting(db, 'demo-data')) !== undefined;
  const counted = meetings.items.filter((m) => m.attendance !== null);
  const sources: ReportSource[] = [
    ...counterSources(activity),
    {
      part: 'concerns',
      title: {
        fr: 'Signalements reçus par Proximité (hors doublons et signalements mis de côté)',
        en: 'Concerns received by Proximité (duplicates and set-aside concerns excluded)',
      },
      demo: demoData,
    },
    {
      part: 'meetings',
      title: {
        fr: 'Comptes rendus publics des rencontres (Proximité, GET /v1/meeting-reports)',
        en: 'Public reports of the meetings (Proximité, GET /v1/meeting-reports)',
      },
      demo: meetings.demo,
    },
    {
      part: 'priorities',
      title: {
        fr: '« Vous avez dit, nous avons fait » (Proximité, GET /v1/priorities)',
        en: '“You said, we did” (Proximité, GET /v1/priorities)',
      },
      demo: priorities.demo,
    },
    {
      part: 'responses',
      title: {
        fr: 'Délais calculés par le serveur à partir des signalements (Proximité, GET /v1/stats)',
        en: 'Times computed by the server from the concerns (Proximité, GET /v1/stats)',
      },
      demo: responses.demo === true,
    },
  ];
  return {
    period: { id: period, start, end, complete: end < today },
    area: { code: area.code, name: area.name },
    concerns,
    activity,
    meetings: {
      held: meetings.items.length,
      attendance: counted.length === 0 ? null : counted.reduce((n, m) => n + (m.attendance ?? 0), 0),
      items: meetings.items,
    },
    priorities: {
      raised: priorities.items.filter((p) => p.issueDate >= start && p.issueDate <= end).length,
      actionsDone: priorities.items.reduce(
        (n, p) => n + p.actions.filter((a) => a.status === 'done').length,
        0,
      ),
      items: priorities.items,
    },
    responses: {
      figures: responses.figures.filter((f) => periodWithin(f.period, period)),
      minimum: responses.minimum,
      method: responses.method,
    },
    sources,
    generatedAt: toIso(now),
    demo: demoData || sources.some((s) => s.demo),
  };
}
