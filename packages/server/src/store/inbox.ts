/**
 * The staff inbox: concerns filtered, sorted and paged by keyset (every sort order is `(key, id)`,
 * each backed by an index of migration 010), with due dates and assignees; who a concern can be
 * assigned to; a concern's internal history.
 */
import { DEFAULT_PAGE_LIMIT, ROLE_SCOPES, SERVICE_BOUND_ROLES } from '@proximite/contract';
import type {
  AdminConcernListQuery,
  ConcernEvent,
  InboxItem,
  InboxSort,
  LocalizedText,
  ServiceRef,
  StaffRef,
} from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { AppError } from '../errors.js';
import { toIso } from '../util.js';
import type { Reach } from './reach.js';
import { reachSql } from './reach.js';
import { parseBound } from './content.js';
import { decodeCursor, encodeCursor } from './context.js';

/** Who lists: what they reach, and their staff id (for `assignee=me`; none for a token). */
export interface InboxReader {
  reach?: Reach | undefined;
  staffId?: string | undefined;
}

const DAY_MS = 86_400_000;
const REFERENCE_PREFIX = /^prx-[0-9a-z-]*$/i;

/** Sort orders: the SQL key, its direction, and the cursor comparison. */
const SORTS: Record<InboxSort, { key: string; desc: boolean }> = {
  '-received': { key: 'c.submitted_at', desc: true },
  received: { key: 'c.submitted_at', desc: false },
  due: { key: "COALESCE(c.due_at, 'infinity'::timestamptz)", desc: false },
  '-due': { key: "COALESCE(c.due_at, '-infinity'::timestamptz)", desc: true },
};

function isInboxCursor(v: unknown): v is [InboxSort, string, string] {
  return (
    Array.isArray(v) &&
    v.length === 3 &&
    typeof v[0] === 'string' &&
    Object.hasOwn(SORTS, v[0]) &&
    typeof v[1] === 'string' &&
    typeof v[2] === 'string'
  );
}

function badCursor(): AppError {
  return new AppError('badRequest', 'Invalid cursor.', {
    errors: [{ path: 'cursor', message: 'invalid cursor (or one from another sort order)' }],
  });
}

/** The WHERE clause of the filters of `q` (without the cursor), its parameters appended to `params`. */
export function inboxWhere(
  q: AdminConcernListQuery,
  reader: InboxReader,
  now: Date,
  params: unknown[],
): string {
  const where: string[] = [reachSql(reader.reach, params, 'c')];
  const add = (sql: string, ...values: unknown[]) => {
    let out = sql;
    for (const value of values) {
      params.push(value);
      out = out.replace('?', `$${params.length}`);
    }
    where.push(out);
  };
  if (q.status !== undefined) {
    const statuses = [...new Set(q.status.split(','))];
    if (statuses.length === 1) add('c.status = ?', statuses[0]);
    else add(`c.status IN (${statuses.map(() => '?').join(', ')})`, ...statuses);
  }
  if (q.category !== undefined) add('c.category_code = ?', q.category);
  if (q.service !== undefined) add("c.service->>'id' = ?", q.service);
  if (q.district !== undefined) add('c.district_id = ?', q.district);
  if (q.assignee !== undefined) {
    if (q.assignee === 'none') where.push('c.assignee_id IS NULL');
    else if (q.assignee === 'me') {
      if (reader.staffId === undefined)
        throw new AppError('badRequest', 'assignee=me needs a staff session (a token is nobody).', {
          errors: [{ path: 'assignee', message: 'me: no staff member' }],
        });
      add('c.assignee_id = ?', reader.staffId);
    } else add('c.assignee_id = ?', q.assignee);
  }
  if (q.overdue !== undefined) {
    params.push(now.toISOString());
    const overdue = `(c.closed_at IS NULL AND c.due_at < $${params.length})`;
    where.push(q.overdue === 'true' ? overdue : `NOT COALESCE(${overdue}, false)`);
  }
  if (q.quarantined !== undefined) add('c.quarantined = ?', q.quarantined === 'true');
  if (q.q !== undefined) {
    const text = q.q.trim();
    if (REFERENCE_PREFIX.test(text)) add('c.reference LIKE ?', `${text.toUpperCase()}%`);
    else add("to_tsvector('french', c.description) @@ plainto_tsquery('french', ?)", text);
  }
  if (q.from !== undefined) add('c.submitted_at >= ?', parseBound(q.from).toISOString());
  if (q.to !== undefined) add('c.submitted_at <= ?', parseBound(q.to, true).toISOString());
  return where.join(' AND ');
}

interface InboxRow {
  id: string;
  reference: string;
  category_code: string;
  category_label: LocalizedText | null;
  district_id: string | null;
  district_name: string | null;
  service: ServiceRef;
  status: string;
  submitted_at: Date | string;
  updated_at: Date | string;
  due_at: Date | string | null;
  closed_at: Date | string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  quarantined: boolean;
  duplicate_of: string | null;
  excerpt: string;
  verdict_resolved: boolean | null;
  verdict_comment: string | null;
  verdict_at: Date | string | null;
}

