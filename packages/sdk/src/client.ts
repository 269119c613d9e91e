/**
 * `createClient`: the typed client of the Proximité contract (openai-node's resources pattern).
 *
 * Defaults: `timeout` 10 000 ms per attempt; `retry` 2 retries (3 attempts, at most 5), exponential
 * backoff 0.3 s·2ⁿ with full jitter capped at 30 s, Retry-After honoured up to the cap; `cache`
 * on (in memory; clients with the default `fetch` and no custom headers share one cache so that
 * widgets on a page share requests); `lang` unset (the server's default, French).
 */
import { createCache, sharedCache, type ResponseCache } from './internal/cache.js';
import { Transport, type RetryOptions } from './internal/transport.js';
import { CafesResource } from './resources/cafes.js';
import { ConcernsResource } from './resources/concerns.js';
import { DistrictsResource } from './resources/districts.js';
import { MeetingsResource } from './resources/meetings.js';
import { ReportsResource } from './resources/reports.js';
import { PrioritiesResource } from './resources/priorities.js';
import { RightsResource } from './resources/rights.js';
import { StatsResource } from './resources/stats.js';

export interface ClientOptions {
  /** Base URL of a backend that speaks the contract, e.g. `https://api.ville.fr` (paths start with `/v1`). */
  baseUrl: string;
  /** A `fetch` implementation (default: the global one, bound). */
  fetch?: typeof globalThis.fetch;
  /** Language asked for where the contract has a `lang` parameter (`fr` or `en`). */
  lang?: 'fr' | 'en';
  /** Per-attempt timeout in ms. Default 10 000. */
  timeout?: number;
  /** Retries (a count, or options). Default 2 retries, 30 s backoff cap. */
  retry?: number | RetryOptions;
  /** Extra headers on every request (e.g. `Authorization` for the admin API; always redacted from errors). */
  headers?: Record<string, string>;
  /**
   * Response cache: `true` (default), `false`, or a cache from `createCache()` to share explicitly.
   * With `true`, clients using the global `fetch` and no custom headers share one cache.
   */
  cache?: boolean | ResponseCache;
}

/** Public methods of the cafés resource (what adapters implement). */
export type CafesApi = Pick<CafesResource, 'list' | 'iterate' | 'get' | 'icsUrl'>;
export type DistrictsApi = Pick<DistrictsResource, 'list'>;
/**
 * `feedback` (the resident's verdict) and `addEmail` (updates by e-mail) only where the backend has
 * them: the reference API.
 */
export type ConcernsApi = Pick<ConcernsResource, 'categories' | 'submit' | 'status'> &
  Partial<Pick<ConcernsResource, 'feedback' | 'addEmail'>>;
export type PrioritiesApi = Pick<PrioritiesResource, 'list' | 'iterate'> &
  Partial<Pick<PrioritiesResource, 'feedUrl'>>;
export type MeetingsApi = Pick<MeetingsResource, 'list' | 'iterate' | 'report'>;
export type RightsApi = Pick<RightsResource, 'get'>;
export type StatsApi = Pick<StatsResource, 'get'>;

/** The resources a calendar needs: cafés and districts. */
export interface ProximiteCafesClient {
  readonly cafes: CafesApi;
  readonly districts: DistrictsApi;
}

/** The resources of the SDK core: cafés, districts, concerns. */
export interface ProximiteCoreClient extends ProximiteCafesClient {
  readonly concerns: ConcernsApi;
}

/**
 * What widgets talk to: the reference API client, or an adapter (Open311, iCalendar, static files)
 * whose unsupported operations reject with `UnsupportedOperationError`.
 */
export interface ProximiteClient extends ProximiteCoreClient {
  readonly priorities: PrioritiesApi;
  readonly rights: RightsApi;
  readonly stats: StatsApi;
}

/** The transport of a client's options (defaults applied). @internal */
export function transportFor(options: ClientOptions): Transport {
  if (typeof options?.baseUrl !== 'string' || options.baseUrl === '')
    throw new TypeError('createClient: `baseUrl` is required, e.g. https://api.ville.fr');
  const retry = typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {});
  const cache = options.cache ?? true;
  return new Transport({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    lang: options.lang,
    timeout: options.timeout ?? 10_000,
    retry: { limit: retry.limit ?? 2, backoffLimit: retry.backoffLimit ?? 30_000 },
    headers: options.headers ?? {},
    cache:
      cache === false
        ? undefined
        : cache !== true
          ? cache
          : options.fetch || options.headers
            ? createCache()
            : sharedCache,
  });
}

/**
 * A client of cafés and districts only: what the calendar needs, without the concerns' schemas (the
 * calendar's standalone bundle carries every byte its client references).
 */
export class CafesClient implements ProximiteCafesClient {
  readonly cafes: CafesResource;
  readonly districts: DistrictsResource;
  /** The options this client was created with. */
  readonly options: Readonly<ClientOptions>;
  /** @internal */
  protected readonly _transport: Transport;

  constructor(options: ClientOptions) {
    const transport = transportFor(options);
    this.options = options;
    this._transport = transport;
    this.cafes = new CafesResource(transport);
    this.districts = new DistrictsResource(transport);
  }

  /** A new client with some options changed (e.g. `client.withOptions({ lang: 'en' })`). */
  withOptions(options: Partial<ClientOptions>): CafesClient {
    return new CafesClient({ ...this.options, ...options });
  }
}

/**
 * A client of the SDK core only (cafés, districts, concerns): what the concern form needs, without
 * the rights, stats and priorities schemas (the core's 10 KB budget).
 */
export class CoreClient extends CafesClient implements ProximiteCoreClient {
  readonly concerns: ConcernsResource;

  constructor(options: ClientOptions) {
    super(options);
    this.concerns = new ConcernsResource(this._transport);
  }

  override withOptions(options: Partial<ClientOptions>): CoreClient {
    return new CoreClient({ ...this.options, ...options });
  }
}

/** The client of a backend that speaks the Proximité contract: every public resource. */
export class Client extends CoreClient implements ProximiteClient {
  readonly priorities: PrioritiesResource;
  /** Past meetings and their public reports (not part of {@link ProximiteClient}: adapters have none). */
  readonly meetings: MeetingsResource;
  /** Public activity reports by period (not part of {@link ProximiteClient}: adapters have none). */
  readonly reports: ReportsResource;
  readonly rights: RightsResource;
  readonly stats: StatsResource;

  constructor(options: ClientOptions) {
    super(options);
    this.priorities = new PrioritiesResource(this._transport);
    this.meetings = new MeetingsResource(this._transport);
    this.reports = new ReportsResource(this._transport);
    this.rights = new RightsResource(this._transport);
    this.stats = new StatsResource(this._transport);
  }

  override withOptions(options: Partial<ClientOptions>): Client {
    return new Client({ ...this.options, ...options });
  }
}

/** Creates a client of the reference API (or any backend that speaks the contract). */
export function createClient(options: ClientOptions): Client {
  return new Client(options);
}

/** Creates a client of cafés and districts only (the calendar's). */
export function createCafesClient(options: ClientOptions): CafesClient {
  return new CafesClient(options);
}

/** Creates a client of the SDK core only (cafés, districts, concerns). */
export function createCoreClient(options: ClientOptions): CoreClient {
  return new CoreClient(options);
}
