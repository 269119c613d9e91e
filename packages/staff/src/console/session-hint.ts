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

/** Notes that a session is open until `until`. */
export function rememberSession(until: string, store: Storage | null = storage()): void {
  try {
    store?.setItem(SESSION_HINT_KEY, JSON.stringify({ until } satisfies Hint));
  } catch {
    // full or refused storage: the hint is only an optimisation
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
