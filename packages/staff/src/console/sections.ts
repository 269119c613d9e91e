/**
 * The console's sections, in one table: each is a custom element in a module of its own, loaded
 * the first time it is shown (a lazy chunk of the bundle). A later section (cafés, priorities,
 * figures, content, settings…) is one more row here and a folder of its own; the shell and the
 * other sections do not change.
 */
import type { LocalizedTextLike } from '@proximite/widgets/kit/localize.js';

export interface SectionDefinition {
  /** The first segment of the route (`#/inbox`). */
  id: string;
  /** The custom element the module defines. */
  tag: string;
  /** The section's name in the navigation and in announcements, French first. */
  label: LocalizedTextLike;
  /** Listed in the navigation (a concern's page is reached from the inbox, not listed). */
  nav: boolean;
  /**
   * The navigation's group the section is listed in (a disclosure button opening its links); a
   * section without one, or alone in its group for the role signed in, is a link of its own.
   */
  group?: NavGroup;
  /** The permission needed to see the section (the contract's role → permission table). */
  permission?: string;
  /** Loads the module that defines `tag` (a dynamic import: its own chunk). */
  load: () => Promise<unknown>;
}

/** A group of the navigation: its id (for `aria-controls`) and its name, French first. */
export interface NavGroup {
  id: string;
  label: LocalizedTextLike;
}

/** Casework, meetings, publishing and settings: four groups keep the navigation on one line. */
const work: NavGroup = { id: 'work', label: { fr: 'Traitement', en: 'Casework' } };
const meetings: NavGroup = { id: 'meetings', label: { fr: 'Rencontres', en: 'Meetings' } };
const publishing: NavGroup = { id: 'publishing', label: { fr: 'Publication', en: 'Publishing' } };
const settings: NavGroup = { id: 'settings', label: { fr: 'Réglages', en: 'Settings' } };
/** The groups in the navigation's order (a section's row may come anywhere in the table). */
export const navGroups: readonly NavGroup[] = [work, meetings, publishing, settings];

export const sections: readonly SectionDefinition[] = [
  {
    id: 'inbox',
    tag: 'prox-staff-inbox',
    label: { fr: 'Signalements', en: 'Concerns' },
    nav: true,
    group: work,
    permission: 'concerns:read',
    load: () => import('../inbox/define.js'),
  },
  {
    id: 'concern',
    tag: 'prox-staff-concern',
    label: { fr: 'Signalement', en: 'Concern' },
    nav: false,
    permission: 'concerns:read',
    load: () => import('../concern/define.js'),
  },
  {
    id: 'cafes',
    tag: 'prox-staff-cafes',
    label: { fr: 'Cafés et rencontres', en: 'Cafés and meetings' },
    nav: true,
    group: meetings,
    permission: 'cafes:write',
    load: () => import('../cafes/define.js'),
  },
  {
    id: 'deliveries',
    tag: 'prox-staff-deliveries',
    label: { fr: 'Envois', en: 'Deliveries' },
    nav: true,
    group: work,
    permission: 'concerns:triage',
    load: () => import('../deliveries/define.js'),
  },
  {
    // Every signed-in account may read the log (observers included: they are its outside reviewers).
    id: 'audit',
    tag: 'prox-staff-audit',
    label: { fr: 'Journal d’audit', en: 'Audit log' },
    nav: true,
    group: settings,
    load: () => import('../audit/define.js'),
  },
  {
    id: 'figures',
    tag: 'prox-staff-figures',
    label: { fr: 'Chiffres d’activité', en: 'Activity figures' },
    nav: true,
    group: publishing,
    permission: 'stats:write',
    load: () => import('../figures/define.js'),
  },
  {
    id: 'field',
    tag: 'prox-staff-field',
    label: { fr: 'Mode café', en: 'Café mode' },
    nav: true,
    group: meetings,
    permission: 'concerns:triage',
    load: () => import('../field/define.js'),
  },
  {
    id: 'priorities',
    tag: 'prox-staff-priorities',
    label: { fr: 'Priorités', en: 'Priorities' },
    nav: true,
    group: publishing,
    permission: 'content:write',
    load: () => import('../priorities/define.js'),
  },
  {
    id: 'services',
    tag: 'prox-staff-services',
    label: { fr: 'Services', en: 'Services' },
    nav: true,
    group: settings,
    permission: 'services:write',
    load: () => import('../services/define.js'),
  },
  {
    id: 'staff',
    tag: 'prox-staff-accounts',
    label: { fr: 'Comptes', en: 'Accounts' },
    nav: true,
    group: settings,
    permission: 'staff:write',
    load: () => import('../staff/define.js'),
  },
  {
    id: 'templates',
    tag: 'prox-staff-templates',
    label: { fr: 'Modèles de réponse', en: 'Response templates' },
    nav: true,
    group: settings,
    permission: 'content:write',
    load: () => import('../templates/define.js'),
  },
  {
    id: 'content',
    tag: 'prox-staff-content',
    label: { fr: 'Contenus', en: 'Content' },
    nav: true,
    group: publishing,
    permission: 'content:write',
    load: () => import('../content/define.js'),
  },
];

/** The section of an id, if the table has one. */
export function findSection(table: readonly SectionDefinition[], id: string): SectionDefinition | undefined {
  return table.find((s) => s.id === id);
}
