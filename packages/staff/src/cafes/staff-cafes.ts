import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import type { AdminMeetingReport, Cafe, CafeImportResult } from '@proximite/contract';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { formatRoute, type Route } from '../console/router.js';
import { formatDate, formatDateTime } from '../shared/format.js';
import { formStyles } from '../shared/forms.styles.js';
import { NO_LOOKUPS, type Lookups } from '../shared/lookups.js';
import { StaffSection } from '../shared/section.js';
import { withSession } from '../shared/session.js';
import { settingsStyles } from '../settings-kit/settings.styles.js';
import { emptyState, errorState, loadingState } from '../settings-kit/states.js';
import {
  CITY_TIME_ZONE,
  EMPTY_DRAFT,
  KINDS,
  MODES,
  draftErrors,
  draftOf,
  inputOf,
  isPast,
  localParts,
  monthlyPosition,
  previewOf,
  priorityRouteOf,
  reportDraftOf,
  reportInputOf,
  weekdayIndex,
  zonedIso,
  type CafeDraft,
  type DraftError,
  type Repeat,
} from './cafes-model.js';
import { CafesController } from './cafes.controller.js';
import { messages } from './staff-cafes.messages.js';
import { styles } from './staff-cafes.styles.js';

/** The views of the section (`#/cafes?view=…&id=…`): ids of occurrences hold `~`, so they are parameters. */
type View = 'list' | 'new' | 'edit' | 'cancel' | 'duplicate' | 'report' | 'import';
const VIEWS: readonly View[] = ['list', 'new', 'edit', 'cancel', 'duplicate', 'report', 'import'];

/**
 * Cafés and meetings: the list (upcoming or past), a form to create or edit one (kind, titles,
 * date and times, repeat — none, every week, every month on the same weekday — with exceptions,
 * place, district, mode and link, accessibility, languages, organiser) beside a preview of the
 * public card; cancel one date or a whole series with a public reason; duplicate; import an .ics;
 * and, after the meeting, its public report.
 *
 * @summary The staff console's cafés and meetings.
 */
export class StaffCafes extends StaffSection {
  static override styles = [...StaffSection.styles, formStyles, settingsStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    lists: { state: true },
    draft: { state: true },
    errors: { state: true },
    busy: { state: true },
    outcome: { state: true },
    importResult: { state: true },
    confirmingWithdraw: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly data = new CafesController(this, () => ({
    context: this.context,
    when: this.view === 'list' ? this.when : undefined,
    id:
      this.view === 'list' || this.view === 'new' || this.view === 'import'
        ? undefined
        : this.route?.params.id,
    series: this.view === 'edit',
    report: this.view === 'report',
  }));

  declare private lists: Lookups;
  declare private draft: CafeDraft;
  /** The fields the last attempt found wrong (shown in a summary and beside each field). */
  declare private errors: DraftError[];
  declare private busy: boolean;
  /** What the last action did, for the view it is shown in (another view does not show it). */
  declare private outcome: { ok: boolean; text: string; view?: string } | undefined;
  declare private importResult: CafeImportResult | undefined;
  /** The report view asks « withdraw the report? » before it does. */
  declare private confirmingWithdraw: boolean;
  private listsFrom?: unknown;
  private announcedFor?: unknown;
  /** The view and café the draft was filled for. */
  private draftFor?: string;

  constructor() {
    super();
    this.lists = NO_LOOKUPS;
    this.draft = EMPTY_DRAFT;
    this.errors = [];
    this.busy = false;
    this.outcome = undefined;
    this.importResult = undefined;
    this.confirmingWithdraw = false;
  }

  private get view(): View {
    const v = this.route?.params.view as View | undefined;
    return v !== undefined && VIEWS.includes(v) ? v : 'list';
  }

  private get when(): 'upcoming' | 'past' {
    return this.route?.params.when === 'past' ? 'past' : 'upcoming';
  }

  private get t() {
    return this.localize.t.bind(this.localize);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('context') && this.context && this.listsFrom !== this.context.client) {
      this.listsFrom = this.context.client;
      void this.context.lookups().then((lists) => (this.lists = lists));
    }
    // A new form starts empty; an edit starts from the café (its series) once loaded.
    const key = `${this.view}:${this.route?.params.id ?? ''}`;
    if (this.view === 'new' && this.draftFor !== key) {
      this.draftFor = key;
      this.draft = EMPTY_DRAFT;
      this.errors = [];
    } else if (this.view === 'edit' && this.draftFor !== key) {
      const one = this.data.one;
      if (one.status === TaskStatus.COMPLETE && one.value && this.route?.params.id !== undefined) {
        this.draftFor = key;
        this.draft = draftOf(one.value);
        this.errors = [];
      }
    } else if (this.view !== 'new' && this.view !== 'edit') {
      this.draftFor = undefined;
    }
  }

