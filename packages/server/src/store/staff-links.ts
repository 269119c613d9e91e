/** Single-use invitation and password-reset links: the link holds a secret, the table its SHA-256. */
import type { Queryable } from '../db/database.js';
import { randomSecret, sha256Hex, toIso } from '../util.js';

export type LinkKind = 'invitation' | 'password-reset';

/** Creates a link; earlier unused links of the same kind for the account stop working. */
export async function insertLink(
  tx: Queryable,
  now: Date,
  input: { staffId: string; kind: LinkKind; ttlMs: number },
): Promise<{ secret: string; expiresAt: Date }> {
  await tx.query(
    'UPDATE staff_links SET used_at = $3 WHERE staff_id = $1 AND kind = $2 AND used_at IS NULL',
    [input.staffId, input.kind, now.toISOString()],
  );
  const secret = randomSecret(32);
  const expiresAt = new Date(now.getTime() + input.ttlMs);
  await tx.query(
    `INSERT INTO staff_links (token_hash, staff_id, kind, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [sha256Hex(secret), input.staffId, input.kind, now.toISOString(), expiresAt.toISOString()],
  );
  return { secret, expiresAt };
}

export interface LinkInfo {
  tokenHash: string;
  staffId: string;
  kind: LinkKind;
  expiresAt: Date;
}

/** A link that is neither used nor expired (`forUpdate` locks it, to consume it). */
export async function findLink(
  db: Queryable,
  now: Date,
  secret: string,
  forUpdate = false,
): Promise<LinkInfo | undefined> {
  const rows = await db.query<{
    token_hash: string;
    staff_id: string;
    kind: LinkKind;
    expires_at: Date | string;
  }>(
    `SELECT token_hash, staff_id, kind, expires_at FROM staff_links
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [sha256Hex(secret), now.toISOString()],
  );
  const r = rows[0];
  return r === undefined
    ? undefined
    : {
        tokenHash: r.token_hash,
        staffId: r.staff_id,
        kind: r.kind,
        expiresAt: new Date(toIso(r.expires_at)),
      };
}

export async function markLinkUsed(db: Queryable, now: Date, tokenHash: string): Promise<void> {
  await db.query('UPDATE staff_links SET used_at = $2 WHERE token_hash = $1', [tokenHash, now.toISOString()]);
}

/** Voids every unused link of an account (account disabled). */
export async function voidLinks(db: Queryable, now: Date, staffId: string): Promise<void> {
  await db.query('UPDATE staff_links SET used_at = $2 WHERE staff_id = $1 AND used_at IS NULL', [
    staffId,
    now.toISOString(),
  ]);
}
