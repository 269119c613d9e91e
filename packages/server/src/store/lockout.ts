/**
 * Sign-in lock-out: attempts are counted per account and per client in fixed windows, before the
 * password is checked (so parallel guesses cannot slip past the limit); a success gives its
 * attempt back. Stored in `rate_limits`, shared by every instance; `purge` removes old windows.
 */
import type { Queryable } from '../db/database.js';

export interface LockoutRule {
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
}

function windowOf(now: Date, rule: LockoutRule): Date {
  return new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
}

/**
 * Counts an attempt for `bucket`. Returns 0 when it may go ahead, else the seconds until the
 * window ends (the attempt is refused and counted).
 */
export async function takeAttempt(
  db: Queryable,
  now: Date,
  bucket: string,
  rule: LockoutRule,
): Promise<number> {
  const start = windowOf(now, rule);
  const rows = await db.query<{ count: number }>(
    `INSERT INTO rate_limits (bucket, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count`,
    [bucket, start.toISOString()],
  );
  const count = rows[0]?.count ?? 1;
  if (count <= rule.limit) return 0;
  return Math.max(1, Math.ceil((start.getTime() + rule.windowMs - now.getTime()) / 1000));
}

/** Gives an attempt back (after a success). */
export async function giveBackAttempt(
  db: Queryable,
  now: Date,
  bucket: string,
  rule: LockoutRule,
): Promise<void> {
  await db.query(
    'UPDATE rate_limits SET count = GREATEST(count - 1, 0) WHERE bucket = $1 AND window_start = $2',
    [bucket, windowOf(now, rule).toISOString()],
  );
}

/** Forgets the attempts of `bucket` (after a success, or an admin's unlock). */
export async function clearAttempts(db: Queryable, bucket: string): Promise<void> {
  await db.query('DELETE FROM rate_limits WHERE bucket = $1', [bucket]);
}
