/**
 * The outbox in Node against a scripted server: stored before sent, one idempotency key per
 * submission across retries and reloads, removed only on acknowledgement, permanent failures kept,
 * transient ones retried with Retry-After, expiry, no double sending, the file storage.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { ConcernInput, ConcernReceipt, Problem } from '@proximite/contract';

import {
  ApiError,
  createClient,
  createOutbox,
  memoryStorage,
  type OutboxEntry,
  type OutboxEvent,
  type OutboxStorage,
} from '@proximite/sdk';
import { fileStorage } from '@proximite/sdk/node.js';
import { json, problem, startFixture, type Fixture } from './helpers.js';

let fx: Fixture;
before(async () => {
  fx = await startFixture();
});
after(() => fx.close());
beforeEach(() => {
  fx.requests.length = 0;
});

const input: ConcernInput = {
  categoryCode: 'bruit',
  description: 'Musique forte la nuit',
  location: { address: '3 place du Don, Amiens' },
};

const receipt = (n = 1) => ({
  reference: `PRX-AAAA-000${n}`,
  statusToken: 'x'.repeat(24),
  service: { id: 'pm', name: { fr: 'Police municipale' } },
  status: 'received',
  submittedAt: '2026-05-12T10:00:00Z',
});

const log: string[] = [];
/** A storage that logs its writes (to check "stored before sent"). */
function logged(storage: OutboxStorage): OutboxStorage {
  return {
    ...storage,
    name: storage.name,
    set: async (entry) => {
      log.push(`set:${entry.state}`);
      await storage.set(entry);
    },
    delete: async (id) => {
      log.push('delete');
      await storage.delete(id);
    },
  };
}

const client = () =>
  createClient({
    baseUrl: fx.url,
    cache: false,
    retry: 0,
    fetch: (url, init) => {
      log.push('fetch');
      return fetch(url, init);
    },
  });

/** Collects events; resolves `until(state)` when one arrives. */
function events(outbox: { subscribe(l: (e: OutboxEvent) => void): () => void }) {
  const seen: OutboxEvent[] = [];
  const waiters: { state: string; resolve: (e: OutboxEvent) => void }[] = [];
  outbox.subscribe((e) => {
    seen.push(e);
    for (const w of waiters.filter((w) => w.state === e.state)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(e);
    }
  });
  return {
    seen,
    until: (state: string) =>
      new Promise<OutboxEvent>((resolve) => {
        const already = seen.find((e) => e.state === state);
        if (already) resolve(already);
        else waiters.push({ state, resolve });
      }),
  };
}

