/**
 * Forwarding to a city's existing system through the SDK's Open311 adapter, and reading its status
 * changes back.
 *
 * Forward: `POST requests` with the service's `service_code`, the concern's text (with its answers
 * and Proximité reference, since the receiving system does not know our questions), its place, and
 * the resident's contact only for a service allowed to see it. The `service_request_id` (or the
 * `token` to exchange for it later) is stored. Open311 has no idempotency key: a request whose
 * answer was lost may be stored twice by the endpoint, so a POST that may have reached it — no
 * answer within the time-out, a connection cut, an answer that cannot be read — is not retried
 * automatically (it is marked failed, to be checked and retried by hand); only a POST that never
 * got a connection (refused, no address) is retried by itself.
 *
 * Read back (every few minutes, one instance at a time): FixMyStreet's `servicerequestupdates`
 * when the endpoint offers it (`auto` tries it first), `requests/{id}` otherwise. A new status or
 * note becomes a public update of the concern (and its status), audited as `system:open311`; the
 * first read-back of a request still in the status it was sent in is only recorded.
 */
import type { LookupAddress } from 'node:dns';
import { fromFixMyStreetStatus } from '@proximite/contract';
import type { ConcernInput, LocalizedText, ServiceDelivery } from '@proximite/contract';
import { createOpen311Client } from '@proximite/sdk/adapters/open311.js';
import { ApiError, ResponseValidationError } from '@proximite/sdk';
import type { Database } from '../db/database.js';
import { audited } from '../services/audited.js';
import { CLOSED_STATUSES, transitionAllowed } from '../store/concerns.js';
import type { Outbox } from './outbox.js';
import { notifyResident } from './resident.js';
import { getServiceRecord } from '../store/services.js';
import type { ServiceRecord } from '../store/services.js';
import { newId } from '../util.js';
import type { ConcernForDelivery } from './render.js';
import { OutgoingRequestError, safeFetch } from './safe-http.js';

export interface Open311Http {
  allowPrivate: boolean;
  timeoutMs: number;
  resolve?: ((host: string) => Promise<LookupAddress[]>) | undefined;
  /** Where a read-back change queues the resident's message (when they asked for e-mail updates). */
  outbox?: Outbox | undefined;
}

/** An error that retrying cannot fix (`permanent`). */
export class Open311ForwardError extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.name = 'Open311ForwardError';
    this.permanent = permanent;
  }
}

/** The outgoing requests of an Open311 client: `safeFetch` with the server's rules. */
function open311Fetch(http: Open311Http): typeof globalThis.fetch {
  return safeFetch({ allowPrivate: http.allowPrivate, timeoutMs: http.timeoutMs, resolve: http.resolve });
}

function client(
  delivery: ServiceDelivery,
  apiKey: string | null,
  http: Open311Http,
  fetch: typeof globalThis.fetch = open311Fetch(http),
) {
  return createOpen311Client({
    baseUrl: (delivery.endpoint ?? '').replace(/\/+$/, ''),
    ...(apiKey !== null ? { apiKey } : {}),
    ...(delivery.jurisdictionId !== undefined ? { jurisdictionId: delivery.jurisdictionId } : {}),
    fetch,
    timeout: http.timeoutMs,
    retry: 0,
  });
}

/**
 * `base` that remembers whether a POST may have reached the endpoint: it has unless it failed
 * before its connection was up (refused by the SSRF rule, no address, connection refused, not
 * connected in time).
 */
function postWatchingFetch(base: typeof globalThis.fetch): {
  fetch: typeof globalThis.fetch;
  posted: () => boolean;
} {
  let posted = false;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const post = (init?.method ?? 'GET').toUpperCase() === 'POST';
    try {
      const response = await base(input, init);
      if (post) posted = true;
      return response;
    } catch (error) {
      if (post && !(error instanceof OutgoingRequestError && !error.connected)) posted = true;
      throw error;
    }
  };
  return { fetch, posted: () => posted };
}

