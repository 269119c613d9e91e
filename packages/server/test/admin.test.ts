import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cafeInput } from '../../contract/test/fixtures.js';
import type {
  AdminConcern,
  AdminConcernPage,
  AdminTokenCreated,
  AdminTokenScope,
  AuditPage,
  AuditVerifyResult,
  Cafe,
  ConcernReceipt,
  ConcernStatusView,
  Priority,
  RightsContent,
  StatsDataset,
} from '@proximite/contract';
import { createAdminToken } from '../src/store/tokens.js';
import { call, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

for (const target of targets()) {
  describe(`admin API and audit log (${target.name})`, () => {
    let s: TestServer;
    const tokens: Record<string, string> = {};
    const auth = (name: string) => ({ Authorization: `Bearer ${tokens[name] ?? ''}` });
    const mk = async (name: string, scopes: AdminTokenScope[], expiresAt?: string) => {
      tokens[name] = (await createAdminToken(s.db, new Date(), { name, scopes, expiresAt })).token;
    };

    before(async () => {
      s = await startTestServer(target, { seed: true });
      await mk('root', ['cafes:write', 'concerns:triage', 'content:write', 'stats:write', 'tokens:write']);
      await mk('cafes', ['cafes:write']);
      await mk('triage', ['concerns:triage']);
    });
    after(() => s.close());

    test('auth: no token or garbage → 401 with WWW-Authenticate; wrong scope → 403', async () => {
      const none = await call(s.url, '/v1/admin/concerns');
      assert.equal(none.status, 401);
      assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.equal(
        (await call(s.url, '/v1/admin/concerns', { headers: { Authorization: 'Bearer nope' } })).status,
        401,
      );
      assert.equal(
        (await call(s.url, '/v1/admin/concerns', { headers: { Authorization: 'Basic abc' } })).status,
        401,
      );
      const scope = await call(s.url, '/v1/admin/concerns', { headers: auth('cafes') });
      assert.equal(scope.status, 403);
      assert.match((scope.json as { detail: string }).detail, /concerns:triage/);
      assert.equal((await call(s.url, '/v1/admin/concerns', { headers: auth('triage') })).status, 200);
    });

    test('auth: an expired token → 401; a revoked token → 401', async () => {
      await mk('soon', ['concerns:triage'], new Date(Date.now() + 60_000).toISOString());
      assert.equal((await call(s.url, '/v1/admin/concerns', { headers: auth('soon') })).status, 200);
      await s.db.query(
        `UPDATE admin_tokens SET expires_at = now() - interval '1 second' WHERE name = 'soon'`,
      );
      const expired = await call(s.url, '/v1/admin/concerns', { headers: auth('soon') });
      assert.equal(expired.status, 401);
      assert.match((expired.json as { detail: string }).detail, /expired/);

      const created = await call(
        s.url,
        '/v1/admin/tokens',
        jsonInit('POST', { name: 'temp', scopes: ['cafes:write'] }, auth('root')),
      );
      assert.equal(created.status, 201);
      const t = created.json as AdminTokenCreated;
      assert.match(t.token, /^prx_admin_/);
      const stored = await s.db.query<{ token_hash: string }>(
        'SELECT token_hash FROM admin_tokens WHERE id = $1',
        [t.id],
      );
      assert.notEqual(stored[0]?.token_hash, t.token);
      const bearer = { Authorization: `Bearer ${t.token}` };
      assert.equal((await call(s.url, '/v1/admin/cafes', jsonInit('POST', cafeInput, bearer))).status, 201);
      assert.equal(
        (await call(s.url, `/v1/admin/tokens/${t.id}`, { method: 'DELETE', headers: auth('root') })).status,
        204,
      );
      const revoked = await call(s.url, '/v1/admin/cafes', jsonInit('POST', cafeInput, bearer));
      assert.equal(revoked.status, 401);
      assert.match((revoked.json as { detail: string }).detail, /revoked/);
      const list = await call(s.url, '/v1/admin/tokens', { headers: auth('root') });
      assert.ok(!list.text.includes(t.token), 'secrets are never listed');
      assert.ok(
        (list.json as { items: { id: string; revokedAt: string | null }[] }).items.some(
          (x) => x.id === t.id && x.revokedAt !== null,
        ),
      );
      assert.equal(
        (await call(s.url, '/v1/admin/tokens/unknown-id', { method: 'DELETE', headers: auth('root') }))
          .status,
        404,
      );
    });

    test('a token cannot grant scopes it does not hold', async () => {
      await mk('tokens-only', ['tokens:write']);
      const r = await call(
        s.url,
        '/v1/admin/tokens',
        jsonInit('POST', { name: 'x', scopes: ['cafes:write'] }, auth('tokens-only')),
      );
      assert.equal(r.status, 403);
      const bad = await call(
        s.url,
        '/v1/admin/tokens',
        jsonInit('POST', { name: 'x', scopes: ['root'] }, auth('root')),
      );
      assert.equal(bad.status, 422);
    });

    test('cafés: create, update (SEQUENCE + 1), cancel, delete — the public API follows', async () => {
      const created = await call(s.url, '/v1/admin/cafes', jsonInit('POST', cafeInput, auth('cafes')));
      assert.equal(created.status, 201);
      const cafe = created.json as Cafe;
      assert.equal(cafe.sequence, 0);
      assert.equal(created.headers.get('location'), `/v1/cafes/${cafe.id}`);
      const pub = await call(s.url, `/v1/cafes/${cafe.id}`);
      assert.equal(pub.status, 200);
      assert.equal(Date.parse((pub.json as Cafe).start), Date.parse(cafeInput.start));

      const etag = (await call(s.url, '/v1/cafes?from=2026-07-07&to=2026-07-07')).headers.get('etag') ?? '';
      const updated = await call(
        s.url,
        `/v1/admin/cafes/${cafe.id}`,
        jsonInit('PUT', { ...cafeInput, title: { fr: 'Nouveau titre' } }, auth('cafes')),
      );
      assert.equal(updated.status, 200);
      assert.equal((updated.json as Cafe).sequence, 1);
      assert.equal((updated.json as Cafe).title.fr, 'Nouveau titre');
      const after = await call(s.url, '/v1/cafes?from=2026-07-07&to=2026-07-07', {
        headers: { 'If-None-Match': etag },
      });
      assert.equal(after.status, 200, 'a change invalidates the cached list');

      const cancelled = await call(
        s.url,
        `/v1/admin/cafes/${cafe.id}/cancel`,
        jsonInit('POST', { reason: { fr: 'Météo' } }, auth('cafes')),
      );
      assert.equal(cancelled.status, 200);
      assert.equal((cancelled.json as Cafe).status, 'cancelled');
      assert.equal((cancelled.json as Cafe).sequence, 2);
      assert.match((cancelled.json as Cafe).description?.fr ?? '', /Météo/);

      const invalid = await call(
        s.url,
        '/v1/admin/cafes',
        jsonInit('POST', { ...cafeInput, end: '2000-01-01T00:00:00Z' }, auth('cafes')),
      );
      assert.equal(invalid.status, 422);
      const badZone = await call(
        s.url,
        '/v1/admin/cafes',
        jsonInit('POST', { ...cafeInput, timeZone: 'Mars/Olympus' }, auth('cafes')),
      );
      assert.equal(badZone.status, 422);
      const badDistrict = await call(
        s.url,
        '/v1/admin/cafes',
        jsonInit('POST', { ...cafeInput, districtId: 'atlantide' }, auth('cafes')),
      );
      assert.equal(badDistrict.status, 422);
      assert.equal(
        (await call(s.url, '/v1/admin/cafes/nope', jsonInit('PUT', cafeInput, auth('cafes')))).status,
        404,
      );
      assert.equal(
        (await call(s.url, '/v1/admin/cafes/nope/cancel', jsonInit('POST', {}, auth('cafes')))).status,
        404,
      );

      assert.equal(
        (await call(s.url, `/v1/admin/cafes/${cafe.id}`, { method: 'DELETE', headers: auth('cafes') }))
          .status,
        204,
      );
      assert.equal((await call(s.url, `/v1/cafes/${cafe.id}`)).status, 404);
      assert.equal(
        (await call(s.url, `/v1/admin/cafes/${cafe.id}`, { method: 'DELETE', headers: auth('cafes') }))
          .status,
        404,
      );
    });

    test('concerns: list with contact data (admin only), triage with public update and internal note', async () => {
      const receipt = (
        await call(
          s.url,
          '/v1/concerns',
          jsonInit(
            'POST',
            {
              categoryCode: 'bruit',
              description: 'Musique forte la nuit.',
              location: { districtId: 'saint-leu' },
              attributes: { source: 'logement', moment: ['nuit'] },
              contact: { email: 'resident@example.org' },
            },
            { 'Idempotency-Key': `admin-test-${Date.now()}` },
          ),
        )
      ).json as ConcernReceipt;
      const list = await call(s.url, '/v1/admin/concerns?category=bruit&limit=50', {
        headers: auth('triage'),
      });
      const page = list.json as AdminConcernPage;
      const mine = page.items.find((c) => c.reference === receipt.reference);
      assert.equal(mine?.excerpt, 'Musique forte la nuit.');
      assert.ok(
        !('contact' in (mine ?? {})),
        'the inbox carries no contact details (read them, audited, on the concern)',
      );
      assert.equal(mine?.quarantined, false);
      assert.ok(page.items.every((c) => c.categoryCode === 'bruit'));
      const one = await call(s.url, `/v1/admin/concerns/${receipt.reference}`, { headers: auth('triage') });
      assert.equal((one.json as AdminConcern).description, 'Musique forte la nuit.');
      assert.equal((one.json as AdminConcern).contact?.email, 'resident@example.org');

      const triaged = await call(
        s.url,
        `/v1/admin/concerns/${receipt.reference}/triage`,
        jsonInit(
          'POST',
          {
            status: 'in-progress',
            publicUpdate: { fr: 'Un agent passera ce soir.' },
            internalNote: 'Voisin du 2e étage.',
          },
          auth('triage'),
        ),
      );
      assert.equal(triaged.status, 200);
      const view = triaged.json as AdminConcern;
      assert.equal(view.status, 'in-progress');
      assert.equal(view.internalNotes[0]?.text, 'Voisin du 2e étage.');

      const pub = (await call(s.url, `/v1/concerns/${receipt.reference}?token=${receipt.statusToken}`))
        .json as ConcernStatusView;
      assert.equal(pub.status, 'in-progress');
      assert.equal(pub.updates.at(-1)?.text.fr, 'Un agent passera ce soir.');
      assert.ok(!JSON.stringify(pub).includes('Voisin du 2e'), 'internal notes stay internal');

      const recat = await call(
        s.url,
        `/v1/admin/concerns/${receipt.reference}/triage`,
        jsonInit('POST', { categoryCode: 'voisinage' }, auth('triage')),
      );
      assert.equal((recat.json as AdminConcern).service.id, 'mediation');
      const resolved = await call(
        s.url,
        `/v1/admin/concerns/${receipt.reference}/triage`,
        jsonInit('POST', { status: 'resolved' }, auth('triage')),
      );
      assert.equal((resolved.json as AdminConcern).status, 'resolved');
      const back = await call(
        s.url,
        `/v1/admin/concerns/${receipt.reference}/triage`,
        jsonInit('POST', { status: 'received' }, auth('triage')),
      );
      assert.equal(back.status, 409);
      const empty = await call(
        s.url,
        `/v1/admin/concerns/${receipt.reference}/triage`,
        jsonInit('POST', {}, auth('triage')),
      );
      assert.equal(empty.status, 422);
      const dup = await call(
        s.url,
        `/v1/admin/concerns/${receipt.reference}/triage`,
        jsonInit('POST', { status: 'in-progress', duplicateOf: receipt.reference }, auth('triage')),
      );
      assert.equal(dup.status, 422);
      assert.equal(
        (await call(s.url, '/v1/admin/concerns/PRX-0000-0000', { headers: auth('triage') })).status,
        404,
      );
      assert.equal(
        (await call(s.url, '/v1/admin/concerns?quarantined=maybe', { headers: auth('triage') })).status,
        400,
      );
    });

    test('priorities: create from concerns and cafés, update, delete', async () => {
      const refs = await s.db.query<{ reference: string }>('SELECT reference FROM concerns LIMIT 1');
      const cafes = await s.db.query<{ id: string }>('SELECT id FROM cafes LIMIT 1');
      const body = {
        issue: { fr: 'Éclairage rue des Majots' },
        issueDate: '2026-10-01',
        status: 'raised',
        districtId: 'centre-ville',
        sources: { concernReferences: [refs[0]?.reference ?? ''], cafeIds: [cafes[0]?.id ?? ''] },
      };
      const created = await call(s.url, '/v1/admin/priorities', jsonInit('POST', body, auth('root')));
      assert.equal(created.status, 201);
      const p = created.json as Priority;
      const pub = (await call(s.url, '/v1/priorities?district=centre-ville')).json as { items: Priority[] };
      assert.ok(pub.items.some((x) => x.id === p.id));
      const done = await call(
        s.url,
        `/v1/admin/priorities/${p.id}`,
        jsonInit(
          'PUT',
          { ...body, status: 'done', action: { fr: 'Lampes remplacées.' }, actionDate: '2026-10-20' },
          auth('root'),
        ),
      );
      assert.equal((done.json as Priority).status, 'done');
      const noAction = await call(
        s.url,
        `/v1/admin/priorities/${p.id}`,
        jsonInit('PUT', { ...body, status: 'done' }, auth('root')),
      );
      assert.equal(noAction.status, 422);
      const unknownRef = await call(
        s.url,
        '/v1/admin/priorities',
        jsonInit('POST', { ...body, sources: { concernReferences: ['PRX-0000-0000'] } }, auth('root')),
      );
      assert.equal(unknownRef.status, 422);
      assert.equal(
        (await call(s.url, `/v1/admin/priorities/${p.id}`, { method: 'DELETE', headers: auth('root') }))
          .status,
        204,
      );
      assert.equal(
        (await call(s.url, `/v1/admin/priorities/${p.id}`, { method: 'DELETE', headers: auth('root') }))
          .status,
        404,
      );
      assert.equal(
        (await call(s.url, '/v1/admin/priorities', jsonInit('POST', body, auth('cafes')))).status,
        403,
      );
    });

    test('municipal activity counters and rights overrides reach the public reads', async () => {
      const counters = {
        counters: [
          {
            metric: 'cafes-held',
            period: '2026',
            value: 14,
            unit: 'café',
            source: { type: 'proximite', title: 'Proximité' },
          },
          {
            metric: 'pm-interventions',
            period: '2026-Q1',
            value: null,
            unit: 'intervention',
            source: { type: 'city-report', title: 'Rapport PM' },
          },
        ],
      };
      const put = await call(s.url, '/v1/admin/stats/activity', jsonInit('PUT', counters, auth('root')));
      assert.equal(put.status, 200);
      const stats = (await call(s.url, '/v1/stats')).json as StatsDataset;
      assert.ok(
        stats.activity.some((a) => a.metric === 'cafes-held' && a.period === '2026' && a.value === 14),
      );
      assert.ok(
        stats.activity.some(
          (a) => a.metric === 'pm-interventions' && a.period === '2026-Q1' && a.value === null,
        ),
      );
      assert.equal(
        (
          await call(
            s.url,
            '/v1/admin/stats/activity',
            jsonInit('PUT', { ...counters, area: '75' }, auth('root')),
          )
        ).status,
        422,
      );
      assert.equal(
        (await call(s.url, '/v1/admin/stats/activity', jsonInit('PUT', counters, auth('cafes')))).status,
        403,
      );

      const overrides = {
        localContacts: [
          {
            id: 'pm-amiens',
            kind: 'police-municipale',
            name: 'Police municipale d’Amiens',
            phone: '+33 3 22 97 40 40',
            hours: '24/7',
          },
        ],
        disclaimer: { fr: 'Information de la Ville d’Amiens.' },
      };
      const r = await call(s.url, '/v1/admin/rights/overrides', jsonInit('PUT', overrides, auth('root')));
      assert.equal(r.status, 200);
      assert.deepEqual(
        (await call(s.url, '/v1/admin/rights/overrides', { headers: auth('root') })).json,
        overrides,
      );
      const rights = (await call(s.url, '/v1/rights')).json as RightsContent;
      assert.equal(rights.localContacts?.[0]?.name, 'Police municipale d’Amiens');
      assert.equal(rights.disclaimer.fr, 'Information de la Ville d’Amiens.');
      assert.ok(rights.topics.length > 0);
    });

    test('every change is in the hash-chained audit log; tampering is detected', async () => {
      const page = (await call(s.url, '/v1/admin/audit?limit=200', { headers: auth('cafes') }))
        .json as AuditPage;
      const actions = page.items.map((e) => e.action);
      for (const a of [
        'seed.demo',
        'cafe.create',
        'cafe.update',
        'cafe.cancel',
        'cafe.delete',
        'concern.triage',
        'priority.create',
        'stats.activity.put',
        'rights.overrides.put',
        'token.create',
        'token.revoke',
      ]) {
        assert.ok(actions.includes(a), a);
      }
      assert.equal(page.items[0]?.hashPrev, '0'.repeat(64));
      for (let i = 1; i < page.items.length; i++)
        assert.equal(page.items[i]?.hashPrev, page.items[i - 1]?.hash);
      const paged = (await call(s.url, '/v1/admin/audit?limit=2', { headers: auth('cafes') }))
        .json as AuditPage;
      assert.equal(paged.items.length, 2);
      const next = (
        await call(s.url, `/v1/admin/audit?limit=2&cursor=${paged.nextCursor ?? ''}`, {
          headers: auth('cafes'),
        })
      ).json as AuditPage;
      assert.equal(next.items[0]?.seq, 3);

      const ok = (await call(s.url, '/v1/admin/audit/verify', { headers: auth('cafes') }))
        .json as AuditVerifyResult;
      assert.deepEqual(ok, { ok: true, checked: page.items.length, firstBrokenSeq: null });
      await s.db.query(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 3`);
      const broken = (await call(s.url, '/v1/admin/audit/verify', { headers: auth('cafes') }))
        .json as AuditVerifyResult;
      assert.deepEqual(broken, { ok: false, checked: 2, firstBrokenSeq: 3 });
      assert.equal((await call(s.url, '/v1/admin/audit/verify')).status, 401);
    });
  });
}
