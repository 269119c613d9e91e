/**
 * Building blocks shared by every resource of the contract: localized text, open enums,
 * safe URLs, dates, identifiers, pagination and the health document.
 *
 * Conventions:
 * - response schemas are tolerant: `z.object` strips unknown keys, enums are open ({@link openEnum});
 * - input schemas are strict: `z.strictObject`, closed enums, every string and array capped.
 */
import * as z from 'zod/mini';
import { isSafeUrl, MAX_URL_LENGTH } from './checks.js';

// ---------------------------------------------------------------------------
// Localized text

/** Text in French (required), English and French easy-read (FALC, « facile à lire et à comprendre »). */
export const LocalizedText = /* @__PURE__ */ (() =>
  z.object({
    fr: z.string(),
    en: z.optional(z.string()),
    'fr-falc': z.optional(z.string()),
  }))();
export type LocalizedText = z.infer<typeof LocalizedText>;

/** The locales a {@link LocalizedText} may carry. */
export const LOCALES = ['fr', 'en', 'fr-falc'] as const;
export type Locale = (typeof LOCALES)[number];

// ---------------------------------------------------------------------------
// Input text

/**
 * What no input string may contain: NUL (U+0000), which PostgreSQL stores in neither `text` nor
 * `jsonb`, and lone surrogates (U+D800–U+DFFF outside a pair), which are not Unicode scalar values
 * and have no UTF-8 form (RFC 3629 §3; RFC 8259 §8.2). With the `u` flag a well-formed pair is one
 * code point, so only a lone half matches: emoji and other astral characters are fine.
 */
export const UNSAFE_TEXT = /[\u0000\uD800-\uDFFF]/u; // eslint-disable-line no-control-regex -- NUL is what it finds
/** {@link UNSAFE_TEXT} as a whole-string rule; the JSON Schema `pattern` of every free-text input. */
export const TEXT_PATTERN = /^[^\u0000\uD800-\uDFFF]*$/u; // eslint-disable-line no-control-regex -- NUL is what it refuses
/** The message of a string that breaks {@link TEXT_PATTERN}. */
export const UNSAFE_TEXT_MESSAGE = 'contains a NUL character or a lone surrogate';

/**
 * Free text in an input: `min`–`max` characters, none of them NUL or a lone surrogate. Every input
 * string is this, or has a pattern, enum or format of its own that excludes those characters (the
 * contract's tests walk the OpenAPI document to keep it so).
 */
export function textInput(min: number, max: number) {
  return z.string().check(z.minLength(min), z.maxLength(max), z.regex(TEXT_PATTERN, UNSAFE_TEXT_MESSAGE));
}

/** Strict, length-capped {@link LocalizedText} for inputs; `fr` must be non-empty. */
export function localizedTextInput(max: number) {
  const text = textInput(1, max);
  return z.strictObject({
    fr: text,
    en: z.optional(text),
    'fr-falc': z.optional(text),
  });
}
export type LocalizedTextInput = z.infer<ReturnType<typeof localizedTextInput>>;

/** Language the resident writes in, or asks the API to answer in. Closed (input). */
export const InputLang = /* @__PURE__ */ z.enum(['fr', 'en']);
export type InputLang = z.infer<typeof InputLang>;

// ---------------------------------------------------------------------------
// Open enums

/** The type of an open enum: one of the known values, or any other string (kept autocompletable). */
export type OpenEnum<Known extends string> = Known | (string & {});

/**
 * A response enum that accepts its known values AND any other string, so that a newer backend
 * adding a value never breaks an older widget. Its JSON Schema is `anyOf: [{enum}, {type: string}]`.
 * Consumers must handle the unknown case (usually: show a neutral label).
 */
export function openEnum<const Known extends readonly [string, ...string[]]>(
  values: Known,
): z.ZodMiniType<OpenEnum<Known[number]>, OpenEnum<Known[number]>> {
  // Validation-wise `enum | string` is any string: validate as a string (zod's union and enum code
  // then stay out of browser bundles) and describe the known values in the JSON Schema.
  const schema = z.string();
  schema._zod.toJSONSchema = () => ({ anyOf: [{ type: 'string', enum: [...values] }, { type: 'string' }] });
  return schema as unknown as z.ZodMiniType<OpenEnum<Known[number]>, OpenEnum<Known[number]>>;
}

