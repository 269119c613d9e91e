/**
 * Demo data for Amiens, relative to today: real districts, cafés in real public places over the
 * coming weeks (one cancelled, one online, one hybrid), a few concerns with public updates and
 * "vous avez dit, nous avons fait" priorities linked to them. Seeded once, on an empty database.
 */
import type { CafeInput, LocalContactInput, LocalizedText } from '@proximite/contract';
import type { Database, Queryable } from './db/database.js';
import { audited } from './services/audited.js';
import { addPublicUpdate, insertConcern } from './store/concerns.js';
import {
  createCafe,
  createPriority,
  getCategory,
  putRightsOverrides,
  upsertDistricts,
} from './store/content.js';
import type { DistrictSeed } from './store/content.js';
import { seedYear } from './seed-year.js';
import { refreshDueDates } from './store/due.js';
import { seedRouting } from './seed-routing.js';
import { isoInZone, zonedParts, zonedToDate } from './util.js';

const TZ = 'Europe/Paris';

export const AMIENS_DISTRICTS: DistrictSeed[] = [
  {
    id: 'centre-ville',
    name: 'Centre-ville',
    description: {
      fr: 'Autour de la cathédrale, de la rue des Trois-Cailloux et de la gare.',
      en: 'Around the cathedral, rue des Trois-Cailloux and the station.',
    },
    centre: { lat: 49.8942, lon: 2.2957 },
  },
  {
    id: 'saint-leu',
    name: 'Saint-Leu',
    description: {
      fr: 'Le quartier des canaux, de la place du Don et du quai Bélu.',
      en: 'The canal quarter: place du Don and quai Bélu.',
    },
    centre: { lat: 49.8966, lon: 2.3005 },
  },
  {
    id: 'saint-maurice',
    name: 'Saint-Maurice',
    description: {
      fr: 'Entre la Somme, le Jardin des Plantes et la citadelle.',
      en: 'Between the Somme, the Jardin des Plantes and the citadel.',
    },
    centre: { lat: 49.901, lon: 2.283 },
  },
  {
    id: 'etouvie',
    name: 'Étouvie',
    description: {
      fr: 'Quartier prioritaire à l’ouest, au bord des étangs de la Somme.',
      en: 'Priority neighbourhood in the west, by the Somme ponds.',
    },
    centre: { lat: 49.909, lon: 2.252 },
  },
  {
    id: 'amiens-nord',
    name: 'Amiens Nord',
    description: {
      fr: 'Fafet, Brossolette, Salamandre, Pigeonnier : quartier prioritaire.',
      en: 'Fafet, Brossolette, Salamandre, Pigeonnier: priority neighbourhood.',
    },
    centre: { lat: 49.915, lon: 2.295 },
  },
  {
    id: 'sud-est',
    name: 'Sud-Est',
    description: {
      fr: 'Philéas Lebesgue, Saint-Acheul, Petit-Saint-Jean.',
      en: 'Philéas Lebesgue, Saint-Acheul, Petit-Saint-Jean.',
    },
    centre: { lat: 49.88, lon: 2.32 },
  },
  {
    id: 'henriville',
    name: 'Henriville',
    description: {
      fr: 'Le quartier des maisons bourgeoises au sud de la gare.',
      en: 'The 19th-century villas south of the station.',
    },
    centre: { lat: 49.887, lon: 2.295 },
  },
  {
    id: 'saint-pierre',
    name: 'Saint-Pierre',
    description: {
      fr: 'Au nord de la Somme, autour du parc Saint-Pierre.',
      en: 'North of the Somme, around the Saint-Pierre park.',
    },
    centre: { lat: 49.904, lon: 2.31 },
  },
];

/** A local wall-clock time `days` after today (Europe/Paris), as ISO with its offset. */
function at(now: Date, days: number, hour: number, minute = 0): string {
  const p = zonedParts(now, TZ);
  return isoInZone(zonedToDate(TZ, p.year, p.month, p.day + days, hour, minute), TZ);
}

