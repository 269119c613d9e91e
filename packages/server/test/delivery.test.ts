/**
 * Delivery to services: e-mail over a real SMTP server started here (accepting, refusing, down),
 * Standard Webhooks to a real HTTP receiver (checked with the specification's reference
 * implementation, the `standardwebhooks` package, and with the SDK's verifier), held e-mail when no
 * mail server is configured, retries with back-off then failure after the retry window (fake clock),
 * the SSRF rule, the delivery log and its retry operation, the daily summary and staff links.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  AdminTokenScope,
  ConcernInput,
  ConcernReceipt,
  Delivery,
  DeliveryPage,
  Service,
  WebhookEvent,
} from '@proximite/contract';
import { verifyWebhook } from '@proximite/sdk/webhooks.js';
import { Webhook } from 'standardwebhooks';
import { isPrivateAddress, safeRequest } from '../src/delivery/safe-http.js';
import { runFailureSummary } from '../src/delivery/summary.js';
import { seedStaff } from '../src/seed-staff.js';
import { createAdminToken } from '../src/store/tokens.js';
import { testConfig } from '../src/config.js';
import { AMIENS_DISTRICTS } from '../src/seed.js';
import { upsertDistricts } from '../src/store/content.js';
import { call, fakeClock, jsonInit, openTestDb, targets } from './helpers.js';
import { startDeliveryServer, startReceiver, startSmtp, until } from './delivery-helpers.js';
import type { DeliveryServer, TestReceiver, TestSmtp } from './delivery-helpers.js';

const input: ConcernInput = {
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', lat: 49.8957, lon: 2.3011, districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants', recurrent: 'souvent' },
  contact: { name: 'Camille Martin', email: 'camille.martin@example.org', preferred: 'email' },
  lang: 'fr',
};

let n = 0;
const submit = async (s: DeliveryServer, body: ConcernInput = input): Promise<ConcernReceipt> => {
  const r = await call(
    s.url,
    '/v1/concerns',
    jsonInit('POST', body, { 'Idempotency-Key': `delivery-${Date.now()}-${n++}` }),
  );
  assert.equal(r.status, 201, r.text);
  return r.json as ConcernReceipt;
};

async function adminToken(
  s: DeliveryServer,
  scopes: AdminTokenScope[] = ['services:write', 'concerns:triage', 'deliveries:write'],
) {
  const { token } = await createAdminToken(s.db, new Date(), { name: 'delivery-test', scopes });
  return { Authorization: `Bearer ${token}` };
}

async function putService(
  s: DeliveryServer,
  auth: Record<string, string>,
  id: string,
  body: unknown,
): Promise<Service> {
  const r = await call(s.url, `/v1/admin/services/${id}`, jsonInit('PUT', body, auth));
  assert.equal(r.status, 200, r.text);
  return r.json as Service;
}

async function deliveries(s: DeliveryServer, auth: Record<string, string>, query = ''): Promise<Delivery[]> {
  const r = await call(s.url, `/v1/admin/deliveries${query}`, { headers: auth });
  assert.equal(r.status, 200, r.text);
  return (r.json as DeliveryPage).items;
}

const proprete = { fr: 'Propreté urbaine — Amiens Métropole', en: 'Street cleaning — Amiens Métropole' };

for (const target of targets()) {
  describe(`delivery by e-mail (${target.name})`, () => {
    let smtp: TestSmtp;
    let s: DeliveryServer;
    let auth: Record<string, string>;
    before(async () => {
      smtp = await startSmtp();
      s = await startDeliveryServer(target, {
        config: { smtpUrl: smtp.url, mailFrom: 'Proximité <proximite@amiens.test>' },
      });
      auth = await adminToken(s);
    });
    after(async () => {
      await s.close();
      await smtp.close();
    });

    test('a concern routed to an e-mail service arrives once, fr, text and HTML, with a fixed Message-ID', async () => {
      await putService(s, auth, 'proprete-urbaine', {
        name: proprete,
        delivery: { method: 'email', to: ['proprete@amiens.test', 'astreinte@amiens.test'] },
        target: { days: 5, unit: 'working-days' },
      });
      const receipt = await submit(s);
      await until(() => smtp.mails.some((m) => m.text.includes(receipt.reference)), 10_000, 'the e-mail');
      const mail = smtp.mails.find((m) => m.text.includes(receipt.reference));
      assert.ok(mail);
      assert.deepEqual(mail.to.sort(), ['astreinte@amiens.test', 'proprete@amiens.test']);
      assert.match(mail.subject, new RegExp(`Nouveau signalement ${receipt.reference}`));
      assert.match(mail.subject, /Dépôts sauvages|dépôts/i);
      assert.match(mail.text, /Des encombrants au pied du pont de la Dodane/);
      assert.match(mail.text, /Encombrants/);
      assert.match(mail.text, /Réponse attendue avant le/);
      assert.match(mail.text, /#\/concerns\/PRX-/, 'a link to the console');
      assert.match(mail.html, /<html lang="fr">/);
      assert.match(mail.html, /Des encombrants au pied du pont de la Dodane/);
      // The service may not see the resident's contact details (contactAccess off).
      assert.doesNotMatch(mail.text + mail.html, /camille|example\.org/i);
      assert.match(mail.text, /coordonnées non communiquées/);
      const [d] = await deliveries(s, auth, `?concern=${receipt.reference}`);
      assert.equal(d?.status, 'sent');
      assert.equal(d?.method, 'email');
      assert.equal(d?.messageId, mail.messageId, 'the Message-ID the log shows is the one received');
      assert.match(mail.messageId, /^<[0-9a-f-]+@amiens\.test>$/);
      assert.equal(d?.attempts, 1);
    });

    test('contact details go only to a service allowed to see them; English when the service reads English', async () => {
      await putService(s, auth, 'proprete-urbaine', {
        name: proprete,
        delivery: { method: 'email', to: ['proprete@amiens.test'], lang: 'en' },
        contactAccess: true,
      });
      const receipt = await submit(s);
      await until(() => smtp.mails.some((m) => m.text.includes(receipt.reference)), 10_000, 'the e-mail');
      const mail = smtp.mails.find((m) => m.text.includes(receipt.reference));
      assert.ok(mail);
      assert.match(mail.subject, /New report/);
      assert.match(mail.text, /Camille Martin/);
      assert.match(mail.text, /camille\.martin@example\.org/);
      assert.match(mail.html, /<html lang="en">/);
    });

    test('re-categorising re-routes: a public hand-off, an audit entry, and the new service gets « transmis »', async () => {
      await putService(s, auth, 'proprete-urbaine', { name: proprete, delivery: { method: 'none' } });
      await putService(s, auth, 'voirie', {
        name: {
          fr: 'Voirie et déplacements — Amiens Métropole',
          en: 'Roads and mobility — Amiens Métropole',
        },
        delivery: { method: 'email', to: ['voirie@amiens.test'] },
      });
      const receipt = await submit(s);
      const r = await call(
        s.url,
        `/v1/admin/concerns/${receipt.reference}/triage`,
        jsonInit('POST', { categoryCode: 'securite-routiere' }, auth),
      );
      assert.equal(r.status, 200, r.text);
      await until(
        () => smtp.mails.some((m) => m.text.includes(receipt.reference)),
        10_000,
        'the hand-off e-mail',
      );
      const mail = smtp.mails.find((m) => m.text.includes(receipt.reference));
      assert.ok(mail);
      assert.deepEqual(mail.to, ['voirie@amiens.test']);
      assert.match(mail.subject, new RegExp(`Signalement ${receipt.reference} transmis`));
      assert.match(mail.text, /Le service Propreté urbaine — Amiens Métropole a transmis ce signalement/);
      const status = await call(s.url, `/v1/concerns/${receipt.reference}?token=${receipt.statusToken}`);
      const updates = (status.json as { updates: { text: { fr: string }; service?: { id: string } }[] })
        .updates;
      assert.deepEqual(
        updates.map((u) => u.service?.id),
        ['proprete-urbaine', 'voirie'],
      );
      assert.match(updates[1]?.text.fr ?? '', /^Transmis au service Voirie/);
      const audit = await s.db.query<{ action: string; actor: string }>(
        `SELECT action, actor FROM audit_log WHERE target = $1 ORDER BY seq`,
        [`concern:${receipt.reference}`],
      );
      assert.deepEqual(
        audit.map((a) => a.action),
        ['concern.routed', 'concern.triage', 'concern.routed'],
      );
      assert.equal(audit[0]?.actor, 'system:routing');
      assert.match(audit[2]?.actor ?? '', /^token:/);
    });

    test('referral to a named service (the rules are not consulted)', async () => {
      const receipt = await submit(s);
      const r = await call(
        s.url,
        `/v1/admin/concerns/${receipt.reference}/triage`,
        jsonInit('POST', { serviceId: 'voirie', internalNote: 'Plutôt un obstacle sur la chaussée.' }, auth),
      );
      assert.equal(r.status, 200, r.text);
      assert.equal((r.json as { service: { id: string } }).service.id, 'voirie');
      assert.equal(
        (
          await call(
            s.url,
            `/v1/admin/concerns/${receipt.reference}/triage`,
            jsonInit('POST', { serviceId: 'nope' }, auth),
          )
        ).status,
        422,
      );
    });

    test('a refusing server (550): failed at once, shown with its reason, retried by hand with the same Message-ID', async () => {
      await putService(s, auth, 'proprete-urbaine', {
        name: proprete,
        delivery: { method: 'email', to: ['proprete@amiens.test'] },
      });
      smtp.mode = 'refuse';
      const receipt = await submit(s);
      let d: Delivery | undefined;
      await until(
        async () => {
          [d] = await deliveries(s, auth, `?concern=${receipt.reference}`);
          return d?.status === 'failed';
        },
        10_000,
        'the failure',
      );
      assert.ok(d);
      assert.equal(d.attempts, 1, 'a permanent refusal is not retried automatically');
      assert.match(d.lastError ?? '', /550/);
      assert.equal(d.nextAttemptAt, null);
      assert.equal(
        (await deliveries(s, auth, '?status=failed')).some((x) => x.id === d?.id),
        true,
      );
      smtp.mode = 'accept';
      const retried = await call(s.url, `/v1/admin/deliveries/${d.id}/retry`, {
        method: 'POST',
        headers: auth,
      });
      assert.equal(retried.status, 200, retried.text);
      await until(
        () => smtp.mails.some((m) => m.text.includes(receipt.reference)),
        10_000,
        'the retried e-mail',
      );
      const mail = smtp.mails.find((m) => m.text.includes(receipt.reference));
      assert.equal(mail?.messageId, d.messageId);
      const again = await call(s.url, `/v1/admin/deliveries/${d.id}/retry`, {
        method: 'POST',
        headers: auth,
      });
      assert.equal(again.status, 409, 'a sent message is not sent again');
      const audit = await s.db.query(
        `SELECT 1 FROM audit_log WHERE action = 'delivery.retry' AND target = $1`,
        [`delivery:${d.id}`],
      );
      assert.equal(audit.length, 1);
    });

    test('staff invitations are e-mailed through the queue, and the link leaves the queue once sent', async () => {
      const r = await call(
        s.url,
        '/v1/admin/staff',
        jsonInit(
          'POST',
          { email: 'nouvel.agent@amiens.test', displayName: 'Nouvel Agent', role: 'agent' },
          await adminToken(s, ['staff:write']),
        ),
      );
      assert.equal(r.status, 201, r.text);
      const link = (r.json as { link: { delivered: boolean; url?: string } }).link;
      assert.equal(link.delivered, true);
      assert.equal(link.url, undefined, 'a delivered link is not shown to the admin');
      await until(
        () => smtp.mails.some((m) => m.to.includes('nouvel.agent@amiens.test')),
        10_000,
        'the invitation',
      );
      const mail = smtp.mails.find((m) => m.to.includes('nouvel.agent@amiens.test'));
      assert.match(mail?.subject ?? '', /Votre accès à Proximité/);
      assert.match(mail?.text ?? '', /#proximite-link=/);
      await until(
        async () => {
          const rows = await s.db.query<{ payload: unknown; status: string }>(
            `SELECT payload, status FROM deliveries WHERE event = 'staff.link'`,
          );
          return rows.length === 1 && rows[0]?.status === 'sent' && JSON.stringify(rows[0].payload) === '{}';
        },
        5_000,
        'the link emptied',
      );
      const log = await deliveries(s, auth);
      const shown = log.find((x) => x.event === 'staff.link');
      assert.equal(shown?.destination, 'n•••@amiens.test', 'a person’s address is masked in the log');
    });

    test('“forgot password”: the reset link is e-mailed through the queue; an unknown address gets nothing, and the same 202', async () => {
      await seedStaff(s.db, new Date(), [
        {
          email: 'agent.oubli@amiens.test',
          displayName: 'Agent Oubli',
          role: 'agent',
          password: 'un mot de passe assez long',
        },
      ]);
      const asked = await call(
        s.url,
        '/v1/staff/password-reset',
        jsonInit('POST', { email: 'agent.oubli@amiens.test' }),
      );
      assert.equal(asked.status, 202, asked.text);
      const unknown = await call(
        s.url,
        '/v1/staff/password-reset',
        jsonInit('POST', { email: 'personne@amiens.test' }),
      );
      assert.equal(unknown.status, 202, 'nothing to learn from the answer');
      await until(
        () => smtp.mails.some((m) => m.to.includes('agent.oubli@amiens.test')),
        10_000,
        'the reset e-mail',
      );
      const mail = smtp.mails.find((m) => m.to.includes('agent.oubli@amiens.test'));
      assert.match(mail?.subject ?? '', /Choisir un nouveau mot de passe Proximité/);
      assert.match(mail?.text ?? '', /Bonjour Agent Oubli,/);
      assert.match(mail?.text ?? '', /#proximite-link=/);
      assert.match(mail?.html ?? '', /Choisir mon mot de passe/);
      const rows = await s.db.query<{ recipient: string; payload: unknown; status: string }>(
        `SELECT recipient, payload, status FROM deliveries WHERE event = 'staff.link' AND recipient LIKE '%amiens.test'`,
      );
      assert.ok(
        !rows.some((r) => r.recipient === 'personne@amiens.test'),
        'no message to an unknown address',
      );
      await until(
        async () => {
          const sent = await s.db.query<{ payload: unknown; status: string }>(
            `SELECT payload, status FROM deliveries WHERE event = 'staff.link' AND recipient = 'agent.oubli@amiens.test'`,
          );
          return sent.length === 1 && sent[0]?.status === 'sent' && JSON.stringify(sent[0].payload) === '{}';
        },
        5_000,
        'the reset link emptied once sent',
      );
      assert.ok(!smtp.mails.some((m) => m.to.includes('personne@amiens.test')));
    });
  });

  describe(`e-mail without a mail server, and with one that is down (${target.name})`, () => {
    test('no SMTP configured: messages wait as « held », nothing is dropped; a server with SMTP sends them', async () => {
      const shared = await openTestDb(target, testConfig());
      await upsertDistricts(shared.db, AMIENS_DISTRICTS);
      const keep = { db: shared.db, drop: async () => undefined };
      const s = await startDeliveryServer(target, { config: { smtpUrl: undefined }, db: keep });
      const smtp = await startSmtp();
      let s2: DeliveryServer | undefined;
      try {
        const auth = await adminToken(s);
        await putService(s, auth, 'proprete-urbaine', {
          name: proprete,
          delivery: { method: 'email', to: ['proprete@amiens.test'] },
        });
        const receipts = [await submit(s), await submit(s)];
        await s.worker.tick();
        const held = await deliveries(s, auth, '?status=held');
        assert.equal(held.length, 2);
        assert.match(held[0]?.notice?.fr ?? '', /aucun serveur de messagerie/);
        assert.match(held[0]?.notice?.en ?? '', /no mail server is configured/);
        assert.equal(held[0]?.attempts, 0);
        assert.equal(held[0]?.nextAttemptAt, null);
        // A retry asked by hand while there is still no server: it stays held.
        const r = await call(s.url, `/v1/admin/deliveries/${held[0]?.id}/retry`, {
          method: 'POST',
          headers: auth,
        });
        assert.equal((r.json as Delivery).status, 'held');
        await s.close();
        // The same database, served by an instance that has a mail server.
        s2 = await startDeliveryServer(target, { config: { smtpUrl: smtp.url }, db: keep });
        await until(
          () => receipts.every((rc) => smtp.mails.some((m) => m.text.includes(rc.reference))),
          10_000,
          'held mail sent',
        );
        assert.equal(smtp.distinctMessageIds().size, 2);
      } finally {
        await s2?.close();
        await smtp.close();
        await shared.drop();
      }
    });

    test('a server that is down: retried with growing waits for the whole window, then failed; the summary tells the admins', async () => {
      const smtp = await startSmtp();
      await smtp.down();
      const clock = fakeClock(new Date('2026-12-03T09:00:00Z'));
      const window = 24 * 3_600_000;
      const s = await startDeliveryServer(target, {
        config: { smtpUrl: smtp.url },
        clock,
        autostart: false,
        delivery: {
          policy: { baseDelayMs: 30_000, maxDelayMs: 3_600_000, retryWindowMs: window },
          random: () => 0.5,
        },
      });
      try {
        const auth = await adminToken(s);
        await putService(s, auth, 'proprete-urbaine', {
          name: proprete,
          delivery: { method: 'email', to: ['proprete@amiens.test'] },
        });
        await seedStaff(s.db, clock(), [
          {
            email: 'admin@amiens.test',
            displayName: 'Admin',
            role: 'admin',
            password: 'correct horse battery staple',
          },
        ]);
        const receipt = await submit(s);
        const waits: number[] = [];
        let d: Delivery | undefined;
        for (let i = 0; i < 200; i++) {
          await s.worker.tick();
          [d] = await deliveries(s, auth, `?concern=${receipt.reference}`);
          if (d?.status !== 'pending' || d.nextAttemptAt === null) break;
          const wait = Date.parse(d.nextAttemptAt) - clock().getTime();
          waits.push(wait);
          clock.set(new Date(d.nextAttemptAt));
        }
        assert.equal(d?.status, 'failed');
        assert.match(d?.lastError ?? '', /ECONNREFUSED|connect/i);
        // Exponential (×2 each time, with jitter) up to the cap; the last attempt at the end of the window.
        assert.ok(
          waits[1]! > waits[0]! && waits[2]! > waits[1]!,
          `growing waits ${waits.slice(0, 4).join(', ')}`,
        );
        assert.ok(Math.max(...waits) <= 3_600_000);
        const elapsed = clock().getTime() - Date.parse(d!.createdAt);
        assert.ok(elapsed >= window, `retried for ${elapsed / 3_600_000} h`);
        assert.ok(d!.attempts >= 25 && d!.attempts < 60, `${d!.attempts} attempts`);
        // The summary of the day goes to the admin (there is no member of the service).
        assert.equal(
          await runFailureSummary(
            s.db,
            new Date('2026-12-05T07:00:01Z'),
            s.deps.outbox,
            'https://amiens.test/staff/',
          ),
          1,
        );
        const summary = await s.db.query<{
          recipient: string;
          payload: { data: { items: { reference: string }[] } };
        }>(`SELECT recipient, payload FROM deliveries WHERE event = 'delivery.failure-summary'`);
        assert.equal(summary.length, 1);
        assert.equal(summary[0]?.recipient, 'admin@amiens.test');
        assert.equal(summary[0]?.payload.data.items[0]?.reference, receipt.reference);
        // Running it again the same day adds nothing (one summary per admin and day).
        assert.equal(await runFailureSummary(s.db, new Date('2026-12-05T07:30:00Z'), s.deps.outbox, 'x'), 0);
      } finally {
        await s.close();
        await smtp.close();
      }
    });
  });

  describe(`webhooks (${target.name})`, () => {
    let receiver: TestReceiver;
    let s: DeliveryServer;
    let auth: Record<string, string>;
    let secret: string;
    before(async () => {
      receiver = await startReceiver();
      s = await startDeliveryServer(target, { config: { webhookAllowPrivate: true } });
      auth = await adminToken(s);
      const service = await putService(s, auth, 'proprete-urbaine', {
        name: proprete,
        delivery: { method: 'webhook', url: receiver.url },
      });
      assert.match(service.webhookSecret ?? '', /^whsec_/);
      assert.equal(service.delivery?.secretSet, true);
      secret = service.webhookSecret ?? '';
    });
    after(async () => {
      await s.close();
      await receiver.close();
    });

    test('signed as Standard Webhooks says: the reference implementation and the SDK verifier both accept it', async () => {
      const receipt = await submit(s);
      await until(
        () => receiver.received.some((w) => w.body.includes(receipt.reference)),
        10_000,
        'the webhook',
      );
      const hook = receiver.received.find((w) => w.body.includes(receipt.reference));
      assert.ok(hook);
      assert.match(hook.id, /^msg_[0-9a-f]{32}$/);
      const headers = {
        'webhook-id': hook.id,
        'webhook-timestamp': hook.timestamp,
        'webhook-signature': hook.signature,
      };
      const reference = new Webhook(secret).verify(hook.body, headers) as WebhookEvent;
      assert.equal(reference.type, 'concern.created');
      assert.equal(reference.data.concern.reference, receipt.reference);
      const sdk = await verifyWebhook({ secret, headers, body: hook.body });
      assert.equal(sdk.id, hook.id);
      assert.equal(sdk.event.data.service.id, 'proprete-urbaine');
      // A tampered body, another secret, or an old timestamp are refused by both.
      assert.throws(() => new Webhook(secret).verify(`${hook.body} `, headers));
      await assert.rejects(verifyWebhook({ secret, headers, body: `${hook.body} ` }), /signature/);
      await assert.rejects(
        verifyWebhook({
          secret: 'whsec_' + Buffer.alloc(32, 1).toString('base64'),
          headers,
          body: hook.body,
        }),
        /signature/,
      );
      await assert.rejects(
        verifyWebhook({ secret, headers, body: hook.body, now: new Date(Date.now() + 3_600_000) }),
        /too old/,
      );
      const [d] = await deliveries(s, auth, `?concern=${receipt.reference}`);
      assert.equal(d?.messageId, hook.id);
      assert.equal(d?.destination, receiver.url);
    });

    test('the same webhook-id on every retry; concern.updated after a status change', async () => {
      receiver.failRate = 1;
      const receipt = await submit(s);
      await until(() => receiver.attempts >= 3, 10_000, 'three failed attempts');
      receiver.failRate = 0;
      await until(
        () => receiver.received.some((w) => w.body.includes(receipt.reference)),
        10_000,
        'the webhook',
      );
      const hooks = receiver.received.filter((w) => w.body.includes(receipt.reference));
      assert.equal(hooks.length, 1);
      const [d] = await deliveries(s, auth, `?concern=${receipt.reference}`);
      assert.ok((d?.attempts ?? 0) >= 3);
      assert.equal(d?.messageId, hooks[0]?.id);
      const r = await call(
        s.url,
        `/v1/admin/concerns/${receipt.reference}/triage`,
        jsonInit('POST', { status: 'in-progress', publicUpdate: { fr: 'Équipe prévenue.' } }, auth),
      );
      assert.equal(r.status, 200);
      await until(
        () =>
          receiver.received.some(
            (w) => w.body.includes(receipt.reference) && w.body.includes('concern.updated'),
          ),
        10_000,
        'concern.updated',
      );
      const updated = JSON.parse(
        receiver.received.find(
          (w) => w.body.includes('concern.updated') && w.body.includes(receipt.reference),
        )?.body ?? '{}',
      ) as WebhookEvent;
      assert.equal(updated.data.concern.status, 'in-progress');
      assert.equal(updated.data.update?.text.fr, 'Équipe prévenue.');
    });

    test('redirects are not followed; answers that are too big or too slow fail the attempt', async () => {
      receiver.forceStatus = 302;
      receiver.headersFor = { Location: 'http://127.0.0.1:1/elsewhere' };
      const receipt = await submit(s);
      let d: Delivery | undefined;
      await until(
        async () => {
          [d] = await deliveries(s, auth, `?concern=${receipt.reference}`);
          return (d?.attempts ?? 0) >= 1 && d?.status === 'pending';
        },
        10_000,
        'a failed attempt',
      );
      assert.match(d?.lastError ?? '', /HTTP 302 \(redirects are not followed\)/);
      receiver.forceStatus = undefined;
      receiver.headersFor = {};
      const big = await safeRequest(receiver.url, {
        method: 'POST',
        body: '{}',
        allowPrivate: true,
        maxBytes: 100,
      }).then(
        () => 'ok',
        (e: Error) => e.message,
      );
      assert.equal(big, 'ok');
      receiver.bodyBytes = 200_000;
      const tooBig = await safeRequest(receiver.url, {
        method: 'POST',
        body: '{}',
        allowPrivate: true,
        maxBytes: 65_536,
      }).then(
        () => 'ok',
        (e: Error) => e.message,
      );
      assert.match(tooBig, /larger than 65536 bytes/);
      receiver.bodyBytes = 2;
      receiver.delayMs = 500;
      const slow = await safeRequest(receiver.url, {
        method: 'POST',
        body: '{}',
        allowPrivate: true,
        timeoutMs: 100,
      }).then(
        () => 'ok',
        (e: Error) => e.message,
      );
      assert.match(slow, /within 100 ms/);
      receiver.delayMs = 0;
    });
  });

  describe(`SSRF: private addresses refused without the opt-in (${target.name})`, () => {
    test('a webhook to 127.0.0.1 is refused (at configuration and at delivery), and reaches it with the opt-in', async () => {
      const receiver = await startReceiver();
      const s = await startDeliveryServer(target, { config: { webhookAllowPrivate: false } });
      try {
        const auth = await adminToken(s);
        const https = receiver.url.replace('http://', 'https://');
        const refused = await call(
          s.url,
          '/v1/admin/services/proprete-urbaine',
          jsonInit('PUT', { name: proprete, delivery: { method: 'webhook', url: https } }, auth),
        );
        assert.equal(refused.status, 422);
        assert.match((refused.json as { detail: string }).detail, /private, loopback or link-local/);
        // A name that resolves to a private address passes the form check but not the delivery.
        await putService(s, auth, 'proprete-urbaine', {
          name: proprete,
          delivery: { method: 'webhook', url: 'https://hooks.amiens.test/proximite' },
        });
        s.deps.delivery.resolve = async () => [{ address: '127.0.0.1', family: 4 }];
        const receipt = await submit(s);
        let d: Delivery | undefined;
        await until(
          async () => {
            [d] = await deliveries(s, auth, `?concern=${receipt.reference}`);
            return (d?.attempts ?? 0) >= 1 && d?.lastError !== null;
          },
          10_000,
          'the refusal',
        );
        assert.match(d?.lastError ?? '', /refused: hooks\.amiens\.test resolves to 127\.0\.0\.1/);
        assert.equal(receiver.attempts, 0, 'nothing reached the receiver');
      } finally {
        await s.close();
      }
      // With PROXIMITE_WEBHOOK_ALLOW_PRIVATE=1 the same receiver is reached.
      const open = await startDeliveryServer(target, { config: { webhookAllowPrivate: true } });
      try {
        const auth = await adminToken(open);
        await putService(open, auth, 'proprete-urbaine', {
          name: proprete,
          delivery: { method: 'webhook', url: receiver.url },
        });
        const receipt = await submit(open);
        await until(
          () => receiver.received.some((w) => w.body.includes(receipt.reference)),
          10_000,
          'the webhook',
        );
      } finally {
        await open.close();
        await receiver.close();
      }
    });

    test('every private, loopback, link-local and unique-local form is refused, IPv4 and IPv6', async () => {
      for (const address of [
        '127.0.0.1',
        '127.1.2.3',
        '10.0.0.8',
        '172.16.5.4',
        '192.168.1.1',
        '169.254.169.254',
        '100.64.0.1',
        '0.0.0.0',
        '224.0.0.1',
        '255.255.255.255',
        '::1',
        '::',
        'fe80::1',
        'fc00::1',
        'fd12:3456::1',
        'ff02::1',
        '::ffff:127.0.0.1',
        '::ffff:7f00:1',
        '::ffff:0:a00:1',
        '64:ff9b::a9fe:a9fe',
        '2002:c0a8:0101::1',
      ])
        assert.equal(isPrivateAddress(address), true, address);
      for (const address of [
        '93.184.215.14',
        '2606:4700:4700::1111',
        '::ffff:93.184.215.14',
        '2002:5db8:d70e::1',
      ])
        assert.equal(isPrivateAddress(address), false, address);
      for (const url of [
        'https://[::1]/x',
        'https://[::ffff:127.0.0.1]/x',
        'http://93.184.215.14/x',
        'https://user:pw@example.org/',
      ]) {
        const message = await safeRequest(url, { method: 'POST', body: '{}', allowPrivate: false }).then(
          () => 'sent',
          (e: Error) => e.message,
        );
        assert.match(message, /^refused/, url);
      }
    });
  });
}
