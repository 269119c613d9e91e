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

export function session(
  overrides: Partial<StaffSession> = {},
  staff: Partial<StaffSession['staff']> = {},
): StaffSession {
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
    concerns: {
      exportUrl: (q: Record<string, string>) => `/v1/admin/concerns.csv?${new URLSearchParams(q)}`,
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

import type { StaffContext } from '../shared/context.js';
import type { Route } from '../console/router.js';
import type { Lookups } from '../shared/lookups.js';

export const LOOKUPS: Lookups = {
  categories: [
    { code: 'bruit', label: { fr: 'Bruit', en: 'Noise' } },
    { code: 'depots-sauvages', label: { fr: 'Dépôts sauvages', en: 'Illegal dumping' } },
  ],
  districts: [
    { id: 'etouvie', name: 'Étouvie' },
    { id: 'saint-leu', name: 'Saint-Leu' },
  ],
  services: [{ id: 'tranquillite-publique', name: { fr: 'Tranquillité publique', en: 'Public peace' } }],
};

/** A section's context as the console gives it, recording navigation and announcements. */
export function fakeContext(
  client: AdminClient,
  options: { permissions?: string[]; now?: Date; onNavigate?: (route: Route) => void } = {},
): StaffContext & { announced: string[]; routes: Route[]; reauthentications: number } {
  const permissions = options.permissions ?? ['concerns:read', 'concerns:triage', 'oversight:read'];
  const ctx = {
    client,
    identity: { id: 'stf-1', displayName: 'Dominique Coordination', role: 'coordinator' },
    can: (p: string) => permissions.includes(p),
    navigate: (route: Route) => {
      ctx.routes.push(route);
      options.onNavigate?.(route);
    },
    announce: (m: string) => void ctx.announced.push(m),
    reauthenticate: async () => void (ctx.reauthentications += 1),
    lastRoute: (section: string): Route => ({
      section,
      params: section === 'inbox' ? { district: 'etouvie' } : ({} as Record<string, string>),
    }),
    lookups: async () => LOOKUPS,
    apiBase: 'http://127.0.0.1:9',
    now: () => options.now ?? new Date('2026-12-02T12:00:00Z'),
    announced: [] as string[],
    routes: [] as Route[],
    reauthentications: 0,
  };
  return ctx;
}

/** An inbox item as the server sends it. */
export function inboxItem(reference: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reference,
    categoryCode: 'bruit',
    category: { fr: 'Bruit', en: 'Noise' },
    districtId: 'etouvie',
    district: 'Étouvie',
    service: { id: 'tranquillite-publique', name: { fr: 'Tranquillité publique', en: 'Public peace' } },
    status: 'received',
    receivedAt: '2026-11-29T09:00:00Z',
    updatedAt: '2026-11-29T09:00:00Z',
    ageDays: 3,
    dueAt: '2026-12-04T17:00:00Z',
    overdue: false,
    assignee: null,
    quarantined: false,
    duplicateOf: null,
    excerpt: 'Musique forte la nuit',
    ...extra,
  };
}
