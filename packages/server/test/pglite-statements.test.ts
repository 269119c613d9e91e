/**
 * The PGlite adapter runs each statement as a named prepared statement in one call into PGlite
 * (src/db/pglite.ts): parameters as node-postgres sends them, a statement run again after it
 * failed, after a change of the table it reads, and beyond the number of statements kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Queryable } from '../src/db/database.js';
import { openPGlite, pgParam } from '../src/db/pglite.js';

describe('PGlite prepared statements', () => {
  let db: Awaited<ReturnType<typeof openPGlite>>;
  before(async () => {
    db = await openPGlite(undefined, undefined);
    await db.exec('CREATE TABLE items (id text PRIMARY KEY, n int NOT NULL)');
  });
  after(async () => {
    await db.close();
  });

  it('sends parameters as node-postgres does: text the server types, null for null and undefined', async () => {
    const at = new Date('2026-12-03T22:30:00.123Z');
    const [row] = await db.query<Record<string, unknown>>(
      `SELECT $1::timestamptz AS at, $2::jsonb AS doc, $3::text[] AS list, $4::text AS none, $5::text AS missing,
              $6::boolean AS yes, $7::int AS n, $8::float8 AS x, $9::bytea AS bytes, $10::text AS quoted`,
      [
        at,
        { a: [1, 'b'] },
        ['x', 'y "z"', null],
        null,
        undefined,
        true,
        42,
        1.5,
        new Uint8Array([1, 255]),
        'l’été',
      ],
    );
    assert.deepEqual(row, {
      at,
      doc: { a: [1, 'b'] },
      list: ['x', 'y "z"', null],
      none: null,
      missing: null,
      yes: true,
      n: 42,
      x: 1.5,
      bytes: new Uint8Array([1, 255]),
      quoted: 'l’été',
    });
    assert.equal(pgParam([['a', 'b\\c'], []]), '{{"a","b\\\\c"},{}}');
  });

  it('a statement that failed runs again; one that does not parse leaves the next ones working', async () => {
    const insert = 'INSERT INTO items (id, n) VALUES ($1, $2) RETURNING id';
    assert.deepEqual(await db.query(insert, ['a', 1]), [{ id: 'a' }]);
    await assert.rejects(db.query(insert, ['a', 2]), /duplicate key/);
    await assert.rejects(db.query(insert, ['a', 3]), /duplicate key/);
    assert.deepEqual(await db.query(insert, ['b', 4]), [{ id: 'b' }]);
    await assert.rejects(db.query('SELEC id FROM items WHERE id = $1', ['a']), /syntax error/);
    await assert.rejects(db.query('SELECT id FROM items WHERE n = $1', ['not a number']), /invalid input/);
    assert.deepEqual(await db.query('SELECT id FROM items WHERE n = $1', [4]), [{ id: 'b' }]);
  });

  it('a failed transaction rolls back, and its statements run in the next one', async () => {
    const insert = 'INSERT INTO items (id, n) VALUES ($1, $2)';
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(insert, ['c', 5]);
        await tx.query(insert, ['c', 6]);
      }),
      /duplicate key/,
    );
    await db.transaction(async (tx) => {
      await tx.query(insert, ['d', 7]);
    });
    assert.deepEqual(await db.query('SELECT id FROM items WHERE id IN ($1, $2) ORDER BY id', ['c', 'd']), [
      { id: 'd' },
    ]);
  });

  it('a transaction: BEGIN with its first statement, its rows returned, committed at the end', async () => {
    const xact = 'SELECT pg_current_xact_id()::text AS xact, $1::int AS n';
    const seen = await db.transaction(async (tx) => {
      // The first statement's own rows, not BEGIN's (sent in the same call).
      const [first] = await tx.query<{ xact: string; n: number }>(xact, [1]);
      await tx.query('INSERT INTO items (id, n) VALUES ($1, $2)', ['t1', 1]);
      await tx.exec("INSERT INTO items (id, n) VALUES ('t2', 2)");
      const [last] = await tx.query<{ xact: string; n: number }>(xact, [2]);
      return { first, last };
    });
    // One transaction from the first statement to the last (each would have its own without BEGIN).
    assert.equal(seen.first?.n, 1);
    assert.equal(seen.last?.n, 2);
    assert.equal(seen.first?.xact, seen.last?.xact);
    assert.deepEqual(await db.query('SELECT id FROM items WHERE id LIKE $1 ORDER BY id', ['t%']), [
      { id: 't1' },
      { id: 't2' },
    ]);
    // An empty transaction commits nothing and leaves no transaction open.
    assert.equal(await db.transaction(async () => 'nothing'), 'nothing');
    assert.deepEqual(
      await db.query<{ open: boolean }>('SELECT pg_current_xact_id_if_assigned() IS NULL AS open'),
      [{ open: true }],
    );
  });

  it('a transaction that throws, or whose error was caught, rolls back; a statement after it is refused', async () => {
    const insert = 'INSERT INTO items (id, n) VALUES ($1, $2)';
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(insert, ['r1', 1]);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    // The error of a statement, caught: COMMIT then rolls back, and the transaction says so.
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(insert, ['r2', 1]);
        await tx.query(insert, ['r2', 2]).catch(() => undefined);
      }),
      /rolled back/,
    );
    // The first statement (sent with BEGIN) failing rolls back too.
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('SELECT 1 / $1::int AS x', [0]);
      }),
      /division by zero/,
    );
    let kept: Queryable | undefined;
    await db.transaction(async (tx) => {
      kept = tx;
      await tx.query(insert, ['r3', 3]);
    });
    await assert.rejects(kept!.query(insert, ['r4', 4]), /Transaction is closed/);
    assert.deepEqual(await db.query('SELECT id FROM items WHERE id LIKE $1 ORDER BY id', ['r%']), [
      { id: 'r3' },
    ]);
    // Nothing left open: the next statements run outside any transaction.
    assert.deepEqual(
      await db.query<{ open: boolean }>('SELECT pg_current_xact_id_if_assigned() IS NULL AS open'),
      [{ open: true }],
    );
  });

  it('reads the columns a migration added (statements are prepared again after exec)', async () => {
    const all = 'SELECT * FROM items WHERE id = $1';
    assert.deepEqual(await db.query(all, ['a']), [{ id: 'a', n: 1 }]);
    await db.exec("ALTER TABLE items ADD COLUMN label text NOT NULL DEFAULT 'x'");
    assert.deepEqual(await db.query(all, ['a']), [{ id: 'a', n: 1, label: 'x' }]);
  });

  it('runs more distinct statements than it keeps prepared, and the first ones again', async () => {
    for (let i = 0; i < 300; i++) {
      const [row] = await db.query<{ v: number }>(`SELECT $1::int + ${String(i)} AS v`, [1]);
      assert.equal(row?.v, i + 1);
    }
    const [first] = await db.query<{ v: number }>('SELECT $1::int + 0 AS v', [7]);
    assert.equal(first?.v, 7);
  });
});
