import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type {
  AdminConcern,
  AdminPriority,
  ConcernPreview,
  ConcernTriageInput,
  ResponseTemplate,
} from '@proximite/contract';
import { raisedAtCafeText, transitionAllowed } from '@proximite/contract/concerns.js';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController, type LocalizedTextLike } from '@proximite/widgets/kit/localize.js';
import { formatRoute } from '../console/router.js';
import { formatDate, formatDateTime } from '../shared/format.js';
import { formStyles } from '../shared/forms.styles.js';
import { warningIcon } from '../shared/icons.js';
import { NO_LOOKUPS, type Lookups } from '../shared/lookups.js';
import { StaffSection } from '../shared/section.js';
import { linkReference } from '../shared/priorities.js';
import { statusOf, withSession } from '../shared/session.js';
import { STATUS_LABELS, statusLabel } from '../shared/statuses.js';
import { ConcernController, type ConcernDetail } from './concern.controller.js';
import { messages } from './staff-concern.messages.js';
import { styles } from './staff-concern.styles.js';

type Action =
  'status' | 'assign' | 'update' | 'note' | 'category' | 'refer' | 'duplicate' | 'release' | 'priority';

/** Statuses staff set by hand (`duplicate` has its own action; `reopen-requested` is the resident's). */
const SETTABLE = [
  'received',
  'in-progress',
  'action-scheduled',
  'referred',
  'resolved',
  'closed',
  'not-responsible',
];
const REFERENCE = /^PRX-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

