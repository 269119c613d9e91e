/** Concerns seen by staff: reading contact data, triage and retention, each audited. */
import type { AdminConcern, ConcernTriageInput } from '@proximite/contract';
import {
  getAdminConcern,
  lockConcernInReach,
  purge,
  setShareable,
  triageConcern as storeTriage,
} from '../store/concerns.js';
import type { PurgeResult, Reach } from '../store/concerns.js';
import { purgeStaffAuth } from '../store/sessions.js';
import { authorName } from './actor.js';
import type { Actor } from './actor.js';
import { audited } from './audited.js';
import type { ServiceContext } from './audited.js';

/**
 * One concern for triage (`undefined` when unknown or out of the reader's `reach`); reading its
 * contact details is itself audited.
 */
export function readConcern(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  reference: string,
  reach?: Reach,
): Promise<AdminConcern | undefined> {
  return audited(ctx, now, actor, async (u) => {
    const found = await getAdminConcern(u.tx, reference, reach);
    if (found?.contact !== undefined)
      await u.audit({ action: 'concern.read-contact', target: `concern:${reference}` });
    return found;
  });
}

/** Applies a triage; `undefined` when there is no such concern within `reach`. */
export function triageConcern(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  reference: string,
  input: ConcernTriageInput,
  reach?: Reach,
): Promise<AdminConcern | undefined> {
  return audited(ctx, now, actor, async (u) => {
    if (!(await lockConcernInReach(u.tx, reference, reach))) return undefined;
    const r = await storeTriage(u.tx, now, reference, input, authorName(actor));
    if (r === undefined) return undefined;
    await u.audit({ action: 'concern.triage', target: `concern:${reference}`, detail: r.changes });
    return r.concern;
  });
}

/**
 * Lets observers read a concern's description, address and answers (or stops it); `undefined`
 * when there is no such concern within `reach`.
 */
export function shareConcern(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  reference: string,
  shareable: boolean,
  reach?: Reach,
): Promise<AdminConcern | undefined> {
  return audited(ctx, now, actor, async (u) => {
    if (!(await lockConcernInReach(u.tx, reference, reach))) return undefined;
    const before = await getAdminConcern(u.tx, reference);
    await setShareable(u.tx, reference, shareable);
    if (before?.shareable !== shareable)
      await u.audit({
        action: shareable ? 'concern.share' : 'concern.unshare',
        target: `concern:${reference}`,
      });
    return getAdminConcern(u.tx, reference);
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
    // Ended staff sessions, spent links and abandoned single sign-ons are kept 30 days, then deleted.
    const auth = await purgeStaffAuth(u.tx, now, 30 * 86_400_000);
    await u.audit({ action: 'retention.purge', target: 'concerns', detail: { ...r, ...auth, days } });
    return r;
  });
}
