import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ProxElement } from '@proximite/widgets/kit/base-element.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import type { StaffSession } from '@proximite/contract';
import { createAdminClient, type AdminClient } from '@proximite/sdk/admin.js';
import type { StaffContext, StaffIdentity } from '../shared/context.js';
import type { StaffSignedInEvent } from '../sign-in/staff-sign-in.events.js';
import type { StaffSignIn } from '../sign-in/staff-sign-in.js';
import type { StaffLinkRedeemedEvent } from '../link/staff-link.events.js';
import type { StaffSection } from '../shared/section.js';
import { formatRoute, parseRoute, sameRoute, type Route } from './router.js';
import { forgetSession, maySignedIn, rememberSession, rememberedScopes } from './session-hint.js';
import type { Lookups } from '../shared/lookups.js';
import { findSection, navGroups, sections as defaultSections, type SectionDefinition } from './sections.js';
import { messages } from './staff-console.messages.js';
import { styles } from './staff-console.styles.js';

type LoadState = 'loading' | 'ready' | 'error';
/**
 * Where the staff session stands (`session` attribute): `off` when the console does not handle one
 * (a client given by the page, with a token); `checking` at start; `signed-out` shows the sign-in;
 * `expired` keeps the section on screen, inert, under a sign-in dialog; `unreachable` when the
 * server could not say; `offline` when it could not be reached at all (no network) while this
 * browser holds a session: the sections show with its last known scopes (café mode keeps taking
 * notes), and the session is asked again when the network comes back.
 */
type AuthState = 'off' | 'checking' | 'signed-out' | 'signed-in' | 'expired' | 'unreachable' | 'offline';

/** The status of an error of the SDK (read by field: the SDK's classes stay out of the check). */
function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The code of a failed single sign-on, which the server puts in the fragment (`#proximite-sso-error=…`). */
export function ssoErrorOf(hash: string): string | undefined {
  return /^#proximite-sso-error=([a-z-]{1,40})$/.exec(hash)?.[1];
}

/**
 * The token of an invitation or password-reset link (`#proximite-link=<token>`, the address the
 * server e-mails), if the fragment holds one.
 */
export function linkTokenOf(hash: string): string | undefined {
  return /^#proximite-link=([A-Za-z0-9_-]{43})$/.exec(hash)?.[1];
}

/**
 * The staff console: an application shell (skip link, banner, navigation, main region, live
 * region) around sections that load the first time they are shown. The view lives in the URL's
 * fragment (`#/inbox?status=received`, `#/concern/PRX-…`), so a view can be bookmarked and shared.
 * French first, English beside it; the language follows the nearest `lang` and the switch in the
 * banner.
 *
 * @summary The staff console of Proximité: triage, route and answer residents' concerns.
 *
 * @csspart base - The console's frame.
 * @csspart banner - The top bar: product name, navigation, account.
 * @csspart nav - The sections' navigation.
 * @csspart main - The region where sections show.
 *
 * @cssprop [--prox-staff-max-width=90rem] - Widest the console's content grows.
 * @cssprop [--prox-staff-banner-background=var(--prox-color-accent)] - Background of the top bar.
 */
export class StaffConsole extends ProxElement {
  static override styles = [...ProxElement.styles, styles];

  static override properties: PropertyDeclarations = {
    ...ProxElement.properties,
    api: {},
    session: { type: Boolean },
    manageTitle: { type: Boolean, attribute: 'manage-title' },
    client: { attribute: false },
    identity: { attribute: false },
    permissions: { attribute: false },
    now: { attribute: false },
    route: { state: true },
    loads: { state: true },
    announcement: { state: true },
    auth: { state: true },
    linkToken: { state: true },
    openGroup: { state: true },
  };

  /** The section table; a subclass or a test may replace it. */
  static sections: readonly SectionDefinition[] = defaultSections;

  readonly localize = new LocalizeController(this, messages);

