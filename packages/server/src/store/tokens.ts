/** Admin bearer tokens (stored hashed, scoped, expiring, revocable) and Open311 API keys. */
import type { AdminToken, AdminTokenScope } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { newId, randomSecret, sha256Hex, toIso, toIsoOrNull } from '../util.js';

/** Prefix of admin tokens (so a leaked one is recognisable by secret scanners). */
export const ADMIN_TOKEN_PREFIX = 'prx_admin_';
export const OPEN311_KEY_PREFIX = 'prx_o311_';

interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  created_at: Date | string;
  expires_at: Date | string | null;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const COLUMNS = 'id, name, scopes, created_at, expires_at, last_used_at, revoked_at';

const toToken = (r: TokenRow): AdminToken => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  createdAt: toIso(r.created_at),
  expiresAt: toIsoOrNull(r.expires_at),
  lastUsedAt: toIsoOrNull(r.last_used_at),
  revokedAt: toIsoOrNull(r.revoked_at),
});

export async function createAdminToken(
  db: Queryable,
  now: Date,
  input: { name: string; scopes: readonly AdminTokenScope[]; expiresAt?: string | undefined },
): Promise<AdminToken & { token: string }> {
  const id = newId();
  const token = `${ADMIN_TOKEN_PREFIX}${randomSecret(32)}`;
  const rows = await db.query<TokenRow>(
    `INSERT INTO admin_tokens (id, name, scopes, token_hash, created_at, expires_at)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6) RETURNING ${COLUMNS}`,
    [
      id,
      input.name,
      JSON.stringify(input.scopes),
      sha256Hex(token),
      now.toISOString(),
      input.expiresAt ?? null,
    ],
  );
  return { ...toToken(rows[0] as TokenRow), token };
}

export async function listAdminTokens(db: Queryable): Promise<AdminToken[]> {
  const rows = await db.query<TokenRow>(`SELECT ${COLUMNS} FROM admin_tokens ORDER BY created_at, id`);
  return rows.map(toToken);
}

export async function revokeAdminToken(db: Queryable, now: Date, id: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE admin_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING id',
    [id, now.toISOString()],
  );
  return rows.length > 0;
}

export type TokenCheck =
  { ok: true; token: AdminToken } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/** Looks a presented secret up by its hash; records its use. */
export async function authenticateAdminToken(db: Queryable, now: Date, secret: string): Promise<TokenCheck> {
  const rows = await db.query<TokenRow>(`SELECT ${COLUMNS} FROM admin_tokens WHERE token_hash = $1`, [
    sha256Hex(secret),
  ]);
  const row = rows[0];
  if (row === undefined) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  if (row.expires_at !== null && new Date(toIso(row.expires_at)) <= now)
    return { ok: false, reason: 'expired' };
  await db.query('UPDATE admin_tokens SET last_used_at = $2 WHERE id = $1', [row.id, now.toISOString()]);
  return { ok: true, token: toToken(row) };
}

export async function createOpen311Key(
  db: Queryable,
  now: Date,
  name: string,
): Promise<{ id: string; key: string }> {
  const id = newId();
  const key = `${OPEN311_KEY_PREFIX}${randomSecret(24)}`;
  await db.query('INSERT INTO open311_keys (id, name, key_hash, created_at) VALUES ($1, $2, $3, $4)', [
    id,
    name,
    sha256Hex(key),
    now.toISOString(),
  ]);
  return { id, key };
}

export async function listOpen311Keys(
  db: Queryable,
): Promise<{ id: string; name: string; createdAt: string; revokedAt: string | null }[]> {
  const rows = await db.query<{ id: string; name: string; created_at: Date; revoked_at: Date | null }>(
    'SELECT id, name, created_at, revoked_at FROM open311_keys ORDER BY created_at, id',
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: toIso(r.created_at),
    revokedAt: toIsoOrNull(r.revoked_at),
  }));
}

export async function revokeOpen311Key(db: Queryable, now: Date, id: string): Promise<boolean> {
  return (
    (
      await db.query(
        'UPDATE open311_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING id',
        [id, now.toISOString()],
      )
    ).length > 0
  );
}

/** The key's id when `key` is a valid, unrevoked Open311 API key. */
export async function checkOpen311Key(db: Queryable, key: string): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM open311_keys WHERE key_hash = $1 AND revoked_at IS NULL',
    [sha256Hex(key)],
  );
  return rows[0]?.id;
}
