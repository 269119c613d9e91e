/**
 * Response templates (issue 15): the public answers staff start from in triage, per category and
 * status, in French and English, edited by coordinators (`/v1/admin/templates`); and the preview of
 * exactly what the resident will receive — the status page's text and the e-mail — before sending.
 */
import * as z from 'zod/mini';
import {
  CodeInput,
  DateTimeString,
  Id,
  IdInput,
  LocalizedText,
  localizedTextInput,
  openEnum,
} from './common.js';
import { ConcernStatusInput, ConcernStatusValue } from './concerns.js';

/**
 * A template: the public text of a status change for a category (`null`: every category without
 * its own). `{reference}` and `{service}` in the text are filled in with the concern's.
 */
export const ResponseTemplate = /* @__PURE__ */ (() =>
  z.object({
    id: Id,
    categoryCode: z.nullable(z.string()),
    status: ConcernStatusValue,
    text: LocalizedText,
    updatedAt: DateTimeString,
  }))();
export type ResponseTemplate = z.infer<typeof ResponseTemplate>;

/** `GET /v1/admin/templates` response. */
export const ResponseTemplateList = /* @__PURE__ */ (() => z.object({ items: z.array(ResponseTemplate) }))();
export type ResponseTemplateList = z.infer<typeof ResponseTemplateList>;

/** `GET /v1/admin/templates` query: the templates of a category (and the shared ones), of a status. */
export const ResponseTemplateQuery = /* @__PURE__ */ (() =>
  z.strictObject({ category: z.optional(CodeInput), status: z.optional(ConcernStatusInput) }))();
export type ResponseTemplateQuery = z.infer<typeof ResponseTemplateQuery>;

/** `POST /v1/admin/templates` and `PUT /v1/admin/templates/{id}` body. One per category and status. */
export const ResponseTemplateInput = /* @__PURE__ */ (() =>
  z.strictObject({
    categoryCode: z.nullable(CodeInput),
    status: ConcernStatusInput,
    text: localizedTextInput(2000),
  }))();
export type ResponseTemplateInput = z.infer<typeof ResponseTemplateInput>;

/**
 * `POST /v1/admin/concerns/{reference}/preview` body: the triage about to be sent — a status, and
 * a public text or a template (else the status's template, else its default text).
 */
export const ConcernPreviewInput = /* @__PURE__ */ (() =>
  z.strictObject({
    status: z.optional(ConcernStatusInput),
    publicUpdate: z.optional(localizedTextInput(2000)),
    templateId: z.optional(IdInput),
  }))();
export type ConcernPreviewInput = z.infer<typeof ConcernPreviewInput>;

export const PREVIEW_EMAIL_KINDS = ['update', 'closure'] as const;

/**
 * What the resident will receive: the public update as the status page and the feed show it, and
 * the e-mail (`null` when they get none: no address, not asked for, or stopped), in their language.
 * The e-mail's links are shown with their key masked.
 */
export const ConcernPreview = /* @__PURE__ */ (() =>
  z.object({
    update: z.object({ status: ConcernStatusValue, text: LocalizedText }),
    email: z.nullable(
      z.object({
        kind: openEnum(PREVIEW_EMAIL_KINDS),
        lang: z.string(),
        subject: z.string(),
        text: z.string(),
        html: z.string(),
      }),
    ),
  }))();
export type ConcernPreview = z.infer<typeof ConcernPreview>;
