/**
 * The SDK against the real reference server (packages/server, fresh PGlite, Amiens demo seed):
 * every public resource, the admin API, the Open311 adapter on the server's /open311/v2 layer, the
 * iCalendar adapter on the server's feed, and every error class.
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { CafeInput, ConcernCategory, ConcernInput } from '@proximite/contract';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  UnprocessableError,
  UnsupportedOperationError,
  createClient,
  createOutbox,
  memoryStorage,
  type Client,
  type OutboxEvent,
} from '@proximite/sdk';
import { createAdminClient, type AdminClient } from '@proximite/sdk/admin.js';
import { createICalClient, parseICalendar } from '@proximite/sdk/adapters/ical.js';
import { createOpen311Client } from '@proximite/sdk/adapters/open311.js';
import { browserFetch, startRealServer, type RealServer } from './helpers.js';

let server: RealServer;
let client: Client;
let admin: AdminClient;

before(async () => {
  server = await startRealServer();
  client = createClient({ baseUrl: server.url, cache: false, retry: { limit: 1, backoffLimit: 50 } });
  admin = createAdminClient({ baseUrl: server.url, token: server.adminToken });
});
after(() => server?.stop());

/** A valid concern for a category: the first allowed value of each required field. */
function concernFor(category: ConcernCategory, description = 'Musique très forte chaque nuit'): ConcernInput {
  const attributes: Record<string, string | string[]> = {};
  for (const field of category.fields.filter((f) => f.required)) {
    const value = field.values?.find((v) => v.key !== field.stopper?.whenValue)?.key ?? 'non';
    attributes[field.code] = field.datatype === 'multivaluelist' ? [value] : value;
  }
  return {
    categoryCode: category.code,
    description,
    location: { address: '3 place du Don, Amiens' },
    attributes,
  };
}

async function bruit(): Promise<ConcernCategory> {
  const category = (await client.concerns.categories()).find((c) => c.code === 'bruit');
  assert.ok(category, 'the seed has a "bruit" category');
  return category;
}

