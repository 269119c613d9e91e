/**
 * `@proximite/sdk/adapters/static-cafes.js` — cafés and districts from JSON files on any static site
 * (no backend): what a calendar needs, and nothing else, so a calendar's bundle carries only the
 * cafés' and districts' schemas. `createStaticClient` (`./static.js`) builds on it for every resource.
 *
 * Each file holds what the API would answer (`{ items: [...] }`) or a bare array, validated with the
 * contract's schemas; filtering, sorting and paging happen in the browser.
 */
import { Cafe, District, type CafeListQuery, type Page } from '@proximite/contract';
import type { ProximiteCafesClient } from '../client.js';
import { UnsupportedOperationError } from '../errors.js';
import type { RequestOptions } from '../internal/transport.js';
import type { IcsQuery } from '../resources/cafes.js';
import { paginate } from '../resources/resource.js';
import { instant, pageOf, type AdapterOptions } from './shared.js';
import { BACKEND, fileLoader, notFound, resolveUrl } from './static-files.js';

/** URLs of the files (absolute, or relative to the page); leave out what the site does not publish. */
export interface StaticCafesSources extends AdapterOptions {
  /** The cafés: `[...]` or `{ "items": [...] }`. */
  cafes?: string;
  /** The districts of the filter. */
  districts?: string;
  /** A static iCalendar file of the cafés, returned by `cafes.icsUrl()` for the feed. */
  ics?: string;
}

/** Creates a client of cafés and districts over static JSON files. */
export function createStaticCafesClient(sources: StaticCafesSources): ProximiteCafesClient {
  const files = fileLoader<'cafes' | 'districts'>(
    sources,
    (name) => new UnsupportedOperationError(`${name} (no file given)`, BACKEND),
  );

  const list = async (query: CafeListQuery = {}, options?: RequestOptions): Promise<Page<Cafe>> => {
    const from = instant(query.from, Date.now());
    const to = instant(query.to, Number.POSITIVE_INFINITY);
    const items = (await files.list('cafes', Cafe, options))
      .filter(
        (c) =>
          Date.parse(c.end) >= from &&
          Date.parse(c.start) < to &&
          (query.district === undefined || c.districtId === query.district),
      )
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    return pageOf(items, query.limit, query.cursor);
  };

  return {
    cafes: {
      list,
      iterate: (query = {}, options) => paginate((cursor) => list({ ...query, cursor }, options)),
      async get(id, options) {
        const cafe = (await files.list('cafes', Cafe, options)).find((c) => c.id === id);
        if (!cafe) throw notFound(`Café ${id}`, sources.cafes ?? '');
        return cafe;
      },
      icsUrl(query: IcsQuery = {}) {
        if (sources.ics === undefined || 'id' in query)
          throw new UnsupportedOperationError('cafes.icsUrl', `${BACKEND} (no per-café .ics file)`);
        return resolveUrl(sources.ics);
      },
    },
    districts: {
      list: (options) => files.list('districts', District, options),
    },
  };
}
