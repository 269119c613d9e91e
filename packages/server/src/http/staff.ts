/**
 * `/v1/staff` sub-app: staff sign-in and sessions (the cookie and the CSRF token), the second
 * factor, and single-use links. Admin operations on accounts are in admin.ts.
 */
import {
  OidcLoginQuery,
  PasswordChangeInput,
  PasswordResetRequestInput,
  StaffLinkInspectInput,
  StaffLinkRedeemInput,
  StaffSignInInput,
  TotpConfirmInput,
  scopesOfRole,
} from '@proximite/contract';
import type { StaffSession } from '@proximite/contract';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import {
  changePassword,
  confirmTotpEnrolment,
  inspectLink,
  redeemLink,
  SsoRefusal,
  signInWithOidc,
  signInWithPassword,
  signOut,
  startTotpEnrolment,
} from '../services/auth.js';
import { OIDC_LOGIN_TTL_MS, finishLogin, startLogin, takeLogin } from '../auth/oidc.js';
import { requestPasswordReset } from '../services/staff.js';
import type { SignedIn } from '../services/auth.js';
import { checkSession } from '../store/sessions.js';
import type { SessionInfo } from '../store/sessions.js';
import type { StaffRecord } from '../store/staff.js';
import { AppError } from '../errors.js';
import { requireSession } from './auth.js';
import type { AppDeps } from './context.js';
import type { AppEnv } from './env.js';
import { clientKey, rateLimit } from './rate-limit.js';
import {
  clearedSessionCookie,
  csrfToken,
  isSecure,
  presentedSession,
  sessionCookie,
  writeRefusal,
} from './session.js';
import { baseUrl, jsonResponse, noContent, originAllowed } from './shared.js';
import { parseJsonBody, parseQuery } from './validate.js';

/** Where this sub-app is mounted. */
export const STAFF_PREFIX = '/v1/staff';

/** The body of a session answer. */
export function sessionBody(
  deps: AppDeps,
  staff: StaffRecord,
  session: SessionInfo,
  secret: string,
): StaffSession {
  const idleMs = deps.config.sessionIdleMinutes * 60_000;
  return {
    staff: staff.member,
    csrfToken: csrfToken(secret),
    scopes: [...scopesOfRole(staff.role)],
    expiresAt: session.expiresAt.toISOString(),
    idleTimeoutSeconds: idleMs / 1000,
    secondFactor: session.secondFactor,
    method: session.method,
  };
}

/** The answer of a new sign-in: the session and its cookie. */
export function signedInResponse(deps: AppDeps, c: Context, signedIn: SignedIn): Response {
  const maxAge = (signedIn.session.expiresAt.getTime() - deps.clock().getTime()) / 1000;
  return jsonResponse(sessionBody(deps, signedIn.staff, signedIn.session, signedIn.secret), 200, {
    'Set-Cookie': sessionCookie(deps, c, signedIn.secret, maxAge),
  });
}

