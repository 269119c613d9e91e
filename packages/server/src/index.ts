/** @proximite/server — the reference backend of the Proximité contract. */
export { createApp, MAX_BODY_BYTES } from './http/app.js';
export { statsFor, mergeRights } from './http/public.js';
export type { AppDeps } from './http/context.js';
export { configFromEnv, testConfig } from './config.js';
export type { Config } from './config.js';
export { openDatabase } from './db/database.js';
export type { Database, Queryable, OpenDatabaseOptions } from './db/database.js';
export { migrate, loadMigrations } from './db/migrate.js';
export { buildCalendar, escapeText, foldLine } from './ical.js';
export { seedDemo } from './seed.js';
export { seedStaff } from './seed-staff.js';
export type { StaffSeed } from './seed-staff.js';
export { buildDeps, ensureDefaults, listen, openStore, startServer, SERVER_VERSION } from './server.js';
export type { RunningServer, StartOptions, AppOptions } from './server.js';
export { runCli } from './cli.js';
