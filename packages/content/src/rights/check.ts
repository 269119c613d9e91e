/**
 * The content check: schema, sources, dates, translations and editorial rules of the rights content.
 * Pure (no I/O, `today` passed in) so `npm test` and the CLI (`packages/content/scripts/check-rights.ts`)
 * share it. Builds on the contract's `checkRightsIntegrity`.
 */
import {
  CONTACT_CHANNELS,
  FORCES,
  ITEM_CONFIDENCES,
  ITEM_STATUSES,
  RightsContent,
  SOURCE_KINDS,
  checkRightsIntegrity,
  type LocalizedText,
} from '@proximite/contract';

/** What kind of rule a problem breaks. */
export type RightsContentIssueCode =
  | 'schema'
  | 'no-source'
  | 'unknown-source'
  | 'expired-source'
  | 'source-dates'
  | 'source-url'
  | 'unused-source'
  | 'missing-translation'
  | 'missing-easy-read'
  | 'unknown-value'
  | 'review-note'
  | 'review-overdue'
  | 'duplicate-id'
  | 'bad-id';

export interface RightsContentIssue {
  code: RightsContentIssueCode;
  /** Where: a dotted path into the content, e.g. `topics.0.sections.1.items.2.sources`. */
  path: string;
  message: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Topic ids are URL fragments (`#identity-checks`): lower-case kebab case. */
const FRAGMENT_ID = /^[a-z][a-z0-9-]*$/;

/** Maps an issue of the contract's integrity check to our codes. */
function integrityCode(message: string): RightsContentIssueCode {
  if (message.startsWith('unknown source')) return 'unknown-source';
  if (message.startsWith('source expired')) return 'expired-source';
  if (message.startsWith('review overdue')) return 'review-overdue';
  if (message.startsWith('duplicate')) return 'duplicate-id';
  if (message.startsWith('an item needs a source')) return 'no-source';
  return 'schema';
}

/**
 * Every problem of `content` on `today` (YYYY-MM-DD); an empty array means the content may ship.
 * Checks: the contract schema; every item and contact cites ≥ 1 source, all known; no source past
 * `validUntil` and every source has one; `accessed` not in the future; source URLs are https; every
 * source is cited; `fr` and every other declared locale on every text (and on `easyRead` where an item
 * declares it); each topic has easy-read essentials; status, confidence, kinds, forces and channels are
 * known values; `verify` items carry a review note; ids unique and topic ids usable as URL fragments.
 */
export function checkRightsContent(content: unknown, today: string): RightsContentIssue[] {
  if (!ISO_DATE.test(today)) throw new TypeError(`today must be YYYY-MM-DD, got "${today}"`);
  const parsed = RightsContent.safeParse(content);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      code: 'schema' as const,
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
  }
  const data = parsed.data;
  const issues: RightsContentIssue[] = checkRightsIntegrity(data, today).map((issue) => ({
    code: integrityCode(issue.message),
    path: issue.path,
    message: issue.message,
  }));
  const add = (code: RightsContentIssueCode, path: string, message: string): void => {
    issues.push({ code, path, message });
  };
  const locales = data.locales.length > 0 ? data.locales : ['fr'];
  const translated = (text: LocalizedText | undefined, path: string, code: RightsContentIssueCode) => {
    if (text === undefined) return;
    for (const locale of new Set(['fr', ...locales])) {
      const value = (text as Record<string, string | undefined>)[locale];
      if (typeof value !== 'string' || value.trim() === '') add(code, path, `missing "${locale}" text`);
    }
  };
  const known = (values: readonly string[], value: string, path: string, what: string) => {
    if (!values.includes(value)) add('unknown-value', path, `unknown ${what} "${value}"`);
  };
  const unique = (ids: readonly string[], path: string, what: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) add('duplicate-id', path, `duplicate ${what} id "${id}"`);
      seen.add(id);
    }
  };

  // Sources
  const cited = new Set<string>();
  for (const [id, source] of Object.entries(data.sources)) {
    const path = `sources.${id}`;
    known(SOURCE_KINDS, source.kind, `${path}.kind`, 'source kind');
    if (source.validUntil === undefined) add('source-dates', path, 'a source needs a validUntil date');
    if (source.accessed > today) add('source-dates', path, `accessed in the future (${source.accessed})`);
    if (source.validUntil !== undefined && source.validUntil < source.accessed)
      add('source-dates', path, 'validUntil is before accessed');
    if (!source.url.startsWith('https://')) add('source-url', `${path}.url`, 'a source URL must be https');
    if (source.title.trim() === '') add('schema', `${path}.title`, 'a source needs a title');
  }

  // Document
  translated(data.disclaimer, 'disclaimer', 'missing-translation');
  if (data.lastReviewed > today) add('source-dates', 'lastReviewed', 'lastReviewed is in the future');

  // Topics
  unique(
    data.topics.map((topic) => topic.id),
    'topics',
    'topic',
  );
  data.topics.forEach((topic, t) => {
    const tp = `topics.${t}`;
    if (!FRAGMENT_ID.test(topic.id)) add('bad-id', `${tp}.id`, `topic id "${topic.id}" is not kebab-case`);
    translated(topic.title, `${tp}.title`, 'missing-translation');
    translated(topic.summary, `${tp}.summary`, 'missing-translation');
    topic.appliesTo.forEach((force, f) => known(FORCES, force, `${tp}.appliesTo.${f}`, 'force'));
    unique(
      topic.sections.map((section) => section.id),
      `${tp}.sections`,
      'section',
    );
    unique(
      topic.sections.flatMap((section) => section.items.map((item) => item.id)),
      tp,
      'item',
    );
    let easyRead = 0;
    topic.sections.forEach((section, s) => {
      const sp = `${tp}.sections.${s}`;
      translated(section.title, `${sp}.title`, 'missing-translation');
      if (section.items.length === 0) add('schema', `${sp}.items`, 'a section needs at least one item');
      section.items.forEach((item, i) => {
        const ip = `${sp}.items.${i}`;
        translated(item.text, `${ip}.text`, 'missing-translation');
        if (item.easyRead !== undefined) {
          easyRead += 1;
          translated(item.easyRead, `${ip}.easyRead`, 'missing-easy-read');
        }
        known(ITEM_STATUSES, item.status, `${ip}.status`, 'status');
        known(ITEM_CONFIDENCES, item.confidence, `${ip}.confidence`, 'confidence');
        if (item.confidence === 'verify' && !item.reviewNote?.trim())
          add('review-note', `${ip}.reviewNote`, 'an item to verify needs a review note');
        if (item.validUntil !== undefined && item.validUntil < today)
          add('expired-source', `${ip}.validUntil`, `item expired on ${item.validUntil}`);
        for (const id of item.sources) cited.add(id);
      });
    });
    if (easyRead === 0) add('missing-easy-read', tp, 'a topic needs easy-read essentials');
  });

  // Contacts
  unique(
    data.contacts.map((contact) => contact.id),
    'contacts',
    'contact',
  );
  data.contacts.forEach((contact, c) => {
    const cp = `contacts.${c}`;
    translated(contact.label, `${cp}.label`, 'missing-translation');
    translated(contact.description, `${cp}.description`, 'missing-translation');
    if (contact.sources.length === 0) add('no-source', `${cp}.sources`, 'a contact needs a source');
    if (contact.number === undefined && contact.url === undefined)
      add('schema', cp, 'a contact needs a number or a URL');
    contact.channels.forEach((channel, h) =>
      known(CONTACT_CHANNELS, channel, `${cp}.channels.${h}`, 'channel'),
    );
    if (contact.confidence !== undefined)
      known(ITEM_CONFIDENCES, contact.confidence, `${cp}.confidence`, 'confidence');
    if (contact.confidence === 'verify' && !contact.reviewNote?.trim())
      add('review-note', `${cp}.reviewNote`, 'a contact to verify needs a review note');
    for (const id of contact.sources) cited.add(id);
  });

  for (const id of Object.keys(data.sources)) {
    if (!cited.has(id)) add('unused-source', `sources.${id}`, `source "${id}" is never cited`);
  }
  return issues;
}
