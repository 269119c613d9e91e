/**
 * The concern form's rules, with no DOM, loaded with the form's view (issue 21: nothing here is
 * needed before the form's first paint, so it is not in its first view): per-step validation with
 * field-level errors, emergency detection, the `ConcernInput` built from what the resident typed
 * (anonymous unless they chose otherwise), the description's announcement bands and whether a
 * state is worth a draft. The state, the steps and the draft are in form-model.ts.
 */
import type { CategoryField, ConcernCategory, ConcernInput, LocalizedText } from '@proximite/contract';
// Modules without schemas: the contract's schemas come with the SDK's lazy chunk (issue 21).
import {
  MAX_ANSWER_LENGTH,
  checkAnswer,
  fieldsInOrder,
  findEmergency,
  isEmptyAnswer,
  type AnswerProblem,
} from '@proximite/contract/category-answers.js';
import { MAX_DESCRIPTION_LENGTH } from '@proximite/contract/checks.js';
import {
  EMERGENCY_NUMBERS,
  findCategory,
  stepsFor,
  type Answer,
  type FormState,
  type Step,
} from './form-model.js';

// ---------------------------------------------------------------------------
// Answers

/** The fields of a category in the order they are asked (the contract's rule). */
export const sortedFields = fieldsInOrder;

/** The answers of one category (a fresh object when none yet). */
export function answersFor(state: FormState, code: string): Record<string, Answer> {
  return state.answers[code] ?? {};
}

/** A new state with one field answer set for the current category; other categories keep theirs. */
export function setAnswer(state: FormState, fieldCode: string, value: Answer): FormState {
  const code = state.categoryCode;
  return {
    ...state,
    answers: { ...state.answers, [code]: { ...answersFor(state, code), [fieldCode]: value } },
  };
}

/** Categories grouped by their `group` label (in first-seen order); ungrouped ones come in a group of their own. */
export function groupCategories(
  categories: readonly ConcernCategory[],
): { group: LocalizedText | undefined; categories: ConcernCategory[] }[] {
  const groups: { key: string; group: LocalizedText | undefined; categories: ConcernCategory[] }[] = [];
  for (const category of categories) {
    const key = category.group?.fr ?? '';
    let entry = groups.find((g) => g.key === key);
    if (!entry) {
      entry = { key, group: category.group, categories: [] };
      groups.push(entry);
    }
    entry.categories.push(category);
  }
  return groups.map(({ group, categories }) => ({ group, categories }));
}

// ---------------------------------------------------------------------------
// Validation

export type ErrorCode =
  | 'categoryRequired'
  | 'categoryUnknown'
  | 'descriptionRequired'
  | 'descriptionTooLong'
  | 'locationRequired'
  | 'addressTooLong'
  | 'fieldRequired'
  | 'fieldNumber'
  | 'fieldDate'
  | 'fieldChoice'
  | 'fieldTooLong'
  | 'contactRequired'
  | 'emailInvalid'
  | 'phoneInvalid'
  | 'nameTooLong'
  | 'preferredMissing'
  | 'updatesNeedEmail';

/** An invalid field: `field` is the input's key (`description`, `attr:<code>`, `email`…). */
export interface FieldError {
  field: string;
  step: Step;
  code: ErrorCode;
  /** The field's label, for field-specific messages. */
  label?: LocalizedText;
  /** A limit the message mentions. */
  max?: number;
}

export const MAX_ADDRESS_LENGTH = 300;
export { MAX_ANSWER_LENGTH };
export const MAX_NAME_LENGTH = 200;

// The contract's e-mail and phone rules (zod's email pattern and ConcernContactInput's phone pattern),
// so that what the form accepts the server accepts too.
const EMAIL =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const PHONE = /^\+?[0-9 ().-]{3,32}$/;
/** The input key of a category field. */
export const fieldKey = (code: string) => `attr:${code}`;

const isEmpty = isEmptyAnswer;

/** The form's message code for each of the contract's answer problems. */
const ANSWER_CODES = {
  required: 'fieldRequired',
  number: 'fieldNumber',
  datetime: 'fieldDate',
  choice: 'fieldChoice',
  text: 'fieldTooLong',
  tooLong: 'fieldTooLong',
} as const satisfies Record<AnswerProblem, FieldError['code']>;

