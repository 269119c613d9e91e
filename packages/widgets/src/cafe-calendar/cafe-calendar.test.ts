import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import ICAL from 'ical.js';
import type { Cafe, CafeListQuery, District } from '@proximite/contract';
import { ServerError, type ProximiteClient } from '@proximite/sdk';
import './define.js';
import type { CafeCalendar } from './cafe-calendar.js';
import type { CafeSelectEvent } from './cafe-calendar.events.js';
// @ts-expect-error virtual module served by web-test-runner
import { apiUrl } from '/__proximite-test-env.js';
import { rgb } from '../../test/colour.js';
import { frameCounter } from '../../test/frames.js';
import { FRAME_TIMEOUT_MS as FRAME_FALLBACK_MS } from '../kit/frame.js';

const FIXTURES = '/packages/widgets/src/cafe-calendar/test-fixtures';
/** 10 May 2026, 10:00 in Paris: every fixture café but one is still to come. */
const NOW = new Date('2026-05-10T08:00:00Z');
const API = 'https://api.amiens.example';

let allCafes: Cafe[] = [];
let allDistricts: District[] = [];

before(async () => {
  allCafes = ((await (await fetch(`${FIXTURES}/cafes.json`)).json()) as { items: Cafe[] }).items;
  allDistricts = ((await (await fetch(`${FIXTURES}/districts.json`)).json()) as { items: District[] }).items;
});

interface TestClient {
  client: ProximiteClient;
  calls: CafeListQuery[];
  signals: AbortSignal[];
}

/** An in-test client implementing what the calendar uses, the way the SDK's client does. */
function testClient(
  cafes: Cafe[] | (() => Promise<Cafe[]>),
  options: { districts?: District[]; feed?: boolean } = {},
): TestClient {
  const calls: CafeListQuery[] = [];
  const signals: AbortSignal[] = [];
  const client = {
    cafes: {
      async list(query: CafeListQuery = {}, opts: { signal?: AbortSignal } = {}) {
        calls.push(query);
        if (opts.signal) signals.push(opts.signal);
        const items = typeof cafes === 'function' ? await cafes() : cafes;
        return {
          items: items.filter((c) => !query.district || c.districtId === query.district),
          nextCursor: null,
        };
      },
      icsUrl(query: { district?: string } | { id: string } = {}) {
        if (options.feed === false) throw new Error('no feed');
        if ('id' in query) return `${API}/v1/cafes/${encodeURIComponent(query.id)}.ics`;
        return `${API}/v1/cafes.ics${query.district ? `?district=${encodeURIComponent(query.district)}` : ''}`;
      },
    },
    districts: {
      async list() {
        return options.districts ?? allDistricts;
      },
    },
  };
  return { client: client as unknown as ProximiteClient, calls, signals };
}

const root = (el: CafeCalendar) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: CafeCalendar, selector: string) =>
  root(el).querySelector<T & Element>(selector);
const $$ = <T extends Element = HTMLElement>(el: CafeCalendar, selector: string) => [
  ...root(el).querySelectorAll<T & Element>(selector),
];
const text = (node: Element | ShadowRoot | null | undefined) =>
  node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function mount(
  client: ProximiteClient | undefined,
  attrs: { lang?: string; view?: string; district?: string; theme?: string; src?: string; api?: string } = {},
): Promise<CafeCalendar> {
  const el = await fixture<CafeCalendar>(
    html`<prox-cafe-calendar
      lang=${attrs.lang ?? 'fr'}
      view=${attrs.view ?? 'list'}
      theme=${attrs.theme ?? 'light'}
      .client=${client}
      .now=${NOW}
      district=${attrs.district ?? ''}
      src=${attrs.src ?? ''}
      api=${attrs.api ?? ''}
    ></prox-cafe-calendar>`,
  );
  return el;
}

async function loaded(el: CafeCalendar) {
  await waitUntil(() => $(el, '.agenda, .month-view, .empty, [role="alert"]'), 'widget did not load', {
    timeout: 8000,
  });
  await el.updateComplete;
  return el;
}

/** The month view loads its module the first time it is shown: waits for it. */
async function monthShown(el: CafeCalendar) {
  await waitUntil(() => $(el, '.month-view'), 'the month view did not load', { timeout: 5000 });
  await el.updateComplete;
}

function eventByTitle(el: CafeCalendar, title: string): HTMLElement {
  const found = $$(el, '.event').find((e) => text(e.querySelector('.event__title')).includes(title));
  if (!found) throw new Error(`no café titled ${title}`);
  return found;
}

/** The element focused inside the widget (through its shadow root). */
function focused(el: CafeCalendar): HTMLElement | null {
  return root(el).activeElement as HTMLElement | null;
}

/**
 * `count` cafés one a day from 11 May 2026, 17:30 to 19:00 in Paris, copies of the Saint-Leu café
 * with ids `<prefix>-1`…; `change(café, i)` may replace one.
 */
function dailyCafes(count: number, prefix: string, change = (cafe: Cafe, _i: number): Cafe => cafe): Cafe[] {
  const base = allCafes.find((c) => c.id === 'cafe-saint-leu')!;
  return Array.from({ length: count }, (_, i) => {
    const start = Date.UTC(2026, 4, 11 + i, 15, 30);
    const cafe: Cafe = {
      ...base,
      id: `${prefix}-${i + 1}`,
      start: new Date(start).toISOString(),
      end: new Date(start + 5_400_000).toISOString(),
    };
    return change(cafe, i);
  });
}

interface ListStep {
  /** How many entries were listed. */
  n: number;
  frame: number;
  time: number;
}

/**
 * Records every count of listed entries the list goes through as its DOM changes, and the frame it
 * came before; `onStep` runs in the observer's callback (the task that rendered the step).
 */
function recordListSteps(
  el: CafeCalendar,
  onStep?: (n: number) => void,
): { steps: ListStep[]; stop(): void } {
  const steps: ListStep[] = [];
  const frames = frameCounter();
  const observer = new MutationObserver(() => {
    const n = $$(el, '.event').length;
    if (n === steps.at(-1)?.n) return;
    steps.push({ n, frame: frames.frame, time: performance.now() });
    onStep?.(n);
  });
  observer.observe(root(el), { childList: true, subtree: true });
  return {
    steps,
    stop() {
      observer.disconnect();
      frames.stop();
    },
  };
}

/**
 * A frame came between any two steps: each was laid out before the next rendered — unless no frame
 * came for a second (a busy machine), when a step goes on without one, as it must.
 */
function expectFramesApart(steps: readonly ListStep[]): void {
  for (const [i, step] of steps.entries())
    if (i > 0 && step.time - steps[i - 1]!.time < FRAME_FALLBACK_MS)
      expect(step.frame, `step ${step.n}`).to.be.greaterThan(steps[i - 1]!.frame);
}

