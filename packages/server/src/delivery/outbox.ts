/**
 * What the rest of the server enqueues, always in the transaction of the change it announces (so a
 * message exists if and only if the change was committed): the messages a service receives when a
 * concern is routed to it or changes, and e-mails to a person (staff links, summaries, and the
 * residents' messages of other modules, through {@link enqueueMail}).
 */
import type { Queryable } from '../db/database.js';
import type { ServiceRecord } from '../store/services.js';
import { DEFAULT_RETRY, enqueue } from './queue.js';
import type { RetryPolicy } from './queue.js';
import type { MailLang } from './templates.js';

/** What enqueuing needs to know: whether e-mail can go out now, the retry policy, and a way to wake the worker. */
export interface Outbox {
  /** A mail server is configured: e-mails are `pending`; otherwise `held` until one is. */
  mailConfigured: boolean;
  policy: RetryPolicy;
  /** Tells this instance's worker that something was enqueued (after commit is best; any time is safe). */
  wake(): void;
  /** Where residents' e-mails link to (absent: no resident is e-mailed, e.g. from the CLI). */
  residents?: ResidentLinks | undefined;
}

/** What the links of a resident's e-mail need (delivery/resident.ts). */
export interface ResidentLinks {
  /** Base URL of this API (the unsubscribe links). */
  apiUrl: string;
  /** The page with the concern form (status links, `#ref=…&token=…`). */
  statusPageUrl: string;
  /**
   * The server's secret of derived keys (the status and unsubscribe links' keys), read through
   * `db` (the caller's transaction: PGlite has one connection).
   */
  salt(db: Queryable): Promise<string>;
  /** The verdict question goes this many days after closure. */
  verdictDelayDays: number;
}

/** An outbox for code that runs without a worker (CLI, tests): messages wait for a server's worker. */
export function detachedOutbox(mailConfigured: boolean, policy: RetryPolicy = DEFAULT_RETRY): Outbox {
  return { mailConfigured, policy, wake: () => undefined };
}

export type ConcernEvent = 'concern.created' | 'concern.routed' | 'concern.updated';

export interface ConcernEventInput {
  event: ConcernEvent;
  concernId: string;
  /** The service that receives it. */
  service: Pick<ServiceRecord, 'id' | 'delivery'>;
  /** `concern.routed`: the service it came from. */
  previousServiceId?: string | undefined;
  /** `concern.routed`: the id of the hand-off (its public update), so each hand-off is one message. */
  handoffId?: string | undefined;
  /** `concern.updated`: the instant of the change (its public update's `at`). */
  at?: string | undefined;
}

/**
 * Enqueues what `service` receives for `event`, by its delivery method: an e-mail for a new or
 * handed-over concern, a webhook for every event, an Open311 forward once per concern and
 * endpoint; nothing for `none`. Returns the ids of the new deliveries.
 */
export async function enqueueConcernEvent(
  tx: Queryable,
  now: Date,
  outbox: Outbox,
  input: ConcernEventInput,
): Promise<string[]> {
  const method = input.service.delivery.method;
  const payload = {
    concernId: input.concernId,
    serviceId: input.service.id,
    ...(input.previousServiceId !== undefined ? { previousServiceId: input.previousServiceId } : {}),
    ...(input.at !== undefined ? { at: input.at } : {}),
  };
  const which =
    input.event === 'concern.routed'
      ? (input.handoffId ?? '')
      : input.event === 'concern.updated'
        ? (input.at ?? '')
        : '';
  let d: { dedupeKey: string; method: 'email' | 'webhook' | 'open311' } | undefined;
  if (method === 'email' && input.event !== 'concern.updated')
    d = {
      dedupeKey: `${input.event}:${input.concernId}:${which}:${input.service.id}:email`,
      method: 'email',
    };
  else if (method === 'webhook')
    d = {
      dedupeKey: `${input.event}:${input.concernId}:${which}:${input.service.id}:webhook`,
      method: 'webhook',
    };
  else if (method === 'open311' && input.event !== 'concern.updated')
    // One forward per concern and endpoint, even if the concern comes back to the service later.
    d = { dedupeKey: `open311:${input.concernId}:${input.service.id}`, method: 'open311' };
  if (d === undefined) return [];
  const id = await enqueue(
    tx,
    now,
    {
      dedupeKey: d.dedupeKey,
      event: input.event,
      method: d.method,
      concernId: input.concernId,
      serviceId: input.service.id,
      payload,
    },
    { held: d.method === 'email' && !outbox.mailConfigured, policy: outbox.policy },
  );
  outbox.wake();
  return id === undefined ? [] : [id];
}

export interface MailToPerson {
  /** One message per key (e.g. `staff-link:<link hash>`). */
  dedupeKey: string;
  /** What the delivery log shows as its event (`staff.link`, `delivery.failure-summary`, …). */
  event: string;
  to: string;
  /** A template registered with `registerTemplate`. */
  template: string;
  data: unknown;
  /** Languages of the message: one, or French then English. */
  langs: readonly MailLang[];
  /** The concern it is about, if any (its deliveries list it). */
  concernId?: string | undefined;
  /** The service it is about, if any. */
  serviceId?: string | undefined;
  /** The data holds a secret (a sign-in link): emptied once sent. */
  secret?: boolean;
  /** Extra headers (e.g. `List-Unsubscribe`). */
  headers?: Record<string, string> | undefined;
}

/** Enqueues an e-mail to a person; returns its id, or `undefined` when its key was already queued. */
export async function enqueueMail(
  tx: Queryable,
  now: Date,
  outbox: Outbox,
  mail: MailToPerson,
): Promise<string | undefined> {
  const id = await enqueue(
    tx,
    now,
    {
      dedupeKey: mail.dedupeKey,
      event: mail.event,
      method: 'email',
      concernId: mail.concernId,
      serviceId: mail.serviceId,
      recipient: mail.to,
      payload: {
        template: mail.template,
        data: mail.data,
        langs: mail.langs,
        secret: mail.secret === true,
        ...(mail.headers !== undefined ? { headers: mail.headers } : {}),
      },
    },
    { held: !outbox.mailConfigured, policy: outbox.policy },
  );
  outbox.wake();
  return id;
}
