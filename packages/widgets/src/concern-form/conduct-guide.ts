/**
 * The recourse guide of <prox-concern-form>, shown when a resident wants to complain about a police
 * officer's or gendarme's conduct (a category with `conduct`): who to turn to — the IGPN, the IGGN,
 * the Défenseur des droits, the procureur, the mayor for the police municipale — as the rights
 * content's « Recours » topic says (packages/content/src/rights/topics/recourse.ts, with its
 * official sources). Such a complaint is never passed to the police: where the city has an
 * independent instance of its own (`conduct.instance`), the resident may write to it alone;
 * otherwise the form goes no further, like the emergency stopper.
 *
 * A module of its own, loaded the first time the category is chosen (most residents never do).
 */
import { html, type TemplateResult } from 'lit';
import type { ConcernCategory } from '@proximite/contract';
import type { FormLocalize } from './form-context.js';

type Lang = 'fr' | 'en';

interface Body {
  name: Record<Lang, string>;
  text: Record<Lang, string>;
  /** The official site (the rights content's source). */
  href?: string;
}

const BODIES: Body[] = [
  {
    name: { fr: 'IGPN — police nationale', en: 'IGPN — police nationale' },
    text: {
      fr: 'L’Inspection générale de la police nationale reçoit en ligne les signalements des victimes et des témoins. Le signalement n’est pas anonyme\u202f; ce n’est pas une plainte.',
      en: 'The police inspectorate takes online reports from victims and witnesses. A report is not anonymous; it is not a complaint.',
    },
    href: 'https://moncommissariat.interieur.gouv.fr',
  },
  {
    name: { fr: 'IGGN — gendarmerie', en: 'IGGN — gendarmerie' },
    text: {
      fr: 'L’Inspection générale de la gendarmerie nationale a sa propre plateforme de signalement, avec les mêmes règles.',
      en: 'The gendarmerie inspectorate has its own reporting platform, with the same rules.',
    },
    href: 'https://www.masecurite.interieur.gouv.fr',
  },
  {
    name: {
      fr: 'Défenseur des droits — toutes les polices',
      en: 'Défenseur des droits — every police force',
    },
    text: {
      fr: 'Une autorité indépendante, gratuite\u00a0: formulaire en ligne, courrier sans timbre (Défenseur des droits, Libre réponse 71120, 75342 Paris Cedex 07) ou un délégué près de chez vous.',
      en: 'An independent authority, free of charge: an online form, a letter without a stamp (Défenseur des droits, Libre réponse 71120, 75342 Paris Cedex 07) or a local delegate.',
    },
    href: 'https://www.defenseurdesdroits.fr',
  },
  {
    name: { fr: 'Procureur de la République', en: 'Public prosecutor (procureur de la République)' },
    text: {
      fr: 'Vous pouvez porter plainte, y compris par courrier au procureur. Saisir le Défenseur des droits ne suspend pas les délais pour agir en justice.',
      en: 'You can file a complaint, including by letter to the prosecutor. Going to the Défenseur des droits does not stop the time limits for legal action.',
    },
  },
  {
    name: { fr: 'Police municipale', en: 'Municipal police' },
    text: {
      fr: 'Elle agit sous l’autorité du maire\u00a0: vous pouvez aussi écrire au maire et au procureur.',
      en: 'It acts under the mayor’s authority: you can also write to the mayor and to the prosecutor.',
    },
  },
];

const TEXT = {
  fr: {
    title: 'Se plaindre du comportement d’un policier ou d’un gendarme',
    lead: 'Ce formulaire ne transmet jamais une telle plainte à la police. Vous pouvez vous adresser à\u00a0:',
    site: (name: string) => `Site officiel\u00a0: ${name}`,
    instance: (name: string) =>
      `La Ville a aussi une instance indépendante\u00a0: ${name}. Vous pouvez lui écrire avec ce formulaire\u00a0: seuls ses membres liront votre message, qui ne sera transmis à aucun service de police.`,
    blocked:
      'Ce formulaire ne peut pas transmettre cette plainte\u00a0: adressez-vous à l’un des organismes ci-dessus.',
    emergency: 'En cas d’urgence, appelez le 17 ou le 112.',
  },
  en: {
    title: 'Complaining about a police officer’s or gendarme’s conduct',
    lead: 'This form never passes such a complaint to the police. You can turn to:',
    site: (name: string) => `Official site: ${name}`,
    instance: (name: string) =>
      `The city also has an independent body: ${name}. You can write to it with this form: only its members will read your message, which will not be passed to any police service.`,
    blocked: 'This form cannot send this complaint: please turn to one of the bodies above.',
    emergency: 'In an emergency, call 17 or 112.',
  },
};

/**
 * The guide for `category` (which has `conduct`); its root is `#conduct-guide`, focusable, named by
 * its heading. `level` is the heading's level.
 */
export function renderConductGuide(
  localize: FormLocalize,
  category: ConcernCategory,
  level: 'h3' | 'h4' = 'h4',
): TemplateResult {
  const lang: Lang = localize.lang === 'en' ? 'en' : 'fr';
  const t = TEXT[lang];
  const instance = category.conduct?.instance;
  const heading =
    level === 'h3'
      ? html`<h3 id="conduct-guide-title">${t.title}</h3>`
      : html`<h4 id="conduct-guide-title">${t.title}</h4>`;
  return html`<div
    class="stopper conduct"
    id="conduct-guide"
    part="conduct-guide"
    role="region"
    aria-labelledby="conduct-guide-title"
    tabindex="-1"
  >
    ${heading}
    <p>${t.lead}</p>
    <ul class="bodies">
      ${BODIES.map(
        (b) =>
          html`<li>
            <strong>${b.name[lang]}</strong> — ${b.text[lang]}
            ${b.href ? html`<a href=${b.href}>${t.site(b.name[lang])}</a>` : ''}
          </li>`,
      )}
    </ul>
    <p>${t.emergency}</p>
    <p>
      <strong>${instance ? t.instance(localize.pick(instance.name)) : t.blocked}</strong>
    </p>
  </div>`;
}
