/**
 * Open311 forwarding against a real GeoReport v2 endpoint: a second reference server, started here,
 * stands for the city's existing system. A concern routed to a service that delivers by Open311 is
 * posted there through the SDK's adapter (its answers sent as the attributes the remote service
 * defines), the remote `service_request_id` stored; a refused key fails the delivery at once, shown
 * with its reason and retried by hand; the remote system's status changes come back as public
 * updates (`requests/{id}` once the endpoint says it has no `servicerequestupdates`), audited.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type {
  ConcernInput,
  ConcernReceipt,
  ConcernStatusView,
  Delivery,
  DeliveryPage,
  Open311Request,
} from '@proximite/contract';
import { createAdminToken, createOpen311Key } from '../src/store/tokens.js';
import { call, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';
import { startDeliveryServer, until } from './delivery-helpers.js';
import type { DeliveryServer } from './delivery-helpers.js';

const input: ConcernInput = {
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', lat: 49.8957, lon: 2.3011, districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants', recurrent: 'souvent' },
  contact: {
    name: 'Camille Martin',
    email: 'camille.martin@example.org',
    preferred: 'email',
    emailUpdates: true,
  },
  lang: 'fr',
};

const proprete = { fr: 'Propreté urbaine — Amiens Métropole', en: 'Street cleaning — Amiens Métropole' };

/**
 * A bare Open311 endpoint that counts the requests it is posted and answers as told: `accept`
 * (a `service_request_id`) or `silent` (stores the request, never answers: the answer is lost).
 * `down()` closes its port, so connections are refused; `up()` opens the same port again.
 */
interface Endpoint {
  url: string;
  posts: number;
  mode: 'accept' | 'silent';
  down(): Promise<void>;
  up(): Promise<void>;
}

async function startEndpoint(): Promise<Endpoint> {
  let server: ReturnType<typeof createServer> | undefined;
  let port = 0;
  const waiting: ServerResponse[] = [];
  const e: Endpoint = {
    url: '',
    posts: 0,
    mode: 'accept',
    async down() {
      const s = server;
      server = undefined;
      if (s === undefined) return;
      for (const res of waiting.splice(0)) res.destroy();
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async up() {
      if (server !== undefined) return;
      const s = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          if (req.method !== 'POST' || !(req.url ?? '').startsWith('/open311/v2/requests.json')) {
            // No service definition: no attributes are sent.
            res.writeHead(404, { 'Content-Type': 'application/json' });
            res.end('[{"code":404,"description":"not found"}]');
            return;
          }
          e.posts += 1;
          if (e.mode === 'silent') {
            waiting.push(res);
            return;
          }
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify([{ service_request_id: `CITY-${e.posts}` }]));
        });
      });
      server = s;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      port = (s.address() as AddressInfo).port;
      e.url = `http://127.0.0.1:${port}/open311/v2`;
    },
  };
  await e.up();
  return e;
}

