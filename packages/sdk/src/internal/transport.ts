/**
 * The HTTP layer of a client (not public API): fetch with the SDK's retry policy, per-attempt
 * timeouts, error mapping to the SDK's classes, response validation and the response cache.
 *
 * Why not ky (the design card): measured in a browser bundle (rollup + esbuild + terser, brotli),
 * ky 1.14.3 alone is 4.4 KB and zod/mini's floor 3.9 KB: with the SDK's own code (errors, cache,
 * outbox) the core cannot meet its 10 KB budget. This ~1 KB loop does what the SDK used of ky:
 * retries with exponential backoff and full jitter, Retry-After, per-attempt timeouts, abort.
 */
import type * as z from 'zod/mini';
import {
  ApiError,
  NetworkError,
  ResponseValidationError,
  TimeoutError,
  errorClassFor,
  isTransient,
  type ProximiteError,
  type RequestSummary,
} from '../errors.js';
import { freshness, raceSignal, remember, type ResponseCache } from './cache.js';
import { joinUrl, type Query } from './path.js';
import { validateInSlices } from './validate.js';
import type { Problem } from '@proximite/contract';

/**
 * Retry policy: GET/HEAD (and POST with an Idempotency-Key) on network errors, timeouts, 408, 425,
 * 429 and 5xx but 501 and 505 (`isTransient`); a POST with an Idempotency-Key also on 409 while the
 * same key is in flight.
 */
export interface RetryOptions {
  /** Retries after the first attempt, 0–4 (at most 5 attempts). Default 2. */
  limit?: number;
  /** Longest wait between attempts, ms (the backoff cap, also the largest Retry-After honoured). Default 30 000. */
  backoffLimit?: number;
}

/** Options of a single call. */
export interface RequestOptions {
  /** Aborts the call: the signal's reason is rethrown as is. */
  signal?: AbortSignal;
  /** Per-attempt timeout, ms (overrides the client's). */
  timeout?: number;
  /** `false` skips the response cache for this call (GET only). */
  cache?: boolean;
  /** Retries of this call, overriding the client's (the outbox sends with 0: it retries itself). */
  retry?: number;
}

export interface TransportConfig {
  baseUrl: string;
  fetch: typeof globalThis.fetch | undefined;
  lang: string | undefined;
  timeout: number;
  retry: Required<RetryOptions>;
  headers: Record<string, string>;
  cache: ResponseCache | undefined;
  /** `include` sends the browser's cookies cross-origin (the admin client with a staff session). */
  credentials?: RequestCredentials | undefined;
}

export interface SendSpec {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  json?: unknown;
  /** A form or other reusable body (then `json` is ignored). */
  body?: string | URLSearchParams | FormData;
  headers?: Record<string, string>;
  /** Makes a POST safe to retry (and is sent as the `Idempotency-Key` header). */
  idempotencyKey?: string;
}

/** A response whose body was read within the attempt's timeout. */
export interface ReadResponse {
  status: number;
  headers: Headers;
  text: string;
  url: string;
}

/** The largest retry count honoured: 5 attempts in all (requirements: client retry). */
export const MAX_RETRY_LIMIT = 4;

