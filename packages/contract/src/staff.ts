/**
 * Staff accounts, roles and sign-in: the one role → scope table the server enforces and the
 * console reads (to hide what a role cannot do), services, and the session, account and
 * pseudonymised-oversight shapes.
 */
import * as z from 'zod/mini';
import { ADMIN_TOKEN_SCOPES } from './admin.js';
import type { AdminTokenScope } from './admin.js';
import type { LocalizedText } from './common.js';
import {
  CodeInput,
  CursorParam,
  DateTimeString,
  Id,
  IdInput,
  IsoDate,
  IsoDateTime,
  LimitParam,
  openEnum,
  page,
  textInput,
} from './common.js';
import { CONCERN_STATUSES, ConcernStatusView } from './concerns.js';

// ---------------------------------------------------------------------------
// Roles

/**
 * Roles of staff accounts:
 * - `admin`: accounts, services, tokens and settings — and everything a coordinator does;
 * - `coordinator`: all concerns (and marking them shareable), cafés, priorities, counters, content;
 * - `agent`: the concerns of the services the agent belongs to;
 * - `observer`: read-only and pseudonymised (a « groupe de veille »): no contact details, no
 *   free text unless a coordinator marked the concern shareable.
 */
export const STAFF_ROLES = ['admin', 'coordinator', 'agent', 'observer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** A role in an input (closed). */
export const StaffRoleInput = /* @__PURE__ */ z.enum(STAFF_ROLES);

/** The scopes each role holds: the server checks an operation's `scopes` against them. */
export const ROLE_SCOPES = {
  admin: ADMIN_TOKEN_SCOPES,
  coordinator: [
    'cafes:write',
    'concerns:triage',
    'concerns:share',
    'content:write',
    'stats:write',
    'oversight:read',
    'deliveries:write',
  ],
  agent: ['concerns:triage'],
  observer: ['oversight:read'],
} as const satisfies Record<StaffRole, readonly AdminTokenScope[]>;

/** Roles that reach only the concerns of their services (the others reach every concern their scopes allow). */
export const SERVICE_BOUND_ROLES: readonly StaffRole[] = ['agent'];

/** Roles that must sign in with a second factor (TOTP), unless the server turns it off. */
export const SECOND_FACTOR_ROLES: readonly StaffRole[] = ['admin', 'coordinator'];

/** What each role is for, in the console's languages. */
export const ROLE_DESCRIPTIONS: Readonly<Record<StaffRole, LocalizedText>> = {
  admin: {
    fr: 'Administration : comptes, services, jetons et réglages, et tout ce que fait la coordination.',
    en: 'Administration: accounts, services, tokens and settings, and everything a coordinator does.',
  },
  coordinator: {
    fr: 'Coordination : tous les signalements, cafés, priorités, compteurs et contenus.',
    en: 'Coordination: every concern, cafés, priorities, counters and content.',
  },
  agent: {
    fr: 'Agent : les signalements des services dont il ou elle fait partie.',
    en: 'Agent: the concerns of the services they belong to.',
  },
  observer: {
    fr: 'Observation : lecture seule et pseudonymisée (groupe de veille).',
    en: 'Observer: read-only and pseudonymised (watch group).',
  },
};

/** The scopes of `role` (none for a role this version does not know). */
export function scopesOfRole(role: string): readonly AdminTokenScope[] {
  return Object.hasOwn(ROLE_SCOPES, role) ? ROLE_SCOPES[role as StaffRole] : [];
}

/**
 * Whether `role` may call an operation that needs `scopes` (an operation's `scopes`; `[]` = any
 * signed-in staff member; `undefined` = a public operation).
 */
export function roleAllows(role: string, scopes: readonly string[] | undefined): boolean {
  if (scopes === undefined) return true;
  const held: readonly string[] = scopesOfRole(role);
  return Object.hasOwn(ROLE_SCOPES, role) && scopes.every((s) => held.includes(s));
}

// ---------------------------------------------------------------------------
// Services: see services.ts

// ---------------------------------------------------------------------------
// Accounts

/** `invited`: the invitation link was not used yet; `disabled`: can neither sign in nor keep a session. */
export const STAFF_STATUSES = ['invited', 'active', 'disabled'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/** A staff account as the API shows it (never a password hash or a TOTP secret). */
export const StaffMember = /* @__PURE__ */ (() =>
  z.object({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    role: openEnum(STAFF_ROLES),
    /** Ids of the services the member belongs to. */
    services: z.array(z.string()),
    status: openEnum(STAFF_STATUSES),
    /** Whether a TOTP second factor is enrolled. */
    totpEnabled: z.boolean(),
    createdAt: DateTimeString,
    lastSignInAt: z.nullable(DateTimeString),
  }))();
export type StaffMember = z.infer<typeof StaffMember>;

/** `GET /v1/admin/staff` response. */
export const StaffList = /* @__PURE__ */ (() => z.object({ items: z.array(StaffMember) }))();
export type StaffList = z.infer<typeof StaffList>;

/** An e-mail address in an input (stored lower-cased). */
export const StaffEmailInput = /* @__PURE__ */ (() => z.email().check(z.maxLength(254)))();

/** A new password: 12 to 256 characters, no composition rule (NIST SP 800-63B § 5.1.1.2). */
export const NewPasswordInput = /* @__PURE__ */ (() =>
  textInput(0, 256).check(z.minLength(12, 'at least 12 characters')))();

const displayName = /* @__PURE__ */ (() =>
  textInput(1, 100).check(z.refine((s) => s.trim() !== '', { message: 'must not be blank' })))();
const serviceIds = /* @__PURE__ */ (() =>
  z.array(IdInput).check(
    z.maxLength(50),
    z.refine((a) => new Set(a).size === a.length, { message: 'services must be unique' }),
  ))();

/** `POST /v1/admin/staff` body: invite someone (they choose a password with the link, or sign in by SSO). */
export const StaffInviteInput = /* @__PURE__ */ (() =>
  z.strictObject({
    email: StaffEmailInput,
    displayName,
    role: StaffRoleInput,
    services: z.optional(serviceIds),
  }))();
export type StaffInviteInput = z.infer<typeof StaffInviteInput>;

/**
 * `PATCH /v1/admin/staff/{id}` body: what changes (at least one field). `status: "disabled"` signs
 * the member out everywhere; `"active"` lifts it (an invited member stays invited until the
 * invitation is used).
 */
export const StaffUpdateInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      displayName: z.optional(displayName),
      role: z.optional(StaffRoleInput),
      services: z.optional(serviceIds),
      status: z.optional(z.enum(['active', 'disabled'])),
    })
    .check(z.refine((t) => Object.keys(t).length > 0, { message: 'nothing to change' })))();
