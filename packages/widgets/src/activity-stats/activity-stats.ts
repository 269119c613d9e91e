import { html, nothing, svg, type PropertyDeclarations, type PropertyValues } from 'lit';
import {
  isSafeUrl,
  type ActivityCounter,
  type ResponseTimes,
  type StatsDataset,
  type StatsSeries,
} from '@proximite/contract';
import type { ProximiteClient } from '@proximite/sdk';
import { afterNextFrame } from '../kit/frame.js';
import { ProxElement } from '../kit/base-element.js';
import { LocalizeController } from '../kit/localize.js';
import { DataController, WidgetError } from '../kit/data.controller.js';
import { styles } from './activity-stats.styles.js';
import { messages, type Messages } from './activity-stats.messages.js';
import { StatsIndicatorSelectEvent } from './activity-stats.events.js';
import { resolveClient } from '../kit/full-client.js';
import { BAND, PLOT_HEIGHT, layoutBars, niceScale, tickY } from './chart.js';
import { defaultQuarter, quartersOf, responseTable, type ResponseText } from './response-view.js';
import {
  buildTable,
  countCell,
  filterDataset,
  keyFigure,
  parseIndicators,
  rateCell,
  summarize,
  toCsv,
  type DataTable,
  type ViewText,
} from './stats-view.js';

/** The parts of the first render (see `stage`). */
const LAST_STAGE = 7;

type Args = readonly [
  ProximiteClient | undefined,
  string | undefined,
  string | undefined,
  string | undefined,
  string | undefined,
  number | undefined,
  number | undefined,
];

/**
 * Public figures for an area: recorded crime from the official SSMSI open data (Licence Ouverte),
 * with its unit of count, rate, change, chart and data table, caveats and provenance; and, apart,
 * the municipal police's activity counters. Suppressed values read « non communiqué (secret
 * statistique) », never 0.
 *
 * @summary Recorded crime (SSMSI) and municipal police activity, with chart, table, caveats and source.
 *
 * @fires prox-stats-indicator-select - The resident chose an indicator; `detail.indicatorId`.
 *
 * @csspart base - The widget's wrapper.
 * @csspart chart - The chart figure.
 * @csspart table - The data table.
 * @csspart activity - The municipal police activity section.
 * @csspart state - Loading, empty and error messages.
 *
 * @cssprop [--prox-activity-stats-bar-color=var(--prox-color-accent)] - Colour of the bars (one colour: no red/green scale).
 * @cssprop [--prox-activity-stats-chart-height=12rem] - Height of the chart's plot area.
 */
export class ActivityStats extends ProxElement {
  static override styles = [...ProxElement.styles, styles];
  static override properties: PropertyDeclarations = {
    stage: { state: true },
    api: {},
    src: {},
    area: {},
    indicators: {},
    from: { type: Number },
    to: { type: Number },
    client: { attribute: false },
    selected: { state: true },
    tableOpen: { state: true },
    activePoint: { state: true },
    focusPoint: { state: true },
    quarter: { state: true },
    announcement: { state: true },
  };

