/**
 * What the adapters share (not public API): a transport for absolute URLs, pagination of an
 * in-memory list, and the "unsupported" rejections.
 */
import type { Page } from '@proximite/contract';
import { UnsupportedOperationError } from '../errors.js';
import { createCache } from '../internal/cache.js';
import { Transport, type RetryOptions } from '../internal/transport.js';

/** Options every adapter accepts. */
export interface AdapterOptions {
  /** A `fetch` implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /** Per-attempt timeout, ms. Default 10 000. */
  timeout?: number;
  /** Retries of GETs. Default 2. */
  retry?: number | RetryOptions;
}

/** A transport whose paths are absolute URLs (base URL `''`), with its own response cache. */
export function adapterTransport(options: AdapterOptions, baseUrl = '', lang?: string): Transport {
  const retry = typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {});
  return new Transport({
    baseUrl,
    fetch: options.fetch,
    lang,
    timeout: options.timeout ?? 10_000,
    retry: { limit: retry.limit ?? 2, backoffLimit: retry.backoffLimit ?? 30_000 },
    headers: {},
    cache: createCache(),
  });
}

/** A rejected promise with an {@link UnsupportedOperationError}. */
export function unsupported(operation: string, backend: string): Promise<never> {
  return Promise.reject(new UnsupportedOperationError(operation, backend));
}

/** One page of `items` (`cursor` is the offset of the page, as a string). */
export function pageOf<T>(items: T[], limit = 50, cursor?: string): Page<T> {
  const start = Math.max(0, Number.parseInt(cursor ?? '0', 10) || 0);
  const end = start + Math.max(1, limit);
  return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
}

/** Start of `value` (a date `2026-05-12` or a date-time) in epoch ms; `fallback` when absent. */
export function instant(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? fallback : ms;
}
