/**
 * The daily summary of failed deliveries (as FixMyStreet's send-failure-summary does each morning):
 * for each service with deliveries in `failed`, its members who are admins or coordinators — or,
 * when it has none, every active admin — get one e-mail listing them, through the queue itself.
 * Messages that belong to no service (staff links, earlier summaries) go to every active admin. An
 * independent instance's failures go to its own members (of any role); if it has none, the admins
 * are told without the concerns' references.
 */
import type { LocalizedText } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { toIso, zonedParts } from '../util.js';
import { DUE_TIME_ZONE } from './due.js';
import { enqueueMail } from './outbox.js';
import type { Outbox } from './outbox.js';
import type { FailureSummaryData } from './templates.js';

interface FailedRow {
  id: string;
  service_id: string | null;
  service_name: LocalizedText | null;
  service_restricted: boolean | null;
  reference: string | null;
  method: string;
  event: string;
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
}

/** Enqueues today's summaries; returns how many were enqueued (0 when nothing failed). */
export async function runFailureSummary(
  db: Queryable,
  now: Date,
  outbox: Outbox,
  consoleUrl: string,
): Promise<number> {
  const failed = await db.query<FailedRow>(
    `SELECT d.id, d.service_id, s.name AS service_name, s.restricted AS service_restricted, c.reference, d.method, d.event, d.attempts, d.last_error, d.created_at
       FROM deliveries d
       LEFT JOIN services s ON s.id = d.service_id
       LEFT JOIN concerns c ON c.id = d.concern_id
      WHERE d.status = 'failed'
      ORDER BY d.created_at`,
  );
  if (failed.length === 0) return 0;
  const staff = await db.query<{
    id: string;
    email: string;
    display_name: string;
    role: string;
    services: string[] | null;
  }>(
    `SELECT s.id, s.email, s.display_name, s.role,
            (SELECT jsonb_agg(ss.service_id) FROM staff_services ss WHERE ss.staff_id = s.id) AS services
       FROM staff s WHERE s.disabled_at IS NULL AND s.activated_at IS NOT NULL`,
  );
  const admins = staff.filter((s) => s.role === 'admin');
  const leads = staff.filter((s) => s.role === 'admin' || s.role === 'coordinator');
  const perRecipient = new Map<string, { person: (typeof staff)[number]; items: FailedRow[] }>();
  const add = (person: (typeof staff)[number], row: FailedRow) => {
    const entry = perRecipient.get(person.id) ?? { person, items: [] };
    entry.items.push(row);
    perRecipient.set(person.id, entry);
  };
  for (const row of failed) {
    const members =
      row.service_id === null ? [] : staff.filter((s) => (s.services ?? []).includes(row.service_id ?? ''));
    if (row.service_restricted === true) {
      if (members.length > 0) for (const person of members) add(person, row);
      else for (const person of admins) add(person, { ...row, reference: null });
      continue;
    }
    const responsible = leads.filter((s) => members.includes(s));
    for (const person of responsible.length > 0 ? responsible : admins) add(person, row);
  }
  const p = zonedParts(now, DUE_TIME_ZONE);
  const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  let n = 0;
  for (const { person, items } of perRecipient.values()) {
    const data: FailureSummaryData = {
      date,
      displayName: person.display_name,
      consoleUrl: `${consoleUrl.split('#')[0]}#/deliveries?status=failed`,
      items: items.map((i) => ({
        service: i.service_name,
        reference: i.reference,
        method: i.method,
        event: i.event,
        attempts: i.attempts,
        lastError: i.last_error,
        createdAt: toIso(i.created_at),
      })),
    };
    const id = await enqueueMail(db, now, outbox, {
      dedupeKey: `failure-summary:${date}:${person.id}`,
      event: 'delivery.failure-summary',
      to: person.email,
      template: 'failure-summary',
      data,
      langs: ['fr'],
    });
    if (id !== undefined) n += 1;
  }
  return n;
}
