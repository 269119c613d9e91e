/**
 * Authentication and authorisation of the admin API, as middleware: a route declares the scopes of
 * its contract operation; the middleware answers 401 (no or bad credentials), 403 (scope or role
 * lacking, or a session write without its CSRF token or an allowed Origin) before the handler
 * runs, and puts the {@link Principal} on the context.
 *
 * Credentials: `Authorization: Bearer <token>` (machines), else the staff session cookie (people;
 * the role's scopes, `ROLE_SCOPES`, read at each request so a role change applies at once).
 */
import { SERVICE_BOUND_ROLES, scopesOfRole } from '@proximite/contract';
import type { AdminTokenScope } from '@proximite/contract';
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import { checkSession } from '../store/sessions.js';
import type { SessionInfo } from '../store/sessions.js';
import type { StaffRecord } from '../store/staff.js';
import { authenticateAdminToken } from '../store/tokens.js';
import type { AppDeps } from './context.js';
import type { AppEnv, Principal } from './env.js';
import { clearedSessionCookie, isWrite, presentedSession, writeRefusal } from './session.js';

const REALM = 'Bearer realm="proximite-admin"';

/** The principal the authentication middleware put on the context. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get('principal') as Principal | undefined;
  if (principal === undefined) throw new Error('no principal: the route lacks the authentication middleware');
  return principal;
}

async function bearerPrincipal(deps: AppDeps, header: string): Promise<Principal> {
  const match = /^Bearer\s+([\x21-\x7e]{1,512})$/i.exec(header.trim());
  if (match === null || match[1] === undefined) {
    throw new AppError('unauthorized', 'Send an admin token: Authorization: Bearer <token>.', {
      headers: { 'WWW-Authenticate': REALM },
    });
  }
  const check = await authenticateAdminToken(deps.db, deps.clock(), match[1]);
  if (!check.ok) {
    const detail = {
      unknown: 'Unknown token.',
      expired: 'This token has expired.',
      revoked: 'This token was revoked.',
    }[check.reason];
    throw new AppError('unauthorized', detail, {
      headers: { 'WWW-Authenticate': `${REALM}, error="invalid_token"` },
    });
  }
  const { token } = check;
  return { actor: { kind: 'token', id: token.id, name: token.name }, scopes: token.scopes };
}

/** The principal of a signed-in staff member. */
export function staffPrincipal(staff: StaffRecord, session: SessionInfo): Principal {
  return {
    actor: { kind: 'staff', id: staff.member.id, name: staff.member.displayName },
    scopes: scopesOfRole(staff.role),
    services: (SERVICE_BOUND_ROLES as readonly string[]).includes(staff.role)
      ? staff.member.services
      : undefined,
    memberOf: staff.member.services,
    staff: { record: staff, session },
  };
}

const SESSION_ENDED = 'Your session has ended: sign in again.';

function sessionEnded(deps: AppDeps, c: Context): AppError {
  return new AppError('unauthorized', SESSION_ENDED, {
    headers: { 'Set-Cookie': clearedSessionCookie(deps, c) },
  });
}

/**
 * The staff session of the request, checked (401 when it is missing, malformed or ended); a write
 * also needs its CSRF token and an allowed Origin (403).
 */
export async function requireSession(
  deps: AppDeps,
  c: Context,
): Promise<{ principal: Principal; secret: string; staff: StaffRecord; session: SessionInfo }> {
  const presented = presentedSession(deps, c);
  if (presented.kind === 'none')
    throw new AppError('unauthorized', 'Sign in first.', { headers: { 'WWW-Authenticate': REALM } });
  if (presented.kind === 'malformed') throw sessionEnded(deps, c);
  const check = await checkSession(
    deps.db,
    deps.clock(),
    presented.secret,
    deps.config.sessionIdleMinutes * 60_000,
  );
  if (!check.ok) throw sessionEnded(deps, c);
  if (isWrite(c.req.method)) {
    const refusal = writeRefusal(deps, c, presented.secret);
    if (refusal !== undefined) throw new AppError('csrf', refusal);
  }
  return {
    principal: staffPrincipal(check.staff, check.session),
    secret: presented.secret,
    staff: check.staff,
    session: check.session,
  };
}

/** Requires credentials holding every scope of `scopes` (`[]`: any valid credentials). */
export function requireScopes(deps: AppDeps, scopes: readonly AdminTokenScope[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization');
    let principal: Principal;
    if (header !== undefined || presentedSession(deps, c).kind === 'none') {
      principal = await bearerPrincipal(deps, header ?? '');
      const missing = scopes.filter((s) => !principal.scopes.includes(s));
      if (missing.length > 0) {
        throw new AppError('forbidden', `This token lacks the scope ${missing.join(', ')}.`, {
          headers: {
            'WWW-Authenticate': `${REALM}, error="insufficient_scope", scope="${missing.join(' ')}"`,
          },
        });
      }
    } else {
      const signedIn = await requireSession(deps, c);
      principal = signedIn.principal;
      if (signedIn.session.secondFactor === 'enrolment-required') {
        throw new AppError(
          'secondFactorRequired',
          'Your role needs a second factor: set up your authenticator app first (POST /v1/staff/totp).',
        );
      }
      const missing = scopes.filter((s) => !principal.scopes.includes(s));
      if (missing.length > 0) {
        throw new AppError(
          'forbidden',
          `Your role (${signedIn.staff.role}) does not allow this (it needs ${missing.join(', ')}).`,
        );
      }
    }
    c.set('principal', principal);
    await next();
  };
}
