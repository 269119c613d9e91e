/**
 * The outbox: concern submissions that are never lost (requirements R7, R9, R10).
 *
 * - Each logical submission gets ONE idempotency key and is written to durable storage BEFORE it is
 *   sent (IndexedDB in browsers, a file in Node via `@proximite/sdk/node.js`, or memory).
 * - It is removed only when the server acknowledges it (2xx, including an idempotent replay).
 * - A 4xx other than 408/409/425/429 is a permanent failure: the entry is kept with its reason until
 *   the UI discards it. 409 (same key in flight), 408, 425, 429, 5xx, timeouts and network errors
 *   are retried later with exponential backoff (2 s, 4 s, 8 s…, half of each delay random, at most
 *   5 min) and `Retry-After`, one request per attempt; nothing is tried while the browser is offline.
 *   A 429 or 503 with `Retry-After` is about the server, not the entry: the whole queue waits.
 * - Up to `concurrency` entries (4) are sent at once, started in order of creation: 1,000 reports
 *   queued offline drain in a fraction of the time one at a time took.
 *   A 500 that answers `maxServerErrors` attempts in a row is taken as permanent too: a server
 *   that fails on this very submission would otherwise be sent it for a whole day, and the
 *   resident never told. 501 and 505 are permanent at once (see `isTransient`).
 * - It flushes on `online`, on `visibilitychange` to visible, on creation (the next page load) and
 *   on demand. Entries not delivered within `ttl` (24 h, the server keeps idempotency keys ≥ 24 h)
 *   are not sent any more: they become `failed` with reason `expired`, kept until discarded.
 * - One page never sends the same entry twice at once; across tabs a Web Lock makes them flush one
 *   after the other, and the idempotency key makes any overlap harmless (the server replays).
 *
 * Exactly-once delivery relies on the server's idempotency (same key + same body → replay).
 */
import type { ConcernInput, ConcernReceipt, Problem } from '@proximite/contract';
import { createStore, del, get, set, values, type UseStore } from 'idb-keyval';
import type { ProximiteClient } from './client.js';
import type { SubmitOptions } from './resources/concerns.js';
import { ApiError, NetworkError, ResponseValidationError, isTransient } from './errors.js';

/** Where an entry stands. `sent` entries are removed from storage. */
export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed';

/** Why an entry failed, or (with `retrying`) why it is waiting. */
export interface OutboxFailure {
  /** `rejected`: the server refused it (4xx); `expired`: not delivered within the TTL;
   *  `invalid-response`: acknowledged with a body that breaks the contract; `retrying`: transient. */
  reason: 'rejected' | 'expired' | 'invalid-response' | 'retrying';
  message: string;
  status?: number;
  problem?: Problem;
  /**
   * No response at all (`NetworkError`): offline, the backend down — or, in a browser, the backend
   * refusing this page's origin (CORS), which looks the same to the page.
   */
  network?: true;
}

/** A stored submission (`I`: what is sent; a concern by default). */
export interface OutboxEntry<I = ConcernInput> {
  id: string;
  idempotencyKey: string;
  input: I;
  state: 'queued' | 'failed';
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms after which it is no longer sent. */
  expiresAt: number;
  attempts: number;
  /** Attempts in a row answered 500 (absent: none). */
  serverErrors?: number;
  /** Epoch ms before which automatic retries wait (backoff). */
  nextAttemptAt: number;
  /** Epoch ms before which nothing is sent (the server's Retry-After). */
  notBefore: number;
  /** The last error: the permanent reason of a failed entry, or the transient one of a queued entry. */
  error?: OutboxFailure;
}

/** What listeners receive on every change. */
export interface OutboxEvent {
  id: string;
  idempotencyKey: string;
  state: OutboxState;
  /** The server's receipt, when `sent`. */
  receipt?: ConcernReceipt;
  /** Why it `failed`, or why a `queued` entry waits (`retrying`). */
  error?: OutboxFailure;
  attempts: number;
  /** When the next automatic attempt is due (queued entries). */
  nextAttemptAt?: number;
}

