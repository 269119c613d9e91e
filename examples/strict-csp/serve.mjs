#!/usr/bin/env node
// `node examples/strict-csp/serve.mjs`: the four widgets under exactly this Content-Security-Policy
//
//   default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:;
//   require-trusted-types-for 'script'; trusted-types lit-html
//
// The reference server adds base-uri, form-action and frame-ancestors to its own pages, so this page
// is served by a small front server of its own (this file) that sends exactly the policy above and
// forwards /v1, /open311 and /bundles to the reference server (fresh embedded database, demo data),
// keeping the Host header so that the API sees the page's own origin.
// PORT (default 8788) changes the port of the page; 0 picks a free one. Ctrl-C stops both servers.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startTestServer } from '../../scripts/test-server.mjs';

export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'; trusted-types lit-html";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const FORWARDED = /^\/(?:v1|open311|bundles)(?:\/|$)/;

export function ensureBundles() {
  if (existsSync(join(root, 'bundles/cdn/proximite.js'))) return;
  console.log('Building the browser bundles (about a minute)…');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--bundles-only'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('The bundle build failed.');
}

/** Forwards one request to the reference server, as is (method, path, headers, body). */
function forward(req, res, upstream) {
  const target = new URL(upstream);
  const out = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    },
  );
  out.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The reference server did not answer.');
  });
  req.pipe(out);
}

/** A file of this folder, or undefined (no directory listing, nothing outside the folder). */
function localFile(folder, pathname) {
  let rel;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  let file = normalize(join(folder, rel));
  if (file !== folder && !file.startsWith(folder + sep)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file) || !statSync(file).isFile() || file.endsWith('.mjs') || file.endsWith('.md'))
    return undefined;
  return file;
}

/**
 * A front server on 127.0.0.1: the files of `folder` (HTML with the Content-Security-Policy that
 * `csp(url)` returns), and /v1, /open311, /bundles forwarded to the reference server at `apiUrl`.
 * Also used by examples/double-load.
 * @param {{ folder: string, apiUrl: string, csp: (url: URL) => string, port?: number }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveFolder({ folder, apiUrl, csp, port = 0 }) {
  const front = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://front');
    if (FORWARDED.test(url.pathname)) return forward(req, res, apiUrl);
    const file = req.method === 'GET' || req.method === 'HEAD' ? localFile(folder, url.pathname) : undefined;
    if (!file) {
      res.writeHead(404, {
        'content-type': 'text/plain; charset=utf-8',
        'content-security-policy': csp(url),
      });
      return res.end('Not found');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(type.startsWith('text/html') && { 'content-security-policy': csp(url) }),
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const address = front.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`,
    async close() {
      front.closeAllConnections();
      await new Promise((resolve) => front.close(() => resolve(undefined)));
    },
  };
}

/**
 * Starts the reference server and the front server of this page.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, apiUrl: string, stop: () => Promise<void> }>}
 */
export async function start({ port = 0 } = {}) {
  ensureBundles();
  const api = await startTestServer({ args: ['--seed'] });
  try {
    const front = await serveFolder({ folder: here, apiUrl: api.url, csp: () => STRICT_CSP, port });
    return {
      url: front.url,
      apiUrl: api.url,
      async stop() {
        await front.close();
        await api.stop();
      },
    };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await start({ port: Number(process.env.PORT ?? 8788) });
  console.log(`Strict CSP page: ${server.url}/  (English: ${server.url}/?lang=en)`);
  console.log(`Content-Security-Policy: ${STRICT_CSP}`);
  console.log('Ctrl-C to stop.');
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
