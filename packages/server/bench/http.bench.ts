/**
 * HTTP benchmark of the reference server, side by side in one run (autocannon, 100 connections,
 * no pipelining): a bare node:http hello-world, GET /v1/cafes served from the in-process cache,
 * revalidated with If-None-Match (304) and uncached, and POST /v1/concerns on PGlite with distinct
 * idempotency keys (rate limit lifted). Each server runs in its own process, apart from the load
 * generator.
 *
 *   node --conditions=source --import tsx packages/server/bench/http.bench.ts [--duration 10]
 *
 * `runHttpBench()` returns the figures, for `npm run bench` to write BENCHMARKS.md.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
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
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const cli = join(here, '..', 'src', 'cli.ts');

export interface BenchCase {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
}

export interface BenchReport {
  date: string;
  node: string;
  cpus: string;
  connections: number;
  durationSeconds: number;
  pipelining: number;
  database: 'pglite';
  cases: BenchCase[];
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
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

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const HELLO = `require('node:http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'text/plain' }); s.end('hello world'); }).listen(0, '127.0.0.1', function () { console.log('listening on http://127.0.0.1:' + this.address().port); });`;

async function startHello(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', HELLO], { stdio: ['ignore', 'pipe', 'pipe'] });
  return { url: await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/), child };
}

async function startProximite(
  dataDir: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', cli, 'serve', '--host', '127.0.0.1', '--port', '0', '--seed'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: '',
        PROXIMITE_DATA_DIR: dataDir,
        PROXIMITE_RATE_LIMIT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return { url: await waitForLine(child, /Proximité listening on (http:\/\/127\.0\.0\.1:\d+)/), child };
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function measure(
  name: string,
  url: string,
  options: { connections: number; duration: number },
  requests?: AutocannonRequest[],
): Promise<BenchCase> {
  const r = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    pipelining: 1,
    ...(requests ? { requests } : {}),
  });
  return {
    name,
    requestsPerSecond: round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

const CONCERN = JSON.stringify({
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', lat: 49.8957, lon: 2.3011, districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants' },
});

/** Runs every case and returns the figures. */
export async function runHttpBench(
  options: { duration?: number; connections?: number; log?: (s: string) => void } = {},
): Promise<BenchReport> {
  const duration = options.duration ?? 10;
  const connections = options.connections ?? 100;
  const log = options.log ?? (() => undefined);
  const opts = { connections, duration };
  const cases: BenchCase[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'proximite-bench-'));
  try {
    log('bare node:http hello-world…');
    const hello = await startHello();
    try {
      cases.push(await measure('node:http hello-world (baseline)', hello.url, opts));
    } finally {
      await stop(hello.child);
    }

    log('Proximité on PGlite (first start runs initdb)…');
    const cached = await startProximite(dataDir, {});
    try {
      const etag = (await fetch(`${cached.url}/v1/cafes`)).headers.get('etag') ?? '';
      log('GET /v1/cafes cached…');
      cases.push(await measure('GET /v1/cafes — in-process cache (200)', `${cached.url}/v1/cafes`, opts));
      log('GET /v1/cafes If-None-Match…');
      cases.push(
        await measure('GET /v1/cafes — If-None-Match (304)', `${cached.url}/v1/cafes`, opts, [
          { method: 'GET', path: '/v1/cafes', headers: { 'If-None-Match': etag } },
        ]),
      );
      log('POST /v1/concerns…');
      let n = 0;
      const run = `${process.pid}-${Date.now()}`;
      cases.push(
        await measure(
          'POST /v1/concerns (PGlite, distinct Idempotency-Keys)',
          `${cached.url}/v1/concerns`,
          opts,
          [
            {
              method: 'POST',
              path: '/v1/concerns',
              body: CONCERN,
              setupRequest: (req) => ({
                ...req,
                headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${run}-${n++}` },
              }),
            },
          ],
        ),
      );
    } finally {
      await stop(cached.child);
    }

    log('GET /v1/cafes uncached…');
    const uncached = await startProximite(dataDir, { PROXIMITE_NO_RESPONSE_CACHE: '1' });
    try {
      cases.push(
        await measure('GET /v1/cafes — uncached (query + JSON + ETag)', `${uncached.url}/v1/cafes`, opts),
      );
    } finally {
      await stop(uncached.child);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    connections,
    durationSeconds: duration,
    pipelining: 1,
    database: 'pglite',
    cases,
  };
}

/** A Markdown table of a report. */
export function formatBench(report: BenchReport): string {
  const lines = [
    `autocannon -c ${report.connections} -d ${report.durationSeconds}, no pipelining; Node ${report.node}; ${report.cpus}; ${report.date}`,
    '',
    '| case | req/s | p50 (ms) | p99 (ms) | requests | non-2xx | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.cases.map(
      (c) =>
        `| ${c.name} | ${c.requestsPerSecond} | ${c.p50Ms} | ${c.p99Ms} | ${c.total} | ${c.non2xx} | ${c.errors} |`,
    ),
  ];
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const i = process.argv.indexOf('--duration');
  const duration = i === -1 ? 10 : Number(process.argv[i + 1]);
  runHttpBench({ duration, log: (s) => console.error(s) }).then(
    (report) => console.log(formatBench(report)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
