/**
 * Due dates of concerns, stored on the row (`concerns.due_at`) so the inbox can filter overdue
 * concerns and sort by due date in SQL: computed here from the concern's service's target
 * (delivery/due.ts: working days with the French public holidays, or calendar days) and refreshed
 * whenever a concern changes service or a service its target.
 */
import type { ServiceTarget } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { dueDate } from '../delivery/due.js';

/** Which concerns to refresh: one, those of a service, or those never computed (after an upgrade). */
export type DueScope = { concernId: string } | { serviceId: string } | { missing: true };

/** Recomputes `due_at` for the concerns of `scope`; returns how many rows changed. */
export async function refreshDueDates(tx: Queryable, scope: DueScope): Promise<number> {
  const params: unknown[] = [];
  let where: string;
  if ('concernId' in scope) {
    params.push(scope.concernId);
    where = 'c.id = $1';
  } else if ('serviceId' in scope) {
    params.push(scope.serviceId);
    where = "c.service->>'id' = $1";
  } else {
    where = 'c.due_at IS NULL AND s.target_days IS NOT NULL';
  }
  const rows = await tx.query<{
    id: string;
    submitted_at: Date | string;
    due_at: Date | string | null;
    target_days: number | null;
    target_unit: string | null;
  }>(
    `SELECT c.id, c.submitted_at, c.due_at, s.target_days, s.target_unit
       FROM concerns c LEFT JOIN services s ON s.id = c.service->>'id' WHERE ${where}`,
    params,
  );
  const changed: { id: string; due: string | null }[] = [];
  for (const r of rows) {
    const target: ServiceTarget | null =
      r.target_days === null || r.target_unit === null
        ? null
        : { days: r.target_days, unit: r.target_unit as ServiceTarget['unit'] };
    const due = dueDate(target, new Date(r.submitted_at))?.toISOString() ?? null;
    const before = r.due_at === null ? null : new Date(r.due_at).toISOString();
    if (due !== before) changed.push({ id: r.id, due });
  }
  // In batches, one statement each.
  for (let i = 0; i < changed.length; i += 500) {
    const batch = changed.slice(i, i + 500);
    await tx.query(
      `UPDATE concerns c SET due_at = v.due FROM jsonb_to_recordset($1::jsonb) AS v(id text, due timestamptz)
        WHERE c.id = v.id`,
      [JSON.stringify(batch)],
    );
  }
  return changed.length;
}
