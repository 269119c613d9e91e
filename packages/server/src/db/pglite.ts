import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './types.js';

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
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
