/** Concerns seen by staff: reading contact data, triage (and the hand-offs it makes) and retention, each audited. */
import { VERDICT_STATUSES } from '@proximite/contract';
import type { AdminConcern, ConcernTriageInput, LocalizedText, ServiceRef } from '@proximite/contract';
import type { Outbox } from '../delivery/outbox.js';
import { enqueueConcernEvent } from '../delivery/outbox.js';
import { notifyResident } from '../delivery/resident.js';
import { AppError } from '../errors.js';
import {
  CLOSED_STATUSES,
  getAdminConcern,
  lockConcernInReach,
  opens,
  purge,
  reaches,
  recordVerdict,
  setShareable,
  triageConcern as storeTriage,
} from '../store/concerns.js';
import type { PurgeResult, Reach, StatusSecret } from '../store/concerns.js';
import { purgeStaffAuth } from '../store/sessions.js';
import { getCategory } from '../store/content.js';
import { getServiceRecord } from '../store/services.js';
import { fillTemplate } from '../store/templates.js';
import { RESIDENT_ACTOR, authorName } from './actor.js';
import type { Actor } from './actor.js';
import { audited } from './audited.js';
import type { ServiceContext } from './audited.js';
import { planReroute, recordHandoff } from './routing.js';

/** What a triage needs besides the database: the outbox of the messages it announces. */
export interface TriageContext extends ServiceContext {
  outbox: Outbox;
}

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
    const found = await getAdminConcern(u.tx, reference, reach, now);
    if (found?.contact !== undefined)
      await u.audit({ action: 'concern.read-contact', target: `concern:${reference}` });
    return found;
  });
}

/**
 * Applies a triage; `undefined` when there is no such concern within `reach`. A re-categorisation
 * runs the routing rules again and a referral (`serviceId`) names the service: either hands the
 * concern over (services/routing.ts). A change of status or a public update is announced to the
 * service's webhook.
 */