  /** Base URL of the Proximité server whose admin API the console uses. */
  declare api?: string;
  /**
   * Handles the browser's staff session: checks it at start, shows the sign-in (password and
   * TOTP, or single sign-on) when there is none, and — when it ends while someone works — a
   * sign-in dialog over the section, which keeps what was being written.
   */
  declare session: boolean;
  /** Sets `document.title` to the section shown (for a page that is only the console). */
  declare manageTitle: boolean;
  /** An admin client of the SDK (wins over `api`). */
  declare client?: AdminClient;
  /** Who is signed in (from the session). */
  declare identity?: StaffIdentity;
  /**
   * What the signed-in person may do; `undefined` lets every section show and leaves every
   * refusal to the server (a machine token, whose scopes the console cannot read).
   */
  declare permissions?: readonly string[];
  /** The clock; default the browser's. */
  declare now?: Date;

  declare private route: Route;
  declare private loads: Map<string, LoadState>;
  declare private announcement: string;
  declare private auth: AuthState;
  /** The navigation's group whose links show (one at a time). */
  declare private openGroup: string | undefined;
  /** An invitation or reset link being used: its page shows instead of the sign-in. */
  declare private linkToken: string | undefined;
  /** The address the sign-in starts with (after a password was chosen with a link). */
  private signInEmail = '';
  /** The session's own client, made from `api` when the page gives none. */
  private ownClient?: AdminClient;
  private account?: StaffSession['staff'];
  private ssoError?: string;
  /** Sections waiting for the person to sign in again (`context.reauthenticate()`). */
  private waiting: (() => void)[] = [];
  private lookupsFor?: { client: AdminClient; lists: Promise<Lookups> };
  private shared?: { key: unknown[]; context: StaffContext };
  /** Move focus to the section's heading at its next showing (after a sign-in). */
  private focusNext = false;

  /** One element per section, kept while the console lives: a half-written answer survives navigation. */
  private readonly elements = new Map<string, StaffSection>();
  /** The last route of each section (going back to the inbox restores its filters). */
  private readonly lastRoutes = new Map<string, Route>();
  private previousSection?: string;
  private readonly onHashChange = () => this.readLocation();

  constructor() {
    super();
    this.manageTitle = false;
    this.session = false;
    this.auth = 'off';
    const hash = globalThis.location?.hash ?? '';
    this.ssoError = ssoErrorOf(hash);
    // The link's token leaves the address bar (and the history) at once; the page keeps it.
    this.linkToken = linkTokenOf(hash);
    if (this.linkToken !== undefined)
      history.replaceState(history.state, '', formatRoute({ section: 'inbox', params: {} }));
    if (this.ssoError !== undefined)
      history.replaceState(history.state, '', formatRoute({ section: 'inbox', params: {} }));
    this.route = parseRoute(globalThis.location?.hash ?? '');
    this.loads = new Map();
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.readLocation();
    if (this.session && this.auth === 'off') void this.checkSession();
  }

  /** The client sections use: the page's, else one on the browser's session made from `api`. */
  private get activeClient(): AdminClient | undefined {
    if (this.client) return this.client;
    if (!this.session || !this.api) return undefined;
    this.ownClient ??= createAdminClient({ baseUrl: this.apiBase!, session: true });
    return this.ownClient;
  }

  /** The API's base URL (absolute, no trailing slash), when `api` is set. */
  private get apiBase(): string | undefined {
    return this.api ? new URL(this.api, document.baseURI).href.replace(/\/+$/, '') : undefined;
  }

  private lookups(client: AdminClient): Promise<Lookups> {
    if (this.lookupsFor?.client !== client)
      this.lookupsFor = {
        client,
        lists: import('../lookups/load.js').then((m) => m.loadLookups(client, this.apiBase)),
      };
    return this.lookupsFor.lists;
  }

