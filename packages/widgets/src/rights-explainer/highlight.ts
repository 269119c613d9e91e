/**
 * The words a rights search found, highlighted with the CSS Custom Highlight API
 * (https://drafts.csswg.org/css-highlight-api-1/; Chromium 105+, Firefox 140+, Safari 17.2+; without
 * it, no highlights): ranges of the texts, painted by the styles' `::highlight(prox-rights-found)`,
 * no element per word. A lazy chunk, loaded by the first search (issue 21: a <mark> per word found
 * was a Lit part and an inline box per match to create, lay out and paint as each key and each topic
 * opened; and the stemmer's arrival rendered every open topic again for its new marks).
 */
import { fold, type Query } from './search.js';

/** The page's highlight (a highlight's name is the page's, shared by the explainers of a page). */
const NAME = 'prox-rights-found';

/** Where the words matching `query` are in `text`, as written: each one's start and end offsets. */
export function* matches(query: Query, text: string): Generator<[number, number]> {
  for (const { 0: word, index } of text.matchAll(/[\p{L}\p{N}]+/gu))
    if (query.hits(fold(word))) yield [index, index + word.length];
}

/** Each text's ranges for the last query it was highlighted for (its text and that query's stems). */
const known = new WeakMap<Text, { data: string; query: Query; ranges: StaticRange[] }>();

/** Whether two queries find the same words: the same stems, stemmed by the same language. */
const same = (a: Query, b: Query) => a === b || (a.language === b.language && `${a.stems}` === `${b.stems}`);

/**
 * Highlights the words `query` finds in the open topics' titles, summaries and items of `root`
 * (a topic a search opened but still shows closed is closed here); of `previous`, the ranges of the
 * last call for this root, those no longer found are taken out of the highlight. Returns the ranges
 * found. A text already highlighted for the same query keeps its ranges, not searched again (issue
 * 21: each update of a search, as each topic it opens is shown, searched every open text again and
 * put every range in the highlight anew, 30 to 50 ms at 4× CPU throttling once a few topics were open).
 */
export function highlight(
  root: ParentNode,
  query: Query | undefined,
  previous: readonly AbstractRange[],
): AbstractRange[] {
  const ranges: AbstractRange[] = [];
  if (!window.Highlight) return ranges;
  const all = CSS.highlights.get(NAME) ?? CSS.highlights.set(NAME, new Highlight()).get(NAME)!;
  if (query)
    for (const element of root.querySelectorAll(
      '[aria-expanded=true] span, .panel:not([hidden]) p:not([class])',
    )) {
      const text = element.lastChild;
      if (!(text instanceof Text)) continue;
      let entry = known.get(text);
      if (!entry || entry.data !== text.data || !same(entry.query, query)) {
        entry = { data: text.data, query, ranges: [] };
        for (const [start, end] of matches(query, text.data))
          // Static: no live range for every DOM change to update.
          entry.ranges.push(
            new StaticRange({ startContainer: text, startOffset: start, endContainer: text, endOffset: end }),
          );
        known.set(text, entry);
      }
      ranges.push(...entry.ranges);
    }
  const kept = new Set(ranges);
  for (const range of previous) if (!kept.has(range)) all.delete(range);
  for (const range of ranges) all.add(range);
  return ranges;
}