export function triageConcern(
  ctx: TriageContext,
  now: Date,
  actor: Actor,
  reference: string,
  triage: ConcernTriageInput,
  reach?: Reach,
  /**
   * A response template whose text becomes the public update, filled in with this concern's
   * reference and the service it is with — read under the concern's lock, so a concurrent
   * hand-off cannot leave the answer naming the former service (the bulk answer).
   */
  template?: LocalizedText,
): Promise<AdminConcern | undefined> {
  return audited(ctx, now, actor, async (u) => {
    let input = triage;
    if (!(await lockConcernInReach(u.tx, reference, reach))) return undefined;
    const rows = await u.tx.query<{
      id: string;
      reference: string;
      status: string;
      service: ServiceRef;
      restricted: boolean;
      category_code: string;
      district_id: string | null;
    }>(
      'SELECT id, reference, status, service, restricted, category_code, district_id FROM concerns WHERE reference = $1',
      [reference],
    );
    const current = rows[0];
    if (current === undefined) return undefined;
    const category =
      input.categoryCode !== undefined && input.categoryCode !== current.category_code
        ? await getCategory(u.tx, input.categoryCode)
        : undefined;
    if (
      input.categoryCode !== undefined &&
      input.categoryCode !== current.category_code &&
      category === undefined
    )
      throw new AppError('validation', 'Unknown category.', {
        errors: [{ path: 'categoryCode', message: 'unknown category' }],
      });
    if (category?.emergency !== undefined)
      throw new AppError('validation', 'An emergency category is not a destination.', {
        errors: [{ path: 'categoryCode', message: 'emergency category' }],
      });
    // The concern it joins must be one the caller reaches (one beyond looks unknown).
    if (input.duplicateOf !== undefined) {
      const target = await u.tx.query<{ service: ServiceRef; restricted: boolean }>(
        'SELECT service, restricted FROM concerns WHERE reference = $1',
        [input.duplicateOf],
      );
      if (target[0] === undefined || !reaches(reach, target[0]))
        throw new AppError('validation', 'duplicateOf must be another existing concern.', {
          errors: [{ path: 'duplicateOf', message: 'unknown concern' }],
        });
    }
    const route = await planReroute(u.tx, current, {
      category,
      serviceId: input.serviceId,
      districtId: current.district_id,
    });
    if (template !== undefined)
      input = {
        ...input,
        publicUpdate: fillTemplate(template, reference, (route?.service ?? current.service).name),
      };
    const r = await storeTriage(u.tx, now, reference, input, authorName(actor), route);
    if (r === undefined) return undefined;
    if (r.changes.length > 0 || input.assigneeId === undefined)
      await u.audit({ action: 'concern.triage', target: `concern:${reference}`, detail: r.changes });
    if (r.assignment !== undefined)
      await u.audit({
        action: r.assignment.to === null ? 'concern.unassign' : 'concern.assign',
        target: `concern:${reference}`,
        detail: {
          from: r.assignment.from,
          to: r.assignment.to,
          ...(r.concern.assignee ? { toName: r.concern.assignee.displayName } : {}),
          ...(input.assigneeId === undefined ? { reason: 'handed-off' } : {}),
        },
      });
    if (route !== undefined)
      await recordHandoff(
        u,
        ctx.outbox,
        current,
        route,
        input.serviceId !== undefined ? 'referred' : 'recategorised',
      );
    const service = route?.record ?? (await getServiceRecord(u.tx, current.service.id));
    const statusChanged = r.changes.some((c) => c.startsWith('status:'));
    if (input.publicUpdate !== undefined || statusChanged) {
      // The resident's message: one per public update, or the closure.
      const update = r.concern.updates
        .filter((x) => x.at === now.toISOString() && x.service === undefined)
        .at(-1);
      await notifyResident(u.tx, now, ctx.outbox, current.id, {
        kind: statusChanged && CLOSED_STATUSES.includes(r.concern.status) ? 'closure' : 'update',
        at: now.toISOString(),
        status: r.concern.status,
        text: update?.text,
      });
    }
    if (service !== undefined && (input.publicUpdate !== undefined || statusChanged))
      await enqueueConcernEvent(u.tx, now, ctx.outbox, {
        event: 'concern.updated',
        concernId: current.id,
        service,
        at: now.toISOString(),
      });
    return getAdminConcern(u.tx, reference, undefined, now);
  });
}

/**
 * The resident's verdict on their concern (« Le problème est-il réglé ? »), with the receipt's
 * `secret`: `false` when the reference is unknown or the secret wrong (answered as unknown).
 * Refused (409) before closure or resolution, and after a first verdict. « Non » reopens the
 * concern in its service's queue (`reopen-requested`) and is announced to the service like any
 * change of status. Audited, as `resident`.
 */
