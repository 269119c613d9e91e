import {
  html,
  nothing,
  render,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  isSafeUrl,
  type LocalContact,
  type RightsContact,
  type RightsContent,
  type RightsItem,
  type RightsTopic,
} from '@proximite/contract';
import { ProxElement, newTask } from '../kit/base-element.js';
import { afterNextFrame } from '../kit/frame.js';
import { DataController } from '../kit/data.controller.js';
import { LocalizeController } from '../kit/localize.js';
import { resolveRightsClient, type RightsClient } from './client.js';
import {
  BODY_ACTIONS,
  BODY_ITEMS,
  GUIDE_FORCES,
  SITUATIONS,
  isGuideForce,
  isSituation,
  whoToContact,
  type GuideForce,
  type Situation,
} from './guide.js';
import { RightsTopicOpenEvent } from './rights-explainer.events.js';
import { messages, type RightsMessages } from './rights-explainer.messages.js';
import { styles } from './rights-explainer.styles.js';
import type * as Highlighting from './highlight.js';
import { Query, prepareStems, searchTopics, type SearchLanguage } from './search.js';
import { yieldToMain } from '@proximite/sdk/internal/yield.js';

type Key = keyof RightsMessages & string;
/**
 * In how many tasks a closed topic's panel is filled after the first render, which fills none: its
 * first sections, then the others (issue 21: the content's first render, two panels included, was
 * a task of about 60 ms of thread time at 4× CPU throttling; two panels per task, 40 to 75 ms; one
 * per task, 40 to 60 ms for the first topic's twelve items). An open topic's panel is always
 * filled whole.
 */
const PANEL_PARTS = 2;
/** How many help numbers the first of their two frames shows (the others, and the city's own, next). */
const CONTACTS_FIRST = 5;
/**
 * How many topics a search opens per frame (issue 21: opening every topic « f » matches at once was
 * one frame of about 100 ms of layout and 80 ms of paint at 4× CPU throttling; two per task, still
 * one of about 100 ms of layout: a panel's content is styled and laid out when it opens; one per
 * task, still two or three panels in a frame when the tasks came before it). A topic opens with its
 * first section, the others a frame later.
 */
const OPENED_PER_FRAME = 1;
/** The highlighting of the words a search found (a lazy chunk, loaded by the first search). */
let highlighter: Promise<typeof Highlighting> | undefined;
const UTC = { dateStyle: 'long', timeZone: 'UTC' } as const;
/** Whether the templates were prepared ahead of a first render already (once per page). */
let warmed = false;

/**
 * The content's fonts looked up while it loads (issue 21): its topics' titles (1.2em bold), its
 * muted lines and sources (0.875em), its bold labels and links (1em bold) and its badges
 * (0.8125rem) use sizes and weights the loading state does not, and in a trace at 4× CPU
 * throttling finding them (FontCache::GetFontPlatformData and each size's render style) was 12 to
 * 15 ms of the content's first frame. A sample of them, with the content's own classes, hidden
 * from everyone (`visibility: hidden`, `aria-hidden`, out of flow), is laid out in `root`'s `.base`
 * in a frame after the loading state's, and removed after it.
 */
async function sampleFonts(root: ParentNode): Promise<void> {
  await afterNextFrame();
  const base = root.querySelector('.base');
  if (!base) return;
  const sample = document.createElement('div');
  // A topic's title is its h3's toggle button (1.2em, bold): a span of that class in an h3 here.
  render(
    html`<h3><span class="toggle">Aa</span></h3>
      <span class="muted">Aa</span><strong>Aa</strong><span class="badge">Aa</span>`,
    sample,
  );
  sample.className = 'font-sample';
  sample.ariaHidden = 'true';
  base.append(sample);
  await afterNextFrame();
  sample.remove();
}

