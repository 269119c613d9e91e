import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { StatsDataset, StatsSeries } from '@proximite/contract';
import { NotFoundError, type ProximiteClient } from '@proximite/sdk';
import { demoStats } from '@proximite/content/stats/index.js';
// @ts-expect-error virtual module served by web-test-runner
import { apiUrl } from '/__proximite-test-env.js';
import './define.js';
import type { ActivityStats } from './activity-stats.js';
import type { StatsIndicatorSelectEvent } from './activity-stats.events.js';
import { FRAME_TIMEOUT_MS } from '../kit/frame.js';

const NNBSP = '\u202f';

const series = (indicatorId: string, extra: Partial<StatsSeries>): StatsSeries => ({
  indicatorId,
  sourceLabel: indicatorId,
  label: { fr: indicatorId, en: indicatorId },
  unitOfCount: 'infraction',
  rate: { per: 1000, denominator: 'residents' },
  placeBasis: 'offence',
  additiveAcrossAreas: true,
  points: [],
  ...extra,
});

/** Amiens-like commune data (invented values) with a suppressed year and a comparison area. */
const commune: StatsDataset = {
  schemaVersion: '1.0',
  dataset: {
    id: 'ssmsi-delinquance',
    publisher: "SSMSI – Ministère de l'Intérieur",
    page: 'https://www.data.gouv.fr/datasets/621df2954fa5a3b5a023e23c',
    resource: 'javascript:alert(1)',
    licence: { id: 'lov2', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence' },
    edition: '2026-07-09',
    geographyVintage: 2026,
  },
  area: { level: 'commune', code: '80021', name: 'Amiens', population: { value: 133625, vintage: 2023 } },
  comparisons: [
    {
      area: { level: 'departement', code: '80', name: 'Somme' },
      series: [
        series('cambriolages-logement', {
          rate: { per: 1000, denominator: 'dwellings' },
          points: [
            { year: 2023, count: 1099, rate: 3.5532, published: true, suppression: null },
            { year: 2024, count: 1192, rate: 3.8539, published: true, suppression: null },
          ],
        }),
      ],
    },
  ],
  series: [
    series('cambriolages-logement', {
      label: { fr: 'Cambriolages de logement', en: 'Residential burglary' },
      rate: { per: 1000, denominator: 'dwellings' },
      points: [
        { year: 2022, count: 655, rate: 7.813, published: true, suppression: null },
        { year: 2023, count: 1192, rate: 3.85, published: true, suppression: null },
        { year: 2024, count: null, rate: null, published: false, suppression: 'ndiff' },
        { year: 2025, count: 1118, rate: 3.61, published: true, suppression: null, provisional: true },
      ],
    }),
    series('usage-stupefiants-afd', {
      label: { fr: 'Usage de stupéfiants (AFD)', en: 'Drug use (fixed fine, AFD)' },
      unitOfCount: 'mis-en-cause',
      additiveAcrossAreas: false,
      points: [
        { year: 2024, count: 20, rate: 0.15, published: true, suppression: null },
        { year: 2025, count: 25, rate: 0.19, published: true, suppression: null },
      ],
    }),
  ],
  caveats: ['recorded-not-actual', 'ndiff-not-zero', 'series-break-2025-violence'],
  activity: [],
};

function clientOf(get: (query: unknown, options?: { signal?: AbortSignal }) => Promise<StatsDataset>) {
  return { stats: { get } } as unknown as ProximiteClient;
}

async function mount(
  dataset: StatsDataset | Promise<StatsDataset>,
  lang = 'fr',
  attrs: Record<string, string> = {},
) {
  const queries: unknown[] = [];
  const el = document.createElement('prox-activity-stats');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.client = clientOf(async (query) => {
    queries.push(query);
    return dataset;
  });
  el.setAttribute('lang', lang);
  // Fixture the element itself: a plain wrapper would make @open-wc wait for an animation frame,
  // which a background tab (web-test-runner runs files in parallel) never gets.
  await fixture<ActivityStats>(el);
  return { el, wrapper: el.parentElement!, queries };
}

const root = (el: Element) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) =>
  root(el).querySelector(selector) as T | null;
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [
  ...root(el).querySelectorAll<T & Element>(selector),
];
const text = (node: Element | null | undefined) =>
  node?.textContent?.replace(/[ \t\r\n]+/g, ' ').trim() ?? '';