export type OutboxListener = (event: OutboxEvent) => void;

/** Durable storage of outbox entries. Implementations must keep entries across reloads. */
export interface OutboxStorage<I = ConcernInput> {
  get(id: string): Promise<OutboxEntry<I> | undefined>;
  set(entry: OutboxEntry<I>): Promise<void>;
  delete(id: string): Promise<void>;
  list(): Promise<OutboxEntry<I>[]>;
  /** Names the storage (the cross-tab lock is per name). */
  readonly name: string;
}

export interface OutboxOptions<I = ConcernInput> {
  /** The client to send with (the reference API, or an adapter implementing `concerns.submit`). */
  client?: Pick<ProximiteClient, 'concerns'>;
  /**
   * Sends one entry instead of `client.concerns.submit` (another idempotent write, such as the
   * staff console's café notes): given the entry's input and its idempotency key.
   */
  send?: (input: I, options: SubmitOptions) => Promise<ConcernReceipt>;
  /** Default: IndexedDB (`idbStorage()`) where available, else memory. */
  storage?: OutboxStorage<I>;
  /** How long an entry may be sent, ms. Default 24 h. */
  ttl?: number;
  /** First retry delay, ms (doubled each attempt, half of it random). Default 2 000. */
  retryDelay?: number;
  /** Longest retry delay, ms. Default 5 min. */
  maxRetryDelay?: number;
  /** Per-attempt timeout passed to the client, ms. */
  timeout?: number;
  /** Flush on creation, on `online` and on `visibilitychange`. Default true. */
  autoFlush?: boolean;
  /** Attempts in a row answered 500 after which an entry fails as `rejected`. Default 5. */
  maxServerErrors?: number;
  /** Entries sent at once, at most (started in order of creation). Default 4; 1 sends one by one. */
  concurrency?: number;
}

export interface Outbox<I = ConcernInput> {
  /** Stores the submission (durably, before any network), then sends it. */
  submit(input: I): Promise<{ id: string; idempotencyKey: string; state: 'queued' }>;
  /** Sends every entry now (ignoring backoff, not the server's Retry-After); resolves after one pass. */
  flush(): Promise<void>;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: OutboxListener): () => void;
  /** Every stored entry (queued and failed), oldest first. */
  entries(): Promise<OutboxEntry<I>[]>;
  /** Removes an entry (a failed one the user dismissed, or a queued one they cancelled). */
  discard(id: string): Promise<void>;
  /** Stops listening to the page and cancels the retry timer (entries stay stored). */
  close(): void;
}

const DAY = 86_400_000;

/** The browser says it has no network: nothing is sent until its `online` event. */
const offline = (): boolean => (globalThis.navigator as { onLine?: boolean } | undefined)?.onLine === false;

/** Entries in memory (tests, Node scripts): lost with the process. */
export function memoryStorage<I = ConcernInput>(name = 'memory'): OutboxStorage<I> {
  const map = new Map<string, OutboxEntry<I>>();
  return {
    name,
    get: async (id) => structuredClone(map.get(id)),
    set: async (entry) => void map.set(entry.id, structuredClone(entry)),
    delete: async (id) => void map.delete(id),
    list: async () => [...map.values()].map((e) => structuredClone(e)),
  };
}

/** Entries in IndexedDB (database `dbName`, store `entries`), via idb-keyval. */
export function idbStorage<I = ConcernInput>(dbName = 'proximite-outbox'): OutboxStorage<I> {
  let store: UseStore | undefined;
  const use = (): UseStore => (store ??= createStore(dbName, 'entries'));
  return {
    name: dbName,
    get: (id) => get<OutboxEntry<I>>(id, use()),
    set: (entry) => set(entry.id, entry, use()),
    delete: (id) => del(id, use()),
    list: () => values<OutboxEntry<I>>(use()),
  };
}