/**
 * Residents' rights towards the police nationale, gendarmerie and police municipale: topics as
 * disclosure sections with deep links, search, a "who do I contact?" guide, help numbers, the
 * city's own contacts, and an easy-read mode. Every statement shows its sources (link, kind,
 * accessed date) and its status; items still `verify` are shown with a visible « à vérifier »
 * badge and never as verified (add `hide-unverified` to leave them out). The content is data,
 * loaded per language through the SDK: from `.client`, else `api`, else `src`.
 *
 * Headings: the widget's title is an h2, topics h3, sections h4. Deep links: `#<topic-id>` in the
 * page URL (e.g. `#identity-checks`) opens and scrolls to that topic, on load and on `hashchange`.
 *
 * @summary Residents' rights towards the police, sourced and dated, with a "who do I contact?" guide.
 * @fires prox-rights-topic-open - The resident opened a topic; detail `{ topicId }`.
 * @csspart topic - A topic's disclosure box.
 * @csspart source-link - A link to a source.
 * @csspart state - The loading, empty or error state.
 * @cssprop [--prox-rights-explainer-gap=var(--prox-space, 1rem)] - Space between the blocks.
 * @cssprop [--prox-rights-explainer-badge-surface=var(--prox-color-surface-muted)] - Badge background.
 */
export class RightsExplainer extends ProxElement {
  static override styles = [...ProxElement.styles, styles];
  static override properties: PropertyDeclarations = {
    api: {},
    src: {},
    topic: {},
    easyRead: { type: Boolean, reflect: true, attribute: 'easy-read' },
    hideUnverified: { type: Boolean, attribute: 'hide-unverified' },
    client: { attribute: false },
    open: { state: true },
    query: { state: true },
    situation: { state: true },
    force: { state: true },
    language: { state: true },
    panels: { state: true },
    deferred: { state: true },
    partial: { state: true },
  };

  /** Where each language's stemmer and small words come from (a lazy chunk, loaded when a resident first searches). */
  static searchLanguage = (lang: 'fr' | 'en'): Promise<SearchLanguage> =>
    lang === 'fr' ? import('./search-fr.js') : import('./search-en.js');

  private readonly localize = new LocalizeController(this, messages);
  private readonly data = new DataController(this, {
    args: () => [this.client, this.api, this.src, this.localize.lang] as const,
    load: async ([client, api, src, lang], signal) => {
      const fonts = sampleFonts(this.renderRoot);
      const content = await (
        await resolveRightsClient({ client, api, src, lang }, this.localize.t('noSource'))
      ).rights.get({ lang }, { signal });
      // The content renders in a task of its own, not in the one that read and validated it, and
      // after the frame of its fonts' sample.
      await yieldToMain();
      await fonts;
      return content;
    },
    isEmpty: (content: RightsContent) => content.topics.length === 0,
  });
  private readonly onHash = (): void => this.openFromHash();
  /** Dates already formatted, by language and value. */
  private readonly dates = new Map<string, string>();
  /** The content the last update saw (the `topic` attribute applies again when it changes). */
  private shownContent?: RightsContent;
  /** A topic to open (and scroll to, when `scroll`) once the content is there. */
  private pending?: { id: string; scroll: boolean };

  declare private open: Set<string>;
  declare private query: string;
  declare private situation?: Situation;
  declare private force?: GuideForce;
  /**
   * How many parts of the topics' panels are filled ({@link PANEL_PARTS} per panel): the first
   * render fills them one per task (closed panels are hidden until found), then shows the guide
   * and the help numbers in two parts, a frame apart (issue 21: no long task). An open topic's
   * panel is always filled; a search fills every panel it matches.
   */
  declare private panels: number;
  /** The next panels' task, while the first render is under way. */
  private filling?: Promise<void> | undefined;
  /**
   * Topics a search opened whose panels are not shown open yet: they open one per frame, first
   * ones first (`OPENED_PER_FRAME`); until then they render as they were, closed and unmarked.
   */
  declare private deferred: Set<string>;
  /** The topic a search opened last, shown with its first section only until the next frame. */
  declare private partial?: string | undefined;
  /** The next opened topics' task, while a search opens them. */
  private opening?: Promise<void> | undefined;
  /** Whether the update to come is a key's, rendered in a task after the key's own. */
  private searched = false;
  /** The last search's answer, and what it depends on. */
  private found?: { content: RightsContent; key: string; topics: Map<string, Set<string>> };
  /** The ranges of the words found here, in the page's highlight (highlight.ts). */
  private highlighted: AbstractRange[] = [];
  /** The next highlighting, while its chunk loads. */
  private highlighting?: Promise<void> | undefined;
  /** The content whose words are folded (or being folded) ahead of a search. */
  private prepared?: RightsContent;
  /** The language whose stemmer is loading, and the content's words being stemmed with it. */
  private languageLoading?: string | undefined;
  /** The search's stemmer and small words for the language shown, once loaded. */
  declare private language?: { lang: string; search: SearchLanguage };

