/**
 * The audit chain linked at commit (migration 015) and the « responses » content version bumped at
 * commit (migration 014), on PGlite and PostgreSQL: the hash the database computes is the one Node
 * verifies (`auditHashInput`), awkward text included; concurrent transactions never fork the chain;
 * a rolled-back transaction leaves no entry and no pending row; entries of one transaction keep
 * their order; a write that reads its history before commit sees its entries with their final seq; the version changes once per transaction, at commit, and not for a rollback.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditHashInput } from '@proximite/contract';
import { testConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { appendAudit, listAudit, verifyAudit } from '../src/store/audit.js';
import { concernHistory } from '../src/store/inbox.js';
import { sha256Hex } from '../src/util.js';
import { openTestDb, targets } from './helpers.js';

const AWKWARD = [
  'quote " and backslash \\ and slash /',
  'new\nline, tab\t, return\r, form feed\f, backspace\b',
  'control \u0001 \u001f and delete \u007f',
  'Élodie « guillemets » — l’apostrophe, 😀, 中文',
  '<script>alert(1)</script> & %s $1',
];

async function version(db: Database): Promise<number> {
  const rows = await db.query<{ version: string | number }>(
    `SELECT version FROM content_versions WHERE name = 'responses'`,
  );
  return Number(rows[0]?.version);
}

for (const target of targets()) {
  describe(`the audit chain, linked at commit (${target.name})`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    before(async () => {
      ({ db, drop } = await openTestDb(target, testConfig()));
    });
    after(() => drop());

    test('the hash the database computes is the one Node verifies, for awkward text too', async () => {
      const start = (await listAudit(db, 0, 10_000)).items.length;
      for (const [i, text] of AWKWARD.entries()) {
        await db.transaction((tx) =>
          appendAudit(tx, new Date(Date.UTC(2026, 11, 3, 12, 0, i)), {
            actor: `staff:${text}`,
            action: `test.${i}`,
            target: text,
            detail: { text },
          }),
        );
      }
      const items = (await listAudit(db, 0, 10_000)).items.slice(start);
      assert.equal(items.length, AWKWARD.length);
      for (const [i, entry] of items.entries()) {
        assert.equal(entry.target, AWKWARD[i]);
        assert.equal(entry.at, new Date(Date.UTC(2026, 11, 3, 12, 0, i)).toISOString());
        const { hash, ...rest } = entry;
        assert.equal(hash, sha256Hex(auditHashInput(rest)), `entry ${i}: ${JSON.stringify(AWKWARD[i])}`);
      }
      assert.deepEqual(await verifyAudit(db), {
        ok: true,
        checked: start + AWKWARD.length,
        firstBrokenSeq: null,
      });
    });

    test('entries of one transaction keep their order; a rollback leaves nothing behind', async () => {
      const before = (await listAudit(db, 0, 10_000)).items.length;
      await db.transaction(async (tx) => {
        for (const action of ['first', 'second', 'third'])
          await appendAudit(tx, new Date(), { actor: 'system', action: `order.${action}`, target: 'T' });
      });
      await assert.rejects(
        db.transaction(async (tx) => {
          await appendAudit(tx, new Date(), { actor: 'system', action: 'rolled.back', target: 'T' });
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      const items = (await listAudit(db, 0, 10_000)).items.slice(before);
      assert.deepEqual(
        items.map((e) => e.action),
        ['order.first', 'order.second', 'order.third'],
      );
      assert.deepEqual(await db.query('SELECT id FROM audit_pending'), []);
      assert.equal((await verifyAudit(db)).ok, true);
    });

    test('a write that reads its own history sees its entries, with the seq they keep', async () => {
      const seen = await db.transaction(async (tx) => {
        await appendAudit(tx, new Date(), {
          actor: 'system',
          action: 'concern.assign',
          target: 'concern:PRX-TEST-0001',
        });
        await appendAudit(tx, new Date(), {
          actor: 'system',
          action: 'concern.triage',
          target: 'concern:PRX-TEST-0001',
        });
        return concernHistory(tx, 'PRX-TEST-0001');
      });
      assert.deepEqual(
        seen.map((e) => e.action),
        ['concern.assign', 'concern.triage'],
      );
      const committed = (await listAudit(db, 0, 10_000)).items.filter(
        (e) => e.target === 'concern:PRX-TEST-0001',
      );
      assert.deepEqual(
        committed.map((e) => e.seq),
        seen.map((e) => e.seq),
      );
      assert.deepEqual(await db.query('SELECT id FROM audit_pending'), []);
      assert.equal((await verifyAudit(db)).ok, true);
    });

    test('concurrent transactions never fork the chain', async () => {
      const before = (await listAudit(db, 0, 10_000)).items.length;
      await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          db.transaction(async (tx) => {
            await appendAudit(tx, new Date(), { actor: 'system', action: 'parallel', target: `P${i}` });
            await appendAudit(tx, new Date(), { actor: 'system', action: 'parallel.after', target: `P${i}` });
          }),
        ),
      );
      const items = (await listAudit(db, 0, 10_000)).items.slice(before);
      assert.equal(items.length, 48);
      // Each transaction's two entries are in its order (its second after its first).
      for (let i = 0; i < 24; i++) {
        const first = items.findIndex((e) => e.target === `P${i}` && e.action === 'parallel');
        const second = items.findIndex((e) => e.target === `P${i}` && e.action === 'parallel.after');
        assert.ok(first >= 0 && second > first, `P${i}: ${first} < ${second}`);
      }
      assert.deepEqual(await verifyAudit(db), { ok: true, checked: before + 48, firstBrokenSeq: null });
    });

    test('the « responses » version changes once per transaction, at commit, and not for a rollback', async () => {
      const start = await version(db);
      const put = (tx: Pick<Database, 'query'>, value: number) =>
        tx.query(
          `INSERT INTO settings (key, value) VALUES ('test.bump', $1::jsonb)
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
          [JSON.stringify(value)],
        );
      await db.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await put(tx, i);
        // Not yet: the row is bumped inside COMMIT (so no transaction holds it while it works).
        const rows = await tx.query<{ version: string | number }>(
          `SELECT version FROM content_versions WHERE name = 'responses'`,
        );
        assert.equal(Number(rows[0]?.version), start);
      });
      assert.equal(await version(db), start + 1, 'three changes, one transaction: one new version');
      await assert.rejects(
        db.transaction(async (tx) => {
          await put(tx, 9);
          throw new Error('rolled back');
        }),
        /rolled back/,
      );
      assert.equal(await version(db), start + 1);
      await put(db, 4);
      assert.equal(await version(db), start + 2, "outside a transaction block, at the statement's commit");
    });
  });
}
