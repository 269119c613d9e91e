/** Step « Lieu »: an address, the resident's position (on request only) or a district. */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { describedBy, errorFor, invalid, renderError } from '../fields.js';
import type { FormContext, FormLocalize } from '../form-context.js';
import type { FormState } from '../form-model.js';

/** « Position ajoutée (49,89412, 2,29577). », or '' without a position. */
export function positionText(localize: FormLocalize, form: FormState): string {
  const p = form.position;
  return p ? localize.t('positionSet', localize.number(p.lat), localize.number(p.lon)) : '';
}

export function renderLocationStep(ctx: FormContext): TemplateResult {
  const { localize, form, geo } = ctx;
  const geoMessage =
    geo === 'locating'
      ? localize.t('locating')
      : geo === 'denied'
        ? localize.t('positionDenied')
        : geo === 'unavailable'
          ? localize.t('positionUnavailable')
          : positionText(localize, form);
  return html`<fieldset class=${errorFor(ctx, 'address') ? 'has-error' : ''}>
    <legend class="step-legend">${localize.t('locationLegend')}</legend>
    <p class="hint" id="h-location">${localize.t('locationHint')}</p>
    ${renderError(ctx, 'address')}
    <div class="field">
      <label class="label" for="f-address">${localize.t('addressLabel')}</label>
      <span class="hint" id="h-address">${localize.t('addressHint')}</span>
      <input
        type="text"
        id="f-address"
        name="address"
        autocomplete="off"
        aria-describedby=${ifDefined(describedBy(ctx, 'address', 'h-location', 'h-address'))}
        aria-invalid=${ifDefined(invalid(ctx, 'address'))}
        .value=${live(form.address)}
        @input=${(e: Event) => ctx.commit({ ...ctx.form, address: (e.target as HTMLInputElement).value })}
      />
    </div>
    <div class="geo">
      ${
        form.position
          ? html`<button type="button" class="button button--secondary" @click=${() => ctx.clearPosition()}>
              ${localize.t('clearPosition')}
            </button>`
          : html`<button
              type="button"
              class="button button--secondary"
              ?disabled=${geo === 'locating'}
              @click=${() => ctx.locate()}
            >
              ${localize.t('usePosition')}
            </button>`
      }
      ${geoMessage ? html`<p id="geo-status">${geoMessage}</p>` : nothing}
    </div>
    ${
      ctx.districts.length
        ? html`<div class="field">
            <label class="label" for="f-district">${localize.t('districtLabel')}</label>
            <select
              id="f-district"
              name="district"
              @change=${(e: Event) => ctx.commit({ ...ctx.form, districtId: (e.target as HTMLSelectElement).value })}
            >
              <option value="" ?selected=${form.districtId === ''}>${localize.t('districtNone')}</option>
              ${ctx.districts.map(
                (d) => html`<option value=${d.id} ?selected=${form.districtId === d.id}>${d.name}</option>`,
              )}
            </select>
          </div>`
        : nothing
    }
  </fieldset>`;
}
