/**
 * Public GETs: strong ETag + 304, Cache-Control with s-maxage and stale-while-revalidate, and an
 * in-process response cache keyed by the request URL and checked against the database's content
 * versions (bumped by triggers on every change), so every instance serves fresh data without
 * talking to the others.
 *
 * The cache sits in front of the router too ({@link ResponseCache.serve}): once a URL's response
 * has gone through the whole app — routing, query validation, security headers, CORS — the exact
 * headers it was answered with are kept beside its body, and a later GET of the same URL whose
 * content versions are unchanged is answered from them at once (a new X-Request-Id each time),
 * without building the request's context again. A response is kept only when nothing in it
 * depends on the request beyond its URL: no `Vary`, no `Set-Cookie`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { contentVersions } from '../store/content.js';
import type { ContentName } from '../store/content.js';
import { sha256Hex } from '../util.js';
import type { AppDeps } from './context.js';

/** A public GET's response, as computed. */
interface Computed {
  etag: string;
  body: string;
  contentType: string;
}

/** A cached response and what it was computed from. */
export interface CachedResponse extends Computed {
  /** The content it depends on, and their versions when it was computed (`cafes:3,districts:1`). */
  depends: readonly ContentName[];
  stamp: string;
  /** What else it depends on (the current day for windows relative to today), and its value then. */
  extraKey: (() => string) | undefined;
  extra: string;
  /** The headers the whole app answered a GET with: for a 200 and for a 304 (X-Request-Id aside). */
  headers: { ok?: Record<string, string>; notModified?: Record<string, string> };
}

const MAX_ENTRIES = 500;

const stampOf = (depends: readonly ContentName[], versions: Record<string, number>): string =>
  depends.map((d) => `${d}:${versions[d] ?? 0}`).join(',');

/**
 * The request id of a response: the client's `X-Request-Id` when it is a plausible id (the rule of
 * Hono's requestId middleware, which the rest of the app uses), else a new UUID.
 */
export function requestIdFor(sent: string | null | undefined): string {
  return !sent || sent.length > 255 || /[^\w\-=]/.test(sent) ? crypto.randomUUID() : sent;
}

/** The content versions as read from the database, and when the read started. */
interface VersionsRead {
  at: number;
  value: Record<string, number>;
  promise: Promise<Record<string, number>>;
}

export class ResponseCache {
  readonly #entries = new Map<string, CachedResponse>();
  /** The last versions read (trusted for the TTL from when their read started). */
  #current: VersionsRead | undefined;
  /** A read under way. */
  #pending: Promise<Record<string, number>> | undefined;
  /** Bumped by {@link invalidateVersions}: a read started before it is never trusted after it. */
  #generation = 0;

  /** Starts a read of the content versions (one at a time). */
  #read(deps: AppDeps): Promise<Record<string, number>> {
    if (this.#pending !== undefined) return this.#pending;
    const at = Date.now();
    const generation = this.#generation;
    const promise = contentVersions(deps.db);
    this.#pending = promise;
    promise.then(
      (value) => {
        if (this.#pending === promise) this.#pending = undefined;
        if (this.#generation === generation) this.#current = { at, value, promise };
      },
      () => {
        if (this.#pending === promise) this.#pending = undefined;
      },
    );
    return promise;
  }

  /**
   * The database's content versions, re-read at most every `ttlMs` (other instances' writes show
   * within that delay; this instance's own writes call {@link invalidateVersions}).
   */
  versions(deps: AppDeps): Promise<Record<string, number>> {
    // No TTL: every request reads them, never sharing a read that started before it.
    if (deps.config.versionTtlMs <= 0) return contentVersions(deps.db);
    return this.#fresh(deps)?.promise ?? this.#read(deps);
  }

  /**
   * The versions read less than the TTL ago, if any. Past half the TTL a new read starts, so that
   * under steady traffic the versions are renewed before they expire and no request waits for them.
   */
  #fresh(deps: AppDeps): VersionsRead | undefined {
    const ttl = deps.config.versionTtlMs;
    const current = this.#current;
    if (current === undefined || ttl <= 0) return undefined;
    const age = Date.now() - current.at;
    if (age >= ttl) return undefined;
    if (age >= ttl / 2 && this.#pending === undefined) void this.#read(deps).catch(() => undefined);
    return current;
  }

  invalidateVersions(): void {
    this.#generation += 1;
    this.#current = undefined;
    this.#pending = undefined;
  }

  /** The entry of `url` if it is still valid against `versions`. */
  #valid(url: string, versions: Record<string, number>): CachedResponse | undefined {
    const entry = this.#entries.get(url);
    if (entry === undefined) return undefined;
    if (entry.stamp !== stampOf(entry.depends, versions)) return undefined;
    if (entry.extraKey !== undefined && entry.extraKey() !== entry.extra) return undefined;
    return entry;
  }

  get(url: string, versions: Record<string, number>): CachedResponse | undefined {
    const entry = this.#valid(url, versions);
    if (entry !== undefined) {
      this.#entries.delete(url);
      this.#entries.set(url, entry);
    }
    return entry;
  }

  set(url: string, entry: CachedResponse): void {
    this.#entries.delete(url);
    this.#entries.set(url, entry);
    if (this.#entries.size > MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /**
   * Keeps the headers the app answered `entry`'s GET with, for {@link serve} to answer the next
   * ones alike. Not kept when the response varies with the request or sets a cookie.
   */
  remember(entry: CachedResponse, response: Response): void {
    if (response.status !== 200 && response.status !== 304) return;
    if (response.headers.has('Vary') || response.headers.has('Set-Cookie')) return;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'x-request-id') headers[name] = value;
    });
    // Counted once here rather than by the HTTP layer on every answer.
    if (response.status === 200)
      entry.headers.ok = { ...headers, 'content-length': String(Buffer.byteLength(entry.body)) };
    else entry.headers.notModified = headers;
  }

  /**
   * Answers a GET from the cache when its URL's response has been answered by the whole app and is
   * still valid (content versions read within their TTL and unchanged); else undefined, and the
   * request goes through the app.
   */
  serve(request: Request, deps: AppDeps): Response | undefined {
    if (request.method !== 'GET') return undefined;
    const answer = this.#answer(deps, request.url, request.headers.get('If-None-Match'), () =>
      request.headers.get('X-Request-Id'),
    );
    return answer && new Response(answer.body, answer);
  }

