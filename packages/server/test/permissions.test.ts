/**
 * The permission matrix: every `/v1/admin` operation of the contract (read from its operation
 * table, so a new operation is covered without touching this file) × every kind of caller:
 * no credentials, a bad or malformed cookie, an expired, idle, revoked or disabled-account
 * session, a session write without its CSRF token, without or with a wrong Origin, a session
 * still owing its second factor, each role, and tokens with, without, expired and revoked.
 * Zero unauthorised successes, every refusal problem+json (checked by `call`), and every
 * authorised caller gets past authorisation (the matrix cannot pass by refusing everyone).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN_SCOPES, STAFF_ROLES, operations, roleAllows } from '@proximite/contract';
import type { AdminTokenScope, Operation, StaffRole } from '@proximite/contract';
import { seedStaff } from '../src/seed-staff.js';
import { insertSession } from '../src/store/sessions.js';
import type { SecondFactorState } from '../src/store/sessions.js';
import { createAdminToken } from '../src/store/tokens.js';
import { randomSecret, sha256Hex } from '../src/util.js';
import { csrfToken } from '../src/http/session.js';
import { call, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';
import { PASSWORD } from './staff-helpers.js';

const ADMIN_OPS = (operations as readonly Operation[]).filter((op) => op.path.startsWith('/v1/admin/'));

/** A concrete path: every `{param}` filled with a well-formed value. */
function concrete(op: Operation): string {
  return op.path.replace('{reference}', 'PRX-AAAA-BBBB').replace(/\{[^}]+\}/g, 'matrix-id');
}

const isWrite = (op: Operation) => op.method !== 'get';

interface Caller {
  name: string;
  /** Whether this caller may run `op` (authorisation only; the answer may still be 404 or 422). */
  allowed(op: Operation): boolean;
  /** Only for writes (a read-only variant makes no sense). */
  writesOnly?: boolean;
  headers(op: Operation): Record<string, string>;
}

