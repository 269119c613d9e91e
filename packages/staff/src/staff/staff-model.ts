/**
 * The staff accounts section's pure logic: the invite and edit forms, their checks and bodies
 * (an update sends only what changed), and which actions an account offers. No DOM.
 */
import {
  STAFF_ROLES,
  type StaffInviteInput,
  type StaffMember,
  type StaffUpdateInput,
} from '@proximite/contract';

export { STAFF_ROLES };

export interface AccountForm {
  email: string;
  displayName: string;
  role: string;
  services: string[];
}

export const EMPTY_FORM: AccountForm = { email: '', displayName: '', role: 'agent', services: [] };

export function formOf(m: StaffMember): AccountForm {
  return { email: m.email, displayName: m.displayName, role: m.role, services: [...m.services] };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong, by field id (`invite-email`, `invite-name` or `edit-name`). */
export function checkForm(f: AccountForm, prefix: 'invite' | 'edit'): Record<string, string> {
  const e: Record<string, string> = {};
  if (prefix === 'invite' && (!EMAIL.test(f.email.trim()) || f.email.length > 254))
    e['invite-email'] = 'email';
  if (!f.displayName.trim() || f.displayName.length > 100) e[`${prefix}-name`] = 'name';
  if (!(STAFF_ROLES as readonly string[]).includes(f.role)) e[`${prefix}-role`] = 'role';
  return e;
}

export function inviteInputOf(f: AccountForm): StaffInviteInput {
  return {
    email: f.email.trim(),
    displayName: f.displayName.trim(),
    role: f.role as StaffInviteInput['role'],
    ...(f.services.length ? { services: [...f.services] } : {}),
  };
}

/** The changes of an edit (undefined: nothing changed). */
export function updateInputOf(before: StaffMember, f: AccountForm): StaffUpdateInput | undefined {
  const out: StaffUpdateInput = {};
  if (f.displayName.trim() !== before.displayName) out.displayName = f.displayName.trim();
  if (f.role !== before.role) out.role = f.role as StaffUpdateInput['role'];
  const same =
    f.services.length === before.services.length && f.services.every((s) => before.services.includes(s));
  if (!same) out.services = [...f.services];
  return Object.keys(out).length ? out : undefined;
}

/** The actions an account offers to an admin (never on their own account). */
export function actionsOf(m: StaffMember, me: string | undefined): string[] {
  if (m.id === me) return ['edit'];
  const out = ['edit', 'reset-password'];
  if (m.totpEnabled) out.push('reset-totp');
  out.push(m.status === 'disabled' ? 'enable' : 'disable');
  return out;
}

/** The list with `changed` in place of the account of the same id (or first when new). */
export function upsert(list: readonly StaffMember[], changed: StaffMember): StaffMember[] {
  return list.some((m) => m.id === changed.id)
    ? list.map((m) => (m.id === changed.id ? changed : m))
    : [changed, ...list];
}
