import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { formatRoute } from '../console/router.js';
import { formStyles } from '../shared/forms.styles.js';
import { clockIcon, sortIcon, warningIcon } from '../shared/icons.js';
import { calendarDaysBetween, formatAge, formatDate, formatDays, isoDay } from '../shared/format.js';
import { NO_LOOKUPS, type Lookups } from '../shared/lookups.js';
import { StaffSection } from '../shared/section.js';
import { withSession } from '../shared/session.js';
import { STATUS_LABELS, statusLabel } from '../shared/statuses.js';
import {
  ALL_STATUSES,
  ariaSort,
  filtersFromParams,
  isFiltered,
  nextSort,
  paramsFromFilters,
  queryOf,
  toggle,
  type InboxFilters,
  type InboxRow,
  type SortColumn,
} from './inbox-model.js';
import type {
  AdminConcernExportQuery,
  ConcernBulkInput,
  ConcernBulkOutcome,
  ResponseTemplate,
} from '@proximite/contract';
import { InboxController, type InboxPage } from './inbox.controller.js';
import { pseudonymised } from '../shared/session.js';
import { messages } from './staff-inbox.messages.js';
import { styles } from './staff-inbox.styles.js';

/**
 * The concern inbox: a table of concerns (reference, category, district, service, status, age,
 * due date with overdue said in words and by an icon, assignee), filters and search kept in the
 * URL's fragment so a view can be shared, sort buttons, keyset paging, row selection for bulk
 * actions and an export of the view, when the server offers them. Observers see the pseudonymised
 * list.
 *
 * @summary The staff console's concern inbox.
 */
export class StaffInbox extends StaffSection {
  static override styles = [...StaffSection.styles, formStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    lists: { state: true },
    selection: { state: true },
    bulkMessage: { state: true },
    bulkFailures: { state: true },
    bulkBusy: { state: true },
    bulkTemplates: { state: true },
    bulkTemplateId: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly data = new InboxController(this, () => ({ context: this.context, filters: this.filters }));

  declare private lists: Lookups;
  declare private selection: Set<string>;
  declare private bulkMessage: string;
  declare private bulkFailures: ConcernBulkOutcome[];
  declare private bulkBusy: boolean;
  /** The response templates offered for a bulk answer (loaded when a first row is selected). */
  declare private bulkTemplates: readonly ResponseTemplate[];
  /** The template chosen for the bulk answer ('' : the text typed). */
  declare private bulkTemplateId: string;
  private templatesFrom?: unknown;
  private announcedKey?: string;
  private listsFrom?: unknown;

  constructor() {
    super();
    this.lists = NO_LOOKUPS;
    this.selection = new Set();
    this.bulkMessage = '';
    this.bulkFailures = [];
    this.bulkBusy = false;
    this.bulkTemplates = [];
    this.bulkTemplateId = '';
  }

  private get filters(): InboxFilters {
    return filtersFromParams(this.route?.params ?? {});
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('context') && this.context && this.listsFrom !== this.context.client) {
      this.listsFrom = this.context.client;
      void this.context.lookups().then((lists) => (this.lists = lists));
    }
    if (changed.has('route')) {
      const previous = changed.get('route') as typeof this.route;
      const key = (r: typeof this.route) =>
        JSON.stringify(queryOf(filtersFromParams({ ...r?.params, cursor: '' })));
      // Another view: what was selected in the previous one no longer shows.
      if (previous && key(previous) !== key(this.route)) this.selection = new Set();
    }
    if (changed.has('selection') && this.selection.size > 0 && this.canBulk) void this.loadTemplates();
  }

  /** Once per client: the templates a bulk answer can start from (none offered if they cannot load). */
  private async loadTemplates(): Promise<void> {
    const context = this.context;
    if (!context || this.templatesFrom === context.client) return;
    this.templatesFrom = context.client;
    try {
      this.bulkTemplates = await withSession(context, () => context.client.templates.list({}));
    } catch {
      this.bulkTemplates = [];
    }
  }

  protected override updated(): void {
    const task = this.data.task;
    if (task.status !== TaskStatus.COMPLETE || !task.value) return;
    const key = JSON.stringify(queryOf(this.filters));
    if (key === this.announcedKey) return;
    this.announcedKey = key;
    this.context?.announce(this.localize.t('loaded', task.value.rows.length));
  }

  private show(filters: InboxFilters): void {
    this.context?.navigate({ section: 'inbox', params: paramsFromFilters(filters) });
  }

