/**
 * The delivery worker: every instance of the server runs one (unless told not to). It claims due
 * messages from the queue (queue.ts), sends them — e-mail over SMTP, Standard Webhooks, Open311 —
 * and records each outcome; it also runs the periodic tasks (the daily summary of failed
 * deliveries, reading Open311 status changes back) one instance at a time.
 */
import type { LookupAddress } from 'node:dns';
import type { ServiceDelivery, WebhookEvent } from '@proximite/contract';
import type { Database } from '../db/database.js';
import { getServiceRecord } from '../store/services.js';
import type { ServiceRecord } from '../store/services.js';
import { zonedParts, zonedToDate } from '../util.js';
import type { Clock } from '../util.js';
import { DUE_TIME_ZONE, dueDate } from './due.js';
import type { Mailer } from './mailer.js';
import { MailError, mailDomain } from './mailer.js';
import { forwardToOpen311, pollOpen311 } from './open311.js';
import type { Outbox } from './outbox.js';
import { claim, markFailed, markSent, release, releaseHeld, workerName } from './queue.js';
import type { DeliveryChannel, DeliveryRow, RetryPolicy } from './queue.js';
import { loadConcernForDelivery, updateAt } from './render.js';
import { runFailureSummary } from './summary.js';
import { renderMail } from './templates.js';
import type { MailLang } from './templates.js';
import { WebhookError, sendWebhook, webhookId } from './webhook.js';
import { runVerdictQuestions } from './resident.js';
import { runScheduled } from './scheduled.js';

export interface DeliveryOptions {
  /** The SMTP sender; absent: e-mails are held until a server with one is started. */
  mailer?: Mailer | undefined;
  policy: RetryPolicy;
  /** How long a claimed message is reserved for its worker; must exceed any attempt's time-out. */
  leaseMs: number;
  /** How often the queue is looked at when nothing wakes the worker. */
  pollMs: number;
  /** Messages sent at once by this worker. */
  concurrency: number;
  /** Time-out of one webhook or Open311 request. */
  httpTimeoutMs: number;
  /** Let webhooks and Open311 reach private, loopback and link-local addresses (and plain http). */
  allowPrivate: boolean;
  /** Where links in messages point. */
  consoleUrl: string;
  userAgent: string;
  /** How often forwarded concerns' Open311 statuses are read back. */
  open311PollMs: number;
  /** Local hour (Europe/Paris) of the daily summary of failed deliveries. */
  summaryHour: number;
  /** How often closed concerns are looked at for their verdict question. */
  verdictPollMs: number;
  /** DNS resolution of outgoing requests (tests). */
  resolve?: ((host: string) => Promise<LookupAddress[]>) | undefined;
  /** Randomness of the back-off jitter (tests). */
  random?: (() => number) | undefined;
}

export interface WorkerDeps {
  db: Database;
  clock: Clock;
  delivery: DeliveryOptions;
  outbox: Outbox;
}

/** An attempt's failure: retried unless `permanent`. */
class AttemptError extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent = false) {
    super(message);
    this.permanent = permanent;
  }
}

/** What a successful attempt records. */
interface Sent {
  sentTo: string;
  remoteId?: string | undefined;
  scrub?: boolean;
}

/** The languages of a service's e-mails. */
function serviceLangs(delivery: ServiceDelivery): MailLang[] {
  return delivery.lang === 'en' ? ['en'] : delivery.lang === 'both' ? ['fr', 'en'] : ['fr'];
}

/** The Message-ID of a delivery: fixed, so a message sent twice is recognised as one. */
export function messageIdOf(deliveryId: string, from: string): string {
  return `<${deliveryId}@${mailDomain(from)}>`;
}

export interface DeliveryWorker {
  /** Runs one round now (claim, send, record); resolves when the round's sends are done. */
  tick(): Promise<number>;
  /** Wakes the worker for an immediate round. */
  wake(): void;
  /** Stops claiming and waits for the sends in flight. */
  stop(): Promise<void>;
  readonly name: string;
}

