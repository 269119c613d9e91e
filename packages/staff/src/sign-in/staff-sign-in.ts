import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { PROBLEM_TYPES, type OidcProvider, type StaffSession, type TotpEnrolment } from '@proximite/contract';
import type { AdminClient } from '@proximite/sdk/admin.js';
import { ProxElement } from '@proximite/widgets/kit/base-element.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { rememberSsoStart } from '../console/session-hint.js';
import { formStyles } from '../shared/forms.styles.js';
import { StaffSignedInEvent } from './staff-sign-in.events.js';
import { messages } from './staff-sign-in.messages.js';
import { styles } from './staff-sign-in.styles.js';

type Step = 'password' | 'enrol';
type Field = 'email' | 'password' | 'otp';

/** What an error of the SDK says, read by name and fields (the SDK's classes stay out of the check). */
function problemOf(error: unknown): { status?: number; type?: string; retryAfter?: number; name?: string } {
  const e = (error ?? {}) as {
    status?: unknown;
    problem?: { type?: unknown };
    retryAfter?: unknown;
    name?: unknown;
  };
  return {
    status: typeof e.status === 'number' ? e.status : undefined,
    type: typeof e.problem?.type === 'string' ? e.problem.type : undefined,
    retryAfter: typeof e.retryAfter === 'number' ? e.retryAfter : undefined,
    name: typeof e.name === 'string' ? e.name : undefined,
  };
}

/**
 * The console's sign-in: e-mail and password, then the authenticator's code when the account has a
 * second factor (asked only then), or « Se connecter avec … » for each single sign-on provider the
 * server offers; a role that needs a second factor and has none sets one up here. Errors are listed
 * in a summary that takes focus, each field says its own.
 *
 * @summary Staff sign-in: password and TOTP, or single sign-on.
 * @fires prox-staff-signed-in - Signed in; `detail.session` is the new session.
 */
export class StaffSignIn extends ProxElement {
  static override styles = [...ProxElement.styles, formStyles, styles];

  static override properties: PropertyDeclarations = {
    ...ProxElement.properties,
    client: { attribute: false },
    expired: { type: Boolean },
    email: {},
    ssoError: { attribute: 'sso-error' },
    step: { state: true },
    busy: { state: true },
    errors: { state: true },
    failure: { state: true },
    providers: { state: true },
    enrolment: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);

  /** The admin client (with `session: true`). */
  declare client?: AdminClient;
  /** The session ended while working: says so, and keeps the page behind as it was. */
  declare expired: boolean;
  /** Prefilled e-mail address (the account whose session ended). */
  declare email: string;
  /** The code of a failed single sign-on (`#proximite-sso-error=<code>`). */
  declare ssoError?: string;

  declare private step: Step;
  declare private busy: boolean;
  declare private errors: Partial<Record<Field, string>>;
  declare private failure: string;
  declare private providers: OidcProvider[];
  declare private enrolment?: TotpEnrolment;
  private signedIn?: StaffSession;

  constructor() {
    super();
    this.expired = false;
    this.email = '';
    this.step = 'password';
    this.busy = false;
    this.errors = {};
    this.failure = '';
    this.providers = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.client?.sso.providers().then(
      (list) => (this.providers = list),
      () => (this.providers = []), // no single sign-on offered, or not reachable: the password form stays
    );
  }

  /** Moves focus to the first field (or to the error summary when there is one). */
  async focusFirst(): Promise<void> {
    await this.updateComplete;
    const target =
      this.renderRoot.querySelector<HTMLElement>('.notice--error') ??
      this.renderRoot.querySelector<HTMLElement>(
        this.step === 'password' ? (this.email ? '#password' : '#email') : '#otp',
      );
    target?.focus();
  }

