/**
 * Signing staff in and out. Local sign-in: e-mail + password (+ a TOTP code when enrolled). The
 * answer to a wrong e-mail and to a wrong password is the same 401, and takes as long (the
 * password is hashed against a dummy when the account does not exist). Attempts are counted per
 * account and per client before the password is checked; over the limit, 429 with Retry-After.
 * Every sign-in, failure and sign-out is audited (the account's id, never a typed e-mail).
 */
import { SECOND_FACTOR_ROLES } from '@proximite/contract';
import type { StaffRole } from '@proximite/contract';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { needsRehash, hashPassword, verifyPassword } from '../auth/password.js';
import { checkTotp } from '../auth/totp.js';
import { clearAttempts, giveBackAttempt, takeAttempt } from '../store/lockout.js';
import type { LockoutRule } from '../store/lockout.js';
import { insertSession, revokeSession } from '../store/sessions.js';
import type { SecondFactorState, SessionInfo } from '../store/sessions.js';
import { getStaffByEmail, normaliseEmail, recordSignIn, setPasswordHash } from '../store/staff.js';
import type { StaffRecord } from '../store/staff.js';
import { hmacHex } from '../util.js';
import { audited } from './audited.js';
import type { ServiceContext } from './audited.js';

/** Failed attempts allowed per account, per window. */
export const ACCOUNT_LOCKOUT: LockoutRule = { limit: 5, windowMs: 15 * 60_000 };
/** Failed attempts allowed per client (IP), per window. */
export const CLIENT_LOCKOUT: LockoutRule = { limit: 20, windowMs: 15 * 60_000 };

export interface AuthContext extends ServiceContext {
  config: Config;
  /** The salt of client hashes, also used for the account lock-out buckets (no e-mail stored in clear). */
  ipSalt: () => Promise<string>;
}

export interface SignedIn {
  secret: string;
  session: SessionInfo;
  staff: StaffRecord;
}

const BAD_CREDENTIALS = 'Wrong e-mail or password.';

/** Whether `role` must pass a second factor (unless the server turned that off). */
export function secondFactorRequired(config: Config, role: string): boolean {
  return config.requireSecondFactor && (SECOND_FACTOR_ROLES as readonly string[]).includes(role);
}

/** The second-factor state of a new session for `staff`, once the password (or SSO) was accepted. */
export function initialSecondFactor(
  config: Config,
  staff: StaffRecord,
  otpPassed: boolean,
): SecondFactorState {
  if (otpPassed) return 'passed';
  return secondFactorRequired(config, staff.role) ? 'enrolment-required' : 'not-required';
}

export function sessionMaxAgeMs(config: Config): number {
  return config.sessionMaxHours * 3_600_000;
}

function locked(seconds: number): AppError {
  return new AppError(
    'rateLimited',
    `Too many failed sign-in attempts; try again in ${Math.ceil(seconds / 60)} min.`,
    {
      headers: { 'Retry-After': String(seconds) },
    },
  );
}

/** Opens a session for an account whose credentials were accepted; audits the sign-in. */
export async function openSession(
  ctx: AuthContext,
  now: Date,
  staff: StaffRecord,
  method: 'password' | 'oidc' | 'link',
  secondFactor: SecondFactorState,
  replaces?: string,
): Promise<SignedIn> {
  const actor = { kind: 'staff', id: staff.member.id, name: staff.member.displayName } as const;
  return audited(ctx, now, actor, async (u) => {
    // A new session id at every sign-in (no fixation); the session the browser had ends.
    if (replaces !== undefined) await revokeSession(u.tx, now, replaces);
    const { secret, session } = await insertSession(u.tx, now, {
      staffId: staff.member.id,
      method,
      secondFactor,
      maxAgeMs: sessionMaxAgeMs(ctx.config),
    });
    await recordSignIn(u.tx, now, staff.member.id);
    await u.audit({
      action: 'staff.sign-in',
      target: `staff:${staff.member.id}`,
      detail: { method, secondFactor },
    });
    return {
      secret,
      session,
      staff: { ...staff, member: { ...staff.member, lastSignInAt: now.toISOString() } },
    };
  });
}

/**
 * Local sign-in. `client` identifies the caller for the lock-out (a salted hash of its IP);
 * `replaces` is the id hash of the session the browser presented, ended on success.
 */
export async function signInWithPassword(
  ctx: AuthContext,
  now: Date,
  input: { email: string; password: string; otp?: string | undefined },
  client: string,
  replaces?: string,
): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  const accountBucket = `signin-account:${hmacHex(await ctx.ipSalt(), email)}`;
  const clientBucket = `signin-client:${client}`;
  const waitClient = await takeAttempt(ctx.db, now, clientBucket, CLIENT_LOCKOUT);
  const waitAccount = await takeAttempt(ctx.db, now, accountBucket, ACCOUNT_LOCKOUT);
  const staff = await getStaffByEmail(ctx.db, email);
  if (waitClient > 0 || waitAccount > 0) {
    // Audited once, when the limit is first passed (not at every refused attempt).
    throw locked(Math.max(waitClient, waitAccount));
  }
  const passwordOk = await verifyPassword(input.password, staff?.passwordHash);
  const fail = async (reason: string, error: AppError): Promise<never> => {
    await audited(ctx, now, { kind: 'system', name: 'sign-in' }, (u) =>
      u.audit({
        action: 'staff.sign-in-failed',
        target: staff === undefined ? 'staff:unknown' : `staff:${staff.member.id}`,
        detail: { reason },
      }),
    );
    throw error;
  };
  if (staff === undefined || !passwordOk || staff.disabled) {
    const reason =
      staff === undefined ? 'unknown-account' : staff.disabled && passwordOk ? 'disabled' : 'password';
    return fail(reason, new AppError('unauthorized', BAD_CREDENTIALS));
  }
  let otpPassed = false;
  if (staff.totpEnabled) {
    if (input.otp === undefined) {
      // The password was right: this attempt does not count against the account.
      await giveBackAttempt(ctx.db, now, accountBucket, ACCOUNT_LOCKOUT);
      await giveBackAttempt(ctx.db, now, clientBucket, CLIENT_LOCKOUT);
      throw new AppError('otpRequired', 'Enter the six-digit code of your authenticator app.');
    }
    const step = await checkTotp(ctx.db, now, staff, input.otp);
    if (step === undefined)
      return fail(
        'otp',
        new AppError('otpRequired', 'This code is wrong or was already used; wait for the next one.'),
      );
    otpPassed = true;
  }
  await clearAttempts(ctx.db, accountBucket);
  await giveBackAttempt(ctx.db, now, clientBucket, CLIENT_LOCKOUT);
  if (staff.passwordHash !== null && needsRehash(staff.passwordHash)) {
    const rehashed = await hashPassword(input.password);
    await setPasswordHash(ctx.db, now, staff.member.id, rehashed);
  }
  return openSession(
    ctx,
    now,
    staff,
    'password',
    initialSecondFactor(ctx.config, staff, otpPassed),
    replaces,
  );
}

/** Signs out: ends the session, audited. */
export async function signOut(
  ctx: ServiceContext,
  now: Date,
  staff: { id: string; name: string },
  sessionIdHash: string,
): Promise<void> {
  await audited(ctx, now, { kind: 'staff', id: staff.id, name: staff.name }, async (u) => {
    if (await revokeSession(u.tx, now, sessionIdHash))
      await u.audit({ action: 'staff.sign-out', target: `staff:${staff.id}` });
  });
}

export type { StaffRole };
