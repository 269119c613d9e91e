/**
 * When the delivery worker's rounds start (delivery/worker.ts, `roundScheduler`), on fake timers:
 * a wake is a throttle — a steady stream of wakes cannot postpone the round the first one asked
 * for, and gets one round per interval, not one per wake; a poll never postpones an earlier round.
 * And the scheduled tasks' turns (delivery/scheduled.ts): a round whose tasks are not due sends
 * no statement for them, and a turn another instance took is read and respected.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testConfig } from '../src/config.js';
import type { Queryable } from '../src/db/database.js';
import { runScheduled } from '../src/delivery/scheduled.js';
import type { ScheduledTask } from '../src/delivery/scheduled.js';
import { roundScheduler } from '../src/delivery/worker.js';
import type { RoundTimers } from '../src/delivery/worker.js';
import { openTestDb, targets } from './helpers.js';

/** Timers that move only when told to. */
function fakeTimers(): RoundTimers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let next = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    set(fn, ms) {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clear(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= end)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

describe('the delivery worker’s rounds', () => {
  test('a wake schedules a round that later wakes do not postpone', () => {
    const timers = fakeTimers();
    const starts: number[] = [];
    const rounds = roundScheduler(() => starts.push(timers.now()), { delayMs: 5, intervalMs: 50 }, timers);
    rounds.wake();
    // A wake every millisecond: the round the first one asked for still comes 5 ms after it.
    for (let i = 0; i < 4; i++) {
      timers.advance(1);
      rounds.wake();
    }
    assert.deepEqual(starts, []);
    timers.advance(1);
    assert.deepEqual(starts, [5]);
  });

  test('a steady stream of wakes gets one round per interval, not one per wake', () => {
    const timers = fakeTimers();
    const starts: number[] = [];
    const rounds = roundScheduler(() => starts.push(timers.now()), { delayMs: 5, intervalMs: 50 }, timers);
    for (let i = 0; i < 200; i++) {
      rounds.wake();
      timers.advance(1);
    }
    assert.deepEqual(starts, [5, 55, 105, 155]);
    // After the stream, the last wakes' round still comes.
    timers.advance(100);
    assert.deepEqual(starts, [5, 55, 105, 155, 205]);
    assert.equal(timers.pending(), 0);
  });

  test('a wake after a quiet spell is served after the short delay; a poll never postpones an earlier round', () => {
    const timers = fakeTimers();
    const starts: number[] = [];
    const rounds = roundScheduler(() => starts.push(timers.now()), { delayMs: 5, intervalMs: 50 }, timers);
    rounds.within(0);
    timers.advance(0);
    assert.deepEqual(starts, [0]);
    rounds.within(2_000); // the poll after the round
    timers.advance(1_000);
    rounds.wake();
    rounds.within(2_000); // a later poll asked for meanwhile
    timers.advance(5);
    assert.deepEqual(starts, [0, 1_005]);
    // The poll still comes when nothing wakes the worker.
    rounds.within(2_000);
    timers.advance(2_000);
    assert.deepEqual(starts, [0, 1_005, 3_005]);
  });

  test('stopped, it starts no round', () => {
    const timers = fakeTimers();
    const starts: number[] = [];
    const rounds = roundScheduler(() => starts.push(timers.now()), { delayMs: 5, intervalMs: 50 }, timers);
    rounds.wake();
    rounds.stop();
    rounds.wake();
    rounds.within(0);
    timers.advance(1_000);
    assert.deepEqual(starts, []);
    assert.equal(timers.pending(), 0);
  });
});

/** `db` counting the statements sent about scheduled tasks. */
function counting(db: Queryable): Queryable & { statements: number } {
  const counted = {
    statements: 0,
    query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      if (sql.includes('scheduled_tasks')) counted.statements += 1;
      return db.query<T>(sql, params);
    },
    exec: (sql: string) => db.exec(sql),
  };
  return counted;
}

for (const target of targets()) {
  describe(`scheduled tasks’ turns (${target.name})`, () => {
    test('a task not due costs no statement until its turn; a turn another instance took is respected', async () => {
      const { db, drop } = await openTestDb(target, testConfig({ rateLimitPerMinute: 0 }));
      try {
        const runs: string[] = [];
        const task: ScheduledTask = {
          name: 'hourly-test',
          run: async (at) => {
            runs.push(at.toISOString());
          },
          next: (at) => new Date(at.getTime() + 3_600_000),
        };
        const q = counting(db);
        const turns = new Map<string, number>();
        const t0 = new Date('2026-12-04T08:00:00Z');
        // First look: the task's row is created, its first turn an hour away.
        assert.deepEqual(await runScheduled(q, t0, [task], turns), []);
        const first = q.statements;
        assert.ok(first > 0);
        // Rounds before the turn send nothing about it.
        for (const minutes of [1, 10, 59])
          assert.deepEqual(await runScheduled(q, new Date(t0.getTime() + minutes * 60_000), [task], turns), []);
        assert.equal(q.statements, first);
        // Its turn: taken and run once.
        const t1 = new Date(t0.getTime() + 3_600_000);
        assert.deepEqual(await runScheduled(q, t1, [task], turns), ['hourly-test']);
        assert.deepEqual(runs, [t1.toISOString()]);
        // Another instance (turns of its own) finds the turn taken, and learns when the next is.
        const other = new Map<string, number>();
        assert.deepEqual(await runScheduled(q, new Date(t1.getTime() + 1_000), [task], other), []);
        assert.equal(other.get('hourly-test'), t1.getTime() + 3_600_000);
        // It takes the next turn; the first instance, looking at its remembered time, finds it taken.
        const t2 = new Date(t1.getTime() + 3_600_000 + 5_000);
        assert.deepEqual(await runScheduled(q, t2, [task], other), ['hourly-test']);
        assert.deepEqual(await runScheduled(q, new Date(t2.getTime() + 1_000), [task], turns), []);
        assert.deepEqual(runs, [t1.toISOString(), t2.toISOString()]);
        assert.equal(turns.get('hourly-test'), t2.getTime() + 3_600_000);
      } finally {
        await drop();
      }
    });
  });
}
