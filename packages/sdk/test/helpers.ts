/** Test helpers of the SDK: a scriptable fixture HTTP server and the real reference server. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error a JavaScript module of the repository's scripts (no declarations)
import { serverCli, startTestServer } from '../../../scripts/test-server.mjs';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: Recorded, res: ServerResponse) => unknown;

/** A node:http server on 127.0.0.1 whose answers the test scripts; records every request. */
export interface Fixture {
  url: string;
  requests: Recorded[];
  /** Sets the handler of the next requests. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startFixture(handler: Handler = (_req, res) => res.end()): Promise<Fixture> {
  let current = handler;
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      void Promise.resolve(current(recorded, res)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON with a status and headers. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
    ...headers,
  });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

/** A problem body. */
export function problem(status: number, title: string, extra: Record<string, unknown> = {}): unknown {
  return { type: `https://proximite.dev/problems/test-${status}`, title, status, ...extra };
}

/** A valid café (contract shape). */
export function cafe(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    title: { fr: `Café ${id}` },
    start: '2026-05-12T17:30:00+02:00',
    end: '2026-05-12T19:00:00+02:00',
    timeZone: 'Europe/Paris',
    allDay: false,
    place: { name: 'Le Saint-Leu', address: '12 rue, Amiens' },
    districtId: null,
    mode: 'in-person',
    organizer: { name: 'Police municipale' },
    languages: ['fr'],
    status: 'scheduled',
    sequence: 0,
    updatedAt: '2026-05-01T10:00:00Z',
    ...extra,
  };
}

/** Runs the server CLI once (not `serve`) against a data folder; resolves to its stdout lines. */
async function cli(args: string[], dataDir: string, stdin?: string): Promise<string[]> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', serverCli as string, ...args],
    {
      env: { ...process.env, PROXIMITE_DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    },
  );
  if (stdin !== undefined) child.stdin?.end(stdin);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`proximite ${args.join(' ')} exited with ${code}: ${err}`);
  return out.trim().split('\n');
}

export interface RealServer {
  url: string;
  /** An admin token with every scope. */
  adminToken: string;
  /** An Open311 api_key. */
  open311Key: string;
  /** A coordinator's staff account (the server runs without the second-factor requirement). */
  staff: { email: string; password: string };
  stop(): Promise<void>;
}

/** The staff account `startRealServer` makes. */
const STAFF = { email: 'sdk-coordination@amiens.test', password: 'sdk test password, long enough' };

/**
 * The reference server (packages/server) on a fresh PGlite database, seeded with the Amiens demo,
 * with an admin token and an Open311 key made by its CLI first, and no per-IP POST limit.
 */
export async function startRealServer(env: Record<string, string> = {}): Promise<RealServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'proximite-sdk-test-'));
  const adminToken = (
    await cli(
      [
        'token',
        'create',
        '--name',
        'sdk-tests',
        '--scope',
        'cafes:write,concerns:triage,content:write,stats:write,tokens:write,staff:write,services:write',
      ],
      dataDir,
    )
  ).at(-1)!;
  const open311Key = (await cli(['open311-key', 'create', '--name', 'sdk-tests'], dataDir)).at(-1)!;
  await cli(
    [
      'staff',
      'create',
      '--email',
      STAFF.email,
      '--name',
      'Coordination SDK',
      '--role',
      'coordinator',
      '--password-stdin',
    ],
    dataDir,
    `${STAFF.password}\n`,
  );
  const server = (await startTestServer({
    args: ['--seed'],
    env: {
      PROXIMITE_DATA_DIR: dataDir,
      PROXIMITE_RATE_LIMIT: '1000000',
      PROXIMITE_MIN_FILL_SECONDS: '0',
      PROXIMITE_REQUIRE_2FA: '0',
      ...env,
    },
  })) as { url: string; stop: () => Promise<void> };
  return {
    url: server.url,
    adminToken,
    open311Key,
    staff: STAFF,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A `fetch` that behaves like a browser page at `origin` for the staff session: it keeps the
 * cookies the server sets and sends them back, and sends `Origin` on writes (Node's fetch has no
 * cookie jar and sends no Origin).
 */
export function browserFetch(origin: string): typeof globalThis.fetch & { cookies: Map<string, string> } {
  const cookies = new Map<string, string>();
  const f = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') headers.set('origin', origin);
    const response = await fetch(input, { ...init, headers });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair === undefined || eq < 0) continue;
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(set)) cookies.delete(pair.slice(0, eq));
      else cookies.set(pair.slice(0, eq), value);
    }
    return response;
  }) as typeof globalThis.fetch & { cookies: Map<string, string> };
  f.cookies = cookies;
  return f;
}
