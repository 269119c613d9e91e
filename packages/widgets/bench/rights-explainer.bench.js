// Benchmarks of <prox-rights-explainer>, from the production standalone bundle (run `npm run bundle`
// first), the rights content in French read through the widget's own SDK client (and validated by it)
// from `?api=<base URL>` — the long-tasks runner serves what `GET /v1/rights?lang=fr` serves.
//
// - default: `element connected` → the topics in the shadow root (`prox-rights-explainer:first-render`);
// - `?search`: the topics shown, then a query typed in the search box one key at a time, each key a
//   task of its own → the matching topics opened with the words highlighted, the search's French stemmer
//   (a lazy chunk, loaded on the first search) included (`prox-rights-explainer:search`).
//
// Reports through the User Timing API and `window.tachometerResult`. The page does its own work
// (Intl's locale data) first; a first render counts from the bundle's import on, in a task of its own.

import { endFirstRender, reportErrors, report, settle, until as watch } from './bench-kit.js';

const params = new URLSearchParams(location.search);
reportErrors();

// Intl's locale data loads on its first use in a page: paid before the measurement (as a page that
// already formats a date would), unless `?cold`.
if (!params.has('cold')) new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(0);

const mode = params.has('search') ? 'search' : 'first-render';
const name = `prox-rights-explainer:${mode}`;
// The page's own work ends here; what follows is the widget's.
await new Promise((resolve) => setTimeout(resolve, 0));
if (mode === 'first-render') performance.mark(`${name}:start`);
await import('../../../bundles/standalone/prox-rights-explainer/prox-rights-explainer.js');

const el = document.createElement('prox-rights-explainer');
el.setAttribute('lang', 'fr');
el.api = params.get('api') ?? '/api/0';

const shown = (selector) => el.shadowRoot?.querySelector(selector);
/** Resolves once `test()` holds after a change in the shadow root. */
const until = (test, what) => watch(el.shadowRoot, test, 'prox-rights-explainer', what);

document.body.append(el);
await until(() => shown('.topic .toggle'), 'its topics');
if (mode === 'search') {
  const input = shown('input[type="search"]');
  // The resident types once the first render is over (its panels filled, its guide shown, all
  // painted): the interaction starts in a task of its own, and counts only its own tasks.
  await settle(el.shadowRoot);
  performance.mark(`${name}:start`);
  for (const key of 'fouille') {
    input.value += key;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    // Each key a task of its own, as a resident's keys are.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  // The search is done with the French stemmer (loaded on the first key) and the words are marked.
  // Its arrival may change nothing in the shadow root (when the words as typed found the same), so
  // it is not waited for as a change there: checked every 20 ms (a few microseconds each).
  while (el.language?.lang !== 'fr') await new Promise((resolve) => setTimeout(resolve, 20));
  // (Highlighted through the CSS highlight `prox-rights-found` since issue 21, in <mark> before.)
  await until(
    () => shown('.topic mark') || CSS.highlights?.get('prox-rights-found')?.size,
    'the topics found',
  );
  // …and every topic found is open (a search opens them a few per task).
  await el.updateComplete;
}
if (mode === 'first-render') {
  // The measure ends at the first content; the long-task runner counts the first render's tasks
  // on, until every part of it is shown, laid out and painted (`prox-rights-explainer:complete`).
  await endFirstRender(name, 'prox-rights-explainer:complete', () => settle(el.shadowRoot));
} else report(name);
