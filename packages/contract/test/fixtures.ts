/** Realistic fixtures: Amiens (Saint-Leu) cafés, a concern about dépôts sauvages, rights, Somme stats. */
import type { Cafe, CafeInput } from '../src/cafes.js';
import type { ConcernCategory, ConcernInput, ConcernReceipt, ConcernStatusView } from '../src/concerns.js';
import type { Priority } from '../src/priorities.js';
import type { RightsContent } from '../src/rights.js';
import type { StatsDataset } from '../src/stats.js';

export const cafeSaintLeu: Cafe = {
  id: 'cafe-2026-05-12-saint-leu',
  title: { fr: 'Un café avec un policier — Saint-Leu', en: 'Coffee with a police officer — Saint-Leu' },
  description: {
    fr: 'Rencontre informelle avec la police municipale et la police nationale, place du Don.',
    'fr-falc': 'Venez parler avec des policiers. C’est gratuit.',
  },
  start: '2026-05-12T17:30:00+02:00',
  end: '2026-05-12T19:00:00+02:00',
  timeZone: 'Europe/Paris',
  allDay: false,
  place: { name: 'Place du Don', address: 'Place du Don, 80000 Amiens', lat: 49.8953, lon: 2.3003 },
  districtId: 'saint-leu',
  mode: 'in-person',
  organizer: { name: 'Ville d’Amiens', role: 'Direction de la tranquillité publique' },
  accessibility: { fr: 'Place pavée, accès en fauteuil par la rue Motte.' },
  languages: ['fr', 'en'],
  status: 'scheduled',
  sequence: 0,
  updatedAt: '2026-04-20T09:12:00+02:00',
  url: 'https://www.amiens.fr/agenda/cafe-policier-saint-leu',
};

export const cafeOnlineCancelled: Cafe = {
  ...cafeSaintLeu,
  id: 'cafe-2026-06-02-visio',
  title: { fr: 'Café policier en visio' },
  start: '2026-06-02T18:00:00+02:00',
  end: '2026-06-02T19:00:00+02:00',
  place: { name: 'En ligne', address: 'Visioconférence' },
  districtId: null,
  mode: 'hybrid',
  onlineUrl: 'https://visio.amiens.fr/cafe-policier',
  status: 'cancelled',
  sequence: 2,
};

export const cafeInput: CafeInput = {
  title: { fr: 'Un café avec un policier — quai Bélu' },
  start: '2026-07-07T17:00:00+02:00',
  end: '2026-07-07T18:30:00+02:00',
  timeZone: 'Europe/Paris',
  place: { name: 'Quai Bélu', address: 'Quai Bélu, 80000 Amiens', lat: 49.8961, lon: 2.3007 },
  districtId: 'saint-leu',
  mode: 'in-person',
  organizer: { name: 'Police municipale d’Amiens' },
  languages: ['fr'],
};

export const depotsSauvages: ConcernCategory = {
  code: 'depots-sauvages',
  label: { fr: 'Dépôts sauvages', en: 'Illegal dumping' },
  group: { fr: 'Propreté', en: 'Cleanliness' },
  description: { fr: 'Déchets, encombrants ou gravats abandonnés sur la voie publique.' },
  service: { id: 'proprete-urbaine', name: { fr: 'Propreté urbaine', en: 'Street cleaning' } },
  fields: [
    {
      code: 'volume',
      label: { fr: 'Volume', en: 'Volume' },
      datatype: 'singlevaluelist',
      required: true,
      order: 1,
      values: [
        { key: 'sac', name: { fr: 'Quelques sacs' } },
        { key: 'encombrants', name: { fr: 'Encombrants' } },
        { key: 'amiante', name: { fr: 'Matériaux pouvant contenir de l’amiante' } },
      ],
      stopper: {
        whenValue: 'amiante',
        message: { fr: 'Ne touchez pas aux déchets. Appelez le 17 si un danger est immédiat.' },
      },
    },
  ],
};

export const violencesCategory: ConcernCategory = {
  code: 'violences',
  label: { fr: 'Violences en cours' },
  service: { id: 'police-nationale', name: { fr: 'Police nationale' } },
  emergency: {
    message: { fr: 'En cas d’urgence, appelez le 17 ou le 112 (SMS : 114).' },
    numbers: ['17', '112', '114'],
  },
  fields: [],
};

export const concernInput: ConcernInput = {
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants sont déposés chaque semaine au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', lat: 49.8957, lon: 2.3011, districtId: 'saint-leu' },
  attributes: { volume: 'encombrants' },
  lang: 'fr',
  honeypot: '',
  formStartedAt: '2026-05-12T19:05:00+02:00',
};

export const receipt: ConcernReceipt = {
  reference: 'PRX-7K3M-Q9AB',
  statusToken: 'k3t9Qw7ZpX2vN8rT4mL6yB1c',
  service: depotsSauvages.service,
  status: 'received',
  submittedAt: '2026-05-12T19:07:31+02:00',
  statusUrl: 'https://proximite.amiens.fr/v1/concerns/PRX-7K3M-Q9AB?token=k3t9Qw7ZpX2vN8rT4mL6yB1c',
};

export const statusView: ConcernStatusView = {
  reference: 'PRX-7K3M-Q9AB',
  categoryCode: 'depots-sauvages',
  service: depotsSauvages.service,
  status: 'action-scheduled',
  submittedAt: '2026-05-12T19:07:31+02:00',
  updatedAt: '2026-05-14T08:30:00+02:00',
  updates: [
    {
      id: 'u1',
      at: '2026-05-14T08:30:00+02:00',
      status: 'action-scheduled',
      text: { fr: 'Enlèvement prévu le 16 mai ; une caméra nomade sera installée.' },
    },
  ],
};

