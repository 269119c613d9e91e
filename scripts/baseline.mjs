// The "before" of `npm run bench`: a commit of this repository unpacked under .cache/baseline/<sha>,
// runnable beside the working tree, so each figure is measured next to its baseline in one run on
// one machine under one load. The tree gets a node_modules of its own made of links to this one's
// packages, except the workspace packages, which point at the baseline's own sources.
//
//   const dir = prepareBaseline('c8f80a8');   // .cache/baseline/c8f80a8…/
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './ensure.mjs';

/** The full hash of `ref`. */
export function resolveRef(ref) {
  return execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
}

/** Unpacks `ref` once (kept across runs) and returns its directory. */
export function prepareBaseline(ref) {
  const sha = resolveRef(ref);
  const dir = join(root, '.cache', 'baseline', sha);
  if (existsSync(join(dir, '.ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', sha], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === '@proximite') continue;
    symlinkSync(join(root, 'node_modules', name), join(modules, name));
  }
  mkdirSync(join(modules, '@proximite'));
  for (const name of readdirSync(join(dir, 'packages')))
    symlinkSync(join('..', '..', 'packages', name), join(modules, '@proximite', name));
  writeFileSync(join(dir, '.ready'), `${sha}\n`);
  return dir;
}
