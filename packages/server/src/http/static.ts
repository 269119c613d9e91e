/**
 * The demo page at `/` (examples/demo), the browser bundles at `/bundles/` (bundles/) and the staff
 * console's service worker at `/staff/service-worker.js` (from bundles/), when those folders exist. HTML gets a strict CSP; every file an ETag.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { etagMatches } from './cache.js';
import type { AppDeps } from './context.js';
import type { AppEnv } from './env.js';

export const HTML_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; worker-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html proximite-staff-sw; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

interface Cached {
  mtimeMs: number;
  size: number;
  etag: string;
  body: Buffer;
}

/** Resolves `rel` inside `root`, refusing anything that escapes it (also through symlinks). */
function safeFile(root: string, rel: string): string | undefined {
  if (!existsSync(root)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = realpathSync(root);
  let file = resolve(base, `.${sep}${decoded}`);
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  if (!existsSync(file)) return undefined;
  if (statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return undefined;
  const real = realpathSync(file);
  if (!real.startsWith(base + sep)) return undefined;
  return statSync(real).isFile() ? real : undefined;
}

/** The static files; mounted last, it passes anything it does not have on (to the 404). */
export function staticApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const cache = new Map<string, Cached>();

  function serve(c: Context, root: string, rel: string, immutable: boolean): Response | undefined {
    const file = safeFile(root, rel);
    if (file === undefined) return undefined;
    const stat = statSync(file);
    let entry = cache.get(file);
    if (entry === undefined || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
      const body = readFileSync(file);
      entry = {
        mtimeMs: stat.mtimeMs,
        size: stat.size,
        etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`,
        body,
      };
      cache.set(file, entry);
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers = new Headers({
      ETag: entry.etag,
      'Cache-Control': immutable
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=0, must-revalidate',
    });
    if (type.startsWith('text/html')) headers.set('Content-Security-Policy', HTML_CSP);
    if (etagMatches(c.req.header('If-None-Match'), entry.etag))
      return new Response(null, { status: 304, headers });
    headers.set('Content-Type', type);
    return new Response(new Uint8Array(entry.body), { status: 200, headers });
  }

  app.get('/bundles/*', (c, next) => {
    const rel = c.req.path.slice('/bundles/'.length);
    // Versioned CDN files (name@x.y.z or -x.y.z.js) never change.
    const immutable = /[@-]\d+\.\d+\.\d+/.test(rel);
    return serve(c, deps.config.bundlesDir, rel, immutable) ?? next();
  });

  // The staff console's service worker, built with the console's bundles, served beside its page so
  // that its scope is the page's folder (/staff/) without a Service-Worker-Allowed header.
  app.get('/staff/service-worker.js', (c, next) => {
    return serve(c, join(deps.config.bundlesDir, 'cdn', 'staff'), 'service-worker.js', false) ?? next();
  });

  app.get('/*', (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/v1/') || path.startsWith('/open311/')) return next();
    return serve(c, deps.config.staticDir, path.slice(1), false) ?? next();
  });

  return app;
}
