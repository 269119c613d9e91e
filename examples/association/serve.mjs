#!/usr/bin/env node
// `node examples/association/serve.mjs`: an association's page with only the concern form, posting
// to the reference server's Open311 GeoReport v2 endpoint (/open311/v2).
//
// Open311 needs an api_key to POST. This script does what a city does for an association:
//   1. creates a fresh embedded database and an api_key in it (`proximite open311-key create`);
//   2. copies this folder to a temporary directory with the key written into the page
//      (`open311-key="__OPEN311_KEY__"` in index.html);
//   3. starts the reference server (demo data) with that copy at `/` and the bundles at `/bundles/`.
// PORT (default 8789) changes the port; 0 picks a free one. Ctrl-C stops it and deletes the data.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serverCli, startTestServer } from '../../scripts/test-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');

function ensureBundles() {
  if (existsSync(join(root, 'bundles/cdn/proximite.js'))) return;
  console.log('Building the browser bundles (about a minute)…');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--bundles-only'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('The bundle build failed.');
}

/** `proximite open311-key create` on the database in `dataDir`; returns the key it prints once. */
function createOpen311Key(dataDir) {
  const run = spawnSync(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      serverCli,
      'open311-key',
      'create',
      '--name',
      'Saint-Leu Ensemble',
    ],
    { cwd: root, env: { ...process.env, PROXIMITE_DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' },
  );
  const key = run.stdout.trim().split('\n').at(-1)?.trim();
  if (run.status !== 0 || !key) throw new Error(`open311-key create failed:\n${run.stdout}${run.stderr}`);
  return key;
}

/**
 * Starts the page and its server.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, apiKey: string, stop: () => Promise<void> }>}
 */
export async function start({ port = 0 } = {}) {
  ensureBundles();
  const dataDir = mkdtempSync(join(tmpdir(), 'proximite-association-data-'));
  const site = mkdtempSync(join(tmpdir(), 'proximite-association-site-'));
  try {
    const apiKey = createOpen311Key(dataDir);
    cpSync(here, site, { recursive: true, filter: (src) => !/\.(?:mjs|md)$/.test(src) });
    const page = join(site, 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replaceAll('__OPEN311_KEY__', apiKey));
    const server = await startTestServer({
      args: ['--seed', '--port', String(port)],
      env: { PROXIMITE_DATA_DIR: dataDir, PROXIMITE_STATIC_DIR: site },
    });
    return {
      url: server.url,
      apiKey,
      async stop() {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(site, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await start({ port: Number(process.env.PORT ?? 8789) });
  console.log(`Association page: ${server.url}/  (English: ${server.url}/?lang=en)`);
  console.log(`Open311 endpoint: ${server.url}/open311/v2/discovery.json (api_key written into the page)`);
  console.log('Ctrl-C to stop.');
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
