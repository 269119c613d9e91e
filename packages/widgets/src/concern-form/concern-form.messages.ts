/** What residents read in the concern form, French first and English beside it. */
import { defineMessages } from '../kit/localize.js';
import type { ViewMessages } from './form-view.messages.js';

// What the form shows before its view's chunk has loaded (issue 21: the first view): its title,
// the switch between reporting and following, and whom to call when it cannot load. Everything
// else is in form-view.messages.ts, loaded with the steps.
const fr = {
  title: 'Signaler une préoccupation',
  statusTitle: 'Suivre un signalement',
  /** French puts a (no-break) space before a colon; English does not. */
  colon: '\u00a0: ',
  noCategories: 'Aucune catégorie n’est disponible pour le moment.',
  call: (n: string) => `Appeler le ${n}`,
  text: (n: string) => `Envoyer un SMS au ${n}`,
  helpEmergency: 'Urgence ou danger immédiat\u00a0:',
  helpCity: 'Pour joindre la ville\u00a0:',
  helpDefault: 'Vous pouvez aussi vous adresser à l’accueil de votre mairie.',
  helpSite: 'Contacter en ligne',
  switchToStatus: 'Suivre un signalement existant',
  switchToForm: 'Faire un signalement',
};

export const messages = defineMessages({
  fr,
  en: {
    title: 'Report a concern',
    statusTitle: 'Follow a report',
    colon: ': ',
    noCategories: 'No category is available at the moment.',
    call: (n: string) => `Call ${n}`,
    text: (n: string) => `Text ${n}`,
    helpEmergency: 'Emergency or immediate danger:',
    helpCity: 'To reach the city:',
    helpDefault: 'You can also ask at your town hall’s front desk.',
    helpSite: 'Contact online',
    switchToStatus: 'Follow an existing report',
    switchToForm: 'Make a report',
  },
});

/** Every message of the form: the first view's and the view chunk's (one table once both loaded). */
export type ConcernMessages = typeof fr & ViewMessages;