/** The description sent: the resident's text, their answers, and the Proximité reference (≤ 4000 characters). */
export function forwardDescription(loaded: ConcernForDelivery): string {
  const c = loaded.concern;
  const answers = c.answers.map((a) => `${a.label.fr} : ${a.value}`);
  const tail = [
    ...(answers.length > 0 ? ['', ...answers] : []),
    ...(c.location.district ? [`Quartier : ${c.location.district}`] : []),
    '',
    `Référence Proximité : ${c.reference}`,
  ].join('\n');
  const room = 4000 - tail.length - 2;
  const text =
    c.description.length > room ? `${c.description.slice(0, Math.max(0, room - 1))}…` : c.description;
  return `${text}\n${tail}`;
}

/**
 * The resident's answers the remote service defines, as FixMyStreet sends them: its service
 * definition (`GET services/{code}.json`) lists attribute codes; an answer with the same code (and,
 * for a list, only keys the endpoint offers) is sent as `attribute[code]`. A system with other codes
 * gets none (the answers are in the description anyway); a definition that cannot be read sends none.
 */
export async function remoteAttributes(
  service: ServiceRecord,
  answers: Record<string, string | number | string[]>,
  http: Open311Http,
): Promise<Record<string, string | number | string[]>> {
  const d = service.delivery;
  if (Object.keys(answers).length === 0 || d.endpoint === undefined || d.serviceCode === undefined) return {};
  const url = new URL(`${d.endpoint.replace(/\/+$/, '')}/services/${encodeURIComponent(d.serviceCode)}.json`);
  if (d.jurisdictionId !== undefined) url.searchParams.set('jurisdiction_id', d.jurisdictionId);
  let definition: unknown;
  try {
    const f = safeFetch({
      allowPrivate: http.allowPrivate,
      timeoutMs: http.timeoutMs,
      resolve: http.resolve,
    });
    const response = await f(url.toString(), { headers: { accept: 'application/json' } });
    if (!response.ok) return {};
    definition = await response.json();
  } catch {
    return {};
  }
  const body = definition as { attributes?: unknown; service_definition?: { attributes?: unknown } } | null;
  const list = body?.attributes ?? body?.service_definition?.attributes;
  if (!Array.isArray(list)) return {};
  const out: Record<string, string | number | string[]> = {};
  for (const a of list as { code?: unknown; variable?: unknown; values?: unknown }[]) {
    if (typeof a.code !== 'string' || a.variable === false || a.variable === 'false') continue;
    const answer = answers[a.code];
    if (answer === undefined) continue;
    const keys = Array.isArray(a.values)
      ? new Set((a.values as { key?: unknown }[]).map((v) => String(v.key)))
      : undefined;
    const given = Array.isArray(answer) ? answer : [answer];
    if (keys !== undefined && keys.size > 0 && !given.every((v) => keys.has(String(v)))) continue;
    out[a.code] = answer;
  }
  return out;
}

