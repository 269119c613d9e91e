/**
 * The SDK's rights resource alone over its transport, for `api` (a lazy chunk, loaded after the
 * widget has painted its loading state). The full client builds the contract's schemas of every
 * resource when its chunk is evaluated — cafés, concerns, stats, priorities… — a task of about
 * 50 ms of thread time at 4× CPU throttling of which the rights need a small part (issue 21). The
 * transport's options are the full client's defaults, and its response cache is the one every
 * client of the page shares.
 */
import { transportFor } from '@proximite/sdk/client.js';
import { RightsResource } from '@proximite/sdk/resources/rights.js';
import type { RightsClient } from './client.js';

export function createRightsClient(baseUrl: string): RightsClient {
  return { rights: new RightsResource(transportFor({ baseUrl })) };
}
