/**
 * Services and routing rules, managed by admins (`services:write`), each change audited: names,
 * public contact, members, handling-time target, delivery method and its secret (a generated
 * webhook secret is shown once), the police and independent-instance flags, and the rules.
 *
 * The conduct-complaint rule is kept here: a category for complaints about police conduct may only
 * be routed to a restricted service that is not a police service, and a service that such
 * complaints reach cannot stop being one.
 */
import { isIP } from 'node:net';
import type {
  RoutingRule,
  RoutingRulesInput,
  RoutingTable,
  Service,
  ServiceCreateInput,
  ServiceDelivery,
  ServiceInput,
} from '@proximite/contract';
import type { ProblemFieldError } from '@proximite/contract';
import { isPrivateAddress } from '../delivery/safe-http.js';
import { newWebhookSecret } from '../delivery/webhook.js';
import { AppError } from '../errors.js';
import { listCategories } from '../store/content.js';
import { replaceRules, routingTable } from '../store/routing.js';
import {
  deleteServiceRow,
  getServiceRecord,
  insertService,
  serviceReferences,
  serviceView,
  setServiceMembers,
  unknownServices,
  updateServiceRow,
} from '../store/services.js';
import type { ServiceRecord, ServiceWrite } from '../store/services.js';
import type { Actor } from './actor.js';
import { audited } from './audited.js';
import type { ServiceContext, Unit } from './audited.js';

