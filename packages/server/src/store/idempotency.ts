/**
 * Idempotency keys and rate-limit counters, both in the database so several instances behind a
 * load balancer behave as one.
 *
 * A key is claimed and its result stored in ONE transaction ({@link withIdempotency}): the claim is
 * a transaction-scoped advisory lock, which PostgreSQL releases when the transaction ends — by
 * commit, by rollback, or because its connection closed when the process died (kill -9, crash, OOM).
 * Nothing is written before the result, so no « in flight » row can outlive its request. PGlite runs
 * one transaction at a time, so there a duplicate simply waits for the first and gets its replay.
 */
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { toIso } from '../util.js';

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** A key's row as read by the claim. */
interface StoredKey {
  body_hash: string;
  state: string;
  response: StoredResponse | null;
  created_at: Date | string;
}

export type IdempotencyOutcome<T> =
  /** `work` ran (and its transaction committed). */
  | { kind: 'done'; value: T }
  /** An earlier request with this key and body succeeded: send its response again. */
  | { kind: 'replay'; response: StoredResponse }
  /** The key was used with another body. */
  | { kind: 'mismatch' }
  /** A request with this key is running now; `retryAfter` is when it should be over, in seconds. */
  | { kind: 'in-flight'; retryAfter: number };

/** What `work` returns: its value, and the response to store under the key (absent: nothing stored). */
export interface IdempotentResult<T> {
  value: T;
  store?: StoredResponse;
  /**
   * Runs last, after the response is stored, just before commit: for a step that takes a lock
   * other requests wait for until commit (the audit chain's), so that they wait as little as can be.
   */
  last?: (tx: Queryable) => Promise<void>;
}

/** The first half of the advisory lock key of idempotency claims ("idem"); the second is per key. */
const LOCK_CLASS = 0x6964656d;

/**
 * Longest a claim may live: statements and idle time inside the transaction are capped by it
 * (PostgreSQL), so a request that hangs rather than dies frees its key too.
 */
export const CLAIM_TIMEOUT_S = 10;

/** A row left « in flight » by an earlier version of this server is taken over after this long. */
const LEGACY_STALE_MS = 60_000;

/** The advisory lock `(class, key)` that claims `key` in `scope` (`pg_advisory_xact_lock(int4, int4)`). */
export function claimLock(scope: string, key: string): [number, number] {
  return [
    LOCK_CLASS,
    createHash('sha256').update(`${scope}\u0000${key}`).digest().readUInt32BE(0) & 0x7fffffff,
  ];
}

/**
 * Seconds until the request holding the claim should be over: about as long again as it has run
 * (at least 1 s), never past the end of its {@link CLAIM_TIMEOUT_S}. `elapsed` unknown → 1 s.
 */
export function claimRetryAfter(elapsed: number | undefined): number {
  if (elapsed === undefined || !Number.isFinite(elapsed) || elapsed < 0) return 1;
  return Math.max(1, Math.min(Math.ceil(elapsed), Math.ceil(CLAIM_TIMEOUT_S - elapsed)));
}

/** How long the transaction holding the claim has been running, when PostgreSQL tells (seconds). */
async function holderElapsed(tx: Queryable, lock: number): Promise<number | undefined> {
  try {
    const rows = await tx.query<{ elapsed: number | null }>(
      `SELECT EXTRACT(EPOCH FROM clock_timestamp() - a.xact_start)::float8 AS elapsed
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = $1::int4::oid AND l.objid = $2::int4::oid AND l.objsubid = 2`,
      [LOCK_CLASS, lock],
    );
    return rows[0]?.elapsed ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` once per `(scope, key)`: in one transaction, claims the key (an advisory lock that
 * dies with the transaction or its connection), replays the stored response of an earlier success
 * with the same `bodyHash`, refuses another body, or runs `work` and stores what it returns under
 * the key — all committed together, or none of it.
 */
export async function withIdempotency<T>(
  db: Database,
  now: Date,
  scope: string,
  key: string,
  bodyHash: string,
  work: (tx: Queryable) => Promise<IdempotentResult<T>>,
): Promise<IdempotencyOutcome<T>> {
  const [, lock] = claimLock(scope, key);
  return db.transaction(async (tx): Promise<IdempotencyOutcome<T>> => {
    let row: StoredKey | undefined;
    if (db.kind === 'postgres') {
      // On PostgreSQL, a request that hangs (rather than dies) gives its key back too, and a backend
      // waiting on a lock notices within a second that its client is gone: `set_config(…, true)` is
      // SET LOCAL, here in the claim's own statement (one round trip instead of four).
      const [claimed] = await tx.query<{ ok: boolean }>(
        `SELECT set_config('statement_timeout', '${CLAIM_TIMEOUT_S}s', true),
                set_config('idle_in_transaction_session_timeout', '${CLAIM_TIMEOUT_S}s', true),
                set_config('client_connection_check_interval', '1s', true),
                pg_try_advisory_xact_lock($1, $2) AS ok`,
        [LOCK_CLASS, lock],
      );
      if (claimed?.ok !== true)
        return { kind: 'in-flight', retryAfter: claimRetryAfter(await holderElapsed(tx, lock)) };
      // Read after the claim, in a statement of its own: its snapshot then sees what the claim's
      // last holder committed (the claim's own statement began before that holder let go).
      [row] = await tx.query<StoredKey>(
        'SELECT body_hash, state, response, created_at FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
    } else {
      // PGlite is one connection running one transaction at a time: nothing can commit between the
      // claim and the read, so both are one statement (the claim always succeeds there).
      const [claimed] = await tx.query<
        Omit<StoredKey, 'body_hash'> & { ok: boolean; body_hash: string | null }
      >(
        `SELECT pg_try_advisory_xact_lock($1, $2) AS ok, k.body_hash, k.state, k.response, k.created_at
           FROM (SELECT) AS one LEFT JOIN idempotency_keys k ON k.scope = $3 AND k.key = $4`,
        [LOCK_CLASS, lock, scope, key],
      );
      if (claimed?.ok !== true)
        return { kind: 'in-flight', retryAfter: claimRetryAfter(await holderElapsed(tx, lock)) };
      if (claimed.body_hash !== null) row = { ...claimed, body_hash: claimed.body_hash };
    }
    if (row !== undefined) {
      if (row.body_hash !== bodyHash) return { kind: 'mismatch' };
      if (row.state === 'done' && row.response !== null) return { kind: 'replay', response: row.response };
      // An « in flight » row written by an earlier version of this server: wait for it, or take it over.
      const age = now.getTime() - new Date(toIso(row.created_at)).getTime();
      if (age < LEGACY_STALE_MS)
        return {
          kind: 'in-flight',
          retryAfter: Math.max(1, Math.ceil((LEGACY_STALE_MS - age) / 1000)),
        };
      await tx.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
    }
    const result = await work(tx);
    if (result.store !== undefined) {
      await tx.query(
        `INSERT INTO idempotency_keys (scope, key, body_hash, state, status, response, created_at)
         VALUES ($1, $2, $3, 'done', $4, $5::jsonb, $6)`,
        [scope, key, bodyHash, result.store.status, JSON.stringify(result.store), now.toISOString()],
      );
    }
    await result.last?.(tx);
    return { kind: 'done', value: result.value };
  });
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
