#!/usr/bin/env node
// `npm run bench`: measures speed and size and writes the figures to BENCHMARKS.md, with the date
// and the machine. Timings are never asserted in tests; they are recorded here.
//
//  1. the reference server over HTTP (autocannon; packages/server/bench/http.bench.ts), beside bare
//     Hono and bare node:http serving the same bytes, and beside a baseline commit when given
//  2. widget render times in Debian's Chromium (tachometer; packages/widgets/bench/)
//  3. long tasks of the widgets at 4× CPU throttling (Chromium's trace; packages/widgets/bench/long-tasks.mjs)
//  4. bundle sizes in brotli bytes (size-limit; the same budgets npm test checks)
//  5. the staff inbox over 10 000 concerns on PGlite and PostgreSQL (packages/server/bench/inbox.bench.ts)
//  6. the SDK outbox in Node: queueing 1,000 reports in the file store, draining them to a local
//     server one at a time and in parallel (packages/sdk/bench/outbox.bench.ts)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies, root, run } from './ensure.mjs';

ensureDependencies();
// `npm run bench -- [section…] [--baseline <commit>] [--only <groups or regexp>]`: with a
// baseline, the server section measures that commit's server beside this tree's in the same run
// (scripts/baseline.mjs). `--only` names the server's groups of cases (comma-separated: get, post,
// uncached), as the server bench's own command line does; any other value is a regexp of the
// long-task cases.
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const baselineRef = flag('baseline');
const only = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const wanted = (name) => only.length === 0 || only.includes(name);
/** `--only get,post`: the server bench's groups, when every name given is one (else `undefined`: all). */
function serverGroups(value) {
  const names = value?.split(',').map((g) => g.trim()) ?? [];
  return names.length > 0 && names.every((g) => ['get', 'post', 'uncached'].includes(g)) ? names : undefined;
}
const sections = [];
const today = new Date().toISOString().slice(0, 10);
const log = (message) => console.error(message);

if (wanted('server')) {
  log('› server: autocannon, 100 connections, no pipelining…');
  const { runHttpBench, formatBench } = await import('../packages/server/bench/http.bench.ts');
  const { prepareBaseline, resolveRef } = await import('./baseline.mjs');
  const baseline =
    baselineRef === undefined
      ? undefined
      : { dir: prepareBaseline(baselineRef), ref: resolveRef(baselineRef) };
  const groups = serverGroups(flag('only'));
  // PostgreSQL is measured when a URL whose role may create databases is given.
  const report = await runHttpBench({
    log,
    baseline,
    databaseUrl: process.env.PROXIMITE_BENCH_DATABASE_URL,
    ...(groups !== undefined ? { groups } : {}),
  });
  sections.push(`## Reference server over HTTP\n\n${formatBench(report)}`);
}

if (wanted('inbox')) {
  log('› inbox: 10 000 concerns, filtered pages…');
  const { runInboxBench, formatInboxBench } = await import('../packages/server/bench/inbox.bench.ts');
  // PostgreSQL too when a URL is given (a schema of its own, dropped after).
  const reports = await runInboxBench({ log, databaseUrl: process.env.PROXIMITE_BENCH_DATABASE_URL });
  sections.push(`## Staff inbox\n\n${formatInboxBench(reports)}`);
}

if (wanted('outbox')) {
  log('› outbox: 1,000 reports queued in the file store, drained to a local server…');
  const { runOutboxBench, formatOutboxBench } = await import('../packages/sdk/bench/outbox.bench.ts');
  // PostgreSQL too when a URL is given (a database of its own, dropped after).
  const report = await runOutboxBench({ log, databaseUrl: process.env.PROXIMITE_BENCH_DATABASE_URL });
  sections.push(`## SDK outbox in Node\n\n${formatOutboxBench(report)}`);
}

if (wanted('render')) {
  const benchDir = join(root, 'packages/widgets/bench');
  const configs = existsSync(benchDir)
    ? readdirSync(benchDir).filter((f) => f.endsWith('.tachometer.json'))
    : [];
  if (configs.length) {
    // The bench pages load the production bundles; tachometer drives Debian's chromedriver.
    run('node scripts/build.mjs --bundles-only', { stdio: 'ignore' });
    mkdirSync(join(root, '.cache'), { recursive: true });
  }
  const rows = [];
  for (const config of configs) {
    log(`› render: tachometer ${config}…`);
    const out = join(root, `.cache/${config}.result.json`);
    const result = spawnSync(
      join(root, 'node_modules/.bin/tach'),
      ['--config', join(benchDir, config), '--json-file', out],
      {
        cwd: root,
        env: { ...process.env, SE_OFFLINE: 'true', PATH: `/usr/bin:${process.env.PATH}` },
        encoding: 'utf8',
      },
    );
    if (result.status !== 0)
      throw new Error(`tachometer failed for ${config}:\n${result.stderr}\n${result.stdout}`);
    const { benchmarks } = JSON.parse(readFileSync(out, 'utf8'));
    rows.push(
      ...benchmarks.map(
        (b) => `| ${b.name} | ${b.samples.length} | ${b.mean.low.toFixed(1)} – ${b.mean.high.toFixed(1)} |`,
      ),
    );
  }
  if (rows.length)
    sections.push(
      '## Widget render in Chromium\n\n' +
        `tachometer, Debian Chromium headless, 4× CPU throttling; mean with its 95 % confidence interval; ${today}.\n\n` +
        `| benchmark | samples | mean (ms) |\n|---|---:|---:|\n${rows.join('\n')}`,
    );
}

