import { defineMessages } from '@proximite/widgets/kit/localize.js';

/** The shell's messages; each section has its own table, loaded with it. */
export const messages = defineMessages({
  fr: {
    skip: 'Aller au contenu',
    product: 'Proximité',
    productSub: 'console des agents',
    nav: 'Sections de la console',
    account: 'Compte',
    signedInAs: (name: string, role: string) => `${name} (${role})`,
    signOut: 'Se déconnecter',
    switchLang: 'English',
    switchLangLabel: 'Show the console in English',
    loadingSection: 'Chargement de la section…',
    sectionError: 'Cette section n’a pas pu être chargée.',
    retry: 'Réessayer',
    notFoundTitle: 'Page introuvable',
    notFound: 'Cette adresse ne correspond à aucune section de la console.',
    forbiddenTitle: 'Accès non autorisé',
    forbidden: 'Votre rôle ne permet pas d’ouvrir cette section.',
    backToInbox: 'Revenir aux signalements',
    noSource: 'Indiquez l’attribut api de la console, ou sa propriété client.',
    titleSuffix: 'Proximité — console',
    signInTitle: 'Connexion',
    checkingSession: 'Vérification de la session…',
    sessionUnreachable: 'La console ne parvient pas à joindre le serveur.',
    offlineSession: 'Hors ligne : la session sera vérifiée au retour du réseau.',
    signedOut: 'Vous êtes déconnecté.',
    signedInAgain: 'Vous êtes reconnecté : reprenez où vous en étiez.',
    expiredDialog: 'Session expirée',
    roleName: (role: string): string =>
      role === 'admin'
        ? 'administration'
        : role === 'coordinator'
          ? 'coordination'
          : role === 'agent'
            ? 'agent'
            : role === 'observer'
              ? 'observation'
              : role,
  },
  en: {
    skip: 'Skip to content',
    product: 'Proximité',
    productSub: 'staff console',
    nav: 'Console sections',
    account: 'Account',
    signedInAs: (name: string, role: string) => `${name} (${role})`,
    signOut: 'Sign out',
    switchLang: 'Français',
    switchLangLabel: 'Afficher la console en français',
    loadingSection: 'Loading the section…',
    sectionError: 'This section could not be loaded.',
    retry: 'Try again',
    notFoundTitle: 'Page not found',
    notFound: 'This address matches no section of the console.',
    forbiddenTitle: 'Not allowed',
    forbidden: 'Your role does not allow opening this section.',
    backToInbox: 'Back to the concerns',
    noSource: 'Set the console’s api attribute, or its client property.',
    titleSuffix: 'Proximité — console',
    signInTitle: 'Sign in',
    checkingSession: 'Checking the session…',
    sessionUnreachable: 'The console cannot reach the server.',
    offlineSession: 'Offline: the session will be checked when the network is back.',
    signedOut: 'You are signed out.',
    signedInAgain: 'You are signed in again: carry on where you were.',
    expiredDialog: 'Session expired',
    roleName: (role: string): string =>
      role === 'admin'
        ? 'administration'
        : role === 'coordinator'
          ? 'coordination'
          : role === 'agent'
            ? 'agent'
            : role === 'observer'
              ? 'observer'
              : role,
  },
});
