/** The emergency stopper: what to call instead of sending (17, 112, 114 by text), never a way on. */
import { html, type TemplateResult } from 'lit';
import { emergencyHref } from '../form-model.js';
import type { Emergency } from '../form-rules.js';
import type { FormLocalize } from '../form-context.js';

/** The stopper of `emergency`, with `tel:` and `sms:` links; `level` is its heading's level. */
export function renderStopper(
  localize: FormLocalize,
  emergency: Emergency,
  level: 'h3' | 'h4' = 'h3',
): TemplateResult {
  const title = localize.t('emergencyTitle');
  const message = localize.pick(emergency.message);
  // The category's message often repeats the numbers the heading already gives: drop that sentence.
  const [first = '', ...others] = message.split(/(?<=[.!])\s+/);
  const rest = /\b17\b/.test(first) && /\b112\b/.test(first) ? others.join(' ') : message;
  const heading = level === 'h3' ? html`<h3>${title}</h3>` : html`<h4>${title}</h4>`;
  return html`<div class="stopper" id="stopper" part="stopper" role="alert" tabindex="-1">
    ${heading}
    <p>${rest || localize.t('emergencyLead')}</p>
    <ul class="numbers">
      ${emergency.numbers.map((n) => {
        const href = emergencyHref(n);
        return html`<li>
          <a class="button" href=${href}
            >${href.startsWith('sms:') ? localize.t('text', n) : localize.t('call', n)}</a
          >
        </li>`;
      })}
    </ul>
    <p><strong>${localize.t('emergencyBlocked')}</strong></p>
  </div>`;
}