  private readonly localize = new LocalizeController(this, messages);
  private readonly data = new DataController<Args, StatsDataset>(this, {
    args: () => [this.client, this.api, this.src, this.area, this.indicators, this.from, this.to] as const,
    load: async ([client, api, src, area, indicators, from, to], signal) => {
      const source = await resolveClient({ client, api, src }, 'stats');
      const ids = parseIndicators(indicators);
      const query = {
        ...(area ? { area } : {}),
        ...(ids ? { indicators: ids } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      };
      const dataset = await source.stats.get(query, { signal }).catch((error: unknown) => {
        // « No data for area 80021. » is the server's: residents read the widget's own words.
        throw (error as { status?: unknown }).status === 404
          ? new WidgetError(this.localize.t('noArea', area ?? ''))
          : error;
      });
      // The data renders in a task of its own, after a frame has laid out and painted the loading
      // state (a client in memory answers at once): the page's first layout, with its one-time
      // costs, is not the data's; no long task at 4× CPU throttling (issue 21).
      await afterNextFrame();
      return filterDataset(dataset, { indicators: ids, from, to });
    },
    isEmpty: (d) => d.series.length === 0 && d.activity.length === 0 && !d.responseTimes?.figures.length,
  });

  /** The indicator shown (id); the first one when unset or absent. */
  declare private selected: string | undefined;
  /** Whether the data table is shown. */
  declare private tableOpen: boolean;
  /** Index of the chart point whose tooltip is shown. */
  declare private activePoint: number | undefined;
  /** Index of the chart point in the tab order (roving tabindex). */
  declare private focusPoint: number | undefined;
  /** The quarter of the response figures shown (the last one over, when unset). */
  declare private quarter: string | undefined;
  /** What the polite live region says: the indicator just chosen and its latest figure. */
  declare private announcement: string;
  /**
   * How much of the data the first render shows, one part per task and frame (issue 21: no long
   * task, the layout of each part in a frame of its own): 1 the title; 2 the indicator's list; 3 the
   * key figures; 4 the chart's axis and bars; 5 its years (buttons and tooltips); 6 the table's
   * buttons and the source; 7 the municipal police's activity and the response times. Later
   * renders show everything at once. The source's column (`.about`) is there, empty, from the
   * first part on: the figures and the chart keep their width when it fills (no layout shift, no
   * second layout of them).
   */
  declare private stage: number;
  /** The next part's task, while the first render is under way. */
  private staging?: Promise<void> | undefined;

  /** Base URL of a backend that speaks the Proximité contract (`GET /v1/stats`). */
  declare api?: string;
  /** URL of a static `StatsDataset` JSON file (e.g. `stats/80021.json`). */
  declare src?: string;
  /** INSEE code of the area: commune (`80021`), département (`80`) or `FR`. */
  declare area?: string;
  /** Indicator ids to show, comma-separated (default: all). */
  declare indicators?: string;
  /** First year shown. */
  declare from?: number;
  /** Last year shown. */
  declare to?: number;
  /** An SDK client or adapter, for anything the attributes cannot express. */
  declare client?: ProximiteClient;

  constructor() {
    super();
    this.tableOpen = false;
    this.announcement = '';
    this.stage = 1;
  }

  /**
   * The first update (the loading state, and Lit's first preparation of the widget's templates)
   * runs in a task of its own, not in the one that evaluated the bundle and defined the element;
   * before it, the parsing and adoption of the styles in another.
   */
  protected static override firstUpdateInOwnTask = true;
  protected static override stylesInOwnTask = true;

  protected override updated(): void {
    if (this.staging || this.stage >= LAST_STAGE || this.data.value === undefined) return;
    this.staging = afterNextFrame().then(() => {
      this.staging = undefined;
      this.stage += 1;
    });
  }

  /** `updateComplete` waits until the first render has shown every part, not only its first one. */
  protected override pendingRender(): Promise<unknown> | undefined {
    return this.staging;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('indicators')) this.activePoint = undefined;
  }

  private text(): ViewText {
    const t = this.localize;
    return {
      count: (v) => t.number(v),
      rate: (v) => this.formatRate(v),
      suppressed: t.t('suppressed'),
      missing: t.t('missing'),
      year: t.t('year'),
      provisional: (y) => t.t('provisional', y),
      countHeader: (s) => t.t('countHeader', this.unit(s)),
      rateHeader: (s) => t.t('rateHeader', this.denominator(s)),
      comparisonHeader: (name) => t.t('comparisonHeader', name),
    };
  }