  /**
   * Asks the server who is signed in — only when this browser may hold a session (session-hint.ts):
   * a first visit goes straight to the sign-in, without the 401 a browser would log.
   */
  private async checkSession(): Promise<void> {
    const client = this.activeClient;
    if (!client) return;
    if (this.ssoError !== undefined || !maySignedIn(this.now ?? new Date())) {
      forgetSession();
      this.auth = 'signed-out';
      return;
    }
    // Offline, the sections stay on screen while the server is asked again.
    if (this.auth !== 'offline') this.auth = 'checking';
    try {
      const session = await client.session.get();
      if (session.secondFactor === 'enrolment-required') this.auth = 'signed-out';
      else this.useSession(session);
    } catch (error) {
      const status = statusOf(error);
      if (status === 401) forgetSession();
      const scopes = status === undefined ? rememberedScopes(this.now ?? new Date()) : undefined;
      if (scopes) {
        this.permissions = [...scopes, 'concerns:read'];
        window.addEventListener('online', () => void this.checkSession(), { once: true });
      }
      this.auth = status === 401 ? 'signed-out' : scopes ? 'offline' : 'unreachable';
    }
  }

  private useSession(session: StaffSession): void {
    if (this.account !== undefined && this.account.id !== session.staff.id) {
      // Someone else signed in: nothing the previous person left in a section stays.
      this.elements.clear();
      this.previousSection = undefined;
    }
    this.account = session.staff;
    if (this.session) rememberSession(session.expiresAt, undefined, session.scopes);
    this.identity = {
      id: session.staff.id,
      displayName: session.staff.displayName,
      role: session.staff.role,
    };
    // Every signed-in role reads concerns (observers through the pseudonymised view).
    this.permissions = [...session.scopes, 'concerns:read'];
    this.auth = 'signed-in';
  }

  private onSignedIn(event: StaffSignedInEvent): void {
    const wasExpired = this.auth === 'expired';
    this.ssoError = undefined;
    this.useSession(event.detail.session);
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
    if (wasExpired) {
      this.renderRoot.querySelector('dialog')?.close();
      this.announce(this.localize.t('signedInAgain'));
    } else {
      this.focusNext = true;
      this.previousSection = undefined;
    }
  }

  /** Ends the session (the server forgets it) and shows the sign-in. */
  async signOut(): Promise<void> {
    try {
      await this.activeClient?.session.signOut();
    } catch {
      // Unreachable server: the session ends by itself; the console forgets it now.
    }
    forgetSession();
    this.elements.clear();
    this.previousSection = undefined;
    this.identity = undefined;
    this.permissions = undefined;
    this.auth = 'signed-out';
    this.announce(this.localize.t('signedOut'));
    await this.updateComplete;
    const signIn = this.renderRoot.querySelector<StaffSignIn>('prox-staff-sign-in');
    await signIn?.updateComplete;
    signIn?.shadowRoot?.querySelector<HTMLElement>('h1')?.focus();
  }

