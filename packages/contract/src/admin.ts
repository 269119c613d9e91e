/** Admin API: scoped bearer tokens, concern triage and the hash-chained audit log. */
import * as z from 'zod/mini';
import {
  CodeInput,
  CursorParam,
  DateTimeString,
  Id,
  IdInput,
  InputLang,
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
import {
  CONCERN_STATUSES,
  ConcernReference,
  ConcernVerdict,
  ConcernStatusValue,
  ConcernStatusView,
  ServiceRef,
} from './concerns.js';
import { Problem } from './problem.js';

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
  z.object({
    id: Id,
    at: IsoDateTime,
    author: z.string(),
    text: z.string(),
    /** The concern merged into this one that the note was written on (absent: this one). */
    reference: z.optional(z.string()),
  }))();
export type InternalNote = z.infer<typeof InternalNote>;

/** A staff member as others see them in the console: id and display name only. */
export const StaffRef = /* @__PURE__ */ (() => z.object({ id: Id, displayName: z.string() }))();
export type StaffRef = z.infer<typeof StaffRef>;

/** One entry of a concern's internal history (an audit entry whose target is the concern). */
export const ConcernEvent = /* @__PURE__ */ (() =>
  z.object({
    seq: z.int(),
    at: DateTimeString,
    /** `concern.triage`, `concern.assign`, `concern.routed`, `concern.read-contact`… */
    action: z.string(),
    /** The audit log's actor (`staff:<id>`, `token:<id> (<name>)`, `cli`, `system:<name>`). */
    actor: z.string(),
    /** The staff member's display name when the actor is a staff member. */
    actorName: z.optional(z.string()),
    detail: z.optional(z.unknown()),
    /** The concern merged into this one that it happened to (absent: this one). */
    reference: z.optional(z.string()),
  }))();
export type ConcernEvent = z.infer<typeof ConcernEvent>;

/** A concern merged into another (marked its duplicate). */
export const MergedConcern = /* @__PURE__ */ (() =>
  z.object({ reference: z.string(), status: ConcernStatusValue, receivedAt: DateTimeString }))();
export type MergedConcern = z.infer<typeof MergedConcern>;

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
        /**
         * When the resident agreed to be contacted, as recorded by the agent who noted the concern
         * at a café (café mode), and who that was.
         */
        consent: z.optional(z.object({ at: DateTimeString, by: z.string() })),
      }),
    ),
    lang: z.optional(z.string()),
    /** True when anti-spam signals fired (honeypot, time trap): kept, but out of the main queue. */
    quarantined: z.boolean(),
    /** Whether a coordinator let observers see its description, address and answers. */
    shareable: z.optional(z.boolean()),
    duplicateOf: z.optional(z.nullable(z.string())),
    internalNotes: z.array(InternalNote),
    /** Who handles it (a staff member), or null. */
    assignee: z.optional(z.nullable(StaffRef)),
    /** When an answer is due (the service's target from submission), or null without a target. */
    dueAt: z.optional(z.nullable(DateTimeString)),
    /** Still open after `dueAt`. */
    overdue: z.optional(z.boolean()),
    /**
     * The concern's internal history: its audit entries and those of the concerns merged into it,
     * oldest first (never public).
     */
    history: z.optional(z.array(ConcernEvent)),
    /** The concerns merged into this one (marked its duplicates), oldest first. */
    duplicates: z.optional(z.array(MergedConcern)),
  }))();
export type AdminConcern = z.infer<typeof AdminConcern>;

/**
 * One row of the inbox (`GET /v1/admin/concerns`): what a queue shows, without the resident's
 * contact details (read them on the concern itself, where reading them is audited).
 */
