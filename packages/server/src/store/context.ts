import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../util.js';

/** What every store function needs: the database, the clock and the configuration. */
export interface StoreContext {
  db: Database;
  clock: Clock;
  config: Config;
}

/** Opaque keyset cursor: base64url JSON. Returns `undefined` for a malformed cursor. */
export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return check(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** A `[string, string]` cursor (sort key, id). */
export function isPairCursor(v: unknown): v is [string, string] {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string';
}
