import type { ProximiteCafesClient, ProximiteClient, ProximiteCoreClient } from '@proximite/sdk/core.js';

/** What a widget exposes to pick its data source (DESIGN.md's common attributes). */
export interface ClientHost<C = ProximiteClient> {
  /** An SDK client or adapter; wins over every attribute. */
  client?: C | undefined;
  /** Base URL of a backend that speaks the contract; relative URLs resolve against the page. */
  api?: string | undefined;
  /**
   * A static file: JSON for every widget, or iCalendar (.ics) for the calendar. `{lang}` in it is
   * replaced by the language shown (`/rights.{lang}.json` → `/rights.fr.json`).
   */
  src?: string | undefined;
  /** The language shown, for `{lang}` in `src`. */
  lang?: string | undefined;
}

/** The resource a `src` file holds, which decides the adapter. */
export type StaticResource = 'cafes' | 'rights' | 'stats' | 'categories' | 'priorities';

/** Whether a URL names an iCalendar file (by extension, or a `webcal:` scheme). */
export function isICalendarUrl(url: string): boolean {
  return /^webcal:/i.test(url) || /\.ics(?:[?#]|$)/i.test(url);
}

/** Resolves a possibly relative URL against the page, as an `href` would. */
export function absoluteUrl(url: string): string {
  return new URL(url, globalThis.document?.baseURI ?? globalThis.location?.href).href;
}

/** No data source was given (`api`, `src`, `.client`…): the widget cannot know where its data is. */
export class MissingSourceError extends Error {
  override name = 'MissingSourceError';
  /** @param attributes the attributes this widget takes for a source, named in the message. */
  constructor(attributes: readonly string[] = ['api', 'src']) {
    super(
      `Indiquez l’attribut ${attributes.join(' ou ')}, ou la propriété client. / ` +
        `Set the ${attributes.join(' or ')} attribute, or the client property.`,
    );
  }
}

/**
 * The client a widget talks to: its `.client` property, else a client of its `api` attribute (made
 * by `create`, one per base URL), else the adapter `fromFile` makes of its `src` file (absolute, with
 * `{lang}` replaced). Without `fromFile` the widget takes no file, and `src` alone is no source.
 *
 * Each widget passes its own `create` and `fromFile`, so its bundle carries only the client and the
 * adapters it can use (a module a lazy chunk shares with the entry is carried whole by the entry).
 */
export async function resolveWith<C>(
  host: ClientHost<C>,
  clients: Map<string, C | Promise<C>>,
  create: (baseUrl: string) => C | Promise<C>,
  fromFile?: (url: string) => Promise<C>,
): Promise<C> {
  if (host.client) return host.client;
  if (host.api) {
    // One client per base URL on the page: widgets share the SDK's cache, so two widgets asking
    // the same thing cause one request.
    const baseUrl = absoluteUrl(host.api);
    let client = clients.get(baseUrl);
    if (!client) {
      clients.set(baseUrl, (client = create(baseUrl)));
      // A client whose module failed to load is made again on the next try.
      if (client instanceof Promise) client.catch(() => clients.delete(baseUrl));
    }
    return client;
  }
  // Adapters load only here, so a page that never uses a file never downloads one.
  if (host.src && fromFile) return fromFile(absoluteUrl(host.src.replaceAll('{lang}', host.lang ?? 'fr')));
  throw new MissingSourceError(fromFile ? ['api', 'src'] : ['api']);
}

/** The iCalendar adapter of an `.ics` or `webcal:` URL (ical.js loads only then). */
export async function icalClient(url: string): Promise<ProximiteClient> {
  const { createICalClient } = await import('@proximite/sdk/adapters/ical.js');
  return createICalClient({ url: url.replace(/^webcal:/i, 'https:') });
}

const cafesClients = new Map<string, ProximiteCafesClient | Promise<ProximiteCafesClient>>();

/**
 * The calendar's client: cafés and districts only, from `.client`, `api`, or a `src` file — an
 * iCalendar feed (`.ics`, `webcal:`; the ical.js adapter) or JSON (the static cafés adapter).
 */
export function resolveCafesClient(host: ClientHost<ProximiteCafesClient>): Promise<ProximiteCafesClient> {
  return resolveWith(
    host,
    cafesClients,
    // The SDK (and the contract's schemas it builds) is a chunk of its own, loaded and evaluated
    // in a task of its own after the widget has painted its loading state (issue 21).
    async (baseUrl) => (await import('@proximite/sdk/core.js')).createCafesClient({ baseUrl }),
    async (url) => {
      if (isICalendarUrl(url)) return icalClient(url);
      const { createStaticCafesClient } = await import('@proximite/sdk/adapters/static-cafes.js');
      return createStaticCafesClient({ cafes: url });
    },
  );
}

const coreClients = new Map<string, ProximiteCoreClient | Promise<ProximiteCoreClient>>();

/**
 * The SDK core client (cafés, districts, concerns) of an `api` (the concern form's; it takes no
 * file), without the rights, stats and priorities schemas. The full client is `resolveClient` in
 * `full-client.ts` (a module of its own: bundlers keep what a module imports). Like the calendar's,
 * the SDK is a chunk loaded after the widget has painted its loading state (issue 21).
 */
export function resolveCoreClient(host: ClientHost<ProximiteCoreClient>): Promise<ProximiteCoreClient> {
  return resolveWith(host, coreClients, async (baseUrl) =>
    (await import('@proximite/sdk/core.js')).createCoreClient({ baseUrl }),
  );
}
