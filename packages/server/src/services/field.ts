/**
 * Café mode: a concern an agent notes at a café for a resident. It is received exactly as the
 * public form's (`store/intake.ts`): under an Idempotency-Key claimed in the same transaction as
 * the insert, its routing and its queued messages — so the console's offline outbox can send a
 * note again and again until it gets an answer, and the server keeps one concern. The note is
 * audited as the agent's (`concern.note-at-cafe`), with the café and whether the resident agreed
 * to be contacted.
 */
import type { CafeConcernInput, ConcernReceipt, RaisedAtCafe } from '@proximite/contract';
import type { Outbox } from '../delivery/outbox.js';
import { prepareConcern } from '../store/concerns.js';
import { getCafe } from '../store/content.js';
import type { StoreContext } from '../store/context.js';
import { withIdempotency } from '../store/idempotency.js';
import type { IdempotencyOutcome, StoredResponse } from '../store/idempotency.js';
import { canonicalJson, sha256Hex } from '../util.js';
import { actorLabel, authorName } from './actor.js';
import type { Actor } from './actor.js';
import { auditedIn } from './audited.js';
import { createRoutedConcern } from './routing.js';

/** The idempotency scope of café notes (apart from the public form's keys). */
const SCOPE = 'cafe-concerns';

export interface CafeNoteRequest {
  cafeId: string;
  /** The Idempotency-Key, already checked. */
  key: string;
  input: CafeConcernInput;
  actor: Actor;
  /** Base URL of status links. */
  baseUrl: string;
}

/**
 * Notes a concern raised at café `cafeId`. `undefined` when there is no such café (404). The
 * body hash covers the café too: one key reused for another café is a mismatch.
 */
export async function noteCafeConcern(
  ctx: StoreContext & { outbox: Outbox },
  request: CafeNoteRequest,
): Promise<IdempotencyOutcome<StoredResponse> | undefined> {
  const { input, key, actor } = request;
  const now = ctx.clock();
  const bodyHash = sha256Hex(canonicalJson({ cafeId: request.cafeId, input }));
  const outcome = await withIdempotency<StoredResponse | undefined>(
    ctx.db,
    now,
    SCOPE,
    key,
    bodyHash,
    async (tx) => {
      const cafe = await getCafe(tx, request.cafeId);
      if (cafe === undefined) return { value: undefined };
      // Where the concern is: what the agent noted, else the café's own place.
      const location = input.location ?? {
        address: cafe.place.address,
        ...(cafe.place.lat !== undefined && cafe.place.lon !== undefined
          ? { lat: cafe.place.lat, lon: cafe.place.lon }
          : {}),
        ...(cafe.districtId !== null ? { districtId: cafe.districtId } : {}),
      };
      const prepared = await prepareConcern(
        tx,
        {
          categoryCode: input.categoryCode,
          location,
        },
        { requiredFields: false },
      );
      const raisedAt: RaisedAtCafe = {
        cafeId: cafe.id,
        start: cafe.start,
        timeZone: cafe.timeZone,
        place: cafe.place.name,
      };
      const created = await createRoutedConcern(tx, now, ctx.outbox, prepared, {
        categoryCode: input.categoryCode,
        description: input.description,
        location: { ...location },
        contact: input.contact,
        lang: input.lang,
        quarantineReasons: [],
        channel: 'cafe',
        raisedAt: {
          cafe: raisedAt,
          notedBy: actorLabel(actor),
          consentBy: authorName(actor),
          consent: input.contact !== undefined && input.consent === true,
        },
      });
      await auditedIn(tx, now, actor, (u) =>
        u.audit({
          action: 'concern.note-at-cafe',
          target: `concern:${created.reference}`,
          detail: { cafe: cafe.id, contact: input.contact !== undefined, consent: input.consent === true },
        }),
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
        headers: { Location: `/v1/admin/concerns/${created.reference}` },
      };
      return { value: response, store: response };
    },
  );
  if (outcome.kind !== 'done') return outcome;
  return outcome.value === undefined ? undefined : { kind: 'done', value: outcome.value };
}
