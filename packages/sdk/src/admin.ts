/**
 * `@proximite/sdk/admin.js` — the admin API (`/v1/admin/…`) and staff sign-in (`/v1/staff/…`),
 * with a scoped bearer token (machines) or the staff session of a browser (people). Separate from
 * the public client so that public pages never load it. Nothing is cached; credentials are
 * redacted from every error. Every change is written to the server's audit log.
 *
 * With `session: true` the browser's session cookie is sent (`credentials: 'include'`) and the
 * CSRF token every write needs is handled here: taken from `session.signIn()` / `session.get()`,
 * fetched with `GET /v1/staff/session` before the first write when missing, and fetched again once
 * when the server refuses a write for it.
 */
import {
  ActivityCounterList,
  AdminMeetingReport,
  AdminConcern,
  AdminConcernPage,
  AdminTokenCreated,
  AdminTokenList,
  AssigneeList,
  AuditPage,
  ConcernBulkResult,
  AuditVerifyResult,
  Cafe,
  CafeImportResult,
  CafePage,
  ConcernReceipt,
  type CafeConcernInput,
  PastMeeting,
  Priority,
  AdminPriority,
  AdminPriorityList,
  RightsOverrides,
  type ActivityCounter,
  type ActivityCountersInput,
  type AdminConcernExportQuery,
  type AdminConcernListQuery,
  type AdminToken,
  type AdminTokenCreateInput,
  type AuditEntry,
  type AuditListQuery,
  type CafeCancelInput,
  type CafeDuplicateInput,
  type CafeImportInput,
  type CafeInput,
  type CafeListQuery,
  type ConcernBulkInput,
  type ConcernTriageInput,
  type InboxItem,
  type StaffRef,
  type MeetingReportInput,
  type PriorityInput,
  OversightConcern,
  OversightConcernPage,
  PROBLEM_TYPES,
  ServiceList,
  Service,
  RoutingTable,
  type RoutingRulesInput,
  type ServiceCreateInput,
  type ServiceInput,
  StatsActivityView,
  type StatsQuery,
  ConcernPreview,
  ResponseTemplate,
  ResponseTemplateList,
  type ConcernPreviewInput,
  type ResponseTemplateInput,
  type ResponseTemplateQuery,
  Delivery,
  DeliveryPage,
  type DeliveryListQuery,
  StaffInvitation,
  StaffList,
  StaffMember,
  StaffSession,
  StaffLink,
  StaffLinkInfo,
  TotpEnrolment,
  OidcProviderList,
  type OidcProvider,
  type PasswordChangeInput,
  type OversightConcernListQuery,
  type StaffInviteInput,
  type StaffSignInInput,
  type StaffUpdateInput,
} from '@proximite/contract';
import { ApiError } from './errors.js';
import type * as z from 'zod/mini';
import type { ClientOptions } from './client.js';
import { path } from './internal/path.js';
import { Transport, type RequestOptions } from './internal/transport.js';
import { paginate } from './resources/resource.js';

export interface AdminClientOptions extends Omit<ClientOptions, 'cache'> {
  /** An admin token (`proximite token create`); sent as `Authorization: Bearer …`. */
  token?: string;
  /**
   * `true`: use the staff session of this browser instead of a token (cookie sent with
   * `credentials: 'include'`, CSRF token handled inside). Sign in with `session.signIn()`.
   */
  session?: boolean;
}