export type StaffUpdateInput = z.infer<typeof StaffUpdateInput>;

/**
 * A single-use sign-in link (invitation or password reset). `url` is present only when the server
 * could not deliver it itself (no e-mail delivery configured): pass it on to its owner yourself.
 */
export const StaffLink = /* @__PURE__ */ (() =>
  z.object({
    kind: openEnum(['invitation', 'password-reset']),
    expiresAt: DateTimeString,
    delivered: z.boolean(),
    url: z.optional(z.string()),
  }))();
export type StaffLink = z.infer<typeof StaffLink>;

/** `POST /v1/admin/staff` response. */
export const StaffInvitation = /* @__PURE__ */ (() => z.object({ staff: StaffMember, link: StaffLink }))();
export type StaffInvitation = z.infer<typeof StaffInvitation>;

// ---------------------------------------------------------------------------
// Sessions

/** The cookie of a staff session (with the `__Host-` prefix when the server is served over HTTPS). */
export const STAFF_SESSION_COOKIE = 'proximite_session';
/** The header that carries the CSRF token on every write made with a session. */
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * `POST /v1/staff/session` body. Wrong e-mail and wrong password get the same 401; `otp` is the
 * 6-digit code of the authenticator app when the account has a second factor.
 */
export const StaffSignInInput = /* @__PURE__ */ (() =>
  z.strictObject({
    email: textInput(1, 254),
    password: textInput(1, 256),
    otp: z.optional(z.string().check(z.regex(/^[0-9]{6}$/, 'six digits'))),
  }))();
