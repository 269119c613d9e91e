/**
 * The delivery log (`GET /v1/admin/deliveries`): every outgoing message with its attempts, last
 * error and next try, newest first. Agents see their services' messages; a restricted service's
 * messages (conduct complaints) are seen by its members alone; a person's address is masked.
 */
import { DEFAULT_PAGE_LIMIT } from '@proximite/contract';
import type { Delivery, DeliveryListQuery, LocalizedText } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Reach } from '../store/concerns.js';
import { decodeCursor, encodeCursor, isPairCursor } from '../store/context.js';
import { toIso, toIsoOrNull } from '../util.js';
import type { DeliveryRow } from './queue.js';
import { mailDomain } from './mailer.js';
import { webhookId } from './webhook.js';

export const HELD_NOTICE: LocalizedText = {
  fr: 'Non envoyé : aucun serveur de messagerie n’est configuré (PROXIMITE_SMTP_URL). Le message attend, rien n’est perdu.',
  en: 'Not sent: no mail server is configured (PROXIMITE_SMTP_URL). The message waits; nothing is lost.',
};

interface LogRow extends DeliveryRow {
  reference: string | null;
  service_name: LocalizedText | null;
  service_delivery: { method?: string; to?: string[]; url?: string; endpoint?: string } | null;
}

/** `jane.doe@ville.fr` → `j•••@ville.fr`. */
export function maskAddress(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

function destination(r: LogRow): string | null {
  if (r.recipient !== null) return maskAddress(r.recipient);
  if (r.sent_to !== null) return r.sent_to;
  const d = r.service_delivery;
  if (d === null) return null;
  if (r.method === 'email') return (d.to ?? []).join(', ') || null;
  if (r.method === 'webhook') return d.url ?? null;
  return d.endpoint ?? null;
}

/** The id receivers de-duplicate by. */
export function messageIdFor(r: Pick<DeliveryRow, 'id' | 'method'>, mailFrom: string): string {
  if (r.method === 'email') return `<${r.id}@${mailDomain(mailFrom)}>`;
  if (r.method === 'webhook') return webhookId(r.id);
  return r.id;
}

export function deliveryView(r: LogRow, mailFrom: string): Delivery {
  return {
    id: r.id,
    status: r.status,
    method: r.method,
    event: r.event,
    concernReference: r.reference,
    service:
      r.service_id !== null && r.service_name !== null ? { id: r.service_id, name: r.service_name } : null,
    destination: destination(r),
    attempts: r.attempts,
    lastError: r.last_error,
    lastAttemptAt: toIsoOrNull(r.last_attempt_at),
    nextAttemptAt: r.status === 'pending' ? toIsoOrNull(r.next_attempt_at) : null,
    giveUpAt: toIsoOrNull(r.give_up_at),
    createdAt: toIso(r.created_at),
    sentAt: toIsoOrNull(r.sent_at),
    messageId: messageIdFor(r, mailFrom),
    remoteId: r.remote_id,
    ...(r.status === 'held' ? { notice: HELD_NOTICE } : {}),
  };
}

const SELECT = `SELECT d.*, c.reference, s.name AS service_name, s.delivery AS service_delivery
  FROM deliveries d
  LEFT JOIN concerns c ON c.id = d.concern_id
  LEFT JOIN services s ON s.id = d.service_id`;

/** The SQL condition of what `reach` may see of the log (parameters appended to `params`). */
function reachOfLog(reach: Reach | undefined, params: unknown[]): string {
  if (reach === undefined) return 'TRUE';
  params.push(JSON.stringify(reach.memberOf ?? []));
  const member = `d.service_id IN (SELECT jsonb_array_elements_text($${params.length}::jsonb))`;
  // A restricted service's messages, or a restricted concern's: members only.
  let sql = `((COALESCE(s.restricted, false) = false AND COALESCE(c.restricted, false) = false) OR ${member})`;
  if (reach.services !== undefined) {
    params.push(JSON.stringify(reach.services));
    sql += ` AND d.service_id IN (SELECT jsonb_array_elements_text($${params.length}::jsonb))`;
  }
  return sql;
}

export async function listDeliveries(
  db: Queryable,
  q: DeliveryListQuery,
  reach: Reach | undefined,
  mailFrom: string,
): Promise<{ items: Delivery[]; nextCursor: string | null }> {
  const limit = q.limit ?? DEFAULT_PAGE_LIMIT;
  const params: unknown[] = [];
  const where = [reachOfLog(reach, params)];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.status !== undefined) add('d.status = ?', q.status);
  if (q.service !== undefined) add('d.service_id = ?', q.service);
  if (q.concern !== undefined) add('c.reference = ?', q.concern);
  if (q.cursor !== undefined) {
    const cur = decodeCursor(q.cursor, isPairCursor);
    if (cur === undefined)
      throw new AppError('badRequest', 'Invalid cursor.', {
        errors: [{ path: 'cursor', message: 'invalid cursor' }],
      });
    params.push(cur[0], cur[1]);
    where.push(`(d.created_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(limit + 1);
  const rows = await db.query<LogRow & { restricted?: boolean }>(
    `${SELECT} WHERE ${where.join(' AND ')}
     ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => deliveryView(r, mailFrom)),
    nextCursor:
      rows.length > limit && last !== undefined ? encodeCursor([toIso(last.created_at), last.id]) : null,
  };
}

/** One delivery as `reach` may see it. */
export async function getDelivery(
  db: Queryable,
  id: string,
  reach: Reach | undefined,
  mailFrom: string,
): Promise<Delivery | undefined> {
  const params: unknown[] = [id];
  const cond = reachOfLog(reach, params);
  const rows = await db.query<LogRow>(`${SELECT} WHERE d.id = $1 AND ${cond}`, params);
  return rows[0] === undefined ? undefined : deliveryView(rows[0], mailFrom);
}
