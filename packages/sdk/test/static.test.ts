/** The static-files adapter: JSON files validated with the contract, filtered and paged locally. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rightsContent } from '@proximite/content/rights/index.js';
import { demoStats } from '@proximite/content/stats/index.js';
import { defaultCategories } from '@proximite/content/categories.js';
import { NotFoundError, ResponseValidationError, UnsupportedOperationError } from '@proximite/sdk';
import { createStaticClient } from '@proximite/sdk/adapters/static.js';
import { createStaticCafesClient } from '@proximite/sdk/adapters/static-cafes.js';
import { cafe, json, startFixture, type Fixture } from './helpers.js';

let fx: Fixture;
const files: Record<string, unknown> = {
  '/cafes.json': [
    cafe('late', {
      start: '2031-02-01T10:00:00+01:00',
      end: '2031-02-01T11:00:00+01:00',
      districtId: 'nord',
    }),
    cafe('past', { start: '2020-02-01T10:00:00+01:00', end: '2020-02-01T11:00:00+01:00' }),
    cafe('soon', {
      start: '2031-01-01T10:00:00+01:00',
      end: '2031-01-01T11:00:00+01:00',
      districtId: 'saint-leu',
    }),
  ],
  '/categories.json': { items: defaultCategories },
  '/rights.json': rightsContent,
  '/stats.json': demoStats,
  '/bad.json': [{ id: 1 }],
  '/districts.json': { items: [{ id: 'nord', name: 'Amiens Nord' }] },
  '/bad-items.json': { items: [{ id: 'x', name: 7 }] },
  '/not-a-list.json': { cafes: [] },
};
before(async () => {
  fx = await startFixture((req, res) => {
    const body = files[req.url];
    if (body === undefined) json(res, 404, { type: 'about:blank', title: 'Not found', status: 404 });
    else json(res, 200, body);
  });
});
after(() => fx.close());

describe('createStaticClient', () => {
  it('cafés: upcoming by default, soonest first, district filter, paging, get, a static .ics', async () => {
    const client = createStaticClient({ cafes: `${fx.url}/cafes.json`, ics: `${fx.url}/cafes.ics` });
    assert.deepEqual(
      (await client.cafes.list()).items.map((c) => c.id),
      ['soon', 'late'],
    );
    assert.deepEqual(
      (await client.cafes.list({ from: '2019-01-01', limit: 2 })).items.map((c) => c.id),
      ['past', 'soon'],
    );
    assert.equal((await client.cafes.list({ from: '2019-01-01', limit: 2 })).nextCursor, '2');
    assert.deepEqual(
      (await client.cafes.list({ district: 'nord' })).items.map((c) => c.id),
      ['late'],
    );
    const ids: string[] = [];
    for await (const c of client.cafes.iterate({ from: '2019-01-01', limit: 1 })) ids.push(c.id);
    assert.deepEqual(ids, ['past', 'soon', 'late']);
    assert.equal((await client.cafes.get('late')).districtId, 'nord');
    await assert.rejects(client.cafes.get('nope'), NotFoundError);
    assert.equal(client.cafes.icsUrl(), `${fx.url}/cafes.ics`);
    assert.throws(() => client.cafes.icsUrl({ id: 'soon' }), UnsupportedOperationError);
    assert.equal(fx.requests.filter((r) => r.url === '/cafes.json').length, 1, 'the file is cached');
  });

  it('categories, rights and stats (filtered by indicator and years) from the bundled content', async () => {
    const client = createStaticClient({
      categories: `${fx.url}/categories.json`,
      rights: `${fx.url}/rights.json`,
      stats: `${fx.url}/stats.json`,
    });
    assert.equal((await client.concerns.categories()).length, defaultCategories.length);
    assert.equal((await client.rights.get()).topics.length, rightsContent.topics.length);
    const series = demoStats.series[0]!;
    const year = series.points[0]!.year;
    const stats = await client.stats.get({ indicators: series.indicatorId, from: year, to: year });
    assert.deepEqual(
      stats.series.map((s) => [s.indicatorId, s.points.map((p) => p.year)]),
      [[series.indicatorId, [year]]],
    );
    await assert.rejects(client.stats.get({ area: '99999' }), NotFoundError);
  });

  it('invalid files, missing files and unsupported operations fail with typed errors', async () => {
    const client = createStaticClient({ cafes: `${fx.url}/bad.json`, districts: `${fx.url}/missing.json` });
    await assert.rejects(client.cafes.list(), ResponseValidationError);
    await assert.rejects(client.districts.list(), NotFoundError);
    await assert.rejects(client.rights.get(), UnsupportedOperationError);
    await assert.rejects(
      client.concerns.submit({ categoryCode: 'x', description: 'x', location: { address: 'a' } }),
      UnsupportedOperationError,
    );
    await assert.rejects(client.concerns.status('PRX-AAAA-BBBB', 'x'), UnsupportedOperationError);
  });
});

describe('createStaticCafesClient (the calendar’s adapter)', () => {
  it('reads cafés and districts from a bare array or the API’s { items } shape, and nothing else', async () => {
    const client = createStaticCafesClient({
      cafes: `${fx.url}/cafes.json`,
      districts: `${fx.url}/districts.json`,
    });
    assert.deepEqual(
      (await client.cafes.list({ district: 'saint-leu' })).items.map((c) => c.id),
      ['soon'],
    );
    assert.deepEqual(await client.districts.list(), [{ id: 'nord', name: 'Amiens Nord' }]);
    assert.deepEqual(Object.keys(client).sort(), ['cafes', 'districts']);
  });

  it('reports where a file breaks the contract, inside { items } too', async () => {
    const items = createStaticCafesClient({ districts: `${fx.url}/bad-items.json` });
    const error = await items.districts.list().then(
      () => assert.fail('expected a ResponseValidationError'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ResponseValidationError);
    assert.deepEqual(error.issues[0]?.path, ['items', 0, 'name']);
    const shape = createStaticCafesClient({ cafes: `${fx.url}/not-a-list.json` });
    await assert.rejects(shape.cafes.list(), ResponseValidationError);
    await assert.rejects(createStaticCafesClient({}).cafes.list(), UnsupportedOperationError);
  });
});
