/**
 * The demo's staff accounts (`npm start`, `proximite serve --seed`, `proximite seed`): one per
 * role, with a known password and — for the roles that must sign in with a second factor — a
 * known TOTP secret, so that anyone trying the demo can sign in at /staff/. They are created only
 * together with the rest of the demo data, that is only in an empty database: a server started
 * with `--seed` on a database that holds real data gets no demo account.
 *
 * DEMO ONLY. The password and the secret are public (README); never seed them on a server that
 * real people use. Real accounts are invited (`proximite staff create`, the admin API).
 */
import type { StaffMember } from '@proximite/contract';
import type { Database } from './db/database.js';
import { seedDemo } from './seed.js';
import { seedStaff, type StaffSeed } from './seed-staff.js';

/** The demo accounts' password (DEMO ONLY: public, in the README). */
export const DEMO_STAFF_PASSWORD = 'demo-proximite-amiens';

/**
 * The TOTP secret (base32, RFC 6238: SHA-1, 6 digits, 30 s) of the demo's admin and coordinator
 * (DEMO ONLY: public, in the README). Put it in an authenticator app, or print the current code
 * with `npm run demo:code`.
 */
export const DEMO_TOTP_SECRET = 'PROXIMITEDEMOAMIENSCAFEPOLICIER2';

export const DEMO_STAFF: readonly StaffSeed[] = [
  {
    email: 'admin@demo.proximite.test',
    displayName: 'Camille Admin',
    role: 'admin',
    password: DEMO_STAFF_PASSWORD,
    totpSecret: DEMO_TOTP_SECRET,
  },
  {
    email: 'coordination@demo.proximite.test',
    displayName: 'Dominique Coordination',
    role: 'coordinator',
    password: DEMO_STAFF_PASSWORD,
    totpSecret: DEMO_TOTP_SECRET,
  },
  {
    email: 'agent@demo.proximite.test',
    displayName: 'Alex Agent',
    role: 'agent',
    services: ['tranquillite-publique', 'mediation-quartiers', 'proprete-urbaine'],
    password: DEMO_STAFF_PASSWORD,
  },
  {
    email: 'observation@demo.proximite.test',
    displayName: 'Sacha Observation',
    role: 'observer',
    password: DEMO_STAFF_PASSWORD,
  },
];

/** Creates the demo accounts (audited as `system:seed`); those that exist are left alone. */
export function seedDemoStaff(db: Database, now: Date): Promise<StaffMember[]> {
  return seedStaff(db, now, DEMO_STAFF);
}

/**
 * The demo (`--seed`): its data and its staff accounts, both only in an empty database. Returns
 * whether it seeded.
 */
export async function seedDemoWithStaff(db: Database, now: Date): Promise<boolean> {
  if (!(await seedDemo(db, now))) return false;
  await seedDemoStaff(db, now);
  return true;
}