/** Forwards a concern; returns the remote id (or `token:…` until the endpoint assigns one). */
export async function forwardToOpen311(
  db: Database,
  now: Date,
  service: ServiceRecord,
  loaded: ConcernForDelivery,
  http: Open311Http,
): Promise<{ remoteId: string }> {
  const d = service.delivery;
  if (d.method !== 'open311' || d.endpoint === undefined || d.serviceCode === undefined)
    throw new Open311ForwardError(`the service now delivers by ${d.method}, not Open311`, true);
  const c = loaded.concern;
  const location: ConcernInput['location'] = {
    ...(c.location.address !== undefined ? { address: c.location.address } : {}),
    ...(c.location.lat !== undefined && c.location.lon !== undefined
      ? { lat: c.location.lat, lon: c.location.lon }
      : {}),
  };
  if (location.address === undefined && location.lat === undefined)
    location.address = c.location.district ?? 'Non précisé';
  const attributes = await remoteAttributes(service, loaded.attributes, http);
  const input: ConcernInput = {
    categoryCode: d.serviceCode,
    description: forwardDescription(loaded),
    location,
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(c.contact !== undefined
      ? {
          contact: {
            ...(c.contact.name !== undefined ? { name: c.contact.name } : {}),
            ...(c.contact.email !== undefined ? { email: c.contact.email } : {}),
            ...(c.contact.phone !== undefined ? { phone: c.contact.phone } : {}),
          },
        }
      : {}),
  };
  let reference: string;
  const watch = postWatchingFetch(open311Fetch(http));
  try {
    const receipt = await client(d, service.secret, http, watch.fetch).concerns.submit(input);
    reference = receipt.reference;
  } catch (error) {
    if (error instanceof ApiError) {
      const permanent = [400, 401, 403, 404, 422].includes(error.status);
      throw new Open311ForwardError(`Open311 ${error.status}: ${error.message}`.slice(0, 500), permanent);
    }
    if (error instanceof ResponseValidationError)
      throw new Open311ForwardError(
        `the endpoint answered without a readable id (${error.message.slice(0, 200)}): it may have stored the request — check before retrying`,
        true,
      );
    const cause = (error as { cause?: unknown }).cause;
    const message = [
      (error as Error).message ?? String(error),
      ...(cause instanceof Error && cause.message !== '' ? [`(${cause.message})`] : []),
    ]
      .join(' ')
      .slice(0, 300);
    // Sent, but the answer was lost (a time-out, a connection cut): Open311 has no idempotency key,
    // so a second POST could be a second request at the city. Failed, for a person to check.
    if (watch.posted())
      throw new Open311ForwardError(
        `${message}: the endpoint may have stored the request — check before retrying`,
        true,
      );
    // Nothing reached the endpoint (no connection): safe to try again later.
    throw new Open311ForwardError(message, false);
  }
  const token = reference.startsWith('token:') ? reference.slice(6) : null;
  await db.query(
    `INSERT INTO open311_forwards (concern_id, service_id, remote_id, remote_token, forwarded_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (concern_id, service_id) DO UPDATE SET remote_id = EXCLUDED.remote_id, remote_token = EXCLUDED.remote_token`,
    [loaded.id, service.id, token === null ? reference : null, token, now.toISOString()],
  );
  return { remoteId: reference };
}

// ---------------------------------------------------------------------------
// Reading status changes back

interface ForwardRow {
  concern_id: string;
  service_id: string;
  remote_id: string | null;
  remote_token: string | null;
  remote_status: string | null;
  remote_notes: string | null;
  remote_updated_at: string | null;
}

/** The endpoints that answered that they have no `servicerequestupdates` (per process). */
const noUpdatesEndpoint = new Set<string>();

/** A remote change, applied to the concern when it says something new. */
interface RemoteChange {
  status: string;
  notes: string | null;
  updatedAt: string | null;
}

const REMOTE_TEXT: Record<string, LocalizedText> = {
  received: { fr: 'Le service a enregistré le signalement.', en: 'The service has logged the report.' },
  'in-progress': { fr: 'Le service traite le signalement.', en: 'The service is dealing with the report.' },
  'action-scheduled': { fr: 'Une intervention est programmée.', en: 'An intervention is scheduled.' },
  referred: { fr: 'Le service a transmis le signalement.', en: 'The service passed the report on.' },
  resolved: {
    fr: 'Le service indique que le problème est réglé.',
    en: 'The service says the problem is fixed.',
  },
  closed: { fr: 'Le service a clos le signalement.', en: 'The service closed the report.' },
  duplicate: {
    fr: 'Le service l’a rattaché à un signalement existant.',
    en: 'The service linked it to an existing report.',
  },
  'not-responsible': {
    fr: 'Le service indique que ce n’est pas de son ressort.',
    en: 'The service says this is not its responsibility.',
  },
};