/** Tabs through the widget, returning every element focused inside it, until focus leaves it. */
async function tabThrough(el: CafeCalendar, max = 200): Promise<HTMLElement[]> {
  const seen: HTMLElement[] = [];
  const before = document.createElement('button');
  before.textContent = 'before';
  el.before(before);
  before.focus();
  for (let i = 0; i < max; i += 1) {
    await sendKeys({ press: 'Tab' });
    const active = focused(el);
    if (document.activeElement !== el || !active) break;
    seen.push(active);
  }
  before.remove();
  return seen;
}

describe('<prox-cafe-calendar>: states', () => {
  it('shows a loading state, accessible, until the cafés arrive', async () => {
    let release!: (cafes: Cafe[]) => void;
    const pending = new Promise<Cafe[]>((resolve) => (release = resolve));
    const { client } = testClient(() => pending);
    const el = await mount(client);
    await waitUntil(() => $(el, '[aria-busy="true"]'));
    expect(text($(el, '[aria-busy="true"]'))).to.equal('Chargement…');
    await expect(el).to.be.accessible();
    release(allCafes);
    await loaded(el);
    expect($(el, '.agenda')).to.exist;
  });

  it('connects with an empty shadow root, adopts its styles in a task of their own, then renders in another (no long task)', async () => {
    const { client, calls } = testClient(() => new Promise<Cafe[]>(() => undefined));
    const el = document.createElement('prox-cafe-calendar');
    el.client = client;
    el.now = NOW;
    // What each task saw, from the one connecting the element on: one look per task, the timers
    // posted before the element's own (a timer runs after those posted before it).
    const seen: { sheets: number; rendered: boolean; asked: number }[] = [];
    const look = () =>
      seen.push({
        sheets: el.shadowRoot?.adoptedStyleSheets.length ?? -1,
        rendered: el.hasUpdated,
        asked: calls.length,
      });
    const tick = () => {
      look();
      if (!el.hasUpdated && seen.length < 20) setTimeout(tick);
    };
    setTimeout(tick);
    document.body.append(el);
    look();
    try {
      await el.updateComplete;
      // The connecting task: a shadow root (a page may observe it at once), no styles, no render.
      expect(seen[0]).to.deep.equal({ sheets: 0, rendered: false, asked: 0 });
      // A task with the styles adopted and nothing rendered yet, before the first render's.
      expect(seen.some((s) => s.sheets > 0 && !s.rendered)).to.equal(true);
      const sheets = (el.constructor as typeof CafeCalendar).elementStyles.length;
      expect(root(el).adoptedStyleSheets).to.have.length(sheets);
      expect($(el, '[aria-busy="true"]')).to.exist;
      expect(getComputedStyle(el).display).to.equal('block');
    } finally {
      el.remove();
    }
  });

  it('shows an error as an alert with the reason in the resident’s words, and retries', async () => {
    let fail = true;
    const { client } = testClient(async () => {
      if (fail)
        throw new ServerError(
          503,
          { type: 'about:blank', title: 'Service Unavailable', status: 503 },
          { request: { method: 'GET', url: `${API}/v1/cafes` } },
        );
      return allCafes;
    });
    const el = await loaded(await mount(client));
    const alert = $(el, '[role="alert"]');
    expect(text(alert)).to.include('Le service est momentanément indisponible.');
    expect(text(alert)).not.to.match(/Service Unavailable|http|GET /);
    await expect(el).to.be.accessible();
    fail = false;
    alert!.querySelector('button')!.click();
    await waitUntil(() => $(el, '.agenda'));
  });

  it('says when no source is configured', async () => {
    const el = await loaded(await mount(undefined));
    expect(text($(el, '[role="alert"]'))).to.include('api');
    await expect(el).to.be.accessible();
  });

  it('shows the empty state with the feed subscription, in French and English', async () => {
    const { client } = testClient([]);
    const el = await loaded(await mount(client));
    expect(text($(el, '.empty'))).to.include('Aucun café prévu pour l’instant');
    const webcal = $<HTMLAnchorElement>(el, 'a[href^="webcal:"]');
    expect(webcal?.getAttribute('href')).to.equal('webcal://api.amiens.example/v1/cafes.ics');
    expect(text(webcal)).to.include('S’abonner à l’agenda');
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'en');
    await waitUntil(() => text($(el, '.empty')).includes('No café planned yet'));
    expect(text($(el, 'a[href^="webcal:"]'))).to.include('Subscribe to the calendar');
    await expect(el).to.be.accessible();
  });

  it('leaves out the subscription when the source has no feed', async () => {
    const { client } = testClient([], { feed: false });
    const el = await loaded(await mount(client));
    expect(text($(el, '.empty'))).to.include('Aucun café prévu');
    expect($(el, 'a[href^="webcal:"]')).to.equal(null);
  });
});

