/**
 * How the form finds its backend and its outbox from its attributes. The SDK (its client, outbox
 * and the contract's schemas it validates every response with) is a chunk loaded right after the
 * form's first paint: nothing here imports it statically (issue 21).
 */
import type { Outbox } from '@proximite/sdk/core.js';
import { MissingSourceError, absoluteUrl, resolveCoreClient } from '../kit/client.js';
import type { ConcernClient } from './backend.js';

export interface BackendOptions {
  api?: string | undefined;
  open311?: string | undefined;
  apiKey?: string | undefined;
  jurisdictionId?: string | undefined;
}

/**
 * The client for the form's attributes: an Open311 GeoReport v2 endpoint (`open311`; the adapter
 * is loaded only then), else the reference API (`api`, through the kit's shared resolver). Rejects
 * with a clear bilingual message when neither is set.
 */
export async function resolveConcernClient(options: BackendOptions): Promise<ConcernClient> {
  if (options.open311) {
    const { createOpen311Client } = await import('@proximite/sdk/adapters/open311.js');
    return createOpen311Client({
      baseUrl: absoluteUrl(options.open311),
      ...(options.apiKey && { apiKey: options.apiKey }),
      ...(options.jurisdictionId && { jurisdictionId: options.jurisdictionId }),
    });
  }
  if (options.api) return resolveCoreClient({ api: options.api });
  throw new MissingSourceError(['api', 'open311']);
}

/**
 * The SDK outbox (IndexedDB) sending through `client`. Created when the resident submits, or when
 * an earlier visit left reports on this device.
 */
export async function createFormOutbox(client: ConcernClient): Promise<Outbox> {
  const { createOutbox } = await import('@proximite/sdk/core.js');
  return createOutbox({ client });
}

/** Whether an outbox database already exists on this device (so opening it creates no storage). */
export async function outboxExists(name = 'proximite-outbox'): Promise<boolean> {
  try {
    const list = await globalThis.indexedDB?.databases?.();
    return (list ?? []).some((db) => db.name === name);
  } catch {
    return false;
  }
}
