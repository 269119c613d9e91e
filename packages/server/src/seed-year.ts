/**
 * The demo's past year in Amiens: meetings held (cafés, a watch group, the annual public meeting)
 * with their public reports, about three hundred concerns answered and resolved at each service's
 * pace, and the priorities they fed with their actions. Everything is ILLUSTRATIVE: generated from a
 * fixed pseudo-random sequence, relative to today, and marked `demo` in the data itself (priorities,
 * reports, and the `demo-data` setting the public figures and report read).
 */
import type { CafeInput, LocalizedText, MeetingReportInput, PriorityInput } from '@proximite/contract';
import type { Queryable } from './db/database.js';
import { createCafe, createPriority, getCategory, setSettingIfAbsent } from './store/content.js';
import { putMeetingReport } from './store/meetings.js';
import { isoInZone, newId, newReference, randomSecret, sha256Hex, zonedParts, zonedToDate } from './util.js';

const TZ = 'Europe/Paris';

/** What the public figures and report say of demo data (the `demo-data` setting). */
export const DEMO_NOTE: LocalizedText = {
  fr: 'Données fictives de démonstration : ni les signalements, ni les rencontres, ni les délais ne sont ceux d’Amiens ou d’une autre ville.',
  en: 'Illustrative demo data: the concerns, meetings and timings are not those of Amiens or any other city.',
};

/** A small deterministic pseudo-random sequence (mulberry32), so the demo is the same every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dayAt(now: Date, days: number, hour: number, minute = 0): Date {
  const p = zonedParts(now, TZ);
  return zonedToDate(TZ, p.year, p.month, p.day + days, hour, minute);
}

function ymdString(now: Date, days: number): string {
  return isoInZone(dayAt(now, days, 12), TZ).slice(0, 10);
}

// ---------------------------------------------------------------------------
// Concerns: how often each kind arrives, and how fast its service answers and resolves

interface Profile {
  category: string;
  /** Concerns a day. */
  rate: number;
  /** Days to the first public answer: [min, max]. */
  firstAnswer: [number, number];
  /** Days from the first answer to resolution: [min, max]. */
  resolution: [number, number];
  /** Share closed as not the city's responsibility. */
  notResponsible: number;
  texts: string[];
  answer: LocalizedText;
  resolved: LocalizedText;
}

