/** Cafés: every change with its audit entry (admin API, CLI and the iCalendar import alike). */
import type {
  Cafe,
  CafeCancelInput,
  CafeInput,
  LocalizedText,
  MeetingReportInput,
  PastMeeting,
} from '@proximite/contract';
import {
  cancelCafe as storeCancel,
  createCafe as storeCreate,
  deleteCafe as storeDelete,
  duplicateCafe as storeDuplicate,
  occurrenceRow,
  publicCafe,
  updateCafe as storeUpdate,
} from '../store/content.js';
import { deleteMeetingReport, putMeetingReport } from '../store/meetings.js';
import type { Actor } from './actor.js';
import { audited } from './audited.js';
import type { ServiceContext, Unit } from './audited.js';

/** Where a change came from, recorded in the audit detail (e.g. an iCalendar import). */
export type Provenance = Record<string, unknown> | undefined;

const detailOf = (provenance: Provenance) => (provenance === undefined ? {} : { detail: provenance });

/** Creates a café in `u` (for batches such as an import). */
export async function createCafeIn(
  u: Unit,
  input: CafeInput,
  options: { id?: string; status?: 'scheduled' | 'cancelled'; cancelReason?: LocalizedText } = {},
  provenance?: Provenance,
): Promise<Cafe> {
  const created = publicCafe(await storeCreate(u.tx, u.now, input, options));
  await u.audit({ action: 'cafe.create', target: `cafe:${created.id}`, ...detailOf(provenance) });
  return created;
}

export async function updateCafeIn(
  u: Unit,
  id: string,
  input: CafeInput,
  provenance?: Provenance,
): Promise<Cafe | undefined> {
  const updated = await storeUpdate(u.tx, u.now, id, input);
  if (updated !== undefined)
    await u.audit({ action: 'cafe.update', target: `cafe:${id}`, ...detailOf(provenance) });
  return updated;
}

export async function cancelCafeIn(
  u: Unit,
  id: string,
  input: CafeCancelInput,
  provenance?: Provenance,
): Promise<Cafe | undefined> {
  const cancelled = await storeCancel(u.tx, u.now, id, input);
  if (cancelled !== undefined)
    await u.audit({ action: 'cafe.cancel', target: `cafe:${id}`, ...detailOf(provenance) });
  return cancelled;
}

export function createCafe(ctx: ServiceContext, now: Date, actor: Actor, input: CafeInput): Promise<Cafe> {
  return audited(ctx, now, actor, (u) => createCafeIn(u, input));
}

/** Replaces a café; `undefined` when there is no such café. */
export function updateCafe(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  id: string,
  input: CafeInput,
): Promise<Cafe | undefined> {
  return audited(ctx, now, actor, (u) => updateCafeIn(u, id, input));
}

/** Cancels a café; `undefined` when there is no such café. */
export function cancelCafe(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  id: string,
  input: CafeCancelInput,
): Promise<Cafe | undefined> {
  return audited(ctx, now, actor, (u) => cancelCafeIn(u, id, input));
}

/** Copies a café (or a series) to a new start; `undefined` when there is no such café. */
export function duplicateCafe(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  id: string,
  start: string,
): Promise<Cafe | undefined> {
  return audited(ctx, now, actor, async (u) => {
    const copy = await storeDuplicate(u.tx, u.now, id, start);
    if (copy === undefined) return undefined;
    await u.audit({ action: 'cafe.create', target: `cafe:${copy.id}`, detail: { duplicateOf: id } });
    return publicCafe(copy);
  });
}

/** Deletes a café; `false` when there is no such café. */
export function deleteCafe(ctx: ServiceContext, now: Date, actor: Actor, id: string): Promise<boolean> {
  return audited(ctx, now, actor, async (u) => {
    if (!(await storeDelete(u.tx, id))) return false;
    await u.audit({ action: 'cafe.delete', target: `cafe:${id}` });
    return true;
  });
}

/** Publishes (or replaces) a café's public report; `undefined` when there is no such café. */
export function putCafeReport(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  id: string,
  input: MeetingReportInput,
): Promise<PastMeeting | undefined> {
  return audited(ctx, now, actor, async (u) => {
    // One date of a series gets a row of its own to carry its report.
    if (!(await occurrenceRow(u.tx, now, id))) return undefined;
    const meeting = await putMeetingReport(u.tx, now, id, input);
    if (meeting !== undefined) await u.audit({ action: 'cafe.report.put', target: `cafe:${id}` });
    return meeting;
  });
}

/** Withdraws a café's public report; `false` when there was none. */
export function deleteCafeReport(ctx: ServiceContext, now: Date, actor: Actor, id: string): Promise<boolean> {
  return audited(ctx, now, actor, async (u) => {
    if (!(await deleteMeetingReport(u.tx, id))) return false;
    await u.audit({ action: 'cafe.report.delete', target: `cafe:${id}` });
    return true;
  });
}
