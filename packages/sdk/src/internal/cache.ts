/**
 * In-memory HTTP cache of parsed responses (stale-while-revalidate + ETag), not public API.
 *
 * - identical GETs in flight share one request (two widgets on a page → one request);
 * - a repeat within `max-age` (Cache-Control) makes no request;
 * - within `stale-while-revalidate` the stale value is returned at once and refreshed in the background;
 * - after that, a request with `If-None-Match` revalidates: `304` keeps the cached body.
 * Keys are full URLs (base URL + path + sorted query, which carries `lang`). `no-store` is honoured.
 */

export interface CacheEntry {
  data: unknown;
  etag: string | null;
  /** Epoch ms until which the entry is used without a request. */
  freshUntil: number;
  /** Epoch ms until which a stale entry is served while it revalidates in the background. */
  staleUntil: number;
}

/** A cache of parsed responses, shareable between clients. */
export interface ResponseCache {
  readonly entries: Map<string, CacheEntry>;
  readonly inflight: Map<string, Promise<unknown>>;
  /** Most entries kept (oldest evicted first). */
  readonly max: number;
}

/** A new, empty response cache (pass it to several clients to share it, or `cache: false` for none). */
export function createCache(max = 200): ResponseCache {
  return { entries: new Map(), inflight: new Map(), max };
}

/** The cache shared by clients created with the default `fetch` (widgets on one page share it). */
export const sharedCache: ResponseCache = /* @__PURE__ */ createCache();

export interface Freshness {
  store: boolean;
  maxAge: number;
  swr: number;
}

/** Reads `Cache-Control` (seconds): `no-store` → not stored; `no-cache` → always revalidated. */
export function freshness(header: string | null): Freshness {
  const value = (header ?? '').toLowerCase();
  const seconds = (name: string): number => {
    const match = new RegExp(`(?:^|[,\\s])${name}=(\\d+)`).exec(value);
    return match ? Number(match[1]) : 0;
  };
  return {
    store: !/(?:^|[,\s])no-store\b/.test(value),
    maxAge: /(?:^|[,\s])no-cache\b/.test(value) ? 0 : seconds('max-age'),
    swr: seconds('stale-while-revalidate'),
  };
}

export function remember(cache: ResponseCache, key: string, entry: CacheEntry): void {
  cache.entries.delete(key);
  cache.entries.set(key, entry);
  if (cache.entries.size > cache.max) {
    const oldest = cache.entries.keys().next();
    if (!oldest.done) cache.entries.delete(oldest.value);
  }
}

/** `promise`, or a rejection with the signal's reason as soon as `signal` aborts (the shared work goes on). */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