/** Applies `change` to the concern of `f` when it differs from what was last seen. */
async function applyChange(
  db: Database,
  now: Date,
  f: ForwardRow,
  change: RemoteChange,
  outbox?: Outbox,
): Promise<boolean> {
  if (change.status === (f.remote_status ?? '') && (change.notes ?? '') === (f.remote_notes ?? '')) {
    await db.query('UPDATE open311_forwards SET polled_at = $3 WHERE concern_id = $1 AND service_id = $2', [
      f.concern_id,
      f.service_id,
      now.toISOString(),
    ]);
    return false;
  }
  return audited({ db }, now, { kind: 'system', name: 'open311' }, async (u) => {
    const rows = await u.tx.query<{
      reference: string;
      status: string;
      service: { id: string };
      closed_at: Date | null;
    }>('SELECT reference, status, service, closed_at FROM concerns WHERE id = $1 FOR UPDATE', [f.concern_id]);
    const concern = rows[0];
    const closed = CLOSED_STATUSES.includes(change.status);
    await u.tx.query(
      `UPDATE open311_forwards SET remote_status = $3, remote_notes = $4, remote_updated_at = $5, polled_at = $6,
         closed = $7 WHERE concern_id = $1 AND service_id = $2`,
      [f.concern_id, f.service_id, change.status, change.notes, change.updatedAt, now.toISOString(), closed],
    );
    // Only the service that holds the concern now speaks for it.
    if (concern === undefined || concern.service.id !== f.service_id) return false;
    // The first read-back of a request still in the state we sent it in is the baseline, not news
    // (its notes are the remote system's own receipt text).
    if (f.remote_status === null && change.status === concern.status) return false;
    const status = transitionAllowed(concern.status, change.status) ? change.status : concern.status;
    const at = now.toISOString();
    const closedAt = CLOSED_STATUSES.includes(status)
      ? concern.closed_at !== null
        ? concern.closed_at
        : at
      : null;
    await u.tx.query('UPDATE concerns SET status = $2, updated_at = $3, closed_at = $4 WHERE id = $1', [
      f.concern_id,
      status,
      at,
      closedAt,
    ]);
    const text: LocalizedText =
      change.notes !== null && change.notes.trim() !== ''
        ? { fr: change.notes.trim().slice(0, 2000) }
        : (REMOTE_TEXT[status] ?? {
            fr: 'Le service a mis à jour le signalement.',
            en: 'The service updated the report.',
          });
    await u.tx.query(
      'INSERT INTO concern_updates (id, concern_id, at, status, text) VALUES ($1, $2, $3, $4, $5::jsonb)',
      [newId(), f.concern_id, at, status, JSON.stringify(text)],
    );
    // The resident hears of it as of any public update.
    if (outbox !== undefined)
      await notifyResident(u.tx, now, outbox, f.concern_id, {
        kind: status !== concern.status && CLOSED_STATUSES.includes(status) ? 'closure' : 'update',
        at,
        status,
        text,
      });
    await u.audit({
      action: 'concern.remote-update',
      target: `concern:${concern.reference}`,
      detail: { service: f.service_id, remoteId: f.remote_id, status: `${concern.status}->${status}` },
    });
    return true;
  });
}

/** The contract status of an Open311 status (FixMyStreet's extended code first). */
function statusOf(status: string | undefined, external: string | undefined): string {
  return (
    (external ? fromFixMyStreetStatus(external) : null) ??
    (status ? fromFixMyStreetStatus(status) : null) ??
    (status?.toLowerCase() === 'closed' ? 'closed' : 'in-progress')
  );
}

interface UpdateItem {
  service_request_id?: unknown;
  status?: unknown;
  external_status_code?: unknown;
  description?: unknown;
  updated_datetime?: unknown;
}

/** Reads `servicerequestupdates.json` since `since`; `undefined` when the endpoint has none. */
async function fetchUpdates(
  service: ServiceRecord,
  since: string,
  http: Open311Http,
): Promise<UpdateItem[] | undefined> {
  const d = service.delivery;
  const url = new URL(`${(d.endpoint ?? '').replace(/\/+$/, '')}/servicerequestupdates.json`);
  url.searchParams.set('start_date', since);
  if (d.jurisdictionId !== undefined) url.searchParams.set('jurisdiction_id', d.jurisdictionId);
  if (service.secret !== null) url.searchParams.set('api_key', service.secret);
  const f = safeFetch({ allowPrivate: http.allowPrivate, timeoutMs: http.timeoutMs, resolve: http.resolve });
  const response = await f(url.toString(), { headers: { accept: 'application/json' } });
  if (response.status === 404 || response.status === 400 || response.status === 501) return undefined;
  if (!response.ok) throw new Error(`servicerequestupdates: HTTP ${response.status}`);
  const body = (await response.json()) as unknown;
  const list = Array.isArray(body)
    ? body
    : ((body as { service_request_updates?: unknown; request_updates?: unknown } | null)
        ?.service_request_updates ?? (body as { request_updates?: unknown } | null)?.request_updates);
  return Array.isArray(list) ? (list as UpdateItem[]) : [];
}

