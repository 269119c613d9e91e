/** Services: where concerns are routed, what staff belong to. */
import type { LocalizedText, Service } from '@proximite/contract';
import type { Queryable } from '../db/database.js';

export async function listServices(db: Queryable): Promise<Service[]> {
  const rows = await db.query<{ id: string; name: LocalizedText }>(
    `SELECT id, name FROM services ORDER BY name->>'fr', id`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name }));
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

/**
 * Adds the services named by the stored concern categories (not the emergency ones, which are
 * never submitted) that the table lacks. Existing services keep their names.
 */
export async function installCategoryServices(db: Queryable, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO services (id, name, created_at)
     SELECT DISTINCT ON (data->'service'->>'id') data->'service'->>'id', data->'service'->'name', $1::timestamptz
       FROM categories
      WHERE data->'emergency' IS NULL AND data->'service'->>'id' IS NOT NULL
      ORDER BY data->'service'->>'id', position
     ON CONFLICT (id) DO NOTHING`,
    [now.toISOString()],
  );
}