const INBOX_COLUMNS = `c.id, c.reference, c.category_code, cat.data->'label' AS category_label, c.district_id,
  d.name AS district_name, c.service, c.status, c.submitted_at, c.updated_at, c.due_at, c.closed_at, c.assignee_id,
  st.display_name AS assignee_name, c.quarantined, c.duplicate_of, left(c.description, 160) AS excerpt,
  v.resolved AS verdict_resolved, v.comment AS verdict_comment, v.at AS verdict_at`;
const INBOX_JOINS = `LEFT JOIN categories cat ON cat.code = c.category_code
  LEFT JOIN districts d ON d.id = c.district_id
  LEFT JOIN staff st ON st.id = c.assignee_id
  LEFT JOIN concern_verdicts v ON v.concern_id = c.id`;

function toItem(r: InboxRow, now: Date): InboxItem {
  const received = new Date(r.submitted_at);
  const due = r.due_at === null ? null : new Date(r.due_at);
  return {
    reference: r.reference,
    categoryCode: r.category_code,
    ...(r.category_label !== null ? { category: r.category_label } : {}),
    districtId: r.district_id,
    district: r.district_name,
    service: r.service,
    status: r.status,
    receivedAt: received.toISOString(),
    updatedAt: toIso(r.updated_at),
    ageDays: Math.max(0, Math.floor((now.getTime() - received.getTime()) / DAY_MS)),
    dueAt: due?.toISOString() ?? null,
    overdue: r.closed_at === null && due !== null && due.getTime() < now.getTime(),
    assignee:
      r.assignee_id === null ? null : { id: r.assignee_id, displayName: r.assignee_name ?? r.assignee_id },
    quarantined: r.quarantined,
    duplicateOf: r.duplicate_of,
    excerpt: r.excerpt,
    ...(r.verdict_resolved !== null && r.verdict_at !== null
      ? {
          verdict: {
            resolved: r.verdict_resolved,
            at: toIso(r.verdict_at),
            ...(r.verdict_comment !== null ? { comment: r.verdict_comment } : {}),
          },
        }
      : {}),
  };
}

function sortKeyOf(sort: InboxSort, r: InboxRow): string {
  if (sort === 'due' || sort === '-due')
    return r.due_at === null ? (sort === 'due' ? 'infinity' : '-infinity') : toIso(r.due_at);
  return toIso(r.submitted_at);
}

/** What a page selects beyond the inbox's columns (the CSV export's). */
interface Extra {
  columns: string;
  joins: string;
}

/** One page of rows for `q` (its filters, sort and cursor) and the cursor after it. */
async function selectPage<Row extends InboxRow>(
  db: Queryable,
  q: AdminConcernListQuery,
  reader: InboxReader,
  now: Date,
  limit: number,
  extra: Extra = { columns: '', joins: '' },
): Promise<{ rows: Row[]; nextCursor: string | null; filters: string; filterParams: unknown[] }> {
  const sort: InboxSort = q.sort ?? '-received';
  const { key, desc } = SORTS[sort];
  const params: unknown[] = [];
  const filters = inboxWhere(q, reader, now, params);
  const filterParams = [...params];
  let where = filters;
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor, isInboxCursor);
    const validKey =
      c !== undefined &&
      (/^-?infinity$/.test(c[1]) || (/^\d{4}-\d{2}-\d{2}T/.test(c[1]) && !Number.isNaN(Date.parse(c[1]))));
    if (c === undefined || c[0] !== sort || !validKey) throw badCursor();
    params.push(c[1], c[2]);
    where += ` AND (${key}, c.id) ${desc ? '<' : '>'} ($${params.length - 1}::timestamptz, $${params.length})`;
  }
  params.push(limit + 1);
  const dir = desc ? 'DESC' : 'ASC';
  const rows = await db.query<Row>(
    `SELECT ${INBOX_COLUMNS}${extra.columns} FROM concerns c ${INBOX_JOINS} ${extra.joins}
     WHERE ${where} ORDER BY ${key} ${dir}, c.id ${dir} LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor:
      rows.length > limit && last !== undefined ? encodeCursor([sort, sortKeyOf(sort, last), last.id]) : null,
    filters,
    filterParams,
  };
}

/** How many concerns the filters of `q` match (every page). */
export async function countInbox(
  db: Queryable,
  q: AdminConcernListQuery,
  reader: InboxReader,
  now: Date,
): Promise<number> {
  const params: unknown[] = [];
  const filters = inboxWhere(q, reader, now, params);
  const count = await db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM concerns c WHERE ${filters}`,
    params,
  );
  return Number(count[0]?.n ?? 0);
}

