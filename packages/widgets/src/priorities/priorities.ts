import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import { isSafeUrl, type LocalizedText, type Priority, type PrioritySourceCafe } from '@proximite/contract';
import type { ProximiteClient } from '@proximite/sdk';
import { ProxElement } from '../kit/base-element.js';
import { LocalizeController } from '../kit/localize.js';
import { renderReport, reportStyles } from '../meeting-report/meeting-report.js';
import { PrioritiesController } from './priorities.controller.js';
import { PrioritiesFilterEvent, PriorityReportOpenEvent } from './priorities.events.js';
import { messages } from './priorities.messages.js';
import { styles } from './priorities.styles.js';
import {
  STATUS_FILTERS,
  actionsOf,
  concernCount,
  daysToDone,
  isStatusFilter,
  selectPriorities,
  statusCounts,
  type StatusFilter,
} from './priorities-view.js';

/**
 * « Vous avez dit, nous avons fait »: the priorities of the city or of one district — what
 * residents raised (with how many concerns, and the cafés it came from), what was done and when,
 * what is in progress — with filters by district and status, the public report of each café a
 * priority was raised at, and the Atom feed of the actions carried out.
 *
 * @summary What residents raised and what was done about it, with dates, sources and café reports.
 *
 * @fires {PrioritiesFilterEvent} prox-priorities-filter - The resident changed a filter; `detail.district`, `detail.status`.
 * @fires {PriorityReportOpenEvent} prox-priority-report-open - The resident opened a café's report; `detail.priorityId`, `detail.cafeId`.
 *
 * @csspart base - The widget's frame.
 * @csspart header - Title, count and filters.
 * @csspart controls - The district and status filters.
 * @csspart priority - One priority.
 * @csspart report - A café's public report.
 * @csspart feed - The Atom feed link.
 * @csspart state - Loading, empty and error messages.
 *
 * @cssprop [--prox-priorities-gap=1rem] - Space between priorities.
 * @cssprop [--prox-priorities-card-background=var(--prox-color-surface-muted)] - Background of a priority.
 * @cssprop [--prox-priorities-marker-color=var(--prox-color-accent)] - The bar beside each priority.
 */