export const priority: Priority = {
  id: 'prio-2026-03',
  issue: { fr: 'Dépôts sauvages récurrents rue Motte', en: 'Repeated illegal dumping, rue Motte' },
  action: { fr: 'Collecte hebdomadaire et verbalisation de 4 dépôts en mai.' },
  issueDate: '2026-03-10',
  actionDate: '2026-05-20',
  status: 'done',
  districtId: 'saint-leu',
  sources: { concernReferences: ['PRX-7K3M-Q9AB'], cafeIds: ['cafe-2026-05-12-saint-leu'] },
};

export const rights: RightsContent = {
  schemaVersion: '1.0',
  jurisdiction: 'FR',
  locales: ['fr', 'en'],
  lastReviewed: '2026-11-22',
  reviewBy: '2027-06-30',
  disclaimer: {
    fr: 'Information générale, pas un conseil juridique.',
    en: 'General information, not legal advice.',
  },
  sources: {
    'cpp-78-3': {
      title: 'CPP art. 78-3',
      url: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006575017',
      kind: 'law',
      accessed: '2026-11-22',
      validUntil: '2028-12-31',
    },
    urgence114: {
      title: '114 — numéro d’urgence',
      url: 'https://www.urgence114.fr/',
      kind: 'official-site',
      accessed: '2026-11-22',
    },
  },
  topics: [
    {
      id: 'identity-checks',
      title: { fr: 'Contrôle d’identité', en: 'Identity checks' },
      appliesTo: ['police-nationale', 'gendarmerie', 'police-municipale'],
      legalNotice: true,
      sections: [
        {
          id: 'verification',
          title: { fr: 'Vérification d’identité', en: 'Identity verification' },
          items: [
            {
              id: 'max-4h',
              text: {
                fr: 'La retenue ne peut excéder 4 heures (8 h à Mayotte).',
                en: 'You may be held at most 4 hours (8 in Mayotte).',
              },
              sources: ['cpp-78-3'],
              status: 'in-force',
              confidence: 'verified',
              reviewNote: null,
            },
          ],
        },
      ],
    },
  ],
  contacts: [
    {
      id: '114',
      number: '114',
      label: { fr: 'Urgences sourds/malentendants', en: 'Emergency (deaf/hard of hearing)' },
      channels: ['sms', 'fax', 'app', 'video'],
      hours: '24/7',
      free: true,
      emergency: true,
      sources: ['urgence114'],
    },
  ],
  localContacts: [
    {
      id: 'pm-amiens',
      kind: 'police-municipale',
      name: 'Police municipale d’Amiens',
      address: 'Square Friant-les-Quatre-Chênes, 80000 Amiens',
      phone: '+33 3 22 97 40 40',
      hours: '24/7',
    },
  ],
};

export const sommeStats: StatsDataset = {
  schemaVersion: '1.0',
  dataset: {
    id: 'ssmsi-delinquance',
    publisher: 'SSMSI – Ministère de l’Intérieur',
    page: 'https://www.data.gouv.fr/datasets/621df2954fa5a3b5a023e23c',
    resource: 'donnee-dep-data.gouv-2025-geographie2025-produit-le2026-01-22.csv',
    licence: { id: 'lov2', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence' },
    edition: '2026-01-29',
    geographyVintage: 2025,
    retrievedAt: '2026-02-03T10:00:00Z',
  },
  area: {
    level: 'departement',
    code: '80',
    name: 'Somme',
    population: { value: 565413, vintage: null },
    zoneCompetence: null,
    compareWith: [{ level: 'france', code: 'FR' }],
  },
  series: [
    {
      indicatorId: 'cambriolages-logement',
      sourceLabel: 'Cambriolages de logement',
      label: { fr: 'Cambriolages de logement', en: 'Residential burglaries' },
      unitOfCount: 'infraction',
      rate: { per: 1000, denominator: 'dwellings' },
      placeBasis: 'offence',
      additiveAcrossAreas: true,
      points: [
        { year: 2023, count: 1099, rate: 3.55, published: true, suppression: null },
        { year: 2024, count: 1192, rate: 3.85, published: true, suppression: null },
        { year: 2025, count: 1118, rate: 3.61, published: true, suppression: null, provisional: true },
      ],
    },
    {
      indicatorId: 'violences-sexuelles',
      sourceLabel: 'Violences sexuelles',
      label: { fr: 'Violences sexuelles', en: 'Sexual violence' },
      unitOfCount: 'victime',
      rate: { per: 1000, denominator: 'residents' },
      placeBasis: 'offence',
      additiveAcrossAreas: true,
      points: [
        { year: 2024, count: 1401, rate: 2.48, published: true, suppression: null },
        { year: 2025, count: null, rate: null, published: false, suppression: 'ndiff' },
      ],
    },
  ],
  caveats: [
    'recorded-not-actual',
    'place-of-offence',
    'ndiff-not-zero',
    'no-cross-unit-sum',
    'series-break-2025-violence',
  ],
  activity: [
    {
      source: {
        type: 'city-report',
        title: 'Rapport d’activité PM',
        url: 'https://www.amiens.fr/rapport-pm-2025.pdf',
      },
      period: '2025',
      metric: 'pm-interventions',
      value: null,
      unit: 'intervention',
    },
  ],
};

/** A deep copy, to mutate fixtures safely in tests. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
