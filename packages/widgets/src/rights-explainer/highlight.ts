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

/**
 * Highlights the words `query` finds in the open topics' titles, summaries and items of `root`
 * (a topic a search opened but still shows closed is closed here); `previous`, the ranges of the
 * last call for this root, are taken out of the highlight first. Returns the ranges added.
 */
export function highlight(
  root: ParentNode,
  query: Query | undefined,
  previous: readonly AbstractRange[],
): AbstractRange[] {
  const ranges: AbstractRange[] = [];
  if (!window.Highlight) return ranges;
  const all = CSS.highlights.get(NAME) ?? CSS.highlights.set(NAME, new Highlight()).get(NAME)!;
  for (const range of previous) all.delete(range);
  if (query)
    for (const element of root.querySelectorAll(
      '[aria-expanded=true] span, .panel:not([hidden]) p:not([class])',
    )) {
      const text = element.lastChild;
      if (text instanceof Text)
        for (const [start, end] of matches(query, text.data)) {
          // Static: no live range for every DOM change to update; each update highlights anew.
          const range = new StaticRange({
            startContainer: text,
            startOffset: start,
            endContainer: text,
            endOffset: end,
          });
          all.add(range);
          ranges.push(range);
        }
    }
  return ranges;
}