export class Priorities extends ProxElement {
  static override styles = [...ProxElement.styles, styles, reportStyles];
  static override properties: PropertyDeclarations = {
    api: {},
    src: {},
    district: { reflect: true },
    status: { reflect: true },
    client: { attribute: false },
    open: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly priorities = new PrioritiesController(this);

  /** Café reports opened by the resident, by priority and café. */
  declare private open: Set<string>;

  /** Base URL of a backend that speaks the Proximité contract (`GET /v1/priorities`). */
  declare api?: string;
  /** URL of a static JSON file of priorities (`{ items: [...] }` or a bare array). */
  declare src?: string;
  /** Show only the priorities of this district (a district id); the filter control changes it. */
  declare district?: string;
  /** `all` (the default), `raised`, `in-progress` or `done`; the filter control changes it. */
  declare status: StatusFilter;
  /** An SDK client or adapter (takes precedence over `api` and `src`). */
  declare client?: ProximiteClient;

  constructor() {
    super();
    this.status = 'all';
    this.open = new Set();
  }

  /** The language the widget shows (`fr` or `en`), resolved from `lang` up the tree. */
  get language(): string {
    return this.localize.lang;
  }

  private get statusFilter(): StatusFilter {
    return isStatusFilter(this.status) ? this.status : 'all';
  }

  /** A `YYYY-MM-DD` day, in words (« 3 mars 2026 »). */
  private day(date: string): string {
    return this.localize.date(`${date}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' });
  }

  private text(t: LocalizedText | undefined): TemplateResult {
    const own = this.localize.lang === 'en' ? t?.en : t?.fr;
    return own ? html`${own}` : html`<span lang="fr">${t?.fr ?? ''}</span>`;
  }

  private onDistrict(event: Event): void {
    this.district = (event.target as HTMLSelectElement).value || undefined;
    this.open = new Set();
    this.dispatchEvent(new PrioritiesFilterEvent(this.district, this.statusFilter));
  }

  private onStatus(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.status = isStatusFilter(value) ? value : 'all';
    this.dispatchEvent(new PrioritiesFilterEvent(this.district, this.status));
  }

  private toggleReport(priority: Priority, cafe: PrioritySourceCafe): void {
    const key = `${priority.id}\u0000${cafe.id}`;
    const open = new Set(this.open);
    if (open.has(key)) open.delete(key);
    else {
      open.add(key);
      this.priorities.load(cafe.id);
      this.dispatchEvent(new PriorityReportOpenEvent(priority.id, cafe.id));
    }
    this.open = open;
  }

  private renderControls(all: readonly Priority[] | undefined): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const districts = this.priorities.districts;
    const counts = all ? statusCounts(all) : undefined;
    const status = this.statusFilter;
    return html`<div class="controls" part="controls">
      ${
        districts.length
          ? html`<div class="field">
              <label for="district">${t('district')}</label>
              <select id="district" @change=${this.onDistrict}>
                <option value="" ?selected=${!this.district}>${t('allDistricts')}</option>
                ${districts.map((d) => html`<option value=${d.id} ?selected=${d.id === this.district}>${d.name}</option>`)}
              </select>
            </div>`
          : nothing
      }
      <div class="field">
        <label for="status">${t('status')}</label>
        <select id="status" @change=${this.onStatus}>
          ${STATUS_FILTERS.map((s) => {
            const label = t(`status_${s}`);
            return html`<option value=${s} ?selected=${s === status}>
              ${counts ? t('statusOption', label, counts[s]) : label}
            </option>`;
          })}
        </select>
      </div>
    </div>`;
  }

  private renderCafe(priority: Priority, cafe: PrioritySourceCafe, index: string): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const when = this.localize.date(cafe.start, { dateStyle: 'long', timeZone: 'Europe/Paris' });
    const name = html`${this.text(cafe.title)}, ${t('cafeOn', when)}`;
    if (!cafe.hasReport || !this.priorities.hasReports)
      return html`<li class="cafe">
        <p>${name}${cafe.hasReport ? nothing : html` <span class="muted">(${t('noReport')})</span>`}</p>
      </li>`;
    const open = this.open.has(`${priority.id}\u0000${cafe.id}`);
    const id = `report-${index}`;
    const state = open ? this.priorities.report(cafe.id) : undefined;
    return html`<li class="cafe">
      <p>${name}</p>
      <button
        type="button"
        class="disclosure"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${id}
        @click=${() => this.toggleReport(priority, cafe)}
      >
        ${open ? t('closeReport') : t('openReport')}<span class="visually-hidden">: ${when}</span>
      </button>
      <div id=${id} part="report" ?hidden=${!open}>
        ${
          !state
            ? nothing
            : state.state === 'loading'
              ? this.priorities.data.renderLoading()
              : state.state === 'error'
                ? this.priorities.data.renderError(state.error, undefined, () =>
                    this.priorities.load(cafe.id),
                  )
                : renderReport(state.meeting.report, this.localize.lang, 5)
        }
      </div>
    </li>`;
  }

  private renderPriority(p: Priority, i: number): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const actions = actionsOf(p);
    const took = daysToDone(p);
    const count = concernCount(p);
    const district = p.districtId
      ? this.priorities.districts.find((d) => d.id === p.districtId)?.name
      : undefined;
    const cafes = p.sources.cafes ?? [];
    const statusKey = isStatusFilter(p.status) && p.status !== 'all' ? p.status : undefined;
    const titleId = `priority-${i}`;
    return html`<li class="priority" part="priority">
      <article class="priority__head" aria-labelledby=${titleId}>
        ${statusKey ? html`<p><span class="badge badge--${statusKey}">${t(`status_${statusKey}`)}</span></p>` : nothing}
        <h3 class="priority__issue" id=${titleId}>
          <span class="visually-hidden">${t('youSaid')} : </span>${this.text(p.issue)}
        </h3>
        <p class="facts">
          <span>${t('raisedOn', this.day(p.issueDate))}</span>
          ${count > 0 ? html`<span>${t('concerns', count)}</span>` : nothing}
          ${district ? html`<span>${t('districtLabel')} : ${district}</span>` : nothing}
        </p>
        <h4 class="section-label">${t('weDid')}</h4>
        ${
          actions.length
            ? html`<ol class="actions">
                ${actions.map(
                  (a) =>
                    html`<li class="action">
                      <p class="action__when">
                        <span
                          class="badge badge--${a.status === 'done' || a.status === 'in-progress' ? a.status : 'planned'}"
                          >${t(a.status === 'done' ? 'action_done' : a.status === 'in-progress' ? 'action_in-progress' : 'action_planned')}</span
                        >
                        <time datetime=${a.date}>${this.day(a.date)}</time>
                      </p>
                      <p>${this.text(a.text)}</p>
                    </li>`,
                )}
              </ol>`
            : html`<p class="muted">${t('noActionYet')}</p>`
        }
        ${took !== undefined ? html`<p class="muted">${t('tookDays', took)}</p>` : nothing}
        ${
          cafes.length
            ? html`<h4 class="section-label">${t('raisedAt')}</h4>
                <ul class="cafes">
                  ${cafes.map((c, j) => this.renderCafe(p, c, `${i}-${j}`))}
                </ul>`
            : nothing
        }
      </article>
    </li>`;
  }

  private renderList(all: Priority[]): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const shown = selectPriorities(all, this.statusFilter);
    if (!shown.length)
      return html`<div class="state" part="state">
        <p>${t('emptyFilter')}</p>
        <button type="button" class="button button--secondary" @click=${this.showAll}>${t('showAll')}</button>
      </div>`;
    return html`<ol class="list">
      ${shown.map((p, i) => this.renderPriority(p, i))}
    </ol>`;
  }

  private showAll(): void {
    this.status = 'all';
    this.dispatchEvent(new PrioritiesFilterEvent(this.district, 'all'));
  }

  private renderFeed(): TemplateResult | typeof nothing {
    const url = this.priorities.feedUrl();
    if (!isSafeUrl(url)) return nothing;
    const t = this.localize.t.bind(this.localize);
    return html`<p class="feed" part="feed">
      <a href=${url} type="application/atom+xml"
        >${t('feed')}<span class="visually-hidden"> (${t('feedHint')})</span></a
      >
    </p>`;
  }

  override render() {
    const t = this.localize.t.bind(this.localize);
    const data = this.priorities.data;
    const all = data.status === TaskStatus.COMPLETE ? data.value : undefined;
    const shown = all ? selectPriorities(all, this.statusFilter).length : undefined;
    return html`<section class="base" part="base" aria-labelledby="title">
      <header class="header" part="header">
        <h2 class="title" id="title">${t('title')}</h2>
        <p class="subtitle">${t('subtitle')}</p>
        ${all?.some((p) => p.demo) ? html`<p class="demo">${t('demo')}</p>` : nothing}
        ${this.renderControls(all)}
        <p class="count" role="status">${shown !== undefined && all?.length ? t('count', shown) : ''}</p>
      </header>
      ${data.render({
        complete: (value) => this.renderList(value),
        empty: () => data.renderEmpty(t('empty')),
      })}
      ${all ? this.renderFeed() : nothing}
    </section>`;
  }
}
