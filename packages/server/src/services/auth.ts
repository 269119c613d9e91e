/**
 * Signing staff in and out. Local sign-in: e-mail + password (+ a TOTP code when enrolled). The
 * answer to a wrong e-mail and to a wrong password is the same 401, and takes as long (the
 * password is hashed against a dummy when the account does not exist). Attempts are counted per
 * account and per client before the password is checked; over the limit, 429 with Retry-After.
 * Every sign-in, failure and sign-out is audited (the account's id, never a typed e-mail).
 */
import { SECOND_FACTOR_ROLES } from '@proximite/contract';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { needsRehash, hashPassword, verifyPassword } from '../auth/password.js';
import { checkTotp, newTotpSecret, qrCodeDataUrl, totpUri } from '../auth/totp.js';
import { clearAttempts, giveBackAttempt, takeAttempt } from '../store/lockout.js';
import type { LockoutRule } from '../store/lockout.js';
import {
  insertSession,
  markSecondFactorPassed,
  revokeSession,
  revokeStaffSessions,
} from '../store/sessions.js';
import { findLink, markLinkUsed } from '../store/staff-links.js';
import type { LinkInfo } from '../store/staff-links.js';
import type { SecondFactorState, SessionInfo } from '../store/sessions.js';
import { getStaff, getStaffByEmail, normaliseEmail, recordSignIn, setPasswordHash } from '../store/staff.js';
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
  const accountKey = await accountBucket(ctx, email);
  const clientBucket = `signin-client:${client}`;
  const waitClient = await takeAttempt(ctx.db, now, clientBucket, CLIENT_LOCKOUT);
  const waitAccount = await takeAttempt(ctx.db, now, accountKey, ACCOUNT_LOCKOUT);
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
      await giveBackAttempt(ctx.db, now, accountKey, ACCOUNT_LOCKOUT);
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
  await clearAttempts(ctx.db, accountKey);
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

/** The lock-out bucket of an account (a salted hash of its e-mail). */
export async function accountBucket(ctx: AuthContext, email: string): Promise<string> {
  return `signin-account:${hmacHex(await ctx.ipSalt(), normaliseEmail(email))}`;
}

/**
 * Starts (or restarts) the enrolment of a TOTP second factor: a new secret, pending until a first
 * code confirms it. An account whose second factor is already enabled gets a 409.
 */
export async function startTotpEnrolment(
  ctx: AuthContext,
  staff: StaffRecord,
): Promise<{ secret: string; otpauthUri: string; qrCodeDataUrl: string; issuer: string; label: string }> {
  if (staff.totpEnabled)
    throw new AppError('conflict', 'A second factor is already set up; an admin can reset it (lost phone).');
  const secret = newTotpSecret();
  await ctx.db.query(
    'UPDATE staff SET totp_secret = $2, totp_last_step = NULL WHERE id = $1 AND totp_enabled_at IS NULL',
    [staff.member.id, secret],
  );
  const issuer = ctx.config.totpIssuer;
  const label = staff.member.email;
  const otpauthUri = totpUri(secret, issuer, label);
  return { secret, otpauthUri, qrCodeDataUrl: qrCodeDataUrl(otpauthUri), issuer, label };
}

/**
 * Confirms the pending second factor with a code: enabled, and the session's second factor is
 * passed. A wrong code is a 422 and counts towards the account's lock-out.
 */
export async function confirmTotpEnrolment(
  ctx: AuthContext,
  now: Date,
  staff: StaffRecord,
  sessionIdHash: string,
  otp: string,
): Promise<void> {
  if (staff.totpEnabled) throw new AppError('conflict', 'A second factor is already set up.');
  if (staff.totpSecret === null)
    throw new AppError('conflict', 'Start the set-up first (POST /v1/staff/totp).');
  const bucket = await accountBucket(ctx, staff.member.email);
  const wait = await takeAttempt(ctx.db, now, bucket, ACCOUNT_LOCKOUT);
  if (wait > 0) throw locked(wait);
  const step = await checkTotp(ctx.db, now, staff, otp);
  if (step === undefined) {
    throw new AppError(
      'validation',
      'This code is wrong: check the time of your phone and try the next code.',
      {
        errors: [{ path: 'otp', message: 'wrong code' }],
      },
    );
  }
  await clearAttempts(ctx.db, bucket);
  const actor = { kind: 'staff', id: staff.member.id, name: staff.member.displayName } as const;
  await audited(ctx, now, actor, async (u) => {
    await u.tx.query('UPDATE staff SET totp_enabled_at = $2 WHERE id = $1', [
      staff.member.id,
      now.toISOString(),
    ]);
    await markSecondFactorPassed(u.tx, sessionIdHash);
    await u.audit({ action: 'staff.totp-enrol', target: `staff:${staff.member.id}` });
  });
}

