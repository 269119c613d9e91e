import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import { ROLE_DESCRIPTIONS, type StaffLink, type StaffMember } from '@proximite/contract';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { formatDateTime } from '../shared/format.js';
import { formStyles } from '../shared/forms.styles.js';
import { NO_LOOKUPS, type Lookups } from '../shared/lookups.js';
import { StaffSection } from '../shared/section.js';
import { withSession } from '../shared/session.js';
import { settingsStyles } from '../settings-kit/settings.styles.js';
import { dataBody, emptyState } from '../settings-kit/states.js';
import {
  EMPTY_FORM,
  STAFF_ROLES,
  actionsOf,
  checkForm,
  formOf,
  inviteInputOf,
  updateInputOf,
  upsert,
  type AccountForm,
} from './staff-model.js';
import { StaffController } from './staff.controller.js';
import { messages } from './staff-accounts.messages.js';
import { styles } from './staff-accounts.styles.js';

type Notice = { ok: boolean; text: string; link?: StaffLink | undefined };

/**
 * Staff accounts and roles (admin only): the accounts with their role, services, state, second
 * factor and last sign-in; invite someone (a single-use link, shown when it could not be
 * e-mailed), edit a name, role or services, reset a password or a second factor, disable or
 * enable an account — never one's own.
 *
 * @summary The staff console's accounts and roles.
 */
export class StaffAccounts extends StaffSection {
  static override styles = [...StaffSection.styles, formStyles, settingsStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    lists: { state: true },
    accounts: { state: true },
    editing: { state: true },
    form: { state: true },
    errors: { state: true },
    notice: { state: true },
    busy: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly data = new StaffController(this, () => this.context);

  declare private lists: Lookups;
  declare private accounts: StaffMember[] | undefined;
  /** `undefined`: no form; `''`: an invitation; else the id edited. */
  declare private editing: string | undefined;
  declare private form: AccountForm;
  declare private errors: Record<string, string>;
  declare private notice: Notice | undefined;
  declare private busy: boolean;
  private listsFrom?: unknown;
  private loadedFrom?: unknown;

  constructor() {
    super();
    this.lists = NO_LOOKUPS;
    this.accounts = undefined;
    this.editing = undefined;
    this.form = EMPTY_FORM;
    this.errors = {};
    this.notice = undefined;
    this.busy = false;
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
      this.accounts = task.value;
    }
  }

  private async open(member: StaffMember | undefined): Promise<void> {
    this.editing = member?.id ?? '';
    this.form = member ? formOf(member) : EMPTY_FORM;
    this.errors = {};
    this.notice = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#editor-title')?.focus();
  }

