/**
 * Single sign-on end to end against a real OpenID provider started here (`oidc-provider` 9,
 * in-process on a free port, its development login screens driven over HTTP): authorization code
 * + PKCE, state and nonce, an account matched by e-mail and then by subject, no self-registration,
 * disabled accounts refused and signed out, no open redirect.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Provider from 'oidc-provider';
import type { OidcProviderList, StaffSession } from '@proximite/contract';
import { seedStaff } from '../src/seed-staff.js';
import { call, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';
import { PASSWORD } from './staff-helpers.js';

/** A cookie jar per origin (paths ignored: enough for these two servers). */
class Jar {
  readonly #cookies = new Map<string, Map<string, string>>();
  header(url: URL): string {
    return [...(this.#cookies.get(url.origin) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }
  store(url: URL, headers: Headers): void {
    const jar = this.#cookies.get(url.origin) ?? new Map<string, string>();
    for (const set of headers.getSetCookie()) {
      const pair = set.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(set)) jar.delete(name);
      else jar.set(name, value);
    }
    this.#cookies.set(url.origin, jar);
  }
  get(origin: string, name: string): string | undefined {
    return this.#cookies.get(origin)?.get(name);
  }
}

interface Hop {
  url: URL;
  status: number;
  location: string | undefined;
  text: string;
}

/**
 * A browser without JavaScript: follows redirects and, on the provider's development login and
 * consent pages, submits the form (logging in as `login`). Stops at the first URL outside the
 * provider and the Proximité server's sign-in paths (the page it returns to).
 */
async function browse(start: string, jar: Jar, login: string, stopAt: string): Promise<Hop[]> {
  const hops: Hop[] = [];
  let url = new URL(start);
  let method = 'GET';
  let body: string | undefined;
  for (let i = 0; i < 20; i++) {
    if (url.href.startsWith(stopAt)) return hops;
    const headers: Record<string, string> = { Cookie: jar.header(url) };
    if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    jar.store(url, res.headers);
    const text = await res.text();
    const location = res.headers.get('location') ?? undefined;
    hops.push({ url, status: res.status, location, text });
    if (res.status >= 300 && res.status < 400 && location !== undefined) {
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      continue;
    }
    const interaction = /\/interaction\/([^/?#]+)$/.exec(url.pathname);
    if (res.status === 200 && interaction !== null) {
      const prompt =
        /name="prompt" value="(\w+)"/.exec(text)?.[1] ?? (/name="login"/.test(text) ? 'login' : 'consent');
      method = 'POST';
      body = new URLSearchParams(
        prompt === 'login' ? { prompt, login, password: 'x' } : { prompt },
      ).toString();
      continue;
    }
    return hops;
  }
  throw new Error(`too many hops: ${hops.map((h) => `${h.status} ${h.url.href}`).join('\n')}`);
}

interface Account {
  email?: string;
  email_verified?: boolean;
}

for (const target of targets()) {
  describe(`single sign-on against a real OpenID provider (${target.name})`, () => {
    let s: TestServer;
    let op: Server;
    let issuer: string;
    const page = () => `${s.url}/staff/`;
    const accounts: Record<string, Account> = {
      'kc-camille': { email: 'Camille.Coord@amiens.test', email_verified: true },
      'kc-stranger': { email: 'stranger@amiens.test', email_verified: true },
      'kc-unverified': { email: 'observer@amiens.test', email_verified: false },
      'kc-disabled': { email: 'disabled@amiens.test', email_verified: true },
      'kc-other-camille': { email: 'camille.coord@amiens.test', email_verified: true },
    };

    before(async () => {
      op = createServer();
      await new Promise<void>((resolve) => op.listen(0, '127.0.0.1', resolve));
      issuer = `http://127.0.0.1:${(op.address() as AddressInfo).port}`;
      s = await startTestServer(target, {
        config: {
          requireSecondFactor: true,
          oidcProviders: [
            {
              id: 'keycloak',
              name: 'Keycloak de la ville',
              issuer,
              clientId: 'proximite',
              clientSecret: 'a test client secret of enough length',
              scopes: 'openid email',
              emailClaim: 'email',
              acrValues: undefined,
              userinfoSignedAlg: undefined,
            },
          ],
        },
      });
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: 'proximite',
            client_secret: 'a test client secret of enough length',
            redirect_uris: [`${s.url}/v1/staff/oidc/callback`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        findAccount: (_ctx, sub) => {
          const account = accounts[sub];
          return account === undefined ? undefined : { accountId: sub, claims: () => ({ sub, ...account }) };
        },
        claims: { openid: ['sub'], email: ['email', 'email_verified'] },
        features: { devInteractions: { enabled: true } },
        cookies: { keys: ['oidc test cookie key'] },
      });
      op.on('request', provider.callback());
      await seedStaff(s.db, new Date(), [
        {
          email: 'camille.coord@amiens.test',
          displayName: 'Camille',
          role: 'coordinator',
          password: PASSWORD,
        },
        { email: 'observer@amiens.test', displayName: 'Olivier', role: 'observer', password: PASSWORD },
        { email: 'disabled@amiens.test', displayName: 'Dora', role: 'agent', password: PASSWORD },
      ]);
      await s.db.query(`UPDATE staff SET disabled_at = now() WHERE email = 'disabled@amiens.test'`);
    });
    after(async () => {
      await s.close();
      op.closeAllConnections();
      await new Promise<void>((resolve) => op.close(() => resolve()));
    });

    async function signInAs(sub: string, returnTo?: string): Promise<{ jar: Jar; back: Hop; hops: Hop[] }> {
      const jar = new Jar();
      const start = `${s.url}/v1/staff/oidc/login?provider=keycloak${returnTo !== undefined ? `&returnTo=${encodeURIComponent(returnTo)}` : ''}`;
      const hops = await browse(start, jar, sub, returnTo ?? page());
      const back = hops.at(-1);
      assert.ok(back !== undefined);
      return { jar, back, hops };
    }
    const landing = (h: { back: Hop }) => new URL(h.back.location ?? '', h.back.url).href;

    test('the providers are listed for the sign-in page', async () => {
      const res = await call(s.url, '/v1/staff/oidc/providers');
      assert.deepEqual((res.json as OidcProviderList).items, [
        { id: 'keycloak', name: 'Keycloak de la ville' },
      ]);
    });

    test('an account with that e-mail signs in (code + PKCE + state + nonce); the session works', async () => {
      const result = await signInAs('kc-camille');
      const toProvider = result.hops[0];
      assert.equal(toProvider?.status, 302);
      const authorize = new URL(toProvider?.location ?? '');
      assert.equal(authorize.origin, issuer);
      assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
      assert.ok((authorize.searchParams.get('state') ?? '').length >= 32);
      assert.ok((authorize.searchParams.get('nonce') ?? '').length >= 32);
      assert.equal(landing(result), page());
      const session = result.jar.get(s.url, 'proximite_session');
      assert.ok(session !== undefined, 'signed in');
      const me = await call(s.url, '/v1/staff/session', {
        headers: { Cookie: `proximite_session=${session}` },
      });
      assert.equal(me.status, 200, me.text);
      const body = me.json as StaffSession;
      assert.equal(body.staff.email, 'camille.coord@amiens.test');
      assert.equal(body.method, 'oidc');
      assert.equal(body.secondFactor, 'not-required', 'the provider is in charge of the second factor');
      const bound = await s.db.query<{ oidc_subject: string; oidc_issuer: string }>(
        `SELECT oidc_subject, oidc_issuer FROM staff WHERE email = 'camille.coord@amiens.test'`,
      );
      assert.deepEqual(bound[0], { oidc_subject: 'kc-camille', oidc_issuer: issuer });
      const audit = await s.db.query<{ detail: { method: string } }>(
        `SELECT detail FROM audit_log WHERE action = 'staff.sign-in' ORDER BY seq DESC LIMIT 1`,
      );
      assert.equal(audit[0]?.detail.method, 'oidc');
    });

    test('someone unknown to Proximité is refused (no self-registration)', async () => {
      const result = await signInAs('kc-stranger');
      assert.equal(landing(result), `${page()}#proximite-sso-error=unknown-account`);
      assert.equal(result.jar.get(s.url, 'proximite_session'), undefined);
      const n = await s.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM staff WHERE email = 'stranger@amiens.test'`,
      );
      assert.equal(n[0]?.n, 0);
    });

    test('an e-mail the provider marks unverified does not match; another subject cannot take a bound account', async () => {
      assert.equal(landing(await signInAs('kc-unverified')), `${page()}#proximite-sso-error=unknown-account`);
      assert.equal(
        landing(await signInAs('kc-other-camille')),
        `${page()}#proximite-sso-error=unknown-account`,
      );
    });

    test('a disabled account can neither sign in nor keep its session', async () => {
      assert.equal(landing(await signInAs('kc-disabled')), `${page()}#proximite-sso-error=disabled`);
      const result = await signInAs('kc-camille');
      const cookie = `proximite_session=${result.jar.get(s.url, 'proximite_session') ?? ''}`;
      assert.equal((await call(s.url, '/v1/staff/session', { headers: { Cookie: cookie } })).status, 200);
      await s.db.query(`UPDATE staff SET disabled_at = now() WHERE email = 'camille.coord@amiens.test'`);
      assert.equal((await call(s.url, '/v1/staff/session', { headers: { Cookie: cookie } })).status, 401);
      assert.equal(landing(await signInAs('kc-camille')), `${page()}#proximite-sso-error=disabled`);
      await s.db.query(`UPDATE staff SET disabled_at = NULL WHERE email = 'camille.coord@amiens.test'`);
    });

    test('returnTo: an allowed page only (no open redirect); a callback this browser did not start is refused', async () => {
      const evil = await call(
        s.url,
        `/v1/staff/oidc/login?provider=keycloak&returnTo=${encodeURIComponent('https://evil.example/')}`,
        { redirect: 'manual' },
      );
      assert.equal(evil.status, 400);
      assert.equal(
        (await call(s.url, '/v1/staff/oidc/login?provider=nope', { redirect: 'manual' })).status,
        404,
      );
      const ok = await signInAs('kc-camille', `${s.url}/console.html?x=1`);
      assert.equal(landing(ok), `${s.url}/console.html?x=1`);
      // A forged callback (no login started in this browser) goes nowhere.
      const forged = await fetch(`${s.url}/v1/staff/oidc/callback?code=abc&state=def`, {
        redirect: 'manual',
      });
      assert.equal(forged.status, 303);
      assert.equal(forged.headers.get('location'), `${page()}#proximite-sso-error=expired`);
      assert.ok(
        !forged.headers
          .getSetCookie()
          .some((c) => c.startsWith('proximite_session=') && !c.includes('Max-Age=0')),
      );
    });
  });
}
