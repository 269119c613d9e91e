/**
 * The durable queue of outgoing messages: a `deliveries` table claimed with `FOR UPDATE SKIP
 * LOCKED`, so that several instances on one PostgreSQL (or one PGlite) share it without taking the
 * same row twice.
 *
 * A row's life: `pending` (due at `next_attempt_at`) → claimed: `sending`, `attempts + 1`, a lease
 * (`lease_until`, `lease_owner`) committed *before* the message goes out → the outcome committed
 * *after*: `sent`, or back to `pending` with an exponential back-off and jitter, or `failed` once the
 * retry window (`give_up_at`, at least 24 h) has passed or the receiver refused for good. A process
 * that dies mid-send leaves its row `sending`; when the lease expires another worker takes it again.
 * So at most one attempt is in flight per message at any time (the lease outlives every time-out of
 * an attempt), and a message is sent at least once; it can be sent twice only when a process died
 * between the receiver's acceptance and the commit of `sent` — which is why every message carries an
 * identity fixed at enqueue (the Message-ID of an e-mail, the webhook-id of a webhook) that receivers
 * de-duplicate by. SMTP and HTTP cannot give more than that by themselves.
 *
 * `held`: an e-mail enqueued while no mail server is configured waits, untried and not counted,
 * until a worker that has one releases it.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { newId, toIsoOrNull } from '../util.js';

export type DeliveryChannel = 'email' | 'webhook' | 'open311';

export interface NewDelivery {
  /** One message per key: enqueuing the same key again is a no-op. */
  dedupeKey: string;
  event: string;
  method: DeliveryChannel;
  concernId?: string | null | undefined;
  serviceId?: string | null | undefined;
  /** A person's address, for messages that do not go to a service. */
  recipient?: string | null | undefined;
  payload: Record<string, unknown>;
}

export interface DeliveryRow {
  id: string;
  dedupe_key: string;
  event: string;
  method: DeliveryChannel;
  concern_id: string | null;
  service_id: string | null;
  recipient: string | null;
  payload: Record<string, unknown>;
  status: string;
  attempts: number;
  last_error: string | null;
  last_attempt_at: Date | string | null;
  next_attempt_at: Date | string | null;
  give_up_at: Date | string | null;
  lease_until: Date | string | null;
  lease_owner: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
  sent_to: string | null;
  remote_id: string | null;
}

/** Retry policy of the queue. */
export interface RetryPolicy {
  /** First retry after about this long (then doubling). */
  baseDelayMs: number;
  /** Longest wait between two attempts. */
  maxDelayMs: number;
  /** A message still failing this long after its first try is marked failed (at least 24 h in production). */
  retryWindowMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  retryWindowMs: 24 * 3_600_000,
};

/**
 * The wait before the next attempt after `attempts` failed ones: exponential (base × 2^(n-1)),
 * capped, with "equal jitter" (half fixed, half random) so that many messages failing together do
 * not come back together, while the wait still grows.
 */
export function backoffMs(policy: RetryPolicy, attempts: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** Enqueues a message in the caller's transaction; returns its id, or `undefined` when its key exists. */
export async function enqueue(
  tx: Queryable,
  now: Date,
  d: NewDelivery,
  options: { held: boolean; policy: RetryPolicy },
): Promise<string | undefined> {
  const id = newId();
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO deliveries (id, dedupe_key, event, method, concern_id, service_id, recipient, payload, status,
       next_attempt_at, give_up_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $10)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [
      id,
      d.dedupeKey,
      d.event,
      d.method,
      d.concernId ?? null,
      d.serviceId ?? null,
      d.recipient ?? null,
      JSON.stringify(d.payload),
      options.held ? 'held' : 'pending',
      now.toISOString(),
      options.held ? null : new Date(now.getTime() + options.policy.retryWindowMs).toISOString(),
    ],
  );
  return rows[0]?.id;
}

