/**
 * The staff session cookie and CSRF tokens.
 *
 * Cookie: `proximite_session` — `HttpOnly; SameSite=Lax; Path=/`, plus `Secure` and the `__Host-`
 * prefix when the server is reached over HTTPS (RFC 6265bis § 4.1.3.2: the browser then refuses it
 * from an insecure origin, with a Domain, or with another Path).
 *
 * CSRF: a token is `<nonce>.<HMAC-SHA-256(session secret, nonce)>` (OWASP's "signed double-submit"
 * bound to the session). Only the server knows the session secret (the cookie is HttpOnly), so
 * only a page that asked `GET /v1/staff/session` holds a valid token; each answer gives a fresh one
 * and all stay valid for the session's life. Writes also need an allowed `Origin`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { STAFF_SESSION_COOKIE } from '@proximite/contract';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { randomSecret, sha256Hex } from '../util.js';
import type { AppDeps } from './context.js';
import { originAllowed } from './shared.js';

/** A session secret as the server makes them: 32 random bytes, base64url. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Whether the request reached the server over HTTPS (configured public URL, or the request itself). */
export function isSecure(deps: AppDeps, c: Context): boolean {
  if (deps.config.publicUrl !== undefined) return deps.config.publicUrl.startsWith('https:');
  return new URL(c.req.url).protocol === 'https:';
}

export function sessionCookieName(deps: AppDeps, c: Context): string {
  return isSecure(deps, c) ? `__Host-${STAFF_SESSION_COOKIE}` : STAFF_SESSION_COOKIE;
}

export type PresentedSession =
  { kind: 'none' } | { kind: 'malformed' } | { kind: 'secret'; secret: string; idHash: string };

/** The session cookie the request carries, if any (a value of the wrong shape is `malformed`). */
export function presentedSession(deps: AppDeps, c: Context): PresentedSession {
  const value = getCookie(c, sessionCookieName(deps, c));
  if (value === undefined || value === '') return { kind: 'none' };
  if (!SECRET_SHAPE.test(value)) return { kind: 'malformed' };
  return { kind: 'secret', secret: value, idHash: sha256Hex(value) };
}

function cookieAttributes(deps: AppDeps, c: Context): string {
  return `Path=/; HttpOnly; SameSite=Lax${isSecure(deps, c) ? '; Secure' : ''}`;
}

/** The `Set-Cookie` value of a new session. */
export function sessionCookie(deps: AppDeps, c: Context, secret: string, maxAgeSeconds: number): string {
  return `${sessionCookieName(deps, c)}=${secret}; ${cookieAttributes(deps, c)}; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`;
}

/** The `Set-Cookie` value that removes the session cookie. */
export function clearedSessionCookie(deps: AppDeps, c: Context): string {
  return `${sessionCookieName(deps, c)}=; ${cookieAttributes(deps, c)}; Max-Age=0`;
}

function mac(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url');
}

/** A fresh CSRF token for the session whose secret is `secret`. */
export function csrfToken(secret: string): string {
  const nonce = randomSecret(16);
  return `${nonce}.${mac(secret, nonce)}`;
}

/** Whether `token` is a CSRF token of this session (constant-time). */
export function csrfValid(secret: string, token: string | undefined): boolean {
  if (token === undefined || token.length > 200) return false;
  const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (m === null || m[1] === undefined || m[2] === undefined) return false;
  const expected = Buffer.from(mac(secret, m[1]));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Why a write made with a session is refused (`undefined`: it may go on): the `Origin` must be
 * present and allowed, and `X-CSRF-Token` must be a token of the session.
 */
export function writeRefusal(deps: AppDeps, c: Context, secret: string): string | undefined {
  const origin = c.req.header('Origin');
  if (origin === undefined) return 'A write made with a session needs an Origin header.';
  if (!originAllowed(deps, c, origin)) return 'This origin may not send this request.';
  if (!csrfValid(secret, c.req.header('X-CSRF-Token')))
    return 'Send the X-CSRF-Token header given by GET /v1/staff/session.';
  return undefined;
}

/** Whether the method writes (everything but GET, HEAD and OPTIONS). */
export function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