const organizerPM = { name: 'Police municipale d’Amiens', role: 'Direction de la tranquillité publique' };
const organizerVille = { name: 'Ville d’Amiens', role: 'Mission prévention et médiation' };

interface CafeSeed {
  slug: string;
  days: number;
  start: [number, number];
  durationMinutes: number;
  input: Omit<CafeInput, 'start' | 'end' | 'timeZone'>;
  cancel?: LocalizedText;
}

const title = (fr: string, en: string): LocalizedText => ({
  fr: `Un café avec un policier — ${fr}`,
  en: `Coffee with a police officer — ${en}`,
});

export const CAFE_SEEDS: CafeSeed[] = [
  {
    slug: 'saint-leu-passe',
    days: -12,
    start: [17, 30],
    durationMinutes: 90,
    input: {
      title: title('Saint-Leu', 'Saint-Leu'),
      description: {
        fr: 'Rencontre informelle place du Don avec la police municipale et la police nationale.',
        en: 'An informal meeting on place du Don with the municipal and national police.',
      },
      place: { name: 'Place du Don', address: 'Place du Don, 80000 Amiens', lat: 49.8953, lon: 2.3003 },
      districtId: 'saint-leu',
      mode: 'in-person',
      organizer: organizerPM,
      languages: ['fr', 'en'],
    },
  },
  {
    slug: 'saint-leu',
    days: 3,
    start: [17, 30],
    durationMinutes: 90,
    input: {
      title: title('place du Don', 'place du Don'),
      description: {
        fr: 'Un moment pour parler tranquillité, stationnement et bruit avec les agents du quartier. Café offert.',
        en: 'A time to talk about quiet, parking and noise with the local officers. Coffee is on us.',
        'fr-falc': 'Venez parler avec des policiers. Le café est gratuit.',
      },
      place: { name: 'Place du Don', address: 'Place du Don, 80000 Amiens', lat: 49.8953, lon: 2.3003 },
      districtId: 'saint-leu',
      mode: 'in-person',
      organizer: organizerPM,
      accessibility: {
        fr: 'Place pavée ; accès en fauteuil par la rue Motte.',
        en: 'Cobbled square; wheelchair access from rue Motte.',
      },
      languages: ['fr', 'en'],
      url: 'https://www.amiens.fr/',
    },
  },
  {
    slug: 'marche-sur-l-eau',
    days: 6,
    start: [9, 30],
    durationMinutes: 120,
    input: {
      title: title('marché sur l’eau', 'floating market'),
      description: {
        fr: 'Au marché sur l’eau des hortillons, place Parmentier.',
        en: 'At the hortillons’ floating market, place Parmentier.',
      },
      place: {
        name: 'Marché sur l’eau, place Parmentier',
        address: 'Place Parmentier, 80000 Amiens',
        lat: 49.8968,
        lon: 2.3037,
      },
      districtId: 'saint-leu',
      mode: 'in-person',
      organizer: organizerPM,
      languages: ['fr'],
    },
  },
  {
    slug: 'maison-du-theatre',
    days: 9,
    start: [18, 0],
    durationMinutes: 90,
    input: {
      title: title('Maison du Théâtre', 'Maison du Théâtre'),
      description: {
        fr: 'Échange avec la police nationale et le délégué du Défenseur des droits.',
        en: 'Talk with the national police and the Défenseur des droits’ local delegate.',
      },
      place: {
        name: 'Maison du Théâtre',
        address: '8 rue des Majots, 80000 Amiens',
        lat: 49.8975,
        lon: 2.2968,
      },
      districtId: 'centre-ville',
      mode: 'in-person',
      organizer: {
        name: 'Police nationale — commissariat d’Amiens',
        role: 'Délégué à la cohésion police-population',
      },
      accessibility: { fr: 'Salle de plain-pied, boucle magnétique.', en: 'Step-free room, hearing loop.' },
      languages: ['fr'],
    },
  },
  {
    slug: 'etouvie',
    days: 13,
    start: [14, 0],
    durationMinutes: 120,
    input: {
      title: title('centre social d’Étouvie', 'Étouvie community centre'),
      description: {
        fr: 'Avec les médiateurs de quartier et l’association des habitants.',
        en: 'With the neighbourhood mediators and the residents’ association.',
      },
      place: {
        name: 'Centre social et culturel d’Étouvie',
        address: 'Avenue du Pays d’Auge, 80080 Amiens',
        lat: 49.9086,
        lon: 2.2531,
      },
      districtId: 'etouvie',
      mode: 'in-person',
      organizer: organizerVille,
      accessibility: {
        fr: 'Accessible en fauteuil ; interprète LSF sur demande.',
        en: 'Wheelchair accessible; French sign language on request.',
      },
      languages: ['fr', 'ar'],
    },
  },
  {
    slug: 'espace-dewailly',
    days: 16,
    start: [18, 0],
    durationMinutes: 90,
    input: {
      title: title('Espace Dewailly', 'Espace Dewailly'),
      description: {
        fr: 'Réunion publique : vidéoprotection, éclairage et tranquillité en centre-ville.',
        en: 'Public meeting: CCTV, street lighting and quiet in the city centre.',
      },
      place: {
        name: 'Espace Dewailly',
        address: '3 place Dewailly, 80000 Amiens',
        lat: 49.8905,
        lon: 2.2926,
      },
      districtId: 'centre-ville',
      mode: 'in-person',
      organizer: organizerVille,
      languages: ['fr'],
    },
  },
  {
    slug: 'amiens-nord',
    days: 20,
    start: [17, 0],
    durationMinutes: 90,
    input: {
      title: title('Amiens Nord', 'Amiens Nord'),
      place: {
        name: 'Centre culturel Jacques Tati',
        address: 'Rue du Languedoc, 80080 Amiens',
        lat: 49.9166,
        lon: 2.2966,
      },
      districtId: 'amiens-nord',
      mode: 'in-person',
      organizer: organizerPM,
      languages: ['fr'],
    },
    cancel: {
      fr: 'Reporté en raison d’une manifestation ; une nouvelle date sera annoncée.',
      en: 'Postponed because of an event; a new date will be announced.',
    },
  },
  {
    slug: 'visio',
    days: 23,
    start: [18, 30],
    durationMinutes: 60,
    input: {
      title: { fr: 'Café policier en visio', en: 'Online coffee with a police officer' },
      description: {
        fr: 'Pour celles et ceux qui ne peuvent pas se déplacer. Questions par écrit possibles.',
        en: 'For those who cannot come. Written questions welcome.',
      },
      place: { name: 'En ligne', address: 'Visioconférence' },
      districtId: null,
      mode: 'online',
      onlineUrl: 'https://visio.amiens.fr/cafe-policier',
      organizer: organizerVille,
      languages: ['fr', 'en'],
    },
  },
  {
    slug: 'hotel-de-ville',
    days: 27,
    start: [18, 0],
    durationMinutes: 120,
    input: {
      title: title('Hôtel de Ville (sur place et en ligne)', 'City Hall (on site and online)'),
      description: {
        fr: 'Bilan trimestriel « vous avez dit, nous avons fait ».',
        en: 'Quarterly “you said, we did” review.',
      },
      place: {
        name: 'Hôtel de Ville d’Amiens, salle du Conseil',
        address: 'Place de l’Hôtel de Ville, 80000 Amiens',
        lat: 49.8946,
        lon: 2.2957,
      },
      districtId: 'centre-ville',
      mode: 'hybrid',
      onlineUrl: 'https://visio.amiens.fr/bilan-proximite',
      organizer: organizerVille,
      accessibility: {
        fr: 'Ascenseur, sous-titrage en direct de la diffusion.',
        en: 'Lift; live captions on the stream.',
      },
      languages: ['fr'],
    },
  },
  {
    slug: 'sud-est',
    days: 30,
    start: [10, 0],
    durationMinutes: 120,
    input: {
      title: title('Philéas Lebesgue', 'Philéas Lebesgue'),
      place: {
        name: 'Place Philéas Lebesgue',
        address: 'Place Philéas Lebesgue, 80090 Amiens',
        lat: 49.8812,
        lon: 2.3231,
      },
      districtId: 'sud-est',
      mode: 'in-person',
      organizer: organizerPM,
      languages: ['fr'],
    },
  },
  {
    slug: 'jardin-des-plantes',
    days: 34,
    start: [15, 0],
    durationMinutes: 90,
    input: {
      title: title('Jardin des Plantes', 'Jardin des Plantes'),
      place: {
        name: 'Jardin des Plantes',
        address: 'Boulevard du Jardin des Plantes, 80000 Amiens',
        lat: 49.9007,
        lon: 2.2886,
      },
      districtId: 'saint-maurice',
      mode: 'in-person',
      organizer: organizerPM,
      languages: ['fr'],
    },
  },
];

