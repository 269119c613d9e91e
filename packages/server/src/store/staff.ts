/** Staff accounts and their services (the password hash and TOTP secret never leave this module's records). */
import type { StaffMember, StaffRole } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { isUniqueViolation } from '../errors.js';
import { newId, toIso, toIsoOrNull } from '../util.js';

/** An account as the server sees it: the API's view plus what authentication needs. */
export interface StaffRecord {
  member: StaffMember;
  role: string;
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  disabled: boolean;
}

interface StaffRow {
  id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled_at: Date | string | null;
  totp_last_step: string | number | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: Date | string;
  activated_at: Date | string | null;
  disabled_at: Date | string | null;
  last_sign_in_at: Date | string | null;
  services: string[] | null;
}

const SELECT = `SELECT s.id, s.email, s.display_name, s.role, s.password_hash, s.totp_secret, s.totp_enabled_at,
  s.totp_last_step, s.oidc_issuer, s.oidc_subject, s.created_at, s.activated_at, s.disabled_at, s.last_sign_in_at,
  (SELECT jsonb_agg(ss.service_id ORDER BY ss.service_id) FROM staff_services ss WHERE ss.staff_id = s.id) AS services
  FROM staff s`;

/** E-mail addresses are compared lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toRecord(r: StaffRow): StaffRecord {
  const disabled = r.disabled_at !== null;
  return {
    member: {
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      role: r.role,
      services: r.services ?? [],
      status: disabled ? 'disabled' : r.activated_at === null ? 'invited' : 'active',
      totpEnabled: r.totp_enabled_at !== null,
      createdAt: toIso(r.created_at),
      lastSignInAt: toIsoOrNull(r.last_sign_in_at),
    },
    role: r.role,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpEnabled: r.totp_enabled_at !== null,
    totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
    oidcIssuer: r.oidc_issuer,
    oidcSubject: r.oidc_subject,
    disabled,
  };
}

export async function getStaff(db: Queryable, id: string): Promise<StaffRecord | undefined> {
  const rows = await db.query<StaffRow>(`${SELECT} WHERE s.id = $1`, [id]);
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

export async function getStaffByEmail(db: Queryable, email: string): Promise<StaffRecord | undefined> {
  const rows = await db.query<StaffRow>(`${SELECT} WHERE s.email = $1`, [normaliseEmail(email)]);
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

export async function listStaff(db: Queryable): Promise<StaffMember[]> {
  const rows = await db.query<StaffRow>(`${SELECT} ORDER BY s.display_name, s.email`);
  return rows.map((r) => toRecord(r).member);
}

async function setServices(db: Queryable, id: string, services: readonly string[]): Promise<void> {
  await db.query('DELETE FROM staff_services WHERE staff_id = $1', [id]);
  if (services.length > 0) {
    await db.query(
      `INSERT INTO staff_services (staff_id, service_id) SELECT $1, jsonb_array_elements_text($2::jsonb)`,
      [id, JSON.stringify(services)],
    );
  }
}

export interface NewStaff {
  email: string;
  displayName: string;
  role: StaffRole;
  services: readonly string[];
  /** With a password the account is active at once; without, it is invited. */
  passwordHash?: string | undefined;
}

/** Creates an account; `undefined` when the e-mail is taken. */
export async function insertStaff(
  tx: Queryable,
  now: Date,
  input: NewStaff,
): Promise<StaffRecord | undefined> {
  const id = newId();
  try {
    await tx.query('SAVEPOINT staff_insert');
    await tx.query(
      `INSERT INTO staff (id, email, display_name, role, password_hash, created_at, activated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        normaliseEmail(input.email),
        input.displayName.trim(),
        input.role,
        input.passwordHash ?? null,
        now.toISOString(),
        input.passwordHash === undefined ? null : now.toISOString(),
      ],
    );
    await tx.query('RELEASE SAVEPOINT staff_insert');
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT staff_insert');
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
  await setServices(tx, id, input.services);
  return getStaff(tx, id);
}

export interface StaffChanges {
  displayName?: string | undefined;
  role?: StaffRole | undefined;
  services?: readonly string[] | undefined;
  disabled?: boolean | undefined;
}

/** Applies changes (locking the row); returns the record before and after, `undefined` when unknown. */
export async function updateStaffRow(
  tx: Queryable,
  now: Date,
  id: string,
  changes: StaffChanges,
): Promise<{ before: StaffRecord; after: StaffRecord } | undefined> {
  const locked = await tx.query('SELECT id FROM staff WHERE id = $1 FOR UPDATE', [id]);
  if (locked.length === 0) return undefined;
  const before = (await getStaff(tx, id)) as StaffRecord;
  await tx.query(
    `UPDATE staff SET display_name = COALESCE($2, display_name), role = COALESCE($3, role),
       disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at WHEN $4 THEN COALESCE(disabled_at, $5) ELSE NULL END
     WHERE id = $1`,
    [
      id,
      changes.displayName?.trim() ?? null,
      changes.role ?? null,
      changes.disabled ?? null,
      now.toISOString(),
    ],
  );
  if (changes.services !== undefined) await setServices(tx, id, changes.services);
  return { before, after: (await getStaff(tx, id)) as StaffRecord };
}

/** Active (not disabled) admins, locked so two concurrent changes cannot both remove the last one. */
export async function activeAdminIds(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM staff WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
  );
  return rows.map((r) => r.id);
}

/** Sets a new password; an invited account becomes active. */
export async function setPasswordHash(tx: Queryable, now: Date, id: string, hash: string): Promise<void> {
  await tx.query(
    'UPDATE staff SET password_hash = $2, activated_at = COALESCE(activated_at, $3) WHERE id = $1',
    [id, hash, now.toISOString()],
  );
}

export async function recordSignIn(tx: Queryable, now: Date, id: string): Promise<void> {
  await tx.query(
    'UPDATE staff SET last_sign_in_at = $2, activated_at = COALESCE(activated_at, $2) WHERE id = $1',
    [id, now.toISOString()],
  );
}
