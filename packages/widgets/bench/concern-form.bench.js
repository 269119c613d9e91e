// Benchmarks of <prox-concern-form>, from the production standalone bundle (run `npm run bundle`
// first), the default categories and the districts read through the widget's own SDK client (and
// validated by it) from `?api=<base URL>` — the long-tasks runner serves what a backend serves.
//
// - default: `element connected` → the first step (the categories) in the shadow root
//   (`prox-concern-form:first-render`);
// - `?step`: the first step shown and a category chosen, then « Continuer » clicked → the second
//   step in the shadow root (`prox-concern-form:step`).
//
// Reports through the User Timing API and `window.tachometerResult`. The page does its own work
// (Intl's locale data) first; a first render counts from the bundle's import on, in a task of its own.

import { endFirstRender, reportErrors, report, settle, until as watch } from './bench-kit.js';

const params = new URLSearchParams(location.search);
reportErrors();

// Intl's locale data loads on its first use in a page: paid before the measurement, unless `?cold`.
if (!params.has('cold')) new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(0);

const mode = params.has('step') ? 'step' : 'first-render';
const name = `prox-concern-form:${mode}`;
// The page's own work ends here; what follows is the widget's.
await new Promise((resolve) => setTimeout(resolve, 0));
if (mode === 'first-render') performance.mark(`${name}:start`);
await import('../../../bundles/standalone/prox-concern-form/prox-concern-form.js');

const el = document.createElement('prox-concern-form');
el.setAttribute('lang', 'fr');
el.api = params.get('api') ?? '/api/0';

const shown = (selector) => el.shadowRoot?.querySelector(selector);
const stepTitle = () => shown('#step-title')?.textContent.replace(/\s+/g, ' ').trim() ?? '';
/** Resolves once `test()` holds after a change in the shadow root. */
const until = (test, what) => watch(el.shadowRoot, test, 'prox-concern-form', what);

document.body.append(el);
await until(() => shown('input[name="category"]'), 'the categories');
if (mode === 'step') {
  // The resident chooses « Bruit » (noise), then continues to the next step.
  const noise = [...el.shadowRoot.querySelectorAll('input[name="category"]')].find(
    (i) => i.value === 'bruit',
  );
  if (!noise) throw new Error('no category « bruit »');
  noise.click();
  await el.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 0));
  const first = stepTitle();
  // The resident acts once the page has painted: the interaction starts in a task of its own.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  performance.mark(`${name}:start`);
  el.shadowRoot.querySelector('form .actions button[type="submit"]').click();
  await until(() => stepTitle() !== first && /^Étape 2\b/.test(stepTitle()), 'the second step');
}
if (mode === 'first-render') {
  // The measure ends at the first content; the long-task runner counts the first render's tasks
  // on, until every part of it is shown, laid out and painted (`prox-concern-form:complete`).
  await endFirstRender(name, 'prox-concern-form:complete', () => settle(el.shadowRoot));
} else report(name);