/** One page of the inbox (its items, the next cursor, and the number of concerns the filters match). */
export async function listInbox(
  db: Queryable,
  q: AdminConcernListQuery,
  reader: InboxReader,
  now: Date,
  options: { total?: boolean } = {},
): Promise<{ items: InboxItem[]; nextCursor: string | null; total?: number }> {
  const page = await selectPage(db, q, reader, now, q.limit ?? DEFAULT_PAGE_LIMIT);
  const result: { items: InboxItem[]; nextCursor: string | null; total?: number } = {
    items: page.rows.map((r) => toItem(r, now)),
    nextCursor: page.nextCursor,
  };
  if (options.total !== false) {
    const count = await db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM concerns c WHERE ${page.filters}`,
      page.filterParams,
    );
    result.total = Number(count[0]?.n ?? 0);
  }
  return result;
}

/** A concern as the CSV export has it: the inbox's item, its whole text and address, maybe its contact. */
export interface ExportRow {
  item: InboxItem;
  description: string;
  address: string | null;
  contact?: { name: string | null; email: string | null; phone: string | null; preferred: string | null };
}

/**
 * Every concern `q` matches, in its sort, page by page (keyset: a page costs the same wherever it
 * is), with the contact details when `withContacts`.
 */
export async function* exportInbox(
  db: Queryable,
  q: AdminConcernListQuery,
  reader: InboxReader,
  now: Date,
  withContacts: boolean,
  pageSize = 500,
): AsyncGenerator<ExportRow[]> {
  const extra: Extra = {
    columns:
      ", c.description, c.location->>'address' AS address" +
      (withContacts
        ? ', cc.name AS contact_name, cc.email AS contact_email, cc.phone AS contact_phone, cc.preferred AS contact_preferred'
        : ''),
    joins: withContacts ? 'LEFT JOIN concern_contacts cc ON cc.concern_id = c.id' : '',
  };
  type Row = InboxRow & {
    description: string;
    address: string | null;
    contact_name?: string | null;
    contact_email?: string | null;
    contact_phone?: string | null;
    contact_preferred?: string | null;
  };
  let cursor: string | undefined;
  do {
    const page = await selectPage<Row>(
      db,
      { ...q, ...(cursor !== undefined ? { cursor } : {}) },
      reader,
      now,
      pageSize,
      extra,
    );
    yield page.rows.map((r) => ({
      item: toItem(r, now),
      description: r.description,
      address: r.address,
      ...(withContacts
        ? {
            contact: {
              name: r.contact_name ?? null,
              email: r.contact_email ?? null,
              phone: r.contact_phone ?? null,
              preferred: r.contact_preferred ?? null,
            },
          }
        : {}),
    }));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** Roles whose scopes include triage (the roles a concern can be assigned to). */
const TRIAGE_ROLES: readonly string[] = Object.entries(ROLE_SCOPES)
  .filter(([, scopes]) => (scopes as readonly string[]).includes('concerns:triage'))
  .map(([role]) => role);

/**
 * Who a concern routed to `service` can be assigned to: active staff whose role triages concerns;
 * an agent only when a member of the service; for a restricted concern (a conduct complaint), the
 * service's members alone.
 */
export async function assignableStaff(
  db: Queryable,
  concern: { service: ServiceRef; restricted: boolean },
  onlyId?: string,
): Promise<StaffRef[]> {
  const params: unknown[] = [
    JSON.stringify(TRIAGE_ROLES),
    concern.service.id,
    JSON.stringify(SERVICE_BOUND_ROLES),
  ];
  const member = 'EXISTS (SELECT 1 FROM staff_services ss WHERE ss.staff_id = s.id AND ss.service_id = $2)';
  const where = [
    's.disabled_at IS NULL',
    's.role IN (SELECT jsonb_array_elements_text($1::jsonb))',
    concern.restricted
      ? member
      : `(s.role NOT IN (SELECT jsonb_array_elements_text($3::jsonb)) OR ${member})`,
  ];
  if (onlyId !== undefined) {
    params.push(onlyId);
    where.push(`s.id = $${params.length}`);
  }
  const rows = await db.query<{ id: string; display_name: string }>(
    `SELECT s.id, s.display_name FROM staff s WHERE ${where.join(' AND ')} ORDER BY s.display_name, s.id`,
    params,
  );
  return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
}

/**
 * A concern's internal history: its audit entries and those of the concerns merged into it
 * (`merged`), oldest first, with staff actors' names.
 */
export async function concernHistory(
  db: Queryable,
  reference: string,
  merged: readonly string[] = [],
): Promise<ConcernEvent[]> {
  const targets = [reference, ...merged].map((r) => `concern:${r}`);
  // A write answering with the concern links its own audit entries first (they are otherwise linked
  // at commit, migration 015), so the history it returns has them, with their seq.
  await db.query('SELECT link_pending_audit()');
  const rows = await db.query<{
    seq: number;
    at: string;
    action: string;
    actor: string;
    target: string;
    detail: unknown;
    actor_name: string | null;
  }>(
    `SELECT a.seq, a.at, a.action, a.actor, a.target, a.detail, s.display_name AS actor_name
       FROM audit_log a LEFT JOIN staff s ON a.actor = 'staff:' || s.id
      WHERE a.target IN (${targets.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY a.seq`,
    targets,
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    action: r.action,
    actor: r.actor,
    ...(r.actor_name !== null ? { actorName: r.actor_name } : {}),
    ...(r.detail !== null ? { detail: r.detail } : {}),
    ...(r.target !== `concern:${reference}` ? { reference: r.target.slice('concern:'.length) } : {}),
  }));
}