if (wanted('tasks')) {
  // Long tasks at 4× CPU throttling, from Chromium's trace; with --baseline, that commit's bundles
  // (built once in its unpacked tree) take turns with this tree's, page load after page load.
  run('node scripts/build.mjs --bundles-only', { stdio: 'ignore' });
  const trees = { after: root };
  if (baselineRef !== undefined) {
    const { prepareBaseline } = await import('./baseline.mjs');
    const dir = prepareBaseline(baselineRef);
    if (!existsSync(join(dir, 'bundles', 'standalone')))
      run('node scripts/build.mjs --bundles-only', { stdio: 'ignore', cwd: dir });
    trees[`before (${baselineRef})`] = dir;
  }
  const { CASES, runLongTasks, formatLongTasks, firstCafeComparison } =
    await import('../packages/widgets/bench/long-tasks.mjs');
  const started = loadavg()[0].toFixed(1);
  // `--only <regexp>`: the cases whose name matches (not the server's groups).
  const cases =
    flag('only') && serverGroups(flag('only')) === undefined
      ? CASES.filter((c) => new RegExp(flag('only')).test(c.name))
      : CASES;
  const rows = await runLongTasks({ trees, log, cases });
  sections.push(
    '## Widget long tasks at 4× CPU throttling\n\n' +
      `Chromium's trace (RunTask events of the page's main thread), from the page's start (first renders) or the ` +
      `interaction's start to its end; median of 3 page loads per row, the bundles taking turns; load average ` +
      `${started} at the start, ${loadavg()[0].toFixed(1)} at the end; ${today}. Wall time is what a resident waits ` +
      `for (it includes the time other processes of this shared machine took); thread time is the CPU the task ` +
      `used. Goal (issue 21): no task over 50 ms.\n\n${formatLongTasks(rows)}` +
      (firstCafeComparison(rows) ? `\n\n${firstCafeComparison(rows)}` : ''),
  );
}

if (wanted('size')) {
  log('› size: bundles and budgets…');
  run('node scripts/build.mjs --bundles-only', { stdio: 'ignore' });
  const raw = spawnSync(join(root, 'node_modules/.bin/size-limit'), ['--json'], {
    cwd: root,
    encoding: 'utf8',
  }).stdout;
  const rows = JSON.parse(raw.slice(raw.indexOf('[')));
  // .size-limit.cjs names each row after its group: « First view · » (what a page loads before the
  // widget paints: a standalone entry and the files it imports statically), « Lazy · » (a chunk
  // loaded after the first paint, or when a resident uses it), then the other files.
  const groups = [
    [
      'First view · ',
      '### First view: what a page loads before the widget paints (standalone entry and its static imports)',
    ],
    ['Lazy · ', '### Lazy chunks: loaded after the first paint, or when a resident uses them'],
    ['', '### SDK and kit alone, CDN files beyond the shared chunk, staff console'],
  ];
  const tables = groups.map(([prefix, title]) => {
    const mine = rows.filter(
      (r) => r.name.startsWith(prefix) && !groups.some(([p]) => p && p !== prefix && r.name.startsWith(p)),
    );
    // Tag names read as HTML in markdown: escape them.
    const lines = mine.map(
      (r) =>
        `| ${r.name.slice(prefix.length).replaceAll('<', '&lt;')} | ${r.size.toLocaleString('en')} | ${r.sizeLimit?.toLocaleString('en') ?? ''} | ${r.passed ? 'within' : 'OVER'} |`,
    );
    return `${title}\n\n| bundle | size | budget | |\n|---|---:|---:|---|\n${lines.join('\n')}`;
  });
  sections.push(
    `## Bundle sizes (brotli bytes)\n\nsize-limit, the budgets of \`.size-limit.cjs\`; ${today}.\n\n${tables.join('\n\n')}`,
  );
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const chromium = (() => {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'Chromium not found';
  }
})();
const header = `# Benchmarks

Written by \`npm run bench\` (\`npm run bench -- size\` reruns one section and keeps the others; each
section gives its date): ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version},
${chromium}. Figures vary with the machine and its load: compare rows of one run, not runs of
different machines.
`;
// Sections not run this time are kept from the previous file, in the usual order.
const order = [
  '## Reference server over HTTP',
  '## Staff inbox',
  '## SDK outbox in Node',
  '## Widget render in Chromium',
  '## Widget long tasks',
  '## Bundle sizes',
];
const previous = existsSync(join(root, 'BENCHMARKS.md'))
  ? readFileSync(join(root, 'BENCHMARKS.md'), 'utf8')
      .split(/\n(?=## )/)
      .slice(1)
  : [];
const merged = order
  .map(
    (heading) =>
      sections.find((s) => s.startsWith(heading)) ?? previous.find((s) => s.startsWith(heading))?.trimEnd(),
  )
  .filter(Boolean);
writeFileSync(join(root, 'BENCHMARKS.md'), `${header}\n${merged.join('\n\n')}\n`);
console.log(`${header}\n${merged.join('\n\n')}`);