  /** `3,85 ‰` in French, `3.85‰` in English; small rates keep two significant digits. */
  private formatRate(value: number): string {
    const digits: Intl.NumberFormatOptions =
      Math.abs(value) < 0.1 && value !== 0
        ? { maximumSignificantDigits: 2 }
        : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    const n = this.localize.number(value, digits);
    return this.localize.lang === 'fr' ? `${n}\u202f‰` : `${n}‰`;
  }

  private unit(series: StatsSeries): string {
    const key = `unit_${series.unitOfCount}` as keyof Messages;
    return key in messages.fr ? (this.localize.t(key as 'unit_victime') as string) : series.unitOfCount;
  }

  private denominator(series: StatsSeries): string {
    return this.localize.t(
      series.rate?.denominator === 'dwellings' ? 'denominator_dwellings' : 'denominator_residents',
    );
  }

  private current(dataset: StatsDataset): StatsSeries | undefined {
    return dataset.series.find((s) => s.indicatorId === this.selected) ?? dataset.series[0];
  }

  private onSelect(event: Event): void {
    const id = (event.target as HTMLSelectElement).value;
    this.selected = id;
    // The chart, figures and table change silently: say what is shown now.
    const t = this.localize;
    const series = this.data.value?.series.find((s) => s.indicatorId === id);
    const latest = series && keyFigure(series).latest;
    this.announcement = series
      ? t.t(
          'indicatorShown',
          t.pick(series.label),
          latest && latest.count !== null ? t.t('shownFigure', t.number(latest.count), latest.year) : '',
        )
      : '';
    this.activePoint = undefined;
    this.focusPoint = undefined;
    this.dispatchEvent(new StatsIndicatorSelectEvent(id));
  }

  private onPointKey(event: KeyboardEvent, count: number): void {
    const from = this.focusPoint ?? count - 1;
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? Math.min(count - 1, from + 1)
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? Math.max(0, from - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? count - 1
              : undefined;
    if (event.key === 'Escape') {
      this.activePoint = undefined;
      return;
    }
    if (next === undefined) return;
    event.preventDefault();
    this.focusPoint = next;
    this.activePoint = next;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelectorAll<HTMLButtonElement>('.point__year')[next]?.focus(),
    );
  }

  private download(table: DataTable, dataset: StatsDataset, series: StatsSeries): void {
    this.save(table, `${dataset.area.code}-${series.indicatorId}.csv`);
  }