const PROFILES: Profile[] = [
  {
    category: 'depots-sauvages',
    rate: 0.26,
    firstAnswer: [0, 5],
    resolution: [1, 12],
    notResponsible: 0.02,
    texts: [
      'Sacs d’ordures et cartons déposés au pied des conteneurs.',
      'Un canapé abandonné sur le trottoir depuis plusieurs jours.',
      'Gravats déposés au bord du chemin de halage.',
      'Encombrants laissés devant l’entrée de l’immeuble.',
    ],
    answer: { fr: 'Signalement transmis à la propreté urbaine.', en: 'Passed on to street cleaning.' },
    resolved: { fr: 'Dépôt enlevé.', en: 'Waste removed.' },
  },
  {
    category: 'stationnement',
    rate: 0.18,
    firstAnswer: [0, 3],
    resolution: [1, 20],
    notResponsible: 0.04,
    texts: [
      'Voitures garées sur le trottoir, les poussettes doivent passer sur la route.',
      'Stationnement en double file aux heures d’école.',
      'Un véhicule ventouse stationné depuis des semaines.',
    ],
    answer: {
      fr: 'La police municipale passera aux heures indiquées.',
      en: 'The municipal police will come at the times given.',
    },
    resolved: {
      fr: 'Passages effectués ; situation revenue à la normale.',
      en: 'Patrols made; back to normal.',
    },
  },
  {
    category: 'securite-routiere',
    rate: 0.13,
    firstAnswer: [2, 15],
    resolution: [10, 70],
    notResponsible: 0.05,
    texts: [
      'Les voitures roulent trop vite devant l’école.',
      'Passage piéton effacé au carrefour.',
      'Feu tricolore en panne depuis plusieurs jours.',
    ],
    answer: {
      fr: 'Étude transmise au service voirie et déplacements.',
      en: 'Passed on to the roads and mobility department for study.',
    },
    resolved: { fr: 'Aménagement réalisé.', en: 'Works carried out.' },
  },
  {
    category: 'tranquillite-publique',
    rate: 0.12,
    firstAnswer: [1, 8],
    resolution: [5, 45],
    notResponsible: 0.08,
    texts: [
      'Regroupements bruyants dans le hall de l’immeuble le soir.',
      'Sentiment d’insécurité près de l’arrêt de bus à la nuit tombée.',
      'Trafic apparent au pied de la résidence.',
    ],
    answer: {
      fr: 'Pris en compte par la tranquillité publique ; rondes renforcées.',
      en: 'Taken up by the public tranquillity department; more patrols.',
    },
    resolved: {
      fr: 'Rondes effectuées ; suivi avec le bailleur.',
      en: 'Patrols made; follow-up with the landlord.',
    },
  },
  {
    category: 'bruit',
    rate: 0.06,
    firstAnswer: [2, 12],
    resolution: [7, 40],
    notResponsible: 0.1,
    texts: ['Musique forte tard le soir depuis un commerce.', 'Aboiements continus dans un jardin.'],
    answer: {
      fr: 'Transmis au service communal d’hygiène et de santé.',
      en: 'Passed on to the health and hygiene service.',
    },
    resolved: { fr: 'Rappel à la réglementation adressé.', en: 'Reminder of the rules sent.' },
  },
  {
    category: 'voisinage',
    rate: 0.04,
    firstAnswer: [4, 20],
    resolution: [10, 60],
    notResponsible: 0.05,
    texts: [
      'Conflit avec un voisin au sujet d’une haie.',
      'Désaccord de voisinage sur des bruits de travaux.',
    ],
    answer: {
      fr: 'Proposition de rencontre avec un conciliateur de justice.',
      en: 'A meeting with a court conciliator is offered.',
    },
    resolved: { fr: 'Médiation menée.', en: 'Mediation held.' },
  },
  {
    category: 'autre',
    rate: 0.03,
    firstAnswer: [1, 10],
    resolution: [2, 30],
    notResponsible: 0.2,
    texts: [
      'Question sur les horaires du poste de police municipale.',
      'Demande d’information sur un arrêté.',
    ],
    answer: { fr: 'Réponse apportée par la mairie.', en: 'Answered by the city hall.' },
    resolved: { fr: 'Demande traitée.', en: 'Request handled.' },
  },
];

const DISTRICTS = [
  'centre-ville',
  'saint-leu',
  'saint-maurice',
  'etouvie',
  'amiens-nord',
  'sud-est',
  'henriville',
  'saint-pierre',
];

const between = (rnd: () => number, [min, max]: [number, number]) =>
  min + Math.floor(rnd() * (max - min + 1));

