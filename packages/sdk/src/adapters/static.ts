/**
 * `@proximite/sdk/adapters/static.js` — a client over JSON files hosted on any static site (no
 * backend): cafés, districts, concern categories, priorities, rights and stats. Each file holds what
 * the API would answer (`{ items: [...] }` or a bare array for lists) and is validated with the same
 * contract schemas (cafés and districts through `./static-cafes.js`). Filtering and paging happen in
 * the browser. Submitting a concern needs a backend:
 * `concerns.submit` and `concerns.status` reject with `UnsupportedOperationError`.
 */
import {
  ConcernCategory,
  Priority,
  RightsContent,
  StatsDataset,
  type Page,
  type PriorityListQuery,
} from '@proximite/contract';
import type { ProximiteClient } from '../client.js';
import { UnsupportedOperationError } from '../errors.js';
import type { RequestOptions } from '../internal/transport.js';
import type { StatsGetQuery } from '../resources/stats.js';
import { paginate } from '../resources/resource.js';
import { pageOf, unsupported } from './shared.js';
import { createStaticCafesClient, type StaticCafesSources } from './static-cafes.js';
import { BACKEND, fileLoader, notFound } from './static-files.js';

/** URLs of the files (absolute, or relative to the page); leave out what the site does not publish. */
export interface StaticSources extends StaticCafesSources {
  categories?: string;
  priorities?: string;
  rights?: string;
  stats?: string;
}

/** Creates a client over static JSON files. */
export function createStaticClient(sources: StaticSources): ProximiteClient {
  // Cafés and districts come from the calendar's own adapter; the other files are read here.
  const { cafes, districts } = createStaticCafesClient(sources);
  const files = fileLoader<'categories' | 'priorities' | 'rights' | 'stats'>(
    sources,
    (name) => new UnsupportedOperationError(`${name} (no file given)`, BACKEND),
  );

  const prioritiesList = async (
    query: PriorityListQuery = {},
    options?: RequestOptions,
  ): Promise<Page<Priority>> => {
    const all = await files.list('priorities', Priority, options);
    const items = all.filter(
      (p) =>
        (query.district === undefined || p.districtId === query.district) &&
        (query.status === undefined || p.status === query.status),
    );
    return pageOf(items, query.limit, query.cursor);
  };

  return {
    cafes,
    districts,
    concerns: {
      categories: (options) => files.list('categories', ConcernCategory, options),
      submit: () => unsupported('concerns.submit', BACKEND),
      status: () => unsupported('concerns.status', BACKEND),
    },
    priorities: {
      list: prioritiesList,
      iterate: (query = {}, options) => paginate((cursor) => prioritiesList({ ...query, cursor }, options)),
    },
    rights: {
      get: (_query, options) => files.one('rights', RightsContent, options),
    },
    stats: {
      async get(query: StatsGetQuery = {}, options) {
        const data = await files.one('stats', StatsDataset, options);
        if (query.area !== undefined && query.area !== data.area.code)
          throw notFound(`Stats of area ${query.area}`, sources.stats ?? '');
        const wanted = typeof query.indicators === 'string' ? query.indicators.split(',') : query.indicators;
        const years = (p: { year: number }) =>
          (query.from === undefined || p.year >= query.from) &&
          (query.to === undefined || p.year <= query.to);
        return {
          ...data,
          series: data.series
            .filter((s) => wanted === undefined || wanted.includes(s.indicatorId))
            .map((s) => ({ ...s, points: s.points.filter(years) })),
        };
      },
    },
  };
}
