import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CodeInput, ConcernCategory } from '@proximite/contract';
import { defaultCategories } from '@proximite/content/categories.js';

describe('defaultCategories', () => {
  test('every category validates against the contract', () => {
    for (const category of defaultCategories) {
      const result = ConcernCategory.safeParse(category);
      assert.ok(result.success, `${category.code}: ${JSON.stringify(result.error?.issues)}`);
    }
  });

  test('codes are unique valid category codes and include the required kinds', () => {
    const codes = defaultCategories.map((c) => c.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.ok(CodeInput.safeParse(code).success, code);
    for (const required of [
      'voisinage',
      'stationnement',
      'depots-sauvages',
      'bruit',
      'securite-routiere',
      'tranquillite-publique',
      'autre',
    ]) {
      assert.ok(codes.includes(required), `missing ${required}`);
    }
  });

  test('one emergency category points to 17, 112 and 114', () => {
    const emergencies = defaultCategories.filter((c) => c.emergency !== undefined);
    assert.equal(emergencies.length, 1);
    assert.deepEqual(emergencies[0]?.emergency?.numbers, ['17', '112', '114']);
    assert.match(emergencies[0]?.emergency?.message.fr ?? '', /17.*112.*114/);
  });

  test('fields: unique codes and orders, list values present, stoppers on an existing value', () => {
    for (const category of defaultCategories) {
      const fieldCodes = category.fields.map((f) => f.code);
      assert.equal(new Set(fieldCodes).size, fieldCodes.length, category.code);
      const orders = category.fields.map((f) => f.order);
      assert.equal(new Set(orders).size, orders.length, category.code);
      for (const field of category.fields) {
        const isList = field.datatype === 'singlevaluelist' || field.datatype === 'multivaluelist';
        assert.equal(isList, (field.values?.length ?? 0) > 0, `${category.code}.${field.code}`);
        if (field.stopper !== undefined) {
          assert.ok(
            field.values?.some((v) => v.key === field.stopper?.whenValue),
            `${category.code}.${field.code} stopper value`,
          );
        }
        assert.ok(field.label.en, `${category.code}.${field.code} has an English label`);
      }
    }
  });

  test('« Quelqu’un est-il en danger en ce moment ? » is asked first, before any other question', () => {
    for (const category of defaultCategories) {
      const stopper = category.fields.find((f) => f.stopper !== undefined);
      if (stopper === undefined) continue;
      const first = Math.min(...category.fields.map((f) => f.order));
      assert.equal(stopper.order, first, `${category.code}: the emergency question comes first`);
    }
  });

  test('one conduct-complaint category, never routed to a police service', async () => {
    const { policeServiceIds } = await import('@proximite/content/categories.js');
    const conduct = defaultCategories.filter((c) => c.conduct !== undefined);
    assert.equal(conduct.length, 1);
    assert.equal(conduct[0]?.code, 'conduite-forces-ordre');
    assert.ok(!policeServiceIds.includes(conduct[0]?.service.id ?? ''));
    assert.equal(conduct[0]?.conduct?.instance, undefined, 'no instance until a city configures its own');
  });

  test('at least one field answer triggers the emergency stopper', () => {
    const stoppers = defaultCategories.flatMap((c) => c.fields.filter((f) => f.stopper !== undefined));
    assert.ok(stoppers.some((f) => /17/.test(f.stopper?.message.fr ?? '')));
  });
});