  private onFilter(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const value = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    this.show({
      ...this.filters,
      q: value('q'),
      status: value('status') ?? 'open',
      category: value('category'),
      service: value('service'),
      district: value('district'),
      assignee: value('assignee'),
      overdue: data.get('overdue') === 'true',
      quarantined: data.get('quarantined') === 'true',
      cursor: undefined,
    });
  }

  private clearFilters(): void {
    this.show(filtersFromParams({ sort: this.filters.sort }));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#q')?.focus());
  }

  private sortBy(column: SortColumn): void {
    this.show({ ...this.filters, sort: nextSort(this.filters.sort, column), cursor: undefined });
  }

  /** « Créer une priorité »: the priorities section's form, with the selected concerns. */
  private readonly createPriority = (): void => {
    this.context?.navigate({
      section: 'priorities',
      id: 'new',
      params: { refs: [...this.selection].join(',') },
    });
  };

  /** Whether the signed-in person may act on a selection (bulk triage). */
  private get canBulk(): boolean {
    return this.context !== undefined && this.context.can('concerns:triage') && !pseudonymised(this.context);
  }

  /**
   * The CSV export of the current view (every page; the filters and sort of the table), with the
   * contact details for the roles that may read them, in the console's language.
   */
  private get exportUrl(): string | undefined {
    const context = this.context;
    if (!context || pseudonymised(context)) return undefined;
    const { limit: _limit, cursor: _cursor, ...query } = queryOf(this.filters);
    return context.client.concerns.exportUrl({
      ...(query as Omit<AdminConcernExportQuery, 'contacts' | 'lang'>),
      lang: this.localize.lang,
    });
  }

  private select(reference: string, on: boolean): void {
    this.selection = toggle(this.selection, reference, on);
    this.bulkMessage = '';
  }

  private selectPage(rows: readonly InboxRow[], on: boolean): void {
    let next = new Set(this.selection);
    for (const row of rows) next = toggle(next, row.reference, on);
    this.selection = next;
    this.bulkMessage = '';
  }

  private async applyBulk(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const context = this.context;
    if (!this.canBulk || !context || this.bulkBusy) return;
    // Kept now: once the event is dispatched, its target (in a shadow root) is reset to null.
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const status = String(data.get('bulk-status') ?? '');
    const assignee = String(data.get('bulk-assignee') ?? '');
    const answer = String(data.get('bulk-answer') ?? '').trim();
    const templateId = this.bulkTemplateId;
    const me = context.identity?.id;
    const input: ConcernBulkInput = {
      references: [...this.selection],
      ...(status ? { status: status as ConcernBulkInput['status'] } : {}),
      ...(assignee === 'me' && me ? { assigneeId: me } : assignee === 'none' ? { assigneeId: null } : {}),
      // A template is filled in by the server for each concern, in French and English.
      ...(templateId ? { templateId } : answer ? { publicUpdate: { fr: answer } } : {}),
    };
    if (!('status' in input) && !('assigneeId' in input) && !('publicUpdate' in input) && !templateId) {
      this.bulkMessage = this.localize.t('bulkNothing');
      return;
    }
    this.bulkBusy = true;
    try {
      const result = await withSession(context, () => context.client.concerns.bulk(input));
      const failed = result.items.filter((o) => !o.ok);
      const ok = result.items.length - failed.length;
      this.bulkFailures = failed;
      this.selection = new Set(failed.map((f) => f.reference));
      this.bulkMessage = this.localize.t('bulkDone', ok, failed.length);
      if (failed.length === 0) {
        form.reset();
        this.bulkTemplateId = '';
      }
      await this.data.reload();
    } catch {
      this.bulkMessage = this.localize.t('bulkFailed');
    } finally {
      this.bulkBusy = false;
    }
    context.announce(this.bulkMessage);
  }

  // ---------------------------------------------------------------------------------------------
  // rendering

  private option(value: string, label: string, current: string | undefined): TemplateResult {
    return html`<option value=${value} ?selected=${(current ?? '') === value}>${label}</option>`;
  }

