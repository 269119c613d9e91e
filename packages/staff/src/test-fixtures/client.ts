/** What the staff console's browser tests share: a fake admin client and small DOM helpers. */
import type { StaffSession } from '@proximite/contract';
import type { AdminClient } from '@proximite/sdk/admin.js';

export const text = (node: Element | ShadowRoot | null | undefined): string =>
  node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** An SDK-like API error (the console reads errors by their fields). */
export function apiError(status: number, type = 'about:blank', retryAfter?: number): Error {
  return Object.assign(new Error(`failed with ${status}`), {
    name: status === 401 ? 'UnauthorizedError' : 'ApiError',
    status,
    problem: { type, status, title: 'x' },
    retryAfter,
  });
}

export function session(overrides: Partial<StaffSession> = {}, staff: Partial<StaffSession['staff']> = {}): StaffSession {
  return {
    staff: {
      id: 'stf-1',
      email: 'coordination@demo.proximite.test',
      displayName: 'Dominique Coordination',
      role: 'coordinator',
      services: [],
      status: 'active',
      totpEnabled: true,
      createdAt: '2026-11-01T08:00:00Z',
      lastSignInAt: null,
      ...staff,
    },
    csrfToken: 'csrf',
    scopes: ['concerns:triage', 'concerns:share', 'oversight:read'],
    expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString(),
    idleTimeoutSeconds: 1800,
    secondFactor: 'passed',
    method: 'password',
    ...overrides,
  };
}

/** A fake admin client: each method records its calls; `session.*` answers as set. */
export function fakeClient(parts: Record<string, Record<string, unknown>> = {}): AdminClient & {
  calls: string[];
} {
  const calls: string[] = [];
  const base: Record<string, Record<string, unknown>> = {
    session: {
      get: async () => session(),
      signIn: async () => session(),
      signOut: async () => undefined,
      startTotp: async () => ({
        secret: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
        otpauthUri: 'otpauth://totp/x',
        qrCodeDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
        issuer: 'Proximité',
        label: 'x',
      }),
      confirmTotp: async () => session(),
    },
    sso: {
      providers: async () => [],
      loginUrl: (id: string, back?: string) => `/v1/staff/oidc/login?provider=${id}&returnTo=${back ?? ''}`,
    },
  };
  const client: Record<string, Record<string, unknown>> = {};
  for (const group of new Set([...Object.keys(base), ...Object.keys(parts)])) {
    const methods = { ...base[group], ...parts[group] };
    client[group] = Object.fromEntries(
      Object.entries(methods).map(([name, fn]) => [
        name,
        (...args: unknown[]) => {
          calls.push(`${group}.${name}`);
          return (fn as (...a: unknown[]) => unknown)(...args);
        },
      ]),
    );
  }
  return Object.assign(client as unknown as AdminClient, { calls });
}
