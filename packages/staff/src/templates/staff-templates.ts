import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import type { ConcernPreview, ResponseTemplate } from '@proximite/contract';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { formatDate } from '../shared/format.js';
import { formStyles } from '../shared/forms.styles.js';
import { NO_LOOKUPS, type Lookups } from '../shared/lookups.js';
import { StaffSection } from '../shared/section.js';
import { withSession } from '../shared/session.js';
import { statusLabel } from '../shared/statuses.js';
import { settingsStyles } from '../settings-kit/settings.styles.js';
import { dataBody, emptyState } from '../settings-kit/states.js';
import {
  EMPTY_TEMPLATE,
  TEMPLATE_STATUSES,
  checkTemplate,
  formOf,
  inputOf,
  unknownPlaceholders,
  upsert,
  type TemplateForm,
} from './templates-model.js';
import { TemplatesController } from './templates.controller.js';
import { messages } from './staff-templates.messages.js';
import { styles } from './staff-templates.styles.js';

const REFERENCE = /^PRX-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/**
 * Response templates: the public answers per category (or shared) and status, fr/en, with their
 * placeholders checked, and a preview on a real concern of exactly what its resident would
 * receive (the server's preview: the public update and the e-mail; nothing is sent).
 *
 * @summary The staff console's response templates.
 */
export class StaffTemplates extends StaffSection {
  static override styles = [...StaffSection.styles, formStyles, settingsStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    lists: { state: true },
    templates: { state: true },
    editing: { state: true },
    form: { state: true },
    errors: { state: true },
    notice: { state: true },
    busy: { state: true },
    preview: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly data = new TemplatesController(this, () => this.context);

  declare private lists: Lookups;
  declare private templates: ResponseTemplate[] | undefined;
  /** `undefined`: no editor; `''`: a new template; else the id edited. */
  declare private editing: string | undefined;
  declare private form: TemplateForm;
  declare private errors: Record<string, string>;
  declare private notice: { ok: boolean; text: string } | undefined;
  declare private busy: boolean;
  declare private preview: { result?: ConcernPreview; error?: string } | undefined;
  private listsFrom?: unknown;
  private loadedFrom?: unknown;

  constructor() {
    super();
    this.lists = NO_LOOKUPS;
    this.templates = undefined;
    this.editing = undefined;
    this.form = EMPTY_TEMPLATE;
    this.errors = {};
    this.notice = undefined;
    this.busy = false;
    this.preview = undefined;
  }

  private get t() {
    return this.localize.t.bind(this.localize);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('context') && this.context && this.listsFrom !== this.context.client) {
      this.listsFrom = this.context.client;
      void this.context.lookups().then((lists) => (this.lists = lists));
    }
    const task = this.data.task;
    if (task.status === TaskStatus.COMPLETE && task.value && this.loadedFrom !== task.value) {
      this.loadedFrom = task.value;
      this.templates = task.value;
    }
  }

  private categoryName(code: string | null): string {
    if (!code) return this.t('shared');
    const c = this.lists.categories.find((x) => x.code === code);
    return c ? this.localize.pick(c.label) : code;
  }

  private describe(tpl: ResponseTemplate): string {
    return `${this.categoryName(tpl.categoryCode)}, ${this.localize.pick(statusLabel(tpl.status))}`;
  }

  private async open(tpl: ResponseTemplate | undefined): Promise<void> {
    this.editing = tpl?.id ?? '';
    this.form = tpl ? formOf(tpl) : EMPTY_TEMPLATE;
    this.errors = {};
    this.notice = undefined;
    this.preview = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#editor-title')?.focus();
  }

