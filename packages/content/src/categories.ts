/**
 * The default concern categories of Proximité: what residents can report, the questions each
 * category asks (Open311 service-definition attributes) and the service it is routed to.
 * A city replaces the services with its own; the codes are stable (Open311 `service_code`).
 * No question asks for personal data (no plate numbers, no names of neighbours).
 */
import type { CategoryField, ConcernCategory, EmergencyStopper, LocalizedText } from '@proximite/contract';

/** The emergency stopper: the form does not submit and points to the numbers. */
export const emergencyStopper: EmergencyStopper = {
  message: {
    fr: 'Urgence : appelez le 17 ou le 112 (114 par SMS). Ce formulaire n’est pas suivi en temps réel.',
    en: 'Emergency: call 17 or 112 (114 by text message). This form is not monitored in real time.',
    'fr-falc': 'C’est urgent ? Appelez le 17 ou le 112. Vous pouvez aussi envoyer un SMS au 114.',
  },
  numbers: ['17', '112', '114'],
};

const emergencyMessage: LocalizedText = emergencyStopper.message;

const yesNo = [
  { key: 'oui', name: { fr: 'Oui', en: 'Yes' } },
  { key: 'non', name: { fr: 'Non', en: 'No' } },
];

function recurrent(order: number): CategoryField {
  return {
    code: 'recurrent',
    label: { fr: 'Est-ce que cela se répète ?', en: 'Does it happen repeatedly?' },
    datatype: 'singlevaluelist',
    required: false,
    order,
    values: [
      { key: 'premiere-fois', name: { fr: 'C’est la première fois', en: 'First time' } },
      { key: 'parfois', name: { fr: 'De temps en temps', en: 'From time to time' } },
      { key: 'souvent', name: { fr: 'Souvent', en: 'Often' } },
    ],
  };
}

/** "Is someone in danger right now?" — answering yes shows the emergency stopper. */
function dangerNow(order: number): CategoryField {
  return {
    code: 'danger-immediat',
    label: {
      fr: 'Quelqu’un est-il en danger en ce moment ?',
      en: 'Is anyone in danger right now?',
    },
    datatype: 'singlevaluelist',
    required: true,
    order,
    values: yesNo,
    stopper: { whenValue: 'oui', message: emergencyMessage },
  };
}

const mediation = {
  id: 'mediation',
  name: {
    fr: 'Médiation de voisinage (conciliateur de justice)',
    en: 'Neighbour mediation (court conciliator)',
  },
};
const policeMunicipale = {
  id: 'police-municipale',
  name: { fr: 'Police municipale', en: 'Municipal police' },
};
const proprete = {
  id: 'proprete-urbaine',
  name: { fr: 'Propreté urbaine — Amiens Métropole', en: 'Street cleaning — Amiens Métropole' },
};
const hygiene = {
  id: 'hygiene-sante',
  name: { fr: 'Service communal d’hygiène et de santé', en: 'Municipal health and hygiene service' },
};
const voirie = {
  id: 'voirie',
  name: { fr: 'Voirie et déplacements — Amiens Métropole', en: 'Roads and mobility — Amiens Métropole' },
};
const tranquillite = {
  id: 'tranquillite-publique',
  name: { fr: 'Direction de la tranquillité publique', en: 'Public tranquillity department' },
};
const relationUsagers = {
  id: 'relation-usagers',
  name: { fr: 'Relation aux usagers — Mairie', en: 'Residents’ services — City hall' },
};

/**
 * The recourse bodies a conduct complaint is pointed to (IGPN, IGGN, Défenseur des droits,
 * procureur): not a service of the city, never installed as one. A city that has an independent
 * instance of its own routes the conduct category to it (a restricted service).
 */
export const recourseBodies = {
  id: 'recours-externes',
  name: {
    fr: 'Organes de recours : IGPN, IGGN, Défenseur des droits, procureur',
    en: 'Recourse bodies: IGPN, IGGN, Défenseur des droits, public prosecutor',
  },
};

