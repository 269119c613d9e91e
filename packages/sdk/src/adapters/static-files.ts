/**
 * What the static-file adapters share (not public API): reading a JSON file at most once a minute,
 * validated with a contract schema, and the "not found" error of a missing item.
 *
 * Lists are validated with `z.array` / `z.object` only (no `z.union` or `z.pipe`): a calendar's
 * standalone bundle already carries those two, and a module an entry shares with a lazy chunk is
 * carried whole by the entry (see rollup.config.js).
 */
import * as z from 'zod/mini';
import { NotFoundError } from '../errors.js';
import type { RequestOptions } from '../internal/transport.js';
import { validate } from '../internal/validate.js';
import { adapterTransport, type AdapterOptions } from './shared.js';

/** How the static adapters name their backend in `UnsupportedOperationError`. */
export const BACKEND = 'static files';

/** `url` resolved against the page (in a browser), as an `href` would. */
export function resolveUrl(url: string): string {
  const base = globalThis.document?.baseURI ?? globalThis.location?.href;
  return base ? new URL(url, base).href : url;
}

/** The 404 of an item missing from a file (`Café x`, `Stats of area y`). */
export function notFound(what: string, url: string): NotFoundError {
  return new NotFoundError(
    404,
    { type: 'about:blank', title: `${what} not found`, status: 404 },
    {
      request: { method: 'GET', url },
    },
  );
}

/** Reads the files of an adapter's sources by name. */
export interface FileLoader<N extends string> {
  /** A file holding one document (rights, stats). */
  one<T>(name: N, schema: z.ZodMiniType<T>, options?: RequestOptions): Promise<T>;
  /** A file holding a list: a bare array `[...]` or what the API answers, `{ "items": [...] }`. */
  list<T>(name: N, item: z.ZodMiniType<T>, options?: RequestOptions): Promise<T[]>;
}

const Json = /* @__PURE__ */ z.unknown();

/**
 * A loader of the files named in `sources`. A file is read once a minute at most, whatever caching
 * headers the host sends (the transport's cache still honours them, and shares concurrent reads).
 * A name without a URL rejects with the `missing` error of the caller.
 */
export function fileLoader<N extends string>(
  sources: AdapterOptions & { readonly [K in N]?: string | undefined },
  missing: (name: N) => Error,
): FileLoader<N> {
  const transport = adapterTransport(sources);
  const loaded = new Map<N, { at: number; value: unknown }>();
  const read = async <T>(
    name: N,
    parse: (raw: unknown, url: string) => T,
    options?: RequestOptions,
  ): Promise<T> => {
    const url = sources[name];
    if (typeof url !== 'string') throw missing(name);
    const memo = loaded.get(name);
    if (memo && Date.now() - memo.at < 60_000) return memo.value as T;
    const absolute = resolveUrl(url);
    const value = parse(await transport.get(absolute, undefined, Json, options), absolute);
    loaded.set(name, { at: Date.now(), value });
    return value;
  };
  return {
    one: (name, schema, options) =>
      read(name, (raw, url) => validate(schema, raw, { method: 'GET', url }), options),
    list: (name, item, options) =>
      read(
        name,
        (raw, url) =>
          Array.isArray(raw)
            ? validate(z.array(item), raw, { method: 'GET', url })
            : validate(z.object({ items: z.array(item) }), raw, { method: 'GET', url }).items,
        options,
      ),
  };
}