const TIMEOUT = /* @__PURE__ */ Symbol('timeout');

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class Transport {
  readonly config: TransportConfig;

  constructor(config: TransportConfig) {
    this.config = config;
  }

  url(pathname: string, query?: Query): string {
    return joinUrl(this.config.baseUrl, pathname, query);
  }

  /**
   * Sends a request and reads its body; resolves on 2xx or 304, or rejects with an SDK error after
   * the retries the method allows (a POST only with an Idempotency-Key).
   */
  async send(spec: SendSpec, options: RequestOptions = {}): Promise<ReadResponse> {
    const { signal } = options;
    const url = this.url(spec.path, spec.query);
    const request: RequestSummary = { method: spec.method, url };
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.config.headers,
      ...spec.headers,
    };
    let body = spec.body;
    if (body === undefined && spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      headers['content-type'] = 'application/json';
    }
    if (spec.idempotencyKey !== undefined) headers['idempotency-key'] = spec.idempotencyKey;
    const timeout = options.timeout ?? this.config.timeout;
    const { limit, backoffLimit } = this.config.retry;
    const requested = options.retry ?? limit;
    const retries =
      spec.method === 'GET' || spec.method === 'HEAD' || spec.idempotencyKey !== undefined
        ? Math.max(0, Math.min(MAX_RETRY_LIMIT, requested))
        : 0;
    const fetchFn = this.config.fetch ?? globalThis.fetch.bind(globalThis);
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const controller = new AbortController();
      const onAbort = (): void => controller.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => controller.abort(TIMEOUT), timeout);
      let error: ProximiteError;
      try {
        const response = await fetchFn(url, {
          method: spec.method,
          headers,
          body,
          signal: controller.signal,
          ...(this.config.credentials !== undefined ? { credentials: this.config.credentials } : {}),
        });
        const read: ReadResponse = {
          status: response.status,
          headers: response.headers,
          text: await response.text(),
          url,
        };
        if (response.ok || response.status === 304) return read;
        error = toApiError(read, request);
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        error =
          controller.signal.reason === TIMEOUT
            ? new TimeoutError(timeout, { request })
            : new NetworkError(`${spec.method} ${url}: network error`, { request, cause });
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      const retryAfter = error instanceof ApiError ? error.retryAfter : undefined;
      if (
        attempt >= retries ||
        // What may succeed later (the error is an ApiError, a NetworkError or a TimeoutError); a 409
        // only for a POST whose Idempotency-Key is still in flight: its first request ends soon.
        !isTransient(error) ||
        ((error as ApiError).status === 409 && !spec.idempotencyKey) ||
        (retryAfter ?? 0) * 1000 > backoffLimit
      )
        throw error;
      // Exponential backoff (0.3 s · 2ⁿ) with full jitter, capped; the server's Retry-After wins.
      await sleep(
        retryAfter !== undefined
          ? retryAfter * 1000
          : Math.random() * Math.min(backoffLimit, 300 * 2 ** attempt),
        signal,
      );
    }
  }

  /** Sends a request and validates the JSON body with `schema`. */
  async json<T>(spec: SendSpec, schema: z.ZodMiniType<T>, options?: RequestOptions): Promise<T> {
    return parse(schema, await this.send(spec, options), spec.method);
  }

  /**
   * A cached GET: shared while in flight, reused within max-age, served stale within
   * stale-while-revalidate, revalidated with If-None-Match (304 keeps the cached body).
   */
  get<T>(
    pathname: string,
    query: Query | undefined,
    schema: z.ZodMiniType<T>,
    options: RequestOptions = {},
  ): Promise<T> {
    const cache = this.config.cache;
    if (cache === undefined || options.cache === false)
      return this.json({ method: 'GET', path: pathname, query }, schema, options);
    const key = this.url(pathname, query);
    const entry = cache.entries.get(key);
    const now = Date.now();
    if (entry && now < entry.freshUntil) return Promise.resolve(entry.data as T);
    let pending = cache.inflight.get(key) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = (async () => {
        const response = await this.send(
          {
            method: 'GET',
            path: pathname,
            query,
            headers: entry?.etag ? { 'if-none-match': entry.etag } : {},
          },
          { timeout: options.timeout },
        );
        const fresh = freshness(response.headers.get('cache-control'));
        const at = Date.now();
        const data =
          response.status === 304 && entry ? (entry.data as T) : await parse(schema, response, 'GET');
        const etag = response.headers.get('etag') ?? (response.status === 304 ? (entry?.etag ?? null) : null);
        if (fresh.store && (etag !== null || fresh.maxAge + fresh.swr > 0))
          remember(cache, key, {
            data,
            etag,
            freshUntil: at + fresh.maxAge * 1000,
            staleUntil: at + (fresh.maxAge + fresh.swr) * 1000,
          });
        else cache.entries.delete(key);
        return data;
      })().finally(() => cache.inflight.delete(key));
      cache.inflight.set(key, pending);
    }
    if (entry && now < entry.staleUntil) {
      // Stale while revalidating: answer now, refresh in the background (errors keep the stale value).
      pending.catch(() => undefined);
      return Promise.resolve(entry.data as T);
    }
    return raceSignal(pending, options.signal);
  }
}

function parse<T>(schema: z.ZodMiniType<T>, response: ReadResponse, method: string): Promise<T> {
  const request = { method, url: response.url };
  return validateInSlices(schema, readJson(response, method), request, response.status) as Promise<T>;
}

function readJson(response: ReadResponse, method: string): unknown {
  if (response.text === '') return undefined;
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    throw new ResponseValidationError([{ path: [], message: 'the body is not JSON', code: 'invalid_json' }], {
      request: { method, url: response.url },
      status: response.status,
    });
  }
}

/** The SDK error for an error response: the problem body if there is one, else a synthesised problem. */
export function toApiError(response: ReadResponse, request: RequestSummary): ApiError {
  const status = response.status;
  let problem: Problem = { type: 'about:blank', title: `HTTP ${status}`, status };
  try {
    const body = JSON.parse(response.text) as unknown;
    if (typeof body === 'object' && body !== null && typeof (body as Problem).title === 'string')
      problem = { ...problem, ...(body as Problem), status };
    else if (Array.isArray(body) && typeof (body[0] as { description?: unknown })?.description === 'string')
      // An Open311 error array.
      problem.detail = (body as { description: string }[]).map((e) => e.description).join('; ');
  } catch {
    // Not JSON: keep the synthesised problem.
  }
  const ErrorClass = errorClassFor(status);
  return new ErrorClass(status, problem, { request, headers: response.headers });
}
