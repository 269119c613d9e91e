/**
 * The audit log's pure logic: the view in the URL's fragment, the API query, the filters applied
 * to a loaded page (the API pages by sequence number only) and what a verification means. No DOM.
 */
import type { AuditEntry, AuditListQuery, AuditVerifyResult } from '@proximite/contract';

export interface AuditFilters {
  /** Entries after this sequence number (the API's paging). */
  after?: number | undefined;
  /** Words of the actor (`staff:stf-1`, a token's name, a person's name). */
  actor?: string | undefined;
  /** The start of an action (`concern.` for every change of a concern). */
  action?: string | undefined;
  /** Words of the target (a concern's reference, a service's id). */
  target?: string | undefined;
}

export const PAGE_SIZE = 50;

/** The view a fragment's parameters describe. */
export function filtersFromParams(params: Readonly<Record<string, string>>): AuditFilters {
  const out: AuditFilters = {};
  const after = Number(params.after);
  if (/^\d{1,15}$/.test(params.after ?? '') && after > 0) out.after = after;
  for (const key of ['actor', 'action', 'target'] as const) {
    const value = params[key]?.trim();
    if (value) out[key] = value.slice(0, 200);
  }
  return out;
}

/** The fragment's parameters of a view, in a stable order. */
export function paramsFromFilters(filters: AuditFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.after) out.after = String(filters.after);
  for (const key of ['actor', 'action', 'target'] as const) if (filters[key]) out[key] = filters[key];
  return out;
}

/** The API query of a view. */
export function queryOf(filters: AuditFilters): AuditListQuery {
  return { limit: PAGE_SIZE, ...(filters.after ? { after: filters.after } : {}) };
}

/** Whether a filter on the page's entries is set. */
export function isFiltered(filters: AuditFilters): boolean {
  return Boolean(filters.actor || filters.action || filters.target);
}

const norm = (s: string) => s.toLocaleLowerCase('fr').normalize('NFD').replace(/\p{M}/gu, '');

/**
 * The entries of a page that match the filters: the action by its start, actor and target by
 * words (case and accents ignored); `names` gives a staff id's display name, so a person may be
 * found by name.
 */
export function matching(
  entries: readonly AuditEntry[],
  filters: AuditFilters,
  names: ReadonlyMap<string, string> = new Map(),
): AuditEntry[] {
  const actor = filters.actor ? norm(filters.actor) : undefined;
  const action = filters.action ? norm(filters.action) : undefined;
  const target = filters.target ? norm(filters.target) : undefined;
  return entries.filter(
    (e) =>
      (!action || norm(e.action).startsWith(action)) &&
      (!actor || norm(`${e.actor} ${names.get(staffId(e.actor) ?? '') ?? ''}`).includes(actor)) &&
      (!target || norm(e.target).includes(target)),
  );
}

/** The staff id of an actor or a target written `staff:<id>`. */
export function staffId(who: string): string | undefined {
  const m = /^staff:([A-Za-z0-9_-]+)$/.exec(who);
  return m?.[1];
}

/** The families of actions (`concern`, `staff`…), for the filter's choices, in order of first use. */
export function actionFamilies(entries: readonly AuditEntry[]): string[] {
  return [...new Set(entries.map((e) => e.action.split('.')[0] ?? e.action))];
}

/** What a verification says: intact, or broken at an entry (and how many were checked before). */
export type Verdict =
  { kind: 'intact'; checked: number } | { kind: 'broken'; checked: number; at: number } | { kind: 'empty' };

export function verdictOf(result: AuditVerifyResult): Verdict {
  if (!result.ok)
    return { kind: 'broken', checked: result.checked, at: result.firstBrokenSeq ?? result.checked + 1 };
  return result.checked === 0 ? { kind: 'empty' } : { kind: 'intact', checked: result.checked };
}

/** The view that shows an entry first (the page after the one before it). */
export function showEntry(seq: number): AuditFilters {
  return seq > 1 ? { after: seq - 1 } : {};
}

/** A hash shortened for a table (its first 12 hex digits). */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
