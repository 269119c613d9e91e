/**
 * Services and routing rules through the admin API (category → service, overridden by district),
 * handling-time targets in working days, and the conduct-complaint rule: refused without an
 * independent instance; with one, routed to it alone and seen by its members alone — never in
 * public lists, Open311, priorities, the observers' view, nor any delivery to a police service.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  AdminConcernPage,
  AdminTokenScope,
  ConcernCategoryList,
  ConcernInput,
  ConcernReceipt,
  ConcernStatusView,
  DeliveryPage,
  PublicReport,
  ResponseTimes,
  RoutingTable,
  Service,
  ServiceList,
} from '@proximite/contract';
import { dueDate } from '../src/delivery/due.js';
import { seedStaff } from '../src/seed-staff.js';
import { createAdminToken } from '../src/store/tokens.js';
import { call, jsonInit, targets } from './helpers.js';
import { startDeliveryServer, startReceiver, startSmtp, until } from './delivery-helpers.js';
import type { DeliveryServer, TestReceiver, TestSmtp } from './delivery-helpers.js';
import { PASSWORD, signedIn } from './staff-helpers.js';

let n = 0;
const key = () => `routing-${Date.now()}-${n++}`;

const dumping = (districtId: string): ConcernInput => ({
  categoryCode: 'depots-sauvages',
  description: 'Un matelas et des sacs abandonnés.',
  location: { districtId },
  attributes: { 'type-depot': 'encombrants' },
});

const conduct: ConcernInput = {
  categoryCode: 'conduite-forces-ordre',
  description: 'Lors d’un contrôle place Gambetta, un agent m’a tutoyé et insulté.',
  location: { address: 'Place Gambetta, 80000 Amiens', districtId: 'centre-ville' },
  contact: { email: 'resident@example.org' },
};

describe('handling-time targets', () => {
  test('working days skip weekends and French public holidays; the wall-clock time is kept', () => {
    // Wednesday 13 May 2026, 10:00 in Paris; Ascension on Thursday 14: 3 working days → Tuesday 19.
    const due = dueDate({ days: 3, unit: 'working-days' }, new Date('2026-05-13T08:00:00Z'));
    assert.equal(due?.toISOString(), '2026-05-19T08:00:00.000Z');
    const calendar = dueDate({ days: 3, unit: 'calendar-days' }, new Date('2026-05-13T08:00:00Z'));
    assert.equal(calendar?.toISOString(), '2026-05-16T08:00:00.000Z');
    // Across the switch to winter time (25 October 2026): 17:00 in Paris stays 17:00.
    const dst = dueDate({ days: 2, unit: 'calendar-days' }, new Date('2026-10-24T15:00:00Z'));
    assert.equal(dst?.toISOString(), '2026-10-26T16:00:00.000Z');
    assert.equal(dueDate(null, new Date()), null);
  });
});

for (const target of targets()) {
  describe(`services and routing rules (${target.name})`, () => {
    let s: DeliveryServer;
    let admin: Record<string, string>;
    before(async () => {
      s = await startDeliveryServer(target);
      const { token } = await createAdminToken(s.db, new Date(), {
        name: 'routing',
        scopes: ['services:write', 'concerns:triage'],
      });
      admin = { Authorization: `Bearer ${token}` };
    });
    after(() => s.close());

    test('services are first-class: created, read, replaced, deleted — secrets never shown', async () => {
      const created = await call(
        s.url,
        '/v1/admin/services',
        jsonInit(
          'POST',
          {
            id: 'proprete-saint-leu',
            name: { fr: 'Équipe propreté de Saint-Leu', en: 'Saint-Leu street-cleaning team' },
            contact: { phone: '03 22 97 40 40', hours: { fr: 'Du lundi au vendredi, 8 h – 17 h' } },
            target: { days: 3, unit: 'working-days' },
            delivery: {
              method: 'open311',
              endpoint: 'https://open311.amiens.test/v2',
              serviceCode: 'DEP',
              apiKey: 'k-123',
            },
          },
          admin,
        ),
      );
      assert.equal(created.status, 201, created.text);
      assert.equal(created.headers.get('location'), '/v1/admin/services/proprete-saint-leu');
      const service = created.json as Service;
      assert.equal(service.delivery?.apiKeySet, true);
      assert.ok(!created.text.includes('k-123'), 'the API key is never shown');
      assert.deepEqual(service.target, { days: 3, unit: 'working-days' });
      assert.equal(
        (
          await call(
            s.url,
            '/v1/admin/services',
            jsonInit('POST', { id: 'proprete-saint-leu', name: { fr: 'x' } }, admin),
          )
        ).status,
        409,
      );
      // Replaced without the key: the stored key is kept.
      const put = await call(
        s.url,
        '/v1/admin/services/proprete-saint-leu',
        jsonInit(
          'PUT',
          {
            name: { fr: 'Équipe propreté de Saint-Leu', en: 'Saint-Leu street-cleaning team' },
            delivery: { method: 'open311', endpoint: 'https://open311.amiens.test/v2/', serviceCode: 'DEP' },
          },
          admin,
        ),
      );
      assert.equal(put.status, 200, put.text);
      assert.equal((put.json as Service).delivery?.apiKeySet, true);
      assert.equal((put.json as Service).delivery?.endpoint, 'https://open311.amiens.test/v2');
      const list = (await call(s.url, '/v1/admin/services', { headers: admin })).json as ServiceList;
      assert.ok(list.items.some((x) => x.id === 'proprete-saint-leu'));
      assert.equal((await call(s.url, '/v1/admin/services/nope', { headers: admin })).status, 404);
      const bad = await call(
        s.url,
        '/v1/admin/services',
        jsonInit('POST', { id: 'x', name: { fr: 'x' }, police: true, restricted: true }, admin),
      );
      assert.equal(bad.status, 422);
      // In use (the category's own service): 409; unused: 204.
      assert.equal(
        (await call(s.url, '/v1/admin/services/voirie', { method: 'DELETE', headers: admin })).status,
        409,
      );
      await call(
        s.url,
        '/v1/admin/services',
        jsonInit('POST', { id: 'temporaire', name: { fr: 'Temporaire' } }, admin),
      );
      assert.equal(
        (await call(s.url, '/v1/admin/services/temporaire', { method: 'DELETE', headers: admin })).status,
        204,
      );
      const audit = await s.db.query<{ action: string; detail: unknown }>(
        `SELECT action, detail FROM audit_log WHERE target = 'service:proprete-saint-leu' ORDER BY seq`,
      );
      assert.deepEqual(
        audit.map((a) => a.action),
        ['service.create', 'service.update'],
      );
      assert.ok(!JSON.stringify(audit).includes('k-123'));
    });

    test('category → service, overridden by district (dumping in Saint-Leu goes to the Saint-Leu team)', async () => {
      const r = await call(
        s.url,
        '/v1/admin/routing-rules',
        jsonInit(
          'PUT',
          {
            rules: [
              { categoryCode: 'depots-sauvages', districtId: 'saint-leu', serviceId: 'proprete-saint-leu' },
            ],
          },
          admin,
        ),
      );
      assert.equal(r.status, 200, r.text);
      const table = r.json as RoutingTable;
      assert.deepEqual(table.rules, [
        { categoryCode: 'depots-sauvages', districtId: 'saint-leu', serviceId: 'proprete-saint-leu' },
      ]);
      assert.ok(
        table.defaults.some(
          (d) => d.categoryCode === 'depots-sauvages' && d.serviceId === 'proprete-urbaine',
        ),
      );
      const inSaintLeu = await call(
        s.url,
        '/v1/concerns',
        jsonInit('POST', dumping('saint-leu'), { 'Idempotency-Key': key() }),
      );
      assert.equal((inSaintLeu.json as ConcernReceipt).service.id, 'proprete-saint-leu');
      const elsewhere = await call(
        s.url,
        '/v1/concerns',
        jsonInit('POST', dumping('etouvie'), { 'Idempotency-Key': key() }),
      );
      assert.equal((elsewhere.json as ConcernReceipt).service.id, 'proprete-urbaine');
      // The category-wide rule wins over the category's own service, the district rule over both.
      await call(
        s.url,
        '/v1/admin/routing-rules',
        jsonInit(
          'PUT',
          {
            rules: [
              { categoryCode: 'depots-sauvages', districtId: 'saint-leu', serviceId: 'proprete-saint-leu' },
              { categoryCode: 'depots-sauvages', serviceId: 'voirie' },
            ],
          },
          admin,
        ),
      );
      const now = await call(
        s.url,
        '/v1/concerns',
        jsonInit('POST', dumping('etouvie'), { 'Idempotency-Key': key() }),
      );
      assert.equal((now.json as ConcernReceipt).service.id, 'voirie');
      const categories = (await call(s.url, '/v1/concern-categories')).json as ConcernCategoryList;
      assert.equal(categories.items.find((c) => c.code === 'depots-sauvages')?.service.id, 'voirie');
      // Re-categorising runs the rules again (with the concern's district).
      const receipt = (
        await call(
          s.url,
          '/v1/concerns',
          jsonInit(
            'POST',
            { ...dumping('saint-leu'), categoryCode: 'autre', attributes: { 'danger-immediat': 'non' } },
            { 'Idempotency-Key': key() },
          ),
        )
      ).json as ConcernReceipt;
      const t = await call(
        s.url,
        `/v1/admin/concerns/${receipt.reference}/triage`,
        jsonInit('POST', { categoryCode: 'depots-sauvages' }, admin),
      );
      assert.equal((t.json as { service: { id: string } }).service.id, 'proprete-saint-leu');
      for (const bad of [
        { categoryCode: 'nope', serviceId: 'voirie' },
        { categoryCode: 'depots-sauvages', districtId: 'nowhere', serviceId: 'voirie' },
        { categoryCode: 'depots-sauvages', serviceId: 'nope' },
        { categoryCode: 'danger-immediat', serviceId: 'voirie' },
      ]) {
        const res = await call(s.url, '/v1/admin/routing-rules', jsonInit('PUT', { rules: [bad] }, admin));
        assert.equal(res.status, 422, JSON.stringify(bad));
      }
      await call(s.url, '/v1/admin/routing-rules', jsonInit('PUT', { rules: [] }, admin));
    });
  });

  describe(`conduct complaints (${target.name})`, () => {
    let s: DeliveryServer;
    let smtp: TestSmtp;
    let receiver: TestReceiver;
    let admin: Record<string, string>;
    let token: Record<string, string>;
    before(async () => {
      smtp = await startSmtp();
      receiver = await startReceiver();
      s = await startDeliveryServer(target, {
        config: { smtpUrl: smtp.url, webhookAllowPrivate: true, requireSecondFactor: false },
      });
      const created = await createAdminToken(s.db, new Date(), {
        name: 'conduct',
        scopes: ['services:write', 'concerns:triage', 'content:write', 'oversight:read'] as AdminTokenScope[],
      });
      admin = { Authorization: `Bearer ${created.token}` };
      token = admin;
      // Every police service takes webhooks, so any leak would show at the receiver.
      for (const id of ['police-municipale', 'tranquillite-publique']) {
        const r = await call(
          s.url,
          `/v1/admin/services/${id}`,
          jsonInit(
            'PUT',
            { name: { fr: id }, police: true, delivery: { method: 'webhook', url: receiver.url } },
            admin,
          ),
        );
        assert.equal(r.status, 200, r.text);
      }
    });
    after(async () => {
      await s.close();
      await smtp.close();
      await receiver.close();
    });

    test('without an independent instance: the category shows no instance, and a submission is refused with the recourse bodies', async () => {
      const categories = (await call(s.url, '/v1/concern-categories')).json as ConcernCategoryList;
      const category = categories.items.find((c) => c.code === 'conduite-forces-ordre');
      assert.deepEqual(category?.conduct, {});
      const r = await call(s.url, '/v1/concerns', jsonInit('POST', conduct, { 'Idempotency-Key': key() }));
      assert.equal(r.status, 422);
      assert.match((r.json as { detail: string }).detail, /IGPN.*IGGN.*Défenseur des droits.*procureur/);
      // A rule naming a police service is refused.
      const rule = await call(
        s.url,
        '/v1/admin/routing-rules',
        jsonInit(
          'PUT',
          { rules: [{ categoryCode: 'conduite-forces-ordre', serviceId: 'police-municipale' }] },
          admin,
        ),
      );
      assert.equal(rule.status, 422);
      // … and one naming a service that is not restricted.
      const open = await call(
        s.url,
        '/v1/admin/routing-rules',
        jsonInit(
          'PUT',
          { rules: [{ categoryCode: 'conduite-forces-ordre', serviceId: 'relation-usagers' }] },
          admin,
        ),
      );
      assert.equal(open.status, 422);
    });

    test('with the city’s mediator: routed to it alone, seen by its members alone, delivered to it only', async () => {
      await seedStaff(s.db, new Date(), [
        { email: 'mediatrice@amiens.test', displayName: 'Médiatrice', role: 'agent', password: PASSWORD },
        {
          email: 'coordination@amiens.test',
          displayName: 'Coordination',
          role: 'coordinator',
          password: PASSWORD,
        },
        {
          email: 'agent-pm@amiens.test',
          displayName: 'Agent PM',
          role: 'agent',
          services: ['police-municipale'],
          password: PASSWORD,
        },
      ]);
      const members = await s.db.query<{ id: string }>(
        `SELECT id FROM staff WHERE email = 'mediatrice@amiens.test'`,
      );
      const created = await call(
        s.url,
        '/v1/admin/services',
        jsonInit(
          'POST',
          {
            id: 'mediateur',
            name: { fr: 'Médiateur de la ville (instance indépendante)', en: 'City mediator (independent)' },
            restricted: true,
            contactAccess: true,
            members: [members[0]?.id],
            delivery: { method: 'email', to: ['mediateur@amiens.test'] },
          },
          admin,
        ),
      );
      assert.equal(created.status, 201, created.text);
      const rules = await call(
        s.url,
        '/v1/admin/routing-rules',
        jsonInit(
          'PUT',
          { rules: [{ categoryCode: 'conduite-forces-ordre', serviceId: 'mediateur' }] },
          admin,
        ),
      );
      assert.equal(rules.status, 200, rules.text);
      const category = ((await call(s.url, '/v1/concern-categories')).json as ConcernCategoryList).items.find(
        (c) => c.code === 'conduite-forces-ordre',
      );
      assert.equal(category?.conduct?.instance?.id, 'mediateur');

      const submitted = await call(
        s.url,
        '/v1/concerns',
        jsonInit('POST', conduct, { 'Idempotency-Key': key() }),
      );
      assert.equal(submitted.status, 201, submitted.text);
      const receipt = submitted.json as ConcernReceipt;
      assert.equal(receipt.service.id, 'mediateur');
      // The resident who holds the receipt follows it.
      const own = await call(s.url, `/v1/concerns/${receipt.reference}?token=${receipt.statusToken}`);
      assert.equal((own.json as ConcernStatusView).service.id, 'mediateur');

      // Delivered to the mediator, by e-mail, with the contact (the instance may see it).
      await until(() => smtp.mails.some((m) => m.text.includes(receipt.reference)), 10_000, 'the e-mail');
      assert.deepEqual(smtp.mails.find((m) => m.text.includes(receipt.reference))?.to, [
        'mediateur@amiens.test',
      ]);

      // Seen by its member; not by a coordinator, a police agent, a token or observers.
      const member = await signedIn(s.url, 'mediatrice@amiens.test');
      assert.equal((await member.request(`/v1/admin/concerns/${receipt.reference}`)).status, 200);
      const memberList = (await member.request('/v1/admin/concerns')).json as AdminConcernPage;
      assert.ok(memberList.items.some((c) => c.reference === receipt.reference));
      const coordinator = await signedIn(s.url, 'coordination@amiens.test');
      assert.equal((await coordinator.request(`/v1/admin/concerns/${receipt.reference}`)).status, 404);
      const list = (await coordinator.request('/v1/admin/concerns?limit=200')).json as AdminConcernPage;
      assert.ok(!list.items.some((c) => c.reference === receipt.reference));
      const pm = await signedIn(s.url, 'agent-pm@amiens.test');
      assert.equal((await pm.request(`/v1/admin/concerns/${receipt.reference}`)).status, 404);
      assert.equal(
        (await call(s.url, `/v1/admin/concerns/${receipt.reference}`, { headers: token })).status,
        404,
      );
      assert.equal(
        (await call(s.url, `/v1/admin/oversight/concerns/${receipt.reference}`, { headers: token })).status,
        404,
      );
      const oversight = await call(s.url, '/v1/admin/oversight/concerns?limit=200', { headers: token });
      assert.ok(!oversight.text.includes(receipt.reference));
      const memberDeliveries = (await member.request(`/v1/admin/deliveries?concern=${receipt.reference}`))
        .json as DeliveryPage;
      assert.equal(memberDeliveries.items.length, 1);
      const coordinatorDeliveries = (
        await coordinator.request(`/v1/admin/deliveries?concern=${receipt.reference}`)
      ).json as DeliveryPage;
      assert.equal(coordinatorDeliveries.items.length, 0);

      // Never in Open311 lists or requests.
      const o311 = await call(s.url, `/open311/v2/requests.json?service_request_id=${receipt.reference}`);
      assert.ok(!o311.text.includes(receipt.reference));
      assert.equal((await call(s.url, `/open311/v2/requests/${receipt.reference}.json`)).status, 404);
      const all = await call(s.url, '/open311/v2/requests.json');
      assert.ok(!all.text.includes(receipt.reference));

      // Never linked to a public priority.
      const priority = await call(
        s.url,
        '/v1/admin/priorities',
        jsonInit(
          'POST',
          {
            issue: { fr: 'Relations avec la police' },
            issueDate: '2026-12-01',
            status: 'in-progress',
            sources: { concernReferences: [receipt.reference] },
          },
          admin,
        ),
      );
      assert.equal(priority.status, 422);

      // Never handed to a police service, nor re-categorised out of the instance's hands.
      const refer = await member.request(`/v1/admin/concerns/${receipt.reference}/triage`, {
        ...jsonInit('POST', { serviceId: 'police-municipale' }),
      });
      assert.equal(refer.status, 409);
      const recat = await member.request(`/v1/admin/concerns/${receipt.reference}/triage`, {
        ...jsonInit('POST', { categoryCode: 'stationnement' }),
      });
      assert.equal(recat.status, 409);
      // The instance cannot become a police service, nor stop being restricted, while such complaints reach it.
      const flip = await call(
        s.url,
        '/v1/admin/services/mediateur',
        jsonInit('PUT', { name: { fr: 'Médiateur' }, restricted: false }, admin),
      );
      assert.equal(flip.status, 409);
      // An answer from the instance is fine, and goes nowhere else.
      const answer = await member.request(`/v1/admin/concerns/${receipt.reference}/triage`, {
        ...jsonInit('POST', {
          status: 'in-progress',
          publicUpdate: { fr: 'Votre réclamation est examinée.' },
        }),
      });
      assert.equal(answer.status, 200, answer.text);
      // Never in a public figure: the services' response times (answered now, so it would count),
      // nor the activity report's count of concerns received.
      const stats = await call(s.url, '/v1/stats');
      assert.equal(stats.status, 200, stats.text);
      const figures = (stats.json as { responseTimes: ResponseTimes }).responseTimes.figures;
      assert.ok(!figures.some((f) => f.serviceId === 'mediateur'), 'no figure of the instance');
      const year = receipt.submittedAt.slice(0, 4);
      const report = await call(s.url, `/v1/reports/${year}`);
      assert.equal(report.status, 200, report.text);
      const counted = await s.db.query<{ open: number; restricted: number }>(
        `SELECT count(*) FILTER (WHERE NOT restricted)::int AS open, count(*) FILTER (WHERE restricted)::int AS restricted
           FROM concerns WHERE NOT quarantined AND duplicate_of IS NULL AND status <> 'duplicate'
            AND submitted_at >= $1 AND submitted_at < $2`,
        [`${year}-01-01T00:00:00+01:00`, `${Number(year) + 1}-01-01T00:00:00+01:00`],
      );
      assert.ok((counted[0]?.restricted ?? 0) > 0);
      assert.equal((report.json as PublicReport).concerns.received, counted[0]?.open);
      assert.ok(!report.text.includes('mediateur'));
      await s.worker.tick();
      // Nothing about it ever reached a police service's webhook.
      assert.ok(!receiver.received.some((w) => w.body.includes(receipt.reference)));
      const policeDeliveries = await s.db.query(
        `SELECT d.id FROM deliveries d JOIN concerns c ON c.id = d.concern_id JOIN services s ON s.id = d.service_id
          WHERE c.restricted AND s.police`,
      );
      assert.equal(policeDeliveries.length, 0);
    });

    test('a concern re-categorised as a conduct complaint goes to the instance and leaves every public list', async () => {
      const r = await call(
        s.url,
        '/v1/concerns',
        jsonInit(
          'POST',
          {
            categoryCode: 'autre',
            description: 'Un agent de la police municipale a été très agressif.',
            location: { districtId: 'saint-leu' },
            attributes: { 'danger-immediat': 'non' },
          },
          { 'Idempotency-Key': key() },
        ),
      );
      const receipt = r.json as ConcernReceipt;
      const priority = await call(
        s.url,
        '/v1/admin/priorities',
        jsonInit(
          'POST',
          {
            issue: { fr: 'Tranquillité à Saint-Leu' },
            issueDate: '2026-12-02',
            status: 'in-progress',
            sources: { concernReferences: [receipt.reference] },
          },
          admin,
        ),
      );
      assert.equal(priority.status, 201, priority.text);
      const t = await call(
        s.url,
        `/v1/admin/concerns/${receipt.reference}/triage`,
        jsonInit('POST', { categoryCode: 'conduite-forces-ordre' }, admin),
      );
      assert.equal(t.status, 200, t.text);
      assert.equal((t.json as { service: { id: string } }).service.id, 'mediateur');
      assert.equal(
        (await call(s.url, `/v1/admin/concerns/${receipt.reference}`, { headers: admin })).status,
        404,
      );
      const priorities = await call(s.url, '/v1/priorities');
      assert.ok(!priorities.text.includes(receipt.reference));
      assert.ok(!(await call(s.url, '/open311/v2/requests.json')).text.includes(receipt.reference));
    });
  });
}