describe('public resources', () => {
  it('cafés: list, iterate, get, icsUrl (the feed parses back into the same cafés)', async () => {
    const page = await client.cafes.list({ limit: 2 });
    assert.equal(page.items.length, 2);
    assert.ok(page.nextCursor !== null);
    const all: string[] = [];
    for await (const cafe of client.cafes.iterate({ limit: 2 })) all.push(cafe.id);
    assert.ok(all.length > 2);
    assert.equal(new Set(all).size, all.length);
    assert.deepEqual(
      all.slice(0, 2),
      page.items.map((c) => c.id),
    );
    const first = page.items[0]!;
    assert.deepEqual(await client.cafes.get(first.id), first);
    const district = page.items.find((c) => c.districtId !== null)?.districtId ?? 'saint-leu';
    const inDistrict = await client.cafes.list({ district });
    assert.ok(inDistrict.items.every((c) => c.districtId === district));

    const response = await fetch(client.cafes.icsUrl());
    assert.match(response.headers.get('content-type') ?? '', /text\/calendar/);
    const feed = parseICalendar(await response.text(), {
      from: Date.now() - 86_400_000,
      to: Date.now() + 400 * 86_400_000,
    });
    const byStart = new Map(feed.map((c) => [Date.parse(c.start), c]));
    for (const cafe of page.items) {
      const twin = byStart.get(Date.parse(cafe.start));
      assert.ok(twin, `café ${cafe.id} is in the feed`);
      assert.equal(Date.parse(twin.end), Date.parse(cafe.end));
      assert.equal(twin.title.fr, cafe.title.fr);
      assert.equal(twin.status, cafe.status);
    }
    const single = await fetch(client.cafes.icsUrl({ id: first.id }));
    assert.equal(single.status, 200);
  });

  it('districts, categories, priorities, rights (fr and en), stats', async () => {
    const districts = await client.districts.list();
    assert.ok(districts.some((d) => d.id === 'saint-leu'));
    const categories = await client.concerns.categories();
    assert.ok(categories.some((c) => c.emergency !== undefined));
    const priorities = await client.priorities.list({ limit: 1 });
    assert.equal(priorities.items.length, 1);
    let count = 0;
    for await (const _priority of client.priorities.iterate({ limit: 1 })) count += 1;
    assert.ok(count >= 2);
    const meetings = await client.meetings.list({ district: 'saint-leu' });
    assert.ok(meetings.items.length > 0 && meetings.items.every((m) => m.cafe.districtId === 'saint-leu'));
    const report = await client.meetings.report(meetings.items[0]!.cafe.id);
    assert.deepEqual(report, meetings.items[0]);
    await assert.rejects(client.meetings.report('nope'), NotFoundError);
    const feed = await fetch(client.priorities.feedUrl({ district: 'saint-leu' }));
    assert.match(feed.headers.get('content-type') ?? '', /atom\+xml/);
    assert.match(client.withOptions({ lang: 'en' }).priorities.feedUrl(), /\/v1\/priorities\.atom\?lang=en$/);
    const year = String(new Date().getUTCFullYear() - 1);
    const yearly = await client.reports.get(year);
    assert.equal(yearly.period.id, year);
    assert.equal(yearly.period.complete, true);
    await assert.rejects(client.reports.get('2026-Q5'), NotFoundError);
    await assert.rejects(client.reports.get(String(new Date().getUTCFullYear() + 1)), NotFoundError);
    assert.match(
      client.withOptions({ lang: 'en' }).reports.htmlUrl(year),
      new RegExp(`/v1/reports/${year}\\.html\\?lang=en$`),
    );
    const page = await fetch(client.reports.htmlUrl(year));
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const fr = await client.rights.get();
    const en = await client.withOptions({ lang: 'en' }).rights.get();
    assert.ok(fr.topics.length > 0);
    assert.deepEqual(en.locales.includes('en'), true);
    const stats = await client.stats.get();
    assert.ok(stats.series.length > 0);
    const one = stats.series[0]!;
    const filtered = await client.stats.get({ area: stats.area.code, indicators: [one.indicatorId] });
    assert.deepEqual(
      filtered.series.map((s) => s.indicatorId),
      [one.indicatorId],
    );
  });

  it('concerns: submit, idempotent replay, status with the token', async () => {
    const input = concernFor(await bruit());
    const key = crypto.randomUUID();
    const receipt = await client.concerns.submit(input, { idempotencyKey: key });
    assert.match(receipt.reference, /^PRX-/);
    assert.equal(receipt.status, 'received');
    const replay = await client.concerns.submit(input, { idempotencyKey: key });
    assert.deepEqual(replay, receipt, 'same key + same body → the stored receipt');
    const status = await client.concerns.status(receipt.reference, receipt.statusToken);
    assert.equal(status.reference, receipt.reference);
    assert.equal(status.categoryCode, 'bruit');
  });

  it('the outbox delivers to the real server once', async () => {
    const input = concernFor(await bruit(), 'Via l’outbox');
    const outbox = createOutbox({ client, storage: memoryStorage(), autoFlush: false });
    const sent = new Promise<string>((resolve) =>
      outbox.subscribe((e) => e.state === 'sent' && resolve(e.receipt!.reference)),
    );
    await outbox.submit(input);
    const reference = await sent;
    const stored = await admin.concerns.get(reference);
    assert.equal(stored.description, 'Via l’outbox');
    assert.deepEqual(await outbox.entries(), []);
    outbox.close();
  });
});

describe('input the server can never store', () => {
  it('a NUL character or a lone surrogate: 422 naming the field, and the outbox fails it after one request', async () => {
    const category = await bruit();
    for (const [field, input] of [
      ['description', { ...concernFor(category), description: 'Musique\u0000 forte' }],
      ['location.address', { ...concernFor(category), location: { address: 'Rue \ud800Motte' } }],
    ] as const) {
      const error = await client.concerns.submit(input).catch((e: unknown) => e);
      assert.ok(error instanceof UnprocessableError, String(error));
      assert.ok(
        error.problem.errors?.some((e) => e.path === field),
        JSON.stringify(error.problem.errors),
      );
      let requests = 0;
      const counting = createClient({
        baseUrl: server.url,
        cache: false,
        fetch: (url, init) => {
          requests += 1;
          return fetch(url, init);
        },
      });
      const outbox = createOutbox({ client: counting, storage: memoryStorage(), autoFlush: false });
      const failed = new Promise<OutboxEvent>((resolve) =>
        outbox.subscribe((e) => e.state === 'failed' && resolve(e)),
      );
      await outbox.submit(input);
      const event = await failed;
      assert.equal(event.error?.reason, 'rejected');
      assert.equal(event.error?.status, 422);
      await outbox.flush();
      assert.equal(requests, 1, 'sent once, never retried');
      assert.equal((await outbox.entries())[0]?.state, 'failed', 'kept for the resident');
      outbox.close();
    }
  });
});

