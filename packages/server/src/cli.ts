#!/usr/bin/env node
/**
 * `proximite` — the reference server's command line.
 *
 *   proximite serve [--host 127.0.0.1] [--port 8787] [--seed]
 *   proximite seed
 *   proximite token create --name NAME --scope SCOPE [--scope SCOPE…] [--expires-days N]
 *   proximite token list
 *   proximite token revoke ID
 *   proximite staff create --email EMAIL --name NAME --role ROLE [--service ID…] [--password-stdin]
 *   proximite staff list | disable ID|EMAIL | enable ID|EMAIL | reset-2fa ID|EMAIL | reset-password ID|EMAIL
 *   proximite open311-key create --name NAME | list | revoke ID
 *   proximite purge [--contact-days N] [--contact-max-days N] [--closed-days N]
 *   proximite audit verify
 *   proximite import-ics <file|url> [--district ID] [--from DATE] [--to DATE] [--organizer NAME] [--time-zone TZ]
 *   proximite import-ssmsi <file.csv[.gz]|data.gouv> --area CODE [--name NAME] [--edition YYYY-MM-DD] [--from YEAR]
 *     [--to YEAR] [--indicators ID,ID] [--provisional YEAR,YEAR] [--resource RID]
 *     (data.gouv: the area's rows from data.gouv.fr's tabular API, no download)
 *   proximite conformance <baseUrl> [--json] [--admin-token TOKEN] [--read-only]
 *   proximite doctor --origin https://www.your-city.example <baseUrl> [--json]
 *
 * Environment: DATABASE_URL (PostgreSQL) or PROXIMITE_DATA_DIR (PGlite, default ./.proximite/data),
 * PROXIMITE_ALLOWED_ORIGINS, and the other PROXIMITE_* variables of the README.
 */
import { ADMIN_TOKEN_SCOPES, NewPasswordInput, STAFF_ROLES, StaffEmailInput } from '@proximite/contract';
import type { AdminTokenScope, StaffRole } from '@proximite/contract';
import { configFromEnv } from './config.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { formatReport, runConformance } from './conformance/index.js';
import { checkOrigin, formatDoctorReport } from '@proximite/sdk/doctor.js';
import { defaultWindow, importIcs, parseWindowBound, readFeed } from './import/ics.js';
import { readSsmsiFile, storeStatsDataset } from './import/ssmsi.js';
import { fetchSsmsiArea } from './import/ssmsi-datagouv.js';
import { CLI_ACTOR } from './services/actor.js';
import { purgeRetention } from './services/concerns.js';
import { createAccount, issuePasswordReset, resetSecondFactor, updateAccount } from './services/staff.js';
import { createOpen311Key, createToken, revokeOpen311Key, revokeToken } from './services/tokens.js';
import { verifyAudit } from './store/audit.js';
import { getStaff, getStaffByEmail, listStaff } from './store/staff.js';
import { listAdminTokens, listOpen311Keys } from './store/tokens.js';
import { DEMO_STAFF, seedDemoWithStaff } from './seed-demo-staff.js';
import { openStore, startServer } from './server.js';
import { systemClock } from './util.js';
import type { Clock } from './util.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = `Usage:
  proximite serve [--host 127.0.0.1] [--port 8787] [--seed]
  proximite seed
  proximite token create --name NAME --scope SCOPE [--scope SCOPE...] [--expires-days N]
  proximite token list
  proximite token revoke ID
  proximite staff create --email EMAIL --name NAME --role ROLE [--service ID...] [--password-stdin]
  proximite staff list | staff disable ID|EMAIL | staff enable ID|EMAIL
  proximite staff reset-2fa ID|EMAIL | staff reset-password ID|EMAIL
  proximite open311-key create --name NAME | open311-key list | open311-key revoke ID
  proximite purge [--contact-days N] [--contact-max-days N] [--closed-days N]
  proximite audit verify
  proximite import-ics <file|url> [--district ID] [--from DATE] [--to DATE] [--organizer NAME] [--time-zone TZ]
  proximite import-ssmsi <file.csv[.gz]|data.gouv> --area CODE [--name NAME] [--edition YYYY-MM-DD] [--from YEAR]
      [--to YEAR] [--indicators ID,ID] [--provisional YEAR,YEAR] [--resource RID]
      data.gouv: read only the area's rows from data.gouv.fr's tabular API (the newest file)
  proximite conformance <baseUrl> [--json] [--admin-token TOKEN] [--read-only]
  proximite doctor --origin https://www.your-city.example <baseUrl> [--json]
      what works from that site: reads, reports (the origin check), the widgets' script
