/**
 * One small database interface with two implementations: PGlite (embedded PostgreSQL in WASM,
 * persisted on disk) and PostgreSQL (node-postgres pool). Every store module speaks SQL through it.
 */

import type { Database } from './types.js';

export type { Database, Queryable } from './types.js';

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when set, PostgreSQL is used instead of PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `undefined` or `memory://` keeps the database in memory. */
  dataDir?: string | undefined;
  /** Schema to create (if missing) and put first in the search_path (test isolation). */
  schema?: string | undefined;
  /** PGlite only: start from this data directory dump (skips initdb; tests use a migrated template). */
  loadDataDir?: Blob | undefined;
  /** Pool size for PostgreSQL (default 10). */
  poolSize?: number | undefined;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Checks a schema name before it is interpolated into SQL. */
export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return schema;
}

/** Opens PostgreSQL when `databaseUrl` is set, PGlite otherwise. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.schema !== undefined) assertSchemaName(options.schema);
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(options.databaseUrl, options.schema, options.poolSize ?? 10);
  }
  const { openPGlite } = await import('./pglite.js');
  return openPGlite(options.dataDir, options.schema, options.loadDataDir);
}
