import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { RightsContent } from '@proximite/contract';
import { NetworkError } from '@proximite/sdk';
import { rightsContent } from '@proximite/content/rights/index.js';
import type { RightsClient } from './client.js';
import type { RightsExplainer } from './rights-explainer.js';
import { RightsTopicOpenEvent } from './rights-explainer.events.js';
import { frameCounter } from '../../test/frames.js';
import { FRAME_TIMEOUT_MS as FRAME_FALLBACK_MS } from '../kit/frame.js';
import './define.js';

// ---------------------------------------------------------------------------
// Helpers

type Get = RightsClient['rights']['get'];
interface TestClient extends RightsClient {
  calls: { lang?: string | undefined; signal?: AbortSignal | undefined }[];
}

/** A client over the bundled content (or any content / loader), recording its calls. */
function makeClient(load: Get | RightsContent = rightsContent): TestClient {
  const calls: TestClient['calls'] = [];
  return {
    calls,
    rights: {
      get(query, options) {
        calls.push({ lang: query.lang, signal: options?.signal });
        return typeof load === 'function' ? load(query, options) : Promise.resolve(structuredClone(load));
      },
    },
  };
}

const allItems = (content: RightsContent) =>
  content.topics.flatMap((t) => t.sections.flatMap((s) => s.items));
const ITEM_COUNT = allItems(rightsContent).length;
const VERIFY_COUNT = allItems(rightsContent).filter((i) => i.confidence === 'verify').length;

const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [
  ...(el.shadowRoot?.querySelectorAll<T>(selector) ?? []),
];
const text = (node: Element | ShadowRoot | null | undefined) =>
  node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const toggles = (el: Element) => $$<HTMLButtonElement>(el, 'button.toggle');
const toggleOf = (el: Element, id: string) => $<HTMLButtonElement>(el, `#t-${id}`);
const isOpen = (el: Element, id: string) => toggleOf(el, id).getAttribute('aria-expanded') === 'true';
const visible = (node: Element) => node.checkVisibility();
/** The page's highlight of the words a search found. */
const highlight = () => CSS.highlights.get('prox-rights-found');
/** The ranges of the highlight within what `selector` selects in `el`'s shadow root. */
const highlightedIn = (el: Element, selector: string) =>
  [...(highlight() ?? [])].filter((range) =>
    $$(el, selector).some((node) => node.contains(range.startContainer)),
  );
/** The words highlighted within what `selector` selects in `el`'s shadow root, as written. */
const marks = (el: Element, selector: string) =>
  highlightedIn(el, selector).map((range) =>
    (range.startContainer as Text).data.slice(range.startOffset, range.endOffset),
  );

async function mount(
  template = html`<prox-rights-explainer .client=${makeClient()}></prox-rights-explainer>`,
) {
  const el = await fixture<RightsExplainer>(template);
  await waitUntil(() => toggles(el).length > 0 || el.shadowRoot?.querySelector('[role=alert]'), 'rendered');
  // Every panel, the guide and the help numbers (the first render fills them a few per task).
  await el.updateComplete;
  return el;
}

async function openAll(el: RightsExplainer) {
  for (const button of toggles(el)) if (button.getAttribute('aria-expanded') === 'false') button.click();
  await el.updateComplete;
}

