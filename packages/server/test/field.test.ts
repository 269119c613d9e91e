/**
 * Café mode (issue #17): a concern an agent notes at a café is routed like any other, tied to the
 * café (« relevé au café du 5 décembre, place du Don ») in the staff view and the public status,
 * received exactly once per Idempotency-Key, with the resident's consent to be contacted recorded.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AdminConcern, Cafe, ConcernReceipt, ConcernStatusView } from '@proximite/contract';
import { raisedAtCafeText } from '@proximite/contract';
import { seedStaff } from '../src/seed-staff.js';
import { createAdminToken } from '../src/store/tokens.js';
import { call, fakeClock, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';
import { PASSWORD, signedIn } from './staff-helpers.js';
import type { Browser } from './staff-helpers.js';

const ACCOUNTS = [
  {
    email: 'agent@amiens.test',
    displayName: 'Ange Agent',
    role: 'agent',
    services: ['proprete-urbaine'],
    password: PASSWORD,
  },
  { email: 'observer@amiens.test', displayName: 'Olivier Observateur', role: 'observer', password: PASSWORD },
] as const;

const NOTE = {
  categoryCode: 'depots-sauvages',
  description: 'Des sacs déposés chaque soir derrière le kiosque.',
  lang: 'fr',
};

describe('raisedAtCafeText', () => {
  test('the café’s day in its own time zone, in French and English', () => {
    const cafe = {
      cafeId: 'c',
      start: '2026-12-04T23:30:00.000Z',
      timeZone: 'Europe/Paris',
      place: 'place du Don',
    };
    assert.equal(raisedAtCafeText(cafe, 'fr'), 'Relevé au café du 5 décembre, place du Don');
    assert.equal(raisedAtCafeText(cafe, 'en'), 'Raised at the café of 5 December, place du Don');
  });
});

for (const target of targets()) {
  describe(`café mode (${target.name})`, () => {
    let s: TestServer;
    const clock = fakeClock(new Date('2026-12-05T09:30:00.000Z'));
    let agent: Browser;
    let cafe: Cafe;
    let n = 0;
    const note = (body: unknown, key = `field-${target.name}-${n++}`, cafeId = cafe.id, who = agent) =>
      who.request(
        `/v1/admin/cafes/${encodeURIComponent(cafeId)}/concerns`,
        jsonInit('POST', body, { 'Idempotency-Key': key }),
      );

    before(async () => {
      s = await startTestServer(target, { seed: true, clock, config: { requireSecondFactor: false } });
      await seedStaff(s.db, clock(), ACCOUNTS);
      const { token } = await createAdminToken(s.db, clock(), { name: 'cafes', scopes: ['cafes:write'] });
      const res = await call(
        s.url,
        '/v1/admin/cafes',
        jsonInit(
          'POST',
          {
            title: { fr: 'Un café avec un policier', en: 'Coffee with a police officer' },
            start: '2026-12-05T09:00:00+01:00',
            end: '2026-12-05T11:00:00+01:00',
            timeZone: 'Europe/Paris',
            place: { name: 'place du Don', address: 'Place du Don, 80000 Amiens' },
            districtId: 'saint-leu',
            mode: 'in-person',
            organizer: { name: 'Police municipale' },
          },
          { Authorization: `Bearer ${token}` },
        ),
      );
      assert.equal(res.status, 201, res.text);
      cafe = res.json as Cafe;
      agent = await signedIn(s.url, 'agent@amiens.test');
    });
    after(() => s.close());

    test('a note is routed, tied to the café in the staff view and the public status, audited as the agent’s', async () => {
      const res = await note(NOTE);
      assert.equal(res.status, 201, res.text);
      const receipt = res.json as ConcernReceipt;
      assert.equal(receipt.service.id, 'proprete-urbaine');
      const raisedAt = {
        cafeId: cafe.id,
        start: cafe.start,
        timeZone: 'Europe/Paris',
        place: 'place du Don',
      };

      const pub = await call(s.url, `/v1/concerns/${receipt.reference}?token=${receipt.statusToken}`);
      assert.equal(pub.status, 200, pub.text);
      const view = pub.json as ConcernStatusView;
      assert.deepEqual(view.raisedAt, raisedAt);
      assert.equal(raisedAtCafeText(view.raisedAt!, 'fr'), 'Relevé au café du 5 décembre, place du Don');
      // Routed on arrival like a resident's own report: the hand-off is its first public update.
      assert.match(view.updates[0]?.text.fr ?? '', /^Transmis au service/);

      const staff = await agent.request(`/v1/admin/concerns/${receipt.reference}`);
      assert.equal(staff.status, 200, staff.text);
      const detail = staff.json as AdminConcern;
      assert.deepEqual(detail.raisedAt, raisedAt);
      // Where: the café's own place when the agent gave none.
      assert.deepEqual(detail.location, { address: 'Place du Don, 80000 Amiens', districtId: 'saint-leu' });
      assert.equal(detail.contact, undefined);
      const noted = detail.history?.find((h) => h.action === 'concern.note-at-cafe');
      assert.ok(noted !== undefined, JSON.stringify(detail.history));
      const rows = await s.db.query<{ cafe_id: string; channel: string; noted_by: string }>(
        'SELECT cafe_id, channel, noted_by FROM concerns WHERE reference = $1',
        [receipt.reference],
      );
      assert.equal(rows[0]?.cafe_id, cafe.id);
      assert.equal(rows[0]?.channel, 'cafe');
      assert.match(rows[0]?.noted_by ?? '', /^staff:/);

      // The inbox lists it with the others.
      const inbox = await agent.request('/v1/admin/concerns?limit=100');
      assert.ok(
        (inbox.json as { items: { reference: string }[] }).items.some(
          (i) => i.reference === receipt.reference,
        ),
      );
    });

    test('the same key and note again: one concern, the receipt replayed; another body or café: 422', async () => {
      const key = `field-replay-${target.name}`;
      const first = await note(NOTE, key);
      assert.equal(first.status, 201, first.text);
      const again = await note(NOTE, key);
      assert.equal(again.status, 200, again.text);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal((again.json as ConcernReceipt).reference, (first.json as ConcernReceipt).reference);
      const count = await s.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM concerns WHERE description = $1 AND cafe_id = $2`,
        [NOTE.description, cafe.id],
      );
      // One from this test, one from the first.
      assert.equal(count[0]?.n, 2);
      assert.equal((await note({ ...NOTE, description: 'Autre chose.' }, key)).status, 422);
      // Two retries racing each other still make one concern.
      const raced = `field-race-${target.name}`;
      const both = await Promise.all([note(NOTE, raced), note(NOTE, raced)]);
      const refs = new Set(
        both
          .filter((r) => r.status === 200 || r.status === 201)
          .map((r) => (r.json as ConcernReceipt).reference),
      );
      assert.equal(refs.size, 1);
      for (const r of both) assert.ok([200, 201, 409].includes(r.status), r.text);
    });

    test('contact details need the resident’s consent, recorded with who noted it and when', async () => {
      const contact = { name: 'Mme Leroy', email: 'leroy@example.org', emailUpdates: true };
      const refused = await note({ ...NOTE, contact });
      assert.equal(refused.status, 422, refused.text);
      assert.ok(JSON.stringify(refused.json).includes('consent'));
      const res = await note({ ...NOTE, contact, consent: true });
      assert.equal(res.status, 201, res.text);
      const { reference } = res.json as ConcernReceipt;
      const detail = (await agent.request(`/v1/admin/concerns/${reference}`)).json as AdminConcern;
      assert.equal(detail.contact?.email, 'leroy@example.org');
      assert.deepEqual(detail.contact?.consent, { at: clock().toISOString(), by: 'Ange Agent' });
      // The resident asked for news by e-mail: the acknowledgement is queued like the form's.
      const jobs = await s.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM deliveries d JOIN concerns c ON c.id = d.concern_id
          WHERE c.reference = $1 AND d.event = 'resident.acknowledgement'`,
        [reference],
      );
      assert.equal(jobs[0]?.n, 1);
    });

    test('unknown café 404; no key 400; an observer or no session cannot note; a place of its own is kept', async () => {
      assert.equal((await note(NOTE, 'field-unknown-cafe', 'cafe-nope')).status, 404);
      const noKey = await agent.request(
        `/v1/admin/cafes/${encodeURIComponent(cafe.id)}/concerns`,
        jsonInit('POST', NOTE),
      );
      assert.equal(noKey.status, 400);
      const observer = await signedIn(s.url, 'observer@amiens.test');
      assert.equal((await note(NOTE, 'field-observer', cafe.id, observer)).status, 403);
      const anonymous = await call(
        s.url,
        `/v1/admin/cafes/${encodeURIComponent(cafe.id)}/concerns`,
        jsonInit('POST', NOTE, { 'Idempotency-Key': 'field-anonymous' }),
      );
      assert.equal(anonymous.status, 401);
      const own = await note({
        ...NOTE,
        location: { address: '12 rue Motte, Amiens', districtId: 'saint-leu' },
      });
      assert.equal(own.status, 201, own.text);
      const detail = (await agent.request(`/v1/admin/concerns/${(own.json as ConcernReceipt).reference}`))
        .json as AdminConcern;
      assert.equal(detail.location.address, '12 rue Motte, Amiens');
    });

    test('the public form cannot tie a concern to a café', async () => {
      const res = await call(
        s.url,
        '/v1/concerns',
        jsonInit(
          'POST',
          { ...NOTE, location: { districtId: 'saint-leu' }, raisedAt: { cafeId: cafe.id } },
          { 'Idempotency-Key': `field-public-${target.name}` },
        ),
      );
      assert.equal(res.status, 422);
    });
  });
}
