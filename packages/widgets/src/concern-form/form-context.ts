/**
 * What the render modules of <prox-concern-form> receive from the element: its state (read-only
 * here) and the actions that change it. The element keeps the state and the wiring; each step,
 * the stopper and the result panels are plain functions of this context (steps/*.ts, result.ts),
 * and the status view is a module of its own, loaded when first shown (status-view.ts).
 */
import type { ConcernCategory, ConcernStatusView, District, LocalizedText } from '@proximite/contract';
import type { TemplateResult } from 'lit';
import type { LocalizeController } from '../kit/localize.js';
import type { ConcernMessages } from './concern-form.messages.js';
import type { FormState, Step } from './form-model.js';
import type { Emergency, FieldError } from './form-rules.js';

/** The GDPR notice of a deployment (each entry a string, or `{ fr, en }`). */
export interface PrivacyNotice {
  controller?: string | LocalizedText;
  purpose?: string | LocalizedText;
  legalBasis?: string | LocalizedText;
  retention?: string | LocalizedText;
  rights?: string | LocalizedText;
  dpo?: string | LocalizedText;
}

/** Where « Utiliser ma position » stands. */
export type Geo = 'idle' | 'locating' | 'set' | 'denied' | 'unavailable';

/** The form's messages, dates and numbers in the language shown; `pick` for texts from the data. */
export type FormLocalize = LocalizeController<ConcernMessages>;

/** What a step's render function reads and calls. */
export interface FormContext {
  localize: FormLocalize;
  form: FormState;
  step: Step;
  categories: readonly ConcernCategory[];
  /** The chosen category, once the categories are loaded. */
  category: ConcernCategory | undefined;
  districts: readonly District[];
  /** The emergency to show instead of going on, if an answer or the category calls for one. */
  emergency: Emergency | null;
  /** The recourse guide of a conduct-complaint category, once its module is loaded. */
  conductGuide: ((category: ConcernCategory) => TemplateResult) | undefined;
  /** The errors shown now (the summary and the fields). */
  errors: readonly FieldError[];
  /** Steps that were validated: only their fields carry `aria-invalid`. */
  validated: ReadonlySet<Step>;
  geo: Geo;
  privacy: PrivacyNotice | undefined;
  /** Every change the resident makes goes through here (the draft, live error clearing). */
  commit(next: FormState): void;
  /** The description changed (its length is announced at thresholds). */
  describe(value: string): void;
  /** « Utiliser ma position ». */
  locate(): void;
  /** « Retirer ma position ». */
  clearPosition(): void;
  /** « Modifier » on the review: that step, then back to the review. */
  edit(step: Step): void;
  /** A link of the error summary: to the field's step, focus on the field. */
  focusField(event: Event, error: FieldError): void;
}

/** Where the status lookup stands. */
export type Lookup =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; view: ConcernStatusView }
  | { kind: 'error'; message: string };

/** Where the resident's verdict (« Le problème est-il réglé ? ») stands. */
export type VerdictState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'error'; message: string };

/** What the resident chose and wrote for the verdict, before sending it. */
export interface VerdictDraft {
  resolved: boolean | undefined;
  comment: string;
  /** « Choisissez oui ou non » when sent with no choice. */
  error: string | undefined;
}

/** The address typed to receive a concern's news by e-mail (from the status view), and its error. */
export interface MailDraft {
  email: string;
  error: string | undefined;
}

/** A field of the status lookup that is not valid. */
export interface LookupError {
  field: 'reference' | 'token';
  message: string;
}