  protected override updated(): void {
    const task = this.data.list;
    if (this.view !== 'list' || task.status !== TaskStatus.COMPLETE || !task.value) return;
    if (this.announcedFor === task.value) return;
    this.announcedFor = task.value;
    this.context?.announce(this.t('loaded', task.value.length));
  }

  private route_(params: Record<string, string>): Route {
    return { section: 'cafes', params };
  }

  private href(params: Record<string, string>): string {
    return formatRoute(this.route_(params));
  }

  /** A view's key: its parameters. */
  private keyOf(params: Record<string, string> | undefined): string {
    return new URLSearchParams(params ?? {}).toString();
  }

  private show(params: Record<string, string>, outcome?: { ok: boolean; text: string }): void {
    this.outcome = outcome && { ...outcome, view: this.keyOf(params) };
    this.importResult = undefined;
    this.confirmingWithdraw = false;
    this.context?.navigate(this.route_(params));
    if (outcome) this.context?.announce(outcome.text);
  }

  /** What a café is called in sentences: its title and its date. */
  private describe(c: Cafe): string {
    return `${this.localize.pick(c.title)}, ${formatDate(c.start, this.localize.locale, CITY_TIME_ZONE)}`;
  }

  private why(error: unknown): string {
    return describeError(error, this.kit.t.bind(this.kit)) ?? '';
  }

  // ---------------------------------------------------------------------------------------------
  // actions

  private onDraftInput(event: Event): void {
    const form = (event.currentTarget as HTMLFormElement | null) ?? undefined;
    if (!form) return;
    const data = new FormData(form);
    const next = { ...this.draft };
    for (const key of Object.keys(EMPTY_DRAFT) as (keyof CafeDraft)[]) {
      const v = data.get(key);
      if (typeof v === 'string') (next as Record<string, string>)[key] = v;
    }
    this.draft = next;
    if (this.errors.length > 0) this.errors = draftErrors(next).filter((e) => this.errors.includes(e));
  }

  private async onSave(event: SubmitEvent, editing: Cafe | undefined): Promise<void> {
    event.preventDefault();
    this.onDraftInput(event);
    const context = this.context;
    if (!context || this.busy) return;
    const errors = draftErrors(this.draft);
    this.errors = errors;
    if (errors.length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.errors')?.focus();
      return;
    }
    this.busy = true;
    const input = inputOf(this.draft);
    try {
      const saved = await withSession(context, () =>
        editing ? context.client.cafes.update(editing.id, input) : context.client.cafes.create(input),
      );
      this.show({}, { ok: true, text: this.t('saved', this.describe(saved)) });
    } catch (error) {
      this.outcome = {
        view: this.keyOf(this.route?.params),
        ok: false,
        text: this.t('saveFailed', this.why(error)),
      };
      context.announce(this.outcome.text);
    } finally {
      this.busy = false;
    }
  }

