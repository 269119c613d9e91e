/**
 * The inbox's view, in plain functions (no DOM): filters read from and written to the URL's
 * fragment, so a view can be bookmarked and shared; the API query they make; rows normalised from
 * what the server sends; the sort buttons' states.
 */
import type { LocalizedTextLike } from '@proximite/widgets/kit/localize.js';

/** Statuses still waiting for the city (the default view). */
export const OPEN_STATUSES = [
  'received',
  'in-progress',
  'action-scheduled',
  'referred',
  'reopen-requested',
] as const;
/** Every status a concern can have, in the order the filter lists them. */
export const ALL_STATUSES = [
  'received',
  'in-progress',
  'action-scheduled',
  'referred',
  'reopen-requested',
  'resolved',
  'closed',
  'duplicate',
  'not-responsible',
] as const;

/** Sort orders the API knows: by reception or due date; `-` first for descending. */
export const SORTS = ['-received', 'received', 'due', '-due'] as const;
export type Sort = (typeof SORTS)[number];
export type SortColumn = 'received' | 'due';
export const DEFAULT_SORT: Sort = '-received';
/** Concerns per page. */
export const PAGE_SIZE = 25;

/** What the inbox shows; every field maps to one parameter of the fragment. */
export interface InboxFilters {
  /** `open` (the default: every status still waiting), `all`, or one status. */
  status: string;
  category?: string | undefined;
  service?: string | undefined;
  district?: string | undefined;
  /** `me`, `none`, or a staff id. */
  assignee?: string | undefined;
  overdue: boolean;
  quarantined: boolean;
  /** A reference, or words of the resident's text. */
  q?: string | undefined;
  sort: Sort;
  /** The page after this cursor (keyset paging); absent: the first page. */
  cursor?: string | undefined;
}

const TOKEN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const clean = (value: string | undefined) => (value !== undefined && TOKEN.test(value) ? value : undefined);

/** The filters of a route's parameters; anything unknown or malformed is dropped. */
export function filtersFromParams(params: Record<string, string>): InboxFilters {
  const status = params.status;
  const q = params.q?.trim().slice(0, 200);
  return {
    status:
      status === 'all' || (status !== undefined && (ALL_STATUSES as readonly string[]).includes(status))
        ? status
        : 'open',
    category: clean(params.category),
    service: clean(params.service),
    district: clean(params.district),
    assignee: clean(params.assignee),
    overdue: params.overdue === 'true',
    quarantined: params.quarantined === 'true',
    q: q ? q : undefined,
    sort: (SORTS as readonly string[]).includes(params.sort ?? '') ? (params.sort as Sort) : DEFAULT_SORT,
    cursor: params.cursor && params.cursor.length <= 500 ? params.cursor : undefined,
  };
}

/** The parameters of a view, defaults left out (so the plain inbox is `#/inbox`), in a stable order. */
export function paramsFromFilters(f: InboxFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.q) out.q = f.q;
  if (f.status !== 'open') out.status = f.status;
  if (f.category) out.category = f.category;
  if (f.service) out.service = f.service;
  if (f.district) out.district = f.district;
  if (f.assignee) out.assignee = f.assignee;
  if (f.overdue) out.overdue = 'true';
  if (f.quarantined) out.quarantined = 'true';
  if (f.sort !== DEFAULT_SORT) out.sort = f.sort;
  if (f.cursor) out.cursor = f.cursor;
  return out;
}

/** Whether any filter narrows the default view (the empty state then offers to clear them). */
export function isFiltered(f: InboxFilters): boolean {
  return Boolean(
    f.q ||
    f.status !== 'open' ||
    f.category ||
    f.service ||
    f.district ||
    f.assignee ||
    f.overdue ||
    f.quarantined,
  );
}