  /** Base URL of a backend that speaks the Proximité contract (`GET /v1/rights`). */
  declare api?: string;
  /** URL of a static rights JSON file; `{lang}` is replaced by the language shown. */
  declare src?: string;
  /** Id of a topic to open initially, e.g. `identity-checks`. */
  declare topic?: string;
  /** Show the easy-read (FALC) version: the essentials of each topic in plain words. Attribute `easy-read`. */
  declare easyRead: boolean;
  /** Leave out the items still to verify (by default they are shown, marked « à vérifier »). Attribute `hide-unverified`. */
  declare hideUnverified: boolean;
  /** An SDK client or adapter; takes precedence over `api` and `src`. */
  declare client?: RightsClient;

  constructor() {
    super();
    this.open = new Set();
    this.deferred = new Set();
    this.panels = 0;
    this.query = '';
    this.easyRead = false;
    this.hideUnverified = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.openFromHash();
    // Back on a page with a search typed: its words are highlighted again (the next update does).
    if (this.query.trim()) this.requestUpdate();
    // The templates of the content's parts prepared while it loads (Lit parses each template once
    // per page), once per page; a warm-up that failed leaves its work to the first render.
    if (warmed) return;
    warmed = true;
    import('./warm-up.js')
      .then(({ warmUp }) =>
        warmUp((content, topic) => [
          () => this.renderTopic(topic, content, undefined, true, false, false, false),
          () => this.renderContent(content),
          () => this.renderGuide(content),
          () => this.renderHelp(content, content.localContacts!, true),
        ]),
      )
      .catch(Boolean);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    // Off the page, its words leave the page's highlight, which would otherwise keep them (and
    // their detached text) for as long as the page lives. The chunk is loaded when there are any.
    const ranges = this.highlighted;
    this.highlighted = [];
    if (ranges.length)
      void highlighter?.then(({ highlight }) => highlight(this.renderRoot, undefined, ranges));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const content = this.data.value;
    if (!content) return;
    const ids = content.topics.map((t) => t.id);
    const open = new Set(this.open);
    // The topic attribute opens its topic when it changes and when content (re)loads.
    if (this.topic && (changed.has('topic') || content !== this.shownContent) && ids.includes(this.topic))
      open.add(this.topic);
    this.shownContent = content;
    // A URL fragment naming a topic opens it (and, on hashchange, scrolls to it); others are ignored.
    if (this.pending && ids.includes(this.pending.id)) open.add(this.pending.id);
    else this.pending = undefined;
    if (open.size !== this.open.size) this.open = open;
  }

