import {
  adoptStyles,
  html,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import { live } from 'lit/directives/live.js';
import type { ConcernCategory, ConcernReceipt } from '@proximite/contract';
import type { Outbox } from '@proximite/sdk/core.js';
import { ProxElement, newTask } from '../kit/base-element.js';
import { DataController, describeError } from '../kit/data.controller.js';
import { kitMessages } from '../kit/kit.messages.js';
import { LocalizeController, type Translations } from '../kit/localize.js';
import type { ConcernClient } from './backend.js';
import { createFormOutbox, outboxExists, resolveConcernClient } from './client.js';
import { ConcernQueuedEvent, ConcernSubmittedEvent } from './concern-form.events.js';
import { messages, type ConcernMessages } from './concern-form.messages.js';
import { styles } from './concern-form.styles.js';
import { DraftController } from './draft.controller.js';
import { renderHelp, type HelpContact } from './help.js';
import type {
  FormContext,
  Geo,
  Lookup,
  LookupError,
  MailDraft,
  PrivacyNotice,
  VerdictDraft,
  VerdictState,
} from './form-context.js';
import {
  emptyState,
  filterCategories,
  findCategory,
  nextStep,
  previousStep,
  STEPS,
  stepsFor,
  type FormState,
  type Step,
} from './form-model.js';
import type { Emergency, FieldError } from './form-rules.js';
import type { ResultContext } from './result.js';
import { readStatusParams } from './status-link.js';
import type * as StatusViewModule from './status-view.js';
import type * as ConductGuideModule from './conduct-guide.js';
import type * as FormViewModule from './form-view.js';
import { SubmissionController, type SubmissionState } from './submission.controller.js';

export type { PrivacyNotice } from './form-context.js';
export type { HelpContact } from './help.js';

type StatusView = typeof StatusViewModule;
type FormView = typeof FormViewModule;

interface Loaded {
  categories: ConcernCategory[];
  districts: { id: string; name: string }[];
}

/**
 * Residents report a concern (neighbour relations, parking, illegal dumping, noise…), routed to the
 * competent service; or follow one with its reference and tracking code. Steps suited to a phone,
 * anonymous by default, an emergency stopper (17 / 112 / 114) that never submits, a local draft with
 * an expiry, and submission through the SDK outbox so that nothing is lost offline.
 *
 * The class holds the state and the wiring; each step renders from a typed context (steps/*.ts),
 * the result panels from result.ts, and the status view is a module loaded when first shown
 * (status-view.ts).
 *
 * @summary A step-by-step concern form with an emergency stopper, offline outbox and status lookup.
 *
 * @slot privacy - Replaces the default personal-data notice (controller, purpose, legal basis, retention, rights, DPO).
 *
 * @csspart base - The wrapper of the whole widget.
 * @csspart summary - The error summary.
 * @csspart stopper - The emergency stopper.
 * @csspart panel - The sending, queued, sent or failed panel.
 * @csspart state - Loading, empty and error messages.
 *
 * @cssprop [--prox-concern-form-max-inline-size=40rem] - Widest the form grows.
 * @cssprop [--prox-concern-form-gap=1.25rem] - Space between fields.
 *
 * @fires {ConcernSubmittedEvent} prox-concern-submitted - A concern reached the backend; `detail.receipt` has its reference and service.
 * @fires {ConcernQueuedEvent} prox-concern-queued - A concern was kept on the device while offline; `detail.id` is its outbox id.
 */
export class ConcernForm extends ProxElement {
  static override styles = [...ProxElement.styles, styles];

  static override properties: PropertyDeclarations = {
    api: {},
    open311: {},
    open311Key: { attribute: 'open311-key' },
    jurisdiction: {},
    categories: {},
    district: {},
    mode: { reflect: true },
    client: { attribute: false },
    outbox: { attribute: false },
    privacy: { type: Object },
    contact: { type: Object },
    form: { state: true },
    step: { state: true },
    errors: { state: true },
    validated: { state: true },
    announcement: { state: true },
    geo: { state: true },
    restored: { state: true },
    lookup: { state: true },
    lookupRef: { state: true },
    lookupToken: { state: true },
    lookupErrors: { state: true },
    canGiveVerdict: { state: true },
    verdict: { state: true },
    verdictDraft: { state: true },
    canAddEmail: { state: true },
    mail: { state: true },
    mailDraft: { state: true },
    view: { state: true },
    statusView: { state: true },
    statusError: { state: true },
    conductGuide: { state: true },
  };

  /**
   * Where the form's view comes from: its steps, panels and their texts, a chunk loaded right after
   * the first paint beside the SDK (issue 21; tests replace it).
   */
  static formViewModule = (): Promise<FormView> => import('./form-view.js');
  /** Where the status view's module comes from (a lazy chunk beside the bundle; tests replace it). */
  static statusViewModule = (): Promise<StatusView> => import('./status-view.js');
  /** Where the conduct-complaint recourse guide comes from (a lazy chunk: few residents need it). */
  static conductGuideModule = (): Promise<typeof ConductGuideModule> => import('./conduct-guide.js');

  /**
   * The form's texts: the first view's table now, the view's added when its chunk has loaded (each
   * element its own copy). No step or panel is rendered before, so no text is asked for before.
   */
  private readonly tables = {
    fr: { ...messages.fr },
    en: { ...messages.en },
  } as Translations<ConcernMessages>;
  private readonly localize = new LocalizeController(this, this.tables);
  private readonly data = new DataController<
    readonly [ConcernClient | undefined, string, string | undefined, string | undefined, string],
    Loaded
  >(this, {
    args: () => [this.client, this.mode, this.api, this.open311, this.categories] as const,
    load: ([, mode], signal) => this.load(mode, signal),
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
    reachable: async () => {
      // A read the backend answers to any origin (categories, or Open311 services), not from cache.
      await (await this.getClient()).concerns.categories({ cache: false });
      return true;
    },
  });
  /** Whether the resident has typed or chosen anything yet (nothing is stored before). */
  private interacted = false;
  private started = false;
  /** A selector to focus after the next update. */
  private pendingFocus?: string;
  /** The focus asked for by the last update, until it moves (the next frame). */
  private focusing?: Promise<void>;
  /** Whether the pending focus moves in the next frame (a step change), not after the update. */
  private focusNextFrame = false;
  /** The description length band last announced. */
  private lastBand = 0;
  private resolved?: { key: string; client: Promise<ConcernClient> };
  /** The form view's module while it loads. */
  private viewLoading?: Promise<FormView> | undefined;
  /** The status view's module while it loads. */
  private statusLoading?: Promise<StatusView | undefined> | undefined;
  private conductLoading = false;
  /** The console already says what the privacy notice lacks. */
  private privacyWarned = false;
  /** The step was opened by « Modifier » on the review: « Continuer » goes back there (set with `step`). */
  private returning = false;

  /** Everything the resident typed. */
  declare private form: FormState;
  declare private step: Step;
  /** Errors shown now (the summary and the fields). */
  declare private errors: FieldError[];
  /** Steps that were validated: only their fields carry aria-invalid. */
  declare private validated: Set<Step>;
  /** What the polite live region says. */
  declare private announcement: string;
  declare private geo: Geo;
  /** The draft was restored from this device. */
  declare private restored: boolean;
  declare private lookup: Lookup;
  declare private lookupRef: string;
  declare private lookupToken: string;
  declare private lookupErrors: LookupError[];
  /** The client of the lookup collects verdicts (« Le problème est-il réglé ? »). */
  declare private canGiveVerdict: boolean;
  declare private verdict: VerdictState;
  declare private verdictDraft: VerdictDraft;
  /** The client of the lookup sends updates by e-mail on request. */
  declare private canAddEmail: boolean;
  declare private mail: VerdictState;
  declare private mailDraft: MailDraft;
  /** The form's view (steps, panels, texts), once its chunk has loaded. */
  declare private view?: FormView;
  /** The status view's module, once loaded (it loads the first time the view is shown). */
  declare private statusView?: StatusView;
  /** Why the status view's module failed to load (a retry button is offered). */
  declare private statusError?: unknown;
  /** The recourse guide's module, once a conduct-complaint category was chosen. */
  declare private conductGuide?: typeof ConductGuideModule;

  /** Base URL of a backend that speaks the Proximité contract. */
  declare api?: string;
  /** Base URL of an Open311 GeoReport v2 endpoint (used instead of `api`). */
  declare open311?: string;
  /** Open311 API key, when the endpoint requires one for POST. Attribute `open311-key`. */
  declare open311Key?: string;
  /** Open311 jurisdiction id, when the endpoint serves several. */
  declare jurisdiction?: string;
  /** Comma-separated category codes to offer (a subset of the backend's); all when empty. */
  declare categories: string;
  /** Preselected district id (a district site). */
  declare district?: string;
  /** `form` (default) to report a concern, `status` to follow one with its reference and tracking code. */
  declare mode: 'form' | 'status';
  /** A client (the SDK's, an adapter, or any object with `concerns.categories/submit/status`). */
  declare client?: ConcernClient;
  /** An outbox to submit through (defaults to the SDK's `createOutbox` on the resolved client). */
  declare outbox?: Outbox;
  /**
   * The deployment's personal-data notice (also settable as a JSON attribute). Purpose, legal basis
   * and rights have defaults; what has none and is not set is left out, with a console warning.
   */
  declare privacy?: PrivacyNotice;
  /**
   * A human contact of the city (JSON attribute: `name`, `phone`, `email`, `url`, `hours`), shown
   * with the emergency numbers wherever the form cannot help.
   */
  declare contact?: HelpContact;

  constructor() {
    super();
    this.categories = '';
    this.mode = 'form';
    this.form = emptyState();
    this.step = 'category';
    this.errors = [];
    this.validated = new Set();
    this.announcement = '';
    this.geo = 'idle';
    this.restored = false;
    this.lookup = { kind: 'idle' };
    this.lookupRef = '';
    this.lookupToken = '';
    this.lookupErrors = [];
    this.canGiveVerdict = false;
    this.verdict = { kind: 'idle' };
    this.verdictDraft = { resolved: undefined, comment: '', error: undefined };
    this.canAddEmail = false;
    this.mail = { kind: 'idle' };
    this.mailDraft = { email: '', error: undefined };
  }

  /**
   * What the form finds on connecting (a pending submission, an outbox, a draft, a status link) is
   * read in a task of its own, after the one that evaluated the bundle and connected the element
   * and before the first render's (see scheduleUpdate; issue 21).
   */
  private start(): void {
    if (this.started) return;
    this.started = true;
    const pending = this.draft.loadPending();
    if (pending) {
      // A submission made before a reload: show where it stands; forget it if it was delivered
      // meanwhile. Its panel and texts come with the form's view.
      void this.loadView()
        .then(() => this.submission.resume(pending))
        .then(
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
      this.followLink();
      // A receipt's link is this page with a fragment: following it from the receipt loads nothing.
      addEventListener('hashchange', () => this.followLink());
    }
  }

  /** A status link (`#ref=…&token=…`, or the older `?ref=…&token=…`) opens the status view. */
  private followLink(): void {
    const { reference, token } = readStatusParams(location);
    if (reference && token) {
      this.mode = 'status';
      this.lookupRef = reference;
      this.lookupToken = token;
      void this.runLookup();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // After a failed load, only the retry button or choosing the status view again loads again.
    if (this.mode === 'status' && (!this.statusError || changed.has('mode'))) void this.loadStatusView();
    // The receipt's buttons come with the status view's module: it loads while the report is sent.
    else if (this.submission.state.kind !== 'idle' && !this.statusError) void this.loadStatusView();
    // A draft restored on a conduct-complaint category shows its guide too.
    if (!this.conductGuide && this.category?.conduct) this.loadConductGuide(false);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // When the notice is first shown, the page has set what it will set: say what is missing.
    const view = this.view;
    if (view && this.step === 'contact' && !this.privacyWarned && !this.querySelector('[slot="privacy"]')) {
      this.privacyWarned = true;
      const missing = view.missingPrivacy(this.privacy);
      if (missing.length)
        console.warn(
          `proximite: <prox-concern-form> privacy notice: set ${missing.join(', ')} in its privacy ` +
            'attribute (JSON) or privacy slot; residents do not see these entries until then.',
        );
    }
    if (this.pendingFocus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.pendingFocus);
      if (target) {
        this.pendingFocus = undefined;
        // A step change: focus lays the page out (what is focusable, where to scroll), in the next
        // frame, whose layout the browser does anyway, not in this task (issue 21: 29 ms of
        // « Continuer »'s 56 at 4× CPU throttling). `updateComplete` waits for it.
        if (!this.focusNextFrame) target.focus();
        else
          this.focusing = new Promise((resolve) =>
            requestAnimationFrame(() => {
              this.focusing = undefined;
              if (target.isConnected) target.focus();
              resolve();
            }),
          );
        this.focusNextFrame = false;
      }
    }
  }

  /**
   * The first render in a task of its own, not in the one that evaluated the bundle and connected
   * the element (issue 21: together, a task of about 90 ms of thread time at 4× CPU throttling).
   * Before it, a task of its own reads what the form finds on connecting (start): together with the
   * connecting task, 20–26 ms of its 44–60 at 4× CPU throttling; then another asks for the modules
   * the load needs (prefetch), which took 15–25 ms of the first render's task when the load asked
   * for them there. `updateComplete` still waits for all three.
   */
  protected static override firstUpdateInOwnTask = true;

  protected override async beforeFirstUpdate(): Promise<void> {
    this.start();
    await newTask();
    this.prefetch();
    await newTask();
  }

  /**
   * Asks for what the first load needs (the form's view and, for the form, the SDK), in a task of
   * its own between start()'s and the first render's: the first render, which runs the load, then
   * finds both on their way (issue 21). A failure here is the load's to show: it asks again.
   */
  private prefetch(): void {
    void this.loadView().catch(() => undefined);
    if (this.mode !== 'status') void this.getClient().catch(() => undefined);
  }

  /** `updateComplete` waits until the focus an update asks for has moved. */
  protected override pendingRender(): Promise<unknown> | undefined {
    return this.focusing;
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

  private async load(mode: string, signal: AbortSignal): Promise<Loaded> {
    // The form's view loads beside the SDK; the status view needs its texts too.
    const view = this.loadView();
    if (mode === 'status') {
      await view;
      return { categories: [], districts: [] };
    }
    const [client, { sampleFonts }] = await Promise.all([this.getClient(), view]);
    // The requests leave in a task of their own, not in the one that evaluated the SDK's chunk.
    await newTask();
    const [categories, districts] = await Promise.all([
      client.concerns.categories({ signal }),
      client.districts?.list({ signal }).catch(() => []) ?? Promise.resolve([]),
      // Meanwhile the first step's fonts are looked up in a frame of their own (font-sample.ts).
      sampleFonts(this.renderRoot, this.localize),
    ]);
    return { categories: filterCategories(categories, this.categories), districts };
  }

  private async makeOutbox(): Promise<Outbox> {
    return this.outbox ?? createFormOutbox(await this.getClient());
  }

  /** Loads the form's view once and adds its texts to the element's tables; a failed load is tried again. */
  private loadView(): Promise<FormView> {
    if (this.view) return Promise.resolve(this.view);
    this.viewLoading ??= ConcernForm.formViewModule().then(
      (view) => {
        Object.assign(this.tables.fr, view.viewMessages.fr);
        Object.assign(this.tables.en, view.viewMessages.en);
        this.view = view;
        this.adoptViewStyles();
        return view;
      },
      (error: unknown) => {
        this.viewLoading = undefined;
        throw error;
      },
    );
    return this.viewLoading;
  }

  /** The element's styles, then those of the form's view and of the status view once loaded. */
  private adoptViewStyles(): void {
    adoptStyles(this.renderRoot as ShadowRoot, [
      ...ConcernForm.elementStyles,
      ...(this.view ? [this.view.viewStyles] : []),
      ...(this.statusView ? [this.statusView.statusStyles] : []),
    ]);
  }

  /** Loads the status view's module once (with its styles). */
  private loadStatusView(): Promise<StatusView | undefined> {
    if (this.statusView) return Promise.resolve(this.statusView);
    if (!this.statusLoading) {
      this.statusError = undefined;
      this.statusLoading = ConcernForm.statusViewModule()
        .then((view) => {
          this.statusView = view;
          this.adoptViewStyles();
          return view;
        })
        .catch((error: unknown) => {
          this.statusError = error;
          return undefined;
        })
        .finally(() => {
          this.statusLoading = undefined;
        });
    }
    return this.statusLoading;
  }

  private get loaded(): ConcernCategory[] {
    return this.data.value?.categories ?? [];
  }

  private get category(): ConcernCategory | undefined {
    return findCategory(this.loaded, this.form.categoryCode);
  }

  private get emergency(): Emergency | null {
    return this.view?.detectEmergency(this.form, this.loaded) ?? null;
  }

  /**
   * A conduct complaint the form cannot send: the category has `conduct` and the city has no
   * independent instance to send it to (it is never sent to the police).
   */
  private get conductBlocked(): boolean {
    const conduct = this.category?.conduct;
    return conduct !== undefined && conduct.instance === undefined;
  }

  /** Loads the recourse guide once; `announce`: then say its title (its text is in the page). */
  private loadConductGuide(announce: boolean): void {
    const show = () => {
      const title = this.renderRoot.querySelector('#conduct-guide-title')?.textContent;
      if (announce && title) this.announce(title);
    };
    if (this.conductGuide) return void this.updateComplete.then(show);
    if (this.conductLoading) return;
    this.conductLoading = true;
    void ConcernForm.conductGuideModule()
      .then((module) => {
        this.conductGuide = module;
        return this.updateComplete;
      })
      .then(show)
      // Without its module the category still explains itself, and the server refuses what it must.
      .catch(() => undefined)
      .finally(() => (this.conductLoading = false));
  }

  // ---------------------------------------------------------------------------
  // The resident's actions

  /** Every change the resident makes goes through here: the fill-time signal, the draft, live error clearing. */
  private commit(next: FormState): void {
    if (!this.interacted || !next.formStartedAt) {
      this.interacted = true;
      if (!next.formStartedAt) next = { ...next, formStartedAt: new Date().toISOString() };
    }
    const chosen = next.categoryCode !== this.form.categoryCode;
    this.form = next;
    if (chosen && this.category?.conduct) this.loadConductGuide(true);
    // The form's rules come with its view, which is here before any step is shown.
    const view = this.view;
    if (!view) return;
    if (this.validated.has(this.step) && this.errors.length) {
      // Fixing a field clears its message; a field is not marked wrong before the next validation.
      const shown = new Set(this.errors.map((e) => e.field));
      const now =
        this.step === 'review'
          ? view.validateAll(next, this.loaded)
          : view.validateStep(this.step, next, this.loaded);
      this.errors = now.filter((e) => shown.has(e.field));
    }
    if (view.hasContent(next)) this.draft.save(next, this.step);
  }

  private describe(value: string): void {
    this.commit({ ...this.form, description: value });
    const view = this.view;
    const band = view?.lengthBand(value.length) ?? 0;
    if (view && band !== this.lastBand) {
      this.lastBand = band;
      if (band > 0) this.announce(view.countText(this.localize, value.length));
    }
  }

  private announce(text: string): void {
    // The region exists from the first render; clearing first makes a repeated message heard again.
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }

  private goTo(step: Step, focus = '#step-title'): void {
    this.returning = false;
    this.step = step;
    this.errors = [];
    this.pendingFocus = focus;
    this.focusNextFrame = true;
    if (this.interacted && this.view?.hasContent(this.form)) this.draft.save(this.form, step);
  }

  private next(): void {
    if (this.step === 'review') return void this.submit();
    const view = this.view;
    if (!view) return;
    const emergency = this.emergency;
    if (
      emergency &&
      (this.step === 'category' || (this.step === 'details' && emergency.source === 'field'))
    ) {
      this.pendingFocus = '#stopper';
      this.requestUpdate();
      return;
    }
    if (this.step === 'category' && this.conductBlocked) {
      this.pendingFocus = '#conduct-guide';
      this.requestUpdate();
      return;
    }
    const errors = view.validateStep(this.step, this.form, this.loaded);
    this.validated = new Set(this.validated).add(this.step);
    if (errors.length) {
      this.errors = errors;
      this.pendingFocus = '#summary';
      return;
    }
    // Back to the review after « Modifier », unless the change opened a step still to fill in
    // (another category with its own questions).
    if (this.returning && view.validateAll(this.form, this.loaded).length === 0) return this.goTo('review');
    this.goTo(nextStep(this.step, this.category));
  }

  private previous(): void {
    this.goTo(previousStep(this.step, this.category));
  }

  private edit(step: Step): void {
    this.goTo(step);
    this.returning = true;
  }

  private async submit(): Promise<void> {
    const view = this.view;
    if (!view) return;
    if (this.emergency) {
      this.pendingFocus = '#stopper';
      this.requestUpdate();
      return;
    }
    if (this.conductBlocked) {
      this.goTo('category', '#conduct-guide');
      return;
    }
    const errors = view.validateAll(this.form, this.loaded);
    this.validated = new Set(stepsFor(this.category));
    if (errors.length) {
      this.errors = errors;
      this.pendingFocus = '#summary';
      return;
    }
    this.errors = [];
    const input = view.buildConcernInput(this.form, this.loaded, this.localize.lang);
    this.pendingFocus = '#result-title';
    await this.submission.submit(input);
  }

  private onSubmissionChange(s: SubmissionState): void {
    const t = this.localize.t.bind(this.localize);
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    this.announcement =
      s.kind === 'sending'
        ? t('sending')
        : s.kind === 'queued'
          ? t(offline ? 'queuedTitle' : 'unreachableTitle')
          : s.kind === 'refused'
            ? t('refusedTitle')
            : s.kind === 'sent'
              ? `${t('sentTitle')}. ${t('sentReference')} ${s.receipt.reference}.`
              : s.kind === 'failed'
                ? `${t('failedTitle')}. ${this.reason(s.reason)}`
                : '';
    if (s.kind === 'refused') this.explainRefusal();
    if (s.kind === 'idle') this.draft.savePending(undefined);
    else this.pendingFocus = '#result-title';
  }

  /** Tells the webmaster, in the console, why reports cannot leave this page and how to fix it. */
  private explainRefusal(): void {
    const backend = this.open311 ?? this.api ?? 'the backend';
    const origin = location.origin;
    console.error(
      `proximite: ${backend} answers this page but refuses the reports it sends (CORS: the origin ` +
        `${origin} is not allowed). On the reference server, add it to PROXIMITE_ALLOWED_ORIGINS ` +
        `(PROXIMITE_ALLOWED_ORIGINS=${origin}). Check with: npx proximite doctor --origin ${origin} ` +
        `${this.open311 ?? this.api ?? '<api>'}. Reports stay on the residents' devices for 24 h.`,
    );
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

  /** Why a report was not sent, in the resident's words (the server's own text goes to the console). */
  private reason(reason: unknown): string {
    const t = this.localize.t.bind(this.localize);
    const why = (reason as { reason?: unknown } | undefined)?.reason;
    if (why === 'rejected') return t('rejected');
    if (why === 'expired') return t('expired');
    if (why === 'invalid-response') return t('unreadableReceipt');
    return describeError(reason, (key) => kitMessages[this.localize.lang][key]);
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
        this.commit({
          ...this.form,
          position: { lat: round(position.coords.latitude), lon: round(position.coords.longitude) },
        });
        if (this.view) this.announce(this.view.positionText(this.localize, this.form));
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

  private focusField(event: Event, error: FieldError): void {
    event.preventDefault();
    if (error.step !== this.step) {
      this.step = error.step;
      this.errors = this.errors.filter((e) => e.step === error.step);
    }
    if (this.view) this.pendingFocus = `#${this.view.inputId(error.field)}`;
    this.requestUpdate();
  }

  // ---------------------------------------------------------------------------
  // Status lookup

  private switchMode(mode: 'form' | 'status'): void {
    this.mode = mode;
    this.pendingFocus = '#title';
  }

  private async runLookup(): Promise<void> {
    const view = await this.loadStatusView();
    if (!view) return;
    const checked = view.checkLookup(this.localize, this.lookupRef, this.lookupToken);
    this.lookupErrors = checked.errors;
    if (checked.errors.length) {
      this.pendingFocus = '#summary';
      return;
    }
    this.lookupRef = checked.reference;
    this.lookup = { kind: 'loading' };
    this.verdict = { kind: 'idle' };
    this.verdictDraft = { resolved: undefined, comment: '', error: undefined };
    this.mail = { kind: 'idle' };
    this.mailDraft = { email: '', error: undefined };
    this.announcement = view.lookupAnnouncement(this.localize);
    try {
      const client = await this.getClient();
      const found = await client.concerns.status(checked.reference, checked.token);
      this.canGiveVerdict = typeof client.concerns.feedback === 'function';
      this.canAddEmail = typeof client.concerns.addEmail === 'function';
      this.lookup = { kind: 'done', view: found };
      this.announcement = view.lookupAnnouncement(this.localize, found);
      this.pendingFocus = '#status-result';
    } catch (error) {
      this.lookup = { kind: 'error', message: view.lookupFailure(this.localize, error) };
      this.announcement = '';
      // The « Voir le suivi » button was disabled while looking up, which sent focus to <body>:
      // the resident lands on the error instead.
      this.pendingFocus = '#lookup-error';
    }
  }

  /** « Envoyer ma réponse »: the verdict on the concern found, with the code or token of the lookup. */
  private async sendVerdict(): Promise<void> {
    const view = this.statusView;
    const draft = this.verdictDraft;
    if (!view || this.lookup.kind !== 'done' || this.verdict.kind === 'sending') return;
    if (draft.resolved === undefined) {
      this.verdictDraft = { ...draft, error: view.verdictUnchosen(this.localize) };
      this.pendingFocus = '#f-verdict-yes';
      return;
    }
    const resolved = draft.resolved;
    const comment = draft.comment.trim();
    this.verdict = { kind: 'sending' };
    try {
      const client = await this.getClient();
      if (!client.concerns.feedback) throw new Error('This backend does not collect verdicts.');
      const updated = await client.concerns.feedback(this.lookupRef, this.lookupToken, {
        resolved,
        ...(comment ? { comment } : {}),
      });
      this.lookup = { kind: 'done', view: updated };
      this.verdict = { kind: 'idle' };
      this.announcement = view.verdictAnnouncement(this.localize, resolved);
      this.pendingFocus = '#verdict-result';
    } catch (error) {
      this.verdict = { kind: 'error', message: view.verdictFailure(this.localize, error) };
      this.pendingFocus = '#verdict-error';
    }
  }

  /** « Recevoir les nouvelles »: e-mail updates for the concern found, with the lookup's secret. */
  private async sendMail(): Promise<void> {
    const view = this.statusView;
    if (!view || this.lookup.kind !== 'done' || this.mail.kind === 'sending') return;
    const problem = view.mailProblem(this.localize, this.mailDraft.email);
    if (problem) {
      this.mailDraft = { ...this.mailDraft, error: problem };
      this.pendingFocus = '#f-mail';
      return;
    }
    this.mail = { kind: 'sending' };
    try {
      const client = await this.getClient();
      if (!client.concerns.addEmail) throw new Error('This backend does not send updates by e-mail.');
      const updated = await client.concerns.addEmail(
        this.lookupRef,
        this.lookupToken,
        this.mailDraft.email.trim(),
        {
          lang: this.localize.lang,
        },
      );
      this.lookup = { kind: 'done', view: updated };
      this.mail = { kind: 'idle' };
      this.announcement = view.mailAnnouncement(this.localize);
      this.pendingFocus = '#mail-result';
    } catch {
      this.mail = { kind: 'error', message: view.mailFailure(this.localize) };
      this.pendingFocus = '#mail-error';
    }
  }

  // ---------------------------------------------------------------------------
  // Rendering

  /** What the step modules read and call. */
  private get context(): FormContext {
    return {
      localize: this.localize,
      form: this.form,
      step: this.step,
      categories: this.loaded,
      category: this.category,
      districts: this.data.value?.districts ?? [],
      emergency: this.emergency,
      conductGuide: this.conductGuide
        ? (category) => this.conductGuide!.renderConductGuide(this.localize, category)
        : undefined,
      errors: this.errors,
      validated: this.validated,
      geo: this.geo,
      privacy: this.privacy,
      commit: (next) => this.commit(next),
      describe: (value) => this.describe(value),
      locate: () => this.locate(),
      clearPosition: () => {
        this.geo = 'idle';
        this.commit({ ...this.form, position: null });
      },
      edit: (step) => this.edit(step),
      focusField: (event, error) => this.focusField(event, error),
    };
  }

  private get resultContext(): ResultContext {
    return {
      localize: this.localize,
      contact: this.contact,
      reason: (reason) => this.reason(reason),
      edit: () => void this.submission.reset(),
      retry: () => void this.submission.retry(() => this.submit()),
      newConcern: () => this.newConcern(),
      receiptActions:
        this.statusView &&
        ((receipt, link) =>
          this.statusView!.renderReceiptActions(
            {
              localize: this.localize,
              announce: (text) => this.announce(text),
            },
            receipt,
            link,
          )),
    };
  }

  private renderForm(): TemplateResult {
    const view = this.view;
    if (!view) return this.data.renderLoading();
    const t = this.localize.t.bind(this.localize);
    // Before a category is chosen, count the details step too (most categories have one).
    const steps = this.category ? stepsFor(this.category) : [...STEPS];
    const index = Math.max(steps.indexOf(this.step), 0);
    const ctx = this.context;
    return html`${
        this.draft.stored
          ? html`<div class="draft">
              <p>${t(this.restored ? 'draftRestored' : 'draftSaved')}</p>
              <button type="button" class="link-button" @click=${() => this.deleteDraft()}>
                ${t('deleteDraft')}
              </button>
            </div>`
          : nothing
      }
      <form novalidate @submit=${(e: Event) => (e.preventDefault(), this.next())}>
        <h3 id="step-title" class="progress" tabindex="-1">
          ${t('stepOf', index + 1, steps.length)}${t('colon')}${t(`step_${this.step}`)}
        </h3>
        <div class="bar" aria-hidden="true">
          ${steps.map((_, i) => html`<span class=${i <= index ? 'done' : ''}></span>`)}
        </div>
        ${view.renderStepSummary(ctx)} ${view.stepRenderers[this.step](ctx)}
        <div class="honeypot" aria-hidden="true">
          <label for="f-honeypot">${t('honeypotLabel')}</label>
          <input
            id="f-honeypot"
            name="honeypot"
            type="text"
            tabindex="-1"
            autocomplete="off"
            .value=${live(this.form.honeypot)}
            @input=${(e: Event) => this.commit({ ...this.form, honeypot: (e.target as HTMLInputElement).value })}
          />
        </div>
        <div class="actions">
          ${
            index > 0
              ? html`<button type="button" class="button button--secondary" @click=${() => this.previous()}>
                  ${t('previous')}
                </button>`
              : nothing
          }
          <button type="submit" class="button">
            ${t(this.step === 'review' ? 'submit' : this.returning ? 'backToReview' : 'next')}
          </button>
        </div>
      </form>`;
  }

  /** The status view (status-view.ts), or its loading and error states while its module loads. */
  private renderStatus(): TemplateResult {
    const view = this.statusView;
    // The status view reads the form's texts too (errors, colons): it waits for the form's view.
    if (!this.view) return this.data.render({ complete: () => this.data.renderLoading() }) as TemplateResult;
    if (!view)
      return this.statusError
        ? this.data.renderError(this.statusError, undefined, () => void this.loadStatusView())
        : this.data.renderLoading();
    return view.renderStatusView({
      localize: this.localize,
      reference: this.lookupRef,
      token: this.lookupToken,
      lookup: this.lookup,
      errors: this.lookupErrors,
      setReference: (value) => (this.lookupRef = value),
      setToken: (value) => (this.lookupToken = value),
      submit: () => void this.runLookup(),
      focus: (id) => this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus(),
      canGiveVerdict: this.canGiveVerdict,
      verdict: this.verdict,
      verdictDraft: this.verdictDraft,
      setVerdict: (draft) => (this.verdictDraft = draft),
      sendVerdict: () => void this.sendVerdict(),
      canAddEmail: this.canAddEmail,
      mail: this.mail,
      mailDraft: this.mailDraft,
      setMail: (draft) => (this.mailDraft = draft),
      sendMail: () => void this.sendMail(),
    });
  }

  override render() {
    const status = this.mode === 'status';
    const result = this.submission.state;
    const t = this.localize.t.bind(this.localize);
    return html`<section class="base" part="base" aria-labelledby="title">
      <div class="top">
        <h2 id="title" tabindex="-1">${t(status ? 'statusTitle' : 'title')}</h2>
        <button type="button" class="link-button" @click=${() => this.switchMode(status ? 'form' : 'status')}>
          ${t(status ? 'switchToForm' : 'switchToStatus')}
        </button>
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${
        status
          ? this.renderStatus()
          : result.kind !== 'idle'
            ? this.view
              ? this.view.renderResult(this.resultContext, result)
              : this.data.renderLoading()
            : this.data.render({
                complete: () => this.renderForm(),
                empty: () =>
                  this.data.renderEmpty(
                    html`<p>${t('noCategories')}</p>
                      ${renderHelp(this.localize, this.contact)}`,
                  ),
                errorExtra: () => renderHelp(this.localize, this.contact),
              })
      }
    </section>`;
  }
}
