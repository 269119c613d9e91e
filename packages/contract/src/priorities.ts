/** "You said, we did": what residents raised (at cafés and through the form) and what was done. */
import * as z from 'zod/mini';
import {
  CursorParam,
  DateTimeString,
  Id,
  IdInput,
  InputLang,
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

/** Where one action of a priority stands: announced, under way, or carried out. */
export const PRIORITY_ACTION_STATUSES = ['planned', 'in-progress', 'done'] as const;
/** Action status in responses (open enum). */
export const PriorityActionStatus = /* @__PURE__ */ openEnum(PRIORITY_ACTION_STATUSES);
export type PriorityActionStatus = z.infer<typeof PriorityActionStatus>;

/**
 * One thing done (or planned) about a priority, with its date: data.police.uk's `action` and
 * `action-date`, several per issue. `date` is when it was carried out (`done`), started
 * (`in-progress`) or is planned for (`planned`).
 */
export const PriorityAction = /* @__PURE__ */ (() =>
  z.object({
    text: LocalizedText,
    date: IsoDate,
    status: PriorityActionStatus,
  }))();
export type PriorityAction = z.infer<typeof PriorityAction>;

/** A café a priority was raised at, as much as a list needs to name it and open its public report. */
export const PrioritySourceCafe = /* @__PURE__ */ (() =>
  z.object({
    id: Id,
    title: LocalizedText,
    start: DateTimeString,
    districtId: z.nullable(z.string()),
    /** Whether the café has a public meeting report (`GET /v1/cafes/{id}/report`). */
    hasReport: z.boolean(),
  }))();
export type PrioritySourceCafe = z.infer<typeof PrioritySourceCafe>;

/**
 * A neighbourhood priority (data.police.uk's issue/action pairs): the issue raised, with how many
 * concerns and which cafés it came from, and what was done about it and when. `action` and
 * `actionDate` summarise the latest action carried out (data.police.uk's fields); `actions` lists
 * every action, oldest first.
 */
export const Priority = /* @__PURE__ */ (() =>
  z.object({
    id: Id,
    issue: LocalizedText,
    action: z.optional(LocalizedText),
    issueDate: IsoDate,
    actionDate: z.optional(IsoDate),
    status: PriorityStatus,
    districtId: z.optional(z.string()),
    actions: z.optional(z.array(PriorityAction)),
    sources: z.object({
      concernReferences: z.array(z.string()),
      cafeIds: z.array(z.string()),
      /** How many residents' concerns it came from (recorded concerns, and those noted at cafés). */
      concernCount: z.optional(z.int()),
      /** The cafés it was raised at (the same as `cafeIds`, named). */
      cafes: z.optional(z.array(PrioritySourceCafe)),
    }),
    updatedAt: z.optional(DateTimeString),
    /** Illustrative data shipped for demonstration, not a real city's: shown as such. */
    demo: z.optional(z.boolean()),
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

/** One action of a {@link PriorityInput}. */
export const PriorityActionInput = /* @__PURE__ */ (() =>
  z.strictObject({
    text: localizedTextInput(2000),
    date: IsoDate,
    status: z.enum(PRIORITY_ACTION_STATUSES),
  }))();
export type PriorityActionInput = z.infer<typeof PriorityActionInput>;

/** `GET /v1/priorities.atom` query: one district, the feed's language. */
export const PriorityFeedQuery = /* @__PURE__ */ (() =>
  z.strictObject({ district: z.optional(IdInput), lang: z.optional(InputLang) }))();
export type PriorityFeedQuery = z.infer<typeof PriorityFeedQuery>;

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
      /**
       * At creation only: `true` keeps the priority out of `GET /v1/priorities` until it is
       * published (`POST /v1/admin/priorities/{id}/publish`); absent or `false`, it is public at
       * once. A replacement (`PUT`) never changes whether it is published.
       */
      draft: z.optional(z.boolean()),
      actions: z.optional(z.array(PriorityActionInput).check(z.maxLength(30))),
      sources: z.optional(
        z.strictObject({
          concernReferences: z.optional(z.array(ConcernReference).check(z.maxLength(100))),
          cafeIds: z.optional(z.array(IdInput).check(z.maxLength(100))),
          /**
           * Concerns raised orally at the cafés and not recorded one by one (added to the linked
           * concerns in the public `concernCount`).
           */
          unrecordedConcerns: z.optional(z.int().check(z.gte(0), z.lte(10000))),
        }),
      ),
    })
    .check(
      z.refine((p) => p.actionDate === undefined || p.actionDate >= p.issueDate, {
        message: 'actionDate must not be before issueDate',
        path: ['actionDate'],
      }),
      z.refine(
        (p) =>
          p.status !== 'done' || p.action !== undefined || (p.actions ?? []).some((a) => a.status === 'done'),
        { message: 'a done priority needs an action', path: ['action'] },
      ),
      z.refine((p) => (p.actions ?? []).every((a) => a.status === 'planned' || a.date >= p.issueDate), {
        message: 'an action carried out or started is not dated before the issue',
        path: ['actions'],
      }),
    ))();
export type PriorityInput = z.infer<typeof PriorityInput>;

/**
 * A priority as staff see it (`GET /v1/admin/priorities`): drafts included. « Published » means
 * public (`GET /v1/priorities`, its feed and the public report). Its action is published when the
 * priority is published and has an action carried out (`action`, or an action `done`): then each
 * linked concern's resident who asked for e-mail updates is told, once per priority.
 */
export const AdminPriority = /* @__PURE__ */ (() =>
  z.object({
    ...Priority.shape,
    published: z.boolean(),
    publishedAt: z.optional(DateTimeString),
    /** How many residents were told of its action (by e-mail, once each). */
    notified: z.int(),
  }))();
export type AdminPriority = z.infer<typeof AdminPriority>;

/** `GET /v1/admin/priorities` response: every priority, drafts included, newest issue first. */
export const AdminPriorityList = /* @__PURE__ */ (() => z.object({ items: z.array(AdminPriority) }))();
export type AdminPriorityList = z.infer<typeof AdminPriorityList>;

/** Whether a priority has an action carried out (what « its action is published » needs). */
export function hasActionDone(p: Pick<Priority, 'action' | 'actions'>): boolean {
  return p.action !== undefined || (p.actions ?? []).some((a) => a.status === 'done');
}