describe('outbox', () => {
  it('stores before sending, sends once with its key, removes on acknowledgement', async () => {
    log.length = 0;
    fx.handle((_req, res) => json(res, 201, receipt()));
    const storage = logged(memoryStorage());
    const outbox = createOutbox({ client: client(), storage, autoFlush: false });
    const seen = events(outbox);
    const { id, idempotencyKey, state } = await outbox.submit(input);
    assert.equal(state, 'queued');
    const sent = await seen.until('sent');
    assert.deepEqual(sent.receipt, receipt());
    assert.deepEqual(log, ['set:queued', 'fetch', 'delete']);
    assert.deepEqual(
      seen.seen.map((e) => e.state),
      ['queued', 'sending', 'sent'],
    );
    assert.ok(seen.seen.every((e) => e.id === id && e.idempotencyKey === idempotencyKey));
    assert.equal(fx.requests.length, 1);
    assert.equal(fx.requests[0]?.headers['idempotency-key'], idempotencyKey);
    assert.deepEqual(JSON.parse(fx.requests[0]!.body), input);
    assert.deepEqual(await outbox.entries(), []);
    outbox.close();
  });

  it('keeps one key across retries and reloads (a new outbox over the same storage)', async () => {
    fx.handle((_req, res) => res.socket?.destroy());
    const storage = memoryStorage();
    const first = createOutbox({ client: client(), storage, autoFlush: false, retryDelay: 60_000 });
    const seen = events(first);
    const { idempotencyKey } = await first.submit(input);
    const waiting = await seen.until('queued');
    assert.equal(waiting.attempts, 0);
    await first.flush();
    const [entry] = await first.entries();
    assert.equal(entry?.state, 'queued');
    assert.equal(entry?.error?.reason, 'retrying');
    assert.ok((entry?.attempts ?? 0) >= 1);
    first.close();

    // "Reload": a new outbox flushes on creation, with the stored key.
    fx.handle((_req, res) => json(res, 200, receipt(), { 'idempotent-replayed': 'true' }));
    const second = createOutbox({ client: client(), storage });
    const seen2 = events(second);
    await seen2.until('sent');
    const keys = fx.requests.map((r) => r.headers['idempotency-key']);
    assert.ok(keys.length >= 2);
    assert.ok(keys.every((k) => k === idempotencyKey));
    assert.deepEqual(await storage.list(), []);
    second.close();
  });

  it('a 4xx is a permanent failure kept with its reason until discarded', async () => {
    const errors = [{ path: 'location', message: 'give an address' }];
    fx.handle((_req, res) => json(res, 422, problem(422, 'The request is not valid', { errors })));
    const outbox = createOutbox({ client: client(), storage: memoryStorage(), autoFlush: false });
    const seen = events(outbox);
    const { id } = await outbox.submit(input);
    const failed = await seen.until('failed');
    assert.equal(failed.error?.reason, 'rejected');
    assert.equal(failed.error?.status, 422);
    assert.deepEqual(failed.error?.problem?.errors, errors);
    await outbox.flush();
    assert.equal(fx.requests.length, 1, 'never sent again');
    const [kept] = await outbox.entries();
    assert.equal(kept?.state, 'failed');
    assert.deepEqual(kept?.input, input);
    await outbox.discard(id);
    assert.deepEqual(await outbox.entries(), []);
    outbox.close();
  });

  it('409, 429, 5xx are retried; Retry-After holds the entry back even from flush()', async () => {
    for (const status of [409, 429, 500, 503]) {
      fx.requests.length = 0;
      fx.handle((_req, res) =>
        fx.requests.length === 1
          ? json(res, status, problem(status, 'later'), { 'retry-after': '1' })
          : json(res, 201, receipt()),
      );
      const outbox = createOutbox({ client: client(), storage: memoryStorage(), autoFlush: false });
      const seen = events(outbox);
      await outbox.submit(input);
      // The first attempt's answer is in (on a busy machine it may take more than a few ms).
      await new Promise<void>((resolve) => outbox.subscribe((e) => e.error && resolve()));
      const [waiting] = await outbox.entries();
      assert.equal(waiting?.state, 'queued', `status ${status}`);
      assert.equal(waiting?.error?.status, status);
      assert.ok((waiting?.notBefore ?? 0) > Date.now(), 'Retry-After recorded');
      await outbox.flush();
      assert.equal(fx.requests.length, 1, 'flush() respects Retry-After');
      await seen.until('sent'); // the retry timer sends it after Retry-After
      assert.equal(fx.requests.length, 2);
      assert.deepEqual(await outbox.entries(), []);
      outbox.close();
    }
  });

  it(
    'a 500 on every attempt is taken as permanent after maxServerErrors in a row; 501 at once',
    { timeout: 10_000 },
    async () => {
      fx.handle((_req, res) => json(res, 500, problem(500, 'Internal error')));
      const outbox = createOutbox({
        client: client(),
        storage: memoryStorage(),
        autoFlush: false,
        retryDelay: 1,
        maxServerErrors: 3,
      });
      const seen = events(outbox);
      await outbox.submit(input);
      const failed = await seen.until('failed');
      assert.equal(failed.error?.reason, 'rejected');
      assert.equal(failed.error?.status, 500);
      assert.equal(failed.error?.problem?.title, 'Internal error');
      assert.equal(fx.requests.length, 3, 'three attempts, then no more');
      await outbox.flush();
      assert.equal(fx.requests.length, 3);
      assert.equal((await outbox.entries())[0]?.state, 'failed', 'kept until discarded');
      outbox.close();

      fx.requests.length = 0;
      fx.handle((_req, res) => json(res, 501, problem(501, 'Not implemented')));
      const second = createOutbox({ client: client(), storage: memoryStorage(), autoFlush: false });
      const seen2 = events(second);
      await second.submit(input);
      assert.equal((await seen2.until('failed')).error?.reason, 'rejected');
      assert.equal(fx.requests.length, 1);
      second.close();
    },
  );

  it('500s interrupted by another failure start counting again (a restart is not a bug)', async () => {
    const answers = [500, 500, 503, 500, 500, 201];
    fx.handle((_req, res) => {
      const status = answers[fx.requests.length - 1] ?? 201;
      if (status === 201) json(res, 201, receipt());
      else json(res, status, problem(status, 'down'));
    });
    const outbox = createOutbox({
      client: client(),
      storage: memoryStorage(),
      autoFlush: false,
      retryDelay: 1,
      maxServerErrors: 3,
    });
    const seen = events(outbox);
    await outbox.submit(input);
    await seen.until('sent');
    assert.equal(fx.requests.length, 6);
    assert.ok(!seen.seen.some((e) => e.state === 'failed'));
    outbox.close();
  });

  it('entries not delivered within the TTL are failed as expired, not sent', async () => {
    fx.handle((_req, res) => res.socket?.destroy());
    const outbox = createOutbox({ client: client(), storage: memoryStorage(), autoFlush: false, ttl: 100 });
    const seen = events(outbox);
    await outbox.submit(input);
    await new Promise((r) => setTimeout(r, 150));
    fx.handle((_req, res) => json(res, 201, receipt()));
    const before = fx.requests.length;
    await outbox.flush();
    const failed = await seen.until('failed');
    assert.equal(failed.error?.reason, 'expired');
    assert.equal(fx.requests.length, before, 'an expired entry is not sent');
    assert.equal((await outbox.entries())[0]?.state, 'failed');
    outbox.close();
  });

  it('never sends an entry twice at once, however often it is flushed', async () => {
    fx.handle((_req, res) => void setTimeout(() => json(res, 201, receipt()), 80));
    const outbox = createOutbox({ client: client(), storage: memoryStorage(), autoFlush: false });
    const seen = events(outbox);
    await outbox.submit(input);
    await Promise.all([outbox.flush(), outbox.flush(), outbox.flush()]);
    await seen.until('sent');
    assert.equal(fx.requests.length, 1);
    outbox.close();
  });

  it('a receipt that breaks the contract is kept as failed (invalid-response)', async () => {
    fx.handle((_req, res) => json(res, 201, { reference: 42 }));
    const outbox = createOutbox({ client: client(), storage: memoryStorage(), autoFlush: false });
    const seen = events(outbox);
    await outbox.submit(input);
    const failed = await seen.until('failed');
    assert.equal(failed.error?.reason, 'invalid-response');
    assert.equal((await outbox.entries()).length, 1);
    outbox.close();
  });

  it('delivers many submissions, started in order, each once with its own key', async () => {
    let n = 0;
    fx.handle((_req, res) => json(res, 201, receipt(++n % 10)));
    const outbox = createOutbox({ client: client(), storage: memoryStorage(), autoFlush: false });
    const seen = events(outbox);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await outbox.submit({ ...input, description: `n°${i}` })).id);
    while (seen.seen.filter((e) => e.state === 'sent').length < 20)
      await new Promise((r) => setTimeout(r, 10));
    // Sent in parallel, so they may reach the server in another order; they start in order.
    assert.deepEqual(
      seen.seen.filter((e) => e.state === 'sending').map((e) => e.id),
      ids,
    );
    assert.deepEqual(
      fx.requests.map((r) => (JSON.parse(r.body) as ConcernInput).description).sort(),
      Array.from({ length: 20 }, (_, i) => `n°${i}`).sort(),
    );
    assert.equal(new Set(fx.requests.map((r) => r.headers['idempotency-key'])).size, 20);
    outbox.close();
  });
});

