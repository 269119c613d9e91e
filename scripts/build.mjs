#!/usr/bin/env node
// Builds what the demo and the budgets need: the TypeScript packages (tsc -b) and the browser
// bundles (rollup), then the SRI manifest (sha384) of the CDN files.
// `--bundles-only` skips tsc (used by npm test, which typechecks on its own).
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { checkPublicBundles } from './check-bundles.mjs';
import { root, run } from './ensure.mjs';

const bundlesOnly = process.argv.includes('--bundles-only');
if (!bundlesOnly) run('npx tsc -b');
rmSync(join(root, 'bundles'), { recursive: true, force: true });
run('npx rollup -c rollup.config.js --silent');

const cdn = join(root, 'bundles/cdn');
if (existsSync(cdn)) {
  // Unversioned aliases (`proximite.js`) for the demo and for self-hosting that follows releases;
  // a CDN serves the versioned, immutable names with the SRI hashes below.
  const { version } = JSON.parse(readFileSync(join(root, 'packages/widgets/package.json'), 'utf8'));
  for (const name of readdirSync(cdn)) {
    if (name.endsWith(`-${version}.js`))
      copyFileSync(join(cdn, name), join(cdn, name.replace(`-${version}.js`, '.js')));
  }
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(`-${version}.js`) || (dir !== cdn && name.endsWith('.js'))) files.push(path);
    }
  };
  walk(cdn);
  const manifest = Object.fromEntries(
    files
      .sort()
      .map((file) => [
        relative(cdn, file),
        `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`,
      ]),
  );
  writeFileSync(join(cdn, 'sri.json'), JSON.stringify(manifest, null, 2) + '\n');
}
const leaks = checkPublicBundles(join(root, 'bundles'));
if (leaks.length) {
  console.error(`Public bundles carry staff code:\n  ${leaks.join('\n  ')}`);
  process.exit(1);
}
console.log('› public bundles carry no staff code');
console.log('› bundles written to bundles/');
