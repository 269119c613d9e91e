import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Cafe } from '@proximite/contract';
import { createOutbox, idbStorage, type Outbox, type OutboxEvent } from '@proximite/sdk/outbox.js';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { formStyles } from '../shared/forms.styles.js';
import { clockIcon } from '../shared/icons.js';
import { NO_LOOKUPS, type Lookups } from '../shared/lookups.js';
import { StaffSection } from '../shared/section.js';
import { withSession } from '../shared/session.js';
import { TodaysCafesController, keepKit, readKit } from './field.controller.js';
import {
  dayIn,
  excerpt,
  noteFromFields,
  type FieldNote,
  type NoteError,
  type NoteFields,
} from './field-model.js';
import { messages } from './staff-field.messages.js';
import { styles } from './staff-field.styles.js';

/** One note as the list shows it. */
interface NoteRow {
  id: string;
  cafeId: string;
  categoryCode: string;
  description: string;
  state: 'queued' | 'sending' | 'sent' | 'failed';
  reference?: string;
  reason?: string;
}

/**
 * Café mode, for an agent at a café on a phone or a tablet: pick today's café, then note what each
 * resident raises (category, a few sentences, the place, contact details with their consent). Each
 * note is stored on the device first (an IndexedDB outbox, the one the public concern form uses)
 * and sent with its own Idempotency-Key until the server answers, so a tent with poor signal loses
 * nothing and the server keeps each note once. The list says which notes wait and which are sent.
 *
 * @summary The staff console's café mode (offline field intake).
 */
export class StaffField extends StaffSection {
  /** The IndexedDB database of the notes waiting to be sent (tests give each run its own). */
  static storageName = 'proximite-field-notes';

  static override styles = [...StaffSection.styles, formStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    lists: { state: true },
    cafeId: { state: true },
    rows: { state: true },
    online: { state: true },
    errors: { state: true },
    saved: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly cafes = new TodaysCafesController(this, () => this.context);

  declare private lists: Lookups;
  declare private cafeId: string | undefined;
  declare private rows: NoteRow[];
  declare private online: boolean;
  declare private errors: NoteError[];
  declare private saved: boolean;
  private outbox?: Outbox<FieldNote>;
  private outboxFor?: unknown;
  private unsubscribe?: () => void;
  private readonly onNetwork = (): void => {
    this.online = navigator.onLine;
  };

  constructor() {
    super();
    this.lists = NO_LOOKUPS;
    this.cafeId = undefined;
    this.rows = [];
    this.online = true;
    this.errors = [];
    this.saved = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.online = navigator.onLine;
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    this.closeOutbox();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('context') && this.context && this.outboxFor !== this.context.client) {
      this.outboxFor = this.context.client;
      const day = dayIn(this.context.now());
      void this.context.lookups().then((lists) => {
        // Offline, the categories last loaded today (kept on the device) let notes be taken.
        const kept = lists.categories.length === 0 ? readKit(day)?.categories : undefined;
        if (kept) this.lists = { ...lists, categories: kept };
        else {
          this.lists = lists;
          if (lists.categories.length > 0) keepKit({ day, categories: lists.categories });
        }
      });
      this.openOutbox();
    }
  }

  private closeOutbox(): void {
    window.removeEventListener('online', this.flush);
    document.removeEventListener('visibilitychange', this.flush);
    this.unsubscribe?.();
    this.outbox?.close();
    this.outbox = undefined;
    this.outboxFor = undefined;
  }

  /** Opens the outbox of the signed-in console: the notes kept on this device are listed, then sent. */
  private openOutbox(): void {
    this.unsubscribe?.();
    this.outbox?.close();
    const context = this.context;
    if (!context) return;
    const outbox = createOutbox<FieldNote>({
      storage: idbStorage<FieldNote>(StaffField.storageName),
      autoFlush: false,
      send: (input, options) =>
        withSession(context, () => context.client.cafes.noteConcern(input.cafeId, input.note, options)),
    });
    this.outbox = outbox;
    this.unsubscribe = outbox.subscribe((event) => this.onOutbox(event));
    void outbox.entries().then((entries) => {
      const known = new Set(this.rows.map((r) => r.id));
      // Newest first, as notes are added to the list.
      const stored: NoteRow[] = [...entries]
        .reverse()
        .filter((e) => !known.has(e.id))
        .map((e) => ({
          id: e.id,
          cafeId: e.input.cafeId,
          categoryCode: e.input.note.categoryCode,
          description: e.input.note.description,
          state: e.state,
          ...(e.error && e.state === 'failed' ? { reason: e.error.problem?.detail ?? e.error.message } : {}),
        }));
      this.rows = [...stored, ...this.rows];
      // Sent now if the network is there, else on the `online` event.
      window.addEventListener('online', this.flush);
      document.addEventListener('visibilitychange', this.flush);
      void this.flush();
    });
  }

