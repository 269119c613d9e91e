/** Who may see which concern: a reader's reach, in code and in SQL (shared by the concern and inbox stores). */
import type { ServiceRef } from '@proximite/contract';

/**
 * Which concerns a reader reaches: `services` limits them to those routed to these services
 * (agents); a restricted concern (a conduct complaint) only when routed to a service of `memberOf`
 * (the reader's services; none for a token). `undefined` reaches every concern (the server itself).
 */
export interface Reach {
  services?: readonly string[] | undefined;
  memberOf?: readonly string[] | undefined;
}

export function reaches(
  reach: Reach | undefined,
  row: { service: ServiceRef; restricted: boolean },
): boolean {
  if (reach === undefined) return true;
  if (row.restricted && !(reach.memberOf ?? []).includes(row.service.id)) return false;
  return reach.services === undefined || reach.services.includes(row.service.id);
}

/** The SQL condition of {@link reaches} on `concerns` (parameters appended to `params`). */
export function reachSql(reach: Reach | undefined, params: unknown[], alias = ''): string {
  if (reach === undefined) return 'TRUE';
  const col = (c: string) => (alias === '' ? c : `${alias}.${c}`);
  params.push(JSON.stringify(reach.memberOf ?? []));
  let sql = `(NOT ${col('restricted')} OR ${col('service')}->>'id' IN (SELECT jsonb_array_elements_text($${params.length}::jsonb)))`;
  if (reach.services !== undefined) {
    params.push(JSON.stringify(reach.services));
    sql += ` AND ${col('service')}->>'id' IN (SELECT jsonb_array_elements_text($${params.length}::jsonb))`;
  }
  return sql;
}
