/** Step « Précisions »: the category's own questions (text, number, date, single or multiple choice). */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { CategoryField } from '@proximite/contract';
import { describedBy, errorFor, inputId, invalid, renderError } from '../fields.js';
import type { FormContext } from '../form-context.js';
import type { Answer } from '../form-model.js';
import { answersFor, fieldKey, setAnswer, sortedFields } from '../form-rules.js';
import { renderStopper } from './stopper.js';

function renderField(ctx: FormContext, field: CategoryField, answer: Answer | undefined): TemplateResult {
  const { localize } = ctx;
  const key = fieldKey(field.code);
  const id = inputId(key);
  const label = localize.pick(field.label);
  const hint = field.description ? `h-${id.slice(2)}` : undefined;
  const tag = html` <span class="tag">(${localize.t(field.required ? 'required' : 'optional')})</span>`;
  const ariaInvalid = invalid(ctx, key);
  const described = describedBy(ctx, key, hint);
  const set = (value: Answer) => ctx.commit(setAnswer(ctx.form, field.code, value));
  const text = typeof answer === 'string' ? answer : '';
  const list = Array.isArray(answer) ? answer : [];
  const hintEl = hint
    ? html`<span class="hint" id=${hint}>${localize.pick(field.description)}</span>`
    : nothing;
  const stopper = ctx.emergency?.field === key ? renderStopper(localize, ctx.emergency, 'h4') : nothing;
  const wrap = (content: unknown) =>
    html`<div class="field ${errorFor(ctx, key) ? 'has-error' : ''}">${content}</div>
      ${stopper}`;

  if (field.datatype === 'singlevaluelist' || field.datatype === 'multivaluelist') {
    const multi = field.datatype === 'multivaluelist';
    return wrap(
      html`<fieldset aria-describedby=${ifDefined(described)}>
        <legend>${label}${tag}</legend>
        ${hintEl} ${renderError(ctx, key)}
        ${(field.values ?? []).map(
          (v, i) =>
            html`<label class="choice">
              <input
                type=${multi ? 'checkbox' : 'radio'}
                name=${id}
                id=${i === 0 ? id : `${id}-${i}`}
                .value=${v.key}
                .checked=${live(multi ? list.includes(v.key) : text === v.key)}
                aria-invalid=${ifDefined(ariaInvalid)}
                @change=${(e: Event) => {
                  const checked = (e.target as HTMLInputElement).checked;
                  if (!multi) set(v.key);
                  else
                    set(
                      checked ? [...list.filter((k) => k !== v.key), v.key] : list.filter((k) => k !== v.key),
                    );
                }}
              />
              <span class="text">${localize.pick(v.name)}</span>
            </label>`,
        )}
      </fieldset>`,
    );
  }
  const onInput = (e: Event) => set((e.target as HTMLInputElement | HTMLTextAreaElement).value);
  const control =
    field.datatype === 'text'
      ? html`<textarea
          id=${id}
          name=${id}
          rows="4"
          aria-required=${field.required ? 'true' : 'false'}
          aria-describedby=${ifDefined(described)}
          aria-invalid=${ifDefined(ariaInvalid)}
          .value=${live(text)}
          @input=${onInput}
        ></textarea>`
      : html`<input
          id=${id}
          name=${id}
          type=${field.datatype === 'datetime' ? 'date' : 'text'}
          inputmode=${ifDefined(field.datatype === 'number' ? 'decimal' : undefined)}
          aria-required=${field.required ? 'true' : 'false'}
          aria-describedby=${ifDefined(described)}
          aria-invalid=${ifDefined(ariaInvalid)}
          .value=${live(text)}
          @input=${onInput}
        />`;
  return wrap(
    html`<label class="label" for=${id}>${label}${tag}</label> ${hintEl} ${renderError(ctx, key)} ${control}`,
  );
}

export function renderDetailsStep(ctx: FormContext): TemplateResult {
  const answers = answersFor(ctx.form, ctx.form.categoryCode);
  return html`<fieldset>
    <legend class="step-legend">${ctx.localize.t('detailsLegend')}</legend>
    ${sortedFields(ctx.category).map((field) => renderField(ctx, field, answers[field.code]))}
  </fieldset>`;
}
