import { defineMessages } from './localize.js';

/** Messages every widget shares: loading, empty and error states (never a server's own words). */
export const kitMessages = defineMessages({
  fr: {
    loading: 'Chargement…',
    empty: 'Rien à afficher pour l’instant.',
    errorTitle: 'Le contenu n’a pas pu être chargé.',
    retry: 'Réessayer',
    offline: 'Vous semblez hors ligne.',
    unreachable: 'Le service ne répond pas pour le moment.',
    unavailable: 'Le service est momentanément indisponible.',
    notFound: 'Ces informations ne sont pas disponibles.',
    unreadable: 'Les informations reçues sont illisibles.',
  },
  en: {
    loading: 'Loading…',
    empty: 'Nothing to show yet.',
    errorTitle: 'The content could not be loaded.',
    retry: 'Try again',
    offline: 'You seem to be offline.',
    unreachable: 'The service is not answering right now.',
    unavailable: 'The service is temporarily unavailable.',
    notFound: 'This information is not available.',
    unreadable: 'The information received could not be read.',
  },
});
