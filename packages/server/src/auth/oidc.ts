/**
 * Single sign-on with OpenID Connect (authorization code + PKCE, `openid-client` 6): ProConnect,
 * Keycloak, Microsoft Entra or any conformant provider. Discovery is read once per provider and
 * kept. A login in progress lives in the database (any instance can finish it), keyed by the hash
 * of a secret in a short-lived cookie of the browser that started it, and is used once.
 */
import * as client from 'openid-client';
import type { OidcProviderConfig } from '../config.js';
import type { Queryable } from '../db/database.js';
import { randomSecret, sha256Hex, toIso } from '../util.js';

/** How long a sign-in may take at the provider. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;

/** Plain `http:` is allowed for a provider on this machine only (tests, local Keycloak). */
function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's configuration (discovered once; a failed discovery is retried next time). */
export function providerConfiguration(provider: OidcProviderConfig): Promise<client.Configuration> {
  const key = `${provider.id}|${provider.issuer}|${provider.clientId}`;
  let found = configurations.get(key);
  if (found === undefined) {
    const issuer = new URL(provider.issuer);
    const metadata: Partial<client.ClientMetadata> = {
      ...(provider.clientSecret !== undefined ? { client_secret: provider.clientSecret } : {}),
      ...(provider.userinfoSignedAlg !== undefined
        ? { userinfo_signed_response_alg: provider.userinfoSignedAlg }
        : {}),
    };
    found = client.discovery(
      issuer,
      provider.clientId,
      metadata,
      provider.clientSecret === undefined ? client.None() : undefined,
      issuer.protocol === 'http:' && isLoopback(issuer)
        ? { execute: [client.allowInsecureRequests] }
        : undefined,
    );
    configurations.set(key, found);
    found.catch(() => configurations.delete(key));
  }
  return found;
}

export interface PendingLogin {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** Starts a login: returns the provider URL to send the browser to and the browser's secret (cookie). */
export async function startLogin(
  db: Queryable,
  now: Date,
  provider: OidcProviderConfig,
  redirectUri: string,
  returnTo: string,
): Promise<{ url: URL; browserSecret: string }> {
  const configuration = await providerConfiguration(provider);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const params: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (provider.acrValues !== undefined) params.acr_values = provider.acrValues;
  const browserSecret = randomSecret(32);
  await db.query('DELETE FROM staff_oidc_logins WHERE expires_at < $1', [now.toISOString()]);
  await db.query(
    `INSERT INTO staff_oidc_logins (browser_hash, provider, state, nonce, code_verifier, return_to, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      sha256Hex(browserSecret),
      provider.id,
      state,
      nonce,
      codeVerifier,
      returnTo,
      now.toISOString(),
      new Date(now.getTime() + OIDC_LOGIN_TTL_MS).toISOString(),
    ],
  );
  return { url: client.buildAuthorizationUrl(configuration, params), browserSecret };
}

/** Takes (and removes) the login this browser started; `undefined` when there is none or it expired. */
export async function takeLogin(
  db: Queryable,
  now: Date,
  browserSecret: string,
): Promise<PendingLogin | undefined> {
  const rows = await db.query<{
    provider: string;
    state: string;
    nonce: string;
    code_verifier: string;
    return_to: string;
    expires_at: Date | string;
  }>(
    'DELETE FROM staff_oidc_logins WHERE browser_hash = $1 RETURNING provider, state, nonce, code_verifier, return_to, expires_at',
    [sha256Hex(browserSecret)],
  );
  const r = rows[0];
  if (r === undefined || new Date(toIso(r.expires_at)).getTime() <= now.getTime()) return undefined;
  return {
    provider: r.provider,
    state: r.state,
    nonce: r.nonce,
    codeVerifier: r.code_verifier,
    returnTo: r.return_to,
  };
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean | undefined;
}

/**
 * Finishes a login at the redirect URI: exchanges the code (PKCE, state and nonce checked by
 * openid-client), and reads the e-mail from the ID token, else from UserInfo.
 */
export async function finishLogin(
  provider: OidcProviderConfig,
  login: PendingLogin,
  callbackUrl: URL,
): Promise<OidcIdentity> {
  const configuration = await providerConfiguration(provider);
  const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: login.codeVerifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (claims === undefined) throw new Error('no ID token');
  let source: Record<string, unknown> = claims;
  if (typeof claims[provider.emailClaim] !== 'string') {
    source = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
  }
  const email = source[provider.emailClaim];
  const verified = source.email_verified;
  return {
    issuer: configuration.serverMetadata().issuer,
    subject: claims.sub,
    email: typeof email === 'string' ? email : undefined,
    emailVerified: typeof verified === 'boolean' ? verified : undefined,
  };
}