/**
 * The city's local contacts that the rights guide shows under « Qui contacter ? », each under the
 * bodies it helps with (the console's « Contenus » edits them). Demonstration details, named as
 * such: the address is the Hôtel de Ville the demo cafés use, the e-mails are on the reserved
 * `.test` domain (RFC 2606), no phone number is invented.
 */
const DEMO_LOCAL_CONTACTS: LocalContactInput[] = [
  {
    id: 'mairie',
    kind: 'mairie',
    name: 'Hôtel de Ville d’Amiens (démonstration)',
    address: 'Place de l’Hôtel de Ville, 80000 Amiens',
    email: 'maire@demo.proximite.test',
    description: {
      fr: 'Écrire au maire, qui dirige la police municipale.',
      en: 'Write to the mayor, who directs the municipal police.',
    },
  },
  {
    id: 'police-municipale',
    kind: 'police-municipale',
    name: 'Police municipale d’Amiens (démonstration)',
    email: 'police-municipale@demo.proximite.test',
    description: { fr: 'Direction de la tranquillité publique.', en: 'Public tranquillity department.' },
  },
  {
    id: 'delegue-defenseur',
    kind: 'defenseur-des-droits-delegue',
    name: 'Délégué du Défenseur des droits (démonstration)',
    address: 'Hôtel de Ville d’Amiens, place de l’Hôtel de Ville, 80000 Amiens',
    hours: 'Sur rendez-vous',
    description: {
      fr: 'Permanence gratuite\u00a0: aide pour saisir le Défenseur des droits.',
      en: 'Free drop-in: help to refer a matter to the Défenseur des droits.',
    },
  },
  {
    id: 'point-justice',
    kind: 'point-justice',
    name: 'Point-justice d’Amiens (démonstration)',
    hours: 'Sur rendez-vous',
    description: {
      fr: 'Aide gratuite pour porter plainte ou écrire au procureur.',
      en: 'Free help to file a complaint or write to the prosecutor.',
    },
  },
];