  private value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.client) return;
    const email = this.value('email').trim();
    const password = this.value('password');
    const otp = this.value('otp').replace(/\s+/g, '');
    const errors: Partial<Record<Field, string>> = {};
    if (this.step !== 'enrol') {
      if (email === '') errors.email = this.localize.t('required');
      if (password === '') errors.password = this.localize.t('required');
    }
    // The code is optional (only accounts with a second factor have one): checked when given.
    if ((this.step === 'enrol' || otp !== '') && !/^[0-9]{6}$/.test(otp))
      errors.otp = this.localize.t('otpFormat');
    this.errors = errors;
    this.failure = '';
    if (Object.keys(errors).length > 0) return this.showFailure(this.localize.t('errorSummary'));
    this.busy = true;
    try {
      if (this.step === 'enrol') {
        const session = await this.client.session.confirmTotp(otp);
        this.done(session);
        return;
      }
      const session = await this.client.session.signIn({
        email,
        password,
        ...(otp !== '' ? { otp } : {}),
      });
      if (session.secondFactor === 'enrolment-required') {
        this.signedIn = session;
        this.enrolment = await this.client.session.startTotp();
        this.step = 'enrol';
        this.busy = false;
        await this.focusFirst();
        return;
      }
      this.done(session);
    } catch (error) {
      this.busy = false;
      this.fail(error);
    }
  }

  private done(session: StaffSession): void {
    this.busy = false;
    this.signedIn = undefined;
    this.step = 'password';
    this.enrolment = undefined;
    for (const id of ['password', 'otp']) {
      const input = this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
      if (input) input.value = '';
    }
    this.dispatchEvent(new StaffSignedInEvent(session));
  }

  private fail(error: unknown): void {
    const p = problemOf(error);
    const t = this.localize.t.bind(this.localize);
    if (p.type === PROBLEM_TYPES.otpRequired) {
      this.errors = { otp: this.value('otp') === '' ? t('otpAsked') : t('badOtp') };
      return this.showFailure(t('errorSummary'));
    }
    if (p.status === 429)
      return this.showFailure(t('locked', Math.max(1, Math.ceil((p.retryAfter ?? 60) / 60))));
    if (p.status === 401) {
      this.errors = this.step === 'enrol' ? { otp: t('badOtp') } : {};
      return this.showFailure(this.step === 'enrol' ? t('errorSummary') : t('badCredentials'));
    }
    if (p.name === 'NetworkError' || p.name === 'TimeoutError') return this.showFailure(t('unreachable'));
    this.showFailure(t('failed'));
  }

  private showFailure(message: string): void {
    this.failure = message;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('.notice--error')?.focus(),
    );
  }

  private renderField(
    id: Field,
    label: string,
    input: (describedBy: string | typeof nothing) => TemplateResult,
    hint?: string,
  ): TemplateResult {
    const error = this.errors[id];
    const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
      ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing} ${input(ids || nothing)}
    </div>`;
  }

  private renderErrors(): TemplateResult | typeof nothing {
    if (!this.failure) return nothing;
    const fieldErrors = Object.entries(this.errors) as [Field, string][];
    return html`<div class="notice notice--error" role="alert" tabindex="-1">
      <p class="error">${this.failure}</p>
      ${
        fieldErrors.length
          ? html`<ul>
              ${fieldErrors.map(
                ([id, message]) =>
                  html`<li><a href="#${id}" @click=${(e: Event) => this.jump(e, id)}>${message}</a></li>`,
              )}
            </ul>`
          : nothing
      }
    </div>`;
  }

  private jump(event: Event, id: string): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  private renderOtp(label = this.localize.t('otp')): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    return this.renderField(
      'otp',
      label,
      (d) =>
        html`<input
          id="otp"
          name="otp"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]*"
          maxlength="8"
          size="8"
          aria-describedby=${d}
          aria-invalid=${this.errors.otp ? 'true' : 'false'}
        />`,
      t('otpHint'),
    );
  }

  private renderEnrol(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const e = this.enrolment;
    return html`<h2 class="sub">${t('enrolTitle')}</h2>
      <p>${t('enrolIntro')}</p>
      ${
        e
          ? html`<div class="enrol">
              ${
                e.qrCodeDataUrl.startsWith('data:image/')
                  ? html`<img
                      class="qr"
                      src=${e.qrCodeDataUrl}
                      alt=${t('enrolQr')}
                      width="180"
                      height="180"
                    />`
                  : nothing
              }
              <p><span class="label">${t('enrolKey')}</span> <code class="secret">${e.secret}</code></p>
            </div>`
          : nothing
      }
      ${this.renderOtp()}`;
  }

  private renderSso(): TemplateResult | typeof nothing {
    if (this.providers.length === 0 || this.step !== 'password' || !this.client) return nothing;
    const client = this.client;
    const back = globalThis.location ? location.href.split('#')[0] + (location.hash || '') : undefined;
    return html`<section class="sso" aria-labelledby="sso-title">
      <h2 class="sub" id="sso-title">${this.localize.t('ssoHeading')}</h2>
      <ul class="sso__list">
        ${this.providers.map(
          (p) =>
            html`<li>
              <a
                class="button button--secondary"
                href=${client.sso.loginUrl(p.id, back)}
                @click=${() => rememberSsoStart(new Date())}
              >
                ${this.localize.t('sso', p.name)}
              </a>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  override render(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const heading = this.expired ? t('expiredTitle') : t('title');
    return html`<div class="base" part="base">
      <h1 tabindex="-1" id="sign-in-title">${heading}</h1>
      <p>${this.expired ? t('expiredIntro') : t('intro')}</p>
      ${this.ssoError ? html`<div class="notice notice--error" role="alert"><p>${t('ssoErrors', this.ssoError)}</p></div>` : nothing}
      ${this.renderErrors()}
      <form novalidate @submit=${this.submit} aria-labelledby="sign-in-title">
        ${
          this.step === 'enrol'
            ? this.renderEnrol()
            : html`${this.renderField(
                'email',
                t('email'),
                (d) =>
                  html`<input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    spellcheck="false"
                    .value=${this.email}
                    aria-describedby=${d}
                    aria-invalid=${this.errors.email ? 'true' : 'false'}
                  />`,
              )}
              ${this.renderField(
                'password',
                t('password'),
                (d) =>
                  html`<input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    aria-describedby=${d}
                    aria-invalid=${this.errors.password ? 'true' : 'false'}
                  />`,
              )}
              ${this.renderOtp(t('otpOptional'))}`
        }
        <div class="actions">
          <button
            class="button"
            type="submit"
            ?disabled=${this.busy}
            aria-busy=${this.busy ? 'true' : 'false'}
          >
            ${this.busy ? t('submitting') : this.step === 'enrol' ? t('enrolSubmit') : t('submit')}
          </button>
        </div>
      </form>
      ${this.renderSso()}
    </div>`;
  }
}
