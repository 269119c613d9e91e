/** "You said, we did": what residents raised (at cafés and through the form) and what was done. */
import * as z from 'zod/mini';
import {
  CursorParam,
  Id,
  IdInput,
  IsoDate,
  LimitParam,
  LocalizedText,
  localizedTextInput,
  openEnum,
  page,
} from './common.js';
import { ConcernReference } from './concerns.js';

/** Where a priority stands. */
export const PRIORITY_STATUSES = ['raised', 'in-progress', 'done'] as const;
/** Priority status in responses (open enum). */
export const PriorityStatus = /* @__PURE__ */ openEnum(PRIORITY_STATUSES);
export type PriorityStatus = z.infer<typeof PriorityStatus>;

/** A neighbourhood priority: the issue raised and the action taken, with the concerns and cafés it came from. */
export const Priority = /* @__PURE__ */ (() =>
  z.object({
    id: Id,
    issue: LocalizedText,
    action: z.optional(LocalizedText),
    issueDate: IsoDate,
    actionDate: z.optional(IsoDate),
    status: PriorityStatus,
    districtId: z.optional(z.string()),
    sources: z.object({
      concernReferences: z.array(z.string()),
      cafeIds: z.array(z.string()),
    }),
  }))();
export type Priority = z.infer<typeof Priority>;

/** `GET /v1/priorities` response. */
export const PriorityPage = /* @__PURE__ */ page(Priority);
export type PriorityPage = z.infer<typeof PriorityPage>;

/** `GET /v1/priorities` query. */
export const PriorityListQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    district: z.optional(IdInput),
    status: z.optional(z.enum(PRIORITY_STATUSES)),
    limit: z.optional(LimitParam),
    cursor: z.optional(CursorParam),
  }))();
export type PriorityListQuery = z.infer<typeof PriorityListQuery>;

/**
 * `POST /v1/admin/priorities` and `PUT /v1/admin/priorities/{id}` body. Strict.
 * `actionDate` is not before `issueDate`; `done` needs an `action`.
 */
export const PriorityInput = /* @__PURE__ */ (() =>
  z
    .strictObject({
      issue: localizedTextInput(1000),
      action: z.optional(localizedTextInput(2000)),
      issueDate: IsoDate,
      actionDate: z.optional(IsoDate),
      status: z.enum(PRIORITY_STATUSES),
      districtId: z.optional(IdInput),
      sources: z.optional(
        z.strictObject({
          concernReferences: z.optional(z.array(ConcernReference).check(z.maxLength(100))),
          cafeIds: z.optional(z.array(IdInput).check(z.maxLength(100))),
        }),
      ),
    })
    .check(
      z.refine((p) => p.actionDate === undefined || p.actionDate >= p.issueDate, {
        message: 'actionDate must not be before issueDate',
        path: ['actionDate'],
      }),
      z.refine((p) => p.status !== 'done' || p.action !== undefined, {
        message: 'a done priority needs an action',
        path: ['action'],
      }),
    ))();
export type PriorityInput = z.infer<typeof PriorityInput>;
