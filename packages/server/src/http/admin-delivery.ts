/**
 * `/v1/admin/services…`, `/v1/admin/routing-rules` and `/v1/admin/deliveries…`: services and their
 * delivery settings, the routing rules, and the delivery log with its retry operation.
 */
import { DeliveryListQuery, RoutingRulesInput, ServiceCreateInput, ServiceInput } from '@proximite/contract';
import type { OperationId } from '@proximite/contract';
import type { Handler } from 'hono';
import { listDeliveries } from '../delivery/log.js';
import { AppError } from '../errors.js';
import { retryDelivery } from '../services/deliveries.js';
import * as services from '../services/services.js';
import { routingTable } from '../store/routing.js';
import { getServiceRecord, listServices, serviceView } from '../store/services.js';
import { principalOf } from './auth.js';
import type { AppDeps } from './context.js';
import type { AppEnv } from './env.js';
import { jsonResponse, noContent, pathId } from './shared.js';
import { parseJsonBody, parseQuery } from './validate.js';

export function deliveryOperations(
  operation: (id: OperationId, handler: Handler<AppEnv>) => void,
  deps: AppDeps,
): void {
  const { db } = deps;
  const ctx = { db, allowPrivate: deps.config.webhookAllowPrivate };
  const mailFrom = deps.delivery.mailer?.from ?? deps.config.mailFrom;

  // ---- services
  operation('listServices', async () => jsonResponse({ items: await listServices(db) }));

  operation('createService', async (c) => {
    const { value } = await parseJsonBody(c, ServiceCreateInput);
    const service = await services.createService(ctx, deps.clock(), principalOf(c).actor, value);
    return jsonResponse(service, 201, { Location: `/v1/admin/services/${encodeURIComponent(service.id)}` });
  });

  operation('getService', async (c) => {
    const record = await getServiceRecord(db, pathId(c, 'id'));
    if (record === undefined) throw new AppError('notFound', 'No such service.');
    return jsonResponse(serviceView(record));
  });

  operation('updateService', async (c) => {
    const id = pathId(c, 'id');
    const { value } = await parseJsonBody(c, ServiceInput);
    const service = await services.updateService(ctx, deps.clock(), principalOf(c).actor, id, value);
    if (service === undefined) throw new AppError('notFound', 'No such service.');
    return jsonResponse(service);
  });

  operation('deleteService', async (c) => {
    if (!(await services.deleteService(ctx, deps.clock(), principalOf(c).actor, pathId(c, 'id'))))
      throw new AppError('notFound', 'No such service.');
    return noContent();
  });

  // ---- routing rules
  operation('getRoutingRules', async () => jsonResponse(await routingTable(db)));

  operation('putRoutingRules', async (c) => {
    const { value } = await parseJsonBody(c, RoutingRulesInput);
    return jsonResponse(await services.putRoutingRules(ctx, deps.clock(), principalOf(c).actor, value));
  });

  // ---- deliveries
  operation('listDeliveries', async (c) => {
    const q = parseQuery(c, DeliveryListQuery);
    return jsonResponse(await listDeliveries(db, q, principalOf(c), mailFrom));
  });

  operation('retryDelivery', async (c) => {
    const principal = principalOf(c);
    const id = pathId(c, 'id');
    const delivery = await retryDelivery(deps, deps.clock(), principal.actor, id, principal, mailFrom);
    if (delivery === undefined) throw new AppError('notFound', 'No such delivery.');
    return jsonResponse(delivery);
  });
}
