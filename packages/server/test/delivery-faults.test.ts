/**
 * The delivery fault tests. 500 concerns are submitted while the SMTP server and the webhook
 * receiver fail 30 % of attempts and are each down for a while:
 *
 * - one instance killed with SIGKILL in the middle and started again (PostgreSQL);
 * - two instances sharing one PostgreSQL, both sending;
 * - one instance on PGlite, in this process.
 *
 * Every concern must reach its service exactly once per method, counted as receivers de-duplicate
 * — distinct Message-IDs and webhook-ids — with 0 lost and 0 left failed or pending. A message may
 * arrive twice with the same id only when an attempt was cut off after the receiver accepted it
 * (the kill, or an answer later than the attempt's time-out), and never more often than its row was
 * claimed; the raw counts are printed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import type { ConcernInput, ConcernReceipt } from '@proximite/contract';
import pg from 'pg';
import { testConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { openStore } from '../src/server.js';
import { AMIENS_DISTRICTS } from '../src/seed.js';
import { upsertDistricts } from '../src/store/content.js';
import { startDeliveryServer, startReceiver, startSmtp, until } from './delivery-helpers.js';
import type { TestReceiver, TestSmtp } from './delivery-helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const TOTAL = 500;
/** The embedded database serves one instance: a smaller run there (the 500 run on PostgreSQL). */
const PGLITE_TOTAL = 200;

const email: ConcernInput = {
  categoryCode: 'depots-sauvages',
  description: 'Sacs d’ordures et encombrants au pied de l’immeuble.',
  location: { districtId: 'saint-leu' },
  attributes: { 'type-depot': 'sacs' },
};
const webhook: ConcernInput = {
  categoryCode: 'bruit',
  description: 'Musique très forte tous les soirs.',
  location: { districtId: 'centre-ville' },
  attributes: { source: 'commerce' },
};

interface Instance {
  url: string;
  child: ChildProcess;
  name: string;
}

function spawnInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(here, 'fixtures', 'delivery-instance.ts')],
    { cwd: root, env: { ...process.env, ...env, FAULT_NAME: name }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /^listening (\S+)/m.exec(output);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ url: m[1], child, name });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!output.includes('listening'))
        reject(new Error(`${name} exited ${String(code ?? signal)}:\n${output}`));
    });
  });
}

async function kill(instance: Instance, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    instance.child.once('exit', () => resolve());
    instance.child.kill(signal);
  });
}

/**
 * Submits `total` concerns (alternately for the e-mail and the webhook service) as a client does:
 * each with its own Idempotency-Key, retried with the same key — on another instance if need be —
 * until a receipt comes back. `between(i)` runs before the i-th submission (faults, kills).
 */
async function submitAll(
  total: number,
  pick: (i: number) => string,
  between: (i: number) => Promise<void>,
): Promise<Map<string, 'email' | 'webhook'>> {
  const receipts = new Map<string, 'email' | 'webhook'>();
  let next = 0;
  const workers = Array.from({ length: 8 }, async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      await between(i);
      const kind = i % 2 === 0 ? 'email' : 'webhook';
      const key = `fault-${i}-${randomBytes(6).toString('hex')}`;
      const started = Date.now();
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await fetch(`${pick(i + attempt)}/v1/concerns`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
            body: JSON.stringify(kind === 'email' ? email : webhook),
          });
          if (r.status === 201 || r.status === 200) {
            receipts.set(((await r.json()) as ConcernReceipt).reference, kind);
            break;
          }
          await r.text();
        } catch {
          // The instance is gone: retry (same key) on the next one.
        }
        if (Date.now() - started > 180_000) throw new Error(`submission ${i} never acknowledged`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });
  await Promise.all(workers);
  return receipts;
}

/** Sets up the two services (e-mail, webhook) in `db`. */
async function configureServices(db: Database, receiver: TestReceiver): Promise<void> {
  await upsertDistricts(db, AMIENS_DISTRICTS);
  await db.query(`UPDATE services SET delivery = $2::jsonb WHERE id = $1`, [
    'proprete-urbaine',
    JSON.stringify({ method: 'email', to: ['proprete@amiens.test'] }),
  ]);
  await db.query(`UPDATE services SET delivery = $2::jsonb, delivery_secret = $3 WHERE id = $1`, [
    'hygiene-sante',
    JSON.stringify({ method: 'webhook', url: receiver.url }),
    `whsec_${randomBytes(32).toString('base64')}`,
  ]);
}