export interface ServicesContext extends ServiceContext {
  /** Webhooks and Open311 may target private addresses and plain http (PROXIMITE_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: boolean;
}

const invalid = (errors: ProblemFieldError[], detail = 'Some settings are not valid.') =>
  new AppError('validation', detail, { errors });

/** Refuses a target URL the delivery would refuse anyway (scheme, private IP literal). */
function checkUrl(url: string, path: string, allowPrivate: boolean): void {
  const u = new URL(url);
  if (u.protocol !== 'https:' && !allowPrivate)
    throw invalid([{ path, message: 'must be https' }], 'Webhooks and Open311 endpoints must use https.');
  const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  if (!allowPrivate && (host === 'localhost' || (isIP(host) !== 0 && isPrivateAddress(host))))
    throw invalid(
      [{ path, message: 'private, loopback or link-local address' }],
      'This address is not reachable from the server’s delivery (private, loopback or link-local); set PROXIMITE_WEBHOOK_ALLOW_PRIVATE=1 to allow it.',
    );
}

async function checkMembers(u: Unit, members: readonly string[] | undefined): Promise<void> {
  if (members === undefined || members.length === 0) return;
  const rows = await u.tx.query<{ id: string }>(
    'SELECT id FROM staff WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))',
    [JSON.stringify(members)],
  );
  const known = new Set(rows.map((r) => r.id));
  const errors = members.flatMap((m, i) =>
    known.has(m) ? [] : [{ path: `members.${i}`, message: 'unknown staff account' }],
  );
  if (errors.length > 0) throw invalid(errors, 'Unknown staff account.');
}

/** The row to write for `input`, keeping `previous`'s secret unless a new one is given. */
function toWrite(
  ctx: ServicesContext,
  input: ServiceInput,
  previous: ServiceRecord | undefined,
): { write: ServiceWrite; generated: string | undefined } {
  const d = input.delivery ?? { method: 'none' as const };
  let delivery: ServiceDelivery;
  let secret: string | null = null;
  let generated: string | undefined;
  switch (d.method) {
    case 'email':
      delivery = {
        method: 'email',
        to: d.to.map((a) => a.toLowerCase()),
        ...(d.lang !== undefined ? { lang: d.lang } : {}),
      };
      break;
    case 'webhook':
      checkUrl(d.url, 'delivery.url', ctx.allowPrivate);
      delivery = { method: 'webhook', url: d.url };
      if (d.secret !== undefined) secret = d.secret;
      else if (
        d.regenerateSecret !== true &&
        previous?.delivery.method === 'webhook' &&
        previous.secret !== null
      )
        secret = previous.secret;
      else secret = generated = newWebhookSecret();
      break;
    case 'open311':
      checkUrl(d.endpoint, 'delivery.endpoint', ctx.allowPrivate);
      delivery = {
        method: 'open311',
        endpoint: d.endpoint.replace(/\/+$/, ''),
        serviceCode: d.serviceCode,
        ...(d.jurisdictionId !== undefined ? { jurisdictionId: d.jurisdictionId } : {}),
        ...(d.format !== undefined ? { format: d.format } : {}),
        updates: d.updates ?? 'auto',
      };
      secret = d.apiKey ?? (previous?.delivery.method === 'open311' ? previous.secret : null);
      break;
    default:
      delivery = { method: 'none' };
  }
  return {
    write: {
      name: input.name,
      contact: input.contact ?? null,
      target: input.target ?? null,
      delivery,
      secret,
      contactAccess: input.contactAccess === true,
      police: input.police === true,
      restricted: input.restricted === true,
    },
    generated,
  };
}

/** What an audit entry says of a service (never a secret). */
function auditDetail(id: string, w: ServiceWrite, members: readonly string[] | undefined) {
  return {
    id,
    delivery: w.delivery.method,
    police: w.police,
    restricted: w.restricted,
    contactAccess: w.contactAccess,
    target: w.target,
    ...(members !== undefined ? { members } : {}),
  };
}

/** Whether conduct complaints are (or can be) routed to `id`: a conduct category's rule or own service, or such a concern. */
async function conductRoutedTo(u: Unit, id: string): Promise<boolean> {
  const rows = await u.tx.query(
    `SELECT 1 FROM categories c
      WHERE c.data->'conduct' IS NOT NULL
        AND (c.data->'service'->>'id' = $1 OR EXISTS (SELECT 1 FROM routing_rules r WHERE r.category_code = c.code AND r.service_id = $1))
     UNION ALL SELECT 1 FROM concerns WHERE restricted AND service->>'id' = $1 LIMIT 1`,
    [id],
  );
  return rows.length > 0;
}

export async function createService(
  ctx: ServicesContext,
  now: Date,
  actor: Actor,
  input: ServiceCreateInput,
): Promise<Service> {
  const { id, ...rest } = input;
  const { write, generated } = toWrite(ctx, rest, undefined);
  return audited(ctx, now, actor, async (u) => {
    await checkMembers(u, rest.members);
    if (!(await insertService(u.tx, now, id, write)))
      throw new AppError('conflict', 'A service with this id exists.');
    if (rest.members !== undefined) await setServiceMembers(u.tx, id, rest.members);
    await u.audit({
      action: 'service.create',
      target: `service:${id}`,
      detail: auditDetail(id, write, rest.members),
    });
    const record = await getServiceRecord(u.tx, id);
    if (record === undefined) throw new Error('a created service can be read');
    return { ...serviceView(record), ...(generated !== undefined ? { webhookSecret: generated } : {}) };
  });
}

/** Replaces a service's settings; `undefined` when there is no such service. */
export async function updateService(
  ctx: ServicesContext,
  now: Date,
  actor: Actor,
  id: string,
  input: ServiceInput,
): Promise<Service | undefined> {
  return audited(ctx, now, actor, async (u) => {
    const previous = await getServiceRecord(u.tx, id, { lock: true });
    if (previous === undefined) return undefined;
    const { write, generated } = toWrite(ctx, input, previous);
    if ((!write.restricted || write.police) && (await conductRoutedTo(u, id)))
      throw new AppError(
        'conflict',
        'Complaints about police conduct are routed to this service: it must stay an independent instance (restricted, not a police service). Change the routing rules first.',
      );
    await checkMembers(u, input.members);
    await updateServiceRow(u.tx, now, id, write);
    if (input.members !== undefined) await setServiceMembers(u.tx, id, input.members);
    await u.audit({
      action: 'service.update',
      target: `service:${id}`,
      detail: auditDetail(id, write, input.members),
    });
    const record = await getServiceRecord(u.tx, id);
    if (record === undefined) throw new Error('an updated service can be read');
    return { ...serviceView(record), ...(generated !== undefined ? { webhookSecret: generated } : {}) };
  });
}

/** Deletes a service nothing points to: `false` when there is none, 409 when something does. */
export async function deleteService(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  id: string,
): Promise<boolean> {
  return audited(ctx, now, actor, async (u) => {
    if ((await getServiceRecord(u.tx, id, { lock: true })) === undefined) return false;
    const refs = await serviceReferences(u.tx, id);
    if (refs.concerns + refs.categories + refs.rules > 0)
      throw new AppError(
        'conflict',
        `Still in use: ${refs.concerns} concern(s), ${refs.categories} categor(y/ies) and ${refs.rules} routing rule(s) point to this service.`,
      );
    await deleteServiceRow(u.tx, id);
    await u.audit({ action: 'service.delete', target: `service:${id}` });
    return true;
  });
}

/** Replaces the routing rules, after checking each against the categories, districts and services. */
export async function putRoutingRules(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  input: RoutingRulesInput,
): Promise<RoutingTable> {
  return audited(ctx, now, actor, async (u) => {
    const categories = new Map((await listCategories(u.tx)).map((c) => [c.code, c]));
    const districts = new Set(
      (await u.tx.query<{ id: string }>('SELECT id FROM districts')).map((d) => d.id),
    );
    const services = await unknownServices(u.tx, [...new Set(input.rules.map((r) => r.serviceId))]);
    const errors: ProblemFieldError[] = [];
    const rules: RoutingRule[] = [];
    for (const [i, r] of input.rules.entries()) {
      const category = categories.get(r.categoryCode);
      if (category === undefined || category.emergency !== undefined)
        errors.push({ path: `rules.${i}.categoryCode`, message: 'unknown category' });
      if (r.districtId !== undefined && r.districtId !== null && !districts.has(r.districtId))
        errors.push({ path: `rules.${i}.districtId`, message: 'unknown district' });
      if (services.includes(r.serviceId))
        errors.push({ path: `rules.${i}.serviceId`, message: 'unknown service' });
      else if (category?.conduct !== undefined) {
        const service = await getServiceRecord(u.tx, r.serviceId);
        if (service === undefined || !service.restricted || service.police)
          errors.push({
            path: `rules.${i}.serviceId`,
            message:
              'complaints about police conduct go only to a restricted service that is not a police service',
          });
      }
      rules.push({ categoryCode: r.categoryCode, districtId: r.districtId ?? null, serviceId: r.serviceId });
    }
    if (errors.length > 0) throw invalid(errors, 'Some routing rules are not valid.');
    const before = await routingTable(u.tx);
    await replaceRules(u.tx, now, rules);
    const key = (r: RoutingRule) => `${r.categoryCode}@${r.districtId ?? '*'}→${r.serviceId}`;
    const was = new Set(before.rules.map(key));
    const now_ = new Set(rules.map(key));
    await u.audit({
      action: 'routing.update',
      target: 'routing-rules',
      detail: { added: [...now_].filter((k) => !was.has(k)), removed: [...was].filter((k) => !now_.has(k)) },
    });
    return routingTable(u.tx);
  });
}