export function startDeliveryWorker(deps: WorkerDeps, options: { autostart?: boolean } = {}): DeliveryWorker {
  const { db, clock, delivery: o } = deps;
  // "At most one attempt in flight per message" holds only if a lease outlives any attempt.
  const longest = Math.max(o.httpTimeoutMs, o.mailer?.timeoutMs ?? 0);
  if (o.leaseMs <= longest)
    throw new Error(`delivery lease (${o.leaseMs} ms) must exceed the longest attempt (${longest} ms)`);
  const owner = workerName();
  const methods: DeliveryChannel[] =
    o.mailer !== undefined ? ['email', 'webhook', 'open311'] : ['webhook', 'open311'];
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let running: Promise<number> | undefined;
  let again = false;
  // Scheduled tasks' next turns as last read (delivery/scheduled.ts): a round skips their statements until then.
  const turns = new Map<string, number>();

  const services = async (id: string | null): Promise<ServiceRecord | undefined> =>
    id === null ? undefined : getServiceRecord(db, id);

  async function concernEmail(row: DeliveryRow, service: ServiceRecord, mailer: Mailer): Promise<Sent> {
    if (service.delivery.method !== 'email' || (service.delivery.to ?? []).length === 0)
      throw new AttemptError(`the service now delivers by ${service.delivery.method}, not e-mail`, true);
    const loaded = await loadConcernForDelivery(db, row.concern_id ?? '', {
      withContact: service.contactAccess,
      consoleUrl: o.consoleUrl,
    });
    if (loaded === undefined) throw new AttemptError('the concern no longer exists', true);
    guardConduct(loaded, service);
    const payload = row.payload as { previousServiceId?: string };
    const previous =
      payload.previousServiceId !== undefined ? await services(payload.previousServiceId) : undefined;
    const due = dueDate(service.target, new Date(loaded.submittedAt));
    const mail = renderMail(
      'concern-for-service',
      {
        event: row.event === 'concern.routed' ? 'concern.routed' : 'concern.created',
        concern: loaded.concern,
        service: { id: service.id, name: service.name },
        previousService: previous === undefined ? undefined : { id: previous.id, name: previous.name },
        dueAt: due?.toISOString() ?? null,
      },
      serviceLangs(service.delivery),
    );
    const to = service.delivery.to ?? [];
    await mailer.send({
      to,
      ...mail,
      messageId: messageIdOf(row.id, mailer.from),
      lang: serviceLangs(service.delivery)[0] ?? 'fr',
      headers: { 'X-Proximite-Reference': loaded.reference },
    });
    return { sentTo: to.join(', ') };
  }

  async function personEmail(row: DeliveryRow, mailer: Mailer): Promise<Sent> {
    const payload = row.payload as {
      template?: string;
      data?: unknown;
      langs?: MailLang[];
      secret?: boolean;
      headers?: Record<string, string>;
    };
    if (row.recipient === null || payload.template === undefined)
      throw new AttemptError('nothing to send (the message was emptied)', true);
    const langs =
      payload.langs !== undefined && payload.langs.length > 0 ? payload.langs : (['fr'] as MailLang[]);
    const mail = renderMail(payload.template, payload.data, langs);
    await mailer.send({
      to: [row.recipient],
      ...mail,
      messageId: messageIdOf(row.id, mailer.from),
      lang: langs[0] ?? 'fr',
      ...(payload.headers !== undefined ? { headers: payload.headers } : {}),
    });
    return { sentTo: row.recipient, scrub: payload.secret === true };
  }

  /** A conduct complaint never goes to a police service (checked again at every attempt). */
  function guardConduct(
    loaded: { restricted: boolean; service: { id: string } },
    service: ServiceRecord,
  ): void {
    if (loaded.restricted && (service.police || !service.restricted || loaded.service.id !== service.id))
      throw new AttemptError(
        'refused: a complaint about police conduct goes only to the independent instance it is routed to',
        true,
      );
  }

  async function webhook(row: DeliveryRow, service: ServiceRecord): Promise<Sent> {
    if (service.delivery.method !== 'webhook' || service.delivery.url === undefined)
      throw new AttemptError(`the service now delivers by ${service.delivery.method}, not webhook`, true);
    if (service.secret === null) throw new AttemptError('the service has no webhook secret', true);
    const loaded = await loadConcernForDelivery(db, row.concern_id ?? '', {
      withContact: service.contactAccess,
      consoleUrl: o.consoleUrl,
    });
    if (loaded === undefined) throw new AttemptError('the concern no longer exists', true);
    const payload = row.payload as { previousServiceId?: string; at?: string };
    if (loaded.restricted && service.police) guardConduct(loaded, service);
    const previous =
      payload.previousServiceId !== undefined ? await services(payload.previousServiceId) : undefined;
    const update =
      row.event === 'concern.updated' && payload.at !== undefined
        ? await updateAt(db, loaded.id, payload.at)
        : undefined;
    const now = clock();
    const event: WebhookEvent = {
      type: row.event,
      timestamp:
        row.created_at instanceof Date
          ? row.created_at.toISOString()
          : new Date(row.created_at).toISOString(),
      data: {
        concern: loaded.concern,
        service: loaded.service,
        ...(previous !== undefined ? { previousService: { id: previous.id, name: previous.name } } : {}),
        ...(update !== undefined ? { update } : {}),
      },
    };
    try {
      await sendWebhook(
        {
          url: service.delivery.url,
          secret: service.secret,
          id: webhookId(row.id),
          body: JSON.stringify(event),
          timestamp: Math.floor(now.getTime() / 1000),
          userAgent: o.userAgent,
        },
        { allowPrivate: o.allowPrivate, timeoutMs: o.httpTimeoutMs, resolve: o.resolve },
      );
    } catch (error) {
      if (error instanceof WebhookError) throw new AttemptError(error.message);
      throw error;
    }
    return { sentTo: service.delivery.url };
  }

  async function open311(row: DeliveryRow, service: ServiceRecord): Promise<Sent> {
    const loaded = await loadConcernForDelivery(db, row.concern_id ?? '', {
      withContact: service.contactAccess,
      consoleUrl: o.consoleUrl,
    });
    if (loaded === undefined) throw new AttemptError('the concern no longer exists', true);
    guardConduct(loaded, service);
    try {
      const result = await forwardToOpen311(db, clock(), service, loaded, {
        allowPrivate: o.allowPrivate,
        timeoutMs: o.httpTimeoutMs,
        resolve: o.resolve,
      });
      return { sentTo: service.delivery.endpoint ?? '', remoteId: result.remoteId };
    } catch (error) {
      const e = error as { permanent?: boolean; message?: string };
      throw new AttemptError(e.message ?? String(error), e.permanent === true);
    }
  }

  async function attempt(row: DeliveryRow): Promise<Sent> {
    if (row.method === 'email') {
      if (o.mailer === undefined) throw new Error('unreachable: e-mail claimed without a mailer');
      if (row.recipient !== null) return personEmail(row, o.mailer);
      const service = await services(row.service_id);
      if (service === undefined) throw new AttemptError('the service no longer exists', true);
      return concernEmail(row, service, o.mailer);
    }
    const service = await services(row.service_id);
    if (service === undefined) throw new AttemptError('the service no longer exists', true);
    return row.method === 'webhook' ? webhook(row, service) : open311(row, service);
  }

  async function process(row: DeliveryRow): Promise<void> {
    try {
      const sent = await attempt(row);
      await markSent(db, clock(), row.id, {
        sentTo: sent.sentTo,
        remoteId: sent.remoteId ?? null,
        scrubPayload: sent.scrub === true,
      });
    } catch (error) {
      const permanent =
        (error instanceof AttemptError && error.permanent) || (error instanceof MailError && error.permanent);
      const message = error instanceof Error ? error.message : String(error);
      await markFailed(db, clock(), row, owner, message, {
        permanent,
        policy: o.policy,
        random: o.random,
      }).catch(() => undefined);
    }
  }

  async function round(): Promise<number> {
    const now = clock();
    if (o.mailer !== undefined) await releaseHeld(db, now, o.policy);
    await runScheduled(
      db,
      now,
      [
        {
          name: 'failure-summary',
          run: (at) => runFailureSummary(db, at, deps.outbox, o.consoleUrl),
          next: (at) => nextLocalHour(at, o.summaryHour),
        },
        {
          name: 'open311-poll',
          run: (at) =>
            pollOpen311(db, at, {
              allowPrivate: o.allowPrivate,
              timeoutMs: o.httpTimeoutMs,
              resolve: o.resolve,
              outbox: deps.outbox,
            }),
          next: (at) => new Date(at.getTime() + o.open311PollMs),
        },
        {
          // « Le problème est-il réglé ? », a while after closure (delivery/resident.ts).
          name: 'verdict-questions',
          run: (at) => runVerdictQuestions(db, at, deps.outbox),
          next: (at) => new Date(at.getTime() + o.verdictPollMs),
        },
      ],
      turns,
    ).catch(() => undefined);
    const free = o.concurrency - inFlight.size;
    if (free <= 0 || stopped) return 0;
    const rows = await claim(db, now, owner, methods, free, o.leaseMs);
    for (const row of rows) {
      if (row.method === 'email' && o.mailer === undefined) {
        await release(db, now, row, owner, 'held', null);
        continue;
      }
      const p = process(row).finally(() => {
        inFlight.delete(p);
        if (!stopped) wake();
      });
      inFlight.add(p);
    }
    return rows.length;
  }

  const rounds = roundScheduler(() => void tick().catch(() => undefined), WAKE);

  async function tick(): Promise<number> {
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await round();
        } while (again && !stopped);
      } catch {
        // The database may be briefly unreachable: try again at the next poll.
      } finally {
        running = undefined;
        rounds.within(o.pollMs);
      }
      return total;
    })();
    return running;
  }

  function wake(): void {
    if (!stopped) rounds.wake();
  }

  if (options.autostart !== false) rounds.within(0);

  return {
    name: owner,
    tick: async () => {
      const n = await tick();
      await Promise.all([...inFlight]);
      return n;
    },
    wake,
    async stop() {
      stopped = true;
      rounds.stop();
      await running?.catch(() => undefined);
      await Promise.allSettled([...inFlight]);
      o.mailer?.close();
    },
  };
}

