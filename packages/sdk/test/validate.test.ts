/** Validation in slices: the same result and the same refusals as one parse, without one long task. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { CafePage, RightsContent } from '@proximite/contract';
import { rightsFor } from '@proximite/content/rights/index.js';
import { ResponseValidationError } from '../src/errors.js';
import { validate, validateInSlices } from '../src/internal/validate.js';
import { cafe } from './helpers.js';

const page = (count: number) => ({
  items: Array.from({ length: count }, (_, i) => cafe(`cafe-${i}`)),
  nextCursor: 'next',
  unknownKey: true,
});

describe('validateInSlices', () => {
  it('returns what one parse returns, for a list page and for any other schema', async () => {
    const data = page(120);
    assert.deepEqual(await validateInSlices(CafePage, data), validate(CafePage, data));
    const other = z.object({ n: z.number() });
    assert.deepEqual(await validateInSlices(other, { n: 1 }), { n: 1 });
  });

  it('refuses an invalid item with the path one parse gives it, after checking all of them', async () => {
    const data = page(60);
    (data.items[41] as Record<string, unknown>).sequence = 'first';
    delete (data.items[7] as Record<string, unknown>).title;
    let error: unknown;
    try {
      await validateInSlices(CafePage, data);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof ResponseValidationError);
    const expected = (() => {
      try {
        validate(CafePage, data);
      } catch (e) {
        return (e as ResponseValidationError).issues;
      }
      return [];
    })();
    assert.deepEqual(
      error.issues.map((i) => i.path.join('.')).sort(),
      expected.map((i) => i.path.join('.')).sort(),
    );
    assert.ok(error.issues.some((i) => i.path[0] === 'items' && i.path[1] === 41));
    assert.ok(error.issues.some((i) => i.path[0] === 'items' && i.path[1] === 7));
  });

  it('checks every array of an object in slices: the rights content, valid and not', async () => {
    const content = structuredClone(rightsFor('fr')) as unknown as Record<string, unknown>;
    assert.deepEqual(await validateInSlices(RightsContent, content), validate(RightsContent, content));
    const topics = content.topics as Array<Record<string, unknown>>;
    delete topics[3]!.title;
    (content.contacts as Array<Record<string, unknown>>)[1]!.channels = 'phone';
    content.lastReviewed = 'soon';
    const paths = async (check: () => unknown) => {
      try {
        await check();
      } catch (e) {
        assert.ok(e instanceof ResponseValidationError);
        return e.issues.map((i) => i.path.join('.')).sort();
      }
      return [];
    };
    const sliced = await paths(() => validateInSlices(RightsContent, content));
    assert.deepEqual(sliced, await paths(() => validate(RightsContent, content)));
    assert.deepEqual(sliced, ['contacts.1.channels', 'lastReviewed', 'topics.3.title']);
  });

  it('refuses a bad envelope as one parse does', async () => {
    await assert.rejects(validateInSlices(CafePage, { items: [], nextCursor: 3 }), ResponseValidationError);
    await assert.rejects(
      validateInSlices(CafePage, { items: 'none', nextCursor: null }),
      ResponseValidationError,
    );
    await assert.rejects(validateInSlices(CafePage, null), ResponseValidationError);
  });

  it('gives the thread back between slices when the items take long to check', async () => {
    // Each item takes 2 ms to check: 30 of them cannot run in one slice.
    const slow = z.object({
      items: z.array(
        z.number().check(
          z.refine(() => {
            const until = performance.now() + 2;
            while (performance.now() < until);
            return true;
          }),
        ),
      ),
    });
    let ranBetween = false;
    setTimeout(() => (ranBetween = true), 0);
    const result = await validateInSlices(slow, { items: Array.from({ length: 30 }, (_, i) => i) });
    assert.equal(result.items.length, 30);
    assert.equal(ranBetween, true);
  });

  it('gives the thread back between slices of any array of the object, not only `items`', async () => {
    const slowNumber = z.number().check(
      z.refine(() => {
        const until = performance.now() + 2;
        while (performance.now() < until);
        return true;
      }),
    );
    const slow = z.object({ title: z.string(), topics: z.array(slowNumber), contacts: z.array(slowNumber) });
    let ranBetween = 0;
    const tick = () => {
      ranBetween++;
      if (ranBetween < 100) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const result = await validateInSlices(slow, {
      title: 't',
      topics: Array.from({ length: 20 }, (_, i) => i),
      contacts: Array.from({ length: 20 }, (_, i) => -i),
    });
    assert.deepEqual(result, {
      title: 't',
      topics: Array.from({ length: 20 }, (_, i) => i),
      contacts: Array.from({ length: 20 }, (_, i) => -i),
    });
    // 80 ms of checks in slices of about 10 ms: the timer ran between several of them.
    assert.ok(ranBetween >= 2, `ran between slices ${ranBetween} times`);
  });
});