  private renderFilters(f: InboxFilters, observer: boolean): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const pick = (text: Parameters<typeof this.localize.pick>[0]) => this.localize.pick(text);
    const { categories, districts, services } = this.lists;
    return html`<form class="filters" role="search" aria-label=${t('filters')} @submit=${this.onFilter}>
      ${
        observer
          ? nothing
          : html`<div class="field field--wide">
              <label for="q">${t('search')}</label>
              <p class="hint" id="q-hint">${t('searchHint')}</p>
              <input
                id="q"
                name="q"
                type="search"
                .value=${f.q ?? ''}
                aria-describedby="q-hint"
                maxlength="200"
              />
            </div>`
      }
      <div class="field">
        <label for="status">${t('status')}</label>
        <select id="status" name="status">
          ${this.option('open', t('statusOpen'), f.status)} ${this.option('all', t('statusAll'), f.status)}
          ${ALL_STATUSES.map((s) => this.option(s, pick(STATUS_LABELS[s]), f.status))}
        </select>
      </div>
      ${
        categories.length
          ? html`<div class="field">
              <label for="category">${t('category')}</label>
              <select id="category" name="category">
                ${this.option('', t('any'), f.category)}
                ${categories.map((c) => this.option(c.code, pick(c.label), f.category))}
              </select>
            </div>`
          : nothing
      }
      ${
        services.length && !observer
          ? html`<div class="field">
              <label for="service">${t('service')}</label>
              <select id="service" name="service">
                ${this.option('', t('any'), f.service)}
                ${services.map((s) => this.option(s.id, pick(s.name), f.service))}
              </select>
            </div>`
          : nothing
      }
      ${
        districts.length
          ? html`<div class="field">
              <label for="district">${t('district')}</label>
              <select id="district" name="district">
                ${this.option('', t('any'), f.district)}
                ${districts.map((d) => this.option(d.id, d.name, f.district))}
              </select>
            </div>`
          : nothing
      }
      ${
        observer
          ? nothing
          : html`<div class="field">
                <label for="assignee">${t('assignee')}</label>
                <select id="assignee" name="assignee">
                  ${this.option('', t('any'), f.assignee)} ${this.option('me', t('mine'), f.assignee)}
                  ${this.option('none', t('unassigned'), f.assignee)}
                </select>
              </div>
              <div class="checks">
                <label class="check"
                  ><input type="checkbox" name="overdue" value="true" .checked=${f.overdue} />
                  ${t('overdueOnly')}</label
                >
                <label class="check"
                  ><input type="checkbox" name="quarantined" value="true" .checked=${f.quarantined} />
                  ${t('quarantine')}</label
                >
              </div>`
      }
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

  private renderSortHeader(column: SortColumn, label: string, f: InboxFilters): TemplateResult {
    const state = ariaSort(f.sort, column);
    return html`<th scope="col" aria-sort=${state}>
      <button type="button" class="sort" @click=${() => this.sortBy(column)}>
        ${label} ${sortIcon(state)}
      </button>
    </th>`;
  }

  private renderDue(row: InboxRow, now: Date): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const locale = this.localize.locale;
    if (!row.dueAt) return html`<span class="muted">${t('noDue')}</span>`;
    const date = html`<time datetime=${isoDay(row.dueAt)}>${formatDate(row.dueAt, locale)}</time>`;
    if (!row.overdue) return date;
    const late = Math.max(1, calendarDaysBetween(row.dueAt, now));
    return html`${date}<br /><span class="overdue">${warningIcon} ${t('overdue')}</span>
      <span class="muted">(${t('overdueBy', formatDays(late, locale))})</span>`;
  }

  private renderRow(row: InboxRow, now: Date, bulk: boolean, pseudo = false): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const pick = (text: Parameters<typeof this.localize.pick>[0]) => this.localize.pick(text);
    const selected = this.selection.has(row.reference);
    const district =
      row.district ?? this.lists.districts.find((d) => d.id === row.districtId)?.name ?? row.districtId;
    const category =
      row.category ?? this.lists.categories.find((c) => c.code === row.categoryCode)?.label ?? undefined;
    return html`<tr class=${selected ? 'is-selected' : ''}>
      ${
        bulk
          ? html`<td class="select">
              <label
                ><input
                  type="checkbox"
                  .checked=${selected}
                  aria-label=${t('selectOne', row.reference)}
                  @change=${(e: Event) => this.select(row.reference, (e.target as HTMLInputElement).checked)}
              /></label>
            </td>`
          : nothing
      }
      <th scope="row" class="ref">
        <a href=${formatRoute({ section: 'concern', id: row.reference, params: {} })}>${row.reference}</a>
      </th>
      <td>
        ${category ? pick(category) : row.categoryCode}
        ${row.excerpt ? html`<span class="excerpt">${row.excerpt}</span>` : nothing}
      </td>
      <td>${district ?? html`<span class="muted">—</span>`}</td>
      <td>${row.service ? pick(row.service.name) : html`<span class="muted">—</span>`}</td>
      <td>
        ${pick(statusLabel(row.status))}
        ${row.quarantined ? html`<br /><span class="badge">${t('quarantined')}</span>` : nothing}
        ${row.duplicateOf ? html`<br /><span class="muted">${t('duplicateOf', row.duplicateOf)}</span>` : nothing}
      </td>
      <td>
        <time datetime=${row.receivedAt}>${formatAge(row.ageDays, this.localize.locale)}</time>
      </td>
      ${
        pseudo
          ? // The observers' view carries neither due dates nor assignees: not « none », unknown.
            html`<td><span class="muted">—</span></td>
              <td><span class="muted">—</span></td>`
          : html`<td>${this.renderDue(row, now)}</td>
              <td>
                ${row.assignee ? row.assignee.displayName : html`<span class="muted">${t('nobody')}</span>`}
              </td>`
      }
    </tr>`;
  }

  private renderBulk(): TemplateResult | typeof nothing {
    if (!this.canBulk || (this.selection.size === 0 && !this.bulkMessage)) return nothing;
    const t = this.localize.t.bind(this.localize);
    const pick = (text: Parameters<typeof this.localize.pick>[0]) => this.localize.pick(text);
    return html`<form class="bulk" aria-labelledby="bulk-title" @submit=${this.applyBulk}>
      <p id="bulk-title" class="label">${t('bulk')} — ${t('selected', this.selection.size)}</p>
      ${
        this.selection.size > 0
          ? html`<div class="field">
                <label for="bulk-status">${t('bulkStatus')}</label>
                <select id="bulk-status" name="bulk-status">
                  <option value="">${t('bulkUnchanged')}</option>
                  ${ALL_STATUSES.filter((s) => s !== 'duplicate' && s !== 'reopen-requested').map(
                    (s) => html`<option value=${s}>${pick(STATUS_LABELS[s])}</option>`,
                  )}
                </select>
              </div>
              <div class="field">
                <label for="bulk-assignee">${t('bulkAssign')}</label>
                <select id="bulk-assignee" name="bulk-assignee">
                  <option value="">${t('bulkUnchanged')}</option>
                  <option value="me">${t('bulkMe')}</option>
                  <option value="none">${t('bulkNobody')}</option>
                </select>
              </div>
              ${this.renderBulkTemplate()}
              <div class="field field--answer">
                <label for="bulk-answer">${t('bulkAnswer')}</label>
                <textarea
                  id="bulk-answer"
                  name="bulk-answer"
                  maxlength="2000"
                  ?disabled=${this.bulkTemplateId !== ''}
                ></textarea>
              </div>
              <div class="actions">
                <button class="button" type="submit" ?disabled=${this.bulkBusy}>${t('bulkApply')}</button>
                <button
                  class="button button--secondary"
                  type="button"
                  @click=${() => (this.selection = new Set())}
                >
                  ${t('bulkClear')}
                </button>
                ${
                  this.context?.can('content:write')
                    ? html`<button
                        class="button button--secondary"
                        type="button"
                        @click=${this.createPriority}
                      >
                        ${t('bulkPriority')}
                      </button>`
                    : nothing
                }
              </div>`
          : nothing
      }
      ${this.bulkMessage ? html`<p class="notice" role="status">${this.bulkMessage}</p>` : nothing}
      ${
        this.bulkFailures.length
          ? html`<ul class="failures">
              ${this.bulkFailures.map(
                (f) => html`<li>${f.reference} : ${f.problem?.detail ?? f.problem?.title ?? ''}</li>`,
              )}
            </ul>`
          : nothing
      }
    </form>`;
  }

  private renderBulkTemplate(): TemplateResult | typeof nothing {
    if (this.bulkTemplates.length === 0) return nothing;
    const t = this.localize.t.bind(this.localize);
    const pick = (text: Parameters<typeof this.localize.pick>[0]) => this.localize.pick(text);
    const category = (code: string | null) =>
      code === null
        ? t('bulkTemplateShared')
        : pick(this.lists.categories.find((c) => c.code === code)?.label ?? { fr: code });
    const chosen = this.bulkTemplates.find((x) => x.id === this.bulkTemplateId);
    return html`<div class="field field--answer">
      <label for="bulk-template">${t('bulkTemplate')}</label>
      <select
        id="bulk-template"
        aria-describedby=${chosen ? 'bulk-template-text' : nothing}
        @change=${(e: Event) => (this.bulkTemplateId = (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${!chosen}>${t('bulkTemplateNone')}</option>
        ${this.bulkTemplates.map(
          (x) =>
            html`<option value=${x.id} ?selected=${x.id === this.bulkTemplateId}>
              ${pick(statusLabel(x.status))} — ${category(x.categoryCode)}
            </option>`,
        )}
      </select>
      ${
        chosen
          ? html`<p id="bulk-template-text" class="hint">
              ${t('bulkTemplateFilled')} « ${pick(chosen.text)} »
            </p>`
          : nothing
      }
    </div>`;
  }

  private renderTable(page: InboxPage, f: InboxFilters, busy = false): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const now = this.context?.now() ?? new Date();
    const bulk = this.canBulk && !page.pseudonymised;
    const pageSelected = page.rows.length > 0 && page.rows.every((r) => this.selection.has(r.reference));
    const sortColumn = f.sort.replace('-', '') === 'due' ? t('due') : t('age');
    const direction = ariaSort(f.sort, f.sort.replace('-', '') as SortColumn);
    const total =
      page.total === undefined ? '' : new Intl.NumberFormat(this.localize.locale).format(page.total);
    return html`<div class="summary">
        <p>${t('count', page.rows.length, total)}</p>
        ${this.exportUrl ? html`<a href=${this.exportUrl} download>${t('export')}</a>` : nothing}
      </div>
      <div
        class="table-wrap"
        role="region"
        aria-labelledby="caption"
        tabindex="0"
        aria-busy=${busy ? 'true' : 'false'}
      >
        <table>
          <caption id="caption">
            ${t('caption')}${t('captionSorted', sortColumn, t(direction === 'ascending' ? 'ascending' : 'descending'))}
          </caption>
          <thead>
            <tr>
              ${
                bulk
                  ? html`<th scope="col" class="select">
                      <label
                        ><input
                          type="checkbox"
                          .checked=${pageSelected}
                          aria-label=${t('selectAll')}
                          @change=${(e: Event) => this.selectPage(page.rows, (e.target as HTMLInputElement).checked)}
                      /></label>
                    </th>`
                  : nothing
              }
              <th scope="col">${t('reference')}</th>
              <th scope="col">${t('category')}</th>
              <th scope="col">${t('district')}</th>
              <th scope="col">${t('service')}</th>
              <th scope="col">${t('status')}</th>
              ${this.renderSortHeader('received', t('age'), f)} ${this.renderSortHeader('due', t('due'), f)}
              <th scope="col">${t('assignee')}</th>
            </tr>
          </thead>
          <tbody>
            ${page.rows.map((row) => this.renderRow(row, now, bulk, page.pseudonymised))}
          </tbody>
        </table>
      </div>
      ${this.renderPaging(page, f)}`;
  }

  private renderPaging(page: InboxPage, f: InboxFilters): TemplateResult | typeof nothing {
    if (!page.nextCursor && !f.cursor) return nothing;
    const t = this.localize.t.bind(this.localize);
    const href = (cursor: string | undefined) =>
      formatRoute({ section: 'inbox', params: paramsFromFilters({ ...f, cursor }) });
    return html`<nav class="paging" aria-label=${t('paging')}>
      <ul>
        ${f.cursor ? html`<li><a href=${href(undefined)}>${t('first')}</a></li>` : nothing}
        ${page.nextCursor ? html`<li><a href=${href(page.nextCursor)}>${t('next')}</a></li>` : nothing}
      </ul>
    </nav>`;
  }

  private renderResults(f: InboxFilters): unknown {
    const t = this.localize.t.bind(this.localize);
    const task = this.data.task;
    const loading = html`<div class="state" role="status" aria-busy="true">
      ${clockIcon} ${t('loading')}
    </div>`;
    return task.render({
      initial: () => loading,
      pending: () => (task.value ? this.renderTable(task.value, f, true) : loading),
      complete: (page) =>
        page.rows.length === 0
          ? html`<div class="state">
              <p>${isFiltered(f) ? t('emptyFiltered') : t('empty')}</p>
              ${
                isFiltered(f)
                  ? html`<button class="button button--secondary" type="button" @click=${this.clearFilters}>
                      ${t('clear')}
                    </button>`
                  : nothing
              }
            </div>`
          : this.renderTable(page, f),
      error: (error) => {
        const detail = describeError(error, this.kit.t.bind(this.kit));
        return html`<div class="state state--error" role="alert">
          <p class="state__title">${t('errorTitle')}</p>
          ${detail ? html`<p>${detail}</p>` : nothing}
          <button type="button" class="button" @click=${() => void this.data.reload()}>${t('retry')}</button>
        </div>`;
      },
    });
  }

  override render(): TemplateResult {
    const f = this.filters;
    const observer = this.context ? pseudonymised(this.context) : false;
    return html`<div class="base">
      <h1 tabindex="-1">${this.localize.t('title')}</h1>
      ${observer ? html`<p class="notice">${this.localize.t('pseudonymised')}</p>` : nothing}
      ${this.renderFilters(f, observer)} ${this.renderBulk()} ${this.renderResults(f)}
    </div>`;
  }
}