export type StaffSignInInput = z.infer<typeof StaffSignInInput>;

/**
 * `POST`/`GET /v1/staff/session` response: who is signed in, a CSRF token for the writes of this
 * session (send it as `X-CSRF-Token`; every token this endpoint gave for the session stays valid),
 * the scopes of the role, and when the session ends.
 */
export const StaffSession = /* @__PURE__ */ (() =>
  z.object({
    staff: StaffMember,
    csrfToken: z.string(),
    scopes: z.array(z.string()),
    /** Absolute end of the session. */
    expiresAt: DateTimeString,
    /** The session ends after this many seconds without a request. */
    idleTimeoutSeconds: z.int(),
    /**
     * `enrolment-required`: the role needs a second factor the account has not set up yet; until it
     * is (`POST /v1/staff/totp`), every admin operation answers 403 `second-factor-required`.
     */
    secondFactor: openEnum(['passed', 'not-required', 'enrolment-required']),
    /** How the member signed in. */
    method: openEnum(['password', 'oidc', 'link']),
  }))();
export type StaffSession = z.infer<typeof StaffSession>;

// ---------------------------------------------------------------------------
// Oversight (observers)

/**
 * A concern as observers see it: the public view plus the district, no contact details, no
 * internal notes; the description, address and answers only when a coordinator marked the concern
 * shareable.
 */
export const OversightConcern = /* @__PURE__ */ (() =>
  z.object({
    ...ConcernStatusView.shape,
    districtId: z.nullable(z.string()),
    shareable: z.boolean(),
    duplicateOf: z.nullable(z.string()),
    description: z.optional(z.string()),
    address: z.optional(z.string()),
    attributes: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]))),
  }))();
export type OversightConcern = z.infer<typeof OversightConcern>;

/** `GET /v1/admin/oversight/concerns` response. */
export const OversightConcernPage = /* @__PURE__ */ page(OversightConcern);
export type OversightConcernPage = z.infer<typeof OversightConcernPage>;

/** `GET /v1/admin/oversight/concerns` query (quarantined concerns are never shown). */
export const OversightConcernListQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    status: z.optional(z.enum(CONCERN_STATUSES)),
    category: z.optional(CodeInput),
    district: z.optional(IdInput),
    from: z.optional(z.union([IsoDateTime, IsoDate])),
    to: z.optional(z.union([IsoDateTime, IsoDate])),
    limit: z.optional(LimitParam),
    cursor: z.optional(CursorParam),
  }))();
export type OversightConcernListQuery = z.infer<typeof OversightConcernListQuery>;

/** `POST /v1/admin/concerns/{reference}/share` body. */
export const ConcernShareInput = /* @__PURE__ */ (() => z.strictObject({ shareable: z.boolean() }))();
export type ConcernShareInput = z.infer<typeof ConcernShareInput>;

// ---------------------------------------------------------------------------
// Second factor (TOTP, RFC 6238)

/**
 * `POST /v1/staff/totp` response: a new secret to put in an authenticator app — typed in
 * (`secret`), opened as a link on the phone (`otpauthUri`) or scanned (`qrCodeDataUrl`, an SVG
 * `data:` URL for an `<img>`). It is enabled by confirming a first code.
 */
export const TotpEnrolment = /* @__PURE__ */ (() =>
  z.object({
    /** Base32, as authenticator apps take it when typed in. */
    secret: z.string(),
    otpauthUri: z.string(),
    qrCodeDataUrl: z.string(),
    issuer: z.string(),
    label: z.string(),
  }))();
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

