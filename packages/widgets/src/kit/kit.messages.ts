import { defineMessages } from './localize.js';

/** Messages every widget shares: loading, empty and error states. */
export const kitMessages = defineMessages({
  fr: {
    loading: 'Chargement…',
    empty: 'Rien à afficher pour l’instant.',
    errorTitle: 'Le contenu n’a pas pu être chargé.',
    retry: 'Réessayer',
    offline: 'Vous semblez hors ligne.',
  },
  en: {
    loading: 'Loading…',
    empty: 'Nothing to show yet.',
    errorTitle: 'The content could not be loaded.',
    retry: 'Try again',
    offline: 'You seem to be offline.',
  },
});