describe('<prox-cafe-calendar>: the agenda list', () => {
  it('groups upcoming cafés by day with <time datetime>, and passes axe (fr)', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client));
    const headings = $$(el, '.day__heading').map((h) => h.querySelector('time')!.getAttribute('datetime'));
    // The past café is left out; the forum covers 30 and 31 May (its end at midnight is exclusive).
    expect(headings).to.deep.equal([
      '2026-05-12',
      '2026-05-13',
      '2026-05-20',
      '2026-05-27',
      '2026-05-30',
      '2026-05-31',
      '2026-06-09',
    ]);
    expect(text($(el, '.day__heading'))).to.equal('mardi 12 mai 2026');
    expect(text($(el, '.count'))).to.equal('6 cafés à venir');
    const saintLeu = eventByTitle(el, 'Saint-Leu');
    const times = [...saintLeu.querySelectorAll('.when time')];
    expect(times.map((t) => t.getAttribute('datetime'))).to.deep.equal([
      '2026-05-12T15:30:00.000Z',
      '2026-05-12T17:00:00.000Z',
    ]);
    expect(times.map((t) => t.textContent)).to.deep.equal(['17:30', '19:00']);
    const facts = text(saintLeu.querySelector('.facts'));
    expect(facts).to.include('Le Quai').and.include('Place du Don, 80000 Amiens');
    expect(facts).to.include('Saint-Leu'); // district name, from districts.list()
    expect(facts).to.include('Sur place');
    expect(facts).to.include('Police municipale d’Amiens (Brigade de proximité)');
    expect(facts).to.include('Terrasse de plain-pied');
    expect(facts).to.include('français, anglais'); // Intl.DisplayNames
    const map = saintLeu.querySelector<HTMLAnchorElement>('.facts a')!;
    expect(map.getAttribute('href')).to.equal(
      'https://www.openstreetmap.org/?mlat=49.8964&mlon=2.3012#map=18/49.8964/2.3012',
    );
    await expect(el).to.be.accessible();
  });

  it('speaks English with English texts and weekday names (en)', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client, { lang: 'en' }));
    expect(text($(el, '.title'))).to.equal('Upcoming cafés with the police');
    expect(text($(el, '.day__heading'))).to.match(/^Tuesday,? 12 May 2026$/);
    const saintLeu = eventByTitle(el, 'Coffee with the police — Saint-Leu');
    const facts = text(saintLeu.querySelector('.facts'));
    expect(facts).to.include('In person').and.include('Step-free terrace').and.include('French, English');
    await expect(el).to.be.accessible();
  });

  it('switches language when the page language changes', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="fr"></div>`);
    const el = document.createElement('prox-cafe-calendar');
    el.client = testClient(allCafes).client;
    el.now = NOW;
    host.append(el);
    await loaded(el);
    expect(text($(el, '.title'))).to.equal('Prochains cafés avec la police');
    host.setAttribute('lang', 'en');
    await waitUntil(() => text($(el, '.title')) === 'Upcoming cafés with the police');
    expect(text($(el, '.count'))).to.equal('6 cafés coming up');
    expect(text($(el, '.segmented')))
      .to.include('List')
      .and.include('Month');
  });

  it('renders its ten first cafés one at a time, each step in a frame of its own; updateComplete waits for the last', async () => {
    const { client } = testClient(dailyCafes(12, 'step'));
    const el = document.createElement('prox-cafe-calendar');
    el.setAttribute('lang', 'fr');
    el.client = client;
    el.now = NOW;
    document.body.append(el);
    // Every count of listed cafés the page went through, as the DOM changed, and in which frame.
    const recording = recordListSteps(el);
    await waitUntil(() => $(el, '.agenda'), 'the list did not render', { timeout: 8000 });
    await el.updateComplete;
    recording.stop();
    expect($$(el, '.event')).to.have.length(10);
    const steps = recording.steps.filter((s) => s.n > 0);
    expect(steps.map((s) => s.n)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expectFramesApart(steps);
    el.remove();
  });

  it('« Voir plus » renders a café spanning three days one day a frame, and focuses its first day', async () => {
    // 13 cafés, one a day from 11 May (in Paris); the 11th, all day from 21 to 23 May.
    const many = dailyCafes(13, 'days', (cafe, i) =>
      i === 10
        ? { ...cafe, allDay: true, start: '2026-05-21T00:00:00+02:00', end: '2026-05-24T00:00:00+02:00' }
        : cafe,
    );
    const el = await loaded(await mount(testClient(many).client));
    expect($$(el, '.event')).to.have.length(10);
    // Every count of listed entries the page went through, as the DOM changed, and in which frame.
    const recording = recordListSteps(el);
    $<HTMLButtonElement>(el, '.more button')!.click();
    await el.updateComplete;
    recording.stop();
    // The three days of the 11th café, then the 12th and the 13th: an entry a step.
    expect(recording.steps.map((s) => s.n)).to.deep.equal([11, 12, 13, 14, 15]);
    expectFramesApart(recording.steps);
    expect(focused(el)).to.equal(root(el).getElementById('day-2026-05-21'));
    expect($$(el, '.event__span').map(text)).to.deep.equal(['jour 1 sur 3', 'jour 2 sur 3', 'jour 3 sur 3']);
    el.remove();
  });

  it('« Voir plus » clicked before the frame of the last café shown renders the next ones after that frame', async () => {
    const el = document.createElement('prox-cafe-calendar');
    el.setAttribute('lang', 'fr');
    el.client = testClient(dailyCafes(13, 'quick')).client;
    el.now = NOW;
    document.body.append(el);
    // Clicked as soon as the 10th café is in the page, in the task that rendered it.
    const recording = recordListSteps(el, (n) => {
      if (n === 10) $<HTMLButtonElement>(el, '.more button')!.click();
    });
    await waitUntil(() => $$(el, '.event').length === 13, 'the next cafés did not render', { timeout: 8000 });
    await el.updateComplete;
    recording.stop();
    const shown = recording.steps.filter((s) => s.n > 0);
    expect(shown.map((s) => s.n)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expectFramesApart(shown);
    expect(focused(el)).to.equal(root(el).getElementById('day-2026-05-21'));
    el.remove();
  });

  it('shows a long agenda ten cafés at a time, « Voir plus » moving focus to the next ones', async () => {
    // 23 cafés, one a day from 11 May (in Paris), alternating two districts.
    const many = dailyCafes(23, 'many', (cafe, i) => ({
      ...cafe,
      title: { fr: `Café n° ${i + 1}`, en: `Café no. ${i + 1}` },
      districtId: i % 2 ? 'etouvie' : 'saint-leu',
    }));
    const { client } = testClient(many);
    const el = await loaded(await mount(client));
    expect($$(el, '.event')).to.have.length(10);
    expect(text($(el, '.count'))).to.equal('23 cafés à venir');
    const more = () => $<HTMLButtonElement>(el, '.more button');
    expect(text(more())).to.equal('Voir 10 cafés de plus (13 restants)');
    await expect(el).to.be.accessible();
    more()!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($$(el, '.event')).to.have.length(20);
    // Focus goes to the day of the first café just shown (the 11th: 21 May).
    expect(focused(el)).to.equal(root(el).getElementById('day-2026-05-21'));
    expect(text(more())).to.equal('Voir 3 cafés de plus (3 restants)');
    more()!.click();
    await el.updateComplete;
    expect($$(el, '.event')).to.have.length(23);
    expect(more()).to.equal(null);
    // Another selection starts again from its first page.
    el.district = 'saint-leu';
    await loaded(el);
    await waitUntil(() => $$(el, '.event').length === 10, 'the filtered list did not start again at 10');
    expect(text(more())).to.equal('Voir 2 cafés de plus (2 restants)');
    el.setAttribute('lang', 'en');
    await waitUntil(() => text(more()) === 'Show 2 more cafés (2 left)', `in English: ${text(more())}`);
  });

  it('marks French-only texts with lang="fr" on an English page (RGAA 8.7)', async () => {
    const frenchOnly = {
      ...allCafes[1]!,
      id: 'fr-only',
      title: { fr: 'Café des voisins' },
      accessibility: { fr: 'Rampe d’accès côté rue.' },
    };
    const { client } = testClient([allCafes[2]!, frenchOnly]);
    const el = await loaded(await mount(client, { lang: 'en' }));
    const french = eventByTitle(el, 'Café des voisins');
    expect(french.querySelector('.event__name')!.getAttribute('lang')).to.equal('fr');
    const accessibility = [...french.querySelectorAll('dd')].find(
      (dd) => text(dd) === 'Rampe d’accès côté rue.',
    );
    expect(accessibility!.getAttribute('lang')).to.equal('fr');
    const english = $$(el, '.event__name').find((n) => n !== french.querySelector('.event__name'))!;
    expect(english.hasAttribute('lang')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('shows cancelled cafés as cancelled — in words and style, not hidden', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client));
    const cancelled = eventByTitle(el, 'Étouvie');
    expect(cancelled.classList.contains('event--cancelled')).to.equal(true);
    expect(text(cancelled.querySelector('.badge'))).to.equal('Annulé');
    const name = cancelled.querySelector('.event__name')!;
    expect(getComputedStyle(name).textDecorationLine).to.include('line-through');
    expect(getComputedStyle(cancelled.querySelector('article')!).borderInlineStartStyle).to.equal('dashed');
    // Why, in the resident's language.
    const reason = cancelled.querySelector('.fact--reason')!;
    expect(text(reason.querySelector('dt'))).to.equal('Motif de l’annulation');
    expect(text(reason.querySelector('dd'))).to.equal('Le centre social est fermé pour travaux.');
    // Its details still offer the .ics (STATUS:CANCELLED updates calendars), not Google/Outlook.
    cancelled.querySelector<HTMLButtonElement>('.disclosure')!.click();
    await el.updateComplete;
    const actions = cancelled.querySelector('.actions')!;
    expect(text(actions)).to.include('Fichier .ics');
    expect(actions.querySelector('a[href*="google"], a[href*="outlook"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows online and hybrid cafés with their safe link, and never an unsafe one', async () => {
    const evil = {
      ...allCafes.find((c) => c.id === 'cafe-en-ligne')!,
      id: 'evil',
      title: { fr: 'Piège' },
      onlineUrl: 'javascript:alert(1)',
      url: 'data:text/html,<script>alert(1)</script>',
    };
    const { client } = testClient([...allCafes, evil]);
    const el = await loaded(await mount(client));
    const online = eventByTitle(el, 'Permanence en ligne');
    expect(text(online.querySelector('.facts'))).to.include('En ligne');
    const join = [...online.querySelectorAll<HTMLAnchorElement>('a')].find((a) =>
      text(a).includes('Rejoindre'),
    );
    expect(join?.getAttribute('href')).to.equal('https://visio.amiens.fr/permanence');
    // An online café has no street address to map.
    expect(online.querySelector('a[href*="openstreetmap"]')).to.equal(null);
    expect(text(online.querySelector('.facts'))).to.include('langue des signes française');
    const hybrid = eventByTitle(el, 'Café de nuit');
    expect(text(hybrid.querySelector('.facts'))).to.include('Sur place et en ligne');
    expect(hybrid.querySelector('a[href="https://visio.amiens.fr/cafe-nuit"]')).to.exist;
    const trap = eventByTitle(el, 'Piège');
    trap.querySelector<HTMLButtonElement>('.disclosure')!.click();
    await el.updateComplete;
    for (const a of $$<HTMLAnchorElement>(el, 'a[href]')) {
      expect(a.getAttribute('href')).to.match(/^(https:|webcal:|#day-)/);
    }
    await expect(el).to.be.accessible();
  });

  it('puts a multi-day all-day event on each of its days', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client, { lang: 'en' }));
    const days = $$(el, '.day').filter((d) => text(d).includes('Everyday safety forum'));
    expect(days.map((d) => d.querySelector('h3 time')!.getAttribute('datetime'))).to.deep.equal([
      '2026-05-30',
      '2026-05-31',
    ]);
    expect(text(days[0])).to.include('day 1 of 2');
    expect(text(days[1])).to.include('day 2 of 2');
    const times = [...days[0]!.querySelectorAll('.when time')].map((t) => t.getAttribute('datetime'));
    expect(times).to.deep.equal(['2026-05-30', '2026-05-31']);
  });

  it('honours limit, from and to', async () => {
    const { client } = testClient(allCafes);
    const el = await mount(client);
    el.limit = 2;
    await loaded(el);
    await waitUntil(() => $$(el, '.event').length === 2);
    el.limit = undefined;
    el.from = '2026-05-01';
    el.to = '2026-05-12';
    await waitUntil(() => $(el, '.day__heading time')?.getAttribute('datetime') === '2026-05-02');
    expect($$(el, '.day__heading time').map((t) => t.getAttribute('datetime'))).to.deep.equal([
      '2026-05-02',
      '2026-05-12',
    ]);
  });
});

describe('<prox-cafe-calendar>: time zones', () => {
  it('shows Paris times and Paris days whatever the visitor zone', async () => {
    const visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client));
    // 00:30 in Paris on 13 May is 22:30 UTC on 12 May: the café is listed on 13 May at 00:30.
    const night = eventByTitle(el, 'Café de nuit');
    const day = night.closest('.day')!.querySelector('h3 time')!.getAttribute('datetime');
    expect(day).to.equal('2026-05-13');
    const times = [...night.querySelectorAll('.when time')];
    expect(times.map((t) => t.textContent)).to.deep.equal(['00:30', '01:30']);
    expect(times[0]!.getAttribute('datetime')).to.equal('2026-05-12T22:30:00.000Z');
    // The visitor's own clock would read differently unless they are on Paris time.
    const visitorClock = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' }).format(
      new Date('2026-05-12T22:30:00Z'),
    );
    const visitorOnParisTime = visitorClock === '00:30';
    const note = night.querySelector('.zone');
    if (visitorOnParisTime) expect(note).to.equal(null);
    else expect(text(note)).to.equal('(heure d’Europe centrale)');
    expect(visitorZone).to.be.a('string');
  });

  it('shows a café defined in another zone in that zone (New York café for a Paris page)', async () => {
    const ny: Cafe = {
      ...allCafes.find((c) => c.id === 'cafe-saint-leu')!,
      id: 'ny',
      title: { fr: 'Café jumelage — New York' },
      // 20:00 in New York = 00:00 UTC the next day = 02:00 in Paris.
      start: '2026-05-14T20:00:00-04:00',
      end: '2026-05-14T21:00:00-04:00',
      timeZone: 'America/New_York',
    };
    const { client } = testClient([ny]);
    const el = await loaded(await mount(client, { lang: 'en' }));
    expect($(el, '.day__heading time')!.getAttribute('datetime')).to.equal('2026-05-14');
    expect([...$$(el, '.when time')].map((t) => t.textContent)).to.deep.equal(['20:00', '21:00']);
    // Named only for a visitor whose clock reads otherwise at that moment.
    const visitorClock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(
      new Date('2026-05-15T00:00:00Z'),
    );
    if (visitorClock === '20:00') expect($(el, '.zone')).to.equal(null);
    else expect(text($(el, '.zone'))).to.equal('(Eastern Time)');
  });
});

describe('<prox-cafe-calendar>: details, actions and events', () => {
  it('opens details on user action only, emitting prox-cafe-select', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client));
    const selected: Cafe[] = [];
    el.addEventListener('prox-cafe-select', (e: CafeSelectEvent) => selected.push(e.detail.cafe));
    // Rendering, changing language and switching view never emit.
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    el.setAttribute('lang', 'fr');
    await el.updateComplete;
    expect(selected).to.have.length(0);
    const saintLeu = eventByTitle(el, 'Saint-Leu');
    const button = saintLeu.querySelector<HTMLButtonElement>('.disclosure')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    const details = root(el).getElementById(button.getAttribute('aria-controls')!)!;
    expect(details.hidden).to.equal(true);
    const event = oneEvent(el, 'prox-cafe-select');
    button.click();
    const fired = (await event) as CafeSelectEvent;
    expect(fired.detail.cafe.id).to.equal('cafe-saint-leu');
    expect(fired.bubbles).to.equal(true);
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(details.hidden).to.equal(false);
    expect(text(details)).to.include('Un moment d’échange informel');
    // Closing does not emit again.
    button.click();
    await el.updateComplete;
    expect(selected.map((c) => c.id)).to.deep.equal(['cafe-saint-leu']);
    expect(details.hidden).to.equal(true);
  });

  it('names each café’s button and links after the café, in French and in English', async () => {
    // The accessible name from aria-labelledby (WAI-ARIA accname 1.2, step 2B): the text of each
    // element it lists, hidden ones included, joined by spaces. Chromium joins the text nodes of a
    // hidden element with spaces too (it has no layout to tell inline text apart).
    const labelled = (el: CafeCalendar, element: Element) =>
      (element.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map((id) => {
          const target = root(el).getElementById(id);
          if (!target) throw new Error(`aria-labelledby names no element ${id}`);
          if (!target.hidden) return text(target);
          return [...target.childNodes]
            .filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())
            .map((n) => n.textContent!.trim())
            .join(' ');
        })
        .join(' ');
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client));
    const names = (title: string) => {
      const event = eventByTitle(el, title);
      return [...event.querySelectorAll('a, button')].map((e) => labelled(el, e));
    };
    // The names screen readers heard when each café carried visually hidden texts.
    expect(names('Gare du Nord')).to.deep.equal([
      'Place Alphonse Fiquet, 80000 Amiens (plan OpenStreetMap)',
      'Rejoindre en ligne : Café de nuit — Gare du Nord',
      'Détails et ajout à l’agenda : Café de nuit — Gare du Nord',
    ]);
    // A cancelled café: its name without the « Annulé » badge.
    expect(names('Étouvie')).to.deep.equal([
      'Avenue de Grenade, 80000 Amiens (plan OpenStreetMap)',
      'Détails et ajout à l’agenda : Café avec la police — Étouvie',
    ]);
    expect($$(el, '.event .visually-hidden')).to.have.length(0);
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(names('Gare du Nord')).to.deep.equal([
      'Place Alphonse Fiquet, 80000 Amiens (OpenStreetMap map)',
      'Join online : Night café — Gare du Nord',
      'Details and add to calendar : Night café — Gare du Nord',
    ]);
    await expect(el).to.be.accessible();
  });

  it('links to Google Calendar, Outlook and the server’s .ics of the café', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client));
    const saintLeu = eventByTitle(el, 'Saint-Leu');
    saintLeu.querySelector<HTMLButtonElement>('.disclosure')!.click();
    await el.updateComplete;
    const actions = saintLeu.querySelector('[part="actions"]')!;
    const links = [...actions.querySelectorAll<HTMLAnchorElement>('a')];
    const ics = links.find((a) => text(a) === 'Fichier .ics')!;
    expect(ics.getAttribute('href')).to.equal(`${API}/v1/cafes/cafe-saint-leu.ics`);
    expect(ics.hasAttribute('download')).to.equal(true);
    const googleLink = links.find((a) => text(a).startsWith('Google Agenda'))!;
    const google = new URL(googleLink.href);
    expect(google.searchParams.get('dates')).to.equal('20260512T153000Z/20260512T170000Z');
    expect(google.searchParams.get('ctz')).to.equal('Europe/Paris');
    const outlookLink = links.find((a) => text(a).startsWith('Outlook'))!;
    const outlook = new URL(outlookLink.href);
    // Other sites open in a new tab, and their names say so (WCAG technique G201).
    for (const link of [googleLink, outlookLink]) {
      expect(link.target).to.equal('_blank');
      expect(link.rel).to.equal('noopener noreferrer');
      expect(text(link)).to.include('(ouvre un nouvel onglet)');
    }
    expect(ics.hasAttribute('target')).to.equal(false);
    expect(outlook.searchParams.get('subject')).to.equal('Café avec la police — Saint-Leu');
    await expect(el).to.be.accessible();
  });

  it('writes the .ics itself when the source serves none, and it parses back with ical.js', async () => {
    // Like a static file or an adapter: no per-café .ics URL to link to.
    const { client } = testClient(allCafes, { feed: false });
    const el = await loaded(await mount(client));
    const saintLeu = eventByTitle(el, 'Saint-Leu');
    saintLeu.querySelector<HTMLButtonElement>('.disclosure')!.click();
    await el.updateComplete;
    const button = [...saintLeu.querySelectorAll<HTMLButtonElement>('[part="actions"] button')].find(
      (b) => text(b) === 'Fichier .ics',
    )!;
    const blobs: Blob[] = [];
    const original = URL.createObjectURL;
    const downloads: string[] = [];
    const onClick = (e: Event) => {
      const a = e.composedPath()[0];
      if (a instanceof HTMLAnchorElement && a.download) {
        downloads.push(a.download);
        e.preventDefault();
      }
    };
    document.addEventListener('click', onClick, true);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return original.call(URL, blob);
    };
    try {
      button.click();
      await waitUntil(() => downloads.length > 0, 'no download');
    } finally {
      URL.createObjectURL = original;
      document.removeEventListener('click', onClick, true);
    }
    expect(downloads).to.deep.equal(['cafe-2026-05-12-cafe-avec-la-police-saint-leu.ics']);
    expect(blobs[0]!.type).to.equal('text/calendar;charset=utf-8');
    const vevent = new ICAL.Component(ICAL.parse(await blobs[0]!.text())).getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.summary).to.equal('Café avec la police — Saint-Leu');
    expect(event.startDate.toJSDate().toISOString()).to.equal('2026-05-12T15:30:00.000Z');
    expect(event.location).to.equal('Le Quai, Place du Don, 80000 Amiens');
    expect(vevent.getFirstPropertyValue('sequence')).to.equal(1);
  });
});

describe('<prox-cafe-calendar>: district filter', () => {
  it('builds a labelled filter from districts.list() and filters, updating the webcal link', async () => {
    const { client, calls } = testClient(allCafes);
    const el = await loaded(await mount(client));
    await waitUntil(() => $(el, 'select'));
    const select = $<HTMLSelectElement>(el, 'select')!;
    expect(text(root(el).querySelector(`label[for="${select.id}"]`))).to.equal('Quartier');
    expect([...select.options].map((o) => o.textContent?.trim())).to.deep.equal([
      'Tous les quartiers',
      'Centre-ville',
      'Saint-Leu',
      'Étouvie',
      'Amiens Nord',
    ]);
    expect($(el, 'a[href^="webcal:"]')!.getAttribute('href')).to.equal(
      'webcal://api.amiens.example/v1/cafes.ics',
    );
    select.value = 'saint-leu';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => $$(el, '.event').length === 2, 'filtered list');
    expect(el.getAttribute('district')).to.equal('saint-leu');
    expect(calls.at(-1)!.district).to.equal('saint-leu');
    expect($$(el, '.event__name').map(text)).to.deep.equal([
      'Café avec la police — Saint-Leu',
      'Café avec la police — Saint-Leu',
    ]);
    expect($(el, 'a[href^="webcal:"]')!.getAttribute('href')).to.equal(
      'webcal://api.amiens.example/v1/cafes.ics?district=saint-leu',
    );
    await expect(el).to.be.accessible();
    select.value = '';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => $$(el, '.event').length === 7);
    expect(el.hasAttribute('district')).to.equal(false);
  });

  it('filters from the district attribute, and shows an empty district as such', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client, { district: 'etouvie' }));
    expect($$(el, '.event__name').map(text)).to.deep.equal(['Café avec la police — Étouvie']);
    el.district = 'nowhere';
    await waitUntil(() => $(el, '.empty'));
    expect(text($(el, '.empty'))).to.include('Aucun café prévu pour l’instant dans ce quartier');
    expect($(el, 'a[href^="webcal:"]')!.getAttribute('href')).to.equal(
      'webcal://api.amiens.example/v1/cafes.ics?district=nowhere',
    );
  });

  it('aborts the previous request when the district changes', async () => {
    const { client, signals } = testClient(() => new Promise(() => {}));
    const el = await mount(client);
    await waitUntil(() => signals.length === 1);
    el.district = 'saint-leu';
    await waitUntil(() => signals.length === 2);
    expect(signals[0]!.aborted).to.equal(true);
  });
});

describe('<prox-cafe-calendar>: month view', () => {
  it('switches view with a pressed-state control and shows a month table', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client));
    const [list, month] = $$<HTMLButtonElement>(el, '.segment');
    expect(list!.getAttribute('aria-pressed')).to.equal('true');
    expect(month!.getAttribute('aria-pressed')).to.equal('false');
    expect($(el, '.segmented')!.getAttribute('role')).to.equal('group');
    month!.click();
    await monthShown(el);
    expect(el.getAttribute('view')).to.equal('month');
    expect(month!.getAttribute('aria-pressed')).to.equal('true');
    const table = $(el, 'table')!;
    expect(text(root(el).getElementById(table.getAttribute('aria-labelledby')!))).to.equal('mai 2026');
    const headers = [...table.querySelectorAll('th[scope="col"]')].map((th) =>
      text(th.querySelector('.visually-hidden')),
    );
    expect(headers).to.deep.equal(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']);
    const links = [...table.querySelectorAll<HTMLAnchorElement>('a.day-link')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      '#day-2026-05-12',
      '#day-2026-05-13',
      '#day-2026-05-20',
      '#day-2026-05-27',
      '#day-2026-05-30',
      '#day-2026-05-31',
    ]);
    expect(text(links[0]!.querySelector('.visually-hidden'))).to.equal('mardi 12 mai 2026 : 1 café');
    // A day whose only café is cancelled says so in words, not only by its dashed style.
    expect(text(links[2]!.querySelector('.visually-hidden'))).to.equal(
      'mercredi 20 mai 2026 : 1 café, annulé',
    );
    expect(links[2]!.classList.contains('day-link--cancelled')).to.equal(true);
    // Today (10 May, from the clock) is marked.
    expect(table.querySelector('[aria-current="date"]')!.getAttribute('datetime')).to.equal('2026-05-10');
    // Days outside the month are there for the layout only.
    expect(table.querySelectorAll('.cell--outside')).to.have.length(4);
    await expect(el).to.be.accessible();
    list!.click();
    await el.updateComplete;
    expect($(el, 'table')).to.equal(null);
    expect($(el, '.agenda')).to.exist;
  });

  it('renders the month table in two halves a frame apart (weeks 1–3, then the others), then the cafés under it', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client));
    // Every state the month view went through (weeks in the table, cafés under it), and in which frame.
    const states: { weeks: number; cafes: number; frame: number; time: number }[] = [];
    const frames = frameCounter();
    // The hidden sample of the month's fonts, as seen while it was in the shadow root.
    const samples: { hidden: string | null; visibility: string }[] = [];
    const observer = new MutationObserver(() => {
      const sample = $(el, '.month-fonts');
      if (sample && !samples.length)
        samples.push({
          hidden: sample.getAttribute('aria-hidden'),
          visibility: getComputedStyle(sample).visibility,
        });
      // The month's table (not the hidden sample of its fonts, laid out a frame before it).
      const table = $(el, '.month-view table.month');
      if (!table) return;
      const state = {
        weeks: table.querySelectorAll('tbody tr').length,
        cafes: $$(el, '.event').length,
        frame: frames.frame,
        time: performance.now(),
      };
      const last = states.at(-1);
      if (last && last.weeks === state.weeks && last.cafes === state.cafes) return;
      states.push(state);
    });
    observer.observe(root(el), { childList: true, subtree: true });
    el.view = 'month';
    await monthShown(el);
    observer.disconnect();
    frames.stop();
    // May 2026, weeks from Monday: five weeks, the first three alone, no café listed yet.
    expect(states[0]).to.include({ weeks: 3, cafes: 0 });
    expect(states[1]).to.include({ weeks: 5, cafes: 0 });
    // In a frame of its own, unless no frame came for a second (a busy machine).
    if (states[1]!.time - states[0]!.time < FRAME_FALLBACK_MS)
      expect(states[1]!.frame).to.be.greaterThan(states[0]!.frame);
    expect(states.at(-1)!.weeks).to.equal(5);
    expect(states.at(-1)!.cafes).to.be.greaterThan(0);
    expect($(el, '.month-empty')).to.equal(null);
    // The fonts' sample was laid out hidden from everyone before the month, and is gone.
    expect(samples).to.deep.equal([{ hidden: 'true', visibility: 'hidden' }]);
    expect($(el, '.month-fonts')).to.equal(null);
  });

  it('says so when the month view cannot load, retries only when asked, then shows it', async () => {
    const CafeCalendarClass = customElements.get('prox-cafe-calendar') as typeof CafeCalendar;
    const real = CafeCalendarClass.monthViewModule;
    let attempts = 0;
    CafeCalendarClass.monthViewModule = () => {
      attempts += 1;
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    };
    try {
      const { client } = testClient(allCafes);
      const el = await loaded(await mount(client, { view: 'month' }));
      const alert = $(el, '[role="alert"]')!;
      expect(text(alert)).to.include('Le contenu n’a pas pu être chargé.');
      // No retry loop: the failure stays one attempt until the resident asks again.
      await new Promise((r) => setTimeout(r, 100));
      expect(attempts).to.equal(1);
      await expect(el).to.be.accessible();
      CafeCalendarClass.monthViewModule = real;
      $<HTMLButtonElement>(el, '[role="alert"] button')!.click();
      await monthShown(el);
      expect($(el, 'table.month')).to.not.equal(null);
      expect($(el, '[role="alert"]')).to.equal(null);
    } finally {
      CafeCalendarClass.monthViewModule = real;
    }
  });

  it('announces the month on navigation through a live region present beforehand', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client, { view: 'month' }));
    const status = $(el, '.month-view [role="status"]')!;
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(text(status)).to.equal('');
    const next = $<HTMLButtonElement>(el, `button[aria-label="Mois suivant"]`)!;
    expect($(el, `button[aria-label="Mois précédent"]`)).to.exist;
    next.click();
    await el.updateComplete;
    // The same region (not a new one) now speaks.
    expect($(el, '.month-view [role="status"]')).to.equal(status);
    expect(text(status)).to.equal('juin 2026 : 1 café');
    expect(text($(el, '.month-nav__title'))).to.equal('juin 2026');
    expect($$(el, 'a.day-link').map((a) => a.getAttribute('href'))).to.deep.equal(['#day-2026-06-09']);
    next.click();
    await el.updateComplete;
    expect(text(status)).to.equal('juillet 2026 : aucun café');
    expect(text($(el, '.month-empty'))).to.equal('Aucun café ce mois-ci.');
    await expect(el).to.be.accessible();
  });

  it('starts weeks on Monday in English too (en-GB), with English names', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client, { view: 'month', lang: 'en' }));
    expect(text($(el, 'th .visually-hidden'))).to.equal('Monday');
    expect(text($(el, 'a.day-link .visually-hidden'))).to.match(/^Tuesday,? 12 May 2026: 1 café$/);
    await expect(el).to.be.accessible();
  });
});

describe('<prox-cafe-calendar>: keyboard alone', () => {
  it('reaches every café and every action in the list', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client));
    await waitUntil(() => $(el, 'select'));
    let seen = await tabThrough(el);
    const disclosures = $$(el, '.disclosure');
    expect(disclosures).to.have.length(7);
    for (const d of disclosures) expect(seen).to.include(d);
    for (const a of $$(el, 'a[href]')) expect(seen, a.outerHTML).to.include(a);
    expect(seen).to.include($(el, 'select'));
    for (const s of $$(el, '.segment')) expect(seen).to.include(s);
    // Open every café's details with the keyboard, then every action is reachable.
    for (const d of disclosures) {
      d.focus();
      await sendKeys({ press: 'Enter' });
    }
    await el.updateComplete;
    expect(disclosures.every((d) => d.getAttribute('aria-expanded') === 'true')).to.equal(true);
    seen = await tabThrough(el, 400);
    const actions = $$(el, '[part="actions"] a, [part="actions"] button');
    expect(actions.length).to.be.greaterThan(14);
    for (const a of actions) expect(seen, a.outerHTML).to.include(a);
    // Every focusable target is at least 24 × 24 px.
    for (const target of seen) {
      const box = target.getBoundingClientRect();
      expect(box.height, target.outerHTML).to.be.at.least(24);
      expect(box.width, target.outerHTML).to.be.at.least(24);
    }
  });

  it('switches view, navigates months and reaches a day’s cafés from the month table', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client));
    const month = $$<HTMLButtonElement>(el, '.segment')[1]!;
    month.focus();
    await sendKeys({ press: 'Space' });
    await monthShown(el);
    expect(el.view).to.equal('month');
    const seen = await tabThrough(el);
    const next = $<HTMLButtonElement>(el, 'button[aria-label="Mois suivant"]')!;
    expect(seen).to.include($(el, 'button[aria-label="Mois précédent"]'));
    expect(seen).to.include(next);
    const dayLinks = $$(el, 'a.day-link');
    for (const link of dayLinks) expect(seen).to.include(link);
    // Enter on a day moves focus to that day's cafés under the table.
    dayLinks[2]!.focus();
    await sendKeys({ press: 'Enter' });
    expect(focused(el)).to.equal(root(el).getElementById('day-2026-05-20'));
    await sendKeys({ press: 'Tab' });
    expect(focused(el)!.closest('.day')).to.equal(root(el).getElementById('day-2026-05-20')!.closest('.day'));
    next.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(text($(el, '.month-nav__title'))).to.equal('juin 2026');
    expect(focused(el)).to.equal(next);
  });
});

describe('<prox-cafe-calendar>: look', () => {
  it('passes axe in dark theme, list and month', async () => {
    const { client } = testClient(allCafes);
    const el = await loaded(await mount(client, { theme: 'dark' }));
    expect(rgb(getComputedStyle($(el, '.base')!).backgroundColor)).to.equal('rgb(22, 22, 22)');
    eventByTitle(el, 'Étouvie').querySelector<HTMLButtonElement>('.disclosure')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.view = 'month';
    await monthShown(el);
    await expect(el).to.be.accessible();
  });

  it('takes a page theme through --prox-* and --prox-cafe-calendar-* properties, and parts', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <style>
          .themed {
            --prox-color-accent: rgb(0, 90, 60);
            --prox-cafe-calendar-event-background: rgb(250, 245, 230);
          }
          .themed::part(event-title) {
            letter-spacing: 1px;
          }
        </style>
        <prox-cafe-calendar class="themed" lang="fr" theme="light"></prox-cafe-calendar>
      </div>`,
    );
    const el = host.querySelector('prox-cafe-calendar')!;
    el.now = NOW;
    el.client = testClient(allCafes).client;
    await waitUntil(() => $(el, '.event article'));
    expect(getComputedStyle($(el, '.event article')!).backgroundColor).to.equal('rgb(250, 245, 230)');
    expect(rgb(getComputedStyle($(el, '.day__heading')!).borderBottomColor)).to.equal('rgb(0, 90, 60)');
    expect(getComputedStyle($(el, '.event__title')!).letterSpacing).to.equal('1px');
    await expect(el).to.be.accessible();
  });

  it('fits a 280 px wide container without horizontal scrolling, list and month', async () => {
    const host = await fixture<HTMLDivElement>(html`<div class="narrow"></div>`);
    host.style.width = '280px';
    const el = document.createElement('prox-cafe-calendar');
    el.setAttribute('lang', 'fr');
    el.now = NOW;
    el.client = testClient(allCafes).client;
    host.append(el);
    await loaded(el);
    for (const view of ['list', 'month'] as const) {
      el.view = view;
      if (view === 'month') await monthShown(el);
      else await el.updateComplete;
      const base = $(el, '.base')!;
      expect(base.scrollWidth, view).to.be.at.most(base.clientWidth + 1);
    }
  });
});