  private readonly flush = async (): Promise<void> => {
    if (document.visibilityState === 'hidden') return;
    await this.outbox?.flush().catch(() => undefined);
  };

  private onOutbox(event: OutboxEvent): void {
    this.rows = this.rows.map((row) =>
      row.id !== event.id
        ? row
        : {
            ...row,
            state: event.state,
            ...(event.receipt ? { reference: event.receipt.reference } : {}),
            ...(event.state === 'failed' && event.error
              ? { reason: event.error.problem?.detail ?? event.error.message }
              : {}),
          },
    );
    if (event.state === 'sent' && event.receipt)
      this.context?.announce(this.localize.t('sentAs', event.receipt.reference));
  }

  private fieldsOf(form: HTMLFormElement): NoteFields {
    const data = new FormData(form);
    const value = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' ? v : '';
    };
    return {
      categoryCode: value('category'),
      description: value('description'),
      place: value('place'),
      name: value('name'),
      email: value('email'),
      phone: value('phone'),
      emailUpdates: data.get('emailUpdates') === 'on',
      consent: data.get('consent') === 'on',
    };
  }

  private async onSubmit(event: SubmitEvent, cafe: Cafe): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const lang = this.localize.lang === 'en' ? 'en' : 'fr';
    const result = noteFromFields(this.fieldsOf(form), cafe, lang);
    this.saved = false;
    if ('errors' in result) {
      this.errors = result.errors;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.errors')?.focus();
      return;
    }
    this.errors = [];
    if (!this.outbox) return;
    const { note } = result;
    // Stored on the device before anything is sent.
    const entry = await this.outbox.submit(note);
    this.rows = [
      {
        id: entry.id,
        cafeId: note.cafeId,
        categoryCode: note.note.categoryCode,
        description: note.note.description,
        state: this.rows.find((r) => r.id === entry.id)?.state ?? 'queued',
      },
      ...this.rows.filter((r) => r.id !== entry.id),
    ];
    form.reset();
    this.saved = true;
    this.context?.announce(this.localize.t('saved'));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#category')?.focus();
  }

  private async discard(row: NoteRow): Promise<void> {
    await this.outbox?.discard(row.id);
    this.rows = this.rows.filter((r) => r.id !== row.id);
  }

  private pickCafe(id: string): void {
    this.cafeId = id;
    this.errors = [];
    this.saved = false;
  }

  private categoryLabel(code: string): string {
    const category = this.lists.categories.find((c) => c.code === code);
    return category ? this.localize.pick(category.label) : code;
  }

  private renderCafes(cafes: Cafe[], current: Cafe): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const time = (cafe: Cafe) =>
      new Intl.DateTimeFormat(this.localize.locale, {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: cafe.timeZone,
      }).format(new Date(cafe.start));
    return html`<fieldset>
      <legend>${t('pickCafe')}</legend>
      <div class="cafes">
        ${cafes.map(
          (cafe) =>
            html`<label class="choice">
              <input
                type="radio"
                name="cafe"
                .value=${cafe.id}
                .checked=${cafe.id === current.id}
                @change=${() => this.pickCafe(cafe.id)}
              />
              <span
                ><span class="choice__when">${t('cafeAt', time(cafe), cafe.place.name)}</span>
                <span class="hint">— ${this.localize.pick(cafe.title)}</span></span
              >
            </label>`,
        )}
      </div>
    </fieldset>`;
  }

  private renderErrors(): TemplateResult | typeof nothing {
    if (this.errors.length === 0) return nothing;
    const t = this.localize.t.bind(this.localize);
    return html`<div class="notice notice--error errors" role="alert" tabindex="-1">
      <p class="label">${t('errorSummary')}</p>
      <ul>
        ${this.errors.map((e) => html`<li><a href=${`#${e.field}`} @click=${(ev: Event) => this.focusField(ev, e.field)}>${t(e.message)}</a></li>`)}
      </ul>
    </div>`;
  }

  private focusField(event: Event, id: string): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  private invalid(field: NoteError['field']): 'true' | 'false' {
    return this.errors.some((e) => e.field === field) ? 'true' : 'false';
  }

  private renderForm(cafe: Cafe): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    return html`<form novalidate @submit=${(e: SubmitEvent) => void this.onSubmit(e, cafe)}>
      ${this.renderErrors()}
      <div class="field">
        <label for="category">${t('category')}</label>
        <select id="category" name="category" aria-invalid=${this.invalid('categoryCode')}>
          <option value="">${t('chooseCategory')}</option>
          ${this.lists.categories.map(
            (c) => html`<option value=${c.code}>${this.localize.pick(c.label)}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="description">${t('description')}</label>
        <p class="hint" id="description-hint">${t('descriptionHint')}</p>
        <textarea
          id="description"
          name="description"
          maxlength="2000"
          aria-describedby="description-hint"
          aria-invalid=${this.invalid('description')}
        ></textarea>
      </div>
      <div class="field">
        <label for="place">${t('place')}</label>
        <p class="hint" id="place-hint">${t('placeHint', cafe.place.name)}</p>
        <input
          id="place"
          name="place"
          type="text"
          maxlength="300"
          autocomplete="off"
          aria-describedby="place-hint"
        />
      </div>
      <fieldset class="contact">
        <legend>${t('contact')}</legend>
        <p class="hint">${t('contactHint')}</p>
        <div class="field">
          <label for="name">${t('name')}</label>
          <input id="name" name="name" type="text" maxlength="200" autocomplete="off" />
        </div>
        <div class="field">
          <label for="email">${t('email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            maxlength="254"
            autocomplete="off"
            aria-invalid=${this.invalid('email')}
          />
        </div>
        <div class="field">
          <label for="phone">${t('phone')}</label>
          <input
            id="phone"
            name="phone"
            type="tel"
            maxlength="32"
            autocomplete="off"
            aria-invalid=${this.invalid('phone')}
          />
        </div>
        <label class="check"><input type="checkbox" name="emailUpdates" /> ${t('emailUpdates')}</label>
        <label class="check"
          ><input type="checkbox" id="consent" name="consent" aria-invalid=${this.invalid('consent')} />
          ${t('consent')}</label
        >
      </fieldset>
      <button class="button save" type="submit">${t('save')}</button>
      ${this.saved ? html`<p class="notice notice--success">${t('saved')}</p>` : nothing}
    </form>`;
  }

  private renderNotes(cafe: Cafe | undefined): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const rows = cafe ? this.rows.filter((r) => r.cafeId === cafe.id) : this.rows;
    const waiting = rows.filter((r) => r.state === 'queued' || r.state === 'sending').length;
    return html`<section aria-labelledby="notes-title">
      <h2 id="notes-title">${t('notes')}</h2>
      ${
        rows.length === 0
          ? html`<p>${t('noNotes')}</p>`
          : html`<p class="pending-count">${t('pendingCount', waiting)}</p>
              ${
                waiting > 0 && this.online
                  ? html`<button class="button button--secondary send-now" type="button" @click=${this.flush}>
                      ${t('sendNow')}
                    </button>`
                  : nothing
              }
              <ul class="notes">
                ${rows.map((row) => this.renderNote(row))}
              </ul>`
      }
    </section>`;
  }

  private renderNote(row: NoteRow): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const what = excerpt(row.description, 60);
    const badge =
      row.state === 'sent'
        ? html`<span class="badge badge--sent">${t('sent')}</span>`
        : row.state === 'failed'
          ? html`<span class="badge badge--failed">${t('failed')}</span>`
          : html`<span class="badge">${t(row.state === 'sending' ? 'sending' : 'pending')}</span>`;
    return html`<li class="note" data-state=${row.state}>
      ${badge}
      <span class="note__text"
        ><strong>${this.categoryLabel(row.categoryCode)}</strong> — ${what}
        ${row.reference ? html`<br /><span class="ref">${row.reference}</span>` : nothing}</span
      >
      ${
        row.state === 'failed'
          ? html`<p class="reason">${row.reason ?? ''}</p>
              <button
                class="button button--secondary"
                type="button"
                aria-label=${t('discardLabel', what)}
                @click=${() => void this.discard(row)}
              >
                ${t('discard')}
              </button>`
          : nothing
      }
    </li>`;
  }

  private renderMain(): unknown {
    const t = this.localize.t.bind(this.localize);
    const task = this.cafes.task;
    const loading = html`<div class="state" role="status" aria-busy="true">
      ${clockIcon} ${t('loading')}
    </div>`;
    return task.render({
      initial: () => loading,
      pending: () => loading,
      complete: (cafes) => {
        const cafe = cafes.find((c) => c.id === this.cafeId) ?? cafes[0];
        if (!cafe)
          return html`<div class="state"><p>${t('noCafe')}</p></div>
            ${this.rows.length > 0 ? this.renderNotes(undefined) : nothing}`;
        return html`${this.renderCafes(cafes, cafe)} ${this.renderForm(cafe)} ${this.renderNotes(cafe)}`;
      },
      error: (error) => {
        const detail = describeError(error, this.kit.t.bind(this.kit));
        return html`<div class="state state--error" role="alert">
            <p class="state__title">${t('errorTitle')}</p>
            ${detail ? html`<p>${detail}</p>` : nothing}
            <button type="button" class="button" @click=${() => void this.cafes.reload()}>
              ${t('retry')}
            </button>
          </div>
          ${this.rows.length > 0 ? this.renderNotes(undefined) : nothing}`;
      },
    });
  }

  override render(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    return html`<div class="base">
      <h1 tabindex="-1">${t('title')}</h1>
      <p class="intro">${t('intro')}</p>
      <p class="network ${this.online ? '' : 'network--offline'}" role="status">
        ${this.online ? '' : t('offline')}
      </p>
      ${this.renderMain()}
    </div>`;
  }
}
