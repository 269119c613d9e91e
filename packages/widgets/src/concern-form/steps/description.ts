/** Step « Description »: what is happening, with a character count announced at thresholds. */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { MAX_DESCRIPTION_LENGTH } from '@proximite/contract/checks.js';
import { describedBy, errorFor, invalid, renderError } from '../fields.js';
import type { FormContext, FormLocalize } from '../form-context.js';

/** « 1 200 caractères restants » / « 3 caractères de trop ». */
export function countText(localize: FormLocalize, length: number): string {
  const left = MAX_DESCRIPTION_LENGTH - length;
  return left >= 0 ? localize.t('charsLeft', left) : localize.t('charsOver', -left);
}

export function renderDescriptionStep(ctx: FormContext): TemplateResult {
  const { localize } = ctx;
  const length = ctx.form.description.length;
  return html`<div class="field ${errorFor(ctx, 'description') ? 'has-error' : ''}">
    <label class="label" for="f-description"
      >${localize.t('descriptionLabel')} <span class="tag">(${localize.t('required')})</span></label
    >
    <span class="hint" id="h-description">${localize.t('descriptionHint')}</span>
    ${renderError(ctx, 'description')}
    <textarea
      id="f-description"
      name="description"
      rows="6"
      aria-required="true"
      aria-describedby=${ifDefined(describedBy(ctx, 'description', 'h-description', 'c-description'))}
      aria-invalid=${ifDefined(invalid(ctx, 'description'))}
      .value=${live(ctx.form.description)}
      @input=${(e: Event) => ctx.describe((e.target as HTMLTextAreaElement).value)}
    ></textarea>
    <p class="count ${length > MAX_DESCRIPTION_LENGTH ? 'over' : ''}" id="c-description">
      ${countText(localize, length)}
    </p>
  </div>`;
}
