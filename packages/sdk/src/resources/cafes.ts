import { Cafe, CafePage, type CafeListQuery } from '@proximite/contract';
import { path } from '../internal/path.js';
import type { RequestOptions } from '../internal/transport.js';
import { Resource, paginate } from './resource.js';

/** Which calendar feed {@link CafesResource.icsUrl} points to: all cafés (of a district), or one café. */
export type IcsQuery = { district?: string } | { id: string };

/** Cafés with a police officer (and other public meetings): `GET /v1/cafes…`. */
export class CafesResource extends Resource {
  /** One page of upcoming cafés, soonest first. */
  list(query: CafeListQuery = {}, options?: RequestOptions): Promise<CafePage> {
    return this._transport.get('/v1/cafes', query, CafePage, options);
  }

  /** Every café matching `query`, across pages (`for await (const cafe of client.cafes.iterate())`). */
  iterate(query: Omit<CafeListQuery, 'cursor'> = {}, options?: RequestOptions): AsyncGenerator<Cafe> {
    return paginate((cursor) => this.list({ ...query, cursor }, options));
  }

  /** One café by id (`NotFoundError` if there is none). */
  get(id: string, options?: RequestOptions): Promise<Cafe> {
    return this._transport.get(path`/v1/cafes/${id}`, undefined, Cafe, options);
  }

  /**
   * URL of the iCalendar feed (all cafés, or those of a district) or of one café's `.ics` file.
   * Use it for "add to calendar" links; replace `https:` by `webcal:` to subscribe.
   */
  icsUrl(query: IcsQuery = {}): string {
    const lang = this._transport.config.lang;
    return 'id' in query
      ? this._transport.url(path`/v1/cafes/${query.id}.ics`, { lang })
      : this._transport.url('/v1/cafes.ics', { district: query.district, lang });
  }
}
