import { defineMessages } from '@proximite/widgets/kit/localize.js';

export const messages = defineMessages({
  fr: {
    title: 'Envois',
    intro:
      'Chaque message envoyé à un service ou à un habitant, ses essais et son état. Les envois en échec sont en tête de liste.',
    filters: 'Filtrer les envois',
    status: 'État',
    any: 'Tous',
    service: 'Service',
    concern: 'Signalement (référence)',
    apply: 'Filtrer',
    clear: 'Effacer les filtres',
    statusLabel: (status: string): string =>
      ({
        pending: 'En attente',
        sending: 'En cours d’envoi',
        sent: 'Envoyé',
        failed: 'En échec',
        held: 'Retenu',
      })[status] ?? status,
    methodLabel: (method: string): string =>
      ({ email: 'Courriel', webhook: 'Webhook', open311: 'Open311' })[method] ?? method,
    eventLabel: (event: string): string =>
      ({
        'concern.created': 'Nouveau signalement',
        'concern.routed': 'Signalement transmis',
        'concern.updated': 'Suivi du signalement',
        'staff.link': 'Lien de compte',
        'delivery.failure-summary': 'Résumé des échecs',
      })[event] ?? event,
    caption: 'Journal des envois, du plus récent au plus ancien',
    captionPinned: (n: number) =>
      `Journal des envois : ${n} en échec en tête, puis du plus récent au plus ancien`,
    message: 'Message',
    destination: 'Destinataire',
    attempts: 'Essais',
    lastError: 'Dernière erreur',
    when: 'Quand',
    actions: 'Actions',
    created: (at: string) => `Créé le ${at}`,
    sentAt: (at: string) => `Envoyé le ${at}`,
    nextAt: (at: string) => `Prochain essai le ${at}`,
    giveUpAt: (at: string) => `Abandon le ${at}`,
    none: '—',
    retry: 'Réessayer',
    retryOf: (what: string) => `Réessayer l’envoi : ${what}`,
    retried: (what: string) => `Envoi relancé : ${what}.`,
    retryFailed: (why: string) => `L’envoi n’a pas pu être relancé. ${why}`,
    conflict: 'Il a déjà été envoyé, ou un essai est en cours.',
    loading: 'Chargement des envois…',
    empty: 'Aucun envoi pour l’instant.',
    emptyFiltered: 'Aucun envoi ne correspond à ces filtres.',
    errorTitle: 'Les envois n’ont pas pu être chargés.',
    reload: 'Réessayer le chargement',
    loaded: (n: number, failed: number) =>
      n === 0
        ? 'Aucun envoi.'
        : `${n} envoi${n > 1 ? 's' : ''} chargé${n > 1 ? 's' : ''}` +
          (failed ? `, dont ${failed} en échec.` : '.'),
    count: (n: number, failed: number) =>
      `${n} envoi${n > 1 ? 's' : ''} affiché${n > 1 ? 's' : ''}` + (failed ? ` — ${failed} en échec` : ''),
    paging: 'Pages',
    next: 'Page suivante',
    first: 'Première page',
  },
  en: {
    title: 'Deliveries',
    intro:
      'Every message sent to a service or a resident, its attempts and where it stands. Failed sends come first.',
    filters: 'Filter the deliveries',
    status: 'State',
    any: 'Any',
    service: 'Service',
    concern: 'Concern (reference)',
    apply: 'Filter',
    clear: 'Clear the filters',
    statusLabel: (status: string): string =>
      ({ pending: 'Waiting', sending: 'Sending', sent: 'Sent', failed: 'Failed', held: 'Held' })[status] ??
      status,
    methodLabel: (method: string): string =>
      ({ email: 'E-mail', webhook: 'Webhook', open311: 'Open311' })[method] ?? method,
    eventLabel: (event: string): string =>
      ({
        'concern.created': 'New concern',
        'concern.routed': 'Concern handed over',
        'concern.updated': 'Concern follow-up',
        'staff.link': 'Account link',
        'delivery.failure-summary': 'Failure summary',
      })[event] ?? event,
    caption: 'Delivery log, newest first',
    captionPinned: (n: number) => `Delivery log: ${n} failed first, then newest first`,
    message: 'Message',
    destination: 'Recipient',
    attempts: 'Attempts',
    lastError: 'Last error',
    when: 'When',
    actions: 'Actions',
    created: (at: string) => `Created ${at}`,
    sentAt: (at: string) => `Sent ${at}`,
    nextAt: (at: string) => `Next attempt ${at}`,
    giveUpAt: (at: string) => `Gives up ${at}`,
    none: '—',
    retry: 'Retry',
    retryOf: (what: string) => `Retry the delivery: ${what}`,
    retried: (what: string) => `Delivery retried: ${what}.`,
    retryFailed: (why: string) => `The delivery could not be retried. ${why}`,
    conflict: 'It was already sent, or an attempt is under way.',
    loading: 'Loading the deliveries…',
    empty: 'No delivery yet.',
    emptyFiltered: 'No delivery matches these filters.',
    errorTitle: 'The deliveries could not be loaded.',
    reload: 'Load again',
    loaded: (n: number, failed: number) =>
      n === 0
        ? 'No delivery.'
        : `${n} deliver${n > 1 ? 'ies' : 'y'} loaded` + (failed ? `, ${failed} failed.` : '.'),
    count: (n: number, failed: number) =>
      `${n} deliver${n > 1 ? 'ies' : 'y'} shown` + (failed ? ` — ${failed} failed` : ''),
    paging: 'Pages',
    next: 'Next page',
    first: 'First page',
  },
});
