import { createClient, type ProximiteClient } from '@proximite/sdk';
import { icalClient, isICalendarUrl, resolveWith, type ClientHost, type StaticResource } from './client.js';

const fullClients = new Map<string, ProximiteClient>();

/**
 * The client a widget talks to: its `.client` property, else a client of its `api` attribute,
 * else an adapter of its `src` file (the static JSON adapter holding `resource`, or for cafés an
 * iCalendar file). The full client: rights, stats and priorities included.
 */
export function resolveClient(host: ClientHost, resource: StaticResource): Promise<ProximiteClient> {
  return resolveWith(
    host,
    fullClients,
    (baseUrl) => createClient({ baseUrl }),
    async (url) => {
      if (resource === 'cafes' && isICalendarUrl(url)) return icalClient(url);
      const { createStaticClient } = await import('@proximite/sdk/adapters/static.js');
      return createStaticClient({ [resource]: url });
    },
  );
}
