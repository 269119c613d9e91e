/**
 * PGlite runs statements on the server's own thread: each statement must let the event loop turn
 * first, or a busy server accepts and reads new connections only once every request already
 * running has finished (see `nextTurn` in src/db/pglite.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPGlite } from '../src/db/pglite.js';

describe('PGlite statements and the event loop', () => {
  let db: Awaited<ReturnType<typeof openPGlite>>;
  before(async () => {
    db = await openPGlite(undefined, undefined);
  });
  after(async () => {
    await db.close();
  });

  /** Runs `work` and tells whether I/O callbacks (a setImmediate queued first) ran before it ended. */
  async function turnsDuring(work: () => Promise<unknown>): Promise<boolean> {
    let turned = false;
    setImmediate(() => (turned = true));
    await work();
    return turned;
  }

  it('a statement outside a transaction lets the loop turn before it runs', async () => {
    await db.query('SELECT 1');
    assert.equal(await turnsDuring(() => db.query('SELECT 1')), true);
    assert.equal(await turnsDuring(() => db.exec('SELECT 1')), true);
  });

  it('each statement of a transaction lets the loop turn, so other requests advance meanwhile', async () => {
    const order: string[] = [];
    await Promise.all([
      db.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) {
          await tx.query('SELECT 1');
          order.push('statement');
        }
      }),
      (async () => {
        for (let i = 0; i < 3; i++) {
          await new Promise((resolve) => setImmediate(resolve));
          order.push('other work');
        }
      })(),
    ]);
    // Without a turn per statement, the transaction's three statements ran back to back.
    assert.notDeepEqual(order.slice(0, 3), ['statement', 'statement', 'statement'], order.join(', '));
  });
});
