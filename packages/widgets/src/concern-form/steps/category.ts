/**
 * Step « Catégorie »: the categories in their groups, the stopper of an emergency category, and the
 * recourse guide of a conduct-complaint category (conduct-guide.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { describedBy, errorFor, invalid, renderError } from '../fields.js';
import type { FormContext } from '../form-context.js';
import { groupCategories } from '../form-rules.js';
import { renderStopper } from './stopper.js';

export function renderCategoryStep(ctx: FormContext): TemplateResult {
  const { localize, form, emergency } = ctx;
  let first = true;
  return html`<fieldset
    class=${errorFor(ctx, 'category') ? 'has-error' : ''}
    aria-describedby=${ifDefined(describedBy(ctx, 'category'))}
  >
    <legend class="step-legend">${localize.t('categoryLegend')}</legend>
    ${renderError(ctx, 'category')}
    ${groupCategories(ctx.categories).map(
      (group) =>
        html`<fieldset class="group">
          <legend>${group.group ? localize.pick(group.group) : localize.t('otherGroup')}</legend>
          ${group.categories.map((category) => {
            const id = first ? 'f-category' : `f-category-${category.code}`;
            first = false;
            const hint = category.description ? `h-category-${category.code}` : undefined;
            return html`<label class="choice">
                <input
                  type="radio"
                  name="category"
                  id=${id}
                  .value=${category.code}
                  .checked=${live(form.categoryCode === category.code)}
                  aria-describedby=${ifDefined(hint)}
                  aria-invalid=${ifDefined(invalid(ctx, 'category'))}
                  @change=${() => ctx.commit({ ...ctx.form, categoryCode: category.code })}
                />
                <span class="text"
                  ><span>${localize.pick(category.label)}</span> ${
                    hint
                      ? html`<span class="hint" id=${hint}>${localize.pick(category.description)}</span>`
                      : nothing
                  }</span
                >
              </label>
              ${
                emergency?.source === 'category' && form.categoryCode === category.code
                  ? renderStopper(localize, emergency, 'h4')
                  : nothing
              }${
                category.conduct && form.categoryCode === category.code && ctx.conductGuide
                  ? ctx.conductGuide(category)
                  : nothing
              }`;
          })}
        </fieldset>`,
    )}
  </fieldset>`;
}
