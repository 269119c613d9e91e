/**
 * Staff accounts with known passwords (and, optionally, a known TOTP secret): for the demo and for
 * tests. Never use it for real accounts: those are invited (`proximite staff create`, the admin API).
 */
import type { StaffMember, StaffRole } from '@proximite/contract';
import type { Database } from './db/database.js';
import { hashPassword } from './auth/password.js';
import { audited } from './services/audited.js';
import { getStaffByEmail, insertStaff } from './store/staff.js';

export interface StaffSeed {
  email: string;
  displayName: string;
  role: StaffRole;
  services?: readonly string[];
  password: string;
  /** A base32 TOTP secret, enrolled at once. */
  totpSecret?: string;
}

/**
 * Creates the accounts that do not exist yet (matched by e-mail); returns every seeded account.
 * Audited as `system:seed`.
 */
export async function seedStaff(
  db: Database,
  now: Date,
  seeds: readonly StaffSeed[],
): Promise<StaffMember[]> {
  const hashes = await Promise.all(seeds.map((s) => hashPassword(s.password)));
  return audited({ db }, now, { kind: 'system', name: 'seed' }, async (u) => {
    const out: StaffMember[] = [];
    for (const [i, seed] of seeds.entries()) {
      const existing = await getStaffByEmail(u.tx, seed.email);
      if (existing !== undefined) {
        out.push(existing.member);
        continue;
      }
      const created = await insertStaff(u.tx, now, {
        email: seed.email,
        displayName: seed.displayName,
        role: seed.role,
        services: seed.services ?? [],
        passwordHash: hashes[i],
      });
      if (created === undefined) throw new Error(`could not create ${seed.email}`);
      if (seed.totpSecret !== undefined) {
        await u.tx.query('UPDATE staff SET totp_secret = $2, totp_enabled_at = $3 WHERE id = $1', [
          created.member.id,
          seed.totpSecret,
          now.toISOString(),
        ]);
      }
      await u.audit({
        action: 'staff.create',
        target: `staff:${created.member.id}`,
        detail: { role: seed.role, services: seed.services ?? [] },
      });
      out.push({ ...created.member, totpEnabled: seed.totpSecret !== undefined });
    }
    return out;
  });
}
