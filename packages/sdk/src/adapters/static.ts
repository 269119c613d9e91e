/**
 * `@proximite/sdk/adapters/static.js` — a client over JSON files hosted on any static site (no
 * backend): cafés, districts, concern categories, priorities, rights and stats. Each file holds what
 * the API would answer (`{ items: [...] }` or a bare array for lists) and is validated with the same
 * contract schemas. Filtering and paging happen in the browser. Submitting a concern needs a backend:
 * `concerns.submit` and `concerns.status` reject with `UnsupportedOperationError`.
 */
import {
  Cafe,
  ConcernCategory,
  District,
  Priority,
  RightsContent,
  StatsDataset,
  type CafeListQuery,
  type Page,
  type PriorityListQuery,
} from '@proximite/contract';
import * as z from 'zod/mini';
import type { ProximiteClient } from '../client.js';
import { NotFoundError, UnsupportedOperationError } from '../errors.js';
import type { RequestOptions, Transport } from '../internal/transport.js';
import type { IcsQuery } from '../resources/cafes.js';
import type { StatsGetQuery } from '../resources/stats.js';
import { paginate } from '../resources/resource.js';
import { adapterTransport, instant, pageOf, unsupported, type AdapterOptions } from './shared.js';

/** URLs of the files (absolute, or relative to the page); leave out what the site does not publish. */
export interface StaticSources extends AdapterOptions {
  cafes?: string;
  districts?: string;
  categories?: string;
  priorities?: string;
  rights?: string;
  stats?: string;
  /** A static iCalendar file of the cafés, returned by `cafes.icsUrl()` for the feed. */
  ics?: string;
}

const BACKEND = 'static files';

/** `[...]` or `{ items: [...] }` → the items. */
function list<T>(item: z.ZodMiniType<T>) {
  return z.pipe(
    z.union([z.array(item), z.object({ items: z.array(item) })]),
    z.transform((v) => (Array.isArray(v) ? v : v.items)),
  );
}

function resolve(url: string): string {
  const base = globalThis.document?.baseURI ?? globalThis.location?.href;
  return base ? new URL(url, base).href : url;
}

function notFound(what: string, url: string): NotFoundError {
  return new NotFoundError(
    404,
    { type: 'about:blank', title: `${what} not found`, status: 404 },
    {
      request: { method: 'GET', url },
    },
  );
}

/** Creates a client over static JSON files. */
export function createStaticClient(sources: StaticSources): ProximiteClient {
  const transport: Transport = adapterTransport(sources);
  // A file is read once a minute at most, whatever caching headers the host sends (the transport's
  // cache still honours them, and shares concurrent reads).
  const loaded = new Map<string, { at: number; value: unknown }>();
  const load = async <T>(
    name: keyof StaticSources & string,
    schema: z.ZodMiniType<T>,
    options?: RequestOptions,
  ): Promise<T> => {
    const url = sources[name];
    if (typeof url !== 'string') throw new UnsupportedOperationError(`${name} (no file given)`, BACKEND);
    const memo = loaded.get(name);
    if (memo && Date.now() - memo.at < 60_000) return memo.value as T;
    const value = await transport.get(resolve(url), undefined, schema, options);
    loaded.set(name, { at: Date.now(), value });
    return value;
  };

  const cafesList = async (query: CafeListQuery = {}, options?: RequestOptions): Promise<Page<Cafe>> => {
    const from = instant(query.from, Date.now());
    const to = instant(query.to, Number.POSITIVE_INFINITY);
    const all = await load('cafes', list(Cafe), options);
    const items = all
      .filter(
        (c) =>
          Date.parse(c.end) >= from &&
          Date.parse(c.start) < to &&
          (query.district === undefined || c.districtId === query.district),
      )
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    return pageOf(items, query.limit, query.cursor);
  };

  const prioritiesList = async (
    query: PriorityListQuery = {},
    options?: RequestOptions,
  ): Promise<Page<Priority>> => {
    const all = await load('priorities', list(Priority), options);
    const items = all.filter(
      (p) =>
        (query.district === undefined || p.districtId === query.district) &&
        (query.status === undefined || p.status === query.status),
    );
    return pageOf(items, query.limit, query.cursor);
  };

  return {
    cafes: {
      list: cafesList,
      iterate: (query = {}, options) => paginate((cursor) => cafesList({ ...query, cursor }, options)),
      async get(id, options) {
        const cafe = (await load('cafes', list(Cafe), options)).find((c) => c.id === id);
        if (!cafe) throw notFound(`Café ${id}`, sources.cafes ?? '');
        return cafe;
      },
      icsUrl(query: IcsQuery = {}) {
        if (sources.ics === undefined || 'id' in query)
          throw new UnsupportedOperationError('cafes.icsUrl', `${BACKEND} (no per-café .ics file)`);
        return resolve(sources.ics);
      },
    },
    districts: {
      list: (options) => load('districts', list(District), options),
    },
    concerns: {
      categories: (options) => load('categories', list(ConcernCategory), options),
      submit: () => unsupported('concerns.submit', BACKEND),
      status: () => unsupported('concerns.status', BACKEND),
    },
    priorities: {
      list: prioritiesList,
      iterate: (query = {}, options) => paginate((cursor) => prioritiesList({ ...query, cursor }, options)),
    },
    rights: {
      get: (_query, options) => load('rights', RightsContent, options),
    },
    stats: {
      async get(query: StatsGetQuery = {}, options) {
        const data = await load('stats', StatsDataset, options);
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
