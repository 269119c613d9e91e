/**
 * The one way to change something that is audited: the change and its audit entries run in one
 * transaction, so either both are committed or neither is. Every service of this folder (and the
 * importers) goes through {@link audited}; nothing else appends to the audit log (a test checks).
 */
import type { Database, Queryable } from '../db/database.js';
import { appendAudit } from '../store/audit.js';
import { actorLabel } from './actor.js';
import type { Actor } from './actor.js';

export interface AuditRecord {
  action: string;
  target: string;
  detail?: unknown;
}

/** A unit of audited work: the transaction, its instant, its actor and the audit writer. */
export interface Unit {
  tx: Queryable;
  now: Date;
  actor: Actor;
  /** Appends an audit entry for `actor`, in the unit's transaction. */
  audit(record: AuditRecord): Promise<void>;
}

/** What a service needs: the database. */
export interface ServiceContext {
  db: Database;
}

/** Runs `fn` in a transaction whose audit entries are written by `actor` at `now`. */
export function audited<T>(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  fn: (unit: Unit) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction((tx) => auditedIn(tx, now, actor, fn));
}

/**
 * Runs `fn` as a unit of the caller's transaction `tx` (a write that is not itself audited, such as
 * a resident's submission, whose consequences are: the concern's routing).
 */
export function auditedIn<T>(
  tx: Queryable,
  now: Date,
  actor: Actor,
  fn: (unit: Unit) => Promise<T>,
): Promise<T> {
  return fn({
    tx,
    now,
    actor,
    audit: async (record) => {
      await appendAudit(tx, now, { actor: actorLabel(actor), ...record });
    },
  });
}