/** What wakes ask of the worker's rounds ({@link roundScheduler}). */
export const WAKE = { delayMs: 5, intervalMs: 50 };

/** The timers a {@link roundScheduler} uses (tests give fake ones). */
export interface RoundTimers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: RoundTimers = {
  now: () => performance.now(),
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * When the worker's next round starts: one timer, always set for the EARLIEST round asked for, so
 * that asking for a later one never postpones it.
 *
 * - `within(ms)`: a round at most `ms` from now (the poll after each round).
 * - `wake()`: a round soon — `delayMs` after the first wake, and no sooner than `intervalMs` after
 *   the last round began. A throttle, not a debounce: each enqueue used to restart a 5 ms timer,
 *   so under a steady stream of submissions (one every few ms at 50 clients) the round never came
 *   until the stream paused and the messages waited; now the first wake's round comes whatever
 *   follows, and a stream gets at most one round per `intervalMs`, not one per submission.
 */
export function roundScheduler(
  run: () => void,
  options: { delayMs: number; intervalMs: number },
  timers: RoundTimers = realTimers,
): { within(ms: number): void; wake(): void; stop(): void } {
  let handle: unknown;
  let dueAt = Infinity;
  let lastStart = -Infinity;
  let stopped = false;
  const within = (ms: number): void => {
    const wait = Math.max(0, ms);
    const at = timers.now() + wait;
    if (stopped || at >= dueAt) return;
    if (handle !== undefined) timers.clear(handle);
    dueAt = at;
    handle = timers.set(() => {
      handle = undefined;
      dueAt = Infinity;
      lastStart = timers.now();
      run();
    }, wait);
  };
  return {
    within,
    wake: () => within(Math.max(options.delayMs, lastStart + options.intervalMs - timers.now())),
    stop() {
      stopped = true;
      if (handle !== undefined) timers.clear(handle);
      handle = undefined;
      dueAt = Infinity;
    },
  };
}

/** The next instant after `now` at `hour`:00 in the city's zone (Europe/Paris). */
export function nextLocalHour(now: Date, hour: number): Date {
  const p = zonedParts(now, DUE_TIME_ZONE);
  for (let add = 0; add < 3; add++) {
    const t = zonedToDate(DUE_TIME_ZONE, p.year, p.month, p.day + add, hour, 0);
    if (t.getTime() > now.getTime()) return t;
  }
  return new Date(now.getTime() + 86_400_000);
}
