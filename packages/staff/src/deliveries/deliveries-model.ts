/**
 * The delivery log's pure logic: the view's filters and their place in the URL's fragment, the
 * query the API is asked, and the order rows are shown in (failed sends first). No DOM.
 */
import type { Delivery, DeliveryListQuery } from '@proximite/contract';

export const DELIVERY_STATUS_FILTERS = ['failed', 'pending', 'held', 'sending', 'sent'] as const;

export interface DeliveryFilters {
  status?: string | undefined;
  service?: string | undefined;
  concern?: string | undefined;
  cursor?: string | undefined;
}

export const PAGE_SIZE = 25;
/** How many failed sends the first page pins above the log. */
export const FAILED_PINNED = 50;

const KEYS = ['status', 'service', 'concern', 'cursor'] as const;

/** The filters a fragment's parameters describe (unknown statuses are dropped). */
export function filtersFromParams(params: Readonly<Record<string, string>>): DeliveryFilters {
  const out: DeliveryFilters = {};
  for (const key of KEYS) {
    const value = params[key]?.trim();
    if (!value) continue;
    if (key === 'status' && !(DELIVERY_STATUS_FILTERS as readonly string[]).includes(value)) continue;
    out[key] = value;
  }
  return out;
}

/** The fragment's parameters of a view, in a stable order, empty ones left out. */
export function paramsFromFilters(filters: DeliveryFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS) {
    const value = filters[key];
    if (value) out[key] = value;
  }
  return out;
}

/** The API query of a view. */
export function queryOf(filters: DeliveryFilters): DeliveryListQuery {
  return {
    limit: PAGE_SIZE,
    ...(filters.status ? { status: filters.status as DeliveryListQuery['status'] } : {}),
    ...(filters.service ? { service: filters.service } : {}),
    ...(filters.concern ? { concern: filters.concern } : {}),
    ...(filters.cursor ? { cursor: filters.cursor } : {}),
  };
}

/**
 * Whether the first page pins the failed sends above the log: only when the view asks for no
 * status of its own (a « failed » view already is that list) and is on its first page.
 */
export function pinsFailed(filters: DeliveryFilters): boolean {
  return !filters.status && !filters.cursor;
}

/**
 * Failed sends first (as the API lists them, newest first), then the rest of the page in its
 * order, each delivery once.
 */
export function failedFirst(failed: readonly Delivery[], page: readonly Delivery[]): Delivery[] {
  const seen = new Set<string>();
  const out: Delivery[] = [];
  for (const d of [...failed, ...page.filter((d) => d.status === 'failed'), ...page]) {
    if (seen.has(d.id)) continue;
    seen.add(d.id);
    out.push(d);
  }
  return out;
}

/** Whether « Réessayer » applies (the server refuses a delivery that was sent or is being sent). */
export function canRetry(d: Pick<Delivery, 'status'>): boolean {
  return d.status === 'failed' || d.status === 'pending' || d.status === 'held';
}

/** The rows with `changed` in place of the delivery of the same id. */
export function replaceDelivery(rows: readonly Delivery[], changed: Delivery): Delivery[] {
  return rows.map((d) => (d.id === changed.id ? changed : d));
}

/** Whether any filter is set (the empty state then offers to clear them). */
export function isFiltered(filters: DeliveryFilters): boolean {
  return Boolean(filters.status || filters.service || filters.concern);
}
