/**
 * « Vous avez dit, nous avons fait »: publishing a priority, and telling the residents behind it.
 *
 * A priority is published when it is public (`GET /v1/priorities`). Its action is published when
 * the priority is published and has an action carried out (`action`, or an action `done`). Then
 * each linked concern's resident who asked for e-mail updates (and has not stopped them) is told,
 * through the delivery queue, once per priority: `priority_notices` remembers who was told, in the
 * transaction that queues the message. A conduct complaint is never linked to a public priority.
 */
import type { AdminPriority } from '@proximite/contract';
import { hasActionDone } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import type { Outbox } from '../delivery/outbox.js';
import { notifyResident } from '../delivery/resident.js';
import { getAdminPriority, getPriority, markPriorityPublished } from '../store/content.js';
import type { Actor } from './actor.js';
import { audited } from './audited.js';
import type { ServiceContext } from './audited.js';

/**
 * Queues the message of priority `id` to every linked concern's resident not told yet, when its
 * action is published. In the caller's transaction. Returns how many residents were told now.
 */
export async function tellResidents(tx: Queryable, now: Date, outbox: Outbox, id: string): Promise<number> {
  const [row] = await tx.query<{ published: boolean }>(
    'SELECT published_at IS NOT NULL AS published FROM priorities WHERE id = $1',
    [id],
  );
  if (row?.published !== true) return 0;
  const priority = await getPriority(tx, id);
  if (priority === undefined || !hasActionDone(priority)) return 0;
  const done = (priority.actions ?? []).filter((a) => a.status === 'done').at(-1);
  const action = priority.action ?? done?.text;
  if (action === undefined) return 0;
  const actionDate = priority.actionDate ?? done?.date;
  let told = 0;
  // The public view leaves out any concern re-categorised as a conduct complaint since.
  for (const reference of new Set(priority.sources.concernReferences)) {
    const [concern] = await tx.query<{ id: string }>(
      'SELECT id FROM concerns WHERE reference = $1 AND NOT restricted',
      [reference],
    );
    if (concern === undefined) continue;
    const won = await tx.query(
      `INSERT INTO priority_notices (priority_id, concern_id, notified_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING concern_id`,
      [id, concern.id, now.toISOString()],
    );
    if (won.length === 0) continue;
    const queued = await notifyResident(tx, now, outbox, concern.id, {
      kind: 'priority',
      at: `priority:${id}`,
      priority: { issue: priority.issue, action, actionDate },
    });
    // Nobody to tell (no e-mail, or stopped): not counted, and told if they ask for e-mail later.
    if (queued) told += 1;
    else
      await tx.query('DELETE FROM priority_notices WHERE priority_id = $1 AND concern_id = $2', [
        id,
        concern.id,
      ]);
  }
  return told;
}

/** Publishes priority `id` (idempotent) and tells its residents; `undefined` when there is none. */
export function publishPriority(
  ctx: ServiceContext & { outbox: Outbox },
  now: Date,
  actor: Actor,
  id: string,
): Promise<AdminPriority | undefined> {
  return audited(ctx, now, actor, async (u) => {
    if (!(await markPriorityPublished(u.tx, now, id))) return undefined;
    const told = await tellResidents(u.tx, now, ctx.outbox, id);
    await u.audit({ action: 'priority.publish', target: `priority:${id}`, detail: { told } });
    return getAdminPriority(u.tx, id);
  });
}
