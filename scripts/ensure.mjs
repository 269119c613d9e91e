// What `npm start` and `npm test` need on a fresh machine: the npm packages and, for the
// browser tests, Debian's Chromium. Installs what is missing when it can, else says what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function run(command, options = {}) {
  execSync(command, { stdio: 'inherit', cwd: root, ...options });
}

export function ensureDependencies() {
  if (existsSync(join(root, 'node_modules/.package-lock.json')) && existsSync(join(root, 'node_modules/lit')))
    return;
  console.log('› Installing npm dependencies (first run)…');
  run(
    existsSync(join(root, 'package-lock.json'))
      ? 'npm ci --no-audit --no-fund'
      : 'npm install --no-audit --no-fund',
  );
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Installs Debian packages when root; otherwise throws with the command to run. */
export function ensureDebianPackages(packages, check) {
  if (check()) return;
  if (!isRoot) {
    throw new Error(
      `Missing system packages. Install them with: sudo apt-get install -y ${packages.join(' ')}`,
    );
  }
  console.log(`› Installing ${packages.join(', ')} from Debian's packages…`);
  run('apt-get update -qq');
  run(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`);
}

export function ensureChromium() {
  ensureDebianPackages(
    ['chromium', 'chromium-driver'],
    () => existsSync('/usr/bin/chromium') && existsSync('/usr/bin/chromedriver'),
  );
}
