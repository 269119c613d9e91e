/**
 * Residents' rights towards the police, sourced and dated, in French and English with an easy-read
 * (FALC) version of the essentials. Written from rights-facts.md (consulted 2026-11-22).
 *
 * Import `rightsContent` for the whole bilingual document (what `GET /v1/rights` serves, before the
 * city's overrides), `rightsFor(lang)` for one language, and `checkRightsContent` for the content check.
 */
import type { RightsContent } from '@proximite/contract';
import { rightsContacts } from './contacts.js';
import { pickRightsLanguage, type RightsLang } from './per-language.js';
import { rightsSources } from './sources.js';
import { filingAComplaint } from './topics/filing-a-complaint.js';
import { filmingPolice } from './topics/filming-police.js';
import { identityChecks } from './topics/identity-checks.js';
import { municipalPolice } from './topics/municipal-police.js';
import { policeCustody } from './topics/police-custody.js';
import { recourse } from './topics/recourse.js';
import { rioAndReceipt } from './topics/rio-and-receipt.js';
import { searches } from './topics/searches.js';

export const rightsContent: RightsContent = {
  schemaVersion: '1.0',
  jurisdiction: 'FR',
  locales: ['fr', 'en'],
  lastReviewed: '2026-11-22',
  reviewBy: '2027-05-22',
  disclaimer: {
    fr: 'Information générale, ne constitue pas un conseil juridique. Pour votre situation : avocat, point-justice ou Défenseur des droits.',
    en: 'General information, not legal advice. For your own situation: a lawyer, a point-justice (free legal information point) or the Défenseur des droits.',
  },
  sources: rightsSources,
  topics: [
    identityChecks,
    rioAndReceipt,
    filmingPolice,
    searches,
    policeCustody,
    filingAComplaint,
    recourse,
    municipalPolice,
  ],
  contacts: rightsContacts,
};

/** The rights content in one language (see {@link pickRightsLanguage} for what is kept). */
export function rightsFor(lang: RightsLang, content: RightsContent = rightsContent): RightsContent {
  return pickRightsLanguage(content, lang);
}

export { pickRightsLanguage, type RightsLang } from './per-language.js';
export { checkRightsContent, type RightsContentIssue } from './check.js';
