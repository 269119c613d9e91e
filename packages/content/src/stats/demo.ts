/**
 * Demo data shipped with Proximité: the real SSMSI figures of the Somme (80), and — clearly apart —
 * ILLUSTRATIVE municipal police activity counters that are not anyone's real figures.
 */
import type { ActivityCounter, StatsDataset } from '@proximite/contract';
import {
  LICENCE_OUVERTE_2,
  SSMSI_DATASET_PAGE,
  SSMSI_PUBLISHER,
  buildStatsDataset,
  type SsmsiRow,
} from './importer.js';
import { SOMME_SOURCE, sommeRecords } from './somme-80.data.js';

const rows: SsmsiRow[] = sommeRecords.map(([year, indicator, unit, count, rate, population], i) => ({
  line: i + 2,
  code: '80',
  year,
  indicator,
  unit,
  published: true,
  count,
  rate,
  population,
  populationVintage: null,
  dwellings: null,
  dwellingsVintage: null,
}));

/** Marks every demo counter, in the data itself: its source type and title say it is not real. */
export const DEMO_ACTIVITY_SOURCE: ActivityCounter['source'] = {
  type: 'demo',
  title:
    'Chiffres fictifs de démonstration, pas ceux de la police municipale d’Amiens ni d’aucune ville ' +
    '(illustrative demo figures, not the real figures of Amiens or any city)',
};

const counter = (metric: ActivityCounter['metric'], value: number, unit: string): ActivityCounter => ({
  metric,
  period: '2025',
  value,
  unit,
  source: { ...DEMO_ACTIVITY_SOURCE },
});

/**
 * Illustrative municipal police activity counters for 2025: round numbers chosen to show the widget,
 * NOT measured anywhere. Activity is not crime: these never mix with the SSMSI series.
 */
export const demoActivity: ActivityCounter[] = [
  counter('pm-interventions', 12000, 'interventions'),
  counter('pm-calls', 20000, 'appels'),
  counter('pm-tickets-traffic', 8000, 'avis de contravention'),
  counter('pm-tickets-parking', 15000, 'avis de contravention'),
  counter('pm-tickets-arretes', 600, 'avis de contravention'),
  counter('pm-tickets-video', 3000, 'avis de contravention'),
  counter('pm-impounds', 900, 'véhicules'),
  counter('pm-handed-to-opj', 250, 'personnes'),
  counter('cafes-held', 24, 'cafés'),
  counter('residents-met', 480, 'habitants'),
  counter('concerns-received', 320, 'signalements'),
  counter('concerns-resolved', 210, 'signalements'),
];

/**
 * The Somme (80), SSMSI departmental base, January 2026 edition: 18 indicators, 2016–2025 (2025
 * provisional until the July edition), population 565,413 — plus the illustrative
 * {@link demoActivity} counters. Provenance: {@link SOMME_SOURCE}, Licence Ouverte 2.0.
 */
export const demoStats: StatsDataset = {
  ...buildStatsDataset({ level: 'departement', geographyVintage: 2025 }, rows, {
    code: '80',
    name: 'Somme',
    provisionalYears: [2025],
    dataset: {
      id: 'ssmsi-delinquance',
      publisher: SSMSI_PUBLISHER,
      page: SSMSI_DATASET_PAGE,
      resource: SOMME_SOURCE,
      licence: { ...LICENCE_OUVERTE_2 },
      // Published 29 January 2026 (the file was produced on 22 January 2026).
      edition: '2026-01-29',
      geographyVintage: 2025,
      // When the sample was copied into this repository from the project's reference file.
      retrievedAt: '2026-11-22T02:46:00Z',
    },
  }),
  activity: demoActivity,
};
