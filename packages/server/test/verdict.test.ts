/**
 * Residents hear back (issue #15): the resident's verdict on a closed concern, « Le problème est-il
 * réglé ? » — one per concern, only after closure, « non » reopens it in its service's queue, audited,
 * and counted in the services' response figures (issue 18: the share of « not resolved »).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  AdminConcern,
  AdminConcernPage,
  ConcernInput,
  ConcernReceipt,
  ConcernStatusView,
  ResponseTimes,
} from '@proximite/contract';
import { localDay } from '../src/store/response-times.js';
import { quarterOf } from '../src/response-times.js';
import { createAdminToken } from '../src/store/tokens.js';
import { call, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

const input: ConcernInput = {
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants', recurrent: 'souvent' },
  lang: 'fr',
};

const COMMENT = 'Toujours là ce matin, devant le 3 (verdict-comment-5d2c).';

let keyCounter = 0;

for (const target of targets()) {
  describe(`the resident's verdict (${target.name})`, () => {
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

    const submit = async (): Promise<ConcernReceipt> => {
      const r = await call(
        s.url,
        '/v1/concerns',
        jsonInit('POST', input, { 'Idempotency-Key': `verdict-${Date.now()}-${keyCounter++}` }),
      );
      assert.equal(r.status, 201, r.text);
      return r.json as ConcernReceipt;
    };
    const triage = (reference: string, body: Record<string, unknown>) =>
      call(s.url, `/v1/admin/concerns/${reference}/triage`, jsonInit('POST', body, bearer));
    const feedback = (reference: string, body: unknown) =>
      call(s.url, `/v1/concerns/${reference}/feedback`, jsonInit('POST', body));
    const resolve = async (reference: string) =>
      assert.equal((await triage(reference, { status: 'resolved' })).status, 200);

    test('only after closure; « non » reopens it in its service’s queue; one answer per concern', async () => {
      const receipt = await submit();
      const early = await feedback(receipt.reference, { code: receipt.trackingCode, resolved: true });
      assert.equal(early.status, 409, early.text);
      assert.match(early.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const open = await call(s.url, `/v1/concerns/${receipt.reference}?code=${receipt.trackingCode}`);
      assert.equal((open.json as ConcernStatusView).verdictOpen, false);

      await resolve(receipt.reference);
      const closed = await call(s.url, `/v1/concerns/${receipt.reference}?code=${receipt.trackingCode}`);
      assert.equal((closed.json as ConcernStatusView).verdictOpen, true);

      const r = await feedback(receipt.reference, {
        code: receipt.trackingCode!.toLowerCase(),
        resolved: false,
        comment: COMMENT,
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      const view = r.json as ConcernStatusView;
      assert.equal(view.status, 'reopen-requested');
      assert.equal(view.verdictOpen, false);
      assert.equal(view.verdict?.resolved, false);
      assert.equal(view.verdict?.comment, undefined, 'the comment is not in the public status');
      assert.ok(view.feedUrl);
      const last = view.updates.at(-1);
      assert.equal(last?.status, 'reopen-requested');
      assert.match(last?.text.fr ?? '', /n’est pas réglé/);

      // One answer per concern, by code or by token alike.
      const again = await feedback(receipt.reference, { token: receipt.statusToken, resolved: true });
      assert.equal(again.status, 409, again.text);

      // Back in its service's queue, open (no closure date), the comment for staff only.
      const list = await call(s.url, '/v1/admin/concerns?status=reopen-requested', { headers: bearer });
      assert.equal(list.status, 200, list.text);
      const item = (list.json as AdminConcernPage).items.find((c) => c.reference === receipt.reference);
      assert.ok(item, 'listed as reopen-requested');
      assert.equal(item.service.id, receipt.service.id);
      assert.deepEqual(
        { resolved: item.verdict?.resolved, comment: item.verdict?.comment },
        { resolved: false, comment: COMMENT },
      );
      const row = await s.db.query<{ closed_at: unknown; status: string }>(
        'SELECT closed_at, status FROM concerns WHERE reference = $1',
        [receipt.reference],
      );
      assert.deepEqual(row[0], { closed_at: null, status: 'reopen-requested' });

      // Neither the feed nor Open311 carry the comment; the feed shows the reopening.
      const feedUrl = new URL(view.feedUrl!);
      const feed = await call(s.url, feedUrl.pathname + feedUrl.search);
      assert.equal(feed.status, 200);
      assert.ok(!feed.text.includes('verdict-comment-5d2c'));
      assert.match(feed.text, /<title>Réouverture demandée<\/title>/);
      const o311 = await call(s.url, `/open311/v2/requests/${receipt.reference}.json`);
      assert.ok(!o311.text.includes('verdict-comment-5d2c'));
      assert.match(o311.text, /"status":"open"/);

      // Audited as the resident, without their words.
      const audit = await s.db.query<{ actor: string; detail: unknown }>(
        `SELECT actor, detail FROM audit_log WHERE action = 'concern.verdict' AND target = $1`,
        [`concern:${receipt.reference}`],
      );
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.actor, 'resident');
      assert.deepEqual(audit[0]?.detail, { resolved: false, reopened: true, comment: true });
      assert.ok(!JSON.stringify(audit).includes('verdict-comment-5d2c'));
    });

    test('staff never set reopen-requested themselves, and take a reopened concern on from there', async () => {
      const receipt = await submit();
      assert.equal((await triage(receipt.reference, { status: 'reopen-requested' })).status, 409);
      await resolve(receipt.reference);
      assert.equal((await triage(receipt.reference, { status: 'reopen-requested' })).status, 409);
      assert.equal(
        (await feedback(receipt.reference, { token: receipt.statusToken, resolved: false })).status,
        200,
      );
      const r = await triage(receipt.reference, {
        status: 'in-progress',
        publicUpdate: { fr: 'Nous repassons cette semaine.', en: 'We are coming back this week.' },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal((r.json as AdminConcern).status, 'in-progress');
      // Resolved again: the verdict was given, it is not asked twice.
      await resolve(receipt.reference);
      const view = await call(s.url, `/v1/concerns/${receipt.reference}?token=${receipt.statusToken}`);
      assert.equal((view.json as ConcernStatusView).verdictOpen, false);
      assert.equal((view.json as ConcernStatusView).verdict?.resolved, false);
    });

    test('« oui » leaves the concern closed; a wrong secret looks like an unknown reference', async () => {
      const receipt = await submit();
      await resolve(receipt.reference);
      const other = await submit();
      assert.equal(
        (await feedback(receipt.reference, { code: other.trackingCode, resolved: true })).status,
        404,
      );
      assert.equal(
        (await feedback('PRX-0000-0000', { code: other.trackingCode, resolved: true })).status,
        404,
      );
      const r = await feedback(receipt.reference, { token: receipt.statusToken, resolved: true });
      assert.equal(r.status, 200, r.text);
      assert.equal((r.json as ConcernStatusView).status, 'resolved');
      assert.equal((r.json as ConcernStatusView).verdict?.resolved, true);
    });

    test('bad input is problem+json 422 (no secret, both, no answer, unknown field, long comment)', async () => {
      const receipt = await submit();
      await resolve(receipt.reference);
      const bodies: unknown[] = [
        { resolved: true },
        { code: receipt.trackingCode, token: receipt.statusToken, resolved: true },
        { code: receipt.trackingCode },
        { code: receipt.trackingCode, resolved: 'yes' },
        { code: receipt.trackingCode, resolved: true, extra: 1 },
        { code: receipt.trackingCode, resolved: true, comment: 'x'.repeat(1001) },
        { code: 'UUUUU-UUUUU', resolved: true },
      ];
      for (const body of bodies) {
        const r = await feedback(receipt.reference, body);
        assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
        assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
      }
      const notJson = await call(s.url, `/v1/concerns/${receipt.reference}/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{',
      });
      assert.equal(notJson.status, 400);
      // Nothing was recorded: the question is still open.
      const view = await call(s.url, `/v1/concerns/${receipt.reference}?token=${receipt.statusToken}`);
      assert.equal((view.json as ConcernStatusView).verdictOpen, true);
    });

    test('the demo year carries verdicts: its figures publish the share where 10 residents answered', async () => {
      const r = await call(s.url, '/v1/stats');
      const figures = (r.json as { responseTimes: ResponseTimes }).responseTimes.figures;
      const published = figures.filter((f) => f.notResolvedShare !== null);
      assert.ok(published.length > 0, 'no share published from the demo');
      for (const f of published) {
        assert.equal(f.suppressed, false);
        assert.ok(f.notResolvedShare! >= 0 && f.notResolvedShare! <= 1);
      }
      // Recomputed by hand from the table for one of them.
      const f = published[0]!;
      const rows = await s.db.query<{ resolved: boolean; submitted_at: Date | string }>(
        `SELECT v.resolved, c.submitted_at FROM concern_verdicts v JOIN concerns c ON c.id = v.concern_id
         WHERE c.service->>'id' = $1 AND NOT c.quarantined AND NOT c.restricted AND c.duplicate_of IS NULL`,
        [f.serviceId],
      );
      const inQuarter = rows.filter((v) => quarterOf(localDay(v.submitted_at)) === f.period);
      assert.ok(inQuarter.length >= 10);
      assert.equal(f.notResolvedShare, inQuarter.filter((v) => !v.resolved).length / inQuarter.length);
    });

    test('GET /v1/stats: the share of « not resolved » verdicts, hand-computed, suppressed under 10', async () => {
      // Only this test's verdicts count (the demo's concerns may carry some).
      await s.db.query('DELETE FROM concern_verdicts');
      const made: ConcernReceipt[] = [];
      for (let i = 0; i < 12; i++) made.push(await submit());
      const service = made[0]!.service.id;
      const period = quarterOf(localDay(new Date()));
      for (const m of made) await resolve(m.reference);
      const share = async () => {
        const r = await call(s.url, '/v1/stats');
        assert.equal(r.status, 200);
        const rt = (r.json as { responseTimes: ResponseTimes }).responseTimes;
        assert.match(rt.method.fr, /non réglé/);
        return rt.figures.find((f) => f.serviceId === service && f.period === period)?.notResolvedShare;
      };
      // By token (attempts by code are rate-limited per client, like lookups).
      // Nine verdicts (3 « non »): fewer than 10, not published — null, never 0.
      for (const [i, m] of made.slice(0, 9).entries())
        assert.equal((await feedback(m.reference, { token: m.statusToken, resolved: i >= 3 })).status, 200);
      assert.equal(await share(), null);
      // The tenth (a « non »): 4 of 10.
      assert.equal(
        (await feedback(made[9]!.reference, { token: made[9]!.statusToken, resolved: false })).status,
        200,
      );
      assert.equal(await share(), 4 / 10);
      // The eleventh (« oui »): 4 of 11. The twelfth gave none: not counted.
      assert.equal(
        (await feedback(made[10]!.reference, { token: made[10]!.statusToken, resolved: true })).status,
        200,
      );
      assert.equal(await share(), 4 / 11);
    });
  });
}
