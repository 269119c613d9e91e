/**
 * The outbox in Chromium with real IndexedDB and the real reference server: submit while offline,
 * "reload" (a new outbox over the same database), come back online → delivered once, storage empty.
 */
import { expect } from '@open-wc/testing';
import { createStore, values } from 'idb-keyval';
import type { ConcernCategory, ConcernInput } from '@proximite/contract';
import { createClient, createOutbox, idbStorage, type OutboxEvent } from '@proximite/sdk';
// @ts-expect-error virtual module served by web-test-runner
import { apiUrl } from '/__proximite-test-env.js';

const baseUrl = apiUrl as string | null;

function concernFor(category: ConcernCategory, description: string): ConcernInput {
  const attributes: Record<string, string | string[]> = {};
  for (const field of category.fields.filter((f) => f.required)) {
    const value = field.values?.find((v) => v.key !== field.stopper?.whenValue)?.key ?? 'non';
    attributes[field.code] = field.datatype === 'multivaluelist' ? [value] : value;
  }
  return {
    categoryCode: category.code,
    description,
    location: { address: '3 place du Don, Amiens' },
    attributes,
  };
}

/** What is stored in the outbox database, read straight from IndexedDB. */
const stored = (dbName: string) =>
  values<{ idempotencyKey: string; state: string }>(createStore(dbName, 'entries'));

/** A fetch that fails like the browser does when offline, and counts the attempts. */
function offlineFetch() {
  const calls = { count: 0 };
  const fetchFn: typeof fetch = async () => {
    calls.count += 1;
    throw new TypeError('Failed to fetch');
  };
  return { fetchFn, calls };
}

/** A fetch that counts the POSTs reaching the server. */
function countingFetch() {
  const posts: string[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    if (init?.method === 'POST')
      posts.push(String((init.headers as Record<string, string>)['idempotency-key']));
    return fetch(input, init);
  };
  return { fetchFn, posts };
}

function waitFor(outbox: { subscribe(l: (e: OutboxEvent) => void): () => void }, state: string) {
  return new Promise<OutboxEvent>((resolve) => {
    const stop = outbox.subscribe((e) => {
      if (e.state === state) {
        stop();
        resolve(e);
      }
    });
  });
}

async function category(): Promise<ConcernCategory> {
  expect(baseUrl, 'the reference server is running').to.be.a('string');
  const categories = await createClient({ baseUrl: baseUrl! }).concerns.categories();
  const found = categories.find((c) => c.code === 'bruit') ?? categories.find((c) => !c.emergency);
  expect(found).to.exist;
  return found!;
}

