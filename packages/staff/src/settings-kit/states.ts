import { html, nothing, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
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

/**
 * A settings section's body for its data: the error state (with « Recharger ») when the load
 * failed, the busy state until `value` is there, then `content(value)`. `t` reads the section's own
 * `errorTitle`, `reload` and `loading` texts.
 */
export function dataBody<V>(
  task: { status: TaskStatus; error?: unknown },
  value: V | undefined,
  content: (value: V) => unknown,
  t: (key: 'errorTitle' | 'reload' | 'loading') => string,
  kit: Parameters<typeof describeError>[1],
  retry: () => void,
): unknown {
  if (task.status === TaskStatus.ERROR)
    return errorState(t('errorTitle'), task.error, kit, t('reload'), retry);
  return value === undefined ? loadingState(t('loading')) : content(value);
}