/** The chart shown, then every part of the first render (it shows them one task after another). */
async function ready(el: ActivityStats): Promise<void> {
  await waitUntil(() => $(el, 'svg[role="img"]'), 'chart rendered');
  await el.updateComplete;
}

/** The cells of the data table, opened first if needed (it is rendered only when open). */
async function tableCells(el: ActivityStats): Promise<string[][]> {
  await el.updateComplete;
  const toggle = $<HTMLButtonElement>(el, '[aria-controls="data-table"]')!;
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  await el.updateComplete;
  return $$(el, 'table tr').map((tr) => [...tr.children].map((cell) => text(cell)));
}

/** A minimal RFC 4180 reader for the test. */
function parseCsv(csv: string, separator: string): string[][] {
  const rows: string[][] = [];
  for (const line of csv.split('\r\n').filter(Boolean)) {
    const cells: string[] = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let value = '';
        i += 1;
        while (i < line.length) {
          if (line[i] === '"' && line[i + 1] === '"') ((value += '"'), (i += 2));
          else if (line[i] === '"') break;
          else value += line[i++];
        }
        cells.push(value);
        i += 2;
      } else {
        const end = line.indexOf(separator, i);
        cells.push(line.slice(i, end === -1 ? line.length : end));
        i = end === -1 ? line.length + 1 : end + 1;
      }
    }
    rows.push(cells);
  }
  return rows;
}

/** Clicks the download button and returns the CSV the blob holds (downloads are intercepted). */
async function downloadCsv(el: ActivityStats): Promise<{ csv: string; filename: string; type: string }> {
  const create = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  let blob: Blob | undefined;
  let filename = '';
  URL.createObjectURL = (b: Blob | MediaSource) => {
    blob = b as Blob;
    return create.call(URL, b);
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    filename = this.download;
    expect(this.href).to.match(/^blob:/);
  };
  try {
    const button = $$<HTMLButtonElement>(el, '.actions button').find((b) => /CSV/.test(text(b)))!;
    button.click();
  } finally {
    URL.createObjectURL = create;
    HTMLAnchorElement.prototype.click = click;
  }
  expect(blob, 'a blob was created').to.exist;
  const bytes = new Uint8Array(await blob!.arrayBuffer());
  expect([...bytes.slice(0, 3)], 'UTF-8 BOM for spreadsheets').to.deep.equal([0xef, 0xbb, 0xbf]);
  return { csv: new TextDecoder().decode(bytes.slice(3)), filename, type: blob!.type };
}

