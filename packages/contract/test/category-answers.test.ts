/**
 * The rules for a category's answers, shared by the concern form and the server: each datatype,
 * required fields (and the café note's exception), unknown keys, and emergencies.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MAX_ANSWER_LENGTH,
  checkAnswer,
  checkAnswers,
  fieldsInOrder,
  findEmergency,
  isEmptyAnswer,
  type CategoryField,
  type ConcernCategory,
} from '../src/index.js';

const label = { fr: 'Champ', en: 'Field' };
const field = (code: string, datatype: CategoryField['datatype'], extra: Partial<CategoryField> = {}) =>
  ({ code, datatype, label, required: false, order: 0, ...extra }) as CategoryField;
const values = [
  { key: 'yes', name: { fr: 'Oui', en: 'Yes' } },
  { key: 'no', name: { fr: 'Non', en: 'No' } },
];

const category = {
  code: 'noise',
  name: { fr: 'Bruit', en: 'Noise' },
  fields: [
    field('when', 'datetime', { order: 2 }),
    field('ongoing', 'singlevaluelist', {
      order: 1,
      required: true,
      values,
      stopper: { whenValue: 'yes', message: { fr: 'Appelez le 17', en: 'Call 17' } },
    }),
    field('count', 'number', { order: 3 }),
    field('kinds', 'multivaluelist', { order: 4, values }),
    field('note', 'text', { order: 5 }),
  ],
} as unknown as ConcernCategory;
const [when, ongoing, count, kinds, note] = category.fields as [
  CategoryField,
  CategoryField,
  CategoryField,
  CategoryField,
  CategoryField,
];

describe('category answers', () => {
  it('tells an empty answer: absent, blank text, no key chosen — not zero', () => {
    assert.equal(isEmptyAnswer(undefined), true);
    assert.equal(isEmptyAnswer('  \n'), true);
    assert.equal(isEmptyAnswer([]), true);
    assert.equal(isEmptyAnswer(0), false);
    assert.equal(isEmptyAnswer('x'), false);
  });

  it('asks the fields by their order', () => {
    assert.deepEqual(
      fieldsInOrder(category).map((f) => f.code),
      ['ongoing', 'when', 'count', 'kinds', 'note'],
    );
    assert.deepEqual(fieldsInOrder(undefined), []);
  });

  it('accepts a number as a number or as typed text, nothing else', () => {
    assert.equal(checkAnswer(count, 3), undefined);
    assert.equal(checkAnswer(count, ' 2.5 '), undefined);
    assert.equal(checkAnswer(count, 'three'), 'number');
    assert.equal(checkAnswer(count, Number.POSITIVE_INFINITY), 'number');
    assert.equal(checkAnswer(count, ['1']), 'number');
  });

  it('accepts ISO 8601 dates and date-times, not other date words', () => {
    for (const ok of [
      '2026-12-05',
      '2026-12-05T18:30',
      '2026-12-05T18:30:00Z',
      '2026-12-05T18:30:00.5+01:00',
    ])
      assert.equal(checkAnswer(when, ok), undefined, ok);
    for (const bad of ['Dec 5 2026', '05/12/2026', '2026-13-45', 'tomorrow'])
      assert.equal(checkAnswer(when, bad), 'datetime', bad);
  });

  it('accepts only the listed keys, one alone counting as a list of one', () => {
    assert.equal(checkAnswer(ongoing, 'no'), undefined);
    assert.equal(checkAnswer(ongoing, 'maybe'), 'choice');
    assert.equal(checkAnswer(ongoing, ['no']), 'choice');
    assert.equal(checkAnswer(kinds, ['yes', 'no']), undefined);
    assert.equal(checkAnswer(kinds, 'no'), undefined);
    assert.equal(checkAnswer(kinds, ['yes', 'other']), 'choice');
    assert.equal(checkAnswer(kinds, 1), 'choice');
  });

  it('takes text up to its limit', () => {
    assert.equal(checkAnswer(note, 'x'.repeat(MAX_ANSWER_LENGTH)), undefined);
    assert.equal(checkAnswer(note, 'x'.repeat(MAX_ANSWER_LENGTH + 1)), 'tooLong');
    assert.equal(checkAnswer(note, 4), 'text');
  });

  it('needs a required answer unless told a café note may leave it out', () => {
    assert.equal(checkAnswer(ongoing, undefined), 'required');
    assert.equal(checkAnswer(ongoing, ' '), 'required');
    assert.equal(checkAnswer(ongoing, undefined, { requiredFields: false }), undefined);
    assert.equal(checkAnswer(note, undefined), undefined);
  });

  it('lists unknown keys first, then the fields in the order asked', () => {
    assert.deepEqual(checkAnswers(category, { count: 'x', extra: 'y', when: 'soon' }), [
      { code: 'extra', problem: 'unknown' },
      { code: 'ongoing', problem: 'required' },
      { code: 'when', problem: 'datetime' },
      { code: 'count', problem: 'number' },
    ]);
    assert.deepEqual(checkAnswers(category, { ongoing: 'no', count: 2 }), []);
    assert.deepEqual(checkAnswers(category, undefined, { requiredFields: false }), []);
  });

  it('finds an emergency: the category itself first, else the first stopper hit', () => {
    assert.equal(findEmergency(category, { ongoing: 'no' }), undefined);
    const hit = findEmergency(category, { ongoing: ' yes ' });
    assert.equal(hit?.source, 'field');
    assert.equal(hit?.source === 'field' && hit.field.code, 'ongoing');
    assert.deepEqual(hit?.message, { fr: 'Appelez le 17', en: 'Call 17' });
    const listed = { ...category, fields: [kinds] } as ConcernCategory;
    const withStopper = {
      ...listed,
      fields: [{ ...kinds, stopper: { whenValue: 'no', message: label } }],
    } as ConcernCategory;
    assert.equal(findEmergency(withStopper, { kinds: ['yes', 'no'] })?.source, 'field');
    const urgent = {
      ...category,
      emergency: { message: { fr: 'Urgence', en: 'Emergency' }, numbers: ['17'] },
    } as ConcernCategory;
    assert.deepEqual(findEmergency(urgent, {}), {
      source: 'category',
      message: { fr: 'Urgence', en: 'Emergency' },
    });
  });
});