/** An `https:` URL on OpenStreetMap for a point (the only external link the view makes). */
function osmUrl(lat: number, lon: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=18/${lat}/${lon}`;
}

/**
 * One concern: the resident's text and answers, the place, the contact details when the API gives
 * them, the public follow-up, the hand-offs and their delivery state, the internal notes and the
 * audit trail; and the actions of triage — status, assignment, public answer (with a preview of what
 * the resident will read), internal note, category, referral, duplicate, release from quarantine.
 * Each action says its outcome in the console's live region; an error takes focus; what was typed
 * stays until it is saved (also through an expired session).
 *
 * @summary The staff console's view of one concern.
 */
export class StaffConcern extends StaffSection {
  static override styles = [...StaffSection.styles, formStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    lists: { state: true },
    latest: { state: true },
    pending: { state: true },
    errors: { state: true },
    notices: { state: true },
    priorities: { state: true },
    previewFr: { state: true },
    previewStatus: { state: true },
    exact: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly data = new ConcernController(this, () => ({
    context: this.context,
    reference: this.route?.id,
  }));

  declare private lists: Lookups;
  /** The priorities a concern can be linked to (when the role edits them). */
  declare private priorities: AdminPriority[];
  /** The concern as the last action returned it (newer than the loaded one). */
  declare private latest?: AdminConcern;
  declare private pending?: Action;
  declare private errors: Partial<Record<Action, string>>;
  declare private notices: Partial<Record<Action, string>>;
  declare private previewFr: string;
  declare private previewStatus: string;
  /** The server's rendering of the answer about to be sent (its e-mail included), when asked for. */
  declare private exact?: ConcernPreview | 'none';
  private listsFrom?: unknown;

  constructor() {
    super();
    this.lists = NO_LOOKUPS;
    this.errors = {};
    this.notices = {};
    this.priorities = [];
    this.previewFr = '';
    this.previewStatus = '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('context') && this.context && this.listsFrom !== this.context.client) {
      this.listsFrom = this.context.client;
      void this.context.lookups().then((lists) => (this.lists = lists));
      this.loadPriorities();
    }
    if (changed.has('route') && (changed.get('route') as typeof this.route)?.id !== this.route?.id) {
      // Another concern: nothing of the previous one's outcomes stays (its drafts are in its forms).
      this.latest = undefined;
      this.errors = {};
      this.notices = {};
    }
  }

  private get t() {
    return this.localize.t.bind(this.localize);
  }
  private pick(text: LocalizedTextLike | undefined | null): string {
    return this.localize.pick(text);
  }

  /** Runs an action; says its outcome; on error, shows it in the action's form and moves focus there. */
  private async act(
    action: Action,
    form: HTMLFormElement,
    run: (context: NonNullable<StaffSection['context']>, reference: string) => Promise<AdminConcern>,
    done: (concern: AdminConcern) => string,
  ): Promise<void> {
    const context = this.context;
    const reference = this.route?.id;
    if (!context || !reference || this.pending) return;
    this.pending = action;
    this.errors = { ...this.errors, [action]: undefined };
    this.notices = { ...this.notices, [action]: undefined };
    try {
      const concern = await withSession(context, () => run(context, reference));
      this.latest = concern;
      const message = done(concern);
      this.notices = { ...this.notices, [action]: message };
      form.reset();
      if (action === 'update') {
        this.previewFr = '';
        this.previewStatus = '';
        this.exact = undefined;
      }
      context.announce(message);
      // The hand-offs and the history changed too: load them again, the view staying on screen.
      void this.data.reload();
    } catch (error) {
      const problem = (error as { problem?: { detail?: string; title?: string } }).problem;
      const detail =
        statusOf(error) !== undefined && statusOf(error)! < 500
          ? (problem?.detail ?? problem?.title ?? '')
          : describeError(error, this.kit.t.bind(this.kit));
      this.errors = { ...this.errors, [action]: `${this.t('failed')} ${detail}`.trim() };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${action}-error`)?.focus();
    } finally {
      this.pending = undefined;
    }
  }

  private field(form: HTMLFormElement, name: string): string {
    const v = new FormData(form).get(name);
    return typeof v === 'string' ? v.trim() : '';
  }

  private require(action: Action, value: string, message = this.t('required')): boolean {
    if (value !== '') return true;
    this.errors = { ...this.errors, [action]: message };
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#${action}-error`)?.focus(),
    );
    return false;
  }

  private triage(action: Action, input: ConcernTriageInput, done: (c: AdminConcern) => string) {
    return (event: SubmitEvent) => {
      event.preventDefault();
      void this.act(
        action,
        event.target as HTMLFormElement,
        (c, ref) => c.client.concerns.triage(ref, input),
        done,
      );
    };
  }

  private onStatus(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const status = this.field(form, 'status');
    if (!this.require('status', status)) return;
    void this.act(
      'status',
      form,
      (c, ref) => c.client.concerns.triage(ref, { status: status as ConcernTriageInput['status'] }),
      (c) => this.t('doneStatus', this.pick(statusLabel(c.status))),
    );
  }

  private onAssign(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const id = this.field(form, 'assignee');
    void this.act(
      'assign',
      form,
      (c, ref) => c.client.concerns.assign(ref, id === '' ? null : id),
      (c) => (c.assignee ? this.t('doneAssign', c.assignee.displayName) : this.t('doneUnassign')),
    );
  }

  private onUpdate(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const fr = this.field(form, 'update-fr');
    const en = this.field(form, 'update-en');
    const status = this.field(form, 'update-status');
    if (!this.require('update', fr)) return;
    const input: ConcernTriageInput = {
      publicUpdate: { fr, ...(en ? { en } : {}) },
      ...(status ? { status: status as ConcernTriageInput['status'] } : {}),
    };
    void this.act(
      'update',
      form,
      (c, ref) => c.client.concerns.triage(ref, input),
      () => this.t('doneUpdate'),
    );
  }

  private onNote(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const note = this.field(form, 'note');
    if (!this.require('note', note)) return;
    void this.act(
      'note',
      form,
      (c, ref) => c.client.concerns.triage(ref, { internalNote: note }),
      () => this.t('doneNote'),
    );
  }

  private onCategory(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const code = this.field(form, 'category');
    if (!this.require('category', code)) return;
    void this.act(
      'category',
      form,
      (c, ref) => c.client.concerns.triage(ref, { categoryCode: code }),
      () => this.t('doneCategory'),
    );
  }

  private onRefer(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const id = this.field(form, 'service');
    if (!this.require('refer', id)) return;
    void this.act(
      'refer',
      form,
      (c, ref) => c.client.concerns.triage(ref, { serviceId: id }),
      () => this.t('doneRefer'),
    );
  }

  private loadPriorities(): void {
    const context = this.context;
    if (!context?.can('content:write')) return;
    void context.client.priorities.list().then(
      (items) => (this.priorities = items),
      () => undefined,
    );
  }

  /** « Lier à une priorité »: the priority's concerns, this one added. */
  private onLinkPriority(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const id = this.field(form, 'priority');
    if (!this.require('priority', id)) return;
    const priority = this.priorities.find((p) => p.id === id);
    if (!priority) return;
    void this.act(
      'priority',
      form,
      async (c, ref) => {
        await c.client.priorities.update(priority.id, linkReference(priority, ref));
        this.loadPriorities();
        return c.client.concerns.get(ref);
      },
      () => this.t('doneLinked', this.pick(priority.issue)),
    );
  }

  private onDuplicate(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const of = this.field(form, 'duplicate-of').toUpperCase();
    if (!this.require('duplicate', of)) return;
    if (!REFERENCE.test(of)) return void this.require('duplicate', '', this.t('badReference'));
    void this.act(
      'duplicate',
      form,
      (c, ref) => c.client.concerns.triage(ref, { status: 'duplicate', duplicateOf: of }),
      () => this.t('doneDuplicate'),
    );
  }

  /** A template as the list shows it: its text filled in for this concern, cut to 60 characters. */
  private templateLabel(template: ResponseTemplate, c: AdminConcern): string {
    const text = this.pick(template.text)
      .replaceAll('{reference}', c.reference)
      .replaceAll('{service}', this.pick(c.service.name));
    return text.length > 60 ? `${text.slice(0, 59)}…` : text;
  }

  /** Copies a template into the answer (its placeholders filled in) and takes its status. */
  private useTemplate(event: Event, templates: readonly ResponseTemplate[], c: AdminConcern): void {
    const id = (event.target as HTMLSelectElement).value;
    const template = templates.find((x) => x.id === id);
    if (!template) return;
    // Each language's text names the service in that language.
    const fill = (text: string | undefined, lang: 'fr' | 'en' = 'fr') =>
      (text ?? '')
        .replaceAll('{reference}', c.reference)
        .replaceAll('{service}', c.service.name[lang] ?? c.service.name.fr);
    const form = (event.target as HTMLSelectElement).form!;
    form.querySelector<HTMLTextAreaElement>('#update-fr')!.value = fill(template.text.fr);
    form.querySelector<HTMLTextAreaElement>('#update-en')!.value = fill(template.text.en, 'en');
    const status = form.querySelector<HTMLSelectElement>('#update-status')!;
    if (template.status !== c.status && [...status.options].some((o) => o.value === template.status))
      status.value = template.status;
    this.previewFr = fill(template.text.fr).trim();
    this.previewStatus = status.value;
    this.exact = undefined;
    this.context?.announce(this.t('templateUsed'));
  }

  /** Asks the server for exactly what the resident will receive (the e-mail too), changing nothing. */
  private async showExact(event: Event): Promise<void> {
    const context = this.context;
    const reference = this.route?.id;
    const form = (event.target as HTMLButtonElement).form;
    if (!context || !reference || !form) return;
    const fr = this.field(form, 'update-fr');
    if (!this.require('update', fr)) return;
    const en = this.field(form, 'update-en');
    const status = this.field(form, 'update-status');
    try {
      const preview = await withSession(context, () =>
        context.client.templates.preview(reference, {
          publicUpdate: { fr, ...(en ? { en } : {}) },
          ...(status ? { status: status as ConcernTriageInput['status'] } : {}),
        }),
      );
      this.exact = preview;
      context.announce(preview.email ? this.t('exactEmail', preview.email.subject) : this.t('noEmail'));
    } catch (error) {
      this.errors = {
        ...this.errors,
        update: `${this.t('failed')} ${describeError(error, this.kit.t.bind(this.kit))}`.trim(),
      };
    }
  }

  private async retryDelivery(id: string): Promise<void> {
    const context = this.context;
    if (!context) return;
    try {
      await withSession(context, () => context.client.deliveries.retry(id));
      context.announce(this.t('retried'));
      await this.data.reload();
    } catch (error) {
      context.announce(`${this.t('failed')} ${describeError(error, this.kit.t.bind(this.kit))}`.trim());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // rendering

  private renderFacts(c: AdminConcern): TemplateResult {
    const t = this.t;
    const locale = this.localize.locale;
    const category = this.lists.categories.find((k) => k.code === c.categoryCode);
    const district =
      this.lists.districts.find((d) => d.id === c.location.districtId)?.name ?? c.location.districtId;
    return html`<section aria-labelledby="summary-title">
      <h2 id="summary-title">${t('summary')}</h2>
      ${c.quarantined ? html`<p class="notice notice--error">${t('quarantined')}</p>` : nothing}
      <dl class="facts">
        <dt>${t('status')}</dt>
        <dd>${this.pick(statusLabel(c.status))}</dd>
        <dt>${t('category')}</dt>
        <dd>${category ? this.pick(category.label) : c.categoryCode}</dd>
        <dt>${t('service')}</dt>
        <dd>${this.pick(c.service.name)}</dd>
        <dt>${t('district')}</dt>
        <dd>${district ?? html`<span class="muted">—</span>`}</dd>
        <dt>${t('received')}</dt>
        <dd><time datetime=${c.submittedAt}>${formatDateTime(c.submittedAt, locale)}</time></dd>
        ${
          c.raisedAt
            ? html`<dt>${t('origin')}</dt>
                <dd class="origin">${raisedAtCafeText(c.raisedAt, this.localize.lang)}</dd>`
            : nothing
        }
        <dt>${t('due')}</dt>
        <dd>
          ${
            c.dueAt
              ? html`<time datetime=${c.dueAt}>${formatDate(c.dueAt, locale)}</time>
                  ${c.overdue ? html`<span class="overdue">${warningIcon} ${t('overdue')}</span>` : nothing}`
              : html`<span class="muted">${t('noDue')}</span>`
          }
        </dd>
        <dt>${t('assignee')}</dt>
        <dd>${c.assignee ? c.assignee.displayName : html`<span class="muted">${t('nobody')}</span>`}</dd>
        ${
          c.duplicates?.length
            ? html`<dt>${t('duplicates')}</dt>
                <dd>
                  ${c.duplicates.map(
                    (m, i) =>
                      html`${i > 0 ? ', ' : ''}<a
                          href=${formatRoute({ section: 'concern', id: m.reference, params: {} })}
                          >${m.reference}</a
                        >`,
                  )}
                </dd>`
            : nothing
        }
        ${
          c.duplicateOf
            ? html`<dt>${t('duplicateOf')}</dt>
                <dd>
                  <a href=${formatRoute({ section: 'concern', id: c.duplicateOf, params: {} })}
                    >${c.duplicateOf}</a
                  >
                </dd>`
            : nothing
        }
      </dl>
    </section>`;
  }

  private renderAnswers(c: AdminConcern): TemplateResult | typeof nothing {
    const answers = Object.entries(c.attributes ?? {});
    if (answers.length === 0) return nothing;
    const fields = this.lists.categories.find((k) => k.code === c.categoryCode)?.fields ?? [];
    const valueOf = (code: string, value: string) => {
      const field = fields.find((f) => f.code === code);
      const named = field?.values?.find((v) => v.key === value);
      return named ? this.pick(named.name) : value;
    };
    return html`<h3>${this.t('answers')}</h3>
      <dl class="facts">
        ${answers.map(([code, value]) => {
          const field = fields.find((f) => f.code === code);
          const values = Array.isArray(value) ? value : [String(value)];
          return html`<dt>${field ? this.pick(field.label) : code}</dt>
            <dd>${values.map((v) => valueOf(code, v)).join(', ')}</dd>`;
        })}
      </dl>`;
  }

  private renderResident(c: AdminConcern, pseudo: boolean): TemplateResult {
    const t = this.t;
    const { address, lat, lon } = c.location;
    return html`<section aria-labelledby="text-title">
        <h2 id="text-title">${t('text')}</h2>
        ${
          c.description
            ? html`<p class="resident-text">${c.description}</p>`
            : html`<p class="muted">${pseudo ? t('notShared') : '—'}</p>`
        }
        ${this.renderAnswers(c)}
      </section>
      <section aria-labelledby="place-title">
        <h2 id="place-title">${t('place')}</h2>
        ${
          address || (lat !== undefined && lon !== undefined)
            ? html`<dl class="facts">
                ${
                  address
                    ? html`<dt>${t('address')}</dt>
                        <dd>${address}</dd>`
                    : nothing
                }
                ${
                  lat !== undefined && lon !== undefined
                    ? html`<dt>${t('point')}</dt>
                        <dd>
                          ${new Intl.NumberFormat(this.localize.locale, { maximumFractionDigits: 5 }).format(lat)},
                          ${new Intl.NumberFormat(this.localize.locale, { maximumFractionDigits: 5 }).format(lon)}
                          —
                          <a href=${osmUrl(lat, lon)} target="_blank" rel="noopener noreferrer"
                            >${t('map')}</a
                          >
                        </dd>`
                    : nothing
                }
              </dl>`
            : html`<p class="muted">${t('noPlace')}</p>`
        }
      </section>
      ${pseudo ? nothing : this.renderContact(c)} ${this.renderVerdict(c)}`;
  }

  private renderContact(c: AdminConcern): TemplateResult {
    const t = this.t;
    const contact = c.contact;
    const has = contact && (contact.name || contact.email || contact.phone);
    return html`<section aria-labelledby="contact-title">
      <h2 id="contact-title">${t('contact')}</h2>
      ${
        has
          ? html`<p class="hint">${t('contactNotice')}</p>
              <dl class="facts">
                ${
                  contact.name
                    ? html`<dt>${t('name')}</dt>
                        <dd>${contact.name}</dd>`
                    : nothing
                }
                ${
                  contact.email
                    ? html`<dt>${t('email')}</dt>
                        <dd><a href="mailto:${contact.email}">${contact.email}</a></dd>`
                    : nothing
                }
                ${
                  contact.phone
                    ? html`<dt>${t('phone')}</dt>
                        <dd><a href="tel:${contact.phone.replace(/[^+0-9]/g, '')}">${contact.phone}</a></dd>`
                    : nothing
                }
                ${
                  contact.consent
                    ? html`<dt>${t('consent')}</dt>
                        <dd>
                          ${t('consentRecorded', formatDateTime(contact.consent.at, this.localize.locale), contact.consent.by)}
                        </dd>`
                    : nothing
                }
                ${
                  contact.preferred
                    ? html`<dt>${t('preferred')}</dt>
                        <dd>${contact.preferred}</dd>`
                    : nothing
                }
              </dl>`
          : html`<p class="muted">${t('anonymous')}</p>`
      }
    </section>`;
  }

  private renderVerdict(c: AdminConcern): TemplateResult | typeof nothing {
    const v = c.verdict;
    if (!v) return nothing;
    return html`<section aria-labelledby="verdict-title">
      <h2 id="verdict-title">${this.t('verdict')}</h2>
      <p>
        <strong>${v.resolved ? this.t('verdictYes') : this.t('verdictNo')}</strong>
        <span class="when"><time datetime=${v.at}>${formatDateTime(v.at, this.localize.locale)}</time></span>
      </p>
      ${v.comment ? html`<p class="resident-text">${v.comment}</p>` : nothing}
    </section>`;
  }

  private renderFollowUp(d: ConcernDetail): TemplateResult {
    const t = this.t;
    const c = this.latest ?? d.concern;
    const locale = this.localize.locale;
    const history = c.history ?? [];
    const canRetry = this.context?.can('deliveries:write') ?? false;
    return html`<section aria-labelledby="updates-title">
        <h2 id="updates-title">${t('updates')}</h2>
        ${
          c.updates.length
            ? html`<ol class="timeline">
                ${c.updates.map(
                  (u) =>
                    html`<li>
                      <span class="when"
                        ><time datetime=${u.at}>${formatDateTime(u.at, locale)}</time> —
                        ${this.pick(statusLabel(u.status))}${u.service ? html` — ${this.pick(u.service.name)}` : nothing}</span
                      >
                      ${this.pick(u.text)}
                    </li>`,
                )}
              </ol>`
            : html`<p class="muted">${t('noUpdates')}</p>`
        }
      </section>
      ${
        d.pseudonymised
          ? nothing
          : html`<section aria-labelledby="deliveries-title">
                <h2 id="deliveries-title">${t('deliveries')}</h2>
                ${
                  d.deliveries.length
                    ? html`<ul class="plain">
                        ${d.deliveries.map(
                          (x) =>
                            html`<li>
                              <span class="when"
                                ><time datetime=${x.createdAt}
                                  >${formatDateTime(x.createdAt, locale)}</time
                                ></span
                              >
                              ${x.service ? this.pick(x.service.name) : nothing} —
                              ${t('deliveryMethod', x.method)}
                              ${x.destination ? html`(${x.destination})` : nothing} :
                              <span class=${x.status === 'failed' ? 'delivery--failed' : ''}
                                >${x.status === 'failed' ? warningIcon : nothing}
                                ${t('deliveryStatus', x.status)}</span
                              >, ${t('attempts', x.attempts)}
                              ${x.lastError ? html`<br /><span class="muted">${x.lastError}</span>` : nothing}
                              ${
                                canRetry && (x.status === 'failed' || x.status === 'held')
                                  ? html`<br /><button
                                        type="button"
                                        class="button button--secondary"
                                        @click=${() => void this.retryDelivery(x.id)}
                                      >
                                        ${t('retryDelivery')}
                                      </button>`
                                  : nothing
                              }
                            </li>`,
                        )}
                      </ul>`
                    : html`<p class="muted">${t('noDeliveries')}</p>`
                }
              </section>
              <section aria-labelledby="notes-title">
                <h2 id="notes-title">${t('notes')}</h2>
                ${
                  c.internalNotes.length
                    ? html`<ul class="plain">
                        ${c.internalNotes.map(
                          (n) =>
                            html`<li>
                              <span class="when"
                                ><time datetime=${n.at}>${formatDateTime(n.at, locale)}</time> —
                                ${t('by', n.author)}</span
                              >
                              ${n.text}
                            </li>`,
                        )}
                      </ul>`
                    : html`<p class="muted">${t('noNotes')}</p>`
                }
              </section>
              <section aria-labelledby="history-title">
                <h2 id="history-title">${t('history')}</h2>
                ${
                  history.length
                    ? html`<ol class="timeline">
                        ${history.map(
                          (e) =>
                            html`<li>
                              <span class="when"
                                ><time datetime=${e.at}>${formatDateTime(e.at, locale)}</time></span
                              >
                              ${t('actionName', e.action)}
                              ${e.actorName ? t('by', e.actorName) : html`(${e.actor})`}
                            </li>`,
                        )}
                      </ol>`
                    : html`<p class="muted">${t('noHistory')}</p>`
                }
              </section>`
      }`;
  }

  /** An action's form: its title, hint, fields, its error (focusable) and its outcome. */
  private renderAction(
    action: Action,
    title: string,
    fields: TemplateResult,
    submit: string,
    onSubmit: (e: SubmitEvent) => void,
    hint?: string,
  ): TemplateResult {
    const error = this.errors[action];
    const notice = this.notices[action];
    const busy = this.pending === action;
    return html`<form class="action" aria-labelledby="${action}-title" novalidate @submit=${onSubmit}>
      <h3 id="${action}-title">${title}</h3>
      ${hint ? html`<p class="hint">${hint}</p>` : nothing}
      ${error ? html`<p class="notice notice--error" id="${action}-error" role="alert" tabindex="-1">${error}</p>` : nothing}
      ${fields}
      <button
        class="button"
        type="submit"
        ?disabled=${this.pending !== undefined}
        aria-busy=${busy ? 'true' : 'false'}
      >
        ${busy ? this.t('saving') : submit}
      </button>
      ${notice ? html`<p class="notice notice--success">${notice}</p>` : nothing}
    </form>`;
  }

  private select(id: string, label: string, options: TemplateResult[], action: Action): TemplateResult {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} name=${id} aria-invalid=${this.errors[action] ? 'true' : 'false'}>
        ${options}
      </select>
    </div>`;
  }

  private renderPreview(): TemplateResult {
    const t = this.t;
    const status = this.previewStatus;
    const exact = this.exact;
    return html`<div class="preview" aria-labelledby="preview-title">
      <p class="preview__title" id="preview-title">${t('preview')}</p>
      ${
        this.previewFr
          ? html`<span class="when"
                >${formatDate(new Date().toISOString(), this.localize.locale)}${
                  status ? html` — ${this.pick(statusLabel(status))}` : nothing
                }</span
              >
              <p lang="fr">${this.previewFr}</p>`
          : html`<p class="muted">${t('previewEmpty')}</p>`
      }
      ${
        exact && exact !== 'none'
          ? exact.email
            ? html`<p class="preview__title">${t('exactEmail', exact.email.subject)}</p>
                <pre class="email">${exact.email.text}</pre>`
            : html`<p class="muted">${t('noEmail')}</p>`
          : nothing
      }
    </div>`;
  }

  private renderActions(d: ConcernDetail): TemplateResult {
    const t = this.t;
    const c = this.latest ?? d.concern;
    if (d.pseudonymised || !this.context?.can('concerns:triage'))
      return html`<section aria-labelledby="actions-title" class="actions-panel">
        <h2 id="actions-title">${t('actions')}</h2>
        <p class="notice">${t('readOnly')}</p>
      </section>`;
    const me = this.context.identity?.id;
    const statusOptions = (blank?: string) => [
      ...(blank !== undefined ? [html`<option value="">${blank}</option>`] : []),
      // Only the moves the server accepts from the current status (a closed concern: reopen).
      ...SETTABLE.filter((s) => transitionAllowed(c.status, s)).map(
        (s) =>
          html`<option value=${s} ?selected=${blank === undefined && s === c.status}>
            ${this.pick(STATUS_LABELS[s])}
          </option>`,
      ),
    ];
    return html`<section aria-labelledby="actions-title" class="actions-panel">
      <h2 id="actions-title">${t('actions')}</h2>
      ${this.renderAction(
        'status',
        t('changeStatus'),
        this.select('status', t('newStatus'), statusOptions(), 'status'),
        t('save'),
        (e) => this.onStatus(e),
      )}
      ${this.renderAction(
        'assign',
        t('assign'),
        this.select(
          'assignee',
          t('assignTo'),
          [
            html`<option value="" ?selected=${!c.assignee}>${t('noOne')}</option>`,
            ...d.assignees.map(
              (a) =>
                html`<option value=${a.id} ?selected=${c.assignee?.id === a.id}>
                  ${a.id === me ? t('me', a.displayName) : a.displayName}
                </option>`,
            ),
          ],
          'assign',
        ),
        t('assign'),
        (e) => this.onAssign(e),
      )}
      ${this.renderAction(
        'update',
        t('publicUpdate'),
        html`${
            d.templates.length
              ? html`<div class="field">
                  <label for="template">${t('template')}</label>
                  <select
                    id="template"
                    name="template"
                    @change=${(e: Event) => this.useTemplate(e, d.templates, c)}
                  >
                    <option value="">${t('noTemplate')}</option>
                    ${d.templates.map(
                      (x) =>
                        html`<option value=${x.id}>
                          ${this.pick(statusLabel(x.status))} — ${this.templateLabel(x, c)}
                        </option>`,
                    )}
                  </select>
                </div>`
              : nothing
          }
          <div class="field">
            <label for="update-fr">${t('publicText')}</label>
            <textarea
              id="update-fr"
              name="update-fr"
              maxlength="2000"
              aria-invalid=${this.errors.update ? 'true' : 'false'}
              @input=${(e: Event) => {
                this.previewFr = (e.target as HTMLTextAreaElement).value.trim();
                this.exact = undefined;
              }}
            ></textarea>
          </div>
          <div class="field">
            <label for="update-en">${t('publicTextEn')}</label>
            <textarea id="update-en" name="update-en" lang="en" maxlength="2000"></textarea>
          </div>
          <div class="field">
            <label for="update-status">${t('withStatus')}</label>
            <select
              id="update-status"
              name="update-status"
              @change=${(e: Event) => (this.previewStatus = (e.target as HTMLSelectElement).value)}
            >
              ${statusOptions(t('keepStatus'))}
            </select>
          </div>
          ${this.renderPreview()}
          <p>
            <button
              type="button"
              class="button button--secondary"
              @click=${(e: Event) => void this.showExact(e)}
            >
              ${t('exactPreview')}
            </button>
          </p>`,
        t('publish'),
        (e) => this.onUpdate(e),
        t('publicUpdateHint'),
      )}
      ${this.renderAction(
        'note',
        t('note'),
        html`<div class="field">
          <label for="note">${t('note')}</label>
          <textarea
            id="note"
            name="note"
            maxlength="4000"
            aria-invalid=${this.errors.note ? 'true' : 'false'}
          ></textarea>
        </div>`,
        t('addNote'),
        (e) => this.onNote(e),
        t('noteHint'),
      )}
      ${
        this.lists.categories.length
          ? this.renderAction(
              'category',
              t('recategorise'),
              this.select(
                'category',
                t('newCategory'),
                [
                  html`<option value=""></option>`,
                  ...this.lists.categories
                    .filter((k) => k.code !== c.categoryCode)
                    .map((k) => html`<option value=${k.code}>${this.pick(k.label)}</option>`),
                ],
                'category',
              ),
              t('save'),
              (e) => this.onCategory(e),
              t('recategoriseHint'),
            )
          : nothing
      }
      ${
        this.lists.services.length
          ? this.renderAction(
              'refer',
              t('refer'),
              this.select(
                'service',
                t('newService'),
                [
                  html`<option value=""></option>`,
                  ...this.lists.services
                    .filter((s) => s.id !== c.service.id)
                    .map((s) => html`<option value=${s.id}>${this.pick(s.name)}</option>`),
                ],
                'refer',
              ),
              t('referButton'),
              (e) => this.onRefer(e),
            )
          : nothing
      }
      ${this.renderAction(
        'duplicate',
        t('duplicate'),
        html`<div class="field">
          <label for="duplicate-of">${t('duplicateRef')}</label>
          <input
            id="duplicate-of"
            name="duplicate-of"
            autocomplete="off"
            spellcheck="false"
            maxlength="20"
            aria-invalid=${this.errors.duplicate ? 'true' : 'false'}
          />
        </div>`,
        t('markDuplicate'),
        (e) => this.onDuplicate(e),
        t('duplicateHint'),
      )}
      ${
        this.priorities.length > 0
          ? this.renderAction(
              'priority',
              t('linkPriority'),
              this.select(
                'priority',
                t('priorityLabel'),
                [
                  html`<option value=""></option>`,
                  ...this.priorities.map(
                    (p) =>
                      html`<option
                        value=${p.id}
                        ?disabled=${p.sources.concernReferences.includes(c.reference)}
                      >
                        ${this.pick(p.issue)}
                      </option>`,
                  ),
                ],
                'priority',
              ),
              t('linkButton'),
              (e) => this.onLinkPriority(e),
              t('linkHint'),
            )
          : nothing
      }
      ${
        c.quarantined
          ? this.renderAction(
              'release',
              t('release'),
              html``,
              t('releaseButton'),
              this.triage('release', { quarantined: false }, () => this.t('doneRelease')),
              t('releaseHint'),
            )
          : nothing
      }
    </section>`;
  }

  private renderDetail(d: ConcernDetail): TemplateResult {
    const c = this.latest ?? d.concern;
    return html`<div class="layout">
      <div class="main-column">
        ${this.renderFacts(c)} ${this.renderResident(c, d.pseudonymised)} ${this.renderFollowUp(d)}
      </div>
      <div class="side-column">${this.renderActions(d)}</div>
    </div>`;
  }

  override render(): TemplateResult {
    const t = this.t;
    const reference = this.route?.id ?? '';
    const task = this.data.task;
    const loading = html`<div class="state" role="status" aria-busy="true">${t('loading')}</div>`;
    return html`<div class="base">
      <p>
        <a
          class="back"
          href=${formatRoute(this.context?.lastRoute('inbox') ?? { section: 'inbox', params: {} })}
          >← ${t('back')}</a
        >
      </p>
      <h1 tabindex="-1">${t('title', reference)}</h1>
      ${task.render({
        initial: () => loading,
        pending: () =>
          task.value && task.value.concern.reference === reference ? this.renderDetail(task.value) : loading,
        complete: (d) => this.renderDetail(d),
        error: (error) =>
          statusOf(error) === 404 || statusOf(error) === 403
            ? html`<div class="state state--error" role="alert">
                <p class="state__title">${t('notFound')}</p>
              </div>`
            : html`<div class="state state--error" role="alert">
                <p class="state__title">${t('errorTitle')}</p>
                <p>${describeError(error, this.kit.t.bind(this.kit))}</p>
                <button type="button" class="button" @click=${() => void this.data.reload()}>
                  ${t('retry')}
                </button>
              </div>`,
      })}
    </div>`;
  }
}
