/**
 * The SSMSI indicators (open-data.md PART 2 A): the official French label of each one, its stable
 * kebab-case id, an English label, its unit of count, the denominator of its rate, the place the
 * offence is counted at and whether counts add up across areas.
 */
import type { StatsSeries } from '@proximite/contract';

export interface IndicatorInfo {
  id: string;
  /** The label in the current SSMSI files. */
  sourceLabel: string;
  label: { fr: string; en: string };
  unitOfCount: StatsSeries['unitOfCount'];
  denominator: 'residents' | 'dwellings';
  placeBasis: StatsSeries['placeBasis'];
  additiveAcrossAreas: boolean;
  /** Other labels the same indicator had in earlier files. */
  aliases?: readonly string[];
}

const info = (
  id: string,
  sourceLabel: string,
  en: string,
  unitOfCount: IndicatorInfo['unitOfCount'],
  extra: Partial<IndicatorInfo> = {},
): IndicatorInfo => ({
  id,
  sourceLabel,
  label: { fr: sourceLabel, en },
  unitOfCount,
  denominator: 'residents',
  placeBasis: 'offence',
  additiveAcrossAreas: true,
  ...extra,
});

const drugs = { additiveAcrossAreas: false } as const;

/** In the order of the official files (commune: 15 indicators; département adds 3). */
export const INDICATORS: readonly IndicatorInfo[] = [
  info('homicides', 'Homicides', 'Homicides', 'victime'),
  info('tentatives-homicide', "Tentatives d'homicide", 'Attempted homicides', 'victime'),
  info(
    'violences-physiques-intrafamiliales',
    'Violences physiques intrafamiliales',
    'Physical violence within the family',
    'victime',
  ),
  info(
    'violences-physiques-hors-famille',
    'Violences physiques hors cadre familial',
    'Physical violence outside the family',
    'victime',
  ),
  info('violences-sexuelles', 'Violences sexuelles', 'Sexual violence', 'victime'),
  info('vols-avec-armes', 'Vols avec armes', 'Armed robbery', 'infraction'),
  info('vols-violents-sans-arme', 'Vols violents sans arme', 'Violent theft without a weapon', 'infraction'),
  info(
    'vols-sans-violence-personnes',
    'Vols sans violence contre des personnes',
    'Theft from persons without violence',
    'victime-entendue',
  ),
  info('cambriolages-logement', 'Cambriolages de logement', 'Residential burglary', 'infraction', {
    denominator: 'dwellings',
  }),
  info('vols-vehicules', 'Vols de véhicule', 'Vehicle theft', 'vehicule', { aliases: ['Vols de véhicules'] }),
  info('vols-dans-vehicules', 'Vols dans les véhicules', 'Theft from vehicles', 'vehicule'),
  info(
    'vols-accessoires-vehicules',
    "Vols d'accessoires sur véhicules",
    'Theft of vehicle parts',
    'vehicule',
  ),
  info(
    'destructions-degradations',
    'Destructions et dégradations volontaires',
    'Criminal damage',
    'infraction',
  ),
  info('usage-stupefiants', 'Usage de stupéfiants', 'Drug use', 'mis-en-cause', drugs),
  info(
    'usage-stupefiants-afd',
    'Usage de stupéfiants (AFD)',
    'Drug use (fixed fine, AFD)',
    'mis-en-cause',
    drugs,
  ),
  info(
    'usage-stupefiants-hors-afd',
    'Usage de stupéfiants (hors AFD)',
    'Drug use (excluding fixed fines)',
    'mis-en-cause',
    drugs,
  ),
  info('trafic-stupefiants', 'Trafic de stupéfiants', 'Drug trafficking', 'mis-en-cause', drugs),
  info(
    'escroqueries',
    'Escroqueries et fraudes aux moyens de paiement',
    'Fraud and payment fraud',
    'victime',
    { placeBasis: 'victim-residence', aliases: ['Escroqueries'] },
  ),
  // Pre-2025 files only: replaced in July 2025 by the two "violences physiques" indicators.
  info(
    'coups-blessures-volontaires',
    'Coups et blessures volontaires',
    'Assault (former series, before 2025)',
    'victime',
  ),
  info(
    'coups-blessures-volontaires-intrafamiliaux',
    'Coups et blessures volontaires intrafamiliaux',
    'Domestic assault (former series, before 2025)',
    'victime',
  ),
  info(
    'autres-coups-blessures-volontaires',
    'Autres coups et blessures volontaires',
    'Other assault (former series, before 2025)',
    'victime',
  ),
];

/** Indicators concerned by the July 2025 series break of violence figures. */
export const VIOLENCE_INDICATORS: ReadonlySet<string> = new Set([
  'violences-physiques-intrafamiliales',
  'violences-physiques-hors-famille',
  'coups-blessures-volontaires',
  'coups-blessures-volontaires-intrafamiliaux',
  'autres-coups-blessures-volontaires',
]);

/** Lower case, no accents, straight apostrophes, single spaces: how labels and headers are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2019\u2018`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** `Vols d'accessoires sur véhicules` → `vols-d-accessoires-sur-vehicules`. */
export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const byLabel = new Map<string, IndicatorInfo>();
for (const indicator of INDICATORS) {
  for (const label of [indicator.sourceLabel, ...(indicator.aliases ?? [])])
    byLabel.set(fold(label), indicator);
}

/** The indicator of an official label, or undefined for a label this version does not know. */
export function findIndicator(sourceLabel: string): IndicatorInfo | undefined {
  return byLabel.get(fold(sourceLabel));
}

/** The order an indicator id takes in {@link INDICATORS} (unknown ids after every known one). */
export function indicatorOrder(id: string): number {
  const index = INDICATORS.findIndex((indicator) => indicator.id === id);
  return index === -1 ? INDICATORS.length : index;
}

const UNITS: Record<string, StatsSeries['unitOfCount']> = {
  victime: 'victime',
  infraction: 'infraction',
  'victime entendue': 'victime-entendue',
  vehicule: 'vehicule',
  'mis en cause': 'mis-en-cause',
};

/** `Victime entendue`, `victimes entendues`, `Véhicule` → the contract's unit ids; unknown → slug. */
export function normalizeUnit(sourceUnit: string): StatsSeries['unitOfCount'] {
  const singular = fold(sourceUnit)
    .split(' ')
    .map((word) => (word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word))
    .join(' ');
  return UNITS[singular] ?? slugify(sourceUnit);
}
