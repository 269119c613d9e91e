/**
 * Zero lost submissions under faults (requirements R9): a proxy between the SDK and the real
 * reference server drops responses AFTER the server committed, answers 503 with Retry-After, and
 * refuses connections for a while. 200 submissions through the outbox → exactly 200 concerns
 * stored, no duplicate, every receipt distinct and readable.
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { ConcernInput } from '@proximite/contract';
import { createClient, createOutbox, memoryStorage } from '@proximite/sdk';
import { createAdminClient } from '@proximite/sdk/admin.js';
import { startRealServer, type RealServer } from './helpers.js';

const N = 200;

let server: RealServer;
before(async () => {
  server = await startRealServer();
});
after(() => server?.stop());

/** A small seeded PRNG (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Stats {
  forwarded: number;
  dropped: number;
  unavailable: number;
  refusedWindows: number;
  replays: number;
}

/** The fault-injecting proxy. */
function faultProxy(
  target: URL,
  seed: number,
): { start(): Promise<string>; stop(): Promise<void>; stats: Stats } {
  const rand = random(seed);
  const stats: Stats = { forwarded: 0, dropped: 0, unavailable: 0, refusedWindows: 0, replays: 0 };
  let port = 0;
  let posts = 0;
  let proxy: Server;
  let stopped = false;

  const listen = () =>
    new Promise<void>((resolve) => {
      proxy = createServer((req, res) => {
        const isPost = req.method === 'POST';
        if (isPost && rand() < 0.1) {
          stats.unavailable += 1;
          req.resume();
          res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '1' });
          res.end(JSON.stringify({ type: 'about:blank', title: 'Service unavailable', status: 503 }));
          return;
        }
        const upstream = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (up) => {
            const chunks: Buffer[] = [];
            up.on('data', (c: Buffer) => chunks.push(c));
            up.on('end', () => {
              stats.forwarded += 1;
              if (up.headers['idempotent-replayed'] === 'true') stats.replays += 1;
              if (isPost && rand() < 0.3) {
                // The server has committed: the client never hears of it.
                stats.dropped += 1;
                req.socket.destroy();
                return;
              }
              res.writeHead(up.statusCode ?? 502, up.headers);
              res.end(Buffer.concat(chunks));
            });
          },
        );
        upstream.on('error', () => req.socket.destroy());
        req.pipe(upstream);
        if (isPost && ++posts % 60 === 0) void refuseForAWhile();
      });
      proxy.listen(port, '127.0.0.1', () => {
        port = (proxy.address() as AddressInfo).port;
        resolve();
      });
    });

  /** Stops listening (connections are refused) for 1.5 s, then listens again on the same port. */
  const refuseForAWhile = async () => {
    stats.refusedWindows += 1;
    const closing = proxy;
    await new Promise((resolve) => {
      closing.close(resolve);
      setTimeout(() => closing.closeAllConnections(), 50);
    });
    await new Promise((r) => setTimeout(r, 1500));
    if (!stopped) await listen();
  };

  return {
    stats,
    async start() {
      await listen();
      return `http://127.0.0.1:${port}`;
    },
    async stop() {
      stopped = true;
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}

it(
  `${N} submissions through a faulty network → exactly ${N} concerns, no duplicate`,
  { timeout: 300_000 },
  async (t) => {
    const proxy = faultProxy(new URL(server.url), 20260512);
    const proxyUrl = await proxy.start();
    const client = createClient({
      baseUrl: proxyUrl,
      cache: false,
      timeout: 5000,
      retry: { limit: 2, backoffLimit: 200 },
    });
    const outbox = createOutbox({ client, storage: memoryStorage(), retryDelay: 50, maxRetryDelay: 500 });
    const receipts = new Map<string, { reference: string; statusToken: string }>();
    const failures: string[] = [];
    outbox.subscribe((event) => {
      if (event.state === 'sent' && event.receipt) receipts.set(event.id, event.receipt);
      if (event.state === 'failed') failures.push(`${event.id}: ${event.error?.message ?? ''}`);
    });

    const categories = await createClient({ baseUrl: server.url }).concerns.categories();
    const noise = categories.find((c) => c.code === 'bruit');
    assert.ok(noise);
    const run = crypto.randomUUID().slice(0, 8);
    for (let i = 0; i < N; i++) {
      const input: ConcernInput = {
        categoryCode: 'bruit',
        description: `fault-${run}-${i}`,
        location: { address: `${i} rue des Tests, Amiens` },
        attributes: { source: 'logement' },
      };
      await outbox.submit(input);
    }

    const deadline = Date.now() + 280_000;
    while (receipts.size + failures.length < N && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    outbox.close();
    await proxy.stop();

    assert.deepEqual(failures, [], 'no submission failed');
    assert.equal(receipts.size, N, 'every submission was acknowledged');
    assert.deepEqual(await outbox.entries(), [], 'the outbox is empty');
    const references = [...receipts.values()].map((r) => r.reference);
    assert.equal(new Set(references).size, N, 'every receipt reference is distinct');

    t.diagnostic(`proxy: ${JSON.stringify(proxy.stats)}`);
    // The faults really happened.
    assert.ok(proxy.stats.dropped > 10, `responses dropped after commit: ${proxy.stats.dropped}`);
    assert.ok(proxy.stats.unavailable > 5, `503s: ${proxy.stats.unavailable}`);
    assert.ok(proxy.stats.refusedWindows >= 1, 'connections refused for a while');
    assert.ok(proxy.stats.replays > 0, 'some retries were answered by idempotent replays');

    // What the server stored: exactly N concerns of this run, each once.
    const admin = createAdminClient({ baseUrl: server.url, token: server.adminToken });
    const descriptions: string[] = [];
    // The inbox's excerpt is the whole text when it is this short.
    for await (const concern of admin.concerns.iterate({ limit: 200 }))
      if (concern.excerpt.startsWith(`fault-${run}-`)) descriptions.push(concern.excerpt);
    assert.equal(descriptions.length, N, 'exactly N concerns stored');
    assert.equal(new Set(descriptions).size, N, 'no duplicate');

    // Every receipt reads back.
    const direct = createClient({ baseUrl: server.url, cache: false });
    for (const { reference, statusToken } of receipts.values()) {
      const status = await direct.concerns.status(reference, statusToken);
      assert.equal(status.reference, reference);
    }
  },
);
