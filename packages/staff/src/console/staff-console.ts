import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ProxElement } from '@proximite/widgets/kit/base-element.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import type { AdminClient } from '@proximite/sdk/admin.js';
import type { StaffContext, StaffIdentity } from '../shared/context.js';
import type { StaffSection } from '../shared/section.js';
import { formatRoute, parseRoute, sameRoute, type Route } from './router.js';
import { findSection, sections as defaultSections, type SectionDefinition } from './sections.js';
import { messages } from './staff-console.messages.js';
import { styles } from './staff-console.styles.js';

type LoadState = 'loading' | 'ready' | 'error';

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
    manageTitle: { type: Boolean, attribute: 'manage-title' },
    client: { attribute: false },
    identity: { attribute: false },
    permissions: { attribute: false },
    now: { attribute: false },
    route: { state: true },
    loads: { state: true },
    announcement: { state: true },
  };

  /** The section table; a subclass or a test may replace it. */
  static sections: readonly SectionDefinition[] = defaultSections;

  readonly localize = new LocalizeController(this, messages);

  /** Base URL of the Proximité server whose admin API the console uses. */
  declare api?: string;
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

  /** One element per section, kept while the console lives: a half-written answer survives navigation. */
  private readonly elements = new Map<string, StaffSection>();
  /** The last route of each section (going back to the inbox restores its filters). */
  private readonly lastRoutes = new Map<string, Route>();
  private previousSection?: string;
  private readonly onHashChange = () => this.readLocation();

  constructor() {
    super();
    this.manageTitle = false;
    this.route = parseRoute(globalThis.location?.hash ?? '');
    this.loads = new Map();
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.readLocation();
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

  private context(): StaffContext | undefined {
    const client = this.client;
    if (!client) return undefined;
    return {
      client,
      identity: this.identity,
      can: (permission) => this.can(permission),
      navigate: (route, options) => this.navigate(route, options),
      announce: (message) => this.announce(message),
      now: () => this.now ?? new Date(),
    };
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('route')) this.lastRoutes.set(this.route.section, this.route);
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

  protected override updated(): void {
    const section = findSection(this.table, this.route.section);
    const key = `${this.route.section}/${this.route.id ?? ''}`;
    const shown = section && this.loads.get(section.id) === 'ready' ? key : undefined;
    if (shown === undefined || shown === this.previousSection) return;
    // Another section (or another concern) is on screen: move focus to its heading and say so.
    const first = this.previousSection === undefined;
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

  private renderNav(): TemplateResult {
    const current = this.route.section;
    return html`<nav class="nav" part="nav" aria-label=${this.localize.t('nav')}>
      <ul>
        ${this.table
          .filter((s) => s.nav && this.allowed(s))
          .map((s) => {
            const here = current === s.id || (current === 'concern' && s.id === 'inbox');
            const target = this.lastRoutes.get(s.id) ?? { section: s.id, params: {} };
            return html`<li>
              <a href=${formatRoute(target)} aria-current=${current === s.id ? 'page' : nothing}
                 class=${here ? 'current' : ''}>${this.localize.pick(s.label)}</a>
            </li>`;
          })}
      </ul>
    </nav>`;
  }

  private renderAccount(): TemplateResult {
    const who = this.identity;
    return html`<div class="account">
      ${who ? html`<p class="who">${this.localize.t('signedInAs', who.displayName, who.role)}</p>` : nothing}
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

  private renderMessage(title: string, text: string, back = true): TemplateResult {
    return html`<div class="page">
      <h1 tabindex="-1">${title}</h1>
      <p>${text}</p>
      ${back
        ? html`<p><a href=${formatRoute({ section: 'inbox', params: {} })}>${this.localize.t('backToInbox')}</a></p>`
        : nothing}
    </div>`;
  }

  private renderSection(): unknown {
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
        ${this.renderNav()} ${this.renderAccount()}
      </header>
      <main id="main" class="main" part="main" tabindex="-1">${this.renderSection()}</main>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }
}
