import { PriorityPage, type Priority, type PriorityFeedQuery, type PriorityListQuery } from '@proximite/contract';
import type { RequestOptions } from '../internal/transport.js';
import { Resource, paginate } from './resource.js';

/** "You said, we did": `GET /v1/priorities`. */
export class PrioritiesResource extends Resource {
  /** One page of priorities. */
  list(query: PriorityListQuery = {}, options?: RequestOptions): Promise<PriorityPage> {
    return this._transport.get('/v1/priorities', query, PriorityPage, options);
  }

  /** Every priority matching `query`, across pages. */
  iterate(query: Omit<PriorityListQuery, 'cursor'> = {}, options?: RequestOptions): AsyncGenerator<Priority> {
    return paginate((cursor) => this.list({ ...query, cursor }, options));
  }

  /** URL of the Atom feed of the actions carried out (all, or a district's), for a feed reader. */
  feedUrl(query: Omit<PriorityFeedQuery, 'lang'> = {}): string {
    return this._transport.url('/v1/priorities.atom', { district: query.district, lang: this._transport.config.lang });
  }
}
