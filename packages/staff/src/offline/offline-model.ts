/**
 * The pure logic of the console's service worker (service-worker.ts): which requests it answers and
 * how, under which key they are cached, and which caches an activation deletes. No DOM, no worker
 * globals, so it is unit-tested in the browser like any other model.
 */

/** How the worker answers a request it handles. */
export type Strategy = 'network-first' | 'cache-first';

/** Every cache the console's worker makes starts with this, followed by the build's version. */
export const CACHE_PREFIX = 'proximite-staff-';

/** The cache of one build of the console. */
export function cacheNameOf(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/** The console's caches an activation of `current` deletes (older builds'); other caches stay. */
export function staleCaches(names: readonly string[], current: string): string[] {
  return names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
}

/**
 * How the worker of `scope` (the console page's folder, `/staff/`) answers a GET of `url`, or
 * `undefined` when it leaves the request to the network:
 * - never an API answer (`/v1/`, `/open311/`): they hold personal data, and the notes waiting to
 *   leave have their own store on the device (the IndexedDB outbox);
 * - the page and its files (under the scope) and the console's unversioned entry
 *   (`bundles/cdn/prox-staff-console.js`): network first, so that a new deploy is picked up
 *   online, the cached copy offline;
 * - the console's chunks (`bundles/cdn/staff/*.js`, named after their content's hash): cache first.
 * The bundles are where the reference server serves them, beside the scope's parent (`/bundles/`).
 */
export function strategyOf(url: URL, scope: URL): Strategy | undefined {
  if (url.origin !== scope.origin) return undefined;
  const path = url.pathname;
  if (/\/(v1|open311)\//.test(path)) return undefined;
  if (path.startsWith(scope.pathname)) return path.endsWith('.js.map') ? undefined : 'network-first';
  const bundles = new URL('../bundles/cdn/', scope).pathname;
  if (path === `${bundles}prox-staff-console.js`) return 'network-first';
  if (path.startsWith(`${bundles}staff/`) && path.endsWith('.js')) return 'cache-first';
  return undefined;
}

/**
 * The cache key of `url`: the page itself (`/staff/`, `/staff/index.html`, whatever its query) is
 * one entry; any other file is its address without the query.
 */
export function cacheKeyOf(url: URL, scope: URL): string {
  if (url.pathname === scope.pathname || url.pathname === `${scope.pathname}index.html`)
    return `${scope.origin}${scope.pathname}`;
  return `${url.origin}${url.pathname}`;
}

/**
 * The files a page links to (`href="…"`, `src="…"`) that the worker of `scope` keeps: its
 * stylesheet, its scripts, the console's entry. Read from the page's HTML at install, so the first
 * visit — which the worker does not control yet — leaves everything needed offline.
 */
export function linkedFiles(html: string, scope: URL): string[] {
  const found = new Set<string>();
  for (const [, ref] of html.matchAll(/\b(?:href|src)="([^"]+)"/g)) {
    let url: URL;
    try {
      url = new URL(ref!, scope);
    } catch {
      continue;
    }
    if (strategyOf(url, scope) !== undefined) found.add(cacheKeyOf(url, scope));
  }
  return [...found];
}
