#!/usr/bin/env node
// `npm test`: every check and every test of the project, in order, on this machine.
// Installs what is missing (npm packages; Chromium from Debian when root), runs each step even
// after a failure so one run shows everything, and ends with one line: "N passed, N failed",
// summed over every runner (node:test, web-test-runner, story tests) plus one per gate
// (typecheck, lint, size budgets). Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureChromium, ensureDependencies, root } from './ensure.mjs';

ensureDependencies();
ensureChromium();

const only = process.argv.slice(2); // e.g. `npm test -- node browser` runs only those steps
const work = mkdtempSync(join(tmpdir(), 'proximite-test-run-'));
const results = [];

function findTests(dir, pattern, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findTests(path, pattern, out);
    else if (pattern.test(entry.name)) out.push(relative(root, path));
  }
  return out;
}

function step(name, command, args, { counts, env } = {}) {
  if (only.length && !only.includes(name)) return;
  const summary = join(work, `${name}.json`);
  const argv = typeof args === 'function' ? args(summary) : args;
  console.log(`\n━━ ${name}: ${[relative(root, command), ...argv].join(' ').slice(0, 160)}`);
  const started = Date.now();
  const child = spawnSync(command, argv, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PROXIMITE_TEST_SUMMARY: summary, ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = child.status === 0;
  let tally = { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
  if (counts && existsSync(summary)) {
    const report = JSON.parse(readFileSync(summary, 'utf8'));
    tally = typeof counts === 'function' ? counts(report) : report;
    // A runner that failed without reporting a failed test (crash, timeout) still fails the run.
    if (!ok && tally.failed === 0) tally.failed = 1;
  } else if (counts && ok) {
    tally = { passed: 0, failed: 1, skipped: 0 }; // a runner that reported nothing ran nothing
    console.error(`${name}: the runner reported no results`);
  }
  results.push({ name, ok: ok && tally.failed === 0, seconds, ...tally });
}

const bin = (name) => join(root, 'node_modules/.bin', name);

/** node:test over TypeScript sources, one file at a time, counted for the summary. */
const nodeTestArgs = (summary, files) => [
  '--conditions=source',
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=1',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  `--test-reporter=${join(root, 'scripts/count-reporter.mjs')}`,
  `--test-reporter-destination=${summary}`,
  ...files,
];

step('typecheck', bin('tsc'), ['-b']);
step('typecheck-tests', bin('tsc'), ['-p', 'tsconfig.test.json']);
// The end-to-end tests import the examples' .mjs serve scripts, and the React example is TSX:
// each has its own tsconfig.
step('typecheck-e2e', bin('tsc'), ['-p', 'e2e/tsconfig.json']);
step('typecheck-react', bin('tsc'), ['-p', 'examples/react/tsconfig.json']);
step('lint', bin('eslint'), ['--max-warnings', '0', '.']);

const nodeTests = findTests(join(root, 'packages'), /\.test\.ts$/).filter(
  (file) => /^packages\/[^/]+\/test\//.test(file) && !file.includes('/test/browser/'),
);
// With no file, `node --test` would fall back to its own discovery: only run it with files.
if (nodeTests.length)
  step('node', process.execPath, (summary) => nodeTestArgs(summary, nodeTests), { counts: true });

step('browser', bin('wtr'), [], { counts: true });

// Storybook: the custom-elements manifest feeds its controls; the static build must succeed; every
// story then runs in Chromium with its play function and the a11y checks (addon-vitest).
step('manifest', process.execPath, [join(root, 'scripts/manifest.mjs')]);
step('storybook', bin('storybook'), ['build', '-o', 'storybook-static', '--quiet']);
step(
  'stories',
  bin('vitest'),
  (summary) => [
    'run',
    '--project',
    'storybook',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${summary}`,
  ],
  {
    counts: (report) => ({
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + report.numTodoTests,
    }),
  },
);

step('bundle', process.execPath, [join(root, 'scripts/build.mjs'), '--bundles-only']);
step('size', bin('size-limit'), []);

// End to end, last: the example pages on the reference server in Chromium (playwright-core). They
// load bundles/, which the bundle step rebuilds, so never run them before or beside it.
const e2eTests = findTests(join(root, 'e2e'), /\.test\.ts$/);
if (e2eTests.length)
  step('e2e', process.execPath, (summary) => nodeTestArgs(summary, e2eTests), { counts: true });

rmSync(work, { recursive: true, force: true });

const total = results.reduce(
  (sum, r) => ({
    passed: sum.passed + r.passed,
    failed: sum.failed + r.failed,
    skipped: sum.skipped + r.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log('\n━━ summary');
for (const r of results) {
  console.log(
    `${r.ok ? '✔' : '✘'} ${r.name.padEnd(16)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds}s`,
  );
}
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(total.failed > 0 || results.some((r) => !r.ok) ? 1 : 0);
