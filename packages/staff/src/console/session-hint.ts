/**
 * Whether this browser may hold a staff session, kept beside the (HttpOnly, unreadable) session
 * cookie: the date the session ends, or that a single sign-on is under way. It holds no secret.
 *
 * Why: without it, the console would ask `GET /v1/staff/session` on every first visit and get the
 * expected 401, which browsers report in their console as a failed resource — noise that hides
 * real errors. With it, the console asks only when a session may exist; a visit with no hint goes
 * straight to the sign-in.
 */
export const SESSION_HINT_KEY = 'proximite-staff-session';

/** How long a single sign-on may take before the hint lapses (the server's login lasts 10 minutes). */
const SSO_PENDING_MS = 15 * 60_000;

interface Hint {
  /** The session's absolute end (ISO date). */
  until: string;
  /** What the session may do (its scopes), for a console opened with no network (café mode). */
  scopes?: string[];
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage refused (privacy settings): the console asks the server every time
  }
}

/** Whether a session may exist at `now` (no storage: it may). */
export function maySignedIn(now: Date, store: Storage | null = storage()): boolean {
  if (!store) return true;
  try {
    const raw = store.getItem(SESSION_HINT_KEY);
    if (raw === null) return false;
    const hint = JSON.parse(raw) as Partial<Hint>;
    const until = Date.parse(String(hint.until));
    return Number.isFinite(until) && until > now.getTime();
  } catch {
    return true;
  }
}

/** Notes that a session is open until `until`, and what it may do. */
export function rememberSession(until: string, store: Storage | null = storage(), scopes?: string[]): void {
  try {
    store?.setItem(SESSION_HINT_KEY, JSON.stringify({ until, scopes } satisfies Hint));
  } catch {
    // full or refused storage: the hint is only an optimisation
  }
}

/**
 * The scopes of a session that may still be open at `now`, as last seen from the server: what a
 * console reloaded with no network shows until the server can say (undefined: none known).
 */
export function rememberedScopes(now: Date, store: Storage | null = storage()): string[] | undefined {
  try {
    const hint = JSON.parse(store?.getItem(SESSION_HINT_KEY) ?? '{}') as Partial<Hint>;
    return maySignedIn(now, store) && Array.isArray(hint.scopes) ? hint.scopes : undefined;
  } catch {
    return undefined;
  }
}

/** Notes that a single sign-on starts now (the session will exist on the way back). */
export function rememberSsoStart(now: Date, store: Storage | null = storage()): void {
  rememberSession(new Date(now.getTime() + SSO_PENDING_MS).toISOString(), store);
}

/** Forgets it (signed out, or the server said there is no session). */
export function forgetSession(store: Storage | null = storage()): void {
  try {
    store?.removeItem(SESSION_HINT_KEY);
  } catch {
    // nothing to forget
  }
}
