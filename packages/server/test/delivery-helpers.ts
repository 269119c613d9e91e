/**
 * Real receivers for the delivery tests: an SMTP server (smtp-server) that accepts, refuses,
 * fails a share of attempts or is down, and an HTTP webhook receiver that verifies Standard
 * Webhooks signatures, can fail or be down, and counts distinct webhook-ids.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { testConfig } from '../src/config.js';
import type { Config } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import type { DeliveryOptions, DeliveryWorker } from '../src/delivery/worker.js';
import type { AppDeps } from '../src/http/context.js';
import { createApp } from '../src/http/app.js';
import { buildDeps, listen, startWorker } from '../src/server.js';
import { AMIENS_DISTRICTS } from '../src/seed.js';
import { upsertDistricts } from '../src/store/content.js';
import type { Clock } from '../src/util.js';
import { openTestDb } from './helpers.js';
import type { Target } from './helpers.js';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
}

export type SmtpMode = 'accept' | 'refuse' | 'flaky';

export interface TestSmtp {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Attempts that reached DATA (accepted or not). */
  attempts: number;
  /** Connections that failed on the server's side, such as a sender killed mid-message (ECONNRESET). */
  connectionErrors: number;
  mode: SmtpMode;
  /** With `flaky`: the share of attempts answered 451. */
  failRate: number;
  /** Stops listening (connections are refused) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
  distinctMessageIds(): Set<string>;
}

/** An SMTP server on 127.0.0.1 (port 0, or `port` to come back on the same one). */
export async function startSmtp(
  options: { mode?: SmtpMode; failRate?: number; port?: number } = {},
): Promise<TestSmtp> {
  let server: SMTPServer | undefined;
  const smtp: TestSmtp = {
    url: '',
    port: options.port ?? 0,
    mails: [],
    attempts: 0,
    connectionErrors: 0,
    mode: options.mode ?? 'accept',
    failRate: options.failRate ?? 0,
    async down() {
      const s = server;
      server = undefined;
      if (s !== undefined) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async up() {
      if (server !== undefined) return;
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (smtp.mode === 'refuse') {
            const error = new Error('5.1.1 Mailbox unavailable') as Error & { responseCode: number };
            error.responseCode = 550;
            callback(error);
            return;
          }
          void address;
          callback();
        },
        onData(stream, _session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            smtp.attempts += 1;
            if (smtp.mode === 'flaky' && Math.random() < smtp.failRate) {
              const error = new Error('4.3.0 Try again later') as Error & { responseCode: number };
              error.responseCode = 451;
              callback(error);
              return;
            }
            void simpleParser(Buffer.concat(chunks)).then(
              (parsed) => {
                const to = [parsed.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
                smtp.mails.push({
                  messageId: parsed.messageId ?? '',
                  to,
                  subject: parsed.subject ?? '',
                  text: parsed.text ?? '',
                  html: typeof parsed.html === 'string' ? parsed.html : '',
                  headers: parsed.headers,
                });
                callback();
              },
              (error: Error) => callback(error),
            );
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(smtp.port, '127.0.0.1', () => resolve());
      });
      // A sender killed in the middle of a message resets its connection, and smtp-server reports
      // that on the server object: without a listener, the second one was an uncaught exception in
      // the test process (« read ECONNRESET »). The fault is what the tests inflict; count it.
      server.on('error', () => {
        smtp.connectionErrors += 1;
      });
      smtp.port = (server.server.address() as AddressInfo).port;
      smtp.url = `smtp://127.0.0.1:${smtp.port}`;
    },
    close() {
      return smtp.down();
    },
    distinctMessageIds() {
      return new Set(smtp.mails.map((m) => m.messageId));
    },
  };
  await smtp.up();
  return smtp;
}

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  headers: IncomingHttpHeaders;
}

export interface TestReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  attempts: number;
  /** Share of attempts answered 503. */
  failRate: number;
  /** Status of every answer when set (e.g. 302 to test redirects). */
  forceStatus: number | undefined;
  headersFor: Record<string, string>;
  /** Delay before answering, ms. */
  delayMs: number;
  /** Bytes of the answer body. */
  bodyBytes: number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
  distinctIds(): Set<string>;
}