// isKnown and the safe-URL check live in checks.ts, a module without schemas: a widget that
// only checks values does not carry (nor build, when it loads) the contract's schemas.
export { isKnown, isSafeUrl, LOOPBACK_HOSTS, MAX_URL_LENGTH, SAFE_URL_SCHEMES } from './checks.js';

/**
 * A URL safe to put in an `href`; see {@link isSafeUrl} for the policy. Used in responses and inputs.
 * {@link isSafeUrl} refuses NUL and lone surrogates; the OpenAPI builder writes that rule as the
 * {@link TEXT_PATTERN} `pattern` (a `z.regex` here would add zod's regex check to every bundle).
 */
export const SafeUrl = /* @__PURE__ */ (() =>
  z.string().check(
    z.maxLength(MAX_URL_LENGTH),
    z.refine((s) => isSafeUrl(s), { message: 'URL must use https:, mailto:, tel:, sms: or webcal:' }),
  ))();
export type SafeUrl = z.infer<typeof SafeUrl>;

// ---------------------------------------------------------------------------
// Dates, identifiers, places

/** ISO 8601 date-time with `Z` or an explicit UTC offset, e.g. `2026-05-12T17:30:00+02:00`. */
export const IsoDateTime = /* @__PURE__ */ z.iso.datetime({ offset: true });
/** ISO 8601 calendar date, e.g. `2026-05-12`. */
export const IsoDate = /* @__PURE__ */ z.iso.date();

/**
 * Response leaves. The responses the SDK core validates on every page (cafés, districts, concerns)
 * check shape and types, not formats: the server builds them from strictly validated inputs, a
 * foreign backend must not break a widget over a format detail, and the checks that matter are made
 * where they matter — {@link isSafeUrl} before an href (every widget), `Date.parse` before display.
 * Their JSON Schema still documents the format. (This keeps zod's format code out of the SDK core.)
 */
export function documented<T extends z.ZodMiniType>(schema: T, jsonSchema: Record<string, unknown>): T {
  schema._zod.toJSONSchema = () => jsonSchema;
  return schema;
}
const refinementDocs = /* @__PURE__ */ new WeakMap<object, (json: Record<string, unknown>) => void>();

/**
 * Says in the JSON Schema of `schema` what its refinements check, which the converter cannot see
 * (`rewrite` edits the generated JSON Schema in place). Applied by the OpenAPI builder through
 * {@link applyRefinementDocs}.
 */
export function describeRefinements<T extends z.ZodMiniType>(
  schema: T,
  rewrite: (json: Record<string, unknown>) => void,
): T {
  refinementDocs.set(schema, rewrite);
  return schema;
}

/** The `override` option of `z.toJSONSchema` that applies {@link describeRefinements}. */
export function applyRefinementDocs(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  refinementDocs.get(ctx.zodSchema as object)?.(ctx.jsonSchema);
}

/** A date-time in a response: ISO 8601 with an offset by contract, not re-checked (see the response leaves). */
export const DateTimeString = /* @__PURE__ */ documented(z.string(), { type: 'string', format: 'date-time' });
/** A URL in a response: not re-checked — pass it through {@link isSafeUrl} before it reaches an href. */
export const UrlString = /* @__PURE__ */ documented(z.string(), {
  type: 'string',
  format: 'uri',
  maxLength: MAX_URL_LENGTH,
});
/** Latitude and longitude in a response (documented ranges, not re-checked). */
export const LatitudeOut = /* @__PURE__ */ documented(z.number(), {
  type: 'number',
  minimum: -90,
  maximum: 90,
});
export const LongitudeOut = /* @__PURE__ */ documented(z.number(), {
  type: 'number',
  minimum: -180,
  maximum: 180,
});

/**
 * An identifier in a response: a string (IDs are always strings, never numbers). Non-empty by
 * contract, not re-checked (a response leaf; see `DateTimeString`).
 */
