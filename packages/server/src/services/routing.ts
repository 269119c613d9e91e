/**
 * Routing: which service a concern goes to — on arrival, and again when staff re-categorise it
 * (the rules run again) or refer it to another service — and the hand-off itself: a public update
 * (« Transmis au service Propreté urbaine »), an audit entry, and the messages the services receive
 * (enqueued in the same transaction).
 *
 * Conduct complaints (a category with `conduct`) go only to an independent instance: a restricted
 * service that is not a police service. Without one the submission is refused (the form shows the
 * recourse bodies instead); such a concern is `restricted` — seen by that service's members alone —
 * and can never be referred to a service that is not a restricted, non-police one.
 */
import type { ConcernCategory, LocalizedText, ServiceRef } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import type { Outbox } from '../delivery/outbox.js';
import { enqueueConcernEvent } from '../delivery/outbox.js';
import { notifyResident } from '../delivery/resident.js';
import { AppError } from '../errors.js';
import { insertConcern } from '../store/concerns.js';
import type { CreatedConcern, NewConcern, PreparedConcern } from '../store/concerns.js';
import { resolveRoute } from '../store/routing.js';
import { getServiceRecord, serviceRef } from '../store/services.js';
import type { ServiceRecord } from '../store/services.js';
import { newId } from '../util.js';
import type { Actor } from './actor.js';
import { auditedIn } from './audited.js';
import type { Unit } from './audited.js';

/** The actor of routing decisions the server makes by itself (on arrival). */
export const ROUTING_ACTOR: Actor = { kind: 'system', name: 'routing' };

/** Where a concern goes, and whether it is a restricted conduct complaint. */
export interface Route {
  service: ServiceRef;
  /** The service's record; `undefined` when the category names a service that was never installed. */
  record: ServiceRecord | undefined;
  restricted: boolean;
}

const RECOURSE_DETAIL =
  'This city has no independent instance for complaints about police conduct: contact the IGPN (police nationale), the IGGN (gendarmerie), the Défenseur des droits or the procureur de la République.';

/** Whether `service` may receive a conduct complaint: an independent instance, not a police force. */
export function isConductInstance(
  service: Pick<ServiceRecord, 'restricted' | 'police'> | undefined,
): boolean {
  return service !== undefined && service.restricted && !service.police;
}

/**
 * The route of a new concern of `category` in `districtId` (the routing rules). A conduct complaint
 * without an independent instance is refused (422), naming the recourse bodies.
 */
export async function routeFor(
  db: Queryable,
  category: ConcernCategory,
  districtId: string | null | undefined,
): Promise<Route> {
  const { service } = await resolveRoute(db, category, districtId);
  return routeOf(category, service);
}

/**
 * Where a concern of `category` goes when the routing rules choose `service` (`undefined`: a service
 * that is not installed): the one place of the rule that a conduct complaint goes only to an
 * independent instance, never to the police. Without one it is refused (422), naming the recourse
 * bodies.
 */
export function routeOf(category: ConcernCategory, service: ServiceRecord | undefined): Route {
  if (category.conduct !== undefined) {
    if (!isConductInstance(service))
      throw new AppError('validation', RECOURSE_DETAIL, {
        errors: [
          { path: 'categoryCode', message: 'conduct complaint: no independent instance is configured' },
        ],
      });
    return { service: serviceRef(service as ServiceRecord), record: service, restricted: true };
  }
  // A category whose service is not installed keeps its own reference (no delivery then).
  return {
    service: service === undefined ? category.service : serviceRef(service),
    record: service,
    restricted: false,
  };
}

/** The public text of a hand-off. */
export function handoffText(service: ServiceRef): LocalizedText {
  return {
    fr: `Transmis au service ${service.name.fr}.`,
    en: `Passed to ${service.name.en ?? service.name.fr}.`,
  };
}

/** Records a hand-off as a public update naming the service; returns its id. */
async function addHandoffUpdate(
  tx: Queryable,
  concernId: string,
  at: string,
  status: string,
  service: ServiceRef,
): Promise<string> {
  const id = newId();
  await tx.query(
    'INSERT INTO concern_updates (id, concern_id, at, status, text, service) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)',
    [id, concernId, at, status, JSON.stringify(handoffText(service)), JSON.stringify(service)],
  );
  return id;
}

/**
 * Stores a new concern where the routing rules send it (`prepared`: read by `prepareConcern` in the
 * same transaction) — in the caller's transaction — and records its arrival: the hand-off public
 * update, an audit entry (`system:routing`) and the messages for its service.
 *
 * The audit entry is appended last: appending takes the audit chain's lock (store/audit.ts), which
 * every other audited write then waits for until this transaction commits. With `deferAudit`, it is
 * handed to the caller instead, to append as the very last step of its transaction.
 */