  private async onCancel(event: SubmitEvent, cafe: Cafe): Promise<void> {
    event.preventDefault();
    const context = this.context;
    if (!context || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const target = value('scope') === 'series' && cafe.series ? cafe.series.id : cafe.id;
    const fr = value('reasonFr');
    const en = value('reasonEn');
    this.busy = true;
    try {
      const cancelled = await withSession(context, () =>
        context.client.cafes.cancel(target, fr ? { reason: en ? { fr, en } : { fr } } : {}),
      );
      this.show({}, { ok: true, text: this.t('cancelledOne', this.describe(cancelled)) });
    } catch (error) {
      this.outcome = {
        view: this.keyOf(this.route?.params),
        ok: false,
        text: this.t('cancelFailed', this.why(error)),
      };
      context.announce(this.outcome.text);
    } finally {
      this.busy = false;
    }
  }

  private async onDuplicate(event: SubmitEvent, cafe: Cafe): Promise<void> {
    event.preventDefault();
    const context = this.context;
    if (!context || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const date = String(data.get('date') ?? '');
    const time = String(data.get('time') ?? '');
    if (!monthlyPosition(date) || !/^\d{2}:\d{2}$/.test(time)) {
      this.outcome = {
        view: this.keyOf(this.route?.params),
        ok: false,
        text: this.t('duplicateFailed', this.t('fieldError', 'date')),
      };
      return;
    }
    this.busy = true;
    try {
      const copy = await withSession(context, () =>
        context.client.cafes.duplicate(cafe.series?.id ?? cafe.id, { start: zonedIso(date, time) }),
      );
      this.show({}, { ok: true, text: this.t('duplicated', this.describe(copy)) });
    } catch (error) {
      this.outcome = {
        view: this.keyOf(this.route?.params),
        ok: false,
        text: this.t('duplicateFailed', this.why(error)),
      };
      context.announce(this.outcome.text);
    } finally {
      this.busy = false;
    }
  }

  private async onImport(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const context = this.context;
    if (!context || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) {
      this.outcome = { view: this.keyOf(this.route?.params), ok: false, text: this.t('noFile') };
      context.announce(this.outcome.text);
      return;
    }
    const district = String(data.get('district') ?? '');
    const organizer = String(data.get('organizer') ?? '').trim();
    this.busy = true;
    try {
      const calendar = await file.text();
      const r = await withSession(context, () =>
        context.client.cafes.importIcs({
          calendar,
          ...(district !== '' && { districtId: district }),
          ...(organizer !== '' && { organizer }),
        }),
      );
      this.importResult = r;
      this.outcome = {
        view: this.keyOf(this.route?.params),
        ok: r.skipped.length === 0,
        text: this.t('imported', r.created.length, r.updated.length, r.unchanged.length, r.skipped.length),
      };
    } catch (error) {
      this.importResult = undefined;
      this.outcome = {
        view: this.keyOf(this.route?.params),
        ok: false,
        text: this.t('importFailed', this.why(error)),
      };
    } finally {
      this.busy = false;
    }
    context.announce(this.outcome.text);
  }

  private async onReport(event: SubmitEvent, cafe: Cafe, stored: AdminMeetingReport | null): Promise<void> {
    event.preventDefault();
    const context = this.context;
    if (!context || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '');
    const read = reportInputOf(
      {
        attendance: value('attendance'),
        topics: value('topics'),
        answers: value('answers'),
        followUps: value('followUps'),
        topicsEn: value('topicsEn'),
        answersEn: value('answersEn'),
        followUpsEn: value('followUpsEn'),
      },
      stored?.report,
    );
    if ('badReferences' in read) {
      this.outcome = {
        view: this.keyOf(this.route?.params),
        ok: false,
        text: this.t('badReferences', read.badReferences.join(', ')),
      };
      context.announce(this.outcome.text);
      return;
    }
    this.busy = true;
    try {
      await withSession(context, () => context.client.cafes.putReport(cafe.id, read.input));
      this.show({ when: 'past' }, { ok: true, text: this.t('published', this.describe(cafe)) });
    } catch (error) {
      this.outcome = {
        view: this.keyOf(this.route?.params),
        ok: false,
        text: this.t('publishFailed', this.why(error)),
      };
      context.announce(this.outcome.text);
    } finally {
      this.busy = false;
    }
  }

  private async onWithdraw(cafe: Cafe): Promise<void> {
    const context = this.context;
    if (!context || this.busy) return;
    this.busy = true;
    try {
      await withSession(context, () => context.client.cafes.deleteReport(cafe.id));
      this.show({ when: 'past' }, { ok: true, text: this.t('withdrawn', this.describe(cafe)) });
    } catch (error) {
      this.confirmingWithdraw = false;
      this.outcome = {
        view: this.keyOf(this.route?.params),
        ok: false,
        text: this.t('withdrawFailed', this.why(error)),
      };
      context.announce(this.outcome.text);
    } finally {
      this.busy = false;
    }
  }

  private async askWithdraw(ask: boolean): Promise<void> {
    this.confirmingWithdraw = ask;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(ask ? '.confirm button' : '.withdraw')?.focus();
  }

  // ---------------------------------------------------------------------------------------------
  // rendering

  private renderOutcome(): TemplateResult | typeof nothing {
    const here = this.keyOf(this.route?.params);
    return this.outcome && (this.outcome.view === undefined || this.outcome.view === here)
      ? html`<p class="notice ${this.outcome.ok ? 'notice--success' : 'notice--error'}" role="status">
          ${this.outcome.text}
        </p>`
      : nothing;
  }

  private renderBack(): TemplateResult {
    return html`<p><a href=${this.href({})}>${this.t('back')}</a></p>`;
  }

  private renderViews(): TemplateResult {
    const t = this.t;
    const current = (when: string) => (this.when === when ? 'page' : 'false');
    return html`<nav aria-label=${t('views')}>
      <ul class="views">
        <li><a href=${this.href({})} aria-current=${current('upcoming')}>${t('upcoming')}</a></li>
        <li><a href=${this.href({ when: 'past' })} aria-current=${current('past')}>${t('past')}</a></li>
        <li class="push"><a class="button" href=${this.href({ view: 'new' })}>${t('create')}</a></li>
        <li>
          <a class="button button--secondary" href=${this.href({ view: 'import' })}>${t('importIcs')}</a>
        </li>
      </ul>
    </nav>`;
  }

  private renderRow(c: Cafe, now: Date): TemplateResult {
    const t = this.t;
    const l = this.localize.locale;
    const title = this.localize.pick(c.title);
    const what = this.describe(c);
    const cancelled = c.status === 'cancelled';
    const district = this.lists.districts.find((d) => d.id === c.districtId)?.name;
    const past = isPast(c, now);
    return html`<tr class=${cancelled ? 'is-cancelled' : ''}>
      <td>
        <time datetime=${c.start}>${formatDateTime(c.start, l, CITY_TIME_ZONE)}</time>
        – ${localParts(c.end).time}
      </td>
      <th scope="row">
        <span class="line">${title}</span>
        <span class="line muted"
          >${t('kindLabel', c.kind ?? 'cafe')}${c.series ? ` · ${t('repeats')}` : ''}</span
        >
      </th>
      <td>
        <span class="line">${c.place.name}</span>
        ${district ? html`<span class="line muted">${district}</span>` : nothing}
        <span class="line muted">${t('modeLabel', c.mode)}</span>
      </td>
      <td>
        <span class="badge ${cancelled ? 'badge--danger' : ''}"
          >${cancelled ? t('cancelled') : past ? t('over') : t('scheduled')}</span
        >
        ${cancelled && c.cancelReason ? html`<span class="line muted">${this.localize.pick(c.cancelReason)}</span>` : nothing}
      </td>
      <td class="cell-actions">
        <a href=${this.href({ view: 'edit', id: c.id })} aria-label=${t('editOf', what)}>${t('edit')}</a>
        ${
          !cancelled && !past
            ? html`<a href=${this.href({ view: 'cancel', id: c.id })} aria-label=${t('cancelOf', what)}
                >${t('cancel')}</a
              >`
            : nothing
        }
        <a href=${this.href({ view: 'duplicate', id: c.id })} aria-label=${t('duplicateOf', what)}
          >${t('duplicate')}</a
        >
        ${
          past && !cancelled
            ? html`<a href=${this.href({ view: 'report', id: c.id })} aria-label=${t('reportOf', what)}
                >${t('report')}</a
              >`
            : nothing
        }
      </td>
    </tr>`;
  }

  private renderList(): unknown {
    const t = this.t;
    const when = this.when;
    const now = this.context?.now() ?? new Date();
    const table = (items: Cafe[], busy = false) =>
      html`<div
        class="table-wrap"
        role="region"
        aria-labelledby="caption"
        tabindex="0"
        aria-busy=${busy ? 'true' : 'false'}
      >
        <table>
          <caption id="caption">
            ${t('caption', when)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('when')}</th>
              <th scope="col">${t('meeting')}</th>
              <th scope="col">${t('place')}</th>
              <th scope="col">${t('state')}</th>
              <th scope="col">${t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${items.map((c) => this.renderRow(c, now))}
          </tbody>
        </table>
      </div>`;
    const task = this.data.list;
    return html`${this.renderViews()}${this.renderOutcome()}
    ${task.render({
      initial: () => loadingState(t('loading')),
      pending: () => (task.value ? table(task.value, true) : loadingState(t('loading'))),
      complete: (items) => (items.length === 0 ? emptyState(t('empty', when)) : table(items)),
      error: (error) =>
        errorState(t('errorTitle'), error, this.kit.t.bind(this.kit), t('reload'), () => void task.run()),
    })}`;
  }

  /** The public card as the calendar shows it: date and time, title, kind, place, mode, access, languages. */
  private renderPreview(): TemplateResult {
    const t = this.t;
    const d = this.draft;
    const cafe = previewOf(d);
    const l = this.localize.locale;
    const dated = monthlyPosition(d.date) !== undefined && !Number.isNaN(Date.parse(cafe.start));
    const when = dated
      ? `${new Intl.DateTimeFormat(l, { dateStyle: 'full', timeZone: CITY_TIME_ZONE }).format(new Date(cafe.start))}, ${d.startTime}–${d.endTime}`
      : '—';
    const district = this.lists.districts.find((x) => x.id === d.districtId)?.name;
    return html`<section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">${t('preview')}</h2>
      <p class="hint">${t('previewHint')}</p>
      <article class="cafe-card" lang=${l.startsWith('en') && d.titleEn ? 'en' : 'fr'}>
        <p class="when">${when}</p>
        <h3>${this.localize.pick(cafe.title) || t('previewUntitled')}</h3>
        <p class="muted">
          ${t('kindLabel', d.kind)}${d.repeat !== 'none' ? ` · ${this.repeatLabel(d.repeat)}` : ''}
        </p>
        <p>
          ${
            [d.placeAddress.includes(d.placeName) ? '' : d.placeName, d.placeAddress, district]
              .filter(Boolean)
              .join(', ') || '—'
          }
        </p>
        <p>${t('modeLabel', d.mode)}</p>
        ${cafe.accessibility ? html`<p>${t('previewAccessibility', this.localize.pick(cafe.accessibility))}</p>` : nothing}
        <p>${t('previewLanguages', (cafe.languages ?? []).map((x) => this.languageName(x)).join(', '))}</p>
        ${d.organizerName ? html`<p class="muted">${t('previewOrganizer', d.organizerName)}</p>` : nothing}
      </article>
    </section>`;
  }

  private languageName(code: string): string {
    try {
      return new Intl.DisplayNames(this.localize.locale, { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  }

  private weekdayName(date: string): string {
    const p = monthlyPosition(date);
    if (!p) return '';
    const index = weekdayIndex(p.weekday);
    // 2023-01-01 was a Sunday.
    return new Intl.DateTimeFormat(this.localize.locale, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2023, 0, 1 + index)),
    );
  }

  private repeatLabel(repeat: Repeat): string {
    const day = this.weekdayName(this.draft.date);
    if (repeat === 'weekly') return this.t('repeatWeekly', day);
    if (repeat === 'monthly')
      return this.t('repeatMonthly', String(monthlyPosition(this.draft.date)?.rank ?? ''), day);
    return this.t('repeatNone');
  }

  private field(
    name: DraftError | keyof CafeDraft,
    label: string,
    control: (invalid: boolean, describedBy: string | undefined) => TemplateResult,
    hint?: string,
  ): TemplateResult {
    const invalid = (this.errors as string[]).includes(name);
    const ids = [hint ? `${name}-hint` : '', invalid ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${name}>${label}</label>
      ${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : nothing}
      ${invalid ? html`<p class="error" id="${name}-error">${this.t('fieldError', name)}</p>` : nothing}
      ${control(invalid, ids || undefined)}
    </div>`;
  }

  private text(
    name: keyof CafeDraft,
    label: string,
    options: { hint?: string; type?: string; required?: boolean } = {},
  ) {
    return this.field(
      name,
      label,
      (invalid, describedBy) =>
        html`<input
          id=${name}
          name=${name}
          type=${options.type ?? 'text'}
          .value=${this.draft[name]}
          ?required=${options.required ?? false}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${describedBy ?? nothing}
        />`,
      options.hint,
    );
  }

  private renderErrors(): TemplateResult | typeof nothing {
    if (this.errors.length === 0) return nothing;
    return html`<div class="notice notice--error errors" role="alert" tabindex="-1">
      <p>${this.t('errorsTitle')}</p>
      <ul>
        ${this.errors.map((e) => html`<li><a href="#${e}" @click=${(ev: Event) => this.focusField(ev, e)}>${this.t('fieldError', e)}</a></li>`)}
      </ul>
    </div>`;
  }

  private focusField(event: Event, name: string): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${name}`)?.focus();
  }

  private renderForm(editing: Cafe | undefined): TemplateResult {
    const t = this.t;
    const d = this.draft;
    const option = (value: string, label: string, current: string) =>
      html`<option value=${value} ?selected=${current === value}>${label}</option>`;
    const radio = (value: Repeat) =>
      html`<label
        ><input type="radio" name="repeat" value=${value} .checked=${d.repeat === value} />
        ${this.repeatLabel(value)}</label
      >`;
    return html`${this.renderBack()}
      ${editing?.series ? html`<p class="notice">${t('seriesNote')}</p>` : nothing} ${this.renderErrors()}
      ${this.renderOutcome()}
      <div class="editor">
        <form
          novalidate
          @input=${this.onDraftInput}
          @change=${this.onDraftInput}
          @submit=${(e: SubmitEvent) => void this.onSave(e, editing)}
        >
          <div class="grid2">
            <div class="field">
              <label for="kind">${t('kind')}</label>
              <select id="kind" name="kind">
                ${KINDS.map((k) => option(k, t('kindLabel', k), d.kind))}
              </select>
            </div>
          </div>
          <div class="grid2">
            ${this.text('titleFr', t('titleFr'), { required: true })} ${this.text('titleEn', t('titleEn'))}
          </div>
          <div class="grid2">
            ${this.text('date', t('date'), { type: 'date', required: true })}
            ${this.text('startTime', t('startTime'), { type: 'time', required: true })}
            ${this.text('endTime', t('endTime'), { type: 'time', required: true })}
          </div>
          <fieldset class="radios">
            <legend>${t('repeat')}</legend>
            ${radio('none')} ${radio('weekly')} ${radio('monthly')}
          </fieldset>
          ${d.repeat !== 'none' ? this.text('exceptions', t('exceptions'), { hint: t('exceptionsHint') }) : nothing}
          <div class="grid2">
            ${this.text('placeName', t('placeName'), { required: true })}
            ${this.text('placeAddress', t('placeAddress'), { required: true })}
            <div class="field">
              <label for="districtId">${t('district')}</label>
              <select id="districtId" name="districtId">
                ${option('', t('noDistrict'), d.districtId)}
                ${this.lists.districts.map((x) => option(x.id, x.name, d.districtId))}
              </select>
            </div>
            <div class="field">
              <label for="mode">${t('mode')}</label>
              <select id="mode" name="mode">
                ${MODES.map((m) => option(m, t('modeLabel', m), d.mode))}
              </select>
            </div>
          </div>
          ${d.mode !== 'in-person' ? this.text('onlineUrl', t('onlineUrl'), { type: 'url', required: true }) : nothing}
          <div class="grid2">
            ${this.text('accessibilityFr', t('accessibilityFr'), { hint: t('accessibilityHint') })}
            ${this.text('accessibilityEn', t('accessibilityEn'))}
            ${this.text('languages', t('languages'), { hint: t('languagesHint') })}
          </div>
          <div class="grid2">
            ${this.text('organizerName', t('organizerName'), { required: true })}
            ${this.text('organizerRole', t('organizerRole'))}
          </div>
          <div class="actions">
            <button class="button" type="submit" ?disabled=${this.busy}>
              ${this.busy ? t('saving') : t('save')}
            </button>
          </div>
        </form>
        ${this.renderPreview()}
      </div>`;
  }

  private renderCancel(cafe: Cafe): TemplateResult {
    const t = this.t;
    const occurrence = cafe.series?.occurrence !== undefined;
    return html`${this.renderBack()} ${this.renderOutcome()}
      <form @submit=${(e: SubmitEvent) => void this.onCancel(e, cafe)}>
        ${
          occurrence
            ? html`<fieldset class="radios">
                <legend>${t('scope')}</legend>
                <label
                  ><input type="radio" name="scope" value="occurrence" checked />
                  ${t('scopeOne', formatDate(cafe.start, this.localize.locale, CITY_TIME_ZONE))}</label
                >
                <label><input type="radio" name="scope" value="series" /> ${t('scopeAll')}</label>
              </fieldset>`
            : nothing
        }
        <div class="field">
          <label for="reasonFr">${t('reasonFr')}</label>
          <p class="hint" id="reason-hint">${t('reasonHint')}</p>
          <textarea id="reasonFr" name="reasonFr" maxlength="500" aria-describedby="reason-hint"></textarea>
        </div>
        <div class="field">
          <label for="reasonEn">${t('reasonEn')}</label>
          <textarea id="reasonEn" name="reasonEn" maxlength="500"></textarea>
        </div>
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>${t('confirmCancel')}</button>
        </div>
      </form>`;
  }

  private renderDuplicate(cafe: Cafe): TemplateResult {
    const t = this.t;
    return html`${this.renderBack()}
      <p class="intro">${t('duplicateHint')}</p>
      ${this.renderOutcome()}
      <form @submit=${(e: SubmitEvent) => void this.onDuplicate(e, cafe)}>
        <div class="grid2">
          <div class="field">
            <label for="date">${t('newDate')}</label>
            <input id="date" name="date" type="date" required />
          </div>
          <div class="field">
            <label for="time">${t('newTime')}</label>
            <input id="time" name="time" type="time" required .value=${localParts(cafe.start).time} />
          </div>
        </div>
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>${t('confirmDuplicate')}</button>
        </div>
      </form>`;
  }

  private renderImport(): TemplateResult {
    const t = this.t;
    const r = this.importResult;
    return html`${this.renderBack()}
      <p class="intro">${t('importHint')}</p>
      ${this.renderOutcome()}
      ${
        r && r.skipped.length > 0
          ? html`<ul class="skipped">
              ${r.skipped.map((s) => html`<li>${t('skippedItem', s.event, s.reason)}</li>`)}
            </ul>`
          : nothing
      }
      <form @submit=${(e: SubmitEvent) => void this.onImport(e)}>
        <div class="field">
          <label for="file">${t('file')}</label>
          <input id="file" name="file" type="file" accept=".ics,text/calendar" required />
        </div>
        <div class="grid2">
          <div class="field">
            <label for="district">${t('importDistrict')}</label>
            <select id="district" name="district">
              <option value="">${t('noDistrict')}</option>
              ${this.lists.districts.map((x) => html`<option value=${x.id}>${x.name}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="organizer">${t('importOrganizer')}</label>
            <input id="organizer" name="organizer" type="text" maxlength="200" />
          </div>
        </div>
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>${t('confirmImport')}</button>
        </div>
      </form>`;
  }

  private renderReport(cafe: Cafe): TemplateResult {
    const t = this.t;
    const task = this.data.report;
    return task.render({
      initial: () => loadingState(t('loading')),
      pending: () => loadingState(t('loading')),
      error: (error) =>
        html`${this.renderBack()}
        ${errorState(t('errorTitle'), error, this.kit.t.bind(this.kit), t('reload'), () => void task.run())}`,
      complete: (stored) => this.renderReportForm(cafe, stored),
    }) as TemplateResult;
  }

  /** The English of a French field of the report: optional, line N for its N-th line. */
  private renderEnglish(
    name: 'topicsEn' | 'answersEn' | 'followUpsEn',
    value: string | undefined,
  ): TemplateResult {
    return html`<div class="field">
      <label for=${name}>${this.t(name)}</label>
      <p class="hint" id=${`${name}-hint`}>${this.t('englishHint')}</p>
      <textarea
        id=${name}
        name=${name}
        lang="en"
        aria-describedby=${`${name}-hint`}
        .value=${value ?? ''}
      ></textarea>
    </div>`;
  }

  /**
   * The published report's topics, each with « Créer une priorité » (the priorities section's form
   * filled in with its title and concerns, linked to the café) or the priority it already feeds.
   */
  private renderTopics(cafe: Cafe, stored: AdminMeetingReport | null): TemplateResult | typeof nothing {
    const topics = stored?.report.topics ?? [];
    if (topics.length === 0) return nothing;
    const t = this.t;
    return html`<section class="report-topics" aria-labelledby="report-topics-title">
      <h2 id="report-topics-title">${t('topicsPriorities')}</h2>
      <ul>
        ${topics.map((topic) => {
          const title = this.localize.pick(topic.title);
          return html`<li>
            <span
              >${title}
              <span class="hint">— ${t('linkedConcerns', topic.concernReferences.length)}</span></span
            >
            ${
              topic.priorityId
                ? html`<a
                    href=${formatRoute({ section: 'priorities', id: topic.priorityId, params: {} })}
                    aria-label=${t('seePriorityFor', title)}
                    >${t('seePriority')}</a
                  >`
                : html`<a
                    class="button button--secondary"
                    href=${formatRoute(priorityRouteOf(cafe, topic))}
                    aria-label=${t('createPriorityFor', title)}
                    >${t('createPriority')}</a
                  >`
            }
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private renderReportForm(cafe: Cafe, stored: AdminMeetingReport | null): TemplateResult {
    const t = this.t;
    const d = stored ? reportDraftOf(stored.report) : undefined;
    return html`${this.renderBack()}
      <p class="intro">${t('reportHint')}</p>
      ${
        stored
          ? html`<p class="notice report-published">
              ${t('publishedOn', formatDateTime(stored.publishedAt, this.localize.locale, CITY_TIME_ZONE))}
            </p>`
          : nothing
      }
      ${this.renderOutcome()}
      <form @submit=${(e: SubmitEvent) => void this.onReport(e, cafe, stored)}>
        <div class="field">
          <label for="attendance">${t('attendance')}</label>
          <input
            id="attendance"
            name="attendance"
            type="text"
            inputmode="numeric"
            pattern="[0-9]*"
            .value=${d?.attendance ?? ''}
          />
        </div>
        <div class="field">
          <label for="topics">${t('topics')}</label>
          <p class="hint" id="topics-hint">${t('topicsHint')}</p>
          <textarea
            id="topics"
            name="topics"
            aria-describedby="topics-hint"
            .value=${d?.topics ?? ''}
          ></textarea>
        </div>
        ${this.renderEnglish('topicsEn', d?.topicsEn)}
        <div class="field">
          <label for="answers">${t('answers')}</label>
          <textarea id="answers" name="answers" .value=${d?.answers ?? ''}></textarea>
        </div>
        ${this.renderEnglish('answersEn', d?.answersEn)}
        <div class="field">
          <label for="followUps">${t('followUps')}</label>
          <textarea id="followUps" name="followUps" .value=${d?.followUps ?? ''}></textarea>
        </div>
        ${this.renderEnglish('followUpsEn', d?.followUpsEn)}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>
            ${stored ? t('republish') : t('publish')}
          </button>
          ${
            stored && !this.confirmingWithdraw
              ? html`<button
                  class="button button--secondary withdraw"
                  type="button"
                  ?disabled=${this.busy}
                  @click=${() => void this.askWithdraw(true)}
                >
                  ${t('withdraw')}
                </button>`
              : nothing
          }
        </div>
      </form>
      ${
        stored && this.confirmingWithdraw
          ? html`<div class="confirm" role="group" aria-labelledby="withdraw-question">
              <p id="withdraw-question">${t('withdrawQuestion')}</p>
              <div class="actions">
                <button
                  class="button"
                  type="button"
                  ?disabled=${this.busy}
                  @click=${() => void this.onWithdraw(cafe)}
                >
                  ${t('confirmWithdraw')}
                </button>
                <button
                  class="button button--secondary"
                  type="button"
                  @click=${() => void this.askWithdraw(false)}
                >
                  ${t('keepReport')}
                </button>
              </div>
            </div>`
          : nothing
      }
      ${this.renderTopics(cafe, stored)}`;
  }

  /** A view on one café: its heading and body once loaded, the kit's states meanwhile. */
  private renderOne(heading: (c: Cafe) => string, body: (c: Cafe) => TemplateResult): TemplateResult {
    const t = this.t;
    const task = this.data.one;
    return task.render({
      initial: () =>
        html`<h1 tabindex="-1">${t('title')}</h1>
          ${loadingState(t('loading'))}`,
      pending: () =>
        html`<h1 tabindex="-1">${t('title')}</h1>
          ${loadingState(t('loading'))}`,
      complete: (c) =>
        html`<h1 tabindex="-1">${heading(c)}</h1>
          ${body(c)}`,
      error: (error) =>
        html`<h1 tabindex="-1">${t('title')}</h1>
          ${this.renderBack()}
          ${errorState(t('errorTitle'), error, this.kit.t.bind(this.kit), t('reload'), () => void task.run())}`,
    }) as TemplateResult;
  }

  override render(): TemplateResult {
    const t = this.t;
    let body: TemplateResult;
    switch (this.view) {
      case 'new':
        body = html`<h1 tabindex="-1">${t('newTitle')}</h1>
          ${this.renderForm(undefined)}`;
        break;
      case 'import':
        body = html`<h1 tabindex="-1">${t('importTitle')}</h1>
          ${this.renderImport()}`;
        break;
      case 'edit':
        body = this.renderOne(
          (c) => t('editTitle', this.localize.pick(c.title)),
          (c) => this.renderForm(c),
        );
        break;
      case 'cancel':
        body = this.renderOne(
          (c) => t('cancelTitle', this.describe(c)),
          (c) => this.renderCancel(c),
        );
        break;
      case 'duplicate':
        body = this.renderOne(
          (c) => t('duplicateTitle', this.describe(c)),
          (c) => this.renderDuplicate(c),
        );
        break;
      case 'report':
        body = this.renderOne(
          (c) => t('reportTitle', this.describe(c)),
          (c) => this.renderReport(c),
        );
        break;
      default:
        body = html`<h1 tabindex="-1">${t('title')}</h1>
          <p class="intro">${t('intro')}</p>
          ${this.renderList()}`;
    }
    return html`<div class="base">${body}</div>`;
  }
}