describe('<prox-cafe-calendar>: sources', () => {
  it('reads a static JSON file (src=….json)', async () => {
    const el = await loaded(await mount(undefined, { src: `${FIXTURES}/cafes.json` }));
    expect(text($(el, '[role="alert"]'))).to.equal('');
    expect($$(el, '.event')).to.have.length(7);
    // A static file has no feed: no subscription link.
    expect($(el, 'a[href^="webcal:"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('replaces {lang} in src by the language shown, and reloads when the language changes', async () => {
    const urls: string[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return original(input, init);
    };
    try {
      const el = await loaded(
        await mount(undefined, { src: `${FIXTURES}/cafes.json?lang={lang}`, lang: 'en' }),
      );
      expect(urls.filter((u) => u.includes('/cafes.json'))).to.deep.equal([
        `${location.origin}${FIXTURES}/cafes.json?lang=en`,
      ]);
      el.setAttribute('lang', 'fr');
      await waitUntil(() => urls.some((u) => u.endsWith('/cafes.json?lang=fr')), 'no reload in French');
      await loaded(el);
      expect(text($(el, '.title'))).to.equal('Prochains cafés avec la police');
    } finally {
      window.fetch = original;
    }
  });

  it('reads a server page by page: a small first page shown first, the rest after it, the count and the month waiting for them', async () => {
    const api = 'https://paging.amiens.example';
    // 45 cafés, one a day from 11 May (in Paris).
    const many = dailyCafes(45, 'page', (cafe, i) => ({
      ...cafe,
      title: { fr: `Café n° ${i + 1}`, en: `Café no. ${i + 1}` },
    }));
    // The server's paging: `limit` (default 50), `cursor` the previous page's `nextCursor`. The
    // pages after the first wait until the test lets them go.
    const asked: { limit: string | null; cursor: string | null }[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const original = window.fetch;
    window.fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.origin !== api) return original(input, init);
      const json = (body: unknown) =>
        new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      if (url.pathname === '/v1/districts') return json({ items: allDistricts });
      const limit = url.searchParams.get('limit');
      const cursor = url.searchParams.get('cursor');
      asked.push({ limit, cursor });
      if (cursor) await held;
      const offset = Number(cursor ?? 0);
      const end = offset + Number(limit ?? 50);
      return json({ items: many.slice(offset, end), nextCursor: end < many.length ? String(end) : null });
    };
    try {
      const el = await loaded(await mount(undefined, { api }));
      // The first page: what the first view shows, the rest asked for after it.
      expect(asked[0]).to.deep.equal({ limit: '20', cursor: null });
      expect($$(el, '.event')).to.have.length(10);
      await waitUntil(() => asked.length === 2, 'the next page was not asked for');
      expect(asked[1]).to.deep.equal({ limit: '100', cursor: '20' });
      // Until every café is there, no count (it would be wrong), « Voir plus » without how many
      // are left, and the month view says it is loading rather than showing a month too empty.
      expect(text($(el, '.count'))).to.equal('');
      expect(text($(el, '.more button'))).to.equal('Voir 10 cafés de plus');
      el.view = 'month';
      await waitUntil(
        () => text($(el, '[role="status"][aria-busy="true"]')) === 'Chargement…',
        'no loading state',
      );
      expect($(el, 'table.month')).to.equal(null);
      release();
      await monthShown(el);
      expect(text($(el, '.count'))).to.equal('45 cafés à venir');
      el.view = 'list';
      await waitUntil(
        () => text($(el, '.more button')) === 'Voir 10 cafés de plus (35 restants)',
        'not every café',
      );
      expect(asked).to.have.length(2);
      await expect(el).to.be.accessible();
    } finally {
      window.fetch = original;
    }
  });

  it('reads an iCalendar file (src=….ics), with Paris times and the cancelled event', async () => {
    const el = await loaded(await mount(undefined, { src: `${FIXTURES}/cafes.ics` }));
    expect(text($(el, '[role="alert"]'))).to.equal('');
    const names = $$(el, '.event__name').map(text);
    expect(names).to.include('Café avec la police (fichier .ics) — Saint-Leu');
    const night = eventByTitle(el, 'Café de nuit (fichier .ics)');
    expect(night.closest('.day')!.querySelector('h3 time')!.getAttribute('datetime')).to.equal('2026-05-13');
    expect([...night.querySelectorAll('.when time')].map((t) => t.textContent)).to.deep.equal([
      '00:30',
      '01:30',
    ]);
    expect(text(eventByTitle(el, 'Étouvie').querySelector('.badge'))).to.equal('Annulé');
    const webcal = $(el, 'a[href^="webcal:"]')!.getAttribute('href')!;
    expect(webcal).to.equal(`webcal://${location.host}${FIXTURES}/cafes.ics`);
    await expect(el).to.be.accessible();
  });

  it('a partly unreadable feed (Outlook): the readable cafés, and a discreet note for the rest (fr, en)', async () => {
    const el = await loaded(await mount(undefined, { src: `${FIXTURES}/partial.ics` }));
    expect($(el, '[role="alert"]'), 'not an error').to.equal(null);
    expect($$(el, '.event__name').map(text)).to.deep.equal([
      'Café avec la police (agenda Outlook)',
      'Permanence de quartier',
      'Permanence de quartier',
    ]);
    const night = eventByTitle(el, 'Café avec la police (agenda Outlook)');
    expect([...night.querySelectorAll('.when time')].map((t) => t.textContent)).to.deep.equal([
      '17:30',
      '19:00',
    ]);
    const note = $(el, '.unreadable')!;
    expect(text(note)).to.equal('Des entrées de l’agenda n’ont pas pu être lues.');
    expect(note.closest('[role="alert"], [role="status"], [aria-live]'), 'discreet: not announced').to.equal(
      null,
    );
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'en');
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    expect(text($(el, '.unreadable'))).to.equal('Some calendar entries could not be read.');
    await expect(el).to.be.accessible();
    const whole = await loaded(await mount(undefined, { src: `${FIXTURES}/cafes.ics` }));
    expect($(whole, '.unreadable'), 'no note for a feed read whole').to.equal(null);
  });

  it('works against the reference API', async () => {
    expect(apiUrl, 'the reference server did not start').to.be.a('string');
    const el = await loaded(await mount(undefined, { api: apiUrl as string }));
    expect($(el, '[role="alert"]'), text($(el, '[role="alert"]'))).to.equal(null);
    // Whatever the server holds, the widget shows it as a list or as the empty state, with the
    // server's own feed to subscribe to.
    expect($(el, '.agenda, .empty')).to.exist;
    const webcal = $(el, 'a[href^="webcal:"]')!.getAttribute('href')!;
    expect(webcal.startsWith(`${(apiUrl as string).replace(/^https?:/, 'webcal:')}/v1/cafes.ics`)).to.equal(
      true,
    );
    // In the page's language: the server writes the calendar's texts in it.
    expect(new URL(webcal.replace(/^webcal:/, 'http:')).searchParams.get('lang')).to.equal('fr');
    // With cafés (a seeded server), each links to the server's own .ics, which a real parser reads.
    const first = $<HTMLButtonElement>(el, '.disclosure');
    if (first) {
      first.click();
      await el.updateComplete;
      const ics = $$<HTMLAnchorElement>(el, '[part="actions"] a').find((a) => a.hasAttribute('download'))!;
      expect(ics.getAttribute('href')!.startsWith(`${apiUrl as string}/v1/cafes/`)).to.equal(true);
      expect(new URL(ics.href).searchParams.get('lang')).to.equal('fr');
      const parsed = new ICAL.Component(ICAL.parse(await (await fetch(ics.href)).text()));
      expect(parsed.getFirstSubcomponent('vevent')).to.exist;
    } else {
      expect(text($(el, '.empty'))).to.include('Aucun café prévu pour l’instant');
    }
    await expect(el).to.be.accessible();
  });

  it('links an English page to the English calendar files', async () => {
    const el = await loaded(await mount(undefined, { api: apiUrl as string, lang: 'en' }));
    const webcal = $(el, 'a[href^="webcal:"]')!.getAttribute('href')!;
    expect(new URL(webcal.replace(/^webcal:/, 'http:')).searchParams.get('lang')).to.equal('en');
  });
});