/** The query of `GET /v1/admin/concerns` for a view. */
export function queryOf(f: InboxFilters, limit = PAGE_SIZE): Record<string, string | number> {
  const query: Record<string, string | number> = { limit };
  if (f.status === 'open') query.status = OPEN_STATUSES.join(',');
  else if (f.status !== 'all') query.status = f.status;
  if (f.category) query.category = f.category;
  if (f.service) query.service = f.service;
  if (f.district) query.district = f.district;
  if (f.assignee) query.assignee = f.assignee;
  if (f.overdue) query.overdue = 'true';
  // The quarantine (anti-spam signals) is a queue apart: shown only when asked for.
  query.quarantined = f.quarantined ? 'true' : 'false';
  if (f.q) query.q = f.q;
  if (f.sort !== DEFAULT_SORT) query.sort = f.sort;
  if (f.cursor) query.cursor = f.cursor;
  return query;
}

/** The state of a sortable column's header (`aria-sort`). */
export function ariaSort(sort: Sort, column: SortColumn): 'ascending' | 'descending' | 'none' {
  if (sort === column) return 'ascending';
  if (sort === `-${column}`) return 'descending';
  return 'none';
}

/**
 * The sort a column's button sets: the other direction when the column already sorts, else the
 * column's natural one (newest received first; soonest due first).
 */
export function nextSort(sort: Sort, column: SortColumn): Sort {
  if (sort === column) return `-${column}`;
  if (sort === `-${column}`) return column;
  return column === 'received' ? '-received' : 'due';
}

/** One row of the table, whatever the server's version sends. */
export interface InboxRow {
  reference: string;
  categoryCode: string;
  category?: LocalizedTextLike | undefined;
  districtId: string | null;
  district: string | null;
  service: { id: string; name: LocalizedTextLike } | null;
  status: string;
  receivedAt: string;
  ageDays: number;
  dueAt: string | null;
  overdue: boolean;
  assignee: { id: string; displayName: string } | null;
  quarantined: boolean;
  duplicateOf: string | null;
  excerpt: string;
}

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Loose | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : undefined;
const text = (v: unknown): LocalizedTextLike | undefined => {
  const o = obj(v);
  return o && typeof o.fr === 'string' ? (o as LocalizedTextLike) : undefined;
};

/**
 * A row from an item of the inbox (`InboxItem`), of the older admin list (`AdminConcern`) or of the
 * observers' pseudonymised list (`OversightConcern`): missing fields become `null`, the age is
 * computed from the clock when the server does not give it.
 */
export function toRow(item: unknown, now: Date): InboxRow {
  const o = obj(item) ?? {};
  const location = obj(o.location);
  const service = obj(o.service);
  const assignee = obj(o.assignee);
  const receivedAt = str(o.receivedAt) ?? str(o.submittedAt) ?? '';
  const received = Date.parse(receivedAt);
  const ageDays =
    typeof o.ageDays === 'number'
      ? o.ageDays
      : Number.isFinite(received)
        ? Math.max(0, Math.floor((now.getTime() - received) / 86_400_000))
        : 0;
  const serviceName = text(service?.name);
  return {
    reference: str(o.reference) ?? '',
    categoryCode: str(o.categoryCode) ?? '',
    category: text(o.category),
    districtId: str(o.districtId) ?? str(location?.districtId) ?? null,
    district: str(o.district) ?? null,
    service:
      service && typeof service.id === 'string' && serviceName ? { id: service.id, name: serviceName } : null,
    status: str(o.status) ?? 'received',
    receivedAt,
    ageDays,
    dueAt: str(o.dueAt) ?? null,
    overdue: o.overdue === true,
    assignee:
      assignee && typeof assignee.id === 'string' && typeof assignee.displayName === 'string'
        ? { id: assignee.id, displayName: assignee.displayName }
        : null,
    quarantined: o.quarantined === true,
    duplicateOf: str(o.duplicateOf) ?? null,
    excerpt: (str(o.excerpt) ?? str(o.description) ?? '').slice(0, 160),
  };
}

/** A selection of references, toggled one at a time or all the page's at once. */
export function toggle(selection: ReadonlySet<string>, reference: string, on: boolean): Set<string> {
  const next = new Set(selection);
  if (on) next.add(reference);
  else next.delete(reference);
  return next;
}
