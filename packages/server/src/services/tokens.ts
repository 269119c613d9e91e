/** Admin tokens and Open311 keys: created and revoked with their audit entries. */
import type { AdminToken, AdminTokenScope } from '@proximite/contract';
import {
  createAdminToken,
  createOpen311Key as storeOpen311Key,
  revokeAdminToken,
  revokeOpen311Key as storeRevokeOpen311Key,
} from '../store/tokens.js';
import type { Actor } from './actor.js';
import { audited } from './audited.js';
import type { ServiceContext } from './audited.js';

export async function createToken(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  input: { name: string; scopes: readonly AdminTokenScope[]; expiresAt?: string | undefined },
): Promise<AdminToken & { token: string }> {
  return audited(ctx, now, actor, async (u) => {
    const t = await createAdminToken(u.tx, now, input);
    await u.audit({
      action: 'token.create',
      target: `token:${t.id}`,
      detail: { name: t.name, scopes: t.scopes },
    });
    return t;
  });
}

/** Revokes a token; `false` when there is no such token. */
export async function revokeToken(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  id: string,
): Promise<boolean> {
  return audited(ctx, now, actor, async (u) => {
    if (!(await revokeAdminToken(u.tx, now, id))) return false;
    await u.audit({ action: 'token.revoke', target: `token:${id}` });
    return true;
  });
}

export async function createOpen311Key(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  name: string,
): Promise<{ id: string; key: string }> {
  return audited(ctx, now, actor, async (u) => {
    const k = await storeOpen311Key(u.tx, now, name);
    await u.audit({ action: 'open311-key.create', target: `open311-key:${k.id}` });
    return k;
  });
}

/** Revokes an Open311 key; `false` when there is no such key. */
export async function revokeOpen311Key(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  id: string,
): Promise<boolean> {
  return audited(ctx, now, actor, async (u) => {
    if (!(await storeRevokeOpen311Key(u.tx, now, id))) return false;
    await u.audit({ action: 'open311-key.revoke', target: `open311-key:${id}` });
    return true;
  });
}
