/** Residents' rights content: topics → sections → sourced, dated items; contacts; city overrides. */
import * as z from 'zod/mini';
import {
  IdInput,
  InputLang,
  IsoDate,
  LocalizedText,
  SafeUrl,
  localizedTextInput,
  openEnum,
  textInput,
} from './common.js';

/** Kinds of sources behind a rights statement. */
export const SOURCE_KINDS = [
  'law',
  'decree',
  'case-law',
  'official-guide',
  'official-site',
  'press',
  'other',
] as const;
export const SourceKind = /* @__PURE__ */ openEnum(SOURCE_KINDS);

/** A source: a law article, a decree, an official guide… `validUntil` is when it must be re-checked. */
export const RightsSource = /* @__PURE__ */ (() =>
  z.object({
    title: z.string(),
    url: SafeUrl,
    kind: SourceKind,
    accessed: IsoDate,
    validUntil: z.optional(IsoDate),
  }))();
export type RightsSource = z.infer<typeof RightsSource>;

/** Legal status of a statement. */
export const ITEM_STATUSES = ['in-force', 'pending', 'repealed', 'debated'] as const;
export const ItemStatus = /* @__PURE__ */ openEnum(ITEM_STATUSES);
/** Editorial confidence: `verify` items are hidden in production builds. */
export const ITEM_CONFIDENCES = ['verified', 'verify'] as const;
export const ItemConfidence = /* @__PURE__ */ openEnum(ITEM_CONFIDENCES);

/** One statement, with at least one source id (keys of `RightsContent.sources`). */
export const RightsItem = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    text: LocalizedText,
    easyRead: z.optional(LocalizedText),
    sources: z.array(z.string()).check(z.minLength(1)),
    status: ItemStatus,
    confidence: ItemConfidence,
    reviewNote: z.optional(z.nullable(z.string())),
    lastReviewed: z.optional(IsoDate),
    validUntil: z.optional(IsoDate),
  }))();
export type RightsItem = z.infer<typeof RightsItem>;

export const RightsSection = /* @__PURE__ */ (() =>
  z.object({ id: z.string(), title: LocalizedText, items: z.array(RightsItem) }))();
export type RightsSection = z.infer<typeof RightsSection>;

/** Forces a topic applies to. */
export const FORCES = ['police-nationale', 'gendarmerie', 'police-municipale'] as const;
export const Force = /* @__PURE__ */ openEnum(FORCES);

export const RightsTopic = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    title: LocalizedText,
    summary: z.optional(LocalizedText),
    appliesTo: z.array(Force),
    /** Show the "general information, not legal advice" notice on this topic. */
    legalNotice: z.boolean(),
    sections: z.array(RightsSection),
  }))();
export type RightsTopic = z.infer<typeof RightsTopic>;

/** Channels a help contact can be reached through. */
export const CONTACT_CHANNELS = [
  'phone',
  'sms',
  'fax',
  'app',
  'video',
  'web',
  'email',
  'chat',
  'in-person',
  'mail',
] as const;
export const ContactChannel = /* @__PURE__ */ openEnum(CONTACT_CHANNELS);

/** A national help contact (17, 112, 114, 119, 3919, Défenseur des droits…). */
export const RightsContact = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    number: z.optional(z.string()),
    url: z.optional(SafeUrl),
    label: LocalizedText,
    description: z.optional(LocalizedText),
    channels: z.array(ContactChannel),
    hours: z.optional(z.string()),
    free: z.optional(z.boolean()),
    emergency: z.optional(z.boolean()),
    sources: z.array(z.string()),
    /** Editorial confidence, as for items; absent means `verified`. */
    confidence: z.optional(ItemConfidence),
    reviewNote: z.optional(z.nullable(z.string())),
  }))();
export type RightsContact = z.infer<typeof RightsContact>;

/** Kinds of local contacts a city adds. */
export const LOCAL_CONTACT_KINDS = [
  'police-municipale',
  'commissariat',
  'gendarmerie',
  'maison-justice-droit',
  'point-justice',
  'defenseur-des-droits-delegue',
  'victim-support',
  'mairie',
  'other',
] as const;
export const LocalContactKind = /* @__PURE__ */ openEnum(LOCAL_CONTACT_KINDS);

/** A city's local contact: police municipale, commissariat, Maison de la justice et du droit… */
export const LocalContact = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    kind: LocalContactKind,
    name: z.string(),
    address: z.optional(z.string()),
    phone: z.optional(z.string()),
    email: z.optional(z.string()),
    url: z.optional(SafeUrl),
    hours: z.optional(z.string()),
    description: z.optional(LocalizedText),
  }))();
export type LocalContact = z.infer<typeof LocalContact>;

