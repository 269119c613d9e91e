import type { LocalizedTextLike } from '@proximite/widgets/kit/localize.js';

/** The statuses of a concern as staff read them, French first. */
export const STATUS_LABELS: Readonly<Record<string, LocalizedTextLike>> = {
  received: { fr: 'Reçu', en: 'Received' },
  'in-progress': { fr: 'En cours', en: 'In progress' },
  'action-scheduled': { fr: 'Intervention prévue', en: 'Action scheduled' },
  referred: { fr: 'Transmis', en: 'Referred' },
  'reopen-requested': { fr: 'Réouverture demandée', en: 'Reopening requested' },
  resolved: { fr: 'Résolu', en: 'Resolved' },
  closed: { fr: 'Clos', en: 'Closed' },
  duplicate: { fr: 'Doublon', en: 'Duplicate' },
  'not-responsible': { fr: 'Hors compétence', en: 'Not our responsibility' },
};

/** The label of a status (an unknown one, from a newer server, shows as it is). */
export function statusLabel(status: string): LocalizedTextLike {
  return STATUS_LABELS[status] ?? { fr: status, en: status };
}
