// Size budgets, in brotli bytes (bytes do not vary between runs, so CI checks them).
// Each budget measures a file rollup.config.js writes (`npm run build`); a missing file is an
// error, never a skipped budget. size-limit counts 1 KB as 1,000 bytes.
//
// Rows are reported in groups (issue 21), by their path: « First view » is what a page loads before
// a widget paints — a standalone entry and every file it imports statically, followed here through
// the built files; « Lazy » is a chunk of a standalone bundle loaded after the first paint or when
// a resident uses it; then the SDK and kit alone, the CDN files and the staff console.
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const { basename, dirname, join, relative } = require('node:path');

const version = require('./packages/widgets/package.json').version;
const standalone = (name) => `bundles/standalone/${name}/${name}.js`;
const cdn = (name) => `bundles/cdn/${name}-${version}.js`;

/**
 * What a standalone widget fetches when it first imports its lazy chunk `chunk` (the file rollup
 * names `lazy/<chunk>-<hash>.js`): that chunk and the chunks it imports statically, without what the
 * first view already loaded. Rollup names the chunks it splits off after one of their modules, so a
 * list of names would break whenever the module graph changes; the imports are in the files.
 */
function loadedWith(name, chunk) {
  const dir = `bundles/standalone/${name}`;
  const found = existsSync(`${dir}/lazy`)
    ? readdirSync(`${dir}/lazy`).filter((file) => new RegExp(`^${chunk}-[\\w-]+\\.js$`).test(file))
    : [];
  if (found.length !== 1) throw new Error(`${dir}/lazy/${chunk}-*.js is missing: run npm run build first`);
  const shown = withImports(standalone(name));
  return withImports(`${dir}/lazy/${found[0]}`).filter((file) => !shown.includes(file));
}

