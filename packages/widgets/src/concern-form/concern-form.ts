import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import {
  MAX_DESCRIPTION_LENGTH,
  isSafeUrl,
  type CategoryField,
  type ConcernCategory,
  type ConcernReceipt,
  type ConcernStatusView,
  type District,
  type LocalizedText,
} from '@proximite/contract';
import { ProxElement } from '../kit/base-element.js';
import { DataController, describeError } from '../kit/data.controller.js';
import { LocalizeController } from '../kit/localize.js';
import type { ConcernClient } from './backend.js';
import type { Outbox } from '@proximite/sdk/core.js';
import { createFormOutbox, outboxExists, resolveConcernClient } from './client.js';
import { errorText, messages, type ConcernMessages } from './concern-form.messages.js';
import { styles } from './concern-form.styles.js';
import { ConcernQueuedEvent, ConcernSubmittedEvent } from './concern-form.events.js';
import { DraftController } from './draft.controller.js';
import {
  answersFor,
  buildConcernInput,
  detectEmergency,
  emergencyHref,
  emptyState,
  fieldKey,
  filterCategories,
  findCategory,
  groupCategories,
  hasContent,
  lengthBand,
  nextStep,
  previousStep,
  setAnswer,
  sortedFields,
  STEPS,
  stepsFor,
  validateAll,
  validateStep,
  type Answer,
  type Emergency,
  type FieldError,
  type FormState,
  type Step,
} from './form-model.js';
import {
  STATUS_STAGES,
  isReference,
  isStatusToken,
  normalizeReference,
  readStatusParams,
  stageIndex,
  statusPageUrl,
} from './status.js';
import { SubmissionController, type SubmissionState } from './submission.controller.js';

/** The GDPR notice of a deployment (each entry a string, or `{ fr, en }`). */
export interface PrivacyNotice {
  controller?: string | LocalizedText;
  purpose?: string | LocalizedText;
  legalBasis?: string | LocalizedText;
  retention?: string | LocalizedText;
  rights?: string | LocalizedText;
  dpo?: string | LocalizedText;
}

type Geo = 'idle' | 'locating' | 'set' | 'denied' | 'unavailable';
type Lookup =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; view: ConcernStatusView }
  | { kind: 'error'; message: string };

interface Loaded {
  categories: ConcernCategory[];
  districts: District[];
}

const inputId = (field: string) => `f-${field.replace(/^attr:/, 'attr-').replace(/[^A-Za-z0-9_-]/g, '_')}`;
const errorId = (field: string) => `e-${inputId(field).slice(2)}`;
const ids = (...list: (string | false | undefined)[]) => list.filter(Boolean).join(' ') || undefined;

/**
 * Residents report a concern (neighbour relations, parking, illegal dumping, noise…), routed to the
 * competent service; or follow one with its reference and tracking code. Steps suited to a phone,
 * anonymous by default, an emergency stopper (17 / 112 / 114) that never submits, a local draft with
 * an expiry, and submission through the SDK outbox so that nothing is lost offline.
 *
 * @summary A step-by-step concern form with an emergency stopper, offline outbox and status lookup.
 *
 * @slot privacy - Replaces the default personal-data notice (controller, purpose, legal basis, retention, rights, DPO).
 *
 * @csspart base - The wrapper of the whole widget.
 * @csspart summary - The error summary.
 * @csspart stopper - The emergency stopper.
 * @csspart panel - The sending, queued, sent or failed panel.
 *
 * @cssprop [--prox-concern-form-max-inline-size=40rem] - Widest the form grows.
 * @cssprop [--prox-concern-form-gap=1.25rem] - Space between fields.
 *
 * @fires prox-concern-submitted - A concern reached the backend; `detail.receipt` has its reference and service.
 * @fires prox-concern-queued - A concern was kept on the device while offline; `detail.id` is its outbox id.
 */
export class ConcernForm extends ProxElement {
  static override styles = [...ProxElement.styles, styles];

  private readonly localize = new LocalizeController(this, messages);
  private readonly data = new DataController<
    readonly [ConcernClient | undefined, string, string | undefined, string | undefined, string],
    Loaded
  >(this, {
    args: () => [this.client, this.mode, this.api, this.open311, this.categories] as const,
    load: ([client, mode], signal) => this.load(client, mode, signal),
    isEmpty: (value) => this.mode !== 'status' && value.categories.length === 0,
  });
  private readonly draft = new DraftController(
    this,
    () => `proximite:concern-draft:${this.open311 ?? this.api ?? ''}`,
  );
  private readonly submission = new SubmissionController(this, () => this.makeOutbox(), {
    accepted: (id) => this.draft.savePending(id),
    queued: (id) => this.dispatchEvent(new ConcernQueuedEvent(id)),
    sent: (receipt) => this.onSent(receipt),
    changed: (s) => this.onSubmissionChange(s),
  });
  private interacted = false;
  private started = false;
  private pendingFocus?: string;
  private lastBand = 0;
  private resolved?: { key: string; client: Promise<ConcernClient> };

  @state() private form: FormState = emptyState();
  @state() private step: Step = 'category';
  /** Errors shown now (the summary and the fields). */
  @state() private errors: FieldError[] = [];
  /** Steps that were validated: only their fields carry aria-invalid. */
  @state() private validated = new Set<Step>();
  @state() private announcement = '';
  @state() private geo: Geo = 'idle';
  @state() private restored = false;
  @state() private lookup: Lookup = { kind: 'idle' };
  @state() private lookupRef = '';
  @state() private lookupToken = '';
  @state() private lookupErrors: { field: 'reference' | 'token'; message: string }[] = [];

