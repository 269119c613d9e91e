/**
 * Café mode's pure logic: which cafés are today's, and what a note typed at the café becomes
 * (the body of `POST /v1/admin/cafes/{id}/concerns`) — or which fields stop it. No DOM.
 */
import type { Cafe, CafeConcernInput } from '@proximite/contract';
import type { Lookups } from '../shared/lookups.js';

/** The city's time zone: « today » is the day in Amiens, whatever the device says. */
export const CITY_TIME_ZONE = 'Europe/Paris';

/** `YYYY-MM-DD` of `now` in `timeZone`. */
export function dayIn(now: Date, timeZone = CITY_TIME_ZONE): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The cafés that take place on `now`'s day (in each café's time zone), not cancelled, by start. */
export function todaysCafes(cafes: readonly Cafe[], now: Date): Cafe[] {
  return cafes
    .filter(
      (c) => c.status !== 'cancelled' && dayIn(new Date(c.start), c.timeZone) === dayIn(now, c.timeZone),
    )
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
}

/** What the form holds, as typed (strings and checkboxes). */
export interface NoteFields {
  categoryCode: string;
  description: string;
  place: string;
  name: string;
  email: string;
  phone: string;
  emailUpdates: boolean;
  consent: boolean;
}

/** A field that stops the note, and why (a key of the section's messages). */
export type NoteError =
  | { field: 'categoryCode'; message: 'errorCategory' }
  | { field: 'description'; message: 'errorDescription' }
  | { field: 'email'; message: 'errorEmail' | 'errorEmailNeeded' }
  | { field: 'phone'; message: 'errorPhone' }
  | { field: 'consent'; message: 'errorConsent' };

/** A note waiting in the outbox: the café it was raised at and the body to send. */
export interface FieldNote {
  cafeId: string;
  note: CafeConcernInput;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{3,32}$/;

/**
 * The note of `fields` at `cafe`, or the errors that stop it (in the form's order). A place left
 * empty is the café's own (the server fills it in); contact details need the resident's consent.
 */
export function noteFromFields(
  fields: NoteFields,
  cafe: Pick<Cafe, 'id' | 'districtId'>,
  lang: 'fr' | 'en',
): { note: FieldNote } | { errors: NoteError[] } {
  const errors: NoteError[] = [];
  const trim = (v: string) => v.trim();
  const description = trim(fields.description);
  const name = trim(fields.name);
  const email = trim(fields.email);
  const phone = trim(fields.phone);
  const place = trim(fields.place);
  if (fields.categoryCode === '') errors.push({ field: 'categoryCode', message: 'errorCategory' });
  if (description === '') errors.push({ field: 'description', message: 'errorDescription' });
  if (email !== '' && !EMAIL.test(email)) errors.push({ field: 'email', message: 'errorEmail' });
  else if (fields.emailUpdates && email === '') errors.push({ field: 'email', message: 'errorEmailNeeded' });
  if (phone !== '' && !PHONE.test(phone)) errors.push({ field: 'phone', message: 'errorPhone' });
  const hasContact = name !== '' || email !== '' || phone !== '';
  if (hasContact && !fields.consent) errors.push({ field: 'consent', message: 'errorConsent' });
  if (errors.length > 0) return { errors };
  const note: CafeConcernInput = { categoryCode: fields.categoryCode, description, lang };
  if (place !== '')
    note.location = { address: place, ...(cafe.districtId !== null ? { districtId: cafe.districtId } : {}) };
  if (hasContact) {
    note.contact = {
      ...(name !== '' ? { name } : {}),
      ...(email !== '' ? { email } : {}),
      ...(phone !== '' ? { phone } : {}),
      ...(email !== '' && fields.emailUpdates ? { emailUpdates: true } : {}),
    };
    note.consent = true;
  }
  return { note: { cafeId: cafe.id, note } };
}

/** The first words of a note, for the list of notes (one line). */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/**
 * What café mode keeps on the device for a reload with no network: today's cafés and the
 * categories, as last loaded (public data: the API's public lists, no personal data). The notes
 * themselves wait in the outbox.
 */
export interface FieldKit {
  day: string;
  cafes?: Cafe[];
  categories?: Lookups['categories'];
}

/** The kit kept in `raw` (localStorage's text) if it is `day`'s, else undefined. */
export function kitOf(raw: string | null, day: string): FieldKit | undefined {
  try {
    const kit = JSON.parse(raw ?? 'null') as Partial<FieldKit> | null;
    return kit?.day === day ? (kit as FieldKit) : undefined;
  } catch {
    return undefined;
  }
}
