/**
 * The TOTP second factor (RFC 6238) and single-use links, over real HTTP: enrolment required for
 * admins and coordinators, codes checked and never accepted twice, the lock-out on wrong codes,
 * invitations and password resets by link, "forgot password" through the delivery seam.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  Problem,
  StaffInvitation,
  StaffLink,
  StaffLinkInfo,
  StaffMember,
  StaffSession,
  TotpEnrolment,
} from '@proximite/contract';
import { PROBLEM_TYPES } from '@proximite/contract';
import { totpCode } from '../src/auth/totp.js';
import { seedStaff } from '../src/seed-staff.js';
import type { StaffLinkSender } from '../src/services/links.js';
import { call, fakeClock, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';
import { PASSWORD, browser, signedIn } from './staff-helpers.js';

const STEP = 30_000;
const problemOf = (r: { json: unknown }) => r.json as Problem;
const tokenOf = (url: string) => url.split('#proximite-link=')[1] ?? '';

for (const target of targets()) {
  describe(`second factor and links (${target.name})`, () => {
    let s: TestServer;
    // Mid-step, so a code made "now" is valid for the whole test step.
    const clock = fakeClock(new Date(Math.floor(Date.now() / STEP) * STEP + 5_000));
    const sent: { to: string; url: string; kind: string }[] = [];
    const sender: StaffLinkSender = async (to, link) => {
      sent.push({ to: to.email, url: link.url, kind: link.kind });
      return true;
    };

    before(async () => {
      s = await startTestServer(target, { clock, deps: { sendStaffLink: sender } });
      await seedStaff(s.db, clock(), [
        { email: 'admin@2fa.test', displayName: 'Admin', role: 'admin', password: PASSWORD },
        { email: 'agent@2fa.test', displayName: 'Agent', role: 'agent', password: PASSWORD },
      ]);
    });
    after(() => s.close());

    test('an admin without a second factor must set one up before anything else', async () => {
      const b = await signedIn(s.url, 'admin@2fa.test');
      const me = (await b.request('/v1/staff/session')).json as StaffSession;
      assert.equal(me.secondFactor, 'enrolment-required');
      const refused = await b.request('/v1/admin/audit');
      assert.equal(refused.status, 403);
      assert.equal(problemOf(refused).type, PROBLEM_TYPES.secondFactorRequired);

      const start = await b.request('/v1/staff/totp', { method: 'POST' });
      assert.equal(start.status, 200, start.text);
      const enrolment = start.json as TotpEnrolment;
      assert.match(enrolment.secret, /^[A-Z2-7]{32}$/);
      assert.match(enrolment.otpauthUri, /^otpauth:\/\/totp\/Proximit%C3%A9:admin%402fa\.test\?/);
      assert.match(enrolment.otpauthUri, /secret=[A-Z2-7]{32}/);
      assert.match(enrolment.qrCodeDataUrl, /^data:image\/svg\+xml/);
      // The secret is not enabled until a code confirms it.
      const wrong = await b.request('/v1/staff/totp/confirm', jsonInit('POST', { otp: '000000' }));
      assert.equal(wrong.status, 422);
      const ok = await b.request(
        '/v1/staff/totp/confirm',
        jsonInit('POST', { otp: totpCode(enrolment.secret, clock()) }),
      );
      assert.equal(ok.status, 200, ok.text);
      assert.equal((ok.json as StaffSession).secondFactor, 'passed');
      assert.equal((ok.json as StaffSession).staff.totpEnabled, true);
      assert.equal((await b.request('/v1/admin/audit')).status, 200);
      assert.equal((await b.request('/v1/staff/totp', { method: 'POST' })).status, 409, 'no second set-up');

      // Next sign-in: the password alone is not enough.
      const next = browser(s.url);
      const noCode = await next.signIn('admin@2fa.test', PASSWORD);
      assert.equal(noCode.status, 401);
      assert.equal(problemOf(noCode).type, PROBLEM_TYPES.otpRequired);
      assert.equal(next.cookie, undefined);
      // The code already used to confirm is refused (same step), the next step's works once.
      const replay = await next.signIn('admin@2fa.test', PASSWORD, totpCode(enrolment.secret, clock()));
      assert.equal(replay.status, 401);
      clock.advance(STEP);
      const code = totpCode(enrolment.secret, clock());
      const good = await next.signIn('admin@2fa.test', PASSWORD, code);
      assert.equal(good.status, 200, good.text);
      assert.equal((good.json as StaffSession).secondFactor, 'passed');
      assert.equal(
        (await browser(s.url).signIn('admin@2fa.test', PASSWORD, code)).status,
        401,
        'never twice',
      );
      // A wrong password with a right code is the same 401 as an unknown account.
      clock.advance(STEP);
      const badPassword = await browser(s.url).signIn(
        'admin@2fa.test',
        'wrong wrong wrong',
        totpCode(enrolment.secret, clock()),
      );
      assert.equal(problemOf(badPassword).type, PROBLEM_TYPES.unauthorized);

      const audit = await s.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE action = 'staff.totp-enrol'`,
      );
      assert.equal(audit.length, 1);
    });

    test('wrong codes lock the account out (429 with Retry-After)', async () => {
      await seedStaff(s.db, clock(), [
        {
          email: 'coord@2fa.test',
          displayName: 'C',
          role: 'coordinator',
          password: PASSWORD,
          totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        },
      ]);
      for (let i = 0; i < 5; i++) {
        const r = await browser(s.url).signIn('coord@2fa.test', PASSWORD, String(100000 + i));
        assert.equal(r.status, 401);
      }
      const locked = await browser(s.url).signIn(
        'coord@2fa.test',
        PASSWORD,
        totpCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', clock()),
      );
      assert.equal(locked.status, 429);
      assert.ok(Number(locked.headers.get('retry-after')) > 0);
    });

    test('an admin resets a lost second factor: the account enrols again; its sessions end', async () => {
      await seedStaff(s.db, clock(), [
        {
          email: 'lost@2fa.test',
          displayName: 'Lost',
          role: 'coordinator',
          password: PASSWORD,
          totpSecret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
        },
      ]);
      clock.advance(STEP);
      const lost = await signedIn(
        s.url,
        'lost@2fa.test',
        PASSWORD,
        totpCode('KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU', clock()),
      );
      const id = ((await lost.request('/v1/staff/session')).json as StaffSession).staff.id;
      clock.advance(STEP);
      const admin = await signedIn(s.url, 'admin@2fa.test', PASSWORD, await adminCode());
      const reset = await admin.request(`/v1/admin/staff/${id}/totp-reset`, { method: 'POST' });
      assert.equal(reset.status, 200, reset.text);
      assert.equal((reset.json as StaffMember).totpEnabled, false);
      assert.equal((await lost.request('/v1/staff/session')).status, 401);
      const again = await signedIn(s.url, 'lost@2fa.test');
      assert.equal(
        ((await again.request('/v1/staff/session')).json as StaffSession).secondFactor,
        'enrolment-required',
      );
    });

    async function adminCode(): Promise<string> {
      const rows = await s.db.query<{ totp_secret: string }>(
        `SELECT totp_secret FROM staff WHERE email = 'admin@2fa.test'`,
      );
      return totpCode(rows[0]?.totp_secret ?? '', clock());
    }

    test('invitation link: inspect, choose a password (12+), single use; then sign in', async () => {
      clock.advance(STEP);
      const admin = await signedIn(s.url, 'admin@2fa.test', PASSWORD, await adminCode());
      sent.length = 0;
      const invited = await admin.request(
        '/v1/admin/staff',
        jsonInit('POST', { email: 'new@2fa.test', displayName: 'Nouvelle', role: 'observer' }),
      );
      assert.equal(invited.status, 201, invited.text);
      const inv = invited.json as StaffInvitation;
      assert.equal(inv.link.delivered, true, 'the sender delivered it');
      assert.equal(inv.link.url, undefined, 'a delivered link is not shown');
      assert.equal(sent.length, 1);
      const token = tokenOf(sent[0]?.url ?? '');
      const info = await call(s.url, '/v1/staff/links/inspect', jsonInit('POST', { token }));
      assert.equal(info.status, 200, info.text);
      assert.deepEqual(
        { ...(info.json as StaffLinkInfo), expiresAt: undefined },
        {
          kind: 'invitation',
          email: 'new@2fa.test',
          displayName: 'Nouvelle',
          role: 'observer',
          totpEnabled: false,
          expiresAt: undefined,
        },
      );
      const short = await call(
        s.url,
        '/v1/staff/links/redeem',
        jsonInit('POST', { token, password: 'short' }),
      );
      assert.equal(short.status, 422);
      const redeemed = await call(
        s.url,
        '/v1/staff/links/redeem',
        jsonInit('POST', { token, password: 'a brand new password' }),
      );
      assert.equal(redeemed.status, 204, redeemed.text);
      const twice = await call(
        s.url,
        '/v1/staff/links/redeem',
        jsonInit('POST', { token, password: 'another new password' }),
      );
      assert.equal(twice.status, 404);
      assert.equal((await call(s.url, '/v1/staff/links/inspect', jsonInit('POST', { token }))).status, 404);
      const b = await signedIn(s.url, 'new@2fa.test', 'a brand new password');
      assert.equal(((await b.request('/v1/staff/session')).json as StaffSession).staff.status, 'active');
    });

    test('reset link: the old password works until the link is used; then every session ends', async () => {
      const agent = await signedIn(s.url, 'agent@2fa.test');
      const id = ((await agent.request('/v1/staff/session')).json as StaffSession).staff.id;
      clock.advance(STEP);
      const admin = await signedIn(s.url, 'admin@2fa.test', PASSWORD, await adminCode());
      const made = await admin.request(`/v1/admin/staff/${id}/password-reset`, { method: 'POST' });
      assert.equal(made.status, 200, made.text);
      assert.equal((made.json as StaffLink).kind, 'password-reset');
      const token = tokenOf(sent.at(-1)?.url ?? '');
      await signedIn(s.url, 'agent@2fa.test');
      // It expires (60 min by default).
      clock.advance(61 * 60_000);
      assert.equal((await call(s.url, '/v1/staff/links/inspect', jsonInit('POST', { token }))).status, 404);
      clock.advance(STEP);
      const admin2 = await signedIn(s.url, 'admin@2fa.test', PASSWORD, await adminCode());
      await admin2.request(`/v1/admin/staff/${id}/password-reset`, { method: 'POST' });
      const fresh = tokenOf(sent.at(-1)?.url ?? '');
      const agent2 = await signedIn(s.url, 'agent@2fa.test');
      assert.equal(
        (
          await call(
            s.url,
            '/v1/staff/links/redeem',
            jsonInit('POST', { token: fresh, password: 'the agent’s new password' }),
          )
        ).status,
        204,
      );
      assert.equal((await agent2.request('/v1/staff/session')).status, 401, 'sessions ended');
      assert.equal(
        (await browser(s.url).signIn('agent@2fa.test', PASSWORD)).status,
        401,
        'old password gone',
      );
      await signedIn(s.url, 'agent@2fa.test', 'the agent’s new password');
    });

    test('"forgot password": 202 for any e-mail; a link only for a real account', async () => {
      sent.length = 0;
      for (const email of ['agent@2fa.test', 'nobody@2fa.test']) {
        const r = await call(s.url, '/v1/staff/password-reset', jsonInit('POST', { email }));
        assert.equal(r.status, 202);
      }
      for (let i = 0; i < 50 && sent.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(
        sent.map((x) => [x.to, x.kind]),
        [['agent@2fa.test', 'password-reset']],
      );
    });

    test('change one’s own password: the current one is checked; the other sessions end', async () => {
      const a = await signedIn(s.url, 'agent@2fa.test', 'the agent’s new password');
      const other = await signedIn(s.url, 'agent@2fa.test', 'the agent’s new password');
      const wrong = await a.request(
        '/v1/staff/password',
        jsonInit('POST', { currentPassword: 'nope', newPassword: 'yet another password' }),
      );
      assert.equal(wrong.status, 422);
      const ok = await a.request(
        '/v1/staff/password',
        jsonInit('POST', {
          currentPassword: 'the agent’s new password',
          newPassword: 'yet another password',
        }),
      );
      assert.equal(ok.status, 204, ok.text);
      assert.equal((await a.request('/v1/staff/session')).status, 200, 'this session goes on');
      assert.equal((await other.request('/v1/staff/session')).status, 401, 'the other ended');
    });
  });
}