export function staffApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/session', async (c) => {
    const { value } = await parseJsonBody(c, StaffSignInInput);
    const presented = presentedSession(deps, c);
    const signedIn = await signInWithPassword(
      deps,
      deps.clock(),
      value,
      await clientKey(deps, c),
      presented.kind === 'secret' ? presented.idHash : undefined,
    );
    return signedInResponse(deps, c, signedIn);
  });

  app.get('/session', async (c) => {
    const { staff, session, secret } = await requireSession(deps, c);
    return jsonResponse(sessionBody(deps, staff, session, secret));
  });

  app.delete('/session', async (c) => {
    const cleared = { 'Set-Cookie': clearedSessionCookie(deps, c), 'Cache-Control': 'no-store' };
    const presented = presentedSession(deps, c);
    if (presented.kind !== 'secret') return new Response(null, { status: 204, headers: cleared });
    const now = deps.clock();
    const check = await checkSession(deps.db, now, presented.secret, deps.config.sessionIdleMinutes * 60_000);
    // An ended session has nothing left to protect: just clear the cookie.
    if (!check.ok) return new Response(null, { status: 204, headers: cleared });
    const refusal = writeRefusal(deps, c, presented.secret);
    if (refusal !== undefined) throw new AppError('csrf', refusal);
    await signOut(
      deps,
      now,
      { id: check.staff.member.id, name: check.staff.member.displayName },
      presented.idHash,
    );
    return new Response(null, { status: 204, headers: cleared });
  });

  // ---- second factor
  app.post('/totp', async (c) => {
    const { staff } = await requireSession(deps, c);
    return jsonResponse(await startTotpEnrolment(deps, staff));
  });

  app.post('/totp/confirm', async (c) => {
    const { staff, session, secret } = await requireSession(deps, c);
    const { value } = await parseJsonBody(c, TotpConfirmInput);
    await confirmTotpEnrolment(deps, deps.clock(), staff, session.idHash, value.otp);
    const after = await checkSession(deps.db, deps.clock(), secret, deps.config.sessionIdleMinutes * 60_000);
    if (!after.ok) throw new AppError('unauthorized', 'Your session has ended: sign in again.');
    return jsonResponse(sessionBody(deps, after.staff, after.session, secret));
  });

  // ---- passwords and links
  app.post('/password', async (c) => {
    const { staff, session } = await requireSession(deps, c);
    const { value } = await parseJsonBody(c, PasswordChangeInput);
    await changePassword(deps, deps.clock(), staff, session.idHash, value);
    return noContent();
  });

  app.post('/password-reset', async (c) => {
    await rateLimit(deps, c);
    const { value } = await parseJsonBody(c, PasswordResetRequestInput);
    // Not awaited: the answer takes as long whether or not the e-mail has an account.
    requestPasswordReset(deps, deps.clock(), value.email, baseUrl(deps, c)).catch((error: unknown) => {
      console.error('[password-reset]', error instanceof Error ? error.message : 'failed');
    });
    return new Response(null, { status: 202, headers: { 'Cache-Control': 'no-store' } });
  });

  const NO_LINK = 'This link is unknown, was already used or has expired: ask for a new one.';

  app.post('/links/inspect', async (c) => {
    await rateLimit(deps, c);
    const { value } = await parseJsonBody(c, StaffLinkInspectInput);
    const found = await inspectLink(deps, deps.clock(), value.token);
    if (found === undefined) throw new AppError('notFound', NO_LINK);
    return jsonResponse({
      kind: found.link.kind,
      email: found.staff.member.email,
      displayName: found.staff.member.displayName,
      role: found.staff.role,
      expiresAt: found.link.expiresAt.toISOString(),
      totpEnabled: found.staff.totpEnabled,
    });
  });

  app.post('/links/redeem', async (c) => {
    await rateLimit(deps, c);
    const { value } = await parseJsonBody(c, StaffLinkRedeemInput);
    if (!(await redeemLink(deps, deps.clock(), value.token, value.password)))
      throw new AppError('notFound', NO_LINK);
    return noContent();
  });

  // ---- single sign-on (OpenID Connect)
  const consolePage = (c: Context) => deps.config.staffConsoleUrl ?? `${baseUrl(deps, c)}/staff/`;
  const oidcCookieName = (c: Context) => (isSecure(deps, c) ? '__Host-proximite_oidc' : 'proximite_oidc');
  const oidcCookie = (c: Context, value: string, maxAge: number) =>
    `${oidcCookieName(c)}=${value}; Path=/; HttpOnly; SameSite=Lax${isSecure(deps, c) ? '; Secure' : ''}; Max-Age=${maxAge}`;
  const redirect = (location: string, cookies: string[], status = 303) => {
    const headers = new Headers({
      Location: location,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    for (const cookie of cookies) headers.append('Set-Cookie', cookie);
    return new Response(null, { status, headers });
  };

  app.get('/oidc/providers', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ items: deps.config.oidcProviders.map((p) => ({ id: p.id, name: p.name })) });
  });

  app.get('/oidc/login', async (c) => {
    const q = parseQuery(c, OidcLoginQuery);
    const provider = deps.config.oidcProviders.find((p) => p.id === q.provider);
    if (provider === undefined) throw new AppError('notFound', `No single sign-on provider ${q.provider}.`);
    const returnTo = q.returnTo ?? consolePage(c);
    let target: URL;
    try {
      target = new URL(returnTo);
    } catch {
      target = new URL('invalid:');
    }
    // Only back to a page of an allowed origin (no open redirect).
    if (!/^https?:$/.test(target.protocol) || !originAllowed(deps, c, target.origin)) {
      throw new AppError('badRequest', 'returnTo must be a page of an allowed origin.', {
        errors: [{ path: 'returnTo', message: 'not an allowed origin' }],
      });
    }
    let started: { url: URL; browserSecret: string };
    try {
      started = await startLogin(
        deps.db,
        deps.clock(),
        provider,
        `${baseUrl(deps, c)}${STAFF_PREFIX}/oidc/callback`,
        target.href,
      );
    } catch {
      throw new AppError(
        'unavailable',
        `The provider ${provider.name} cannot be reached; try again shortly.`,
        {
          headers: { 'Retry-After': '30' },
        },
      );
    }
    return redirect(started.url.href, [oidcCookie(c, started.browserSecret, OIDC_LOGIN_TTL_MS / 1000)], 302);
  });

  app.get('/oidc/callback', async (c) => {
    const now = deps.clock();
    const cleared = oidcCookie(c, '', 0);
    const back = (page: string, code: string) =>
      redirect(`${page.split('#')[0]}#proximite-sso-error=${code}`, [cleared]);
    const secret = getCookie(c, oidcCookieName(c));
    const login = secret === undefined || secret === '' ? undefined : await takeLogin(deps.db, now, secret);
    if (login === undefined) return back(consolePage(c), 'expired');
    const provider = deps.config.oidcProviders.find((p) => p.id === login.provider);
    if (provider === undefined) return back(login.returnTo, 'provider');
    let identity;
    try {
      const callback = new URL(`${baseUrl(deps, c)}${STAFF_PREFIX}/oidc/callback`);
      callback.search = new URL(c.req.url).search;
      identity = await finishLogin(provider, login, callback);
    } catch (error) {
      console.error(`[oidc ${provider.id}]`, error instanceof Error ? error.message : 'failed');
      return back(login.returnTo, 'provider');
    }
    try {
      const presented = presentedSession(deps, c);
      const signedIn = await signInWithOidc(
        deps,
        now,
        provider.id,
        identity,
        presented.kind === 'secret' ? presented.idHash : undefined,
      );
      const maxAge = (signedIn.session.expiresAt.getTime() - now.getTime()) / 1000;
      return redirect(login.returnTo, [cleared, sessionCookie(deps, c, signedIn.secret, maxAge)]);
    } catch (error) {
      if (error instanceof SsoRefusal) return back(login.returnTo, error.code);
      throw error;
    }
  });

  return app;
}