/** An HTTP receiver on 127.0.0.1 that records every webhook it accepts (2xx). */
export async function startReceiver(
  options: { failRate?: number; port?: number } = {},
): Promise<TestReceiver> {
  let server: Server | undefined;
  const r: TestReceiver = {
    url: '',
    port: options.port ?? 0,
    received: [],
    attempts: 0,
    failRate: options.failRate ?? 0,
    forceStatus: undefined,
    headersFor: {},
    delayMs: 0,
    bodyBytes: 2,
    async down() {
      const s = server;
      server = undefined;
      if (s !== undefined) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
    async up() {
      if (server !== undefined) return;
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          r.attempts += 1;
          const answer = () => {
            if (r.forceStatus !== undefined) {
              res.writeHead(r.forceStatus, r.headersFor);
              res.end('x'.repeat(r.bodyBytes));
              return;
            }
            if (Math.random() < r.failRate) {
              res.writeHead(503);
              res.end('busy');
              return;
            }
            r.received.push({
              id: String(req.headers['webhook-id'] ?? ''),
              timestamp: String(req.headers['webhook-timestamp'] ?? ''),
              signature: String(req.headers['webhook-signature'] ?? ''),
              body: Buffer.concat(chunks).toString('utf8'),
              headers: req.headers,
            });
            res.writeHead(200, { 'Content-Type': 'text/plain' });
            res.end('x'.repeat(r.bodyBytes));
          };
          if (r.delayMs > 0) setTimeout(answer, r.delayMs);
          else answer();
        });
      });
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(r.port, '127.0.0.1', () => resolve());
      });
      r.port = (server.address() as AddressInfo).port;
      r.url = `http://127.0.0.1:${r.port}/hooks/proximite`;
    },
    close() {
      return r.down();
    },
    distinctIds() {
      return new Set(r.received.map((w) => w.id));
    },
  };
  await r.up();
  return r;
}

export interface DeliveryServer {
  url: string;
  db: Database;
  deps: AppDeps;
  worker: DeliveryWorker;
  config: Config;
  close(): Promise<void>;
}

/**
 * Short timings for tests (the same rules, smaller numbers). Not the HTTP time-out: the receivers
 * run in the test's own process, which a loaded CI machine can leave waiting for seconds, and an
 * attempt cut short after its receiver took it is sent again (a webhook, with the same id) or
 * failed for a person to check (Open311); tests of time-outs set a short one themselves.
 */
export const FAST: Partial<DeliveryOptions> = {
  pollMs: 50,
  leaseMs: 60_000,
  httpTimeoutMs: 30_000,
  policy: { baseDelayMs: 20, maxDelayMs: 200, retryWindowMs: 60_000 },
};

/**
 * The app and a delivery worker over a fresh database. `autostart: false` leaves the worker idle
 * until the test calls `worker.tick()` (deterministic rounds, with a fake clock).
 */
export async function startDeliveryServer(
  target: Target,
  options: {
    config?: Partial<Config>;
    clock?: Clock;
    delivery?: Partial<DeliveryOptions>;
    autostart?: boolean;
    db?: { db: Database; drop(): Promise<void> };
  } = {},
): Promise<DeliveryServer> {
  const config = testConfig({ rateLimitPerMinute: 0, minFillSeconds: 0, ...options.config });
  const fresh = options.db === undefined;
  const { db, drop } = options.db ?? (await openTestDb(target, config));
  // Amiens' districts (routing rules and concerns refer to them).
  if (fresh) await upsertDistricts(db, AMIENS_DISTRICTS);
  const deps = buildDeps({
    db,
    config,
    clock: options.clock ?? (() => new Date()),
    delivery: { ...FAST, ...options.delivery },
  });
  const app = createApp(deps);
  const running = await listen(app, '127.0.0.1', 0);
  const worker = startWorker(deps, { autostart: options.autostart ?? true });
  return {
    url: running.url,
    db,
    deps,
    worker,
    config,
    async close() {
      await running.close();
      await worker.stop();
      await drop();
    },
  };
}

/** Waits until `check()` is true (polling), or fails after `ms`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 10_000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
