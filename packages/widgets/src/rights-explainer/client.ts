/**
 * The part of the SDK client <prox-rights-explainer> uses, and how it gets one from its attributes:
 * the kit's shared resolver (`.client`, else `api` through the SDK's rights resource alone, else
 * `src` through the static adapter, with `{lang}` in `src` replaced by the language shown:
 * `/rights.{lang}.json` → `/rights.fr.json`).
 */
import type { RightsContent } from '@proximite/contract';
import { MissingSourceError, resolveWith } from '../kit/client.js';
import { WidgetError } from '../kit/data.controller.js';

/** What the widget needs from a client. */
export interface RightsClient {
  rights: {
    get(query: { lang?: 'fr' | 'en' }, options?: { signal?: AbortSignal }): Promise<RightsContent>;
  };
}

export interface RightsSource {
  client?: RightsClient | undefined;
  api?: string | undefined;
  src?: string | undefined;
  lang: 'fr' | 'en';
}

/** Raised when no source is configured; its message is shown to the resident. */
export class RightsSourceError extends WidgetError {}

/** One client per base URL on the page (every SDK client of the page shares one response cache). */
const rightsClients = new Map<string, RightsClient | Promise<RightsClient>>();

/** The client for a source; throws {@link RightsSourceError} with `noSource` when none is set. */
export async function resolveRightsClient(source: RightsSource, noSource: string): Promise<RightsClient> {
  if (source.client) return source.client;
  try {
    return await resolveWith<RightsClient>(
      { api: source.api, src: source.src, lang: source.lang },
      rightsClients,
      // The rights resource alone, not the full client: its chunk builds only the rights' schemas.
      async (baseUrl) => (await import('./rights-sdk.js')).createRightsClient(baseUrl),
      async (url) => {
        const { createStaticClient } = await import('@proximite/sdk/adapters/static.js');
        return createStaticClient({ rights: url });
      },
    );
  } catch (error) {
    throw error instanceof MissingSourceError ? new RightsSourceError(noSource) : error;
  }
}