export const InboxItem = /* @__PURE__ */ (() =>
  z.object({
    reference: z.string(),
    categoryCode: z.string(),
    /** The category's label, when the category is known. */
    category: z.optional(LocalizedText),
    districtId: z.nullable(z.string()),
    /** The district's name, when the district is known. */
    district: z.optional(z.nullable(z.string())),
    service: ServiceRef,
    status: ConcernStatusValue,
    receivedAt: DateTimeString,
    updatedAt: DateTimeString,
    /** Whole days since `receivedAt` (calendar days, at the time of the request). */
    ageDays: z.int(),
    dueAt: z.nullable(DateTimeString),
    overdue: z.boolean(),
    assignee: z.nullable(StaffRef),
    quarantined: z.boolean(),
    duplicateOf: z.nullable(z.string()),
    /** The first characters of the resident's text. */
    excerpt: z.string(),
    /** The resident's verdict, once given (« Le problème est-il réglé ? »; `non` reopens it). */
    verdict: z.optional(ConcernVerdict),
  }))();
export type InboxItem = z.infer<typeof InboxItem>;

/** `GET /v1/admin/concerns` response: a page of the inbox and the number of concerns the filter matches. */
export const AdminConcernPage = /* @__PURE__ */ (() =>
  z.object({ ...page(InboxItem).shape, total: z.optional(z.int()) }))();
export type AdminConcernPage = z.infer<typeof AdminConcernPage>;

const booleanParam = /* @__PURE__ */ z.enum(['true', 'false']);

const statusAlternatives = CONCERN_STATUSES.join('|');
/** One status or several, comma-separated (`received,in-progress`). */
export const StatusListParam = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.maxLength(400),
      z.regex(
        new RegExp(`^(?:${statusAlternatives})(?:,(?:${statusAlternatives}))*$`),
        'one or more statuses, comma-separated',
      ),
    ))();

/** The inbox's sort orders: by reception or due date, ascending or (with `-`) descending. */
export const INBOX_SORTS = ['-received', 'received', 'due', '-due'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/**
 * `GET /v1/admin/concerns` (and `.csv`) query. `assignee`: `me`, `none` or a staff id; `q`: a
 * reference, or words of the resident's text (French stemming); `overdue=true`: open and past
 * `dueAt`. Default sort `-received` (newest first); `due` puts concerns without a due date last.
 */
export const AdminConcernListQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    status: z.optional(StatusListParam),
    category: z.optional(CodeInput),
    service: z.optional(IdInput),
    district: z.optional(IdInput),
    assignee: z.optional(IdInput),
    overdue: z.optional(booleanParam),
    quarantined: z.optional(booleanParam),
    q: z.optional(textInput(1, 200)),
    sort: z.optional(z.enum(INBOX_SORTS)),
    from: z.optional(z.union([IsoDateTime, IsoDate])),
    to: z.optional(z.union([IsoDateTime, IsoDate])),
    limit: z.optional(LimitParam),
    cursor: z.optional(CursorParam),
  }))();
export type AdminConcernListQuery = z.infer<typeof AdminConcernListQuery>;

/** Roles whose CSV export may carry residents' contact details (`contacts=true`). */
export const CONTACT_EXPORT_ROLES: readonly string[] = ['admin', 'coordinator'];

/**
 * `GET /v1/admin/concerns.csv` query: the inbox's filters and sort (every page, no `limit` or
 * `cursor`); `contacts=true` adds the residents' contact details (admins and coordinators signed in:
 * {@link CONTACT_EXPORT_ROLES}); `lang` the column headings and names (`fr`: `;`-separated, as
 * French spreadsheets expect; `en`: `,`).
 */
export const AdminConcernExportQuery = /* @__PURE__ */ (() => {
  const { limit: _limit, cursor: _cursor, ...filters } = AdminConcernListQuery.shape;
  return z.strictObject({
    ...filters,
    contacts: z.optional(booleanParam),
    lang: z.optional(InputLang),
  });
})();
export type AdminConcernExportQuery = z.infer<typeof AdminConcernExportQuery>;

/** `GET /v1/admin/concerns/{reference}/assignees` response: who a concern can be assigned to. */
export const AssigneeList = /* @__PURE__ */ (() => z.object({ items: z.array(StaffRef) }))();
export type AssigneeList = z.infer<typeof AssigneeList>;

