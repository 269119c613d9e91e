/**
 * Staff accounts, local sign-in and sessions over real HTTP: cookie attributes, same 401 for a
 * wrong e-mail and a wrong password, session fixation, CSRF and Origin on writes, role scopes,
 * agents limited to their services, observers' pseudonymised view, time-outs, disabling,
 * sign-out, lock-out, invitations and role changes in the audit log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  AdminConcern,
  AdminConcernPage,
  ConcernReceipt,
  OversightConcern,
  OversightConcernPage,
  Problem,
  StaffInvitation,
  StaffMember,
  StaffSession,
} from '@proximite/contract';
import { PROBLEM_TYPES, ROLE_SCOPES } from '@proximite/contract';
import { seedStaff } from '../src/seed-staff.js';
import { CLI_ACTOR } from '../src/services/actor.js';
import { purgeRetention } from '../src/services/concerns.js';
import { call, fakeClock, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';
import { PASSWORD, browser, cookieFrom, signedIn } from './staff-helpers.js';

const ACCOUNTS = [
  { email: 'admin@amiens.test', displayName: 'Alix Admin', role: 'admin', password: PASSWORD },
  {
    email: 'coord@amiens.test',
    displayName: 'Camille Coordination',
    role: 'coordinator',
    password: PASSWORD,
  },
  {
    email: 'agent@amiens.test',
    displayName: 'Ange Agent',
    role: 'agent',
    services: ['proprete-urbaine'],
    password: PASSWORD,
  },
  { email: 'observer@amiens.test', displayName: 'Olivier Observateur', role: 'observer', password: PASSWORD },
] as const;

async function submit(
  s: TestServer,
  categoryCode: string,
  attributes: Record<string, string>,
): Promise<string> {
  const res = await call(
    s.url,
    '/v1/concerns',
    jsonInit(
      'POST',
      {
        categoryCode,
        description: 'Texte libre qui peut nommer des voisins.',
        location: { address: '12 rue des Tests, Amiens', districtId: 'saint-leu' },
        attributes,
        contact: { name: 'Résidente Test', email: 'residente@example.org' },
      },
      { 'Idempotency-Key': `key-${Math.random().toString(36).slice(2)}` },
    ),
  );
  assert.equal(res.status, 201, res.text);
  return (res.json as ConcernReceipt).reference;
}

const problemOf = (r: { json: unknown }) => r.json as Problem;

for (const target of targets()) {
  describe(`staff sign-in and sessions (${target.name})`, () => {
    let s: TestServer;
    const clock = fakeClock(new Date());
    let dumping: string; // proprete-urbaine: the agent's service
    let noise: string; // hygiene-sante: not the agent's

    before(async () => {
      s = await startTestServer(target, { seed: true, clock, config: { requireSecondFactor: false } });
      await seedStaff(s.db, clock(), ACCOUNTS);
      dumping = await submit(s, 'depots-sauvages', { 'type-depot': 'sacs' });
      noise = await submit(s, 'bruit', { source: 'commerce' });
    });
    after(() => s.close());

    test('sign-in: 200, a session cookie HttpOnly; SameSite=Lax; Path=/ (no Secure over http), a CSRF token', async () => {
      const b = browser(s.url);
      const res = await b.signIn('Admin@Amiens.test ', PASSWORD);
      assert.equal(res.status, 200, res.text);
      const set = res.headers.getSetCookie().find((h) => h.startsWith('proximite_session='));
      assert.ok(set !== undefined);
      assert.match(set, /; Path=\/;/);
      assert.match(set, /; HttpOnly/);
      assert.match(set, /; SameSite=Lax/);
      assert.doesNotMatch(set, /Secure/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const body = res.json as StaffSession;
      assert.equal(body.staff.email, 'admin@amiens.test');
      assert.equal(body.staff.role, 'admin');
      assert.deepEqual(body.scopes, [...ROLE_SCOPES.admin]);
      assert.equal(body.secondFactor, 'not-required');
      assert.match(body.csrfToken, /^[\w-]{22}\.[\w-]{43}$/);
      // The cookie holds a secret; the database only its hash.
      const secret = (b.cookie ?? '').split('=')[1] ?? '';
      const rows = await s.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM staff_sessions WHERE id_hash = $1',
        [secret],
      );
      assert.equal(rows[0]?.n, 0);
    });

    test('a wrong password and an unknown e-mail get the same 401; both are audited without the e-mail', async () => {
      const wrong = await browser(s.url).signIn('coord@amiens.test', 'not the password at all');
      const unknown = await browser(s.url).signIn('nobody@amiens.test', 'not the password at all');
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      const strip = (p: Problem) => ({ ...p, requestId: undefined });
      assert.deepEqual(strip(problemOf(wrong)), strip(problemOf(unknown)));
      assert.equal(cookieFrom(wrong.headers), undefined);
      const audit = await s.db.query<{ target: string; detail: { reason: string } }>(
        `SELECT target, detail FROM audit_log WHERE action = 'staff.sign-in-failed' ORDER BY seq DESC LIMIT 2`,
      );
      assert.deepEqual(audit.map((a) => a.detail.reason).sort(), ['password', 'unknown-account']);
      assert.ok(audit.some((a) => a.target === 'staff:unknown'));
      const all = await s.db.query<{ text: string }>('SELECT row_to_json(a)::text AS text FROM audit_log a');
      assert.ok(!all.some((r) => r.text.includes('nobody@amiens.test')), 'no typed e-mail in the audit log');
    });

    test('GET /v1/staff/session: who is signed in and a fresh CSRF token; 401 without a session', async () => {
      const b = await signedIn(s.url, 'coord@amiens.test');
      const first = b.csrf;
      const res = await b.request('/v1/staff/session');
      assert.equal(res.status, 200);
      assert.notEqual((res.json as StaffSession).csrfToken, first);
      assert.equal((await call(s.url, '/v1/staff/session')).status, 401);
      const garbage = await call(s.url, '/v1/staff/session', {
        headers: { Cookie: 'proximite_session=abc' },
      });
      assert.equal(garbage.status, 401);
      assert.match(garbage.headers.getSetCookie().join(), /proximite_session=; .*Max-Age=0/);
    });

    test('a new session id at every sign-in; the session the browser had ends (no fixation)', async () => {
      const b = await signedIn(s.url, 'coord@amiens.test');
      const before = b.cookie;
      const again = await b.signIn('coord@amiens.test', PASSWORD);
      assert.equal(again.status, 200);
      assert.notEqual(b.cookie, before);
      const old = await call(s.url, '/v1/staff/session', { headers: { Cookie: before ?? '' } });
      assert.equal(old.status, 401);
    });

    test('writes with a session need the CSRF token and an allowed Origin', async () => {
      const b = await signedIn(s.url, 'coord@amiens.test');
      const body = { issue: { fr: 'Éclairage rue Motte' }, issueDate: '2026-01-05', status: 'raised' };
      const noCsrf = await b.request('/v1/admin/priorities', { ...jsonInit('POST', body), csrf: false });
      assert.equal(noCsrf.status, 403);
      assert.equal(problemOf(noCsrf).type, PROBLEM_TYPES.csrf);
      const forged = await b.request('/v1/admin/priorities', {
        ...jsonInit('POST', body, { 'X-CSRF-Token': `${'a'.repeat(22)}.${'b'.repeat(43)}` }),
        csrf: false,
      });
      assert.equal(forged.status, 403);
      const noOrigin = await b.request('/v1/admin/priorities', { ...jsonInit('POST', body), origin: null });
      assert.equal(noOrigin.status, 403);
      const otherOrigin = await b.request('/v1/admin/priorities', {
        ...jsonInit('POST', body),
        origin: 'https://evil.example',
      });
      assert.equal(otherOrigin.status, 403);
      // Another session's token does not work for this one.
      const other = await signedIn(s.url, 'admin@amiens.test');
      const swapped = await b.request('/v1/admin/priorities', {
        ...jsonInit('POST', body, { 'X-CSRF-Token': other.csrf ?? '' }),
        csrf: false,
      });
      assert.equal(swapped.status, 403);
      const ok = await b.request('/v1/admin/priorities', jsonInit('POST', body));
      assert.equal(ok.status, 201, ok.text);
      const audit = await s.db.query<{ actor: string }>(
        `SELECT actor FROM audit_log WHERE action = 'priority.create' ORDER BY seq DESC LIMIT 1`,
      );
      const me = (await b.request('/v1/staff/session')).json as StaffSession;
      assert.equal(audit[0]?.actor, `staff:${me.staff.id}`);
      // Reads need no CSRF token.
      assert.equal((await b.request('/v1/admin/concerns')).status, 200);
    });

    test('roles: an observer may not triage or edit; an agent may not publish; each 403 is problem+json', async () => {
      const observer = await signedIn(s.url, 'observer@amiens.test');
      const r1 = await observer.request('/v1/admin/concerns');
      assert.equal(r1.status, 403);
      assert.match(problemOf(r1).detail ?? '', /observer/);
      const agent = await signedIn(s.url, 'agent@amiens.test');
      const r2 = await agent.request(
        '/v1/admin/priorities',
        jsonInit('POST', { issue: { fr: 'x' }, issueDate: '2026-01-05', status: 'raised' }),
      );
      assert.equal(r2.status, 403);
      assert.equal((await agent.request('/v1/admin/staff')).status, 403);
      assert.equal((await agent.request('/v1/admin/audit')).status, 200, 'every role reads the audit log');
    });

    test('agents see and triage only the concerns of their services', async () => {
      const agent = await signedIn(s.url, 'agent@amiens.test');
      const list = (await agent.request('/v1/admin/concerns?limit=200')).json as AdminConcernPage;
      assert.ok(list.items.length > 0);
      assert.ok(list.items.every((c) => c.service.id === 'proprete-urbaine'));
      assert.ok(list.items.some((c) => c.reference === dumping));
      assert.equal((await agent.request(`/v1/admin/concerns/${dumping}`)).status, 200);
      assert.equal((await agent.request(`/v1/admin/concerns/${noise}`)).status, 404);
      const triage = await agent.request(
        `/v1/admin/concerns/${noise}/triage`,
        jsonInit('POST', { internalNote: 'pas à moi' }),
      );
      assert.equal(triage.status, 404);
      const mine = await agent.request(
        `/v1/admin/concerns/${dumping}/triage`,
        jsonInit('POST', { status: 'in-progress', internalNote: 'Passage prévu jeudi.' }),
      );
      assert.equal(mine.status, 200, mine.text);
      assert.equal((mine.json as AdminConcern).internalNotes.at(-1)?.author, 'Ange Agent');
      // A coordinator sees both.
      const coord = await signedIn(s.url, 'coord@amiens.test');
      assert.equal((await coord.request(`/v1/admin/concerns/${noise}`)).status, 200);
    });

    test('observers: pseudonymised view; the text only once a coordinator marked the concern shareable', async () => {
      const observer = await signedIn(s.url, 'observer@amiens.test');
      const page = (await observer.request('/v1/admin/oversight/concerns?limit=200'))
        .json as OversightConcernPage;
      const seen = page.items.find((c) => c.reference === noise);
      assert.ok(seen !== undefined);
      assert.equal(seen.shareable, false);
      assert.equal(seen.description, undefined);
      assert.equal(seen.address, undefined);
      assert.equal(seen.attributes, undefined);
      assert.ok(!JSON.stringify(page).includes('residente@example.org'), 'no contact details');
      assert.ok(!JSON.stringify(page).includes('Texte libre'), 'no free text');
      // Only a coordinator (or admin) may share; agents and observers may not.
      const agent = await signedIn(s.url, 'agent@amiens.test');
      assert.equal(
        (await agent.request(`/v1/admin/concerns/${dumping}/share`, jsonInit('POST', { shareable: true })))
          .status,
        403,
      );
      const coord = await signedIn(s.url, 'coord@amiens.test');
      const shared = await coord.request(
        `/v1/admin/concerns/${noise}/share`,
        jsonInit('POST', { shareable: true }),
      );
      assert.equal(shared.status, 200, shared.text);
      assert.equal((shared.json as AdminConcern).shareable, true);
      const one = (await observer.request(`/v1/admin/oversight/concerns/${noise}`)).json as OversightConcern;
      assert.equal(one.description, 'Texte libre qui peut nommer des voisins.');
      assert.equal(one.address, '12 rue des Tests, Amiens');
      assert.ok(!JSON.stringify(one).includes('residente@example.org'), 'still no contact details');
      const audit = await s.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE target = $1 AND action = 'concern.share'`,
        [`concern:${noise}`],
      );
      assert.equal(audit.length, 1);
    });

    test('idle and absolute time-outs end a session', async () => {
      const b = await signedIn(s.url, 'coord@amiens.test');
      clock.advance(29 * 60_000);
      assert.equal((await b.request('/v1/staff/session')).status, 200, 'within the idle time-out');
      clock.advance(29 * 60_000);
      assert.equal((await b.request('/v1/staff/session')).status, 200, 'the last request moved it on');
      clock.advance(31 * 60_000);
      assert.equal((await b.request('/v1/admin/concerns')).status, 401, 'idle for 31 min');
      const c = await signedIn(s.url, 'coord@amiens.test');
      for (let i = 0; i < 12 * 4; i++) {
        clock.advance(15 * 60_000);
        const r = await c.request('/v1/staff/session');
        if (r.status !== 200) {
          assert.equal(r.status, 401);
          assert.ok(i >= 12 * 4 - 1, `ended after ${(i + 1) * 15} min`);
          return;
        }
      }
      assert.equal((await c.request('/v1/staff/session')).status, 401, 'ended after 12 h');
    });

    test('sign-out: needs the CSRF token, ends the session, clears the cookie; audited', async () => {
      const b = await signedIn(s.url, 'coord@amiens.test');
      const cookie = b.cookie ?? '';
      const refused = await b.request('/v1/staff/session', { method: 'DELETE', csrf: false });
      assert.equal(refused.status, 403);
      const out = await b.request('/v1/staff/session', { method: 'DELETE' });
      assert.equal(out.status, 204);
      assert.match(out.headers.getSetCookie().join(), /proximite_session=; .*Max-Age=0/);
      assert.equal((await call(s.url, '/v1/staff/session', { headers: { Cookie: cookie } })).status, 401);
      const audit = await s.db.query(`SELECT 1 FROM audit_log WHERE action = 'staff.sign-out'`);
      assert.ok(audit.length >= 1);
      // Signing out without a session is harmless.
      assert.equal((await call(s.url, '/v1/staff/session', { method: 'DELETE' })).status, 204);
    });

    test('invite, change role and services, disable: audited; a disabled account loses its session at once', async () => {
      const admin = await signedIn(s.url, 'admin@amiens.test');
      const invited = await admin.request(
        '/v1/admin/staff',
        jsonInit('POST', {
          email: 'Nouvel.Agent@amiens.test',
          displayName: 'Nouvel Agent',
          role: 'agent',
          services: ['voirie'],
        }),
      );
      assert.equal(invited.status, 201, invited.text);
      const inv = invited.json as StaffInvitation;
      assert.equal(inv.staff.status, 'invited');
      assert.equal(inv.staff.email, 'nouvel.agent@amiens.test');
      assert.equal(inv.link.delivered, false);
      assert.match(inv.link.url ?? '', /\/staff\/#proximite-link=[\w-]{43}$/);
      const dup = await admin.request(
        '/v1/admin/staff',
        jsonInit('POST', { email: 'nouvel.agent@amiens.test', displayName: 'X', role: 'agent' }),
      );
      assert.equal(dup.status, 409);
      const badService = await admin.request(
        '/v1/admin/staff',
        jsonInit('POST', { email: 'x@amiens.test', displayName: 'X', role: 'agent', services: ['nope'] }),
      );
      assert.equal(badService.status, 422);

      const agent = await signedIn(s.url, 'agent@amiens.test');
      const me = ((await agent.request('/v1/staff/session')).json as StaffSession).staff;
      const promoted = await admin.request(
        `/v1/admin/staff/${me.id}`,
        jsonInit('PATCH', { role: 'coordinator', services: [] }),
      );
      assert.equal(promoted.status, 200, promoted.text);
      assert.equal((promoted.json as StaffMember).role, 'coordinator');
      // The new role applies to the open session at once.
      assert.equal((await agent.request(`/v1/admin/concerns/${noise}`)).status, 200);
      const disabled = await admin.request(
        `/v1/admin/staff/${me.id}`,
        jsonInit('PATCH', { status: 'disabled' }),
      );
      assert.equal((disabled.json as StaffMember).status, 'disabled');
      assert.equal((await agent.request('/v1/staff/session')).status, 401);
      assert.equal((await browser(s.url).signIn('agent@amiens.test', PASSWORD)).status, 401);
      const audit = await s.db.query<{ action: string; detail: Record<string, unknown> }>(
        `SELECT action, detail FROM audit_log WHERE target = $1 ORDER BY seq`,
        [`staff:${me.id}`],
      );
      const actions = audit.map((a) => a.action);
      assert.ok(actions.includes('staff.role'));
      assert.ok(actions.includes('staff.disable'));
      assert.equal(audit.find((a) => a.action === 'staff.role')?.detail.role, 'agent->coordinator');
      // Re-enabled, the old session stays ended; a new sign-in works and keeps the role.
      await admin.request(
        `/v1/admin/staff/${me.id}`,
        jsonInit('PATCH', { status: 'active', role: 'agent', services: ['proprete-urbaine'] }),
      );
      assert.equal((await agent.request('/v1/staff/session')).status, 401);
      await signedIn(s.url, 'agent@amiens.test');
    });

    test('the last active admin can be neither disabled nor demoted', async () => {
      const admin = await signedIn(s.url, 'admin@amiens.test');
      const me = ((await admin.request('/v1/staff/session')).json as StaffSession).staff;
      assert.equal(
        (await admin.request(`/v1/admin/staff/${me.id}`, jsonInit('PATCH', { status: 'disabled' }))).status,
        409,
      );
      assert.equal(
        (await admin.request(`/v1/admin/staff/${me.id}`, jsonInit('PATCH', { role: 'agent' }))).status,
        409,
      );
      assert.equal((await admin.request('/v1/staff/session')).status, 200);
    });

    test('lock-out: after 5 failures the account answers 429 with Retry-After, even to the right password', async () => {
      await seedStaff(s.db, clock(), [
        { email: 'locked@amiens.test', displayName: 'L', role: 'observer', password: PASSWORD },
      ]);
      for (let i = 0; i < 5; i++)
        assert.equal((await browser(s.url).signIn('locked@amiens.test', `wrong ${i}`)).status, 401);
      const locked = await browser(s.url).signIn('locked@amiens.test', PASSWORD);
      assert.equal(locked.status, 429);
      assert.ok(Number(locked.headers.get('retry-after')) > 0);
      // Unknown e-mails lock the same way (no difference to learn from).
      for (let i = 0; i < 5; i++) await browser(s.url).signIn('ghost@amiens.test', `wrong ${i}`);
      assert.equal((await browser(s.url).signIn('ghost@amiens.test', 'again')).status, 429);
      // Another account from the same client still signs in; after the window the lock lifts.
      await signedIn(s.url, 'observer@amiens.test');
      clock.advance(15 * 60_000);
      await signedIn(s.url, 'locked@amiens.test');
    });

    test('purge deletes sessions and links ended more than 30 days ago, keeps the others', async () => {
      const live = await signedIn(s.url, 'observer@amiens.test');
      const count = async () =>
        (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_sessions'))[0]?.n ?? 0;
      const ended = await signedIn(s.url, 'coord@amiens.test');
      await ended.request('/v1/staff/session', { method: 'DELETE' });
      assert.ok((await count()) >= 2);
      clock.advance(31 * 86_400_000);
      const fresh = await signedIn(s.url, 'observer@amiens.test');
      await purgeRetention(s, clock(), CLI_ACTOR, {
        contactAfterClose: 90,
        contactMax: 365,
        closed: 365,
        idempotencyHours: 48,
      });
      assert.equal(await count(), 1, 'only the session opened after the others ended');
      assert.equal((await fresh.request('/v1/staff/session')).status, 200);
      assert.equal((await live.request('/v1/staff/session')).status, 401);
    });
  });
}

describe('staff session cookie behind HTTPS', () => {
  test('__Host- prefix and Secure when the public URL is https', async () => {
    const [target] = targets();
    const s = await startTestServer(target ?? { name: 'pglite' }, {
      config: { publicUrl: 'https://proximite.amiens.test', requireSecondFactor: false },
    });
    try {
      await seedStaff(s.db, new Date(), [ACCOUNTS[1]]);
      const res = await call(
        s.url,
        '/v1/staff/session',
        jsonInit('POST', { email: 'coord@amiens.test', password: PASSWORD }),
      );
      assert.equal(res.status, 200, res.text);
      const set = res.headers.getSetCookie().join();
      assert.match(
        set,
        /^__Host-proximite_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=\d+$/,
      );
      const cookie = set.split(';')[0] ?? '';
      assert.equal((await call(s.url, '/v1/staff/session', { headers: { Cookie: cookie } })).status, 200);
      // The unprefixed name is not read over HTTPS.
      const plain = cookie.replace('__Host-', '');
      assert.equal((await call(s.url, '/v1/staff/session', { headers: { Cookie: plain } })).status, 401);
    } finally {
      await s.close();
    }
  });
});
