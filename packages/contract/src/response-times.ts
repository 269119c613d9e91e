/**
 * How fast each service answers, per quarter: computed by the server from the concerns (never
 * entered by hand), with the method stated beside the figures. A figure computed over fewer than 10
 * concerns is `null` (« non communiqué »), never 0.
 */
import * as z from 'zod/mini';
import { LocalizedText, openEnum } from './common.js';

export const RESPONSE_TIME_UNITS = ['working-days', 'calendar-days'] as const;
export const ResponseTimeUnit = /* @__PURE__ */ openEnum(RESPONSE_TIME_UNITS);
export type ResponseTimeUnit = z.infer<typeof ResponseTimeUnit>;

/** One service in one quarter. */
export const ServiceResponseFigures = /* @__PURE__ */ (() =>
  z.object({
    serviceId: z.string(),
    serviceName: LocalizedText,
    /** `YYYY-Qn`, the quarter the concerns were submitted in. */
    period: z.string(),
    received: z.int(),
    /** The unit of the days (the target's, else working days). */
    unit: ResponseTimeUnit,
    medianDaysToFirstAnswer: z.nullable(z.number()),
    medianDaysToResolution: z.nullable(z.number()),
    /** The service's published handling-time target; `null`: none published. */
    target: z.nullable(z.object({ days: z.int(), unit: ResponseTimeUnit })),
    /** 0–1. */
    withinTargetShare: z.nullable(z.number()),
    /**
     * 0–1: of the residents who answered « Le problème est-il réglé ? » after closure, those who said
     * no; `null` under `minimum` answers.
     */
    notResolvedShare: z.nullable(z.number()),
    /** Fewer than `minimum` concerns: only the count is published. */
    suppressed: z.boolean(),
  }))();
export type ServiceResponseFigures = z.infer<typeof ServiceResponseFigures>;

/** The response figures of `GET /v1/stats` (`responseTimes`). */
export const ResponseTimes = /* @__PURE__ */ (() =>
  z.object({
    figures: z.array(ServiceResponseFigures),
    /** Below this many concerns a figure is not published. */
    minimum: z.int(),
    /** How the figures are computed, in words. */
    method: LocalizedText,
    computedAt: z.string(),
    /** Computed from illustrative demo concerns: shown as such. */
    demo: z.optional(z.boolean()),
  }))();
export type ResponseTimes = z.infer<typeof ResponseTimes>;
