/**
 * "Who do I contact?": from what happened and which force was involved to the bodies to contact,
 * with the warnings to show. Pure data and functions, no DOM (table-tested in guide.test.ts).
 *
 * Facts behind the table (rights-facts.md § 7): the IGPN covers only the police nationale, the IGGN
 * only the gendarmerie; the Défenseur des droits covers every security force, municipal police and
 * private security included; municipal police answer to the mayor, and their agrément is given by
 * the préfet and the procureur; a criminal complaint can always be sent to the procureur.
 */

/** What happened. */
export const SITUATIONS = ['mistreated', 'complaint-refused', 'witness'] as const;
export type Situation = (typeof SITUATIONS)[number];

/** Who was involved. */
export const GUIDE_FORCES = [
  'police-nationale',
  'gendarmerie',
  'police-municipale',
  'private-security',
  'unknown',
] as const;
export type GuideForce = (typeof GUIDE_FORCES)[number];

export type Body = 'igpn' | 'iggn' | 'defenseur-des-droits' | 'mayor' | 'procureur';
export type GuideWarning =
  'emergency' | 'report-not-complaint' | 'complaint-must-be-received' | 'no-deadline-suspension';

export interface GuideAnswer {
  bodies: Body[];
  warnings: GuideWarning[];
}

/** The bodies competent for each force, in the order they are suggested. */
export const BODIES_BY_FORCE: Readonly<Record<GuideForce, readonly Body[]>> = {
  'police-nationale': ['igpn', 'defenseur-des-droits'],
  gendarmerie: ['iggn', 'defenseur-des-droits'],
  'police-municipale': ['defenseur-des-droits', 'mayor', 'procureur'],
  'private-security': ['defenseur-des-droits'],
  // The Défenseur des droits is competent whatever the force.
  unknown: ['defenseur-des-droits'],
};

/**
 * The content item (topic id, item id) that explains each body, with its sources; the widget shows
 * it under the body's name so every statement of the guide stays sourced.
 */
export const BODY_ITEMS: Readonly<Record<Body, readonly [topicId: string, itemId: string]>> = {
  igpn: ['recourse', 'igpn'],
  iggn: ['recourse', 'iggn'],
  'defenseur-des-droits': ['recourse', 'scope'],
  mayor: ['recourse', 'mayor'],
  procureur: ['recourse', 'procureur'],
};

/**
 * What a resident can do with each body: its primary action — a link to the body's online form or
 * site, from the content's `sources` (`source`) or `contacts` (`contact`), or, with neither, a
 * sentence — and the kinds of the city's local contacts to show with it (the Défenseur des droits'
 * local delegate, the mairie, a point-justice that helps write to the procureur).
 */
export interface BodyAction {
  source?: string;
  contact?: string;
  local: readonly string[];
}

export const BODY_ACTIONS: Readonly<Record<Body, BodyAction>> = {
  // The IGPN's and IGGN's online reporting platforms.
  igpn: { source: 'igpn-signalement', local: [] },
  iggn: { source: 'iggn-signalement', local: [] },
  // Online, by post, or with a local delegate (free).
  'defenseur-des-droits': {
    contact: 'defenseur-des-droits',
    local: ['defenseur-des-droits-delegue', 'maison-justice-droit', 'point-justice'],
  },
  // Municipal police answer to the mayor: the mairie's and the municipal police's addresses.
  mayor: { local: ['mairie', 'police-municipale'] },
  // A complaint by post to the procureur; a point-justice or victim support helps write it.
  procureur: { local: ['point-justice', 'maison-justice-droit', 'victim-support'] },
};

export function isSituation(value: unknown): value is Situation {
  return (SITUATIONS as readonly unknown[]).includes(value);
}

export function isGuideForce(value: unknown): value is GuideForce {
  return (GUIDE_FORCES as readonly unknown[]).includes(value);
}

/**
 * The bodies to contact and the warnings to show. A victim (mistreated, complaint refused) can also
 * file a criminal complaint with the procureur; a witness is pointed to the oversight bodies.
 * Warnings: always the emergency numbers; an IGPN/IGGN report is not a complaint; a complaint must
 * be received; contacting the Défenseur des droits does not suspend court deadlines.
 */
export function whoToContact(situation: Situation, force: GuideForce): GuideAnswer {
  const bodies = [...BODIES_BY_FORCE[force]];
  if (situation !== 'witness' && !bodies.includes('procureur')) bodies.push('procureur');
  const warnings: GuideWarning[] = ['emergency'];
  if (bodies.includes('igpn') || bodies.includes('iggn')) warnings.push('report-not-complaint');
  if (situation === 'complaint-refused') warnings.push('complaint-must-be-received');
  if (bodies.includes('defenseur-des-droits')) warnings.push('no-deadline-suspension');
  return { bodies, warnings };
}