/** The admin API client. */
export interface AdminClient {
  /** Staff sign-in (with `session: true`). */
  session: {
    /** Signs in (`otp`: the authenticator code when the account has one); the cookie is set by the server. */
    signIn(input: StaffSignInInput, options?: RequestOptions): Promise<StaffSession>;
    /** Who is signed in (rejects with `UnauthorizedError` when no one is); refreshes the CSRF token. */
    get(options?: RequestOptions): Promise<StaffSession>;
    /** Signs out and forgets the CSRF token. */
    signOut(options?: RequestOptions): Promise<void>;
    /** Starts setting up the second factor: the secret, its otpauth:// URI and a QR code to show. */
    startTotp(options?: RequestOptions): Promise<TotpEnrolment>;
    /** Confirms it with a first code: enabled, and the session may now work. */
    confirmTotp(otp: string, options?: RequestOptions): Promise<StaffSession>;
    /** Changes one's own password (the account's other sessions end). */
    changePassword(input: PasswordChangeInput, options?: RequestOptions): Promise<void>;
    /** "Forgot password": the server e-mails a reset link if it can (always resolves). */
    requestPasswordReset(email: string, options?: RequestOptions): Promise<void>;
  };
  /** Single sign-on (OpenID Connect): a browser navigation, not a fetch. */
  sso: {
    /** The providers the server offers (for sign-in buttons). */
    providers(options?: RequestOptions): Promise<OidcProvider[]>;
    /**
     * The URL to send the browser to (`location.assign(url)`); it comes back to `returnTo`
     * (default: the staff console's page), with `#proximite-sso-error=<code>` on failure.
     */
    loginUrl(provider: string, returnTo?: string): string;
  };
  /** Invitation and reset links (`#proximite-link=<token>` in the page's URL). */
  links: {
    /** Whose link it is (`NotFoundError` when unknown, used or expired). */
    inspect(token: string, options?: RequestOptions): Promise<StaffLinkInfo>;
    /** Chooses the password with the link; sign in with it afterwards. */
    redeem(token: string, password: string, options?: RequestOptions): Promise<void>;
  };
  staff: {
    list(options?: RequestOptions): Promise<StaffMember[]>;
    /** Invites someone: `link.url` is the single-use invitation link when the server did not e-mail it. */
    invite(input: StaffInviteInput, options?: RequestOptions): Promise<StaffInvitation>;
    get(id: string, options?: RequestOptions): Promise<StaffMember>;
    update(id: string, input: StaffUpdateInput, options?: RequestOptions): Promise<StaffMember>;
    /** Disables the account and signs it out everywhere. */
    disable(id: string, options?: RequestOptions): Promise<StaffMember>;
    enable(id: string, options?: RequestOptions): Promise<StaffMember>;
    /** A single-use reset link (`url` present when the server did not e-mail it). */
    resetPassword(id: string, options?: RequestOptions): Promise<StaffLink>;
    /** Removes the account's second factor (lost phone). */
    resetTotp(id: string, options?: RequestOptions): Promise<StaffMember>;
  };
  services: {
    list(options?: RequestOptions): Promise<Service[]>;
    get(id: string, options?: RequestOptions): Promise<Service>;
    /** A webhook without `secret` gets one, shown once in the answer's `webhookSecret`. */
    create(input: ServiceCreateInput, options?: RequestOptions): Promise<Service>;
    /** Replaces the settings; the stored webhook secret and Open311 key are kept unless given. */
    update(id: string, input: ServiceInput, options?: RequestOptions): Promise<Service>;
    /** Deletes a service nothing is routed to (`ConflictError` otherwise). */
    delete(id: string, options?: RequestOptions): Promise<void>;
  };
  /** Routing rules: category → service, overridden by district. */
  routing: {
    get(options?: RequestOptions): Promise<RoutingTable>;
    /** Replaces the rules (concerns already routed stay where they are). */
    put(input: RoutingRulesInput, options?: RequestOptions): Promise<RoutingTable>;
  };
  /** Response templates (per category and status, fr/en) and the preview of what a resident receives. */
  templates: {
    /** `category`: its own templates and the shared ones; `status`: those of a status. */
    list(query?: ResponseTemplateQuery, options?: RequestOptions): Promise<ResponseTemplate[]>;
    /** Coordinators: one template per category (or shared, `categoryCode: null`) and status. */
    create(input: ResponseTemplateInput, options?: RequestOptions): Promise<ResponseTemplate>;
    update(id: string, input: ResponseTemplateInput, options?: RequestOptions): Promise<ResponseTemplate>;
    delete(id: string, options?: RequestOptions): Promise<void>;
    /**
     * Exactly what the resident of `reference` will receive for this triage — the public update
     * and, when they get e-mail updates, the e-mail — before it is sent. Changes nothing.
     */
    preview(reference: string, input: ConcernPreviewInput, options?: RequestOptions): Promise<ConcernPreview>;
  };
  /** The delivery queue: every message to a service or a resident, its attempts and its state. */
  deliveries: {
    /** A page of deliveries (`concern`: those of one concern — its hand-offs and their state). */
    list(query?: DeliveryListQuery, options?: RequestOptions): Promise<DeliveryPage>;
    /** Tries a failed or waiting delivery again now. */
    retry(id: string, options?: RequestOptions): Promise<Delivery>;
  };
  /** The pseudonymised view of concerns (observers). */
  oversight: {
    list(query?: OversightConcernListQuery, options?: RequestOptions): Promise<OversightConcernPage>;
    iterate(
      query?: Omit<OversightConcernListQuery, 'cursor'>,
      options?: RequestOptions,
    ): AsyncGenerator<OversightConcern>;
    get(reference: string, options?: RequestOptions): Promise<OversightConcern>;
  };
  tokens: {
    list(options?: RequestOptions): Promise<AdminToken[]>;
    create(input: AdminTokenCreateInput, options?: RequestOptions): Promise<AdminTokenCreated>;
    revoke(id: string, options?: RequestOptions): Promise<void>;
  };
  cafes: {
    /** The public list of cafés (`GET /v1/cafes`): a window, a district, paging. */
    list(query?: CafeListQuery, options?: RequestOptions): Promise<CafePage>;
    /**
     * The same list through `GET /v1/admin/cafes` (`cafes:write`), never cached: what the cafés
     * section shows right after a change.
     */
    adminList(query?: CafeListQuery, options?: RequestOptions): Promise<CafePage>;
    /** A café, a series or one occurrence, never cached (`cafes:write`). */
    get(id: string, options?: RequestOptions): Promise<Cafe>;
    create(input: CafeInput, options?: RequestOptions): Promise<Cafe>;
    update(id: string, input: CafeInput, options?: RequestOptions): Promise<Cafe>;
    delete(id: string, options?: RequestOptions): Promise<void>;
    /** Cancels a café, a whole series (its id), or one occurrence (`<series id>~<YYYYMMDDTHHMM>`). */
    cancel(id: string, input?: CafeCancelInput, options?: RequestOptions): Promise<Cafe>;
    /** Copies a café (or a series) to a new start; the copy is scheduled. */
    duplicate(id: string, input: CafeDuplicateInput, options?: RequestOptions): Promise<Cafe>;
    /** Imports the events of an iCalendar text as cafés (as `proximite import-ics`). */
    importIcs(input: CafeImportInput, options?: RequestOptions): Promise<CafeImportResult>;
    /**
     * The stored report of a café as `putReport` takes it (with its concern references), to edit
     * it: `putReport(id, (await getReport(id)).report)` changes nothing. `NotFoundError` when none.
     */
    getReport(id: string, options?: RequestOptions): Promise<AdminMeetingReport>;
    /** Publishes (or replaces) the public report of a café. */
    putReport(id: string, input: MeetingReportInput, options?: RequestOptions): Promise<PastMeeting>;
    /** Withdraws the public report of a café. */
    deleteReport(id: string, options?: RequestOptions): Promise<void>;
    /**
     * Café mode: notes a concern a resident raised at café `id` (routed like any other). Give the
     * same `idempotencyKey` on every retry of one note (the field outbox keeps it across reloads).
     */
    noteConcern(
      id: string,
      input: CafeConcernInput,
      options?: RequestOptions & { idempotencyKey?: string },
    ): Promise<ConcernReceipt>;
  };
  concerns: {
    /**
     * A page of the inbox: filters (`status` one or several comma-separated, `category`, `service`,
     * `district`, `assignee` = `me` | `none` | a staff id, `overdue`, `quarantined`, `q`), `sort`
     * (`-received` by default, `received`, `due`, `-due`), keyset paging; `total` counts all pages.
     */
    list(query?: AdminConcernListQuery, options?: RequestOptions): Promise<AdminConcernPage>;
    iterate(
      query?: Omit<AdminConcernListQuery, 'cursor'>,
      options?: RequestOptions,
    ): AsyncGenerator<InboxItem>;
    /** One concern, with contact details (reading them is audited) and its internal history. */
    get(reference: string, options?: RequestOptions): Promise<AdminConcern>;
    /** Status, public update, internal note, category, referral, quarantine and/or `assigneeId` (null unassigns). */
    triage(reference: string, input: ConcernTriageInput, options?: RequestOptions): Promise<AdminConcern>;
    /** Assigns the concern to a staff member (`null`: unassigns it). */
    assign(reference: string, assigneeId: string | null, options?: RequestOptions): Promise<AdminConcern>;
    /** Who the concern can be assigned to (names only). */
    assignees(reference: string, options?: RequestOptions): Promise<StaffRef[]>;
    /**
     * The same change to up to 100 concerns, each on its own: resolves with one outcome per
     * reference (`ok`, or the `problem` that one met); the others are changed all the same.
     */
    bulk(input: ConcernBulkInput, options?: RequestOptions): Promise<ConcernBulkResult>;
    /**
     * The inbox as CSV text (the filters and sort of `list`, every page; `contacts: 'true'` for an
     * admin or a coordinator). The server sends a byte-order mark that `fetch` drops: put
     * `'\ufeff'` back in front when saving it for a spreadsheet.
     */
    exportCsv(query?: AdminConcernExportQuery, options?: RequestOptions): Promise<string>;
    /**
     * The URL of that CSV, for a download link in a page signed in with a session (the cookie goes
     * with the navigation; a token cannot).
     */
    exportUrl(query?: AdminConcernExportQuery): string;
    /** Lets observers read the concern's description, address and answers (or stops it). */
    share(reference: string, shareable: boolean, options?: RequestOptions): Promise<AdminConcern>;
  };
  priorities: {
    /** Every priority, drafts included, with whether it is published and how many residents were told. */
    list(options?: RequestOptions): Promise<AdminPriority[]>;
    /** Publishes it (public, and its residents told once its action is carried out). */
    publish(id: string, options?: RequestOptions): Promise<AdminPriority>;
    create(input: PriorityInput, options?: RequestOptions): Promise<Priority>;
    update(id: string, input: PriorityInput, options?: RequestOptions): Promise<Priority>;
    delete(id: string, options?: RequestOptions): Promise<void>;
  };
  stats: {
    /** The municipal activity counters as the public widget reads them (`GET /v1/stats`). */
    activity(query?: StatsQuery, options?: RequestOptions): Promise<ActivityCounter[]>;
    putActivity(input: ActivityCountersInput, options?: RequestOptions): Promise<ActivityCounter[]>;
  };
  rights: {
    getOverrides(options?: RequestOptions): Promise<RightsOverrides>;
    putOverrides(input: RightsOverrides, options?: RequestOptions): Promise<RightsOverrides>;
  };
  audit: {
    list(query?: AuditListQuery, options?: RequestOptions): Promise<AuditPage>;
    iterate(query?: Omit<AuditListQuery, 'cursor'>, options?: RequestOptions): AsyncGenerator<AuditEntry>;
    verify(options?: RequestOptions): Promise<AuditVerifyResult>;
  };
}

