import {
  adoptStyles,
  html,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import { guard } from 'lit/directives/guard.js';
import { TaskStatus } from '@lit/task';
import type { Cafe, PastMeeting } from '@proximite/contract';
// Checks without schemas: the contract's schemas come with the SDK's lazy chunk (issue 21).
import { isSafeUrl } from '@proximite/contract/checks.js';
import { ProxElement, newTask } from '../kit/base-element.js';
import { LocalizeController } from '../kit/localize.js';
import {
  DEFAULT_TIME_ZONE,
  cafeSpan,
  cafeZone,
  datetimeAttr,
  entryCount,
  formatDay,
  formatWhenParts,
  googleCalendarUrl,
  groupByDay,
  icsFileName,
  isDateOnly,
  languageName,
  localDate,
  monthOf,
  osmUrl,
  outlookUrl,
  fallbackLang,
  pickText,
  relativeDay,
  webcalUrl,
  visitorZone,
  zoneNote,
  type AgendaEntry,
  type DayGroup,
  type YearMonth,
} from './agenda.js';
import { CafesController, PAGE } from './cafes.controller.js';
import { absoluteUrl, isICalendarUrl, resolveCafesClient } from '../kit/client.js';
import type { ProximiteCafesClient } from '@proximite/sdk/core.js';
import { yieldToMain } from '@proximite/sdk/internal/yield.js';
import { afterNextFrame } from '../kit/frame.js';
import { CafeSelectEvent } from './cafe-calendar.events.js';
import type * as MonthViewModule from './month-view.js';
import type * as PastViewModule from './past-view.js';
import { messages } from './cafe-calendar.messages.js';
import { styles } from './cafe-calendar.styles.js';

export type CafeCalendarView = 'list' | 'month' | 'past';

/**
 * The list renders its entries (a café on one day: a café spanning three days is three) this many
 * at a time, one frame each: a step is styled and laid out in its own frame before the next one
 * renders (issue 21: no long task on a phone's CPU; steps one task apart but in one frame left the
 * style and layout of them all to a single task). One entry: a frame laying out two took 30–45 ms
 * of thread time at 4× CPU throttling, near the 50 ms line on a busy phone, and a step of one café
 * spanning three days, its three entries, up to 70. `updateComplete` waits for the last step.
 */
const STEP = 1;
type MonthView = typeof MonthViewModule;
type PastView = typeof PastViewModule;

/**
 * Upcoming cafés with the police (and other public meetings) as an accessible agenda: a list of
 * days first, a month view second, a district filter, and add-to-calendar links. Times are shown
 * in each café's own time zone (Europe/Paris for Amiens), whatever the visitor's clock.
 *
 * @summary The cafés with the police, as an agenda any site can embed.
 *
 * @csspart base - The widget's frame.
 * @csspart header - Title, count and controls.
 * @csspart controls - The district filter and the view switch.
 * @csspart day - One day of the agenda (heading and its cafés).
 * @csspart day-heading - The heading of a day.
 * @csspart event - One café.
 * @csspart event-title - The title of a café.
 * @csspart actions - A café's add-to-calendar links.
 * @csspart month - The month table.
 * @csspart feed - The feed subscription links.
 * @csspart state - Loading, empty and error messages.
 *
 * @cssprop [--prox-cafe-calendar-gap=1rem] - Space between days and cafés.
 * @cssprop [--prox-cafe-calendar-event-background=var(--prox-color-surface-muted)] - Background of a café.
 * @cssprop [--prox-cafe-calendar-marker-color=var(--prox-color-accent)] - Day headings and month markers.
 * @cssprop [--prox-cafe-calendar-cancelled-color=var(--prox-color-danger)] - Cancelled badge and border.
 *
 * @fires {CafeSelectEvent} prox-cafe-select - A resident opened a café's details; `detail.cafe`.
 */
export class CafeCalendar extends ProxElement {
  static override styles = [...ProxElement.styles, styles];

  static override properties: PropertyDeclarations = {
    api: {},
    src: {},
    district: { reflect: true },
    view: { reflect: true },
    limit: { type: Number },
    from: {},
    to: {},
    client: { attribute: false },
    now: { attribute: false },
    open: { state: true },
    month: { state: true },
    monthAnnouncement: { state: true },
    monthView: { state: true },
    monthError: { state: true },
    shown: { state: true },
    rendered: { state: true },
    pastView: { state: true },
    past: { state: true },
  };

  /** Where the month view's module comes from (a lazy chunk beside the bundle; tests replace it). */
  static monthViewModule = (): Promise<MonthView> => import('./month-view.js');
  /** Where « Rencontres passées » comes from (a lazy chunk, loaded the first time it is shown). */
  static pastViewModule = (): Promise<PastView> => import('./past-view.js');

  readonly localize = new LocalizeController(this, messages);
  private readonly cafes = new CafesController(this);
  /** The month view's module while it loads. */
  private monthLoading?: Promise<void> | undefined;

  /** Details opened by the resident, by café id and day. */
  declare private open: Set<string>;
  /** The month shown by the month view (defaults to the month of `from`, else of today). */
  declare private month?: YearMonth;
  /** What the month view's live region says; empty until the resident navigates. */
  declare private monthAnnouncement: string;
  /** The month view's module, once loaded (it loads the first time the view is shown). */
  declare private monthView?: MonthView;
  /** Why the month view's module failed to load (a retry button is offered). */
  declare private monthError?: unknown;
  /** How many cafés the list shows; « Voir plus » adds {@link PAGE} (a long list renders in steps). */
  declare private shown: number;
  /**
   * How many entries of the {@link shown} cafés are rendered so far, café by café (they render
   * {@link STEP} at a time, see `groupByDay`'s `limit`).
   */
  declare private rendered: number;
  /** Whether the last render of the month view left cafés of its list for the next steps. */
  private monthPending = false;
  /** The next rendering step, while one is scheduled. */
  private stepping?: Promise<void> | undefined;
  /** The frame that lays out the list's last step, until it has come. */
  private lastFrame?: Promise<void> | undefined;
  /** The past view's module, once loaded. */
  declare private pastView?: PastView;
  /**
   * The past meetings shown (with their reports), what is loading, or why it failed. `meetings`
   * is `undefined` when the source publishes no reports.
   */
  declare private past: {
    key: string;
    state: 'loading' | 'ready' | 'error';
    meetings?: PastMeeting[] | undefined;
    cursor?: string | null;
    error?: unknown;
    open: Set<string>;
  };
  private pastAbort?: AbortController | undefined;

  /** Base URL of a backend that speaks the Proximité contract (e.g. `https://api.amiens.fr`). */
  declare api?: string;
  /** A static source: an iCalendar file (`.ics`, `webcal:`) or a JSON list of cafés. */
  declare src?: string;
  /** Show only the cafés of this district (a district id); the filter control changes it. */
  declare district?: string;
  /** `list` (the default) or `month`. */
  declare view: CafeCalendarView;
  /** At most this many cafés. */
  declare limit?: number;
  /** First day (`YYYY-MM-DD`) or instant to show; default: what has not ended yet. */
  declare from?: string;
  /** Last day (`YYYY-MM-DD`, inclusive) or instant to show. */
  declare to?: string;
  /** An SDK client or adapter (takes precedence over `api` and `src`). */
  declare client?: ProximiteCafesClient;
  /** The clock (for "today", and to hide what is over); default: the visitor's clock. */
  declare now?: Date;

  constructor() {
    super();
    this.view = 'list';
    this.open = new Set();
    this.monthAnnouncement = '';
    this.shown = PAGE;
    this.rendered = STEP;
    this.past = { key: '', state: 'loading', open: new Set() };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A warm-up that failed (its chunk did not load) only leaves its work to the first render.
    // It starts in a task of its own, not in the one that connects the element.
    newTask()
      .then(() => this.warmUp())
      .catch(Boolean);
  }

  /**
   * The page evaluates the bundle and connects the element in one task; the first render, and
   * before it the parsing and adoption of the styles, each come in a task of their own.
   */
  protected static override firstUpdateInOwnTask = true;
  protected static override stylesInOwnTask = true;

  /**
   * Builds the formatters of the first render and prepares the templates of a day and its cafés
   * (Lit parses each template once per page) while the cafés load, one step per task (warm-up.ts).
   */
  private async warmUp(): Promise<void> {
    const { warmUps } = await import('./warm-up.js');
    const steps = warmUps(this.locale, (cafe) => {
      const group = groupByDay([cafe])[0]!;
      return [
        () => this.renderWhen(cafe),
        () => this.renderEvent(group.entries[0]!, '-'),
        () => this.renderDay(group, group.date),
      ];
    });
    for (const step of steps) {
      await yieldToMain();
      step();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pastAbort?.abort();
    this.past = { key: '', state: 'loading', open: new Set() };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('from') || changed.has('now')) this.month = undefined;
    // Another selection of cafés starts again from its first page.
    if ((['api', 'src', 'client', 'district', 'from', 'to', 'limit'] as const).some((p) => changed.has(p))) {
      this.shown = PAGE;
      this.rendered = STEP;
    }
    // The month view renders its list in steps too, for each month shown: the table first, alone
    // in its tasks and its frames (its first weeks, then the others), then the cafés under it, a
    // step a frame.
    if (changed.has('view') || (changed as Map<PropertyKey, unknown>).has('month'))
      this.rendered = this.view === 'month' ? -STEP : STEP;
    // After a failed load, only the retry button or choosing the month view again loads again
    // (retrying on every update would loop while the network is down).
    if (this.view === 'month' && (!this.monthError || changed.has('view'))) this.loadMonthView();
    // Past meetings load when shown, again when the source or the district changes.
    if (this.view === 'past' && this.past.key !== this.pastKey() && this.isConnected)
      void this.loadPast(false);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The next cafés of the list, or of the month view's list, render in a task of their own.
    const cafes = this.cafes.data.status === TaskStatus.COMPLETE ? this.cafes.all : [];
    const waiting =
      this.view === 'month'
        ? this.monthPending
        : this.view === 'list' && this.rendered < entryCount(cafes.slice(0, this.shown));
    if (waiting && !this.stepping)
      this.stepping = afterNextFrame().then(() => {
        this.stepping = undefined;
        this.rendered += STEP;
      });
    else if (!waiting && this.view === 'list' && (changed as Map<PropertyKey, unknown>).has('rendered')) {
      const frame: Promise<void> = (this.lastFrame = afterNextFrame().then(() => {
        if (this.lastFrame === frame) this.lastFrame = undefined;
      }));
    }
  }

  /**
   * `updateComplete` waits until the list has rendered all the cafés it shows, not only its first
   * step, and until the frame that lays out the last.
   */
  protected override pendingRender(): Promise<unknown> | undefined {
    return this.stepping ?? this.lastFrame;
  }

  /** What the past meetings depend on. */
  private pastKey(): string {
    return JSON.stringify([this.api, this.src, this.district ?? '', this.client ? 1 : 0]);
  }

  /** Loads (or, with `more`, adds the next page of) the past meetings, the view's module first. */
  private async loadPast(more: boolean): Promise<void> {
    const key = this.pastKey();
    this.pastAbort?.abort();
    const abort = (this.pastAbort = new AbortController());
    const previous = more && this.past.key === key ? this.past : undefined;
    this.past = previous ?? { key, state: 'loading', open: new Set() };
    try {
      const view = this.pastView ?? (await CafeCalendar.pastViewModule());
      if (!this.pastView) {
        adoptStyles(this.renderRoot as ShadowRoot, [...CafeCalendar.elementStyles, ...view.pastStyles]);
        this.pastView = view;
      }
      const client = await resolveCafesClient({
        client: this.client,
        api: this.api,
        src: this.src,
        lang: this.language,
      });
      const meetings = view.meetingsOf(client);
      const page = meetings
        ? await view.loadPast(meetings, this.district, previous?.cursor ?? undefined, abort.signal)
        : undefined;
      if (abort.signal.aborted) return;
      this.past = {
        key,
        state: 'ready',
        meetings: page ? [...(previous?.meetings ?? []), ...page.items] : undefined,
        cursor: page?.nextCursor ?? null,
        open: previous?.open ?? new Set(),
      };
    } catch (error) {
      if (!abort.signal.aborted) this.past = { ...this.past, key, state: 'error', error };
    }
  }

  private togglePast(id: string): void {
    const open = new Set(this.past.open);
    if (!open.delete(id)) open.add(id);
    this.past = { ...this.past, open };
  }

  /** Loads the month view's module once (with its styles), then renders it. */
  private loadMonthView(): void {
    if (this.monthView || this.monthLoading) return;
    this.monthError = undefined;
    this.monthLoading = CafeCalendar.monthViewModule()
      .then(async (view) => {
        adoptStyles(this.renderRoot as ShadowRoot, [...CafeCalendar.elementStyles, view.monthStyles]);
        // The month renders in a task of its own, after the chunk's evaluation and its styles', and
        // after what the view prepares (its formatters, its templates, the frame that lays out the
        // sample of its fonts), a task each.
        for (const step of view.monthWarmUps(this.locale, this.localize.lang, this.renderRoot)) {
          await yieldToMain();
          await step();
        }
        await yieldToMain();
        this.monthView = view;
      })
      .catch((error: unknown) => {
        this.monthError = error;
      })
      .finally(() => {
        this.monthLoading = undefined;
      });
  }

  private get locale(): string {
    return this.localize.locale;
  }

  /** Today in the cafés' zone (the first café's, else the home zone). */
  private today(cafes: readonly Cafe[]): string {
    return localDate(this.now ?? new Date(), cafes[0] ? cafeZone(cafes[0]) : DEFAULT_TIME_ZONE);
  }

  /** The URL of the (filtered) iCalendar feed, when the source has one. */
  private feedUrl(): string | undefined {
    if (!this.client && !this.api && this.src) {
      // A static file: an .ics file is its own feed; a JSON file has none.
      const src = this.src.replaceAll('{lang}', this.language);
      return isICalendarUrl(src) ? absoluteUrl(src).replace(/^webcal:/i, 'https:') : undefined;
    }
    return this.icsUrl(this.district ? { district: this.district } : {});
  }

  /** The server's `.ics` of one café, when the source is an API that serves one. */
  private cafeIcsUrl(cafe: Cafe): string | undefined {
    // A static source has no server to serve one event's file: the widget writes it instead.
    return this.src && !this.client && !this.api ? undefined : this.icsUrl({ id: cafe.id });
  }

  /** An `.ics` URL of the source's client, when it has one and it is safe to link to. */
  private icsUrl(query: { district?: string } | { id: string }): string | undefined {
    try {
      const url = this.cafes.client?.cafes.icsUrl(query);
      if (!isSafeUrl(url)) return undefined;
      if (!this.api) return url;
      // The reference server writes the file in the page's language (its `lang` query).
      const withLang = new URL(url);
      withLang.searchParams.set('lang', this.language);
      return withLang.href;
    } catch {
      return undefined;
    }
  }

  /** Writes the café's .ics in the browser (static sources); the serializer loads only then. */
  private async downloadIcs(cafe: Cafe): Promise<void> {
    (await import('./ics-download.js')).downloadIcs(cafe, this.language, this.renderRoot);
  }

  private entryKey(entry: AgendaEntry): string {
    return `${entry.cafe.id}\u0000${entry.day}`;
  }

  private toggle(entry: AgendaEntry): void {
    const key = this.entryKey(entry);
    const open = new Set(this.open);
    if (open.has(key)) open.delete(key);
    else {
      open.add(key);
      this.dispatchEvent(new CafeSelectEvent(entry.cafe));
    }
    this.open = open;
  }

  private onDistrictChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.district = value || undefined;
  }

  private shownMonth(cafes: Cafe[]): YearMonth {
    if (this.month) return this.month;
    if (this.from && /^\d{4}-\d{2}-\d{2}/.test(this.from) && isDateOnly(this.from.slice(0, 10)))
      return monthOf(this.from.slice(0, 10));
    return monthOf(this.today(cafes));
  }

  private navigate(delta: number, cafes: Cafe[]): void {
    if (!this.monthView) return;
    const step = this.monthView.stepMonth(
      this.shownMonth(cafes),
      delta,
      cafes,
      this.locale,
      this.localize.lang,
    );
    this.month = step.month;
    this.monthAnnouncement = step.announcement;
  }

  private focusDay(event: Event, date: string): void {
    event.preventDefault();
    const heading = this.renderRoot.querySelector<HTMLElement>(`#day-${date}`);
    heading?.focus();
  }

  /** The label of a café's mode (an open enum: CAFE_MODES, or another value). */
  private modeLabel(mode: string): string {
    return this.localize.t(
      mode === 'in-person'
        ? 'modeInPerson'
        : mode === 'online'
          ? 'modeOnline'
          : mode === 'hybrid'
            ? 'modeHybrid'
            : 'modeOther',
    );
  }

  /** A language's name through Intl.DisplayNames; French Sign Language named where ICU has no name. */
  private languageLabel(tag: string): string {
    if (/^(?:fsl|lsf|sgn-fr)$/i.test(tag)) return this.localize.t('frenchSignLanguage');
    return languageName(tag, this.locale);
  }

  private districtName(id: string): string {
    return this.cafes.districts.find((d) => d.id === id)?.name ?? id;
  }

  private renderControls(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const districts = this.cafes.districts;
    const showFilter = districts.length > 0;
    return html`<div class="controls" part="controls">
      ${
        showFilter
          ? html`<div class="field">
              <label for="district">${t('district')}</label>
              <select id="district" @change=${this.onDistrictChange}>
                <option value="" ?selected=${!this.district}>${t('allDistricts')}</option>
                ${districts.map(
                  (d) => html`<option value=${d.id} ?selected=${d.id === this.district}>${d.name}</option>`,
                )}
              </select>
            </div>`
          : nothing
      }
      <div class="segmented" role="group" aria-label=${t('view')}>
        <button
          type="button"
          class="segment"
          aria-pressed=${this.view !== 'month' && this.view !== 'past' ? 'true' : 'false'}
          @click=${() => (this.view = 'list')}
        >
          ${t('viewList')}
        </button>
        <button
          type="button"
          class="segment"
          aria-pressed=${this.view === 'month' ? 'true' : 'false'}
          @click=${() => (this.view = 'month')}
        >
          ${t('viewMonth')}
        </button>
        <button
          type="button"
          class="segment"
          aria-pressed=${this.view === 'past' ? 'true' : 'false'}
          @click=${() => (this.view = 'past')}
        >
          ${t('viewPast')}
        </button>
      </div>
    </div>`;
  }

  private renderFeed(): TemplateResult | typeof nothing {
    const feed = this.feedUrl();
    const webcal = webcalUrl(feed);
    if (!feed || !webcal || !isSafeUrl(webcal)) return nothing;
    const t = this.localize.t.bind(this.localize);
    return html`<p class="feed" part="feed">
      <a class="button button--secondary" href=${webcal}
        >${t('subscribe')}<span class="visually-hidden"> (${t('subscribeHint')})</span></a
      >
      ${isSafeUrl(feed) ? html`<a class="feed__download" href=${feed} download>${t('downloadFeed')}</a>` : nothing}
    </p>`;
  }

  private renderEmpty(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const feed = this.renderFeed();
    return html`<div class="state empty" part="state">
      <p class="state__title">${this.district ? t('emptyDistrict') : t('empty')}</p>
      ${
        feed === nothing
          ? nothing
          : html`<p>${t('emptyHint')}</p>
              ${feed}`
      }
      ${this.renderUnreadable()}
    </div>`;
  }

  private renderWhen(cafe: Cafe): TemplateResult {
    const parts = formatWhenParts(cafe, this.locale);
    const note = zoneNote(cafe, this.locale, visitorZone());
    return html`<p class="when">
      ${
        parts
          ? html`<time datetime=${datetimeAttr(cafe, 'start')}>${parts.start}</time> –
              <time datetime=${datetimeAttr(cafe, 'end')}>${parts.end}</time>`
          : html`<time datetime=${datetimeAttr(cafe, 'start')}>${this.localize.t('allDay')}</time>`
      }
      ${note ? html`<span class="zone">(${note})</span>` : nothing}
    </p>`;
  }

  private renderEvent(entry: AgendaEntry, index: string): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const { cafe } = entry;
    const lang = this.language;
    const cancelled = cafe.status === 'cancelled';
    const title = pickText(cafe.title, lang);
    const open = this.open.has(this.entryKey(entry));
    const map = osmUrl(cafe.place);
    const online =
      cafe.mode !== 'in-person' && !cancelled && isSafeUrl(cafe.onlineUrl) ? cafe.onlineUrl : undefined;
    const accessibility = pickText(cafe.accessibility, lang);
    const languages = cafe.languages.map((tag) => this.languageLabel(tag));
    const detailsId = `details-${index}`;
    const titleId = `title-${index}`;
    // The names of the café's links and of its button say which café they are for. They are built
    // with aria-labelledby from texts already there: the element's own text, the café's name, and
    // the hidden « : » or map hint that render() puts once in the widget. Visually hidden texts in
    // each café did it before, the same names, but each was a clipped box, and at 4× CPU throttling
    // the clips of every café shown took half of each list frame's paint (issue 21).
    const nameId = `name-${index}`;
    return html`<li class="event ${cancelled ? 'event--cancelled' : ''}" part="event">
      <article aria-labelledby=${titleId}>
        <h4 class="event__title" part="event-title" id=${titleId}>
          ${cancelled ? html`<span class="badge">${t('cancelled')}</span>${' '}` : nothing}<span
            class="event__name"
            id=${nameId}
            lang=${fallbackLang(cafe.title, lang) ?? nothing}
            >${title}</span
          >
        </h4>
        ${this.renderWhen(cafe)}
        ${entry.dayCount > 1 ? html`<p class="event__span">${t('dayOf', entry.dayIndex, entry.dayCount)}</p>` : nothing}
        <dl class="facts">
          ${
            cancelled && cafe.cancelReason
              ? html`<div class="fact fact--reason">
                  <dt>${t('cancelReason')}</dt>
                  <dd lang=${fallbackLang(cafe.cancelReason, lang) ?? nothing}>
                    ${pickText(cafe.cancelReason, lang)}
                  </dd>
                </div>`
              : nothing
          }
          <div class="fact">
            <dt>${t('place')}</dt>
            <dd>
              ${cafe.place.name}${
                cafe.place.address && cafe.mode !== 'online'
                  ? html`<br />${
                        isSafeUrl(map)
                          ? html`<a href=${map} id="map-${index}" aria-labelledby="map-${index} map-hint"
                              >${cafe.place.address}</a
                            >`
                          : cafe.place.address
                      }`
                  : nothing
              }
            </dd>
          </div>
          ${
            cafe.districtId
              ? html`<div class="fact">
                  <dt>${t('districtLabel')}</dt>
                  <dd>${this.districtName(cafe.districtId)}</dd>
                </div>`
              : nothing
          }
          <div class="fact">
            <dt>${t('mode')}</dt>
            <dd>
              ${this.modeLabel(cafe.mode)}${
                online
                  ? html`<br /><a
                        href=${online}
                        id="online-${index}"
                        aria-labelledby="online-${index} sep ${nameId}"
                        >${t('joinOnline')}</a
                      >`
                  : nothing
              }
            </dd>
          </div>
          <div class="fact">
            <dt>${t('organizer')}</dt>
            <dd>${cafe.organizer.name}${cafe.organizer.role ? ` (${cafe.organizer.role})` : ''}</dd>
          </div>
          ${
            accessibility
              ? html`<div class="fact">
                  <dt>${t('accessibility')}</dt>
                  <dd lang=${fallbackLang(cafe.accessibility, lang) ?? nothing}>${accessibility}</dd>
                </div>`
              : nothing
          }
          ${
            languages.length
              ? html`<div class="fact">
                  <dt>${t('languages')}</dt>
                  <dd>${languages.join(', ')}</dd>
                </div>`
              : nothing
          }
        </dl>
        <button
          type="button"
          class="disclosure"
          id="open-${index}"
          aria-labelledby="open-${index} sep ${nameId}"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${detailsId}
          @click=${() => this.toggle(entry)}
        >
          ${t('details')}
        </button>
        <div class="details" id=${detailsId} ?hidden=${!open}>
          ${open ? this.renderDetails(cafe) : nothing}
        </div>
      </article>
    </li>`;
  }

  private renderDetails(cafe: Cafe): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const lang = this.language;
    const cancelled = cafe.status === 'cancelled';
    const description = pickText(cafe.description, lang);
    const more = isSafeUrl(cafe.url) ? cafe.url : undefined;
    const icsUrl = this.cafeIcsUrl(cafe);
    const google = googleCalendarUrl(cafe, lang);
    const outlook = outlookUrl(cafe, lang);
    return html`${description ? html`<p class="description" lang=${fallbackLang(cafe.description, lang) ?? nothing}>${description}</p>` : nothing}
      ${more ? html`<p><a href=${more}>${t('moreInfo')}</a></p>` : nothing}
      <div class="actions" part="actions" role="group" aria-label=${t('addToCalendar')}>
        <p class="actions__label" aria-hidden="true">${t('addToCalendar')}</p>
        ${
          icsUrl
            ? html`<a class="button button--secondary" href=${icsUrl} download=${icsFileName(cafe)}
                >${t('icsFile')}</a
              >`
            : html`<button
                type="button"
                class="button button--secondary"
                @click=${() => void this.downloadIcs(cafe)}
              >
                ${t('icsFile')}
              </button>`
        }
        ${
          !cancelled && isSafeUrl(google)
            ? html`<a
                class="button button--secondary"
                href=${google}
                target="_blank"
                rel="noopener noreferrer"
                >${t('google')}<span aria-hidden="true"> ↗</span
                ><span class="visually-hidden"> ${t('newTab')}</span></a
              >`
            : nothing
        }
        ${
          !cancelled && isSafeUrl(outlook)
            ? html`<a
                class="button button--secondary"
                href=${outlook}
                target="_blank"
                rel="noopener noreferrer"
                >${t('outlook')}<span aria-hidden="true"> ↗</span
                ><span class="visually-hidden"> ${t('newTab')}</span></a
              >`
            : nothing
        }
      </div>`;
  }

  private renderDay(group: DayGroup, today: string): TemplateResult {
    const relative = relativeDay(group.date, today, this.locale);
    return html`<section class="day" part="day" aria-labelledby="day-${group.date}">
      <h3 class="day__heading" part="day-heading" id="day-${group.date}" tabindex="-1">
        ${
          // The separator is a value: the bundle's HTML minifier drops a space before a closing tag.
          relative ? html`<span class="day__relative">${relative}${' — '}</span>` : nothing
        }<time datetime=${group.date}>${formatDay(group.date, this.locale)}</time>
      </h3>
      <ul class="events">
        ${group.entries.map((entry, i) =>
          // An entry renders again only when what it shows changes (opening one café's details
          // must not format every other café again).
          guard(
            [
              entry.cafe,
              entry.dayIndex,
              entry.dayCount,
              i,
              this.language,
              this.open.has(this.entryKey(entry)),
              this.cafes.districts,
              this.cafes.client,
            ],
            () => this.renderEvent(entry, `${group.date}-${i}`),
          ),
        )}
      </ul>
    </section>`;
  }

  private renderList(cafes: Cafe[]): TemplateResult {
    const today = this.today(cafes);
    const left = cafes.length - this.shown;
    const { loadingMore, moreError } = this.cafes;
    return html`<div class="agenda">
        ${groupByDay(cafes.slice(0, this.shown), { limit: this.rendered }).map((group) => this.renderDay(group, today))}
      </div>
      ${
        left > 0
          ? html`<p class="more">
              <button type="button" class="button button--secondary" @click=${() => this.showMore(cafes)}>
                ${
                  // While the next pages load, how many are left is not known yet.
                  this.localize.t('showMore', Math.min(PAGE, left), loadingMore || moreError ? 0 : left)
                }
              </button>
            </p>`
          : this.renderMoreState()
      }`;
  }

  /**
   * Where the list ends while the cafés after the first ones still load (« Chargement… »), or
   * when one of their pages failed (why, and a button to go on from it); else nothing.
   */
  private renderMoreState(): unknown {
    const { data, loadingMore, moreError } = this.cafes;
    if (moreError) return data.renderError(moreError, undefined, () => this.cafes.loadMore());
    return loadingMore ? data.renderLoading() : nothing;
  }

  /**
   * Shows the next cafés and moves focus to the day of the first of them (keyboard users go on),
   * as soon as the frame that lays out the first step is rendered: the focus then scrolls to cafés
   * already laid out, and the next steps render below them, a frame each.
   */
  private async showMore(cafes: Cafe[]): Promise<void> {
    // The cafés shown before still rendering (a quick click) render first, a frame each.
    const before = entryCount(cafes.slice(0, this.shown));
    if (this.rendered < before) await this.updateComplete;
    // Clicked before the frame of the last café rendered, the first new one waits for that frame:
    // two steps in a frame made its longest task (issue 21). `updateComplete` covers the wait:
    // the state below changes in the first reaction to it.
    if (this.lastFrame) await (this.stepping = this.lastFrame.then(() => (this.stepping = undefined)));
    const next = cafes[this.shown];
    this.rendered = before + STEP;
    this.shown += PAGE;
    // Asked for before the update schedules the next step, so the focus comes before that step.
    const laidOut = afterNextFrame();
    await this.updateRendered();
    await laidOut;
    if (next) this.renderRoot.querySelector<HTMLElement>(`#day-${cafeSpan(next).first}`)?.focus();
  }

  /** The month view (month-view.ts), or its loading and error states while its module loads. */
  private renderMonth(cafes: Cafe[]): unknown {
    const view = this.monthView;
    // A month shown before every café is loaded could look emptier than it is.
    if (view && (this.cafes.loadingMore || this.cafes.moreError)) return this.renderMoreState();
    if (!view) {
      const data = this.cafes.data;
      return this.monthError
        ? data.renderError(this.monthError, undefined, () => this.loadMonthView())
        : data.renderLoading();
    }
    const today = this.today(cafes);
    return view.renderMonth({
      cafes,
      month: this.shownMonth(cafes),
      today,
      locale: this.locale,
      lang: this.localize.lang,
      announcement: this.monthAnnouncement,
      navigate: (delta) => this.navigate(delta, cafes),
      focusDay: (event, date) => this.focusDay(event, date),
      renderDay: (group) => this.renderDay(group, today),
      // The cafés listed under the table render a few per task (see `updated`), as the list does.
      rendered: this.rendered,
      pending: () => (this.monthPending = true),
    });
  }

  private renderContent(cafes: Cafe[]): TemplateResult {
    return html`${this.view === 'month' ? this.renderMonth(cafes) : this.renderList(cafes)}
    ${this.renderUnreadable()} ${this.renderFeed()}`;
  }

  /** A discreet note when the source had entries it could not read (the others are shown). */
  private renderUnreadable(): TemplateResult | typeof nothing {
    return this.cafes.unreadable ? html`<p class="unreadable">${this.localize.t('unreadable')}</p>` : nothing;
  }

  /** The language the widget shows (`fr` or `en`), resolved from `lang` up the tree. */
  get language(): string {
    return this.localize.lang;
  }

  /** « Rencontres passées »: its loading and error states, then the meetings and their reports. */
  private renderPast(): unknown {
    const data = this.cafes.data;
    const past = this.past;
    if (past.state === 'error') return data.renderError(past.error, undefined, () => this.loadPast(false));
    if (!this.pastView || past.state === 'loading') return data.renderLoading();
    return this.pastView.renderPast({
      meetings: past.meetings,
      hasMore: !!past.cursor,
      district: this.district,
      locale: this.locale,
      lang: this.localize.lang,
      open: past.open,
      toggle: (id) => this.togglePast(id),
      more: () => void this.loadPast(true),
      districtName: (id) => this.districtName(id),
    });
  }

  override render() {
    this.monthPending = false;
    const t = this.localize.t.bind(this.localize);
    // Every café loaded so far (the task's value is the first page).
    const cafes = this.cafes.all;
    // The count once every page is loaded: it is said once, and right.
    const complete = this.cafes.data.status === TaskStatus.COMPLETE && !this.cafes.loadingMore;
    const isPast = this.view === 'past';
    const pastCount = this.past.state === 'ready' ? this.past.meetings?.length : undefined;
    // The hidden texts the cafés' names are built from (`renderEvent`), one text node each: from a
    // hidden element, Chromium joins text nodes with spaces (« ( plan OpenStreetMap ) »).
    return html`<section class="base" part="base" aria-labelledby="title">
      <header class="header" part="header">
        <h2 class="title" id="title">${t(isPast ? 'titlePast' : 'title')}</h2>
        <p class="count" role="status">
          ${isPast ? (pastCount ? t('pastCount', pastCount) : '') : complete && cafes.length ? t('count', cafes.length) : ''}
        </p>
        ${this.renderControls()}
      </header>
      <span id="sep" hidden>:</span><span id="map-hint" hidden>${`(${t('map')})`}</span>
      ${
        isPast
          ? this.renderPast()
          : this.cafes.data.render({
              complete: () => this.renderContent(cafes),
              empty: () => this.renderEmpty(),
            })
      }
    </section>`;
  }
}
