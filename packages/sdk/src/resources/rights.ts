import { RightsContent } from '@proximite/contract';
import type { RequestOptions } from '../internal/transport.js';
import { Resource } from './resource.js';

/** Residents' rights content with the city's overrides: `GET /v1/rights`. */
export class RightsResource extends Resource {
  /** The rights content; `lang` defaults to the client's. */
  get(query: { lang?: 'fr' | 'en' } = {}, options?: RequestOptions): Promise<RightsContent> {
    return this._transport.get(
      '/v1/rights',
      { lang: query.lang ?? this._transport.config.lang },
      RightsContent,
      options,
    );
  }
}
