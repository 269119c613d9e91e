/**
 * A new concern's category, district and route, read in one statement (`readNewConcern`), checked
 * by `prepareConcern` and decided by `routeOf`: the same answers as the rules read one by one, the
 * same refusals (unknown category, unknown district, a conduct complaint with no independent
 * instance), a category whose service is not installed; with a cache of categories, the data
 * read again only once the categories changed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { AppError } from '../src/errors.js';
import { seedDemo } from '../src/seed.js';
import { AMIENS_RULES } from '../src/seed-routing.js';
import { routeOf } from '../src/services/routing.js';
import { prepareConcern } from '../src/store/concerns.js';
import { getCategory, listCategories, listDistricts } from '../src/store/content.js';
import { categoryCache, readNewConcern, replaceRules, resolveRoute } from '../src/store/routing.js';
import type { CategoryCache } from '../src/store/routing.js';
import { openTestDb, targets } from './helpers.js';

/** The field paths of the AppError `work` throws (it must throw one). */
async function refusal(work: () => Promise<unknown>): Promise<string[]> {
  try {
    await work();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return (error.errors ?? []).map((e) => e.path);
  }
  assert.fail('expected a refusal');
}

for (const target of targets()) {
  describe(`a new concern's category, district and route in one statement (${target.name})`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    before(async () => {
      ({ db, drop } = await openTestDb(target, testConfig()));
      await seedDemo(db, new Date());
    });
    after(() => drop());

    test('the same category, district check and service as the rules read one by one', async () => {
      const categories = await listCategories(db);
      const districts = [undefined, ...(await listDistricts(db)).map((d) => d.id)];
      let districtRules = 0;
      for (const category of categories) {
        for (const districtId of districts) {
          const read = await readNewConcern(db, category.code, districtId);
          assert.ok(read !== undefined, category.code);
          assert.deepEqual(read.category, await getCategory(db, category.code));
          assert.equal(read.districtKnown, true);
          const { service, rule } = await resolveRoute(db, category, districtId);
          assert.deepEqual(read.service, service, `${category.code} in ${String(districtId)}`);
          if (rule?.districtId != null) districtRules++;
        }
      }
      // The district teams of the demo took over somewhere: the district rule was read, not only
      // the category's.
      assert.ok(districtRules >= 4, String(districtRules));
      const west = await readNewConcern(db, 'depots-sauvages', 'etouvie');
      assert.equal(west?.service?.id, 'proprete-secteur-ouest');
      const centre = await readNewConcern(db, 'depots-sauvages', 'centre-ville');
      assert.equal(centre?.service?.id, 'proprete-urbaine');
    });

    test('an unknown category reads nothing and is refused; an unknown district is refused', async () => {
      assert.equal(await readNewConcern(db, 'no-such-category', 'saint-leu'), undefined);
      assert.deepEqual(
        await refusal(() =>
          prepareConcern(db, { categoryCode: 'no-such-category', location: { districtId: 'saint-leu' } }),
        ),
        ['categoryCode'],
      );
      const read = await readNewConcern(db, 'depots-sauvages', 'no-such-district');
      assert.equal(read?.districtKnown, false);
      assert.deepEqual(
        await refusal(() =>
          prepareConcern(db, {
            categoryCode: 'depots-sauvages',
            attributes: { 'type-depot': 'encombrants' },
            location: { districtId: 'no-such-district' },
          }),
        ),
        ['location.districtId'],
      );
      // Without a district: known, routed by the category's rule alone.
      const prepared = await prepareConcern(db, {
        categoryCode: 'depots-sauvages',
        attributes: { 'type-depot': 'encombrants' },
        location: {},
      });
      assert.equal(prepared.routed?.id, 'proprete-urbaine');
    });

    test('with a cache, a category is read again only once the categories changed, and never stale', async () => {
      const cache: CategoryCache = new Map();
      const first = await readNewConcern(db, 'depots-sauvages', 'saint-leu', cache);
      assert.ok(first !== undefined);
      assert.deepEqual(first.category, await getCategory(db, 'depots-sauvages'));
      assert.equal(cache.get('depots-sauvages')?.category, first.category);
      // Unchanged: the same object, from the cache; the district and the route are still read.
      const again = await db.transaction((tx) => readNewConcern(tx, 'depots-sauvages', 'etouvie', cache));
      assert.equal(again?.category, first.category);
      assert.equal(again?.service?.id, 'proprete-secteur-ouest');
      assert.equal(
        (await readNewConcern(db, 'depots-sauvages', 'no-such-district', cache))?.districtKnown,
        false,
      );
      // A change of the category (another instance's, say): the next read has it.
      const changed = { ...first.category, label: { fr: 'Dépôts sauvages (modifié)', en: 'Fly-tipping' } };
      await db.query('UPDATE categories SET data = $2::jsonb WHERE code = $1', [
        'depots-sauvages',
        JSON.stringify(changed),
      ]);
      try {
        const fresh = await readNewConcern(db, 'depots-sauvages', 'saint-leu', cache);
        assert.deepEqual(fresh?.category, changed);
        assert.deepEqual(cache.get('depots-sauvages')?.category, changed);
        // Within a transaction that changes it, the change is what it reads.
        await db.transaction(async (tx) => {
          await tx.query('UPDATE categories SET data = $2::jsonb WHERE code = $1', [
            'depots-sauvages',
            JSON.stringify(first.category),
          ]);
          const inside = await readNewConcern(tx, 'depots-sauvages', 'saint-leu', cache);
          assert.deepEqual(inside?.category, first.category);
        });
      } finally {
        await db.query('UPDATE categories SET data = $2::jsonb WHERE code = $1', [
          'depots-sauvages',
          JSON.stringify(first.category),
        ]);
      }
      // One cache per database (a transaction's queries use their database's).
      assert.equal(categoryCache(db), categoryCache(db));
      assert.notEqual(categoryCache(db), categoryCache({}));
    });

    test('a category whose service is not installed keeps its own service, with no record', async () => {
      const category = await getCategory(db, 'depots-sauvages');
      assert.ok(category !== undefined);
      await db.query('INSERT INTO categories (code, position, data) VALUES ($1, $2, $3::jsonb)', [
        'not-installed',
        999,
        JSON.stringify({
          ...category,
          code: 'not-installed',
          service: { id: 'not-installed-service', name: { fr: 'Service absent' } },
        }),
      ]);
      try {
        const prepared = await prepareConcern(db, {
          categoryCode: 'not-installed',
          attributes: { 'type-depot': 'encombrants' },
          location: { districtId: 'saint-leu' },
        });
        assert.equal(prepared.routed, undefined);
        const route = routeOf(prepared.category, prepared.routed);
        assert.deepEqual(route.service, { id: 'not-installed-service', name: { fr: 'Service absent' } });
        assert.equal(route.record, undefined);
        assert.equal(route.restricted, false);
      } finally {
        await db.query('DELETE FROM categories WHERE code = $1', ['not-installed']);
      }
    });

    test('a conduct complaint goes to the independent instance the read found, and never to the police', async () => {
      const conduct = { categoryCode: 'conduite-forces-ordre', location: { districtId: 'centre-ville' } };
      const prepared = await prepareConcern(db, conduct);
      assert.equal(prepared.routed?.id, 'mediateur-municipal');
      const route = routeOf(prepared.category, prepared.routed);
      assert.equal(route.service.id, 'mediateur-municipal');
      assert.equal(route.restricted, true);
      // A district rule that sends conduct complaints in the centre to the police: the read finds
      // the police service there, and the route is refused; elsewhere the instance still takes them.
      await db.transaction((tx) =>
        replaceRules(tx, new Date(), [
          ...AMIENS_RULES,
          {
            categoryCode: 'conduite-forces-ordre',
            districtId: 'centre-ville',
            serviceId: 'police-municipale',
          },
        ]),
      );
      try {
        const toPolice = await prepareConcern(db, conduct);
        assert.equal(toPolice.routed?.id, 'police-municipale');
        assert.equal(toPolice.routed?.police, true);
        assert.throws(
          () => routeOf(toPolice.category, toPolice.routed),
          (error) => error instanceof AppError && error.key === 'validation',
        );
        const elsewhere = await prepareConcern(db, { ...conduct, location: { districtId: 'saint-leu' } });
        assert.equal(routeOf(elsewhere.category, elsewhere.routed).service.id, 'mediateur-municipal');
      } finally {
        await db.transaction((tx) => replaceRules(tx, new Date(), AMIENS_RULES));
      }
    });
  });
}
