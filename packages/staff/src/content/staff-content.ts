import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import type { RightsOverrides } from '@proximite/contract';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { formStyles } from '../shared/forms.styles.js';
import { StaffSection } from '../shared/section.js';
import { withSession } from '../shared/session.js';
import { settingsStyles } from '../settings-kit/settings.styles.js';
import { dataBody } from '../settings-kit/states.js';
import {
  EMPTY_ROW,
  LOCAL_CONTACT_KINDS,
  checkForm,
  formOf,
  overridesOf,
  type ContactRow,
  type ContentForm,
} from './content-model.js';
import { ContentController } from './content.controller.js';
import { messages } from './staff-content.messages.js';
import { styles } from './staff-content.styles.js';

/**
 * Content and settings: the rights explainer's city overrides (local contacts, the disclaimer in
 * French and English; extra national contacts added through the API are kept as they are), and
 * what the retention periods are governed by (the server's configuration: not exposed by the API).
 *
 * @summary The staff console's content and settings.
 */
export class StaffContent extends StaffSection {
  static override styles = [...StaffSection.styles, formStyles, settingsStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    form: { state: true },
    errors: { state: true },
    notice: { state: true },
    busy: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly data = new ContentController(this, () => this.context);

  declare private form: ContentForm | undefined;
  declare private errors: Record<string, string>;
  declare private notice: { ok: boolean; text: string } | undefined;
  declare private busy: boolean;
  /** The overrides as saved (what was loaded, then each publication). */
  private saved?: RightsOverrides;
  private loadedFrom?: unknown;

  constructor() {
    super();
    this.form = undefined;
    this.errors = {};
    this.notice = undefined;
    this.busy = false;
  }

  private get t() {
    return this.localize.t.bind(this.localize);
  }

  protected override willUpdate(): void {
    const task = this.data.task;
    if (task.status === TaskStatus.COMPLETE && task.value && this.loadedFrom !== task.value) {
      this.loadedFrom = task.value;
      this.saved = task.value;
      this.form = formOf(task.value);
    }
  }

  private set(patch: Partial<ContentForm>): void {
    if (!this.form) return;
    this.form = { ...this.form, ...patch };
    this.notice = undefined;
    if (Object.keys(this.errors).length) this.errors = checkForm(this.form);
  }

  private setRow(i: number, patch: Partial<ContactRow>): void {
    if (!this.form) return;
    this.set({ contacts: this.form.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  }

  private async addContact(): Promise<void> {
    if (!this.form) return;
    this.set({ contacts: [...this.form.contacts, { ...EMPTY_ROW }] });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#contact-${this.form.contacts.length - 1}-kind`)?.focus();
  }

  private async removeContact(i: number): Promise<void> {
    if (!this.form) return;
    this.set({ contacts: this.form.contacts.filter((_, j) => j !== i) });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button.add-contact')?.focus();
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const context = this.context;
    const form = this.form;
    if (!context || !form || this.busy) return;
    this.errors = checkForm(form);
    if (Object.keys(this.errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.errors')?.focus();
      return;
    }
    this.busy = true;
    try {
      const saved = await withSession(context, () =>
        context.client.rights.putOverrides(overridesOf(form, this.saved ?? {})),
      );
      this.saved = saved;
      this.form = formOf(saved);
      this.notice = { ok: true, text: this.t('saved') };
    } catch (error) {
      this.notice = {
        ok: false,
        text: this.t('saveFailed', describeError(error, this.kit.t.bind(this.kit))),
      };
    } finally {
      this.busy = false;
    }
    context.announce(this.notice.text);
  }

  // ---------------------------------------------------------------------------------------------
  // rendering

  private errorText(field: string, kind: string): string {
    const n = Number(/^contact-(\d+)-/.exec(field)?.[1] ?? '0') + 1;
    return this.t(`error_${kind}` as 'error_name', n);
  }

  private input(
    id: string,
    label: string,
    value: string,
    onInput: (v: string) => void,
    type = 'text',
  ): TemplateResult {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type=${type}
        autocomplete="off"
        aria-invalid=${this.errors[id] ? 'true' : 'false'}
        .value=${value}
        @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  private renderContact(c: ContactRow, i: number): TemplateResult {
    const t = this.t;
    const id = (f: string) => `contact-${i}-${f}`;
    return html`<fieldset class="contact">
      <legend>${t('contact', i + 1)}${c.name ? ` — ${c.name}` : ''}</legend>
      <div class="grid2">
        <div class="field">
          <label for=${id('kind')}>${t('kind')}</label>
          <select
            id=${id('kind')}
            @change=${(e: Event) => this.setRow(i, { kind: (e.target as HTMLSelectElement).value })}
          >
            ${LOCAL_CONTACT_KINDS.map((k) => html`<option value=${k} ?selected=${c.kind === k}>${t('kindLabel', k)}</option>`)}
          </select>
        </div>
        ${this.input(id('name'), t('name'), c.name, (name) => this.setRow(i, { name }))}
        ${this.input(id('address'), t('address'), c.address, (address) => this.setRow(i, { address }))}
        ${this.input(id('phone'), t('phone'), c.phone, (phone) => this.setRow(i, { phone }), 'tel')}
        ${this.input(id('email'), t('email'), c.email, (email) => this.setRow(i, { email }), 'email')}
        ${this.input(id('url'), t('url'), c.url, (url) => this.setRow(i, { url }))}
        ${this.input(id('hours'), t('hours'), c.hours, (hours) => this.setRow(i, { hours }))}
      </div>
      <button
        type="button"
        class="button button--secondary remove"
        aria-label=${t('remove', i + 1)}
        @click=${() => void this.removeContact(i)}
      >
        ${t('removeShort')}
      </button>
    </fieldset>`;
  }

  private renderForm(form: ContentForm): TemplateResult {
    const t = this.t;
    const entries = Object.entries(this.errors);
    const extra = this.saved?.contacts?.length ?? 0;
    const area = (id: string, label: string, value: string, key: 'disclaimerFr' | 'disclaimerEn') =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <textarea
          id=${id}
          maxlength="2000"
          aria-describedby="disclaimer-hint"
          aria-invalid=${this.errors[id] ? 'true' : 'false'}
          .value=${value}
          @input=${(e: Event) => this.set({ [key]: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
      </div>`;
    return html`<form novalidate @submit=${this.save}>
      ${
        entries.length
          ? html`<div class="notice notice--error errors" role="alert" tabindex="-1">
              <p class="error">${t('errorsTitle')}</p>
              <ul>
                ${entries.map(([field, kind]) => html`<li>${this.errorText(field, kind)}</li>`)}
              </ul>
            </div>`
          : nothing
      }
      <section aria-labelledby="contacts-title">
        <h2 id="contacts-title">${t('contacts')}</h2>
        <p class="hint">${t('contactsHint')}</p>
        ${form.contacts.length ? form.contacts.map((c, i) => this.renderContact(c, i)) : html`<p class="muted">${t('noContacts')}</p>`}
        <div class="actions">
          <button
            type="button"
            class="button button--secondary add-contact"
            @click=${() => void this.addContact()}
          >
            ${t('addContact')}
          </button>
        </div>
        ${extra ? html`<p class="muted">${t('extra', extra)}</p>` : nothing}
      </section>
      <section aria-labelledby="disclaimer-title">
        <h2 id="disclaimer-title">${t('disclaimer')}</h2>
        <p class="hint" id="disclaimer-hint">${t('disclaimerHint')}</p>
        ${area('disclaimer-fr', t('disclaimerFr'), form.disclaimerFr, 'disclaimerFr')}
        ${area('disclaimer-en', t('disclaimerEn'), form.disclaimerEn, 'disclaimerEn')}
      </section>
      ${
        this.notice
          ? html`<p class="notice ${this.notice.ok ? 'notice--success' : 'notice--error'}" role="status">
              ${this.notice.text}
            </p>`
          : nothing
      }
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.busy}>${t('save')}</button>
      </div>
    </form>`;
  }

  override render(): TemplateResult {
    const t = this.t;
    const body = dataBody(
      this.data.task,
      this.form,
      (form) => this.renderForm(form),
      t,
      this.kit.t.bind(this.kit),
      () => void this.data.reload(),
    );
    return html`<div class="base">
      <h1 tabindex="-1">${t('title')}</h1>
      <p class="intro">${t('intro')}</p>
      ${body}
      <section class="retention" aria-labelledby="retention-title">
        <h2 id="retention-title">${t('retention')}</h2>
        <p>${t('retentionText')}</p>
      </section>
    </div>`;
  }
}
