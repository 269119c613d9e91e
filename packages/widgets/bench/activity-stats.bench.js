// Render benchmark of <prox-activity-stats>: first render of a dataset of 10 years × 15 indicators
// (one suppressed value in ten, comparisons with a département, 12 activity counters), from
// `element connected` to `the chart in the shadow root`. Loads the production bundle that
// `npm run bundle` writes (Lit production build, minified), so run that first.
//
// `?indicator`: the data shown, then another indicator chosen in the list (an interaction) → its
// chart in the shadow root and painted (`prox-activity-stats:indicator`). `?table`: the data table
// opened → its rows painted (`prox-activity-stats:table`). The first render's tasks are counted up
// to `prox-activity-stats:complete`: every part shown, laid out and painted.
//
// Reports through the User Timing API (`performance.measure('prox-activity-stats:first-render')`)
// and `window.tachometerResult` (milliseconds), for tachometer's `global` or `performance` modes.
//
// The page first does its own work (the dataset, Intl's locale data), then, in a task of its own,
// marks `prox-activity-stats:bundle` and imports the bundle: the long-tasks runner counts the tasks
// from that mark on, so its figure is the bundle's evaluation and the widget's, not the page's.

import { reportErrors, report, until as watch } from './bench-kit.js';

const YEARS = 10;
const INDICATORS = 15;
const units = ['victime', 'infraction', 'victime-entendue', 'vehicule', 'mis-en-cause'];

function makeSeries(seed, withSecret) {
  return Array.from({ length: INDICATORS }, (_, i) => ({
    indicatorId: `indicator-${i + 1}`,
    sourceLabel: `Indicateur ${i + 1}`,
    label: { fr: `Indicateur ${i + 1}`, en: `Indicator ${i + 1}` },
    unitOfCount: units[i % units.length],
    rate: { per: 1000, denominator: i === 8 ? 'dwellings' : 'residents' },
    placeBasis: 'offence',
    additiveAcrossAreas: i < 12,
    points: Array.from({ length: YEARS }, (_, y) => {
      const secret = withSecret && (i * YEARS + y) % 10 === 3;
      const count = 200 + ((i * 7919 + y * 104729 + seed) % 1800);
      return secret
        ? { year: 2016 + y, count: null, rate: null, published: false, suppression: 'ndiff' }
        : {
            year: 2016 + y,
            count,
            rate: count / 133.625,
            published: true,
            suppression: null,
            ...(y === YEARS - 1 ? { provisional: true } : {}),
          };
    }),
  }));
}

const metrics = [
  'pm-interventions',
  'pm-calls',
  'pm-tickets-traffic',
  'pm-tickets-parking',
  'pm-tickets-arretes',
  'pm-tickets-video',
  'pm-impounds',
  'pm-handed-to-opj',
  'cafes-held',
  'residents-met',
  'concerns-received',
  'concerns-resolved',
];

const dataset = {
  schemaVersion: '1.0',
  dataset: {
    id: 'ssmsi-delinquance',
    publisher: "SSMSI – Ministère de l'Intérieur",
    page: 'https://www.data.gouv.fr/datasets/621df2954fa5a3b5a023e23c',
    resource: 'benchmark.csv',
    licence: { id: 'lov2', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence' },
    edition: '2026-07-09',
    geographyVintage: 2026,
  },
  area: { level: 'commune', code: '80021', name: 'Amiens', population: { value: 133625, vintage: 2023 } },
  comparisons: [{ area: { level: 'departement', code: '80', name: 'Somme' }, series: makeSeries(17, false) }],
  series: makeSeries(3, true),
  caveats: [
    'recorded-not-actual',
    'place-of-offence',
    'ndiff-not-zero',
    'no-cross-unit-sum',
    'series-break-2025-violence',
    'drugs-not-additive',
    'provisional',
  ],
  activity: metrics.map((metric, i) => ({
    metric,
    period: '2025',
    value: 100 * (i + 1),
    unit: 'unités',
    source: { type: 'demo', title: 'Benchmark' },
  })),
};

// The first use of Intl in a page loads the browser's locale data (~20 ms here, unthrottled): a
// one-time cost of the page, paid by whatever formats a number first. It is paid before the
// measurement unless the page is opened with `?cold`, which measures it too.
if (!new URLSearchParams(location.search).has('cold')) {
  new Intl.NumberFormat('fr-FR').format(1);
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(0);
}

reportErrors();

/** Resolves once `test()` holds after a change in the widget. */
const until = (test, what) => watch(el.shadowRoot, test, 'prox-activity-stats', what);

// The page's own work ends here; what follows is the widget's.
await new Promise((resolve) => setTimeout(resolve, 0));
performance.mark('prox-activity-stats:bundle');
await import('../../../bundles/standalone/prox-activity-stats/prox-activity-stats.js');

const el = document.createElement('prox-activity-stats');
el.setAttribute('lang', 'fr');
// The data is already in memory: the benchmark measures the widget, not the network.
el.client = { stats: { get: async () => dataset } };

performance.mark('prox-activity-stats:start');
document.body.append(el);
// Wait for the render that shows the data (the first update starts the load; a later one renders it).
await until(() => el.shadowRoot?.querySelector('svg[role="img"]'), 'the chart');
const rendered = el.shadowRoot?.querySelectorAll('svg[role="img"] rect').length === YEARS - 1;
performance.mark('prox-activity-stats:end');
const measure = performance.measure(
  'prox-activity-stats:first-render',
  'prox-activity-stats:start',
  'prox-activity-stats:end',
);
if (!rendered) throw new Error('prox-activity-stats did not render the data');
/** Resolves after the next frame (its style, layout and paint) has run. */
const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
// The first render is over once every part is shown and laid out: the long-tasks runner counts
// the tasks up to this mark (the parts after the chart and the frames that lay them out included).
await el.updateComplete;
await painted();
performance.mark('prox-activity-stats:complete');
const params = new URLSearchParams(location.search);
if (params.has('indicator')) {
  // The resident picks the eighth indicator, as the select's change event tells the widget.
  const name = 'prox-activity-stats:indicator';
  const select = el.shadowRoot.querySelector('select#indicator');
  performance.mark(`${name}:start`);
  select.value = 'indicator-8';
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await until(
    () => el.shadowRoot.querySelector('figcaption')?.textContent.includes('Indicateur 8'),
    'the indicator chosen',
  );
  // Until the new chart is laid out and painted.
  await painted();
  report(name, 'indicator change');
} else if (params.has('table')) {
  // The resident opens the data table (« Afficher le tableau »).
  const name = 'prox-activity-stats:table';
  const button = el.shadowRoot.querySelector('button[aria-controls="data-table"]');
  performance.mark(`${name}:start`);
  button.click();
  await until(() => el.shadowRoot.querySelector('table[part="table"] tbody tr'), 'the data table');
  // Until the table is laid out and painted.
  await painted();
  report(name, 'table opened');
} else {
  window.tachometerResult = measure.duration;
  document.title = `first render ${measure.duration.toFixed(1)} ms`;
}