describe('admin API', () => {
  it('tokens, cafés, concerns triage, priorities, activity, rights overrides, audit', async () => {
    const created = await admin.tokens.create({ name: 'limited', scopes: ['cafes:write'] });
    assert.ok(created.token.length > 10);
    assert.ok((await admin.tokens.list()).some((t) => t.id === created.id));

    const input: CafeInput = {
      title: { fr: 'Café test SDK' },
      start: '2030-05-12T17:30:00+02:00',
      end: '2030-05-12T19:00:00+02:00',
      timeZone: 'Europe/Paris',
      place: { name: 'Bar du Quai', address: '1 quai Bélu, Amiens' },
      mode: 'in-person',
      organizer: { name: 'Police municipale' },
    };
    const cafe = await admin.cafes.create(input);
    assert.equal((await client.cafes.get(cafe.id)).title.fr, 'Café test SDK');
    const updated = await admin.cafes.update(cafe.id, { ...input, title: { fr: 'Café modifié' } });
    assert.ok(updated.sequence > cafe.sequence);
    const cancelled = await admin.cafes.cancel(cafe.id, { reason: { fr: 'Météo' } });
    assert.equal(cancelled.status, 'cancelled');
    const met = await admin.cafes.putReport(cafe.id, {
      attendance: 8,
      topics: [{ title: { fr: 'Éclairage' }, concernCount: 2 }],
      answers: [],
      followUps: [],
    });
    assert.equal(met.report.attendance, 8);
    assert.deepEqual(await client.meetings.report(cafe.id), met);
    const stored = await admin.cafes.getReport(cafe.id);
    assert.deepEqual(stored.report.topics, [
      { title: { fr: 'Éclairage' }, concernReferences: [], concernCount: 2 },
    ]);
    assert.equal(stored.publishedAt, met.report.publishedAt);
    await admin.cafes.deleteReport(cafe.id);
    await assert.rejects(admin.cafes.getReport(cafe.id), NotFoundError);
    await assert.rejects(client.meetings.report(cafe.id), NotFoundError);
    await admin.cafes.delete(cafe.id);
    await assert.rejects(client.cafes.get(cafe.id), NotFoundError);

    // A weekly series: duplicated, one occurrence cancelled by its id; an .ics imported.
    const weekly = await admin.cafes.create({
      ...input,
      kind: 'watch-group',
      repeat: { rrule: 'FREQ=WEEKLY;COUNT=3' },
    });
    assert.equal(weekly.series?.rrule, 'FREQ=WEEKLY;COUNT=3');
    const copy = await admin.cafes.duplicate(weekly.id, { start: '2030-06-02T17:30:00+02:00' });
    assert.equal(copy.end, '2030-06-02T19:00:00+02:00');
    const second = await admin.cafes.cancel(`${weekly.id}~20300519T1730`, { reason: { fr: 'Férié' } });
    assert.equal(second.status, 'cancelled');
    const listed = await admin.cafes.adminList({ from: '2030-05-01', to: '2030-05-31' });
    assert.deepEqual(
      listed.items.filter((c) => c.series?.id === weekly.id).map((c) => c.status),
      ['scheduled', 'cancelled', 'scheduled'],
    );
    assert.equal((await admin.cafes.get(`${weekly.id}~20300519T1730`)).status, 'cancelled');
    const imported = await admin.cafes.importIcs({
      calendar: [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//sdk//EN',
        'BEGIN:VEVENT',
        'UID:sdk-import@example.org',
        'DTSTAMP:20300101T000000Z',
        'DTSTART:20300514T160000Z',
        'DTEND:20300514T170000Z',
        'SUMMARY:Réunion publique',
        'LOCATION:Mairie',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
      from: '2030-05-01',
      to: '2030-05-31',
    });
    assert.equal(imported.created.length, 1);
    // Gone again: the feed test below compares the API with the feed's default window.
    for (const id of [weekly.id, copy.id, ...imported.created]) await admin.cafes.delete(id);

    const receipt = await client.concerns.submit(concernFor(await bruit(), 'Pour le triage'));
    const page = await admin.concerns.list({ limit: 5 });
    assert.ok(page.items.length > 0);
    const triaged = await admin.concerns.triage(receipt.reference, {
      status: 'in-progress',
      publicUpdate: { fr: 'Patrouille prévue' },
    });
    assert.equal(triaged.status, 'in-progress');
    const status = await client.concerns.status(receipt.reference, receipt.statusToken);
    assert.equal(status.status, 'in-progress');
    assert.equal(status.updates.at(-1)?.text.fr, 'Patrouille prévue');

    const priority = await admin.priorities.create({
      issue: { fr: 'Stationnement sur trottoir' },
      issueDate: '2026-05-01',
      status: 'raised',
    });
    await admin.priorities.update(priority.id, {
      issue: { fr: 'Stationnement sur trottoir' },
      action: { fr: 'Contrôles' },
      issueDate: '2026-05-01',
      actionDate: '2026-05-20',
      status: 'done',
    });
    await admin.priorities.delete(priority.id);

    const counters = await admin.stats.putActivity({
      counters: [
        {
          metric: 'cafes-held',
          period: '2026',
          value: 12,
          unit: 'cafés',
          source: { type: 'proximite', title: 'Proximité' },
        },
      ],
    });
    assert.ok(counters.some((c) => c.metric === 'cafes-held' && c.value === 12));
    // Services and routing rules, as the console's services section writes them (with a token
    // holding services:write, as an admin's session does).
    const { token: servicesToken } = await admin.tokens.create({
      name: 'services',
      scopes: ['services:write'],
    });
    const services = createAdminClient({ baseUrl: server.url, token: servicesToken });
    const service = await services.services.create({
      id: 'sdk-voirie',
      name: { fr: 'Voirie (essai)', en: 'Roads (test)' },
      target: { days: 5, unit: 'working-days' },
      delivery: { method: 'email', to: ['voirie@ville.example'] },
    });
    assert.deepEqual(service.delivery?.to, ['voirie@ville.example']);
    const changed = await services.services.update('sdk-voirie', {
      name: { fr: 'Voirie', en: 'Roads' },
      target: null,
      delivery: { method: 'none' },
    });
    assert.equal(changed.delivery?.method, 'none');
    assert.equal((await services.services.get('sdk-voirie')).name.fr, 'Voirie');
    const before = await services.routing.get();
    const routed = await services.routing.put({
      rules: [...before.rules, { categoryCode: 'bruit', districtId: null, serviceId: 'sdk-voirie' }],
    });
    assert.ok(routed.rules.some((r) => r.categoryCode === 'bruit' && r.serviceId === 'sdk-voirie'));
    await assert.rejects(
      services.services.delete('sdk-voirie'),
      (e: unknown) => (e as { status?: number }).status === 409,
    );
    await services.routing.put({ rules: before.rules });
    await services.services.delete('sdk-voirie');
    // The admin client reads them back as the public widget will (GET /v1/stats).
    const published = await admin.stats.activity();
    assert.ok(published.some((c) => c.metric === 'cafes-held' && c.period === '2026' && c.value === 12));
    const overrides = await admin.rights.putOverrides({ disclaimer: { fr: 'Avertissement de la ville' } });
    assert.equal(overrides.disclaimer?.fr, 'Avertissement de la ville');
    assert.deepEqual(await admin.rights.getOverrides(), overrides);

    const audit = await admin.audit.list({ limit: 200 });
    assert.ok(audit.items.some((e) => e.action.startsWith('cafe')));
    assert.equal((await admin.audit.verify()).ok, true);
    await admin.tokens.revoke(created.id);
  });
});

describe('admin API: deliveries', () => {
  it('lists the deliveries of one concern; a retry needs its own scope', async () => {
    const inbox = await admin.concerns.list({ limit: 1 });
    const ref = inbox.items[0]?.reference ?? '';
    const page = await admin.deliveries.list({ concern: ref, limit: 10 });
    assert.ok(Array.isArray(page.items));
    for (const d of page.items) assert.equal(d.concernReference, ref);
    await assert.rejects(admin.deliveries.list({ concern: 'not a reference' }), BadRequestError);
    // The test token has no deliveries:write.
    await assert.rejects(admin.deliveries.retry('no-such-delivery'), ForbiddenError);
  });
});

describe('admin client with a staff session (cookie + CSRF handled inside)', () => {
  it('signs in, reads and writes with the session, refreshes the CSRF token, signs out', async () => {
    const browser = browserFetch(server.url);
    const staff = createAdminClient({ baseUrl: server.url, session: true, fetch: browser });
    await assert.rejects(staff.session.get(), UnauthorizedError);
    const signedIn = await staff.session.signIn({
      email: server.staff.email,
      password: server.staff.password,
    });
    assert.equal(signedIn.staff.role, 'coordinator');
    assert.ok(signedIn.scopes.includes('concerns:triage'));
    assert.ok(browser.cookies.has('proximite_session'));
    const inbox = await staff.concerns.list({ limit: 2, sort: 'due', assignee: 'none' });
    assert.ok(inbox.items.length > 0);
    assert.ok((inbox.total ?? 0) >= inbox.items.length);
    // Assignment: who can take it (names only), assign (a write: CSRF handled), find it as mine.
    const ref = inbox.items[0]?.reference ?? '';
    const who = await staff.concerns.assignees(ref);
    const me = who.find((w) => w.id === signedIn.staff.id);
    assert.ok(me !== undefined, 'a coordinator can take any concern');
    assert.deepEqual((await staff.concerns.assign(ref, me.id)).assignee, me);
    assert.ok((await staff.concerns.list({ assignee: 'me' })).items.some((i) => i.reference === ref));
    await assert.rejects(staff.concerns.assign(ref, 'nobody-at-all'), UnprocessableError);
    await assert.rejects(staff.concerns.list({ assignee: 'me', cursor: 'bm9wZQ' }), BadRequestError);
    assert.equal((await staff.concerns.assign(ref, null)).assignee, null);
    // Bulk: one outcome per reference; an unknown one does not stop the others.
    const bulk = await staff.concerns.bulk({ references: [ref, 'PRX-0000-0000'], assigneeId: me.id });
    assert.deepEqual(
      bulk.items.map((i) => [i.ok, i.problem?.status]),
      [
        [true, undefined],
        [false, 404],
      ],
    );
    await assert.rejects(staff.concerns.bulk({ references: [ref] }), UnprocessableError);
    // CSV: the text (its headings first), a link for the page; contacts refused to a token.
    const csv = await staff.concerns.exportCsv({ q: ref, lang: 'en' });
    assert.match(csv, /^Reference,Received/);
    assert.ok(csv.includes(ref));
    assert.match(staff.concerns.exportUrl({ assignee: 'me' }), /\/v1\/admin\/concerns\.csv\?assignee=me$/);
    await assert.rejects(admin.concerns.exportCsv({ contacts: 'true' }), ForbiddenError);
    const priority = await staff.priorities.create({
      issue: { fr: 'Créé avec une session' },
      issueDate: '2026-05-01',
      status: 'raised',
    });
    // A second client on the same browser (a new page) has no CSRF token yet: it fetches one.
    const page2 = createAdminClient({ baseUrl: server.url, session: true, fetch: browser });
    await page2.priorities.delete(priority.id);
    // Signed in again from another page: the first client's CSRF token belongs to the ended
    // session; its next write is refused once, it fetches a fresh token and the write goes through.
    await page2.session.signIn({ email: server.staff.email, password: server.staff.password });
    const again = await staff.priorities.create({
      issue: { fr: 'Après une nouvelle connexion' },
      issueDate: '2026-05-02',
      status: 'raised',
    });
    await staff.priorities.delete(again.id);
    // The role's limits hold: a coordinator does not manage accounts.
    await assert.rejects(staff.staff.list(), ForbiddenError);
    const audit = await admin.audit.list({ limit: 200 });
    assert.ok(audit.items.some((e) => e.action === 'priority.create' && e.actor.startsWith('staff:')));
    await staff.session.signOut();
    assert.ok(!browser.cookies.has('proximite_session'));
    await assert.rejects(staff.concerns.list(), UnauthorizedError);
    await staff.session.signOut(); // signing out twice is harmless
  });

  it('an invitation link: inspect, redeem, sign in; a used link is a NotFoundError', async () => {
    const invited = await admin.staff.invite({
      email: 'sdk-invited@amiens.test',
      displayName: 'Invitée',
      role: 'observer',
    });
    assert.equal(invited.link.delivered, false);
    const token = (invited.link.url ?? '').split('#proximite-link=')[1] ?? '';
    const page = createAdminClient({ baseUrl: server.url, session: true, fetch: browserFetch(server.url) });
    assert.equal((await page.links.inspect(token)).email, 'sdk-invited@amiens.test');
    await page.links.redeem(token, 'the invited password');
    await assert.rejects(page.links.redeem(token, 'the invited password'), NotFoundError);
    const session = await page.session.signIn({
      email: 'sdk-invited@amiens.test',
      password: 'the invited password',
    });
    assert.equal(session.staff.status, 'active');
    assert.ok((await page.oversight.list({ limit: 5 })).items.length > 0);
    await page.session.requestPasswordReset('sdk-invited@amiens.test');
    assert.deepEqual(await page.sso.providers(), []);
    assert.equal(
      page.sso.loginUrl('proconnect', 'https://www.amiens.fr/staff/'),
      `${server.url}/v1/staff/oidc/login?provider=proconnect&returnTo=https%3A%2F%2Fwww.amiens.fr%2Fstaff%2F`,
    );
  });

  it('a wrong password is an UnauthorizedError; the options need a token or a session', async () => {
    const staff = createAdminClient({ baseUrl: server.url, session: true, fetch: browserFetch(server.url) });
    await assert.rejects(
      staff.session.signIn({ email: server.staff.email, password: 'wrong password here' }),
      UnauthorizedError,
    );
    assert.throws(() => createAdminClient({ baseUrl: server.url }), TypeError);
    assert.throws(() => createAdminClient({ baseUrl: server.url, token: 't', session: true }), TypeError);
  });
});

describe('every error class, from the real server', () => {
  it('BadRequestError: an invalid query parameter', async () => {
    await assert.rejects(client.cafes.list({ limit: 0 }), BadRequestError);
  });

  it('UnauthorizedError: a wrong token; ForbiddenError: a token without the scope', async () => {
    await assert.rejects(
      createAdminClient({ baseUrl: server.url, token: 'not-a-token' }).tokens.list(),
      UnauthorizedError,
    );
    const limited = await admin.tokens.create({ name: 'cafés only', scopes: ['cafes:write'] });
    const error = await createAdminClient({ baseUrl: server.url, token: limited.token })
      .tokens.list()
      .catch((e: unknown) => e);
    assert.ok(error instanceof ForbiddenError);
    assert.ok(!JSON.stringify(error).includes(limited.token));
  });

  it('NotFoundError: an unknown café; a wrong status token', async () => {
    await assert.rejects(client.cafes.get('no-such-cafe'), NotFoundError);
    const receipt = await client.concerns.submit(concernFor(await bruit()));
    const error = await client.concerns.status(receipt.reference, 'x'.repeat(32)).catch((e: unknown) => e);
    assert.ok(error instanceof NotFoundError);
    assert.ok(!String(error.request?.url).includes('x'.repeat(32)), 'the token is redacted');
  });

  it('ConflictError: a triage transition the server refuses', async () => {
    const receipt = await client.concerns.submit(concernFor(await bruit()));
    await admin.concerns.triage(receipt.reference, { status: 'in-progress' });
    await assert.rejects(admin.concerns.triage(receipt.reference, { status: 'received' }), ConflictError);
  });

  it('UnprocessableError: an invalid concern lists its fields; a reused key with another body', async () => {
    const error = await client.concerns
      .submit({ categoryCode: 'bruit', description: '', location: {} } as ConcernInput)
      .catch((e: unknown) => e);
    assert.ok(error instanceof UnprocessableError);
    assert.ok((error.problem.errors ?? []).some((e) => e.path === 'description'));
    const input = concernFor(await bruit());
    const key = crypto.randomUUID();
    await client.concerns.submit(input, { idempotencyKey: key });
    await assert.rejects(
      client.concerns.submit({ ...input, description: 'autre chose' }, { idempotencyKey: key }),
      UnprocessableError,
    );
  });

  it('RateLimitedError with retryAfter: a server limited to 2 POSTs a minute', async () => {
    const limited = await startRealServer({ PROXIMITE_RATE_LIMIT: '2' });
    try {
      const c = createClient({ baseUrl: limited.url, retry: 0 });
      const input = concernFor((await c.concerns.categories()).find((x) => x.code === 'bruit')!);
      await c.concerns.submit(input);
      await c.concerns.submit(input);
      const error = await c.concerns.submit(input).catch((e: unknown) => e);
      assert.ok(error instanceof RateLimitedError, String(error));
      assert.ok(error.retryAfter !== undefined && error.retryAfter > 0);
    } finally {
      await limited.stop();
    }
  });

  it('ServerError, TimeoutError and ResponseValidationError through a proxy; NetworkError when it is gone', async () => {
    let mode: 'error' | 'slow' | 'corrupt' = 'error';
    const target = new URL(server.url);
    const proxy = createServer((req, res) => {
      if (mode === 'error') {
        res.writeHead(502, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ type: 'about:blank', title: 'Bad gateway', status: 502 }));
        return;
      }
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const send = () => {
              res.writeHead(up.statusCode ?? 500, { 'content-type': 'application/json' });
              res.end(mode === 'corrupt' ? body.replace(/"start":"[^"]*"/, '"start":17') : body);
            };
            if (mode === 'slow') setTimeout(send, 300);
            else send();
          });
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const c = createClient({ baseUrl: proxyUrl, cache: false, retry: { limit: 1, backoffLimit: 20 } });
    try {
      await assert.rejects(c.cafes.list(), ServerError);
      mode = 'slow';
      await assert.rejects(c.cafes.list({}, { timeout: 50 }), TimeoutError);
      mode = 'corrupt';
      const invalid = await c.cafes.list().catch((e: unknown) => e);
      assert.ok(invalid instanceof ResponseValidationError);
      assert.deepEqual(invalid.issues[0]?.path, ['items', 0, 'start']);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
    await assert.rejects(c.cafes.list(), NetworkError);
  });
});

describe('adapters on the reference server', () => {
  it('Open311: categories from services, submit form-encoded, token → id, status', async () => {
    const open311 = createOpen311Client({ baseUrl: `${server.url}/open311/v2`, apiKey: server.open311Key });
    const categories = await open311.concerns.categories();
    const noise = categories.find((c) => c.code === 'bruit');
    assert.ok(noise);
    assert.deepEqual(
      noise.fields.map((f) => f.code),
      (await bruit()).fields.map((f) => f.code),
    );
    const input = {
      ...concernFor(noise, 'Par Open311'),
      contact: { name: 'Camille Martin', email: 'c@example.fr' },
    };
    const receipt = await open311.concerns.submit(input);
    assert.match(receipt.reference, /^PRX-/);
    const status = await open311.concerns.status(receipt.reference, receipt.statusToken);
    assert.equal(status.reference, receipt.reference);
    assert.equal(status.status, 'received');
    const stored = await admin.concerns.get(receipt.reference);
    assert.equal(stored.description, 'Par Open311');
    assert.equal(stored.location.address, '3 place du Don, Amiens');
    assert.equal(stored.contact?.name, 'Camille Martin');
    assert.deepEqual(stored.attributes, input.attributes);
    // Triage shows through the FixMyStreet extended status.
    await admin.concerns.triage(receipt.reference, { status: 'resolved' });
    assert.equal((await open311.concerns.status(receipt.reference, '')).status, 'resolved');
    // A wrong api_key is a ForbiddenError; other resources are unsupported.
    await assert.rejects(
      createOpen311Client({ baseUrl: `${server.url}/open311/v2`, apiKey: 'wrong' }).concerns.submit(input),
      ForbiddenError,
    );
    await assert.rejects(open311.cafes.list(), UnsupportedOperationError);
  });

  it('iCalendar: the server’s feed through createICalClient matches the API', async () => {
    const ical = createICalClient({ url: client.cafes.icsUrl() });
    const api = await client.cafes.list({ limit: 200 });
    const feed = await ical.cafes.list({ limit: 200 });
    assert.deepEqual(
      feed.items.map((c) => [Date.parse(c.start), c.status]),
      api.items.map((c) => [Date.parse(c.start), c.status]),
    );
    await assert.rejects(ical.rights.get(), UnsupportedOperationError);
  });
});
