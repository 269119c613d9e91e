/** The Hono environment every sub-app shares: what middleware puts on the context. */
import type { Actor } from '../services/actor.js';
import type { CachedResponse } from './cache.js';
import type { SessionInfo } from '../store/sessions.js';
import type { StaffRecord } from '../store/staff.js';

/** Who is calling the admin API, and what they may do (set by the authentication middleware). */
export interface Principal {
  /** The identity written to the audit log. */
  actor: Actor;
  /** The scopes held: a token's own, or those of a staff member's role. */
  scopes: readonly string[];
  /** The services whose concerns it reaches, when limited to them (agents); `undefined`: every concern. */
  services?: readonly string[] | undefined;
  /**
   * The services the caller belongs to: a restricted concern (a conduct complaint) is reached only
   * through its service's members. None for a token.
   */
  memberOf?: readonly string[] | undefined;
  /** A signed-in staff member (absent for a bearer token). */
  staff?: { record: StaffRecord; session: SessionInfo } | undefined;
}

export interface AppEnv {
  Variables: {
    /** Set by `requestId()` on every request (echoed as `X-Request-Id` and in problems). */
    requestId: string;
    /** Set by the admin authentication middleware. */
    principal: Principal;
    /** Set by a cacheable public GET: the cache keeps the headers the app answers it with. */
    publicResponse: CachedResponse;
  };
}
