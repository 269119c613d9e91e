/**
 * Who does something: the identity written to the audit log and, for notes, shown as author.
 * Every audited change names one (HTTP requests get theirs from authentication, the CLI is `cli`).
 */

export type Actor =
  /** A bearer token (machines). Audited as `token:<id> (<name>)`. */
  | { kind: 'token'; id: string; name: string }
  /** A signed-in staff member. Audited as `staff:<id>` (the account id, not the e-mail). */
  | { kind: 'staff'; id: string; name: string }
  /** Someone at the server's command line. */
  | { kind: 'cli' }
  /** The server itself (demo seed, scheduled jobs). */
  | { kind: 'system'; name: string }
  /**
   * A resident acting on their own concern with its receipt's secret (a verdict, an unsubscribe).
   * Audited as `resident`: nothing that identifies them.
   */
  | { kind: 'resident' };

export const CLI_ACTOR: Actor = { kind: 'cli' };
export const RESIDENT_ACTOR: Actor = { kind: 'resident' };

/** The `actor` of an audit entry. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'token':
      return `token:${actor.id} (${actor.name})`;
    case 'staff':
      return `staff:${actor.id}`;
    case 'cli':
      return 'cli';
    case 'system':
      return `system:${actor.name}`;
    case 'resident':
      return 'resident';
  }
}

/** The author shown on what the actor writes (internal notes). */
export function authorName(actor: Actor): string {
  switch (actor.kind) {
    case 'token':
    case 'staff':
      return actor.name;
    case 'cli':
      return 'cli';
    case 'system':
      return actor.name;
    case 'resident':
      return 'resident';
  }
}
