/**
 * The server's module graph: no import cycle anywhere in src/ (the sub-apps of http/ never import
 * their parent), and the audit log is appended only through the services layer.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Relative imports (static, `import type` included, and dynamic `import()`), as source paths. */
function importsOf(file: string): { target: string; text: string }[] {
  const text = readFileSync(file, 'utf8');
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles
    .filter((f) => f.fileName.startsWith('.'))
    .map((f) => ({ target: resolve(dirname(file), f.fileName.replace(/\.js$/, '.ts')), text }));
}

const files = sources(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f).map((i) => i.target)]));
const rel = (f: string) => relative(SRC, f);

/** Every cycle's path, found by depth-first search. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'visiting') found.push([...stack.slice(stack.indexOf(next)), next].map(rel));
      else if (state.get(next) === undefined && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (state.get(file) === undefined) visit(file);
  return found;
}

test('the graph is read: app.ts imports every sub-app', () => {
  const app = graph.get(join(SRC, 'http', 'app.ts')) ?? [];
  for (const sub of ['public.ts', 'admin.ts', 'open311.ts', 'static.ts'])
    assert.ok(app.includes(join(SRC, 'http', sub)), `app.ts imports ${sub}`);
});

test('no import cycle in packages/server/src', () => {
  assert.deepEqual(cycles(), []);
});

test('no module imports http/app.ts but the package entry points', () => {
  const app = join(SRC, 'http', 'app.ts');
  const importers = files
    .filter((f) => graph.get(f)?.includes(app))
    .map(rel)
    .sort();
  assert.deepEqual(importers, ['index.ts', 'server.ts']);
});

test('the audit log is appended only by services/audited.ts', () => {
  const users = files
    .filter((f) => f !== join(SRC, 'store', 'audit.ts'))
    .filter((f) => /\bappendAudit\b/.test(readFileSync(f, 'utf8')))
    .map(rel);
  assert.deepEqual(users, [join('services', 'audited.ts')]);
});