export async function createRoutedConcern(
  tx: Queryable,
  now: Date,
  outbox: Outbox,
  prepared: PreparedConcern,
  input: NewConcern,
  deferAudit?: (append: (u: Unit) => Promise<void>) => void,
): Promise<CreatedConcern> {
  const { category } = prepared;
  const route = routeOf(category, prepared.routed);
  const created = await insertConcern(
    tx,
    now,
    category,
    { ...input, service: route.service, restricted: route.restricted },
    // The service's target is known: the due date is computed with the insert.
    route.record?.target ?? null,
  );
  const handoffId = await addHandoffUpdate(tx, created.id, now.toISOString(), created.status, route.service);
  if (route.record !== undefined)
    await enqueueConcernEvent(tx, now, outbox, {
      event: 'concern.created',
      concernId: created.id,
      service: route.record,
    });
  // The resident's acknowledgement, when they asked to be kept informed by e-mail (without an
  // address and that wish, notifyResident would find nothing to send).
  const c = input.contact;
  if (c?.emailUpdates === true && c.email !== undefined)
    await notifyResident(tx, now, outbox, created.id, {
      kind: 'acknowledgement',
      at: created.submittedAt,
      code: created.trackingCode,
      token: created.statusToken,
    });
  const append = (u: Unit) =>
    u.audit({
      action: 'concern.routed',
      target: `concern:${created.reference}`,
      detail: { to: route.service.id, reason: 'arrival', handoff: handoffId },
    });
  if (deferAudit) deferAudit(append);
  else await auditedIn(tx, now, ROUTING_ACTOR, append);
  return created;
}

/** The concern as a hand-off needs it. */
export interface RoutedConcernRow {
  id: string;
  reference: string;
  status: string;
  service: ServiceRef;
  restricted: boolean;
}

/**
 * Where a concern goes when staff re-categorise it (`category`: the rules run again) or refer it
 * (`serviceId`: that service, the rules not consulted). Refuses (409) to take a conduct complaint
 * anywhere but an independent instance, and (422) an unknown service.
 */
export async function planReroute(
  tx: Queryable,
  current: RoutedConcernRow,
  change: {
    category?: ConcernCategory | undefined;
    serviceId?: string | undefined;
    districtId: string | null;
  },
): Promise<Route | undefined> {
  let route: Route | undefined;
  if (change.serviceId !== undefined) {
    const record = await getServiceRecord(tx, change.serviceId);
    if (record === undefined)
      throw new AppError('validation', 'Unknown service.', {
        errors: [{ path: 'serviceId', message: 'unknown service' }],
      });
    const conduct =
      change.category?.conduct !== undefined || (change.category === undefined && current.restricted);
    if (conduct && !isConductInstance(record))
      throw new AppError(
        'conflict',
        'A complaint about police conduct goes only to an independent instance (a restricted service that is not a police service).',
      );
    route = { service: serviceRef(record), record, restricted: conduct };
  } else if (change.category !== undefined) {
    if (current.restricted && change.category.conduct === undefined)
      throw new AppError(
        'conflict',
        'A complaint about police conduct stays with the independent instance: it cannot be re-categorised into another kind of concern.',
      );
    try {
      route = await routeFor(tx, change.category, change.districtId);
    } catch (error) {
      if (error instanceof AppError && error.key === 'validation')
        throw new AppError('conflict', RECOURSE_DETAIL);
      throw error;
    }
  }
  if (route === undefined || route.service.id === current.service.id) return undefined;
  return route;
}

/**
 * Records that `concern` went from its service to `route` (the concern row itself is updated by
 * the caller): a public update, an audit entry, a `concern.routed` message for the new service and
 * one for the former service when it takes webhooks (so its system can close its copy).
 */
export async function recordHandoff(
  u: Unit,
  outbox: Outbox,
  concern: RoutedConcernRow,
  route: Route,
  reason: 'recategorised' | 'referred',
): Promise<void> {
  const at = u.now.toISOString();
  const handoffId = await addHandoffUpdate(u.tx, concern.id, at, concern.status, route.service);
  await notifyResident(u.tx, u.now, outbox, concern.id, {
    kind: 'handoff',
    at: `${at}:${handoffId}`,
    text: handoffText(route.service),
  });
  await u.audit({
    action: 'concern.routed',
    target: `concern:${concern.reference}`,
    detail: { from: concern.service.id, to: route.service.id, reason, handoff: handoffId },
  });
  if (route.record !== undefined)
    await enqueueConcernEvent(u.tx, u.now, outbox, {
      event: 'concern.routed',
      concernId: concern.id,
      service: route.record,
      previousServiceId: concern.service.id,
      handoffId,
    });
  const previous = await getServiceRecord(u.tx, concern.service.id);
  if (
    previous !== undefined &&
    previous.delivery.method === 'webhook' &&
    !(concern.restricted && previous.police)
  )
    await enqueueConcernEvent(u.tx, u.now, outbox, {
      event: 'concern.routed',
      concernId: concern.id,
      service: previous,
      previousServiceId: concern.service.id,
      handoffId,
    });
}
