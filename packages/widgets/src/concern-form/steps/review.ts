/** Step « Vérification »: everything the resident gave, each with « Modifier ». */
import { html, nothing, type TemplateResult } from 'lit';
import type { FormContext } from '../form-context.js';
import { stepsFor, type Answer, type Step } from '../form-model.js';
import { answersFor, sortedFields } from '../form-rules.js';

export function renderReviewStep(ctx: FormContext): TemplateResult {
  const { localize, form: f, category } = ctx;
  const district = ctx.districts.find((d) => d.id === f.districtId)?.name ?? f.districtId;
  const where = [f.address.trim(), f.position ? localize.t('positionShort') : '', district]
    .filter(Boolean)
    .join(' — ');
  const answers = answersFor(f, f.categoryCode);
  const details = sortedFields(category)
    .filter((field) => answers[field.code] !== undefined && String(answers[field.code]) !== '')
    .map((field) => {
      const a = answers[field.code] as Answer;
      const name = (k: string) => localize.pick(field.values?.find((v) => v.key === k)?.name) || k;
      const value = Array.isArray(a) ? a.map(name).join(', ') : field.values ? name(a) : a;
      return localize.t('answerPair', localize.pick(field.label), value);
    })
    .join('\n');
  const contact =
    f.contactChoice === 'contact'
      ? [f.contact.name, f.contact.email, f.contact.phone].filter((s) => s.trim()).join(', ')
      : localize.t('anonymous');
  const item = (step: Step, value: string) =>
    html`<div class="review-item">
      <dt>${localize.t(`step_${step}`)}</dt>
      <dd class="edit">
        <button
          type="button"
          class="link-button"
          aria-label=${`${localize.t('edit')}${localize.t('colon')}${localize.t(`step_${step}`)}`}
          @click=${() => ctx.edit(step)}
        >
          ${localize.t('edit')}
        </button>
      </dd>
      <dd class="value">${value || localize.t('none')}</dd>
    </div>`;
  return html`<p>${localize.t('reviewLead')}</p>
    <dl>
      ${item('category', category ? localize.pick(category.label) : '')} ${item('description', f.description)}
      ${item('location', where)}
      ${stepsFor(category).includes('details') ? item('details', details) : nothing}
      ${item('contact', contact)}
    </dl>`;
}