/** Inserts the year's concerns and their public updates in two statements (the seed stays fast). */
async function seedConcerns(tx: Queryable, now: Date): Promise<void> {
  const rnd = random(2026);
  // The residents' verdicts draw from a stream of their own: the concerns stay as they were.
  const verdictRnd = random(15);
  const concerns: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const verdicts: Record<string, unknown>[] = [];
  const accumulators = PROFILES.map(() => 0.5);
  // One query at a time: a transaction's connection runs them in turn (pg 9 refuses a second
  // query sent while one is running).
  const categories: Awaited<ReturnType<typeof getCategory>>[] = [];
  for (const p of PROFILES) categories.push(await getCategory(tx, p.category));
  for (let day = -365; day <= -1; day++) {
    for (const [i, profile] of PROFILES.entries()) {
      accumulators[i] = (accumulators[i] ?? 0) + profile.rate * (0.6 + 0.8 * rnd());
      while ((accumulators[i] ?? 0) >= 1) {
        accumulators[i] = (accumulators[i] ?? 0) - 1;
        const category = categories[i];
        if (category === undefined) continue;
        const id = newId();
        const submitted = dayAt(now, day, 8 + Math.floor(rnd() * 12), Math.floor(rnd() * 60));
        const district = DISTRICTS[Math.floor(rnd() * DISTRICTS.length)] as string;
        const firstDays = between(rnd, profile.firstAnswer);
        const first = new Date(submitted.getTime() + firstDays * 86_400_000 + 3 * 3_600_000);
        const notResponsible = rnd() < profile.notResponsible;
        const resolveDays = between(rnd, profile.resolution);
        const resolved = new Date(first.getTime() + resolveDays * 86_400_000);
        let status = 'received';
        let closedAt: Date | null = null;
        let last = submitted;
        if (first < now) {
          if (notResponsible) {
            status = 'not-responsible';
            closedAt = first;
            updates.push({
              id: newId(),
              concern_id: id,
              at: first.toISOString(),
              status,
              text: {
                fr: 'Ce sujet ne relève pas de la ville ; nous vous indiquons à qui vous adresser.',
                en: 'This is not the city’s responsibility; we tell you whom to contact.',
              },
            });
          } else {
            status = 'in-progress';
            updates.push({
              id: newId(),
              concern_id: id,
              at: first.toISOString(),
              status,
              text: profile.answer,
            });
            if (resolved < now) {
              status = 'resolved';
              closedAt = resolved;
              updates.push({
                id: newId(),
                concern_id: id,
                at: resolved.toISOString(),
                status,
                text: profile.resolved,
              });
              // About four in ten answer « Le problème est-il réglé ? » two weeks after; one in six
              // of them says no (the concern was then reopened and dealt with again).
              const answered = new Date(resolved.getTime() + 14 * 86_400_000 + 5 * 3_600_000);
              if (verdictRnd() < 0.4 && answered < now)
                verdicts.push({
                  concern_id: id,
                  resolved: verdictRnd() >= 1 / 6,
                  at: answered.toISOString(),
                });
            }
          }
          last = closedAt ?? first;
        }
        concerns.push({
          id,
          reference: newReference(),
          category_code: category.code,
          service: category.service,
          status,
          description: profile.texts[Math.floor(rnd() * profile.texts.length)],
          location: { districtId: district },
          district_id: district,
          status_token_hash: sha256Hex(randomSecret(24)),
          open311_token: randomSecret(12),
          submitted_at: submitted.toISOString(),
          updated_at: last.toISOString(),
          closed_at: closedAt?.toISOString() ?? null,
        });
      }
    }
  }
  await tx.query(
    `INSERT INTO concerns (id, reference, category_code, service, status, description, location, district_id,
       attributes, lang, quarantined, quarantine_reasons, status_token_hash, open311_token, channel,
       submitted_at, updated_at, closed_at)
     SELECT id, reference, category_code, service, status, description, location, district_id,
       '{}'::jsonb, 'fr', false, '[]'::jsonb, status_token_hash, open311_token, 'api', submitted_at, updated_at, closed_at
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, reference text, category_code text, service jsonb,
       status text, description text, location jsonb, district_id text, status_token_hash text,
       open311_token text, submitted_at timestamptz, updated_at timestamptz, closed_at timestamptz)`,
    [JSON.stringify(concerns)],
  );
  await tx.query(
    `INSERT INTO concern_updates (id, concern_id, at, status, text)
     SELECT id, concern_id, at, status, text
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, concern_id text, at timestamptz, status text, text jsonb)`,
    [JSON.stringify(updates)],
  );
  await tx.query(
    `INSERT INTO concern_verdicts (concern_id, resolved, at)
     SELECT concern_id, resolved, at FROM jsonb_to_recordset($1::jsonb) AS x(concern_id text, resolved boolean, at timestamptz)`,
    [JSON.stringify(verdicts)],
  );
}

// ---------------------------------------------------------------------------
// Meetings held, and their reports

interface PastMeetingSeed {
  slug: string;
  days: number;
  start: [number, number];
  minutes: number;
  input: Omit<CafeInput, 'start' | 'end' | 'timeZone'>;
  report?: MeetingReportInput;
}

const pm = { name: 'Police municipale d’Amiens', role: 'Direction de la tranquillité publique' };
const ville = { name: 'Ville d’Amiens', role: 'Mission prévention et médiation' };
const cafeTitle = (fr: string, en: string): LocalizedText => ({
  fr: `Un café avec un policier — ${fr}`,
  en: `Coffee with a police officer — ${en}`,
});
const t = (fr: string, en: string): { fr: string; en: string } => ({ fr, en });