/** A six-digit code of the authenticator app. */
export const OtpInput = /* @__PURE__ */ (() => z.string().check(z.regex(/^[0-9]{6}$/, 'six digits')))();

/** `POST /v1/staff/totp/confirm` body. */
export const TotpConfirmInput = /* @__PURE__ */ (() => z.strictObject({ otp: OtpInput }))();
export type TotpConfirmInput = z.infer<typeof TotpConfirmInput>;

// ---------------------------------------------------------------------------
// Passwords and single-use links

/** The secret of an invitation or reset link (the part after `#proximite-link=`). */
export const LinkTokenInput = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'not a link token')))();

/** `POST /v1/staff/links/inspect` body. */
export const StaffLinkInspectInput = /* @__PURE__ */ (() => z.strictObject({ token: LinkTokenInput }))();
export type StaffLinkInspectInput = z.infer<typeof StaffLinkInspectInput>;

/** `POST /v1/staff/links/inspect` response: whose link it is, to greet them before they choose a password. */
export const StaffLinkInfo = /* @__PURE__ */ (() =>
  z.object({
    kind: openEnum(['invitation', 'password-reset']),
    email: z.string(),
    displayName: z.string(),
    role: openEnum(STAFF_ROLES),
    expiresAt: DateTimeString,
    /** The account has a second factor: signing in will ask for a code. */
    totpEnabled: z.boolean(),
  }))();
export type StaffLinkInfo = z.infer<typeof StaffLinkInfo>;

/** `POST /v1/staff/links/redeem` body: the link's token and the new password. */
export const StaffLinkRedeemInput = /* @__PURE__ */ (() =>
  z.strictObject({ token: LinkTokenInput, password: NewPasswordInput }))();
export type StaffLinkRedeemInput = z.infer<typeof StaffLinkRedeemInput>;

/** `POST /v1/staff/password-reset` body ("forgot password"): always answered 202, whoever it is. */
export const PasswordResetRequestInput = /* @__PURE__ */ (() =>
  z.strictObject({ email: textInput(1, 254) }))();
export type PasswordResetRequestInput = z.infer<typeof PasswordResetRequestInput>;

/** `POST /v1/staff/password` body: change one's own password. */
export const PasswordChangeInput = /* @__PURE__ */ (() =>
  z.strictObject({
    currentPassword: textInput(1, 256),
    newPassword: NewPasswordInput,
  }))();
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

// ---------------------------------------------------------------------------
// Single sign-on (OpenID Connect)

/** A configured OpenID Connect provider (ProConnect, Keycloak, Entra…), for a sign-in button. */
export const OidcProvider = /* @__PURE__ */ (() => z.object({ id: Id, name: z.string() }))();
export type OidcProvider = z.infer<typeof OidcProvider>;

/** `GET /v1/staff/oidc/providers` response. */
export const OidcProviderList = /* @__PURE__ */ (() => z.object({ items: z.array(OidcProvider) }))();
export type OidcProviderList = z.infer<typeof OidcProviderList>;

/** `GET /v1/staff/oidc/login` query. */
export const OidcLoginQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    provider: IdInput,
    /** Where to come back to (a page of an allowed origin); default: the staff console's page. */
    returnTo: z.optional(textInput(0, 2048)),
  }))();
export type OidcLoginQuery = z.infer<typeof OidcLoginQuery>;

/**
 * Why a single sign-on failed, in the fragment of the page it returns to
 * (`#proximite-sso-error=<code>`): `unknown-account` (no account with that e-mail: ask an admin),
 * `disabled`, `expired` (the sign-in took too long or was started in another browser),
 * `provider` (the provider refused or answered wrongly).
 */
export const OIDC_ERRORS = ['unknown-account', 'disabled', 'expired', 'provider'] as const;
