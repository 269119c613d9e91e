/**
 * HTTP benchmark of the reference server, side by side in one run (autocannon, no pipelining).
 *
 * - Cached public GETs: `GET /v1/cafes` served from the in-process cache (200) and revalidated with
 *   If-None-Match (304), beside a bare node:http server and a bare Hono app that answer with the
 *   same bytes (status, headers and body captured from Proximité's own 200). 100 connections;
 *   the cases take turns, `rounds` rounds of `roundSeconds` each, so a change in the machine's
 *   load weighs on every case alike; a ratio is the median of the rounds' ratios.
 * - `POST /v1/concerns` with distinct Idempotency-Keys, 50 connections, on PGlite and (when a
 *   database URL is given) on PostgreSQL. The rate limit is on and counted for every request, with
 *   a limit no run reaches; the clients come through a trusted proxy from 1,000 addresses, as
 *   residents would, rather than all from 127.0.0.1.
 * - `GET /v1/cafes` with the response cache off (query + JSON + ETag on every request).
 *
 * With `baseline` (a tree from scripts/baseline.mjs), every Proximité case is measured on that
 * tree's server too, in the same run: the "before" of each figure.
 *
 *   node --conditions=source --import tsx packages/server/bench/http.bench.ts [--rounds 3] [--seconds 5]
 *     [--post-seconds 10] [--post-warm-seconds 10]
 *     [--only post] (the groups to run, comma-separated: get, post, uncached)
 *
 * `runHttpBench()` returns the figures, for `npm run bench` to write BENCHMARKS.md.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { CapturedResponse } from './bare.js';

interface AutocannonResult {
  /** Added here: the server process's CPU time per request, µs (undefined where /proc is missing). */
  cpuMicros?: number | undefined;
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  pipelining: number;
  requests?: AutocannonRequest[];
}) => Promise<AutocannonResult>;

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

/** What a case measures against. */
export type Version = 'bare' | 'before' | 'after';

export interface BenchCase {
  /** `get`: cached public GETs; `post`: concern submissions; `uncached`: the response cache off. */
  group: 'get' | 'post' | 'uncached';
  name: string;
  version: Version;
  requestsPerSecond: number;
  /** Requests per second of each round (GETs), in order. */
  rounds: number[];
  p50Ms: number;
  p99Ms: number;
  /** The server's CPU time per request, µs (median of the rounds). */
  cpuMicros?: number | undefined;
  total: number;
  non2xx: number;
  errors: number;
  /** `median(round's req/s ÷ the bare Hono app's)`, `… ÷ bare node:http's` (GETs). */
  vsHono?: number;
  vsNode?: number;
}

export interface BenchReport {
  date: string;
  node: string;
  cpus: string;
  /** One-minute load average when the run started and when it ended. */
  load: { start: number; end: number };
  getConnections: number;
  postConnections: number;
  rounds: number;
  roundSeconds: number;
  postSeconds: number;
  /** The warm-up of each POST case before its measured run, at the same concurrency (seconds). */
  postWarmSeconds: number;
  /** The commit the "before" figures come from. */
  baseline?: string | undefined;
  /** Whether PostgreSQL was measured. */
  postgres: boolean;
  cases: BenchCase[];
}

