import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CafePage, DistrictList, Priority, RightsContent, StatsDataset } from '@proximite/contract';
import { call, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

for (const target of targets()) {
  describe(`public reads (${target.name})`, () => {
    let s: TestServer;
    let staticDir: string;
    before(async () => {
      staticDir = mkdtempSync(join(tmpdir(), 'prx-static-'));
      writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Démo</title>');
      writeFileSync(join(staticDir, 'demo.js'), 'export {};');
      mkdirSync(join(staticDir, 'bundles'));
      writeFileSync(join(staticDir, 'bundles', 'proximite-0.1.0.js'), 'export const x = 1;');
      mkdirSync(join(staticDir, 'bundles', 'cdn', 'staff'), { recursive: true });
      writeFileSync(join(staticDir, 'bundles', 'cdn', 'staff', 'service-worker.js'), 'self.x = 1;');
      s = await startTestServer(target, {
        seed: true,
        config: { staticDir, bundlesDir: join(staticDir, 'bundles') },
      });
    });
    after(async () => {
      await s.close();
      rmSync(staticDir, { recursive: true, force: true });
    });

    test('GET /healthz names the database', async () => {
      const r = await call(s.url, '/healthz');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { status: 'ok', version: '0.1.0', database: target.name });
    });

    test('GET /openapi.json is the contract document', async () => {
      const r = await call(s.url, '/openapi.json');
      assert.equal(r.status, 200);
      const doc = r.json as { openapi: string; paths: Record<string, unknown> };
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.paths['/v1/concerns']);
    });

    test('GET /v1/cafes lists upcoming cafés soonest first, with one cancelled, one online, one hybrid', async () => {
      const r = await call(s.url, '/v1/cafes?limit=200');
      assert.equal(r.status, 200);
      const page = r.json as CafePage;
      assert.ok(page.items.length >= 9);
      assert.equal(page.nextCursor, null);
      const starts = page.items.map((c) => Date.parse(c.start));
      assert.deepEqual(
        starts,
        [...starts].sort((a, b) => a - b),
      );
      assert.ok(page.items.every((c) => Date.parse(c.end) >= Date.now() - 86400_000));
      assert.equal(page.items.filter((c) => c.status === 'cancelled').length, 1);
      assert.ok(page.items.some((c) => c.mode === 'online' && c.onlineUrl !== undefined));
      assert.ok(page.items.some((c) => c.mode === 'hybrid'));
      assert.ok(page.items.every((c) => c.title.fr !== '' && c.title.en !== undefined));
      assert.ok(page.items.some((c) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/.test(c.start)));
    });

    test('GET /v1/cafes pages with a cursor and filters by district and window', async () => {
      const all = (await call(s.url, '/v1/cafes?limit=200')).json as CafePage;
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const page = (await call(s.url, `/v1/cafes?limit=3${q}`)).json as CafePage;
        assert.ok(page.items.length <= 3);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(
        seen,
        all.items.map((c) => c.id),
      );

      const leu = (await call(s.url, '/v1/cafes?district=saint-leu')).json as CafePage;
      assert.ok(leu.items.length >= 2);
      assert.ok(leu.items.every((c) => c.districtId === 'saint-leu'));

      const first = all.items[0];
      assert.ok(first);
      const day = first.start.slice(0, 10);
      const window = (await call(s.url, `/v1/cafes?from=${day}&to=${day}`)).json as CafePage;
      assert.ok(window.items.length >= 1);
      assert.ok(window.items.every((c) => c.start.slice(0, 10) === day));

      const past = (await call(s.url, `/v1/cafes?from=2000-01-01`)).json as CafePage;
      assert.ok(past.items.length > all.items.length, 'from in the past includes the past café');
    });

    test('GET /v1/cafes rejects unknown, repeated and invalid parameters with 400 problems', async () => {
      for (const q of [
        '?limit=0',
        '?limit=abc',
        '?unknown=1',
        '?limit=2&limit=3',
        '?from=yesterday',
        '?cursor=%%%',
        '?cursor=bm9wZQ',
      ]) {
        const r = await call(s.url, `/v1/cafes${q}`);
        assert.equal(r.status, 400, q);
      }
    });

    test('GET /v1/cafes/{id} returns one café; unknown → 404 problem', async () => {
      const all = (await call(s.url, '/v1/cafes')).json as CafePage;
      const id = all.items[0]?.id ?? '';
      const r = await call(s.url, `/v1/cafes/${id}`);
      assert.equal(r.status, 200);
      assert.equal((r.json as { id: string }).id, id);
      assert.equal((await call(s.url, '/v1/cafes/nope')).status, 404);
      assert.equal((await call(s.url, '/v1/cafes/%E2%9C%93')).status, 404);
    });

    test('GET /v1/districts: the Amiens districts, in French or English', async () => {
      const r = (await call(s.url, '/v1/districts')).json as DistrictList;
      const ids = r.items.map((d) => d.id);
      for (const id of [
        'saint-leu',
        'centre-ville',
        'saint-maurice',
        'etouvie',
        'amiens-nord',
        'sud-est',
        'henriville',
      ]) {
        assert.ok(ids.includes(id), id);
      }
      const en = (await call(s.url, '/v1/districts?lang=en')).json as DistrictList;
      assert.notEqual(en.items[0]?.description, r.items[0]?.description);
      assert.equal((await call(s.url, '/v1/districts?lang=de')).status, 400);
    });

    test('GET /v1/concern-categories: categories with services, fields and the emergency stopper', async () => {
      const r = await call(s.url, '/v1/concern-categories');
      const items = (r.json as { items: { code: string; emergency?: { numbers: string[] } }[] }).items;
      assert.ok(items.some((c) => c.code === 'stationnement'));
      assert.deepEqual(items.find((c) => c.emergency !== undefined)?.emergency?.numbers, [
        '17',
        '112',
        '114',
      ]);
    });

    test('GET /v1/priorities: "vous avez dit, nous avons fait", linked to concerns and cafés, filterable', async () => {
      const r = (await call(s.url, '/v1/priorities')).json as { items: Priority[] };
      assert.ok(r.items.length >= 3);
      assert.ok(
        r.items.some(
          (p) => p.status === 'done' && p.action !== undefined && p.sources.concernReferences.length > 0,
        ),
      );
      assert.ok(r.items.some((p) => p.sources.cafeIds.length > 0));
      const done = (await call(s.url, '/v1/priorities?status=done')).json as { items: Priority[] };
      assert.ok(done.items.length > 0 && done.items.every((p) => p.status === 'done'));
      const nord = (await call(s.url, '/v1/priorities?district=amiens-nord&limit=1')).json as {
        items: Priority[];
      };
      assert.ok(nord.items.every((p) => p.districtId === 'amiens-nord'));
      assert.equal((await call(s.url, '/v1/priorities?status=unknown')).status, 400);
    });

    test('GET /v1/rights: the bundled content, per language', async () => {
      const r = (await call(s.url, '/v1/rights')).json as RightsContent;
      assert.ok(r.topics.length > 0);
      const fr = await call(s.url, '/v1/rights?lang=fr');
      assert.equal(fr.headers.get('content-language'), 'fr');
      const text = fr.text;
      assert.ok(!/"en":/.test(text), 'the French document has no English strings');
      // The demo city's local contacts, for « Qui contacter ? » (the mairie, a delegate…).
      const kinds = (fr.json as RightsContent).localContacts?.map((c) => c.kind) ?? [];
      assert.deepEqual(kinds.sort(), [
        'defenseur-des-droits-delegue',
        'mairie',
        'point-justice',
        'police-municipale',
      ]);
    });

    test('GET /v1/stats: the Somme dataset, filtered; another area → 404', async () => {
      const r = (await call(s.url, '/v1/stats')).json as StatsDataset;
      assert.equal(r.area.code, '80');
      const first = r.series[0];
      assert.ok(first);
      const one = (await call(s.url, `/v1/stats?indicators=${first.indicatorId}&from=2024&to=2024`))
        .json as StatsDataset;
      assert.equal(one.series.length, 1);
      assert.ok(one.series[0]?.points.every((p) => p.year === 2024));
      assert.equal((await call(s.url, '/v1/stats?area=75')).status, 404);
      assert.equal((await call(s.url, '/v1/stats?area=<script>')).status, 400);
    });

    test('public GETs: ETag + 304, s-maxage and stale-while-revalidate, CORS *', async () => {
      for (const path of [
        '/v1/cafes',
        '/v1/districts',
        '/v1/concern-categories',
        '/v1/priorities',
        '/v1/rights',
        '/v1/stats',
        '/v1/cafes.ics',
      ]) {
        const first = await call(s.url, path, { headers: { Origin: 'https://anywhere.example' } });
        assert.equal(first.status, 200, path);
        const etag = first.headers.get('etag');
        assert.ok(etag !== null && /^"[0-9a-f]{32}"$/.test(etag), path);
        assert.match(first.headers.get('cache-control') ?? '', /s-maxage=\d+/);
        assert.match(first.headers.get('cache-control') ?? '', /stale-while-revalidate=\d+/);
        assert.equal(first.headers.get('access-control-allow-origin'), '*');
        const again = await call(s.url, path, { headers: { 'If-None-Match': etag } });
        assert.equal(again.status, 304, path);
        assert.equal(again.text, '');
        assert.equal(again.headers.get('etag'), etag);
        const other = await call(s.url, path, { headers: { 'If-None-Match': '"0000"' } });
        assert.equal(other.status, 200);
      }
    });

    test('security headers and a request id on every response', async () => {
      const r = await call(s.url, '/v1/districts', { headers: { 'X-Request-Id': 'trace-123' } });
      assert.equal(r.headers.get('x-request-id'), 'trace-123');
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(r.headers.get('strict-transport-security'));
      const missing = await call(s.url, '/v1/nothing', { headers: { 'X-Request-Id': 'trace-456' } });
      assert.equal(missing.status, 404);
      assert.equal((missing.json as { requestId: string }).requestId, 'trace-456');
    });

    test('a wrong method on a known path is a 405 problem with Allow', async () => {
      const r = await call(s.url, '/v1/cafes', { method: 'DELETE' });
      assert.equal(r.status, 405);
      assert.match(r.headers.get('allow') ?? '', /GET/);
    });

    test('the demo page and bundles are served with a strict CSP and ETags', async () => {
      const page = await call(s.url, '/');
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(
        page.headers.get('content-security-policy') ?? '',
        /default-src 'none'; script-src 'self'/,
      );
      assert.match(page.headers.get('content-security-policy') ?? '', /trusted-types lit-html/);
      const js = await call(s.url, '/demo.js');
      assert.match(js.headers.get('content-type') ?? '', /text\/javascript/);
      const etag = js.headers.get('etag') ?? '';
      assert.equal((await call(s.url, '/demo.js', { headers: { 'If-None-Match': etag } })).status, 304);
      const bundle = await call(s.url, '/bundles/proximite-0.1.0.js');
      assert.equal(bundle.status, 200);
      assert.match(bundle.headers.get('cache-control') ?? '', /immutable/);
      assert.equal((await call(s.url, '/..%2f..%2fetc/passwd')).status, 404);
      assert.equal((await call(s.url, '/bundles/..%2f..%2fpackage.json')).status, 404);
      assert.equal((await call(s.url, '/missing.js')).status, 404);
    });

    test('the staff console’s service worker is served beside its page, and the CSP lets it run', async () => {
      const page = await call(s.url, '/');
      assert.match(page.headers.get('content-security-policy') ?? '', /worker-src 'self'/);
      const worker = await call(s.url, '/staff/service-worker.js');
      assert.equal(worker.status, 200);
      assert.match(worker.headers.get('content-type') ?? '', /text\/javascript/);
      // Revalidated on every update check: a new deploy's worker is picked up at once.
      assert.match(worker.headers.get('cache-control') ?? '', /max-age=0/);
      assert.equal(worker.headers.get('service-worker-allowed'), null);
    });
  });
}
