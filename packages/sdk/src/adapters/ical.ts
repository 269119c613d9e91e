/**
 * `@proximite/sdk/adapters/ical.js` — cafés from any iCalendar (.ics) feed.
 *
 * The feed is read by the contract's `readICalendar` (`@proximite/contract/ical-feed.js`, shared
 * with the server's `proximite import-ics`): recurrences expanded in a window, overrides, time
 * zones (IANA, the feed's VTIMEZONEs, Windows and Outlook names), STATUS:CANCELLED kept, and a
 * partially broken feed read as far as it goes. `cafes.list()` answers an {@link ICalPage}: the
 * page, and the feed's issues (events skipped with their reason, approximations), so a widget can
 * say that some entries could not be read. The Windows-zones table loads only for a feed that
 * names a zone neither IANA nor defined in it.
 *
 * Only `cafes` is supported; every other resource rejects with `UnsupportedOperationError`.
 */
import type { Cafe, CafeListQuery, Page } from '@proximite/contract';
import {
  needsWindowsZones,
  readICalendar,
  type ICalendarFeed,
  type ICalendarIssue,
  type ParseICalendarOptions,
} from '@proximite/contract/ical-feed.js';
import type { CafesApi, ProximiteClient } from '../client.js';
import { NotFoundError, ResponseValidationError } from '../errors.js';
import type { RequestOptions } from '../internal/transport.js';
import type { IcsQuery } from '../resources/cafes.js';
import { paginate } from '../resources/resource.js';
import { adapterTransport, instant, pageOf, unsupported, type AdapterOptions } from './shared.js';

export { parseICalendar, readICalendar } from '@proximite/contract/ical-feed.js';
export type { ICalendarFeed, ICalendarIssue, ParseICalendarOptions } from '@proximite/contract/ical-feed.js';

const DAY = 86_400_000;

/** A page of cafés from a feed, with what the feed could not give exactly. */
export interface ICalPage extends Page<Cafe> {
  /** The feed's issues over the whole window asked (not only this page). */
  issues: readonly ICalendarIssue[];
}

/** A client of an iCalendar feed: its `cafes.list()` gives the feed's issues with the page. */
export interface ICalClient extends ProximiteClient {
  readonly cafes: Omit<CafesApi, 'list'> & {
    list(query?: CafeListQuery, options?: RequestOptions): Promise<ICalPage>;
  };
}

/** Options of {@link createICalClient}. */
export interface ICalClientOptions extends AdapterOptions {
  /** URL of the .ics feed (`webcal:` is read as `https:`). */
  url: string;
  /** Zone of floating times (see {@link ParseICalendarOptions.timeZone}). */
  timeZone?: string;
  /** Window of `cafes.list()` without `to`: days after `from`. Default 365. */
  horizonDays?: number;
}

const BACKEND = 'iCalendar feed';

/** Creates a client whose cafés come from an iCalendar feed; other resources are unsupported. */
export function createICalClient(options: ICalClientOptions): ICalClient {
  const url = options.url.replace(/^webcal:/i, 'https:');
  const transport = adapterTransport(options);
  let feed: { text: string; at: number } | undefined;
  let loading: Promise<string> | undefined;

  const load = async (signal?: AbortSignal): Promise<string> => {
    if (feed && Date.now() - feed.at < 60_000) return feed.text;
    loading ??= transport
      .send({ method: 'GET', path: url, headers: { accept: 'text/calendar, */*;q=0.1' } })
      .then((response) => {
        feed = { text: response.text, at: Date.now() };
        return response.text;
      })
      .finally(() => (loading = undefined));
    return signal ? Promise.race([loading, abortOf(signal)]) : loading;
  };

  const list = async (query: CafeListQuery = {}, requestOptions?: RequestOptions): Promise<ICalPage> => {
    const from = instant(query.from, Date.now());
    const to = instant(query.to, from + (options.horizonDays ?? 365) * DAY);
    const source = await load(requestOptions?.signal);
    const read: ParseICalendarOptions = { from, to, ...(options.timeZone && { timeZone: options.timeZone }) };
    if (needsWindowsZones(source))
      read.windowsZones = (await import('@proximite/contract/windows-zones.js')).windowsZones;
    let feed: ICalendarFeed;
    try {
      feed = readICalendar(source, read);
    } catch (error) {
      throw new ResponseValidationError(
        [{ path: [], message: (error as Error).message, code: 'invalid_ical' }],
        {
          request: { method: 'GET', url },
        },
      );
    }
    let cafes = feed.cafes;
    if (query.district !== undefined) cafes = cafes.filter((c) => c.districtId === query.district);
    return { ...pageOf(cafes, query.limit, query.cursor), issues: feed.issues };
  };

  return {
    cafes: {
      list,
      iterate: (query = {}, requestOptions) =>
        paginate((cursor) => list({ ...query, cursor }, requestOptions)),
      async get(id, requestOptions) {
        // A café of the feed at any date: a year back, two years ahead.
        const now = Date.now();
        const window = {
          from: new Date(now - 365 * DAY).toISOString(),
          to: new Date(now + 730 * DAY).toISOString(),
        };
        for await (const cafe of paginate((cursor) =>
          list({ ...window, limit: 200, cursor }, requestOptions),
        ))
          if (cafe.id === id) return cafe;
        throw new NotFoundError(
          404,
          { type: 'about:blank', title: `Café ${id} not found`, status: 404 },
          {
            request: { method: 'GET', url },
          },
        );
      },
      /** The feed itself (calendar apps subscribe to it or import its events). */
      icsUrl: (_query?: IcsQuery) => url,
    },
    districts: { list: () => unsupported('districts.list', BACKEND) },
    concerns: {
      categories: () => unsupported('concerns.categories', BACKEND),
      submit: () => unsupported('concerns.submit', BACKEND),
      status: () => unsupported('concerns.status', BACKEND),
    },
    priorities: {
      list: () => unsupported('priorities.list', BACKEND),
      // eslint-disable-next-line require-yield
      iterate: async function* () {
        await unsupported('priorities.iterate', BACKEND);
      },
    },
    rights: { get: () => unsupported('rights.get', BACKEND) },
    stats: { get: () => unsupported('stats.get', BACKEND) },
  };
}

function abortOf(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}