for (const target of targets()) {
  describe(`permission matrix: every /v1/admin operation × every caller (${target.name})`, () => {
    let s: TestServer;
    const callers: Caller[] = [];
    const staffIds: Record<string, string> = {};
    const now = new Date();

    async function session(
      role: StaffRole,
      secondFactor: SecondFactorState = 'not-required',
      maxAgeMs = 3_600_000,
    ): Promise<string> {
      const { secret } = await insertSession(s.db, now, {
        staffId: staffIds[role] ?? '',
        method: 'password',
        secondFactor,
        maxAgeMs,
      });
      return secret;
    }
    const cookie = (secret: string) => ({ Cookie: `proximite_session=${secret}` });
    const browserWrite = (secret: string, op: Operation): Record<string, string> =>
      isWrite(op) ? { Origin: s.url, 'X-CSRF-Token': csrfToken(secret) } : {};

    before(async () => {
      s = await startTestServer(target, { config: { requireSecondFactor: true } });
      const members = await seedStaff(
        s.db,
        now,
        STAFF_ROLES.map((role) => ({
          email: `${role}@matrix.test`,
          displayName: role,
          role,
          services: role === 'agent' ? ['voirie'] : [],
          password: PASSWORD,
        })),
      );
      for (const m of members) staffIds[m.role] = m.id;
      await seedStaff(s.db, now, [
        { email: 'disabled@matrix.test', displayName: 'disabled', role: 'admin', password: PASSWORD },
      ]);
      const disabledId =
        (await s.db.query<{ id: string }>(`SELECT id FROM staff WHERE email = 'disabled@matrix.test'`))[0]
          ?.id ?? '';

      const never = () => false;
      callers.push({ name: 'no credentials', allowed: never, headers: () => ({}) });
      callers.push({
        name: 'a cookie no session has',
        allowed: never,
        headers: () => cookie(randomSecret(32)),
      });
      callers.push({
        name: 'a malformed cookie',
        allowed: never,
        headers: () => ({ Cookie: 'proximite_session=<script>' }),
      });
      callers.push({
        name: 'a bearer token nobody has',
        allowed: never,
        headers: () => ({ Authorization: 'Bearer prx_admin_nope' }),
      });
      callers.push({
        name: 'a Basic header',
        allowed: never,
        headers: () => ({ Authorization: 'Basic YWRtaW46YWRtaW4=' }),
      });

      const expired = await session('admin');
      await s.db.query(
        `UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE id_hash = $1`,
        [sha256Hex(expired)],
      );
      callers.push({
        name: 'an expired admin session',
        allowed: never,
        headers: (op) => ({ ...cookie(expired), ...browserWrite(expired, op) }),
      });

      const idle = await session('admin');
      await s.db.query(
        `UPDATE staff_sessions SET last_seen_at = now() - interval '2 hours' WHERE id_hash = $1`,
        [sha256Hex(idle)],
      );
      callers.push({
        name: 'an idle admin session',
        allowed: never,
        headers: (op) => ({ ...cookie(idle), ...browserWrite(idle, op) }),
      });

      const revoked = await session('admin');
      await s.db.query(`UPDATE staff_sessions SET revoked_at = now() WHERE id_hash = $1`, [
        sha256Hex(revoked),
      ]);
      callers.push({
        name: 'a revoked admin session',
        allowed: never,
        headers: (op) => ({ ...cookie(revoked), ...browserWrite(revoked, op) }),
      });

      const ofDisabled = (
        await insertSession(s.db, now, {
          staffId: disabledId,
          method: 'password',
          secondFactor: 'not-required',
          maxAgeMs: 3_600_000,
        })
      ).secret;
      await s.db.query('UPDATE staff SET disabled_at = now() WHERE id = $1', [disabledId]);
      callers.push({
        name: 'the session of a disabled admin',
        allowed: never,
        headers: (op) => ({ ...cookie(ofDisabled), ...browserWrite(ofDisabled, op) }),
      });

      const owing = await session('admin', 'enrolment-required');
      callers.push({
        name: 'an admin session owing its second factor',
        allowed: never,
        headers: (op) => ({ ...cookie(owing), ...browserWrite(owing, op) }),
      });

      const admin = await session('admin');
      callers.push({
        name: 'an admin session without CSRF token',
        allowed: never,
        writesOnly: true,
        headers: () => ({ ...cookie(admin), Origin: s.url }),
      });
      callers.push({
        name: 'an admin session with a CSRF token of another session',
        allowed: never,
        writesOnly: true,
        headers: () => ({ ...cookie(admin), Origin: s.url, 'X-CSRF-Token': csrfToken(randomSecret(32)) }),
      });
      callers.push({
        name: 'an admin session without Origin',
        allowed: never,
        writesOnly: true,
        headers: () => ({ ...cookie(admin), 'X-CSRF-Token': csrfToken(admin) }),
      });
      callers.push({
        name: 'an admin session from another origin',
        allowed: never,
        writesOnly: true,
        headers: () => ({
          ...cookie(admin),
          Origin: 'https://evil.example',
          'X-CSRF-Token': csrfToken(admin),
        }),
      });

      for (const role of STAFF_ROLES) {
        const secret = role === 'admin' ? admin : await session(role);
        callers.push({
          name: `a ${role} session`,
          allowed: (op) => roleAllows(role, op.scopes),
          headers: (op) => ({ ...cookie(secret), ...browserWrite(secret, op) }),
        });
        // A session whose second factor was passed holds the same rights.
        const passed = await session(role, 'passed');
        callers.push({
          name: `a ${role} session with its second factor passed`,
          allowed: (op) => roleAllows(role, op.scopes),
          headers: (op) => ({ ...cookie(passed), ...browserWrite(passed, op) }),
        });
      }

      const tokenFor = async (name: string, scopes: readonly AdminTokenScope[], expiresAt?: string) =>
        (await createAdminToken(s.db, now, { name, scopes, expiresAt })).token;
      const all = await tokenFor('all', ADMIN_TOKEN_SCOPES);
      callers.push({
        name: 'a token with every scope',
        allowed: () => true,
        headers: () => ({ Authorization: `Bearer ${all}` }),
      });
      // A token holding exactly one scope: allowed where the operation needs that scope alone (or none).
      for (const scope of ADMIN_TOKEN_SCOPES) {
        const one = await tokenFor(scope, [scope]);
        callers.push({
          name: `a token with only ${scope}`,
          allowed: (op) => (op.scopes ?? []).every((s) => s === scope),
          headers: () => ({ Authorization: `Bearer ${one}` }),
        });
      }
      const expiredToken = await tokenFor(
        'expired',
        ADMIN_TOKEN_SCOPES,
        new Date(now.getTime() + 60_000).toISOString(),
      );
      await s.db.query(
        `UPDATE admin_tokens SET expires_at = now() - interval '1 second' WHERE name = 'expired'`,
      );
      callers.push({
        name: 'an expired token with every scope',
        allowed: never,
        headers: () => ({ Authorization: `Bearer ${expiredToken}` }),
      });
      const revokedToken = await tokenFor('revoked', ADMIN_TOKEN_SCOPES);
      await s.db.query(`UPDATE admin_tokens SET revoked_at = now() WHERE name = 'revoked'`);
      callers.push({
        name: 'a revoked token with every scope',
        allowed: never,
        headers: () => ({ Authorization: `Bearer ${revokedToken}` }),
      });
    });
    after(() => s.close());

    test('the contract has admin operations of every kind to check', () => {
      assert.ok(ADMIN_OPS.length >= 25, `${ADMIN_OPS.length} admin operations`);
      for (const m of ['get', 'post', 'put', 'patch', 'delete'])
        assert.ok(
          ADMIN_OPS.some((o) => o.method === m),
          m,
        );
    });

    test('0 unauthorised successes; every refusal is 401/403 problem+json; authorised callers get through', async () => {
      const unauthorisedSuccesses: string[] = [];
      const wronglyRefused: string[] = [];
      let checked = 0;
      for (const op of ADMIN_OPS) {
        for (const caller of callers) {
          if (caller.writesOnly === true && !isWrite(op)) continue;
          const headers: Record<string, string> = { ...caller.headers(op) };
          const init: RequestInit = { method: op.method.toUpperCase(), headers };
          if (op.body !== undefined) {
            headers['Content-Type'] = 'application/json';
            init.body = '{}';
          }
          // `call` checks the answer against the contract: problem+json for every error.
          const res = await call(s.url, concrete(op), init);
          checked += 1;
          const where = `${op.method.toUpperCase()} ${op.path} as ${caller.name} → ${res.status}`;
          if (caller.allowed(op)) {
            if (res.status === 401 || res.status === 403) wronglyRefused.push(`${where} ${res.text}`);
          } else {
            if (res.status < 400) unauthorisedSuccesses.push(where);
            else assert.ok(res.status === 401 || res.status === 403, `${where}: expected 401 or 403`);
          }
        }
      }
      assert.deepEqual(unauthorisedSuccesses, [], 'unauthorised successes');
      assert.deepEqual(wronglyRefused, [], 'authorised callers refused');
      assert.ok(checked > 800, `${checked} requests checked`);
    });
  });
}
