/**
 * `@proximite/sdk/admin.js` — the admin API (`/v1/admin/…`) with a scoped bearer token. Separate
 * from the public client so that public pages never load it. Nothing is cached; the token is
 * redacted from every error. Every change is written to the server's audit log.
 */
import {
  ActivityCounterList,
  AdminConcern,
  AdminConcernPage,
  AdminTokenCreated,
  AdminTokenList,
  AuditPage,
  AuditVerifyResult,
  Cafe,
  Priority,
  RightsOverrides,
  type ActivityCounter,
  type ActivityCountersInput,
  type AdminConcernListQuery,
  type AdminToken,
  type AdminTokenCreateInput,
  type AuditEntry,
  type AuditListQuery,
  type CafeCancelInput,
  type CafeInput,
  type ConcernTriageInput,
  type PriorityInput,
} from '@proximite/contract';
import type { ClientOptions } from './client.js';
import { path } from './internal/path.js';
import { Transport, type RequestOptions } from './internal/transport.js';
import { paginate } from './resources/resource.js';

export interface AdminClientOptions extends Omit<ClientOptions, 'cache'> {
  /** An admin token (`proximite token create`); sent as `Authorization: Bearer …`. */
  token: string;
}

/** The admin API client. */
export interface AdminClient {
  tokens: {
    list(options?: RequestOptions): Promise<AdminToken[]>;
    create(input: AdminTokenCreateInput, options?: RequestOptions): Promise<AdminTokenCreated>;
    revoke(id: string, options?: RequestOptions): Promise<void>;
  };
  cafes: {
    create(input: CafeInput, options?: RequestOptions): Promise<Cafe>;
    update(id: string, input: CafeInput, options?: RequestOptions): Promise<Cafe>;
    delete(id: string, options?: RequestOptions): Promise<void>;
    cancel(id: string, input?: CafeCancelInput, options?: RequestOptions): Promise<Cafe>;
  };
  concerns: {
    list(query?: AdminConcernListQuery, options?: RequestOptions): Promise<AdminConcernPage>;
    iterate(
      query?: Omit<AdminConcernListQuery, 'cursor'>,
      options?: RequestOptions,
    ): AsyncGenerator<AdminConcern>;
    get(reference: string, options?: RequestOptions): Promise<AdminConcern>;
    triage(reference: string, input: ConcernTriageInput, options?: RequestOptions): Promise<AdminConcern>;
  };
  priorities: {
    create(input: PriorityInput, options?: RequestOptions): Promise<Priority>;
    update(id: string, input: PriorityInput, options?: RequestOptions): Promise<Priority>;
    delete(id: string, options?: RequestOptions): Promise<void>;
  };
  stats: {
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

/** Creates a client of the admin API. */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  if (typeof options?.token !== 'string' || options.token === '')
    throw new TypeError('createAdminClient: `token` is required');
  if (typeof options.baseUrl !== 'string' || options.baseUrl === '')
    throw new TypeError('createAdminClient: `baseUrl` is required');
  const retry = typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {});
  const t = new Transport({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    lang: options.lang,
    timeout: options.timeout ?? 10_000,
    retry: { limit: retry.limit ?? 2, backoffLimit: retry.backoffLimit ?? 30_000 },
    headers: { ...options.headers, authorization: `Bearer ${options.token}` },
    cache: undefined,
  });
  const none = async (method: 'DELETE', pathname: string, requestOptions?: RequestOptions): Promise<void> =>
    void (await t.send({ method, path: pathname }, requestOptions));
  const concernsList = (query: AdminConcernListQuery = {}, o?: RequestOptions) =>
    t.get('/v1/admin/concerns', query, AdminConcernPage, o);
  const auditList = (query: AuditListQuery = {}, o?: RequestOptions) =>
    t.get('/v1/admin/audit', query, AuditPage, o);
  return {
    tokens: {
      list: async (o) => (await t.get('/v1/admin/tokens', undefined, AdminTokenList, o)).items,
      create: (input, o) =>
        t.json({ method: 'POST', path: '/v1/admin/tokens', json: input }, AdminTokenCreated, o),
      revoke: (id, o) => none('DELETE', path`/v1/admin/tokens/${id}`, o),
    },
    cafes: {
      create: (input, o) => t.json({ method: 'POST', path: '/v1/admin/cafes', json: input }, Cafe, o),
      update: (id, input, o) =>
        t.json({ method: 'PUT', path: path`/v1/admin/cafes/${id}`, json: input }, Cafe, o),
      delete: (id, o) => none('DELETE', path`/v1/admin/cafes/${id}`, o),
      cancel: (id, input = {}, o) =>
        t.json({ method: 'POST', path: path`/v1/admin/cafes/${id}/cancel`, json: input }, Cafe, o),
    },
    concerns: {
      list: concernsList,
      iterate: (query = {}, o) => paginate((cursor) => concernsList({ ...query, cursor }, o)),
      get: (reference, o) => t.get(path`/v1/admin/concerns/${reference}`, undefined, AdminConcern, o),
      triage: (reference, input, o) =>
        t.json(
          { method: 'POST', path: path`/v1/admin/concerns/${reference}/triage`, json: input },
          AdminConcern,
          o,
        ),
    },
    priorities: {
      create: (input, o) =>
        t.json({ method: 'POST', path: '/v1/admin/priorities', json: input }, Priority, o),
      update: (id, input, o) =>
        t.json({ method: 'PUT', path: path`/v1/admin/priorities/${id}`, json: input }, Priority, o),
      delete: (id, o) => none('DELETE', path`/v1/admin/priorities/${id}`, o),
    },
    stats: {
      putActivity: async (input, o) =>
        (
          await t.json(
            { method: 'PUT', path: '/v1/admin/stats/activity', json: input },
            ActivityCounterList,
            o,
          )
        ).items,
    },
    rights: {
      getOverrides: (o) => t.get('/v1/admin/rights/overrides', undefined, RightsOverrides, o),
      putOverrides: (input, o) =>
        t.json({ method: 'PUT', path: '/v1/admin/rights/overrides', json: input }, RightsOverrides, o),
    },
    audit: {
      list: auditList,
      iterate: (query = {}, o) => paginate((cursor) => auditList({ ...query, cursor }, o)),
      verify: (o) => t.get('/v1/admin/audit/verify', undefined, AuditVerifyResult, o),
    },
  };
}
