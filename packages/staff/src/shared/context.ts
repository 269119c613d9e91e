import type { AdminClient } from '@proximite/sdk/admin.js';
import type { Route } from '../console/router.js';
import type { Lookups } from './lookups.js';

/** Who is signed in, as the console shows it. */
export interface StaffIdentity {
  /** The staff account's id (`assigned to me` filters on it); absent with a machine token. */
  id?: string | undefined;
  displayName: string;
  role: string;
}

/**
 * What the console gives every section: the admin client, who is signed in and what they may do,
 * and the shell's services (navigation, announcements in the live region, the clock).
 */
export interface StaffContext {
  client: AdminClient;
  identity: StaffIdentity | undefined;
  /** Whether the signed-in person may do `permission` (the contract's role → permission table). */
  can(permission: string): boolean;
  /** Shows another view; `replace` keeps the browser history as it is (filters typed in place). */
  navigate(route: Route, options?: { replace?: boolean }): void;
  /** The last view shown of a section (the inbox with its filters), for a link back to it. */
  lastRoute(section: string): Route;
  /** Says `message` in the console's polite live region. */
  announce(message: string): void;
  /**
   * After a request refused for want of a session (401): shows the sign-in over the section, which
   * stays as it is, and resolves once the person signed in again (then retry). Rejects when the
   * console handles no session (a machine token).
   */
  reauthenticate(): Promise<void>;
  /** Categories, districts and services with their names (loaded once; empty lists when unavailable). */
  lookups(): Promise<Lookups>;
  /** The API's base URL, when the console knows it (downloads such as the CSV export are links to it). */
  apiBase: string | undefined;
  /** The clock (tests fix it). */
  now(): Date;
}
