/** Admin API: scoped bearer tokens, concern triage and the hash-chained audit log. */
import * as z from 'zod/mini';
import {
  CodeInput,
  CursorParam,
  Id,
  IdInput,
  IsoDate,
  IsoDateTime,
  LimitParam,
  LocalizedText,
  localizedTextInput,
  openEnum,
  page,
  intParam,
  textInput,
} from './common.js';
import { CONCERN_STATUSES, ConcernReference, ConcernStatusView } from './concerns.js';

/**
 * Scopes of admin tokens and staff roles (`ROLE_SCOPES`). `tokens:write` manages tokens themselves,
 * `staff:write` staff accounts; `concerns:share` marks a concern shareable with observers;
 * `oversight:read` reads the pseudonymised view of concerns; `services:write` manages services,
 * their delivery settings and the routing rules; `deliveries:write` retries a delivery.
 */
export const ADMIN_TOKEN_SCOPES = [
  'cafes:write',
  'concerns:triage',
  'content:write',
  'stats:write',
  'tokens:write',
  'staff:write',
  'concerns:share',
  'oversight:read',
  'services:write',
  'deliveries:write',
] as const;
export type AdminTokenScopeKnown = (typeof ADMIN_TOKEN_SCOPES)[number];
/** A scope in an input (closed). */
export const AdminTokenScope = /* @__PURE__ */ z.enum(ADMIN_TOKEN_SCOPES);
export type AdminTokenScope = z.infer<typeof AdminTokenScope>;

/** `POST /v1/admin/tokens` body. */
export const AdminTokenCreateInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      name: textInput(1, 100),
      scopes: z.array(AdminTokenScope).check(z.minLength(1), z.maxLength(ADMIN_TOKEN_SCOPES.length)),
      expiresAt: z.optional(IsoDateTime),
    })
    .check(
      z.refine((t) => new Set(t.scopes).size === t.scopes.length, {
        message: 'scopes must be unique',
        path: ['scopes'],
      }),
    ))();
export type AdminTokenCreateInput = z.infer<typeof AdminTokenCreateInput>;

/** A token as listed (the secret is never shown again; it is stored hashed). */
export const AdminToken = /* @__PURE__ */ (() =>
  z.object({
    id: Id,
    name: z.string(),
    scopes: z.array(openEnum(ADMIN_TOKEN_SCOPES)),
    createdAt: IsoDateTime,
    expiresAt: z.nullable(IsoDateTime),
    lastUsedAt: z.optional(z.nullable(IsoDateTime)),
    revokedAt: z.optional(z.nullable(IsoDateTime)),
  }))();
export type AdminToken = z.infer<typeof AdminToken>;

/** `POST /v1/admin/tokens` response: the token with its secret, shown once. */
export const AdminTokenCreated = /* @__PURE__ */ (() =>
  z.object({
    ...AdminToken.shape,
    token: z.string(),
  }))();
export type AdminTokenCreated = z.infer<typeof AdminTokenCreated>;

/** `GET /v1/admin/tokens` response. */
export const AdminTokenList = /* @__PURE__ */ (() => z.object({ items: z.array(AdminToken) }))();
export type AdminTokenList = z.infer<typeof AdminTokenList>;

// ---------------------------------------------------------------------------
// Concerns (triage)

/** An internal note on a concern (never public). */
export const InternalNote = /* @__PURE__ */ (() =>
  z.object({ id: Id, at: IsoDateTime, author: z.string(), text: z.string() }))();
export type InternalNote = z.infer<typeof InternalNote>;

/** Admin view of a concern: the public view plus what triage needs, including contact data. */
export const AdminConcern = /* @__PURE__ */ (() =>
  z.object({
    ...ConcernStatusView.shape,
    description: z.string(),
    location: z.object({
      address: z.optional(z.string()),
      lat: z.optional(z.number()),
      lon: z.optional(z.number()),
      districtId: z.optional(z.string()),
    }),
    attributes: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]))),
    contact: z.optional(
      z.object({
        name: z.optional(z.string()),
        email: z.optional(z.string()),
        phone: z.optional(z.string()),
        preferred: z.optional(z.string()),
      }),
    ),
    lang: z.optional(z.string()),
    /** True when anti-spam signals fired (honeypot, time trap): kept, but out of the main queue. */
    quarantined: z.boolean(),
    /** Whether a coordinator let observers see its description, address and answers. */
    shareable: z.optional(z.boolean()),
    duplicateOf: z.optional(z.nullable(z.string())),
    internalNotes: z.array(InternalNote),
  }))();
