/**
 * Café mode: what an agent notes at a café for a resident (`POST /v1/admin/cafes/{id}/concerns`).
 * Only staff (or a token with `concerns:triage`) can tie a concern to a café: the public form
 * cannot claim one.
 */
import * as z from 'zod/mini';
import { CodeInput, InputLang, textInput } from './common.js';
import { ConcernContactInput, ConcernLocationInput } from './concerns.js';

/** Longest text an agent notes at a café (a short note, not a statement). */
export const MAX_CAFE_NOTE_LENGTH = 2000;

/**
 * `POST /v1/admin/cafes/{id}/concerns` body. `location` defaults to the café's place (its address
 * and district). `contact` needs `consent: true`: the resident agreed, there and then, to be
 * contacted about it; the server records when and by whom.
 */
export const CafeConcernInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      categoryCode: CodeInput,
      description: textInput(1, MAX_CAFE_NOTE_LENGTH),
      location: z.optional(ConcernLocationInput),
      contact: z.optional(ConcernContactInput),
      consent: z.optional(z.boolean()),
      lang: z.optional(InputLang),
    })
    .check(
      z.refine((c) => c.contact === undefined || c.consent === true, {
        message: 'contact details need the resident’s consent',
        path: ['consent'],
      }),
    ))();
export type CafeConcernInput = z.infer<typeof CafeConcernInput>;