// Budgets marked `target` are not met yet: their limit is the size measured when they were first
// built (a ratchet: it goes down with every saving, and up only for a trade the commit measures and
// explains), and the target is the open issue's. See BENCHMARKS.md.
const budgets = [
  {
    name: 'Lit + widget kit',
    path: standalone('kit'),
    // 8 KB, then 8.5 KB for issue 19: colours kept readable whatever the page sets (+0.26 KB, CSS
    // relative colours) and error states in the resident's words (+0.27 KB, fr and en).
    // Then 8.65 KB (8.63 KB measured): the base element holds the first update in a task of its own
    // and `updateComplete` waiting for the rendering still to come (issue 21), which four widgets
    // each wrote before; their own bundles lose it.
    limit: '8.65 KB',
  },
  {
    // Then 10.3 KB (10.29 KB measured) for issue 17: a concern noted at a café says so in its public
    // status (`raisedAt`), and the cafés' meeting kinds in the café schema.
    name: 'SDK core (cafés, districts, concerns, outbox; no adapters)',
    path: standalone('sdk'),
    // 10 KB, then 10.04 KB for issue 22: the SDK stops retrying what will always fail (a 409 state
    // conflict, 501, 505, a 500 five times in a row) and waits out a 409 whose Idempotency-Key is
    // still in flight; before, a report the server could never store was retried for 24 h and the
    // resident never told (+79 B measured after rebasing on aea34ae: 9,980 → 10,059 bytes, after
    // folding the transport's retry list into isTransient); then 10.08 KB (10,075 bytes) for issue
    // 14: a concern category's `conduct` and a public update's `service` in the schemas (+15 B);
    // then 10.15 KB (10.14 KB measured) for issue 15's `concerns.feedback` (the resident's verdict)
    // and the status's `verdict` / `verdictOpen` in its schema (+65 B); then 10.2 KB (10.19 KB
    // measured) for `concerns.addEmail` (updates by e-mail added from the status page) and the
    // contact's `emailUpdates` (+43 B). Then 10.42 KB (10,411 bytes measured, +119 B) for issue 21:
    // the outbox sends up to 4 entries at once (1,000 queued reports drained one round trip at a
    // time) and a 429/503 Retry-After pauses its whole queue.
    // Then 10.62 KB (10.61 KB measured): the SDK validates a list's items in slices of about
    // 10 ms, giving the main thread back between them (issue 21: no long task), +0.2 KB.
    // Then 10.7 KB (10.69 KB measured): the SDK's validateInSlices slices every array at the top level of a response, not only a list's items (issue 21: the rights content's topics and contacts were one long task to validate), +71 B.
    limit: '10.7 KB',
  },
  {
    name: 'SDK full client (+ priorities, rights, stats)',
    path: standalone('sdk-full'),
    // 14 KB (13,990 bytes at aea34ae), then 14.08 KB (14,077 bytes) for issue 22's permanence rules
    // (see the SDK core's budget), then 14.3 KB for issue 18's public activity report:
    // `client.reports` and the PublicReport schema it validates responses with (+212 B measured);
    // then 14.4 KB (14.38 KB measured) for issue 15's verdict (see the SDK core's budget, +80 B),
    // then 14.45 KB (14.41 KB measured) for its e-mail updates (+13 B).
    // Then 14.55 KB (14.52 KB measured) for issue 17: `raisedAt` in the status schema and the
    // cafés' meeting kinds. Then 14.63 KB (14,623 bytes measured) for issue 21's parallel outbox
    // (see the SDK core's budget).
    // Then 14.82 KB (14.8 KB measured): the SDK validates a list's items in slices of about
    // 10 ms, giving the main thread back between them (issue 21: no long task), +0.2 KB.
    // Then 14.86 KB (14.85 KB measured): isKnown and isSafeUrl in a module of their own (checks.ts).
    // Then 14.9 KB (14.89 KB measured): the SDK's validateInSlices slices every array at the top level of a response, not only a list's items (issue 21: the rights content's topics and contacts were one long task to validate), +30 B.
    limit: '14.9 KB',
  },
  {
    name: '<prox-cafe-calendar> standalone: Lit and the widget, the SDK a chunk after it (goal 20 KB, issue 21: met)',
    path: standalone('prox-cafe-calendar'),
    // 23 KB, then 23.5 KB for paging and lit's guard: a first render of 60 cafés at 4× CPU
    // throttling went from 0.9 s to 0.3 s (BENCHMARKS.md), for 0.45 KB; then 23.7 KB for the kit's
    // readable colours and errors in the resident's words (issue 19); then 23.85 KB: the outbox's
    // offline back-off (one request per attempt, spaced), measured once both had landed; then
    // 24.9 KB (23,826 → 24,861 bytes) for issue 18's « Rencontres passées »: the third view button,
    // its loading and error states and its texts (the view itself is the lazy chunk below); then
    // 24.96 KB (24,861 → 24,952 bytes on aea34ae) for issue 22: the SDK's permanence rules (see the
    // SDK core's budget) and lone surrogates refused in URLs.
    // Then 25.1 KB (25.06 KB measured) with the reflow fix of the view switch and the café's series fields.
    // Then 25.4 KB (25.35 KB measured): the contract's one wall-clock-time module (issue 19) is shared
    // by the agenda and the iCalendar reader, so its reading half moved from that lazy chunk into
    // the first view (+0.25 KB; the reader's chunk lost as much).
    // Then 25.6 KB (25.57 KB measured): the SDK validates a list's items in slices of about
    // 10 ms, giving the main thread back between them (issue 21: no long task), +0.2 KB.
    // Then 25.75 KB (25.74 KB measured): the list renders its cafés two at a time, one task each, and
    // builds its Intl formatters while the cafés load (issue 21: no long task), +0.15 KB.
    // Then 18.7 KB (18,627 bytes measured), the first view only: the SDK and the contract's schemas
    // are lazy chunks loaded right after the first paint (next row), so the page neither downloads
    // nor builds them before the widget shows its loading state (issue 21; target met).
    // Then 18.75 KB (18.73 KB measured, +0.1 KB): the reason a café is cancelled and the Google/Outlook links opening a new tab,
    // said in their names (issue 19). Then 18.8 KB (18.78 KB measured): French typography, no-break
    // spaces before « : ; ! ? » and inside « » (issue 19).
    // Then the goal's budget, 20 KB, in place of the ratchet (issue 21: « Replace the ratchets with
    // these budgets when met »); 18,807 bytes measured once the form's SDK became a chunk too.
    limit: '20 KB',
  },
  {
    // Issue 21: what the calendar loads after its first paint to talk to an API (the SDK's cafés
    // client, its transport and the contract's schemas), apart from its first view (row above).
    name: '<prox-cafe-calendar> SDK and schemas, lazy chunks loaded right after the first paint',
    path: loadedWith('prox-cafe-calendar', 'core'),
    // Then 12.35 KB (12.3 KB measured): the SDK's yieldToMain is a module of its own, so the
    // calendar's list no longer keeps the SDK's validation and error classes in its first view:
    // they load here, with the SDK (+1.1 KB; the first view lost as much: 18,807 → 17,704 bytes).
    // Then 12.4 KB (12.39 KB measured): the SDK's validateInSlices slices every top-level array of
    // a response, not only a list's `items` (5a8278e, for the rights content), +91 B in its transport.
    // Then 12.47 KB (12.46 KB measured): V8's compile hint first in each of its four files
    // (rollup.config.js), +71 B, so their functions compile off the main thread (issue 21).
    limit: '12.47 KB',
  },
  {
    // Loaded the first time a resident opens « Rencontres passées » (upcoming cafés come first):
    // the meetings resource, the report template and its styles.
    name: '<prox-cafe-calendar> past meetings, a lazy chunk of the standalone calendar',
    path: 'bundles/standalone/prox-cafe-calendar/lazy/past-view-*.js',
    // Then 1.96 KB (1.95 KB measured): longer chunk names in its imports once the SDK is a chunk.
    // Then 1.98 KB (1.976 KB measured): V8's compile hint first in the file (rollup.config.js).
    limit: '1.98 KB',
  },
  {
    // Loaded the first time a resident opens the month view (the agenda list comes first). 2.5 KB,
    // then 2.6 KB (2,568 B) for the hidden sample of its fonts laid out a frame before it (issue 21).
    name: '<prox-cafe-calendar> month view, a lazy chunk of the standalone calendar',
    path: 'bundles/standalone/prox-cafe-calendar/lazy/month-view-*.js',
    limit: '2.6 KB',
  },
  {
    // Loaded only for an .ics source: ical.js and the contract's feed reader. 22.55 KB before the
    // reader learnt real feeds (line-by-line recovery, one zone per TZID, Windows and Outlook names,
    // several RRULEs, the issues it reports), 26.13 KB after (issue 20).
    name: '<prox-cafe-calendar> iCalendar reader, a lazy chunk loaded only for .ics sources',
    path: 'bundles/standalone/prox-cafe-calendar/lazy/ical-*.js',
    limit: '26.2 KB',
  },
  {
    // CLDR's Windows zone names, loaded after the reader only for a feed that names one without
    // defining it (Outlook); never part of a first view.
    name: '<prox-cafe-calendar> Windows time zones, a lazy chunk of the iCalendar reader',
    path: 'bundles/standalone/prox-cafe-calendar/lazy/windows-zones-*.js',
    limit: '1.6 KB',
  },
  {
    // Then 35 KB (34.99 KB measured) for issue 17: `raisedAt` in the status schema, the outbox's
    // `send` option and the cafés' meeting kinds.
    // Then 35.2 KB (35.15 KB measured) for issue 19's single home of the answer rules: the form now
    // checks a category's answers with the contract's `checkAnswer`/`findEmergency`, the ones the
    // server applies (ISO 8601 dates with a zone, a bare key as a list of one), +0.24 KB.
    name: '<prox-concern-form> standalone: Lit and the form, its steps and the SDK chunks after it (goal 20 KB, issue 21: met)',
    path: standalone('prox-concern-form'),
    // 33 KB, then 31.6 KB once the status view became a lazy chunk and the form dropped decorators;
    // then 33.4 KB (issue 19): a refusal of the page's origin told apart from « offline », the
    // emergency numbers and the city's contact wherever the form cannot help, and the kit's
    // readable colours and errors in the resident's words (+0.53 KB), in French and English; then
    // 33.5 KB: the outbox's offline back-off, measured once both had landed; then 33.65 KB
    // (issue 15): the receipt shows the short tracking code in the first view (it must be there
    // even when the status view's chunk cannot load) and the status link carries its token in the
    // fragment, never in a Referer (+0.13 KB); its copy and print buttons load with the status view;
    // then 33.72 KB (33,585 → 33,713 bytes on aea34ae) for issue 22: the SDK's permanence rules and
    // the outbox's stop after five 500s in a row, so a report the server can never store is shown
    // as failed instead of retried for 24 h; then 33.95 KB (issue 14): a complaint about police
    // conduct shows the recourse guide and never goes on without the city's independent instance
    // (the wiring; the guide itself is the lazy chunk below); then 34.35 KB (34.31 KB measured) for
    // issue 15's verdict: the element's state and call for « Le problème est-il réglé ? », the SDK's
    // `feedback` and the status's `verdict` / `verdictOpen` and `reopen-requested` (+0.36 KB);
    // then 34.7 KB (34.68 KB measured): « Me tenir informé·e par e-mail » on the contact step, its
    // hint and its error in French and English (+0.33 KB, most of it text); then 34.85 KB (34.82 KB
    // measured): the status view's « Recevoir les nouvelles par e-mail » wiring (+0.12 KB); then
    // 35.25 KB (35,226 bytes measured) for issue 21's parallel outbox (see the SDK core's budget).
    // Then 35.45 KB (35.43 KB measured): the SDK validates a list's items in slices of about
    // 10 ms, giving the main thread back between them (issue 21: no long task), +0.2 KB; then
    // 35.6 KB (35.55 KB measured): « Modifier » on the review comes back to the review (« Revenir à la vérification »,
    // issue 19), +0.11 KB.
    // Then 25 KB (35,569 → 24,934 bytes), the first view only: the SDK's client, its outbox and the
    // contract's schemas are lazy chunks loaded right after the first paint (next row), and the form
    // takes its answer rules and limits from the contract's modules without schemas (issue 21).
    // Then 18,622 bytes measured: the steps, the result panels and their texts are a chunk loaded
    // beside the SDK (the form view, below); the goal's budget replaces the ratchet (issue 21).
    // Then 16,500 bytes measured (17,994 before): the form's rules (validation, emergency
    // detection, the submission built from the state, with the contract's answer rules) load with
    // its view, as nothing before the first step needs them.
    limit: '20 KB',
  },
  {
    // Issue 21: the form's view, loaded right after the first paint beside the SDK (the element
    // waits for both before it shows its first step): the six steps, the error summary, the
    // sending / queued / sent / failed panels and their texts in French and English, with what it
    // shares with the status view.
    name: '<prox-concern-form> steps, panels and their texts, lazy chunks loaded right after the first paint',
    path: loadedWith('prox-concern-form', 'form-view'),
    // 7.74 KB measured, then 8.9 KB (8,875 bytes) with the steps' and panels' styles, which the
    // first view no longer parses (17,712 bytes for it, −0.9 KB).
    // Then 10.55 KB (8,875 → 10,549 bytes measured): the form's rules (form-rules.ts: validation,
    // emergency detection, the submission built from the state, with the contract's answer rules)
    // load with the view, out of the first view (17,994 → 16,500 bytes; the all-in-one's
    // 45,180 → 43,787 bytes), as nothing before the first step needs them (issue 21).
    // Then 10.9 KB (10,549 → 10,881 bytes measured): the first step's fonts looked up in two
    // hidden samples, a frame each, before it (font-sample.ts and the kit's afterNextFrame; issue 21:
    // the categories' frame, longest task 53 → 38 ms of thread time at 4× CPU throttling).
    limit: '10.9 KB',
  },
  {
    // Issue 21: what the form loads after its first paint to talk to an API (the SDK's core client,
    // its transport, the outbox and the contract's schemas), apart from its first view (row above).
    name: '<prox-concern-form> SDK, outbox and schemas, lazy chunks loaded right after the first paint',
    path: loadedWith('prox-concern-form', 'core'),
    // 12.55 KB (12.53 KB measured): the SDK's validateInSlices slices every array at the top level of a response, not only a list's items (issue 21: the rights content's topics and contacts were one long task to validate), +27 B.
    limit: '12.55 KB',
  },
  {
    // Loaded the first time a resident chooses the conduct-complaint category (few ever do).
    name: '<prox-concern-form> conduct-complaint recourse guide, a lazy chunk of the standalone form',
    path: 'bundles/standalone/prox-concern-form/lazy/conduct-guide-*.js',
    limit: '1.5 KB',
  },
  {
    // Loaded the first time a resident follows a report, or while a report is sent (most visits
    // only report). 2.5 KB, then 3.55 KB (issue 15): the receipt's copy button and its page to
    // print or save, the lookup by short tracking code and the private feed, in French and English;
    // then 4.65 KB (4.61 KB measured): the verdict question (yes / no, a comment, its error, answer
    // and refusal), its 15 texts in French and English and its styles (+1.06 KB, most of it text);
    // then 5.15 KB (5.11 KB measured): « Recevoir les nouvelles par e-mail » on the status page
    // (an address, its error, the confirmation, 7 texts in two languages: +0.46 KB).
    name: '<prox-concern-form> status view, a lazy chunk of the standalone form',
    path: 'bundles/standalone/prox-concern-form/lazy/status-view-*.js',
    // Then 5.25 KB (5.21 KB measured) for « Relevé au café du 5 décembre, place du Don » on a
    // concern an agent noted at a café (issue 17).
    limit: '5.25 KB',
  },
  {
    name: '<prox-cafe-calendar> beyond the shared chunk',
    path: cdn('prox-cafe-calendar'),
    // 8 KB, then 8.65 KB (7,961 → 8,627 bytes) for issue 18's « Rencontres passées » (see above).
    // Then 8.7 KB (8.66 KB measured) on the same change.
    // Then 8.75 KB (8.71 KB measured): the list renders its cafés two at a time, one task each, and
    // builds its Intl formatters while the cafés load (issue 21: no long task), +0.15 KB.
    // Then 8.9 KB (8,853 bytes measured): the reason a café is cancelled (« Motif de l’annulation »)
    // and the Google/Outlook links opening a new tab, said in their names (issue 19).
    // Then 8.95 KB (8,901 bytes measured): the days off screen use content-visibility (issue 21: the
    // longest task of a first render of 500 cafés at 4× CPU throttling, 76 → 41 ms of thread time).
    // Then 9 KB (8,960 bytes measured): cafés one per frame, the month table in two halves (issue
    // 21), and the kit's afterNextFrame now shared with the stats widget, a chunk of its own here.
    // Then 9.3 KB (9,252 bytes measured): the cafés loaded page by page, a small first page from a
    // server and the rest after it, with its loading and error states (issue 21; before it, the
    // widget showed only the first 50 cafés of a server or a file, their default page).
    // Then 9.35 KB (9,314 bytes measured): the names of a café's links and button built with
    // aria-labelledby instead of clipped hidden texts in each café (issue 21: « Voir plus », longest
    // task 54 → 39 ms of thread time at 4× CPU throttling).
    // Then 9.45 KB (9,418 bytes measured): the list renders an entry a frame (a café spanning days
    // was all its days in one frame), and « Voir plus » clicked before the frame of the last café
    // shown waits for it (issue 21: « Voir plus », longest task 54 → 35 ms of thread time).
    limit: '9.45 KB',
  },
  {
    name: '<prox-rights-explainer> beyond the shared chunk',
    path: cdn('prox-rights-explainer'),
    // 6 KB, then 6.1 KB for issue 19: a search that finds « contrôler mon identité » (stems, small
    // words, a word being typed) and highlights what it found (5,709 → 6,060 B). The stemmers
    // themselves are lazy chunks, below. Then 6.35 KB (6,330 B): « Qui contacter ? » gives each body
    // its action (online form, letter, local delegate) in French and English (+0.27 KB). Then
    // 6.36 KB (6,355 B, measured with the public report): the highlighted title in one span (each
    // mark was a flex item of the toggle), and longer hashed chunk names in its imports. Then 6.55 KB
    // (6,512 B): its first render fills the topics' panels two per task, then the guide and the help
    // numbers (issue 21: no long task), +180 B. Then 6.7 KB (6,652 B): a search opens the topics it
    // finds two per task, and the topics are keyed (Lit's repeat), so a narrower search removes
    // topics instead of re-rendering the others into their elements (issue 21: the search's longest
    // task at 4× CPU throttling), +140 B; 6,697 B with the topics and panels in block flow. Then
    // 6.8 KB (6,761 B): the search remembers the content's words and each language's stems, so a
    // key typed does not fold and stem the whole content again (issue 21), +64 B. Then 7.1 KB
    // (7.06 KB measured, issue 21): the SDK's rights resource alone for an `api` (its own resolver
    // and lazy chunk), the first render in a task of its own, closed panels filled after it, source
    // dates formatted once, and the stemmer's arrival stemming the content a slice per task, +256 B.
    // Then 7.2 KB (7,177 B): a search's highlights one node per match (not per word), topics
    // rendered again only when what they show changed (Lit's guard), the topics found opened a
    // frame apart, the content's words folded after the first render (issue 21: the search's
    // longest task), +128 B. Then 7.25 KB (7,233 B): a topic a search opens shows its first
    // section, the others a frame later (issue 21), +56 B. Then 7.35 KB (7,310 B): the « Facile à
    // lire » toggle's check drawn with borders, as the calendar's, not the « ✓ » character, whose
    // fallback font the page's first layout searched for (issue 21), +77 B. Then 7.45 KB (7.44 KB
    // measured): a closed panel filled in two tasks and the help numbers in two frames (7.32 KB),
    // and the templates of the content's parts prepared off the document while it loads (their
    // content in warm-up.ts, a lazy chunk; issue 21: the content's first render prepared them
    // all in one task), +120 B. Then 7.5 KB (7.48 KB measured): a key typed searches the content
    // once, the answer kept for the render it causes (issue 21: the search's key tasks), +40 B.
    // Then 7.65 KB (7.64 KB measured): the content's fonts looked up in a hidden sample while it
    // loads (issue 21: 12–15 ms of the content's first frame), +160 B. Then 7.7 KB (7,658 B): a
    // key's task searches and its answer renders in the next task, the stemmer and highlight chunks
    // imported in tasks of their own (issue 21: the first key's task), +45 B. Then 7.75 KB (7,701 B):
    // each topic, the guide and the help numbers in layout and style containment, moved rather than
    // painted again when a topic a search opens pushes them down (issue 21), +43 B.
    limit: '7.75 KB',
  },
  {
    // Issue 21: the same for the rights explainer (26.94 KB first view before, the SDK inlined).
    name: '<prox-rights-explainer> standalone: Lit and the widget, the SDK a chunk after it (goal 20 KB, issue 21: met)',
    path: standalone('prox-rights-explainer'),
    // 14,746 bytes measured; the goal's budget in place of the ratchet (issue 21: « Replace the
    // ratchets with these budgets when met »).
    limit: '20 KB',
  },
  {
    // The SDK's rights resource alone over its transport, and the rights' schemas (issue 21: the
    // full client's chunk built every resource's schemas, a long task to evaluate): 10.86 KB
    // measured, 15.4 KB budget before. Then 10.88 KB measured: V8's compile hint first in each of
    // the explainer's files (rollup.config.js), so their functions compile off the main thread.
    name: '<prox-rights-explainer> SDK and schemas, lazy chunks loaded for an api',
    path: loadedWith('prox-rights-explainer', 'rights-sdk'),
    limit: '11 KB',
  },
  {
    // Loaded when a resident first types in the rights search, French pages: the Snowball French
    // stemmer (@orama/stemmers) and the small words a query leaves out.
    name: '<prox-rights-explainer> French search, a lazy chunk of the standalone explainer',
    path: 'bundles/standalone/prox-rights-explainer/lazy/search-fr-*.js',
    limit: '2.5 KB',
  },
  {
    // The same for English pages: the Snowball English (Porter2) stemmer and small words.
    name: '<prox-rights-explainer> English search, a lazy chunk of the standalone explainer',
    path: 'bundles/standalone/prox-rights-explainer/lazy/search-en-*.js',
    limit: '0.9 KB',
  },
  {
    // Loaded by the first search: the words found highlighted as ranges of a CSS highlight, no
    // element per word (issue 21). Then 0.52 KB: each text's ranges kept while the search finds
    // the same words, and only those no longer found taken out (issue 21: every update of a search
    // searched every open text again and put every range in the highlight anew).
    name: '<prox-rights-explainer> highlights of the search, a lazy chunk of the standalone explainer',
    path: 'bundles/standalone/prox-rights-explainer/lazy/highlight-*.js',
    limit: '0.52 KB',
  },
  {
    name: '<prox-activity-stats> beyond the shared chunk',
    path: cdn('prox-activity-stats'),
    // 8 KB, then 9.15 KB (7,973 → 9,140 bytes) for issue 18: « Délais de réponse des services », a
    // table per quarter with its texts in French and English, the method and a CSV download; then
    // 9.25 KB (9.24 KB measured) for issue 19: the indicator chosen and its latest figure said in a
    // polite live region (« Affiché : … »), +94 B; then 9.3 KB (9.26 KB measured) for French
    // typography's no-break spaces (issue 19); then 9.4 KB (9.38 KB measured): the activity
    // counters' units in the page's language (« calls », not « appels », on English pages; issue 19),
    // the city's own unit kept on French pages (9.41 KB measured). Then 9.5 KB (9.49 KB measured):
    // its first render in three parts, one task each (issue 21: no long task), +79 B. Then 9.6 KB
    // (9,563 B measured): four parts, each laid out in a frame of its own, and the first update in
    // a task apart from the bundle's evaluation (issue 21: longest first-render task 108 → 34 ms of
    // thread time at 4×), +74 B.
    limit: '9.6 KB',
  },
  {
    // Issue 21: what a page embedding the figures alone loads before the widget paints (Lit, the kit,
    // the widget); the SDK and the contract's schemas are the chunks below, loaded only for an `api`
    // (30.03 KB first view before, the SDK inlined).
    name: '<prox-activity-stats> standalone: Lit and the widget, the SDK a chunk after it (goal 20 KB, issue 21: met)',
    path: standalone('prox-activity-stats'),
    // 17,820 bytes measured; the goal's budget in place of the ratchet (issue 21).
    limit: '20 KB',
  },
  {
    name: '<prox-activity-stats> SDK and schemas, lazy chunks loaded for an api',
    path: loadedWith('prox-activity-stats', 'index'),
    limit: '15.4 KB',
  },
  {
    // The fifth widget. Priorities as cards (status in words, actions with dates, sources, cafés),
    // two filters, the feed link, reports loaded on demand: less than the calendar or the figures
    // (8.65 and 9.15 KB), about what the rights explainer costs.
    name: '<prox-priorities> beyond the shared chunk',
    path: cdn('prox-priorities'),
    limit: '4.6 KB',
  },
  {
    // Issue 21: what a page embedding the priorities alone loads before the widget paints (25.71 KB
    // before, the SDK inlined; 13,439 bytes once the SDK became a chunk): the goal's budget.
    name: '<prox-priorities> standalone: Lit and the widget, the SDK a chunk after it (goal 20 KB, issue 21: met)',
    path: standalone('prox-priorities'),
    limit: '20 KB',
  },
  {
    name: '<prox-priorities> SDK and schemas, lazy chunks loaded for an api',
    path: loadedWith('prox-priorities', 'index'),
    // 15.5 KB (15.45 KB measured): the SDK's validateInSlices slices every array at the top level of a response, not only a list's items (issue 21: the rights content's topics and contacts were one long task to validate), +46 B.
    limit: '15.5 KB',
  },
  {
    // A meeting's public report, shared by <prox-priorities> and the calendar's past meetings.
    name: 'meeting report template, a chunk shared by <prox-priorities> and the calendar',
    path: 'bundles/cdn/chunks/meeting-report-*.js',
    limit: '0.9 KB',
  },
  {
    // Then 62.1 KB (61.9–62.07 KB measured) for issue 17: `raisedAt` in the status schema, the
    // outbox's `send` option and the cafés' meeting kinds.
    name: 'all-in-one: every tag in one file (goal 45 KB, issue 21: met)',
    path: standalone('proximite'),
    // 54 KB, then 54.3 KB for issue 19 (the kit's share, and the form's new states), then 54.4 KB
    // for the outbox's offline back-off, measured once both had landed; then 54.75 KB (54,728 bytes
    // at 16c948c): the full client it carries gained issue 18's past meetings and their reports,
    // and priorities with their dated actions and named cafés; then 55.15 KB (55,130 bytes) for the
    // rights search's stems and highlights (issue 19, +0.36 KB; the stemmers are lazy chunks); then
    // 55.4 KB (55,380 bytes): each body of the rights guide with its action, fr and en (+0.25 KB);
    // then 55.7 KB for issue 15's tracking code on the form's receipt, its fragment links and the
    // contract's new fields (+252 bytes measured on 9cdb871: 54,728 → 54,980).
    // then 60.75 KB for issue 18: a fifth tag, <prox-priorities> (+4.6 KB with the meeting
    // report), and the past meetings and response figures in the calendar and the figures (+4,970
    // bytes measured on 16c948c: 54,728 → 59,698; added to this budget's 55.7 KB); then 60.85 KB
    // (60,835 bytes) for the full client's `reports` (issue 18's public activity report) on top of
    // issue 22's permanence rules; then 61.05 KB (61.04 KB measured on 14f0506) for the form's
    // conduct-complaint guide (issue 14: its wiring, the category's flag, the hand-off's service
    // in the schemas and the lazy chunk's own overhead, about +0.2 KB); then 61.45 KB (61.4 KB
    // measured) for issue 15's verdict in the form and the SDK (the status view's texts are in
    // it too: +0.35 KB); then 61.75 KB (61.7 KB measured) for the contact step's e-mail updates
    // box (+0.25 KB); then 61.85 KB (61.81 KB measured) for the status page's e-mail offer (+65 B);
    // then 62.2 KB (62.17 KB measured) for the contract's answer rules in the form (issue 19); then
    // 62.3 KB (62,260 bytes measured) for issue 21's parallel outbox (see the SDK core's budget).
    // Then 62.55 KB (62.53 KB measured): the contract's wall-clock-time module, shared with the
    // iCalendar reader's lazy chunk, now in the first file (+0.27 KB).
    // Then 62.8 KB (62.77 KB measured): the SDK validates a list's items in slices of about
    // 10 ms, giving the main thread back between them (issue 21: no long task), +0.2 KB.
    // Then 63 KB (62.97 KB measured): the list renders its cafés two at a time, one task each, and
    // builds its Intl formatters while the cafés load (issue 21: no long task), +0.15 KB; then
    // 63.1 KB (63.04 KB measured) for the form's way back to its review after « Modifier » (issue 19); then 63.25 KB (63.21 KB
    // measured) for the figures' live region (issue 19).
    // Then 63.45 KB (63.44 KB measured): the calendar's SDK client loads as a chunk of its own.
    // Then 63.7 KB (63.65 KB measured) for the calendar's cancellation reason and new-tab links (issue 19).
    // Then 63.8 KB (63.74 KB measured): the activity counters' units in English (issue 19); then
    // 63.85 KB (63.83 KB measured): the calendar's .ics links in the page's language.
    // Then 62.25 KB (63,778 → 62,227 bytes): the form's SDK client and outbox are made through
    // dynamic imports, so its answer rules and limits no longer pull the contract's index in.
    // Then 50.5 KB (50,450 bytes measured): with the full client a chunk too (618a1ef), every tag
    // shares one lazy SDK chunk, loaded once the tags have painted.
    // Then the goal's budget, 45 KB (50,450 → 44,497 bytes measured): the form's steps and panels
    // are a chunk loaded beside the SDK.
    // Then 45.3 KB (45,255 bytes measured on 2441169 + the calendar's paging): the calendar reads its
    // cafés page by page, a small first page and the rest after it, with their loading and error
    // states (about +0.23 KB with the pressed check written minified, −53 B; before, it showed only
    // a server's first 50 cafés), on top of the rights explainer's changes of 2441169 and before
    // (about +0.2 KB since d0288a7). The goal is 255 B away.
    // Then the goal's budget again, 45 KB (45,180 → 43,787 bytes measured): the form's rules
    // (validation, emergency detection, the submission built from the state, with the contract's
    // answer rules) load with the form's view, out of the first file.
    limit: '45 KB',
  },
  {
    // Issue 21: the SDK's full client and the contract's schemas, one lazy chunk every tag of the
    // all-in-one shares, loaded once a tag with an `api` has painted.
    name: 'all-in-one: the SDK and schemas, lazy chunks all tags share',
    path: loadedWith('proximite', 'index'),
    // Then 17.35 KB (17.33 KB measured): the SDK's yieldToMain is a module of its own, so the tags'
    // yields no longer keep the SDK's validation and error classes in the first file (44,497 → 43,553
    // bytes there): they load here, with the SDK (+1.07 KB). Then 17.45 KB (17.44 KB measured):
    // the SDK's validateInSlices slices every array at the top level of a response, not only a list's items (issue 21: the rights content's topics and contacts were one long task to validate), +88 B with the rights explainer's own rights client.
    limit: '17.45 KB',
  },
  {
    // The staff console's core (a build apart from the public bundles): Lit, the kit, the SDK with
    // its admin client, the contract's schemas (zod/mini) the client validates answers with, the
    // shell and the sign-in. Staff load it once per working day on an intranet; what each section
    // adds is budgeted below, loaded the first time the section is shown. 29,646 bytes measured at
    // its first build (the SDK's admin client and the contract schemas it validates with are most
    // of it, about 19 KB; Lit and the kit 8.5 KB); then 32,117 bytes with the inbox's schemas in
    // the contract (InboxItem, assignees, history) and the shell's lists and session helpers; 31,817
    // bytes with the SDK's deliveries and @lit/task moved to a chunk of its own; 32,200 bytes after
    // rebasing on issue 16's bulk, CSV and duplicate schemas in the contract (the admin client
    // validates their answers); then 32.45 KB (32.4 KB measured) for issue 15's admin templates
    // and preview in the SDK's admin client and their schemas (+204 B).
    // Then 32.5 KB (32,453 bytes measured) for two rows of the section table (delivery and audit logs);
    // then 32.85 KB (32,826 bytes measured, on main with the café-mode schemas and the cafés' admin
    // methods) for the figures' row and the admin client's read of the published counters
    // (StatsActivityView, about 0.2 KB).
    // Then 33.2 KB (33.11 KB measured) for café mode: the admin client's `cafes.list` (CafePage) and
    // `cafes.noteConcern` (CafeConcernInput) and the section's row; 33,157 bytes measured with the
    // services section's row and the admin client's services and routing-rule methods (+130 B).
    // Then 33.55 KB (33,441 to 33,498 bytes measured) for the staff accounts' row and the contract's role
    // descriptions (fr/en, one text per role) the invitation form shows, which land in the core
    // with the rest of the contract (+340 B).
    name: '<prox-staff-console> core: shell, sign-in, SDK admin client (staff only)',
    path: 'bundles/cdn/staff/console-*.js',
    // Then 33.75 KB (33.68 KB measured) for the priorities: the admin client's `priorities.list` and
    // `publish` with their schemas, the section's row and the concern link's shared helper.
    // Then 33.8 KB (33.78 KB measured, +34 B) for the cafés section's row and the admin client's
    // never-cached café reads (`cafes.adminList`, `cafes.get`).
    // Then 33.95 KB (33,930 bytes measured) for the shell's handling of invitation and reset links
    // (the token read from the fragment and taken out of the address bar, the lazy page, +148 B);
    // then 34 KB (33,987 bytes measured) for the response templates' row.
    // Then 34.1 KB (34.07 KB measured) for the priorities' shared helpers that keep a priority's
    // earlier actions and the concerns noted at cafés when the console edits or links it (+70 B).
    // Then 34.15 KB (34,110 bytes measured) for the content section's row; then 34.2 KB (34.17 KB
    // measured by `npm run bundle` on main at 66d980a, after the rows and helpers landed since).
    // Then 34.42 KB (34.4 KB measured once rebased on 2d5dfd2's concern view): the SDK validates a list's items in slices of about
    // 10 ms, giving the main thread back between them (issue 21: no long task), +0.2 KB.
    // Then 34.6 KB (34.58 KB measured, +~180 B) for a reload with no network (issue 17's café
    // mode): the shell shows the sections of the session last seen, with its scopes kept in the
    // session hint, says so (fr and en) and asks the server again when the network is back.
    // Then 35.15 KB (35.14 KB measured, +~560 B): the navigation in four groups (a disclosure
    // navigation, WAI-ARIA APG: buttons with aria-expanded, Escape, closing when focus leaves, a
    // panel that reflows on narrow screens, the groups' names in fr and en) so that eleven sections
    // stay on one line at 1280 px. Then 35.2 KB (35.16 KB measured on main at aa1ccdd): that change,
    // the calendar's lazy SDK (contract/src/checks.ts) and the cancelled café's reason, measured
    // once all three had landed. Then 35.25 KB (35.21 KB measured on d28f0e1, +~50 B): the banner's
    // subtitle and account on two short lines, so the banner holds on one line at 1280 px.
    // Then 35.3 KB (35.26 KB measured): the SDK's validateInSlices slices every array at the top level of a response, not only a list's items (issue 21: the rights content's topics and contacts were one long task to validate), +14 B.
    // Then 35.4 KB (35.35 KB measured): the kit's base element gained the first update in a task of
    // its own and `updateComplete` waiting for pending rendering (issue 21); off for staff elements.
    limit: '35.4 KB',
  },
  {
    // The concern inbox: the table, filters, sort, paging and bulk actions, its data controller,
    // their fr and en texts (about 1.5 KB). 6,531 bytes measured; then 6,696 bytes with the bulk
    // public answer (a field and its texts, +165 B); then 6.75 KB for the CSV link and the
    // observers' unknown columns (+11 B measured, 6,707 bytes) with room for the busy state.
    name: '<prox-staff-console> inbox section, a lazy chunk',
    path: 'bundles/cdn/staff/inbox-*.js',
    // Then 6.85 KB (6.82 KB measured) for « Créer une priorité » on a selection. Then 7.3 KB
    // (7.28 KB measured, +~430 B) for a bulk answer from a response template: the template select,
    // its loading once per client and its fr and en texts.
    limit: '7.3 KB',
  },
  {
    // The lists filters choose from (categories and districts through the SDK's public client),
    // loaded once, the first time a section asks for them. 932 bytes measured.
    name: '<prox-staff-console> category and district lists, a lazy chunk',
    path: 'bundles/cdn/staff/load-*.js',
    // Then 1.01 KB (1,001 B measured): the names it imports from the core chunk grew by a byte when
    // the SDK's sliced validation joined the core (issue 21).
    limit: '1.01 KB',
  },
  {
    // One concern: its record (summary, text and answers, place, contact, public follow-up,
    // hand-offs, notes, audit trail) and the eight triage actions with the public answer's preview,
    // fr and en (about 2.5 KB of texts). 7,533 bytes measured at its first build; then 8.35 KB
    // (8,349 bytes) for answers started from a response template (placeholders filled in per
    // language) and the server's exact preview of the e-mail the resident gets (+0.75 KB); then
    // 8.4 KB (8,367 bytes) with the templates listed filled in for the concern.
    // Then 8.55 KB (8.53 KB measured) for « Relevé au café du … » and the resident's recorded agreement (+128 B).
    name: '<prox-staff-console> concern view, a lazy chunk',
    path: 'bundles/cdn/staff/concern-*.js',
    // Then 8.9 KB (8.87 KB measured) for « Lier à une priorité » (the priorities listed, the link).
    // Then 8.95 KB (8,903 bytes measured): the status list filtered by the contract's
    // transitionAllowed, the server's own rule.
    limit: '8.95 KB',
  },
  {
    // The console's service worker (served at /staff/service-worker.js, registered by the /staff/
    // page only): its rules, its precache of the page and of every chunk, the build's version and
    // the chunk list in its banner. Loaded by the browser apart from the page, never by a section.
    name: '<prox-staff-console> service worker, a file of its own',
    // 1.04 KB measured at its first build.
    path: 'bundles/cdn/staff/service-worker.js',
    limit: '1.1 KB',
  },
  {
    // Café mode: today's cafés, the fast note form with its checks, the list of waiting and sent
    // notes, fr and en (about 1.6 KB of texts), and the SDK's outbox on IndexedDB (idb-keyval),
    // which only this section loads.
    // 6.77 KB measured at its first build; then 6.9 KB (6,891 bytes measured) for issue 21's
    // parallel outbox (see the SDK core's budget); then 7.12 KB (7.1 KB measured, +~210 B) for a reload
    // with no network: today's cafés and the categories kept on the device (localStorage) and given
    // back when the API cannot be reached. Then 7.14 KB (7.13 KB measured on main at aa1ccdd, +5 B
    // of imported names once the contract's checks.ts and the staff navigation had both landed).
    name: '<prox-staff-console> café mode section, a lazy chunk',
    path: 'bundles/cdn/staff/field-*.js',
    limit: '7.14 KB',
  },
  {
    // Priorities (« vous avez dit, nous avons fait »): the list with drafts and publication, the
    // form to create one from concerns or edit its status, action and date, fr and en. 4.37 KB
    // measured at its first build. Then 4.46 KB (4,452 bytes measured): the file names of the
    // chunks it imports carry content hashes, which the outbox change of issue 21 changed (+2 B).
    // Then 4.7 KB (4.69 KB measured, +~230 B) for issue 17: the form filled in from a café's topic
    // (title, district, the café linked, its notice in fr and en) and the « facile à lire » texts
    // kept when a priority is edited. Then 4.92 KB (4,902 B measured, +~195 B): the café's report
    // topic linked to the priority created from it, and the notice when it could not be (fr, en).
    name: '<prox-staff-console> priorities section, a lazy chunk',
    path: 'bundles/cdn/staff/priorities-*.js',
    limit: '4.92 KB',
  },
  {
    // @lit/task, shared by the sections that load data. 807 bytes measured.
    name: '<prox-staff-console> @lit/task, a lazy chunk the sections share',
    path: 'bundles/cdn/staff/task-*.js',
    limit: '0.85 KB',
  },
  {
    // What the settings and log sections share (their table and form styles, loading, empty and
    // error states), loaded with the first of them; then 1.05 KB (1.02 KB measured) for `dataBody`, the
    // error / busy / content choice the five settings sections wrote each (they lost 0.2 KB together).
    name: '<prox-staff-console> settings sections’ shared styles and states, a lazy chunk',
    // 929 bytes measured.
    path: 'bundles/cdn/staff/settings-kit-*.js',
    limit: '1.05 KB',
  },
  {
    // Cafés and meetings: the list, the form with its repeat rules and the public card's preview,
    // cancel, duplicate, .ics import and the report after the meeting, fr and en (10,186 bytes
    // measured; 10.38 KB with its later fixes; 11,167 bytes with the report opened pre-filled and
    // its withdrawal behind a confirmation). Then 11.95 KB (11.93 KB measured, +~760 B) for the
    // report's English fields (topics, answers, follow-ups) and the published topics listed with
    // « Créer une priorité » or their priority, fr and en.
    name: '<prox-staff-console> cafés and meetings section, a lazy chunk',
    path: 'bundles/cdn/staff/cafes-*.js',
    limit: '11.95 KB',
  },
  {
    // The delivery log: failed sends first, filters, paging, « Réessayer » and its messages
    // (3,960 bytes measured).
    name: '<prox-staff-console> delivery log section, a lazy chunk',
    path: 'bundles/cdn/staff/deliveries-*.js',
    limit: '4 KB',
  },
  {
    // The audit log: its table, filters on the page, paging by sequence number and the chain's
    // verification said in words (4,115 bytes measured).
    name: '<prox-staff-console> audit log section, a lazy chunk',
    path: 'bundles/cdn/staff/audit-*.js',
    limit: '4.3 KB',
  },
  {
    // The activity figures: a period's counters with their definitions, checks, the source, a
    // preview drawn with the stats widget's own texts (its messages table: most of this chunk) and
    // « Publier » (8,441 bytes measured); then 8.55 KB (8.52 KB measured): the widget's messages
    // gained the live region's « Affiché : … » (issue 19); then 8.65 KB (8.62 KB measured): and the
    // counters' units in French and English; then 8.7 KB (8,654 bytes measured): the period's button
    // beside its field.
    name: '<prox-staff-console> activity figures section, a lazy chunk',
    path: 'bundles/cdn/staff/figures-*.js',
    limit: '8.7 KB',
  },
  {
    // Services and routing: the list, the editor (contact, target, delivery method with its
    // write-only secrets, members, particulars), the routing rules and their checks.
    name: '<prox-staff-console> services and routing section, a lazy chunk',
    // 8,436 bytes measured.
    path: 'bundles/cdn/staff/services-*.js',
    limit: '8.5 KB',
  },
  {
    // Staff accounts and roles: the table, invite, edit, reset password / second factor, disable.
    // 4,576 bytes measured.
    name: '<prox-staff-console> staff accounts section, a lazy chunk',
    path: 'bundles/cdn/staff/staff-*.js',
    limit: '4.65 KB',
  },
  {
    // The page of an invitation or password-reset link (choose a password, then sign in), loaded
    // only when such a link is opened (2,855 bytes measured).
    name: '<prox-staff-console> invitation and reset link page, a lazy chunk',
    path: 'bundles/cdn/staff/link-*.js',
    limit: '2.9 KB',
  },
  {
    // Response templates: the list, the editor with its placeholder check, the server's preview
    // (4,317 bytes measured).
    name: '<prox-staff-console> response templates section, a lazy chunk',
    path: 'bundles/cdn/staff/templates-*.js',
    limit: '4.35 KB',
  },
  {
    // Content and settings: the rights guide's local contacts and disclaimer, the retention note
    // (4,157 bytes measured).
    name: '<prox-staff-console> content and settings section, a lazy chunk',
    path: 'bundles/cdn/staff/content-*.js',
    limit: '4.2 KB',
  },
];

