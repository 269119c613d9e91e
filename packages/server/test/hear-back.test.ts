/**
 * Residents hear back (issue #15): the short tracking code of the receipt, its lookups and their
 * rate limits; the long status token still works.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConcernInput, ConcernReceipt, ConcernStatusView } from '@proximite/contract';
import { TRACKING_CODE_PATTERN, normalizeTrackingCode } from '@proximite/contract/tracking-code.js';
import { createAdminToken } from '../src/store/tokens.js';
import { call, fakeClock, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

const input: ConcernInput = {
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants', recurrent: 'souvent' },
  lang: 'fr',
};

let keyCounter = 0;
const submit = async (s: TestServer): Promise<ConcernReceipt> => {
  const r = await call(
    s.url,
    '/v1/concerns',
    jsonInit('POST', input, { 'Idempotency-Key': `hear-back-${Date.now()}-${keyCounter++}` }),
  );
  assert.equal(r.status, 201, r.text);
  return r.json as ConcernReceipt;
};

const lookup = (s: TestServer, reference: string, query: string, ip = '192.0.2.1') =>
  call(s.url, `/v1/concerns/${reference}?${query}`, { headers: { 'X-Forwarded-For': ip } });

describe('tracking codes as Crockford base 32 reads them', () => {
  test('case, spaces and dashes do not matter; I and L read as 1, O as 0; U and wrong lengths are refused', () => {
    assert.equal(normalizeTrackingCode('7k3mq 9abx4'), '7K3MQ-9ABX4');
    assert.equal(normalizeTrackingCode(' 7K3MQ-9ABX4 '), '7K3MQ-9ABX4');
    assert.equal(normalizeTrackingCode('oil00-lIoo1'), '01100-11001');
    assert.equal(normalizeTrackingCode('7K3MQ-9ABXU'), undefined);
    assert.equal(normalizeTrackingCode('7K3MQ-9ABX'), undefined);
    assert.equal(normalizeTrackingCode('7K3MQ-9ABX44'), undefined);
  });
});

for (const target of targets()) {
  describe(`tracking code (${target.name})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(target, {
        seed: true,
        // A still clock: every lookup falls in one rate-limit minute.
        clock: fakeClock(new Date('2026-12-02T10:00:10Z')),
        config: { lookupRateLimitPerMinute: 4, trustProxy: true, ipSalt: 'test-salt' },
      });
    });
    after(() => s.close());

    test('the receipt carries a short code; only its hash is stored; it reads the status as typed', async () => {
      const receipt = await submit(s);
      assert.match(receipt.trackingCode ?? '', TRACKING_CODE_PATTERN);
      const code = receipt.trackingCode!;
      const rows = await s.db.query<Record<string, unknown>>('SELECT * FROM concerns WHERE reference = $1', [
        receipt.reference,
      ]);
      const stored = JSON.stringify(rows[0]);
      assert.ok(!stored.includes(code) && !stored.includes(code.replace('-', '')), 'code stored in clear');
      assert.match(String(rows[0]?.tracking_code_hash), /^[0-9a-f]{64}$/);

      const typed = code.toLowerCase().replace('-', ' ');
      const r = await lookup(s, receipt.reference, `code=${encodeURIComponent(typed)}`, '192.0.2.10');
      assert.equal(r.status, 200, r.text);
      assert.equal((r.json as ConcernStatusView).reference, receipt.reference);
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(r.headers.get('cache-control'), 'private, no-store');
      // The long token still works.
      const t = await lookup(s, receipt.reference, `token=${receipt.statusToken}`, '192.0.2.10');
      assert.equal(t.status, 200);
    });

    test('a wrong code, another concern’s code, or both secrets at once do not open it', async () => {
      const a = await submit(s);
      const b = await submit(s);
      const ip = '192.0.2.20';
      assert.equal((await lookup(s, a.reference, `code=${b.trackingCode}`, ip)).status, 404);
      const other = a.trackingCode!.startsWith('0')
        ? `1${a.trackingCode!.slice(1)}`
        : `0${a.trackingCode!.slice(1)}`;
      assert.equal((await lookup(s, a.reference, `code=${other}`, '192.0.2.21')).status, 404);
      const both = await lookup(
        s,
        a.reference,
        `code=${a.trackingCode}&token=${a.statusToken}`,
        '192.0.2.22',
      );
      assert.equal(both.status, 400);
      assert.equal((await lookup(s, a.reference, '', '192.0.2.22')).status, 400);
      assert.equal((await lookup(s, a.reference, 'code=not-a-code', '192.0.2.22')).status, 400);
    });

    test('lookups by code are limited per client (429, Retry-After); by token they are not', async () => {
      const receipt = await submit(s);
      const ip = '192.0.2.30';
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 6; i++) {
        const r = await lookup(s, receipt.reference, `code=${receipt.trackingCode}`, ip);
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('retry-after');
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
      assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 60);
      // Another client is not held back by this one.
      assert.equal(
        (await lookup(s, receipt.reference, `code=${receipt.trackingCode}`, '192.0.2.31')).status,
        200,
      );
      for (let i = 0; i < 6; i++)
        assert.equal((await lookup(s, receipt.reference, `token=${receipt.statusToken}`, ip)).status, 200);
    });

    test('guessing spread over many clients is limited per reference too', async () => {
      const receipt = await submit(s);
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++)
        statuses.push((await lookup(s, receipt.reference, 'code=00000-00000', `198.51.100.${i}`)).status);
      // Twice the client's limit (4) per reference, whoever asks.
      assert.deepEqual(statuses, [404, 404, 404, 404, 404, 404, 404, 404, 429, 429]);
    });

    test('a concern from before tracking codes keeps its token and opens to no code', async () => {
      const receipt = await submit(s);
      await s.db.query('UPDATE concerns SET tracking_code_hash = NULL WHERE reference = $1', [
        receipt.reference,
      ]);
      assert.equal((await lookup(s, receipt.reference, `token=${receipt.statusToken}`)).status, 200);
      assert.equal(
        (await lookup(s, receipt.reference, `code=${receipt.trackingCode}`, '192.0.2.40')).status,
        404,
      );
    });
  });
}

/** What a resident wrote and a staff member noted: none of it may reach a public answer. */
const PRIVATE = {
  description: 'Camille voit le dépôt depuis le 12 rue Secrète (description-7f3a).',
  address: '12 rue Secrète, 80000 Amiens',
  name: 'Camille Privée',
  email: 'camille.privee@example.org',
  phone: '+33 6 98 76 54 32',
  note: 'Note interne : le voisin du 14 est connu des services (note-9c1e).',
};