/** Changes one's own password (the current one is checked, with the lock-out); other sessions end. */
export async function changePassword(
  ctx: AuthContext,
  now: Date,
  staff: StaffRecord,
  sessionIdHash: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const bucket = await accountBucket(ctx, staff.member.email);
  const wait = await takeAttempt(ctx.db, now, bucket, ACCOUNT_LOCKOUT);
  if (wait > 0) throw locked(wait);
  if (!(await verifyPassword(input.currentPassword, staff.passwordHash))) {
    throw new AppError('validation', 'The current password is wrong.', {
      errors: [{ path: 'currentPassword', message: 'wrong password' }],
    });
  }
  await clearAttempts(ctx.db, bucket);
  const hash = await hashPassword(input.newPassword);
  const actor = { kind: 'staff', id: staff.member.id, name: staff.member.displayName } as const;
  await audited(ctx, now, actor, async (u) => {
    await setPasswordHash(u.tx, now, staff.member.id, hash);
    const ended = await revokeStaffSessions(u.tx, now, staff.member.id, sessionIdHash);
    await u.audit({
      action: 'staff.password-change',
      target: `staff:${staff.member.id}`,
      detail: { sessionsRevoked: ended },
    });
  });
}

/** Who a link belongs to (`undefined`: unknown, used, expired — or its account is disabled). */
export async function inspectLink(
  ctx: AuthContext,
  now: Date,
  token: string,
): Promise<{ link: LinkInfo; staff: StaffRecord } | undefined> {
  const link = await findLink(ctx.db, now, token);
  if (link === undefined) return undefined;
  const staff = await getStaff(ctx.db, link.staffId);
  if (staff === undefined || staff.disabled) return undefined;
  return { link, staff };
}

/**
 * Uses a link: sets the password, activates the account, ends its sessions, spends the link.
 * Does not sign in (a second factor is never skipped). `false`: unknown, used or expired link.
 */
export async function redeemLink(
  ctx: AuthContext,
  now: Date,
  token: string,
  password: string,
): Promise<boolean> {
  const hash = await hashPassword(password);
  const found = await inspectLink(ctx, now, token);
  if (found === undefined) return false;
  const { staff } = found;
  const actor = { kind: 'staff', id: staff.member.id, name: staff.member.displayName } as const;
  return audited(ctx, now, actor, async (u) => {
    const link = await findLink(u.tx, now, token, true);
    if (link === undefined) return false;
    await markLinkUsed(u.tx, now, link.tokenHash);
    await setPasswordHash(u.tx, now, link.staffId, hash);
    const ended = await revokeStaffSessions(u.tx, now, link.staffId);
    await u.audit({
      action: link.kind === 'invitation' ? 'staff.invitation-accept' : 'staff.password-reset-use',
      target: `staff:${link.staffId}`,
      detail: { sessionsRevoked: ended },
    });
    return true;
  });
}

/** Why a single sign-on was refused (the code goes back to the page). */
export class SsoRefusal extends Error {
  readonly code: 'unknown-account' | 'disabled' | 'expired' | 'provider';
  constructor(code: SsoRefusal['code']) {
    super(code);
    this.code = code;
  }
}

/**
 * Signs in the account an OpenID Connect identity belongs to: the one already bound to this
 * issuer and subject, else the one with this e-mail (bound at this first sign-in). Nobody else —
 * no self-registration; a disabled account is refused; an e-mail the provider says is not
 * verified is ignored; an account bound to another subject of the same issuer is refused.
 * Second factor: the provider's (ask for it with `acr_values`).
 */
export async function signInWithOidc(
  ctx: AuthContext,
  now: Date,
  providerId: string,
  identity: {
    issuer: string;
    subject: string;
    email: string | undefined;
    emailVerified: boolean | undefined;
  },
  replaces?: string,
): Promise<SignedIn> {
  const bound = await ctx.db.query<{ id: string }>(
    'SELECT id FROM staff WHERE oidc_issuer = $1 AND oidc_subject = $2',
    [identity.issuer, identity.subject],
  );
  let staff = bound[0] === undefined ? undefined : await getStaff(ctx.db, bound[0].id);
  if (staff === undefined && identity.email !== undefined && identity.emailVerified !== false) {
    const byEmail = await getStaffByEmail(ctx.db, identity.email);
    if (
      byEmail !== undefined &&
      !(
        byEmail.oidcIssuer === identity.issuer &&
        byEmail.oidcSubject !== null &&
        byEmail.oidcSubject !== identity.subject
      )
    )
      staff = byEmail;
  }
  const refuse = async (code: SsoRefusal['code'], target: string): Promise<never> => {
    await audited(ctx, now, { kind: 'system', name: 'sign-in' }, (u) =>
      u.audit({
        action: 'staff.sign-in-failed',
        target,
        detail: { method: 'oidc', provider: providerId, reason: code },
      }),
    );
    throw new SsoRefusal(code);
  };
  if (staff === undefined) return refuse('unknown-account', 'staff:unknown');
  if (staff.disabled) return refuse('disabled', `staff:${staff.member.id}`);
  await ctx.db.query('UPDATE staff SET oidc_issuer = $2, oidc_subject = $3 WHERE id = $1', [
    staff.member.id,
    identity.issuer,
    identity.subject,
  ]);
  return openSession(ctx, now, staff, 'oidc', 'not-required', replaces);
}
