/**
 * A concern as a service receives it, read from the database when the message is sent (not copied
 * into the queue): the resident's contact details only for a service allowed to see them, and none
 * once retention has erased them.
 */
import type {
  ConcernCategory,
  DeliveredConcern,
  LocalizedText,
  PublicUpdate,
  ServiceRef,
} from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { toIso } from '../util.js';

export interface ConcernForDelivery {
  id: string;
  reference: string;
  status: string;
  service: ServiceRef;
  restricted: boolean;
  submittedAt: string;
  /** The resident's answers as stored (codes and keys), for systems that take them as such (Open311). */
  attributes: Record<string, string | number | string[]>;
  concern: DeliveredConcern;
}

interface Row {
  id: string;
  reference: string;
  category_code: string;
  status: string;
  service: ServiceRef;
  restricted: boolean;
  description: string;
  location: { address?: string; lat?: number; lon?: number; districtId?: string };
  district_id: string | null;
  attributes: Record<string, string | number | string[]> | null;
  lang: string | null;
  submitted_at: Date | string;
  updated_at: Date | string;
  category: ConcernCategory | null;
  district: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  contact_preferred: string | null;
}

/** The label of an answer's value (a list value's name, else the value itself). */
function answerValue(
  field: ConcernCategory['fields'][number] | undefined,
  value: string | number | string[],
): string {
  const values = Array.isArray(value) ? value : [value];
  return values
    .map((v) => {
      const named = field?.values?.find((x) => x.key === String(v));
      return named !== undefined ? named.name.fr : String(v);
    })
    .join(', ');
}

/** The link to a concern in the staff console. */
export function consoleLink(consoleUrl: string, reference: string): string {
  return `${consoleUrl.split('#')[0]}#/concerns/${encodeURIComponent(reference)}`;
}

/**
 * The concern `concernId` as a service receives it; `undefined` when it no longer exists. With
 * `withContact`, the resident's contact details (when they gave some and retention kept them).
 */
export async function loadConcernForDelivery(
  db: Queryable,
  concernId: string,
  options: { withContact: boolean; consoleUrl: string },
): Promise<ConcernForDelivery | undefined> {
  const rows = await db.query<Row>(
    `SELECT c.id, c.reference, c.category_code, c.status, c.service, c.restricted, c.description, c.location,
            c.district_id, c.attributes, c.lang, c.submitted_at, c.updated_at, cat.data AS category, d.name AS district,
            cc.name AS contact_name, cc.email AS contact_email, cc.phone AS contact_phone, cc.preferred AS contact_preferred
       FROM concerns c
       LEFT JOIN categories cat ON cat.code = c.category_code
       LEFT JOIN districts d ON d.id = c.district_id
       LEFT JOIN concern_contacts cc ON cc.concern_id = c.id
      WHERE c.id = $1`,
    [concernId],
  );
  const r = rows[0];
  if (r === undefined) return undefined;
  const fields = new Map((r.category?.fields ?? []).map((f) => [f.code, f]));
  const answers = Object.entries(r.attributes ?? {}).map(([code, value]) => {
    const field = fields.get(code);
    const label: LocalizedText = field?.label ?? { fr: code };
    return { code, label, value: answerValue(field, value) };
  });
  const concern: DeliveredConcern = {
    reference: r.reference,
    category: { code: r.category_code, label: r.category?.label ?? { fr: r.category_code } },
    status: r.status,
    submittedAt: toIso(r.submitted_at),
    updatedAt: toIso(r.updated_at),
    description: r.description,
    location: {
      ...(r.location.address !== undefined ? { address: r.location.address } : {}),
      ...(r.location.lat !== undefined ? { lat: r.location.lat } : {}),
      ...(r.location.lon !== undefined ? { lon: r.location.lon } : {}),
      ...(r.district_id !== null ? { districtId: r.district_id } : {}),
      ...(r.district !== null ? { district: r.district } : {}),
    },
    answers,
    ...(r.lang !== null ? { lang: r.lang } : {}),
    url: consoleLink(options.consoleUrl, r.reference),
  };
  if (options.withContact && (r.contact_name ?? r.contact_email ?? r.contact_phone) !== null) {
    concern.contact = {
      ...(r.contact_name !== null ? { name: r.contact_name } : {}),
      ...(r.contact_email !== null ? { email: r.contact_email } : {}),
      ...(r.contact_phone !== null ? { phone: r.contact_phone } : {}),
      ...(r.contact_preferred !== null ? { preferred: r.contact_preferred } : {}),
    };
  }
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    service: r.service,
    restricted: r.restricted,
    submittedAt: toIso(r.submitted_at),
    attributes: r.attributes ?? {},
    concern,
  };
}

/** The public update made at `at` (not a hand-off), for `concern.updated`. */
export async function updateAt(
  db: Queryable,
  concernId: string,
  at: string,
): Promise<PublicUpdate | undefined> {
  const rows = await db.query<{ id: string; at: Date | string; status: string; text: LocalizedText }>(
    `SELECT id, at, status, text FROM concern_updates WHERE concern_id = $1 AND at = $2 AND service IS NULL
      ORDER BY id LIMIT 1`,
    [concernId, at],
  );
  const r = rows[0];
  return r === undefined ? undefined : { id: r.id, at: toIso(r.at), status: r.status, text: r.text };
}
