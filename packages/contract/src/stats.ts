/**
 * Public figures: recorded crime from official open data (SSMSI) and municipal police activity
 * counters (open-data.md PART 3 "Stats series"). A suppressed value is `null` with
 * `published: false` — never 0.
 */
import * as z from 'zod/mini';
import { ResponseTimes } from './response-times.js';
import { IsoDate, IsoDateTime, LocalizedText, SafeUrl, intParam, openEnum, textInput } from './common.js';

/** A licence: `lov2` (Licence Ouverte 2.0), `odbl`, `ogl-3`… */
export const Licence = /* @__PURE__ */ (() => z.object({ id: z.string(), url: SafeUrl }))();

/** Where a dataset comes from. `edition` is the publisher's release date. */
export const DatasetProvenance = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    publisher: z.string(),
    page: SafeUrl,
    /** The file or URL the figures were read from (render as a link only if it passes `isSafeUrl`). */
    resource: z.string(),
    licence: Licence,
    edition: IsoDate,
    geographyVintage: z.nullable(z.int()),
    retrievedAt: z.optional(IsoDateTime),
  }))();
export type DatasetProvenance = z.infer<typeof DatasetProvenance>;

export const AREA_LEVELS = ['commune', 'departement', 'region', 'france', 'police-zone'] as const;
export const AreaLevel = /* @__PURE__ */ openEnum(AREA_LEVELS);

/** The area the figures describe, and the areas to compare it with. */
export const StatsArea = /* @__PURE__ */ (() =>
  z.object({
    level: AreaLevel,
    code: z.string(),
    name: z.string(),
    population: z.optional(z.object({ value: z.nullable(z.number()), vintage: z.nullable(z.int()) })),
    zoneCompetence: z.optional(z.nullable(z.string())),
    compareWith: z.optional(z.array(z.object({ level: AreaLevel, code: z.string() }))),
  }))();
export type StatsArea = z.infer<typeof StatsArea>;

/** Why a value is missing: `ndiff` = not published under statistical secrecy. */
export const SUPPRESSION_REASONS = ['ndiff'] as const;

/** One year of a series. `published: false` ⇒ `count` and `rate` are `null` (never 0). */
export const StatsPoint = /* @__PURE__ */ (() =>
  z
    .object({
      year: z.int(),
      count: z.nullable(z.number()),
      rate: z.nullable(z.number()),
      published: z.boolean(),
      suppression: z.nullable(openEnum(SUPPRESSION_REASONS)),
      provisional: z.optional(z.boolean()),
    })
    .check(
      z.refine((p) => p.published || (p.count === null && p.rate === null), {
        message: 'an unpublished point has null count and rate',
        path: ['count'],
      }),
    ))();
export type StatsPoint = z.infer<typeof StatsPoint>;

export const UNITS_OF_COUNT = [
  'victime',
  'infraction',
  'victime-entendue',
  'vehicule',
  'mis-en-cause',
] as const;
export const PLACE_BASES = ['offence', 'victim-residence'] as const;

/** One indicator over years. `rate` is `null` when no rate is published (e.g. a count only). */
export const StatsSeries = /* @__PURE__ */ (() =>
  z.object({
    indicatorId: z.string(),
    sourceLabel: z.string(),
    label: LocalizedText,
    unitOfCount: openEnum(UNITS_OF_COUNT),
    rate: z.nullable(z.object({ per: z.number(), denominator: openEnum(['residents', 'dwellings']) })),
    placeBasis: openEnum(PLACE_BASES),
    additiveAcrossAreas: z.boolean(),
    points: z.array(StatsPoint),
  }))();
export type StatsSeries = z.infer<typeof StatsSeries>;

/** Known caveats, each with a localized explanation in the widget. */
export const CAVEATS = [
  'recorded-not-actual',
  'place-of-offence',
  'ndiff-not-zero',
  'no-cross-unit-sum',
  'series-break-2025-violence',
  'provisional',
  'drugs-not-additive',
] as const;
export const Caveat = /* @__PURE__ */ openEnum(CAVEATS);

/** Municipal police (and programme) activity counters. Activity ≠ crime: render apart. */
export const ACTIVITY_METRICS = [
  'pm-interventions',
  'pm-calls',
  'pm-tickets-traffic',
  'pm-tickets-parking',
  'pm-tickets-arretes',
  'pm-tickets-video',
  'pm-impounds',
  'pm-handed-to-opj',
  'cafes-held',
  'residents-met',
  'concerns-received',
  'concerns-resolved',
] as const;
export const ActivityMetric = /* @__PURE__ */ openEnum(ACTIVITY_METRICS);
export type ActivityMetric = z.infer<typeof ActivityMetric>;

