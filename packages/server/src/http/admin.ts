/** `/v1/admin`: scoped bearer tokens; every change is appended to the hash-chained audit log. */
import {
  ActivityCountersInput,
  AdminConcernListQuery,
  AdminTokenCreateInput,
  AuditListQuery,
  CafeCancelInput,
  CafeInput,
  ConcernReference,
  ConcernTriageInput,
  IdInput,
  PriorityInput,
  RightsOverrides,
} from '@proximite/contract';
import type { AdminToken, AdminTokenScope } from '@proximite/contract';
import type { Context, Hono } from 'hono';
import { AppError } from '../errors.js';
import { appendAudit, listAudit, verifyAudit } from '../store/audit.js';
import { getAdminConcern, listAdminConcerns, triageConcern } from '../store/concerns.js';
import {
  cancelCafe,
  createCafe,
  createPriority,
  deleteCafe,
  deletePriority,
  getRightsOverrides,
  publicCafe,
  putActivityCounters,
  putRightsOverrides,
  updateCafe,
  updatePriority,
} from '../store/content.js';
import { getStatsDataset } from '../store/stats.js';
import {
  authenticateAdminToken,
  createAdminToken,
  listAdminTokens,
  revokeAdminToken,
} from '../store/tokens.js';
import type { AppEnv } from './app.js';
import type { AppDeps } from './context.js';
import { parseJsonBody, parseQuery } from './validate.js';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** The audit actor of a token: `token:<id>` with its name. */
export function actorOf(token: AdminToken): string {
  return `token:${token.id} (${token.name})`;
}

async function authenticate(
  deps: AppDeps,
  c: Context,
  scopes: readonly AdminTokenScope[],
): Promise<AdminToken> {
  const header = c.req.header('Authorization');
  const challenge = { 'WWW-Authenticate': 'Bearer realm="proximite-admin"' };
  const match = header === undefined ? null : /^Bearer\s+([\x21-\x7e]{1,512})$/i.exec(header.trim());
  if (match === null || match[1] === undefined) {
    throw new AppError('unauthorized', 'Send an admin token: Authorization: Bearer <token>.', {
      headers: challenge,
    });
  }
  const check = await authenticateAdminToken(deps.db, deps.clock(), match[1]);
  if (!check.ok) {
    const detail = {
      unknown: 'Unknown token.',
      expired: 'This token has expired.',
      revoked: 'This token was revoked.',
    }[check.reason];
    throw new AppError('unauthorized', detail, {
      headers: { 'WWW-Authenticate': `Bearer realm="proximite-admin", error="invalid_token"` },
    });
  }
  const missing = scopes.filter((s) => !check.token.scopes.includes(s));
  if (missing.length > 0) {
    throw new AppError('forbidden', `This token lacks the scope ${missing.join(', ')}.`, {
      headers: {
        'WWW-Authenticate': `Bearer realm="proximite-admin", error="insufficient_scope", scope="${missing.join(' ')}"`,
      },
    });
  }
  return check.token;
}

function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...NO_STORE, 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

function pathId(c: Context, name: string): string {
  const value = c.req.param(name) ?? '';
  if (!IdInput.safeParse(value).success) throw new AppError('notFound');
  return value;
}

