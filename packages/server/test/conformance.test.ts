import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../src/cli.js';
import { formatReport, runConformance } from '../src/conformance/index.js';
import type { CheckResult, ConformanceReport } from '../src/conformance/index.js';
import { createAdminToken } from '../src/store/tokens.js';
import { startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

/** The check of `group` whose name matches `name` (exactly one). */
function find(report: ConformanceReport, group: string, name: RegExp): CheckResult {
  const checks = report.groups.find((g) => g.id === group)?.checks ?? [];
  const found = checks.filter((c) => name.test(c.name));
  assert.equal(
    found.length,
    1,
    `one check ${String(name)} in ${group}: ${checks.map((c) => c.name).join(' | ')}`,
  );
  return found[0]!;
}

const failures = (report: ConformanceReport) =>
  report.groups.flatMap((g) =>
    g.checks.filter((c) => c.status === 'fail').map((c) => `${g.id}: ${c.name}: ${c.reason}`),
  );

async function countConformanceConcerns(server: TestServer): Promise<number> {
  const rows = await server.db.query<{ n: number | string }>(
    "SELECT count(*) AS n FROM concerns WHERE description LIKE '[conformance]%'",
  );
  return Number(rows[0]?.n);
}

for (const target of targets()) {
  describe(`conformance against the reference server (${target.name})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(target, { seed: true });
    });
    after(() => server.close());

    test('every check passes; exactly one labelled test concern is created', async () => {
      const report = await runConformance(server.url);
      assert.deepEqual(failures(report), []);
      assert.equal(report.ok, true);
      assert.ok(report.passed >= 100, `${report.passed} checks passed`);
      // Every public operation of the contract was exercised.
      for (const id of [
        'listCafes',
        'getCafe',
        'getCafesCalendar',
        'getCafeCalendar',
        'listDistricts',
        'listConcernCategories',
        'createConcern',
        'getConcernStatus',
        'listPriorities',
        'getPrioritiesFeed',
        'listMeetingReports',
        'getCafeReport',
        'getRights',
        'getStats',
        'getPublicReport',
        'getPublicReportHtml',
        'getOpenApi',
        'getHealth',
        'open311Discovery',
        'open311ListServices',
        'open311GetServiceDefinition',
        'open311ListRequests',
        'open311CreateRequest',
        'open311GetRequest',
        'open311GetToken',
      ])
        assert.ok(
          report.groups.some((g) => g.id === id && g.checks.some((c) => c.status === 'pass')),
          `${id} checked`,
        );
      assert.equal(await countConformanceConcerns(server), 1);
      // Without a token the admin reads with a token are skipped, never failed.
      assert.equal(report.skipped, 9);
    });

    test('with --admin-token the admin reads pass too; --read-only creates nothing', async () => {
      const token = await createAdminToken(server.db, new Date(), {
        name: 'conformance',
        scopes: ['tokens:write', 'concerns:triage', 'content:write'],
      });
      const before = await countConformanceConcerns(server);
      const report = await runConformance(server.url, { adminToken: token.token, readOnly: true });
      assert.deepEqual(failures(report), []);
      assert.equal(await countConformanceConcerns(server), before, 'read-only: no concern created');
      assert.equal(find(report, 'verifyAudit', /with the admin token/).status, 'pass');
      assert.equal(find(report, 'listAdminConcerns', /with the admin token/).status, 'pass');
      assert.equal(find(report, 'createConcern', /a valid concern/).status, 'skip');
      assert.match(find(report, 'createConcern', /a valid concern/).reason ?? '', /--read-only/);
    });

    test('the CLI prints the report and exits 0; --json is machine-readable', async () => {
      const c = capture();
      assert.equal(await runCli(['conformance', server.url], { io: c.io }), 0, c.out.join('\n'));
      assert.match(c.out.at(-1) ?? '', /^\d+ passed, 0 failed$/);
      assert.ok(c.out.includes('listCafes  GET /v1/cafes'));
      assert.ok(c.out.some((l) => l.startsWith('  ✔ body is a valid CafePage')));
      const j = capture();
      assert.equal(await runCli(['conformance', server.url, '--json', '--read-only'], { io: j.io }), 0);
      const report = JSON.parse(j.out.join('\n')) as ConformanceReport;
      assert.equal(report.ok, true);
      assert.equal(report.failed, 0);
      assert.equal(report.baseUrl, server.url);
    });
  });
}

// ---------------------------------------------------------------------------
// A backend that breaks the contract on purpose

const BROKEN_CAFE = {
  id: 'cafe-1',
  title: { fr: 'Café' },
  // no `start`
  end: '2026-12-02T11:30:00+01:00',
  timeZone: 'Europe/Paris',
  allDay: false,
  place: { name: 'Mairie', address: 'Place de la mairie' },
  districtId: null,
  mode: 'in-person',
  organizer: { name: 'Police municipale' },
  languages: ['fr'],
  status: 'scheduled',
  sequence: 0,
  updatedAt: '2026-11-01T10:00:00Z',
};

interface Broken {
  server: Server;
  url: string;
  /** Descriptions of the concerns it "created". */
  created: string[];
}

async function startBrokenBackend(): Promise<Broken> {
  const created: string[] = [];
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': '*',
      ...headers,
    });
    res.end(JSON.stringify(body));
  };
  // Errors in plain text, not problem+json.
  const notFound = (res: ServerResponse) => {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  };
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/healthz')
      return json(res, 200, { status: 'ok', version: '0.0.1', database: 'postgres' });
    if (req.method === 'GET' && path === '/openapi.json')
      return json(res, 200, { openapi: '3.0.3', paths: {} });
    // No ETag anywhere, no validation of the query either.
    if (req.method === 'GET' && path === '/v1/cafes')
      return json(res, 200, { items: [BROKEN_CAFE], nextCursor: null });
    if (req.method === 'GET' && path === '/v1/cafes/cafe-1') return json(res, 200, BROKEN_CAFE);
    if (req.method === 'GET' && path === '/v1/cafes.ics') {
      res.writeHead(200, { 'Content-Type': 'text/calendar', 'Access-Control-Allow-Origin': '*' });
      // An event without a UID.
      res.end(
        'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Broken//FR\r\nBEGIN:VEVENT\r\nDTSTAMP:20261101T090000Z\r\n' +
          'DTSTART:20261202T090000Z\r\nSUMMARY:Café\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      );
      return;
    }
    if (req.method === 'GET' && path === '/v1/concern-categories')
      return json(res, 200, {
        items: [
          {
            code: 'autre',
            label: { fr: 'Autre' },
            service: { id: 'pm', name: { fr: 'Police municipale' } },
            fields: [],
          },
        ],
      });
    if (req.method === 'POST' && path === '/v1/concerns') {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      let body: { description?: string };
      try {
        body = JSON.parse(text) as { description?: string };
      } catch {
        res.writeHead(400, { 'Content-Type': 'text/plain' });
        res.end('Bad JSON');
        return;
      }
      // No Idempotency-Key handling, no validation: every POST creates a concern.
      created.push(String(body.description));
      const reference = `PRX-${String(created.length).padStart(4, '0')}-AAAA`;
      return json(res, 201, {
        reference,
        statusToken: randomUUID().replaceAll('-', ''),
        service: { id: 'pm', name: { fr: 'Police municipale' } },
        status: 'received',
        submittedAt: new Date().toISOString(),
      });
    }
    return notFound(res);
  };
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, created };
}

describe('conformance against a backend that breaks the contract', () => {
  let broken: Broken;
  let report: ConformanceReport;
  before(async () => {
    broken = await startBrokenBackend();
    report = await runConformance(broken.url);
  });
  after(() => new Promise<void>((resolve) => broken.server.close(() => resolve())));

  test('the run fails', () => {
    assert.equal(report.ok, false);
    assert.ok(report.failed >= 20, `${report.failed} failures`);
  });

  test('a café missing `start` fails the body check, naming the field', () => {
    const check = find(report, 'listCafes', /body is a valid CafePage/);
    assert.equal(check.status, 'fail');
    assert.match(check.reason ?? '', /items\.0\.start/);
    assert.match(
      find(report, 'getCafe', /body is a valid Cafe$/).reason ?? '',
      /^the body is not a valid Cafe: start/,
    );
  });

  test('errors in text/plain fail the problem+json checks', () => {
    const check = find(report, 'getCafe', /unknown café → 404/);
    assert.equal(check.status, 'fail');
    assert.match(
      check.reason ?? '',
      /Content-Type is "text\/plain; charset=utf-8", expected application\/problem\+json/,
    );
    assert.equal(find(report, 'general', /unknown path/).status, 'fail');
    // An invalid query is not refused at all.
    assert.match(find(report, 'listCafes', /limit=0/).reason ?? '', /answered 200, expected 400/);
  });

  test('no ETag is reported on every cacheable GET', () => {
    for (const group of ['listCafes', 'getCafe', 'listConcernCategories']) {
      const check = find(report, group, /ETag/);
      assert.equal(check.status, 'fail');
      assert.equal(check.reason, 'no ETag header');
    }
  });

  test('POST /v1/concerns without idempotency is caught; few labelled concerns were created', () => {
    assert.match(
      find(report, 'createConcern', /without Idempotency-Key/).reason ?? '',
      /answered 201, expected 400/,
    );
    const replay = find(report, 'createConcern', /same key and body again/);
    assert.equal(replay.status, 'fail');
    assert.match(replay.reason ?? '', /answered 201 again: the key was not honoured/);
    assert.match(
      find(report, 'createConcern', /another body/).reason ?? '',
      /not sent: the backend ignores Idempotency-Key/,
    );
    assert.match(find(report, 'createConcern', /invalid body/).reason ?? '', /answered 201, expected 422/);
    // The request without a key, the invalid one, the first and the replay: all labelled.
    assert.equal(broken.created.length, 4);
    assert.ok(broken.created.every((d) => d.startsWith('[conformance]')));
  });

  test('the calendar without UID, the OpenAPI 3.0 document and Open311 are reported', () => {
    assert.match(find(report, 'getCafesCalendar', /RFC 5545/).reason ?? '', /event #1 has no UID/);
    assert.match(
      find(report, 'getOpenApi', /OpenAPI 3\.1/).reason ?? '',
      /"openapi" is "3\.0\.3", expected 3\.1\.x/,
    );
    assert.equal(find(report, 'open311ListServices', /→ 200/).status, 'fail');
    // What the backend gets right passes.
    assert.equal(find(report, 'getHealth', /body is a valid Health/).status, 'pass');
    assert.equal(find(report, 'listCafes', /CORS: readable/).status, 'fail', 'no ETag exposed');
  });

  test('the CLI prints ✘ with reasons, the final count, and exits 1', async () => {
    const c = capture();
    assert.equal(await runCli(['conformance', broken.url], { io: c.io }), 1);
    const text = c.out.join('\n');
    assert.match(text, /✘ body is a valid CafePage: the body is not a valid CafePage: items\.0\.start/);
    assert.match(c.out.at(-1) ?? '', /^\d+ passed, [1-9]\d* failed$/);
    assert.deepEqual(formatReport(report).at(-1), `${report.passed} passed, ${report.failed} failed`);
  });

  test('an unreachable backend is one clear failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await runConformance(url);
    assert.equal(r.failed, 1);
    assert.equal(r.passed, 0);
    assert.match(r.groups[0]?.checks[0]?.reason ?? '', /GET \/healthz failed: ECONNREFUSED/);
    const c = capture();
    assert.equal(await runCli(['conformance', 'not-a-url'], { io: c.io }), 2);
  });
});
