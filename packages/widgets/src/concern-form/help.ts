/**
 * « Who else to turn to »: the emergency numbers (17, 112, 114 by text) and the city's human contact,
 * shown wherever the form cannot help (its error and empty states, a report refused or not sent).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizedText } from '@proximite/contract';
import { isSafeUrl } from '@proximite/contract/checks.js';
import type { FormLocalize } from './form-context.js';
import { EMERGENCY_NUMBERS, emergencyHref } from './form-model.js';

/** A human contact of the deployment (the `contact` attribute, JSON). */
export interface HelpContact {
  /** Who: « Mairie d’Amiens — accueil », or `{ fr, en }`. */
  name: string | LocalizedText;
  /** A phone number, as residents dial it. */
  phone?: string;
  email?: string;
  /** A page with a contact form or the desk's address (https:). */
  url?: string;
  /** Opening hours, as text. */
  hours?: string | LocalizedText;
}

export function renderHelp(localize: FormLocalize, contact: HelpContact | undefined): TemplateResult {
  const text = (v: string | LocalizedText | undefined) => (typeof v === 'string' ? v : localize.pick(v));
  const phone = contact?.phone?.replace(/[^+\d]/g, '');
  const link = (href: string | undefined, label: string) =>
    href && isSafeUrl(href) ? html`<li><a href=${href}>${label}</a></li>` : nothing;
  return html`<div class="help">
    <p><strong>${localize.t('helpEmergency')}</strong></p>
    <ul class="help__links">
      ${EMERGENCY_NUMBERS.map((n) => {
        const href = emergencyHref(n);
        return link(href, href.startsWith('sms:') ? localize.t('text', n) : localize.t('call', n));
      })}
    </ul>
    ${
      contact
        ? html`<p>
              <strong>${localize.t('helpCity')}</strong> ${text(contact.name)}${
                contact.hours ? html` (${text(contact.hours)})` : nothing
              }
            </p>
            <ul class="help__links">
              ${link(phone && `tel:${phone}`, localize.t('call', contact.phone ?? ''))}
              ${link(contact.email && `mailto:${contact.email}`, contact.email ?? '')}
              ${link(contact.url, localize.t('helpSite'))}
            </ul>`
        : html`<p>${localize.t('helpDefault')}</p>`
    }
  </div>`;
}
