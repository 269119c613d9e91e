/**
 * The public activity report (`GET /v1/reports/{period}` and `.html`): what it gathers for a
 * period, counted by hand over data written for the test; the printable page and its CSP; the
 * demo year's report and its agreement with `GET /v1/stats`.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { CafeInput, PublicReport, StatsDataset } from '@proximite/contract';
import { cancelCafe, createCafe, createPriority, putActivityCounters } from '../src/store/content.js';
import { putMeetingReport } from '../src/store/meetings.js';
import { call, fakeClock, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

const cafe = (start: string, title: string): CafeInput => ({
  title: { fr: title, en: `${title} (en)` },
  start,
  end: new Date(Date.parse(start) + 2 * 3600_000).toISOString(),
  timeZone: 'Europe/Paris',
  place: { name: 'Place Gambetta', address: 'Place Gambetta, 80000 Amiens' },
  districtId: null,
  mode: 'in-person',
  organizer: { name: 'Police municipale' },
});

const source = { type: 'city-report' as const, title: 'Rapport d’activité de la police municipale' };

for (const target of targets()) {
  describe(`public activity report (${target.name})`, () => {
    let s: TestServer;
    let area = '';
    // Mid-October 2026: the third quarter is over, the fourth is running, 2027 has not started.
    const clock = fakeClock(new Date('2026-10-15T08:00:00Z'));

    before(async () => {
      s = await startTestServer(target, { clock });
      area = ((await call(s.url, '/v1/stats')).json as StatsDataset).area.code;
      const now = clock();
      const held = await createCafe(s.db, now, cafe('2026-07-08T16:00:00Z', 'Café à Saint-Leu'));
      await createCafe(s.db, now, cafe('2026-09-30T20:30:00Z', 'Café du soir')); // 1 October in Paris
      const cancelled = await createCafe(s.db, now, cafe('2026-08-12T16:00:00Z', 'Café annulé'));
      await cancelCafe(s.db, now, cancelled.id, {});
      await createCafe(s.db, now, cafe('2026-10-20T16:00:00Z', 'Café à venir'));
      await createCafe(s.db, now, cafe('2026-06-30T21:59:00Z', 'Dernier café de juin')); // 30 June, 23:59
      await putMeetingReport(s.db, now, held.id, {
        attendance: 23,
        topics: [
          { title: { fr: 'Dépôts sauvages' }, concernCount: 4 },
          { title: { fr: 'Vitesse' }, concernCount: 2 },
        ],
        answers: [],
        followUps: [],
      });
      await createPriority(
        s.db,
        now,
        {
          issue: { fr: 'Dépôts sauvages rue Saint-Leu' },
          issueDate: '2026-07-08',
          status: 'in-progress',
          actions: [
            { text: { fr: 'Trois passages de la propreté par semaine' }, date: '2026-08-20', status: 'done' },
            { text: { fr: 'Caméra de chantier' }, date: '2026-11-15', status: 'planned' },
          ],
          sources: { unrecordedConcerns: 4 },
        },
        'prio-q3',
      );
      await createPriority(
        s.db,
        now,
        {
          issue: { fr: 'Vitesse avenue de la Défense-Passive' },
          issueDate: '2025-12-01',
          status: 'done',
          actions: [{ text: { fr: 'Radar pédagogique posé' }, date: '2026-09-10', status: 'done' }],
        },
        'prio-acted-in-q3',
      );
      await createPriority(
        s.db,
        now,
        {
          issue: { fr: 'Éclairage du quai' },
          issueDate: '2026-02-01',
          status: 'done',
          actions: [{ text: { fr: 'Lampadaires ajoutés' }, date: '2026-03-01', status: 'done' }],
        },
        'prio-q1',
      );
      await putActivityCounters(s.db, now, area, {
        counters: [
          { metric: 'pm-interventions', period: '2026-Q3', value: 812, unit: 'interventions', source },
          { metric: 'pm-calls', period: '2026-08', value: 301, unit: 'appels', source },
          { metric: 'pm-calls', period: '2026-Q2', value: 950, unit: 'appels', source },
          { metric: 'pm-impounds', period: '2026-10', value: 7, unit: 'véhicules', source },
        ],
      });
    });
    after(() => s.close());

    test('a quarter: its counters, meetings held, priorities raised or acted on, actions done', async () => {
      const r = await call(s.url, '/v1/reports/2026-Q3');
      assert.equal(r.status, 200);
      const report = r.json as PublicReport;
      assert.deepEqual(report.period, {
        id: '2026-Q3',
        start: '2026-07-01',
        end: '2026-09-30',
        complete: true,
      });
      assert.equal(report.area.code, area);
      assert.deepEqual(report.activity.map((c) => `${c.metric} ${c.period} ${c.value}`).sort(), [
        'pm-calls 2026-08 301',
        'pm-interventions 2026-Q3 812',
      ]);
      // Held in the quarter: 8 July and 30 September (20:30 UTC is 22:30 in Paris, still September);
      // not the cancelled one, nor 30 June at 23:59 in Paris (21:59 UTC).
      assert.deepEqual(
        report.meetings.items.map((m) => [m.title.fr, m.attendance, m.topicCount, m.hasReport]),
        [
          ['Café à Saint-Leu', 23, 2, true],
          ['Café du soir', null, 0, false],
        ],
      );
      assert.equal(report.meetings.held, 2);
      assert.deepEqual(report.concerns, { received: 0, resolved: 0 });
      assert.equal(report.meetings.attendance, 23);
      assert.deepEqual(
        report.priorities.items.map((p) => [p.id, p.actions.map((a) => a.date)]),
        [
          ['prio-acted-in-q3', ['2026-09-10']],
          ['prio-q3', ['2026-08-20']],
        ],
      );
      assert.equal(report.priorities.raised, 1);
      assert.equal(report.priorities.actionsDone, 2);
      assert.equal(report.priorities.items.find((p) => p.id === 'prio-q3')?.concernCount, 4);
      assert.ok(report.sources.some((x) => x.part === 'activity' && x.title.fr === source.title && !x.demo));
      assert.ok(!JSON.stringify(report).includes('@'), 'no e-mail address, no personal data');
    });

    test('a running period is provisional; a year gathers its quarters and months', async () => {
      const q4 = (await call(s.url, '/v1/reports/2026-Q4')).json as PublicReport;
      assert.equal(q4.period.complete, false);
      assert.deepEqual(
        q4.activity.map((c) => c.period),
        ['2026-10'],
      );
      assert.deepEqual(
        q4.meetings.items.map((m) => m.title.fr),
        [],
        'the café of 20 October has not been held yet',
      );
      const year = (await call(s.url, '/v1/reports/2026')).json as PublicReport;
      assert.equal(year.period.end, '2026-12-31');
      assert.equal(year.activity.filter((c) => c.period.startsWith('2026')).length, 4);
      assert.deepEqual(
        year.meetings.items.map((m) => m.title.fr),
        ['Dernier café de juin', 'Café à Saint-Leu', 'Café du soir'],
      );
      assert.equal(year.priorities.raised, 2);
      assert.equal(year.priorities.actionsDone, 3);
    });

    test('not a period, or one not started: 404; a bad query: 400; a second read: 304', async () => {
      for (const period of ['2027', '2026-Q5', '26', '2026-03', '2026-q3'])
        assert.equal((await call(s.url, `/v1/reports/${period}`)).status, 404, period);
      assert.equal((await call(s.url, '/v1/reports/2027.html')).status, 404);
      assert.equal((await call(s.url, '/v1/reports/2026?lang=xx')).status, 400);
      assert.equal((await call(s.url, '/v1/reports/2026?period=1')).status, 400);
      const first = await call(s.url, '/v1/reports/2026-Q3');
      const etag = first.headers.get('etag') ?? '';
      assert.ok(etag);
      const again = await call(s.url, '/v1/reports/2026-Q3', { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304);
    });

    test('the page: French by default, English with lang=en; no script; its stylesheet allowed by hash', async () => {
      const fr = await call(s.url, '/v1/reports/2026-Q3.html');
      assert.equal(fr.status, 200);
      assert.match(fr.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(fr.headers.get('content-language'), 'fr');
      assert.match(fr.text, /<html lang="fr">/);
      assert.match(fr.text, /<h1>Compte rendu public d’activité — 3e trimestre 2026 — /);
      assert.match(fr.text, /Café à Saint-Leu/);
      assert.match(fr.text, /812/);
      assert.match(fr.text, /1er juillet 2026 – 30 septembre 2026/);
      assert.ok(!/<script/i.test(fr.text), 'no script');
      const csp = fr.headers.get('content-security-policy') ?? '';
      assert.doesNotMatch(csp, /script-src|unsafe-inline/);
      const style = /<style>([\s\S]*?)<\/style>/.exec(fr.text)?.[1] ?? '';
      const hash = createHash('sha256').update(style).digest('base64');
      assert.ok(csp.includes(`'sha256-${hash}'`), 'the inline stylesheet is the one the CSP allows');
      assert.match(style, /@page \{ size: A4;/);
      const en = await call(s.url, '/v1/reports/2026-Q3.html?lang=en');
      assert.equal(en.headers.get('content-language'), 'en');
      assert.match(en.text, /<h1>Public activity report — Q3 2026 — /);
      assert.match(en.text, /Café à Saint-Leu \(en\)/);
      assert.match(en.text, /href="[^"]*\/v1\/reports\/2026-Q3.html"[^>]*hreflang="fr"/);
    });
  });
}

describe('public activity report of the demo year (PGlite)', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ name: 'pglite' }, { seed: true });
  });
  after(() => s.close());

  test('marked as demo; its response figures are those of GET /v1/stats for its quarters', async () => {
    const year = String(new Date().getUTCFullYear());
    const report = (await call(s.url, `/v1/reports/${year}`)).json as PublicReport;
    assert.equal(report.demo, true);
    assert.ok(report.meetings.held > 0);
    const [counted] = await s.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM concerns WHERE submitted_at >= $1 AND NOT quarantined AND duplicate_of IS NULL AND status <> 'duplicate'`,
      [`${year}-01-01T00:00:00+01:00`],
    );
    assert.equal(report.concerns.received, Number(counted?.n));
    assert.ok(report.concerns.received > report.concerns.resolved && report.concerns.resolved > 0);
    const stats = (await call(s.url, '/v1/stats')).json as StatsDataset;
    const expected = (stats.responseTimes?.figures ?? []).filter((f) => f.period.startsWith(`${year}-`));
    assert.ok(expected.length > 0, 'the demo year has response figures this year');
    assert.deepEqual(report.responses.figures, expected);
    const page = await call(s.url, `/v1/reports/${year}.html`);
    assert.match(page.text, /Données de démonstration/);
  });
});