/** `count` queued entries already stored (as after a day offline), oldest first. */
async function stored(count: number): Promise<OutboxStorage> {
  const storage = memoryStorage();
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const entry: OutboxEntry = {
      id: `entry-${i}`,
      idempotencyKey: `key-${i}`,
      input: { ...input, description: `n°${i}` },
      state: 'queued',
      createdAt: now - count + i,
      expiresAt: now + 86_400_000,
      attempts: 0,
      nextAttemptAt: 0,
      notBefore: 0,
    };
    await storage.set(entry);
  }
  return storage;
}

const fullReceipt = receipt() as ConcernReceipt;
const tooMany = (status: number, type = `https://proximite.dev/problems/test-${status}`) =>
  new ApiError(status, { type, title: 'later', status } as Problem, { headers: { 'retry-after': '1' } });

describe('outbox: sending in parallel', () => {
  /** A `send` that answers after a few ms and counts the sends in flight. */
  function counting() {
    const calls: { key: string; description: string }[] = [];
    let now = 0;
    let most = 0;
    const send = async (entry: ConcernInput, options: { idempotencyKey?: string }) => {
      calls.push({ key: options.idempotencyKey ?? '', description: entry.description });
      most = Math.max(most, ++now);
      await new Promise((r) => setTimeout(r, 5));
      now -= 1;
      return fullReceipt;
    };
    return { calls, send, most: () => most };
  }

  it('sends up to 4 entries at once by default, `concurrency` when given, each once in order', async () => {
    for (const [concurrency, expected] of [
      [undefined, 4],
      [2, 2],
      [1, 1],
    ] as const) {
      const counter = counting();
      const outbox = createOutbox({
        send: counter.send,
        storage: await stored(10),
        autoFlush: false,
        ...(concurrency !== undefined && { concurrency }),
      });
      await outbox.flush();
      assert.equal(counter.most(), expected, `concurrency ${String(concurrency)}`);
      assert.deepEqual(
        counter.calls.map((c) => c.key),
        Array.from({ length: 10 }, (_, i) => `key-${i}`),
        'each entry once, with its own key, started in order of creation',
      );
      assert.deepEqual(await outbox.entries(), []);
      outbox.close();
    }
  });

  it('a 429 or 503 with Retry-After pauses the whole queue, not only its entry', async () => {
    for (const status of [429, 503]) {
      const calls: string[] = [];
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      const outbox = createOutbox({
        storage: await stored(8),
        autoFlush: false,
        send: async (_input, { idempotencyKey }) => {
          calls.push(idempotencyKey ?? '');
          if (calls.length === 1) throw tooMany(status);
          // The three other first sends end only once the server's answer is recorded.
          if (calls.length <= 4) await released;
          return fullReceipt;
        },
      });
      const seen = events(outbox);
      outbox.subscribe((e) => e.state === 'queued' && e.error?.status === status && release());
      await outbox.flush();
      assert.deepEqual(calls, ['key-0', 'key-1', 'key-2', 'key-3'], `${status}: nothing started after it`);
      const waiting = await outbox.entries();
      assert.deepEqual(
        waiting.map((e) => e.id),
        ['entry-0', 'entry-4', 'entry-5', 'entry-6', 'entry-7'],
      );
      await outbox.flush();
      assert.equal(calls.length, 4, `${status}: flush() waits for the Retry-After too`);
      const pausedUntil = waiting[0]?.notBefore ?? 0;
      // The retry timer sends them all once the Retry-After has passed.
      while (seen.seen.filter((e) => e.state === 'sent').length < 8)
        await new Promise((r) => setTimeout(r, 20));
      assert.ok(Date.now() >= pausedUntil);
      assert.deepEqual(calls.slice(4).sort(), ['key-0', 'key-4', 'key-5', 'key-6', 'key-7']);
      outbox.close();
    }
  });

  it('a 409 with Retry-After holds back only its own entry', async () => {
    const calls: string[] = [];
    const outbox = createOutbox({
      storage: await stored(3),
      autoFlush: false,
      concurrency: 1,
      send: async (_input, { idempotencyKey }) => {
        calls.push(idempotencyKey ?? '');
        if (calls.length === 1) throw tooMany(409, 'https://proximite.dev/problems/in-flight');
        return fullReceipt;
      },
    });
    await outbox.flush();
    assert.deepEqual(calls, ['key-0', 'key-1', 'key-2']);
    assert.deepEqual(
      (await outbox.entries()).map((e) => e.id),
      ['entry-0'],
    );
    outbox.close();
  });
});

