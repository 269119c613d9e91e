import pg from 'pg';
import type { Database, Queryable } from './types.js';

// int8 (counts, sums) as numbers: every value this store reads fits in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** Most statement texts named per pool (each then prepared once per connection); beyond, unnamed. */
const MAX_NAMED = 256;
/** Uses of a text before it is named: one-off statements (seeds, migrations) stay unnamed. */
const NAMED_FROM_USE = 3;

/**
 * Which statements run as named prepared statements (`{ name, text, values }`): node-postgres then
 * sends Parse once per connection and Bind/Execute afterwards, and PostgreSQL neither parses nor
 * (once it settles on a generic plan) plans the statement again — the reading of a new concern's
 * category, district and route cost its backend 430–585 µs of CPU unnamed, 120–170 µs named (2,000
 * runs each, one connection). A text is named from its third use, up to {@link MAX_NAMED} texts per
 * pool (texts built with a variable number of parameters stay bounded). A text with `*` is never
 * named: a prepared `SELECT *` or `RETURNING *` fails (« cached plan must not change result type »)
 * once a migration adds a column, e.g. one run by another instance during a rolling upgrade.
 */
export function statementNamer(): (sql: string) => string | undefined {
  const names = new Map<string, string>();
  let uses = new Map<string, number>();
  return (sql) => {
    const name = names.get(sql);
    if (name !== undefined || names.size >= MAX_NAMED || sql.includes('*')) return name;
    const used = (uses.get(sql) ?? 0) + 1;
    if (used < NAMED_FROM_USE) {
      if (uses.size >= 10_000) uses = new Map();
      uses.set(sql, used);
      return undefined;
    }
    uses.delete(sql);
    const named = `proximite_${String(names.size)}`;
    names.set(sql, named);
    return named;
  };
}

function wrap(client: pg.Pool | pg.PoolClient, nameOf: (sql: string) => string | undefined): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const name = nameOf(sql);
      const values = params as unknown[];
      const result = await client.query(
        name === undefined ? { text: sql, values } : { name, text: sql, values },
      );
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

/** A node-postgres pool; with `schema`, every connection uses it first in its search_path. */
export async function openPostgres(url: string, schema: string | undefined, max: number): Promise<Database> {
  if (schema !== undefined) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...(schema !== undefined ? { options: `-c search_path=${schema},public` } : {}),
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  const nameOf = statementNamer();
  const base = wrap(pool, nameOf);
  return {
    kind: 'postgres',
    ...base,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, nameOf));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