const PAST: PastMeetingSeed[] = [
  {
    slug: 'bilan-annuel',
    days: -340,
    start: [18, 0],
    minutes: 120,
    input: {
      kind: 'public-meeting',
      title: t(
        'Réunion publique — bilan annuel de la tranquillité',
        'Public meeting — annual review of public safety',
      ),
      place: {
        name: 'Hôtel de Ville d’Amiens, salle du Conseil',
        address: 'Place de l’Hôtel de Ville, 80000 Amiens',
        lat: 49.8946,
        lon: 2.2957,
      },
      districtId: 'centre-ville',
      mode: 'hybrid',
      onlineUrl: 'https://visio.amiens.fr/bilan-proximite',
      organizer: ville,
      languages: ['fr'],
    },
    report: {
      attendance: 86,
      topics: [
        { title: t('Vitesse excessive aux abords des écoles', 'Speeding near schools'), concernCount: 14 },
        { title: t('Vols de vélos autour de la gare', 'Bicycle thefts around the station'), concernCount: 9 },
        { title: t('Dépôts sauvages en bord de Somme', 'Illegal dumping along the Somme'), concernCount: 11 },
      ],
      answers: [
        {
          text: t(
            'La ville présente les chiffres de l’année et les délais de réponse de chaque service.',
            'The city presents the year’s figures and each service’s response times.',
          ),
        },
        {
          text: t(
            'La police nationale rappelle comment porter plainte en ligne et au commissariat.',
            'The national police explain how to file a complaint online and at the station.',
          ),
        },
      ],
      followUps: [
        { text: t('Radars pédagogiques devant trois écoles', 'Speed display signs at three schools') },
        { text: t('Arceaux sécurisés à la gare', 'Secure bicycle racks at the station') },
      ],
    },
  },
  {
    slug: 'saint-maurice',
    days: -300,
    start: [17, 30],
    minutes: 90,
    input: {
      title: cafeTitle('Saint-Maurice', 'Saint-Maurice'),
      place: {
        name: 'Place Saint-Maurice',
        address: 'Place Saint-Maurice, 80000 Amiens',
        lat: 49.9012,
        lon: 2.2834,
      },
      districtId: 'saint-maurice',
      mode: 'in-person',
      organizer: pm,
      languages: ['fr'],
    },
    report: {
      attendance: 23,
      topics: [
        {
          title: t('Voitures trop rapides rue Saint-Maurice', 'Cars too fast on rue Saint-Maurice'),
          concernCount: 6,
        },
        { title: t('Stationnement sur les trottoirs', 'Parking on pavements'), concernCount: 4 },
      ],
      answers: [
        {
          text: t(
            'Les contrôles de vitesse relèvent de la police nationale ; la ville peut installer un radar pédagogique.',
            'Speed checks are for the national police; the city can install a speed display sign.',
          ),
        },
      ],
      followUps: [{ text: t('Étude d’une zone 30', 'Study of a 30 km/h zone') }],
    },
  },
  {
    slug: 'veille-etouvie',
    days: -270,
    start: [18, 0],
    minutes: 90,
    input: {
      kind: 'watch-group',
      title: t('Groupe de veille — Étouvie', 'Watch group — Étouvie'),
      place: {
        name: 'Centre social et culturel d’Étouvie',
        address: 'Avenue du Pays d’Auge, 80080 Amiens',
        lat: 49.9086,
        lon: 2.2531,
      },
      districtId: 'etouvie',
      mode: 'in-person',
      organizer: ville,
      languages: ['fr', 'ar'],
    },
    report: {
      attendance: 14,
      topics: [
        { title: t('Encombrants dans les parties communes', 'Bulky waste in shared areas'), concernCount: 7 },
        { title: t('Éclairage de l’avenue le soir', 'Evening lighting of the avenue'), concernCount: 3 },
      ],
      answers: [
        {
          text: t(
            'Le bailleur et Amiens Métropole proposent une collecte d’encombrants au pied des immeubles.',
            'The landlord and Amiens Métropole offer a bulky-waste collection at the buildings.',
          ),
        },
      ],
      followUps: [
        { text: t('Collecte mensuelle d’encombrants à tester', 'A monthly bulky-waste collection to try') },
      ],
    },
  },
  {
    slug: 'gare',
    days: -240,
    start: [17, 0],
    minutes: 90,
    input: {
      title: cafeTitle('parvis de la gare', 'station forecourt'),
      place: {
        name: 'Parvis de la gare du Nord',
        address: 'Place Alphonse Fiquet, 80000 Amiens',
        lat: 49.8906,
        lon: 2.3082,
      },
      districtId: 'centre-ville',
      mode: 'in-person',
      organizer: pm,
      languages: ['fr', 'en'],
    },
    report: {
      attendance: 31,
      topics: [
        { title: t('Vols de vélos', 'Bicycle thefts'), concernCount: 8 },
        {
          title: t('Mendicité agressive signalée le soir', 'Aggressive begging reported in the evening'),
          concernCount: 3,
        },
      ],
      answers: [
        {
          text: t(
            'Marquage des vélos proposé sur place ; les arceaux sécurisés sont commandés.',
            'Bicycle marking offered on the spot; secure racks are on order.',
          ),
        },
      ],
      followUps: [{ text: t('Séance de marquage vélo mensuelle', 'A monthly bicycle-marking session') }],
    },
  },
  {
    slug: 'henriville',
    days: -200,
    start: [18, 0],
    minutes: 90,
    input: {
      title: cafeTitle('Henriville', 'Henriville'),
      place: {
        name: 'Square Jules Bocquet',
        address: 'Rue Jules Barni, 80000 Amiens',
        lat: 49.8872,
        lon: 2.2949,
      },
      districtId: 'henriville',
      mode: 'in-person',
      organizer: pm,
      languages: ['fr'],
    },
    report: {
      attendance: 18,
      topics: [
        {
          title: t('Rassemblements nocturnes dans le square', 'Night gatherings in the square'),
          concernCount: 5,
        },
        { title: t('Déjections canines', 'Dog mess'), concernCount: 2 },
      ],
      answers: [
        {
          text: t(
            'Des rondes en soirée sont ajoutées le vendredi et le samedi.',
            'Evening patrols are added on Fridays and Saturdays.',
          ),
        },
      ],
      followUps: [{ text: t('Médiateurs de nuit à l’essai', 'Night mediators on trial') }],
    },
  },
  {
    slug: 'saint-pierre',
    days: -165,
    start: [10, 0],
    minutes: 120,
    input: {
      title: cafeTitle('parc Saint-Pierre', 'Saint-Pierre park'),
      place: {
        name: 'Parc Saint-Pierre',
        address: 'Rue Saint-Pierre, 80000 Amiens',
        lat: 49.9042,
        lon: 2.3103,
      },
      districtId: 'saint-pierre',
      mode: 'in-person',
      organizer: pm,
      languages: ['fr'],
    },
    report: {
      attendance: 27,
      topics: [
        { title: t('Allées du parc mal éclairées', 'Poorly lit park paths'), concernCount: 6 },
        { title: t('Deux-roues sur les allées piétonnes', 'Scooters on footpaths'), concernCount: 4 },
      ],
      answers: [
        {
          text: t(
            'Le remplacement de l’éclairage des allées est inscrit au budget.',
            'Replacing the path lighting is in the budget.',
          ),
        },
      ],
      followUps: [],
    },
  },
  {
    slug: 'sud-est',
    days: -130,
    start: [17, 30],
    minutes: 90,
    input: {
      title: cafeTitle('Philéas Lebesgue', 'Philéas Lebesgue'),
      place: {
        name: 'Place Philéas Lebesgue',
        address: 'Place Philéas Lebesgue, 80090 Amiens',
        lat: 49.8812,
        lon: 2.3231,
      },
      districtId: 'sud-est',
      mode: 'in-person',
      organizer: pm,
      languages: ['fr'],
    },
    report: {
      attendance: null,
      topics: [
        {
          title: t('Occupation des halls d’immeuble', 'People gathering in building halls'),
          concernCount: 9,
        },
      ],
      answers: [
        {
          text: t(
            'La police municipale et le bailleur organisent des passages communs.',
            'The municipal police and the landlord organise joint rounds.',
          ),
        },
      ],
      followUps: [
        { text: t('Point avec le bailleur dans trois mois', 'Review with the landlord in three months') },
      ],
    },
  },
  {
    slug: 'veille-nord',
    days: -90,
    start: [18, 0],
    minutes: 90,
    input: {
      kind: 'watch-group',
      title: t('Groupe de veille — Amiens Nord', 'Watch group — Amiens Nord'),
      place: {
        name: 'Centre culturel Jacques Tati',
        address: 'Rue du Languedoc, 80080 Amiens',
        lat: 49.9166,
        lon: 2.2966,
      },
      districtId: 'amiens-nord',
      mode: 'in-person',
      organizer: ville,
      languages: ['fr'],
    },
    report: {
      attendance: 12,
      topics: [
        { title: t('Rodéos motorisés le soir', 'Evening motorbike joyriding'), concernCount: 7 },
        {
          title: t('Stationnement devant le centre commercial', 'Parking at the shopping centre'),
          concernCount: 2,
        },
      ],
      answers: [
        {
          text: t(
            'Les rodéos relèvent de la police nationale : les signalements avec heures et lieux aident les enquêtes.',
            'Joyriding is for the national police: reports with times and places help investigations.',
          ),
        },
      ],
      followUps: [
        {
          text: t(
            'Réunion avec la police nationale au prochain trimestre',
            'Meeting with the national police next quarter',
          ),
        },
      ],
    },
  },
  {
    slug: 'marche-sur-l-eau',
    days: -55,
    start: [9, 30],
    minutes: 120,
    input: {
      title: cafeTitle('marché sur l’eau', 'floating market'),
      place: {
        name: 'Marché sur l’eau, place Parmentier',
        address: 'Place Parmentier, 80000 Amiens',
        lat: 49.8968,
        lon: 2.3037,
      },
      districtId: 'saint-leu',
      mode: 'in-person',
      organizer: pm,
      languages: ['fr'],
    },
    report: {
      attendance: 41,
      topics: [
        { title: t('Dépôts sauvages rue Motte', 'Illegal dumping on rue Motte'), concernCount: 5 },
        {
          title: t('Bruit des terrasses le week-end', 'Noise from café terraces at weekends'),
          concernCount: 3,
        },
      ],
      answers: [
        {
          text: t(
            'Une caméra nomade peut être installée après enlèvement des dépôts.',
            'A mobile camera can be installed once the waste is removed.',
          ),
        },
      ],
      followUps: [
        { text: t('Passage hebdomadaire de la propreté urbaine', 'A weekly street-cleaning round') },
      ],
    },
  },
  {
    slug: 'visio-passee',
    days: -30,
    start: [18, 30],
    minutes: 60,
    input: {
      title: { fr: 'Café policier en visio', en: 'Online coffee with a police officer' },
      place: { name: 'En ligne', address: 'Visioconférence' },
      districtId: null,
      mode: 'online',
      onlineUrl: 'https://visio.amiens.fr/cafe-policier',
      organizer: ville,
      languages: ['fr', 'en'],
    },
    report: {
      attendance: 19,
      topics: [
        {
          title: t(
            'Comment obtenir un récépissé après un contrôle',
            'How to get a receipt after an identity check',
          ),
          concernCount: 3,
        },
        { title: t('Arnaques au faux conseiller bancaire', 'Fake bank adviser scams'), concernCount: 4 },
      ],
      answers: [
        {
          text: t(
            'Les droits lors d’un contrôle d’identité sont rappelés, avec le numéro RIO des agents.',
            'Rights during an identity check are explained, with officers’ RIO numbers.',
          ),
        },
      ],
      followUps: [],
    },
  },
  // Held recently: its report is still being written.
  {
    slug: 'jardin-des-plantes-passe',
    days: -5,
    start: [15, 0],
    minutes: 90,
    input: {
      title: cafeTitle('Jardin des Plantes', 'Jardin des Plantes'),
      place: {
        name: 'Jardin des Plantes',
        address: 'Boulevard du Jardin des Plantes, 80000 Amiens',
        lat: 49.9007,
        lon: 2.2886,
      },
      districtId: 'saint-maurice',
      mode: 'in-person',
      organizer: pm,
      languages: ['fr'],
    },
  },
];

