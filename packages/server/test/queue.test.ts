/**
 * The durable delivery queue itself (packages/server/src/delivery/queue.ts), without senders:
 * claims made at once — on PostgreSQL from two stores, as two server instances would — never take
 * the same row twice; a claim whose worker died is taken again once its lease has expired, and the
 * dead worker's late outcome cannot overwrite the new claim; the back-off grows exponentially with
 * equal jitter up to its cap.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { backoffMs, claim, enqueue, markFailed, markSent, retryNow } from '../src/delivery/queue.js';
import type { DeliveryRow, RetryPolicy } from '../src/delivery/queue.js';
import { openStore } from '../src/server.js';
import { openTestDb, targets } from './helpers.js';

const policy: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, retryWindowMs: 24 * 3_600_000 };

describe('back-off', () => {
  test('exponential from the base, capped, with equal jitter (half fixed, half random)', () => {
    assert.equal(
      backoffMs(policy, 1, () => 0),
      15_000,
    );
    assert.equal(
      backoffMs(policy, 1, () => 1),
      30_000,
    );
    assert.equal(
      backoffMs(policy, 4, () => 0),
      120_000,
    );
    assert.equal(
      backoffMs(policy, 4, () => 1),
      240_000,
    );
    // 30 s × 2^7 = 64 min: capped at one hour.
    assert.equal(
      backoffMs(policy, 8, () => 1),
      3_600_000,
    );
    assert.equal(
      backoffMs(policy, 500, () => 0.5),
      2_700_000,
    );
    // Messages failing together come back spread over half of the wait.
    const waits = new Set(Array.from({ length: 50 }, () => backoffMs(policy, 3)));
    assert.ok(waits.size > 40, `${waits.size} distinct waits of 50`);
    for (const w of waits) assert.ok(w >= 60_000 && w <= 120_000, `${w} in [60 s, 120 s]`);
  });
});

for (const target of targets()) {
  describe(`the delivery queue (${target.name})`, () => {
    test('claims made at once take disjoint rows; an expired lease is taken again and the late outcome fenced', async () => {
      const config = testConfig({ rateLimitPerMinute: 0 });
      const { db, drop } = await openTestDb(target, config);
      // PostgreSQL: a second store on the same schema, i.e. another server instance's pool.
      const schema =
        target.name === 'postgres'
          ? (await db.query<{ s: string }>('SELECT current_schema() AS s'))[0]?.s
          : undefined;
      const other: Database =
        schema !== undefined
          ? await openStore({ ...config, databaseUrl: target.databaseUrl }, { schema })
          : db;
      try {
        const t0 = new Date('2026-12-03T09:00:00Z');
        const ids: string[] = [];
        for (let i = 0; i < 60; i++) {
          const id = await enqueue(
            db,
            t0,
            {
              dedupeKey: `test:${i}`,
              event: 'test',
              method: 'email',
              recipient: `agent${i}@amiens.test`,
              payload: { template: 'none' },
            },
            { held: false, policy },
          );
          assert.ok(id !== undefined);
          ids.push(id);
        }
        // The same key again is a no-op.
        assert.equal(
          await enqueue(
            db,
            t0,
            { dedupeKey: 'test:0', event: 'test', method: 'email', recipient: 'x@amiens.test', payload: {} },
            { held: false, policy },
          ),
          undefined,
        );

        // Six workers, three per store, claim at once, then again until nothing is left.
        const claimedBy = new Map<string, string[]>();
        const stores = [db, other];
        for (let round = 0; round < 10; round++) {
          const batches = await Promise.all(
            Array.from({ length: 6 }, (_, w) =>
              claim(stores[w % 2] ?? db, t0, `worker-${w}`, ['email'], 7, 60_000).then((rows) =>
                rows.map((r) => [r.id, `worker-${w}`] as const),
              ),
            ),
          );
          const got = batches.flat();
          if (got.length === 0) break;
          for (const [id, owner] of got) claimedBy.set(id, [...(claimedBy.get(id) ?? []), owner]);
        }
        assert.equal(claimedBy.size, 60, 'every row claimed');
        for (const [id, owners] of claimedBy)
          assert.equal(owners.length, 1, `${id} claimed by ${owners.join(', ')}`);
        const states = await db.query<{ status: string; attempts: number; n: number }>(
          'SELECT status, attempts, count(*)::int AS n FROM deliveries GROUP BY status, attempts',
        );
        assert.deepEqual(states, [{ status: 'sending', attempts: 1, n: 60 }]);

        // Every worker but one finishes; the one holding `stuck` dies.
        const stuck = ids[0] ?? '';
        for (const id of ids.slice(1)) await markSent(db, t0, id, { sentTo: 'x' });
        const first = (await db.query<DeliveryRow>('SELECT * FROM deliveries WHERE id = $1', [stuck]))[0];
        assert.ok(first !== undefined);
        const deadOwner = first.lease_owner ?? '';

        // While its lease runs, nobody takes it; once expired, another worker does.
        assert.deepEqual(
          await claim(other, new Date(t0.getTime() + 30_000), 'late', ['email'], 10, 60_000),
          [],
        );
        const t1 = new Date(t0.getTime() + 61_000);
        const again = await claim(other, t1, 'rescuer', ['email'], 10, 60_000);
        assert.deepEqual(
          again.map((r) => [r.id, r.attempts, r.lease_owner]),
          [[stuck, 2, 'rescuer']],
        );

        // The dead worker's failure, recorded late, changes nothing: the row is the rescuer's.
        const fenced = await markFailed(db, t1, first, deadOwner, 'late failure', {
          permanent: false,
          policy,
        });
        assert.equal(fenced, 'fenced');
        // The rescuer's failure schedules a retry within the back-off of a second attempt (30–60 s).
        const rescued = again[0];
        assert.ok(rescued !== undefined);
        assert.equal(
          await markFailed(other, t1, rescued, 'rescuer', 'SMTP 451: try later', {
            permanent: false,
            policy,
          }),
          'pending',
        );
        const pending = (await db.query<DeliveryRow>('SELECT * FROM deliveries WHERE id = $1', [stuck]))[0];
        const wait = new Date(pending?.next_attempt_at ?? 0).getTime() - t1.getTime();
        assert.ok(wait >= 30_000 && wait <= 60_000, `retry in ${wait} ms`);
        assert.equal(pending?.last_error, 'SMTP 451: try later');

        // A permanent refusal fails at once; a retry by hand makes it due now with a fresh window.
        const t2 = new Date(t1.getTime() + 60_000);
        const third = (await claim(db, t2, 'w', ['email'], 10, 60_000))[0];
        assert.equal(third?.attempts, 3);
        assert.ok(third !== undefined);
        assert.equal(
          await markFailed(db, t2, third, 'w', 'SMTP 550: no such mailbox', { permanent: true, policy }),
          'failed',
        );
        assert.deepEqual(
          await claim(db, new Date(t2.getTime() + 86_400_000), 'w', ['email'], 10, 60_000),
          [],
        );
        const retried = await retryNow(db, t2, stuck, policy, true);
        assert.ok(retried !== undefined && retried !== 'busy');
        assert.equal(retried.status, 'pending');
        assert.equal(new Date(retried.give_up_at ?? 0).getTime(), t2.getTime() + policy.retryWindowMs);
        // A sent message is not retried.
        assert.equal(await retryNow(db, t2, ids[1] ?? '', policy, true), 'busy');
      } finally {
        if (other !== db) await other.close();
        await drop();
      }
    });
  });
}