  /**
   * A section's request was refused for want of a session: shows the sign-in dialog over the
   * section (which stays as it is), and resolves once the person signed in again.
   */
  reauthenticate(): Promise<void> {
    if (this.auth === 'off') return Promise.reject(new Error('The console does not handle a session.'));
    this.auth = 'expired';
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  private get table(): readonly SectionDefinition[] {
    return (this.constructor as typeof StaffConsole).sections;
  }

  private readLocation(): void {
    const next = parseRoute(location.hash, this.table[0]?.id);
    if (!sameRoute(next, this.route)) this.route = next;
  }

  /** Whether the signed-in person may see a section. */
  private allowed(section: SectionDefinition): boolean {
    return section.permission === undefined || this.can(section.permission);
  }

  private can(permission: string): boolean {
    return this.permissions === undefined || this.permissions.includes(permission);
  }

  /** Shows `route`: pushes a history entry, or replaces the current one. */
  navigate(route: Route, options: { replace?: boolean } = {}): void {
    const hash = formatRoute(route);
    if (options.replace) {
      history.replaceState(history.state, '', hash);
      this.readLocation();
    } else if (location.hash !== hash) {
      location.hash = hash; // hashchange updates the route
    } else {
      this.readLocation();
    }
  }

  /** Says `message` in the live region (emptied first, so the same message is said again). */
  announce(message: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = message;
    });
  }

  /**
   * The sections' context: the same object as long as the client, who is signed in and what they
   * may do stay the same (a section reloads its data when its context changes).
   */
  private context(): StaffContext | undefined {
    const client = this.activeClient;
    if (!client) return undefined;
    const key = [client, this.identity, this.permissions, this.now, this.api];
    if (this.shared && key.every((k, i) => k === this.shared!.key[i])) return this.shared.context;
    const context: StaffContext = {
      client,
      identity: this.identity,
      can: (permission) => this.can(permission),
      navigate: (route, options) => this.navigate(route, options),
      announce: (message) => this.announce(message),
      reauthenticate: () => this.reauthenticate(),
      lastRoute: (id) => this.lastRoutes.get(id) ?? { section: id, params: {} },
      lookups: () => this.lookups(client),
      apiBase: this.apiBase,
      now: () => this.now ?? new Date(),
    };
    this.shared = { key, context };
    return context;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('route')) this.lastRoutes.set(this.route.section, this.route);
    if (!this.working) return;
    const section = findSection(this.table, this.route.section);
    if (section && this.allowed(section) && !this.loads.has(section.id)) this.load(section);
  }

  private load(section: SectionDefinition): void {
    this.loads = new Map(this.loads).set(section.id, 'loading');
    section
      .load()
      .then(() => customElements.whenDefined(section.tag))
      .then(
        () => (this.loads = new Map(this.loads).set(section.id, 'ready')),
        () => (this.loads = new Map(this.loads).set(section.id, 'error')),
      );
  }

  private retry(section: SectionDefinition): void {
    const loads = new Map(this.loads);
    loads.delete(section.id);
    this.loads = loads;
  }

  /** The element of a loaded section, created once, given the current context and route. */
  private sectionElement(section: SectionDefinition, context: StaffContext): StaffSection {
    let element = this.elements.get(section.id);
    if (!element) {
      element = document.createElement(section.tag) as StaffSection;
      element.classList.add('section');
      this.elements.set(section.id, element);
    }
    element.context = context;
    element.route = this.route;
    element.theme = this.theme;
    return element;
  }

  /** Whether sections show (no session handled, or one is open; an expired one keeps them on screen). */
  private get working(): boolean {
    return ['off', 'signed-in', 'expired', 'offline'].includes(this.auth);
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) {
      dialog.showModal();
      const signIn = dialog.querySelector<StaffSignIn>('prox-staff-sign-in');
      void signIn?.focusFirst();
    }
    if (!this.working) {
      if (this.manageTitle && this.auth === 'signed-out')
        document.title = `${this.localize.t('signInTitle')} — ${this.localize.t('titleSuffix')}`;
      return;
    }
    const section = findSection(this.table, this.route.section);
    const key = `${this.route.section}/${this.route.id ?? ''}`;
    const shown = section && this.loads.get(section.id) === 'ready' ? key : undefined;
    if (shown === undefined || shown === this.previousSection) return;
    // Another section (or another concern) is on screen: move focus to its heading and say so.
    const first = this.previousSection === undefined && !this.focusNext;
    this.focusNext = false;
    this.previousSection = shown;
    const label = this.localize.pick(section!.label);
    if (this.manageTitle) document.title = `${label} — ${this.localize.t('titleSuffix')}`;
    const element = this.elements.get(section!.id);
    // On the first view the page's own focus stays where it is (the console may be embedded).
    if (!first) void element?.focusHeading();
    this.announce(label);
  }

  /**
   * The skip link: its `href` is the current view's own fragment (the main region lives in a shadow
   * root, which a `#main` fragment cannot reach, and the fragment holds the route), and activating
   * it moves focus to the main region.
   */
  private focusMain(event: Event): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private switchLanguage(): void {
    this.lang = this.localize.lang === 'fr' ? 'en' : 'fr';
  }

  /**
   * The navigation: a disclosure navigation (WAI-ARIA APG "Disclosure Navigation Menu", not
   * role=menu): each group is a button with `aria-expanded` showing its list of links; Escape
   * closes it and gives focus back to its button, and so does leaving the navigation.
   */
  private renderNav(): TemplateResult {
    const shown = this.table.filter((s) => s.nav && this.allowed(s));
    const rank = (s: SectionDefinition) => (s.group ? navGroups.indexOf(s.group) : -1);
    const done = new Set<string>();
    return html`<nav
      class="nav"
      part="nav"
      aria-label=${this.localize.t('nav')}
      @keydown=${this.onNavKey}
      @focusout=${(e: FocusEvent) => {
        if (!(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) this.openGroup = undefined;
      }}
    >
      <ul>
        ${[...shown]
          .sort((a, b) => rank(a) - rank(b))
          .map((s) => {
            const group = s.group;
            const members = group ? shown.filter((m) => m.group === group) : [s];
            if (!group || members.length < 2) return html`<li>${this.renderNavLink(s)}</li>`;
            if (done.has(group.id)) return nothing;
            done.add(group.id);
            const open = this.openGroup === group.id;
            return html`<li class="group">
              <button
                type="button"
                class=${members.some((m) => this.isHere(m.id)) ? 'current' : ''}
                aria-expanded=${open}
                aria-controls="nav-${group.id}"
                @click=${() => (this.openGroup = open ? undefined : group.id)}
              >
                ${this.localize.pick(group.label)}
              </button>
              <ul id="nav-${group.id}" ?hidden=${!open}>
                ${members.map((m) => html`<li>${this.renderNavLink(m)}</li>`)}
              </ul>
            </li>`;
          })}
      </ul>
    </nav>`;
  }

  private isHere(id: string): boolean {
    const current = this.route.section;
    return current === id || (current === 'concern' && id === 'inbox');
  }

  private renderNavLink(s: SectionDefinition): TemplateResult {
    const target = this.lastRoutes.get(s.id) ?? { section: s.id, params: {} };
    return html`<a
      href=${formatRoute(target)}
      aria-current=${this.route.section === s.id ? 'page' : nothing}
      class=${this.isHere(s.id) ? 'current' : ''}
      @click=${() => (this.openGroup = undefined)}
      >${this.localize.pick(s.label)}</a
    >`;
  }

  /** Escape closes the open group and gives focus back to its button. */
  private onNavKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || this.openGroup === undefined) return;
    const button = this.renderRoot.querySelector<HTMLElement>(`[aria-controls="nav-${this.openGroup}"]`);
    this.openGroup = undefined;
    button?.focus();
  }

  private renderAccount(): TemplateResult {
    const who = this.working ? this.identity : undefined;
    return html`<div class="account">
      ${who ? html`<p class="who">${this.localize.t('signedInAs', who.displayName, this.localize.t('roleName', who.role))}</p>` : nothing}
      ${this.auth === 'offline' ? html`<p class="who">${this.localize.t('offlineSession')}</p>` : nothing}
      ${
        this.auth === 'signed-in'
          ? html`<button type="button" class="button button--quiet" @click=${() => void this.signOut()}>
              ${this.localize.t('signOut')}
            </button>`
          : nothing
      }
      <button
        type="button"
        class="button button--quiet"
        lang=${this.localize.lang === 'fr' ? 'en' : 'fr'}
        aria-label=${this.localize.t('switchLangLabel')}
        @click=${this.switchLanguage}
      >
        ${this.localize.t('switchLang')}
      </button>
    </div>`;
  }

  private renderSignIn(expired: boolean): TemplateResult {
    return html`<prox-staff-sign-in
      .client=${this.activeClient}
      .email=${expired ? (this.account?.email ?? '') : this.signInEmail}
      ?expired=${expired}
      sso-error=${(!expired && this.ssoError) || nothing}
      @prox-staff-signed-in=${this.onSignedIn}
    ></prox-staff-sign-in>`;
  }

  /** The page of an invitation or reset link (a lazy chunk, loaded only when a link is opened). */
  private renderLink(): TemplateResult {
    void import('../link/define.js');
    return html`<prox-staff-link
      .client=${this.activeClient}
      .token=${this.linkToken ?? ''}
      @prox-staff-link-redeemed=${this.onLinkRedeemed}
    ></prox-staff-link>`;
  }

  private async onLinkRedeemed(event: StaffLinkRedeemedEvent): Promise<void> {
    this.linkToken = undefined;
    this.signInEmail = event.detail.email;
    if (!this.working || this.auth === 'off') this.auth = 'signed-out';
    await this.updateComplete;
    await this.renderRoot.querySelector<StaffSignIn>('prox-staff-sign-in')?.focusFirst();
  }

  private renderAuth(): unknown {
    if (this.auth === 'checking')
      return html`<div class="page">
        <p class="state" role="status" aria-busy="true">${this.localize.t('checkingSession')}</p>
      </div>`;
    if (this.auth === 'unreachable')
      return html`<div class="page">
        <h1 tabindex="-1">${this.localize.t('product')}</h1>
        <div class="state state--error" role="alert">
          <p class="state__title">${this.localize.t('sessionUnreachable')}</p>
          <button type="button" class="button" @click=${() => void this.checkSession()}>
            ${this.localize.t('retry')}
          </button>
        </div>
      </div>`;
    return this.renderSignIn(false);
  }

  private renderMessage(title: string, text: string, back = true): TemplateResult {
    return html`<div class="page">
      <h1 tabindex="-1">${title}</h1>
      <p>${text}</p>
      ${
        back
          ? html`<p>
              <a href=${formatRoute({ section: 'inbox', params: {} })}>${this.localize.t('backToInbox')}</a>
            </p>`
          : nothing
      }
    </div>`;
  }

  private renderSection(): unknown {
    if (this.linkToken !== undefined && this.activeClient) return this.renderLink();
    if (!this.working) return this.renderAuth();
    const context = this.context();
    if (!context) return this.renderMessage(this.localize.t('product'), this.localize.t('noSource'), false);
    const section = findSection(this.table, this.route.section);
    if (!section) return this.renderMessage(this.localize.t('notFoundTitle'), this.localize.t('notFound'));
    if (!this.allowed(section))
      return this.renderMessage(this.localize.t('forbiddenTitle'), this.localize.t('forbidden'));
    const state = this.loads.get(section.id) ?? 'loading';
    if (state === 'loading')
      return html`<div class="page">
        <h1 tabindex="-1">${this.localize.pick(section.label)}</h1>
        <p class="state" role="status" aria-busy="true">${this.localize.t('loadingSection')}</p>
      </div>`;
    if (state === 'error')
      return html`<div class="page">
        <h1 tabindex="-1">${this.localize.pick(section.label)}</h1>
        <div class="state state--error" role="alert">
          <p class="state__title">${this.localize.t('sectionError')}</p>
          <button type="button" class="button" @click=${() => this.retry(section)}>
            ${this.localize.t('retry')}
          </button>
        </div>
      </div>`;
    return this.sectionElement(section, context);
  }

  override render(): TemplateResult {
    return html`<div class="base" part="base">
      <a class="skip" href=${formatRoute(this.route)} @click=${this.focusMain}>${this.localize.t('skip')}</a>
      <header class="banner" part="banner">
        <p class="product">
          ${this.localize.t('product')} <span class="product__sub">${this.localize.t('productSub')}</span>
        </p>
        ${this.working ? this.renderNav() : nothing} ${this.renderAccount()}
      </header>
      <main id="main" class="main" part="main" tabindex="-1">${this.renderSection()}</main>
      ${
        this.auth === 'expired'
          ? html`<dialog
              class="expired"
              aria-labelledby="expired-title"
              @cancel=${(e: Event) => e.preventDefault()}
              @close=${() => this.auth === 'expired' && this.requestUpdate()}
            >
              <h2 class="visually-hidden" id="expired-title">${this.localize.t('expiredDialog')}</h2>
              ${this.renderSignIn(true)}
            </dialog>`
          : nothing
      }
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcement}
      </div>
    </div>`;
  }
}
