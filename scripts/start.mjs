#!/usr/bin/env node
// `npm start`: installs dependencies when missing, builds, and runs the reference server with
// its demo page on 127.0.0.1 (HOST, PORT; default 8787) on the embedded database.
// Before the server existed it served the demo page statically; that fallback remains for a
// checkout without packages/server.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { ensureDependencies, root, run } from './ensure.mjs';
import { serverCli, serverAvailable } from './test-server.mjs';

ensureDependencies();
// The server runs from its TypeScript sources (tsx); only the browser bundles need building.
run('node scripts/build.mjs --bundles-only');

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8787);

if (serverAvailable()) {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      serverCli,
      'serve',
      '--host',
      host,
      '--port',
      String(port),
      '--seed',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const stop = (signal) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const types = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.json': 'application/json',
    '.map': 'application/json',
    '.css': 'text/css',
  };
  const mounts = [
    ['/bundles/', join(root, 'bundles')],
    ['/', join(root, 'examples/demo')],
  ];
  createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    for (const [prefix, dir] of mounts) {
      if (!path.startsWith(prefix)) continue;
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir)) break;
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (existsSync(file)) {
        res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
        createReadStream(file).pipe(res);
        return;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
  }).listen(port, host, () => console.log(`Proximité demo listening on http://${host}:${port}`));
}