describe('outbox: retry spacing', () => {
  it('sends one request per attempt, spaced at least half of an exponential delay', async () => {
    // No network at all: the client's own retry policy (2 retries) must not multiply the outbox's.
    let requests = 0;
    const offline = createClient({
      baseUrl: fx.url,
      cache: false,
      retry: { limit: 2, backoffLimit: 5 },
      fetch: async () => {
        requests += 1;
        throw new TypeError('fetch failed');
      },
    });
    const retryDelay = 40;
    const outbox = createOutbox({ client: offline, storage: memoryStorage(), autoFlush: false, retryDelay });
    const waits: { attempts: number; wait: number; network?: true | undefined }[] = [];
    let attempts = 0;
    let sentAt = 0;
    const done = new Promise<void>((resolve) =>
      outbox.subscribe((event) => {
        if (event.state === 'sending') {
          attempts += 1;
          sentAt = Date.now();
        }
        if (event.state === 'queued' && event.error && event.nextAttemptAt !== undefined) {
          // Measured from the attempt's start: however slow the machine, the wait it chose.
          const wait = event.nextAttemptAt - sentAt;
          waits.push({ attempts: event.attempts, wait, network: event.error.network });
          if (event.attempts >= 5) resolve();
        }
      }),
    );
    await outbox.submit(input);
    await done;
    outbox.close();
    assert.equal(requests, attempts, 'one request per attempt');
    assert.ok(
      waits.every((w) => w.network === true),
      'a failure without any response is marked as a network one',
    );
    // The n-th wait is at least half of retryDelay·2ⁿ⁻¹: attempts never bunch up near zero, as
    // full jitter lets them.
    for (const { attempts: n, wait } of waits)
      assert.ok(wait >= (retryDelay * 2 ** (n - 1)) / 2, `attempt ${n}: waits ${wait} ms`);
  });
});

