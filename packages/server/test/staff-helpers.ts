/** Test helpers for staff sign-in: a browser-like session (cookie + CSRF token) over real HTTP. */
import assert from 'node:assert/strict';
import type { StaffSession } from '@proximite/contract';
import { call, jsonInit } from './helpers.js';
import type { Checked } from './helpers.js';

/** The demo accounts the staff tests use (passwords are test values, never real ones). */
export const PASSWORD = 'correct horse battery staple';

/** The `name=value` pair of a `Set-Cookie` header named `name` (or ending with it). */
export function cookieFrom(headers: Headers, name = 'proximite_session'): string | undefined {
  const set = headers.getSetCookie().find((h) => h.split('=')[0]?.endsWith(name));
  return set?.split(';')[0];
}

export interface Browser {
  base: string;
  cookie: string | undefined;
  csrf: string | undefined;
  /** A request as the console's page would send it: cookie, Origin, CSRF token on writes. */
  request(path: string, init?: RequestInit & { csrf?: boolean; origin?: string | null }): Promise<Checked>;
  signIn(email: string, password: string, otp?: string): Promise<Checked>;
}

export function browser(base: string): Browser {
  const b: Browser = {
    base,
    cookie: undefined,
    csrf: undefined,
    async request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (b.cookie !== undefined) headers.set('Cookie', b.cookie);
      const method = (init.method ?? 'GET').toUpperCase();
      const write = method !== 'GET' && method !== 'HEAD';
      if (init.origin !== null && (write || init.origin !== undefined))
        headers.set('Origin', init.origin ?? base);
      if (write && init.csrf !== false && b.csrf !== undefined) headers.set('X-CSRF-Token', b.csrf);
      const res = await call(base, path, { ...init, headers });
      const set = cookieFrom(res.headers);
      if (set !== undefined) b.cookie = set.endsWith('=') ? undefined : set;
      const body = res.json as Partial<StaffSession> | undefined;
      if (res.status === 200 && typeof body?.csrfToken === 'string') b.csrf = body.csrfToken;
      return res;
    },
    async signIn(email, password, otp) {
      return b.request('/v1/staff/session', {
        ...jsonInit('POST', { email, password, ...(otp !== undefined ? { otp } : {}) }),
        csrf: false,
      });
    },
  };
  return b;
}

/** Signs in and checks it worked. */
export async function signedIn(
  base: string,
  email: string,
  password = PASSWORD,
  otp?: string,
): Promise<Browser> {
  const b = browser(base);
  const res = await b.signIn(email, password, otp);
  assert.equal(res.status, 200, `sign-in of ${email}: ${res.text}`);
  assert.ok(b.cookie !== undefined && b.csrf !== undefined);
  return b;
}