  /**
   * {@link serve} straight on node:http's request and response, before @hono/node-server builds a
   * Request and turns a Response back into node:http calls (half of a cached GET's time): true when
   * answered. Only a plain origin-form target and host, whose URL is then exactly the one the
   * adapter would build (`http://` + Host + target, as `listen` serves plain HTTP); anything else,
   * and every miss, goes through the app as before.
   */
  serveNode(incoming: IncomingMessage, outgoing: ServerResponse, deps: AppDeps): boolean {
    const { method, url: target, headers } = incoming;
    if (method !== 'GET' || target === undefined || headers.host === undefined) return false;
    if (!PLAIN_HOST.test(headers.host) || !PLAIN_TARGET.test(target) || DOT_SEGMENT.test(target))
      return false;
    const answer = this.#answer(deps, `http://${headers.host}${target}`, headers['if-none-match'], () =>
      headers['x-request-id']?.toString(),
    );
    if (answer === undefined) return false;
    outgoing.writeHead(answer.status, answer.headers);
    outgoing.end(answer.body ?? undefined);
    return true;
  }

  /** The cached answer of a GET of `url`, if the cache holds a valid one. */
  #answer(
    deps: AppDeps,
    url: string,
    ifNoneMatch: string | null | undefined,
    requestId: () => string | null | undefined,
  ): { status: number; headers: Record<string, string>; body: string | null } | undefined {
    if (!deps.config.responseCache) return undefined;
    const versions = this.#fresh(deps);
    if (versions === undefined) return undefined;
    const entry = this.#valid(url, versions.value);
    if (entry === undefined) return undefined;
    const notModified = etagMatches(ifNoneMatch ?? undefined, entry.etag);
    const headers = notModified ? entry.headers.notModified : entry.headers.ok;
    if (headers === undefined) return undefined;
    return {
      status: notModified ? 304 : 200,
      headers: { ...headers, 'x-request-id': requestIdFor(requestId()) },
      body: notModified ? null : entry.body,
    };
  }
}

/** A Host of letters, digits, dots and dashes, with a port: one the URL parser leaves as it is. */
const PLAIN_HOST = /^[a-z0-9._-]+(?::\d{1,5})?$/;
/** An origin-form target (RFC 9112 §3.2.1) of characters a URL keeps as they are: no `%`, no `\\`. */
const PLAIN_TARGET = /^\/[\w\-.~!$&'()*+,;=:@/?]*$/;
/** `.` or `..` segments, which the URL parser would remove. */
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;

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
  entry: Computed,
  extraHeaders: Record<string, string> = {},
): Response {
  const headers: Record<string, string> = {
    ...extraHeaders,
    ETag: entry.etag,
    'Cache-Control': publicCacheControl(deps),
  };
  if (etagMatches(c.req.header('If-None-Match'), entry.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers['Content-Type'] = entry.contentType;
  return new Response(entry.body, { status: 200, headers });
}

/**
 * A cacheable public GET: `compute` runs only when the URL's entry is missing or one of the
 * content versions it depends on changed. `extraKey` returns what else the response depends on
 * (e.g. the current day for windows relative to today); it is called again on every cached read.
 */
export async function cachedPublic(
  c: Context,
  deps: AppDeps,
  cache: ResponseCache,
  depends: readonly ContentName[],
  compute: () => Promise<{ body: string; contentType: string }>,
  options: { extraKey?: () => string; headers?: Record<string, string> } = {},
): Promise<Response> {
  if (!deps.config.responseCache) {
    const { body, contentType } = await compute();
    return sendPublic(c, deps, { etag: etagOf(body), body, contentType }, options.headers);
  }
  const versions = await cache.versions(deps);
  const url = c.req.url;
  const hit = cache.get(url, versions);
  if (hit !== undefined) {
    if (c.req.method === 'GET') c.set('publicResponse', hit);
    return sendPublic(c, deps, hit, options.headers);
  }
  const extra = options.extraKey?.() ?? '';
  const { body, contentType } = await compute();
  const entry: CachedResponse = {
    etag: etagOf(body),
    body,
    contentType,
    depends,
    stamp: stampOf(depends, versions),
    extraKey: options.extraKey,
    extra,
    headers: {},
  };
  cache.set(url, entry);
  if (c.req.method === 'GET') c.set('publicResponse', entry);
  return sendPublic(c, deps, entry, options.headers);
}
