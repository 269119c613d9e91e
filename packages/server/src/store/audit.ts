/** The append-only, hash-chained audit log (contract: auditHashInput, AUDIT_GENESIS_HASH). */
import { AUDIT_GENESIS_HASH, auditHashInput } from '@proximite/contract';
import type { AuditEntry, AuditVerifyResult } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { sha256Hex } from '../util.js';

/**
 * Appends an entry in the caller's transaction (so the change and its audit entry commit together).
 * The entry is written to `audit_pending`; at commit, a deferred trigger (migration 015) links it to
 * the chain — the advisory lock, the previous hash, SHA-256 of `auditHashInput` — inside the
 * database, so no transaction holds the chain's lock while it waits for this process. Entries of one
 * transaction are chained in the order they were appended; its seq and hash exist once it commits.
 */
export async function appendAudit(
  tx: Queryable,
  now: Date,
  entry: { actor: string; action: string; target: string; detail?: unknown },
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_pending (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [
      now.toISOString(),
      entry.actor,
      entry.action,
      entry.target,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
    ],
  );
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  hash_prev: string;
  hash: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  at: r.at,
  actor: r.actor,
  action: r.action,
  target: r.target,
  hashPrev: r.hash_prev,
  hash: r.hash,
});

export async function listAudit(
  db: Queryable,
  after: number,
  limit: number,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const rows = await db.query<AuditRow>(
    'SELECT seq, at, actor, action, target, hash_prev, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2',
    [after, limit + 1],
  );
  const page = rows.slice(0, limit).map(toEntry);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > limit && last !== undefined ? String(last.seq) : null };
}

/** Recomputes every hash and link; the first entry that does not match breaks the chain. */
export async function verifyAudit(db: Queryable): Promise<AuditVerifyResult> {
  let prev = AUDIT_GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (let after = 0; ;) {
    const rows = await db.query<AuditRow>(
      'SELECT seq, at, actor, action, target, hash_prev, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1000',
      [after],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const e = toEntry(row);
      const { hash, ...rest } = e;
      if (e.seq !== expectedSeq || e.hashPrev !== prev || sha256Hex(auditHashInput(rest)) !== hash) {
        return { ok: false, checked, firstBrokenSeq: e.seq };
      }
      prev = hash;
      expectedSeq += 1;
      checked += 1;
      after = e.seq;
    }
  }
  return { ok: true, checked, firstBrokenSeq: null };
}
