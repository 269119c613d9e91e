#!/usr/bin/env node
// `node examples/double-load/serve.mjs`: a page that loads Proximité several times (the all-in-one
// file under two URLs, a self-contained copy, a standalone widget) next to the host page's own copy
// of Lit. Bundles host-app.js with its own Lit into build/, builds Proximité's bundles when missing,
// starts the reference server (fresh embedded database, demo data) and serves this folder with the
// strict policy of examples/strict-csp plus 'allow-duplicates' on trusted-types:
//
//   … require-trusted-types-for 'script'; trusted-types lit-html 'allow-duplicates'
//
// Every copy of Lit creates a Trusted Types policy named "lit-html"; without 'allow-duplicates' the
// second copy on a page throws while loading (see README.md). `?policy=strict` serves the page with
// the strict policy unchanged, to see that failure.
// PORT (default 8790) changes the port; 0 picks a free one. Ctrl-C stops it.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { startTestServer } from '../../scripts/test-server.mjs';
import { STRICT_CSP, ensureBundles, serveFolder } from '../strict-csp/serve.mjs';

/** The strict policy, with several Lit copies allowed to create their "lit-html" policy. */
export const DUPLICATES_CSP = STRICT_CSP.replace(
  'trusted-types lit-html',
  "trusted-types lit-html 'allow-duplicates'",
);

const here = dirname(fileURLToPath(import.meta.url));

/** build/host-app.js: the host page's app with its own copy of Lit (not Proximité's). */
export async function buildHostApp() {
  const bundle = await rollup({ input: join(here, 'host-app.js'), plugins: [nodeResolve()] });
  try {
    await bundle.write({ file: join(here, 'build/host-app.js'), format: 'es' });
  } finally {
    await bundle.close();
  }
}

/**
 * Starts the page and its servers.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function start({ port = 0 } = {}) {
  ensureBundles();
  await buildHostApp();
  const api = await startTestServer({ args: ['--seed'] });
  try {
    const front = await serveFolder({
      folder: here,
      apiUrl: api.url,
      csp: (url) => (url.searchParams.get('policy') === 'strict' ? STRICT_CSP : DUPLICATES_CSP),
      port,
    });
    return {
      url: front.url,
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
  const server = await start({ port: Number(process.env.PORT ?? 8790) });
  console.log(`Double-load page: ${server.url}/`);
  console.log('Ctrl-C to stop.');
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
