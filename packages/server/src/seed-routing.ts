/**
 * The demo's services and routing rules for Amiens: handling-time targets, how each service
 * receives concerns (e-mail to `.example` addresses, which never reach anyone: without a mail
 * server they wait in the queue as « held », which the delivery log shows), district teams that
 * take over a category in their district, and the city's independent mediator for complaints about
 * police conduct. Demo data, as the rest of seed.ts.
 */
import type { LocalizedText, RoutingRule, ServiceDelivery, ServiceTarget } from '@proximite/contract';
import type { Queryable } from './db/database.js';
import { replaceRules } from './store/routing.js';
import { getServiceRecord, insertService, updateServiceRow } from './store/services.js';
import type { ServiceWrite } from './store/services.js';

interface DemoService {
  id: string;
  name: LocalizedText;
  target: ServiceTarget | null;
  delivery: ServiceDelivery;
  police?: boolean;
  restricted?: boolean;
  contactAccess?: boolean;
  contact?: ServiceWrite['contact'];
}

const mail = (local: string): ServiceDelivery => ({ method: 'email', to: [`${local}@amiens.example`] });
const days = (n: number, unit: ServiceTarget['unit'] = 'working-days'): ServiceTarget => ({ days: n, unit });

export const AMIENS_SERVICES: DemoService[] = [
  {
    id: 'proprete-urbaine',
    name: { fr: 'Propreté urbaine — Amiens Métropole', en: 'Street cleaning — Amiens Métropole' },
    target: days(5),
    delivery: mail('proprete'),
    contact: { url: 'https://www.amiens.fr/' },
  },
  {
    id: 'proprete-secteur-ouest',
    name: {
      fr: 'Équipe propreté du secteur Ouest (Étouvie, Saint-Maurice)',
      en: 'West sector street-cleaning team (Étouvie, Saint-Maurice)',
    },
    target: days(2),
    delivery: mail('proprete-ouest'),
  },
  {
    id: 'voirie',
    name: { fr: 'Voirie et déplacements — Amiens Métropole', en: 'Roads and mobility — Amiens Métropole' },
    target: days(10),
    delivery: mail('voirie'),
  },
  {
    id: 'hygiene-sante',
    name: { fr: 'Service communal d’hygiène et de santé', en: 'Municipal health and hygiene service' },
    target: days(10),
    delivery: mail('hygiene'),
  },
  {
    id: 'police-municipale',
    name: { fr: 'Police municipale', en: 'Municipal police' },
    target: days(2),
    delivery: { method: 'none' },
    police: true,
  },
  {
    id: 'tranquillite-publique',
    name: { fr: 'Direction de la tranquillité publique', en: 'Public tranquillity department' },
    target: days(5),
    delivery: { method: 'none' },
    police: true,
  },
  {
    id: 'mediation',
    name: {
      fr: 'Médiation de voisinage (conciliateur de justice)',
      en: 'Neighbour mediation (court conciliator)',
    },
    target: days(15, 'calendar-days'),
    delivery: mail('conciliation'),
  },
  {
    id: 'mediation-quartiers',
    name: { fr: 'Médiation sociale — Amiens Nord et Étouvie', en: 'Social mediation — Amiens Nord and Étouvie' },
    target: days(5),
    delivery: mail('mediation-sociale'),
  },
  {
    id: 'relation-usagers',
    name: { fr: 'Relation aux usagers — Mairie', en: 'Residents’ services — City hall' },
    target: days(10),
    delivery: { method: 'none' },
  },
  {
    id: 'mediateur-municipal',
    name: {
      fr: 'Médiateur municipal (instance indépendante)',
      en: 'Municipal mediator (independent)',
    },
    target: days(30, 'calendar-days'),
    delivery: mail('mediateur'),
    restricted: true,
    contactAccess: true,
  },
];

export const AMIENS_RULES: RoutingRule[] = [
  { categoryCode: 'depots-sauvages', districtId: 'etouvie', serviceId: 'proprete-secteur-ouest' },
  { categoryCode: 'depots-sauvages', districtId: 'saint-maurice', serviceId: 'proprete-secteur-ouest' },
  { categoryCode: 'voisinage', districtId: 'amiens-nord', serviceId: 'mediation-quartiers' },
  { categoryCode: 'voisinage', districtId: 'etouvie', serviceId: 'mediation-quartiers' },
  { categoryCode: 'conduite-forces-ordre', districtId: null, serviceId: 'mediateur-municipal' },
];

/** Sets the demo's services (creating the missing ones) and routing rules. */
export async function seedRouting(tx: Queryable, now: Date): Promise<void> {
  for (const s of AMIENS_SERVICES) {
    const write: ServiceWrite = {
      name: s.name,
      contact: s.contact ?? null,
      target: s.target,
      delivery: s.delivery,
      secret: null,
      contactAccess: s.contactAccess === true,
      police: s.police === true,
      restricted: s.restricted === true,
    };
    if ((await getServiceRecord(tx, s.id)) === undefined) await insertService(tx, now, s.id, write);
    else await updateServiceRow(tx, now, s.id, write);
  }
  await replaceRules(tx, now, AMIENS_RULES);
}