for (const target of targets()) {
  describe(`Open311 forwarding to a real endpoint (${target.name})`, () => {
    /** The city's existing system: another reference server, with its Open311 endpoint. */
    let city: TestServer;
    let cityKey: string;
    let cityAdmin: Record<string, string>;
    /** Proximité, forwarding. */
    let s: DeliveryServer;
    let auth: Record<string, string>;
    before(async () => {
      city = await startTestServer({ name: 'pglite' }, { seed: true });
      cityKey = (await createOpen311Key(city.db, new Date(), 'proximite-amiens')).key;
      const cityToken = await createAdminToken(city.db, new Date(), {
        name: 'city-agent',
        scopes: ['concerns:triage'],
      });
      cityAdmin = { Authorization: `Bearer ${cityToken.token}` };
      s = await startDeliveryServer(target, {
        // The endpoint is on 127.0.0.1 over http: the opt-in of a test (or an intranet).
        config: { webhookAllowPrivate: true },
        // The city's server runs in this process, on PGlite: its first submission, cold, can take
        // seconds on a loaded CI machine, and a forward with no answer in time is failed for a
        // person to check (next describe). The helpers' time-out (30 s) leaves it that time.
        delivery: { open311PollMs: 200 },
      });
      const { token } = await createAdminToken(s.db, new Date(), {
        name: 'open311-forward',
        scopes: ['services:write', 'concerns:triage', 'deliveries:write'],
      });
      auth = { Authorization: `Bearer ${token}` };
    });
    after(async () => {
      await s.close();
      await city.close();
    });

    const deliveriesOf = async (reference: string): Promise<Delivery[]> => {
      const r = await call(s.url, `/v1/admin/deliveries?concern=${reference}`, { headers: auth });
      assert.equal(r.status, 200, r.text);
      return (r.json as DeliveryPage).items;
    };

    test('forwarded through the SDK adapter, the remote id stored; a refused key fails at once and is retried by hand', async () => {
      const endpoint = `${city.url}/open311/v2`;
      const service = (apiKey: string) => ({
        name: proprete,
        contactAccess: true,
        delivery: { method: 'open311', endpoint, serviceCode: 'depots-sauvages', apiKey },
      });
      let r = await call(
        s.url,
        '/v1/admin/services/proprete-urbaine',
        jsonInit('PUT', service('prx_o311_not-a-key'), auth),
      );
      assert.equal(r.status, 200, r.text);

      r = await call(
        s.url,
        '/v1/concerns',
        jsonInit('POST', input, { 'Idempotency-Key': `o311-${Date.now()}` }),
      );
      assert.equal(r.status, 201, r.text);
      const receipt = r.json as ConcernReceipt;

      // The endpoint refuses the key (403): failed at once, with the endpoint's reason.
      await until(
        async () => (await deliveriesOf(receipt.reference)).some((d) => d.status === 'failed'),
        60_000,
        'the refused forward to be failed',
      );
      const failed = (await deliveriesOf(receipt.reference)).find((d) => d.method === 'open311');
      assert.equal(failed?.status, 'failed');
      assert.equal(failed?.attempts, 1, 'a refusal is not retried blindly');
      assert.match(failed?.lastError ?? '', /403/);

      // The admin fixes the key and retries by hand.
      r = await call(s.url, '/v1/admin/services/proprete-urbaine', jsonInit('PUT', service(cityKey), auth));
      assert.equal(r.status, 200, r.text);
      r = await call(s.url, `/v1/admin/deliveries/${failed?.id ?? ''}/retry`, jsonInit('POST', {}, auth));
      assert.equal(r.status, 200, r.text);
      await until(
        async () => (await deliveriesOf(receipt.reference)).some((d) => d.status === 'sent'),
        60_000,
        'the retried forward to be sent',
      );
      const sent = (await deliveriesOf(receipt.reference)).find((d) => d.method === 'open311');
      assert.equal(sent?.id, failed?.id, 'the same delivery, not a new one');
      assert.equal(sent?.attempts, 2, 'the refused attempt and the retry by hand, no other');
      const remoteId = sent?.remoteId ?? '';
      assert.match(remoteId, /^PRX-/, 'the remote service_request_id is stored');
      const copies = await city.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM concerns WHERE description LIKE $1',
        [`%Référence Proximité : ${receipt.reference}%`],
      );
      assert.equal(copies[0]?.n, 1, 'the city holds the concern once');

      // What the city's system holds: the text with the answers and our reference, the answers as
      // its own attributes (same codes), the contact (this service may see it).
      const remote = await call(city.url, `/open311/v2/requests/${remoteId}.json`);
      assert.equal(remote.status, 200, remote.text);
      const request = (remote.json as Open311Request[])[0];
      assert.equal(request?.service_code, 'depots-sauvages');
      assert.equal(request?.status, 'open');
      const stored = await city.db.query<{ attributes: Record<string, unknown>; email: string | null }>(
        `SELECT c.attributes, cc.email FROM concerns c LEFT JOIN concern_contacts cc ON cc.concern_id = c.id
          WHERE c.reference = $1`,
        [remoteId],
      );
      assert.deepEqual(stored[0]?.attributes, { 'type-depot': 'encombrants', recurrent: 'souvent' });
      assert.equal(stored[0]?.email, 'camille.martin@example.org');
      const description = await city.db.query<{ description: string }>(
        'SELECT description FROM concerns WHERE reference = $1',
        [remoteId],
      );
      assert.match(description[0]?.description ?? '', /Des encombrants au pied du pont de la Dodane/);
      assert.match(
        description[0]?.description ?? '',
        new RegExp(`Référence Proximité : ${receipt.reference}`),
      );

      // The city's agent takes it on; the change comes back to the resident as a public update.
      r = await call(
        city.url,
        `/v1/admin/concerns/${remoteId}/triage`,
        jsonInit(
          'POST',
          { status: 'in-progress', publicUpdate: { fr: 'Équipe de collecte prévenue.' } },
          cityAdmin,
        ),
      );
      assert.equal(r.status, 200, r.text);
      let view: ConcernStatusView | undefined;
      await until(
        async () => {
          const v = await call(s.url, `/v1/concerns/${receipt.reference}?token=${receipt.statusToken}`);
          view = v.json as ConcernStatusView;
          return view.status === 'in-progress';
        },
        60_000,
        'the remote status to come back',
      );
      const last = view?.updates.at(-1);
      assert.equal(last?.status, 'in-progress');
      assert.equal(last?.text.fr, 'Équipe de collecte prévenue.');
      // The hand-off itself is public too: « transmis au service Propreté urbaine ».
      assert.ok(
        view?.updates.some((u) => u.service?.id === 'proprete-urbaine'),
        'the hand-off is a public event',
      );
      // Each remote change is an audit entry of the system that read it back.
      const audit = await s.db.query<{ actor: string; detail: { status: string } }>(
        `SELECT actor, detail FROM audit_log WHERE action = 'concern.remote-update' AND target = $1 ORDER BY seq`,
        [`concern:${receipt.reference}`],
      );
      assert.equal(audit[0]?.actor, 'system:open311');
      assert.equal(audit[0]?.detail.status, 'received->in-progress');

      // Closed over there: closed here, and no longer read back.
      r = await call(
        city.url,
        `/v1/admin/concerns/${remoteId}/triage`,
        jsonInit('POST', { status: 'resolved', publicUpdate: { fr: 'Encombrants enlevés.' } }, cityAdmin),
      );
      assert.equal(r.status, 200, r.text);
      await until(
        async () => {
          const rows = await s.db.query<{ closed: boolean }>(
            'SELECT closed FROM open311_forwards WHERE remote_id = $1',
            [remoteId],
          );
          return rows[0]?.closed === true;
        },
        60_000,
        'the forward to be closed',
      );
      const final = await call(s.url, `/v1/concerns/${receipt.reference}?token=${receipt.statusToken}`);
      assert.equal((final.json as ConcernStatusView).status, 'resolved');
      // The resident, who asked for e-mail updates, hears of both read-back changes (queued, held
      // here: no mail server), as of any public update.
      const mails = await s.db.query<{ event: string; recipient: string }>(
        `SELECT d.event, d.recipient FROM deliveries d JOIN concerns c ON c.id = d.concern_id
          WHERE c.reference = $1 AND d.event LIKE 'resident.%' ORDER BY d.event`,
        [receipt.reference],
      );
      assert.deepEqual(
        mails.map((m) => [m.event, m.recipient]),
        [
          ['resident.acknowledgement', 'camille.martin@example.org'],
          ['resident.closure', 'camille.martin@example.org'],
          ['resident.update', 'camille.martin@example.org'],
        ],
      );
    });
  });

  describe(`Open311 forwarding when the endpoint fails (${target.name})`, () => {
    let endpoint: Endpoint;
    let s: DeliveryServer;
    let auth: Record<string, string>;
    before(async () => {
      endpoint = await startEndpoint();
      // A short time-out: the endpoint below never answers when silent, so no attempt is cut short by chance.
      s = await startDeliveryServer(target, {
        config: { webhookAllowPrivate: true },
        delivery: { httpTimeoutMs: 300 },
      });
      const { token } = await createAdminToken(s.db, new Date(), {
        name: 'open311-faults',
        scopes: ['services:write', 'concerns:triage', 'deliveries:write'],
      });
      auth = { Authorization: `Bearer ${token}` };
      const r = await call(
        s.url,
        '/v1/admin/services/proprete-urbaine',
        jsonInit(
          'PUT',
          {
            name: proprete,
            delivery: { method: 'open311', endpoint: endpoint.url, serviceCode: 'depots', apiKey: 'k' },
          },
          auth,
        ),
      );
      assert.equal(r.status, 200, r.text);
    });
    after(async () => {
      await s.close();
      await endpoint.down();
    });

    const forwardOf = async (reference: string): Promise<Delivery | undefined> => {
      const r = await call(s.url, `/v1/admin/deliveries?concern=${reference}`, { headers: auth });
      assert.equal(r.status, 200, r.text);
      return (r.json as DeliveryPage).items.find((d) => d.method === 'open311');
    };
    const submit = async (): Promise<ConcernReceipt> => {
      const r = await call(
        s.url,
        '/v1/concerns',
        jsonInit('POST', input, { 'Idempotency-Key': `o311-fault-${Date.now()}-${Math.random()}` }),
      );
      assert.equal(r.status, 201, r.text);
      return r.json as ConcernReceipt;
    };

    test('no answer in time: failed for a person to check, never posted a second time by itself', async () => {
      endpoint.mode = 'silent';
      const before = endpoint.posts;
      const receipt = await submit();
      let d: Delivery | undefined;
      await until(
        async () => (d = await forwardOf(receipt.reference))?.status === 'failed',
        60_000,
        'the unanswered forward to be failed',
      );
      await until(() => endpoint.posts > before, 10_000, 'the endpoint to have read the request');
      // Open311 has no idempotency key: the endpoint may have stored it, a second POST would be a
      // second request at the city.
      assert.equal(endpoint.posts - before, 1, 'the endpoint was posted the concern once');
      assert.match(d?.lastError ?? '', /may have stored the request/);
      assert.equal(d?.nextAttemptAt, null);

      // Checked (not there): retried by hand, it goes.
      endpoint.mode = 'accept';
      const r = await call(s.url, `/v1/admin/deliveries/${d?.id ?? ''}/retry`, jsonInit('POST', {}, auth));
      assert.equal(r.status, 200, r.text);
      await until(
        async () => (d = await forwardOf(receipt.reference))?.status === 'sent',
        60_000,
        'the retried forward to be sent',
      );
      assert.equal(endpoint.posts - before, 2, 'the retry by hand posted it once more');
      assert.equal(d?.remoteId, `CITY-${endpoint.posts}`);
    });

    test('connection refused: nothing was sent, so it is retried by itself until the endpoint is back', async () => {
      endpoint.mode = 'accept';
      await endpoint.down();
      const before = endpoint.posts;
      const receipt = await submit();
      let d: Delivery | undefined;
      await until(
        async () => ((d = await forwardOf(receipt.reference))?.attempts ?? 0) >= 2,
        60_000,
        'two refused attempts',
      );
      assert.notEqual(d?.status, 'failed');
      assert.match(d?.lastError ?? '', /ECONNREFUSED|connect/i);
      await endpoint.up();
      await until(
        async () => (d = await forwardOf(receipt.reference))?.status === 'sent',
        60_000,
        'the forward to be sent once the endpoint is back',
      );
      assert.equal(endpoint.posts - before, 1);
      assert.equal(d?.remoteId, `CITY-${endpoint.posts}`);
    });
  });
}
