/**
 * kill -9 in the middle of POST /v1/concerns, on PostgreSQL and on PGlite (on disk): the reference
 * server runs as a child process, is killed while requests are inside their transactions,
 * restarted on the same database, and every submission is retried with its Idempotency-Key. Each
 * retry must succeed at once (201, or 200 for one the server had committed before dying) — no key
 * left « in flight » to answer 409 — and each key must end with exactly one concern.
 *
 * On PostgreSQL a lock the test holds on `concerns` stops every request just before its insert, so
 * the kill lands there for sure; PGlite is one process with its database, so its requests are
 * killed wherever they are (queued, inside the transaction, committed).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPGlite } from '../src/db/pglite.js';
import { prepareDataDir, targets } from './helpers.js';
import type { Target } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'src', 'cli.ts');
const root = join(here, '..', '..', '..');

/**
 * Submissions per kill (fewer than the server's 10 PostgreSQL connections), and kills per database:
 * one on PGlite, whose every restart loads its database anew (each kill costs two restarts: two
 * kills took 81 s under load 16 on 2 cores, three on PostgreSQL 39 s).
 */
const PER_KILL = 8;
const KILLS = { pglite: 1, postgres: 3 } as const;

interface Child {
  url: string;
  process: ChildProcess;
  output(): string;
}

async function startChild(env: Record<string, string>): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', cli, 'serve', '--host', '127.0.0.1', '--port', '0'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: '',
        PROXIMITE_RATE_LIMIT: '0',
        PROXIMITE_MIN_FILL_SECONDS: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // 180 s: a start took 124 s on a 2-core machine shared by several test runs (load 15–20).
    const timer = setTimeout(() => reject(new Error(`no listening line:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /^Proximité listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${String(code)}:\n${output}`));
    });
  });
  return { url, process: child, output: () => output };
}

function kill9(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });
}

async function stop(child: Child): Promise<void> {
  await new Promise<void>((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    child.process.kill('SIGTERM');
  });
}

const body = (round: number, i: number) => ({
  categoryCode: 'depots-sauvages',
  description: `Encombrants — kill ${round}, envoi ${i}`,
  location: { address: 'Rue Motte, 80000 Amiens' },
  attributes: { 'type-depot': 'encombrants' },
});

function post(url: string, key: string, value: unknown): Promise<Response> {
  return fetch(`${url}/v1/concerns`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(value),
  });
}

/** The database of one run: env for the child, and SQL for the test (PGlite only while no child runs). */
interface Store {
  env: Record<string, string>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** PostgreSQL: a connection of the test's own, to hold a lock while the server works. */
  client?: pg.Client;
  close(): Promise<void>;
}

