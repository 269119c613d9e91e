/**
 * Test harness: the app over real HTTP (port 0) on PGlite (in memory) and, when
 * PROXIMITE_TEST_DATABASE_URL is set, on PostgreSQL in a schema of its own (dropped after).
 * Every response is checked against the contract schema of its operation.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROBLEM_CONTENT_TYPE, Problem, operations, schemas } from '@proximite/contract';
import type { Operation, ResponseSpec, SchemaName } from '@proximite/contract';
import type * as z from 'zod/mini';
import pg from 'pg';
import { testConfig } from '../src/config.js';
import type { Config } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import type { AppDeps } from '../src/http/context.js';
import { loadMigrations, migrate } from '../src/db/migrate.js';
import { openPGlite } from '../src/db/pglite.js';
import { createApp } from '../src/http/app.js';
import { seedDemo } from '../src/seed.js';
import { buildDeps, listen, openStore } from '../src/server.js';
import type { Clock } from '../src/util.js';

export interface Target {
  name: 'pglite' | 'postgres';
  databaseUrl?: string;
}

/** PGlite always; PostgreSQL too when PROXIMITE_TEST_DATABASE_URL is set. */
export function targets(): Target[] {
  const url = process.env.PROXIMITE_TEST_DATABASE_URL;
  return url !== undefined && url !== ''
    ? [{ name: 'pglite' }, { name: 'postgres', databaseUrl: url }]
    : [{ name: 'pglite' }];
}

export interface TestServer {
  url: string;
  db: Database;
  config: Config;
  close(): Promise<void>;
}

const TEMPLATE = join(
  tmpdir(),
  `proximite-pglite-template-${createHash('sha256')
    .update(
      loadMigrations()
        .map((m) => m.name + m.sql)
        .join(''),
    )
    .digest('hex')
    .slice(0, 16)}.tar`,
);

/**
 * A migrated PGlite data directory, dumped once and shared by every test process (through a file
 * in the temp folder): a fresh in-memory PGlite from it starts in about a second instead of running
 * initdb (5–15 s).
 */
export async function pgliteTemplate(): Promise<Blob> {
  if (existsSync(TEMPLATE)) return new Blob([readFileSync(TEMPLATE)]);
  const db = await openPGlite(undefined, undefined);
  await migrate(db);
  const dump = await db.dump();
  await db.close();
  const tmp = `${TEMPLATE}.${process.pid}`;
  writeFileSync(tmp, new Uint8Array(await dump.arrayBuffer()));
  renameSync(tmp, TEMPLATE);
  return dump;
}

/** Prepares an on-disk PGlite data directory from the template (so a CLI run skips initdb). */
export async function prepareDataDir(dir: string): Promise<void> {
  const db = await openPGlite(dir, undefined, await pgliteTemplate());
  await db.close();
}