/** The field's error, by the contract's rules for answers (`checkAnswer`, as the server applies them). */
function validateField(field: CategoryField, answer: Answer | undefined): FieldError | undefined {
  const problem = checkAnswer(field, answer);
  if (problem === undefined) return undefined;
  const error: FieldError = {
    field: fieldKey(field.code),
    step: 'details',
    label: field.label,
    code: ANSWER_CODES[problem],
  };
  return ANSWER_CODES[problem] === 'fieldTooLong' ? { ...error, max: MAX_ANSWER_LENGTH } : error;
}

/** The errors of one step, in the order of its fields (empty when the step is valid). */
export function validateStep(
  step: Step,
  state: FormState,
  categories: readonly ConcernCategory[],
): FieldError[] {
  const errors: FieldError[] = [];
  const category = findCategory(categories, state.categoryCode);
  switch (step) {
    case 'category':
      if (!state.categoryCode) errors.push({ field: 'category', step, code: 'categoryRequired' });
      else if (!category) errors.push({ field: 'category', step, code: 'categoryUnknown' });
      break;
    case 'description':
      if (state.description.trim() === '')
        errors.push({ field: 'description', step, code: 'descriptionRequired' });
      else if (state.description.length > MAX_DESCRIPTION_LENGTH)
        errors.push({ field: 'description', step, code: 'descriptionTooLong', max: MAX_DESCRIPTION_LENGTH });
      break;
    case 'location':
      if (state.address.length > MAX_ADDRESS_LENGTH)
        errors.push({ field: 'address', step, code: 'addressTooLong', max: MAX_ADDRESS_LENGTH });
      else if (state.address.trim() === '' && !state.position && !state.districtId)
        errors.push({ field: 'address', step, code: 'locationRequired' });
      break;
    case 'details': {
      const answers = answersFor(state, state.categoryCode);
      for (const field of sortedFields(category)) {
        const error = validateField(field, answers[field.code]);
        if (error) errors.push(error);
      }
      break;
    }
    case 'contact': {
      if (state.contactChoice !== 'contact') break;
      const { name, email, phone, preferred } = state.contact;
      if (name.length > MAX_NAME_LENGTH)
        errors.push({ field: 'name', step, code: 'nameTooLong', max: MAX_NAME_LENGTH });
      if (email.trim() === '' && phone.trim() === '') {
        errors.push({
          field: 'email',
          step,
          code: state.contact.updates ? 'updatesNeedEmail' : 'contactRequired',
        });
        break;
      }
      if (state.contact.updates && email.trim() === '')
        errors.push({ field: 'email', step, code: 'updatesNeedEmail' });
      if (email.trim() !== '' && !EMAIL.test(email.trim()))
        errors.push({ field: 'email', step, code: 'emailInvalid' });
      if (phone.trim() !== '' && !PHONE.test(phone.trim()))
        errors.push({ field: 'phone', step, code: 'phoneInvalid' });
      if ((preferred === 'email' && email.trim() === '') || (preferred === 'phone' && phone.trim() === ''))
        errors.push({ field: preferred, step, code: 'preferredMissing' });
      break;
    }
    case 'review':
      break;
  }
  return errors;
}

/** Every error of every step the category goes through (what the review checks before submitting). */
export function validateAll(state: FormState, categories: readonly ConcernCategory[]): FieldError[] {
  const category = findCategory(categories, state.categoryCode);
  return stepsFor(category).flatMap((step) => validateStep(step, state, categories));
}

// ---------------------------------------------------------------------------
// Emergency

export interface Emergency {
  /** What triggered it: the category, or a field answer. */
  source: 'category' | 'field';
  /** The category's or field's own message. */
  message: LocalizedText;
  numbers: string[];
  /** The field whose answer triggered it. */
  field?: string;
}

/**
 * The emergency to show instead of submitting: the category's own (`category.emergency`), or the
 * first field whose answer matches its `stopper.whenValue` (equal, or contained in a list). Null
 * when nothing calls for one.
 */
