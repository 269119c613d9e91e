/**
 * The rights explainer's city overrides, as the content section edits them: local contacts as
 * rows of text fields, the disclaimer in both languages, the extra national contacts kept as they
 * are. Pure functions: the rows of the overrides, their checks and the body sent back. No DOM.
 */
import { LOCAL_CONTACT_KINDS, type RightsOverrides } from '@proximite/contract';

export { LOCAL_CONTACT_KINDS };

export interface ContactRow {
  /** Kept for a contact that exists; made from the name for a new one. */
  id: string;
  kind: string;
  name: string;
  address: string;
  phone: string;
  email: string;
  url: string;
  hours: string;
}

export interface ContentForm {
  contacts: ContactRow[];
  disclaimerFr: string;
  disclaimerEn: string;
}

export const EMPTY_ROW: ContactRow = {
  id: '',
  kind: 'police-municipale',
  name: '',
  address: '',
  phone: '',
  email: '',
  url: '',
  hours: '',
};

export function formOf(o: RightsOverrides): ContentForm {
  return {
    contacts: (o.localContacts ?? []).map((c) => ({
      id: c.id,
      kind: c.kind,
      name: c.name,
      address: c.address ?? '',
      phone: c.phone ?? '',
      email: c.email ?? '',
      url: c.url ?? '',
      hours: c.hours ?? '',
    })),
    disclaimerFr: o.disclaimer?.fr ?? '',
    disclaimerEn: o.disclaimer?.en ?? '',
  };
}

/** An id made from a name (`Police municipale d’Amiens` → `police-municipale-d-amiens`), unique in `taken`. */
export function idFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'contact';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

/** What is wrong, by field id (`contact-<i>-name`, `contact-<i>-phone`…, `disclaimer-fr`). */
export function checkForm(f: ContentForm): Record<string, string> {
  const e: Record<string, string> = {};
  f.contacts.forEach((c, i) => {
    if (!c.name.trim() || c.name.length > 200) e[`contact-${i}-name`] = 'name';
    if (c.phone.trim() && !/^\+?[0-9 ().-]{2,32}$/.test(c.phone.trim())) e[`contact-${i}-phone`] = 'phone';
    if (c.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email.trim()))
      e[`contact-${i}-email`] = 'email';
    if (c.url.trim() && !/^https:\/\/\S+$/i.test(c.url.trim())) e[`contact-${i}-url`] = 'url';
  });
  if (f.disclaimerFr.length > 2000) e['disclaimer-fr'] = 'long';
  if (f.disclaimerEn.length > 2000) e['disclaimer-en'] = 'long';
  if (!f.disclaimerFr.trim() && f.disclaimerEn.trim()) e['disclaimer-fr'] = 'frFirst';
  return e;
}

/** The overrides to send: the form's contacts and disclaimer, the extra contacts as they were. */
export function overridesOf(f: ContentForm, before: RightsOverrides): RightsOverrides {
  const taken = new Set(f.contacts.map((c) => c.id).filter(Boolean));
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const localContacts = f.contacts.map((c) => {
    const id = c.id || idFor(c.name, taken);
    taken.add(id);
    return {
      id,
      kind: c.kind as (typeof LOCAL_CONTACT_KINDS)[number],
      name: c.name.trim(),
      ...(opt(c.address) ? { address: opt(c.address)! } : {}),
      ...(opt(c.phone) ? { phone: opt(c.phone)! } : {}),
      ...(opt(c.email) ? { email: opt(c.email)! } : {}),
      ...(opt(c.url) ? { url: opt(c.url)! } : {}),
      ...(opt(c.hours) ? { hours: opt(c.hours)! } : {}),
    };
  });
  const out: RightsOverrides = { localContacts };
  if (before.contacts) out.contacts = before.contacts;
  if (f.disclaimerFr.trim())
    out.disclaimer = {
      fr: f.disclaimerFr.trim(),
      ...(f.disclaimerEn.trim() ? { en: f.disclaimerEn.trim() } : {}),
    };
  return out;
}
