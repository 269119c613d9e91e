/**
 * Every source cited by the rights content (keys are the ids items cite).
 *
 * Written from `rights-facts.md` (consulted 2026-11-22). Dates:
 * - `accessed`: when the source was read;
 * - `validUntil`: when it must be re-checked. Articles of the code de procédure pénale (CPP) stay
 *   numbered as they are until the recodification by ordonnance n° 2025-1091 enters into force
 *   (1 January 2029, possibly later), so CPP sources are valid until 2028-12-31. Other law sources
 *   are re-checked yearly, web pages and press every six months.
 *
 * Légifrance links point to the consolidated code (the article number is in the title) or to a
 * Légifrance search when the permanent text id was not recorded; replace them with article links
 * (LEGIARTI…) when re-checking.
 */
import type { RightsSource } from '@proximite/contract';

const ACCESSED = '2026-11-22';
/** CPP article numbers hold until the recodification (ordonnance 2025-1091) enters into force. */
const CPP_VALID_UNTIL = '2028-12-31';
/** Other legal texts: re-checked every year. */
const LAW_VALID_UNTIL = '2027-11-22';
/** Web pages, guides and press: re-checked every six months. */
const WEB_VALID_UNTIL = '2027-05-22';

const LEGIFRANCE = 'https://www.legifrance.gouv.fr';
const CPP = `${LEGIFRANCE}/codes/texte_lc/LEGITEXT000006071154`;
const CP = `${LEGIFRANCE}/codes/texte_lc/LEGITEXT000006070719`;
const CSI = `${LEGIFRANCE}/codes/texte_lc/LEGITEXT000025503132`;
const COJ = `${LEGIFRANCE}/codes/texte_lc/LEGITEXT000006071164`;
const CJPM = `${LEGIFRANCE}/codes/texte_lc/LEGITEXT000039086952`;
const search = (query: string): string =>
  `${LEGIFRANCE}/search/all?tab_selection=all&query=${encodeURIComponent(query)}`;
const servicePublic = (fiche: string): string =>
  `https://www.service-public.gouv.fr/particuliers/vosdroits/${fiche}`;

const cpp = (article: string): RightsSource => ({
  title: `Code de procédure pénale, art. ${article}`,
  url: CPP,
  kind: 'law',
  accessed: ACCESSED,
  validUntil: CPP_VALID_UNTIL,
});
const code = (title: string, url: string, kind: RightsSource['kind'] = 'law'): RightsSource => ({
  title,
  url,
  kind,
  accessed: ACCESSED,
  validUntil: LAW_VALID_UNTIL,
});
const web = (title: string, url: string, kind: RightsSource['kind']): RightsSource => ({
  title,
  url,
  kind,
  accessed: ACCESSED,
  validUntil: WEB_VALID_UNTIL,
});