  private close(): void {
    const id = this.editing;
    this.editing = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(id ? `button[data-edit="${id}"]` : 'button.invite')?.focus(),
    );
  }

  private set(patch: Partial<AccountForm>): void {
    this.form = { ...this.form, ...patch };
    if (Object.keys(this.errors).length) this.errors = checkForm(this.form, this.editing ? 'edit' : 'invite');
  }

  private async run(action: () => Promise<Notice>): Promise<void> {
    const context = this.context;
    if (!context || this.busy) return;
    this.busy = true;
    try {
      this.notice = await withSession(context, action);
    } catch (error) {
      this.notice = { ok: false, text: this.t('failed', describeError(error, this.kit.t.bind(this.kit))) };
    } finally {
      this.busy = false;
    }
    context.announce(
      this.notice.link?.url ? `${this.notice.text} ${this.linkText(this.notice.link)}` : this.notice.text,
    );
  }

  private linkText(link: StaffLink): string {
    return link.delivered
      ? this.t('emailed')
      : this.t('linkToGive', formatDateTime(link.expiresAt, this.localize.locale));
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const context = this.context;
    if (!context || this.editing === undefined) return;
    const inviting = this.editing === '';
    this.errors = checkForm(this.form, inviting ? 'invite' : 'edit');
    if (Object.keys(this.errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.editor .errors')?.focus();
      return;
    }
    const before = this.accounts?.find((m) => m.id === this.editing);
    await this.run(async () => {
      if (inviting) {
        const invitation = await context.client.staff.invite(inviteInputOf(this.form));
        this.accounts = upsert(this.accounts ?? [], invitation.staff);
        this.editing = undefined;
        return { ok: true, text: this.t('invited', invitation.staff.displayName), link: invitation.link };
      }
      const input = before ? updateInputOf(before, this.form) : undefined;
      if (!before || !input) {
        this.editing = undefined;
        return { ok: true, text: this.t('nothingChanged') };
      }
      const saved = await context.client.staff.update(before.id, input);
      this.accounts = upsert(this.accounts ?? [], saved);
      this.editing = undefined;
      return { ok: true, text: this.t('saved', saved.displayName) };
    });
  }

  private act(action: string, m: StaffMember): void {
    const client = this.context?.client;
    if (!client) return;
    if (action === 'edit') return void this.open(m);
    void this.run(async () => {
      switch (action) {
        case 'reset-password': {
          const link = await client.staff.resetPassword(m.id);
          return { ok: true, text: this.t('resetSent', m.displayName), link };
        }
        case 'reset-totp': {
          this.accounts = upsert(this.accounts ?? [], await client.staff.resetTotp(m.id));
          return { ok: true, text: this.t('totpReset', m.displayName) };
        }
        case 'disable': {
          this.accounts = upsert(this.accounts ?? [], await client.staff.disable(m.id));
          return { ok: true, text: this.t('disabled', m.displayName) };
        }
        default: {
          this.accounts = upsert(this.accounts ?? [], await client.staff.enable(m.id));
          return { ok: true, text: this.t('enabled', m.displayName) };
        }
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // rendering

  private renderNotice(): TemplateResult | typeof nothing {
    const n = this.notice;
    if (!n) return nothing;
    return html`<div class="notice ${n.ok ? 'notice--success' : 'notice--error'}" role="status">
      <p>${n.text}</p>
      ${
        n.link
          ? html`<p>
              ${this.linkText(n.link)}
              ${n.link.url && !n.link.delivered ? html`<code class="link">${n.link.url}</code>` : nothing}
            </p>`
          : nothing
      }
    </div>`;
  }

  private serviceName(id: string): string {
    const s = this.lists.services.find((x) => x.id === id);
    return s ? this.localize.pick(s.name) : id;
  }

  private renderTable(accounts: readonly StaffMember[]): TemplateResult {
    const t = this.t;
    const me = this.context?.identity?.id;
    return html`<div class="table-wrap" role="region" aria-labelledby="caption" tabindex="0">
      <table>
        <caption id="caption">
          ${t('caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('name')}</th>
            <th scope="col">${t('role')}</th>
            <th scope="col">${t('services')}</th>
            <th scope="col">${t('status')}</th>
            <th scope="col">${t('secondFactor')}</th>
            <th scope="col">${t('lastSignIn')}</th>
            <th scope="col">${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${accounts.map(
            (m) =>
              html`<tr class=${m.status === 'disabled' ? 'is-disabled' : ''}>
                <th scope="row">
                  ${m.displayName} ${m.id === me ? t('you') : nothing}<span class="def mono muted">
                    ${m.email}</span
                  >
                </th>
                <td>${t('roleLabel', m.role)}</td>
                <td>${m.services.map((s) => html`<span class="flag">${this.serviceName(s)}</span>`)}</td>
                <td>
                  <span class="badge ${m.status === 'disabled' ? 'badge--danger' : ''}"
                    >${t('statusLabel', m.status)}</span
                  >
                </td>
                <td>${m.totpEnabled ? t('totpOn') : t('totpOff')}</td>
                <td>
                  ${m.lastSignInAt ? formatDateTime(m.lastSignInAt, this.localize.locale) : html`<span class="muted">${t('never')}</span>`}
                </td>
                <td>
                  <div class="row-actions">
                    ${actionsOf(m, me).map(
                      (a) =>
                        html`<button
                          type="button"
                          class="button button--secondary"
                          data-action=${a}
                          data-edit=${a === 'edit' ? m.id : nothing}
                          aria-label=${t('actionOf', t(a as 'edit'), m.displayName)}
                          ?disabled=${this.busy}
                          @click=${() => this.act(a, m)}
                        >
                          ${t(a as 'edit')}
                        </button>`,
                    )}
                  </div>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderEditor(): TemplateResult | typeof nothing {
    if (this.editing === undefined) return nothing;
    const t = this.t;
    const f = this.form;
    const inviting = this.editing === '';
    const prefix = inviting ? 'invite' : 'edit';
    const entries = Object.entries(this.errors);
    const field = (id: string, label: string, value: string, key: 'email' | 'displayName', type = 'text') =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <input
          id=${id}
          type=${type}
          autocomplete="off"
          aria-invalid=${this.errors[id] ? 'true' : 'false'}
          .value=${value}
          @input=${(e: Event) => this.set({ [key]: (e.target as HTMLInputElement).value })}
        />
      </div>`;
    return html`<form class="editor" novalidate aria-labelledby="editor-title" @submit=${this.submit}>
      <h2 id="editor-title" tabindex="-1">${inviting ? t('inviteTitle') : t('editTitle', f.displayName)}</h2>
      ${
        entries.length
          ? html`<div class="notice notice--error errors" role="alert" tabindex="-1">
              <p class="error">${t('errorsTitle')}</p>
              <ul>
                ${entries.map(([, kind]) => html`<li>${t(`error_${kind}` as 'error_name')}</li>`)}
              </ul>
            </div>`
          : nothing
      }
      <div class="grid2">
        ${inviting ? field('invite-email', t('email'), f.email, 'email', 'email') : nothing}
        ${field(`${prefix}-name`, t('displayName'), f.displayName, 'displayName')}
        <div class="field">
          <label for="${prefix}-role">${t('role')}</label>
          <select
            id="${prefix}-role"
            aria-describedby="${prefix}-role-hint"
            @change=${(e: Event) => this.set({ role: (e.target as HTMLSelectElement).value })}
          >
            ${STAFF_ROLES.map((r) => html`<option value=${r} ?selected=${f.role === r}>${t('roleLabel', r)}</option>`)}
          </select>
          <p class="hint role-hint" id="${prefix}-role-hint">
            ${this.localize.pick(ROLE_DESCRIPTIONS[f.role as 'agent'] ?? { fr: '' })}
          </p>
        </div>
      </div>
      ${
        this.lists.services.length
          ? html`<fieldset>
              <legend>${t('services')}</legend>
              <p class="hint">${t('servicesHint')}</p>
              <div class="checks">
                ${this.lists.services.map(
                  (s) =>
                    html`<label
                      ><input
                        type="checkbox"
                        .checked=${f.services.includes(s.id)}
                        @change=${(e: Event) =>
                          this.set({
                            services: (e.target as HTMLInputElement).checked
                              ? [...f.services, s.id]
                              : f.services.filter((x) => x !== s.id),
                          })}
                      />
                      ${this.localize.pick(s.name)}</label
                    >`,
                )}
              </div>
            </fieldset>`
          : nothing
      }
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.busy}>
          ${inviting ? t('send') : t('save')}
        </button>
        <button class="button button--secondary" type="button" @click=${this.close}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  override render(): TemplateResult {
    const t = this.t;
    const body = dataBody(
      this.data.task,
      this.accounts,
      (accounts) =>
        html`${this.renderNotice()} ${this.renderEditor()}
          <div class="actions invite-bar">
            <button type="button" class="button invite" @click=${() => void this.open(undefined)}>
              ${t('invite')}
            </button>
          </div>
          ${accounts.length ? this.renderTable(accounts) : emptyState(t('empty'))}`,
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
