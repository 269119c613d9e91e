/**
 * The console's routes live in the URL's fragment (`#/inbox?status=received`,
 * `#/concern/PRX-7KQ2-M4XD`), so every view can be bookmarked and shared, works behind any
 * intranet's URL rewriting (the server never sees the fragment), and the browser's back button
 * walks through views. Pure functions, no DOM.
 */

/** A view of the console: a section, an optional id within it, and its parameters (filters…). */
export interface Route {
  /** The section's id in the section table (`inbox`, `concern`…). */
  section: string;
  /** What the section shows, when it shows one thing (a concern's reference). */
  id?: string | undefined;
  /** Parameters in a stable order (the order they were set in); empty values are dropped. */
  params: Record<string, string>;
}

/** Section ids and ids are short tokens; anything else is not a route of the console. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Reads a route from a fragment (`#/inbox?status=received`). An empty or foreign fragment (a page
 * anchor such as `#top`) gives `fallback`: the console then shows its first section.
 */
export function parseRoute(hash: string, fallback = 'inbox'): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw.startsWith('/')) return { section: fallback, params: {} };
  const queryAt = raw.indexOf('?');
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const query = queryAt === -1 ? '' : raw.slice(queryAt + 1);
  let segments: string[];
  try {
    segments = path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return { section: fallback, params: {} };
  }
  const [section, id] = segments;
  if (section === undefined || !SEGMENT.test(section)) return { section: fallback, params: {} };
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) if (value !== '') params[key] = value;
  return id !== undefined && SEGMENT.test(id) ? { section, id, params } : { section, params };
}

/** Writes a route as a fragment: `#/section[/id][?a=1&b=2]`. */
export function formatRoute(route: Route): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(route.params)) if (value !== '') query.set(key, value);
  const qs = query.toString();
  const id = route.id ? `/${encodeURIComponent(route.id)}` : '';
  return `#/${encodeURIComponent(route.section)}${id}${qs ? `?${qs}` : ''}`;
}

/** Whether two routes show the same view (same section, id and parameters, in any order). */
export function sameRoute(a: Route, b: Route): boolean {
  if (a.section !== b.section || (a.id ?? '') !== (b.id ?? '')) return false;
  const ka = Object.keys(a.params).filter((k) => a.params[k] !== '');
  const kb = Object.keys(b.params).filter((k) => b.params[k] !== '');
  return ka.length === kb.length && ka.every((k) => a.params[k] === b.params[k]);
}