describe('outbox with IndexedDB (Chromium)', () => {
  it('offline submit → reload → online: delivered once, IndexedDB empty afterwards', async () => {
    const dbName = `proximite-outbox-test-${crypto.randomUUID()}`;
    const input = concernFor(await category(), `Hors ligne puis rechargé ${dbName}`);

    // 1. Offline: the submission is stored, with its key, and waits.
    const offline = offlineFetch();
    const first = createOutbox({
      client: createClient({ baseUrl: baseUrl!, fetch: offline.fetchFn, retry: 0 }),
      storage: idbStorage(dbName),
      retryDelay: 60_000,
    });
    const { idempotencyKey } = await first.submit(input);
    await waitFor(first, 'queued').catch(() => undefined);
    await first.flush();
    expect(offline.calls.count).to.be.greaterThan(0);
    const waiting = await stored(dbName);
    expect(waiting).to.have.length(1);
    expect(waiting[0]!.idempotencyKey).to.equal(idempotencyKey);
    expect(waiting[0]!.state).to.equal('queued');
    first.close();

    // 2. "Reload" while still offline: a new outbox over the same database keeps the entry.
    const stillOffline = offlineFetch();
    const second = createOutbox({
      client: createClient({ baseUrl: baseUrl!, fetch: stillOffline.fetchFn, retry: 0 }),
      storage: idbStorage(dbName),
      retryDelay: 60_000,
    });
    await second.flush();
    expect(await stored(dbName)).to.have.length(1);
    second.close();

    // 3. Next page load, online: flushed on creation, delivered once.
    const online = countingFetch();
    const third = createOutbox({
      client: createClient({ baseUrl: baseUrl!, fetch: online.fetchFn }),
      storage: idbStorage(dbName),
    });
    const sent = await waitFor(third, 'sent');
    expect(sent.idempotencyKey).to.equal(idempotencyKey);
    expect(sent.receipt?.reference).to.match(/^PRX-/);
    expect(online.posts).to.deep.equal([idempotencyKey]);
    expect(await stored(dbName)).to.have.length(0);

    // The server has it once: the same key replays the same receipt, and its status reads back.
    const direct = createClient({ baseUrl: baseUrl!, cache: false });
    const replay = await direct.concerns.submit(input, { idempotencyKey });
    expect(replay.reference).to.equal(sent.receipt!.reference);
    const status = await direct.concerns.status(sent.receipt!.reference, sent.receipt!.statusToken);
    expect(status.reference).to.equal(sent.receipt!.reference);
    third.close();
  });

  it('the online event flushes a waiting submission', async () => {
    const dbName = `proximite-outbox-test-${crypto.randomUUID()}`;
    const input = concernFor(await category(), `Événement online ${dbName}`);
    let isOnline = false;
    const posts: string[] = [];
    const fetchFn: typeof fetch = (request, init) => {
      if (!isOnline) return Promise.reject(new TypeError('Failed to fetch'));
      if (init?.method === 'POST') posts.push('post');
      return fetch(request, init);
    };
    const outbox = createOutbox({
      client: createClient({ baseUrl: baseUrl!, fetch: fetchFn, retry: 0 }),
      storage: idbStorage(dbName),
      retryDelay: 60_000,
    });
    await outbox.submit(input);
    await outbox.flush();
    expect(await stored(dbName)).to.have.length(1);
    isOnline = true;
    const sent = waitFor(outbox, 'sent');
    window.dispatchEvent(new Event('online'));
    expect((await sent).receipt?.reference).to.match(/^PRX-/);
    expect(posts).to.have.length(1);
    expect(await stored(dbName)).to.have.length(0);
    outbox.close();
  });

  it('visibilitychange to visible flushes too', async () => {
    const dbName = `proximite-outbox-test-${crypto.randomUUID()}`;
    const input = concernFor(await category(), `Visibilité ${dbName}`);
    let isOnline = false;
    const fetchFn: typeof fetch = (request, init) =>
      isOnline ? fetch(request, init) : Promise.reject(new TypeError('Failed to fetch'));
    const outbox = createOutbox({
      client: createClient({ baseUrl: baseUrl!, fetch: fetchFn, retry: 0 }),
      storage: idbStorage(dbName),
      retryDelay: 60_000,
    });
    await outbox.submit(input);
    await outbox.flush();
    expect(await stored(dbName)).to.have.length(1);
    isOnline = true;
    const sent = waitFor(outbox, 'sent');
    // The runner opens test pages side by side, so this page may really be hidden: pin the state
    // the event reports (the outbox flushes only when the page becomes visible).
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      expect((await sent).receipt?.reference).to.match(/^PRX-/);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    expect(await stored(dbName)).to.have.length(0);
    outbox.close();
  });

  it('two outboxes over one database (two tabs) send an entry once', async () => {
    const dbName = `proximite-outbox-test-${crypto.randomUUID()}`;
    const input = concernFor(await category(), `Deux onglets ${dbName}`);
    const posts: string[] = [];
    const slowFetch: typeof fetch = async (request, init) => {
      if (init?.method === 'POST') {
        posts.push('post');
        await new Promise((r) => setTimeout(r, 200));
      }
      return fetch(request, init);
    };
    const offline = offlineFetch();
    const writer = createOutbox({
      client: createClient({ baseUrl: baseUrl!, fetch: offline.fetchFn, retry: 0 }),
      storage: idbStorage(dbName),
      autoFlush: false,
    });
    await writer.submit(input);
    writer.close();
    const tabA = createOutbox({
      client: createClient({ baseUrl: baseUrl!, fetch: slowFetch }),
      storage: idbStorage(dbName),
      autoFlush: false,
    });
    const tabB = createOutbox({
      client: createClient({ baseUrl: baseUrl!, fetch: slowFetch }),
      storage: idbStorage(dbName),
      autoFlush: false,
    });
    await Promise.all([tabA.flush(), tabB.flush()]);
    expect(posts).to.have.length(1);
    expect(await stored(dbName)).to.have.length(0);
    tabA.close();
    tabB.close();
  });

  it('a refused submission stays in IndexedDB as failed until discarded', async () => {
    const dbName = `proximite-outbox-test-${crypto.randomUUID()}`;
    const outbox = createOutbox({ client: createClient({ baseUrl: baseUrl! }), storage: idbStorage(dbName) });
    const failed = waitFor(outbox, 'failed');
    const { id } = await outbox.submit({
      categoryCode: 'no-such-category',
      description: 'x',
      location: { address: 'a' },
    });
    const event = await failed;
    expect(event.error?.reason).to.equal('rejected');
    expect(event.error?.status).to.equal(422);
    const kept = await stored(dbName);
    expect(kept.map((e) => e.state)).to.deep.equal(['failed']);
    await outbox.discard(id);
    expect(await stored(dbName)).to.have.length(0);
    outbox.close();
  });
});