/** One round of reading back every Open311 service's open forwards. Returns the changes applied. */
export async function pollOpen311(db: Database, now: Date, http: Open311Http): Promise<number> {
  const services = await db.query<{ id: string }>(
    `SELECT DISTINCT f.service_id AS id FROM open311_forwards f WHERE NOT f.closed`,
  );
  let applied = 0;
  for (const { id } of services) {
    const service = await getServiceRecord(db, id);
    const d = service?.delivery;
    if (service === undefined || d?.method !== 'open311' || d.updates === 'off') continue;
    const forwards = await db.query<ForwardRow>(
      `SELECT concern_id, service_id, remote_id, remote_token, remote_status, remote_notes, remote_updated_at
         FROM open311_forwards WHERE service_id = $1 AND NOT closed
        ORDER BY polled_at NULLS FIRST, forwarded_at LIMIT 100`,
      [id],
    );
    if (forwards.length === 0) continue;
    const c = client(d, service.secret, http);
    const key = d.endpoint ?? '';
    let viaUpdates = (d.updates ?? 'auto') !== 'requests' && !noUpdatesEndpoint.has(key);
    if (viaUpdates) {
      try {
        const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
        const items = await fetchUpdates(service, since, http);
        if (items === undefined) {
          if (d.updates === 'servicerequestupdates') continue;
          noUpdatesEndpoint.add(key);
          viaUpdates = false;
        } else {
          const byRemote = new Map(forwards.filter((f) => f.remote_id !== null).map((f) => [f.remote_id, f]));
          const sorted = items
            .filter(
              (i) => typeof i.service_request_id === 'string' || typeof i.service_request_id === 'number',
            )
            .sort((a, b) => String(a.updated_datetime ?? '').localeCompare(String(b.updated_datetime ?? '')));
          for (const item of sorted) {
            const f = byRemote.get(String(item.service_request_id));
            if (f === undefined) continue;
            const updatedAt = typeof item.updated_datetime === 'string' ? item.updated_datetime : null;
            if (updatedAt !== null && f.remote_updated_at !== null && updatedAt <= f.remote_updated_at)
              continue;
            const change: RemoteChange = {
              status: statusOf(
                typeof item.status === 'string' ? item.status : undefined,
                typeof item.external_status_code === 'string' ? item.external_status_code : undefined,
              ),
              notes: typeof item.description === 'string' ? item.description : null,
              updatedAt,
            };
            if (await applyChange(db, now, f, change, http.outbox)) applied += 1;
            f.remote_status = change.status;
            f.remote_notes = change.notes;
            f.remote_updated_at = updatedAt;
          }
          continue;
        }
      } catch {
        continue;
      }
    }
    if (viaUpdates) continue;
    for (const f of forwards) {
      try {
        let remoteId = f.remote_id;
        if (remoteId === null && f.remote_token !== null) {
          const view = await c.concerns.status(`token:${f.remote_token}`, f.remote_token);
          remoteId = view.reference;
          await db.query(
            'UPDATE open311_forwards SET remote_id = $3 WHERE concern_id = $1 AND service_id = $2',
            [f.concern_id, f.service_id, remoteId],
          );
          await db.query(
            `UPDATE deliveries SET remote_id = $2 WHERE concern_id = $1 AND method = 'open311' AND service_id = $3`,
            [f.concern_id, remoteId, f.service_id],
          );
        }
        if (remoteId === null) continue;
        const view = await c.concerns.status(remoteId, '');
        const last = view.updates[view.updates.length - 1];
        const notes = last !== undefined ? last.text.fr : null;
        if (
          await applyChange(
            db,
            now,
            { ...f, remote_id: remoteId },
            { status: view.status, notes, updatedAt: view.updatedAt },
            http.outbox,
          )
        )
          applied += 1;
      } catch {
        // This one is tried again at the next round.
      }
    }
  }
  return applied;
}
