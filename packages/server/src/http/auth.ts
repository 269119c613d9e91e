/**
 * Authentication and authorisation of the admin API, as middleware: the route declares the scopes
 * of its contract operation; the middleware answers 401 (no or bad credentials) or 403 (scope
 * missing) before the handler runs, and puts the {@link Principal} on the context.
 */
import type { AdminTokenScope } from '@proximite/contract';
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import { authenticateAdminToken } from '../store/tokens.js';
import type { AppDeps } from './context.js';
import type { AppEnv, Principal } from './env.js';

const REALM = 'Bearer realm="proximite-admin"';

/** The principal the authentication middleware put on the context. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get('principal') as Principal | undefined;
  if (principal === undefined) throw new Error('no principal: the route lacks the authentication middleware');
  return principal;
}

async function bearerPrincipal(deps: AppDeps, c: Context<AppEnv>): Promise<Principal> {
  const header = c.req.header('Authorization');
  const match = header === undefined ? null : /^Bearer\s+([\x21-\x7e]{1,512})$/i.exec(header.trim());
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
  return {
    actor: { kind: 'token', id: token.id, name: token.name },
    scopes: token.scopes,
  };
}

/** Requires credentials holding every scope of `scopes` (`[]`: any valid credentials). */
export function requireScopes(deps: AppDeps, scopes: readonly AdminTokenScope[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await bearerPrincipal(deps, c);
    const missing = scopes.filter((s) => !principal.scopes.includes(s));
    if (missing.length > 0) {
      throw new AppError('forbidden', `This token lacks the scope ${missing.join(', ')}.`, {
        headers: {
          'WWW-Authenticate': `${REALM}, error="insufficient_scope", scope="${missing.join(' ')}"`,
        },
      });
    }
    c.set('principal', principal);
    await next();
  };
}