Scopes: ${ADMIN_TOKEN_SCOPES.join(', ')}
Roles: ${STAFF_ROLES.join(', ')}`;

class UsageError extends Error {}

interface Parsed {
  positional: string[];
  flags: Map<string, string[]>;
}

const BOOLEAN_FLAGS = new Set(['seed', 'help', 'json', 'read-only', 'password-stdin']);

export function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (BOOLEAN_FLAGS.has(name)) value = 'true';
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`--${name} needs a value`);
      value = next;
      i++;
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positional, flags };
}

function one(p: Parsed, name: string): string | undefined {
  return p.flags.get(name)?.at(-1);
}

function num(p: Parsed, name: string, fallback: number): number {
  const v = one(p, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} expects a non-negative integer`);
  return n;
}

async function withStore<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openStore(config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Runs one command; resolves to the exit code (serve resolves when the server has stopped). */
export async function runCli(
  argv: readonly string[],
  options: {
    env?: NodeJS.ProcessEnv;
    io?: CliIo;
    clock?: Clock;
    signals?: boolean;
    /** Reads standard input (`--password-stdin`); default: the process's. */
    stdin?: () => Promise<string>;
  } = {},
): Promise<number> {
  const io = options.io ?? { out: (l) => console.log(l), err: (l) => console.error(l) };
  const clock = options.clock ?? systemClock;
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, sub, arg] = parsed.positional;
  if (command === undefined || parsed.flags.has('help') || command === 'help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  const config = configFromEnv(options.env ?? process.env);
  try {
    switch (command) {
      case 'serve': {
        const host = one(parsed, 'host') ?? '127.0.0.1';
        const port = num(parsed, 'port', 8787);
        const server = await startServer({ config, host, port, seed: parsed.flags.has('seed'), clock });
        io.out(`Proximité listening on ${server.url}`);
        if (options.signals === false) {
          await server.close();
          return 0;
        }
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGTERM', stop);
            process.off('SIGINT', stop);
            void server.close().then(resolve, resolve);
          };
          process.on('SIGTERM', stop);
          process.on('SIGINT', stop);
        });
        return 0;
      }
      case 'seed':
        return await withStore(config, async (db) => {
          const seeded = await seedDemoWithStaff(db, clock());
          io.out(
            seeded
              ? `Seeded the Amiens demo data and its staff accounts (${DEMO_STAFF.map((s) => s.email).join(', ')}; see the README).`
              : 'The database is not empty: nothing seeded.',
          );
          return 0;
        });
      case 'token':
        return await withStore(config, async (db) => tokenCommand(db, sub, arg, parsed, clock, io));
      case 'open311-key':
        return await withStore(config, async (db) => open311KeyCommand(db, sub, arg, parsed, clock, io));
      case 'staff': {
        // Read the password before opening the store (nothing is created if it is refused).
        const password =
          sub === 'create' && parsed.flags.has('password-stdin')
            ? await readPassword(options.stdin ?? readProcessStdin)
            : undefined;
        return await withStore(config, async (db) =>
          staffCommand(db, config, sub, arg, parsed, password, clock, io),
        );
      }
      case 'purge':
        return await withStore(config, async (db) => {
          const now = clock();
          const days = {
            contactAfterClose: num(parsed, 'contact-days', config.contactRetentionDays),
            contactMax: num(parsed, 'contact-max-days', config.contactMaxDays),
            closed: num(parsed, 'closed-days', config.closedRetentionDays),
            idempotencyHours: config.idempotencyHours,
          };
          const result = await purgeRetention({ db }, now, CLI_ACTOR, days);
          io.out(
            `Purged: ${result.contactsErased} contact record(s) erased, ${result.concernsDeleted} closed concern(s) deleted, ` +
              `${result.idempotencyKeysDeleted} idempotency key(s) and ${result.rateLimitWindowsDeleted} rate-limit window(s) removed.`,
          );
          return 0;
        });
      case 'audit': {
        if (sub !== 'verify') throw new UsageError('audit: expected "verify"');
        return await withStore(config, async (db) => {
          const result = await verifyAudit(db);
          if (result.ok)
            io.out(`Audit log intact: ${result.checked} entr${result.checked === 1 ? 'y' : 'ies'} verified.`);
          else
            io.err(
              `Audit log BROKEN at entry ${String(result.firstBrokenSeq)} (${result.checked} verified before it).`,
            );
          return result.ok ? 0 : 1;
        });
      }
      case 'import-ics':
        if (sub === undefined) throw new UsageError('import-ics: give a file or an http(s) URL');
        return await importIcsCommand(config, sub, parsed, clock, io);
      case 'import-ssmsi':
        if (sub === undefined)
          throw new UsageError(
            'import-ssmsi: give the CSV file, or data.gouv to read the area from data.gouv.fr',
          );
        return await importSsmsiCommand(config, sub, parsed, clock, io);
      case 'conformance': {
        if (sub === undefined || !/^https?:\/\//.test(sub))
          throw new UsageError('conformance: give the base URL of the backend, e.g. http://127.0.0.1:8787');
        const report = await runConformance(sub, {
          adminToken: one(parsed, 'admin-token'),
          readOnly: parsed.flags.has('read-only'),
        });
        if (parsed.flags.has('json')) io.out(JSON.stringify(report, null, 2));
        else for (const line of formatReport(report)) io.out(line);
        return report.failed === 0 ? 0 : 1;
      }
      case 'doctor': {
        const origin = one(parsed, 'origin');
        if (sub === undefined || !/^https?:\/\//.test(sub))
          throw new UsageError(
            'doctor: give the base URL of the backend, e.g. https://api.your-city.example',
          );
        if (origin === undefined || !/^https?:\/\/[^/]+\/?$/.test(origin))
          throw new UsageError(
            'doctor: --origin is the site embedding the widgets, e.g. https://www.your-city.example',
          );
        const report = await checkOrigin({ api: sub, origin });
        if (parsed.flags.has('json')) io.out(JSON.stringify(report, null, 2));
        else for (const line of formatDoctorReport(report)) io.out(line);
        return report.ok ? 0 : 1;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n${USAGE}`);
      return 2;
    }
    io.err(`Error: ${(error as Error).message}`);
    return 1;
  }
}

async function tokenCommand(
  db: Database,
  sub: string | undefined,
  arg: string | undefined,
  p: Parsed,
  clock: Clock,
  io: CliIo,
): Promise<number> {
  const now = clock();
  if (sub === 'create') {
    const name = one(p, 'name');
    if (name === undefined || name.trim() === '' || name.length > 100)
      throw new UsageError('token create: --name (1–100 characters) is required');
    const scopes = (p.flags.get('scope') ?? [])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (scopes.length === 0) throw new UsageError('token create: at least one --scope');
    for (const s of scopes) {
      if (!(ADMIN_TOKEN_SCOPES as readonly string[]).includes(s))
        throw new UsageError(`unknown scope "${s}"`);
    }
    const unique = [...new Set(scopes)] as AdminTokenScope[];
    const days = one(p, 'expires-days');
    const expiresAt =
      days === undefined
        ? undefined
        : new Date(now.getTime() + num(p, 'expires-days', 0) * 86400_000).toISOString();
    const created = await createToken({ db }, now, CLI_ACTOR, { name, scopes: unique, expiresAt });
    io.out(
      `Token "${created.name}" (${created.id}), scopes ${created.scopes.join(', ')}${created.expiresAt !== null ? `, expires ${created.expiresAt}` : ''}.`,
    );
    io.out('Copy it now: it is shown only once.');
    io.out(created.token);
    return 0;
  }
  if (sub === 'list') {
    for (const t of await listAdminTokens(db)) {
      const state =
        t.revokedAt != null
          ? `revoked ${t.revokedAt}`
          : t.expiresAt !== null && Date.parse(t.expiresAt) <= now.getTime()
            ? 'expired'
            : 'active';
      io.out(`${t.id}  ${t.name}  [${t.scopes.join(', ')}]  ${state}  created ${t.createdAt}`);
    }
    return 0;
  }
  if (sub === 'revoke') {
    if (arg === undefined) throw new UsageError('token revoke: give the token id');
    const ok = await revokeToken({ db }, now, CLI_ACTOR, arg);
    if (!ok) {
      io.err(`No token ${arg}.`);
      return 1;
    }
    io.out(`Token ${arg} revoked.`);
    return 0;
  }
  throw new UsageError('token: expected create, list or revoke');
}

async function open311KeyCommand(
  db: Database,
  sub: string | undefined,
  arg: string | undefined,
  p: Parsed,
  clock: Clock,
  io: CliIo,
): Promise<number> {
  const now = clock();
  if (sub === 'create') {
    const name = one(p, 'name');
    if (name === undefined || name.trim() === '')
      throw new UsageError('open311-key create: --name is required');
    const created = await createOpen311Key({ db }, now, CLI_ACTOR, name);
    io.out(`Open311 api_key "${name}" (${created.id}); shown only once:`);
    io.out(created.key);
    return 0;
  }
  if (sub === 'list') {
    for (const k of await listOpen311Keys(db))
      io.out(`${k.id}  ${k.name}  ${k.revokedAt !== null ? `revoked ${k.revokedAt}` : 'active'}`);
    return 0;
  }
  if (sub === 'revoke') {
    if (arg === undefined) throw new UsageError('open311-key revoke: give the key id');
    const ok = await revokeOpen311Key({ db }, now, CLI_ACTOR, arg);
    io.out(ok ? `Key ${arg} revoked.` : `No key ${arg}.`);
    return ok ? 0 : 1;
  }
  throw new UsageError('open311-key: expected create, list or revoke');
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The password given on standard input (one line; the line break is not part of it). */
async function readPassword(stdin: () => Promise<string>): Promise<string> {
  const text = (await stdin()).replace(/\r?\n$/, '');
  if (text.includes('\n')) throw new UsageError('--password-stdin: give the password on one line');
  const checked = NewPasswordInput.safeParse(text);
  if (!checked.success) throw new UsageError('--password-stdin: the password needs 12 to 256 characters');
  return checked.data;
}

/** Where links printed by the CLI point: the console URL, else the public URL, else the default local server. */
function cliBaseUrl(config: Config): string {
  return config.publicUrl ?? 'http://127.0.0.1:8787';
}

function printLink(
  io: CliIo,
  config: Config,
  link: { url?: string | undefined; delivered: boolean; expiresAt: string },
  url: string,
): void {
  if (link.delivered) {
    io.out(`The link was e-mailed; it expires ${link.expiresAt}.`);
    return;
  }
  io.out(
    `Single-use link, valid until ${link.expiresAt} (pass it on to its owner yourself; shown only once):`,
  );
  io.out(url);
  if (config.staffConsoleUrl === undefined && config.publicUrl === undefined)
    io.err(
      'Note: set PROXIMITE_STAFF_CONSOLE_URL (or PROXIMITE_PUBLIC_URL) so links point to your staff console.',
    );
}

async function staffCommand(
  db: Database,
  config: Config,
  sub: string | undefined,
  arg: string | undefined,
  p: Parsed,
  password: string | undefined,
  clock: Clock,
  io: CliIo,
): Promise<number> {
  const now = clock();
  const ctx = { db, config };
  const find = async (key: string | undefined) => {
    if (key === undefined) throw new UsageError(`staff ${sub ?? ''}: give the account's id or e-mail`);
    const found = key.includes('@') ? await getStaffByEmail(db, key) : await getStaff(db, key);
    if (found === undefined) io.err(`No staff account ${key}.`);
    return found;
  };
  if (sub === 'create') {
    const email = one(p, 'email');
    const name = one(p, 'name');
    const role = one(p, 'role');
    if (email === undefined || !StaffEmailInput.safeParse(email).success)
      throw new UsageError('staff create: --email EMAIL (a valid address) is required');
    if (name === undefined || name.trim() === '' || name.length > 100)
      throw new UsageError('staff create: --name (1–100 characters) is required');
    if (role === undefined || !(STAFF_ROLES as readonly string[]).includes(role))
      throw new UsageError(`staff create: --role is one of ${STAFF_ROLES.join(', ')}`);
    const services = csv(p, 'service') ?? [];
    const created = await createAccount(
      ctx,
      now,
      CLI_ACTOR,
      { email, displayName: name, role: role as StaffRole, services, password },
      cliBaseUrl(config),
    );
    io.out(
      `Staff account ${created.staff.email} (${created.staff.id}), role ${created.staff.role}, ${created.staff.status}.`,
    );
    if (created.invitation !== undefined)
      printLink(io, config, created.invitation.link, created.invitation.url);
    return 0;
  }
  if (sub === 'list') {
    for (const m of await listStaff(db)) {
      io.out(
        `${m.id}  ${m.email}  ${m.displayName}  ${m.role}  ${m.status}${m.totpEnabled ? '  2FA' : ''}` +
          `${m.services.length > 0 ? `  [${m.services.join(', ')}]` : ''}  last sign-in ${m.lastSignInAt ?? 'never'}`,
      );
    }
    return 0;
  }
  if (sub === 'disable' || sub === 'enable') {
    const found = await find(arg);
    if (found === undefined) return 1;
    await updateAccount(ctx, now, CLI_ACTOR, found.member.id, { disabled: sub === 'disable' });
    io.out(`${found.member.email} ${sub === 'disable' ? 'disabled and signed out everywhere' : 'enabled'}.`);
    return 0;
  }
  if (sub === 'reset-2fa') {
    const found = await find(arg);
    if (found === undefined) return 1;
    await resetSecondFactor(ctx, now, CLI_ACTOR, found.member.id);
    io.out(`${found.member.email}: second factor removed; it will set up a new one at its next sign-in.`);
    return 0;
  }
  if (sub === 'reset-password') {
    const found = await find(arg);
    if (found === undefined) return 1;
    const issued = await issuePasswordReset(ctx, now, CLI_ACTOR, found.member.id, cliBaseUrl(config));
    if (issued === undefined) {
      io.err(`${found.member.email} is disabled: enable it first.`);
      return 1;
    }
    printLink(io, config, issued.link.link, issued.link.url);
    return 0;
  }
  throw new UsageError('staff: expected create, list, disable, enable, reset-2fa or reset-password');
}

function csv(p: Parsed, name: string): string[] | undefined {
  const values = p.flags
    .get(name)
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return values === undefined || values.length === 0 ? undefined : values;
}

function year(p: Parsed, name: string): number | undefined {
  const v = one(p, name);
  if (v === undefined) return undefined;
  if (!/^\d{4}$/.test(v)) throw new UsageError(`--${name} expects a year (YYYY)`);
  return Number(v);
}

async function importIcsCommand(
  config: Config,
  source: string,
  p: Parsed,
  clock: Clock,
  io: CliIo,
): Promise<number> {
  const now = clock();
  const window = defaultWindow(now);
  let from = window.from;
  let to = window.to;
  try {
    const f = one(p, 'from');
    const t = one(p, 'to');
    if (f !== undefined) from = parseWindowBound(f, 'from');
    if (t !== undefined) to = parseWindowBound(t, 'to', true);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (to.getTime() <= from.getTime()) throw new UsageError('--to must be after --from');
  const text = await readFeed(source);
  return withStore(config, async (db) => {
    const r = await importIcs(db, now, text, {
      from,
      to,
      district: one(p, 'district'),
      organizer: one(p, 'organizer'),
      timeZone: one(p, 'time-zone'),
      source,
    });
    io.out(
      `Imported ${source}: ${r.found} event occurrence(s) between ${from.toISOString().slice(0, 10)} and ` +
        `${to.toISOString().slice(0, 10)}: ${r.created.length} created, ${r.updated.length} updated, ` +
        `${r.cancelled.length} cancelled, ${r.unchanged.length} unchanged, ${r.skipped.length} skipped.`,
    );
    for (const id of r.keptCancelled)
      io.out(`Note: café ${id} was cancelled here and is still scheduled in the feed; it stays cancelled.`);
    // Per event: what changed, what was approximated, what was skipped and why.
    for (const [what, ids] of [
      ['Created', r.created],
      ['Updated', r.updated],
      ['Cancelled', r.cancelled],
    ] as const)
      for (const id of ids) io.out(`${what} ${id} (${r.events.get(id) ?? id})`);
    for (const w of r.warnings)
      io.out(
        `Warning ${w.event ?? '(feed)'}${w.line !== undefined ? ` (line ${w.line})` : ''}: ${w.message}`,
      );
    for (const s of r.skipped)
      io.err(`Skipped ${s.event}${s.line !== undefined ? ` (line ${s.line})` : ''}: ${s.reason}`);
    return r.skipped.length === 0 ? 0 : 1;
  });
}

async function importSsmsiCommand(
  config: Config,
  file: string,
  p: Parsed,
  clock: Clock,
  io: CliIo,
): Promise<number> {
  const area = one(p, 'area');
  if (area === undefined) throw new UsageError('import-ssmsi: --area CODE (INSEE code) is required');
  const edition = one(p, 'edition');
  if (edition !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(edition))
    throw new UsageError('--edition expects the release date of the file (YYYY-MM-DD)');
  const provisional = csv(p, 'provisional')?.map((y) => {
    if (!/^\d{4}$/.test(y)) throw new UsageError('--provisional expects years (YYYY,YYYY)');
    return Number(y);
  });
  const name = one(p, 'name');
  const fromYear = year(p, 'from');
  const toYear = year(p, 'to');
  const indicators = csv(p, 'indicators');
  let dataset;
  try {
    const options = {
      area,
      ...(name !== undefined && { name }),
      ...(fromYear !== undefined && { from: fromYear }),
      ...(toYear !== undefined && { to: toYear }),
      ...(indicators !== undefined && { indicators }),
      ...(provisional !== undefined && { provisionalYears: provisional }),
      ...(edition !== undefined && { dataset: { edition } }),
    };
    if (file === 'data.gouv') {
      // One area's rows through data.gouv.fr's tabular API (--datagouv-api and --tabular-api
      // point elsewhere: a mirror, or a test server).
      const resourceId = one(p, 'resource');
      const datasetUrl = one(p, 'datagouv-api');
      const tabularUrl = one(p, 'tabular-api');
      dataset = await fetchSsmsiArea({
        ...options,
        ...(resourceId !== undefined && { resourceId }),
        ...(datasetUrl !== undefined && { datasetUrl }),
        ...(tabularUrl !== undefined && { tabularUrl }),
      });
    } else {
      dataset = await readSsmsiFile(file, options);
    }
  } catch (error) {
    const message = (error as Error).message;
    const hint = /MISSING_EDITION/.test(String((error as { code?: string }).code))
      ? ' (pass --edition YYYY-MM-DD: the release date of the file)'
      : '';
    io.err(`Error: ${file}: ${message}${hint}`);
    return 1;
  }
  return withStore(config, async (db) => {
    await storeStatsDataset(db, clock(), dataset);
    const points = dataset.series.reduce((n, s) => n + s.points.length, 0);
    const secret = dataset.series.reduce((n, s) => n + s.points.filter((x) => !x.published).length, 0);
    io.out(
      `Imported ${dataset.series.length} indicator(s), ${points} yearly figure(s) (${secret} under statistical secrecy) ` +
        `for ${dataset.area.level} ${dataset.area.code} (${dataset.area.name}), edition ${dataset.dataset.edition}: ` +
        `served at GET /v1/stats?area=${dataset.area.code}.`,
    );
    return 0;
  });
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
