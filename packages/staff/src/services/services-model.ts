/**
 * The services section's pure logic: a service as its form holds it (strings and booleans), the
 * checks, the body of a create or an update (secrets sent only when typed: they are write-only),
 * and the routing rules' rows. No DOM.
 */
import type {
  RoutingRule,
  RoutingRulesInput,
  Service,
  ServiceCreateInput,
  ServiceInput,
} from '@proximite/contract';

export const METHODS = ['email', 'webhook', 'open311', 'none'] as const;

export interface ServiceForm {
  id: string;
  nameFr: string;
  nameEn: string;
  email: string;
  phone: string;
  url: string;
  /** Empty: no handling-time target. */
  targetDays: string;
  targetUnit: string;
  method: string;
  /** `email`: addresses, separated by commas, spaces or new lines. */
  to: string;
  lang: string;
  webhookUrl: string;
  /** Write-only: empty keeps the stored secret. */
  secret: string;
  regenerateSecret: boolean;
  endpoint: string;
  serviceCode: string;
  /** Write-only: empty keeps the stored key. */
  apiKey: string;
  jurisdictionId: string;
  format: string;
  updates: string;
  members: string[];
  contactAccess: boolean;
  police: boolean;
  restricted: boolean;
}

/** The form of a service (or of a new one). */
export function formOf(s?: Service): ServiceForm {
  const d = s?.delivery;
  return {
    id: s?.id ?? '',
    nameFr: s?.name.fr ?? '',
    nameEn: s?.name.en ?? '',
    email: s?.contact?.email ?? '',
    phone: s?.contact?.phone ?? '',
    url: s?.contact?.url ?? '',
    targetDays: s?.target ? String(s.target.days) : '',
    targetUnit: s?.target?.unit ?? 'working-days',
    method: d?.method ?? 'none',
    to: (d?.to ?? []).join(', '),
    lang: d?.lang ?? 'fr',
    webhookUrl: d?.method === 'webhook' ? (d.url ?? '') : '',
    secret: '',
    regenerateSecret: false,
    endpoint: d?.endpoint ?? '',
    serviceCode: d?.serviceCode ?? '',
    apiKey: '',
    jurisdictionId: d?.jurisdictionId ?? '',
    format: d?.format ?? 'json',
    updates: d?.updates ?? 'auto',
    members: [...(s?.members ?? [])],
    contactAccess: s?.contactAccess ?? false,
    police: s?.police ?? false,
    restricted: s?.restricted ?? false,
  };
}

/** The addresses of a typed list. */
export function addresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HTTP_URL = /^https?:\/\/[^\s/\\]+\S*$/i;

export type FormErrors = Record<string, string>;

/** What is wrong, by field id: `id`, `name-fr`, `email`, `target-days`, `to`, `webhook-url`… */
export function checkForm(f: ServiceForm, creating: boolean): FormErrors {
  const e: FormErrors = {};
  if (creating && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(f.id.trim())) e.id = 'id';
  if (!f.nameFr.trim() || f.nameFr.length > 200) e['name-fr'] = 'name';
  if (f.nameEn.length > 200) e['name-en'] = 'name';
  if (f.email.trim() && !EMAIL.test(f.email.trim())) e.email = 'email';
  if (f.phone.trim() && !/^\+?[0-9 ().-]{3,32}$/.test(f.phone.trim())) e.phone = 'phone';
  if (f.url.trim() && !HTTP_URL.test(f.url.trim())) e.url = 'url';
  if (f.targetDays.trim()) {
    const n = Number(f.targetDays.trim());
    if (!Number.isInteger(n) || n < 1 || n > 365) e['target-days'] = 'days';
  }
  if (f.method === 'email') {
    const to = addresses(f.to);
    if (to.length === 0 || to.length > 20 || !to.every((a) => EMAIL.test(a))) e.to = 'to';
  }
  if (f.method === 'webhook') {
    if (!HTTP_URL.test(f.webhookUrl.trim())) e['webhook-url'] = 'url';
    if (f.secret.trim() && !/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/.test(f.secret.trim())) e.secret = 'secret';
  }
  if (f.method === 'open311') {
    if (!HTTP_URL.test(f.endpoint.trim())) e.endpoint = 'url';
    if (!/^[\x21-\x7e]{1,100}$/.test(f.serviceCode.trim())) e['service-code'] = 'code';
  }
  if (f.police && f.restricted) e.restricted = 'policeRestricted';
  return e;
}

