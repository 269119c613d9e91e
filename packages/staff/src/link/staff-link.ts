import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { StaffLinkInfo } from '@proximite/contract';
import type { AdminClient } from '@proximite/sdk/admin.js';
import { ProxElement } from '@proximite/widgets/kit/base-element.js';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { clockIcon } from '../shared/icons.js';
import { formatDateTime } from '../shared/format.js';
import { formStyles } from '../shared/forms.styles.js';
import { statusOf } from '../shared/session.js';
import { checkPasswords, enrolsSecondFactor } from './link-model.js';
import { StaffLinkRedeemedEvent } from './staff-link.events.js';
import { messages } from './staff-link.messages.js';
import { styles } from './staff-link.styles.js';

type State =
  | { kind: 'checking' }
  | { kind: 'invalid' }
  | { kind: 'error'; why: string }
  | { kind: 'form'; info: StaffLinkInfo }
  | { kind: 'done'; info: StaffLinkInfo };

/**
 * The page a person reaches from an invitation or password-reset e-mail
 * (`/staff/#proximite-link=<token>`): whose account the link is for, two password fields, and once
 * the password is saved, the way to the sign-in — where roles that need one set up their
 * authenticator app (TOTP, RFC 6238) before working.
 *
 * @summary Choose a password with a single-use staff link.
 * @fires prox-staff-link-redeemed - The password was saved; `detail.email` signs in.
 */
export class StaffLink extends ProxElement {
  static override styles = [...ProxElement.styles, formStyles, styles];

  static override properties: PropertyDeclarations = {
    ...ProxElement.properties,
    client: { attribute: false },
    token: {},
    state: { state: true },
    errors: { state: true },
    failure: { state: true },
    busy: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);

  /** The admin client (with `session: true`). */
  declare client?: AdminClient;
  /** The link's token (from `#proximite-link=`). */
  declare token: string;
  declare private state: State;
  declare private errors: Record<string, string>;
  declare private failure: string;
  declare private busy: boolean;

  constructor() {
    super();
    this.token = '';
    this.state = { kind: 'checking' };
    this.errors = {};
    this.failure = '';
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if ((changed.has('token') || changed.has('client')) && this.client && this.token) void this.inspect();
  }

  /** Moves focus to the page's heading (the console calls it when the page shows). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async inspect(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.state = { kind: 'checking' };
    try {
      this.state = { kind: 'form', info: await client.links.inspect(this.token) };
    } catch (error) {
      this.state =
        statusOf(error) === 404 || statusOf(error) === 422
          ? { kind: 'invalid' }
          : { kind: 'error', why: describeError(error, this.kit.t.bind(this.kit)) };
    }
    void this.focusHeading();
  }

  private value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.client;
    if (!client || this.busy || this.state.kind !== 'form') return;
    const info = this.state.info;
    const password = this.value('new-password');
    this.errors = checkPasswords(password, this.value('confirm-password'));
    this.failure = '';
    if (Object.keys(this.errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.errors')?.focus();
      return;
    }
    this.busy = true;
    try {
      await client.links.redeem(this.token, password);
      this.state = { kind: 'done', info };
      void this.focusHeading();
    } catch (error) {
      if (statusOf(error) === 404) {
        this.state = { kind: 'invalid' };
        void this.focusHeading();
      } else {
        this.failure = this.localize.t('refused', describeError(error, this.kit.t.bind(this.kit)));
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('.errors')?.focus();
      }
    } finally {
      this.busy = false;
    }
  }

  private renderForm(info: StaffLinkInfo): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const entries = Object.entries(this.errors);
    const invitation = info.kind === 'invitation';
    return html`<h1 tabindex="-1" id="link-title">
        ${invitation ? t('invitationTitle', info.displayName) : t('resetTitle')}
      </h1>
      <p>${invitation ? t('invitationIntro') : t('resetIntro')}</p>
      <dl class="facts">
        <dt>${t('account')}</dt>
        <dd>${info.email}</dd>
        <dt>${t('role')}</dt>
        <dd>${t('roleLabel', info.role)}</dd>
        <dt>${t('expires')}</dt>
        <dd>
          <time datetime=${info.expiresAt}>${formatDateTime(info.expiresAt, this.localize.locale)}</time>
        </dd>
      </dl>
      ${
        entries.length || this.failure
          ? html`<div class="notice notice--error errors" role="alert" tabindex="-1">
              ${
                this.failure
                  ? html`<p class="error">${this.failure}</p>`
                  : html`<p class="error">${t('errorsTitle')}</p>
                      <ul>
                        ${entries.map(([, kind]) => html`<li>${t(`error_${kind}` as 'error_short')}</li>`)}
                      </ul>`
              }
            </div>`
          : nothing
      }
      <form novalidate aria-labelledby="link-title" @submit=${this.submit}>
        <input type="email" name="username" autocomplete="username" .value=${info.email} hidden />
        <div class="field">
          <label for="new-password">${t('password')}</label>
          <p class="hint" id="new-password-hint">${t('passwordHint')}</p>
          <input
            id="new-password"
            type="password"
            autocomplete="new-password"
            minlength="12"
            maxlength="256"
            aria-describedby="new-password-hint"
            aria-invalid=${this.errors['new-password'] ? 'true' : 'false'}
          />
        </div>
        <div class="field">
          <label for="confirm-password">${t('confirm')}</label>
          <input
            id="confirm-password"
            type="password"
            autocomplete="new-password"
            maxlength="256"
            aria-invalid=${this.errors['confirm-password'] ? 'true' : 'false'}
          />
        </div>
        <div class="actions">
          <button
            class="button"
            type="submit"
            ?disabled=${this.busy}
            aria-busy=${this.busy ? 'true' : 'false'}
          >
            ${this.busy ? t('submitting') : t('submit')}
          </button>
        </div>
      </form>`;
  }

  override render(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const s = this.state;
    let body: TemplateResult;
    switch (s.kind) {
      case 'checking':
        body = html`<h1 tabindex="-1">${t('checking')}</h1>
          <p class="state" role="status" aria-busy="true">${clockIcon} ${t('checking')}</p>`;
        break;
      case 'invalid':
        body = html`<h1 tabindex="-1">${t('invalidTitle')}</h1>
          <p>${t('invalid')}</p>`;
        break;
      case 'error':
        body = html`<h1 tabindex="-1">${t('errorTitle')}</h1>
          <div class="state state--error" role="alert">
            ${s.why ? html`<p>${s.why}</p>` : nothing}
            <button type="button" class="button" @click=${() => void this.inspect()}>${t('retry')}</button>
          </div>`;
        break;
      case 'done':
        body = html`<h1 tabindex="-1">${t('doneTitle')}</h1>
          <p class="notice notice--success" role="status">${t('done')}</p>
          ${enrolsSecondFactor(s.info) ? html`<p>${t('doneTotp')}</p>` : nothing}
          <div class="actions">
            <button
              type="button"
              class="button"
              @click=${() => this.dispatchEvent(new StaffLinkRedeemedEvent(s.info.email))}
            >
              ${t('signIn')}
            </button>
          </div>`;
        break;
      default:
        body = this.renderForm(s.info);
    }
    return html`<div class="base" part="base">${body}</div>`;
  }
}