describe('fileStorage (Node)', () => {
  const base = {
    input,
    state: 'queued' as const,
    createdAt: 0,
    expiresAt: 1,
    attempts: 0,
    nextAttemptAt: 0,
    notBefore: 0,
  };
  const entry = (i: number) => ({ ...base, id: `e${i}`, idempotencyKey: `k${i}` });
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'proximite-outbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps entries across instances, deletes, and loses no concurrent write', async () => {
    const file = join(dir, 'nested', 'outbox.log');
    fx.handle((_req, res) => res.socket?.destroy());
    const first = createOutbox({ client: client(), storage: fileStorage(file), autoFlush: false });
    const { id, idempotencyKey } = await first.submit(input);
    await first.flush();
    first.close();
    const [stored] = await fileStorage(file).list();
    assert.equal(stored?.id, id);
    assert.equal(stored?.idempotencyKey, idempotencyKey);
    assert.ok((stored?.attempts ?? 0) >= 1, 'its attempts are recorded');

    fx.handle((_req, res) => json(res, 201, receipt()));
    const second = createOutbox({ client: client(), storage: fileStorage(file), autoFlush: false });
    const seen = events(second);
    await second.flush();
    assert.equal((await seen.until('sent')).id, id);
    assert.deepEqual(await fileStorage(file).list(), []);
    second.close();
    // Concurrent writes are serialised: none is lost.
    const storage = fileStorage(file);
    await Promise.all(Array.from({ length: 10 }, (_, i) => storage.set(entry(i))));
    assert.equal((await fileStorage(file).list()).length, 10);
  });

  it('appends each change to the file instead of writing every entry again', async () => {
    const file = join(dir, 'outbox.log');
    const storage = fileStorage(file);
    for (let i = 0; i < 20; i++) await storage.set(entry(i));
    const before = readFileSync(file, 'utf8');
    await storage.set({ ...entry(3), attempts: 1 });
    await storage.delete('e4');
    const afterText = readFileSync(file, 'utf8');
    assert.ok(afterText.startsWith(before), 'what was written stays as it was');
    assert.deepEqual(
      afterText
        .slice(before.length)
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
      [{ set: { ...entry(3), attempts: 1 } }, { delete: 'e4' }],
    );
    const read = await fileStorage(file).list();
    assert.equal(read.length, 19);
    assert.equal(read.find((e) => e.id === 'e3')?.attempts, 1);
  });

  it('compacts a log grown much longer than its entries, keeping them', async () => {
    const file = join(dir, 'outbox.log');
    const storage = fileStorage(file);
    await storage.set(entry(0));
    for (let i = 1; i <= 200; i++) await storage.set({ ...entry(0), attempts: i });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').length;
    assert.ok(lines < 100, `compacted (${lines} lines for one entry)`);
    assert.deepEqual(await fileStorage(file).list(), [{ ...entry(0), attempts: 200 }]);
  });

  it('sees what another process appended', async () => {
    const file = join(dir, 'outbox.log');
    const mine = fileStorage(file);
    const theirs = fileStorage(file);
    await mine.set(entry(1));
    assert.equal((await theirs.list()).length, 1);
    await theirs.set(entry(2));
    await theirs.delete('e1');
    assert.deepEqual(
      (await mine.list()).map((e) => e.id),
      ['e2'],
    );
    await mine.set(entry(3));
    assert.deepEqual((await theirs.list()).map((e) => e.id).sort(), ['e2', 'e3']);
  });

  it('ignores a last line a crash cut short, and goes on after it', async () => {
    const file = join(dir, 'outbox.log');
    await fileStorage(file).set(entry(1));
    appendFileSync(file, JSON.stringify({ set: entry(2) }).slice(0, 40));
    const storage = fileStorage(file);
    assert.deepEqual(
      (await storage.list()).map((e) => e.id),
      ['e1'],
    );
    await storage.set(entry(3));
    assert.deepEqual(
      (await fileStorage(file).list()).map((e) => e.id),
      ['e1', 'e3'],
    );
  });

  it('reads a file written by earlier versions (one object of every entry)', async () => {
    const file = join(dir, 'outbox.json');
    writeFileSync(file, JSON.stringify({ e1: entry(1), e2: entry(2) }));
    const storage = fileStorage(file);
    assert.deepEqual(
      (await storage.list()).map((e) => e.id),
      ['e1', 'e2'],
    );
    await storage.delete('e1');
    assert.deepEqual(
      (await fileStorage(file).list()).map((e) => e.id),
      ['e2'],
    );
  });
});