  /** Base URL of a backend that speaks the Proximité contract. */
  @property() api?: string;
  /** Base URL of an Open311 GeoReport v2 endpoint (used instead of `api`). */
  @property() open311?: string;
  /** Open311 API key, when the endpoint requires one for POST. */
  @property({ attribute: 'open311-key' }) open311Key?: string;
  /** Open311 jurisdiction id, when the endpoint serves several. */
  @property() jurisdiction?: string;
  /** Comma-separated category codes to offer (a subset of the backend's); all when empty. */
  @property() categories = '';
  /** Preselected district id (a district site). */
  @property() district?: string;
  /** `form` (default) to report a concern, `status` to follow one with its reference and tracking code. */
  @property({ reflect: true }) mode: 'form' | 'status' = 'form';
  /** A client (the SDK's, an adapter, or any object with `concerns.categories/submit/status`). */
  @property({ attribute: false }) client?: ConcernClient;
  /** An outbox to submit through (defaults to the SDK's `createOutbox` on the resolved client). */
  @property({ attribute: false }) outbox?: Outbox;
  /** The deployment's personal-data notice (also settable as a JSON attribute). Unset entries are marked as to be configured. */
  @property({ type: Object }) privacy?: PrivacyNotice;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.started) return;
    this.started = true;
    const pending = this.draft.loadPending();
    if (pending) {
      // A submission made before a reload: show where it stands; forget it if it was delivered meanwhile.
      void this.submission.resume(pending).then(
        (found) => {
          if (!found) {
            this.draft.savePending(undefined);
            this.draft.clear();
            this.form = { ...emptyState(), districtId: this.district ?? '' };
          }
        },
        () => undefined,
      );
    } else void outboxExists().then((exists) => (exists ? this.submission.wake() : undefined));
    const draft = this.draft.load();
    if (draft) {
      this.form = draft.state;
      this.step = draft.step;
      this.restored = true;
      this.interacted = true;
    } else if (this.district) {
      this.form = { ...this.form, districtId: this.district };
    }
    if (typeof location !== 'undefined') {
      const { reference, token } = readStatusParams(location.search);
      if (reference && token) {
        this.mode = 'status';
        this.lookupRef = reference;
        this.lookupToken = token;
        void this.runLookup();
      }
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.pendingFocus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.pendingFocus);
      if (target) {
        this.pendingFocus = undefined;
        target.focus();
      }
    }
  }

  // ---------------------------------------------------------------------------
  // Data

  private async getClient(): Promise<ConcernClient> {
    if (this.client) return this.client;
    const key = `${this.open311 ?? ''}|${this.api ?? ''}|${this.open311Key ?? ''}|${this.jurisdiction ?? ''}`;
    if (this.resolved?.key !== key) {
      this.resolved = {
        key,
        client: resolveConcernClient({
          api: this.api,
          open311: this.open311,
          apiKey: this.open311Key,
          jurisdictionId: this.jurisdiction,
        }),
      };
    }
    return this.resolved.client;
  }

  private async load(_client: ConcernClient | undefined, mode: string, signal: AbortSignal): Promise<Loaded> {
    if (mode === 'status') return { categories: [], districts: [] };
    const client = await this.getClient();
    const [categories, districts] = await Promise.all([
      client.concerns.categories({ signal }),
      client.districts?.list({ signal }).catch(() => []) ?? Promise.resolve([]),
    ]);
    return { categories: filterCategories(categories, this.categories), districts };
  }

  private async makeOutbox(): Promise<Outbox> {
    return this.outbox ?? createFormOutbox(await this.getClient());
  }

  private get loaded(): ConcernCategory[] {
    return this.data.value?.categories ?? [];
  }

  private get category(): ConcernCategory | undefined {
    return findCategory(this.loaded, this.form.categoryCode);
  }

  private get emergency(): Emergency | null {
    return detectEmergency(this.form, this.loaded);
  }

  // ---------------------------------------------------------------------------
  // State changes from the resident

  /** Every change the resident makes goes through here: the fill-time signal, the draft, live error clearing. */
  private commit(next: FormState): void {
    if (!this.interacted || !next.formStartedAt) {
      this.interacted = true;
      if (!next.formStartedAt) next = { ...next, formStartedAt: new Date().toISOString() };
    }
    this.form = next;
    if (this.validated.has(this.step) && this.errors.length) {
      // Fixing a field clears its message; a field is not marked wrong before the next validation.
      const shown = new Set(this.errors.map((e) => e.field));
      const now =
        this.step === 'review' ? validateAll(next, this.loaded) : validateStep(this.step, next, this.loaded);
      this.errors = now.filter((e) => shown.has(e.field));
    }
    if (hasContent(next)) this.draft.save(next, this.step);
  }

  private setField<K extends keyof FormState>(key: K, value: FormState[K]): void {
    this.commit({ ...this.form, [key]: value });
  }

  private onDescription(value: string): void {
    this.setField('description', value);
    const band = lengthBand(value.length);
    if (band !== this.lastBand) {
      this.lastBand = band;
      if (band > 0) this.announce(this.countText(value.length));
    }
  }

  private countText(length: number): string {
    const left = MAX_DESCRIPTION_LENGTH - length;
    return left >= 0 ? this.localize.t('charsLeft', left) : this.localize.t('charsOver', -left);
  }

  private announce(text: string): void {
    // The region exists from the first render; clearing first makes a repeated message heard again.
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }

  private goTo(step: Step, focus = '#step-title'): void {
    this.step = step;
    this.errors = [];
    this.pendingFocus = focus;
    if (this.interacted && hasContent(this.form)) this.draft.save(this.form, step);
  }

  private next(): void {
    if (this.step === 'review') return void this.submit();
    const emergency = this.emergency;
    if (
      emergency &&
      (this.step === 'category' || (this.step === 'details' && emergency.source === 'field'))
    ) {
      this.pendingFocus = '#stopper';
      this.requestUpdate();
      return;
    }
    const errors = validateStep(this.step, this.form, this.loaded);
    this.validated = new Set(this.validated).add(this.step);
    if (errors.length) {
      this.errors = errors;
      this.pendingFocus = '#summary';
      return;
    }
    this.goTo(nextStep(this.step, this.category));
  }

  private previous(): void {
    this.goTo(previousStep(this.step, this.category));
  }

  private async submit(): Promise<void> {
    if (this.emergency) {
      this.pendingFocus = '#stopper';
      this.requestUpdate();
      return;
    }
    const errors = validateAll(this.form, this.loaded);
    this.validated = new Set(stepsFor(this.category));
    if (errors.length) {
      this.errors = errors;
      this.pendingFocus = '#summary';
      return;
    }
    this.errors = [];
    const input = buildConcernInput(this.form, this.loaded, this.localize.lang);
    this.pendingFocus = '#result-title';
    await this.submission.submit(input);
  }

  private onSubmissionChange(s: SubmissionState): void {
    const t = this.localize.t.bind(this.localize);
    const text =
      s.kind === 'sending'
        ? t('sending')
        : s.kind === 'queued'
          ? t('queuedTitle')
          : s.kind === 'sent'
            ? `${t('sentTitle')}. ${t('sentReference')} ${s.receipt.reference}.`
            : s.kind === 'failed'
              ? `${t('failedTitle')}. ${this.reason(s.reason)}`
              : '';
    this.announcement = text;
    if (s.kind === 'idle') this.draft.savePending(undefined);
    else this.pendingFocus = '#result-title';
  }

  private onSent(receipt: ConcernReceipt): void {
    this.draft.clear();
    this.draft.savePending(undefined);
    this.form = { ...emptyState(), districtId: this.district ?? '' };
    this.step = 'category';
    this.validated = new Set();
    this.restored = false;
    this.interacted = false;
    this.dispatchEvent(new ConcernSubmittedEvent(receipt));
  }

  private reason(reason: unknown): string {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return this.localize.t('queuedText');
    return describeError(reason);
  }

  private deleteDraft(): void {
    this.draft.clear();
    this.form = { ...emptyState(), districtId: this.district ?? '' };
    this.restored = false;
    this.interacted = false;
    this.validated = new Set();
    this.goTo('category');
    this.announce(this.localize.t('draftDeleted'));
  }

  private newConcern(): void {
    void this.submission.reset();
    this.goTo('category', '#step-title');
  }

  private locate(): void {
    if (!('geolocation' in navigator)) {
      this.geo = 'unavailable';
      this.announce(this.localize.t('positionUnavailable'));
      return;
    }
    this.geo = 'locating';
    this.announce(this.localize.t('locating'));
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const round = (n: number) => Math.round(n * 1e5) / 1e5;
        this.geo = 'set';
        this.setField('position', {
          lat: round(position.coords.latitude),
          lon: round(position.coords.longitude),
        });
        this.announce(this.positionText());
      },
      (error) => {
        this.geo = error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable';
        this.announce(this.localize.t(this.geo === 'denied' ? 'positionDenied' : 'positionUnavailable'));
        this.pendingFocus = '#f-address';
        this.requestUpdate();
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 },
    );
  }

  private positionText(): string {
    const p = this.form.position;
    if (!p) return '';
    return this.localize.t('positionSet', this.localize.number(p.lat), this.localize.number(p.lon));
  }

  private focusField(event: Event, error: FieldError): void {
    event.preventDefault();
    if (error.step !== this.step) {
      this.step = error.step;
      this.errors = this.errors.filter((e) => e.step === error.step);
    }
    this.pendingFocus = `#${inputId(error.field)}`;
    this.requestUpdate();
  }

  // ---------------------------------------------------------------------------
  // Status lookup

  private switchMode(mode: 'form' | 'status'): void {
    this.mode = mode;
    this.pendingFocus = '#title';
  }

  private async runLookup(): Promise<void> {
    const reference = normalizeReference(this.lookupRef);
    const token = this.lookupToken.trim();
    const t = this.localize.t.bind(this.localize);
    const errors: typeof this.lookupErrors = [];
    if (!isReference(reference)) errors.push({ field: 'reference', message: t('referenceInvalid') });
    if (!isStatusToken(token)) errors.push({ field: 'token', message: t('tokenInvalid') });
    this.lookupErrors = errors;
    if (errors.length) {
      this.pendingFocus = '#summary';
      return;
    }
    this.lookupRef = reference;
    this.lookup = { kind: 'loading' };
    this.announcement = t('lookingUp');
    try {
      const client = await this.getClient();
      const view = await client.concerns.status(reference, token);
      this.lookup = { kind: 'done', view };
      this.announcement = `${t('currentStatus')}${t('colon')}${this.statusLabel(view.status)}`;
      this.pendingFocus = '#status-result';
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      const message =
        status === 404 || status === 403 ? t('notFound') : describeError(error) || t('notFound');
      this.lookup = { kind: 'error', message };
      this.announcement = '';
    }
  }

  private statusLabel(status: string): string {
    const key = `status_${status}` as keyof ConcernMessages & string;
    return key in messages.fr ? (this.localize.t(key as 'status_received') as string) : status;
  }

  // ---------------------------------------------------------------------------
  // Rendering helpers

  private errorFor(field: string): FieldError | undefined {
    return this.errors.find((e) => e.field === field);
  }

  /** `aria-invalid`: absent before the step is validated, then `true` or `false`. */
  private invalid(field: string, step: Step = this.step): 'true' | 'false' | undefined {
    if (!this.validated.has(step)) return undefined;
    return this.errorFor(field) ? 'true' : 'false';
  }

  private errorMessage(error: FieldError): string {
    return errorText(error, this.localize.lang, (text) => this.localize.pick(text));
  }

  private renderError(field: string): TemplateResult | typeof nothing {
    const error = this.errorFor(field);
    return error
      ? html`<p class="error" id=${errorId(field)}>
          <span class="visually-hidden">${this.localize.t('errorPrefix')}</span> ${this.errorMessage(error)}
        </p>`
      : nothing;
  }

  private describedBy(field: string, ...extra: (string | false | undefined)[]): string | undefined {
    return ids(...extra, this.errorFor(field) && errorId(field));
  }

  private renderSummary(): TemplateResult | typeof nothing {
    if (this.errors.length === 0) return nothing;
    return html`<div
      class="summary"
      id="summary"
      part="summary"
      tabindex="-1"
      aria-labelledby="summary-title"
    >
      <h3 id="summary-title">${this.localize.t('errorSummaryTitle', this.errors.length)}</h3>
      <ul>
        ${this.errors.map(
          (error) =>
            html`<li>
              <a href=${`#${inputId(error.field)}`} @click=${(e: Event) => this.focusField(e, error)}
                >${this.errorMessage(error)}</a
              >
            </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderStopper(emergency: Emergency, level: 'h3' | 'h4' = 'h3'): TemplateResult {
    const title = this.localize.t('emergencyTitle');
    const message = this.localize.pick(emergency.message);
    // The category's message often repeats the numbers the heading already gives: drop that sentence.
    const [first = '', ...others] = message.split(/(?<=[.!])\s+/);
    const rest = /\b17\b/.test(first) && /\b112\b/.test(first) ? others.join(' ') : message;
    const heading = level === 'h3' ? html`<h3>${title}</h3>` : html`<h4>${title}</h4>`;
    return html`<div class="stopper" id="stopper" part="stopper" role="alert" tabindex="-1">
      ${heading}
      <p>${rest || this.localize.t('emergencyLead')}</p>
      <ul class="numbers">
        ${emergency.numbers.map((n) => {
          const href = emergencyHref(n);
          return html`<li>
            <a class="button" href=${href}
              >${href.startsWith('sms:') ? this.localize.t('text', n) : this.localize.t('call', n)}</a
            >
          </li>`;
        })}
      </ul>
      <p><strong>${this.localize.t('emergencyBlocked')}</strong></p>
    </div>`;
  }

  private renderCategoryStep(): TemplateResult {
    const groups = groupCategories(this.loaded);
    const error = this.errorFor('category');
    let first = true;
    const emergency = this.emergency;
    return html`<fieldset
      class=${error ? 'has-error' : ''}
      aria-describedby=${ifDefined(this.describedBy('category'))}
    >
      <legend class="step-legend">${this.localize.t('categoryLegend')}</legend>
      ${this.renderError('category')}
      ${groups.map(
        (group) =>
          html`<fieldset class="group">
            <legend>${group.group ? this.localize.pick(group.group) : this.localize.t('otherGroup')}</legend>
            ${group.categories.map((category) => {
              const id = first ? 'f-category' : `f-category-${category.code}`;
              first = false;
              const hint = category.description ? `h-category-${category.code}` : undefined;
              return html`<label class="choice">
                  <input
                    type="radio"
                    name="category"
                    id=${id}
                    .value=${category.code}
                    .checked=${live(this.form.categoryCode === category.code)}
                    aria-describedby=${ifDefined(hint)}
                    aria-invalid=${ifDefined(this.invalid('category'))}
                    @change=${() => this.commit({ ...this.form, categoryCode: category.code })}
                  />
                  <span class="text"
                    ><span>${this.localize.pick(category.label)}</span> ${
                      hint
                        ? html`<span class="hint" id=${hint}
                            >${this.localize.pick(category.description)}</span
                          >`
                        : nothing
                    }</span
                  >
                </label>
                ${
                  emergency?.source === 'category' && this.form.categoryCode === category.code
                    ? this.renderStopper(emergency, 'h4')
                    : nothing
                }`;
            })}
          </fieldset>`,
      )}
    </fieldset>`;
  }

  private renderDescriptionStep(): TemplateResult {
    const length = this.form.description.length;
    return html`<div class="field ${this.errorFor('description') ? 'has-error' : ''}">
      <label class="label" for="f-description"
        >${this.localize.t('descriptionLabel')}
        <span class="tag">(${this.localize.t('required')})</span></label
      >
      <span class="hint" id="h-description">${this.localize.t('descriptionHint')}</span>
      ${this.renderError('description')}
      <textarea
        id="f-description"
        name="description"
        rows="6"
        aria-required="true"
        aria-describedby=${ifDefined(this.describedBy('description', 'h-description', 'c-description'))}
        aria-invalid=${ifDefined(this.invalid('description'))}
        .value=${live(this.form.description)}
        @input=${(e: Event) => this.onDescription((e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p class="count ${length > MAX_DESCRIPTION_LENGTH ? 'over' : ''}" id="c-description">
        ${this.countText(length)}
      </p>
    </div>`;
  }

  private renderLocationStep(): TemplateResult {
    const districts = this.data.value?.districts ?? [];
    const geoMessage =
      this.geo === 'locating'
        ? this.localize.t('locating')
        : this.geo === 'denied'
          ? this.localize.t('positionDenied')
          : this.geo === 'unavailable'
            ? this.localize.t('positionUnavailable')
            : this.form.position
              ? this.positionText()
              : '';
    return html`<fieldset class=${this.errorFor('address') ? 'has-error' : ''}>
      <legend class="step-legend">${this.localize.t('locationLegend')}</legend>
      <p class="hint" id="h-location">${this.localize.t('locationHint')}</p>
      ${this.renderError('address')}
      <div class="field">
        <label class="label" for="f-address">${this.localize.t('addressLabel')}</label>
        <span class="hint" id="h-address">${this.localize.t('addressHint')}</span>
        <input
          type="text"
          id="f-address"
          name="address"
          autocomplete="off"
          aria-describedby=${ifDefined(this.describedBy('address', 'h-location', 'h-address'))}
          aria-invalid=${ifDefined(this.invalid('address'))}
          .value=${live(this.form.address)}
          @input=${(e: Event) => this.setField('address', (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="geo">
        ${
          this.form.position
            ? html`<button
                type="button"
                class="button button--secondary"
                @click=${() => {
                  this.geo = 'idle';
                  this.setField('position', null);
                }}
              >
                ${this.localize.t('clearPosition')}
              </button>`
            : html`<button
                type="button"
                class="button button--secondary"
                ?disabled=${this.geo === 'locating'}
                @click=${() => this.locate()}
              >
                ${this.localize.t('usePosition')}
              </button>`
        }
        ${geoMessage ? html`<p id="geo-status">${geoMessage}</p>` : nothing}
      </div>
      ${
        districts.length
          ? html`<div class="field">
              <label class="label" for="f-district">${this.localize.t('districtLabel')}</label>
              <select
                id="f-district"
                name="district"
                @change=${(e: Event) => this.setField('districtId', (e.target as HTMLSelectElement).value)}
              >
                <option value="" ?selected=${this.form.districtId === ''}>
                  ${this.localize.t('districtNone')}
                </option>
                ${districts.map(
                  (d) =>
                    html`<option value=${d.id} ?selected=${this.form.districtId === d.id}>${d.name}</option>`,
                )}
              </select>
            </div>`
          : nothing
      }
    </fieldset>`;
  }

  private renderField(field: CategoryField, answer: Answer | undefined): TemplateResult {
    const key = fieldKey(field.code);
    const id = inputId(key);
    const label = this.localize.pick(field.label);
    const hint = field.description ? `h-${id.slice(2)}` : undefined;
    const tag = html` <span class="tag"
      >(${this.localize.t(field.required ? 'required' : 'optional')})</span
    >`;
    const invalid = this.invalid(key);
    const describedBy = this.describedBy(key, hint);
    const set = (value: Answer) => this.commit(setAnswer(this.form, field.code, value));
    const text = typeof answer === 'string' ? answer : '';
    const list = Array.isArray(answer) ? answer : [];
    const hintEl = hint
      ? html`<span class="hint" id=${hint}>${this.localize.pick(field.description)}</span>`
      : nothing;
    const emergency = this.emergency;
    const stopper = emergency?.field === key ? this.renderStopper(emergency, 'h4') : nothing;
    const wrap = (content: unknown) =>
      html`<div class="field ${this.errorFor(key) ? 'has-error' : ''}">${content}</div>
        ${stopper}`;

    if (field.datatype === 'singlevaluelist' || field.datatype === 'multivaluelist') {
      const multi = field.datatype === 'multivaluelist';
      const values = field.values ?? [];
      return wrap(
        html`<fieldset aria-describedby=${ifDefined(describedBy)}>
          <legend>${label}${tag}</legend>
          ${hintEl} ${this.renderError(key)}
          ${values.map(
            (v, i) =>
              html`<label class="choice">
                <input
                  type=${multi ? 'checkbox' : 'radio'}
                  name=${id}
                  id=${i === 0 ? id : `${id}-${i}`}
                  .value=${v.key}
                  .checked=${live(multi ? list.includes(v.key) : text === v.key)}
                  aria-invalid=${ifDefined(invalid)}
                  @change=${(e: Event) => {
                    const checked = (e.target as HTMLInputElement).checked;
                    if (!multi) set(v.key);
                    else
                      set(
                        checked
                          ? [...list.filter((k) => k !== v.key), v.key]
                          : list.filter((k) => k !== v.key),
                      );
                  }}
                />
                <span class="text">${this.localize.pick(v.name)}</span>
              </label>`,
          )}
        </fieldset>`,
      );
    }
    const onInput = (e: Event) => set((e.target as HTMLInputElement | HTMLTextAreaElement).value);
    const control =
      field.datatype === 'text'
        ? html`<textarea
            id=${id}
            name=${id}
            rows="4"
            aria-required=${field.required ? 'true' : 'false'}
            aria-describedby=${ifDefined(describedBy)}
            aria-invalid=${ifDefined(invalid)}
            .value=${live(text)}
            @input=${onInput}
          ></textarea>`
        : html`<input
            id=${id}
            name=${id}
            type=${field.datatype === 'datetime' ? 'date' : 'text'}
            inputmode=${ifDefined(field.datatype === 'number' ? 'decimal' : undefined)}
            aria-required=${field.required ? 'true' : 'false'}
            aria-describedby=${ifDefined(describedBy)}
            aria-invalid=${ifDefined(invalid)}
            .value=${live(text)}
            @input=${onInput}
          />`;
    return wrap(
      html`<label class="label" for=${id}>${label}${tag}</label> ${hintEl} ${this.renderError(key)} ${control}`,
    );
  }

  private renderDetailsStep(): TemplateResult {
    const answers = answersFor(this.form, this.form.categoryCode);
    return html`<fieldset>
      <legend class="step-legend">${this.localize.t('detailsLegend')}</legend>
      ${sortedFields(this.category).map((field) => this.renderField(field, answers[field.code]))}
    </fieldset>`;
  }

  private renderPrivacy(): TemplateResult {
    const notice = this.privacy ?? {};
    const todo = html`<span class="todo">${this.localize.t('privacyToConfigure')}</span>`;
    const value = (v: string | LocalizedText | undefined, fallback?: string) =>
      v === undefined
        ? fallback
          ? html`${fallback} ${todo}`
          : todo
        : typeof v === 'string'
          ? v
          : this.localize.pick(v);
    const rows: [string, unknown][] = [
      [this.localize.t('privacyController'), value(notice.controller)],
      [this.localize.t('privacyPurpose'), value(notice.purpose, this.localize.t('privacyDefaultPurpose'))],
      [this.localize.t('privacyLegalBasis'), value(notice.legalBasis)],
      [this.localize.t('privacyRetention'), value(notice.retention)],
      [this.localize.t('privacyRights'), value(notice.rights, this.localize.t('privacyDefaultRights'))],
      [this.localize.t('privacyDpo'), value(notice.dpo)],
    ];
    return html`<section class="privacy" aria-labelledby="privacy-title">
      <h4 id="privacy-title">${this.localize.t('privacyTitle')}</h4>
      <slot name="privacy">
        <dl>
          ${rows.map(
            ([term, def]) =>
              html`<dt>${term}</dt>
                <dd>${def}</dd>`,
          )}
        </dl>
      </slot>
    </section>`;
  }

  private renderContactStep(): TemplateResult {
    const c = this.form.contact;
    const wants = this.form.contactChoice === 'contact';
    const setContact = (key: keyof FormState['contact'], value: string) =>
      this.commit({ ...this.form, contact: { ...this.form.contact, [key]: value } });
    const input = (key: 'name' | 'email' | 'phone', type: string, autocomplete: string, label: string) =>
      html`<div class="field ${this.errorFor(key) ? 'has-error' : ''}">
        <label class="label" for=${`f-${key}`}
          >${label} <span class="tag">(${this.localize.t('optional')})</span></label
        >
        ${this.renderError(key)}
        <input
          id=${`f-${key}`}
          name=${key}
          type=${type}
          autocomplete=${autocomplete}
          aria-describedby=${ifDefined(this.describedBy(key, key !== 'name' && 'h-contact'))}
          aria-invalid=${ifDefined(this.invalid(key))}
          .value=${live(c[key])}
          @input=${(e: Event) => setContact(key, (e.target as HTMLInputElement).value)}
        />
      </div>`;
    const choice = (value: 'anonymous' | 'contact', label: string, hint: string) =>
      html`<label class="choice">
        <input
          type="radio"
          name="contactChoice"
          id=${`f-contact-${value}`}
          .value=${value}
          .checked=${live(this.form.contactChoice === value)}
          aria-describedby=${`h-contact-${value}`}
          @change=${() => this.setField('contactChoice', value)}
        />
        <span class="text"
          ><span>${label}</span><span class="hint" id=${`h-contact-${value}`}>${hint}</span></span
        >
      </label>`;
    return html`<fieldset>
        <legend class="step-legend">${this.localize.t('contactLegend')}</legend>
        ${choice('anonymous', this.localize.t('stayAnonymous'), this.localize.t('stayAnonymousHint'))}
        ${choice('contact', this.localize.t('beContacted'), this.localize.t('beContactedHint'))}
      </fieldset>
      ${
        wants
          ? html`<fieldset>
              <legend>${this.localize.t('beContacted')}</legend>
              <p class="hint" id="h-contact">${this.localize.t('contactHint')}</p>
              ${input('name', 'text', 'name', this.localize.t('nameLabel'))}
              ${input('email', 'email', 'email', this.localize.t('emailLabel'))}
              ${input('phone', 'tel', 'tel', this.localize.t('phoneLabel'))}
              <fieldset>
                <legend>${this.localize.t('preferredLegend')}</legend>
                ${(['', 'email', 'phone'] as const).map(
                  (p) =>
                    html`<label class="choice">
                      <input
                        type="radio"
                        name="preferred"
                        .value=${p}
                        .checked=${live(c.preferred === p)}
                        @change=${() => setContact('preferred', p)}
                      />
                      <span class="text"
                        >${p === '' ? this.localize.t('preferredNone') : p === 'email' ? this.localize.t('emailLabel') : this.localize.t('phoneLabel')}</span
                      >
                    </label>`,
                )}
              </fieldset>
            </fieldset>`
          : nothing
      }
      ${this.renderPrivacy()}`;
  }

  private renderReviewStep(): TemplateResult {
    const f = this.form;
    const category = this.category;
    const districts = this.data.value?.districts ?? [];
    const district = districts.find((d) => d.id === f.districtId)?.name ?? f.districtId;
    const where = [f.address.trim(), f.position ? this.localize.t('positionShort') : '', district]
      .filter(Boolean)
      .join(' — ');
    const answers = answersFor(f, f.categoryCode);
    const details = sortedFields(category)
      .filter((field) => answers[field.code] !== undefined && String(answers[field.code]) !== '')
      .map((field) => {
        const a = answers[field.code] as Answer;
        const name = (k: string) => this.localize.pick(field.values?.find((v) => v.key === k)?.name) || k;
        const value = Array.isArray(a) ? a.map(name).join(', ') : field.values ? name(a) : a;
        return this.localize.t('answerPair', this.localize.pick(field.label), value);
      })
      .join('\n');
    const contact =
      f.contactChoice === 'contact'
        ? [f.contact.name, f.contact.email, f.contact.phone].filter((s) => s.trim()).join(', ')
        : this.localize.t('anonymous');
    const item = (step: Step, value: string) =>
      html`<div class="review-item">
        <dt>${this.localize.t(`step_${step}`)}</dt>
        <dd class="edit">
          <button
            type="button"
            class="link-button"
            aria-label=${`${this.localize.t('edit')}${this.localize.t('colon')}${this.localize.t(`step_${step}`)}`}
            @click=${() => this.goTo(step)}
          >
            ${this.localize.t('edit')}
          </button>
        </dd>
        <dd class="value">${value || this.localize.t('none')}</dd>
      </div>`;
    return html`<p>${this.localize.t('reviewLead')}</p>
      <dl>
        ${item('category', category ? this.localize.pick(category.label) : '')}
        ${item('description', f.description)} ${item('location', where)}
        ${stepsFor(category).includes('details') ? item('details', details) : nothing}
        ${item('contact', contact)}
      </dl>`;
  }

  private renderStep(): unknown {
    switch (this.step) {
      case 'category':
        return this.renderCategoryStep();
      case 'description':
        return this.renderDescriptionStep();
      case 'location':
        return this.renderLocationStep();
      case 'details':
        return this.renderDetailsStep();
      case 'contact':
        return this.renderContactStep();
      case 'review':
        return this.renderReviewStep();
    }
  }

  private renderForm(): TemplateResult {
    // Before a category is chosen, count the details step too (most categories have one).
    const steps = this.category ? stepsFor(this.category) : [...STEPS];
    const index = Math.max(steps.indexOf(this.step), 0);
    return html`${
        this.draft.stored
          ? html`<div class="draft">
              <p>${this.localize.t(this.restored ? 'draftRestored' : 'draftSaved')}</p>
              <button type="button" class="link-button" @click=${() => this.deleteDraft()}>
                ${this.localize.t('deleteDraft')}
              </button>
            </div>`
          : nothing
      }
      <form novalidate @submit=${(e: Event) => (e.preventDefault(), this.next())}>
        <h3 id="step-title" class="progress" tabindex="-1">
          ${this.localize.t('stepOf', index + 1, steps.length)}${this.localize.t('colon')}${this.localize.t(`step_${this.step}`)}
        </h3>
        <div class="bar" aria-hidden="true">
          ${steps.map((_, i) => html`<span class=${i <= index ? 'done' : ''}></span>`)}
        </div>
        ${this.renderSummary()} ${this.renderStep()}
        <div class="honeypot" aria-hidden="true">
          <label for="f-honeypot">${this.localize.t('honeypotLabel')}</label>
          <input
            id="f-honeypot"
            name="honeypot"
            type="text"
            tabindex="-1"
            autocomplete="off"
            .value=${live(this.form.honeypot)}
            @input=${(e: Event) => this.setField('honeypot', (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="actions">
          ${
            index > 0
              ? html`<button type="button" class="button button--secondary" @click=${() => this.previous()}>
                  ${this.localize.t('previous')}
                </button>`
              : nothing
          }
          <button type="submit" class="button">
            ${this.localize.t(this.step === 'review' ? 'submit' : 'next')}
          </button>
        </div>
      </form>`;
  }

  private renderResult(s: Exclude<SubmissionState, { kind: 'idle' }>): TemplateResult {
    if (s.kind === 'sending')
      return html`<div class="panel" part="panel" aria-busy="true">
        <h3 id="result-title" tabindex="-1">${this.localize.t('sending')}</h3>
      </div>`;
    if (s.kind === 'queued')
      return html`<div class="panel" part="panel">
        <h3 id="result-title" tabindex="-1">${this.localize.t('queuedTitle')}</h3>
        <p>${this.localize.t('queuedText')}</p>
      </div>`;
    if (s.kind === 'failed')
      return html`<div class="panel panel--failed" part="panel">
        <h3 id="result-title" tabindex="-1">${this.localize.t('failedTitle')}</h3>
        <p>${this.reason(s.reason)}</p>
        <div class="actions">
          <button type="button" class="button button--secondary" @click=${() => void this.submission.reset()}>
            ${this.localize.t('edit')}
          </button>
          <button
            type="button"
            class="button"
            @click=${() => void this.submission.retry(() => this.submit())}
          >
            ${this.localize.t('retry')}
          </button>
        </div>
      </div>`;
    const receipt = s.receipt;
    // This page in status mode: the receipt's `statusUrl` may be the API's JSON, not a page for residents.
    const link =
      typeof location !== 'undefined'
        ? statusPageUrl(location.href, receipt.reference, receipt.statusToken)
        : isSafeUrl(receipt.statusUrl)
          ? receipt.statusUrl
          : undefined;
    return html`<div class="panel panel--sent receipt" part="panel">
      <h3 id="result-title" tabindex="-1">${this.localize.t('sentTitle')}</h3>
      <dl>
        <dt>${this.localize.t('sentReference')}</dt>
        <dd class="reference">${receipt.reference}</dd>
        <dt>${this.localize.t('sentService')}</dt>
        <dd>${this.localize.pick(receipt.service.name)}</dd>
      </dl>
      ${
        link
          ? html`<p>${this.localize.t('sentKeep')}</p>
              <p><a href=${link}>${this.localize.t('statusLink')}</a></p>`
          : nothing
      }
      <button type="button" class="button button--secondary" @click=${() => this.newConcern()}>
        ${this.localize.t('newConcern')}
      </button>
    </div>`;
  }

  private renderStatusView(view: ConcernStatusView): TemplateResult {
    const current = stageIndex(view.status);
    const date = (iso: string) => this.localize.date(iso, { dateStyle: 'long', timeStyle: 'short' });
    return html`<section class="status-view" id="status-result" tabindex="-1" aria-labelledby="status-ref">
      <h3 id="status-ref">${view.reference}</h3>
      <dl>
        <dt>${this.localize.t('currentStatus')}</dt>
        <dd><strong>${this.statusLabel(view.status)}</strong></dd>
        <dt>${this.localize.t('sentService')}</dt>
        <dd>${this.localize.pick(view.service.name)}</dd>
        <dt>${this.localize.t('submittedOn')}</dt>
        <dd><time datetime=${view.submittedAt}>${date(view.submittedAt)}</time></dd>
        <dt>${this.localize.t('updatedOn')}</dt>
        <dd><time datetime=${view.updatedAt}>${date(view.updatedAt)}</time></dd>
      </dl>
      ${
        current >= 0
          ? html`<ol class="stages">
              ${STATUS_STAGES.map((stage, i) => {
                const where = i < current ? 'stageDone' : i === current ? 'stageCurrent' : 'stageTodo';
                return html`<li
                  class=${i < current ? 'done' : i === current ? '' : 'todo-stage'}
                  aria-current=${ifDefined(i === current ? 'step' : undefined)}
                >
                  ${this.localize.t(`stage_${stage}`)}
                  <span class="visually-hidden">(${this.localize.t(where)})</span>
                </li>`;
              })}
            </ol>`
          : nothing
      }
      <h4>${this.localize.t('updatesTitle')}</h4>
      ${
        view.updates.length
          ? html`<ol class="updates">
              ${[...view.updates]
                .sort((a, b) => a.at.localeCompare(b.at))
                .map(
                  (u) =>
                    html`<li>
                      <time datetime=${u.at}>${date(u.at)}</time> —
                      <strong>${this.statusLabel(u.status)}</strong>
                      <p>${this.localize.pick(u.text)}</p>
                    </li>`,
                )}
            </ol>`
          : html`<p>${this.localize.t('noUpdates')}</p>`
      }
    </section>`;
  }

  private renderStatusMode(): TemplateResult {
    const errorOf = (field: 'reference' | 'token') => this.lookupErrors.find((e) => e.field === field);
    const validated = this.lookupErrors.length > 0 || this.lookup.kind !== 'idle';
    const field = (
      key: 'reference' | 'token',
      label: string,
      hint: string,
      value: string,
      set: (v: string) => void,
    ) => {
      const error = errorOf(key);
      return html`<div class="field ${error ? 'has-error' : ''}">
        <label class="label" for=${`f-${key}`}>${label}</label>
        <span class="hint" id=${`h-${key}`}>${hint}</span>
        ${
          error
            ? html`<p class="error" id=${`e-${key}`}>
                <span class="visually-hidden">${this.localize.t('errorPrefix')}</span> ${error.message}
              </p>`
            : nothing
        }
        <input
          id=${`f-${key}`}
          name=${key}
          type="text"
          autocomplete="off"
          spellcheck="false"
          aria-describedby=${ifDefined(ids(`h-${key}`, error && `e-${key}`))}
          aria-invalid=${ifDefined(validated ? (error ? 'true' : 'false') : undefined)}
          .value=${live(value)}
          @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
        />
      </div>`;
    };
    return html`<form novalidate @submit=${(e: Event) => (e.preventDefault(), void this.runLookup())}>
        ${
          this.lookupErrors.length
            ? html`<div
                class="summary"
                id="summary"
                part="summary"
                tabindex="-1"
                aria-labelledby="summary-title"
              >
                <h3 id="summary-title">${this.localize.t('errorSummaryTitle', this.lookupErrors.length)}</h3>
                <ul>
                  ${this.lookupErrors.map(
                    (e) =>
                      html`<li>
                        <a
                          href=${`#f-${e.field}`}
                          @click=${(ev: Event) => {
                            ev.preventDefault();
                            this.renderRoot.querySelector<HTMLElement>(`#f-${e.field}`)?.focus();
                          }}
                          >${e.message}</a
                        >
                      </li>`,
                  )}
                </ul>
              </div>`
            : nothing
        }
        ${field('reference', this.localize.t('referenceLabel'), this.localize.t('referenceHint'), this.lookupRef, (v) => (this.lookupRef = v))}
        ${field('token', this.localize.t('tokenLabel'), this.localize.t('tokenHint'), this.lookupToken, (v) => (this.lookupToken = v))}
        <div class="actions">
          <button type="submit" class="button" ?disabled=${this.lookup.kind === 'loading'}>
            ${this.localize.t('lookup')}
          </button>
        </div>
      </form>
      ${
        this.lookup.kind === 'error'
          ? html`<div class="panel panel--failed" part="panel" role="alert">
              <p>${this.lookup.message}</p>
            </div>`
          : this.lookup.kind === 'done'
            ? this.renderStatusView(this.lookup.view)
            : nothing
      }`;
  }

  override render() {
    const status = this.mode === 'status';
    const result = this.submission.state;
    return html`<section class="base" part="base" aria-labelledby="title">
      <div class="top">
        <h2 id="title" tabindex="-1">${this.localize.t(status ? 'statusTitle' : 'title')}</h2>
        <button type="button" class="link-button" @click=${() => this.switchMode(status ? 'form' : 'status')}>
          ${this.localize.t(status ? 'switchToForm' : 'switchToStatus')}
        </button>
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${
        status
          ? this.renderStatusMode()
          : result.kind !== 'idle'
            ? this.renderResult(result)
            : this.data.render({
                complete: () => this.renderForm(),
                empty: () => this.data.renderEmpty(this.localize.t('noCategories')),
              })
      }
    </section>`;
  }
}