/** Where a counter comes from. `demo`: illustrative figures shipped for demonstration, never real ones. */
export const ACTIVITY_SOURCE_TYPES = [
  'city-report',
  'open-data',
  'press',
  'crpa-request',
  'proximite',
  'demo',
] as const;

/** A period: a year `2025`, a quarter `2025-Q1` or a month `2025-03`. */
export const PERIOD_PATTERN = /^\d{4}(?:-Q[1-4]|-(?:0[1-9]|1[0-2]))?$/;

export const ActivityCounter = /* @__PURE__ */ (() =>
  z.object({
    metric: ActivityMetric,
    period: z.string(),
    value: z.nullable(z.number()),
    unit: z.string(),
    source: z.object({
      type: openEnum(ACTIVITY_SOURCE_TYPES),
      title: z.string(),
      url: z.optional(SafeUrl),
    }),
  }))();
export type ActivityCounter = z.infer<typeof ActivityCounter>;

/** Another area's series, for comparing rates (never ranks). */
export const StatsComparison = /* @__PURE__ */ (() =>
  z.object({ area: StatsArea, series: z.array(StatsSeries) }))();
export type StatsComparison = z.infer<typeof StatsComparison>;

/** `GET /v1/stats` response and the bundled `stats/{code}.json`. */
export const StatsDataset = /* @__PURE__ */ (() =>
  z.object({
    schemaVersion: z.string(),
    dataset: DatasetProvenance,
    area: StatsArea,
    comparisons: z.optional(z.array(StatsComparison)),
    series: z.array(StatsSeries),
    caveats: z.array(Caveat),
    activity: z.array(ActivityCounter),
    /** How fast each service answers (the reference server computes them from its concerns). */
    responseTimes: z.optional(ResponseTimes),
  }))();
export type StatsDataset = z.infer<typeof StatsDataset>;

/**
 * The part of `GET /v1/stats` the staff console reads (the activity counters as published): the
 * same field as `StatsDataset.activity`, validated alone so the console's core does not carry the
 * whole dataset's schema. Other fields pass through unread.
 */
export const StatsActivityView = /* @__PURE__ */ (() => z.object({ activity: z.array(ActivityCounter) }))();
export type StatsActivityView = z.infer<typeof StatsActivityView>;

/** `GET /v1/stats` query: area code (INSEE commune, département, `FR`), indicator ids (csv), years. */
export const StatsQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    area: z.optional(
      z.string().check(z.regex(/^(?:[0-9][0-9AB][0-9]{0,3}|FR)$/, 'Expected an INSEE code or FR')),
    ),
    indicators: z.optional(
      z
        .string()
        .check(
          z.maxLength(500),
          z.regex(/^[a-z0-9-]+(?:,[a-z0-9-]+)*$/, 'Expected comma-separated indicator ids'),
        ),
    ),
    from: z.optional(intParam(1990, 2100)),
    to: z.optional(intParam(1990, 2100)),
  }))();
export type StatsQuery = z.infer<typeof StatsQuery>;

/** `PUT /v1/admin/stats/activity` body: replaces the counters of `area` for the given metric/periods. */
export const ActivityCountersInput = /* @__PURE__ */ (() =>
  z.strictObject({
    area: z.optional(z.string().check(z.regex(/^(?:[0-9][0-9AB][0-9]{0,3}|FR)$/))),
    counters: z
      .array(
        z.strictObject({
          metric: z.enum(ACTIVITY_METRICS),
          period: z.string().check(z.regex(PERIOD_PATTERN, 'Expected 2025, 2025-Q1 or 2025-03')),
          value: z.nullable(z.int().check(z.gte(0), z.lte(1e9))),
          unit: textInput(1, 50),
          source: z.strictObject({
            type: z.enum(ACTIVITY_SOURCE_TYPES),
            title: textInput(1, 200),
            url: z.optional(SafeUrl),
          }),
        }),
      )
      .check(z.minLength(1), z.maxLength(200)),
  }))();
export type ActivityCountersInput = z.infer<typeof ActivityCountersInput>;
