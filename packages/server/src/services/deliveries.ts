/** A delivery retried by hand (`deliveries:write`), audited. */
import type { Delivery } from '@proximite/contract';
import type { Outbox } from '../delivery/outbox.js';
import { getDelivery } from '../delivery/log.js';
import { retryNow } from '../delivery/queue.js';
import { AppError } from '../errors.js';
import type { Reach } from '../store/concerns.js';
import type { Actor } from './actor.js';
import { audited } from './audited.js';
import type { ServiceContext } from './audited.js';

export interface DeliveriesContext extends ServiceContext {
  outbox: Outbox;
}

/**
 * Asks for a new attempt now, with a new retry window; the message keeps its identity
 * (Message-ID, webhook-id). `undefined` when there is no such delivery within `reach`; 409 when it
 * was sent or is being sent.
 */
export async function retryDelivery(
  ctx: DeliveriesContext,
  now: Date,
  actor: Actor,
  id: string,
  reach: Reach | undefined,
  mailFrom: string,
): Promise<Delivery | undefined> {
  const result = await audited(ctx, now, actor, async (u) => {
    if ((await getDelivery(u.tx, id, reach, mailFrom)) === undefined) return undefined;
    const row = await retryNow(u.tx, now, id, ctx.outbox.policy, ctx.outbox.mailConfigured);
    if (row === undefined) return undefined;
    if (row === 'busy') throw new AppError('conflict', 'This message was sent, or an attempt is under way.');
    await u.audit({ action: 'delivery.retry', target: `delivery:${id}`, detail: { status: row.status } });
    return getDelivery(u.tx, id, reach, mailFrom);
  });
  ctx.outbox.wake();
  return result;
}
