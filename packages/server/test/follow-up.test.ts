/**
 * Public follow-up: priorities with their sources and actions, the Atom feed of actions (RFC 4287),
 * the public reports of past meetings, and the demo year that feeds them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  AdminMeetingReport,
  PastMeeting,
  PastMeetingPage,
  Priority,
  PriorityPage,
  StatsDataset,
} from '@proximite/contract';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createAdminToken } from '../src/store/tokens.js';
import { call, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

for (const target of targets()) {
  describe(`public follow-up (${target.name})`, () => {
    let s: TestServer;
    let token = '';
    const auth = () => ({ Authorization: `Bearer ${token}` });
    before(async () => {
      s = await startTestServer(target, { seed: true });
      token = (
        await createAdminToken(s.db, new Date(), { name: 'cafes', scopes: ['cafes:write', 'content:write'] })
      ).token;
    });
    after(() => s.close());

    test('the demo year: priorities with counted sources, named cafés and dated actions, marked as demo', async () => {
      const page = (await call(s.url, '/v1/priorities?limit=200')).json as PriorityPage;
      assert.ok(page.items.length >= 10);
      assert.ok(
        page.items.every((p) => p.demo === true),
        'every seeded priority says it is demo data',
      );
      const speeding = page.items.find((p) => p.id === 'prio-saint-maurice-vitesse');
      assert.ok(speeding);
      assert.equal(speeding.sources.concernCount, 14);
      assert.deepEqual(
        speeding.sources.cafes?.map((c) => c.hasReport),
        [true, true],
      );
      assert.equal(speeding.actions?.length, 3);
      // The data.police.uk pair summarises the latest action carried out.
      assert.deepEqual(speeding.action, speeding.actions?.at(-1)?.text);
      assert.equal(speeding.actionDate, speeding.actions?.at(-1)?.date);
      const dates = speeding.actions?.map((a) => a.date) ?? [];
      assert.deepEqual(dates, [...dates].sort());
      const inProgress = (await call(s.url, '/v1/priorities?status=in-progress')).json as PriorityPage;
      assert.ok(inProgress.items.some((p) => p.actions?.some((a) => a.status === 'planned')));
    });

    test('GET /v1/meeting-reports: past meetings with their reports, most recent first, by district', async () => {
      const page = (await call(s.url, '/v1/meeting-reports?limit=200')).json as PastMeetingPage;
      assert.ok(page.items.length >= 10);
      const starts = page.items.map((m) => Date.parse(m.cafe.start));
      assert.deepEqual(
        starts,
        [...starts].sort((a, b) => b - a),
      );
      assert.ok(page.items.every((m) => Date.parse(m.cafe.end) < Date.now()));
      assert.ok(
        page.items.some((m) => m.report.attendance === null),
        'attendance not counted stays null',
      );
      assert.ok(page.items.every((m) => m.report.demo === true));
      const topics = page.items.flatMap((m) => m.report.topics);
      assert.ok(topics.some((t) => t.priorityId !== undefined));
      // No staff-only links leak: topics are counted, never listed by reference.
      assert.ok(!JSON.stringify(page).includes('concernReferences'));
      const leu = (await call(s.url, '/v1/meeting-reports?district=saint-leu')).json as PastMeetingPage;
      assert.ok(leu.items.length >= 2 && leu.items.every((m) => m.cafe.districtId === 'saint-leu'));
      const first = (await call(s.url, '/v1/meeting-reports?limit=2')).json as PastMeetingPage;
      assert.ok(first.nextCursor !== null);
      const next = (
        await call(s.url, `/v1/meeting-reports?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)
      ).json as PastMeetingPage;
      assert.deepEqual(
        next.items.map((m) => m.cafe.id),
        page.items.slice(2, 4).map((m) => m.cafe.id),
      );
    });

    test('GET /v1/cafes/{id}/report: one report; 404 for a café without one', async () => {
      const page = (await call(s.url, '/v1/meeting-reports?limit=1')).json as PastMeetingPage;
      const id = page.items[0]?.cafe.id ?? '';
      const one = await call(s.url, `/v1/cafes/${id}/report`);
      assert.equal(one.status, 200);
      assert.deepEqual(one.json, page.items[0]);
      const upcoming = await s.db.query<{ id: string }>(
        'SELECT id FROM cafes WHERE start_at > now() ORDER BY start_at LIMIT 1',
      );
      assert.equal((await call(s.url, `/v1/cafes/${upcoming[0]?.id ?? ''}/report`)).status, 404);
      assert.equal((await call(s.url, '/v1/cafes/nope/report')).status, 404);
    });

    test('admin: publish, replace and withdraw a report; no contact details in a public report', async () => {
      const cafe = (
        await s.db.query<{ id: string }>('SELECT id FROM cafes WHERE start_at > now() LIMIT 1')
      )[0];
      const refs = await s.db.query<{ reference: string }>('SELECT reference FROM concerns LIMIT 2');
      const body = {
        attendance: 12,
        topics: [
          {
            title: { fr: 'Stationnement rue Motte', en: 'Parking on rue Motte' },
            concernReferences: refs.map((r) => r.reference),
            concernCount: 5,
            priorityId: 'prio-saint-leu-depots',
          },
        ],
        answers: [{ text: { fr: 'Passages de la police municipale le matin.' } }],
        followUps: [{ text: { fr: 'Point au prochain café.' } }],
      };
      const put = await call(
        s.url,
        `/v1/admin/cafes/${cafe?.id ?? ''}/report`,
        jsonInit('PUT', body, auth()),
      );
      assert.equal(put.status, 200);
      const meeting = put.json as PastMeeting;
      assert.equal(meeting.report.topics[0]?.concernCount, 5);
      assert.equal(meeting.report.demo, undefined);
      assert.ok(!put.text.includes(refs[0]?.reference ?? 'x'), 'references stay staff-side');

      const leaky = structuredClone(body);
      leaky.answers[0] = { text: { fr: 'Écrivez à jean.dupont@example.org ou au 06 12 34 56 78.' } };
      const refused = await call(
        s.url,
        `/v1/admin/cafes/${cafe?.id ?? ''}/report`,
        jsonInit('PUT', leaky, auth()),
      );
      assert.equal(refused.status, 422);
      const tooFew = { ...body, topics: [{ ...body.topics[0], concernCount: 1 }] };
      assert.equal(
        (await call(s.url, `/v1/admin/cafes/${cafe?.id ?? ''}/report`, jsonInit('PUT', tooFew, auth())))
          .status,
        422,
      );
      const unknownPriority = { ...body, followUps: [{ text: { fr: 'x' }, priorityId: 'prio-nope' }] };
      assert.equal(
        (
          await call(
            s.url,
            `/v1/admin/cafes/${cafe?.id ?? ''}/report`,
            jsonInit('PUT', unknownPriority, auth()),
          )
        ).status,
        422,
      );
      assert.equal(
        (await call(s.url, '/v1/admin/cafes/nope/report', jsonInit('PUT', body, auth()))).status,
        404,
      );

      const path = `/v1/admin/cafes/${cafe?.id ?? ''}/report`;
      assert.equal((await call(s.url, path, { method: 'DELETE', headers: auth() })).status, 204);
      assert.equal((await call(s.url, path, { method: 'DELETE', headers: auth() })).status, 404);
      assert.equal((await call(s.url, `/v1/cafes/${cafe?.id ?? ''}/report`)).status, 404);
      const audit = await s.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE action LIKE 'cafe.report.%' ORDER BY seq`,
      );
      assert.deepEqual(
        audit.map((a) => a.action),
        ['cafe.report.put', 'cafe.report.delete'],
      );
    });

    test('admin: read a stored report back with its references; putting it back changes nothing', async () => {
      const cafe = (
        await s.db.query<{ id: string }>(
          'SELECT id FROM cafes WHERE start_at > now() AND id NOT IN (SELECT cafe_id FROM cafe_reports) ORDER BY id DESC LIMIT 1',
        )
      )[0];
      const path = `/v1/admin/cafes/${cafe?.id ?? ''}/report`;
      const none = await call(s.url, path, { headers: auth() });
      assert.equal(none.status, 404);
      assert.match(none.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal((await call(s.url, '/v1/admin/cafes/nope/report', { headers: auth() })).status, 404);
      assert.equal((await call(s.url, path)).status, 401, 'staff only');

      const refs = await s.db.query<{ reference: string }>(
        'SELECT reference FROM concerns ORDER BY reference LIMIT 3',
      );
      const body = {
        attendance: null,
        topics: [
          {
            title: { fr: 'Rodéos urbains', en: 'Street racing' },
            concernReferences: refs.map((r) => r.reference),
            concernCount: 4,
            priorityId: 'prio-saint-leu-depots',
          },
          { title: { fr: 'Éclairage du square' }, concernReferences: [], concernCount: 0 },
        ],
        answers: [{ text: { fr: 'Une patrouille le soir.', en: 'An evening patrol.' } }],
        followUps: [{ text: { fr: 'Revoir au prochain café.' }, priorityId: 'prio-saint-leu-depots' }],
      };
      assert.equal((await call(s.url, path, jsonInit('PUT', body, auth()))).status, 200);
      const read = await call(s.url, path, { headers: auth() });
      assert.equal(read.status, 200);
      assert.equal(read.headers.get('cache-control'), 'no-store');
      const stored = read.json as AdminMeetingReport;
      assert.equal(stored.cafeId, cafe?.id);
      assert.deepEqual(stored.report, body);
      assert.match(stored.publishedAt, RFC3339);

      // PUT(GET()) is the identity: same report, same publication date.
      assert.equal((await call(s.url, path, jsonInit('PUT', stored.report, auth()))).status, 200);
      const again = (await call(s.url, path, { headers: auth() })).json as AdminMeetingReport;
      assert.deepEqual(again.report, stored.report);
      assert.equal(again.publishedAt, stored.publishedAt);

      // A topic without references nor count reads back with both, as PUT takes them.
      const short = { attendance: 3, topics: [{ title: { fr: 'Bruit' } }], answers: [], followUps: [] };
      assert.equal((await call(s.url, path, jsonInit('PUT', short, auth()))).status, 200);
      const filled = (await call(s.url, path, { headers: auth() })).json as AdminMeetingReport;
      assert.deepEqual(filled.report.topics, [
        { title: { fr: 'Bruit' }, concernReferences: [], concernCount: 0 },
      ]);

      assert.equal((await call(s.url, path, { method: 'DELETE', headers: auth() })).status, 204);
      assert.equal((await call(s.url, path, { headers: auth() })).status, 404);
    });

    test('admin: a priority with several actions; a done one summarises the latest', async () => {
      const body = {
        issue: { fr: 'Trottoirs encombrés rue des Jacobins' },
        issueDate: '2026-03-02',
        status: 'done',
        districtId: 'centre-ville',
        actions: [
          { text: { fr: 'Verbalisations ciblées' }, date: '2026-03-20', status: 'done' },
          { text: { fr: 'Potelets posés' }, date: '2026-03-10', status: 'done' },
        ],
        sources: { unrecordedConcerns: 3 },
      };
      const created = await call(s.url, '/v1/admin/priorities', jsonInit('POST', body, auth()));
      assert.equal(created.status, 201);
      const p = created.json as Priority;
      assert.deepEqual(
        p.actions?.map((a) => a.date),
        ['2026-03-10', '2026-03-20'],
      );
      assert.deepEqual(p.action, { fr: 'Verbalisations ciblées' });
      assert.equal(p.actionDate, '2026-03-20');
      assert.equal(p.sources.concernCount, 3);
      const early = { ...body, actions: [{ text: { fr: 'x' }, date: '2026-01-01', status: 'done' }] };
      assert.equal((await call(s.url, '/v1/admin/priorities', jsonInit('POST', early, auth()))).status, 422);
      const noAction = { ...body, actions: [{ text: { fr: 'x' }, date: '2026-04-01', status: 'planned' }] };
      assert.equal(
        (await call(s.url, '/v1/admin/priorities', jsonInit('POST', noAction, auth()))).status,
        422,
      );
    });

    test('GET /v1/stats: response figures per service and quarter, computed from the concerns', async () => {
      const r = await call(s.url, '/v1/stats');
      assert.equal(r.status, 200);
      const rt = (r.json as StatsDataset).responseTimes;
      assert.ok(rt, 'the reference server publishes response figures');
      assert.equal(rt.minimum, 10);
      assert.equal(rt.demo, true);
      assert.match(rt.method.fr, /jours ouvrés/);
      assert.ok(rt.figures.length >= 10);
      // Every received count is the number of concerns of that service and quarter in the database.
      const voirie = rt.figures.filter((f) => f.serviceId === 'voirie');
      assert.ok(voirie.length >= 4);
      const counts = await s.db.query<{ submitted_at: Date | string }>(
        `SELECT submitted_at FROM concerns WHERE service->>'id' = 'voirie' AND NOT quarantined AND duplicate_of IS NULL`,
      );
      const quarter = (d: Date | string) => {
        const day = new Date(d).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
        return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
      };
      for (const f of voirie)
        assert.equal(f.received, counts.filter((c) => quarter(c.submitted_at) === f.period).length, f.period);
      const full = voirie.find((f) => !f.suppressed && f.medianDaysToFirstAnswer !== null);
      assert.ok(full);
      assert.deepEqual(full.target, { days: 10, unit: 'working-days' });
      assert.ok(
        full.withinTargetShare !== null && full.withinTargetShare >= 0 && full.withinTargetShare <= 1,
      );
      // Small counts are suppressed: null, never 0.
      for (const f of rt.figures.filter((x) => x.received < 10)) {
        assert.equal(f.suppressed, true);
        assert.equal(f.medianDaysToFirstAnswer, null);
        assert.equal(f.withinTargetShare, null);
      }
      // A new answer changes the figures (their cache follows the concerns).
      const before = r.text;
      const concern = (
        await s.db.query<{ id: string }>(
          `SELECT id FROM concerns WHERE service->>'id' = 'voirie' AND status = 'received' LIMIT 1`,
        )
      )[0];
      if (concern !== undefined) {
        await s.db.query(
          `INSERT INTO concern_updates (id, concern_id, at, status, text) VALUES ('u-test', $1, now(), 'in-progress', '{"fr":"x"}')`,
          [concern.id],
        );
        // Another instance's write shows once the content versions are read again (1 s by default).
        await new Promise((resolve) => setTimeout(resolve, 1100));
        assert.notEqual((await call(s.url, '/v1/stats')).text, before);
      }
    });

    test('GET /v1/priorities.atom: a valid Atom feed (RFC 4287) of the actions carried out', async () => {
      const r = await call(s.url, '/v1/priorities.atom');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /^application\/atom\+xml/);
      assert.equal(XMLValidator.validate(r.text), true);
      const doc = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '@',
        isArray: (n) => ['entry', 'link'].includes(n),
      }).parse(r.text) as { feed: Record<string, unknown> };
      const feed = doc.feed as {
        '@xmlns': string;
        id: string;
        title: { '#text': string };
        updated: string;
        author: { name: string };
        link: { '@rel': string; '@href': string }[];
        entry: {
          id: string;
          title: { '#text': string };
          updated: string;
          published: string;
          link: { '@rel': string; '@href': string }[];
          summary: { '#text': string };
          content: { '#text': string };
        }[];
      };
      // RFC 4287 §4.1.1: a feed has exactly one id, title and updated, an author, a self link.
      assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
      assert.match(feed.id, /^tag:[^,]+,2026:priorities$/);
      assert.ok(feed.title['#text'].length > 0);
      assert.match(feed.updated, RFC3339);
      assert.ok(feed.author.name.length > 0);
      assert.ok(feed.link.some((l) => l['@rel'] === 'self' && l['@href'].endsWith('/v1/priorities.atom')));
      // §4.1.2: each entry has an id, a title, updated; content or an alternate link.
      const entries = feed.entry;
      const priorities = ((await call(s.url, '/v1/priorities?limit=200')).json as PriorityPage).items;
      const done = priorities.flatMap((p) => (p.actions ?? []).filter((a) => a.status === 'done'));
      assert.equal(entries.length, done.length);
      assert.equal(new Set(entries.map((e) => e.id)).size, entries.length, 'ids are unique');
      for (const e of entries) {
        assert.match(e.id, /^tag:[^,]+,\d{4}-\d{2}-\d{2}:priority\/[^/]+\/action\/\d+$/);
        assert.match(e.updated, RFC3339);
        assert.ok(e.title['#text'].length > 0 && e.content['#text'].length > 0);
      }
      const updated = entries.map((e) => e.updated);
      assert.deepEqual(updated, [...updated].sort().reverse(), 'newest first');
      assert.equal(feed.updated, entries[0]?.updated);
      // The same action keeps its id on every read (feed readers show it once).
      assert.equal((await call(s.url, '/v1/priorities.atom')).text, r.text);

      const en = await call(s.url, '/v1/priorities.atom?lang=en&district=saint-maurice');
      assert.match(en.text, /xml:lang="en"/);
      assert.match(en.text, /Speed display sign/);
      assert.match(en.text, /<id>tag:[^,]+,2026:priorities\/saint-maurice<\/id>/);
      assert.equal((await call(s.url, '/v1/priorities.atom?district=%3Cx%3E')).status, 400);
    });
  });
}