export interface BenchOptions {
  rounds?: number;
  roundSeconds?: number;
  postSeconds?: number;
  /**
   * Warm-up of each POST case, seconds (default 10). With 1 s, JIT and each new pool connection's
   * statement preparation fell in the measured 10 s: two back-to-back 10 s windows after 1 s gave
   * PostgreSQL 2,833 → 1,624 and 2,371 → 1,527 µs of server CPU per request, p99 907 → 355 and
   * 879 → 233 ms; PGlite 4,006 → 3,462 and 5,357 → 4,332 µs (load 8–10).
   */
  postWarmSeconds?: number;
  getConnections?: number;
  postConnections?: number;
  /** A tree to measure as "before" (scripts/baseline.mjs), and the commit it holds. */
  baseline?: { dir: string; ref: string } | undefined;
  /** The groups of cases to run (default: all). */
  groups?: BenchCase['group'][];
  /** A PostgreSQL URL whose role may create databases; without it, PostgreSQL is not measured. */
  databaseUrl?: string | undefined;
  log?: (line: string) => void;
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = pattern.exec(output);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${String(code)}:\n${output}`)));
  });
}

interface Running {
  url: string;
  child: ChildProcess;
}

async function stop(server: Running | undefined): Promise<void> {
  if (server === undefined || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function startBare(kind: 'node' | 'hono', responseFile: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(here, 'bare.ts'), kind, responseFile],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return { url: await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/), child };
}

/** Proximité from `tree` (this checkout or a baseline), seeded, on PGlite in `dataDir` or PostgreSQL. */
async function startProximite(
  tree: string,
  database: { dataDir: string } | { url: string },
  env: Record<string, string> = {},
): Promise<Running> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      join(tree, 'packages', 'server', 'src', 'cli.ts'),
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--seed',
    ],
    {
      cwd: tree,
      env: {
        ...process.env,
        DATABASE_URL: 'url' in database ? database.url : '',
        PROXIMITE_DATA_DIR: 'dataDir' in database ? database.dataDir : '',
        // Counted on every POST, never reached; clients are told apart by X-Forwarded-For.
        PROXIMITE_RATE_LIMIT: '1000000000',
        PROXIMITE_TRUST_PROXY: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return { url: await waitForLine(child, /Proximité listening on (http:\/\/127\.0\.0\.1:\d+)/), child };
}

/** The status, headers and body of `url`, to be served again by the bare baselines. */
async function capture(url: string): Promise<CapturedResponse> {
  const response = await fetch(url);
  const headers: Record<string, string> = {};
  const skip = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
  response.headers.forEach((value, name) => {
    if (!skip.has(name)) headers[name] = value;
  });
  return { status: response.status, headers, body: await response.text() };
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** CPU time (user + system) of process `pid` so far, in seconds; undefined without Linux's /proc. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * One autocannon run against `server`, with the server's CPU time per request: unlike requests per
 * second, it hardly depends on how much of the machine other processes take meanwhile.
 */
async function autocannonRun(
  server: Running,
  path: string,
  connections: number,
  duration: number,
  requests?: AutocannonRequest[],
): Promise<AutocannonResult> {
  const cpuBefore = cpuSeconds(server.child.pid);
  const result = await autocannon({
    url: `${server.url}${path}`,
    connections,
    duration,
    pipelining: 1,
    ...(requests ? { requests } : {}),
  });
  const cpuAfter = cpuSeconds(server.child.pid);
  if (cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0)
    result.cpuMicros = ((cpuAfter - cpuBefore) * 1e6) / result.requests.total;
  return result;
}

function toCase(
  group: BenchCase['group'],
  name: string,
  version: Version,
  results: AutocannonResult[],
): BenchCase {
  const rounds = results.map((r) => round(r.requests.average));
  return {
    group,
    name,
    version,
    requestsPerSecond: round(rounds.reduce((a, b) => a + b, 0) / rounds.length),
    rounds,
    p50Ms: median(results.map((r) => r.latency.p50)),
    p99Ms: Math.max(...results.map((r) => r.latency.p99)),
    cpuMicros: results.every((r) => r.cpuMicros !== undefined)
      ? Math.round(median(results.map((r) => r.cpuMicros ?? 0)))
      : undefined,
    total: results.reduce((a, r) => a + r.requests.total, 0),
    non2xx: results.reduce((a, r) => a + r.non2xx, 0),
    errors: results.reduce((a, r) => a + r.errors + r.timeouts, 0),
  };
}

const CONCERN = JSON.stringify({
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', lat: 49.8957, lon: 2.3011, districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants' },
});

/** Distinct Idempotency-Keys, from 1,000 client addresses behind the trusted proxy. */
function concernRequests(tag: string): AutocannonRequest[] {
  let n = 0;
  return [
    {
      method: 'POST',
      path: '/v1/concerns',
      body: CONCERN,
      setupRequest: (req) => {
        n += 1;
        return {
          ...req,
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': `bench-${tag}-${n}`,
            'X-Forwarded-For': `10.0.${Math.floor((n % 1000) / 250)}.${n % 250}`,
          },
        };
      },
    },
  ];
}

/** A database of its own for one server, dropped at the end. */
async function withDatabases<T>(
  url: string,
  names: string[],
  work: (urls: string[]) => Promise<T>,
): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const name of names) {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
    return await work(
      names.map((name) => {
        const u = new URL(url);
        u.pathname = `/${name}`;
        return u.toString();
      }),
    );
  } finally {
    for (const name of names)
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

/** Runs every case and returns the figures. */
export async function runHttpBench(options: BenchOptions = {}): Promise<BenchReport> {
  const rounds = options.rounds ?? 3;
  const roundSeconds = options.roundSeconds ?? 5;
  const postSeconds = options.postSeconds ?? 10;
  const postWarmSeconds = options.postWarmSeconds ?? 10;
  const getConnections = options.getConnections ?? 100;
  const postConnections = options.postConnections ?? 50;
  const log = options.log ?? (() => undefined);
  const baseline = options.baseline;
  const groups = new Set(options.groups ?? ['get', 'post', 'uncached']);
  const loadStart = loadavg()[0] ?? 0;
  const cases: BenchCase[] = [];
  const work = mkdtempSync(join(tmpdir(), 'proximite-bench-'));
  const trees: { version: 'before' | 'after'; dir: string }[] = [
    ...(baseline ? [{ version: 'before' as const, dir: baseline.dir }] : []),
    { version: 'after', dir: root },
  ];
  const label = (version: Version) =>
    version === 'before'
      ? ` — before (${baseline?.ref.slice(0, 7) ?? ''})`
      : version === 'after'
        ? ' — after'
        : '';
  const running: Running[] = [];
  try {
    // ---- cached public GETs
    log('Proximité on PGlite (first start runs initdb)…');
    const servers = new Map<Version, Running>();
    for (const tree of trees) {
      const server = await startProximite(tree.dir, { dataDir: join(work, `pglite-${tree.version}`) });
      running.push(server);
      servers.set(tree.version, server);
    }
    const after = servers.get('after');
    if (after === undefined) throw new Error('unreachable');
    const getCases: { name: string; version: Version; server: Running; requests?: AutocannonRequest[] }[] =
      [];
    // The bare servers and Proximité's GET cases only when GETs are measured (`--only post` skips them).
    if (groups.has('get')) {
      const captured = await capture(`${after.url}/v1/cafes`);
      const responseFile = join(work, 'response.json');
      writeFileSync(responseFile, JSON.stringify(captured));
      const bareNode = await startBare('node', responseFile);
      running.push(bareNode);
      const bareHono = await startBare('hono', responseFile);
      running.push(bareHono);
      getCases.push(
        { name: 'bare node:http, the same bytes', version: 'bare', server: bareNode },
        { name: 'bare Hono, the same bytes', version: 'bare', server: bareHono },
      );
    }
    for (const tree of groups.has('get') ? trees : []) {
      const server = servers.get(tree.version);
      if (server === undefined) continue;
      const etag = (await fetch(`${server.url}/v1/cafes`)).headers.get('etag') ?? '';
      getCases.push({
        name: `GET /v1/cafes, cached (200)${label(tree.version)}`,
        version: tree.version,
        server,
      });
      getCases.push({
        name: `GET /v1/cafes, If-None-Match (304)${label(tree.version)}`,
        version: tree.version,
        server,
        requests: [{ method: 'GET', path: '/v1/cafes', headers: { 'If-None-Match': etag } }],
      });
    }
    if (getCases.length > 0) log('warming up…');
    for (const c of getCases) await autocannonRun(c.server, '/v1/cafes', getConnections, 1, c.requests);
    const results = new Map<string, AutocannonResult[]>();
    for (let r = 0; r < (groups.has('get') ? rounds : 0); r++) {
      for (const c of getCases) {
        log(`round ${r + 1}/${rounds}: ${c.name}…`);
        const result = await autocannonRun(c.server, '/v1/cafes', getConnections, roundSeconds, c.requests);
        results.set(c.name, [...(results.get(c.name) ?? []), result]);
      }
    }
    const hono = results.get('bare Hono, the same bytes') ?? [];
    const node = results.get('bare node:http, the same bytes') ?? [];
    for (const c of groups.has('get') ? getCases : []) {
      const rs = results.get(c.name) ?? [];
      const ratio = (base: AutocannonResult[]) =>
        round(median(rs.map((x, i) => x.requests.average / (base[i]?.requests.average || Infinity))), 2);
      cases.push({ ...toCase('get', c.name, c.version, rs), vsHono: ratio(hono), vsNode: ratio(node) });
    }

    /** A POST case: warmed up at the same concurrency, then measured (Idempotency-Keys of its own). */
    const postRun = async (server: Running, keys: string) => {
      await autocannonRun(
        server,
        '/v1/concerns',
        postConnections,
        postWarmSeconds,
        concernRequests(`warm-${Date.now()}`),
      );
      return autocannonRun(
        server,
        '/v1/concerns',
        postConnections,
        postSeconds,
        concernRequests(`${keys}-${Date.now()}`),
      );
    };

    // ---- POST on PGlite (the same servers)
    for (const tree of groups.has('post') ? trees : []) {
      const server = servers.get(tree.version);
      if (server === undefined) continue;
      log(`POST /v1/concerns on PGlite${label(tree.version)}…`);
      const result = await postRun(server, `pglite-${tree.version}`);
      cases.push(toCase('post', `POST /v1/concerns, PGlite${label(tree.version)}`, tree.version, [result]));
    }
    for (const server of running.splice(0)) await stop(server);

    // ---- POST on PostgreSQL
    if (options.databaseUrl !== undefined && groups.has('post')) {
      const names = trees.map((t) => `proximite_bench_${t.version}_${process.pid}`);
      await withDatabases(options.databaseUrl, names, async (urls) => {
        for (const [i, tree] of trees.entries()) {
          log(`POST /v1/concerns on PostgreSQL${label(tree.version)}…`);
          const server = await startProximite(tree.dir, { url: urls[i] ?? '' });
          running.push(server);
          try {
            const result = await postRun(server, `pg-${tree.version}`);
            cases.push(
              toCase('post', `POST /v1/concerns, PostgreSQL${label(tree.version)}`, tree.version, [result]),
            );
          } finally {
            await stop(running.pop());
          }
        }
      });
    }

    // ---- the response cache off
    for (const tree of groups.has('uncached') ? trees : []) {
      log(`GET /v1/cafes uncached${label(tree.version)}…`);
      const server = await startProximite(
        tree.dir,
        { dataDir: join(work, `pglite-${tree.version}`) },
        { PROXIMITE_NO_RESPONSE_CACHE: '1' },
      );
      running.push(server);
      try {
        await autocannonRun(server, '/v1/cafes', getConnections, 1);
        const result = await autocannonRun(server, '/v1/cafes', getConnections, roundSeconds);
        cases.push(
          toCase(
            'uncached',
            `GET /v1/cafes, uncached (query + JSON + ETag)${label(tree.version)}`,
            tree.version,
            [result],
          ),
        );
      } finally {
        await stop(running.pop());
      }
    }
  } finally {
    for (const server of running) await stop(server);
    rmSync(work, { recursive: true, force: true });
  }
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    load: { start: round(loadStart, 2), end: round(loadavg()[0] ?? 0, 2) },
    getConnections,
    postConnections,
    rounds,
    roundSeconds,
    postSeconds,
    postWarmSeconds,
    baseline: baseline?.ref,
    postgres: options.databaseUrl !== undefined,
    cases,
  };
}

/** Whether `value` meets `goal` (`≥ x` or `< x`), as a word for the tables. */
function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}

/** Markdown tables of a report, with the goals of issue 21 beside the figures. */
export function formatBench(report: BenchReport): string {
  const get = report.cases.filter((c) => c.group === 'get');
  const post = report.cases.filter((c) => c.group === 'post');
  const uncached = report.cases.filter((c) => c.group === 'uncached');
  const find = (prefix: string, version: Version) =>
    report.cases.find((c) => c.name.startsWith(prefix) && c.version === version);
  const lines = [
    `Node ${report.node}; ${report.cpus}; load average ${report.load.start} at the start, ${report.load.end} at the end; ${report.date}.` +
      (report.baseline
        ? ` "Before" is commit ${report.baseline.slice(0, 7)}, run beside this tree in the same run.`
        : ''),
    '',
    `### Cached public GETs`,
    '',
    `autocannon -c ${report.getConnections}, no pipelining; the cases take turns, ${report.rounds} rounds of ${report.roundSeconds} s; ` +
      'a ratio is the median of the rounds’ ratios. The bare servers answer with the bytes Proximité’s 200 answered (headers included).',
    '',
    '| case | req/s | ÷ bare Hono | ÷ bare node:http | server CPU (µs/req) | p50 (ms) | p99 (ms) | requests | non-2xx | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...get.map(
      (c) =>
        `| ${c.name} | ${c.requestsPerSecond} | ${c.vsHono ?? ''} | ${c.vsNode ?? ''} | ${c.cpuMicros ?? ''} | ${c.p50Ms} | ${c.p99Ms} | ${c.total} | ${c.non2xx} | ${c.errors} |`,
    ),
  ];
  const cached = find('GET /v1/cafes, cached', 'after');
  const notModified = find('GET /v1/cafes, If-None-Match', 'after');
  if (cached?.vsHono !== undefined && cached.vsNode !== undefined) {
    lines.push(
      '',
      `Goals: cached GET ≥ 0.6× bare Hono: ${cached.vsHono} (${verdict(cached.vsHono >= 0.6)}); ≥ 0.4× bare node:http: ${cached.vsNode} (${verdict(cached.vsNode >= 0.4)})` +
        (notModified
          ? `; 304 faster than 200: ${notModified.requestsPerSecond} vs ${cached.requestsPerSecond} req/s (${verdict(notModified.requestsPerSecond > cached.requestsPerSecond)}).`
          : '.'),
    );
  }
  lines.push(
    '',
    '### POST /v1/concerns',
    '',
    `autocannon -c ${report.postConnections} -d ${report.postSeconds} after ${report.postWarmSeconds} s of warm-up at the same concurrency, no pipelining; distinct Idempotency-Keys; the rate limit counted on every request ` +
      '(a limit no run reaches), clients from 1,000 addresses behind a trusted proxy.' +
      (report.postgres ? '' : ' PostgreSQL not measured (no database URL).'),
    '',
    '| case | req/s | server CPU (µs/req) | p50 (ms) | p99 (ms) | requests | non-2xx | errors | goal |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...post.map((c) => {
      const limit = c.name.includes('PostgreSQL') ? 100 : 300;
      const goal =
        c.version === 'after'
          ? `p99 < ${limit} ms, 0 errors: ${verdict(c.p99Ms < limit && c.errors === 0 && c.non2xx === 0)}`
          : `p99 < ${limit} ms, 0 errors`;
      return `| ${c.name} | ${c.requestsPerSecond} | ${c.cpuMicros ?? ''} | ${c.p50Ms} | ${c.p99Ms} | ${c.total} | ${c.non2xx} | ${c.errors} | ${goal} |`;
    }),
    '',
    '### The response cache off',
    '',
    `autocannon -c ${report.getConnections} -d ${report.roundSeconds}, no pipelining.`,
    '',
    '| case | req/s | server CPU (µs/req) | p50 (ms) | p99 (ms) | requests | non-2xx | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...uncached.map(
      (c) =>
        `| ${c.name} | ${c.requestsPerSecond} | ${c.cpuMicros ?? ''} | ${c.p50Ms} | ${c.p99Ms} | ${c.total} | ${c.non2xx} | ${c.errors} |`,
    ),
  );
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const num = (name: string) => (arg(name) === undefined ? undefined : Number(arg(name)));
  const options: BenchOptions = { log: (s) => console.error(s) };
  if (num('rounds') !== undefined) options.rounds = num('rounds');
  if (num('seconds') !== undefined) options.roundSeconds = num('seconds');
  if (num('post-seconds') !== undefined) options.postSeconds = num('post-seconds');
  if (num('post-warm-seconds') !== undefined) options.postWarmSeconds = num('post-warm-seconds');
  options.databaseUrl = process.env.PROXIMITE_BENCH_DATABASE_URL;
  const only = arg('only');
  if (only !== undefined) options.groups = only.split(',') as BenchCase['group'][];
  const ref = arg('baseline');
  const run = async () => {
    if (ref !== undefined) {
      const script = '../../../scripts/baseline.mjs'; // plain JS, shared with scripts/bench.mjs
      const { prepareBaseline, resolveRef } = (await import(script)) as {
        prepareBaseline: (ref: string) => string;
        resolveRef: (ref: string) => string;
      };
      options.baseline = { dir: prepareBaseline(ref), ref: resolveRef(ref) };
    }
    return runHttpBench(options);
  };
  run().then(
    (report) => console.log(formatBench(report)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