export function registerAdminRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { db } = deps;

  // ---- tokens
  app.get('/v1/admin/tokens', async (c) => {
    await authenticate(deps, c, ['tokens:write']);
    return jsonResponse({ items: await listAdminTokens(db) });
  });

  app.post('/v1/admin/tokens', async (c) => {
    const token = await authenticate(deps, c, ['tokens:write']);
    const { value } = await parseJsonBody(c, AdminTokenCreateInput);
    const beyond = value.scopes.filter((s) => !token.scopes.includes(s));
    if (beyond.length > 0)
      throw new AppError('forbidden', `A token cannot grant scopes it does not hold: ${beyond.join(', ')}.`);
    const now = deps.clock();
    if (value.expiresAt !== undefined && Date.parse(value.expiresAt) <= now.getTime()) {
      throw new AppError('validation', 'expiresAt is in the past.', {
        errors: [{ path: 'expiresAt', message: 'must be in the future' }],
      });
    }
    const created = await db.transaction(async (tx) => {
      const t = await createAdminToken(tx, now, value);
      await appendAudit(tx, now, {
        actor: actorOf(token),
        action: 'token.create',
        target: `token:${t.id}`,
        detail: { name: t.name, scopes: t.scopes },
      });
      return t;
    });
    return jsonResponse(created, 201);
  });

  app.delete('/v1/admin/tokens/:id', async (c) => {
    const token = await authenticate(deps, c, ['tokens:write']);
    const id = pathId(c, 'id');
    const now = deps.clock();
    const ok = await db.transaction(async (tx) => {
      if (!(await revokeAdminToken(tx, now, id))) return false;
      await appendAudit(tx, now, { actor: actorOf(token), action: 'token.revoke', target: `token:${id}` });
      return true;
    });
    if (!ok) throw new AppError('notFound', 'No such token.');
    return new Response(null, { status: 204, headers: NO_STORE });
  });

  // ---- cafés
  app.post('/v1/admin/cafes', async (c) => {
    const token = await authenticate(deps, c, ['cafes:write']);
    const { value } = await parseJsonBody(c, CafeInput);
    const now = deps.clock();
    const cafe = await db.transaction(async (tx) => {
      const created = publicCafe(await createCafe(tx, now, value));
      await appendAudit(tx, now, {
        actor: actorOf(token),
        action: 'cafe.create',
        target: `cafe:${created.id}`,
      });
      return created;
    });
    return jsonResponse(cafe, 201, { Location: `/v1/cafes/${encodeURIComponent(cafe.id)}` });
  });

  app.put('/v1/admin/cafes/:id', async (c) => {
    const token = await authenticate(deps, c, ['cafes:write']);
    const id = pathId(c, 'id');
    const { value } = await parseJsonBody(c, CafeInput);
    const now = deps.clock();
    const cafe = await db.transaction(async (tx) => {
      const updated = await updateCafe(tx, now, id, value);
      if (updated !== undefined)
        await appendAudit(tx, now, { actor: actorOf(token), action: 'cafe.update', target: `cafe:${id}` });
      return updated;
    });
    if (cafe === undefined) throw new AppError('notFound', 'No such café.');
    return jsonResponse(cafe);
  });

  app.post('/v1/admin/cafes/:id/cancel', async (c) => {
    const token = await authenticate(deps, c, ['cafes:write']);
    const id = pathId(c, 'id');
    const { value } = await parseJsonBody(c, CafeCancelInput);
    const now = deps.clock();
    const cafe = await db.transaction(async (tx) => {
      const cancelled = await cancelCafe(tx, now, id, value);
      if (cancelled !== undefined)
        await appendAudit(tx, now, { actor: actorOf(token), action: 'cafe.cancel', target: `cafe:${id}` });
      return cancelled;
    });
    if (cafe === undefined) throw new AppError('notFound', 'No such café.');
    return jsonResponse(cafe);
  });

  app.delete('/v1/admin/cafes/:id', async (c) => {
    const token = await authenticate(deps, c, ['cafes:write']);
    const id = pathId(c, 'id');
    const now = deps.clock();
    const ok = await db.transaction(async (tx) => {
      if (!(await deleteCafe(tx, id))) return false;
      await appendAudit(tx, now, { actor: actorOf(token), action: 'cafe.delete', target: `cafe:${id}` });
      return true;
    });
    if (!ok) throw new AppError('notFound', 'No such café.');
    return new Response(null, { status: 204, headers: NO_STORE });
  });

  // ---- concerns
  app.get('/v1/admin/concerns', async (c) => {
    await authenticate(deps, c, ['concerns:triage']);
    const q = parseQuery(c, AdminConcernListQuery);
    return jsonResponse(await listAdminConcerns(db, q));
  });

  const reference = (c: Context): string => {
    const r = ConcernReference.safeParse(c.req.param('reference'));
    if (!r.success) throw new AppError('notFound', 'No such concern.');
    return r.data;
  };

  app.get('/v1/admin/concerns/:reference', async (c) => {
    const token = await authenticate(deps, c, ['concerns:triage']);
    const ref = reference(c);
    const now = deps.clock();
    // Reading contact data is itself an auditable act.
    const concern = await db.transaction(async (tx) => {
      const found = await getAdminConcern(tx, ref);
      if (found?.contact !== undefined)
        await appendAudit(tx, now, {
          actor: actorOf(token),
          action: 'concern.read-contact',
          target: `concern:${ref}`,
        });
      return found;
    });
    if (concern === undefined) throw new AppError('notFound', 'No such concern.');
    return jsonResponse(concern);
  });

  app.post('/v1/admin/concerns/:reference/triage', async (c) => {
    const token = await authenticate(deps, c, ['concerns:triage']);
    const ref = reference(c);
    const { value } = await parseJsonBody(c, ConcernTriageInput);
    const now = deps.clock();
    const result = await db.transaction(async (tx) => {
      const r = await triageConcern(tx, now, ref, value, token.name);
      if (r !== undefined) {
        await appendAudit(tx, now, {
          actor: actorOf(token),
          action: 'concern.triage',
          target: `concern:${ref}`,
          detail: r.changes,
        });
      }
      return r;
    });
    if (result === undefined) throw new AppError('notFound', 'No such concern.');
    return jsonResponse(result.concern);
  });

  // ---- priorities
  app.post('/v1/admin/priorities', async (c) => {
    const token = await authenticate(deps, c, ['content:write']);
    const { value } = await parseJsonBody(c, PriorityInput);
    const now = deps.clock();
    const priority = await db.transaction(async (tx) => {
      const p = await createPriority(tx, now, value);
      await appendAudit(tx, now, {
        actor: actorOf(token),
        action: 'priority.create',
        target: `priority:${p.id}`,
      });
      return p;
    });
    return jsonResponse(priority, 201, { Location: `/v1/priorities#${encodeURIComponent(priority.id)}` });
  });

  app.put('/v1/admin/priorities/:id', async (c) => {
    const token = await authenticate(deps, c, ['content:write']);
    const id = pathId(c, 'id');
    const { value } = await parseJsonBody(c, PriorityInput);
    const now = deps.clock();
    const priority = await db.transaction(async (tx) => {
      const p = await updatePriority(tx, now, id, value);
      if (p !== undefined)
        await appendAudit(tx, now, {
          actor: actorOf(token),
          action: 'priority.update',
          target: `priority:${id}`,
        });
      return p;
    });
    if (priority === undefined) throw new AppError('notFound', 'No such priority.');
    return jsonResponse(priority);
  });

  app.delete('/v1/admin/priorities/:id', async (c) => {
    const token = await authenticate(deps, c, ['content:write']);
    const id = pathId(c, 'id');
    const now = deps.clock();
    const ok = await db.transaction(async (tx) => {
      if (!(await deletePriority(tx, id))) return false;
      await appendAudit(tx, now, {
        actor: actorOf(token),
        action: 'priority.delete',
        target: `priority:${id}`,
      });
      return true;
    });
    if (!ok) throw new AppError('notFound', 'No such priority.');
    return new Response(null, { status: 204, headers: NO_STORE });
  });

  // ---- stats, rights
  app.put('/v1/admin/stats/activity', async (c) => {
    const token = await authenticate(deps, c, ['stats:write']);
    const { value } = await parseJsonBody(c, ActivityCountersInput);
    const area = value.area ?? deps.stats.area.code;
    if (area !== deps.stats.area.code && (await getStatsDataset(db, area)) === undefined) {
      const detail = `This server publishes figures for area ${deps.stats.area.code} and the areas imported with proximite import-ssmsi.`;
      throw new AppError('validation', detail, {
        errors: [{ path: 'area', message: 'unknown area' }],
      });
    }
    const now = deps.clock();
    const items = await db.transaction(async (tx) => {
      const list = await putActivityCounters(tx, now, area, value);
      await appendAudit(tx, now, {
        actor: actorOf(token),
        action: 'stats.activity.put',
        target: `area:${area}`,
        detail: value.counters.map((x) => `${x.metric}:${x.period}`),
      });
      return list;
    });
    return jsonResponse({ items });
  });

  app.get('/v1/admin/rights/overrides', async (c) => {
    await authenticate(deps, c, ['content:write']);
    return jsonResponse(await getRightsOverrides(db));
  });

  app.put('/v1/admin/rights/overrides', async (c) => {
    const token = await authenticate(deps, c, ['content:write']);
    const { value } = await parseJsonBody(c, RightsOverrides);
    const now = deps.clock();
    await db.transaction(async (tx) => {
      await putRightsOverrides(tx, now, value);
      await appendAudit(tx, now, {
        actor: actorOf(token),
        action: 'rights.overrides.put',
        target: 'rights:overrides',
      });
    });
    return jsonResponse(value);
  });

  // ---- audit
  app.get('/v1/admin/audit', async (c) => {
    await authenticate(deps, c, []);
    const q = parseQuery(c, AuditListQuery);
    let after = q.after ?? 0;
    if (q.cursor !== undefined) {
      if (!/^\d{1,15}$/.test(q.cursor))
        throw new AppError('badRequest', 'Invalid cursor.', {
          errors: [{ path: 'cursor', message: 'invalid cursor' }],
        });
      after = Math.max(after, Number(q.cursor));
    }
    return jsonResponse(await listAudit(db, after, q.limit ?? 50));
  });

  app.get('/v1/admin/audit/verify', async (c) => {
    await authenticate(deps, c, []);
    return jsonResponse(await verifyAudit(db));
  });
}
