import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Open311Request, Open311ServiceDefinition } from '@proximite/contract';
import { createOpen311Key } from '../src/store/tokens.js';
import { call, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

for (const target of targets()) {
  describe(`Open311 GeoReport v2 (${target.name})`, () => {
    let s: TestServer;
    let apiKey: string;
    before(async () => {
      s = await startTestServer(target, { seed: true, config: { jurisdictionId: 'amiens.fr' } });
      apiKey = (await createOpen311Key(s.db, new Date(), 'fixmystreet')).key;
    });
    after(() => s.close());

    test('discovery in JSON and XML', async () => {
      const json = await call(s.url, '/open311/v2/discovery.json');
      assert.equal(json.status, 200);
      const d = json.json as { endpoints: { url: string; specification: string; formats: string[] }[] };
      assert.equal(d.endpoints[0]?.url, `${s.url}/open311/v2`);
      assert.ok(d.endpoints[0]?.formats.includes('text/xml'));
      const xml = await call(s.url, '/open311/v2/discovery.xml');
      assert.equal(xml.headers.get('content-type'), 'text/xml; charset=utf-8', 'as GeoReport v2 says');
      assert.match(
        xml.text,
        /<discovery>[\s\S]*<endpoints>\s*<endpoint>[\s\S]*<specification>http:\/\/wiki\.open311\.org\/GeoReport_v2<\/specification>/,
      );
    });

    test('services: one per non-emergency category, with the spec field names', async () => {
      const r = await call(s.url, '/open311/v2/services.json?jurisdiction_id=amiens.fr');
      const services = r.json as Record<string, unknown>[];
      assert.ok(services.length >= 7);
      assert.ok(
        !services.some((x) => x.service_code === 'danger-immediat'),
        'the emergency is not a service',
      );
      for (const svc of services) {
        for (const key of [
          'service_code',
          'service_name',
          'description',
          'metadata',
          'type',
          'keywords',
          'group',
        ])
          assert.ok(key in svc, key);
      }
      const xml = await call(s.url, '/open311/v2/services.xml');
      assert.match(xml.text, /<services>\s*<service>\s*<service_code>/);
      const other = await call(s.url, '/open311/v2/services.json?jurisdiction_id=paris.fr');
      assert.equal(other.status, 404);
    });

    test('service definition: the category fields as attributes', async () => {
      const r = await call(s.url, '/open311/v2/services/depots-sauvages.json');
      const def = r.json as Open311ServiceDefinition;
      assert.equal(def.service_code, 'depots-sauvages');
      const attr = def.attributes.find((a) => a.code === 'type-depot');
      assert.equal(attr?.datatype, 'singlevaluelist');
      assert.equal(attr?.required, true);
      assert.equal(attr?.variable, true);
      assert.ok(attr?.values?.some((v) => v.key === 'encombrants' && typeof v.name === 'string'));
      const xml = await call(s.url, '/open311/v2/services/depots-sauvages.xml');
      assert.match(
        xml.text,
        /<service_definition>[\s\S]*<attributes>\s*<attribute>[\s\S]*<values>\s*<value>\s*<key>/,
      );
      const missing = await call(s.url, '/open311/v2/services/nope.json');
      assert.equal(missing.status, 404);
      assert.deepEqual(Object.keys((missing.json as object[])[0] ?? {}).sort(), ['code', 'description']);
      const missingXml = await call(s.url, '/open311/v2/services/nope.xml');
      assert.equal(missingXml.status, 404);
      assert.match(missingXml.text, /<errors>\s*<error>\s*<code>404<\/code>/);
    });

    test('POST requests: api_key required (403), attributes folded, id and token as strings', async () => {
      const fields = {
        service_code: 'depots-sauvages',
        lat: '49.8957',
        long: '2.3011',
        address_string: 'Rue Motte, 80000 Amiens',
        description: 'Encombrants sur le trottoir.',
        email: 'someone@example.org',
        first_name: 'Alex',
        'attribute[type-depot]': 'encombrants',
        'attribute[recurrent]': 'souvent',
      };
      const noKey = await call(s.url, '/open311/v2/requests.json', form(fields));
      assert.equal(noKey.status, 403);
      const badKey = await call(s.url, '/open311/v2/requests.xml', form({ ...fields, api_key: 'wrong' }));
      assert.equal(badKey.status, 403);
      assert.match(badKey.text, /<errors>/);

      const r = await call(s.url, '/open311/v2/requests.json', form({ ...fields, api_key: apiKey }));
      assert.equal(r.status, 200);
      const created = (r.json as { service_request_id: string; token: string }[])[0];
      assert.equal(typeof created?.service_request_id, 'string');
      assert.match(created?.service_request_id ?? '', /^PRX-/);
      const stored = await s.db.query<{ attributes: Record<string, string> }>(
        'SELECT attributes FROM concerns WHERE reference = $1',
        [created?.service_request_id],
      );
      assert.deepEqual(stored[0]?.attributes, { 'type-depot': 'encombrants', recurrent: 'souvent' });

      const tok = await call(s.url, `/open311/v2/tokens/${created?.token ?? ''}.json`);
      assert.deepEqual(tok.json, [
        { service_request_id: created?.service_request_id, token: created?.token },
      ]);
      assert.equal((await call(s.url, '/open311/v2/tokens/unknown.json')).status, 404);

      const one = await call(s.url, `/open311/v2/requests/${created?.service_request_id ?? ''}.json`);
      const req = (one.json as Open311Request[])[0];
      assert.equal(req?.service_request_id, created?.service_request_id);
      assert.equal(req?.status, 'open');
      assert.equal(req?.external_status_code, 'OPEN');
      assert.equal(req?.service_code, 'depots-sauvages');
      assert.ok(!one.text.includes('someone@example.org') && !one.text.includes('Alex'), 'no personal data');
      const xml = await call(s.url, `/open311/v2/requests/${created?.service_request_id ?? ''}.xml`);
      assert.match(xml.text, /<service_requests>\s*<request>\s*<service_request_id>PRX-/);
    });

    test('POST requests: validation errors are Open311 400 errors', async () => {
      const cases: Record<string, string>[] = [
        { api_key: apiKey, service_code: 'depots-sauvages', 'attribute[type-depot]': 'sacs' },
        { api_key: apiKey, service_code: 'inconnu', address_string: 'x' },
        { api_key: apiKey, service_code: 'depots-sauvages', address_string: 'x' },
        { api_key: apiKey, service_code: 'danger-immediat', address_string: 'x' },
        {
          api_key: apiKey,
          service_code: 'depots-sauvages',
          address_string: 'x',
          'attribute[type-depot]': 'sacs',
          email: 'not-an-email',
        },
      ];
      for (const c of cases) {
        const r = await call(s.url, '/open311/v2/requests.json', form(c));
        assert.equal(r.status, 400, JSON.stringify(c));
      }
      const json = await call(s.url, '/open311/v2/requests.json', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      assert.equal(json.status, 400);
    });

    test('GET requests: filters by id, service, status and dates (≤ 90 days)', async () => {
      const all = (await call(s.url, '/open311/v2/requests.json')).json as Open311Request[];
      assert.ok(all.length >= 3);
      assert.ok(all.every((r) => typeof r.service_request_id === 'string'));
      assert.ok(
        all.every((r) => r.description === null && r.address === null),
        'descriptions and addresses are not public by default',
      );
      const closed = (await call(s.url, '/open311/v2/requests.json?status=closed')).json as Open311Request[];
      assert.ok(closed.length >= 1 && closed.every((r) => r.status === 'closed'));
      assert.ok(closed.some((r) => r.external_status_code === 'FIXED' && typeof r.status_notes === 'string'));
      const open = (await call(s.url, '/open311/v2/requests.json?status=open')).json as Open311Request[];
      assert.ok(open.every((r) => r.status === 'open'));
      const parking = (await call(s.url, '/open311/v2/requests.json?service_code=stationnement,bruit'))
        .json as Open311Request[];
      assert.ok(
        parking.length >= 2 &&
          parking.every((r) => r.service_code === 'stationnement' || r.service_code === 'bruit'),
      );
      const ids = all
        .slice(0, 2)
        .map((r) => r.service_request_id)
        .join(',');
      const byId = (await call(s.url, `/open311/v2/requests.json?service_request_id=${ids}&status=closed`))
        .json as Open311Request[];
      assert.equal(byId.length, 2, 'service_request_id overrides the other filters');
      const paged = (await call(s.url, '/open311/v2/requests.json?page_size=1&page=2'))
        .json as Open311Request[];
      assert.equal(paged[0]?.service_request_id, all[1]?.service_request_id);
      const wide = await call(
        s.url,
        '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
      );
      assert.equal(wide.status, 400);
      assert.match((wide.json as { description: string }[])[0]?.description ?? '', /90 days/);
      assert.equal((await call(s.url, '/open311/v2/requests.json?status=pending')).status, 400);
      assert.equal((await call(s.url, '/open311/v2/requests.html')).status, 400);
      assert.equal((await call(s.url, '/open311/v2/requests/PRX-0000-0000.json')).status, 404);
      assert.equal((await call(s.url, '/open311/v2/nothing.json')).status, 404);
    });

    test('quarantined concerns are not published', async () => {
      await s.db.query(`UPDATE concerns SET quarantined = true WHERE category_code = 'bruit'`);
      const list = (await call(s.url, '/open311/v2/requests.json?service_code=bruit'))
        .json as Open311Request[];
      assert.equal(list.length, 0);
    });
  });
}
