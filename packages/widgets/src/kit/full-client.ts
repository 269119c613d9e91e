import type { ProximiteClient } from '@proximite/sdk';
import { icalClient, isICalendarUrl, resolveWith, type ClientHost, type StaticResource } from './client.js';

const fullClients = new Map<string, ProximiteClient | Promise<ProximiteClient>>();

/**
 * The client a widget talks to: its `.client` property, else a client of its `api` attribute,
 * else an adapter of its `src` file (the static JSON adapter holding `resource`, or for cafés an
 * iCalendar file). The full client: rights, stats and priorities included.
 *
 * The SDK (and the contract's schemas it builds when evaluated) is a chunk of its own, loaded only
 * for an `api`: evaluating it took about a third of the figures' first task at 4× CPU throttling,
 * and a page that hands the widget a `.client` never needs it (issue 21).
 */
export function resolveClient(host: ClientHost, resource: StaticResource): Promise<ProximiteClient> {
  return resolveWith(
    host,
    fullClients,
    async (baseUrl) => (await import('@proximite/sdk')).createClient({ baseUrl }),
    async (url) => {
      if (resource === 'cafes' && isICalendarUrl(url)) return icalClient(url);
      const { createStaticClient } = await import('@proximite/sdk/adapters/static.js');
      return createStaticClient({ [resource]: url });
    },
  );
}
