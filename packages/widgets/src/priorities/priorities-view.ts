/**
 * Pure logic of <prox-priorities>: no DOM, no Lit. What residents raised and what was done about
 * it, in the order and with the counts the widget shows.
 */
import type { Priority, PriorityAction } from '@proximite/contract';

/** The status filter: every priority, or one status. */
export type StatusFilter = 'all' | 'raised' | 'in-progress' | 'done';
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'in-progress', 'done', 'raised'];

/** Whether a value names a status filter (an attribute may hold anything). */
export function isStatusFilter(value: unknown): value is StatusFilter {
  return typeof value === 'string' && (STATUS_FILTERS as readonly string[]).includes(value);
}

/**
 * A priority's actions, oldest first. A source that only has data.police.uk's pair (`action`,
 * `actionDate`: an older backend, a static file) gives one action carried out.
 */
export function actionsOf(p: Priority): PriorityAction[] {
  if (p.actions?.length) return [...p.actions].sort((a, b) => compare(a.date, b.date));
  if (p.action !== undefined && p.actionDate !== undefined)
    return [{ text: p.action, date: p.actionDate, status: 'done' }];
  return [];
}

/** How many residents' concerns a priority came from (recorded ones, and those noted at cafés). */
export function concernCount(p: Priority): number {
  return p.sources.concernCount ?? p.sources.concernReferences.length;
}

/** The last day something happened on a priority: its latest action started or done, else when it was raised. */
export function lastActivity(p: Priority): string {
  let last = p.issueDate;
  for (const a of actionsOf(p)) if (a.status !== 'planned' && a.date > last) last = a.date;
  return last;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The priorities to show: of one status (or all), the most recently active first; ties by the
 * day they were raised, then by id, so the order never depends on the source's.
 */
export function selectPriorities(items: readonly Priority[], status: StatusFilter): Priority[] {
  return items
    .filter((p) => status === 'all' || p.status === status)
    .sort(
      (a, b) =>
        compare(lastActivity(b), lastActivity(a)) || compare(b.issueDate, a.issueDate) || compare(a.id, b.id),
    );
}

/** How many priorities each filter would show (an unknown status counts in `all` only). */
export function statusCounts(items: readonly Priority[]): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = { all: items.length, raised: 0, 'in-progress': 0, done: 0 };
  for (const p of items) {
    const status: string = p.status;
    if (status === 'raised' || status === 'in-progress' || status === 'done') counts[status] += 1;
  }
  return counts;
}

/** Whole days from one `YYYY-MM-DD` to another (calendar days; negative when `to` is before). */
export function daysBetween(from: string, to: string): number {
  const day = (s: string) =>
    Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

/**
 * For a priority carried out: how many days after it was raised its latest action was done
 * (what « nous avons fait » took). Undefined when it is not done or has no dated action.
 */
export function daysToDone(p: Priority): number | undefined {
  if (p.status !== 'done') return undefined;
  const done = actionsOf(p)
    .filter((a) => a.status === 'done')
    .at(-1);
  return done === undefined ? undefined : Math.max(0, daysBetween(p.issueDate, done.date));
}