export type AdminConcern = z.infer<typeof AdminConcern>;

/** `GET /v1/admin/concerns` response. */
export const AdminConcernPage = /* @__PURE__ */ page(AdminConcern);
export type AdminConcernPage = z.infer<typeof AdminConcernPage>;

const booleanParam = /* @__PURE__ */ z.enum(['true', 'false']);

/** `GET /v1/admin/concerns` query. */
export const AdminConcernListQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    status: z.optional(z.enum(CONCERN_STATUSES)),
    category: z.optional(CodeInput),
    district: z.optional(IdInput),
    quarantined: z.optional(booleanParam),
    from: z.optional(z.union([IsoDateTime, IsoDate])),
    to: z.optional(z.union([IsoDateTime, IsoDate])),
    limit: z.optional(LimitParam),
    cursor: z.optional(CursorParam),
  }))();
export type AdminConcernListQuery = z.infer<typeof AdminConcernListQuery>;

/**
 * `POST /v1/admin/concerns/{reference}/triage` body: a status transition, a public update, an
 * internal note, a re-categorisation (the routing rules run again) and/or a referral to another
 * service — at least one. `duplicate` needs `duplicateOf`.
 */
export const ConcernTriageInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      status: z.optional(z.enum(CONCERN_STATUSES)),
      publicUpdate: z.optional(localizedTextInput(2000)),
      internalNote: z.optional(textInput(1, 4000)),
      categoryCode: z.optional(CodeInput),
      duplicateOf: z.optional(ConcernReference),
      quarantined: z.optional(z.boolean()),
      /** Another service takes it (a referral: the routing rules are not consulted). */
      serviceId: z.optional(IdInput),
    })
    .check(
      z.refine((t) => Object.keys(t).length > 0, { message: 'nothing to change' }),
      z.refine((t) => t.status !== 'duplicate' || t.duplicateOf !== undefined, {
        message: 'a duplicate needs duplicateOf',
        path: ['duplicateOf'],
      }),
    ))();
export type ConcernTriageInput = z.infer<typeof ConcernTriageInput>;

// ---------------------------------------------------------------------------
// Audit log

/**
 * One append-only audit entry. `hash` = SHA-256 (hex) over the canonical JSON of
 * `{seq, at, actor, action, target, hashPrev}`; `hashPrev` is the previous entry's hash
 * (64 zeros for the first), so altering any row breaks the chain.
 */
export const AuditEntry = /* @__PURE__ */ (() =>
  z.object({
    seq: z.int().check(z.gte(1)),
    at: IsoDateTime,
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    hashPrev: z.string(),
    hash: z.string(),
  }))();
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The `hashPrev` of the first audit entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The exact string hashed for an audit entry (keys in this order, JSON-encoded). */
export function auditHashInput(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, action, target, hashPrev } = entry;
  return JSON.stringify({ seq, at, actor, action, target, hashPrev });
}

/** `GET /v1/admin/audit` response. */
export const AuditPage = /* @__PURE__ */ page(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;

/** `GET /v1/admin/audit` query: entries after `after` (a seq). */
export const AuditListQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    after: z.optional(intParam(0, Number.MAX_SAFE_INTEGER)),
    limit: z.optional(LimitParam),
    cursor: z.optional(CursorParam),
  }))();
export type AuditListQuery = z.infer<typeof AuditListQuery>;

/** `GET /v1/admin/audit/verify` response. */
export const AuditVerifyResult = /* @__PURE__ */ (() =>
  z.object({
    ok: z.boolean(),
    checked: z.int(),
    firstBrokenSeq: z.nullable(z.int()),
  }))();
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

/** Generic admin acknowledgement (e.g. after a delete). */
export const AdminAck = /* @__PURE__ */ (() =>
  z.object({ ok: z.boolean(), message: z.optional(LocalizedText) }))();
export type AdminAck = z.infer<typeof AdminAck>;