type Write = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Creates a client of the admin API: `{ baseUrl, token }` or `{ baseUrl, session: true }`. */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const session = options?.session === true;
  if (session === (typeof options?.token === 'string' && options.token !== ''))
    throw new TypeError('createAdminClient: give either `token` or `session: true`');
  if (typeof options.baseUrl !== 'string' || options.baseUrl === '')
    throw new TypeError('createAdminClient: `baseUrl` is required');
  const retry = typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {});
  const t = new Transport({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    lang: options.lang,
    timeout: options.timeout ?? 10_000,
    retry: { limit: retry.limit ?? 2, backoffLimit: retry.backoffLimit ?? 30_000 },
    headers: session
      ? { ...options.headers }
      : { ...options.headers, authorization: `Bearer ${options.token}` },
    cache: undefined,
    credentials: session ? 'include' : undefined,
  });

  let csrf: string | undefined;
  const remember = (s: StaffSession): StaffSession => {
    csrf = s.csrfToken;
    return s;
  };
  const getSession = async (o?: RequestOptions) =>
    remember(await t.get('/v1/staff/session', undefined, StaffSession, o));

  /** A write: with a session, carries the CSRF token (fetched when missing, and again once if refused). */
  async function write<T>(
    method: Write,
    pathname: string,
    json: unknown,
    schema: z.ZodMiniType<T> | undefined,
    o?: RequestOptions,
    idempotencyKey?: string,
  ): Promise<T> {
    const attempt = async (): Promise<T> => {
      const headers: Record<string, string> = session && csrf !== undefined ? { 'x-csrf-token': csrf } : {};
      const spec = {
        method,
        path: pathname,
        headers,
        ...(json !== undefined ? { json } : {}),
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      };
      if (schema === undefined) return void (await t.send(spec, o)) as T;
      return t.json(spec, schema, o);
    };
    if (!session) return attempt();
    if (csrf === undefined) await getSession(o);
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ApiError && error.problem.type === PROBLEM_TYPES.csrf)) throw error;
      await getSession(o);
      return attempt();
    }
  }

  const concernsList = (query: AdminConcernListQuery = {}, o?: RequestOptions) =>
    t.get('/v1/admin/concerns', query, AdminConcernPage, o);
  const auditList = (query: AuditListQuery = {}, o?: RequestOptions) =>
    t.get('/v1/admin/audit', query, AuditPage, o);
  const oversightList = (query: OversightConcernListQuery = {}, o?: RequestOptions) =>
    t.get('/v1/admin/oversight/concerns', query, OversightConcernPage, o);
  const updateStaff = (id: string, input: StaffUpdateInput, o?: RequestOptions) =>
    write('PATCH', path`/v1/admin/staff/${id}`, input, StaffMember, o);
  return {
    session: {
      signIn: async (input, o) =>
        remember(await t.json({ method: 'POST', path: '/v1/staff/session', json: input }, StaffSession, o)),
      get: getSession,
      signOut: async (o) => {
        try {
          await write('DELETE', '/v1/staff/session', undefined, undefined, o);
        } catch (error) {
          // Already signed out (the session had ended): nothing left to do.
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        } finally {
          csrf = undefined;
        }
      },
      startTotp: (o) => write('POST', '/v1/staff/totp', undefined, TotpEnrolment, o),
      confirmTotp: async (otp, o) =>
        remember(await write('POST', '/v1/staff/totp/confirm', { otp }, StaffSession, o)),
      changePassword: (input, o) => write('POST', '/v1/staff/password', input, undefined, o),
      requestPasswordReset: async (email, o) =>
        void (await t.send({ method: 'POST', path: '/v1/staff/password-reset', json: { email } }, o)),
    },
    sso: {
      providers: async (o) => (await t.get('/v1/staff/oidc/providers', undefined, OidcProviderList, o)).items,
      loginUrl: (provider, returnTo) =>
        t.url('/v1/staff/oidc/login', { provider, ...(returnTo !== undefined ? { returnTo } : {}) }),
    },
    links: {
      inspect: (token, o) =>
        t.json({ method: 'POST', path: '/v1/staff/links/inspect', json: { token } }, StaffLinkInfo, o),
      redeem: async (token, password, o) =>
        void (await t.send({ method: 'POST', path: '/v1/staff/links/redeem', json: { token, password } }, o)),
    },
    staff: {
      list: async (o) => (await t.get('/v1/admin/staff', undefined, StaffList, o)).items,
      invite: (input, o) => write('POST', '/v1/admin/staff', input, StaffInvitation, o),
      get: (id, o) => t.get(path`/v1/admin/staff/${id}`, undefined, StaffMember, o),
      update: updateStaff,
      disable: (id, o) => updateStaff(id, { status: 'disabled' }, o),
      enable: (id, o) => updateStaff(id, { status: 'active' }, o),
      resetPassword: (id, o) =>
        write('POST', path`/v1/admin/staff/${id}/password-reset`, undefined, StaffLink, o),
      resetTotp: (id, o) => write('POST', path`/v1/admin/staff/${id}/totp-reset`, undefined, StaffMember, o),
    },
    services: {
      list: async (o) => (await t.get('/v1/admin/services', undefined, ServiceList, o)).items,
      get: (id, o) => t.get(path`/v1/admin/services/${id}`, undefined, Service, o),
      create: (input, o) => write('POST', '/v1/admin/services', input, Service, o),
      update: (id, input, o) => write('PUT', path`/v1/admin/services/${id}`, input, Service, o),
      delete: (id, o) => write('DELETE', path`/v1/admin/services/${id}`, undefined, undefined, o),
    },
    routing: {
      get: (o) => t.get('/v1/admin/routing-rules', undefined, RoutingTable, o),
      put: (input, o) => write('PUT', '/v1/admin/routing-rules', input, RoutingTable, o),
    },
    templates: {
      list: async (query = {}, o) =>
        (await t.get('/v1/admin/templates', query, ResponseTemplateList, o)).items,
      create: (input, o) => write('POST', '/v1/admin/templates', input, ResponseTemplate, o),
      update: (id, input, o) => write('PUT', path`/v1/admin/templates/${id}`, input, ResponseTemplate, o),
      delete: (id, o) => write('DELETE', path`/v1/admin/templates/${id}`, undefined, undefined, o),
      preview: (reference, input, o) =>
        write('POST', path`/v1/admin/concerns/${reference}/preview`, input, ConcernPreview, o),
    },
    deliveries: {
      list: (query = {}, o) => t.get('/v1/admin/deliveries', query, DeliveryPage, o),
      retry: (id, o) => write('POST', path`/v1/admin/deliveries/${id}/retry`, undefined, Delivery, o),
    },
    oversight: {
      list: oversightList,
      iterate: (query = {}, o) => paginate((cursor) => oversightList({ ...query, cursor }, o)),
      get: (reference, o) =>
        t.get(path`/v1/admin/oversight/concerns/${reference}`, undefined, OversightConcern, o),
    },
    tokens: {
      list: async (o) => (await t.get('/v1/admin/tokens', undefined, AdminTokenList, o)).items,
      create: (input, o) => write('POST', '/v1/admin/tokens', input, AdminTokenCreated, o),
      revoke: (id, o) => write('DELETE', path`/v1/admin/tokens/${id}`, undefined, undefined, o),
    },
    cafes: {
      list: (query = {}, o) => t.get('/v1/cafes', query, CafePage, o),
      adminList: (query = {}, o) => t.get('/v1/admin/cafes', query, CafePage, o),
      get: (id, o) => t.get(path`/v1/admin/cafes/${id}`, undefined, Cafe, o),
      create: (input, o) => write('POST', '/v1/admin/cafes', input, Cafe, o),
      update: (id, input, o) => write('PUT', path`/v1/admin/cafes/${id}`, input, Cafe, o),
      delete: (id, o) => write('DELETE', path`/v1/admin/cafes/${id}`, undefined, undefined, o),
      cancel: (id, input = {}, o) => write('POST', path`/v1/admin/cafes/${id}/cancel`, input, Cafe, o),
      duplicate: (id, input, o) => write('POST', path`/v1/admin/cafes/${id}/duplicate`, input, Cafe, o),
      importIcs: (input, o) => write('POST', '/v1/admin/cafes/import', input, CafeImportResult, o),
      getReport: (id, o) => t.get(path`/v1/admin/cafes/${id}/report`, undefined, AdminMeetingReport, o),
      putReport: (id, input, o) => write('PUT', path`/v1/admin/cafes/${id}/report`, input, PastMeeting, o),
      deleteReport: (id, o) => write('DELETE', path`/v1/admin/cafes/${id}/report`, undefined, undefined, o),
      noteConcern: (id, input, o = {}) => {
        const { idempotencyKey = crypto.randomUUID(), ...rest } = o;
        return write(
          'POST',
          path`/v1/admin/cafes/${id}/concerns`,
          input,
          ConcernReceipt,
          rest,
          idempotencyKey,
        );
      },
    },
    concerns: {
      list: concernsList,
      iterate: (query = {}, o) => paginate((cursor) => concernsList({ ...query, cursor }, o)),
      get: (reference, o) => t.get(path`/v1/admin/concerns/${reference}`, undefined, AdminConcern, o),
      triage: (reference, input, o) =>
        write('POST', path`/v1/admin/concerns/${reference}/triage`, input, AdminConcern, o),
      assign: (reference, assigneeId, o) =>
        write('POST', path`/v1/admin/concerns/${reference}/triage`, { assigneeId }, AdminConcern, o),
      bulk: (input, o) => write('POST', '/v1/admin/concerns/bulk', input, ConcernBulkResult, o),
      exportCsv: async (query = {}, o) =>
        (
          await t.send(
            { method: 'GET', path: '/v1/admin/concerns.csv', query, headers: { accept: 'text/csv' } },
            o,
          )
        ).text,
      exportUrl: (query = {}) => t.url('/v1/admin/concerns.csv', query),
      assignees: async (reference, o) =>
        (await t.get(path`/v1/admin/concerns/${reference}/assignees`, undefined, AssigneeList, o)).items,
      share: (reference, shareable, o) =>
        write('POST', path`/v1/admin/concerns/${reference}/share`, { shareable }, AdminConcern, o),
    },
    priorities: {
      list: async (o) => (await t.get('/v1/admin/priorities', undefined, AdminPriorityList, o)).items,
      publish: (id, o) =>
        write('POST', path`/v1/admin/priorities/${id}/publish`, undefined, AdminPriority, o),
      create: (input, o) => write('POST', '/v1/admin/priorities', input, Priority, o),
      update: (id, input, o) => write('PUT', path`/v1/admin/priorities/${id}`, input, Priority, o),
      delete: (id, o) => write('DELETE', path`/v1/admin/priorities/${id}`, undefined, undefined, o),
    },
    stats: {
      activity: async (query = {}, o) => (await t.get('/v1/stats', query, StatsActivityView, o)).activity,
      putActivity: async (input, o) =>
        (await write('PUT', '/v1/admin/stats/activity', input, ActivityCounterList, o)).items,
    },
    rights: {
      getOverrides: (o) => t.get('/v1/admin/rights/overrides', undefined, RightsOverrides, o),
      putOverrides: (input, o) => write('PUT', '/v1/admin/rights/overrides', input, RightsOverrides, o),
    },
    audit: {
      list: auditList,
      iterate: (query = {}, o) => paginate((cursor) => auditList({ ...query, cursor }, o)),
      verify: (o) => t.get('/v1/admin/audit/verify', undefined, AuditVerifyResult, o),
    },
  };
}
