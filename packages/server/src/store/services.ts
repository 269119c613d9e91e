/**
 * Services: where concerns are routed, what staff belong to, and how each receives what is routed
 * to it (the delivery settings; the webhook secret or Open311 API key apart, never shown).
 */
import type {
  LocalizedText,
  Service,
  ServiceContact,
  ServiceDelivery,
  ServiceRef,
  ServiceTarget,
} from '@proximite/contract';
import { policeServiceIds } from '@proximite/content/categories.js';
import type { Queryable } from '../db/database.js';
import { refreshDueDates } from './due.js';
import { toIso, toIsoOrNull } from '../util.js';

/** A service as the server uses it: the API's view plus its secret. */
export interface ServiceRecord {
  id: string;
  name: LocalizedText;
  contact: ServiceContact | null;
  members: string[];
  target: ServiceTarget | null;
  /** The settings without their secret. */
  delivery: ServiceDelivery;
  /** The webhook signing secret, or the Open311 API key. */
  secret: string | null;
  contactAccess: boolean;
  police: boolean;
  restricted: boolean;
  createdAt: string;
  updatedAt: string | null;
}

/** A row of {@link SERVICE_COLUMNS}. */
export interface ServiceRow {
  id: string;
  name: LocalizedText;
  contact: ServiceContact | null;
  target_days: number | null;
  target_unit: string | null;
  delivery: ServiceDelivery;
  delivery_secret: string | null;
  contact_access: boolean;
  police: boolean;
  restricted: boolean;
  created_at: Date | string;
  updated_at: Date | string | null;
  members: string[] | null;
}

/** The columns of a {@link ServiceRow}, of `services s` (for statements that read a service with more). */
export const SERVICE_COLUMNS = `s.id, s.name, s.contact, s.target_days, s.target_unit, s.delivery, s.delivery_secret,
  s.contact_access, s.police, s.restricted, s.created_at, s.updated_at,
  (SELECT jsonb_agg(ss.staff_id ORDER BY ss.staff_id) FROM staff_services ss WHERE ss.service_id = s.id) AS members`;

const SELECT = `SELECT ${SERVICE_COLUMNS} FROM services s`;

/** A {@link ServiceRow} as a record. */
export function toServiceRecord(r: ServiceRow): ServiceRecord {
  return {
    id: r.id,
    name: r.name,
    contact: r.contact,
    members: r.members ?? [],
    target:
      r.target_days === null || r.target_unit === null ? null : { days: r.target_days, unit: r.target_unit },
    delivery: r.delivery,
    secret: r.delivery_secret,
    contactAccess: r.contact_access,
    police: r.police,
    restricted: r.restricted,
    createdAt: toIso(r.created_at),
    updatedAt: toIsoOrNull(r.updated_at),
  };
}

/** The API's view of a service: never its secret (`secretSet` / `apiKeySet` say whether one is stored). */
export function serviceView(record: ServiceRecord): Service {
  const delivery: ServiceDelivery = { ...record.delivery };
  if (delivery.method === 'webhook') delivery.secretSet = record.secret !== null;
  if (delivery.method === 'open311') delivery.apiKeySet = record.secret !== null;
  return {
    id: record.id,
    name: record.name,
    ...(record.contact !== null ? { contact: record.contact } : {}),
    members: record.members,
    target: record.target,
    delivery,
    contactAccess: record.contactAccess,
    police: record.police,
    restricted: record.restricted,
    createdAt: record.createdAt,
    ...(record.updatedAt !== null ? { updatedAt: record.updatedAt } : {}),
  };
}

/** The reference a concern keeps of its service. */
export function serviceRef(record: Pick<ServiceRecord, 'id' | 'name'>): ServiceRef {
  return { id: record.id, name: record.name };
}

export async function listServiceRecords(db: Queryable): Promise<ServiceRecord[]> {
  const rows = await db.query<ServiceRow>(`${SELECT} ORDER BY s.name->>'fr', s.id`);
  return rows.map(toServiceRecord);
}

export async function listServices(db: Queryable): Promise<Service[]> {
  return (await listServiceRecords(db)).map(serviceView);
}

export async function getServiceRecord(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ServiceRecord | undefined> {
  if (options.lock === true) await db.query('SELECT 1 FROM services WHERE id = $1 FOR UPDATE', [id]);
  const rows = await db.query<ServiceRow>(`${SELECT} WHERE s.id = $1`, [id]);
  return rows[0] === undefined ? undefined : toServiceRecord(rows[0]);
}

/** Of `ids`, those that are not services. */
export async function unknownServices(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM services WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))',
    [JSON.stringify(ids)],
  );
  const known = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** What is written for a service (the whole row but its id and creation). */
