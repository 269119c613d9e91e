#!/usr/bin/env node
// `node examples/react/serve.mjs`: the widgets in a React app (wrappers made with @lit/react).
// Starts the reference server (fresh embedded database, demo data) on a free port, builds the app
// with Vite (`vite build`, workspace packages from their sources) and serves dist/ with
// `vite preview` on 127.0.0.1, /v1 forwarded to the reference server; prints the URL.
// `--dev` runs the Vite dev server instead of build + preview. PORT (default 8791) changes the port.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, createServer, preview } from 'vite';
import { startTestServer } from '../../scripts/test-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const configFile = join(here, 'vite.config.ts');

/**
 * Starts the reference server and the app.
 * @param {{ port?: number, dev?: boolean }} [options]
 * @returns {Promise<{ url: string, apiUrl: string, stop: () => Promise<void> }>}
 */
export async function start({ port = 0, dev = false } = {}) {
  const api = await startTestServer({ args: ['--seed'] });
  try {
    // vite.config.ts reads it to forward /v1.
    process.env.PROXIMITE_API = api.url;
    let server;
    if (dev) {
      server = await createServer({ configFile, server: { port, strictPort: port !== 0 } });
      await server.listen();
    } else {
      await build({ configFile, logLevel: 'warn' });
      server = await preview({ configFile, preview: { port, strictPort: port !== 0 } });
    }
    const url = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
    return {
      url,
      apiUrl: api.url,
      async stop() {
        await server.close();
        await api.stop();
      },
    };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const app = await start({ port: Number(process.env.PORT ?? 8791), dev: process.argv.includes('--dev') });
  console.log(`React app: ${app.url}/  (English: ${app.url}/?lang=en)`);
  console.log('Ctrl-C to stop.');
  const stop = () => void app.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
