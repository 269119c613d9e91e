/**
 * The PostgreSQL adapter runs hot statements as named prepared statements (src/db/postgres.ts):
 * which texts are named (from their third use, never one with `*`, a bounded number), and on
 * PostgreSQL (when PROXIMITE_TEST_DATABASE_URL is set) that named statements give the same rows,
 * in and out of transactions, are prepared once per connection, and survive a failed run.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/database.js';
import { openPostgres, statementNamer } from '../src/db/postgres.js';

describe('which statements are named', () => {
  it('a text from its third use, then always the same name; one with * never', () => {
    const nameOf = statementNamer();
    const sql = 'SELECT id FROM items WHERE id = $1';
    assert.equal(nameOf(sql), undefined);
    assert.equal(nameOf(sql), undefined);
    const name = nameOf(sql);
    assert.ok(name !== undefined);
    assert.equal(nameOf(sql), name);
    assert.notEqual(nameOf('SELECT n FROM items'), name);
    for (let i = 0; i < 5; i++) assert.equal(nameOf('SELECT * FROM items'), undefined);
    for (let i = 0; i < 5; i++) assert.equal(nameOf('UPDATE items SET n = n + 1 RETURNING *'), undefined);
  });

  it('at most 256 texts per pool; later ones stay unnamed', () => {
    const nameOf = statementNamer();
    const names = new Set<string>();
    for (let t = 0; t < 300; t++)
      for (let i = 0; i < 3; i++) {
        const name = nameOf(`SELECT ${String(t)} AS n`);
        if (name !== undefined) names.add(name);
      }
    assert.equal(names.size, 256);
    for (let i = 0; i < 3; i++) assert.equal(nameOf('SELECT 299 AS n'), undefined);
    assert.ok(nameOf('SELECT 0 AS n') !== undefined);
  });
});

const url = process.env.PROXIMITE_TEST_DATABASE_URL;
if (url !== undefined && url !== '') {
  describe('named statements on PostgreSQL', () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    let db: Database;
    before(async () => {
      db = await openPostgres(url, schema, 2);
      await db.exec('CREATE TABLE items (id text PRIMARY KEY, n int NOT NULL)');
    });
    after(async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await db.close();
    });

    it('the same rows, in and out of transactions, prepared once per connection', async () => {
      const insert = 'INSERT INTO items (id, n) VALUES ($1, $2) RETURNING id, n';
      for (let i = 0; i < 20; i++)
        assert.deepEqual(await db.query(insert, [`a${String(i)}`, i]), [{ id: `a${String(i)}`, n: i }]);
      await db.transaction(async (tx) => {
        for (let i = 0; i < 5; i++)
          assert.deepEqual(await tx.query(insert, [`b${String(i)}`, i]), [{ id: `b${String(i)}`, n: i }]);
        const prepared = await tx.query<{ statement: string }>(
          `SELECT statement FROM pg_prepared_statements WHERE name LIKE 'proximite\\_%'`,
        );
        assert.deepEqual(
          prepared.map((p) => p.statement),
          [insert],
        );
      });
      const [count] = await db.query<{ n: number }>('SELECT count(id)::int AS n FROM items');
      assert.equal(count?.n, 25);
    });

    it('a run that fails (a duplicate key) neither breaks the statement nor its transaction’s rollback', async () => {
      const insert = 'INSERT INTO items (id, n) VALUES ($1, $2) RETURNING id';
      for (let i = 0; i < 4; i++) await db.query(insert, [`c${String(i)}`, i]);
      await assert.rejects(db.query(insert, ['c0', 0]), /duplicate key/);
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query(insert, ['d0', 0]);
          await tx.query(insert, ['c1', 1]);
        }),
        /duplicate key/,
      );
      assert.deepEqual(await db.query('SELECT id FROM items WHERE id = $1', ['d0']), []);
      assert.deepEqual(await db.query(insert, ['d1', 1]), [{ id: 'd1' }]);
    });
  });
}