  protected override updated(): void {
    const content = this.data.value;
    const topics = content?.topics.length;
    // Every panel, then the guide (with the last part), then the help numbers: two steps past the panels.
    const parts = topics === undefined ? undefined : topics * PANEL_PARTS;
    if (parts !== undefined && !this.filling && this.panels <= parts + 1) {
      // Each part of a panel in a task of its own (a timer's: `scheduler.yield()` continuations may
      // run back to back inside one task in Chromium); the guide and each part of the help numbers
      // once the frame before them is painted (issue 21: both laid out in one frame, a layout of 35
      // to 47 ms at 4× CPU throttling; the help numbers alone, frames of 40 to 80 ms). Closed
      // panels, hidden until found, are not laid out.
      // A frame of its own, not the one where a search typed meanwhile opens a topic (issue 21: a
      // part of the help numbers and a topic opened in one frame, 60 to 75 ms at 4× CPU throttling).
      const next =
        this.panels + 1 >= parts
          ? (this.opening ?? Promise.resolve()).then(() => afterNextFrame())
          : newTask();
      this.filling = next.then(() => {
        this.filling = undefined;
        this.panels += 1;
      });
    } else if (content && !this.filling && this.prepared !== content) {
      // The first render over, the content's words folded a slice per task, ahead of a search
      // (issue 21: the first key folded every word of the content in its own task).
      this.prepared = content;
      void prepareStems(content.topics, undefined, (text) => this.localize.pick(text));
    }
    if ((this.deferred.size > 0 || this.partial) && !this.opening) {
      // Once the frame showing the last step is painted: the rest of the topic opened last, or the
      // next topic with its first section (a panel laid out in two frames, one topic at a time).
      // (After the first render's next part, if one is under way: one of them per frame.)
      this.opening = (this.filling ?? Promise.resolve())
        .then(() => afterNextFrame())
        .then(() => {
          this.opening = undefined;
          const next = [...this.deferred];
          this.partial = this.partial ? undefined : next[0];
          if (!this.partial) return;
          this.deferred = new Set(next.slice(OPENED_PER_FRAME));
        });
    }
    if (this.isConnected && (this.query.trim() || this.highlighted.length))
      // The words found highlighted without rendering a topic again: a key that finds the same
      // items, or the stemmer's arrival, renders nothing (highlight.ts). Off the page (an update
      // after it was removed, the stemmer's arrival for one), none: connecting again highlights.
      // Its chunk imported in a task of its own the first time, not in the key's (issue 21: the
      // import() of a chunk not loaded yet was 5 to 10 ms of the first key's task at 4× CPU throttling).
      this.highlighting = (highlighter ??= newTask().then(() => import('./highlight.js'))).then(
        ({ highlight }) => {
          this.highlighting = undefined;
          if (!this.isConnected) return;
          this.highlighted = highlight(
            this.renderRoot,
            this.query.trim() ? this.searchQuery : undefined,
            this.highlighted,
          );
        },
      );
    const pending = this.pending;
    if (!pending || !this.open.has(pending.id)) return;
    this.pending = undefined;
    if (!pending.scroll) return;
    const toggle = this.renderRoot.querySelector<HTMLElement>(`#t-${CSS.escape(pending.id)}`);
    toggle?.scrollIntoView({ block: 'start' });
    toggle?.focus({ preventScroll: true });
  }

  /**
   * The first render (the loading state, and the content's request) in a task of its own, not in
   * the one that evaluated the bundle and connected the element (issue 21: together, a task of 40 to
   * 65 ms of thread time at 4× CPU throttling). `updateComplete` still waits for it.
   */
  protected static override firstUpdateInOwnTask = true;
  /**
   * Its styles parsed and adopted in a task of their own after connection (issue 21: about 15 ms of
   * the task that evaluates the bundle and connects the element, at 4× CPU throttling).
   */
  protected static override stylesInOwnTask = true;

  /**
   * The update a key causes renders in a task after the key's, which searched (issue 21: the search
   * and the render of its answer were one task of 45 to 80 ms of thread time at 4× CPU throttling).
   * `updateComplete` waits for it.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.searched) return super.scheduleUpdate();
    this.searched = false;
    return newTask().then(() => super.scheduleUpdate());
  }

  /** `updateComplete` waits until the first render has filled every panel, not only the first ones. */
  protected override pendingRender(): Promise<unknown> | undefined {
    return this.filling ?? this.opening ?? this.highlighting;
  }