// ---------------------------------------------------------------------------
// Priorities of the year

interface PrioritySeed {
  id: string;
  input: (now: Date, cafes: Record<string, string>) => PriorityInput;
  /** Links the reports' topics and follow-ups of these cafés (by slug) to the priority. */
  cafes: string[];
}

const PRIORITIES: PrioritySeed[] = [
  {
    id: 'prio-saint-maurice-vitesse',
    cafes: ['saint-maurice', 'bilan-annuel'],
    input: (now, cafes) => ({
      issue: t(
        'Vitesse excessive rue Saint-Maurice et devant l’école',
        'Speeding on rue Saint-Maurice and at the school',
      ),
      issueDate: ymdString(now, -300),
      status: 'done',
      districtId: 'saint-maurice',
      actions: [
        {
          text: t('Radar pédagogique installé devant l’école', 'Speed display sign installed at the school'),
          date: ymdString(now, -270),
          status: 'done',
        },
        {
          text: t(
            'Contrôles de vitesse par la police nationale (4 opérations)',
            'Speed checks by the national police (4 operations)',
          ),
          date: ymdString(now, -230),
          status: 'done',
        },
        {
          text: t(
            'Zone 30 et plateau surélevé rue Saint-Maurice',
            '30 km/h zone and a raised crossing on rue Saint-Maurice',
          ),
          date: ymdString(now, -150),
          status: 'done',
        },
      ],
      sources: {
        cafeIds: [cafes['saint-maurice'] ?? '', cafes['bilan-annuel'] ?? ''],
        unrecordedConcerns: 14,
      },
    }),
  },
  {
    id: 'prio-gare-velos',
    cafes: ['gare', 'bilan-annuel'],
    input: (now, cafes) => ({
      issue: t('Vols de vélos autour de la gare', 'Bicycle thefts around the station'),
      issueDate: ymdString(now, -340),
      status: 'done',
      districtId: 'centre-ville',
      actions: [
        {
          text: t('Séances mensuelles de marquage des vélos', 'Monthly bicycle-marking sessions'),
          date: ymdString(now, -235),
          status: 'done',
        },
        {
          text: t('60 arceaux sécurisés sous vidéoprotection', '60 secure racks under CCTV'),
          date: ymdString(now, -180),
          status: 'done',
        },
      ],
      sources: { cafeIds: [cafes.gare ?? '', cafes['bilan-annuel'] ?? ''], unrecordedConcerns: 17 },
    }),
  },
  {
    id: 'prio-etouvie-encombrants',
    cafes: ['veille-etouvie'],
    input: (now, cafes) => ({
      issue: t('Encombrants dans les parties communes à Étouvie', 'Bulky waste in shared areas in Étouvie'),
      issueDate: ymdString(now, -270),
      status: 'done',
      districtId: 'etouvie',
      actions: [
        {
          text: t(
            'Collecte mensuelle d’encombrants au pied des immeubles',
            'Monthly bulky-waste collection at the buildings',
          ),
          date: ymdString(now, -210),
          status: 'done',
        },
      ],
      sources: { cafeIds: [cafes['veille-etouvie'] ?? ''], unrecordedConcerns: 7 },
    }),
  },
  {
    id: 'prio-henriville-square',
    cafes: ['henriville'],
    input: (now, cafes) => ({
      issue: t(
        'Rassemblements nocturnes au square Jules Bocquet',
        'Night gatherings in square Jules Bocquet',
      ),
      issueDate: ymdString(now, -200),
      status: 'in-progress',
      districtId: 'henriville',
      actions: [
        {
          text: t('Rondes en soirée le vendredi et le samedi', 'Evening patrols on Fridays and Saturdays'),
          date: ymdString(now, -190),
          status: 'done',
        },
        {
          text: t('Médiateurs de nuit à l’essai jusqu’à l’automne', 'Night mediators on trial until autumn'),
          date: ymdString(now, -120),
          status: 'in-progress',
        },
      ],
      sources: { cafeIds: [cafes.henriville ?? ''], unrecordedConcerns: 5 },
    }),
  },
  {
    id: 'prio-saint-pierre-eclairage',
    cafes: ['saint-pierre'],
    input: (now, cafes) => ({
      issue: t('Allées du parc Saint-Pierre mal éclairées', 'Poorly lit paths in Saint-Pierre park'),
      issueDate: ymdString(now, -165),
      status: 'in-progress',
      districtId: 'saint-pierre',
      actions: [
        {
          text: t('Remplacement de 24 lampadaires par des LED', '24 street lights replaced with LEDs'),
          date: ymdString(now, 25),
          status: 'planned',
        },
      ],
      sources: { cafeIds: [cafes['saint-pierre'] ?? ''], unrecordedConcerns: 6 },
    }),
  },
  {
    id: 'prio-sud-est-halls',
    cafes: ['sud-est'],
    input: (now, cafes) => ({
      issue: t(
        'Occupation des halls d’immeuble à Philéas Lebesgue',
        'People gathering in building halls at Philéas Lebesgue',
      ),
      issueDate: ymdString(now, -130),
      status: 'in-progress',
      districtId: 'sud-est',
      actions: [
        {
          text: t(
            'Passages communs police municipale et bailleur',
            'Joint rounds by the municipal police and the landlord',
          ),
          date: ymdString(now, -110),
          status: 'in-progress',
        },
        {
          text: t('Point d’étape public avec le bailleur', 'Public progress review with the landlord'),
          date: ymdString(now, 40),
          status: 'planned',
        },
      ],
      sources: { cafeIds: [cafes['sud-est'] ?? ''], unrecordedConcerns: 9 },
    }),
  },
];

