#!/usr/bin/env node
// The `proximite` command. In this repository (TypeScript sources and tsx present) it runs
// src/cli.ts through tsx with the "source" export condition; an installed package runs dist/cli.js.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(pkg, 'src', 'cli.ts');
const built = join(pkg, 'dist', 'cli.js');

function hasTsx() {
  try {
    createRequire(join(pkg, 'package.json')).resolve('tsx');
    return true;
  } catch {
    return false;
  }
}

if (existsSync(source) && hasTsx()) {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (existsSync(built)) {
  const { runCli } = await import(pathToFileURL(built).href);
  process.exit(await runCli(process.argv.slice(2)));
} else {
  console.error(
    'proximite: neither dist/cli.js nor the TypeScript sources with tsx were found; run `npx tsc -b`.',
  );
  process.exit(1);
}
