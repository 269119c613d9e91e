/** Staff accounts: created, invited, changed and disabled, each with its audit entry. */
import type { StaffMember, StaffRole } from '@proximite/contract';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { hashPassword } from '../auth/password.js';
import { revokeStaffSessions } from '../store/sessions.js';
import { voidLinks } from '../store/staff-links.js';
import { activeAdminIds, getStaff, getStaffByEmail, insertStaff, updateStaffRow } from '../store/staff.js';
import type { StaffChanges } from '../store/staff.js';
import { unknownServices } from '../store/services.js';
import type { Actor } from './actor.js';
import { audited } from './audited.js';
import type { ServiceContext, Unit } from './audited.js';
import { createLink, deliverLink } from './links.js';
import type { IssuedLink, StaffLinkSender } from './links.js';

export interface StaffServiceContext extends ServiceContext {
  config: Config;
  /** Delivers invitation and reset links (e-mail); absent: links are handed back to the caller. */
  sendStaffLink?: StaffLinkSender | undefined;
}

async function checkServices(u: Unit, services: readonly string[]): Promise<void> {
  const unknown = await unknownServices(u.tx, services);
  if (unknown.length > 0) {
    throw new AppError('validation', `Unknown service: ${unknown.join(', ')}.`, {
      errors: unknown.map((id) => ({ path: `services.${services.indexOf(id)}`, message: 'unknown service' })),
    });
  }
}

export interface NewAccount {
  email: string;
  displayName: string;
  role: StaffRole;
  services?: readonly string[] | undefined;
  /** With a password the account is active at once; without, an invitation link is made. */
  password?: string | undefined;
}

/**
 * Creates an account: with a password, active at once; without, invited with a single-use link
 * (delivered when a sender is configured, else returned). A taken e-mail is a 409.
 */
export async function createAccount(
  ctx: StaffServiceContext,
  now: Date,
  actor: Actor,
  input: NewAccount,
  baseUrl: string,
): Promise<{ staff: StaffMember; invitation: IssuedLink | undefined }> {
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const services = input.services ?? [];
  const created = await audited(ctx, now, actor, async (u) => {
    await checkServices(u, services);
    const record = await insertStaff(u.tx, now, {
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      services,
      passwordHash,
    });
    if (record === undefined) throw new AppError('conflict', 'An account with this e-mail exists.');
    const link =
      passwordHash === undefined
        ? await createLink(u.tx, now, ctx.config, baseUrl, record.member.id, 'invitation')
        : undefined;
    await u.audit({
      action: passwordHash === undefined ? 'staff.invite' : 'staff.create',
      target: `staff:${record.member.id}`,
      detail: { role: input.role, services },
    });
    return { record, link };
  });
  const { member } = created.record;
  const invitation =
    created.link === undefined
      ? undefined
      : await deliverLink(
          ctx.sendStaffLink,
          { email: member.email, displayName: member.displayName },
          created.link,
        );
  return { staff: member, invitation };
}

/**
 * Changes an account. Disabling signs the member out everywhere and voids their links; the last
 * active admin can neither be disabled nor lose the role (409). `undefined`: no such account.
 */
export async function updateAccount(
  ctx: StaffServiceContext,
  now: Date,
  actor: Actor,
  id: string,
  changes: StaffChanges,
): Promise<StaffMember | undefined> {
  return audited(ctx, now, actor, async (u) => {
    if (changes.services !== undefined) await checkServices(u, changes.services);
    const admins = await activeAdminIds(u.tx);
    const result = await updateStaffRow(u.tx, now, id, changes);
    if (result === undefined) return undefined;
    const { before, after } = result;
    const wasAdmin = before.role === 'admin' && !before.disabled;
    const isAdmin = after.role === 'admin' && !after.disabled;
    if (wasAdmin && !isAdmin && admins.filter((a) => a !== id).length === 0)
      throw new AppError('conflict', 'This is the last active admin: make someone else admin first.');
    const detail: Record<string, unknown> = {};
    if (before.role !== after.role) detail.role = `${before.role}->${after.role}`;
    if (before.member.services.join(',') !== after.member.services.join(','))
      detail.services = after.member.services;
    if (before.member.displayName !== after.member.displayName) detail.displayName = 'changed';
    if (before.disabled !== after.disabled) detail.status = after.disabled ? 'disabled' : 'enabled';
    if (after.disabled && !before.disabled) {
      detail.sessionsRevoked = await revokeStaffSessions(u.tx, now, id);
      await voidLinks(u.tx, now, id);
    }
    if (Object.keys(detail).length > 0) {
      const action =
        before.role !== after.role
          ? 'staff.role'
          : after.disabled && !before.disabled
            ? 'staff.disable'
            : 'staff.update';
      await u.audit({ action, target: `staff:${id}`, detail });
    }
    return after.member;
  });
}

/**
 * Removes an account's second factor (lost phone): it will have to enrol again at its next
 * sign-in; its sessions end. `undefined`: no such account.
 */
export async function resetSecondFactor(
  ctx: StaffServiceContext,
  now: Date,
  actor: Actor,
  id: string,
): Promise<StaffMember | undefined> {
  return audited(ctx, now, actor, async (u) => {
    const rows = await u.tx.query(
      `UPDATE staff SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1 RETURNING id`,
      [id],
    );
    if (rows.length === 0) return undefined;
    const revoked = await revokeStaffSessions(u.tx, now, id);
    await u.audit({ action: 'staff.reset-2fa', target: `staff:${id}`, detail: { sessionsRevoked: revoked } });
    return (await getStaff(u.tx, id))?.member;
  });
}

/**
 * Makes a single-use password-reset link for an account (delivered when a sender is configured,
 * else returned). The account keeps its password until the link is used. `undefined`: no such
 * account, or a disabled one.
 */
export async function issuePasswordReset(
  ctx: StaffServiceContext,
  now: Date,
  actor: Actor,
  id: string,
  baseUrl: string,
): Promise<{ staff: StaffMember; link: IssuedLink } | undefined> {
  const made = await audited(ctx, now, actor, async (u) => {
    const record = await getStaff(u.tx, id);
    if (record === undefined || record.disabled) return undefined;
    const kind = record.member.status === 'invited' ? 'invitation' : 'password-reset';
    const link = await createLink(u.tx, now, ctx.config, baseUrl, id, kind);
    await u.audit({
      action: kind === 'invitation' ? 'staff.invite-again' : 'staff.password-reset',
      target: `staff:${id}`,
    });
    return { record, link };
  });
  if (made === undefined) return undefined;
  const { member } = made.record;
  return {
    staff: member,
    link: await deliverLink(
      ctx.sendStaffLink,
      { email: member.email, displayName: member.displayName },
      made.link,
    ),
  };
}

/**
 * "Forgot password": when the e-mail is an active account's and links can be delivered, makes a
 * reset link and sends it. Resolves the same way in every case (nothing to learn from it).
 */
export async function requestPasswordReset(
  ctx: StaffServiceContext,
  now: Date,
  email: string,
  baseUrl: string,
): Promise<void> {
  if (ctx.sendStaffLink === undefined) return;
  const found = await getStaffByEmail(ctx.db, email);
  if (found === undefined || found.disabled || found.member.status === 'invited') return;
  await issuePasswordReset(ctx, now, { kind: 'system', name: 'password-reset' }, found.member.id, baseUrl);
}
