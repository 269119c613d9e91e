import {
  ConcernCategoryList,
  ConcernReceipt,
  ConcernStatusView,
  type ConcernCategory,
  type ConcernEmailInput,
  type ConcernFeedbackInput,
  type ConcernInput,
} from '@proximite/contract';
import { path } from '../internal/path.js';
import type { RequestOptions } from '../internal/transport.js';
import { Resource } from './resource.js';

/** Options of {@link ConcernsResource.submit}. */
export interface SubmitOptions extends Omit<RequestOptions, 'cache'> {
  /**
   * One key per logical submission, reused on every retry (the outbox keeps it across reloads).
   * A new random key is made when absent, so the call's own retries are safe.
   */
  idempotencyKey?: string;
}

/** Concerns reported by residents: categories, submission, public status. */
export class ConcernsResource extends Resource {
  /** The kinds of concerns, their fields, services and emergency stoppers. */
  async categories(options?: RequestOptions): Promise<ConcernCategory[]> {
    const lang = this._transport.config.lang;
    return (await this._transport.get('/v1/concern-categories', { lang }, ConcernCategoryList, options))
      .items;
  }

  /**
   * Reports a concern (`POST /v1/concerns` with an `Idempotency-Key`). The input is validated by the
   * server (422 → `UnprocessableError` listing the fields in `problem.errors`). For a submission that
   * must survive going offline or closing the tab, use `createOutbox`.
   */
  submit(input: ConcernInput, options: SubmitOptions = {}): Promise<ConcernReceipt> {
    const { idempotencyKey = crypto.randomUUID(), ...rest } = options;
    return this._transport.json(
      { method: 'POST', path: '/v1/concerns', json: input, idempotencyKey },
      ConcernReceipt,
      rest,
    );
  }

  /**
   * Public status of a concern from its receipt: the `reference` and either the short
   * `trackingCode` (`7K3MQ-9ABX4`, as typed) or the long `statusToken`; never cached.
   */
  status(reference: string, secret: string, options?: RequestOptions): Promise<ConcernStatusView> {
    // A status token has at least 16 characters; a tracking code (even with spaces) fewer.
    const query = secret.length < 16 ? { code: secret } : { token: secret };
    return this._transport.json(
      { method: 'GET', path: path`/v1/concerns/${reference}`, query },
      ConcernStatusView,
      options,
    );
  }

  /**
   * The resident's verdict on their concern once it is resolved or closed (`verdictOpen` in its
   * status): « Le problème est-il réglé ? ». `resolved: false` reopens it. One verdict per concern:
   * a second one, or one before closure, rejects with `ConflictError` (409); a wrong secret with
   * `NotFoundError`. `secret` is the tracking code or the status token, as for {@link status}.
   * Answers the concern's status now. Not retried (a verdict is given once).
   */
  feedback(
    reference: string,
    secret: string,
    verdict: Pick<ConcernFeedbackInput, 'resolved' | 'comment'>,
    options?: RequestOptions,
  ): Promise<ConcernStatusView> {
    const json: ConcernFeedbackInput =
      secret.length < 16 ? { code: secret, ...verdict } : { token: secret, ...verdict };
    return this._transport.json(
      { method: 'POST', path: path`/v1/concerns/${reference}/feedback`, json },
      ConcernStatusView,
      options,
    );
  }

  /**
   * Receive the concern's updates by e-mail from now on (`POST /v1/concerns/{reference}/email`):
   * an acknowledgement, then a message per public update, hand-off and closure, and the verdict
   * question; each has a one-click unsubscribe. `secret` as for {@link status}; `lang` of the
   * messages (else the concern's). Answers the concern's status (`emailUpdates: true`).
   */
  addEmail(
    reference: string,
    secret: string,
    email: string,
    options: RequestOptions & { lang?: ConcernEmailInput['lang'] } = {},
  ): Promise<ConcernStatusView> {
    const { lang, ...rest } = options;
    const json: ConcernEmailInput = {
      ...(secret.length < 16 ? { code: secret } : { token: secret }),
      email,
      ...(lang !== undefined ? { lang } : {}),
    };
    return this._transport.json(
      { method: 'POST', path: path`/v1/concerns/${reference}/email`, json },
      ConcernStatusView,
      rest,
    );
  }
}
