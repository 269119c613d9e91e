import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { StatsDataset } from '@proximite/contract';
import type { Cafe, CafePage, Problem } from '@proximite/contract';
import { parseICalendar } from '@proximite/contract/ical-feed.js';
import { runCli } from '../src/cli.js';
import type { Config } from '../src/config.js';
import { testConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { createApp } from '../src/http/app.js';
import { cafeIdForEvent, importIcs } from '../src/import/ics.js';
import { listen, buildDeps, startServer } from '../src/server.js';
import { verifyAudit } from '../src/store/audit.js';
import { upsertDistricts } from '../src/store/content.js';
import { createAdminToken } from '../src/store/tokens.js';
import { call, fakeClock, jsonInit, openTestDb, prepareDataDir, targets } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const contentFixtures = join(here, '..', '..', 'content', 'test', 'fixtures');

const NOW = new Date('2026-11-22T10:00:00Z');

/** A feed as a city's calendar exports it: a weekly café with an EXDATE and a moved occurrence, a cancelled café, an online one, an old one. */
function feed(options: { weeklyTitle?: string; marketStatus?: string } = {}): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    "PRODID:-//Ville d'Amiens//Agenda des quartiers//FR",
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:Maison de quartier Saint-Leu',
    'X-WR-TIMEZONE:Europe/Paris',
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Paris',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    'UID:cafe-hebdo-2026@maison-saint-leu.example',
    'DTSTAMP:20261101T090000Z',
    'LAST-MODIFIED:20261101T090000Z',
    'DTSTART;TZID=Europe/Paris:20261202T100000',
    'DTEND;TZID=Europe/Paris:20261202T113000',
    'RRULE:FREQ=WEEKLY;COUNT=6',
    'EXDATE;TZID=Europe/Paris:20261223T100000',
    `SUMMARY:${options.weeklyTitle ?? 'Café avec un policier'}`,
    'DESCRIPTION:Venez échanger avec la police municipale autour d’un café.\\nEntrée libre.',
    'LOCATION:Maison de quartier Saint-Leu\\, 12 rue Saint-Leu\\, 80000 Amiens',
    'GEO:49.8961;2.3003',
    "ORGANIZER;CN=Police municipale d'Amiens:mailto:pm@amiens.example",
    'X-PROXIMITE-DISTRICT:saint-leu',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:cafe-hebdo-2026@maison-saint-leu.example',
    'RECURRENCE-ID;TZID=Europe/Paris:20261216T100000',
    'DTSTAMP:20261101T090000Z',
    'DTSTART;TZID=Europe/Paris:20261216T140000',
    'DTEND;TZID=Europe/Paris:20261216T153000',
    'SEQUENCE:1',
    'SUMMARY:Café avec un policier (après-midi)',
    'LOCATION:Maison de quartier Saint-Leu\\, 12 rue Saint-Leu\\, 80000 Amiens',
    "ORGANIZER;CN=Police municipale d'Amiens:mailto:pm@amiens.example",
    'X-PROXIMITE-DISTRICT:saint-leu',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:cafe-marche-2026-12@amiens.example',
    'DTSTAMP:20261101T090000Z',
    'DTSTART;TZID=Europe/Paris:20261210T090000',
    'DTEND;TZID=Europe/Paris:20261210T103000',
    `STATUS:${options.marketStatus ?? 'CANCELLED'}`,
    'SUMMARY:Café du marché',
    'LOCATION:Place Parmentier\\, 80000 Amiens',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:cafe-visio-2026-12@amiens.example',
    'DTSTAMP:20261101T090000Z',
    'DTSTART:20261215T180000Z',
    'DTEND:20261215T190000Z',
    'SUMMARY:Café en ligne',
    'URL:https://visio.amiens.example/cafe',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:cafe-ancien-2025@amiens.example',
    'DTSTAMP:20250101T090000Z',
    'DTSTART;TZID=Europe/Paris:20250301T100000',
    'DTEND;TZID=Europe/Paris:20250301T113000',
    'SUMMARY:Café de mars 2025',
    'LOCATION:Mairie\\, Amiens',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const WINDOW = { from: new Date('2026-10-23T00:00:00Z'), to: new Date('2027-11-22T00:00:00Z') };
const WEEKLY = 'cafe-hebdo-2026@maison-saint-leu.example';
/** The occurrences the feed has in the window, by the id parseICalendar gives them. */
const EXPECTED_EVENTS = [
  `${WEEKLY}@20261202T090000Z`,
  `${WEEKLY}@20261209T090000Z`,
  'cafe-marche-2026-12@amiens.example',
  'cafe-visio-2026-12@amiens.example',
  `${WEEKLY}@20261216T090000Z`,
  `${WEEKLY}@20261230T090000Z`,
  `${WEEKLY}@20270106T090000Z`,
];

async function cafesById(
  db: Database,
): Promise<Map<string, { status: string; sequence: number; start: Date }>> {
  const rows = await db.query<{ id: string; status: string; sequence: number; start_at: Date | string }>(
    'SELECT id, status, sequence, start_at FROM cafes ORDER BY id',
  );
  return new Map(
    rows.map((r) => [r.id, { status: r.status, sequence: r.sequence, start: new Date(r.start_at) }]),
  );
}

for (const target of targets()) {
  describe(`import-ics (${target.name})`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let config: Config;
    before(async () => {
      config = testConfig({ rateLimitPerMinute: 0 });
      ({ db, drop } = await openTestDb(target, config));
      await upsertDistricts(db, [{ id: 'saint-leu', name: 'Saint-Leu' }]);
    });
    after(() => drop());

    test('imports every occurrence in the window: EXDATE removed, override moved, cancelled kept', async () => {
      const options = { ...WINDOW, source: 'feed.ics' };
      const result = await importIcs(db, NOW, feed(), options);
      assert.equal(result.found, 7);
      assert.deepEqual(result.skipped, []);
      assert.deepEqual(
        [...result.created].sort(),
        EXPECTED_EVENTS.map((e) => cafeIdForEvent(e)).sort(),
        'one café per occurrence, ids from UID + RECURRENCE-ID',
      );
      const stored = await cafesById(db);
      assert.equal(stored.size, 7);
      assert.ok(!stored.has(cafeIdForEvent(`${WEEKLY}@20261223T090000Z`)), 'the EXDATE occurrence is absent');
      assert.ok(!stored.has(cafeIdForEvent('cafe-ancien-2025@amiens.example')), 'outside the window');
      const moved = stored.get(cafeIdForEvent(`${WEEKLY}@20261216T090000Z`));
      assert.equal(moved?.start.toISOString(), '2026-12-16T13:00:00.000Z', 'the override moved it to 14:00');
      assert.equal(stored.get(cafeIdForEvent('cafe-marche-2026-12@amiens.example'))?.status, 'cancelled');
      assert.equal(stored.get(cafeIdForEvent(EXPECTED_EVENTS[0]!))?.status, 'scheduled');

      const audit = await db.query<{ actor: string; action: string; target: string }>(
        "SELECT actor, action, target FROM audit_log WHERE action = 'cafe.create' ORDER BY seq",
      );
      assert.equal(audit.length, 7);
      assert.ok(audit.every((a) => a.actor === 'cli' && a.target.startsWith('cafe:ics-')));
      assert.equal((await verifyAudit(db)).ok, true);
    });

    test('re-importing the same feed changes nothing', async () => {
      const before = await cafesById(db);
      const auditBefore = await db.query('SELECT seq FROM audit_log');
      const result = await importIcs(db, NOW, feed(), { ...WINDOW, source: 'feed.ics' });
      assert.equal(result.unchanged.length, 7);
      assert.deepEqual([result.created, result.updated, result.cancelled], [[], [], []]);
      assert.deepEqual(await cafesById(db), before);
      assert.equal(
        (await db.query('SELECT seq FROM audit_log')).length,
        auditBefore.length,
        'no audit entry',
      );
    });

    test('a changed event bumps the sequence of its occurrences; a newly cancelled one is cancelled', async () => {
      const before = await cafesById(db);
      const result = await importIcs(db, NOW, feed({ weeklyTitle: 'Café-rencontre avec la police' }), {
        ...WINDOW,
        source: 'feed.ics',
      });
      // The four occurrences of the master change; the override (its own SUMMARY) does not.
      assert.equal(result.updated.length, 4);
      const after = await cafesById(db);
      for (const id of result.updated)
        assert.equal(after.get(id)?.sequence, (before.get(id)?.sequence ?? 0) + 1);
      const override = cafeIdForEvent(`${WEEKLY}@20261216T090000Z`);
      assert.equal(after.get(override)?.sequence, before.get(override)?.sequence);

      // Un-cancelled in the feed: stays cancelled here (an admin may have cancelled it), said so.
      const market = cafeIdForEvent('cafe-marche-2026-12@amiens.example');
      const kept = await importIcs(
        db,
        NOW,
        feed({ weeklyTitle: 'Café-rencontre avec la police', marketStatus: 'CONFIRMED' }),
        { ...WINDOW, source: 'feed.ics' },
      );
      assert.deepEqual(kept.keptCancelled, [market]);
      assert.equal((await cafesById(db)).get(market)?.status, 'cancelled');

      // Cancelling a scheduled occurrence in the feed cancels it here, with a new sequence.
      const visio = cafeIdForEvent('cafe-visio-2026-12@amiens.example');
      const cancelledFeed = feed({ weeklyTitle: 'Café-rencontre avec la police' }).replace(
        'SUMMARY:Café en ligne',
        'SUMMARY:Café en ligne\r\nSTATUS:CANCELLED',
      );
      const cancelled = await importIcs(db, NOW, cancelledFeed, { ...WINDOW, source: 'feed.ics' });
      assert.deepEqual(cancelled.cancelled, [visio]);
      const final = await cafesById(db);
      assert.equal(final.get(visio)?.status, 'cancelled');
      assert.equal(final.get(visio)?.sequence, (after.get(visio)?.sequence ?? 0) + 1);
    });

    test('GET /v1/cafes.ics then carries them (UIDs, SEQUENCE, STATUS:CANCELLED) and /v1/cafes lists them', async () => {
      const app = createApp(buildDeps({ db, config, clock: () => NOW }));
      const running = await listen(app, '127.0.0.1', 0);
      try {
        const res = await call(running.url, '/v1/cafes.ics');
        assert.equal(res.status, 200);
        const events = parseICalendar(res.text, { from: WINDOW.from, to: WINDOW.to });
        const byUid = new Map(events.map((e) => [e.id.split('@')[0], e]));
        for (const event of EXPECTED_EVENTS)
          assert.ok(byUid.has(cafeIdForEvent(event)), `${event} in the feed`);
        assert.equal(byUid.get(cafeIdForEvent('cafe-marche-2026-12@amiens.example'))?.status, 'cancelled');
        const first = byUid.get(cafeIdForEvent(EXPECTED_EVENTS[0]!));
        assert.equal(first?.title.fr, 'Café-rencontre avec la police');
        assert.equal(first?.sequence, 1);
        assert.equal(first?.start, '2026-12-02T10:00:00+01:00');
        const page = (await call(running.url, '/v1/cafes?limit=100')).json as CafePage;
        const cafe = page.items.find((c) => c.id === cafeIdForEvent(EXPECTED_EVENTS[0]!)) as Cafe;
        assert.equal(cafe.districtId, 'saint-leu');
        assert.deepEqual(cafe.place, {
          name: 'Maison de quartier Saint-Leu',
          address: 'Maison de quartier Saint-Leu, 12 rue Saint-Leu, 80000 Amiens',
          lat: 49.8961,
          lon: 2.3003,
        });
        assert.equal(cafe.organizer.name, "Police municipale d'Amiens");
        const online = page.items.find((c) => c.id === cafeIdForEvent('cafe-visio-2026-12@amiens.example'));
        assert.equal(online?.mode, 'online');
        assert.equal(online?.onlineUrl, 'https://visio.amiens.example/cafe');
        assert.equal(online?.place.name, 'En ligne');
      } finally {
        await running.close();
      }
    });
  });
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('CLI import-ics and import-ssmsi', () => {
  let dir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const clock = fakeClock(NOW);
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'prx-import-'));
    dataDir = join(dir, 'data');
    env = { PROXIMITE_DATA_DIR: dataDir, DATABASE_URL: '' };
    await prepareDataDir(dataDir);
    assert.equal(await runCli(['seed'], { env, io: capture().io, clock }), 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Serves the app on the CLI's data directory (PGlite: one process at a time, after the command). */
  async function withServer<T>(fn: (url: string, db: Database) => Promise<T>): Promise<T> {
    const server = await startServer({ config: { ...testConfig(), dataDir }, port: 0, clock });
    try {
      return await fn(server.url, server.db);
    } finally {
      await server.close();
    }
  }

  test('import-ics from a file, then again from a URL: created once, then unchanged', async () => {
    const file = join(dir, 'quartiers.ics');
    writeFileSync(file, feed());
    const c = capture();
    assert.equal(await runCli(['import-ics', file, '--district', 'saint-leu'], { env, io: c.io, clock }), 0);
    assert.match(
      c.out.join('\n'),
      /7 event occurrence\(s\) between 2026-10-23 and 2027-11-22: 7 created, 0 updated/,
    );

    const feedServer = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8' });
      res.end(feed());
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/agenda.ics`;
      const again = capture();
      assert.equal(
        await runCli(['import-ics', url, '--district', 'saint-leu'], { env, io: again.io, clock }),
        0,
      );
      assert.match(again.out.join('\n'), /0 created, 0 updated, 0 cancelled, 7 unchanged, 0 skipped/);
    } finally {
      feedServer.close();
    }

    await withServer(async (url) => {
      const ics = await (await fetch(`${url}/v1/cafes.ics?district=saint-leu`)).text();
      const uids = [...ics.matchAll(/^UID:(ics-[0-9a-f]{24})@/gm)].map((m) => m[1]);
      for (const event of EXPECTED_EVENTS) assert.ok(uids.includes(cafeIdForEvent(event)), event);
      const audit = await fetch(`${url}/healthz`);
      assert.equal(audit.status, 200);
    });
  });

  test('--from/--to narrow the window; bad input gives a clear error and exit code', async () => {
    const file = join(dir, 'window.ics');
    writeFileSync(file, feed().replaceAll('.example', '.window.example'));
    const c = capture();
    assert.equal(
      await runCli(['import-ics', file, '--from', '2026-12-01', '--to', '2026-12-10'], {
        env,
        io: c.io,
        clock,
      }),
      0,
    );
    // Dec 2 and Dec 9 weekly occurrences, and the cancelled market café of Dec 10.
    assert.match(c.out.join('\n'), /3 event occurrence\(s\).*3 created/);

    const bad = capture();
    assert.equal(await runCli(['import-ics', file, '--from', 'yesterday'], { env, io: bad.io, clock }), 2);
    assert.match(bad.err.join('\n'), /--from expects a date/);
    const missing = capture();
    assert.equal(await runCli(['import-ics', join(dir, 'nope.ics')], { env, io: missing.io, clock }), 1);
    assert.match(missing.err.join('\n'), /ENOENT/);
    const notIcs = join(dir, 'not.ics');
    writeFileSync(notIcs, '<html>Agenda</html>');
    const garbage = capture();
    assert.equal(await runCli(['import-ics', notIcs], { env, io: garbage.io, clock }), 1);
    assert.match(garbage.err.join('\n'), /not an iCalendar text/);
    const district = capture();
    assert.equal(
      await runCli(['import-ics', file, '--district', 'atlantis'], { env, io: district.io, clock }),
      1,
    );
    assert.match(district.err.join('\n'), /unknown district "atlantis"/);
  });

  test('an event that cannot be a café is skipped with its reason (exit 1), the others imported', async () => {
    const file = join(dir, 'http.ics');
    writeFileSync(
      file,
      feed()
        .replace('URL:https://visio.amiens.example/cafe', 'URL:http://visio.example/cafe')
        .replaceAll('amiens.example', 'skip.example')
        .replaceAll('maison-saint-leu.example', 'skip2.example'),
    );
    const c = capture();
    assert.equal(await runCli(['import-ics', file], { env, io: c.io, clock }), 1);
    assert.match(c.out.join('\n'), /6 created.*1 skipped/);
    assert.match(
      c.err.join('\n'),
      /Skipped cafe-visio-2026-12@skip\.example: its URL http:\/\/visio\.example\/cafe is not https:/,
    );
  });

  test('a partially broken Outlook feed with a BOM: the readable events imported, each event reported', async () => {
    const file = join(dir, 'outlook.ics');
    // A real-world fault set (Outlook's quoted TZID value, Exchange's BYDAY spaces, a UTF-8 BOM…).
    writeFileSync(file, readFileSync(join(here, '..', '..', 'contract', 'test', 'feeds', 'bad-lines.ics')));
    assert.equal(readFileSync(file)[0], 0xef, 'the file starts with a BOM');
    const c = capture();
    const code = await runCli(['import-ics', file, '--from', '2026-06-01', '--to', '2026-06-30'], {
      env,
      io: c.io,
      clock,
    });
    assert.equal(code, 1, 'an event was skipped');
    const out = c.out.join('\n');
    assert.match(out, /10 event occurrence\(s\) between 2026-05-31 and 2026-06-30: 10 created/);
    assert.match(out, /^Created ics-[0-9a-f]{24} \(outlook-quoted-value\)$/m);
    assert.match(out, /^Created ics-[0-9a-f]{24} \(exchange-byday-spaces@20260605T080000Z\)$/m);
    assert.match(out, /^Warning outlook-quoted-value \(line 21\): DTSTART: repaired a value inside/m);
    assert.match(out, /^Warning broken-attendee \(line 55\): .*ATTENDEE.*ignored/m);
    assert.match(
      c.err.join('\n'),
      /^Skipped broken-start \(line 48\): a date cannot be read: invalid date-time value/m,
    );
  });

  test('import-ssmsi: the current commune layout, served at GET /v1/stats?area=80021', async () => {
    const c = capture();
    assert.equal(
      await runCli(
        [
          'import-ssmsi',
          join(contentFixtures, 'ssmsi-com-2026-amiens.csv'),
          '--area',
          '80021',
          '--name',
          'Amiens',
          '--edition',
          '2026-01-29',
        ],
        { env, io: c.io, clock },
      ),
      0,
      c.err.join('\n'),
    );
    assert.match(
      c.out.join('\n'),
      /for commune 80021 \(Amiens\), edition 2026-01-29: served at GET \/v1\/stats\?area=80021/,
    );
    await withServer(async (url, db) => {
      const res = await call(url, '/v1/stats?area=80021');
      assert.equal(res.status, 200);
      const dataset = res.json as StatsDataset;
      assert.ok(StatsDataset.safeParse(dataset).success);
      assert.equal(dataset.area.code, '80021');
      assert.equal(dataset.area.name, 'Amiens');
      assert.equal(dataset.dataset.edition, '2026-01-29');
      assert.equal(dataset.dataset.resource, 'ssmsi-com-2026-amiens.csv');
      const burglaries = dataset.series.find((s) => s.sourceLabel === 'Cambriolages de logement');
      assert.deepEqual(
        burglaries?.points.map((p) => [p.year, p.count]),
        [
          [2023, 612],
          [2024, 590],
          [2025, 574],
        ],
      );
      // The bundled demo area is still served, and an unknown area is a 404 problem.
      assert.equal((await call(url, '/v1/stats')).status, 200);
      assert.equal(((await call(url, '/v1/stats')).json as StatsDataset).area.code, '80');
      const none = await call(url, '/v1/stats?area=80001');
      assert.equal(none.status, 404);
      assert.match((none.json as Problem).detail ?? '', /80001/);

      // The admin API accepts activity counters for an imported area, and only for those.
      const token = await createAdminToken(db, NOW, { name: 'stats', scopes: ['stats:write'] });
      const counters = (area: string) =>
        jsonInit(
          'PUT',
          {
            area,
            counters: [
              {
                metric: 'pm-interventions',
                period: '2025',
                value: 4210,
                unit: 'interventions',
                source: { type: 'city-report', title: "Rapport d'activité 2025" },
              },
            ],
          },
          { Authorization: `Bearer ${token.token}` },
        );
      assert.equal((await call(url, '/v1/admin/stats/activity', counters('80021'))).status, 200);
      assert.equal((await call(url, '/v1/admin/stats/activity', counters('80001'))).status, 422);
      const withActivity = (await call(url, '/v1/stats?area=80021')).json as StatsDataset;
      assert.deepEqual(
        withActivity.activity.map((a) => [a.metric, a.period, a.value]),
        [['pm-interventions', '2025', 4210]],
      );
    });
  });

  test('import-ssmsi: the pre-2025 layout gzipped, and the département file; re-import replaces', async () => {
    const gz = join(dir, 'donnee-data.gouv-2024-geographie2024-produit-le2024-07-05.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(join(contentFixtures, 'ssmsi-com-2024-amiens-pre2025.csv'))));
    const c = capture();
    assert.equal(
      await runCli(['import-ssmsi', gz, '--area', '80021'], { env, io: c.io, clock }),
      0,
      c.err.join('\n'),
    );
    assert.match(c.out.join('\n'), /edition 2024-07-05/, 'the edition is read from the official file name');

    const dep = capture();
    assert.equal(
      await runCli(
        [
          'import-ssmsi',
          join(contentFixtures, 'ssmsi-dep-2025-somme.csv'),
          '--area',
          '80',
          '--name',
          'Somme',
          '--edition',
          '2026-01-29',
        ],
        { env, io: dep.io, clock },
      ),
      0,
      dep.err.join('\n'),
    );
    await withServer(async (url) => {
      const amiens = (await call(url, '/v1/stats?area=80021')).json as StatsDataset;
      assert.equal(amiens.dataset.edition, '2024-07-05', 'the later import replaced the first');
      assert.equal(amiens.dataset.resource, 'donnee-data.gouv-2024-geographie2024-produit-le2024-07-05.csv');
      assert.ok(amiens.series.some((s) => s.points.some((p) => p.year === 2021)));
      const somme = (await call(url, '/v1/stats?area=80')).json as StatsDataset;
      assert.equal(somme.area.level, 'departement');
      assert.equal(somme.dataset.edition, '2026-01-29', 'the imported dataset wins over the bundled demo');
      assert.equal(somme.series.find((s) => s.sourceLabel === 'Homicides')?.points[0]?.count, 4);
    });
  });

  test('import-ssmsi: a malformed file names the line and column, exit 1; nothing stored', async () => {
    const c = capture();
    assert.equal(
      await runCli(
        [
          'import-ssmsi',
          join(contentFixtures, 'ssmsi-com-malformed.csv'),
          '--area',
          '80021',
          '--edition',
          '2026-01-29',
        ],
        { env, io: c.io, clock },
      ),
      1,
    );
    assert.match(c.err.join('\n'), /ssmsi-com-malformed\.csv: line 4, column nombre: not a number: "2 3x"/);

    const noEdition = capture();
    assert.equal(
      await runCli(['import-ssmsi', join(contentFixtures, 'ssmsi-com-2026-amiens.csv'), '--area', '80021'], {
        env,
        io: noEdition.io,
        clock,
      }),
      1,
    );
    assert.match(noEdition.err.join('\n'), /--edition YYYY-MM-DD/);
    const otherArea = capture();
    assert.equal(
      await runCli(
        [
          'import-ssmsi',
          join(contentFixtures, 'ssmsi-com-2026-amiens.csv'),
          '--area',
          '80999',
          '--edition',
          '2026-01-29',
        ],
        { env, io: otherArea.io, clock },
      ),
      1,
    );
    assert.match(otherArea.err.join('\n'), /no rows for area 80999 \(the file has 80001, 80021/);
    const usage = capture();
    assert.equal(await runCli(['import-ssmsi', 'x.csv'], { env, io: usage.io, clock }), 2);
    assert.match(usage.err.join('\n'), /--area CODE/);
    const notFound = capture();
    assert.equal(
      await runCli(
        ['import-ssmsi', join(dir, 'absent.csv.gz'), '--area', '80021', '--edition', '2026-01-29'],
        {
          env,
          io: notFound.io,
          clock,
        },
      ),
      1,
    );
    assert.match(notFound.err.join('\n'), /ENOENT/);

    await withServer(async (url) => {
      const amiens = (await call(url, '/v1/stats?area=80021')).json as StatsDataset;
      assert.equal(amiens.dataset.edition, '2024-07-05', 'the failed imports left the stored dataset alone');
    });
  });

  test('import-ssmsi data.gouv: one commune read through the tabular API, the newest file of its level', async () => {
    // A stand-in for data.gouv.fr: the dataset API lists the resources, the tabular API (as
    // datagouv/api-tabular answers: profile header, typed JSON rows, at most 50 a page, links.next)
    // serves the rows of the commune file. This one pages by 4 to make the importer follow `next`.
    const csv = readFileSync(join(contentFixtures, 'ssmsi-com-2026-amiens.csv'), 'utf8').trim().split('\n');
    const header = csv[0]!.split(';').map((c) => c.replace(/"/g, ''));
    const typed = (v: string): unknown => {
      const raw = v.replace(/"/g, '');
      if (v === 'NA') return null;
      return /^-?\d+(,\d+)?$/.test(raw) ? Number(raw.replace(',', '.')) : raw;
    };
    const rows = csv.slice(1).map((line, i) => ({
      __id: i + 1,
      ...Object.fromEntries(line.split(';').map((v, j) => [header[j]!, typed(v)])),
    }));
    const requests: string[] = [];
    const api = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push(url.pathname + url.search);
      const json = (body: unknown, status = 200) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const origin = `http://${req.headers.host}`;
      if (url.pathname === '/api/1/datasets/621df2954fa5a3b5a023e23c/')
        return json({
          resources: [
            {
              id: 'com-2025',
              format: 'csv.gz',
              last_modified: '2025-07-10T09:00:00',
              url: `${origin}/f/donnee-data.gouv-2024-geographie2025-produit-le2025-06-26.csv.gz`,
            },
            {
              id: 'dep-2026',
              format: 'csv',
              last_modified: '2026-07-09T11:59:42',
              url: `${origin}/f/donnee-dep-data.gouv-2025-geographie2026-produit-le2026-06-25.csv`,
            },
            {
              id: 'com-2026',
              format: 'csv.gz',
              last_modified: '2026-07-09T11:59:42',
              url: `${origin}/f/donnee-data.gouv-2025-geographie2026-produit-le2026-06-25.csv.gz`,
            },
            {
              id: 'com-parquet',
              format: 'parquet',
              last_modified: '2026-07-09T12:00:00',
              url: `${origin}/f/donnee-data.gouv-2025-geographie2026-produit-le2026-06-25.parquet`,
            },
          ],
        });
      if (url.pathname === '/api/resources/com-2026/profile/') return json({ profile: { header } });
      if (url.pathname === '/api/resources/com-2026/data/') {
        const code = url.searchParams.get('CODGEO_2026__exact');
        const size = Number(url.searchParams.get('page_size') ?? 20);
        if (size > 50) return json({ errors: [{ detail: 'page_size: max 50' }] }, 400);
        const page = Number(url.searchParams.get('page') ?? 1);
        const matching = rows.filter(
          (r) => code === null || String((r as Record<string, unknown>).CODGEO_2026) === code,
        );
        const per = Math.min(size, 4);
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        return json({
          data: matching.slice((page - 1) * per, page * per),
          links: { next: page * per < matching.length ? `${origin}${next.pathname}${next.search}` : null },
          meta: { page, page_size: per, total: matching.length },
        });
      }
      return json({ message: 'not found' }, 404);
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const flags = [
      '--datagouv-api',
      `${base}/api/1/datasets/621df2954fa5a3b5a023e23c/`,
      '--tabular-api',
      `${base}/api/`,
    ];
    try {
      const c = capture();
      assert.equal(
        await runCli(['import-ssmsi', 'data.gouv', '--area', '80021', '--name', 'Amiens', ...flags], {
          env,
          io: c.io,
          clock,
        }),
        0,
        c.err.join('\n'),
      );
      assert.match(c.out.join('\n'), /for commune 80021 \(Amiens\), edition 2026-06-25/);
      const pages = requests.filter((r) => r.startsWith('/api/resources/com-2026/data/'));
      assert.equal(pages.length, 3, 'ten rows of Amiens, four a page');
      assert.ok(pages.every((r) => r.includes('CODGEO_2026__exact=80021') && r.includes('page_size=50')));

      // Unreachable, or an area with no rows: a clear error, exit 1, the stored dataset kept.
      const offline = capture();
      const closed = ['--datagouv-api', 'http://127.0.0.1:9/api/1/datasets/x/'];
      assert.equal(
        await runCli(['import-ssmsi', 'data.gouv', '--area', '80021', ...closed], {
          env,
          io: offline.io,
          clock,
        }),
        1,
      );
      assert.match(offline.err.join('\n'), /cannot reach 127\.0\.0\.1:9.*import a downloaded file instead/);
      const none = capture();
      assert.equal(
        await runCli(['import-ssmsi', 'data.gouv', '--area', '80999', ...flags], { env, io: none.io, clock }),
        1,
      );
      assert.match(none.err.join('\n'), /no rows for area 80999/);
    } finally {
      api.close();
    }
    await withServer(async (url) => {
      const amiens = (await call(url, '/v1/stats?area=80021')).json as StatsDataset;
      assert.ok(StatsDataset.safeParse(amiens).success);
      assert.equal(amiens.dataset.edition, '2026-06-25', 'read from the official file name');
      assert.equal(
        amiens.dataset.resource,
        'donnee-data.gouv-2025-geographie2026-produit-le2026-06-25.csv.gz',
      );
      const series = (label: string) => amiens.series.find((s) => s.sourceLabel === label)?.points;
      assert.deepEqual(
        series('Cambriolages de logement')?.map((p) => [p.year, p.count, p.rate]),
        [
          [2023, 612, 7.21],
          [2024, 590, 6.95],
          [2025, 574, 6.76],
        ],
      );
      // Statistical secrecy (`ndiff`, NA) stays unpublished, never the département's mean; a true 0 is published.
      assert.deepEqual(
        series('Usage de stupéfiants (AFD)')?.map((p) => [p.year, p.count, p.published]),
        [
          [2023, null, false],
          [2024, null, false],
          [2025, 0, true],
        ],
      );
    });
  });
});
