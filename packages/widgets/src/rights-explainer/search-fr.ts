/**
 * French for the rights search (a lazy chunk): the Snowball French stemmer
 * (https://snowballstem.org/algorithms/french/stemmer.html) and the small words left out of a
 * query, folded (articles, possessives, pronouns, prepositions).
 */
export { stemmer as stem } from '@orama/stemmers/french';

export const small: ReadonlySet<string> = new Set(
  (
    'a au aux avec ce ces d dans de des du elle en est et il j je l la le les leur lui m ma me mes ' +
    'mon n ne nos notre on ou par pas pour qu que qui s sa se ses son sur t ta te tes ton un une vos votre y'
  ).split(' '),
);
