/**
 * The staff inbox over many concerns: seeds the demo plus 10 000 concerns (a year of them, every
 * status, a third assigned, due dates from the services' targets) on PGlite and, when a URL is
 * given, on PostgreSQL (a schema of its own, dropped after), then times inbox pages
 * (`listInbox`, the store function `GET /v1/admin/concerns` calls: the page and its `total`) for
 * the filters the console uses, and shows the plan PostgreSQL chose for each. Figures go to
 * BENCHMARKS.md (`npm run bench -- inbox`); tests never assert timings.
 *
 *   node --conditions=source --import tsx packages/server/bench/inbox.bench.ts [--concerns 10000]
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import pg from 'pg';
import type { AdminConcernListQuery } from '@proximite/contract';
import { testConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { seedDemo } from '../src/seed.js';
import { seedStaff } from '../src/seed-staff.js';
import { openStore } from '../src/server.js';
import { refreshDueDates } from '../src/store/due.js';
import { listInbox } from '../src/store/inbox.js';
import { newId, newReference, randomSecret, sha256Hex } from '../src/util.js';

export interface InboxBenchRow {
  name: string;
  query: AdminConcernListQuery;
  /** Median and 90th percentile of the page with its total, and of the page alone (ms). */
  median: number;
  p90: number;
  pageOnly: number;
  items: number;
  total: number;
  plan: string;
}

export interface InboxBenchReport {
  target: 'PGlite' | 'PostgreSQL';
  concerns: number;
  seedSeconds: number;
  rows: InboxBenchRow[];
  loadStart: number;
  loadEnd: number;
  at: string;
}

const WORDS = [
  'poubelles',
  'stationnement',
  'trottoir',
  'bruit',
  'musique',
  'voisins',
  'chien',
  'scooter',
  'éclairage',
  'tags',
  'encombrants',
  'vitesse',
  'école',
  'parc',
  'marché',
  'nuit',
];
const STATUSES = [
  ['received', 30],
  ['in-progress', 20],
  ['action-scheduled', 8],
  ['referred', 5],
  ['resolved', 20],
  ['closed', 14],
  ['duplicate', 3],
] as const;

