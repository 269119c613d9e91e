/**
 * Public meeting reports: after a café (or a watch group, a public meeting), what was said there —
 * attendance, the topics raised (without personal data), the answers given on the spot and the
 * follow-ups — published with the café and shown by the calendar for past meetings.
 */
import * as z from 'zod/mini';
import { Cafe } from './cafes.js';
import {
  CursorParam,
  DateTimeString,
  Id,
  IdInput,
  IsoDate,
  LimitParam,
  LocalizedText,
  localizedTextInput,
  page,
} from './common.js';
import { ConcernReference } from './concerns.js';

/** A topic raised at a meeting: what it was about and how many residents' concerns it gathered. */
export const MeetingTopic = /* @__PURE__ */ (() =>
  z.object({
    title: LocalizedText,
    /** Concerns it gathered (recorded ones, and those only noted at the meeting). */
    concernCount: z.int(),
    /** The priority it fed, if any (`GET /v1/priorities`). */
    priorityId: z.optional(z.string()),
  }))();
export type MeetingTopic = z.infer<typeof MeetingTopic>;

/** Something the meeting decided to follow up, and the priority that carries it, if any. */
export const MeetingFollowUp = /* @__PURE__ */ (() =>
  z.object({ text: LocalizedText, priorityId: z.optional(z.string()) }))();
export type MeetingFollowUp = z.infer<typeof MeetingFollowUp>;

/**
 * The public report of a meeting. `attendance` is `null` when nobody counted (never 0 for « not
 * counted »). Holds no personal data: topics are summaries, concerns are counted, not listed.
 */
export const MeetingReport = /* @__PURE__ */ (() =>
  z.object({
    cafeId: Id,
    attendance: z.nullable(z.int()),
    topics: z.array(MeetingTopic),
    /** Answers given on the spot. */
    answers: z.array(z.object({ text: LocalizedText })),
    followUps: z.array(MeetingFollowUp),
    publishedAt: DateTimeString,
    updatedAt: DateTimeString,
    /** Illustrative data shipped for demonstration, not a real meeting's: shown as such. */
    demo: z.optional(z.boolean()),
  }))();
export type MeetingReport = z.infer<typeof MeetingReport>;

/** A past meeting and its public report (`GET /v1/cafes/{id}/report`, `GET /v1/meeting-reports`). */
export const PastMeeting = /* @__PURE__ */ (() => z.object({ cafe: Cafe, report: MeetingReport }))();
export type PastMeeting = z.infer<typeof PastMeeting>;

/** `GET /v1/meeting-reports` response: the most recent meeting first. */
export const PastMeetingPage = /* @__PURE__ */ page(PastMeeting);
export type PastMeetingPage = z.infer<typeof PastMeetingPage>;

/** `GET /v1/meeting-reports` query: a district, a window of days (inclusive), paging. */
export const PastMeetingListQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    district: z.optional(IdInput),
    from: z.optional(IsoDate),
    to: z.optional(IsoDate),
    limit: z.optional(LimitParam),
    cursor: z.optional(CursorParam),
  }))();
export type PastMeetingListQuery = z.infer<typeof PastMeetingListQuery>;

// E-mail addresses and phone numbers (French and international) have no place in a public report.
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const PHONE = /(?:\+\d{2,3}[\s.-]?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b/;

/** True when `text` carries no e-mail address and no phone number. */
export function hasNoContactDetails(text: { fr: string; en?: string | undefined }): boolean {
  return [text.fr, text.en ?? ''].every((s) => !EMAIL.test(s) && !PHONE.test(s));
}

const publicText = (max: number) =>
  localizedTextInput(max).check(
    z.refine(hasNoContactDetails, {
      message: 'a public report holds no e-mail address or phone number',
    }),
  );

/**
 * `PUT /v1/admin/cafes/{id}/report` body. Strict. A topic's `concernReferences` link it to the
 * recorded concerns (kept for staff, counted publicly); `concernCount`, when given, also counts the
 * concerns only noted at the meeting and is not below the number of references.
 */
export const MeetingReportInput = /* @__PURE__ */ (() =>
  z.strictObject({
    attendance: z.nullable(z.int().check(z.gte(0), z.lte(100_000))),
    topics: z
      .array(
        z
          .strictObject({
            title: publicText(300),
            concernReferences: z.optional(z.array(ConcernReference).check(z.maxLength(100))),
            concernCount: z.optional(z.int().check(z.gte(0), z.lte(10_000))),
            priorityId: z.optional(IdInput),
          })
          .check(
            z.refine(
              (t) => t.concernCount === undefined || t.concernCount >= (t.concernReferences?.length ?? 0),
              {
                message: 'concernCount is not below the number of concernReferences',
                path: ['concernCount'],
              },
            ),
          ),
      )
      .check(z.maxLength(50)),
    answers: z.array(z.strictObject({ text: publicText(1000) })).check(z.maxLength(50)),
    followUps: z
      .array(z.strictObject({ text: publicText(1000), priorityId: z.optional(IdInput) }))
      .check(z.maxLength(50)),
  }))();
export type MeetingReportInput = z.infer<typeof MeetingReportInput>;

/**
 * `GET /v1/admin/cafes/{id}/report` response (staff only): the stored report as
 * `PUT /v1/admin/cafes/{id}/report` takes it — each topic with the concerns it is linked to — so
 * that putting `report` back changes nothing; and when it was published and last changed.
 */
export const AdminMeetingReport = /* @__PURE__ */ (() =>
  z.object({
    cafeId: Id,
    report: z.object({
      attendance: z.nullable(z.int()),
      topics: z.array(
        z.object({
          title: LocalizedText,
          /** References of the recorded concerns it is linked to (`PRX-…`). */
          concernReferences: z.array(z.string()),
          concernCount: z.int(),
          priorityId: z.optional(z.string()),
        }),
      ),
      answers: z.array(z.object({ text: LocalizedText })),
      followUps: z.array(MeetingFollowUp),
    }),
    publishedAt: DateTimeString,
    updatedAt: DateTimeString,
    demo: z.optional(z.boolean()),
  }))();
export type AdminMeetingReport = z.infer<typeof AdminMeetingReport>;
