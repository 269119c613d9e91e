/**
 * English for the rights search (a lazy chunk): the Snowball English (Porter2) stemmer
 * (https://snowballstem.org/algorithms/english/stemmer.html) and the small words left out of a query.
 */
export { stemmer as stem } from '@orama/stemmers/english';

export const small: ReadonlySet<string> = new Set(
  'a an and are at be by can do for from how i in is it me my of on or the to what when who with your'.split(
    ' ',
  ),
);