/**
 * Services of the default categories that are police forces (or direct one): a conduct complaint
 * is never routed or delivered to them. `police-secours` is the emergency category's, never
 * submitted; the « Direction de la tranquillité publique » runs the police municipale.
 */
export const policeServiceIds: readonly string[] = [
  'police-municipale',
  'police-secours',
  'tranquillite-publique',
];

/** The default categories, in display order. */
export const defaultCategories: ConcernCategory[] = [
  {
    code: 'danger-immediat',
    label: { fr: 'Danger immédiat / violences en cours', en: 'Immediate danger / violence in progress' },
    group: { fr: 'Urgence', en: 'Emergency' },
    description: {
      fr: 'Une personne est menacée, blessée ou une agression a lieu maintenant.',
      en: 'Someone is threatened or hurt, or an assault is happening now.',
    },
    service: { id: 'police-secours', name: { fr: 'Police secours (17)', en: 'Police emergency (17)' } },
    emergency: emergencyStopper,
    fields: [],
  },
  {
    code: 'voisinage',
    label: { fr: 'Relations de voisinage', en: 'Neighbour relations' },
    group: { fr: 'Vivre ensemble', en: 'Living together' },
    description: {
      fr: 'Un différend avec un voisin : nuisances, entretien, animaux, mitoyenneté.',
      en: 'A dispute with a neighbour: nuisance, upkeep, animals, shared walls.',
    },
    service: mediation,
    fields: [
      dangerNow(1),
      {
        code: 'nature',
        label: { fr: 'De quoi s’agit-il ?', en: 'What is it about?' },
        datatype: 'singlevaluelist',
        required: true,
        order: 2,
        values: [
          { key: 'nuisances', name: { fr: 'Nuisances (odeurs, fumées…)', en: 'Nuisance (smells, smoke…)' } },
          { key: 'animaux', name: { fr: 'Animaux', en: 'Animals' } },
          {
            key: 'entretien',
            name: { fr: 'Entretien, haies, mitoyenneté', en: 'Upkeep, hedges, shared walls' },
          },
          { key: 'conflit', name: { fr: 'Conflit, insultes', en: 'Conflict, insults' } },
          { key: 'autre', name: { fr: 'Autre', en: 'Other' } },
        ],
      },
      recurrent(3),
      {
        code: 'mediation-acceptee',
        label: {
          fr: 'Seriez-vous d’accord pour une médiation gratuite ?',
          en: 'Would you agree to a free mediation?',
        },
        datatype: 'singlevaluelist',
        required: false,
        order: 4,
        values: yesNo,
      },
    ],
  },
  {
    code: 'stationnement',
    label: { fr: 'Stationnement gênant', en: 'Obstructive parking' },
    group: { fr: 'Circulation', en: 'Traffic' },
    description: {
      fr: 'Véhicule sur un trottoir, un passage piéton, une place réservée, un arrêt de bus…',
      en: 'A vehicle on a pavement, a crossing, a reserved space, a bus stop…',
    },
    service: policeMunicipale,
    fields: [
      {
        code: 'type-stationnement',
        label: { fr: 'Où le véhicule est-il stationné ?', en: 'Where is the vehicle parked?' },
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        values: [
          { key: 'trottoir', name: { fr: 'Sur le trottoir', en: 'On the pavement' } },
          { key: 'passage-pieton', name: { fr: 'Sur un passage piéton', en: 'On a pedestrian crossing' } },
          {
            key: 'place-pmr',
            name: { fr: 'Place handicapé sans carte', en: 'Disabled space without a badge' },
          },
          { key: 'arret-bus', name: { fr: 'Arrêt de bus', en: 'Bus stop' } },
          { key: 'sortie-garage', name: { fr: 'Devant une sortie de garage', en: 'Blocking a driveway' } },
          {
            key: 'ventouse',
            name: { fr: 'Véhicule ventouse (plus de 7 jours)', en: 'Abandoned (over 7 days)' },
          },
        ],
      },
      {
        code: 'acces-secours',
        label: { fr: 'Bloque-t-il l’accès des secours ?', en: 'Does it block emergency access?' },
        datatype: 'singlevaluelist',
        required: false,
        order: 2,
        values: yesNo,
      },
      recurrent(3),
    ],
  },
  {
    code: 'depots-sauvages',
    label: { fr: 'Dépôts sauvages', en: 'Illegal dumping' },
    group: { fr: 'Propreté', en: 'Cleanliness' },
    description: {
      fr: 'Déchets, encombrants ou gravats abandonnés sur la voie publique.',
      en: 'Rubbish, bulky items or rubble left in the street.',
    },
    service: proprete,
    fields: [
      {
        code: 'type-depot',
        label: { fr: 'Type de dépôt', en: 'Kind of waste' },
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        values: [
          { key: 'sacs', name: { fr: 'Sacs d’ordures', en: 'Rubbish bags' } },
          { key: 'encombrants', name: { fr: 'Encombrants (meubles, électroménager)', en: 'Bulky items' } },
          { key: 'gravats', name: { fr: 'Gravats, déchets de chantier', en: 'Rubble, building waste' } },
          { key: 'dechets-verts', name: { fr: 'Déchets verts', en: 'Garden waste' } },
          { key: 'pneus', name: { fr: 'Pneus', en: 'Tyres' } },
          {
            key: 'produits-dangereux',
            name: { fr: 'Produits dangereux (amiante, bidons…)', en: 'Hazardous (asbestos, drums…)' },
          },
        ],
        stopper: {
          whenValue: 'produits-dangereux',
          message: {
            fr: 'Ne touchez pas aux déchets et éloignez-vous. Si quelqu’un est en danger, appelez le 18 ou le 112.',
            en: 'Do not touch the waste and keep away. If anyone is in danger, call 18 or 112.',
          },
        },
      },
      {
        code: 'volume',
        label: { fr: 'Volume', en: 'Volume' },
        datatype: 'singlevaluelist',
        required: false,
        order: 2,
        values: [
          { key: 'petit', name: { fr: 'Moins d’un m³', en: 'Under 1 m³' } },
          { key: 'moyen', name: { fr: '1 à 5 m³', en: '1 to 5 m³' } },
          { key: 'grand', name: { fr: 'Plus de 5 m³', en: 'Over 5 m³' } },
        ],
      },
      recurrent(3),
    ],
  },
  {
    code: 'bruit',
    label: { fr: 'Bruit', en: 'Noise' },
    group: { fr: 'Vivre ensemble', en: 'Living together' },
    description: {
      fr: 'Bruit de voisinage, d’un commerce, d’un chantier ou de véhicules.',
      en: 'Noise from neighbours, a business, building works or vehicles.',
    },
    service: hygiene,
    fields: [
      {
        code: 'source',
        label: { fr: 'D’où vient le bruit ?', en: 'Where does the noise come from?' },
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        values: [
          { key: 'logement', name: { fr: 'Un logement', en: 'A home' } },
          { key: 'commerce', name: { fr: 'Un bar, un commerce', en: 'A bar, a shop' } },
          { key: 'chantier', name: { fr: 'Un chantier', en: 'Building works' } },
          {
            key: 'vehicules',
            name: { fr: 'Des véhicules (deux-roues, rodéos)', en: 'Vehicles (motorbikes)' },
          },
          { key: 'autre', name: { fr: 'Autre', en: 'Other' } },
        ],
      },
      {
        code: 'moment',
        label: { fr: 'À quel moment ?', en: 'When?' },
        datatype: 'multivaluelist',
        required: false,
        order: 2,
        values: [
          { key: 'journee', name: { fr: 'En journée', en: 'Daytime' } },
          { key: 'soiree', name: { fr: 'En soirée', en: 'Evening' } },
          { key: 'nuit', name: { fr: 'La nuit (22 h – 7 h)', en: 'At night (10 pm – 7 am)' } },
        ],
      },
      recurrent(3),
    ],
  },
  {
    code: 'securite-routiere',
    label: { fr: 'Sécurité routière', en: 'Road safety' },
    group: { fr: 'Circulation', en: 'Traffic' },
    description: {
      fr: 'Vitesse excessive, rodéos, carrefour dangereux, signalisation manquante.',
      en: 'Speeding, joyriding, a dangerous junction, missing signs.',
    },
    service: voirie,
    fields: [
      dangerNow(1),
      {
        code: 'probleme',
        label: { fr: 'Quel est le problème ?', en: 'What is the problem?' },
        datatype: 'singlevaluelist',
        required: true,
        order: 2,
        values: [
          { key: 'vitesse', name: { fr: 'Vitesse excessive', en: 'Speeding' } },
          { key: 'rodeos', name: { fr: 'Rodéos motorisés', en: 'Motorbike joyriding' } },
          {
            key: 'carrefour',
            name: { fr: 'Carrefour ou passage dangereux', en: 'Dangerous junction or crossing' },
          },
          {
            key: 'signalisation',
            name: { fr: 'Signalisation manquante ou abîmée', en: 'Missing or damaged sign' },
          },
          { key: 'eclairage', name: { fr: 'Éclairage public en panne', en: 'Street light out' } },
        ],
      },
      {
        code: 'horaires',
        label: { fr: 'À quelles heures surtout ?', en: 'Mostly at what times?' },
        description: {
          fr: 'Par exemple : sortie des écoles, le soir.',
          en: 'For example: school run, evenings.',
        },
        datatype: 'string',
        required: false,
        order: 3,
      },
      recurrent(4),
    ],
  },
  {
    code: 'tranquillite-publique',
    label: { fr: 'Tranquillité publique', en: 'Public tranquillity' },
    group: { fr: 'Vivre ensemble', en: 'Living together' },
    description: {
      fr: 'Regroupements gênants, incivilités, dégradations, sentiment d’insécurité dans un lieu.',
      en: 'Disruptive gatherings, antisocial behaviour, vandalism, feeling unsafe in a place.',
    },
    service: tranquillite,
    fields: [
      dangerNow(1),
      {
        code: 'nature',
        label: { fr: 'De quoi s’agit-il ?', en: 'What is it about?' },
        datatype: 'singlevaluelist',
        required: true,
        order: 2,
        values: [
          { key: 'regroupements', name: { fr: 'Regroupements gênants', en: 'Disruptive gatherings' } },
          { key: 'incivilites', name: { fr: 'Incivilités', en: 'Antisocial behaviour' } },
          { key: 'degradations', name: { fr: 'Dégradations, tags', en: 'Vandalism, graffiti' } },
          {
            key: 'eclairage-lieu',
            name: { fr: 'Lieu mal éclairé, peu sûr', en: 'Poorly lit, unsafe place' },
          },
          { key: 'autre', name: { fr: 'Autre', en: 'Other' } },
        ],
      },
      {
        code: 'moment',
        label: { fr: 'À quel moment ?', en: 'When?' },
        datatype: 'multivaluelist',
        required: false,
        order: 3,
        values: [
          { key: 'journee', name: { fr: 'En journée', en: 'Daytime' } },
          { key: 'soiree', name: { fr: 'En soirée', en: 'Evening' } },
          { key: 'nuit', name: { fr: 'La nuit', en: 'At night' } },
        ],
      },
      recurrent(4),
    ],
  },
  {
    code: 'conduite-forces-ordre',
    label: {
      fr: 'Comportement d’un policier ou d’un gendarme',
      en: 'Conduct of a police officer or gendarme',
    },
    group: { fr: 'Recours', en: 'Recourse' },
    description: {
      fr: 'Vous voulez vous plaindre du comportement d’un agent de la police nationale, de la gendarmerie ou de la police municipale.',
      en: 'You want to complain about the conduct of an officer of the police nationale, the gendarmerie or the municipal police.',
      'fr-falc': 'Un policier ou un gendarme s’est mal comporté avec vous ou devant vous.',
    },
    service: recourseBodies,
    conduct: {},
    fields: [],
  },
  {
    code: 'autre',
    label: { fr: 'Autre sujet', en: 'Something else' },
    description: {
      fr: 'Une préoccupation qui n’entre dans aucune autre catégorie.',
      en: 'A concern that fits no other category.',
    },
    service: relationUsagers,
    fields: [dangerNow(1)],
  },
];