export interface ServiceWrite {
  name: LocalizedText;
  contact: ServiceContact | null;
  target: ServiceTarget | null;
  delivery: ServiceDelivery;
  secret: string | null;
  contactAccess: boolean;
  police: boolean;
  restricted: boolean;
}

/** Inserts a service; `false` when the id is taken. */
export async function insertService(tx: Queryable, now: Date, id: string, w: ServiceWrite): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO services (id, name, contact, target_days, target_unit, delivery, delivery_secret, contact_access,
       police, restricted, created_at, updated_at)
     VALUES ($1, $2::jsonb, $3::jsonb, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $11)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      id,
      JSON.stringify(w.name),
      w.contact === null ? null : JSON.stringify(w.contact),
      w.target?.days ?? null,
      w.target?.unit ?? null,
      JSON.stringify(w.delivery),
      w.secret,
      w.contactAccess,
      w.police,
      w.restricted,
      now.toISOString(),
    ],
  );
  return rows.length > 0;
}

/** Replaces a service's settings; its concerns' due dates follow a new target. */
export async function updateServiceRow(tx: Queryable, now: Date, id: string, w: ServiceWrite): Promise<void> {
  const before = await tx.query<{ target_days: number | null; target_unit: string | null }>(
    'SELECT target_days, target_unit FROM services WHERE id = $1',
    [id],
  );
  await tx.query(
    `UPDATE services SET name = $2::jsonb, contact = $3::jsonb, target_days = $4, target_unit = $5,
       delivery = $6::jsonb, delivery_secret = $7, contact_access = $8, police = $9, restricted = $10,
       updated_at = $11
     WHERE id = $1`,
    [
      id,
      JSON.stringify(w.name),
      w.contact === null ? null : JSON.stringify(w.contact),
      w.target?.days ?? null,
      w.target?.unit ?? null,
      JSON.stringify(w.delivery),
      w.secret,
      w.contactAccess,
      w.police,
      w.restricted,
      now.toISOString(),
    ],
  );
  const was = before[0];
  if (
    was !== undefined &&
    (was.target_days !== (w.target?.days ?? null) || was.target_unit !== (w.target?.unit ?? null))
  )
    await refreshDueDates(tx, { serviceId: id });
}

/** Replaces the staff accounts that belong to a service. */
export async function setServiceMembers(
  tx: Queryable,
  id: string,
  members: readonly string[],
): Promise<void> {
  await tx.query('DELETE FROM staff_services WHERE service_id = $1', [id]);
  if (members.length > 0) {
    await tx.query(
      `INSERT INTO staff_services (staff_id, service_id) SELECT jsonb_array_elements_text($2::jsonb), $1`,
      [id, JSON.stringify(members)],
    );
  }
}

/** What still points to a service: concerns routed to it, categories naming it, routing rules. */
export async function serviceReferences(
  db: Queryable,
  id: string,
): Promise<{ concerns: number; categories: number; rules: number }> {
  const rows = await db.query<{ concerns: number; categories: number; rules: number }>(
    `SELECT (SELECT count(*)::int FROM concerns WHERE service->>'id' = $1) AS concerns,
            (SELECT count(*)::int FROM categories WHERE data->'service'->>'id' = $1) AS categories,
            (SELECT count(*)::int FROM routing_rules WHERE service_id = $1) AS rules`,
    [id],
  );
  return rows[0] ?? { concerns: 0, categories: 0, rules: 0 };
}

export async function deleteServiceRow(tx: Queryable, id: string): Promise<boolean> {
  return (await tx.query('DELETE FROM services WHERE id = $1 RETURNING id', [id])).length > 0;
}

/**
 * Adds the services named by the stored concern categories (not the emergency ones, which are
 * never submitted, nor the conduct-complaint ones, which name the outside recourse bodies) that the
 * table lacks. Existing services keep their names and settings; the police forces of the default
 * categories are marked as such.
 */
export async function installCategoryServices(db: Queryable, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO services (id, name, created_at, updated_at, police)
     SELECT DISTINCT ON (data->'service'->>'id') data->'service'->>'id', data->'service'->'name', $1::timestamptz,
            $1::timestamptz, (data->'service'->>'id') IN (SELECT jsonb_array_elements_text($2::jsonb))
       FROM categories
      WHERE data->'emergency' IS NULL AND data->'conduct' IS NULL AND data->'service'->>'id' IS NOT NULL
      ORDER BY data->'service'->>'id', position
     ON CONFLICT (id) DO NOTHING`,
    [now.toISOString(), JSON.stringify(policeServiceIds)],
  );
}
