/**
 * Markup every part of <prox-concern-form> shares: the one error summary (the steps and the status
 * lookup), a field's error message, and the ids that tie labels, hints and errors together (W3C
 * technique ARIA21: `aria-invalid` only after validation, the message linked by `aria-describedby`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { errorText } from './form-view.messages.js';
import type { FormContext } from './form-context.js';
import type { Step } from './form-model.js';
import type { FieldError } from './form-rules.js';

/** The id of a field's input (`attr:<code>` → `f-attr-<code>`). */
export const inputId = (field: string) =>
  `f-${field.replace(/^attr:/, 'attr-').replace(/[^A-Za-z0-9_-]/g, '_')}`;
/** The id of a field's error message. */
export const errorId = (field: string) => `e-${inputId(field).slice(2)}`;
/** A space-separated id list without the absent ones; undefined when empty. */
export const ids = (...list: (string | false | undefined)[]) => list.filter(Boolean).join(' ') || undefined;

/** One link of an error summary. */
export interface SummaryItem {
  /** The id of the field it leads to. */
  target: string;
  message: string;
  /** Moves focus to the field (and to its step first, when it is on another). */
  follow: (event: Event) => void;
}

/**
 * The error summary: a box that takes focus (`#summary`), titled with the number of errors, with a
 * link to each field. The steps and the status lookup both use it.
 */
export function renderSummary(title: string, items: readonly SummaryItem[]): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<div class="summary" id="summary" part="summary" tabindex="-1" aria-labelledby="summary-title">
    <h3 id="summary-title">${title}</h3>
    <ul>
      ${items.map((item) => html`<li><a href=${`#${item.target}`} @click=${item.follow}>${item.message}</a></li>`)}
    </ul>
  </div>`;
}

/** A field's error message (`id` for its `aria-describedby`), prefixed « Erreur : » for screen readers. */
export function renderFieldMessage(id: string, prefix: string, message: string): TemplateResult {
  return html`<p class="error" id=${id}><span class="visually-hidden">${prefix}</span> ${message}</p>`;
}

/** The error of `field` shown now, if any. */
export function errorFor(ctx: FormContext, field: string): FieldError | undefined {
  return ctx.errors.find((e) => e.field === field);
}

/** A field error in the language shown. */
export function errorMessage(ctx: FormContext, error: FieldError): string {
  return errorText(error, ctx.localize.lang, (text) => ctx.localize.pick(text));
}

/** `aria-invalid`: absent before the step is validated, then `true` or `false`. */
export function invalid(
  ctx: FormContext,
  field: string,
  step: Step = ctx.step,
): 'true' | 'false' | undefined {
  if (!ctx.validated.has(step)) return undefined;
  return errorFor(ctx, field) ? 'true' : 'false';
}

/** The error message of `field`, or nothing. */
export function renderError(ctx: FormContext, field: string): TemplateResult | typeof nothing {
  const error = errorFor(ctx, field);
  return error
    ? renderFieldMessage(errorId(field), ctx.localize.t('errorPrefix'), errorMessage(ctx, error))
    : nothing;
}

/** `aria-describedby` of a field: its hints, then its error when it has one. */
export function describedBy(
  ctx: FormContext,
  field: string,
  ...extra: (string | false | undefined)[]
): string | undefined {
  return ids(...extra, errorFor(ctx, field) && errorId(field));
}

/** The steps' error summary. */
export function renderStepSummary(ctx: FormContext): TemplateResult | typeof nothing {
  return renderSummary(
    ctx.localize.t('errorSummaryTitle', ctx.errors.length),
    ctx.errors.map((error) => ({
      target: inputId(error.field),
      message: errorMessage(ctx, error),
      follow: (event: Event) => ctx.focusField(event, error),
    })),
  );
}
