/**
 * The demo's staff accounts (`--seed`, README « The staff console »): one per role, each able to
 * sign in with the documented password (and, for admin and coordinator, the documented TOTP
 * secret's code); created only together with the demo data in an empty database, never added to a
 * database that already holds data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StaffSession } from '@proximite/contract';
import { totpCode } from '../src/auth/totp.js';
import { seedDemo } from '../src/seed.js';
import {
  DEMO_STAFF,
  DEMO_STAFF_PASSWORD,
  DEMO_TOTP_SECRET,
  seedDemoWithStaff,
} from '../src/seed-demo-staff.js';
import { listStaff } from '../src/store/staff.js';
import { totpCode as scriptCode } from '../../../scripts/demo-code.mjs';
import { fakeClock, openTestDb, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';
import { signedIn } from './staff-helpers.js';
import { testConfig } from '../src/config.js';

const STEP = 30_000;

for (const target of targets()) {
  describe(`demo staff accounts (${target.name})`, () => {
    let s: TestServer;
    const clock = fakeClock(new Date(Math.floor(Date.now() / STEP) * STEP + 5_000));

    before(async () => {
      s = await startTestServer(target, { clock });
      assert.equal(await seedDemoWithStaff(s.db, clock()), true);
    });
    after(() => s.close());

    test('one account per role, each signs in as the README says', async () => {
      const members = await listStaff(s.db);
      assert.deepEqual(
        members.map((m) => [m.email, m.role]).sort(),
        DEMO_STAFF.map((d) => [d.email, d.role]).sort(),
      );
      for (const seed of DEMO_STAFF) {
        const otp = seed.totpSecret !== undefined ? totpCode(DEMO_TOTP_SECRET, clock()) : undefined;
        const b = await signedIn(s.url, seed.email, DEMO_STAFF_PASSWORD, otp);
        const me = (await b.request('/v1/staff/session')).json as StaffSession;
        assert.equal(me.staff.role, seed.role);
        assert.notEqual(me.secondFactor, 'enrolment-required', seed.email);
      }
    });

    test('`npm run demo:code` gives the code the server accepts', () => {
      const at = clock();
      assert.equal(scriptCode(DEMO_TOTP_SECRET, at.getTime()), totpCode(DEMO_TOTP_SECRET, at));
    });

    test('seeding again adds nothing', async () => {
      assert.equal(await seedDemoWithStaff(s.db, clock()), false);
      assert.equal((await listStaff(s.db)).length, DEMO_STAFF.length);
    });
  });

  test(`a database that already holds data gets no demo account (${target.name})`, async () => {
    const { db, drop } = await openTestDb(target, testConfig({}));
    try {
      await seedDemo(db, new Date());
      assert.equal(await seedDemoWithStaff(db, new Date()), false);
      assert.deepEqual(await listStaff(db), []);
    } finally {
      await drop();
    }
  });
}
