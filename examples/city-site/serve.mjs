#!/usr/bin/env node
// `node examples/city-site/serve.mjs`: the city's "Sécurité et tranquillité publique" page against
// the reference server. Builds the browser bundles when they are missing, starts the reference server
// on 127.0.0.1 with a fresh embedded database and the Amiens demo data, this folder served at `/`
// (with the server's strict CSP) and the bundles at `/bundles/`, and prints the URL.
// PORT (default 8787) changes the port; 0 picks a free one. Ctrl-C stops it and deletes the data.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startTestServer } from '../../scripts/test-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');

/** Builds bundles/ (about a minute) unless the all-in-one file is there. */
function ensureBundles() {
  if (existsSync(join(root, 'bundles/cdn/proximite.js'))) return;
  console.log('Building the browser bundles (about a minute)…');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--bundles-only'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('The bundle build failed.');
}

/**
 * Starts the page and its server.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function start({ port = 0 } = {}) {
  ensureBundles();
  return startTestServer({
    args: ['--seed', '--port', String(port)],
    env: { PROXIMITE_STATIC_DIR: here },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await start({ port: Number(process.env.PORT ?? 8787) });
  console.log(`City site (fr): ${server.url}/`);
  console.log(`City site (en): ${server.url}/en/`);
  console.log('Ctrl-C to stop.');
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
