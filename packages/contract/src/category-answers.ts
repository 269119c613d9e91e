/**
 * The rules a category's field answers follow, written once: the concern form checks them before it
 * sends, the server refuses what breaks them, and both agree on what an answer "is".
 *
 * A category's fields are Open311 GeoReport v2 service-definition attributes (`datatype`,
 * `required`, `values`), see https://wiki.open311.org/GeoReport_v2/#get-service-definition.
 * An answer is what a field input or a JSON body gives: text (a number or a date typed as text
 * too), a number, or the keys chosen in a multi-value list.
 */
import type { LocalizedText } from './common.js';
import type { CategoryField, ConcernCategory } from './concerns.js';

/** One field's answer as a form input or a request body gives it. */
export type AnswerValue = string | number | readonly string[];

/** Maximum length of a text answer (the same as `AttributeValueInput`'s text). */
export const MAX_ANSWER_LENGTH = 1000;

/**
 * What is wrong with an answer: missing though required, not a number, not a date (ISO 8601 date
 * or date-time), not one of the field's values, not text, or text over `MAX_ANSWER_LENGTH`.
 */
export type AnswerProblem = 'required' | 'number' | 'datetime' | 'choice' | 'text' | 'tooLong';

/** An ISO 8601 calendar date, optionally with a time and a zone (what `<input type=date>` gives too). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** No answer: absent, blank text, or no key chosen. */
export function isEmptyAnswer(value: AnswerValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  return typeof value !== 'number' && value.length === 0;
}

/** The fields of a category in the order they are asked (`order`, then as listed). */
export function fieldsInOrder(category: ConcernCategory | undefined): CategoryField[] {
  return category ? [...category.fields].sort((a, b) => a.order - b.order) : [];
}

/**
 * The problem with one answer, or undefined when it is acceptable. `requiredFields: false` lets a
 * required field stay empty (a note an agent takes at a café records what was said, not the
 * form's questions).
 */
export function checkAnswer(
  field: CategoryField,
  value: AnswerValue | undefined,
  options: { requiredFields?: boolean } = {},
): AnswerProblem | undefined {
  if (value === undefined || isEmptyAnswer(value))
    return field.required && options.requiredFields !== false ? 'required' : undefined;
  const keys = (field.values ?? []).map((v) => v.key);
  const text = typeof value === 'string' ? value.trim() : undefined;
  switch (field.datatype) {
    case 'number':
      return Number.isFinite(typeof value === 'number' ? value : Number(text)) ? undefined : 'number';
    case 'datetime':
      return text !== undefined && ISO_DATE.test(text) && !Number.isNaN(Date.parse(text))
        ? undefined
        : 'datetime';
    case 'singlevaluelist':
      return text !== undefined && keys.includes(value as string) ? undefined : 'choice';
    case 'multivaluelist':
      // One key alone is accepted as a list of one (an Open311 client may send it bare).
      return typeof value !== 'number' && [value].flat().every((k) => keys.includes(k))
        ? undefined
        : 'choice';
    default:
      return typeof value !== 'string' ? 'text' : value.length > MAX_ANSWER_LENGTH ? 'tooLong' : undefined;
  }
}

/** Whether an answer is the one that makes a field's emergency stopper show (equal, or chosen in a list). */
export function hitsStopper(field: CategoryField, value: AnswerValue | undefined): boolean {
  if (field.stopper === undefined || value === undefined || typeof value === 'number') return false;
  const when = field.stopper.whenValue;
  return typeof value === 'string' ? value.trim() === when : value.includes(when);
}

/** One answer's problem, or a key the category does not ask for (`unknown`). */
export interface AnswerError {
  code: string;
  problem: AnswerProblem | 'unknown';
}

/**
 * Every problem of a category's answers: keys it does not ask for first, then its fields in the
 * order they are asked. Empty when all is acceptable.
 */
export function checkAnswers(
  category: ConcernCategory,
  answers: Readonly<Record<string, AnswerValue>> | undefined,
  options: { requiredFields?: boolean } = {},
): AnswerError[] {
  const given = answers ?? {};
  const known = new Set(category.fields.map((f) => f.code));
  const errors: AnswerError[] = Object.keys(given)
    .filter((code) => !known.has(code))
    .map((code) => ({ code, problem: 'unknown' as const }));
  for (const field of fieldsInOrder(category)) {
    const problem = checkAnswer(field, given[field.code], options);
    if (problem) errors.push({ code: field.code, problem });
  }
  return errors;
}

/**
 * Why these answers must not be sent as a concern, if they must not: the category is itself an
 * emergency (`category.emergency`), or the first field, in the order asked, whose answer hits its
 * stopper. This channel is not watched in real time; the form shows the numbers instead.
 */
export function findEmergency(
  category: ConcernCategory,
  answers: Readonly<Record<string, AnswerValue>> | undefined,
): FoundEmergency | undefined {
  if (category.emergency !== undefined) return { source: 'category', message: category.emergency.message };
  const given = answers ?? {};
  for (const field of fieldsInOrder(category)) {
    if (field.stopper !== undefined && hitsStopper(field, given[field.code]))
      return { source: 'field', message: field.stopper.message, field };
  }
  return undefined;
}

/** An emergency found in a category or its answers, with the message to show (`LocalizedText`). */
export type FoundEmergency =
  | { source: 'category'; message: LocalizedText }
  | { source: 'field'; message: LocalizedText; field: CategoryField };
