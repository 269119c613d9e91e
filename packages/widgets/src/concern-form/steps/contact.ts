/** Step « Contact »: anonymous by default; contact details only when asked for; the data notice. */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { LocalizedText } from '@proximite/contract';
import { describedBy, errorFor, invalid, renderError } from '../fields.js';
import type { FormContext, PrivacyNotice } from '../form-context.js';
import type { FormState } from '../form-model.js';

/** The notice's entries that have no default and were not set (for the console, not for residents). */
export function missingPrivacy(notice: PrivacyNotice | undefined): string[] {
  return (['controller', 'retention', 'dpo'] as const).filter((key) => notice?.[key] === undefined);
}

function renderPrivacy(ctx: FormContext): TemplateResult {
  const { localize } = ctx;
  const notice = ctx.privacy ?? {};
  const value = (v: string | LocalizedText | undefined, fallback = '') =>
    v === undefined ? fallback : typeof v === 'string' ? v : localize.pick(v);
  // An entry with neither a value nor a default is left out (the element warns in the console).
  const rows = [
    [localize.t('privacyController'), value(notice.controller)],
    [localize.t('privacyPurpose'), value(notice.purpose, localize.t('privacyDefaultPurpose'))],
    [localize.t('privacyLegalBasis'), value(notice.legalBasis, localize.t('privacyDefaultLegalBasis'))],
    [localize.t('privacyRetention'), value(notice.retention)],
    [localize.t('privacyRights'), value(notice.rights, localize.t('privacyDefaultRights'))],
    [localize.t('privacyDpo'), value(notice.dpo)],
  ].filter(([, def]) => def);
  return html`<section class="privacy" aria-labelledby="privacy-title">
    <h4 id="privacy-title">${localize.t('privacyTitle')}</h4>
    <slot name="privacy">
      <dl>
        ${rows.map(
          ([term, def]) =>
            html`<dt>${term}</dt>
              <dd>${def}</dd>`,
        )}
      </dl>
    </slot>
  </section>`;
}

export function renderContactStep(ctx: FormContext): TemplateResult {
  const { localize, form } = ctx;
  const c = form.contact;
  const wants = form.contactChoice === 'contact';
  const setContact = (key: keyof FormState['contact'], value: string) =>
    ctx.commit({ ...ctx.form, contact: { ...ctx.form.contact, [key]: value } });
  const input = (key: 'name' | 'email' | 'phone', type: string, autocomplete: string, label: string) =>
    html`<div class="field ${errorFor(ctx, key) ? 'has-error' : ''}">
      <label class="label" for=${`f-${key}`}
        >${label} <span class="tag">(${localize.t('optional')})</span></label
      >
      ${renderError(ctx, key)}
      <input
        id=${`f-${key}`}
        name=${key}
        type=${type}
        autocomplete=${autocomplete}
        aria-describedby=${ifDefined(describedBy(ctx, key, key !== 'name' && 'h-contact'))}
        aria-invalid=${ifDefined(invalid(ctx, key))}
        .value=${live(c[key])}
        @input=${(e: Event) => setContact(key, (e.target as HTMLInputElement).value)}
      />
    </div>`;
  const choice = (value: 'anonymous' | 'contact', label: string, hint: string) =>
    html`<label class="choice">
      <input
        type="radio"
        name="contactChoice"
        id=${`f-contact-${value}`}
        .value=${value}
        .checked=${live(form.contactChoice === value)}
        aria-describedby=${`h-contact-${value}`}
        @change=${() => ctx.commit({ ...ctx.form, contactChoice: value })}
      />
      <span class="text"
        ><span>${label}</span><span class="hint" id=${`h-contact-${value}`}>${hint}</span></span
      >
    </label>`;
  return html`<fieldset>
      <legend class="step-legend">${localize.t('contactLegend')}</legend>
      ${choice('anonymous', localize.t('stayAnonymous'), localize.t('stayAnonymousHint'))}
      ${choice('contact', localize.t('beContacted'), localize.t('beContactedHint'))}
    </fieldset>
    ${
      wants
        ? html`<fieldset>
            <legend>${localize.t('beContacted')}</legend>
            <p class="hint" id="h-contact">${localize.t('contactHint')}</p>
            ${input('name', 'text', 'name', localize.t('nameLabel'))}
            ${input('email', 'email', 'email', localize.t('emailLabel'))}
            <label class="choice">
              <input
                type="checkbox"
                id="f-updates"
                name="updates"
                .checked=${live(c.updates === true)}
                aria-describedby="h-updates"
                @change=${(e: Event) =>
                  ctx.commit({
                    ...ctx.form,
                    contact: { ...ctx.form.contact, updates: (e.target as HTMLInputElement).checked },
                  })}
              />
              <span class="text"
                ><span>${localize.t('updatesLabel')}</span
                ><span class="hint" id="h-updates">${localize.t('updatesHint')}</span></span
              >
            </label>
            ${input('phone', 'tel', 'tel', localize.t('phoneLabel'))}
            <fieldset>
              <legend>${localize.t('preferredLegend')}</legend>
              ${(['', 'email', 'phone'] as const).map(
                (p) =>
                  html`<label class="choice">
                    <input
                      type="radio"
                      name="preferred"
                      .value=${p}
                      .checked=${live(c.preferred === p)}
                      @change=${() => setContact('preferred', p)}
                    />
                    <span class="text"
                      >${localize.t(p === '' ? 'preferredNone' : p === 'email' ? 'emailLabel' : 'phoneLabel')}</span
                    >
                  </label>`,
              )}
            </fieldset>
          </fieldset>`
        : nothing
    }
    ${renderPrivacy(ctx)}`;
}