export const rightsSources = {
  // Code de procédure pénale
  'cpp-15-3': cpp('15-3'),
  'cpp-15-3-1': cpp('15-3-1'),
  'cpp-15-3-1-1': cpp('15-3-1-1'),
  'cpp-21': cpp('21'),
  'cpp-40': cpp('40'),
  'cpp-62-2': cpp('62-2'),
  'cpp-63': cpp('63'),
  'cpp-63-1': cpp('63-1'),
  'cpp-63-2': cpp('63-2'),
  'cpp-63-3': cpp('63-3'),
  'cpp-63-4': cpp('63-3-1, 63-4, 63-4-1 et 63-4-2-1'),
  'cpp-706-88': cpp('706-88'),
  'cpp-73': cpp('73'),
  'cpp-78-1': cpp('78-1'),
  'cpp-78-2': cpp('78-2'),
  'cpp-78-2-2': cpp('78-2-2 à 78-2-4'),
  'cpp-78-3': cpp('78-3'),
  'cpp-78-6': cpp('78-6'),
  'cpp-803-5': cpp('803-5'),
  'cpp-85': cpp('85'),
  // Other codes
  'cp-222-13': code('Code pénal, art. 222-13', CP),
  'cp-223-1-1': code('Code pénal, art. 223-1-1', CP),
  'cp-226-10': code('Code pénal, art. 226-10', CP),
  'csi-r434-15': code('Code de la sécurité intérieure, art. R. 434-15', CSI, 'decree'),
  'csi-r434-16': code('Code de la sécurité intérieure, art. R. 434-16', CSI, 'decree'),
  'csi-l241-1': code('Code de la sécurité intérieure, art. L. 241-1 et L. 241-2', CSI),
  'csi-l511-1': code('Code de la sécurité intérieure, art. L. 511-1', CSI),
  'csi-r511-1': code('Code de la sécurité intérieure, art. R. 511-1', CSI, 'decree'),
  'csi-l511-2': code('Code de la sécurité intérieure, art. L. 511-2 et R. 511-2', CSI),
  'csi-l511-4': code('Code de la sécurité intérieure, art. L. 511-4', CSI),
  'csi-l511-5': code('Code de la sécurité intérieure, art. L. 511-5', CSI),
  'csi-l512-4': code('Code de la sécurité intérieure, art. L. 512-4', CSI),
  'csi-l513-1': code('Code de la sécurité intérieure, art. L. 513-1', CSI),
  'coj-l141-1': code("Code de l'organisation judiciaire, art. L. 141-1", COJ),
  'cjpm-l413-6': code('Code de la justice pénale des mineurs, art. L. 413-6 et suivants', CJPM),
  // Constitution, laws, decrees
  constitution: code(
    'Constitution du 4 octobre 1958, art. 66 et 71-1',
    `${LEGIFRANCE}/loda/id/JORFTEXT000000571356`,
  ),
  'lo-2011-333': code(
    'Loi organique n° 2011-333 du 29 mars 2011 relative au Défenseur des droits',
    `${LEGIFRANCE}/loda/id/JORFTEXT000023781167`,
  ),
  'loi-2017-86': code(
    'Loi n° 2017-86 du 27 janvier 2017, art. 211',
    search('loi n° 2017-86 du 27 janvier 2017'),
  ),
  'loi-2021-1109': code('Loi n° 2021-1109 du 24 août 2021', search('loi n° 2021-1109 du 24 août 2021')),
  'loi-2024-364': code('Loi n° 2024-364 du 22 avril 2024', search('loi n° 2024-364 du 22 avril 2024')),
  'ordonnance-2025-1091': code(
    'Ordonnance n° 2025-1091 du 19 novembre 2025 (partie législative du code de procédure pénale)',
    search('ordonnance n° 2025-1091'),
  ),
  'arrete-rio-2013': code(
    "Arrêté du 24 décembre 2013 relatif aux conditions et modalités de port du numéro d'identification individuel",
    search('arrêté du 24 décembre 2013 numéro d’identification individuel'),
    'decree',
  ),
  'arrete-carte-pm-2014': code(
    'Arrêté du 5 mai 2014 (carte professionnelle des agents de police municipale)',
    search('arrêté du 5 mai 2014 carte professionnelle police municipale'),
    'decree',
  ),
  'pjl-senat-97': web(
    'Projet de loi relatif à l’extension des prérogatives des polices municipales et des gardes champêtres (Sénat, n° 97, 2025-2026)',
    'https://www.senat.fr/dossiers-legislatifs.html',
    'official-site',
  ),
  // Case law
  'cc-2011-625-dc': code(
    'Conseil constitutionnel, décision n° 2011-625 DC du 10 mars 2011 (LOPPSI)',
    'https://www.conseil-constitutionnel.fr/decision/2011/2011625DC.htm',
    'case-law',
  ),
  'cc-2021-817-dc': code(
    'Conseil constitutionnel, décision n° 2021-817 DC du 20 mai 2021 (sécurité globale)',
    'https://www.conseil-constitutionnel.fr/decision/2021/2021817DC.htm',
    'case-law',
  ),
  'cc-2022-1025-qpc': code(
    'Conseil constitutionnel, décision n° 2022-1025 QPC du 25 novembre 2022',
    'https://www.conseil-constitutionnel.fr/decision/2022/20221025QPC.htm',
    'case-law',
  ),
  'ce-2023-467771': code(
    'Conseil d’État, Assemblée, 11 octobre 2023, n° 467771 (numéro RIO)',
    'https://www.conseil-etat.fr/fr/arianeweb/CE/decision/2023-10-11/467771',
    'case-law',
  ),
  'ce-2023-454836': code(
    'Conseil d’État, Assemblée, 11 octobre 2023, n° 454836 (action de groupe, contrôles discriminatoires)',
    'https://www.conseil-etat.fr/fr/arianeweb/CE/decision/2023-10-11/454836',
    'case-law',
  ),
  'cass-civ1-2016': code(
    'Cour de cassation, 1re chambre civile, 9 novembre 2016, n° 15-24.210',
    search('15-24.210'),
    'case-law',
  ),
  'cass-crim-1982': code(
    'Cour de cassation, chambre criminelle, 21 juillet 1982 (fouille = perquisition)',
    search('chambre criminelle 21 juillet 1982 fouille'),
    'case-law',
  ),
  'cedh-seydi-2025': code(
    'CEDH, Seydi et autres c. France, 26 juin 2025, n° 35844/17',
    'https://hudoc.echr.coe.int/fre#{%22appno%22:[%2235844/17%22]}',
    'case-law',
  ),
  // Official guides and sites
  'sp-f1036': web('Service-Public : Contrôle d’identité (F1036)', servicePublic('F1036'), 'official-guide'),
  'sp-f32041': web(
    'Service-Public : Palpation de sécurité et fouille (F32041)',
    servicePublic('F32041'),
    'official-guide',
  ),
  'sp-f2546': web(
    'Service-Public : Saisir le Défenseur des droits (F2546)',
    servicePublic('F2546'),
    'official-guide',
  ),
  ddd: web('Défenseur des droits', 'https://www.defenseurdesdroits.fr', 'official-site'),
  'ddd-seydi-2025': web(
    'Défenseur des droits, communiqué du 1er juillet 2025 sur l’arrêt Seydi et autres c. France',
    'https://www.defenseurdesdroits.fr',
    'official-site',
  ),
  'igpn-signalement': web(
    'Plateforme de signalement de l’IGPN (police nationale)',
    'https://moncommissariat.interieur.gouv.fr',
    'official-site',
  ),
  'iggn-signalement': web(
    'Plateforme de signalement de l’IGGN (gendarmerie), Ma Sécurité, mise à jour du 31 juillet 2025',
    'https://www.masecurite.interieur.gouv.fr',
    'official-site',
  ),
  'plainte-en-ligne': web(
    'Plainte en ligne (ministère de l’Intérieur)',
    'https://plainte-en-ligne.masecurite.interieur.gouv.fr',
    'official-site',
  ),
  masecurite: web(
    'Ma Sécurité (ministère de l’Intérieur)',
    'https://www.masecurite.interieur.gouv.fr',
    'official-site',
  ),
  'arcep-urgence': web(
    'Arcep : les numéros d’urgence',
    'https://www.arcep.fr/demarches-et-services/utilisateurs/les-numeros-durgence.html',
    'official-site',
  ),
  urgence114: web('Urgence 114', 'https://www.urgence114.fr', 'official-site'),
  'solidarite-femmes-3919': web(
    'Solidarité Femmes : 3919 Violences Femmes Info',
    'https://www.solidaritefemmes.org',
    'official-site',
  ),
  allo119: web('Allô 119, enfance en danger', 'https://www.allo119.gouv.fr', 'official-site'),
  'savoie-116006': web(
    'Préfecture de la Savoie : France Victimes 116 006',
    'https://www.savoie.gouv.fr',
    'official-site',
  ),
  'cour-comptes-2023': web(
    'Cour des comptes, rapport du 6 décembre 2023 (cité par doranges-avocat.fr et cnews.fr)',
    'https://www.ccomptes.fr',
    'press',
  ),
  // Press and secondary sources
  'maire-info-2017': web(
    'Maire-info, 27 avril 2017 : caméras-piétons lors des contrôles d’identité',
    'https://www.maire-info.com',
    'press',
  ),
  'notes-dgpn-filmer': web(
    'Note DGPN n° 2008-8433-D du 23 décembre 2008 et note DSPAP du 1er février 2018 (citées par laurent-mucchielli.org et ricochets.cc)',
    'https://www.laurent-mucchielli.org',
    'other',
  ),
  'sdpm-fouilles': web(
    'SDPM : palpations et inspections visuelles par la police municipale',
    'https://www.sdpm.net',
    'other',
  ),
  'iggn-rapport-2023': web(
    'Rapport annuel 2023 de l’IGGN (cité par pandore-gendarmerie.org)',
    'https://www.pandore-gendarmerie.org',
    'press',
  ),
  'rosato-avocats-2024': web(
    'Garde à vue : la réforme du 1er juillet 2024 (rosato-avocats.com)',
    'https://www.rosato-avocats.com',
    'other',
  ),
  'amf-masecurite': web(
    'AMF : Ma Sécurité, espace mineurs (20 novembre 2025)',
    'https://www.amf.asso.fr',
    'press',
  ),
  'lessor-masecurite': web('L’Essor : Ma Sécurité', 'https://lessor.org', 'press'),
} satisfies Record<string, RightsSource>;

/** A source id cited by the content. */
export type RightsSourceId = keyof typeof rightsSources;