  private openFromHash(): void {
    let id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // A malformed fragment is simply not a topic id.
    }
    if (!id) return;
    this.pending = { id, scroll: true };
    this.requestUpdate();
  }

  private t(key: Key): string {
    return this.localize.t(key as 'title');
  }

  private date(value: string): string {
    // Every source of every item shows its date: the few distinct ones are formatted once.
    const key = `${this.localize.lang}${value}`;
    let formatted = this.dates.get(key);
    if (formatted === undefined) this.dates.set(key, (formatted = this.localize.date(value, UTC)));
    return formatted;
  }

  private toggle(id: string): void {
    if (this.deferred.has(id)) {
      // Opened by the search, still shown closed for a moment: the resident asks to see it now.
      this.deferred = new Set([...this.deferred].filter((other) => other !== id));
      return;
    }
    const open = new Set(this.open);
    if (open.delete(id)) {
      this.open = open;
      return;
    }
    this.open = open.add(id);
    this.dispatchEvent(new RightsTopicOpenEvent({ topicId: id }));
  }

  private onSearch(event: Event, content: RightsContent): void {
    // The key's task searches; the update it causes renders in the next task (see scheduleUpdate).
    this.searched = !this.isUpdatePending;
    this.query = (event.target as HTMLInputElement).value;
    // Searching opens the matching topics (the resident can still close them).
    this.openFound(this.query.trim() ? this.search(content).keys() : []);
    void this.loadLanguage(content);
  }

  /**
   * Opens the topics `ids` (and only them): those newly opened one per frame, first ones first, the
   * first at once unless a topic opened in this frame already.
   */
  private openFound(ids: Iterable<string>): void {
    const open = new Set(ids);
    const newly = [...open].filter((id) => !this.open.has(id) || this.deferred.has(id));
    const now = this.opening ? 0 : OPENED_PER_FRAME;
    this.deferred = new Set(newly.slice(now));
    if (now) this.partial = newly[0];
    this.open = open;
  }

  /** Loads the search's stemmer and small words of the language shown, then searches again with them. */
  private async loadLanguage(content: RightsContent): Promise<void> {
    const lang = this.localize.lang;
    if (this.language?.lang === lang || !this.query.trim() || this.languageLoading === lang) return;
    this.languageLoading = lang;
    try {
      // Imported in a task of its own, not in the key's (issue 21: importing the stemmer's chunk,
      // not loaded yet, was 10 to 20 ms of the first key's task at 4× CPU throttling).
      await newTask();
      const search = await (this.constructor as typeof RightsExplainer).searchLanguage(lang);
      // The content's words stemmed a slice per task first, then the search again with them.
      await prepareStems(content.topics, search, (text) => this.localize.pick(text));
      if (this.localize.lang !== lang) return;
      this.language = { lang, search };
      if (this.query.trim()) this.openFound(this.search(content).keys());
    } catch {
      // Words are then matched as they are written: the search still works, less tolerantly.
    } finally {
      if (this.languageLoading === lang) this.languageLoading = undefined;
    }
  }

  private get searchQuery(): Query {
    return new Query(
      this.query,
      this.language?.lang === this.localize.lang ? this.language.search : undefined,
    );
  }

  /**
   * The topics matching `query`, each with its matching items. The last answer is kept: a key
   * typed searches once, not again when the update it causes renders (issue 21: the two searches
   * were most of a key's task at 4× CPU throttling).
   */
  private search(content: RightsContent, query = this.searchQuery): Map<string, Set<string>> {
    // What the answer depends on: the content, the language shown, the stemmer's, the query's stems.
    const key = `${this.localize.lang} ${this.language?.lang} ${query.stems}`;
    if (this.found?.content !== content || this.found.key !== key)
      this.found = {
        content,
        key,
        topics: searchTopics(content.topics, query, (text) => this.localize.pick(text)),
      };
    return this.found.topics;
  }

  private shown(item: RightsItem, found: Set<string> | undefined): boolean {
    if (this.hideUnverified && item.confidence !== 'verified') return false;
    if (this.easyRead && !item.easyRead) return false;
    return !found || found.has(item.id);
  }

  private link(url: string | undefined, text: unknown, part?: string): unknown {
    return url && isSafeUrl(url) ? html`<a href=${url} part=${part ?? nothing}>${text}</a>` : text;
  }

  private renderSources(ids: readonly string[], content: RightsContent): TemplateResult {
    return html`<span>${this.t('sources')}</span> ${ids.map((id, i) => {
        const source = content.sources[id];
        if (!source) return nothing;
        const kind = messages.fr[source.kind as Key] ? `${this.t(source.kind as Key)}, ` : '';
        return html`${i ? '; ' : ''}${this.link(source.url, source.title, 'source-link')}
        (${kind}${this.localize.t('accessed', this.date(source.accessed))})`;
      })}`;
  }

  private renderItem(item: RightsItem, content: RightsContent): TemplateResult {
    const text = this.localize.pick(this.easyRead && item.easyRead ? item.easyRead : item.text);
    const status = ['in-force', 'debated', 'pending', 'repealed'].includes(item.status)
      ? html`<span class="badge">${this.t(item.status as Key)}</span>`
      : nothing;
    const verify =
      item.confidence === 'verified'
        ? nothing
        : html`<span class="badge badge--verify">${this.t('verify')}</span
            ><span class="visually-hidden">(${this.t('verifyHint')})</span>`;
    return html`<li data-item=${item.id}>
      <p>${text}</p>
      <p class="meta">${status}${verify} ${this.renderSources(item.sources, content)}</p>
    </li>`;
  }

  private renderTopic(
    topic: RightsTopic,
    content: RightsContent,
    found: Set<string> | undefined,
    filled: boolean,
    open: boolean,
    partial: boolean,
    half: boolean,
  ): TemplateResult {
    const shown = topic.sections
      .map((section) => ({ section, items: section.items.filter((item) => this.shown(item, found)) }))
      .filter(({ items }) => items.length > 0);
    // A topic a search opened last: its first section; a closed panel half filled: its first half.
    const sections = shown.slice(0, partial ? 1 : half ? Math.ceil(shown.length / 2) : undefined);
    return html`<li class="topic" part="topic" data-topic=${topic.id}>
      <h3>
        <button
          type="button"
          class="toggle"
          id="t-${topic.id}"
          aria-expanded=${open}
          aria-controls="p-${topic.id}"
          @click=${() => this.toggle(topic.id)}
        >
          <span>${this.localize.pick(topic.title)}</span>
        </button>
      </h3>
      <div
        class="panel"
        id="p-${topic.id}"
        hidden=${open ? nothing : 'until-found'}
        @beforematch=${() => this.toggle(topic.id)}
      >
        ${
          open || filled
            ? html`${
                topic.summary && !this.easyRead ? html`<p>${this.localize.pick(topic.summary)}</p>` : nothing
              }
              ${topic.legalNotice ? html`<p class="notice">${this.localize.pick(content.disclaimer)}</p>` : nothing}
              ${sections.map(
                ({ section, items }) =>
                  html`<h4>${this.localize.pick(section.title)}</h4>
                    <ul class="items">
                      ${items.map((item) => this.renderItem(item, content))}
                    </ul>`,
              )}`
            : nothing
        }
      </div>
    </li>`;
  }

  private renderRadios<V extends string>(
    name: string,
    legend: Key,
    values: readonly V[],
    current: V | undefined,
    set: (value: string) => void,
  ): TemplateResult {
    return html`<fieldset>
      <legend>${this.t(legend)}</legend>
      ${values.map(
        (value) =>
          html`<label class="choice"
            ><input
              type="radio"
              name=${name}
              value=${value}
              .checked=${value === current}
              @change=${() => set(value)}
            />${this.t(value as Key)}</label
          >`,
      )}
    </fieldset>`;
  }

  private renderGuide(content: RightsContent): TemplateResult {
    const answer = this.situation && this.force ? whoToContact(this.situation, this.force) : undefined;
    const item = (topicId: string, itemId: string) =>
      content.topics
        .find((t) => t.id === topicId)
        ?.sections.flatMap((s) => s.items)
        .find((i) => i.id === itemId);
    return html`<section class="guide" aria-labelledby="guide">
      <h3 id="guide">${this.t('guide')}</h3>
      <div class="grid">
        ${this.renderRadios('situation', 'what', SITUATIONS, this.situation, (v) => {
          if (isSituation(v)) this.situation = v;
        })}
        ${this.renderRadios('force', 'which', GUIDE_FORCES, this.force, (v) => {
          if (isGuideForce(v)) this.force = v;
        })}
      </div>
      <p role="status" class="visually-hidden">
        ${answer ? `${this.t('guide')} ${answer.bodies.map((b) => this.t(b)).join(', ')}` : ''}
      </p>
      <div class="guide__answer">
        ${
          answer
            ? html`<ul class="warn">
                  ${answer.warnings.map((w) => html`<li>${this.t(w)}</li>`)}
                </ul>
                <ol class="cards" aria-label=${this.t('guide')}>
                  ${answer.bodies.map((body) => {
                    const explained = item(...BODY_ITEMS[body]);
                    const action = BODY_ACTIONS[body];
                    const url = action.source
                      ? content.sources[action.source]?.url
                      : content.contacts.find((c) => c.id === action.contact)?.url;
                    const local = (content.localContacts ?? []).filter((c) => action.local.includes(c.kind));
                    return html`<li class="card" data-body=${body}>
                      <strong>${this.t(body)}</strong>
                      <p class="action">
                        ${url ? this.link(url, this.t(`act-${body}`)) : this.t(`act-${body}`)}
                      </p>
                      ${
                        explained
                          ? html`<p>${this.localize.pick(explained.text)}</p>
                              <p class="meta">${this.renderSources(explained.sources, content)}</p>`
                          : nothing
                      }
                      ${local.map((c) => this.renderLocal(c))}
                    </li>`;
                  })}
                </ol>`
            : html`<p class="muted">${this.t('guideHint')}</p>`
        }
      </div>
    </section>`;
  }

  private renderContactLinks(number: string | undefined, channels: readonly string[], url?: string) {
    const digits = number?.replace(/[^+\d]/g, '');
    return html`<p class="links">
      ${
        digits && channels.includes('phone')
          ? this.link(`tel:${digits}`, `${this.t('call')} ${number}`)
          : nothing
      }
      ${digits && channels.includes('sms') ? this.link(`sms:${digits}`, `${this.t('sms')} ${number}`) : nothing}
      ${url ? this.link(url, `${this.t('site')} ${new URL(url).hostname.replace(/^www\./, '')}`) : nothing}
    </p>`;
  }

  private renderContact(contact: RightsContact, content: RightsContent): TemplateResult {
    return html`<li class="card" data-contact=${contact.id}>
      <strong>${this.localize.pick(contact.label)}</strong>
      ${this.renderContactLinks(contact.number, contact.channels, contact.url)}
      ${contact.description ? html`<p>${this.localize.pick(contact.description)}</p>` : nothing}
      <p class="meta">
        ${
          contact.confidence === 'verify'
            ? html`<span class="badge badge--verify">${this.t('verify')}</span>`
            : nothing
        }
        ${[contact.hours === '24/7' ? this.t('allDay') : contact.hours, contact.free ? this.t('free') : '']
          .filter(Boolean)
          .join(' · ')}
      </p>
      ${contact.sources.length ? html`<p class="meta">${this.renderSources(contact.sources, content)}</p>` : nothing}
    </li>`;
  }

  private renderLocal(contact: LocalContact): TemplateResult {
    const kind = messages.fr[contact.kind as Key] ? this.t(contact.kind as Key) : '';
    return html`<div data-local=${contact.id}>
      <strong>${contact.name}</strong>
      ${kind && kind !== contact.name ? html`<span class="muted">(${kind})</span>` : nothing}
      ${contact.address ? html`<p>${contact.address}</p>` : nothing}
      ${this.renderContactLinks(contact.phone, ['phone'], contact.url)}
      ${contact.email ? html`<p>${this.link(`mailto:${contact.email}`, contact.email)}</p>` : nothing}
      ${contact.hours ? html`<p class="muted">${contact.hours}</p>` : nothing}
      ${contact.description ? html`<p>${this.localize.pick(contact.description)}</p>` : nothing}
    </div>`;
  }

  private renderContent(content: RightsContent): TemplateResult {
    const searching = this.query.trim() !== '';
    const query = searching ? this.searchQuery : undefined;
    const found = query ? this.search(content, query) : undefined;
    const topics = content.topics.filter((t) => !found || found.has(t.id));
    const emergency = content.contacts.filter((c) => ['17', '112', '114'].includes(c.number ?? ''));
    const local = content.localContacts ?? [];
    return html` ${
        emergency.length
          ? html`<p class="emergency">
              <strong>${this.t('urgent')}</strong>
              ${emergency.map((c) =>
                this.renderContactLinks(c.number, c.channels.includes('phone') ? ['phone'] : c.channels),
              )}
            </p>`
          : nothing
      }
      <p class="muted">
        ${this.localize.pick(content.disclaimer)}
        ${this.localize.t('reviewed', this.date(content.lastReviewed))}
      </p>
      <div class="tools">
        <label
          >${this.t('search')}<input
            type="search"
            .value=${this.query}
            @input=${(event: Event) => this.onSearch(event, content)}
        /></label>
        <button
          type="button"
          class="button button--secondary"
          aria-pressed=${this.easyRead}
          @click=${() => (this.easyRead = !this.easyRead)}
        >
          ${this.t('easyRead')}
        </button>
      </div>
      <p role="status" class="muted">
        ${searching ? this.localize.t('results', topics.length, content.topics.length) : ''}
        ${this.easyRead ? this.t('easyReadOn') : ''}
      </p>
      <ul class="topics">
        ${repeat(
          topics,
          (topic) => topic.id,
          (topic, i) => {
            // A topic still to open renders as it was: closed, every item, no marks.
            const deferred = this.deferred.has(topic.id);
            const items = deferred ? undefined : found?.get(topic.id);
            const parts =
              deferred || searching ? PANEL_PARTS : Math.min(PANEL_PARTS, this.panels - PANEL_PARTS * i);
            const filled = parts > 0;
            const open = !deferred && this.open.has(topic.id);
            const partial = open && this.partial === topic.id;
            const half = !open && parts < PANEL_PARTS;
            // A topic renders again only when what it shows changed (issue 21: every key and every
            // topic a search opened rendered every topic's items again); the words found are
            // highlighted without rendering (highlight.ts).
            return guard(
              [
                content,
                this.localize.lang,
                this.easyRead,
                this.hideUnverified,
                filled,
                open,
                partial,
                half,
                items && [...items].join(),
              ],
              () => this.renderTopic(topic, content, items, filled, open, partial, half),
            );
          },
        )}
      </ul>
      ${
        // The guide and the help numbers render again only when what they show changed (issue 21:
        // every key and every frame a search opened a topic in rendered them again).
        this.panels < content.topics.length * PANEL_PARTS
          ? nothing
          : guard([content, this.localize.lang, this.situation, this.force], () => this.renderGuide(content))
      }
      ${
        this.panels <= content.topics.length * PANEL_PARTS
          ? nothing
          : guard([content, this.localize.lang, this.panels > content.topics.length * PANEL_PARTS + 1], () =>
              this.renderHelp(content, local, this.panels > content.topics.length * PANEL_PARTS + 1),
            )
      }`;
  }

  /** The help numbers and the city's own contacts; until `all`, the first few help numbers. */
  private renderHelp(content: RightsContent, local: readonly LocalContact[], all: boolean): TemplateResult {
    return html`<section aria-labelledby="help" id="help-numbers">
        <h3 id="help">${this.t('help')}</h3>
        <ul class="cards">
          ${content.contacts
            .slice(0, all ? undefined : CONTACTS_FIRST)
            .map((contact) => this.renderContact(contact, content))}
        </ul>
      </section>
      ${
        all && local.length
          ? html`<section aria-labelledby="local">
              <h3 id="local">${this.t('local')}</h3>
              <ul class="cards">
                ${local.map((contact) => html`<li class="card">${this.renderLocal(contact)}</li>`)}
              </ul>
            </section>`
          : nothing
      } `;
  }

  override render(): TemplateResult {
    return html`<div class="base" lang=${this.localize.lang}>
      <h2>${this.t('title')}</h2>
      ${this.data.render({ complete: (content) => this.renderContent(content) })}
    </div>`;
  }
}
