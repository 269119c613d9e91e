/**
 * Public GETs: strong ETag + 304, Cache-Control with s-maxage and stale-while-revalidate, and an
 * in-process response cache keyed by the URL and the database's content versions (bumped by
 * triggers on every change), so every instance serves fresh data without talking to the others.
 */
import type { Context } from 'hono';
import { contentVersions } from '../store/content.js';
import type { ContentName } from '../store/content.js';
import { sha256Hex } from '../util.js';
import type { AppDeps } from './context.js';

interface Entry {
  etag: string;
  body: string;
  contentType: string;
}

const MAX_ENTRIES = 500;

export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  #versions: { at: number; value: Promise<Record<string, number>> } | undefined;

  /**
   * The database's content versions, re-read at most every `ttlMs` (other instances' writes show
   * within that delay; this instance's own writes call {@link invalidateVersions}).
   */
  versions(deps: AppDeps): Promise<Record<string, number>> {
    const now = Date.now();
    const ttl = deps.config.versionTtlMs;
    if (this.#versions === undefined || ttl <= 0 || now - this.#versions.at >= ttl) {
      const value = contentVersions(deps.db);
      this.#versions = { at: now, value };
      value.catch(() => {
        if (this.#versions?.value === value) this.#versions = undefined;
      });
    }
    return this.#versions.value;
  }

  invalidateVersions(): void {
    this.#versions = undefined;
  }

  get(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Entry): void {
    this.#entries.set(key, entry);
    if (this.#entries.size > MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

/** Does `If-None-Match` match `etag` (weak comparison, lists and `*` allowed)? */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

export function publicCacheControl(deps: AppDeps): string {
  const { maxAge, sMaxAge, staleWhileRevalidate } = deps.config;
  return `public, max-age=${maxAge}, s-maxage=${sMaxAge}, stale-while-revalidate=${staleWhileRevalidate}`;
}

export function etagOf(body: string): string {
  return `"${sha256Hex(body).slice(0, 32)}"`;
}

/** Sends `body` with ETag/304 and the public cache headers. */
export function sendPublic(
  c: Context,
  deps: AppDeps,
  entry: Entry,
  extraHeaders: Record<string, string> = {},
): Response {
  const headers = new Headers(extraHeaders);
  headers.set('ETag', entry.etag);
  headers.set('Cache-Control', publicCacheControl(deps));
  if (etagMatches(c.req.header('If-None-Match'), entry.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set('Content-Type', entry.contentType);
  return new Response(entry.body, { status: 200, headers });
}

/**
 * A cacheable public GET: `compute` runs only when the URL's entry is missing or one of the
 * content versions it depends on changed. `extraKey` adds what else the response depends on
 * (e.g. the current day for windows relative to today).
 */
export async function cachedPublic(
  c: Context,
  deps: AppDeps,
  cache: ResponseCache,
  depends: readonly ContentName[],
  compute: () => Promise<{ body: string; contentType: string }>,
  options: { extraKey?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  let key: string | undefined;
  if (deps.config.responseCache) {
    const versions = await cache.versions(deps);
    const url = new URL(c.req.url);
    key = `${url.pathname}?${url.search}|${depends.map((d) => `${d}:${versions[d] ?? 0}`).join(',')}|${options.extraKey ?? ''}|${c.req.header('Host') ?? ''}`;
    const hit = cache.get(key);
    if (hit !== undefined) return sendPublic(c, deps, hit, options.headers);
  }
  const { body, contentType } = await compute();
  const entry = { etag: etagOf(body), body, contentType };
  if (key !== undefined) cache.set(key, entry);
  return sendPublic(c, deps, entry, options.headers);
}