/** A name for this worker in `lease_owner` (host, process, random). */
export function workerName(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Claims up to `limit` due messages of `methods` for `owner`: due pending ones, and `sending` ones
 * whose lease expired (their worker died). The claim (status, attempts, lease) is committed when
 * this returns, before anything is sent.
 */
export async function claim(
  db: Queryable,
  now: Date,
  owner: string,
  methods: readonly DeliveryChannel[],
  limit: number,
  leaseMs: number,
): Promise<DeliveryRow[]> {
  if (methods.length === 0 || limit <= 0) return [];
  return db.query<DeliveryRow>(
    `WITH due AS (
       SELECT id FROM deliveries
        WHERE ((status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND lease_until <= $1))
          AND method IN (SELECT jsonb_array_elements_text($2::jsonb))
        ORDER BY COALESCE(next_attempt_at, lease_until), id
        LIMIT $3
        FOR UPDATE SKIP LOCKED)
     UPDATE deliveries d
        SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = $1, lease_until = $4,
            lease_owner = $5, next_attempt_at = NULL
       FROM due WHERE d.id = due.id
     RETURNING d.*`,
    [
      now.toISOString(),
      JSON.stringify(methods),
      limit,
      new Date(now.getTime() + leaseMs).toISOString(),
      owner,
    ],
  );
}

/**
 * Records a success. Whoever sent it, a message that went out is `sent` (even if its lease had
 * expired and another worker holds it now: that one's outcome will not overwrite this).
 */
export async function markSent(
  db: Queryable,
  now: Date,
  id: string,
  result: { sentTo?: string | null; remoteId?: string | null; scrubPayload?: boolean },
): Promise<void> {
  await db.query(
    `UPDATE deliveries SET status = 'sent', sent_at = $2, lease_until = NULL, lease_owner = NULL, last_error = NULL,
       next_attempt_at = NULL, sent_to = COALESCE($3, sent_to), remote_id = COALESCE($4, remote_id),
       payload = CASE WHEN $5 THEN '{}'::jsonb ELSE payload END
     WHERE id = $1 AND status <> 'sent'`,
    [id, now.toISOString(), result.sentTo ?? null, result.remoteId ?? null, result.scrubPayload === true],
  );
}

/**
 * Records a failed attempt of `row` (claimed by `owner`): back to `pending` after a back-off, or
 * `failed` when `permanent` or past the retry window. Fenced: nothing changes when the row was
 * claimed again since (its lease had expired) or already sent. Returns the new status.
 */
export async function markFailed(
  db: Queryable,
  now: Date,
  row: Pick<DeliveryRow, 'id' | 'attempts' | 'give_up_at'>,
  owner: string,
  error: string,
  options: { permanent: boolean; policy: RetryPolicy; random?: () => number },
): Promise<'pending' | 'failed' | 'fenced'> {
  const giveUp = row.give_up_at === null ? Infinity : new Date(row.give_up_at).getTime();
  const next = now.getTime() + backoffMs(options.policy, row.attempts, options.random);
  // The last attempt is made at the end of the window, not skipped.
  const failed = options.permanent || now.getTime() >= giveUp;
  const status = failed ? 'failed' : 'pending';
  const nextAt = failed ? null : new Date(Math.min(next, Math.max(giveUp, now.getTime()))).toISOString();
  const rows = await db.query(
    `UPDATE deliveries SET status = $2, last_error = $3, next_attempt_at = $4, lease_until = NULL, lease_owner = NULL
      WHERE id = $1 AND status = 'sending' AND lease_owner = $5 AND attempts = $6 RETURNING id`,
    [row.id, status, error.slice(0, 1000), nextAt, owner, row.attempts],
  );
  return rows.length === 0 ? 'fenced' : status;
}

/**
 * Gives a claimed row back untried (the worker cannot send it, e.g. its mail server was removed):
 * the attempt is not counted.
 */
export async function release(
  db: Queryable,
  now: Date,
  row: Pick<DeliveryRow, 'id' | 'attempts'>,
  owner: string,
  status: 'pending' | 'held',
  reason: string | null,
): Promise<void> {
  await db.query(
    `UPDATE deliveries SET status = $2, attempts = attempts - 1, next_attempt_at = CASE WHEN $2 = 'pending' THEN $3::timestamptz ELSE NULL END,
       last_error = $4, lease_until = NULL, lease_owner = NULL
     WHERE id = $1 AND status = 'sending' AND lease_owner = $5 AND attempts = $6`,
    [row.id, status, now.toISOString(), reason, owner, row.attempts],
  );
}

/** Releases the e-mails held while no mail server was configured: their retry window starts now. */
export async function releaseHeld(db: Queryable, now: Date, policy: RetryPolicy): Promise<number> {
  const rows = await db.query(
    `UPDATE deliveries SET status = 'pending', next_attempt_at = $1, give_up_at = $2, last_error = NULL
      WHERE status = 'held' AND method = 'email' RETURNING id`,
    [now.toISOString(), new Date(now.getTime() + policy.retryWindowMs).toISOString()],
  );
  return rows.length;
}

/**
 * Asks for a new try of a `failed`, `pending` or `held` message now, with a fresh retry window
 * (a held e-mail stays held while no mail server is configured). Returns the row, `undefined` when
 * there is none, or `'busy'` when it was sent or is being sent.
 */
export async function retryNow(
  tx: Queryable,
  now: Date,
  id: string,
  policy: RetryPolicy,
  mailConfigured: boolean,
): Promise<DeliveryRow | 'busy' | undefined> {
  const rows = await tx.query<DeliveryRow>('SELECT * FROM deliveries WHERE id = $1 FOR UPDATE', [id]);
  const row = rows[0];
  if (row === undefined) return undefined;
  if (row.status === 'sent' || row.status === 'sending') return 'busy';
  const held = row.method === 'email' && !mailConfigured;
  const updated = await tx.query<DeliveryRow>(
    `UPDATE deliveries SET status = $2, next_attempt_at = $3, give_up_at = $4 WHERE id = $1 RETURNING *`,
    [
      id,
      held ? 'held' : 'pending',
      held ? null : now.toISOString(),
      held ? null : new Date(now.getTime() + policy.retryWindowMs).toISOString(),
    ],
  );
  return updated[0];
}

/** Whether a row is due: used by tests and the log. */
export function dueAt(row: Pick<DeliveryRow, 'next_attempt_at'>): string | null {
  return toIsoOrNull(row.next_attempt_at);
}
