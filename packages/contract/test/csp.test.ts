/**
 * Strict CSP: parsing with these zod/mini schemas must never construct a Function (zod's JIT, or
 * its `new Function("")` probe, which a strict CSP reports even when the error is caught).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import * as contract from '../src/index.js';
import * as fx from './fixtures.js';

describe('no eval / new Function during parsing (strict CSP)', () => {
  it('importing the package does not change zod’s global config', () => {
    const config = z.config();
    assert.equal(config.jitless, undefined);
    assert.equal(config.customError, undefined);
    assert.equal(config.localeError, undefined);
  });
  it('parses every fixture with Function and eval trapped', () => {
    const original = globalThis.Function;
    const originalEval = globalThis.eval;
    let constructed = 0;
    const trap = new Proxy(original, {
      construct() {
        constructed += 1;
        throw new EvalError('blocked by test CSP');
      },
      apply() {
        constructed += 1;
        throw new EvalError('blocked by test CSP');
      },
    });
    globalThis.Function = trap;
    globalThis.eval = () => {
      constructed += 1;
      throw new EvalError('blocked by test CSP');
    };
    try {
      const pairs: [z.ZodMiniType, unknown][] = [
        [contract.Cafe, fx.cafeSaintLeu],
        [contract.CafePage, { items: [fx.cafeSaintLeu, fx.cafeOnlineCancelled], nextCursor: null }],
        [contract.CafeInput, fx.cafeInput],
        [contract.ConcernCategoryList, { items: [fx.depotsSauvages, fx.violencesCategory] }],
        [contract.ConcernInput, fx.concernInput],
        [contract.ConcernReceipt, fx.receipt],
        [contract.ConcernStatusView, fx.statusView],
        [contract.Priority, fx.priority],
        [contract.RightsContent, fx.rights],
        [contract.StatsDataset, fx.sommeStats],
        [contract.Problem, contract.problemFor('notFound')],
      ];
      for (let round = 0; round < 3; round += 1) {
        for (const [schema, value] of pairs) {
          assert.equal(schema.safeParse(value).success, true);
          assert.equal(schema.safeParse({ nope: true }).success, false);
        }
      }
    } finally {
      globalThis.Function = original;
      globalThis.eval = originalEval;
    }
    assert.equal(constructed, 0);
  });
  it('the trap works: classic zod objects would probe new Function (control)', async () => {
    const original = globalThis.Function;
    let constructed = 0;
    globalThis.Function = new Proxy(original, {
      construct(target, args: unknown[]) {
        constructed += 1;
        return Reflect.construct(target, args);
      },
    });
    try {
      // A fresh module instance is not possible with ESM caching, so use classic zod directly:
      // its objects take the JIT path (and probe) on their first synchronous parse.
      const classic = await import('zod');
      classic.z.object({ a: classic.z.string() }).parse({ a: 'x' });
    } finally {
      globalThis.Function = original;
    }
    assert.ok(constructed > 0, 'expected classic zod to construct a Function');
  });
});
