/**
 * The invitation and password-reset link's pure logic: the password's checks, and whether the
 * account will enrol a second factor at its first sign-in. No DOM.
 */
import { SECOND_FACTOR_ROLES, type StaffLinkInfo } from '@proximite/contract';

export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 256;

/** What is wrong with the chosen password (`short`, `long`, `mismatch`), by field id. */
export function checkPasswords(
  password: string,
  confirm: string,
): Record<string, 'short' | 'long' | 'mismatch'> {
  if (password.length < MIN_PASSWORD) return { 'new-password': 'short' };
  if (password.length > MAX_PASSWORD) return { 'new-password': 'long' };
  if (confirm !== password) return { 'confirm-password': 'mismatch' };
  return {};
}

/** Whether the account sets up its authenticator app at its first sign-in (roles that need one). */
export function enrolsSecondFactor(info: Pick<StaffLinkInfo, 'role' | 'totpEnabled'>): boolean {
  return !info.totpEnabled && (SECOND_FACTOR_ROLES as readonly string[]).includes(info.role);
}