async function openStoreFor(target: Target): Promise<Store> {
  if (target.name === 'postgres' && target.databaseUrl !== undefined) {
    const schema = `crash_${randomBytes(5).toString('hex')}`;
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path TO ${schema}, public`);
    const url = new URL(target.databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema},public`);
    return {
      env: { DATABASE_URL: url.toString() },
      client,
      query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
      async close() {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'prx-crash-'));
  await prepareDataDir(dir);
  return {
    env: { PROXIMITE_DATA_DIR: dir },
    async query<T>(sql: string, params: unknown[] = []) {
      const db = await openPGlite(dir, undefined);
      try {
        return await db.query<T>(sql, params);
      } finally {
        await db.close();
      }
    },
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Waits until `n` server connections wait for the test's lock on `concerns` (PostgreSQL). */
async function waitForBlocked(client: pg.Client, n: number): Promise<number> {
  let blocked = 0;
  for (let i = 0; i < 200; i++) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'concerns'::regclass`,
    );
    blocked = rows[0]?.n ?? 0;
    if (blocked >= n) return blocked;
    await new Promise((r) => setTimeout(r, 50));
  }
  return blocked;
}

for (const target of targets()) {
  describe(`kill -9 during POST /v1/concerns (${target.name})`, () => {
    let store: Store | undefined;
    let child: Child | undefined;
    after(async () => {
      if (child !== undefined) await kill9(child);
      await store?.close();
    });

    const kills = KILLS[target.name];
    test(`${kills} kills mid-request: every retry succeeds at once, one concern per key`, async (t) => {
      store = await openStoreFor(target);
      const keys: { key: string; value: unknown }[] = [];
      let unanswered = 0;
      /** Receipts acknowledged before a kill: they must survive it. */
      const acknowledged = new Map<string, string>();
      let stuck = 0;
      for (let round = 0; round < kills; round++) {
        child = await startChild(store.env);
        const batch = Array.from({ length: PER_KILL }, (_, i) => ({
          key: `crash-${target.name}-${round}-${i}-${randomBytes(4).toString('hex')}`,
          value: body(round, i),
        }));
        keys.push(...batch);
        const answered = new Set<string>();
        const record = async (key: string, r: Response) => {
          const text = await r.text();
          answered.add(key);
          if (r.status === 201) acknowledged.set(key, (JSON.parse(text) as { reference: string }).reference);
        };
        if (store.client !== undefined) {
          // Every request stops just before inserting its concern, inside its transaction.
          await store.client.query('BEGIN');
          await store.client.query('LOCK TABLE concerns IN SHARE MODE');
          const pending = batch.map(({ key, value }) =>
            post(child!.url, key, value).then(
              (r) => record(key, r),
              () => undefined,
            ),
          );
          const blocked = await waitForBlocked(store.client, PER_KILL);
          assert.equal(blocked, PER_KILL, 'every request waits inside its transaction');
          await kill9(child);
          await Promise.all(pending);
          await store.client.query('ROLLBACK');
        } else {
          const pending = batch.map(({ key, value }) =>
            post(child!.url, key, value).then(
              (r) => record(key, r),
              () => undefined,
            ),
          );
          // Killed a few milliseconds after the first answer, when the next request is mid-way.
          await Promise.race(
            pending.map((p, i) => p.then(() => answered.has(batch[i]!.key) || new Promise(() => {}))),
          );
          await new Promise((r) => setTimeout(r, 5 + 10 * round));
          await kill9(child);
          await Promise.all(pending);
        }
        unanswered += PER_KILL - answered.size;

        // Restarted on the same database: every key of every round is retried once.
        child = await startChild(store.env);
        const retries = await Promise.all(
          keys.map(async ({ key, value }) => {
            const r = await post(child!.url, key, value);
            const text = await r.text();
            const before = acknowledged.get(key);
            if (before !== undefined) {
              assert.equal(r.status, 200, `${key} was acknowledged before the kill: replayed`);
              assert.equal((JSON.parse(text) as { reference: string }).reference, before);
            }
            return r.status;
          }),
        );
        stuck += retries.filter((status) => status === 409).length;
        assert.deepEqual(
          retries.filter((status) => status !== 200 && status !== 201),
          [],
          `round ${round}: every retry is answered 201 or 200 (replay) at once`,
        );
        await stop(child);
      }
      child = undefined;
      t.diagnostic(
        `${kills} kills × ${PER_KILL} submissions: ${unanswered} unanswered at the kill, ${stuck} keys stuck after restart`,
      );
      assert.ok(unanswered > 0, 'the kills landed while requests were in flight');
      const rows = await store.query<{ description: string; n: number }>(
        'SELECT description, count(*)::int AS n FROM concerns GROUP BY description',
      );
      const byDescription = new Map(rows.map((r) => [r.description, r.n]));
      for (const { value } of keys) {
        const { description } = value as { description: string };
        assert.equal(byDescription.get(description), 1, `exactly one concern for « ${description} »`);
      }
      const [pendingKeys] = await store.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM idempotency_keys WHERE state <> 'done'`,
      );
      assert.equal(pendingKeys?.n, 0, 'no key left in flight');
    });
  });
}
