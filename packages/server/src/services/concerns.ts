/** Concerns seen by staff: reading contact data, triage and retention, each audited. */
import type { AdminConcern, ConcernTriageInput } from '@proximite/contract';
import { getAdminConcern, purge, triageConcern as storeTriage } from '../store/concerns.js';
import type { PurgeResult } from '../store/concerns.js';
import { authorName } from './actor.js';
import type { Actor } from './actor.js';
import { audited } from './audited.js';
import type { ServiceContext } from './audited.js';

/** One concern for triage; reading its contact details is itself audited. */
export function readConcern(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  reference: string,
): Promise<AdminConcern | undefined> {
  return audited(ctx, now, actor, async (u) => {
    const found = await getAdminConcern(u.tx, reference);
    if (found?.contact !== undefined)
      await u.audit({ action: 'concern.read-contact', target: `concern:${reference}` });
    return found;
  });
}

/** Applies a triage; `undefined` when there is no such concern. */
export function triageConcern(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  reference: string,
  input: ConcernTriageInput,
): Promise<AdminConcern | undefined> {
  return audited(ctx, now, actor, async (u) => {
    const r = await storeTriage(u.tx, now, reference, input, authorName(actor));
    if (r === undefined) return undefined;
    await u.audit({ action: 'concern.triage', target: `concern:${reference}`, detail: r.changes });
    return r.concern;
  });
}

export interface RetentionDays {
  contactAfterClose: number;
  contactMax: number;
  closed: number;
  idempotencyHours: number;
}

/** Erases and deletes what the retention durations say. */
export function purgeRetention(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  days: RetentionDays,
): Promise<PurgeResult> {
  return audited(ctx, now, actor, async (u) => {
    const r = await purge(u.tx, now, days);
    await u.audit({ action: 'retention.purge', target: 'concerns', detail: { ...r, days } });
    return r;
  });
}
