/**
 * Routing rules: category → service, overridden by district. The most specific rule wins — the
 * category and the concern's district, then the category alone, then the category's own service —
 * so adding a district rule never changes where the rest of the city's concerns go (unlike ordered
 * first-match rules, e.g. Signalen's routing expressions, where a rule's place in the list matters).
 */
import type { ConcernCategory, RoutingRule, RoutingTable } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { SERVICE_COLUMNS, getServiceRecord, serviceRef, toServiceRecord } from './services.js';
import type { ServiceRecord, ServiceRow } from './services.js';

interface RuleRow {
  category_code: string;
  district_id: string;
  service_id: string;
}

const toRule = (r: RuleRow): RoutingRule => ({
  categoryCode: r.category_code,
  districtId: r.district_id === '' ? null : r.district_id,
  serviceId: r.service_id,
});

export async function listRules(db: Queryable): Promise<RoutingRule[]> {
  const rows = await db.query<RuleRow>(
    'SELECT category_code, district_id, service_id FROM routing_rules ORDER BY category_code, district_id',
  );
  return rows.map(toRule);
}

export async function routingTable(db: Queryable): Promise<RoutingTable> {
  const defaults = await db.query<{ code: string; service_id: string }>(
    `SELECT code, data->'service'->>'id' AS service_id FROM categories
      WHERE data->'emergency' IS NULL ORDER BY position, code`,
  );
  return {
    rules: await listRules(db),
    defaults: defaults.map((d) => ({ categoryCode: d.code, serviceId: d.service_id })),
  };
}

/** Replaces every rule (in the caller's transaction). */
export async function replaceRules(tx: Queryable, now: Date, rules: readonly RoutingRule[]): Promise<void> {
  await tx.query('DELETE FROM routing_rules');
  if (rules.length === 0) return;
  await tx.query(
    `INSERT INTO routing_rules (category_code, district_id, service_id, created_at)
     SELECT r->>'categoryCode', COALESCE(r->>'districtId', ''), r->>'serviceId', $2::timestamptz
       FROM jsonb_array_elements($1::jsonb) AS r`,
    [JSON.stringify(rules), now.toISOString()],
  );
}

/** The id of the service a concern of `categoryCode` in `districtId` goes to, and the rule that said so. */
export async function routeId(
  db: Queryable,
  category: Pick<ConcernCategory, 'code' | 'service'>,
  districtId: string | null | undefined,
): Promise<{ serviceId: string; rule: RoutingRule | null }> {
  const rows = await db.query<RuleRow>(
    `SELECT category_code, district_id, service_id FROM routing_rules
      WHERE category_code = $1 AND district_id IN ('', $2)
      ORDER BY district_id DESC LIMIT 1`,
    [category.code, districtId ?? ''],
  );
  const row = rows[0];
  return row === undefined
    ? { serviceId: category.service.id, rule: null }
    : { serviceId: row.service_id, rule: toRule(row) };
}

/**
 * The service a concern of `category` in `districtId` goes to; `undefined` when that service is not
 * in the services table (a category naming a service nobody installed).
 */
export async function resolveRoute(
  db: Queryable,
  category: Pick<ConcernCategory, 'code' | 'service'>,
  districtId: string | null | undefined,
): Promise<{ service: ServiceRecord | undefined; rule: RoutingRule | null }> {
  const { serviceId, rule } = await routeId(db, category, districtId);
  return { service: await getServiceRecord(db, serviceId), rule };
}

/** What a new concern needs from the database, read in {@link readNewConcern}. */
export interface NewConcernRead {
  category: ConcernCategory;
  /** Whether its district is one (true when it names none). */
  districtKnown: boolean;
  /** The service the routing rules choose ({@link resolveRoute}); `undefined` when not installed. */
  service: ServiceRecord | undefined;
}

/**
 * Categories as last read, by code, with the version of the categories they were read at
 * (`content_versions`, bumped in the transaction of any change to the categories, their services or
 * routing rules): a submission reads a category's data (about 2 KB of JSON, a quarter of the
 * statements' time of a submission on PGlite) only when it changed since. One per database.
 */
