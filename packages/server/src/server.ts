/** Opening the store, building the app, and serving it over HTTP with @hono/node-server. */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { defaultCategories } from '@proximite/content/categories.js';
import { rightsContent } from '@proximite/content/rights/index.js';
import { demoStats } from '@proximite/content/stats/index.js';
import type { RightsContent, StatsDataset } from '@proximite/contract';
import type { Config } from './config.js';
import { openDatabase } from './db/database.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { deliveryOptions, queuedStaffLinkSender } from './delivery/setup.js';
import { startDeliveryWorker } from './delivery/worker.js';
import type { DeliveryOptions, DeliveryWorker } from './delivery/worker.js';
import { createServer } from 'node:http';
import { createApp, nodeCachedAnswer } from './http/app.js';
import type { AppDeps } from './http/context.js';
import { refreshDueDates } from './store/due.js';
import { getSetting, listCategories, replaceCategories, setSettingIfAbsent } from './store/content.js';
import { installCategoryServices } from './store/services.js';
import { randomSecret, systemClock } from './util.js';
import type { Clock } from './util.js';
import { seedDemoWithStaff } from './seed-demo-staff.js';
import type { Outbox } from './delivery/outbox.js';

export const SERVER_VERSION: string = (
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** Opens the database of `config` (or a schema in it), applies migrations and the default content. */
export async function openStore(
  config: Config,
  options: { schema?: string | undefined; loadDataDir?: Blob | undefined } = {},
): Promise<Database> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    schema: options.schema,
    loadDataDir: options.loadDataDir,
  });
  try {
    await migrate(db);
    await ensureDefaults(db);
    // Due dates of concerns stored before they were (or whose service had no target then).
    await db.transaction((tx) => refreshDueDates(tx, { missing: true }));
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

/**
 * Default categories (when none), the services they name, and the IP-hash salt: shared by every
 * instance through the database.
 */
export async function ensureDefaults(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [0x64656661]);
    if ((await listCategories(tx)).length === 0) await replaceCategories(tx, defaultCategories);
    await installCategoryServices(tx, new Date());
    await setSettingIfAbsent(tx, 'ip_salt', randomSecret(32));
  });
}

export interface AppOptions {
  db: Database;
  config: Config;
  clock?: Clock;
  rights?: RightsContent;
  stats?: StatsDataset;
  /** Delivery settings beyond the configuration (tests: a mailer, short back-offs, a resolver). */
  delivery?: Partial<DeliveryOptions>;
}

/** The worker the outbox of `deps` wakes (set by {@link startWorker}). */
const workers = new WeakMap<AppDeps, DeliveryWorker>();

export function buildDeps(options: AppOptions): AppDeps {
  let salt: Promise<string> | undefined;
  const { db, config } = options;
  const clock = options.clock ?? systemClock;
  const delivery = deliveryOptions(config, SERVER_VERSION, options.delivery);
  const apiUrl = config.publicUrl ?? 'http://127.0.0.1:8787';
  const outbox: Outbox = {
    mailConfigured: delivery.mailer !== undefined,
    policy: delivery.policy,
    wake: () => workers.get(deps)?.wake(),
    residents: {
      apiUrl,
      statusPageUrl: config.statusPageUrl ?? `${apiUrl}/`,
      // The same secret as deps.ipSalt, read in the caller's transaction.
      salt: async (q) => config.ipSalt ?? (await getSetting<string>(q, 'ip_salt')) ?? 'proximite',
      verdictDelayDays: config.verdictDelayDays,
    },
  };
  const deps: AppDeps = {
    db,
    config,
    clock,
    outbox,
    delivery,
    sendStaffLink: queuedStaffLinkSender(db, clock, outbox),
    rights: options.rights ?? rightsContent,
    stats: options.stats ?? demoStats,
    version: SERVER_VERSION,
    ipSalt: () =>
      (salt ??=
        config.ipSalt !== undefined
          ? Promise.resolve(config.ipSalt)
          : getSetting<string>(db, 'ip_salt').then((s) => s ?? 'proximite')),
  };
  return deps;
}

/** Starts the delivery worker of `deps` (its outbox then wakes it at once after each enqueue). */
export function startWorker(deps: AppDeps, options: { autostart?: boolean } = {}): DeliveryWorker {
  const worker = startDeliveryWorker(deps, options);
  workers.set(deps, worker);
  return worker;
}

export interface RunningServer {
  url: string;
  port: number;
  server: ServerType;
  close(): Promise<void>;
}

/** Serves the app on `host:port` (0 = a free port). */
export async function listen(
  app: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> },
  host: string,
  port: number,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    // A GET the app's response cache holds is answered on node:http's objects, before the adapter.
    const cached = nodeCachedAnswer(app);
    const server = serve(
      {
        fetch: app.fetch,
        hostname: host,
        port,
        ...(cached && {
          createServer: ((options, listener) =>
            createServer(options, (incoming, outgoing) => {
              if (!cached(incoming, outgoing)) listener?.(incoming, outgoing);
            })) as typeof createServer,
        }),
      },
      (info: AddressInfo) => {
        const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
        resolve({
          url,
          port: info.port,
          server,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}

export interface StartOptions extends Partial<Omit<AppOptions, 'db' | 'config'>> {
  config: Config;
  host?: string;
  port?: number;
  seed?: boolean;
  schema?: string;
}

/**
 * Opens the store, seeds when asked (only an empty database), serves, and runs the delivery worker
 * (unless `PROXIMITE_DELIVERY_WORKER=0`).
 */
export async function startServer(
  options: StartOptions,
): Promise<RunningServer & { db: Database; worker: DeliveryWorker | undefined }> {
  const db = await openStore(options.config, { schema: options.schema });
  const clock = options.clock ?? systemClock;
  // The demo's staff accounts come only with the rest of the demo data (an empty database).
  if (options.seed === true) await seedDemoWithStaff(db, clock());
  const deps = buildDeps({ ...options, db, clock });
  const app = createApp(deps);
  const running = await listen(app, options.host ?? '127.0.0.1', options.port ?? 8787);
  const worker = options.config.deliveryWorker ? startWorker(deps) : undefined;
  return {
    ...running,
    db,
    worker,
    close: async () => {
      await running.close();
      await worker?.stop();
      await db.close();
    },
  };
}