/** `GET /v1/rights` response and the bundled `rights.json` (open-data.md PART 3). */
export const RightsContent = /* @__PURE__ */ (() =>
  z.object({
    schemaVersion: z.string(),
    jurisdiction: z.string(),
    locales: z.array(z.string()),
    lastReviewed: IsoDate,
    reviewBy: IsoDate,
    disclaimer: LocalizedText,
    sources: z.record(z.string(), RightsSource),
    topics: z.array(RightsTopic),
    contacts: z.array(RightsContact),
    localContacts: z.optional(z.array(LocalContact)),
  }))();
export type RightsContent = z.infer<typeof RightsContent>;

/** `GET /v1/rights` query. */
export const RightsQuery = /* @__PURE__ */ (() => z.strictObject({ lang: z.optional(InputLang) }))();
export type RightsQuery = z.infer<typeof RightsQuery>;

/** A problem found by {@link checkRightsIntegrity}. */
export interface RightsIntegrityIssue {
  path: string;
  message: string;
}

/**
 * Editorial checks beyond the schema (pure; used by the content CI): every cited source exists,
 * no source is past `validUntil` on `today` (YYYY-MM-DD), `reviewBy` is not past, ids are unique.
 */
export function checkRightsIntegrity(content: RightsContent, today: string): RightsIntegrityIssue[] {
  const issues: RightsIntegrityIssue[] = [];
  const cite = (ids: readonly string[], path: string): void => {
    for (const id of ids) {
      if (!Object.hasOwn(content.sources, id)) issues.push({ path, message: `unknown source "${id}"` });
    }
  };
  for (const [id, source] of Object.entries(content.sources)) {
    if (source.validUntil !== undefined && source.validUntil < today) {
      issues.push({ path: `sources.${id}`, message: `source expired on ${source.validUntil}` });
    }
  }
  if (content.reviewBy < today)
    issues.push({ path: 'reviewBy', message: `review overdue since ${content.reviewBy}` });
  const seen = new Set<string>();
  content.topics.forEach((topic, t) => {
    if (seen.has(topic.id))
      issues.push({ path: `topics.${t}.id`, message: `duplicate topic id "${topic.id}"` });
    seen.add(topic.id);
    topic.sections.forEach((section, s) => {
      section.items.forEach((item, i) => {
        const path = `topics.${t}.sections.${s}.items.${i}`;
        if (item.sources.length === 0)
          issues.push({ path: `${path}.sources`, message: 'an item needs a source' });
        cite(item.sources, `${path}.sources`);
      });
    });
  });
  content.contacts.forEach((contact, c) => cite(contact.sources, `contacts.${c}.sources`));
  return issues;
}

// ---------------------------------------------------------------------------
// Admin overrides

const text = (max: number) => textInput(1, max);

/** A local contact in an input. */
export const LocalContactInput = /* @__PURE__ */ (() =>
  z.strictObject({
    id: IdInput,
    kind: z.enum(LOCAL_CONTACT_KINDS),
    name: text(200),
    address: z.optional(text(300)),
    phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ().-]{2,32}$/, 'Expected a phone number'))),
    email: z.optional(z.email().check(z.maxLength(254))),
    url: z.optional(SafeUrl),
    hours: z.optional(text(200)),
    description: z.optional(localizedTextInput(1000)),
  }))();
export type LocalContactInput = z.infer<typeof LocalContactInput>;

/** An extra help contact in an input. */
export const RightsContactInput = /* @__PURE__ */ (() =>
  z.strictObject({
    id: IdInput,
    number: z.optional(z.string().check(z.regex(/^\+?[0-9 ().-]{2,32}$/, 'Expected a phone number'))),
    url: z.optional(SafeUrl),
    label: localizedTextInput(200),
    description: z.optional(localizedTextInput(1000)),
    channels: z.array(z.enum(CONTACT_CHANNELS)).check(z.maxLength(10)),
    hours: z.optional(text(200)),
    free: z.optional(z.boolean()),
    emergency: z.optional(z.boolean()),
    sources: z.optional(z.array(IdInput).check(z.maxLength(10))),
  }))();
export type RightsContactInput = z.infer<typeof RightsContactInput>;

/** `PUT /v1/admin/rights/overrides` body (and its GET response): what a city adds to the bundled content. */
export const RightsOverrides = /* @__PURE__ */ (() =>
  z.strictObject({
    localContacts: z.optional(z.array(LocalContactInput).check(z.maxLength(50))),
    contacts: z.optional(z.array(RightsContactInput).check(z.maxLength(50))),
    disclaimer: z.optional(localizedTextInput(2000)),
  }))();
export type RightsOverrides = z.infer<typeof RightsOverrides>;
