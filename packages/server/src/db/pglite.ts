import { mkdirSync } from 'node:fs';
import { PGlite, parse, protocol } from '@electric-sql/pglite';
import type { Database } from './types.js';

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

/**
 * A parameter as node-postgres sends it to PostgreSQL (db/postgres.ts): text whose type the
 * server infers (null for null and undefined; a Date as an ISO instant; an array as an array
 * literal; any other object as JSON), bytes as binary. Both databases thus read the same values.
 */
export function pgParam(value: unknown): string | Uint8Array | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return String(value as string | number | boolean | bigint);
  if (value instanceof Uint8Array) return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return arrayLiteral(value);
  return JSON.stringify(value);
}

function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) return arrayLiteral(item);
    if (item instanceof Uint8Array) return `\\\\x${Buffer.from(item).toString('hex')}`;
    const text = pgParam(item) as string;
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

const { serialize } = protocol;
const DESCRIBE_PORTAL = serialize.describe({ type: 'P' });
const EXECUTE = serialize.execute({});
const SYNC = serialize.sync();
const BEGIN = serialize.query('BEGIN');

/** Most prepared statements kept per database (the least recently used is closed beyond). */
const MAX_PREPARED = 256;

/**
 * Runs statements on one PGlite instance as named prepared statements, each in ONE call into
 * PGlite, as node-postgres sends a named query over the network: the first time, Parse (a name for
 * the text) then Bind, Describe, Execute and Sync together; afterwards Bind, Describe, Execute and
 * Sync alone, so PostgreSQL neither parses nor (once it settles on a generic plan) plans the
 * statement again. `PGlite.query` sends an unnamed statement, parsed and planned on every run, in
 * six calls (it asks first for the parameters' types to serialise them, then sends each message
 * alone).
 */
class Statements {
  /** Statement names by SQL text, the least recently used first. */
  readonly #names = new Map<string, string>();
  /** Names to close with the next statement (evicted, or unsure after an error). */
  #closing: string[] = [];
  #next = 0;

  constructor(readonly pg: PGlite) {}

  /** Closes every prepared statement (with the next statement): after DDL, their row types may differ. */
  forget(): void {
    this.#closing.push(...this.#names.values());
    this.#names.clear();
  }

  /**
   * Runs `sql` with `params`; with `begin`, a transaction's `BEGIN` goes first in the same call
   * (PostgreSQL runs a simple Query message and then the extended ones in order, as over a socket).
   */
  async query<T>(sql: string, params: readonly unknown[], syncToFs: boolean, begin = false): Promise<T[]> {
    const parts = begin ? [BEGIN] : [];
    parts.push(...this.#closing.map((name) => serialize.close({ type: 'S', name })));
    const closing = this.#closing;
    this.#closing = [];
    let name = this.#names.get(sql);
    const fresh = name === undefined;
    if (name === undefined) {
      name = `proximite_${String(this.#next++)}`;
      parts.push(serialize.parse({ name, text: sql }));
      if (this.#names.size >= MAX_PREPARED) {
        const [oldest] = this.#names;
        if (oldest !== undefined) {
          this.#names.delete(oldest[0]);
          this.#closing.push(oldest[1]);
        }
      }
    } else {
      this.#names.delete(sql); // most recently used last
    }
    this.#names.set(sql, name);
    parts.push(
      serialize.bind({ statement: name, values: params.map(pgParam) }),
      DESCRIBE_PORTAL,
      EXECUTE,
      SYNC,
    );
    const message = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      message.set(part, offset);
      offset += part.length;
    }
    let messages;
    try {
      messages = await this.pg.execProtocolStream(message, { syncToFs });
    } catch (error) {
      // Whether the Parse or the Closes before the failing message ran is unknown: close them
      // again later (closing a statement that does not exist is no error).
      this.#closing.push(...closing);
      if (fresh) {
        this.#names.delete(sql);
        this.#closing.push(name);
      }
      throw error;
    }
    // One result per CommandComplete: BEGIN's first when it was sent.
    return (parse.parseResults(messages, this.pg.parsers)[begin ? 1 : 0]?.rows ?? []) as T[];
  }

  /** Several statements without parameters, as one simple Query message; throws on an error. */
  simple(sql: string): ReturnType<PGlite['execProtocolStream']> {
    return this.pg.execProtocolStream(serialize.query(sql), { syncToFs: false });
  }
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
  const statements = new Statements(pg);
  return {
    kind: 'pglite',
    // Outside a transaction: after any open transaction (PGlite.query's own checks and locks), then synced.
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      await nextTurn();
      await pg._checkReady(); // « PGlite is closed »: the database is unreachable (503)
      return pg._runExclusiveTransaction(() => pg.runExclusive(() => statements.query<T>(sql, params, true)));
    },
    async exec(sql: string): Promise<void> {
      await nextTurn();
      statements.forget();
      await pg.exec(sql);
    },
    // As `PGlite.transaction` (its lock held from BEGIN to COMMIT or ROLLBACK, nothing synced to
    // the file system in between), but BEGIN goes with the first statement and COMMIT alone, each
    // in one call into PGlite, where `PGlite.transaction` makes two calls of each (Query, Sync).
    transaction: async (fn) => {
      await pg._checkReady();
      return pg._runExclusiveTransaction(async () => {
        let begun = false;
        let closed = false;
        const begin = () => {
          if (closed) throw new Error('Transaction is closed');
          const first = !begun;
          begun = true;
          return first;
        };
        try {
          const result = await fn({
            async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
              await nextTurn();
              const first = begin();
              // The transaction's lock is held; the query lock keeps other statements out meanwhile.
              return pg.runExclusive(() => statements.query<T>(sql, params, false, first));
            },
            async exec(sql: string): Promise<void> {
              await nextTurn();
              const first = begin();
              statements.forget();
              await pg.runExclusive(async () => {
                if (first) await statements.simple('BEGIN');
                await statements.simple(sql);
              });
            },
          });
          closed = true;
          if (begun) {
            const messages = await pg.runExclusive(() => statements.simple('COMMIT'));
            // COMMIT of a transaction an error aborted (caught by `fn`) rolls back: PGlite throws then too.
            const done = messages.find((m) => m.name === 'commandComplete') as { text?: string } | undefined;
            if (done?.text === 'ROLLBACK')
              throw new Error('Transaction was rolled back instead of committed');
          }
          return result;
        } catch (error) {
          // A COMMIT that failed has ended the transaction already.
          if (!closed) {
            closed = true;
            if (begun) await pg.runExclusive(() => statements.simple('ROLLBACK'));
          }
          throw error;
        }
      });
    },
    close: () => pg.close(),
    dump: () => pg.dumpDataDir('none'),
  };
}
