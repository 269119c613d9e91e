/** Public meeting reports of past cafés (SQL only: the audited writes are in services/cafes.ts). */
import type { AdminMeetingReport, MeetingReport, MeetingReportInput, PastMeeting } from '@proximite/contract';
import { DEFAULT_PAGE_LIMIT } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { AppError } from '../errors.js';
import { toIso } from '../util.js';
import { cafeFromRow, parseBound, publicCafe } from './content.js';
import { decodeCursor, encodeCursor, isPairCursor } from './context.js';

/** What is stored: the public report, and the concerns each topic was linked to (staff only). */
interface StoredReport {
  attendance: number | null;
  topics: {
    title: MeetingReport['topics'][number]['title'];
    concernReferences: string[];
    concernCount: number;
    priorityId?: string;
  }[];
  answers: MeetingReport['answers'];
  followUps: MeetingReport['followUps'];
  demo?: boolean;
}

interface ReportRow {
  id: string;
  data: unknown;
  start_at: Date | string;
  end_at: Date | string;
  district_id: string | null;
  status: string;
  sequence: number;
  created_at: Date | string;
  updated_at: Date | string;
  report: StoredReport;
  published_at: Date | string;
  report_updated_at: Date | string;
}

const SELECT = `SELECT c.id, c.data, c.start_at, c.end_at, c.district_id, c.status, c.sequence, c.created_at,
  c.updated_at, r.data AS report, r.published_at, r.updated_at AS report_updated_at
  FROM cafe_reports r JOIN cafes c ON c.id = r.cafe_id`;

function pastMeeting(row: ReportRow): PastMeeting {
  const cafe = publicCafe(cafeFromRow(row as Parameters<typeof cafeFromRow>[0]));
  const r = row.report;
  return {
    cafe,
    report: {
      cafeId: cafe.id,
      attendance: r.attendance,
      topics: r.topics.map((t) => ({
        title: t.title,
        concernCount: t.concernCount,
        ...(t.priorityId !== undefined ? { priorityId: t.priorityId } : {}),
      })),
      answers: r.answers,
      followUps: r.followUps,
      publishedAt: toIso(row.published_at),
      updatedAt: toIso(row.report_updated_at),
      ...(r.demo === true ? { demo: true } : {}),
    },
  };
}

export async function getMeetingReport(db: Queryable, cafeId: string): Promise<PastMeeting | undefined> {
  const rows = await db.query<ReportRow>(`${SELECT} WHERE c.id = $1`, [cafeId]);
  return rows[0] === undefined ? undefined : pastMeeting(rows[0]);
}

/** A café's stored report as `PUT` takes it, with its concern references (staff only). */
export async function getStoredMeetingReport(
  db: Queryable,
  cafeId: string,
): Promise<AdminMeetingReport | undefined> {
  const rows = await db.query<{
    cafe_id: string;
    data: StoredReport;
    published_at: Date | string;
    updated_at: Date | string;
  }>('SELECT cafe_id, data, published_at, updated_at FROM cafe_reports WHERE cafe_id = $1', [cafeId]);
  const row = rows[0];
  if (row === undefined) return undefined;
  const r = row.data;
  return {
    cafeId: row.cafe_id,
    report: {
      attendance: r.attendance,
      topics: r.topics.map((t) => ({
        title: t.title,
        concernReferences: t.concernReferences,
        concernCount: t.concernCount,
        ...(t.priorityId !== undefined ? { priorityId: t.priorityId } : {}),
      })),
      answers: r.answers,
      followUps: r.followUps,
    },
    publishedAt: toIso(row.published_at),
    updatedAt: toIso(row.updated_at),
    ...(r.demo === true ? { demo: true } : {}),
  };
}

/** Past meetings with a report, most recent first. */
export async function listMeetingReports(
  db: Queryable,
  q: {
    district?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit?: number | undefined;
    cursor?: string | undefined;
  },
): Promise<{ items: PastMeeting[]; nextCursor: string | null }> {
  const limit = q.limit ?? DEFAULT_PAGE_LIMIT;
  const params: unknown[] = [];
  const where: string[] = ['TRUE'];
  if (q.district !== undefined) {
    params.push(q.district);
    where.push(`c.district_id = $${params.length}`);
  }
  if (q.from !== undefined) {
    params.push(parseBound(q.from).toISOString());
    where.push(`c.start_at >= $${params.length}`);
  }
  if (q.to !== undefined) {
    params.push(parseBound(q.to, true).toISOString());
    where.push(`c.start_at <= $${params.length}`);
  }
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor, isPairCursor);
    if (c === undefined)
      throw new AppError('badRequest', 'Invalid cursor.', {
        errors: [{ path: 'cursor', message: 'invalid cursor' }],
      });
    params.push(c[0], c[1]);
    where.push(`(c.start_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(limit + 1);
  const rows = await db.query<ReportRow>(
    `${SELECT} WHERE ${where.join(' AND ')} ORDER BY c.start_at DESC, c.id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(pastMeeting),
    nextCursor:
      rows.length > limit && last !== undefined ? encodeCursor([toIso(last.start_at), last.id]) : null,
  };
}

/** Publishes (or replaces) a café's report; `undefined` when there is no such café. */
export async function putMeetingReport(
  db: Queryable,
  now: Date,
  cafeId: string,
  input: MeetingReportInput,
  options: { demo?: boolean } = {},
): Promise<PastMeeting | undefined> {
  if ((await db.query('SELECT 1 FROM cafes WHERE id = $1', [cafeId])).length === 0) return undefined;
  for (const [i, topic] of input.topics.entries()) {
    for (const [j, ref] of (topic.concernReferences ?? []).entries()) {
      if ((await db.query('SELECT 1 FROM concerns WHERE reference = $1', [ref])).length === 0)
        throw new AppError('validation', 'Unknown concern reference.', {
          errors: [{ path: `topics.${i}.concernReferences.${j}`, message: 'unknown concern' }],
        });
    }
  }
  const priorityIds = [
    ...input.topics.map((t, i) => [t.priorityId, `topics.${i}.priorityId`] as const),
    ...input.followUps.map((f, i) => [f.priorityId, `followUps.${i}.priorityId`] as const),
  ];
  for (const [id, path] of priorityIds) {
    if (id !== undefined && (await db.query('SELECT 1 FROM priorities WHERE id = $1', [id])).length === 0)
      throw new AppError('validation', 'Unknown priority.', {
        errors: [{ path, message: 'unknown priority' }],
      });
  }
  const data: StoredReport = {
    attendance: input.attendance,
    topics: input.topics.map((t) => ({
      title: t.title,
      concernReferences: t.concernReferences ?? [],
      concernCount: t.concernCount ?? t.concernReferences?.length ?? 0,
      ...(t.priorityId !== undefined ? { priorityId: t.priorityId } : {}),
    })),
    answers: input.answers,
    followUps: input.followUps,
    ...(options.demo === true ? { demo: true } : {}),
  };
  await db.query(
    `INSERT INTO cafe_reports (cafe_id, data, published_at, updated_at) VALUES ($1, $2::jsonb, $3, $3)
     ON CONFLICT (cafe_id) DO UPDATE SET data = $2::jsonb, updated_at = $3`,
    [cafeId, JSON.stringify(data), now.toISOString()],
  );
  return getMeetingReport(db, cafeId);
}

/** Withdraws a café's report; `false` when there was none. */
export async function deleteMeetingReport(db: Queryable, cafeId: string): Promise<boolean> {
  return (
    (await db.query('DELETE FROM cafe_reports WHERE cafe_id = $1 RETURNING cafe_id', [cafeId])).length > 0
  );
}