export function detectEmergency(state: FormState, categories: readonly ConcernCategory[]): Emergency | null {
  const category = findCategory(categories, state.categoryCode);
  if (!category) return null;
  const found = findEmergency(category, answersFor(state, category.code));
  if (!found) return null;
  if (found.source === 'category') {
    const listed = category.emergency?.numbers ?? [];
    return {
      source: 'category',
      message: found.message,
      numbers: listed.length ? listed : [...EMERGENCY_NUMBERS],
    };
  }
  return {
    source: 'field',
    message: found.message,
    numbers: [...EMERGENCY_NUMBERS],
    field: fieldKey(found.field.code),
  };
}

// ---------------------------------------------------------------------------
// Building the submission

function convertAnswer(field: CategoryField, answer: Answer): string | number | string[] {
  if (field.datatype === 'multivaluelist') return Array.isArray(answer) ? [...answer] : [answer];
  const text = Array.isArray(answer) ? answer.join(',') : answer.trim();
  return field.datatype === 'number' ? Number(text) : text;
}

/**
 * The `ConcernInput` for the current state. Only the current category's answers are sent (answers
 * typed under another category stay in the form, never in the request). Anonymous by default:
 * `contact` is present only when the resident chose to be contacted, and then holds only what
 * they filled in.
 */
export function buildConcernInput(
  state: FormState,
  categories: readonly ConcernCategory[],
  lang: 'fr' | 'en',
): ConcernInput {
  const category = findCategory(categories, state.categoryCode);
  const location: ConcernInput['location'] = {};
  const address = state.address.trim();
  if (address) location.address = address;
  if (state.position) {
    location.lat = state.position.lat;
    location.lon = state.position.lon;
  }
  if (state.districtId) location.districtId = state.districtId;

  const input: ConcernInput = {
    categoryCode: state.categoryCode,
    description: state.description.trim(),
    location,
    lang,
    honeypot: state.honeypot,
  };

  const answers = answersFor(state, state.categoryCode);
  const attributes: Record<string, string | number | string[]> = {};
  for (const field of sortedFields(category)) {
    const answer = answers[field.code];
    if (!isEmpty(answer)) attributes[field.code] = convertAnswer(field, answer as Answer);
  }
  if (Object.keys(attributes).length > 0) input.attributes = attributes;

  if (state.contactChoice === 'contact') {
    const contact: NonNullable<ConcernInput['contact']> = {};
    const name = state.contact.name.trim();
    const email = state.contact.email.trim();
    const phone = state.contact.phone.trim();
    if (name) contact.name = name;
    if (email) contact.email = email;
    if (phone) contact.phone = phone;
    const preferred = state.contact.preferred;
    if ((preferred === 'email' && email) || (preferred === 'phone' && phone)) contact.preferred = preferred;
    if (state.contact.updates && email) contact.emailUpdates = true;
    if (email || phone) input.contact = contact;
  }
  if (state.formStartedAt) input.formStartedAt = state.formStartedAt;
  return input;
}

// ---------------------------------------------------------------------------
// Description length

/** Remaining-character thresholds at which the count is announced (not on every keystroke). */
export const LENGTH_THRESHOLDS = [500, 100, 0] as const;

/**
 * Which announcement band a description length falls in: 0 while far from the limit, then 1, 2, 3
 * as the remaining characters fall to or below each of {@link LENGTH_THRESHOLDS}, and 4 over the limit.
 * A screen reader hears the count only when the band changes.
 */
export function lengthBand(length: number, max = MAX_DESCRIPTION_LENGTH): number {
  const remaining = max - length;
  if (remaining < 0) return LENGTH_THRESHOLDS.length + 1;
  return LENGTH_THRESHOLDS.filter((t) => remaining <= t).length;
}

// ---------------------------------------------------------------------------
// Draft

/** Whether the resident has typed or chosen anything worth keeping. */
export function hasContent(state: FormState): boolean {
  return (
    state.categoryCode !== '' ||
    state.description.trim() !== '' ||
    state.address.trim() !== '' ||
    state.position !== null ||
    state.districtId !== '' ||
    Object.values(state.answers).some((a) => Object.values(a).some((v) => !isEmpty(v)))
  );
}