export function giveVerdict(
  ctx: TriageContext,
  now: Date,
  reference: string,
  secret: StatusSecret,
  verdict: { resolved: boolean; comment?: string | undefined },
): Promise<boolean> {
  return audited(ctx, now, RESIDENT_ACTOR, async (u) => {
    const rows = await u.tx.query<{
      id: string;
      reference: string;
      status: string;
      service: ServiceRef;
      status_token_hash: string;
      tracking_code_hash: string | null;
      verdict: boolean | null;
    }>(
      `SELECT c.id, c.reference, c.status, c.service, c.status_token_hash, c.tracking_code_hash,
         (SELECT v.resolved FROM concern_verdicts v WHERE v.concern_id = c.id) AS verdict
       FROM concerns c WHERE c.reference = $1 FOR UPDATE OF c`,
      [reference],
    );
    const row = rows[0];
    if (row === undefined || !opens(row, secret)) return false;
    if (row.verdict !== null)
      throw new AppError('conflict', 'The verdict on this concern was already given (one per concern).');
    if (!VERDICT_STATUSES.includes(row.status))
      throw new AppError(
        'conflict',
        `The verdict comes once the concern is resolved or closed; it is ${row.status}.`,
      );
    const r = await recordVerdict(u.tx, now, row.id, verdict);
    await u.audit({
      action: 'concern.verdict',
      target: `concern:${reference}`,
      detail: { resolved: verdict.resolved, reopened: r.reopened, comment: verdict.comment !== undefined },
    });
    if (r.reopened) {
      const service = await getServiceRecord(u.tx, row.service.id);
      if (service !== undefined)
        await enqueueConcernEvent(u.tx, now, ctx.outbox, {
          event: 'concern.updated',
          concernId: row.id,
          service,
          at: r.at,
        });
    }
    return true;
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

/**
 * Records a CSV export of the inbox (its filters, how many rows, whether with contact details):
 * exports leave the system, so each is in the audit log.
 */
export function recordExport(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  detail: { filters: Record<string, unknown>; rows: number; contacts: boolean },
): Promise<void> {
  return audited(ctx, now, actor, async (u) => {
    await u.audit({ action: 'concern.export', target: 'concerns', detail });
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

/**
 * Stops the e-mails of a concern (its messages' one-click unsubscribe link): nothing more is sent
 * about it, and what was queued is dropped. `false` when there is no such concern. Audited, as
 * `resident`, the first time (again changes nothing).
 */
export function unsubscribeResident(ctx: ServiceContext, now: Date, reference: string): Promise<boolean> {
  return audited(ctx, now, RESIDENT_ACTOR, async (u) => {
    const rows = await u.tx.query<{ id: string }>('SELECT id FROM concerns WHERE reference = $1 FOR UPDATE', [
      reference,
    ]);
    const concern = rows[0];
    if (concern === undefined) return false;
    const stopped = await u.tx.query(
      `UPDATE concern_contacts SET email_updates = false, unsubscribed_at = $2
        WHERE concern_id = $1 AND unsubscribed_at IS NULL AND email_updates RETURNING concern_id`,
      [concern.id, now.toISOString()],
    );
    const dropped = await u.tx.query(
      `DELETE FROM deliveries WHERE concern_id = $1 AND recipient IS NOT NULL AND event LIKE 'resident.%'
         AND status IN ('pending', 'held', 'failed') RETURNING id`,
      [concern.id],
    );
    if (stopped.length > 0)
      await u.audit({
        action: 'concern.unsubscribe',
        target: `concern:${reference}`,
        detail: { dropped: dropped.length },
      });
    return true;
  });
}

/**
 * A resident adds an e-mail address from the status page (with the receipt's `secret`): the
 * concern's updates go there from now on, starting with an acknowledgement. `false` when the
 * reference is unknown or the secret wrong. The address joins the contact details (their retention
 * rules apply); audited as `resident`, without it.
 */
export function addResidentEmail(
  ctx: TriageContext,
  now: Date,
  reference: string,
  secret: StatusSecret,
  input: { email: string; lang?: 'fr' | 'en' | undefined; code?: string | undefined },
): Promise<boolean> {
  return audited(ctx, now, RESIDENT_ACTOR, async (u) => {
    const rows = await u.tx.query<{
      id: string;
      reference: string;
      status_token_hash: string;
      tracking_code_hash: string | null;
    }>(
      'SELECT id, reference, status_token_hash, tracking_code_hash FROM concerns WHERE reference = $1 FOR UPDATE',
      [reference],
    );
    const row = rows[0];
    if (row === undefined || !opens(row, secret)) return false;
    const at = now.toISOString();
    await u.tx.query(
      `INSERT INTO concern_contacts (concern_id, email, created_at, email_updates) VALUES ($1, $2, $3, true)
       ON CONFLICT (concern_id) DO UPDATE SET email = EXCLUDED.email, email_updates = true, unsubscribed_at = NULL`,
      [row.id, input.email, at],
    );
    if (input.lang !== undefined)
      await u.tx.query('UPDATE concerns SET lang = $2 WHERE id = $1', [row.id, input.lang]);
    await u.audit({ action: 'concern.email-added', target: `concern:${reference}` });
    await notifyResident(u.tx, now, ctx.outbox, row.id, { kind: 'acknowledgement', at, code: input.code });
    return true;
  });
}
