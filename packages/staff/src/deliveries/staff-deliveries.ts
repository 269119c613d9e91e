import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import type { Delivery } from '@proximite/contract';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { formatRoute } from '../console/router.js';
import { formatDateTime } from '../shared/format.js';
import { formStyles } from '../shared/forms.styles.js';
import { warningIcon } from '../shared/icons.js';
import { NO_LOOKUPS, type Lookups } from '../shared/lookups.js';
import { StaffSection } from '../shared/section.js';
import { statusOf, withSession } from '../shared/session.js';
import { settingsStyles } from '../settings-kit/settings.styles.js';
import { emptyState, errorState, loadingState } from '../settings-kit/states.js';
import {
  DELIVERY_STATUS_FILTERS,
  canRetry,
  filtersFromParams,
  isFiltered,
  paramsFromFilters,
  replaceDelivery,
  type DeliveryFilters,
} from './deliveries-model.js';
import { DeliveriesController, type DeliveryLogPage } from './deliveries.controller.js';
import { messages } from './staff-deliveries.messages.js';
import { styles } from './staff-deliveries.styles.js';

/**
 * The delivery log: every message sent to a service or a resident (e-mail, webhook, Open311), its
 * attempts, last error and next try, failed sends first, with « Réessayer » for those the server
 * may try again (the message keeps its id, so a receiver that got an earlier attempt de-duplicates
 * it). Filters are kept in the URL's fragment.
 *
 * @summary The staff console's delivery log.
 */
export class StaffDeliveries extends StaffSection {
  static override styles = [...StaffSection.styles, formStyles, settingsStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    lists: { state: true },
    changed: { state: true },
    busy: { state: true },
    outcome: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly data = new DeliveriesController(this, () => ({
    context: this.context,
    filters: this.filters,
  }));

  declare private lists: Lookups;
  /** Deliveries changed by a retry since `page` loaded, by id. */
  declare private changed: { page: unknown; byId: ReadonlyMap<string, Delivery> };
  declare private busy: string | undefined;
  declare private outcome: { ok: boolean; text: string } | undefined;
  private listsFrom?: unknown;
  private announcedFor?: unknown;

  constructor() {
    super();
    this.lists = NO_LOOKUPS;
    this.changed = { page: undefined, byId: new Map() };
    this.busy = undefined;
    this.outcome = undefined;
  }

  private get filters(): DeliveryFilters {
    return filtersFromParams(this.route?.params ?? {});
  }

  private get t() {
    return this.localize.t.bind(this.localize);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('context') && this.context && this.listsFrom !== this.context.client) {
      this.listsFrom = this.context.client;
      void this.context.lookups().then((lists) => (this.lists = lists));
    }
  }

  protected override updated(): void {
    const task = this.data.task;
    if (task.status !== TaskStatus.COMPLETE || !task.value || this.announcedFor === task.value) return;
    this.announcedFor = task.value;
    this.context?.announce(this.t('loaded', task.value.rows.length, task.value.pinned));
  }

  private show(filters: DeliveryFilters): void {
    this.outcome = undefined;
    this.context?.navigate({ section: 'deliveries', params: paramsFromFilters(filters) });
  }