/** Is the database free of demo content (no district, no café)? */
export async function isEmpty(db: Queryable): Promise<boolean> {
  const rows = await db.query<{ n: number }>(
    'SELECT ((SELECT count(*) FROM districts) + (SELECT count(*) FROM cafes))::int AS n',
  );
  return (rows[0]?.n ?? 0) === 0;
}

/** Seeds the Amiens demo data when the database is empty. Returns whether it seeded. */
export async function seedDemo(db: Database, now: Date): Promise<boolean> {
  return audited({ db }, now, { kind: 'system', name: 'seed' }, async ({ tx, audit }) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [0x73656564]);
    if (!(await isEmpty(tx))) return false;
    await upsertDistricts(tx, AMIENS_DISTRICTS);
    await seedRouting(tx, now);
    const cafeIds: Record<string, string> = {};
    for (const seed of CAFE_SEEDS) {
      const startIso = at(now, seed.days, seed.start[0], seed.start[1]);
      const end = new Date(Date.parse(startIso) + seed.durationMinutes * 60_000);
      const input: CafeInput = { ...seed.input, start: startIso, end: isoInZone(end, TZ), timeZone: TZ };
      const id = `cafe-${startIso.slice(0, 10)}-${seed.slug}`;
      await createCafe(
        tx,
        now,
        input,
        seed.cancel !== undefined ? { id, status: 'cancelled', cancelReason: seed.cancel } : { id },
      );
      if (seed.cancel !== undefined) await tx.query('UPDATE cafes SET sequence = 1 WHERE id = $1', [id]);
      cafeIds[seed.slug] = id;
    }

    const day = (d: number, h = 10) => new Date(zonedToDate(TZ, ...ymd(now, d), h, 0));
    const concern = async (
      code: string,
      daysAgo: number,
      description: string,
      location: { address?: string; lat?: number; lon?: number; districtId?: string },
      attributes: Record<string, string | string[]>,
      status: string,
      updates: { daysAgo: number; status: string; text: LocalizedText }[],
    ): Promise<string> => {
      const category = await getCategory(tx, code);
      if (category === undefined) throw new Error(`seed: missing category ${code}`);
      const created = await insertConcern(tx, day(-daysAgo), category, {
        categoryCode: code,
        description,
        location,
        attributes,
        lang: 'fr',
        quarantineReasons: [],
        channel: 'api',
      });
      for (const u of updates) await addPublicUpdate(tx, created.id, day(-u.daysAgo, 14), u.status, u.text);
      const last = updates[updates.length - 1];
      const closed = ['resolved', 'closed', 'duplicate', 'not-responsible'].includes(status);
      await tx.query('UPDATE concerns SET status = $2, updated_at = $3, closed_at = $4 WHERE id = $1', [
        created.id,
        status,
        (last !== undefined ? day(-last.daysAgo, 14) : day(-daysAgo)).toISOString(),
        closed && last !== undefined ? day(-last.daysAgo, 14).toISOString() : null,
      ]);
      return created.reference;
    };

    const dumping = await concern(
      'depots-sauvages',
      40,
      'Des encombrants sont déposés chaque semaine au pied du pont de la Dodane, côté rue Motte.',
      { address: 'Rue Motte, 80000 Amiens', lat: 49.8957, lon: 2.3011, districtId: 'saint-leu' },
      { 'type-depot': 'encombrants', volume: 'moyen', recurrent: 'souvent' },
      'resolved',
      [
        {
          daysAgo: 38,
          status: 'in-progress',
          text: { fr: 'Signalement transmis à la propreté urbaine.', en: 'Passed on to street cleaning.' },
        },
        {
          daysAgo: 30,
          status: 'action-scheduled',
          text: {
            fr: 'Enlèvement programmé ; une caméra nomade sera installée.',
            en: 'Removal scheduled; a mobile camera will be installed.',
          },
        },
        {
          daysAgo: 20,
          status: 'resolved',
          text: {
            fr: 'Dépôts enlevés ; passage hebdomadaire ajouté.',
            en: 'Waste removed; a weekly round was added.',
          },
        },
      ],
    );
    const parking = await concern(
      'stationnement',
      15,
      'Des voitures stationnent tous les matins sur le passage piéton devant l’école, à l’heure de l’entrée.',
      { address: 'Avenue du Pays d’Auge, 80080 Amiens', districtId: 'etouvie' },
      { 'type-stationnement': 'passage-pieton', recurrent: 'souvent' },
      'action-scheduled',
      [
        {
          daysAgo: 10,
          status: 'action-scheduled',
          text: {
            fr: 'Présence de la police municipale aux heures d’entrée prévue la semaine prochaine.',
            en: 'Municipal police will be present at school times next week.',
          },
        },
      ],
    );
    const rodeos = await concern(
      'securite-routiere',
      8,
      'Rodéos de motos presque tous les soirs sur l’avenue, vers 21 h.',
      { districtId: 'amiens-nord' },
      { probleme: 'rodeos', horaires: 'vers 21 h', recurrent: 'souvent', 'danger-immediat': 'non' },
      'in-progress',
      [
        {
          daysAgo: 6,
          status: 'in-progress',
          text: {
            fr: 'Signalement pris en compte par la police municipale et la police nationale.',
            en: 'Taken up by the municipal and national police.',
          },
        },
      ],
    );
    await concern(
      'bruit',
      2,
      'Musique forte tard le soir depuis un bar du quai, surtout le week-end.',
      { address: 'Quai Bélu, 80000 Amiens', districtId: 'saint-leu' },
      { source: 'commerce', moment: ['soiree', 'nuit'], recurrent: 'parfois' },
      'received',
      [],
    );

    await createPriority(
      tx,
      now,
      {
        issue: { fr: 'Dépôts sauvages récurrents rue Motte', en: 'Repeated illegal dumping, rue Motte' },
        action: {
          fr: 'Enlèvement, caméra nomade et passage hebdomadaire de la propreté urbaine.',
          en: 'Removal, a mobile camera and a weekly cleaning round.',
        },
        issueDate: ymdString(now, -40),
        actionDate: ymdString(now, -20),
        status: 'done',
        districtId: 'saint-leu',
        sources: { concernReferences: [dumping], cafeIds: [cafeIds['saint-leu-passe'] ?? ''] },
      },
      'prio-saint-leu-depots',
    );
    await createPriority(
      tx,
      now,
      {
        issue: {
          fr: 'Stationnement sur le passage piéton devant l’école',
          en: 'Parking on the school crossing',
        },
        action: {
          fr: 'Présence de la police municipale aux heures d’entrée et de sortie.',
          en: 'Municipal police at school opening and closing times.',
        },
        issueDate: ymdString(now, -15),
        status: 'in-progress',
        districtId: 'etouvie',
        sources: { concernReferences: [parking], cafeIds: [] },
      },
      'prio-etouvie-ecole',
    );
    await createPriority(
      tx,
      now,
      {
        issue: {
          fr: 'Rodéos motorisés le soir à Amiens Nord',
          en: 'Evening motorbike joyriding in Amiens Nord',
        },
        issueDate: ymdString(now, -8),
        status: 'raised',
        districtId: 'amiens-nord',
        sources: { concernReferences: [rodeos], cafeIds: [] },
      },
      'prio-amiens-nord-rodeos',
    );
    await createPriority(
      tx,
      now,
      {
        issue: {
          fr: 'Sentiment d’insécurité le soir quai Bélu (éclairage)',
          en: 'Feeling unsafe at night on quai Bélu (lighting)',
        },
        action: {
          fr: 'Quatre points lumineux ajoutés et une ronde en soirée le week-end.',
          en: 'Four new street lights and a weekend evening patrol.',
        },
        issueDate: ymdString(now, -12),
        actionDate: ymdString(now, -2),
        status: 'done',
        districtId: 'saint-leu',
        sources: { concernReferences: [], cafeIds: [cafeIds['saint-leu-passe'] ?? ''] },
      },
      'prio-saint-leu-eclairage',
    );

    await putRightsOverrides(tx, now, { localContacts: DEMO_LOCAL_CONTACTS });
    await seedYear(tx, now, cafeIds);
    // The year's concerns are inserted in bulk: their due dates now.
    await refreshDueDates(tx, { missing: true });
    await audit({ action: 'seed.demo', target: 'database' });
    return true;
  });
}

function ymd(now: Date, days: number): [number, number, number] {
  const p = zonedParts(now, TZ);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

function ymdString(now: Date, days: number): string {
  const [y, m, d] = ymd(now, days);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