describe('<prox-activity-stats>', () => {
  it('shows a loading state, then the figures (axe in both)', async () => {
    let resolve!: (d: StatsDataset) => void;
    const { el } = await mount(new Promise<StatsDataset>((r) => (resolve = r)));
    await waitUntil(() => $(el, '[aria-busy="true"]'), 'loading state');
    expect(text($(el, '.state'))).to.include('Chargement');
    await expect(el).to.be.accessible();
    resolve(commune);
    await ready(el);
    expect(text($(el, 'h2'))).to.equal('Délinquance enregistrée\u00a0: Amiens');
    await expect(el).to.be.accessible();
  });

  it('shows the title, then the indicator list, the figures, the chart and its years, then the rest, one part per frame (no long task)', async () => {
    let resolve!: (d: StatsDataset) => void;
    const { el } = await mount(new Promise<StatsDataset>((r) => (resolve = r)));
    const has = (selector: string) => $(el, selector) !== null;
    const parts = () => ({
      title: has('h2'),
      indicator: has('select#indicator'),
      figures: has('.figures'),
      chart: has('svg[role="img"]'),
      years: has('.point__year'),
      tableButton: has('[aria-controls="data-table"]'),
      about: has('.about h3'),
      activity: has('.activity'),
    });
    type Parts = ReturnType<typeof parts>;
    const order = ['title', 'indicator', 'figures', 'chart', 'years'] as const;
    // What the shadow root holds when each of the first parts first appears (a mutation observer
    // runs before the next task, so it sees each part alone), and whether a frame was rendered in
    // between (each part is laid out in a frame of its own).
    let frames = 0;
    const counting = () => {
      frames += 1;
      if (!has('.activity')) requestAnimationFrame(counting);
    };
    requestAnimationFrame(counting);
    const seen: { parts: Parts; frames: number; time: number }[] = [];
    const sequence = new Promise<void>((done) => {
      const observer = new MutationObserver(() => {
        const now = parts();
        const last = seen[seen.length - 1]?.parts;
        if (order.some((part) => now[part] && !last?.[part]))
          seen.push({ parts: now, frames, time: performance.now() });
        // Every first part seen, or the last part shown (a render that joined two parts is a failure).
        if (seen.length === order.length || now.activity) {
          observer.disconnect();
          done();
        }
      });
      observer.observe(root(el), { childList: true, subtree: true });
    });
    resolve(demoStats);
    await sequence;
    const none = { tableButton: false, about: false, activity: false };
    expect(seen.map((s) => s.parts)).to.deep.equal(
      order.map((_, i) => ({
        ...Object.fromEntries(order.map((part, j) => [part, j <= i])),
        ...none,
      })),
    );
    // Each in a frame of its own, unless no frame came for a second (a busy machine).
    for (const [i, after] of seen.entries()) {
      const before = seen[i - 1];
      if (before && after.time - before.time < FRAME_TIMEOUT_MS)
        expect(after.frames).to.be.above(before.frames);
    }
    // updateComplete waits for every part.
    await el.updateComplete;
    expect([has('[aria-controls="data-table"]'), has('.about h3'), has('.activity')]).to.deep.equal([
      true,
      true,
      true,
    ]);
    await expect(el).to.be.accessible();
  });

  it('shows an error as an alert and retries', async () => {
    let calls = 0;
    const el = document.createElement('prox-activity-stats');
    el.client = clientOf(async () => {
      calls += 1;
      if (calls === 1)
        throw new NotFoundError(
          404,
          { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No data for area 99999.' },
          { request: { method: 'GET', url: 'http://127.0.0.1:9/v1/stats?area=99999' } },
        );
      return commune;
    });
    el.setAttribute('lang', 'fr');
    el.setAttribute('area', '99999');
    await fixture<ActivityStats>(el);
    await waitUntil(() => $(el, '[role="alert"]'), 'error');
    // The widget's own words for a missing area, never the server's.
    expect(text($(el, '[role="alert"]'))).to.include(
      'Aucun chiffre n’est publié ici pour ce territoire (99999).',
    );
    expect(text($(el, '[role="alert"]'))).not.to.include('No data');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[role="alert"] button')!.click();
    await waitUntil(() => $(el, 'svg[role="img"]'), 'loaded after retry');
    expect(calls).to.equal(2);
  });

  it('says which source is missing when it has none', async () => {
    const el = await fixture<ActivityStats>(html`<prox-activity-stats></prox-activity-stats>`);
    await waitUntil(() => $(el, '[role="alert"]'), 'error');
    expect(text($(el, '[role="alert"]'))).to.match(/api ou src/);
  });

  it('formats French numbers: 1 192 and 3,85 ‰, and always shows unit and denominator', async () => {
    const { el } = await mount(commune);
    await ready(el);
    $<HTMLButtonElement>(el, '[aria-controls="data-table"]')!.click();
    await el.updateComplete;
    const cells = await tableCells(el);
    expect(cells[0]).to.deep.equal([
      'Année',
      'Nombre (infractions)',
      'Taux pour 1 000 logements',
      'Taux Somme pour 1 000',
    ]);
    expect(cells[2]).to.deep.equal(['2023', `1${NNBSP}192`, `3,85${NNBSP}‰`, `3,55${NNBSP}‰`]);
    expect(cells[4]![0]).to.equal('2025 (provisoire)');
    const figures = text($(el, '.figures'));
    expect(figures).to.include(`1${NNBSP}118`).and.include('infractions').and.include('pour 1 000 logements');
  });

  it('formats English numbers: 1,192 and 3.85‰', async () => {
    const { el } = await mount(commune, 'en');
    await ready(el);
    const cells = await tableCells(el);
    expect(cells[0]).to.deep.equal([
      'Year',
      'Number (offences)',
      'Rate per 1,000 dwellings',
      'Rate Somme per 1,000',
    ]);
    expect(cells[2]).to.deep.equal(['2023', '1,192', '3.85‰', '3.55‰']);
    expect(text($(el, 'h2'))).to.equal('Recorded crime: Amiens');
    await expect(el).to.be.accessible();
  });

  it('reads a suppressed value as «\u00a0non communiqué (secret statistique)\u00a0», never 0, with a gap in the chart', async () => {
    const { el } = await mount(commune);
    await ready(el);
    const row2024 = (await tableCells(el)).find((r) => r[0] === '2024')!;
    expect(row2024.slice(1, 3)).to.deep.equal([
      'non communiqué (secret statistique)',
      'non communiqué (secret statistique)',
    ]);
    expect(row2024.join(' ')).not.to.match(/\b0\b/);
    // 4 years, 3 published: 3 bars, and the 2024 column carries a visible "n. c." mark instead.
    expect($$(el, 'svg rect')).to.have.length(3);
    const columns = $$(el, '.point');
    expect(text(columns[2]!.querySelector('.point__gap'))).to.equal('n. c.');
    expect(text(columns[2]!.querySelector('[role="tooltip"]'))).to.equal(
      '2024\u00a0: non communiqué (secret statistique)',
    );
    expect($(el, 'svg')!.getAttribute('aria-label')).to.include(
      '1 année non communiquée (secret statistique)',
    );
    // The change cannot be computed from a suppressed year: it is not treated as 0.
    const { el: el2 } = await mount({
      ...commune,
      series: [{ ...commune.series[0]!, points: commune.series[0]!.points.slice(0, 3) }],
    });
    await ready(el2);
    expect(text($(el2, '.figures'))).to.include('non communiqué (secret statistique)');
    expect(text($(el2, '.figures'))).to.include('évolution non calculable');
  });

  it('reads the suppressed value in English', async () => {
    const { el } = await mount(commune, 'en');
    await ready(el);
    expect((await tableCells(el)).find((r) => r[0] === '2024')![1]).to.equal(
      'not published (statistical secrecy)',
    );
  });

  it('labels the chart with a summary and shows the change in neutral words', async () => {
    const { el } = await mount(commune);
    await ready(el);
    expect($(el, 'svg')!.getAttribute('aria-label')).to.equal(
      `Diagramme en barres, Cambriolages de logement, infractions par an, Amiens, de 2022 à 2025. ` +
        `Minimum 655 (2022), maximum 1${NNBSP}192 (2023), dernière valeur 1${NNBSP}118 (2025). ` +
        '1 année non communiquée (secret statistique).',
    );
    const { el: el2 } = await mount({ ...commune, series: [commune.series[1]!] });
    await ready(el2);
    // 20 → 25 is a small count: the difference, never a percentage (+25 % would overstate it).
    expect(text($(el2, '.figures')))
      .to.include('en hausse de 5 par rapport à 2024')
      .and.not.include('%');
    // No red or green: the change uses the text colour.
    const change = $$(el2, '.figure dd')[4]!;
    const colour = getComputedStyle(change).color;
    expect(colour).to.equal(getComputedStyle($$(el2, '.figure dd')[0]!).color);
  });

  it('toggles the data table with a button that says its state', async () => {
    const { el } = await mount(commune);
    await ready(el);
    const toggle = $<HTMLButtonElement>(el, '[aria-controls="data-table"]')!;
    const region = $(el, '#data-table')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(region.hidden).to.equal(true);
    expect(text(toggle)).to.equal('Afficher le tableau des données');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(region.hidden).to.equal(false);
    expect(region.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(text(toggle)).to.equal('Masquer le tableau des données');
    expect(text($(el, 'caption'))).to.equal('Cambriolages de logement, Amiens');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(region.hidden).to.equal(true);
  });

  it('opens a tooltip on keyboard focus, moves with the arrows, closes with Escape', async () => {
    const { el } = await mount(commune);
    await ready(el);
    $<HTMLSelectElement>(el, 'select')!.focus();
    await sendKeys({ press: 'Tab' });
    const focused = () => root(el).activeElement as HTMLElement | null;
    expect(
      focused()?.classList.contains('point__year'),
      'one tab stop into the chart: the latest year',
    ).to.equal(true);
    const visibleTips = () =>
      $$(el, '[role="tooltip"]').filter((t) => !t.hidden && t.getBoundingClientRect().width > 0);
    await el.updateComplete;
    expect(visibleTips().map(text)).to.deep.equal([
      `2025 (provisoire)\u00a0: 1${NNBSP}118 infractions\u202f; 3,61${NNBSP}‰`,
    ]);
    expect(focused()!.getAttribute('aria-describedby')).to.equal(visibleTips()[0]!.id);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(text(focused())).to.include('2024');
    expect(visibleTips().map(text)).to.deep.equal(['2024\u00a0: non communiqué (secret statistique)']);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(visibleTips().map(text)).to.deep.equal([`2022\u00a0: 655 infractions\u202f; 7,81${NNBSP}‰`]);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(visibleTips()).to.have.length(0);
    expect(text(focused())).to.include('2022');
    // Only one point is in the tab order: Tab leaves the chart for the table toggle.
    await sendKeys({ press: 'Tab' });
    expect(focused()?.getAttribute('aria-controls')).to.equal('data-table');
  });

  it('opens a tooltip on hover', async () => {
    const { el } = await mount(commune);
    await ready(el);
    const column = $$(el, '.point')[1]!;
    // The pointer enters the column (synthetic events: web-test-runner runs files in parallel tabs,
    // and a background tab does not update hover from real pointer moves).
    const tip = column.querySelector<HTMLElement>('[role="tooltip"]')!;
    column.dispatchEvent(new MouseEvent('mouseenter'));
    await el.updateComplete;
    expect(tip.hidden).to.equal(false);
    expect(text(tip)).to.equal(`2023\u00a0: 1${NNBSP}192 infractions\u202f; 3,85${NNBSP}‰`);
    // The tooltip lives inside the column, so moving onto it keeps it open (WCAG 1.4.13 hoverable).
    expect(column.contains(tip)).to.equal(true);
    await expect(el).to.be.accessible();
    column.dispatchEvent(new MouseEvent('mouseleave'));
    await el.updateComplete;
    expect(tip.hidden).to.equal(true);
  });

  it('downloads as CSV exactly the table it shows (fr: `;`)', async () => {
    const { el } = await mount(commune);
    await ready(el);
    const { csv, filename, type } = await downloadCsv(el);
    expect(filename).to.equal('80021-cambriolages-logement.csv');
    expect(type).to.equal('text/csv;charset=utf-8');
    expect(parseCsv(csv, ';')).to.deep.equal(await tableCells(el));
    expect(csv.split('\r\n')[3]).to.equal(
      '2024;non communiqué (secret statistique);non communiqué (secret statistique);3,85\u202f‰',
    );
  });

  it('downloads as CSV exactly the table it shows (en: `,`, quoted numbers)', async () => {
    const { el } = await mount(commune, 'en');
    await ready(el);
    const { csv } = await downloadCsv(el);
    expect(parseCsv(csv, ',')).to.deep.equal(await tableCells(el));
    expect(csv).to.include('"1,192"');
  });

  it('fires prox-stats-indicator-select on user choice only', async () => {
    const { el, wrapper } = await mount(commune);
    await ready(el);
    const events: string[] = [];
    wrapper.addEventListener('prox-stats-indicator-select', (e: StatsIndicatorSelectEvent) =>
      events.push(e.detail.indicatorId),
    );
    // Programmatic changes: none.
    el.setAttribute('from', '2023');
    await el.updateComplete;
    await waitUntil(() => $$(el, '.point').length === 3, 'filtered to 2023–2025');
    expect(events).to.deep.equal([]);
    // The resident chooses with the keyboard.
    const select = $<HTMLSelectElement>(el, 'select')!;
    const live = $(el, '.controls [role="status"]')!;
    expect(text(live)).to.equal('');
    select.focus();
    const fired = oneEvent(wrapper, 'prox-stats-indicator-select');
    await sendKeys({ press: 'ArrowDown' });
    const event = (await fired) as StatsIndicatorSelectEvent;
    expect(event.detail).to.deep.equal({ indicatorId: 'usage-stupefiants-afd' });
    expect(event.bubbles).to.equal(true);
    await el.updateComplete;
    expect(text($(el, 'figcaption'))).to.include('Usage de stupéfiants (AFD)');
    expect(text($(el, '.main'))).to.include('personnes mises en cause');
    expect(events).to.deep.equal(['usage-stupefiants-afd']);
    // The change is said in the polite live region: what is shown, and its latest figure.
    expect(text(live)).to.match(/^Affiché\u00a0: Usage de stupéfiants \(AFD\), \d[\d\s\u202f]* en 2025\.$/);
  });

  it('filters indicators and years even when the source ignores the query, and passes the query on', async () => {
    const { el, queries } = await mount(commune, 'fr', {
      area: '80021',
      indicators: 'cambriolages-logement',
      from: '2023',
      to: '2024',
    });
    await ready(el);
    expect($$<HTMLOptionElement>(el, 'option').map((o) => o.value)).to.deep.equal(['cambriolages-logement']);
    expect($$(el, '.point__year').map((b) => text(b.querySelector('.year-long')))).to.deep.equal([
      '2023',
      '2024',
    ]);
    expect(queries.at(-1)).to.deep.equal({
      area: '80021',
      indicators: ['cambriolages-logement'],
      from: 2023,
      to: 2024,
    });
  });

  it('shows caveats and provenance beside the figures, with safe links only', async () => {
    const { el } = await mount(commune);
    await ready(el);
    const about = text($(el, '.about'));
    expect(about).to.include('pas toute la délinquance');
    expect(about).to.include('secret statistique (trop peu de faits), pas zéro');
    expect(about).to.include('Rupture de série en 2025');
    expect(about).to.include("SSMSI – Ministère de l'Intérieur");
    expect(about).to.include('Édition du 9 juillet 2026');
    const links = $$<HTMLAnchorElement>(el, '.about a').map((a) => [text(a), a.href]);
    expect(links).to.deep.equal([
      ['Licence Ouverte 2.0', 'https://www.etalab.gouv.fr/licence-ouverte-open-licence'],
      ['Jeu de données et méthodologie', 'https://www.data.gouv.fr/datasets/621df2954fa5a3b5a023e23c'],
    ]);
    expect(about).to.include('javascript:alert(1)'); // shown as text, never as a link
  });

  it('compares rates with another area without ranking or colour', async () => {
    const { el } = await mount({
      ...commune,
      series: [{ ...commune.series[0]!, points: commune.series[0]!.points.slice(0, 3) }],
    });
    await ready(el);
    // The latest year (2024) is suppressed here; the Somme rate of 2024 is shown as such.
    expect(text($(el, '.figures'))).to.include(`Taux Somme (2024) 3,85${NNBSP}‰`);
    expect(text(el.shadowRoot!.firstElementChild)).not.to.match(/rang|classement|rank/i);
  });

  it('shows the Somme demo data and the municipal police activity apart, labelled as demo figures', async () => {
    const { el } = await mount(demoStats);
    await ready(el);
    const activity = $(el, '.activity')!;
    expect(activity).to.exist;
    expect($(el, '.main')!.contains(activity)).to.equal(false);
    expect(text(activity.querySelector('h3'))).to.equal('Activité de la police municipale');
    expect(text(activity)).to.include('Ce ne sont pas des chiffres de délinquance');
    expect(text(activity.querySelector('.badge'))).to.equal('Chiffres fictifs de démonstration');
    expect(text(activity)).to.include(`Interventions 12${NNBSP}000 interventions`);
    expect($$(el, 'option')).to.have.length(18);
    await expect(el).to.be.accessible();
  });

  it('gives the activity counters their units in English on an English page', async () => {
    const { el } = await mount(demoStats, 'en');
    await ready(el);
    const activity = text($(el, '.activity'));
    expect(activity).to.include('Calls received 20,000 calls');
    expect(activity).to.include('Tickets: parking 15,000 tickets');
    expect(activity).not.to.match(/appels|avis de contravention|habitants|signalements/);
  });

  it('loads from the reference server through the api attribute', async () => {
    expect(apiUrl, 'the reference server is started by web-test-runner').to.be.a('string');
    const el = await fixture<ActivityStats>(
      html`<prox-activity-stats
        lang="en"
        api=${apiUrl as string}
        area="80"
        indicators="cambriolages-logement"
        from="2023"
      ></prox-activity-stats>`,
    );
    await waitUntil(() => $(el, 'svg[role="img"]') || $(el, '[role="alert"]'), 'loaded', { timeout: 8000 });
    expect(text($(el, 'h2'))).to.equal('Recorded crime: Somme');
    expect((await tableCells(el))[2]).to.deep.equal(['2024', '1,192', '3.85‰']);
    await expect(el).to.be.accessible();
  });
});