  private save(table: DataTable, filename: string): void {
    const csv = toCsv(table, this.localize.lang === 'fr' ? ';' : ',');
    // A blob: URL opened by a download link is a navigation, not a fetch: connect-src, img-src and
    // default-src 'none' do not apply to it, so a strict CSP does not block the download.
    const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private renderFigures(dataset: StatsDataset, series: StatsSeries) {
    const t = this.localize;
    const text = this.text();
    const { latest, previous, change } = keyFigure(series);
    if (!latest) return nothing;
    const year = latest.provisional ? t.t('provisional', latest.year) : String(latest.year);
    const arrow = !change || change.absolute === 0 ? '→' : change.absolute > 0 ? '↗' : '↘';
    // A percentage on large counts; on small ones the difference itself (keyFigure decides).
    const amount =
      change && change.relative !== null
        ? t.number(Math.abs(change.relative), { style: 'percent', maximumFractionDigits: 1 })
        : t.number(Math.abs(change?.absolute ?? 0));
    const changeText = !change
      ? t.t('noChange')
      : change.absolute === 0
        ? t.t('same', previous!.year)
        : t.t(change.absolute > 0 ? 'up' : 'down', amount, previous!.year);
    const comparisons = (dataset.comparisons ?? []).flatMap((c) => {
      const p = c.series
        .find((s) => s.indicatorId === series.indicatorId)
        ?.points.find((q) => q.year === latest.year);
      return p ? [{ name: c.area.name, value: rateCell(p, text) }] : [];
    });
    return html`<h3>${t.t('keyFigures')}</h3>
      <dl class="figures">
        <div class="figure">
          <dt>${t.t('latestCount', year)}</dt>
          <dd class="figure__value">${countCell(latest, text)}</dd>
          <dd>${this.unit(series)}</dd>
        </div>
        ${
          series.rate
            ? html`<div class="figure">
                <dt>${t.t('rateLabel')}</dt>
                <dd class="figure__value">${rateCell(latest, text)}</dd>
                <dd>${t.t('per', this.denominator(series))}</dd>
              </div>`
            : nothing
        }
        <div class="figure">
          <dt>${t.t('changeLabel')}</dt>
          <dd><span aria-hidden="true">${arrow} </span>${changeText}</dd>
          ${
            change && change.relative !== null && change.absolute !== 0
              ? html`<dd class="muted">(${t.number(change.absolute, { signDisplay: 'always' })})</dd>`
              : nothing
          }
        </div>
        ${comparisons.map(
          (c) =>
            html`<div class="figure">
              <dt>${t.t('compareLabel', c.name)} (${latest.year})</dt>
              <dd class="figure__value">${c.value}</dd>
            </div>`,
        )}
      </dl>`;
  }

  /* eslint-disable lit-a11y/accessible-name -- ARIA 1.2: a tooltip is named from its contents */
  private renderChart(dataset: StatsDataset, series: StatsSeries) {
    const t = this.localize;
    const text = this.text();
    const points = series.points;
    if (!points.length) return nothing;
    const label = t.pick(series.label);
    const unit = this.unit(series);
    const first = points[0]!.year;
    const last = points[points.length - 1]!.year;
    const sum = summarize(series);
    const at = (v: { year: number; count: number }) => `${t.number(v.count)} (${v.year})`;
    const summary =
      (sum.min && sum.max && sum.last
        ? t.t(
            'chartSummary',
            label,
            unit,
            dataset.area.name,
            first,
            last,
            at(sum.min),
            at(sum.max),
            at(sum.last),
          )
        : `${label}, ${dataset.area.name}.`) + (sum.suppressed ? t.t('suppressedYears', sum.suppressed) : '');
    const scale = niceScale(sum.max?.count ?? 0);
    const bars = layoutBars(
      points.map((p) => (p.published ? p.count : null)),
      scale,
    );
    const width = points.length * BAND;
    // RGAA 1.9: a captioned image sits in a figure whose name repeats the caption.
    const caption = t.t('chartCaption', label, unit, first, last);
    return html`<figure class="chart" part="chart" role="figure" aria-label=${caption}>
      <figcaption>${caption}</figcaption>
      <div class="chart__body">
        <div class="chart__axis" aria-hidden="true">
          ${[...scale.ticks].reverse().map((tick) => html`<span>${t.number(tick)}</span>`)}
        </div>
        <div class="chart__plot">
          <svg
            role="img"
            aria-label=${summary}
            viewBox="0 0 ${width} ${PLOT_HEIGHT}"
            preserveAspectRatio="none"
          >
            ${scale.ticks.map(
              (tick) =>
                svg`<line class=${tick === 0 ? 'grid grid--base' : 'grid'} x1="0" x2=${width} y1=${tickY(tick, scale)} y2=${tickY(tick, scale)} vector-effect="non-scaling-stroke"></line>`,
            )}
            ${bars.map((bar, i) =>
              bar
                ? svg`<rect class=${points[i]!.provisional ? 'bar bar--provisional' : 'bar'} x=${bar.x} y=${bar.y} width=${bar.width} height=${bar.height} vector-effect="non-scaling-stroke"></rect>`
                : nothing,
            )}
          </svg>
          ${this.stage >= 5 ? this.renderPoints(series, text, unit) : nothing}
        </div>
      </div>
    </figure>`;
  }

  /**
   * The chart's years: a button each (one in the tab order) with its tooltip. A part of its own in
   * the first render (see `stage`); the list lies over the plot, whose room for it is there before.
   */
  private renderPoints(series: StatsSeries, text: ViewText, unit: string) {
    const t = this.localize;
    const points = series.points;
    const focusIndex = Math.min(this.focusPoint ?? points.length - 1, points.length - 1);
    return html`<ol class="points" aria-label=${t.t('chartPoints')}>
      ${points.map((p, i) => {
        const year = p.provisional ? t.t('provisional', p.year) : String(p.year);
        const tip = t.t(
          'tip',
          year,
          p.published ? `${countCell(p, text)} ${unit}` : text.suppressed,
          p.published && series.rate ? rateCell(p, text) : '',
        );
        return html`<li
          class=${this.activePoint === i ? 'point point--active' : 'point'}
          @mouseenter=${() => (this.activePoint = i)}
          @mouseleave=${() => (this.activePoint = undefined)}
        >
          ${p.published ? nothing : html`<span class="point__gap" aria-hidden="true">${t.t('gapMark')}</span>`}
          <button
            type="button"
            class="point__year"
            tabindex=${i === focusIndex ? 0 : -1}
            aria-describedby="tip-${i}"
            @focus=${() => {
              this.focusPoint = i;
              this.activePoint = i;
            }}
            @blur=${() => (this.activePoint = undefined)}
            @click=${() => (this.activePoint = this.activePoint === i ? undefined : i)}
            @keydown=${(e: KeyboardEvent) => this.onPointKey(e, points.length)}
          >
            <span class="year-long">${p.year}</span
            ><span class="year-short" aria-hidden="true">’${String(p.year).slice(2)}</span>
          </button>
          <span class="point__tip" role="tooltip" id="tip-${i}" ?hidden=${this.activePoint !== i}
            >${tip}</span
          >
        </li>`;
      })}
    </ol>`;
  }

  /* eslint-enable lit-a11y/accessible-name */

  /** The table is rendered only when open (a lighter first render); the CSV comes from the same model. */
  private renderTable(dataset: StatsDataset, series: StatsSeries, table: DataTable) {
    const t = this.localize;
    return html`<div class="actions">
        <button
          type="button"
          class="button button--secondary"
          aria-expanded=${this.tableOpen ? 'true' : 'false'}
          aria-controls="data-table"
          @click=${() => (this.tableOpen = !this.tableOpen)}
        >
          ${t.t(this.tableOpen ? 'hideTable' : 'showTable')}
        </button>
        <button
          type="button"
          class="button button--secondary"
          @click=${() => this.download(table, dataset, series)}
        >
          ${t.t('download')}
        </button>
      </div>
      <div
        class="table-wrap"
        id="data-table"
        role="region"
        aria-labelledby="table-caption"
        tabindex="0"
        ?hidden=${!this.tableOpen}
      >
        ${
          this.tableOpen
            ? html`<table part="table">
                <caption id="table-caption">
                  ${t.t('tableCaption', t.pick(series.label), dataset.area.name)}
                </caption>
                <thead>
                  <tr>
                    ${table.head.map((h) => html`<th scope="col">${h}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${table.rows.map(
                    ([year, ...cells]) =>
                      html`<tr>
                        <th scope="row">${year}</th>
                        ${cells.map((c) => html`<td>${c}</td>`)}
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : nothing
        }
      </div>`;
  }

  private renderAbout(dataset: StatsDataset) {
    const t = this.localize;
    const d = dataset.dataset;
    const caveat = (c: string) => {
      const key = `caveat_${c}`;
      return key in messages.fr ? t.t(key as 'caveat_provisional') : undefined;
    };
    const licence = d.licence.id === 'lov2' ? t.t('licence_lov2') : d.licence.id;
    return html`<h3>${t.t('aboutTitle')}</h3>
      <ul>
        ${dataset.caveats.map((c) => caveat(c)).flatMap((c) => (c ? [html`<li>${c}</li>`] : []))}
      </ul>
      <h3>${t.t('sourceTitle')}</h3>
      <p>${t.t('sourceLine', d.publisher)}.</p>
      <p>
        ${t.t('edition', t.date(d.edition, { dateStyle: 'long', timeZone: 'UTC' }))}${
          d.retrievedAt
            ? html`,
              ${t.t('retrieved', t.date(d.retrievedAt, { dateStyle: 'long', timeZone: 'Europe/Paris' }))}`
            : nothing
        }.
      </p>
      <p>
        ${t.t('licence')}
        ${isSafeUrl(d.licence.url) ? html`<a href=${d.licence.url}>${licence}</a>` : licence}.
      </p>
      ${isSafeUrl(d.page) ? html`<p><a href=${d.page}>${t.t('dataset')}</a></p>` : nothing}
      ${
        d.resource
          ? html`<p class="muted">
              ${t.t('file')}
              ${isSafeUrl(d.resource) ? html`<a href=${d.resource}>${d.resource}</a>` : d.resource}
            </p>`
          : nothing
      }`;
  }

  private renderActivity(activity: ActivityCounter[]) {
    const t = this.localize;
    const periods = [...new Set(activity.map((c) => c.period))].sort().reverse();
    const sources = [
      ...new Map(
        activity.map((c) => [`${c.source.type}|${c.source.title}|${c.source.url}`, c.source]),
      ).values(),
    ];
    const metric = (m: string) => {
      const key = `metric_${m}`;
      return key in messages.fr ? t.t(key as 'metric_pm-calls') : m;
    };
    // The unit the city wrote (in French); on another page a known metric's unit in its language.
    const unit = (c: { metric: string; unit: string }) => {
      const key = `munit_${c.metric}`;
      return t.lang !== 'fr' && key in messages.fr ? t.t(key as 'munit_pm-calls') : c.unit;
    };
    return html`<section class="activity" part="activity" aria-labelledby="activity-title">
      <h3 id="activity-title">${t.t('activityTitle')}</h3>
      <p><strong>${t.t('activityLead')}</strong></p>
      ${sources.some((s) => s.type === 'demo') ? html`<p class="badge">${t.t('demoBadge')}</p>` : nothing}
      ${periods.map(
        (period) =>
          html`<h4>${t.t('activityPeriod', period)}</h4>
            <dl class="counters">
              ${activity
                .filter((c) => c.period === period)
                .map(
                  (c) =>
                    html`<div>
                      <dt>${metric(c.metric)}</dt>
                      <dd>
                        ${c.value === null ? t.t('notPublished') : t.number(c.value)}
                        <span class="unit">${unit(c)}</span>
                      </dd>
                    </div>`,
                )}
            </dl>`,
      )}
      ${sources.map(
        (s) =>
          html`<p class="muted">
            ${t.t('activitySource')}
            ${s.url && isSafeUrl(s.url) ? html`<a href=${s.url}>${s.title}</a>` : s.title}
          </p>`,
      )}
    </section>`;
  }

  private responseText(): ResponseText {
    const t = this.localize;
    return {
      name: (f) => t.pick(f.serviceName),
      count: (n) => t.number(n),
      days: (n, unit) => t.t('rtDays', t.number(n, { maximumFractionDigits: 1 }), unit),
      share: (n) => t.number(n, { style: 'percent', maximumFractionDigits: 0 }),
      target: (n, unit) => t.t('rtTarget', n, unit),
      suppressed: t.t('notPublished'),
      noTarget: t.t('rtNoTarget'),
      head: [
        t.t('rtService'),
        t.t('rtReceived'),
        t.t('rtFirst'),
        t.t('rtResolution'),
        t.t('rtTargetHead'),
        t.t('rtWithin'),
        t.t('rtVerdict'),
      ],
    };
  }

  private renderResponses(rt: ResponseTimes) {
    const t = this.localize;
    const quarters = quartersOf(rt);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
    const quarter =
      this.quarter && quarters.includes(this.quarter) ? this.quarter : defaultQuarter(quarters, today);
    if (!quarter) return nothing;
    const table = responseTable(rt, quarter, this.responseText());
    const name = t.t('quarterName', quarter);
    return html`<section class="activity responses" part="responses" aria-labelledby="rt-title">
      <h3 id="rt-title">${t.t('rtTitle')}</h3>
      <p>${t.t('rtLead')}</p>
      ${rt.demo ? html`<p class="badge">${t.t('rtDemo')}</p>` : nothing}
      <div class="controls">
        <label for="rt-quarter">${t.t('rtQuarter')}</label>
        <select
          id="rt-quarter"
          @change=${(e: Event) => (this.quarter = (e.target as HTMLSelectElement).value)}
        >
          ${quarters.map((q) => html`<option value=${q} ?selected=${q === quarter}>${t.t('quarterName', q)}</option>`)}
        </select>
      </div>
      <div class="table-wrap" role="region" aria-labelledby="rt-caption" tabindex="0">
        <table>
          <caption id="rt-caption">
            ${t.t('rtCaption', name)}
          </caption>
          <thead>
            <tr>
              ${table.head.map((h) => html`<th scope="col">${h}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${table.rows.map(
              ([service, ...cells]) =>
                html`<tr>
                  <th scope="row">${service}</th>
                  ${cells.map((c) => html`<td>${c}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p>
        <button
          type="button"
          class="button button--secondary"
          @click=${() => this.save(table, `delais-${quarter}.csv`)}
        >
          ${t.t('rtDownload')}
        </button>
      </p>
      <h4>${t.t('rtMethod')}</h4>
      <p class="muted">${t.pick(rt.method)}</p>
    </section>`;
  }

  /** The indicator's list and the live region that says what a choice shows. */
  private renderControls(dataset: StatsDataset, series: StatsSeries) {
    const t = this.localize;
    return html`<div class="controls">
      <label for="indicator">${t.t('indicator')}</label>
      <select id="indicator" @change=${this.onSelect}>
        ${dataset.series.map(
          (s) => html`<option value=${s.indicatorId} ?selected=${s === series}>${t.pick(s.label)}</option>`,
        )}
      </select>
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </div>`;
  }

  private renderDataset(dataset: StatsDataset) {
    const t = this.localize;
    const series = this.current(dataset);
    const population = dataset.area.population?.value;
    return html`<div class="head">
        <h2>${t.t('title', dataset.area.name)}</h2>
        <p class="muted">
          ${t.t('subtitle')}${
            population ? html`&nbsp;· ${t.number(population)} ${t.t('denominator_residents')}` : nothing
          }
        </p>
      </div>
      ${
        series
          ? html`${this.stage >= 2 ? this.renderControls(dataset, series) : nothing}
              <div class="layout">
                <div class="main">
                  ${this.stage >= 3 ? this.renderFigures(dataset, series) : nothing}
                  ${this.stage >= 4 ? this.renderChart(dataset, series) : nothing}
                  ${
                    this.stage >= 6
                      ? this.renderTable(dataset, series, buildTable(dataset, series, this.text()))
                      : nothing
                  }
                </div>
                <div class="about">${this.stage >= 6 ? this.renderAbout(dataset) : nothing}</div>
              </div>`
          : html`<p class="state" part="state">${t.t('empty')}</p>`
      }
      ${this.stage >= 7 && dataset.activity.length ? this.renderActivity(dataset.activity) : nothing}
      ${
        this.stage >= 7 && dataset.responseTimes?.figures.length
          ? this.renderResponses(dataset.responseTimes)
          : nothing
      }`;
  }

  override render() {
    return html`<div class="base" part="base">
      ${this.data.render({ complete: (dataset) => this.renderDataset(dataset) })}
    </div>`;
  }
}