  private close(): void {
    const id = this.editing;
    this.editing = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(id ? `button[data-edit="${id}"]` : 'button.add')?.focus(),
    );
  }

  private set(patch: Partial<TemplateForm>): void {
    this.form = { ...this.form, ...patch };
    if (Object.keys(this.errors).length) this.errors = checkTemplate(this.form);
  }

  private async run(action: () => Promise<string>): Promise<void> {
    const context = this.context;
    if (!context || this.busy) return;
    this.busy = true;
    try {
      this.notice = { ok: true, text: await withSession(context, action) };
    } catch (error) {
      this.notice = { ok: false, text: this.t('failed', describeError(error, this.kit.t.bind(this.kit))) };
    } finally {
      this.busy = false;
    }
    context.announce(this.notice.text);
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.context?.client;
    if (!client || this.editing === undefined) return;
    this.errors = checkTemplate(this.form);
    if (Object.keys(this.errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.editor .errors')?.focus();
      return;
    }
    const id = this.editing;
    const input = inputOf(this.form);
    await this.run(async () => {
      const saved = id ? await client.templates.update(id, input) : await client.templates.create(input);
      this.templates = upsert(this.templates ?? [], saved);
      this.editing = undefined;
      return this.t('saved');
    });
  }

  private deleteTemplate(tpl: ResponseTemplate): void {
    const client = this.context?.client;
    if (!client) return;
    void this.run(async () => {
      await client.templates.delete(tpl.id);
      this.templates = (this.templates ?? []).filter((x) => x.id !== tpl.id);
      if (this.editing === tpl.id) this.editing = undefined;
      return this.t('deleted');
    });
  }

  private async showPreview(): Promise<void> {
    const context = this.context;
    const ref = (this.renderRoot.querySelector<HTMLInputElement>('#preview-ref')?.value ?? '')
      .trim()
      .toUpperCase();
    if (!context) return;
    if (!REFERENCE.test(ref)) {
      this.preview = { error: this.t('badReference') };
      return;
    }
    const f = this.form;
    try {
      const result = await withSession(context, () =>
        context.client.templates.preview(ref, {
          status: f.status as 'closed',
          publicUpdate: inputOf(f).text,
        }),
      );
      this.preview = { result };
    } catch (error) {
      this.preview = { error: this.t('previewFailed', describeError(error, this.kit.t.bind(this.kit))) };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // rendering

  private renderPreview(): TemplateResult {
    const t = this.t;
    const p = this.preview;
    return html`<div class="preview">
      <div class="preview-row">
        <div class="field">
          <label for="preview-ref">${t('previewRef')}</label>
          <p class="hint" id="preview-hint">${t('previewHint')}</p>
          <input
            id="preview-ref"
            type="text"
            maxlength="13"
            autocomplete="off"
            aria-describedby="preview-hint"
          />
        </div>
        <button type="button" class="button button--secondary" @click=${() => void this.showPreview()}>
          ${t('previewButton')}
        </button>
      </div>
      <div role="status">
        ${p?.error ? html`<p class="notice notice--error">${p.error}</p>` : nothing}
        ${
          p?.result
            ? html`<section class="card" aria-labelledby="preview-title">
                <h3 id="preview-title">
                  ${t('previewUpdate')} — ${this.localize.pick(statusLabel(p.result.update.status))}
                </h3>
                <p>${this.localize.pick(p.result.update.text)}</p>
                ${
                  p.result.email
                    ? html`<h3>${t('previewEmail', p.result.email.subject)}</h3>
                        <pre class="email">${p.result.email.text}</pre>`
                    : html`<p class="muted">${t('previewNoEmail')}</p>`
                }
              </section>`
            : nothing
        }
      </div>
    </div>`;
  }

  private renderEditor(): TemplateResult | typeof nothing {
    if (this.editing === undefined) return nothing;
    const t = this.t;
    const f = this.form;
    const entries = Object.entries(this.errors);
    const unknown = [...new Set([...unknownPlaceholders(f.fr), ...unknownPlaceholders(f.en)])];
    const area = (id: string, label: string, value: string, key: 'fr' | 'en') =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <textarea
          id=${id}
          maxlength="2000"
          aria-describedby="text-hint"
          aria-invalid=${this.errors[id] ? 'true' : 'false'}
          .value=${value}
          @input=${(e: Event) => this.set({ [key]: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
      </div>`;
    return html`<form class="editor" novalidate aria-labelledby="editor-title" @submit=${this.save}>
      <h2 id="editor-title" tabindex="-1">${this.editing ? t('editing') : t('creating')}</h2>
      ${
        entries.length
          ? html`<div class="notice notice--error errors" role="alert" tabindex="-1">
              <p class="error">${t('errorsTitle')}</p>
              <ul>
                ${entries.map(([, kind]) => html`<li>${t(`error_${kind}` as 'error_long')}</li>`)}
              </ul>
            </div>`
          : nothing
      }
      <div class="grid2">
        <div class="field">
          <label for="category">${t('category')}</label>
          <select
            id="category"
            @change=${(e: Event) => this.set({ categoryCode: (e.target as HTMLSelectElement).value })}
          >
            <option value="" ?selected=${f.categoryCode === ''}>${t('shared')}</option>
            ${this.lists.categories.map(
              (c) =>
                html`<option value=${c.code} ?selected=${f.categoryCode === c.code}>
                  ${this.localize.pick(c.label)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="status">${t('status')}</label>
          <select
            id="status"
            @change=${(e: Event) => this.set({ status: (e.target as HTMLSelectElement).value })}
          >
            ${TEMPLATE_STATUSES.map(
              (s) =>
                html`<option value=${s} ?selected=${f.status === s}>
                  ${this.localize.pick(statusLabel(s))}
                </option>`,
            )}
          </select>
        </div>
      </div>
      <p class="hint" id="text-hint">${t('textHint')}</p>
      ${area('text-fr', t('textFr'), f.fr, 'fr')} ${area('text-en', t('textEn'), f.en, 'en')}
      ${unknown.length ? html`<p class="notice notice--error">${t('unknown', unknown.join(', '))}</p>` : nothing}
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.busy}>${t('save')}</button>
        <button class="button button--secondary" type="button" @click=${this.close}>${t('cancel')}</button>
      </div>
      <h3>${t('preview')}</h3>
      ${this.renderPreview()}
    </form>`;
  }

  private renderTable(list: readonly ResponseTemplate[]): TemplateResult {
    const t = this.t;
    return html`<div class="table-wrap" role="region" aria-labelledby="caption" tabindex="0">
      <table>
        <caption id="caption">
          ${t('caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('category')}</th>
            <th scope="col">${t('status')}</th>
            <th scope="col">${t('text')}</th>
            <th scope="col">${t('updated')}</th>
            <th scope="col">${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (tpl) =>
              html`<tr>
                <th scope="row">${this.categoryName(tpl.categoryCode)}</th>
                <td>${this.localize.pick(statusLabel(tpl.status))}</td>
                <td class="text">
                  <span lang="fr">${tpl.text.fr}</span>
                  ${tpl.text.en ? html`<span class="muted" lang="en">${tpl.text.en}</span>` : nothing}
                </td>
                <td>${formatDate(tpl.updatedAt, this.localize.locale)}</td>
                <td>
                  <div class="row-actions">
                    <button
                      type="button"
                      class="button button--secondary"
                      data-edit=${tpl.id}
                      aria-label=${t('actionOf', t('edit'), this.describe(tpl))}
                      @click=${() => void this.open(tpl)}
                    >
                      ${t('edit')}
                    </button>
                    <button
                      type="button"
                      class="button button--secondary"
                      data-remove=${tpl.id}
                      aria-label=${t('actionOf', t('remove'), this.describe(tpl))}
                      ?disabled=${this.busy}
                      @click=${() => this.deleteTemplate(tpl)}
                    >
                      ${t('remove')}
                    </button>
                  </div>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render(): TemplateResult {
    const t = this.t;
    const body = dataBody(
      this.data.task,
      this.templates,
      (templates) =>
        html`${
            this.notice
              ? html`<p class="notice ${this.notice.ok ? 'notice--success' : 'notice--error'}" role="status">
                  ${this.notice.text}
                </p>`
              : nothing
          }
          ${this.renderEditor()}
          <div class="actions add-bar">
            <button type="button" class="button add" @click=${() => void this.open(undefined)}>
              ${t('add')}
            </button>
          </div>
          ${templates.length ? this.renderTable(templates) : emptyState(t('empty'))}`,
      t,
      this.kit.t.bind(this.kit),
      () => void this.data.reload(),
    );

    return html`<div class="base">
      <h1 tabindex="-1">${t('title')}</h1>
      <p class="intro">${t('intro')}</p>
      ${body}
    </div>`;
  }
}
