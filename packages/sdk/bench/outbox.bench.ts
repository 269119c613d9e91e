/**
 * The SDK outbox in Node, measured (issue 21): `npm run bench -- outbox`.
 *
 * - Queueing: 1,000 reports written to the Node file store (`fileStorage`, one appended line per
 *   change), then the 1,000 deletes that delivery makes.
 * - Draining: 1,000 reports already queued (as after a day offline), delivered by `flush()` to the
 *   reference server on this machine (its CLI, seeded, on PGlite — and on PostgreSQL when a URL is
 *   given), one at a time (`concurrency: 1`, what the outbox did before) and 4 at once (the
 *   default). The server's rate limit is counted on every request but set high enough never to
 *   answer 429: this measures the outbox and the server, not the limit.
 *
 *   node --conditions=source --import tsx packages/sdk/bench/outbox.bench.ts [--reports 1000]
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { ConcernInput } from '@proximite/contract';
import { createClient, createOutbox, type OutboxEntry, type OutboxStorage } from '@proximite/sdk';
import { fileStorage } from '@proximite/sdk/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

export interface OutboxBenchRow {
  name: string;
  reports: number;
  seconds: number;
  /** Reports per second. */
  rate: number;
  /** Reports the server did not acknowledge (still queued or failed at the end). */
  left: number;
}

export interface OutboxBenchReport {
  date: string;
  node: string;
  cpus: string;
  load: { start: number; end: number };
  rows: OutboxBenchRow[];
}

const INPUT: ConcernInput = {
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', lat: 49.8957, lon: 2.3011, districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants' },
};

/** `count` queued entries, oldest first, as `submit()` writes them. */
function entries(count: number, tag: string): OutboxEntry[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    id: `${tag}-${i}`,
    idempotencyKey: `bench-outbox-${tag}-${i}`,
    input: { ...INPUT, description: `${INPUT.description} (n° ${i})` },
    state: 'queued' as const,
    createdAt: now - count + i,
    expiresAt: now + 86_400_000,
    attempts: 0,
    nextAttemptAt: 0,
    notBefore: 0,
  }));
}

const seconds = (start: number) => (performance.now() - start) / 1000;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const row = (name: string, reports: number, s: number, left = 0): OutboxBenchRow => ({
  name,
  reports,
  seconds: round(s),
  rate: round(reports / s, 1),
  left,
});

async function startServer(database: { dataDir: string } | { url: string }) {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      join(root, 'packages', 'server', 'src', 'cli.ts'),
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--seed',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: 'url' in database ? database.url : '',
        PROXIMITE_DATA_DIR: 'dataDir' in database ? database.dataDir : '',
        PROXIMITE_RATE_LIMIT: '1000000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Proximité listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${String(code)}:\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Delivers `count` stored reports to `url` with `flush()`; the time it took. */
async function drain(url: string, storage: OutboxStorage, count: number, tag: string, concurrency: number) {
  for (const entry of entries(count, tag)) await storage.set(entry);
  const client = createClient({ baseUrl: url, cache: false });
  const outbox = createOutbox({ client, storage, autoFlush: false, concurrency, timeout: 60_000 });
  const start = performance.now();
  await outbox.flush();
  const s = seconds(start);
  const left = (await outbox.entries()).length;
  outbox.close();
  for (const entry of await storage.list()) await storage.delete(entry.id);
  return { s, left };
}

export async function runOutboxBench(
  options: { reports?: number; databaseUrl?: string | undefined; log?: (line: string) => void } = {},
): Promise<OutboxBenchReport> {
  const reports = options.reports ?? 1000;
  const log = options.log ?? (() => undefined);
  const loadStart = loadavg()[0] ?? 0;
  const work = mkdtempSync(join(tmpdir(), 'proximite-outbox-bench-'));
  const rows: OutboxBenchRow[] = [];
  try {
    // ---- the Node file store
    log(`outbox: queueing ${reports} reports in fileStorage…`);
    const file = fileStorage(join(work, 'queue', 'outbox.jsonl'));
    const queued = entries(reports, 'file');
    let start = performance.now();
    for (const entry of queued) await file.set(entry);
    rows.push(row(`queue ${reports} reports in the Node file store (fileStorage)`, reports, seconds(start)));
    start = performance.now();
    for (const entry of queued) await file.delete(entry.id);
    rows.push(row(`remove them once delivered (fileStorage)`, reports, seconds(start)));

    // ---- draining against a local server
    const databases: { label: string; database: { dataDir: string } | { url: string } }[] = [
      { label: 'PGlite', database: { dataDir: join(work, 'pglite') } },
    ];
    const admin =
      options.databaseUrl === undefined
        ? undefined
        : new pg.Client({ connectionString: options.databaseUrl });
    const dbName = `proximite_bench_outbox_${process.pid}`;
    if (admin !== undefined && options.databaseUrl !== undefined) {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.query(`CREATE DATABASE ${dbName}`);
      const u = new URL(options.databaseUrl);
      u.pathname = `/${dbName}`;
      databases.push({ label: 'PostgreSQL', database: { url: u.toString() } });
    }
    try {
      for (const { label, database } of databases) {
        log(`outbox: starting the server on ${label}…`);
        const server = await startServer(database);
        try {
          // Warm-up: the server's first requests (JIT, caches) count in neither row.
          await drain(server.url, fileStorage(join(work, `warm-${label}.jsonl`)), 20, `warm-${label}`, 4);
          for (const concurrency of [1, 4]) {
            log(`outbox: draining ${reports} reports on ${label}, concurrency ${concurrency}…`);
            const { s, left } = await drain(
              server.url,
              fileStorage(join(work, `drain-${label}-${concurrency}.jsonl`)),
              reports,
              `${label}-${concurrency}-${Date.now()}`,
              concurrency,
            );
            rows.push(
              row(
                `drain ${reports} reports to the server on ${label}, ` +
                  (concurrency === 1
                    ? 'one at a time (concurrency 1, as before)'
                    : `${concurrency} at once (default)`),
                reports,
                s,
                left,
              ),
            );
          }
        } finally {
          await server.stop();
        }
      }
    } finally {
      if (admin !== undefined) {
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
        await admin.end();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    load: { start: round(loadStart), end: round(loadavg()[0] ?? 0) },
    rows,
  };
}

/** The markdown of a report (a section of BENCHMARKS.md). */
export function formatOutboxBench(report: OutboxBenchReport): string {
  return [
    `Node ${report.node}; ${report.cpus}; load average ${report.load.start} at the start, ${report.load.end} at the end; ${report.date}.`,
    '',
    'Reports already stored are delivered by `flush()` through `createClient` to the reference server on this machine ' +
      '(its CLI, seeded; the rate limit counted but never reached), the outbox in the Node file store.',
    '',
    '| case | reports | seconds | reports/s | not delivered |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...report.rows.map((r) => `| ${r.name} | ${r.reports} | ${r.seconds} | ${r.rate} | ${r.left} |`),
  ].join('\n');
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const i = process.argv.indexOf('--reports');
  runOutboxBench({
    reports: i === -1 ? 1000 : Number(process.argv[i + 1]),
    databaseUrl: process.env.PROXIMITE_BENCH_DATABASE_URL,
    log: (s) => console.error(s),
  }).then(
    (report) => console.log(formatOutboxBench(report)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
