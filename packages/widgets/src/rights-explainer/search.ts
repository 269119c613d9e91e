/** Search over rights topics: accent- and case-insensitive, every word must match. Pure, no DOM. */
import type { LocalizedText, RightsItem, RightsTopic } from '@proximite/contract';

/** Lower-case without diacritics: « Défenseur » → « defenseur ». */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a query, folded; empty when the query is blank. */
export function terms(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

type Pick = (text: LocalizedText | undefined) => string;

const matchesAll = (haystack: string, words: readonly string[]): boolean =>
  words.every((word) => haystack.includes(word));

/**
 * The topics matching `query`, each with the ids of its matching items (every item when the topic's
 * title or summary matches). `pick` gives the text of the language shown; `easyRead` items are
 * searched in their easy-read text too. A blank query matches everything.
 */
export function searchTopics(
  topics: readonly RightsTopic[],
  query: string,
  pick: Pick,
): Map<string, Set<string>> {
  const words = terms(query);
  const result = new Map<string, Set<string>>();
  const itemText = (item: RightsItem) => `${pick(item.text)} ${pick(item.easyRead)}`;
  for (const topic of topics) {
    const all = topic.sections.flatMap((section) => section.items);
    const head = fold(`${pick(topic.title)} ${pick(topic.summary)}`);
    if (matchesAll(head, words)) {
      result.set(topic.id, new Set(all.map((item) => item.id)));
      continue;
    }
    const ids = new Set<string>();
    for (const section of topic.sections) {
      const sectionTitle = pick(section.title);
      for (const item of section.items) {
        if (matchesAll(fold(`${sectionTitle} ${itemText(item)}`), words)) ids.add(item.id);
      }
    }
    if (ids.size > 0) result.set(topic.id, ids);
  }
  return result;
}
