/**
 * The staff console's service worker: a reload with no network keeps the console — and so café mode,
 * whose notes wait in IndexedDB — working. The reference server serves it at
 * `/staff/service-worker.js` (scope `/staff/`); the console's page registers it (the embeddable
 * `<prox-staff-console>` never does). Built apart from the console's chunks
 * (`bundles/cdn/staff/service-worker.js`), with the build's version and chunk list in a banner.
 *
 * Hand-written rather than Workbox: the console needs three rules (strategyOf), no routing DSL,
 * no expiration plugin and no CDN; this is about 1 KB where Workbox's runtime is several.
 *
 * Never caches an API answer (see strategyOf): personal data stays out of Cache Storage.
 */
import { cacheKeyOf, cacheNameOf, linkedFiles, staleCaches, strategyOf } from './offline-model.js';

/** Written by rollup.config.js in the worker's banner: the build's hash and its chunks (relative URLs). */
declare const PROXIMITE_STAFF_BUILD: { version: string; files: string[] };

// The few worker types used here (the console's TypeScript project has the DOM's, not the worker's).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  readonly location: Location;
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const CACHE = cacheNameOf(PROXIMITE_STAFF_BUILD.version);
const scope = new URL(worker.registration.scope);
/** How long a page waits for a weak network before its cached copy answers. */
const NETWORK_WAIT_MS = 4000;

/** The page, what it links to, and every chunk of this build; a file that fails waits for its first fetch. */
async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  const files = PROXIMITE_STAFF_BUILD.files.map((f) => new URL(f, worker.location.href).href);
  const page = await fetch(scope.href).catch(() => undefined);
  if (page?.ok) {
    files.push(...linkedFiles(await page.clone().text(), scope));
    await cache.put(cacheKeyOf(scope, scope), page);
  }
  await Promise.all(files.map((file) => cache.add(file).catch(() => undefined)));
}

async function networkFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then((response) => {
    if (response.ok) void cache.put(key, response.clone());
    return response;
  });
  const cached = await cache.match(key);
  if (!cached) return network;
  const wait = new Promise<Response>((resolve) => setTimeout(() => resolve(cached), NETWORK_WAIT_MS));
  return Promise.race([network.catch(() => cached), wait]);
}

async function cacheFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) void cache.put(key, response.clone());
  return response;
}

worker.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(staleCaches(names, CACHE).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const strategy = strategyOf(url, scope);
  if (strategy === undefined) return;
  const key = cacheKeyOf(url, scope);
  event.respondWith(strategy === 'cache-first' ? cacheFirst(request, key) : networkFirst(request, key));
});