/** Whether `path` exists; a `*` in its file name matches any characters (hashed lazy chunks). */
function exists(path) {
  if (!path.includes('*')) return existsSync(path);
  const name = new RegExp(`^${basename(path).split('*').join('.*')}$`);
  return existsSync(dirname(path)) && readdirSync(dirname(path)).some((file) => name.test(file));
}

for (const { path } of budgets) {
  for (const one of [path].flat())
    if (!exists(one)) throw new Error(`${one} is missing: run npm run build first`);
}

/**
 * `file` and every file it imports statically, transitively (`import … from "./…"`, never
 * `import("./…")`): what the browser fetches and evaluates before `file` runs.
 */
function withImports(file) {
  const files = [file];
  for (let i = 0; i < files.length; i++) {
    const code = readFileSync(files[i], 'utf8');
    for (const [, spec] of code.matchAll(
      /\b(?:import|export)\s*(?:[\w*{][^"'`;()]*?from\s*)?["'](\.\.?\/[^"']+)["']/g,
    )) {
      const imported = relative('.', join(dirname(files[i]), spec));
      if (!files.includes(imported)) files.push(imported);
    }
  }
  return files;
}

/**
 * A standalone widget's first view: its entry and every file the entry imports statically. Rollup
 * may hoist a module the entry shares with a lazy chunk into a chunk of its own, which the entry
 * then imports: that chunk counts in the first view.
 */
const firstView = (entry) => withImports(entry);

/** The group a row is reported in, from its path. */
function group(path) {
  const first = [path].flat()[0];
  if (/^bundles\/standalone\/(prox-[^/]+|proximite)\/\1\.js$/.test(first)) return 'first';
  if (/^bundles\/standalone\/[^/]+\/lazy\//.test(first)) return 'lazy';
  if (first.startsWith('bundles/cdn/staff/')) return 'staff';
  return 'files';
}
const groups = { first: 'First view · ', lazy: 'Lazy · ', files: '', staff: '' };

module.exports = Object.keys(groups).flatMap((kind) =>
  budgets
    .filter((budget) => group(budget.path) === kind)
    .map((budget) => ({
      ...budget,
      name: groups[kind] + budget.name,
      path: kind === 'first' ? firstView(budget.path) : budget.path,
      brotli: true,
      gzip: false,
    })),
);