  private onFilter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    this.show({ status: value('status'), service: value('service'), concern: value('concern') });
  }

  private clearFilters(): void {
    this.show({});
  }

  /** What a delivery is, in words (its event, and its concern when it has one). */
  private describe(d: Delivery): string {
    const event = this.t('eventLabel', d.event);
    return d.concernReference ? `${event} ${d.concernReference}` : event;
  }

  private async retry(d: Delivery): Promise<void> {
    const context = this.context;
    if (!context || this.busy) return;
    this.busy = d.id;
    const what = this.describe(d);
    try {
      const next = await withSession(context, () => context.client.deliveries.retry(d.id));
      const page = this.data.task.value;
      const byId = this.changed.page === page ? new Map(this.changed.byId) : new Map<string, Delivery>();
      this.changed = { page, byId: byId.set(next.id, next) };
      this.outcome = { ok: true, text: this.t('retried', what) };
    } catch (error) {
      const why =
        statusOf(error) === 409 ? this.t('conflict') : describeError(error, this.kit.t.bind(this.kit));
      this.outcome = { ok: false, text: this.t('retryFailed', why) };
    } finally {
      this.busy = undefined;
    }
    context.announce(this.outcome.text);
  }

  // ---------------------------------------------------------------------------------------------
  // rendering

  private renderFilters(f: DeliveryFilters): TemplateResult {
    const t = this.t;
    const option = (value: string, label: string, current: string | undefined) =>
      html`<option value=${value} ?selected=${(current ?? '') === value}>${label}</option>`;
    return html`<form class="bar filters" role="search" aria-label=${t('filters')} @submit=${this.onFilter}>
      <div class="field">
        <label for="status">${t('status')}</label>
        <select id="status" name="status">
          ${option('', t('any'), f.status)}
          ${DELIVERY_STATUS_FILTERS.map((s) => option(s, t('statusLabel', s), f.status))}
        </select>
      </div>
      ${
        this.lists.services.length
          ? html`<div class="field">
              <label for="service">${t('service')}</label>
              <select id="service" name="service">
                ${option('', t('any'), f.service)}
                ${this.lists.services.map((s) => option(s.id, this.localize.pick(s.name), f.service))}
              </select>
            </div>`
          : nothing
      }
      <div class="field">
        <label for="concern">${t('concern')}</label>
        <input id="concern" name="concern" type="text" .value=${f.concern ?? ''} maxlength="40" />
      </div>
      <div class="actions">
        <button class="button" type="submit">${t('apply')}</button>
        ${
          isFiltered(f)
            ? html`<button class="button button--secondary" type="button" @click=${this.clearFilters}>
                ${t('clear')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  private renderWhen(d: Delivery): TemplateResult {
    const t = this.t;
    const at = (iso: string) => formatDateTime(iso, this.localize.locale);
    return html`<div class="when">
      <span>${t('created', at(d.createdAt))}</span>
      ${d.sentAt ? html`<span>${t('sentAt', at(d.sentAt))}</span>` : nothing}
      ${d.status === 'pending' && d.nextAttemptAt ? html`<span>${t('nextAt', at(d.nextAttemptAt))}</span>` : nothing}
      ${d.status === 'pending' && d.giveUpAt ? html`<span class="muted">${t('giveUpAt', at(d.giveUpAt))}</span>` : nothing}
    </div>`;
  }

  private renderRow(d: Delivery, mayRetry: boolean): TemplateResult {
    const t = this.t;
    const failed = d.status === 'failed';
    return html`<tr class=${failed ? 'is-failed' : ''}>
      <td>
        <span class="badge ${failed ? 'badge--danger' : d.status === 'sent' ? 'badge--success' : ''}"
          >${failed ? warningIcon : nothing}${t('statusLabel', d.status)}</span
        >
        ${d.notice ? html`<span class="held muted">${this.localize.pick(d.notice)}</span>` : nothing}
      </td>
      <th scope="row">
        <span class="line">${t('eventLabel', d.event)}</span>
        ${
          d.concernReference
            ? html`<a href=${formatRoute({ section: 'concern', id: d.concernReference, params: {} })}
                >${d.concernReference}</a
              >`
            : nothing
        }
      </th>
      <td>
        <span class="line">${t('methodLabel', d.method)}</span>
        ${d.service ? html`<span class="line">${this.localize.pick(d.service.name)}</span>` : nothing}
        ${d.destination ? html`<span class="line mono">${d.destination}</span>` : nothing}
      </td>
      <td class="num">${new Intl.NumberFormat(this.localize.locale).format(d.attempts)}</td>
      <td class="error-text">${d.lastError ?? html`<span class="muted">${t('none')}</span>`}</td>
      <td>${this.renderWhen(d)}</td>
      ${
        mayRetry
          ? html`<td class="cell-actions">
              ${
                canRetry(d)
                  ? html`<button
                      type="button"
                      class="button button--secondary"
                      aria-label=${t('retryOf', this.describe(d))}
                      ?disabled=${this.busy === d.id}
                      @click=${() => void this.retry(d)}
                    >
                      ${t('retry')}
                    </button>`
                  : nothing
              }
            </td>`
          : nothing
      }
    </tr>`;
  }

  private renderTable(page: DeliveryLogPage, f: DeliveryFilters, busy = false): TemplateResult {
    const t = this.t;
    const mayRetry = this.context?.can('deliveries:write') ?? false;
    let rows = page.rows;
    if (this.changed.page === page)
      for (const d of this.changed.byId.values()) rows = replaceDelivery(rows, d);
    return html`<div class="summary"><p>${t('count', rows.length, page.pinned)}</p></div>
      <div
        class="table-wrap"
        role="region"
        aria-labelledby="caption"
        tabindex="0"
        aria-busy=${busy ? 'true' : 'false'}
      >
        <table>
          <caption id="caption">
            ${page.pinned ? t('captionPinned', page.pinned) : t('caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('status')}</th>
              <th scope="col">${t('message')}</th>
              <th scope="col">${t('destination')}</th>
              <th scope="col" class="num">${t('attempts')}</th>
              <th scope="col">${t('lastError')}</th>
              <th scope="col">${t('when')}</th>
              ${mayRetry ? html`<th scope="col">${t('actions')}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${rows.map((d) => this.renderRow(d, mayRetry))}
          </tbody>
        </table>
      </div>
      ${this.renderPaging(page, f)}`;
  }

  private renderPaging(page: DeliveryLogPage, f: DeliveryFilters): TemplateResult | typeof nothing {
    if (!page.nextCursor && !f.cursor) return nothing;
    const t = this.t;
    const href = (cursor: string | undefined) =>
      formatRoute({ section: 'deliveries', params: paramsFromFilters({ ...f, cursor }) });
    return html`<nav class="paging" aria-label=${t('paging')}>
      <ul>
        ${f.cursor ? html`<li><a href=${href(undefined)}>${t('first')}</a></li>` : nothing}
        ${page.nextCursor ? html`<li><a href=${href(page.nextCursor)}>${t('next')}</a></li>` : nothing}
      </ul>
    </nav>`;
  }

  private renderResults(f: DeliveryFilters): unknown {
    const t = this.t;
    const task = this.data.task;
    return task.render({
      initial: () => loadingState(t('loading')),
      pending: () => (task.value ? this.renderTable(task.value, f, true) : loadingState(t('loading'))),
      complete: (page) =>
        page.rows.length === 0
          ? emptyState(isFiltered(f) ? t('emptyFiltered') : t('empty'))
          : this.renderTable(page, f),
      error: (error) =>
        errorState(
          t('errorTitle'),
          error,
          this.kit.t.bind(this.kit),
          t('reload'),
          () => void this.data.reload(),
        ),
    });
  }

  override render(): TemplateResult {
    const f = this.filters;
    return html`<div class="base">
      <h1 tabindex="-1">${this.t('title')}</h1>
      <p class="intro">${this.t('intro')}</p>
      ${this.renderFilters(f)}
      ${
        this.outcome
          ? html`<p class="notice ${this.outcome.ok ? 'notice--success' : 'notice--error'}" role="status">
              ${this.outcome.text}
            </p>`
          : nothing
      }
      ${this.renderResults(f)}
    </div>`;
  }
}
