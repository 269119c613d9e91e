import { html, nothing, type TemplateResult } from 'lit';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { clockIcon } from '../shared/icons.js';

/** The busy state of a section's data: a status region with `aria-busy`. */
export function loadingState(label: string): TemplateResult {
  return html`<div class="state" role="status" aria-busy="true">${clockIcon} ${label}</div>`;
}

/** The error state: an alert with what went wrong and a button to load again. */
export function errorState(
  title: string,
  error: unknown,
  kit: Parameters<typeof describeError>[1],
  retryLabel: string,
  retry: () => void,
): TemplateResult {
  const detail = describeError(error, kit);
  return html`<div class="state state--error" role="alert">
    <p class="state__title">${title}</p>
    ${detail ? html`<p>${detail}</p>` : nothing}
    <button type="button" class="button" @click=${retry}>${retryLabel}</button>
  </div>`;
}

/** The empty state. */
export function emptyState(message: string): TemplateResult {
  return html`<div class="state"><p>${message}</p></div>`;
}