/** A small deterministic generator, so both databases get the same concerns. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inserts `count` concerns over the year before `now`, in batches; returns the assignees' ids. */
async function seedConcerns(db: Database, now: Date, count: number): Promise<string[]> {
  const rnd = random(42);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const routes = await db.query<{ code: string; service: { id: string; name: unknown } }>(
    `SELECT c.code, jsonb_build_object('id', s.id, 'name', s.name) AS service
       FROM categories c JOIN services s ON s.id = c.data->'service'->>'id'
      WHERE c.data->'emergency' IS NULL`,
  );
  const services = await db.query<{ id: string; name: unknown }>('SELECT id, name FROM services');
  const districts = (await db.query<{ id: string }>('SELECT id FROM districts')).map((d) => d.id);
  const staff = await seedStaff(
    db,
    now,
    Array.from({ length: 20 }, (_, i) => ({
      email: `bench-${i}@amiens.test`,
      displayName: `Agent ${String(i).padStart(2, '0')}`,
      role: i < 4 ? ('coordinator' as const) : ('agent' as const),
      password: 'bench password not used',
      services: i < 4 ? [] : [pick(services).id],
    })),
  );
  const weights = STATUSES.reduce((n, [, w]) => n + w, 0);
  for (let start = 0; start < count; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      const route = pick(routes);
      const service = rnd() < 0.15 ? pick(services) : route.service;
      let r = rnd() * weights;
      const status = STATUSES.find(([, w]) => (r -= w) < 0)?.[0] ?? 'received';
      const submitted = new Date(now.getTime() - Math.floor(rnd() * 365 * 86_400_000));
      const closed = ['resolved', 'closed', 'duplicate'].includes(status)
        ? new Date(Math.min(now.getTime(), submitted.getTime() + Math.floor(rnd() * 20 * 86_400_000)))
        : null;
      const words = Array.from({ length: 6 }, () => pick(WORDS)).join(' ');
      batch.push({
        id: newId(),
        reference: newReference(),
        category_code: route.code,
        service,
        status,
        description: `Signalement ${i} : ${words}, rue ${Math.floor(rnd() * 200)}.`,
        location: {},
        district_id: rnd() < 0.9 ? pick(districts) : null,
        status_token_hash: sha256Hex(randomSecret(8)),
        submitted_at: submitted.toISOString(),
        updated_at: (closed ?? submitted).toISOString(),
        closed_at: closed?.toISOString() ?? null,
        assignee_id: rnd() < 0.33 ? pick(staff).id : null,
        quarantined: rnd() < 0.02,
      });
    }
    await db.query(
      `INSERT INTO concerns (id, reference, category_code, service, status, description, location, district_id,
         status_token_hash, submitted_at, updated_at, closed_at, assignee_id, quarantined)
       SELECT id, reference, category_code, service, status, description, location, district_id, status_token_hash,
         submitted_at, updated_at, closed_at, assignee_id, quarantined
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, reference text, category_code text, service jsonb,
         status text, description text, location jsonb, district_id text, status_token_hash text,
         submitted_at timestamptz, updated_at timestamptz, closed_at timestamptz, assignee_id text, quarantined boolean)`,
      [JSON.stringify(batch)],
    );
  }
  await db.transaction((tx) => refreshDueDates(tx, { missing: true }));
  await db.query('ANALYZE');
  return staff.map((s) => s.id);
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, value];
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function measure(db: Database, now: Date, staffIds: string[], log: (m: string) => void) {
  const some = await db.query<{ reference: string; assignee_id: string }>(
    'SELECT reference, assignee_id FROM concerns WHERE assignee_id IS NOT NULL ORDER BY id LIMIT 1',
  );
  const assignee = some[0]?.assignee_id ?? staffIds[0] ?? 'nobody';
  const prefix = (some[0]?.reference ?? 'PRX-').slice(0, 8);
  const cases: [string, AdminConcernListQuery][] = [
    ['first page, newest first', {}],
    [
      'open, one service, by due date',
      { status: 'received,in-progress,action-scheduled', service: 'voirie', sort: 'due' },
    ],
    ['overdue, by due date', { overdue: 'true', sort: 'due' }],
    ['assigned to one person', { assignee }],
    ['unassigned, received', { assignee: 'none', status: 'received' }],
    ['words of the text', { q: 'poubelles trottoir' }],
    ['reference prefix', { q: prefix }],
    ['category and district', { category: 'bruit', district: 'saint-leu' }],
  ];
  // A deep page: the 100th of 50 (keyset: the same cost as the first).
  let cursor: string | undefined;
  for (let i = 0; i < 99; i++) {
    const page = await listInbox(db, { limit: 50, ...(cursor ? { cursor } : {}) }, {}, now, { total: false });
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  if (cursor !== undefined) cases.push(['page 100 of 50 (keyset cursor)', { cursor }]);
  const rows: InboxBenchRow[] = [];
  for (const [name, q] of cases) {
    const query = { limit: 50, ...q };
    for (let i = 0; i < 3; i++) await listInbox(db, query, {}, now);
    const runs: number[] = [];
    const bare: number[] = [];
    let last: { items: unknown[]; total?: number } = { items: [] };
    for (let i = 0; i < 15; i++) {
      const [ms, page] = await time(() => listInbox(db, query, {}, now));
      runs.push(ms);
      last = page;
      bare.push((await time(() => listInbox(db, query, {}, now, { total: false })))[0]);
    }
    runs.sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    const plan = await planOf(db, query, now);
    rows.push({
      name,
      query: q.cursor !== undefined ? { cursor: '…' } : q,
      median: quantile(runs, 0.5),
      p90: quantile(runs, 0.9),
      pageOnly: quantile(bare, 0.5),
      items: last.items.length,
      total: last.total ?? 0,
      plan,
    });
    log(`  ${name}: ${quantile(runs, 0.5).toFixed(1)} ms (${plan})`);
  }
  return rows;
}

/** The indexes PostgreSQL's plan of the page uses (EXPLAIN of the same SQL, through a logging Queryable). */
async function planOf(db: Database, q: AdminConcernListQuery, now: Date): Promise<string> {
  let sql = '';
  let params: unknown[] = [];
  const spy = {
    query: async <T>(text: string, values?: unknown[]): Promise<T[]> => {
      if (sql === '') {
        sql = text;
        params = values ?? [];
      }
      return [] as T[];
    },
  };
  await listInbox(spy as unknown as Database, q, {}, now, { total: false });
  const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
  const indexes = new Set<string>();
  let seq = false;
  for (const line of plan.map((p) => p['QUERY PLAN'])) {
    for (const m of line.matchAll(/\b(concerns_[a-z_]+)\b/g)) if (m[1] !== undefined) indexes.add(m[1]);
    if (/Seq Scan on concerns\b/.test(line)) seq = true;
  }
  return [...indexes, ...(seq ? ['seq scan'] : [])].join(', ') || 'no concerns index';
}

export async function runInboxBench(options: {
  log?: (m: string) => void;
  databaseUrl?: string | undefined;
  concerns?: number;
}): Promise<InboxBenchReport[]> {
  const log = options.log ?? (() => undefined);
  const count = options.concerns ?? 10_000;
  const now = new Date();
  const reports: InboxBenchReport[] = [];
  const targets: ('PGlite' | 'PostgreSQL')[] = ['PGlite'];
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') targets.push('PostgreSQL');
  for (const target of targets) {
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    const config = testConfig(target === 'PostgreSQL' ? { databaseUrl: options.databaseUrl } : {});
    const db = await openStore(config, target === 'PostgreSQL' ? { schema } : {});
    try {
      const loadStart = loadavg()[0] ?? 0;
      log(`› inbox on ${target}: seeding the demo and ${count} concerns…`);
      const [seedMs, staffIds] = await time(async () => {
        await seedDemo(db, now);
        return seedConcerns(db, now, count);
      });
      const total = (await db.query<{ n: string | number }>('SELECT count(*) AS n FROM concerns'))[0]?.n;
      const rows = await measure(db, now, staffIds, log);
      reports.push({
        target,
        concerns: Number(total),
        seedSeconds: seedMs / 1000,
        rows,
        loadStart,
        loadEnd: loadavg()[0] ?? 0,
        at: new Date().toISOString(),
      });
    } finally {
      await db.close();
      if (target === 'PostgreSQL') {
        const client = new pg.Client({ connectionString: options.databaseUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    }
  }
  return reports;
}

export function formatInboxBench(reports: InboxBenchReport[]): string {
  const parts = reports.map((r) => {
    const rows = r.rows.map(
      (row) =>
        `| ${row.name} | ${row.median.toFixed(1)} | ${row.p90.toFixed(1)} | ${row.pageOnly.toFixed(1)} | ${row.items} | ${row.total.toLocaleString('en')} | ${row.plan} |`,
    );
    return (
      `### ${r.target}: ${r.concerns.toLocaleString('en')} concerns\n\n` +
      `Seeded in ${r.seedSeconds.toFixed(1)} s; load average ${r.loadStart.toFixed(1)} at the start, ${r.loadEnd.toFixed(1)} at the end; ${r.at}.\n\n` +
      `| page of 50 | median (ms) | p90 (ms) | without total (ms) | items | total | indexes in the plan |\n|---|---:|---:|---:|---:|---:|---|\n${rows.join('\n')}`
    );
  });
  return (
    '`listInbox` (what `GET /v1/admin/concerns` runs: the page of 50 and the `total` of the filter), ' +
    'in-process, 15 runs after 3 warm-ups per row; the demo data plus generated concerns over a year ' +
    '(every status, a third assigned, 2 % quarantined). `npm run bench -- inbox` ' +
    '(PostgreSQL too with `PROXIMITE_BENCH_DATABASE_URL`).\n\n' +
    parts.join('\n\n')
  );
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const i = process.argv.indexOf('--concerns');
  const concerns = i === -1 ? undefined : Number(process.argv[i + 1]);
  const reports = await runInboxBench({
    log: (m) => console.error(m),
    databaseUrl: process.env.PROXIMITE_BENCH_DATABASE_URL,
    ...(concerns !== undefined ? { concerns } : {}),
  });
  console.log(formatInboxBench(reports));
}
