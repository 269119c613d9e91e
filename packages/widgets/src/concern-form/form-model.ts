/**
 * The concern form's state, with no DOM: the steps, the state, the emergency numbers and the local
 * draft with its expiry; in its first view. Its rules (validation, emergency detection, the
 * submission) are in form-rules.ts, loaded with the form's view.
 */
import type { ConcernCategory } from '@proximite/contract';

// ---------------------------------------------------------------------------
// State

/** The steps of the form, in order; `details` is skipped when the category has no extra field. */
export const STEPS = ['category', 'description', 'location', 'details', 'contact', 'review'] as const;
export type Step = (typeof STEPS)[number];

/** A field answer as the inputs give it: text, or the keys chosen in a multiple-choice list. */
export type Answer = string | string[];

export type ContactChoice = 'anonymous' | 'contact';

/** Everything the resident typed. Plain JSON, so it can be saved as a draft. */
export interface FormState {
  categoryCode: string;
  description: string;
  address: string;
  /** A point from "use my position"; lat and lon come together. */
  position: { lat: number; lon: number } | null;
  districtId: string;
  /** Answers to extra fields, kept per category code so that changing category loses nothing. */
  answers: Record<string, Record<string, Answer>>;
  /** Anonymous by default; contact details are sent only when the resident chose `contact`. */
  contactChoice: ContactChoice;
  /** `updates`: « Me tenir informé·e par e-mail » (off by default; needs the e-mail). */
  contact: {
    name: string;
    email: string;
    phone: string;
    preferred: '' | 'email' | 'phone';
    updates?: boolean;
  };
  /** The hidden field humans leave empty. */
  honeypot: string;
  /** When the resident first interacted with the form (ISO 8601), a soft time-trap signal. */
  formStartedAt: string;
}

export function emptyState(): FormState {
  return {
    categoryCode: '',
    description: '',
    address: '',
    position: null,
    districtId: '',
    answers: {},
    contactChoice: 'anonymous',
    contact: { name: '', email: '', phone: '', preferred: '', updates: false },
    honeypot: '',
    formStartedAt: '',
  };
}

export function findCategory(
  categories: readonly ConcernCategory[],
  code: string,
): ConcernCategory | undefined {
  return categories.find((c) => c.code === code);
}

/** The steps the resident goes through for this category (no `details` step without extra fields). */
export function stepsFor(category: ConcernCategory | undefined): Step[] {
  return STEPS.filter((s) => s !== 'details' || (category !== undefined && category.fields.length > 0));
}

export function nextStep(step: Step, category: ConcernCategory | undefined): Step {
  const steps = stepsFor(category);
  const i = steps.indexOf(step);
  return steps[Math.min(i + 1, steps.length - 1)] ?? 'review';
}

export function previousStep(step: Step, category: ConcernCategory | undefined): Step {
  const steps = stepsFor(category);
  const i = steps.indexOf(step);
  return steps[Math.max(i - 1, 0)] ?? 'category';
}

/** Keeps only the categories whose code is in the csv `subset` (all of them when it is empty). */
export function filterCategories(categories: readonly ConcernCategory[], subset: string | undefined) {
  const codes = (subset ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return codes.length === 0 ? [...categories] : categories.filter((c) => codes.includes(c.code));
}

// ---------------------------------------------------------------------------
// Emergency

/** The emergency numbers shown by every stopper: police 17, European 112, 114 by text (deaf and hard of hearing). */
export const EMERGENCY_NUMBERS = ['17', '112', '114'] as const;

/** What `tel:` and `sms:` link an emergency number gets: 114 is reached by text message. */
export function emergencyHref(number: string): string {
  const digits = number.replace(/[^0-9+]/g, '');
  return digits === '114' ? `sms:${digits}` : `tel:${digits}`;
}

// ---------------------------------------------------------------------------
// Draft

/** How long a draft is kept: 24 hours (requirement R10). */
export const DRAFT_TTL_MS = 24 * 60 * 60 * 1000;
const DRAFT_VERSION = 1;

interface StoredDraft {
  v: number;
  savedAt: number;
  expiresAt: number;
  step: Step;
  state: Omit<FormState, 'contact' | 'honeypot'> & { contact?: undefined };
}

export interface Draft {
  state: FormState;
  step: Step;
  savedAt: number;
}

/**
 * The draft as stored text. Contact details (name, e-mail, phone) and the honeypot are left out:
 * personal data are not written to the device's storage, only the choice to be contacted.
 */
export function serializeDraft(state: FormState, step: Step, now: number, ttl = DRAFT_TTL_MS): string {
  const { contact: _contact, honeypot: _honeypot, ...rest } = state;
  const stored: StoredDraft = { v: DRAFT_VERSION, savedAt: now, expiresAt: now + ttl, step, state: rest };
  return JSON.stringify(stored);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function readAnswers(value: unknown): FormState['answers'] {
  const answers: FormState['answers'] = {};
  if (!isRecord(value)) return answers;
  for (const [code, fields] of Object.entries(value)) {
    if (!isRecord(fields)) continue;
    const entry: Record<string, Answer> = {};
    for (const [key, answer] of Object.entries(fields)) {
      if (typeof answer === 'string') entry[key] = answer;
      else if (Array.isArray(answer)) entry[key] = answer.filter((a): a is string => typeof a === 'string');
    }
    answers[code] = entry;
  }
  return answers;
}

/**
 * The draft in `text`, or null when there is none, it is malformed or of another version, or it
 * has expired at `now`. Every value is checked: a draft is data from storage, not trusted code.
 */
export function parseDraft(text: string | null | undefined, now: number): Draft | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw) || raw.v !== DRAFT_VERSION || typeof raw.expiresAt !== 'number' || !isRecord(raw.state))
    return null;
  if (now >= raw.expiresAt) return null;
  const s = raw.state;
  const position =
    isRecord(s.position) && typeof s.position.lat === 'number' && typeof s.position.lon === 'number'
      ? { lat: s.position.lat, lon: s.position.lon }
      : null;
  const state: FormState = {
    ...emptyState(),
    categoryCode: str(s.categoryCode),
    description: str(s.description),
    address: str(s.address),
    position,
    districtId: str(s.districtId),
    answers: readAnswers(s.answers),
    contactChoice: s.contactChoice === 'contact' ? 'contact' : 'anonymous',
    formStartedAt: str(s.formStartedAt),
  };
  const step = (STEPS as readonly unknown[]).includes(raw.step) ? (raw.step as Step) : 'category';
  return { state, step, savedAt: typeof raw.savedAt === 'number' ? raw.savedAt : now };
}
