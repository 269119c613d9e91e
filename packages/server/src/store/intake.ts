/**
 * Receiving a concern under an Idempotency-Key (`POST /v1/concerns`): the replay check, the rate
 * limit, the category rules, the insert where the routing rules send it and its queued messages, in
 * one transaction with the key's claim
 * ({@link withIdempotency}), so a crash at any point leaves either nothing or the whole concern
 * with its stored receipt — never a key stuck « in flight ».
 */
import type { ConcernInput, ConcernReceipt } from '@proximite/contract';
import { AppError } from '../errors.js';
import { canonicalJson, sha256Hex } from '../util.js';
import type { AttributeValue } from './concerns.js';
import type { Outbox } from '../delivery/outbox.js';
import { auditedIn } from '../services/audited.js';
import type { Unit } from '../services/audited.js';
import { ROUTING_ACTOR, createRoutedConcern } from '../services/routing.js';
import { prepareConcern } from './concerns.js';
import { categoryCache } from './routing.js';
import type { StoreContext } from './context.js';
import { hitRateLimit, withIdempotency } from './idempotency.js';
import type { StoredResponse } from './idempotency.js';

export interface IntakeRequest {
  /** The Idempotency-Key, already checked. */
  key: string;
  input: ConcernInput;
  /** The attributes as sent (keys the schema strips, such as `__proto__`, are refused as unknown). */
  sentAttributes?: Record<string, AttributeValue> | undefined;
  /** Rate-limit bucket of the client (a salted hash), or undefined when there is no limit. */
  bucket: string | undefined;
  /** Base URL of status links. */
  baseUrl: string;
}

export type IntakeOutcome =
  | { kind: 'created'; response: StoredResponse }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in-flight'; retryAfter: number }
  | { kind: 'rate-limited'; retryAfter: number };

type Work = { kind: 'created'; response: StoredResponse } | { kind: 'rate-limited'; retryAfter: number };

/**
 * Receives a concern. Replays and mismatches are answered before the rate limit counts anything;
 * a request refused by the category rules still counts (its AppError is thrown after commit).
 */
export async function receiveConcern(
  ctx: StoreContext & { outbox: Outbox },
  request: IntakeRequest,
): Promise<IntakeOutcome> {
  const { input, key } = request;
  const now = ctx.clock();
  const bodyHash = sha256Hex(canonicalJson(input));
  let refused: AppError | undefined;
  const outcome = await withIdempotency<Work | undefined>(
    ctx.db,
    now,
    'concerns',
    key,
    bodyHash,
    async (tx) => {
      const limit = ctx.config.rateLimitPerMinute;
      if (request.bucket !== undefined && limit > 0) {
        const wait = await hitRateLimit(tx, now, request.bucket, limit);
        if (wait > 0) return { value: { kind: 'rate-limited', retryAfter: wait } };
      }
      let prepared;
      try {
        prepared = await prepareConcern(
          tx,
          { ...input, attributes: request.sentAttributes ?? input.attributes },
          { categories: categoryCache(ctx.db) },
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refused = error; // committed with the rate-limit count, thrown below
        return { value: undefined };
      }
      const reasons: string[] = [];
      if (input.honeypot !== undefined && input.honeypot.trim() !== '') reasons.push('honeypot');
      if (input.formStartedAt !== undefined) {
        const elapsed = (now.getTime() - Date.parse(input.formStartedAt)) / 1000;
        if (elapsed < ctx.config.minFillSeconds) reasons.push('time-trap');
      }
      // Routed on arrival (issue 14): the service the rules choose, its hand-off as a public update,
      // and its messages queued, all in this transaction — with the receipt, or not at all.
      let audit: ((u: Unit) => Promise<void>) | undefined;
      const created = await createRoutedConcern(
        tx,
        now,
        ctx.outbox,
        prepared,
        {
          categoryCode: input.categoryCode,
          description: input.description,
          location: { ...input.location },
          attributes: input.attributes,
          contact: input.contact,
          lang: input.lang,
          quarantineReasons: reasons,
          channel: 'api',
        },
        (append) => (audit = append),
      );
      const receipt: ConcernReceipt = {
        reference: created.reference,
        statusToken: created.statusToken,
        trackingCode: created.trackingCode,
        service: created.service,
        status: created.status,
        submittedAt: created.submittedAt,
        statusUrl: `${request.baseUrl}/v1/concerns/${created.reference}?token=${created.statusToken}`,
      };
      const response: StoredResponse = {
        status: 201,
        body: receipt,
        headers: { Location: `/v1/concerns/${created.reference}` },
      };
      return {
        value: { kind: 'created', response },
        store: response,
        // The routing's audit entry, after the receipt is stored: from the audit chain's lock to
        // commit, other submissions wait (measured: p99 of POST /v1/concerns, BENCHMARKS.md).
        last: async (last) => {
          if (audit !== undefined) await auditedIn(last, now, ROUTING_ACTOR, audit);
        },
      };
    },
  );
  if (refused !== undefined) throw refused;
  if (outcome.kind !== 'done') return outcome;
  if (outcome.value === undefined) throw new Error('unreachable: no outcome');
  return outcome.value;
}