/** Waits until every delivery is sent, then checks exactly-once per method and reports raw counts. */
async function checkExactlyOnce(
  t: TestContext,
  total: number,
  db: Database,
  receipts: Map<string, 'email' | 'webhook'>,
  smtp: TestSmtp,
  receiver: TestReceiver,
  label: string,
): Promise<void> {
  const drainStart = Date.now();
  assert.equal(receipts.size, total, 'every submission acknowledged once');
  const stored = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM concerns');
  assert.equal(stored[0]?.n, total, '0 lost, 0 duplicated concerns');
  await until(
    async () => {
      const rows = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM deliveries WHERE status = 'sent'`,
      );
      return rows[0]?.n === total;
    },
    240_000,
    'every delivery sent',
  );
  const states = await db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM deliveries GROUP BY status',
  );
  assert.deepEqual(states, [{ status: 'sent', n: total }], 'none failed, pending or held');
  const drained = Date.now() - drainStart;

  const emailRefs = [...receipts].filter(([, k]) => k === 'email').map(([r]) => r);
  const webhookRefs = [...receipts].filter(([, k]) => k === 'webhook').map(([r]) => r);
  // E-mail: one distinct Message-ID per concern.
  const idsByRef = new Map<string, Set<string>>();
  for (const mail of smtp.mails) {
    const ref = /PRX-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(mail.subject)?.[0] ?? '';
    const set = idsByRef.get(ref) ?? new Set<string>();
    set.add(mail.messageId);
    idsByRef.set(ref, set);
  }
  for (const ref of emailRefs) assert.equal(idsByRef.get(ref)?.size, 1, `${ref}: one Message-ID`);
  assert.equal(smtp.distinctMessageIds().size, emailRefs.length, 'distinct Message-IDs = e-mail concerns');
  // Webhooks: one distinct webhook-id per concern.
  const hookIds = new Map<string, Set<string>>();
  for (const hook of receiver.received) {
    const ref = (JSON.parse(hook.body) as { data: { concern: { reference: string } } }).data.concern
      .reference;
    const set = hookIds.get(ref) ?? new Set<string>();
    set.add(hook.id);
    hookIds.set(ref, set);
  }
  for (const ref of webhookRefs) assert.equal(hookIds.get(ref)?.size, 1, `${ref}: one webhook-id`);
  assert.equal(receiver.distinctIds().size, webhookRefs.length, 'distinct webhook-ids = webhook concerns');

  const mailDupes = smtp.mails.length - smtp.distinctMessageIds().size;
  const hookDupes = receiver.received.length - receiver.distinctIds().size;
  const attempts = await db.query<{ n: number }>('SELECT sum(attempts)::int AS n FROM deliveries');
  t.diagnostic(
    `${label}: ${emailRefs.length} e-mails (${smtp.distinctMessageIds().size} distinct Message-IDs, ${smtp.mails.length} received, ${smtp.attempts} SMTP attempts), ` +
      `${webhookRefs.length} webhooks (${receiver.distinctIds().size} distinct webhook-ids, ${receiver.received.length} received, ${receiver.attempts} HTTP attempts), ` +
      `${attempts[0]?.n ?? 0} delivery attempts, duplicates re-sent with the same id: ${mailDupes} e-mail, ${hookDupes} webhook; ` +
      `all sent ${Math.round(drained / 1000)} s after the last receipt`,
  );
  // A same-id re-send is an attempt whose acceptance the sender never heard (cut off by the kill,
  // or its answer later than the attempt's time-out on this loaded machine): it is a new attempt of
  // the same row, so no message id is ever received more often than its row was claimed. A claim
  // taken twice at once would break this (two sends for one counted attempt).
  const attemptsById = new Map(
    (await db.query<{ id: string; attempts: number }>('SELECT id, attempts FROM deliveries')).map((r) => [
      r.id.replaceAll('-', ''),
      r.attempts,
    ]),
  );
  const count = (ids: string[]) => {
    const n = new Map<string, number>();
    for (const id of ids) n.set(id, (n.get(id) ?? 0) + 1);
    return n;
  };
  // Message-ID <row id@domain>, webhook-id msg_<row id without dashes>.
  const mailId = (messageId: string) => (/^<([^@>]+)@/.exec(messageId)?.[1] ?? messageId).replaceAll('-', '');
  const hookId = (id: string) => id.replace(/^msg_/, '');
  for (const [id, n] of [
    ...count(smtp.mails.map((m) => mailId(m.messageId))),
    ...count(receiver.received.map((h) => hookId(h.id))),
  ]) {
    const claimed = attemptsById.get(id);
    assert.ok(claimed !== undefined, `${id}: a message the queue knows`);
    assert.ok(n <= claimed, `${id}: received ${n} times in ${claimed} attempts`);
  }
}

const pgUrl = process.env.PROXIMITE_TEST_DATABASE_URL;

if (pgUrl !== undefined && pgUrl !== '') {
  describe('delivery under faults (postgres, separate processes)', () => {
    const cleanup: (() => Promise<void>)[] = [];
    after(async () => {
      for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
    });

    async function fresh(): Promise<{
      db: Database;
      schema: string;
      smtp: TestSmtp;
      receiver: TestReceiver;
    }> {
      const schema = `fault_${randomBytes(6).toString('hex')}`;
      const db = await openStore(testConfig({ databaseUrl: pgUrl }), { schema });
      cleanup.push(async () => {
        await db.close();
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      });
      const smtp = await startSmtp({ mode: 'flaky', failRate: 0.3 });
      const receiver = await startReceiver({ failRate: 0.3 });
      cleanup.push(
        () => smtp.close(),
        () => receiver.close(),
      );
      await configureServices(db, receiver);
      return { db, schema, smtp, receiver };
    }

    test('500 concerns, 30 % failures, both receivers down for a while, the instance killed and restarted once', async (t) => {
      const { db, schema, smtp, receiver } = await fresh();
      const env = { FAULT_DATABASE_URL: pgUrl, FAULT_SCHEMA: schema, FAULT_SMTP_URL: smtp.url };
      let current = await spawnInstance('A', env);
      cleanup.push(() => kill(current));
      let restarting: Promise<void> | undefined;
      const t0 = Date.now();
      const receipts = await submitAll(
        TOTAL,
        () => current.url,
        async (i) => {
          if (i === 100) await smtp.down();
          if (i === 180) await smtp.up();
          if (i === 220) await receiver.down();
          if (i === 300) await receiver.up();
          if (i === 250) {
            // SIGKILL mid-traffic: claims in flight stay `sending` until their lease expires.
            restarting ??= (async () => {
              await kill(current);
              current = await spawnInstance('A2', env);
            })();
          }
          if (restarting !== undefined) await restarting;
        },
      );
      t.diagnostic(`submitted in ${Math.round((Date.now() - t0) / 1000)} s`);
      await checkExactlyOnce(t, TOTAL, db, receipts, smtp, receiver, 'kill and restart');
      await kill(current, 'SIGTERM');
    });

    test('two instances on one PostgreSQL: still exactly once', async (t) => {
      const { db, schema, smtp, receiver } = await fresh();
      const env = { FAULT_DATABASE_URL: pgUrl, FAULT_SCHEMA: schema, FAULT_SMTP_URL: smtp.url };
      const [b, c] = await Promise.all([spawnInstance('B', env), spawnInstance('C', env)]);
      cleanup.push(
        () => kill(b),
        () => kill(c),
      );
      const t0 = Date.now();
      const receipts = await submitAll(
        TOTAL,
        (i) => (i % 2 === 0 ? b.url : c.url),
        async (i) => {
          if (i === 150) await receiver.down();
          if (i === 230) await receiver.up();
          if (i === 260) await smtp.down();
          if (i === 340) await smtp.up();
        },
      );
      t.diagnostic(`submitted in ${Math.round((Date.now() - t0) / 1000)} s`);
      await checkExactlyOnce(t, TOTAL, db, receipts, smtp, receiver, 'two instances');
    });
  });
}

describe('delivery under faults (pglite, one instance)', () => {
  test('200 concerns, 30 % failures, both receivers down for a while', async (t) => {
    const smtp = await startSmtp({ mode: 'flaky', failRate: 0.3 });
    const receiver = await startReceiver({ failRate: 0.3 });
    const s = await startDeliveryServer(
      { name: 'pglite' },
      {
        config: { smtpUrl: smtp.url, webhookAllowPrivate: true },
        delivery: {
          pollMs: 100,
          concurrency: 8,
          policy: { baseDelayMs: 50, maxDelayMs: 1_000, retryWindowMs: 600_000 },
        },
      },
    );
    try {
      await configureServices(s.db, receiver);
      const t0 = Date.now();
      const receipts = await submitAll(
        PGLITE_TOTAL,
        () => s.url,
        async (i) => {
          if (i === 40) await smtp.down();
          if (i === 80) await smtp.up();
          if (i === 100) await receiver.down();
          if (i === 140) await receiver.up();
        },
      );
      t.diagnostic(`submitted in ${Math.round((Date.now() - t0) / 1000)} s`);
      await checkExactlyOnce(t, PGLITE_TOTAL, s.db, receipts, smtp, receiver, 'pglite');
    } finally {
      await s.close();
      await smtp.close();
      await receiver.close();
    }
  });
});
