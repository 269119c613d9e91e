import { createClient, type ProximiteClient } from '@proximite/sdk';
import { resolveWith, type ClientHost, type StaticResource } from './client.js';

const fullClients = new Map<string, ProximiteClient>();

/**
 * The client a widget talks to: its `.client` property, else a client of its `api` attribute,
 * else an adapter of its `src` file. The full client: rights, stats and priorities included.
 */
export function resolveClient(host: ClientHost, resource: StaticResource): Promise<ProximiteClient> {
  return resolveWith(host, resource, fullClients, (baseUrl) => createClient({ baseUrl }));
}