/** A fresh database for `target`: in-memory PGlite, or a new PostgreSQL schema dropped on close. */
export async function openTestDb(
  target: Target,
  config: Config,
): Promise<{ db: Database; drop(): Promise<void> }> {
  if (target.name === 'pglite') {
    const db = await openStore(
      { ...config, databaseUrl: undefined, dataDir: 'memory://' },
      { loadDataDir: await pgliteTemplate() },
    );
    return { db, drop: () => db.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = await openStore({ ...config, databaseUrl: target.databaseUrl }, { schema });
  return {
    db,
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: target.databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

export async function startTestServer(
  target: Target,
  options: {
    config?: Partial<Config>;
    clock?: Clock;
    seed?: boolean;
    /** Extra dependencies (e.g. a staff link sender). */
    deps?: Partial<Pick<AppDeps, 'sendStaffLink'>>;
  } = {},
): Promise<TestServer> {
  const config = testConfig({ rateLimitPerMinute: 0, minFillSeconds: 0, ...options.config });
  const { db, drop } = await openTestDb(target, config);
  const clock = options.clock ?? (() => new Date());
  if (options.seed === true) await seedDemo(db, clock());
  const app = createApp({ ...buildDeps({ db, config, clock }), ...options.deps });
  const running = await listen(app, '127.0.0.1', 0);
  return {
    url: running.url,
    db,
    config,
    async close() {
      await running.close();
      await drop();
    },
  };
}

// ---------------------------------------------------------------------------
// Contract conformance

const PATTERNS = (operations as readonly Operation[]).map((op) => ({
  op,
  literal: op.path.replace(/\{[^}]+\}/g, '').length,
  regex: new RegExp(
    `^${op.path
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  ),
}));

/** The operation a request hits (the most specific template wins: `/v1/cafes/{id}.ics` over `/v1/cafes/{id}`). */
export function operationFor(method: string, path: string): Operation | undefined {
  const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  return PATTERNS.filter((p) => p.op.method === m && p.regex.test(path)).sort(
    (a, b) => b.literal - a.literal,
  )[0]?.op;
}

export interface Checked {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  operation: Operation | undefined;
}

function schemaOf(name: SchemaName): z.ZodMiniType {
  return schemas[name] as unknown as z.ZodMiniType;
}

/** The media types a documented response may carry (none for a response without a body). */
export function documentedTypes(spec: ResponseSpec): readonly string[] {
  if (spec.contentTypes !== undefined) return spec.contentTypes;
  if (spec.schema === undefined) return [];
  return [spec.schema === 'Problem' ? PROBLEM_CONTENT_TYPE : 'application/json'];
}

/**
 * Validates a response against its operation: its status must be one the operation documents, with
 * a documented media type and that status's schema; any error must be a problem (or an Open311
 * error array under /open311).
 */
export function checkResponse(
  method: string,
  url: string,
  status: number,
  headers: Headers,
  text: string,
): Checked {
  const path = new URL(url).pathname;
  const operation = operationFor(method, path);
  const type = headers.get('content-type') ?? '';
  let json: unknown;
  if (/json/.test(type) && text !== '') json = JSON.parse(text);
  const open311 = path.startsWith('/open311/');
  const where = `${method} ${path} → ${status}`;
  if (status >= 400) {
    if (open311) {
      if (/xml/.test(type)) {
        assert.ok(type.startsWith('text/xml'), `${where}: GeoReport v2 serves XML as text/xml, got ${type}`);
        assert.match(
          text,
          /<errors>[\s\S]*<error>[\s\S]*<code>[\s\S]*<description>/,
          `${where}: Open311 XML errors`,
        );
      } else {
        const r = schemaOf('Open311ErrorList').safeParse(json);
        assert.ok(
          r.success && Array.isArray(json) && json.length > 0,
          `${where}: Open311 error array: ${text}`,
        );
      }
    } else {
      assert.ok(type.startsWith(PROBLEM_CONTENT_TYPE), `${where}: problem+json, got ${type}`);
      const r = Problem.safeParse(json);
      assert.ok(r.success, `${where}: problem body ${text}`);
      assert.equal((json as Problem).status, status, `${where}: problem status`);
      assert.equal((json as Problem).requestId, headers.get('x-request-id'), `${where}: requestId echoed`);
    }
  }
  if (operation !== undefined) {
    const documented = operation.responses[status];
    assert.ok(
      documented !== undefined,
      `${where}: ${status} is not a documented response of ${operation.id} (${Object.keys(operation.responses).join(', ')}): ${text.slice(0, 300)}`,
    );
    const types = documentedTypes(documented);
    if (method !== 'HEAD' && text !== '')
      assert.ok(
        types.some((t) => type.startsWith(t)),
        `${where}: ${type || 'no Content-Type'} is not a documented type of ${operation.id} ${status} (${types.join(', ') || 'no body'})`,
      );
  }
  if (operation !== undefined && status !== 304) {
    const spec = operation.responses[status];
    if (spec?.schema !== undefined && method !== 'HEAD') {
      if (open311 && /xml/.test(type)) {
        assert.ok(text.startsWith('<?xml'), `${where}: XML`);
      } else {
        const r = schemaOf(spec.schema).safeParse(json);
        assert.ok(
          r.success,
          `${where}: ${spec.schema} ${JSON.stringify(r.error?.issues.slice(0, 5))}\n${text.slice(0, 500)}`,
        );
      }
    }
    if (spec?.contentTypes !== undefined && status < 300) {
      assert.ok(
        spec.contentTypes.some((t) => type.startsWith(t)),
        `${where}: content type ${type}`,
      );
    }
  }
  return { status, headers, text, json, operation };
}

/** fetch + checkResponse. */
export async function call(base: string, path: string, init: RequestInit = {}): Promise<Checked> {
  const url = `${base}${path}`;
  const res = await fetch(url, init);
  const text = await res.text();
  return checkResponse(init.method ?? 'GET', url, res.status, res.headers, text);
}

export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A settable clock for time-travel tests. */
export function fakeClock(start: Date): Clock & { set(d: Date): void; advance(ms: number): void } {
  let now = start.getTime();
  const clock = (() => new Date(now)) as Clock & { set(d: Date): void; advance(ms: number): void };
  clock.set = (d) => {
    now = d.getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}