/** The body of an update (`PUT`): secrets only when typed (they are never read back). */
export function inputOf(f: ServiceForm): ServiceInput {
  const contact = {
    ...(f.email.trim() ? { email: f.email.trim() } : {}),
    ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
    ...(f.url.trim() ? { url: f.url.trim() } : {}),
  };
  let delivery: ServiceInput['delivery'];
  switch (f.method) {
    case 'email':
      delivery = { method: 'email', to: addresses(f.to), lang: f.lang as 'fr' | 'en' | 'both' };
      break;
    case 'webhook':
      delivery = {
        method: 'webhook',
        url: f.webhookUrl.trim(),
        ...(f.secret.trim() ? { secret: f.secret.trim() } : {}),
        ...(f.regenerateSecret && !f.secret.trim() ? { regenerateSecret: true } : {}),
      };
      break;
    case 'open311':
      delivery = {
        method: 'open311',
        endpoint: f.endpoint.trim(),
        serviceCode: f.serviceCode.trim(),
        ...(f.apiKey.trim() ? { apiKey: f.apiKey.trim() } : {}),
        ...(f.jurisdictionId.trim() ? { jurisdictionId: f.jurisdictionId.trim() } : {}),
        format: f.format as 'json' | 'xml',
        updates: f.updates as 'auto',
      };
      break;
    default:
      delivery = { method: 'none' };
  }
  return {
    name: { fr: f.nameFr.trim(), ...(f.nameEn.trim() ? { en: f.nameEn.trim() } : {}) },
    ...(Object.keys(contact).length ? { contact } : {}),
    members: [...f.members],
    target: f.targetDays.trim()
      ? { days: Number(f.targetDays.trim()), unit: f.targetUnit as 'working-days' }
      : null,
    delivery,
    contactAccess: f.contactAccess,
    police: f.police,
    restricted: f.restricted,
  } as ServiceInput;
}

/** The body of a create (`POST`). */
export function createInputOf(f: ServiceForm): ServiceCreateInput {
  return { id: f.id.trim(), ...inputOf(f) } as ServiceCreateInput;
}

/** The list with `changed` in place of the service of the same id (or added, sorted by id). */
export function upsert(list: readonly Service[], changed: Service): Service[] {
  const { webhookSecret: _secret, ...kept } = changed;
  const found = list.some((s) => s.id === changed.id);
  const next = found ? list.map((s) => (s.id === changed.id ? kept : s)) : [...list, kept];
  return found ? next : next.sort((a, b) => a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------------------------------------
// routing rules

export interface RuleRow {
  categoryCode: string;
  /** Empty: every district. */
  districtId: string;
  serviceId: string;
}

export function rowsOf(rules: readonly RoutingRule[]): RuleRow[] {
  return rules.map((r) => ({
    categoryCode: r.categoryCode,
    districtId: r.districtId ?? '',
    serviceId: r.serviceId,
  }));
}

/** The indexes of incomplete rows and of rows repeating a category × district already given. */
export function checkRules(rows: readonly RuleRow[]): { incomplete: number[]; duplicates: number[] } {
  const seen = new Set<string>();
  const incomplete: number[] = [];
  const duplicates: number[] = [];
  rows.forEach((r, i) => {
    if (!r.categoryCode || !r.serviceId) return void incomplete.push(i);
    const key = `${r.categoryCode}\u0000${r.districtId}`;
    if (seen.has(key)) duplicates.push(i);
    seen.add(key);
  });
  return { incomplete, duplicates };
}

export function rulesInputOf(rows: readonly RuleRow[]): RoutingRulesInput {
  return {
    rules: rows.map((r) => ({
      categoryCode: r.categoryCode,
      districtId: r.districtId || null,
      serviceId: r.serviceId,
    })),
  };
}