export type CategoryCache = Map<string, { version: string; category: ConcernCategory }>;

const categoryCaches = new WeakMap<object, CategoryCache>();

/** The {@link CategoryCache} of `db` (a database, not a transaction: its key). */
export function categoryCache(db: object): CategoryCache {
  let cache = categoryCaches.get(db);
  if (cache === undefined) categoryCaches.set(db, (cache = new Map()));
  return cache;
}

/**
 * The category of `categoryCode`, whether `districtId` is a district, and the service the routing
 * rules choose for them (the rule {@link routeId} picks, else the category's own service), in ONE
 * statement: four round trips were a third of the statements of a submission. `undefined` when
 * there is no category of that code. With `cache`, the category's data comes from it when the
 * categories' version is the one it was read at (checked in the same statement, so in the same
 * snapshot as the rest).
 */
export async function readNewConcern(
  db: Queryable,
  categoryCode: string,
  districtId: string | null | undefined,
  cache?: CategoryCache,
): Promise<NewConcernRead | undefined> {
  const cached = cache?.get(categoryCode);
  const rows = await db.query<
    { category: ConcernCategory | null; version: string | null; district_known: boolean } & (
      ServiceRow | { [K in keyof ServiceRow]: null }
    )
  >(
    `SELECT CASE WHEN v.version::text = $3 THEN NULL ELSE c.data END AS category, v.version::text AS version,
            ($2::text IS NULL OR EXISTS (SELECT 1 FROM districts d WHERE d.id = $2::text)) AS district_known,
            ${SERVICE_COLUMNS}
       FROM categories c
       LEFT JOIN content_versions v ON v.name = 'categories'
       LEFT JOIN LATERAL (
         SELECT r.service_id FROM routing_rules r
          WHERE r.category_code = c.code AND r.district_id IN ('', COALESCE($2::text, ''))
          ORDER BY r.district_id DESC LIMIT 1) rule ON true
       LEFT JOIN services s ON s.id = COALESCE(rule.service_id, c.data->'service'->>'id')
      WHERE c.code = $1`,
    [categoryCode, districtId ?? null, cached?.version ?? null],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  let category = row.category;
  if (category === null) {
    if (cached === undefined) throw new Error('unreachable: a category left out but none cached');
    category = cached.category;
  } else if (cache !== undefined && row.version !== null) {
    cache.set(categoryCode, { version: row.version, category });
  }
  return {
    category,
    districtKnown: row.district_known,
    service: row.id === null ? undefined : toServiceRecord(row),
  };
}

/**
 * The categories as residents see them: each with the service its concerns go to when no district
 * rule applies (its current name), and for a conduct-complaint category the city's independent
 * instance, when one is configured (a restricted service that is not a police service).
 */
export async function publicCategories(
  db: Queryable,
  categories: ConcernCategory[],
): Promise<ConcernCategory[]> {
  const services = new Map(
    (
      await db.query<{
        id: string;
        name: ConcernCategory['service']['name'];
        police: boolean;
        restricted: boolean;
      }>('SELECT id, name, police, restricted FROM services')
    ).map((s) => [s.id, s]),
  );
  const rules = new Map(
    (
      await db.query<RuleRow>(
        `SELECT category_code, district_id, service_id FROM routing_rules WHERE district_id = ''`,
      )
    ).map((r) => [r.category_code, r.service_id]),
  );
  return categories.map((category) => {
    if (category.emergency !== undefined) return category;
    const routed = services.get(rules.get(category.code) ?? category.service.id);
    if (category.conduct !== undefined) {
      const instance = routed !== undefined && routed.restricted && !routed.police ? routed : undefined;
      return instance === undefined
        ? { ...category, conduct: {} }
        : { ...category, service: serviceRef(instance), conduct: { instance: serviceRef(instance) } };
    }
    return routed === undefined ? category : { ...category, service: serviceRef(routed) };
  });
}
