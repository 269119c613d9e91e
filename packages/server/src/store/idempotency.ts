/**
 * Idempotency keys and rate-limit counters, both in the database so several instances behind a
 * load balancer behave as one.
 */
import type { Queryable } from '../db/database.js';
import { toIso } from '../util.js';

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type ClaimResult =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in-flight' };

/** An in-flight claim older than this is considered abandoned (its instance died) and taken over. */
const STALE_IN_FLIGHT_MS = 60_000;

/**
 * Claims `key` for a request whose canonical body hashes to `bodyHash`: the first caller gets
 * `claimed` and must later `completeIdempotency` (or `releaseIdempotency` on failure).
 */
export async function claimIdempotency(
  db: Queryable,
  now: Date,
  scope: string,
  key: string,
  bodyHash: string,
): Promise<ClaimResult> {
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (scope, key, body_hash, state, created_at) VALUES ($1, $2, $3, 'in-flight', $4)
     ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
    [scope, key, bodyHash, now.toISOString()],
  );
  if (inserted.length > 0) return { kind: 'claimed' };
  const rows = await db.query<{
    body_hash: string;
    state: string;
    status: number | null;
    response: StoredResponse | null;
    created_at: Date;
  }>(
    'SELECT body_hash, state, status, response, created_at FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [scope, key],
  );
  const row = rows[0];
  if (row === undefined) return claimIdempotency(db, now, scope, key, bodyHash); // purged meanwhile
  if (row.body_hash !== bodyHash) return { kind: 'mismatch' };
  if (row.state === 'done' && row.response !== null) return { kind: 'replay', response: row.response };
  if (now.getTime() - new Date(toIso(row.created_at)).getTime() > STALE_IN_FLIGHT_MS) {
    const taken = await db.query(
      `UPDATE idempotency_keys SET created_at = $3 WHERE scope = $1 AND key = $2 AND state = 'in-flight'
       AND created_at = $4 RETURNING key`,
      [scope, key, now.toISOString(), toIso(row.created_at)],
    );
    if (taken.length > 0) return { kind: 'claimed' };
  }
  return { kind: 'in-flight' };
}

export async function completeIdempotency(
  db: Queryable,
  scope: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await db.query(
    `UPDATE idempotency_keys SET state = 'done', status = $3, response = $4::jsonb WHERE scope = $1 AND key = $2`,
    [scope, key, response.status, JSON.stringify(response)],
  );
}

/** Forgets an in-flight claim whose request failed, so the client can retry with the same key. */
export async function releaseIdempotency(db: Queryable, scope: string, key: string): Promise<void> {
  await db.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'in-flight'`, [
    scope,
    key,
  ]);
}

/**
 * Counts one hit for `bucket` in the current fixed one-minute window. Returns the seconds to wait
 * when the limit is exceeded, else 0.
 */
export async function hitRateLimit(db: Queryable, now: Date, bucket: string, limit: number): Promise<number> {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const rows = await db.query<{ count: number }>(
    `INSERT INTO rate_limits (bucket, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count`,
    [bucket, windowStart.toISOString()],
  );
  const count = rows[0]?.count ?? 1;
  if (count <= limit) return 0;
  return Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000));
}