/** Seeds the past year in `tx` (inside the demo seed's transaction); `cafeIds` by slug, extended. */
export async function seedYear(tx: Queryable, now: Date, cafeIds: Record<string, string>): Promise<void> {
  await seedConcerns(tx, now);
  const reports: [string, MeetingReportInput][] = [];
  for (const seed of PAST) {
    const start = dayAt(now, seed.days, seed.start[0], seed.start[1]);
    const end = new Date(start.getTime() + seed.minutes * 60_000);
    const startIso = isoInZone(start, TZ);
    const id = `cafe-${startIso.slice(0, 10)}-${seed.slug}`;
    await createCafe(
      tx,
      now,
      { ...seed.input, start: startIso, end: isoInZone(end, TZ), timeZone: TZ },
      { id },
    );
    cafeIds[seed.slug] = id;
    if (seed.report !== undefined) reports.push([seed.slug, seed.report]);
  }
  for (const seed of PRIORITIES)
    await createPriority(tx, now, seed.input(now, cafeIds), seed.id, { demo: true });
  // The reports' topics and follow-ups point to the priorities they fed.
  for (const [slug, report] of reports) {
    const priority = PRIORITIES.find((p) => p.cafes[0] === slug);
    const linked: MeetingReportInput =
      priority === undefined
        ? report
        : {
            ...report,
            topics: report.topics.map((topic, i) =>
              i === 0 ? { ...topic, priorityId: priority.id } : topic,
            ),
            followUps: report.followUps.map((f, i) => (i === 0 ? { ...f, priorityId: priority.id } : f)),
          };
    await putMeetingReport(tx, now, cafeIds[slug] ?? '', linked, { demo: true });
  }
  const leu = cafeIds['saint-leu-passe'];
  if (leu !== undefined)
    await putMeetingReport(
      tx,
      now,
      leu,
      {
        attendance: 34,
        topics: [
          {
            title: t('Sentiment d’insécurité le soir quai Bélu', 'Feeling unsafe at night on quai Bélu'),
            concernCount: 6,
            priorityId: 'prio-saint-leu-eclairage',
          },
          {
            title: t('Dépôts sauvages au pont de la Dodane', 'Illegal dumping at the Dodane bridge'),
            concernCount: 3,
            priorityId: 'prio-saint-leu-depots',
          },
          {
            title: t('Stationnement des livraisons place du Don', 'Delivery parking on place du Don'),
            concernCount: 2,
          },
        ],
        answers: [
          {
            text: t(
              'Quatre points lumineux seront ajoutés quai Bélu ; une ronde passera le week-end en soirée.',
              'Four street lights will be added on quai Bélu; a patrol will pass on weekend evenings.',
            ),
          },
          {
            text: t(
              'Les livraisons sont autorisées de 7 h à 11 h ; au-delà, la police municipale verbalise.',
              'Deliveries are allowed from 7 to 11 am; after that the municipal police issue tickets.',
            ),
          },
        ],
        followUps: [
          {
            text: t('Éclairage du quai Bélu', 'Lighting on quai Bélu'),
            priorityId: 'prio-saint-leu-eclairage',
          },
        ],
      },
      { demo: true },
    );
  // Every priority of the demo is marked in its data (those seeded before this function too).
  await tx.query(`UPDATE priorities SET data = jsonb_set(data, '{demo}', 'true'::jsonb)`);
  await setSettingIfAbsent(tx, 'demo-data', { seededAt: now.toISOString(), note: DEMO_NOTE });
  // The handling-time targets the demo city publishes (a backend whose services carry their own
  // target uses those instead).
  await setSettingIfAbsent(tx, 'service-targets', DEMO_TARGETS);
}

/** Illustrative targets: a first public answer within so many working (or calendar) days. */
export const DEMO_TARGETS: Record<string, { days: number; unit: 'working-days' | 'calendar-days' }> = {
  'proprete-urbaine': { days: 3, unit: 'working-days' },
  'police-municipale': { days: 2, unit: 'working-days' },
  voirie: { days: 10, unit: 'working-days' },
  'tranquillite-publique': { days: 5, unit: 'working-days' },
  'hygiene-sante': { days: 10, unit: 'working-days' },
  mediation: { days: 15, unit: 'calendar-days' },
  'relation-usagers': { days: 5, unit: 'working-days' },
};
