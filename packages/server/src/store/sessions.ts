/**
 * Staff sessions, server-side: the cookie carries a random secret, the table its SHA-256. A
 * session ends at its absolute expiry, after its idle time-out, when revoked (sign-out, password
 * change, account disabled) — and whenever its account is disabled, checked at each request.
 */
import type { Queryable } from '../db/database.js';
import { randomSecret, sha256Hex, toIso } from '../util.js';
import { getStaff } from './staff.js';
import type { StaffRecord } from './staff.js';

export type SecondFactorState = 'passed' | 'not-required' | 'enrolment-required';

export interface SessionInfo {
  idHash: string;
  staffId: string;
  method: string;
  secondFactor: SecondFactorState;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** Creates a session; returns its secret (for the cookie only: it is stored hashed). */
export async function insertSession(
  tx: Queryable,
  now: Date,
  input: { staffId: string; method: string; secondFactor: SecondFactorState; maxAgeMs: number },
): Promise<{ secret: string; session: SessionInfo }> {
  const secret = randomSecret(32);
  const idHash = sha256Hex(secret);
  const expiresAt = new Date(now.getTime() + input.maxAgeMs);
  await tx.query(
    `INSERT INTO staff_sessions (id_hash, staff_id, method, second_factor, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6)`,
    [idHash, input.staffId, input.method, input.secondFactor, now.toISOString(), expiresAt.toISOString()],
  );
  return {
    secret,
    session: {
      idHash,
      staffId: input.staffId,
      method: input.method,
      secondFactor: input.secondFactor,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    },
  };
}

export type SessionCheck =
  | { ok: true; session: SessionInfo; staff: StaffRecord }
  | { ok: false; reason: 'unknown' | 'expired' | 'idle' | 'revoked' | 'disabled' };

interface SessionRow {
  id_hash: string;
  staff_id: string;
  method: string;
  second_factor: SecondFactorState;
  created_at: Date | string;
  last_seen_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
}

/**
 * Looks a session up by its secret and checks it; a valid one has its last-seen time moved on
 * (at most once a minute, to spare the database a write per request).
 */
export async function checkSession(
  db: Queryable,
  now: Date,
  secret: string,
  idleMs: number,
): Promise<SessionCheck> {
  const rows = await db.query<SessionRow>(
    `SELECT id_hash, staff_id, method, second_factor, created_at, last_seen_at, expires_at, revoked_at
       FROM staff_sessions WHERE id_hash = $1`,
    [sha256Hex(secret)],
  );
  const row = rows[0];
  if (row === undefined) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  const expiresAt = new Date(toIso(row.expires_at));
  const lastSeenAt = new Date(toIso(row.last_seen_at));
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  if (now.getTime() - lastSeenAt.getTime() >= idleMs) return { ok: false, reason: 'idle' };
  const staff = await getStaff(db, row.staff_id);
  if (staff === undefined || staff.disabled) return { ok: false, reason: 'disabled' };
  let seen = lastSeenAt;
  if (now.getTime() - lastSeenAt.getTime() >= 60_000) {
    await db.query('UPDATE staff_sessions SET last_seen_at = $2 WHERE id_hash = $1 AND last_seen_at < $2', [
      row.id_hash,
      now.toISOString(),
    ]);
    seen = now;
  }
  return {
    ok: true,
    staff,
    session: {
      idHash: row.id_hash,
      staffId: row.staff_id,
      method: row.method,
      secondFactor: row.second_factor,
      createdAt: new Date(toIso(row.created_at)),
      lastSeenAt: seen,
      expiresAt,
    },
  };
}

export async function revokeSession(db: Queryable, now: Date, idHash: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE staff_sessions SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL RETURNING id_hash',
    [idHash, now.toISOString()],
  );
  return rows.length > 0;
}

/** Revokes every open session of an account (but `except`); returns how many. */
export async function revokeStaffSessions(
  db: Queryable,
  now: Date,
  staffId: string,
  except?: string,
): Promise<number> {
  const rows = await db.query(
    `UPDATE staff_sessions SET revoked_at = $2
      WHERE staff_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND id_hash <> $3 RETURNING id_hash`,
    [staffId, now.toISOString(), except ?? ''],
  );
  return rows.length;
}

/** Marks the second factor of a session as passed (after TOTP enrolment). */
export async function markSecondFactorPassed(db: Queryable, idHash: string): Promise<void> {
  await db.query(`UPDATE staff_sessions SET second_factor = 'passed' WHERE id_hash = $1`, [idHash]);
}

/** Deletes sessions that ended, and links spent or expired, more than `keepMs` ago; and stale OIDC logins. */
export async function purgeStaffAuth(
  db: Queryable,
  now: Date,
  keepMs: number,
): Promise<{ staffSessionsDeleted: number; staffLinksDeleted: number }> {
  const before = new Date(now.getTime() - keepMs).toISOString();
  const sessions = await db.query(
    'DELETE FROM staff_sessions WHERE expires_at < $1 OR revoked_at < $1 RETURNING id_hash',
    [before],
  );
  const links = await db.query(
    'DELETE FROM staff_links WHERE expires_at < $1 OR used_at < $1 RETURNING token_hash',
    [before],
  );
  await db.query('DELETE FROM staff_oidc_logins WHERE expires_at < $1', [now.toISOString()]);
  return { staffSessionsDeleted: sessions.length, staffLinksDeleted: links.length };
}
