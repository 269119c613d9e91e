// Starts the reference server (packages/server) on a free port of 127.0.0.1 with a fresh
// embedded database, for browser and end-to-end tests. Resolves to { url, stop }.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const serverCli = join(root, 'packages/server/src/cli.ts');

export function serverAvailable() {
  return existsSync(serverCli);
}

/**
 * Creates an Open311 api_key on a data directory before the server opens it (the embedded
 * database has one process at a time), with the CLI as an operator would.
 */
function createOpen311Key(dataDir) {
  const out = execFileSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', serverCli, 'open311-key', 'create', '--name', 'test-clients'],
    { cwd: root, env: { ...process.env, PROXIMITE_DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' },
  );
  const key = /^(prx_o311_\S+)$/m.exec(out)?.[1];
  if (!key) throw new Error(`open311-key create printed no key:\n${out}`);
  return key;
}

/**
 * @param {{ env?: Record<string, string>, args?: string[], open311Key?: boolean }} [options]
 * @returns {Promise<{ url: string, open311Key?: string, stop: () => Promise<void> }>}
 */
export async function startTestServer(options = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'proximite-test-'));
  const open311Key = options.open311Key ? createOpen311Key(dataDir) : undefined;
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      serverCli,
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      ...(options.args ?? []),
    ],
    {
      cwd: root,
      env: { ...process.env, PROXIMITE_DATA_DIR: dataDir, DATABASE_URL: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const started = new Promise((resolve, reject) => {
    // A fresh PGlite (initdb, migrations, the demo seed) takes 15 s on a quiet machine and over
    // 100 s on a loaded shared one: the wait only has to catch a server that will never start.
    const timer = setTimeout(() => reject(new Error(`server did not start in 240 s:\n${output}`)), 240_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  // A server that never started leaves no data directory (nor process) behind.
  const url = await started.catch((error) => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    url,
    open311Key,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