export const Id = /* @__PURE__ */ documented(z.string(), { type: 'string', minLength: 1 });

/** An identifier in an input or a path: 1–100 URL-safe characters. */
export const IdInput = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(100),
      z.regex(/^[A-Za-z0-9][A-Za-z0-9._~-]*$/, 'Use letters, digits, ".", "_", "~" or "-"'),
    ))();

/** A category or metric code in an input: lower-case kebab/snake case, 1–64 characters. */
export const CodeInput = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(64),
      z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use lower-case letters, digits, "-" or "_"'),
    ))();

/** An IANA time zone name such as `Europe/Paris` or `UTC`. */
export const TimeZone = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.maxLength(64),
      z.regex(/^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/, 'Expected an IANA time zone such as Europe/Paris'),
    ))();

/** A BCP 47 language tag such as `fr`, `en`, `fr-FR` or `fr-FALC`. */
export const LanguageTag = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.maxLength(35),
      z.regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, 'Expected a BCP 47 language tag'),
    ))();

/** WGS 84 latitude in decimal degrees. */
export const Latitude = /* @__PURE__ */ (() => z.number().check(z.gte(-90), z.lte(90)))();
/** WGS 84 longitude in decimal degrees. */
export const Longitude = /* @__PURE__ */ (() => z.number().check(z.gte(-180), z.lte(180)))();

/** A point in WGS 84 (a response: degrees not range-checked, see the response leaves). */
export const GeoPoint = /* @__PURE__ */ z.object({ lat: LatitudeOut, lon: LongitudeOut });
export type GeoPoint = z.infer<typeof GeoPoint>;

/** A district (quartier) of the city; cafés, concerns and priorities may refer to it by `id`. */
export const District = /* @__PURE__ */ (() =>
  z.object({
    id: Id,
    name: z.string(),
    description: z.optional(z.string()),
    centre: z.optional(GeoPoint),
  }))();
export type District = z.infer<typeof District>;

/** `GET /v1/districts` response. */
export const DistrictList = /* @__PURE__ */ (() => z.object({ items: z.array(District) }))();
export type DistrictList = z.infer<typeof DistrictList>;

// ---------------------------------------------------------------------------
// Pagination

/** A page of results: `nextCursor` is opaque; `null` means this is the last page. */
export function page<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Default and maximum `limit` of paginated lists. */
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/**
 * An integer `min`–`max` written in a query string or a form: decimal digits only, so an empty
 * value, spaces, `0x10` or `1e2` are refused (a bare `Number()` coercion would read `""` as 0).
 * Documented as a JSON Schema integer.
 */
export function intParam(min: number, max: number) {
  return documented(
    z.pipe(
      z.string().check(z.regex(/^-?\d{1,16}$/, 'expected an integer')),
      z.coerce.number<string>().check(z.int(), z.gte(min), z.lte(max)),
    ),
    { type: 'integer', minimum: min, maximum: max },
  );
}

/** A decimal number `min`–`max` written in a query string or a form (`-12.5`, `.5`, `3.`, `1e-7`). */
export function numberParam(min: number, max: number) {
  return documented(
    z.pipe(
      z
        .string()
        .check(
          z.maxLength(40),
          z.regex(/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/, 'expected a number'),
        ),
      z.coerce.number<string>().check(z.gte(min), z.lte(max)),
    ),
    { type: 'number', minimum: min, maximum: max },
  );
}

/** `limit` query parameter: an integer 1–{@link MAX_PAGE_LIMIT}. */
export const LimitParam = /* @__PURE__ */ intParam(1, MAX_PAGE_LIMIT);
/** `cursor` query parameter: the `nextCursor` of the previous page. */
export const CursorParam = /* @__PURE__ */ textInput(1, 500);

// ---------------------------------------------------------------------------
// Health

/** `GET /healthz`. */
export const Health = /* @__PURE__ */ (() =>
  z.object({
    status: z.literal('ok'),
    version: z.string(),
    database: openEnum(['pglite', 'postgres']),
  }))();
export type Health = z.infer<typeof Health>;
