// Starts the reference server (packages/server) on a free port of 127.0.0.1 with a fresh
// embedded database, for browser and end-to-end tests. Resolves to { url, stop }.
import { spawn } from 'node:child_process';
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
 * @param {{ env?: Record<string, string>, args?: string[] }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startTestServer(options = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'proximite-test-'));
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
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
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
  return {
    url,
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
