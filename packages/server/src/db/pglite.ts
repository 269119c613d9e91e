import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './types.js';

/**
 * Lets the event loop turn before a statement. PGlite runs each statement synchronously on this
 * thread and settles its promise in microtasks, so a request's whole transaction ran inside one
 * I/O callback, and one turn of the loop ran every busy connection's request from end to end; a
 * connection just opened needs several turns (accepted, read, parsed) and waited for all of them
 * each time. Measured at 50 clients each sending again when answered (autocannon, `POST
 * /v1/concerns`): the first request of each new connection waited up to 10 s and p99 was 6–7 s;
 * with a turn before each statement, every request advances a statement per turn, new connections
 * are served within a few turns, p99 fell to about 0.7 s and the rate rose. PostgreSQL's answers
 * come back through the network, so its statements already end in a later turn.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      await nextTurn();
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await nextTurn();
      await q.exec(sql);
    },
  };
}

/** PGlite on disk (`dataDir`) or in memory. PGlite is one connection: statements are serialised. */
export async function openPGlite(
  dataDir: string | undefined,
  schema: string | undefined,
  loadDataDir?: Blob,
): Promise<Database & { dump(): Promise<Blob> }> {
  const inMemory = dataDir === undefined || dataDir === '' || dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const options = loadDataDir !== undefined ? { loadDataDir } : {};
  const pg = inMemory ? await PGlite.create(options) : await PGlite.create(dataDir, options);
  if (schema !== undefined) {
    await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}, public;`);
  }
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
    dump: () => pg.dumpDataDir('none'),
  };
}