async function type(el: RightsExplainer, query: string) {
  const input = $<HTMLInputElement>(el, 'input[type=search]');
  input.value = query;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

async function chooseGuide(el: RightsExplainer, situation: string, force: string) {
  $<HTMLInputElement>(el, `input[name=situation][value=${situation}]`).click();
  $<HTMLInputElement>(el, `input[name=force][value=${force}]`).click();
  await el.updateComplete;
}

const bodies = (el: Element) => $$(el, '[data-body]').map((node) => node.dataset.body);

afterEach(async () => {
  history.replaceState(null, '', location.pathname + location.search);
  await emulateMedia({ media: 'screen' });
});

// ---------------------------------------------------------------------------

describe('<prox-rights-explainer>: states', () => {
  it('shows a polite loading state, then the topics', async () => {
    let resolve!: (content: RightsContent) => void;
    const client = makeClient(() => new Promise((r) => (resolve = r)));
    const el = await fixture<RightsExplainer>(
      html`<prox-rights-explainer .client=${client}></prox-rights-explainer>`,
    );
    await el.updateComplete;
    const loading = $(el, '[part~=state]');
    expect(loading.getAttribute('aria-busy')).to.equal('true');
    expect(text(loading)).to.equal('Chargement…');
    await expect(el).to.be.accessible();
    resolve(structuredClone(rightsContent));
    await waitUntil(() => toggles(el).length === rightsContent.topics.length);
    expect(client.calls[0]?.lang).to.equal('fr');
    expect(client.calls[0]?.signal).to.be.instanceOf(AbortSignal);
  });

  it('renders first in a task of its own, not in the one that connected it (no long task)', async () => {
    const client = makeClient(() => new Promise(() => undefined));
    const el = document.createElement('prox-rights-explainer');
    el.client = client;
    // A timer posted before the element connects runs in the next task: what had rendered by then.
    const inConnectingTask = new Promise<{ rendered: boolean; asked: number }>((done) =>
      setTimeout(() => done({ rendered: el.hasUpdated, asked: client.calls.length })),
    );
    document.body.append(el);
    try {
      expect(await inConnectingTask).to.deep.equal({ rendered: false, asked: 0 });
      await el.updateComplete;
      expect($(el, '[part~=state]').getAttribute('aria-busy')).to.equal('true');
      expect(client.calls).to.have.length(1);
    } finally {
      el.remove();
    }
  });

  it('looks up the content’s fonts in a hidden sample while it loads, gone before the content shows', async () => {
    const el = document.createElement('prox-rights-explainer');
    el.client = makeClient();
    // What the sample was while in the shadow root, and whether a topic was there with it.
    const seen: { hidden: string | null; visibility: string; position: string; topics: number }[] = [];
    let observer: MutationObserver | undefined;
    document.body.append(el);
    try {
      observer = new MutationObserver(() => {
        const sample = el.shadowRoot!.querySelector('.font-sample');
        if (sample && !seen.length)
          seen.push({
            hidden: sample.getAttribute('aria-hidden'),
            visibility: getComputedStyle(sample).visibility,
            position: getComputedStyle(sample).position,
            topics: toggles(el).length,
          });
      });
      observer.observe(el.shadowRoot!, { childList: true, subtree: true });
      await waitUntil(() => toggles(el).length > 0, 'its topics');
      expect(seen).to.deep.equal([{ hidden: 'true', visibility: 'hidden', position: 'absolute', topics: 0 }]);
      expect($$(el, '.font-sample')).to.have.length(0);
    } finally {
      observer?.disconnect();
      el.remove();
    }
  });

  it('shows every topic at once, closed panels empty, then fills them one per task, then the guide and the help a frame apart (no long task)', async () => {
    let resolve!: (content: RightsContent) => void;
    const client = makeClient(() => new Promise((r) => (resolve = r)));
    const el = await fixture<RightsExplainer>(
      html`<prox-rights-explainer .client=${client}></prox-rights-explainer>`,
    );
    // What the shadow root holds when the topics first appear (a mutation observer runs before the
    // next task, so it sees the first part alone).
    const first = new Promise<Record<string, number>>((done) => {
      const observer = new MutationObserver(() => {
        if (toggles(el).length === 0) return;
        observer.disconnect();
        done({
          topics: toggles(el).length,
          filled: [...el.shadowRoot!.querySelectorAll('.panel')].filter((p) => p.querySelector('.items'))
            .length,
          guide: el.shadowRoot!.querySelectorAll('#guide').length,
          help: el.shadowRoot!.querySelectorAll('#help').length,
        });
      });
      observer.observe(el.shadowRoot!, { childList: true, subtree: true });
    });
    resolve(structuredClone(rightsContent));
    expect(await first).to.deep.equal({ topics: rightsContent.topics.length, filled: 0, guide: 0, help: 0 });
    // updateComplete waits for every part.
    await el.updateComplete;
    expect(
      [...el.shadowRoot!.querySelectorAll('.panel')].filter((p) => p.querySelector('.items')).length,
    ).to.equal(rightsContent.topics.length);
    expect([$(el, '#guide') !== null, $(el, '#help') !== null]).to.deep.equal([true, true]);
    await expect(el).to.be.accessible();
  });

  it('shows an accessible error with a retry that works', async () => {
    let fail = true;
    const client = makeClient(async () => {
      if (fail)
        throw new NetworkError('GET http://127.0.0.1:9/v1/rights?lang=fr: network error', {
          request: { method: 'GET', url: 'http://127.0.0.1:9/v1/rights?lang=fr' },
        });
      return structuredClone(rightsContent);
    });
    const el = await mount(html`<prox-rights-explainer .client=${client}></prox-rights-explainer>`);
    const alert = $(el, '[role=alert]');
    expect(text(alert)).to.contain('Le contenu n’a pas pu être chargé.');
    expect(text(alert)).to.contain('Le service ne répond pas pour le moment.');
    expect(text(alert)).not.to.match(/network error|http/);
    await expect(el).to.be.accessible();
    fail = false;
    alert.querySelector('button')?.click();
    await waitUntil(() => toggles(el).length > 0);
    expect(client.calls).to.have.length(2);
  });

  it('says so when no source is configured', async () => {
    const el = await mount(html`<prox-rights-explainer></prox-rights-explainer>`);
    expect(text($(el, '[role=alert]'))).to.contain('indiquez l’attribut api ou src');
  });
});

describe('<prox-rights-explainer>: topics', () => {
  it('renders every topic collapsed, with headings, accessibly', async () => {
    const el = await mount();
    expect(toggles(el).map((b) => b.textContent?.trim())).to.deep.equal(
      rightsContent.topics.map((t) => t.title.fr),
    );
    for (const button of toggles(el)) {
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(button.parentElement?.localName).to.equal('h3');
      const panel = $(el, `#${button.getAttribute('aria-controls')}`);
      expect(panel.getAttribute('hidden')).to.equal('until-found');
      expect(visible(panel.firstElementChild as Element)).to.equal(false);
    }
    expect(text($(el, 'h2'))).to.equal('Vos droits face aux forces de l’ordre');
    expect(text(el.shadowRoot)).to.contain('Information générale, ne constitue pas un conseil juridique.');
    expect(text(el.shadowRoot)).to.contain('Contenu vérifié le 22 novembre 2026.');
    await expect(el).to.be.accessible();
  });

  it('opens a topic on click, fires prox-rights-topic-open, and stays accessible', async () => {
    const el = await mount();
    const button = toggleOf(el, 'identity-checks');
    setTimeout(() => button.click());
    const event = await oneEvent(el, RightsTopicOpenEvent.eventName);
    expect(event).to.be.instanceOf(RightsTopicOpenEvent);
    expect(event.detail).to.deep.equal({ topicId: 'identity-checks' });
    expect(event.bubbles).to.equal(true);
    await el.updateComplete;
    expect(isOpen(el, 'identity-checks')).to.equal(true);
    const panel = $(el, '#p-identity-checks');
    expect(panel.hasAttribute('hidden')).to.equal(false);
    expect(visible(panel.firstElementChild as Element)).to.equal(true);
    expect(text(panel)).to.contain('Information générale, ne constitue pas un conseil juridique.');
    expect(panel.querySelectorAll('h4').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    button.click();
    await el.updateComplete;
    expect(isOpen(el, 'identity-checks')).to.equal(false);
  });

  it('shows the legal notice on exactly the topics that carry it', async () => {
    const el = await mount();
    await openAll(el);
    const withNotice = $$(el, '.topic')
      .filter((topic) => topic.querySelector('.notice'))
      .map((topic) => topic.dataset.topic);
    expect(withNotice).to.deep.equal(['identity-checks', 'filming-police', 'searches', 'police-custody']);
  });

  it('shows a source link, its kind and accessed date on every item', async () => {
    const el = await mount();
    await openAll(el);
    const items = $$(el, 'li[data-item]');
    expect(items).to.have.length(ITEM_COUNT);
    for (const item of items) {
      const links = [...item.querySelectorAll<HTMLAnchorElement>('a[part=source-link]')];
      expect(links.length, item.dataset.item).to.be.greaterThan(0);
      for (const link of links) expect(link.href).to.match(/^https:\/\//);
      expect(text(item)).to.contain('consulté le 22 novembre 2026');
    }
    await expect(el).to.be.accessible();
  });

  it('marks every item to verify « À vérifier » and shows status badges', async () => {
    const el = await mount();
    await openAll(el);
    const marked = $$(el, 'li[data-item]').filter((item) => item.querySelector('.badge--verify'));
    expect(marked).to.have.length(VERIFY_COUNT);
    for (const item of marked) expect(text(item)).to.contain('À vérifier');
    const receipt = $(el, '[data-topic=rio-and-receipt] [data-item=no-receipt]');
    expect(text(receipt)).to.contain('En débat');
    expect(text(receipt)).not.to.contain('À vérifier');
    expect(text($(el, '[data-topic=municipal-police] [data-item=bill-2025]'))).to.contain('En projet');
  });

  it('leaves out the items to verify with hide-unverified', async () => {
    const el = await mount(
      html`<prox-rights-explainer hide-unverified .client=${makeClient()}></prox-rights-explainer>`,
    );
    await openAll(el);
    expect($$(el, 'li[data-item]')).to.have.length(ITEM_COUNT - VERIFY_COUNT);
    expect($$(el, 'li[data-item] .badge--verify')).to.have.length(0);
  });

  it('never turns an unsafe source URL into a link', async () => {
    const content = structuredClone(rightsContent);
    const source = content.sources['sp-f1036'];
    if (!source) throw new Error('fixture');
    source.url = 'javascript:alert(1)';
    const el = await mount(
      html`<prox-rights-explainer .client=${makeClient(content)}></prox-rights-explainer>`,
    );
    await openAll(el);
    expect($$(el, 'a[href^="javascript"]')).to.have.length(0);
    expect(text($(el, '[data-topic=identity-checks] [data-item=any-means]'))).to.contain('Service-Public');
  });
});

describe('<prox-rights-explainer>: deep links', () => {
  it('opens the topic of the URL fragment on load, without firing the event', async () => {
    history.replaceState(null, '', '#police-custody');
    let fired = 0;
    const el = await fixture<RightsExplainer>(
      html`<prox-rights-explainer
        .client=${makeClient()}
        @prox-rights-topic-open=${() => (fired += 1)}
      ></prox-rights-explainer>`,
    );
    await waitUntil(() => toggles(el).length > 0);
    await el.updateComplete;
    expect(isOpen(el, 'police-custody')).to.equal(true);
    expect(isOpen(el, 'identity-checks')).to.equal(false);
    expect(fired).to.equal(0);
  });

  it('opens and focuses a topic on hashchange', async () => {
    const el = await mount();
    location.hash = '#filming-police';
    await waitUntil(() => isOpen(el, 'filming-police'), 'opened by hashchange');
    await el.updateComplete;
    expect(el.shadowRoot?.activeElement).to.equal(toggleOf(el, 'filming-police'));
  });

  it('opens the topic attribute', async () => {
    const el = await mount(
      html`<prox-rights-explainer topic="recourse" .client=${makeClient()}></prox-rights-explainer>`,
    );
    await el.updateComplete;
    expect(isOpen(el, 'recourse')).to.equal(true);
    el.topic = 'searches';
    await el.updateComplete;
    await el.updateComplete;
    expect(isOpen(el, 'searches')).to.equal(true);
  });

  it('ignores a fragment that is not a topic', async () => {
    history.replaceState(null, '', '#nothing-here');
    const el = await mount();
    expect(toggles(el).every((b) => b.getAttribute('aria-expanded') === 'false')).to.equal(true);
    history.replaceState(null, '', '#%E0%A4%A');
    expect(toggles(await mount())).to.have.length(rightsContent.topics.length);
    const withTopic = await mount(
      html`<prox-rights-explainer topic="searches" .client=${makeClient()}></prox-rights-explainer>`,
    );
    await withTopic.updateComplete;
    expect(isOpen(withTopic, 'searches')).to.equal(true);
  });
});

describe('<prox-rights-explainer>: search', () => {
  it('filters topics and items and announces the count in a live region that was already there', async () => {
    const el = await mount();
    const status = $(el, '[role=status]');
    expect(text(status)).to.equal('');
    await type(el, 'Délégués');
    expect($(el, '[role=status]')).to.equal(status);
    expect($$(el, '.topic').map((t) => t.dataset.topic)).to.deep.equal(['recourse']);
    expect(text(status)).to.equal('1 sujet sur 8.');
    expect(isOpen(el, 'recourse')).to.equal(true);
    expect($$(el, '[data-topic=recourse] li[data-item]').map((i) => i.dataset.item)).to.deep.equal(['how']);
    await type(el, 'contrôle');
    const shown = $$(el, '.topic').map((t) => t.dataset.topic);
    expect(shown).to.include('identity-checks');
    expect(text(status)).to.equal(`${shown.length} sujets sur 8.`);
    await expect(el).to.be.accessible();
    await type(el, 'zzzz');
    expect(text(status)).to.equal('Aucun sujet ne correspond.');
    await type(el, '');
    expect($$(el, '.topic')).to.have.length(8);
  });

  it('opens the topics found one per frame, first ones first, all by updateComplete (issue 21)', async () => {
    const el = await mount();
    // A timer set now runs after the update and before the widget's next step (set by that update).
    const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
    // Every count of open topics the widget went through, as its DOM changed, and in which frame;
    // with the sections each topic just opened showed then.
    const steps: { opened: number; frame: number; time: number; sections: number[] }[] = [];
    const sectionsOf = (topic: Element) => topic.querySelectorAll('h4').length;
    const frames = frameCounter();
    let before = new Set<Element>();
    const observer = new MutationObserver(() => {
      const now = new Set($$(el, '.topic').filter((t) => t.querySelector('[aria-expanded=true]')));
      if (now.size === before.size) return;
      const sections = [...now].filter((t) => !before.has(t)).map(sectionsOf);
      steps.push({ opened: now.size, frame: frames.frame, time: performance.now(), sections });
      before = now;
    });
    observer.observe(el.shadowRoot!, { subtree: true, attributes: true, attributeFilter: ['aria-expanded'] });
    const input = $<HTMLInputElement>(el, 'input[type=search]');
    input.value = 'f';
    input.dispatchEvent(new Event('input'));
    // The key's task searches, and the answer renders in the next task (issue 21): nothing yet
    // once the key's microtasks are done (Lit's update would have run among them).
    const microtasks = Array.from({ length: 10 }).reduce<Promise<void>>((p) => p.then(), Promise.resolve());
    await microtasks;
    expect(text($(el, '[role=status]'))).to.equal('');
    // (The timer set by the first nextTask() comes before the widget's.)
    await nextTask();
    await nextTask();
    // Every topic found is listed and counted; only the first is open yet.
    const ids = $$(el, '.topic').map((t) => t.dataset.topic!);
    expect(ids.length).to.equal(8);
    expect(text($(el, '[role=status]'))).to.equal('8 sujets sur 8.');
    expect(ids.map((id) => isOpen(el, id))).to.deep.equal(ids.map((_, i) => i < 1));
    expect(marks(el, `[data-topic=${ids[7]}]`)).to.have.length(0);
    // A topic still closed opens at once when the resident asks for it.
    toggleOf(el, ids[7]!).click();
    await nextTask();
    const clicked = steps.findIndex((s) => s.opened === steps.at(-1)!.opened);
    expect(isOpen(el, ids[7]!)).to.equal(true);
    expect(isOpen(el, ids[6]!)).to.equal(false);
    await el.updateComplete;
    observer.disconnect();
    frames.stop();
    expect(ids.map((id) => isOpen(el, id))).to.deep.equal(ids.map(() => true));
    expect(steps.map((s) => s.opened)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    // Each topic the search opened showed its first section first, the others a frame later.
    const searched = steps.filter((_, i) => i !== clicked);
    expect(searched.map((s) => s.sections)).to.deep.equal(searched.map(() => [1]));
    expect(
      $$(el, '.topic')
        .map(sectionsOf)
        .some((n) => n > 1),
    ).to.equal(true);
    // A frame came between two topics opened by the search (the click's step aside): each panel
    // was laid out before the next opened — unless no frame came for a second (a busy machine).
    for (const [i, step] of searched.entries())
      if (i > 0 && step.time - searched[i - 1]!.time < FRAME_FALLBACK_MS)
        expect(step.frame, `${step.opened} open`).to.be.greaterThan(searched[i - 1]!.frame);
    expect(marks(el, `[data-topic=${ids[7]}]`).length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('opens the topics a search typed during the first render finds in frames of their own, not those of the guide and the help (issue 21)', async () => {
    const el = await fixture<RightsExplainer>(
      html`<prox-rights-explainer .client=${makeClient()}></prox-rights-explainer>`,
    );
    await waitUntil(() => toggles(el).length > 0, 'topics shown');
    // The first render is still under way: its guide and help numbers are still to come.
    expect(el.shadowRoot!.querySelector('#help')).to.equal(null);
    const frames = frameCounter();
    // Each step shown (a topic opened or completed by the search, the guide, a part of the help
    // numbers), with the frame it came before.
    const steps: { search: boolean; frame: number; time: number }[] = [];
    const shown = () => ({
      search: $$(el, '.topic')
        .filter((t) => t.querySelector('[aria-expanded=true]'))
        .map((t) => t.querySelectorAll('h4').length)
        .join(),
      first: `${$$(el, '#guide').length} ${$$(el, '[data-contact]').length}`,
    });
    let last = shown();
    const observer = new MutationObserver(() => {
      const now = shown();
      const time = performance.now();
      if (now.search !== last.search) steps.push({ search: true, frame: frames.frame, time });
      if (now.first !== last.first) steps.push({ search: false, frame: frames.frame, time });
      last = now;
    });
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true });
    await type(el, 'f');
    observer.disconnect();
    frames.stop();
    expect($$(el, '.topic').every((t) => isOpen(el, t.dataset.topic!))).to.equal(true);
    expect([$(el, '#guide') !== null, $(el, '#help') !== null]).to.deep.equal([true, true]);
    expect(steps.filter((s) => !s.search).length).to.be.greaterThan(1);
    // No frame showed a step of both (unless no frame came for a second: a busy machine).
    for (const step of steps.filter((s) => !s.search))
      for (const other of steps.filter((s) => s.search))
        if (Math.abs(other.time - step.time) < FRAME_FALLBACK_MS)
          expect(other.frame, 'a topic opened in the frame of a first-render step').to.not.equal(step.frame);
  });

  it('finds « contrôler mon identité » (verb forms, accents, small words) and highlights the matches', async () => {
    const el = await mount();
    await type(el, 'contrôler mon identité');
    // The stemmer loads when the resident first types; the results follow.
    const found = () => marks(el, '[data-topic=identity-checks]').map((m) => m.toLowerCase());
    // « contrôle » is found from « contrôler » once the stemmer is there.
    await waitUntil(() => found().includes('contrôle'), 'identity checks found, « contrôle » highlighted');
    expect(isOpen(el, 'identity-checks')).to.equal(true);
    expect(found()).to.include('identité');
    // Highlighted in the title, as written, and in the items.
    expect(marks(el, '#t-identity-checks').map((m) => m.toLowerCase())).to.include.members([
      'contrôle',
      'identité',
    ]);
    expect(marks(el, '[data-topic=identity-checks] [data-item]').length).to.be.greaterThan(0);
    // Painted in <mark>'s system colours, Mark and MarkText, which forced colours keep.
    const style = getComputedStyle($(el, '[data-item] p'), '::highlight(prox-rights-found)');
    const mark = document.body.appendChild(document.createElement('mark'));
    const { backgroundColor, color } = getComputedStyle(mark);
    mark.remove();
    expect([style.backgroundColor, style.color]).to.deep.equal([backgroundColor, color]);
    // A topic not found is not listed; the search emptied, nothing is highlighted any more.
    await type(el, '');
    expect(marks(el, '.topic')).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('keeps the ranges of the words it highlighted while the search finds the same words', async () => {
    const el = await mount();
    await type(el, 'fouille');
    // Its French stemmer (a lazy chunk) loaded, and the search done again with it.
    const stemmer = () => (el as unknown as { language?: { lang: string } }).language?.lang;
    await waitUntil(() => stemmer() === 'fr', 'the French stemmer loaded');
    await el.updateComplete;
    const before = highlightedIn(el, '.topic');
    expect(before.length).to.be.greaterThan(0);
    // A space typed: the same words found, the same texts shown; their ranges are not made anew.
    await type(el, 'fouille ');
    const after = highlightedIn(el, '.topic');
    expect(after).to.have.length(before.length);
    expect(after.every((range) => before.includes(range))).to.equal(true);
  });

  it("takes its words out of the page's highlight when it leaves the page, and back when it returns", async () => {
    const el = await mount();
    await type(el, 'fouille');
    await waitUntil(() => marks(el, '.topic').length > 0, 'words found highlighted');
    const mine = () =>
      [...(highlight() ?? [])].filter((range) => el.shadowRoot!.contains(range.startContainer));
    const parent = el.parentElement!;
    el.remove();
    await waitUntil(() => mine().length === 0, 'no range of a removed explainer left in the highlight');
    parent.append(el);
    await waitUntil(() => marks(el, '.topic').length > 0, 'highlighted again once back on the page');
  });

  it('finds « checking my identity » in English', async () => {
    const el = await mount(
      html`<prox-rights-explainer lang="en" .client=${makeClient()}></prox-rights-explainer>`,
    );
    await type(el, 'checking my identity');
    await waitUntil(
      () => $$(el, '.topic').some((t) => t.dataset.topic === 'identity-checks'),
      'identity checks found',
    );
    expect(marks(el, '[data-topic=identity-checks]').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });
});

describe('<prox-rights-explainer>: guide', () => {
  it('answers police nationale with the IGPN and the Défenseur des droits, with the warnings', async () => {
    const el = await mount();
    expect(text($(el, '.guide__answer'))).to.contain('Choisissez une situation');
    expect(text($(el, '.guide [role=status]'))).to.equal('');
    await chooseGuide(el, 'witness', 'police-nationale');
    expect(bodies(el)).to.deep.equal(['igpn', 'defenseur-des-droits']);
    const answer = text($(el, '.guide__answer'));
    expect(answer).to.contain('Un signalement à l’IGPN ou à l’IGGN n’est pas une plainte.');
    expect(answer).to.contain('En cas d’urgence, appelez le 17 ou le 112');
    // A short summary is announced (the status region was there before the answer).
    expect(text($(el, '.guide [role=status]'))).to.equal('Qui contacter ? IGPN, Défenseur des droits');
    // Each body is explained by a sourced content item.
    for (const card of $$(el, '[data-body]')) expect(card.querySelector('a[part=source-link]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('answers gendarmerie, police municipale and private security', async () => {
    const el = await mount();
    await chooseGuide(el, 'mistreated', 'gendarmerie');
    expect(bodies(el)).to.deep.equal(['iggn', 'defenseur-des-droits', 'procureur']);
    await chooseGuide(el, 'witness', 'police-municipale');
    expect(bodies(el)).to.deep.equal(['defenseur-des-droits', 'mayor', 'procureur']);
    await chooseGuide(el, 'witness', 'private-security');
    expect(bodies(el)).to.deep.equal(['defenseur-des-droits']);
    expect(text($(el, '.guide__answer'))).not.to.contain('IGPN ou à l’IGGN');
  });

  it('works with the keyboard: Tab into a radio group, arrows, Space', async () => {
    const el = await mount();
    const first = $<HTMLInputElement>(el, 'input[name=situation]');
    first.focus();
    await sendKeys({ press: 'Space' });
    expect(first.checked).to.equal(true);
    await sendKeys({ press: 'ArrowDown' });
    expect($<HTMLInputElement>(el, 'input[name=situation][value=complaint-refused]').checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.getAttribute('name')).to.equal('force');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(bodies(el)).to.deep.equal(['igpn', 'defenseur-des-droits', 'procureur']);
    expect(text($(el, '.guide__answer'))).to.contain('doivent recevoir votre plainte');
  });
});

describe('<prox-rights-explainer>: keyboard through topics and search', () => {
  it('Enter and Space open topics; Tab reaches the search and the easy-read switch', async () => {
    const el = await mount();
    toggleOf(el, 'identity-checks').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(isOpen(el, 'identity-checks')).to.equal(true);
    toggleOf(el, 'rio-and-receipt').focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(isOpen(el, 'rio-and-receipt')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(isOpen(el, 'rio-and-receipt')).to.equal(false);

    const search = $<HTMLInputElement>(el, 'input[type=search]');
    const easy = $<HTMLButtonElement>(el, 'button[aria-pressed]');
    search.focus();
    await sendKeys({ type: 'garde' });
    await el.updateComplete;
    expect(text($(el, '[role=status]'))).to.match(/sujets? sur 8/);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement).to.equal(easy);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.easyRead).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.classList.contains('toggle')).to.equal(true);
  });
});

describe('<prox-rights-explainer>: easy read', () => {
  it('shows only the easy-read essentials, by attribute or by the switch', async () => {
    const el = await mount(
      html`<prox-rights-explainer easy-read .client=${makeClient()}></prox-rights-explainer>`,
    );
    await openAll(el);
    const easy = allItems(rightsContent).filter((i) => i.easyRead);
    const items = $$(el, 'li[data-item]');
    expect(items).to.have.length(easy.length);
    const custody = $(el, '[data-topic=police-custody] [data-item=decision] p');
    expect(text(custody)).to.equal('La garde à vue dure 24 heures. Le procureur peut ajouter 24 heures.');
    const button = $<HTMLButtonElement>(el, 'button[aria-pressed]');
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect(text($(el, '[role=status]'))).to.contain('Version facile à lire');
    await expect(el).to.be.accessible();
    button.click();
    await el.updateComplete;
    expect(el.hasAttribute('easy-read')).to.equal(false);
    expect($$(el, 'li[data-item]')).to.have.length(ITEM_COUNT);
  });
});

describe('<prox-rights-explainer>: languages', () => {
  it('renders English, asking the client for English', async () => {
    const client = makeClient();
    const el = await mount(html`<prox-rights-explainer lang="en" .client=${client}></prox-rights-explainer>`);
    expect(client.calls[0]?.lang).to.equal('en');
    expect(text($(el, 'h2'))).to.equal('Your rights with the police');
    expect(toggles(el).map((b) => b.textContent?.trim())).to.deep.equal(
      rightsContent.topics.map((t) => t.title.en),
    );
    await openAll(el);
    expect(text(el.shadowRoot)).to.contain('accessed 22 November 2026');
    expect(text(el.shadowRoot)).to.contain('General information, not legal advice.');
    await chooseGuide(el, 'mistreated', 'police-nationale');
    expect(text($(el, '.guide__answer'))).to.contain('is not a complaint');
    await expect(el).to.be.accessible();
  });

  it('is accessible in French with everything open and the guide answered', async () => {
    const el = await mount();
    await openAll(el);
    await chooseGuide(el, 'complaint-refused', 'police-municipale');
    await expect(el).to.be.accessible();
  });

  it('switches language and reloads the content for it', async () => {
    const client = makeClient();
    const host = await fixture<HTMLDivElement>(
      html`<div lang="fr"><prox-rights-explainer .client=${client}></prox-rights-explainer></div>`,
    );
    const el = host.querySelector('prox-rights-explainer') as RightsExplainer;
    await waitUntil(() => toggles(el).length > 0);
    host.lang = 'en';
    await waitUntil(() => text($(el, 'h2')) === 'Your rights with the police');
    await waitUntil(() => client.calls.length === 2);
    expect(client.calls.map((c) => c.lang)).to.deep.equal(['fr', 'en']);
    await waitUntil(() => toggleOf(el, 'identity-checks').textContent?.trim() === 'Identity checks');
  });
});

describe('<prox-rights-explainer>: contacts', () => {
  it('lists help numbers as tel: and sms: links, by channel', async () => {
    const el = await mount();
    const card = (id: string) => $(el, `#help-numbers [data-contact="${id}"]`);
    expect(card('17').querySelector('a')?.getAttribute('href')).to.equal('tel:17');
    expect(text(card('17'))).to.contain('Appeler le 17');
    expect(card('114').querySelector('a[href="sms:114"]')).to.exist;
    expect(card('114').querySelector('a[href^="tel:"]')).to.equal(null);
    expect(card('116006').querySelector('a')?.getAttribute('href')).to.equal('tel:116006');
    expect(card('ma-securite').querySelector('a')?.getAttribute('href')).to.equal(
      'https://www.masecurite.interieur.gouv.fr',
    );
    expect(text(card('119'))).to.contain('À vérifier');
    for (const id of ['17', '112', '114', '15', '18', '3919', '119', '116006'])
      expect(card(id).querySelector('a[part=source-link]'), id).to.exist;
    const emergency = $$<HTMLAnchorElement>(el, '.emergency a').map((a) => a.getAttribute('href'));
    expect(emergency).to.include.members(['tel:17', 'tel:112', 'sms:114']);
  });

  it("shows the city's own contacts from the overrides, and the mayor's in the guide", async () => {
    const content: RightsContent = {
      ...structuredClone(rightsContent),
      localContacts: [
        {
          id: 'pm',
          kind: 'police-municipale',
          name: 'Police municipale d’Amiens',
          phone: '03 22 97 40 40',
          email: 'pm@example.org',
          address: 'Place de l’Hôtel de Ville, Amiens',
          hours: 'Lun.–ven. 8 h–18 h',
        },
        { id: 'mjd', kind: 'maison-justice-droit', name: 'MJD Amiens Nord', url: 'https://example.org/mjd' },
      ],
    };
    const el = await mount(
      html`<prox-rights-explainer .client=${makeClient(content)}></prox-rights-explainer>`,
    );
    const local = text($(el, '[aria-labelledby=local]'));
    expect(local).to.contain('Contacts près de chez vous');
    expect(local).to.contain('Police municipale d’Amiens');
    expect(local).to.contain('MJD Amiens Nord');
    expect(local).to.contain('Maison de la justice et du droit');
    expect($(el, '[data-local=pm] a[href="tel:0322974040"]')).to.exist;
    expect($(el, '[data-local=pm] a[href="mailto:pm@example.org"]')).to.exist;
    await chooseGuide(el, 'mistreated', 'police-municipale');
    expect(text($(el, '[data-body=mayor]'))).to.contain('Police municipale d’Amiens');
    await expect(el).to.be.accessible();
  });

  it('gives each body of « Qui contacter ? » its action, and the city’s local contacts for it', async () => {
    const content: RightsContent = {
      ...structuredClone(rightsContent),
      localContacts: [
        { id: 'delegue', kind: 'defenseur-des-droits-delegue', name: 'Délégué du Défenseur des droits' },
        { id: 'pj', kind: 'point-justice', name: 'Point-justice Amiens Nord' },
        { id: 'hdv', kind: 'mairie', name: 'Hôtel de ville d’Amiens', address: 'Place de l’Hôtel de Ville' },
      ],
    };
    const el = await mount(
      html`<prox-rights-explainer .client=${makeClient(content)}></prox-rights-explainer>`,
    );
    await chooseGuide(el, 'mistreated', 'police-nationale');
    const igpn = $<HTMLAnchorElement>(el, '[data-body=igpn] .action a');
    expect(igpn.href).to.equal('https://moncommissariat.interieur.gouv.fr/');
    expect(text(igpn)).to.equal('Faire un signalement en ligne à l’IGPN');
    expect($<HTMLAnchorElement>(el, '[data-body=defenseur-des-droits] .action a').href).to.equal(
      'https://www.defenseurdesdroits.fr/',
    );
    expect($(el, '[data-body=defenseur-des-droits] [data-local=delegue]')).to.exist;
    expect(text($(el, '[data-body=procureur] .action'))).to.contain('écrire au procureur de la République');
    expect($(el, '[data-body=procureur] [data-local=pj]')).to.exist;
    await expect(el).to.be.accessible();
    await chooseGuide(el, 'witness', 'police-municipale');
    expect(text($(el, '[data-body=mayor] .action'))).to.equal('Écrire au maire, à la mairie');
    expect(text($(el, '[data-body=mayor]'))).to.contain('Place de l’Hôtel de Ville');
  });

  it('has no local section without overrides', async () => {
    const el = await mount();
    expect(el.shadowRoot?.querySelector('[aria-labelledby=local]')).to.equal(null);
  });
});

describe('<prox-rights-explainer>: print', () => {
  it('prints every topic expanded with the source URLs visible', async () => {
    const el = await mount();
    await emulateMedia({ media: 'print' });
    for (const panel of $$(el, '.panel')) expect(getComputedStyle(panel).display).to.equal('block');
    const link = $(el, 'a[part=source-link]');
    expect(getComputedStyle(link, '::after').content).to.contain('https://');
    expect(getComputedStyle($(el, '.tools')).display).to.equal('none');
  });
});

describe('<prox-rights-explainer>: static JSON through the SDK adapter', () => {
  const src = '/packages/widgets/src/rights-explainer/test-fixtures/rights.json';

  // Regenerate with: node --conditions=source --import tsx packages/content/scripts/check-rights.ts \
  //   --write packages/widgets/src/rights-explainer/test-fixtures/rights.json
  it('the JSON fixture is the bundled content', async () => {
    const response = await fetch(src);
    expect(await response.json()).to.deep.equal(JSON.parse(JSON.stringify(rightsContent)));
  });

  it('loads the content from src', async () => {
    const el = await mount(html`<prox-rights-explainer src=${src}></prox-rights-explainer>`);
    expect(text(el.shadowRoot?.querySelector('[role=alert]')), 'error shown').to.equal('');
    expect(toggles(el)).to.have.length(rightsContent.topics.length);
  });
});

describe('<prox-rights-explainer>: the reference server through the SDK', () => {
  it('loads the content from api, per language', async function () {
    this.timeout(60_000); // the first import starts the server (fresh PGlite database)
    // @ts-expect-error virtual module served by web-test-runner
    const { apiUrl } = (await import('/__proximite-test-env.js')) as { apiUrl: string | null };
    expect(apiUrl, 'reference server URL').to.be.a('string');
    const el = await mount(html`<prox-rights-explainer api=${apiUrl ?? ''}></prox-rights-explainer>`);
    expect(toggles(el)).to.have.length(rightsContent.topics.length);
    el.lang = 'en';
    await waitUntil(
      () => toggleOf(el, 'identity-checks').textContent?.trim() === 'Identity checks',
      'English',
    );
    await openAll(el);
    expect($$(el, 'li[data-item] a[part=source-link]').length).to.be.greaterThan(ITEM_COUNT - 1);
  });
});
