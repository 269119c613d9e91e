// Render benchmarks of <prox-cafe-calendar>, from the production standalone bundle (run
// `npm run bundle` first): 60 cafés (`?count=N`) over three months (one cancelled in eight, some online, one
// spanning three days), already in memory, so the figure is the widget's, not the network's.
//
// - default: `element connected` → the agenda list in the shadow root (the measure, beside
//   FullCalendar's); its tasks are counted until `prox-cafe-calendar:complete`, the first page of
//   cafés rendered, laid out and painted;
// - `?month`: the list shown, then `month view asked` → the month table and its cafés laid out and
//   painted, which includes loading the month view's lazy chunk from this server the first time;
// - `?more`: the list shown, then « Voir plus » clicked until every café is listed (interactions);
// - `?api=<base URL>`: the cafés come from a server through the widget's own SDK client;
// - `?details`: all 60 cafés shown (« Voir plus » until the end), then `a café's details asked` →
//   its details rendered (an interaction: the other 59 cafés must not render again).
// - `?month&next`: the month view shown in full, then « mois suivant » clicked → the next month and
//   its cafés rendered (an interaction);
// - `?filter`: the list shown in full, then a district chosen in the filter → that district's
//   cafés rendered (an interaction).
//
// Reports through the User Timing API (`prox-cafe-calendar:<case>`) and `window.tachometerResult`.
import '../../../bundles/standalone/prox-cafe-calendar/prox-cafe-calendar.js';
import { endFirstRender, reportErrors, report, until as watch } from './bench-kit.js';
import { districts, makeCafes } from './cafes-data.js';

const params = new URLSearchParams(location.search);
// `?count=500`: more cafés (60 by default).
const COUNT = Number(params.get('count') ?? 60);
// Made only for the in-memory client: with `?api`, the server makes them (not this page's task).
const cafes = params.has('api') ? [] : makeCafes(COUNT);

// Intl's locale data is loaded by the page's own script before this module (cafe-calendar.html).

const el = document.createElement('prox-cafe-calendar');
el.setAttribute('lang', 'fr');
el.now = new Date('2026-05-03T08:00:00Z');
// `?api=<base URL>`: the widget's own SDK client reads (and validates) the cafés from a server, as
// on a city's page; else an in-memory client.
if (params.has('api')) el.api = params.get('api');
else
  el.client = {
    cafes: {
      list: async () => ({ items: cafes, nextCursor: null }),
      icsUrl: (query = {}) =>
        'id' in query
          ? `https://api.example.org/v1/cafes/${query.id}.ics`
          : 'https://api.example.org/v1/cafes.ics',
    },
    districts: { list: async () => districts },
  };

const shown = (selector) => el.shadowRoot?.querySelector(selector);
/** Resolves once `selector` matches in the shadow root. */
const until = (selector) => watch(el.shadowRoot, () => shown(selector), 'prox-cafe-calendar', selector);
reportErrors();

const mode = params.has('month')
  ? params.has('next')
    ? 'month-change'
    : 'month-view'
  : params.has('filter')
    ? 'filter'
    : params.has('details')
      ? 'details'
      : params.has('more')
        ? 'more'
        : 'first-render';
const name = `prox-cafe-calendar:${mode}`;
if (mode === 'first-render') performance.mark(`${name}:start`);
document.body.append(el);
await until('.agenda .event');
/**
 * Resolves once the calendar has rendered in full, in a task after the frame that laid out and
 * painted the last of it. An interaction starts there (a resident acts on what is shown, not in the
 * task that put the first café in the page, before even its first frame: the interactions once
 * counted that frame, the page's first layout, as theirs) and ends there (its style, layout and
 * paint counted too, whether a version renders in frames or in tasks).
 */
const settled = async () => {
  await el.updateComplete;
  // After the frame that lays out and paints the last of it.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
};
/** Resolves once `test()` holds in the shadow root. */
const once = (test, what) => watch(el.shadowRoot, test, 'prox-cafe-calendar', what);
if (mode === 'month-change') {
  el.view = 'month';
  await until('table.month a.day-link');
  await settled();
  const title = shown('#month-title').textContent;
  performance.mark(`${name}:start`);
  el.shadowRoot.querySelectorAll('.month-nav__button')[1].click();
  await once(
    () => shown('#month-title')?.textContent !== title && shown('table.month a.day-link'),
    'the next month',
  );
  await settled();
} else if (mode === 'filter') {
  await until('#district option[value="etouvie"]');
  await settled();
  const count = shown('.count').textContent;
  const select = shown('#district');
  performance.mark(`${name}:start`);
  select.value = 'etouvie';
  select.dispatchEvent(new Event('change'));
  await once(
    () =>
      shown('.count')?.textContent.trim() && shown('.count').textContent !== count && shown('.agenda .event'),
    "the district's cafés",
  );
  await settled();
} else if (mode === 'month-view') {
  await settled();
  performance.mark(`${name}:start`);
  el.view = 'month';
  await until('table.month a.day-link');
  await settled();
} else if (mode === 'more') {
  await settled();
  performance.mark(`${name}:start`);
  while (shown('.more button')) {
    shown('.more button').click();
    await el.updateComplete;
    // Each click a task of its own, as a resident's clicks are.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await settled();
} else if (mode === 'first-render') {
  // The measure (time to the first café, beside FullCalendar's) ends here; the long-task runner
  // counts the first render's tasks on, until its first page of cafés is laid out and painted.
  await endFirstRender(name, 'prox-cafe-calendar:complete', settled);
} else if (mode === 'details') {
  while (shown('.more button')) {
    shown('.more button').click();
    await el.updateComplete;
  }
  // A café spanning days is listed on each of them: at least COUNT entries.
  const listed = el.shadowRoot.querySelectorAll('.event').length;
  if (listed < COUNT) throw new Error(`not every café is shown: ${listed}`);
  const last = [...el.shadowRoot.querySelectorAll('.event .disclosure')].at(-1);
  performance.mark(`${name}:start`);
  last.click();
  await until('.event:last-child .details:not([hidden]) .actions');
}
if (mode !== 'first-render') report(name);