/**
 * `POST /v1/admin/concerns/{reference}/triage` body: a status transition, a public update, an
 * internal note, a re-categorisation (the routing rules run again), a referral to another
 * service and/or an assignment — at least one. `duplicate` needs `duplicateOf`; `duplicateOf` alone
 * implies `duplicate` and merges the concern into that one (the end of its chain of duplicates),
 * telling the resident in a public update.
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
      /** Assigns it to a staff member who can handle it (`GET …/assignees`), or unassigns it (null). */
      assigneeId: z.optional(z.nullable(IdInput)),
    })
    .check(
      z.refine((t) => Object.keys(t).length > 0, { message: 'nothing to change' }),
      z.refine((t) => t.status !== 'duplicate' || t.duplicateOf !== undefined, {
        message: 'a duplicate needs duplicateOf',
        path: ['duplicateOf'],
      }),
      z.refine((t) => t.duplicateOf === undefined || t.status === undefined || t.status === 'duplicate', {
        message: 'duplicateOf goes with the status duplicate (or none: it implies it)',
        path: ['duplicateOf'],
      }),
    ))();
export type ConcernTriageInput = z.infer<typeof ConcernTriageInput>;

/** At most this many concerns in one bulk change. */
export const MAX_BULK_REFERENCES = 100;

/**
 * `POST /v1/admin/concerns/bulk` body: the same change (a status, an assignee — `null` unassigns —
 * and/or a public update, written or from a template; `duplicateOf` with the status `duplicate`) made to each concern of
 * `references`, each on its own.
 */
export const ConcernBulkInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      references: z.array(ConcernReference).check(
        z.minLength(1),
        z.maxLength(MAX_BULK_REFERENCES),
        z.refine((a) => new Set(a).size === a.length, { message: 'references must be unique' }),
      ),
      status: z.optional(z.enum(CONCERN_STATUSES)),
      assigneeId: z.optional(z.nullable(IdInput)),
      publicUpdate: z.optional(localizedTextInput(2000)),
      /**
       * A response template as the public update, filled in for each concern (`{reference}`, and
       * `{service}` in each language) by the server; not with `publicUpdate`.
       */
      templateId: z.optional(IdInput),
      duplicateOf: z.optional(ConcernReference),
    })
    .check(
      z.refine(
        (t) =>
          t.status !== undefined ||
          t.assigneeId !== undefined ||
          t.publicUpdate !== undefined ||
          t.templateId !== undefined,
        { message: 'nothing to change: give status, assigneeId, publicUpdate and/or templateId' },
      ),
      z.refine((t) => t.publicUpdate === undefined || t.templateId === undefined, {
        message: 'a public update is either a text or a template, not both',
        path: ['templateId'],
      }),
      z.refine((t) => t.status !== 'duplicate' || t.duplicateOf !== undefined, {
        message: 'a duplicate needs duplicateOf',
        path: ['duplicateOf'],
      }),
      z.refine((t) => t.duplicateOf === undefined || t.status === 'duplicate', {
        message: 'duplicateOf goes with the status duplicate',
        path: ['duplicateOf'],
      }),
    ))();
export type ConcernBulkInput = z.infer<typeof ConcernBulkInput>;

/** What became of one concern of a bulk change: changed (its status and assignee now), or why not. */
export const ConcernBulkOutcome = /* @__PURE__ */ (() =>
  z.object({
    reference: z.string(),
    ok: z.boolean(),
    status: z.optional(ConcernStatusValue),
    assignee: z.optional(z.nullable(StaffRef)),
    /** Why it was not changed (the problem a single triage would have answered). */
    problem: z.optional(Problem),
  }))();
export type ConcernBulkOutcome = z.infer<typeof ConcernBulkOutcome>;

/** `POST /v1/admin/concerns/bulk` response: one outcome per reference, in the order given. */
export const ConcernBulkResult = /* @__PURE__ */ (() =>
  z.object({ items: z.array(ConcernBulkOutcome), succeeded: z.int(), failed: z.int() }))();
export type ConcernBulkResult = z.infer<typeof ConcernBulkResult>;

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