for (const target of targets()) {
  describe(`private Atom feed of a concern (${target.name})`, () => {
    let s: TestServer;
    let bearer: Record<string, string>;
    before(async () => {
      s = await startTestServer(target, { seed: true });
      const { token } = await createAdminToken(s.db, new Date(), {
        name: 'triage',
        scopes: ['concerns:triage'],
      });
      bearer = { Authorization: `Bearer ${token}` };
    });
    after(() => s.close());

    const withPrivateData = async (): Promise<ConcernReceipt> => {
      const r = await call(
        s.url,
        '/v1/concerns',
        jsonInit(
          'POST',
          {
            ...input,
            description: PRIVATE.description,
            location: { address: PRIVATE.address, lat: 49.8957, lon: 2.3011 },
            contact: { name: PRIVATE.name, email: PRIVATE.email, phone: PRIVATE.phone, preferred: 'email' },
          },
          { 'Idempotency-Key': `hear-back-feed-${Date.now()}-${keyCounter++}` },
        ),
      );
      assert.equal(r.status, 201, r.text);
      return r.json as ConcernReceipt;
    };

    const triage = async (reference: string, body: Record<string, unknown>) => {
      const r = await call(s.url, `/v1/admin/concerns/${reference}/triage`, jsonInit('POST', body, bearer));
      assert.equal(r.status, 200, r.text);
    };

    test('the status lookup offers the feed; the feed is valid Atom with the public updates, in the resident’s language', async () => {
      const receipt = await withPrivateData();
      await triage(receipt.reference, {
        status: 'in-progress',
        publicUpdate: { fr: 'Pris en charge par l’équipe propreté.', en: 'Taken on by the cleaning team.' },
        internalNote: PRIVATE.note,
      });
      const status = await call(s.url, `/v1/concerns/${receipt.reference}?code=${receipt.trackingCode}`);
      const feedUrl = (status.json as ConcernStatusView).feedUrl!;
      assert.ok(feedUrl.startsWith(`${s.url}/v1/concerns/${receipt.reference}/feed.atom?token=`), feedUrl);
      const key = new URL(feedUrl).searchParams.get('token')!;
      assert.notEqual(key, receipt.statusToken);
      assert.ok(!key.includes(receipt.trackingCode!.replace('-', '')));

      const feed = await call(s.url, new URL(feedUrl).pathname + new URL(feedUrl).search);
      assert.equal(feed.status, 200, feed.text);
      assert.match(feed.headers.get('content-type') ?? '', /^application\/atom\+xml; charset=utf-8/);
      assert.equal(feed.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(feed.headers.get('content-language'), 'fr');
      const xml = feed.text;
      assert.match(
        xml,
        /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="fr">/,
      );
      // RFC 4287 §4.1.1: a feed has exactly one id, title and updated, an author (none of its
      // entries has one), and every entry one id, title and updated.
      for (const el of ['id', 'title', 'updated', 'author'])
        assert.equal(xml.split('<entry>')[0]!.match(new RegExp(`<${el}>`, 'g'))?.length, 1, el);
      const entries = xml.split('<entry>').slice(1);
      // The update, the hand-off to the service the routing rules chose (issue 14), the receipt.
      assert.equal(entries.length, 3);
      for (const e of entries)
        for (const el of ['id', 'title', 'updated']) assert.match(e, new RegExp(`<${el}>[^<]+</${el}>`));
      assert.match(xml, /<link rel="self" type="application\/atom\+xml" href="[^"]+feed.atom\?token=/);
      assert.match(entries[0]!, /<title>En cours de traitement<\/title>/);
      assert.match(entries[0]!, /Pris en charge par l’équipe propreté\./);
      assert.match(entries[1]!, /<title>Reçu<\/title>/);
      assert.match(entries[1]!, /Transmis au service [^<]+\./);
      assert.match(entries[2]!, /<title>Reçu<\/title>/);
      for (const secret of Object.values(PRIVATE)) assert.ok(!xml.includes(secret), `leaked: ${secret}`);
      assert.ok(!xml.includes('Secrète') && !xml.includes('49.8957'));

      const en = await call(s.url, `/v1/concerns/${receipt.reference}/feed.atom?token=${key}&lang=en`);
      assert.match(en.text, /<title>Being handled<\/title>/);
      assert.match(en.text, /Taken on by the cleaning team\./);
      assert.match(en.text, /Passed to [^<]+\./);
      // The status token opens it too; another concern's key, a wrong key do not.
      assert.equal(
        (await call(s.url, `/v1/concerns/${receipt.reference}/feed.atom?token=${receipt.statusToken}`))
          .status,
        200,
      );
      const other = await withPrivateData();
      assert.equal((await call(s.url, `/v1/concerns/${other.reference}/feed.atom?token=${key}`)).status, 404);
      assert.equal(
        (await call(s.url, `/v1/concerns/${receipt.reference}/feed.atom?token=${'x'.repeat(32)}`)).status,
        404,
      );
      assert.equal((await call(s.url, `/v1/concerns/${receipt.reference}/feed.atom`)).status, 400);
    });

    test('internal notes and personal data never reach the public status, the feed or Open311', async () => {
      const receipt = await withPrivateData();
      await triage(receipt.reference, { internalNote: PRIVATE.note });
      await triage(receipt.reference, { status: 'resolved', publicUpdate: { fr: 'Enlevé ce matin.' } });
      const status = await call(s.url, `/v1/concerns/${receipt.reference}?token=${receipt.statusToken}`);
      const feedUrl = new URL((status.json as ConcernStatusView).feedUrl!);
      const feed = await call(s.url, feedUrl.pathname + feedUrl.search);
      const open311 = await call(s.url, '/open311/v2/requests.json');
      for (const r of [status, feed, open311]) {
        assert.equal(r.status, 200);
        for (const secret of [PRIVATE.note, 'note-9c1e', PRIVATE.name, PRIVATE.email, PRIVATE.phone])
          assert.ok(!r.text.includes(secret), `leaked: ${secret}`);
      }
      assert.ok(feed.text.includes('Enlevé ce matin.'));
    });
  });
}
