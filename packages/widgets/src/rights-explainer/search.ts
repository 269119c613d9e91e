/**
 * Search over rights topics, as a resident types: case and accents ignored, verb and plural forms
 * matched by their stem (« contrôler » finds « contrôle », « filmé » finds « filmer »), small words
 * (« mon », « de », « my ») left out, and a word being typed matched by its beginning. Every
 * remaining word must match. Pure, no DOM.
 *
 * The stems come from the Snowball stemmers (https://snowballstem.org/algorithms/french/stemmer.html,
 * the English « Porter2 »), as packaged by @orama/stemmers. A language's stemmer and small words
 * (search-fr.ts, search-en.ts) are a lazy chunk the widget loads when the resident first types;
 * until then words are matched as they are, by their beginning.
 */
import type { LocalizedText, RightsTopic } from '@proximite/contract';

/** What a language brings to the search: a stemmer and its small words (search-fr.ts, search-en.ts). */
export interface SearchLanguage {
  stem: (word: string) => string;
  small: ReadonlySet<string>;
}

/** Lower-case without diacritics: « Défenseur » → « defenseur ». */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The folded words of a text: « d’identité » → ['d', 'identite']. */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

/**
 * Remembered work, as a resident types: the content's texts are searched again at every key
 * (issue 21: no long task). Bounded, so any text typed or loaded cannot grow it without end.
 */
const LIMIT = 20_000;
function remembered<K, V>(cache: Map<K, V>, key: K, compute: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= LIMIT) cache.clear();
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}
/** The words of the content's texts. */
const textWords = new Map<string, readonly string[]>();
/** Each language's stems of the words seen. */
const stems = new WeakMap<SearchLanguage, Map<string, string>>();

/**
 * The words of a query, folded, without the language's small words (unless the query has nothing
 * else); empty when the query is blank.
 */
export function terms(query: string, small?: ReadonlySet<string>): string[] {
  const all = words(query);
  const meaningful = small ? all.filter((word) => !small.has(word)) : all;
  return meaningful.length ? meaningful : all;
}

type Pick = (text: LocalizedText | undefined) => string;

/** The query's stems, each to be found at the start of a stem of the text. */
export class Query {
  readonly stems: readonly string[];

  /** Without `language`, words are matched as they are (folded), by their beginning. */
  constructor(
    query: string,
    readonly language?: SearchLanguage,
  ) {
    this.stems = terms(query, language?.small).map((word) => this.stem(word));
  }

  /** Whether `word` (folded) matches one of the query's stems. */
  hits(word: string): boolean {
    const stem = this.stem(word);
    return this.stems.some((wanted) => stem.startsWith(wanted));
  }

  /** Whether every stem of the query is found in `text`. */
  matchesAll(text: string): boolean {
    const found = remembered(textWords, text, words);
    return this.stems.every((wanted) => found.some((word) => this.stem(word).startsWith(wanted)));
  }

  private stem(word: string): string {
    const language = this.language;
    if (!language) return word;
    let known = stems.get(language);
    if (!known) stems.set(language, (known = new Map()));
    return remembered(known, word, language.stem);
  }
}

/** The texts {@link searchTopics} checks: each topic's title and summary, each item with its section's title. */
function* searchTexts(topics: readonly RightsTopic[], pick: Pick): Generator<string> {
  for (const topic of topics) {
    yield `${pick(topic.title)} ${pick(topic.summary)}`;
    for (const section of topic.sections) {
      const sectionTitle = pick(section.title);
      for (const item of section.items) yield `${sectionTitle} ${pick(item.text)} ${pick(item.easyRead)}`;
    }
  }
}

/**
 * Folds the words of the topics' texts and stems them with `language` (without one, only folds
 * them) ahead of a search, in slices of `sliceMs`, each in a task of its own, none in the caller's
 * (issue 21: the first search with a stemmer just loaded stemmed every word of the content in one
 * task; the first key folded them all in its own). A search afterwards finds them remembered.
 */
export async function prepareStems(
  topics: readonly RightsTopic[],
  language: SearchLanguage | undefined,
  pick: Pick,
  sliceMs = 8,
): Promise<void> {
  const query = new Query('', language);
  let sliceStart = -Infinity;
  for (const text of searchTexts(topics, pick)) {
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
    for (const word of remembered(textWords, text, words)) query.hits(word);
  }
}

/**
 * The topics matching `query`, each with the ids of its matching items (every item when the topic's
 * title or summary matches). `pick` gives the text of the language shown; `easyRead` items are
 * searched in their easy-read text too. A blank query matches everything.
 */
export function searchTopics(
  topics: readonly RightsTopic[],
  query: string | Query,
  pick: Pick,
): Map<string, Set<string>> {
  const q = typeof query === 'string' ? new Query(query) : query;
  const result = new Map<string, Set<string>>();
  // The texts of searchTexts(), in its order.
  for (const topic of topics) {
    const all = topic.sections.flatMap((section) => section.items);
    if (q.matchesAll(`${pick(topic.title)} ${pick(topic.summary)}`)) {
      result.set(topic.id, new Set(all.map((item) => item.id)));
      continue;
    }
    const ids = new Set<string>();
    for (const section of topic.sections) {
      const sectionTitle = pick(section.title);
      for (const item of section.items) {
        if (q.matchesAll(`${sectionTitle} ${pick(item.text)} ${pick(item.easyRead)}`)) ids.add(item.id);
      }
    }
    if (ids.size > 0) result.set(topic.id, ids);
  }
  return result;
}