function snapshot<I>(entry: OutboxEntry<I>, state: OutboxState = entry.state): OutboxEvent {
  return {
    id: entry.id,
    idempotencyKey: entry.idempotencyKey,
    state,
    attempts: entry.attempts,
    ...(entry.error && { error: entry.error }),
    ...(state === 'queued' && { nextAttemptAt: Math.max(entry.nextAttemptAt, entry.notBefore) }),
  };
}

/** What an attempt's `error` means; `recurring`: the same server error too many times in a row. */
function failureOf(error: unknown, recurring: boolean): OutboxFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ResponseValidationError)
    return { reason: 'invalid-response', message, ...(error.status && { status: error.status }) };
  if (error instanceof ApiError && (recurring || !isTransient(error)))
    return { reason: 'rejected', message, status: error.status, problem: error.problem };
  return {
    reason: 'retrying',
    message,
    ...(error instanceof ApiError && { status: error.status }),
    ...(error instanceof NetworkError && { network: true }),
  };
}

/** Creates an outbox over `storage` that sends with `client.concerns.submit` (or `send`). */
export function createOutbox<I = ConcernInput>(options: OutboxOptions<I>): Outbox<I> {
  const {
    client,
    ttl = DAY,
    retryDelay = 2000,
    maxRetryDelay = 300_000,
    timeout,
    autoFlush = true,
    maxServerErrors = 5,
  } = options;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const storage =
    options.storage ?? (typeof indexedDB === 'undefined' ? memoryStorage<I>() : idbStorage<I>());
  // Without `send`, `client` is required (a concern outbox).
  const deliver =
    options.send ?? ((input: I, o: SubmitOptions) => client!.concerns.submit(input as ConcernInput, o));
  const listeners = new Set<OutboxListener>();
  const sending = new Set<string>();
  let flushing: Promise<void> | undefined;
  let rerun = false;
  let rerunForced = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  /** Epoch ms before which no entry is sent: a 429 or 503's Retry-After (RFC 9110 §10.2.3). */
  let pausedUntil = 0;

  const emit = (event: OutboxEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener must not stop delivery.
      }
    }
  };

  /** Saves `entry` only if it is still stored (another tab may have delivered and removed it). */
  const update = async (entry: OutboxEntry<I>): Promise<boolean> => {
    if ((await storage.get(entry.id)) === undefined) return false;
    await storage.set(entry);
    return true;
  };

  const send = async (entry: OutboxEntry<I>): Promise<void> => {
    sending.add(entry.id);
    entry.attempts += 1;
    emit(snapshot(entry, 'sending'));
    try {
      // One request per attempt: the client's own retries would multiply the outbox's (3 requests
      // per attempt, 14 in the first 9 s while offline); the outbox spaces its attempts itself.
      const receipt = await deliver(entry.input, {
        idempotencyKey: entry.idempotencyKey,
        retry: 0,
        ...(timeout !== undefined && { timeout }),
      });
      await storage.delete(entry.id);
      emit({ ...snapshot(entry, 'sent'), receipt });
    } catch (error) {
      // Only an ApiError has a status here (a ResponseValidationError's is a success's).
      entry.serverErrors = (error as ApiError).status === 500 ? (entry.serverErrors ?? 0) + 1 : 0;
      const failure = (entry.error = failureOf(error, entry.serverErrors >= maxServerErrors));
      if (failure.reason === 'retrying') {
        const now = Date.now();
        const backoff = Math.min(maxRetryDelay, retryDelay * 2 ** (entry.attempts - 1));
        // Exponential backoff with "equal jitter": never sooner than half the delay, so attempts
        // spread out (2 s, 4 s, 8 s… ± half) instead of bunching near zero as full jitter can.
        entry.nextAttemptAt = now + backoff / 2 + (Math.random() * backoff) / 2;
        const retryAfter = error instanceof ApiError ? error.retryAfter : undefined;
        entry.notBefore = retryAfter === undefined ? 0 : now + retryAfter * 1000;
        // Too many requests (429) or the service unavailable (503): every entry waits, not this one.
        if ([429, 503].includes((error as ApiError).status))
          pausedUntil = Math.max(pausedUntil, entry.notBefore);
      } else entry.state = 'failed';
      if (await update(entry)) emit(snapshot(entry));
    } finally {
      sending.delete(entry.id);
    }
  };

  const pass = async (force: boolean): Promise<void> => {
    const entries = (await storage.list()).sort((a, b) => a.createdAt - b.createdAt);
    const inFlight = new Set<Promise<unknown>>();
    // A storage error is thrown once every send of the pass has ended.
    let failure: unknown;
    for (const entry of entries) {
      if (closed) break;
      if (entry.state !== 'queued' || sending.has(entry.id)) continue;
      if (Date.now() >= entry.expiresAt) {
        entry.state = 'failed';
        entry.error = { reason: 'expired', message: 'not delivered in time; it was not sent again' };
        if (await update(entry)) emit(snapshot(entry));
        continue;
      }
      // Started in order of creation, at most `concurrency` at once; whether an entry is due is
      // asked after the wait, as an answer meanwhile may have paused the queue.
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      const now = Date.now();
      if (
        !closed &&
        !offline() &&
        now >= Math.max(entry.notBefore, pausedUntil) &&
        (force || now >= entry.nextAttemptAt)
      ) {
        // `send` marks the entry as sending before its first await: no second send can start.
        const sent = send(entry)
          .catch((error: unknown) => (failure ??= error))
          .finally(() => inFlight.delete(sent));
        inFlight.add(sent);
      }
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
  };

  const schedule = async (): Promise<void> => {
    clearTimeout(timer);
    if (closed) return;
    const times = (await storage.list())
      .filter((e) => e.state === 'queued')
      .map((e) => Math.min(e.expiresAt, Math.max(e.nextAttemptAt, e.notBefore, pausedUntil)));
    // Offline, the `online` event flushes: a timer would only find the network still missing.
    if (times.length === 0 || closed || offline()) return;
    timer = setTimeout(() => void run(false), Math.max(0, Math.min(...times) - Date.now()));
    // In Node, a pending retry must not keep the process alive (call flush() to deliver first).
    (timer as unknown as { unref?: () => void }).unref?.();
  };

  const locked = (work: () => Promise<void>): Promise<void> => {
    const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
    // Tabs flush one after the other: the second finds what the first delivered already gone.
    return locks ? locks.request(`proximite-outbox:${storage.name}`, work) : work();
  };

  const run = (force: boolean): Promise<void> => {
    if (flushing) {
      // Entries stored during a pass (or a forced flush) get another pass.
      rerun = true;
      rerunForced ||= force;
      return flushing;
    }
    flushing = (async () => {
      try {
        let forced = force;
        do {
          rerun = rerunForced = false;
          await locked(() => pass(forced));
          forced = rerunForced;
        } while (rerun && !closed);
      } finally {
        flushing = undefined;
        await schedule().catch(() => undefined);
      }
    })();
    return flushing;
  };

  const onOnline = (): void => void run(true).catch(() => undefined);
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') onOnline();
  };
  if (autoFlush) {
    globalThis.addEventListener?.('online', onOnline);
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
    onOnline();
  }

  return {
    async submit(input) {
      const now = Date.now();
      const entry: OutboxEntry<I> = {
        id: crypto.randomUUID(),
        idempotencyKey: crypto.randomUUID(),
        input,
        state: 'queued',
        createdAt: now,
        expiresAt: now + ttl,
        attempts: 0,
        nextAttemptAt: now,
        notBefore: 0,
      };
      await storage.set(entry);
      emit(snapshot(entry));
      void run(false).catch(() => undefined);
      return { id: entry.id, idempotencyKey: entry.idempotencyKey, state: 'queued' };
    },
    flush: () => run(true),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    entries: async () => (await storage.list()).sort((a, b) => a.createdAt - b.createdAt),
    discard: (id) => storage.delete(id),
    close() {
      closed = true;
      clearTimeout(timer);
      globalThis.removeEventListener?.('online', onOnline);
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
