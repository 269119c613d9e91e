import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { District, PastMeeting, Priority } from '@proximite/contract';
import { NotFoundError, ServerError, type ProximiteClient } from '@proximite/sdk';
import './define.js';
import type { Priorities } from './priorities.js';
import type { PrioritiesFilterEvent, PriorityReportOpenEvent } from './priorities.events.js';

const cafe = (id: string, hasReport: boolean) => ({
  id,
  title: { fr: 'Café avec la police', en: 'Café with the police' },
  start: '2026-03-14T10:00:00+01:00',
  districtId: 'saint-leu',
  hasReport,
});

const PRIORITIES: Priority[] = [
  {
    id: 'p-speed',
    issue: { fr: 'Vitesse excessive rue Jean-Moulin', en: 'Speeding on rue Jean-Moulin' },
    issueDate: '2026-02-10',
    status: 'done',
    districtId: 'saint-maurice',
    actions: [
      {
        text: { fr: 'Radar pédagogique installé', en: 'Speed display sign installed' },
        date: '2026-03-02',
        status: 'done',
      },
      { text: { fr: 'Contrôles de vitesse', en: 'Speed checks' }, date: '2026-03-20', status: 'done' },
    ],
    action: { fr: 'Contrôles de vitesse', en: 'Speed checks' },
    actionDate: '2026-03-20',
    sources: {
      concernReferences: [],
      cafeIds: ['cafe-1', 'cafe-2'],
      concernCount: 14,
      cafes: [cafe('cafe-1', true), cafe('cafe-2', false)],
    },
    demo: true,
  },
  {
    id: 'p-light',
    issue: { fr: 'Éclairage du quai Bélu' },
    issueDate: '2026-04-01',
    status: 'in-progress',
    districtId: 'saint-leu',
    actions: [
      {
        text: { fr: 'Diagnostic de l’éclairage', en: 'Lighting survey' },
        date: '2026-04-15',
        status: 'done',
      },
      {
        text: { fr: 'Remplacement des lampadaires', en: 'New street lights' },
        date: '2026-12-15',
        status: 'planned',
      },
    ],
    sources: { concernReferences: ['PRX-AAAA-BBBB'], cafeIds: [], concernCount: 3, cafes: [] },
    demo: true,
  },
  {
    id: 'p-dumping',
    issue: { fr: 'Dépôts sauvages square Saint-Leu', en: 'Fly-tipping in square Saint-Leu' },
    issueDate: '2026-05-03',
    status: 'raised',
    districtId: 'saint-leu',
    sources: { concernReferences: [], cafeIds: [], concernCount: 0 },
    demo: true,
  },
];

const DISTRICTS: District[] = [
  { id: 'saint-leu', name: 'Saint-Leu' },
  { id: 'saint-maurice', name: 'Saint-Maurice' },
] as District[];

const MEETING: PastMeeting = {
  cafe: {} as PastMeeting['cafe'],
  report: {
    cafeId: 'cafe-1',
    attendance: 23,
    topics: [
      { title: { fr: 'Vitesse rue Jean-Moulin', en: 'Speeding on rue Jean-Moulin' }, concernCount: 9 },
    ],
    answers: [{ text: { fr: 'Des contrôles auront lieu.', en: 'Checks will take place.' } }],
    followUps: [],
    publishedAt: '2026-03-15T09:00:00Z',
    updatedAt: '2026-03-15T09:00:00Z',
    demo: true,
  },
};

interface Calls {
  queries: unknown[];
  reports: string[];
}

function clientOf(
  items: Priority[] | (() => Promise<Priority[]>),
  calls: Calls = { queries: [], reports: [] },
  report: (id: string) => Promise<PastMeeting> = async () => MEETING,
): ProximiteClient {
  return {
    districts: { list: async () => DISTRICTS },
    priorities: {
      list: async () => ({ items: typeof items === 'function' ? await items() : items, nextCursor: null }),
      async *iterate(query: { district?: string }) {
        calls.queries.push(query);
        const all = typeof items === 'function' ? await items() : items;
        for (const p of all) if (!query.district || p.districtId === query.district) yield p;
      },
      feedUrl: (q: { district?: string } = {}) =>
        `https://api.example.org/v1/priorities.atom${q.district ? `?district=${q.district}` : ''}`,
    },
    meetings: {
      report: (id: string) => {
        calls.reports.push(id);
        return report(id);
      },
    },
  } as unknown as ProximiteClient;
}

async function mount(client: ProximiteClient, lang = 'fr', attrs: Record<string, string> = {}) {
  const el = document.createElement('prox-priorities');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.setAttribute('lang', lang);
  el.client = client;
  await fixture<Priorities>(el);
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector(selector) as T | null;
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T & Element>(selector),
];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const listed = (el: Element) =>
  waitUntil(() => $(el, '.list') || $(el, '.state:not([aria-busy])'), 'rendered', { timeout: 15000 });
const issues = (el: Element) => $$(el, '.priority__issue').map((h) => text(h));

describe('<prox-priorities>', function () {
  // Axe runs and the reference server's first answers take long on a loaded machine.
  this.timeout(30_000);

  it('shows loading, then the priorities most recently active first (axe in both)', async () => {
    let resolve!: (p: Priority[]) => void;
    const pending = new Promise<Priority[]>((r) => (resolve = r));
    const el = await mount(clientOf(() => pending));
    await waitUntil(() => $(el, '[aria-busy="true"]'), 'loading', { timeout: 15000 });
    await expect(el).to.be.accessible();
    resolve(PRIORITIES);
    await waitUntil(() => $(el, '.list'), 'list', { timeout: 15000 });
    expect(text($(el, 'h2'))).to.equal('Vous avez dit, nous avons fait');
    expect(issues(el)).to.deep.equal([
      'Vous avez dit : Dépôts sauvages square Saint-Leu',
      'Vous avez dit : Éclairage du quai Bélu',
      'Vous avez dit : Vitesse excessive rue Jean-Moulin',
    ]);
    expect(text($(el, '.count'))).to.equal('3 priorités');
    expect(text($(el, '.demo'))).to.include('Données fictives de démonstration');
    await expect(el).to.be.accessible();
  });

  it('says what was raised, how many concerns, what was done and when, and how long it took', async () => {
    const el = await mount(clientOf(PRIORITIES));
    await listed(el);
    const speed = $$(el, '.priority')[2]!;
    expect(text(speed.querySelector('.badge'))).to.equal('Fait');
    expect(text(speed.querySelector('.facts'))).to.include('Signalé le 10 février 2026');
    expect(text(speed.querySelector('.facts'))).to.include('14 signalements d’habitants');
    expect(text(speed.querySelector('.facts'))).to.include('Quartier : Saint-Maurice');
    const actions = [...speed.querySelectorAll('.action')].map((a) => text(a));
    expect(actions).to.deep.equal([
      'Fait 2 mars 2026 Radar pédagogique installé',
      'Fait 20 mars 2026 Contrôles de vitesse',
    ]);
    expect(speed.querySelector('time')!.getAttribute('datetime')).to.equal('2026-03-02');
    expect(text(speed)).to.include('Fait 38 jours après le signalement.');
    const light = $$(el, '.priority')[1]!;
    expect(text(light.querySelector('.badge'))).to.equal('En cours');
    expect(text(light)).to.include('Prévu 15 décembre 2026 Remplacement des lampadaires');
    expect(text($$(el, '.priority')[0])).to.include('Pas encore d’action');
  });

  it('filters by status with counts in the options, announced, and fires on user action only', async () => {
    const el = await mount(clientOf(PRIORITIES));
    await listed(el);
    const select = $<HTMLSelectElement>(el, '#status')!;
    expect([...select.options].map((o) => text(o))).to.deep.equal([
      'Tout (3)',
      'En cours (1)',
      'Fait (1)',
      'Signalé (1)',
    ]);
    let fired = 0;
    el.addEventListener('prox-priorities-filter', () => (fired += 1));
    el.status = 'done';
    await el.updateComplete;
    expect(fired, 'a programmatic change fires nothing').to.equal(0);
    expect(issues(el)).to.deep.equal(['Vous avez dit : Vitesse excessive rue Jean-Moulin']);
    select.focus();
    select.value = 'in-progress';
    const event = oneEvent(el, 'prox-priorities-filter') as Promise<PrioritiesFilterEvent>;
    select.dispatchEvent(new Event('change'));
    expect((await event).detail).to.deep.equal({ district: undefined, status: 'in-progress' });
    await el.updateComplete;
    expect(el.getAttribute('status')).to.equal('in-progress');
    expect(text($(el, '[role="status"]'))).to.equal('1 priorité');
    await expect(el).to.be.accessible();
  });

  it('filters by district through the source, and an empty filter offers to show everything', async () => {
    const calls: Calls = { queries: [], reports: [] };
    const el = await mount(clientOf(PRIORITIES, calls), 'fr', { status: 'done' });
    await listed(el);
    await waitUntil(() => $(el, '#district'), 'district filter', { timeout: 15000 });
    const select = $<HTMLSelectElement>(el, '#district')!;
    select.value = 'saint-leu';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => calls.queries.length === 2, 'reloaded', { timeout: 15000 });
    expect(calls.queries[1]).to.deep.equal({ district: 'saint-leu', limit: 100 });
    await waitUntil(() => text($(el, '.state')).includes('Aucune priorité ne correspond'), 'empty filter', {
      timeout: 15000,
    });
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.state button')!.click();
    await el.updateComplete;
    expect(issues(el)).to.have.length(2);
    expect(el.district).to.equal('saint-leu');
  });

  it('opens a café’s public report by keyboard, loads it once, and says when a café has none', async () => {
    const calls: Calls = { queries: [], reports: [] };
    const el = await mount(clientOf(PRIORITIES, calls), 'fr', { status: 'done' });
    await listed(el);
    const cafes = $$(el, '.cafe');
    expect(text(cafes[1])).to.include('(compte rendu non publié)');
    expect(cafes[1]!.querySelector('button')).to.equal(null);
    const button = cafes[0]!.querySelector('button')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.focus();
    const opened = oneEvent(el, 'prox-priority-report-open') as Promise<PriorityReportOpenEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await opened).detail).to.deep.equal({ priorityId: 'p-speed', cafeId: 'cafe-1' });
    await waitUntil(() => $(el, '.report'), 'report', { timeout: 15000 });
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const report = $(el, '.report')!;
    expect(text(report)).to.include('Participants : 23 personnes');
    expect(text(report)).to.include('Vitesse rue Jean-Moulin (9 signalements)');
    expect(text(report)).to.include('Des contrôles auront lieu.');
    expect(text(report)).to.include('Suites données aucun');
    expect($(el, `#${button.getAttribute('aria-controls')!}`)!.contains(report)).to.equal(true);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(calls.reports).to.deep.equal(['cafe-1']);
  });

  it('shows a report that fails to load as an alert with a retry', async () => {
    let fail = true;
    const el = await mount(
      clientOf(PRIORITIES, undefined, async () => {
        if (fail)
          throw new ServerError(
            503,
            { type: 'about:blank', title: 'x', status: 503 },
            { request: { method: 'GET', url: 'x' } },
          );
        return MEETING;
      }),
      'en',
      { status: 'done' },
    );
    await listed(el);
    $$(el, '.cafe button')[0]!.click();
    await waitUntil(() => $(el, '.cafe [role="alert"]'), 'error', { timeout: 15000 });
    await expect(el).to.be.accessible();
    fail = false;
    $<HTMLButtonElement>(el, '.cafe [role="alert"] button')!.click();
    await waitUntil(() => $(el, '.report'), 'report after retry', { timeout: 15000 });
    expect(text($(el, '.report'))).to.include('Attendance: 23 people');
  });

  it('speaks English, with French where a text has no translation, marked with its lang', async () => {
    const el = await mount(clientOf(PRIORITIES), 'en');
    await listed(el);
    expect(text($(el, 'h2'))).to.equal('You said, we did');
    const light = $$(el, '.priority')[1]!;
    expect(text(light.querySelector('h3'))).to.equal('You said : Éclairage du quai Bélu');
    expect(light.querySelector('h3 [lang="fr"]')).to.exist;
    expect(text(light)).to.include('Planned 15 December 2026 New street lights');
    expect(text($(el, '.feed'))).to.include('Subscribe to the actions (Atom feed)');
    await expect(el).to.be.accessible();
  });

  it('links the Atom feed of the district shown, in light and dark (axe)', async () => {
    const el = await mount(clientOf(PRIORITIES), 'fr', { district: 'saint-leu', theme: 'dark' });
    await listed(el);
    expect($<HTMLAnchorElement>(el, '.feed a')!.href).to.equal(
      'https://api.example.org/v1/priorities.atom?district=saint-leu',
    );
    await expect(el).to.be.accessible();
    el.theme = 'light';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('shows the empty state, and an error as an alert that retries', async () => {
    const empty = await mount(clientOf([]));
    await waitUntil(() => $(empty, '.state:not([aria-busy])'), 'empty', { timeout: 15000 });
    expect(text($(empty, '.state'))).to.equal('Aucune priorité publiée pour l’instant.');
    await expect(empty).to.be.accessible();
    let calls = 0;
    const el = await mount(
      clientOf(async () => {
        calls += 1;
        if (calls === 1)
          throw new NotFoundError(
            404,
            { type: 'about:blank', title: 'Not Found', status: 404 },
            { request: { method: 'GET', url: 'x' } },
          );
        return PRIORITIES;
      }),
    );
    await waitUntil(() => $(el, '[role="alert"]'), 'error', { timeout: 15000 });
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[role="alert"] button')!.click();
    await waitUntil(() => $(el, '.list'), 'loaded after retry', { timeout: 15000 });
  });

  it('says which source is missing when it has none', async () => {
    const el = await fixture<Priorities>(html`<prox-priorities lang="fr"></prox-priorities>`);
    await waitUntil(() => $(el, '[role="alert"]'), 'error', { timeout: 15000 });
    expect(text($(el, '[role="alert"]'))).to.include('api ou src');
  });

  it('loads the demo year from the reference server, and opens a café’s report', async function () {
    // The reference server starts the first time a test asks for it (slow on a loaded machine).
    this.timeout(300_000);
    // @ts-expect-error virtual module served by web-test-runner
    const { apiUrl } = (await import('/__proximite-test-env.js')) as { apiUrl: string | null };
    expect(apiUrl, 'the reference server is started by web-test-runner').to.be.a('string');
    const el = await fixture<Priorities>(
      html`<prox-priorities lang="fr" api=${apiUrl as string} district="saint-maurice"></prox-priorities>`,
    );
    await waitUntil(() => $(el, '.list') || $(el, '[role="alert"]'), 'loaded', { timeout: 10000 });
    expect(text($(el, '.demo'))).to.include('Données fictives');
    expect(issues(el).length).to.be.greaterThan(0);
    const button = $<HTMLButtonElement>(el, '.cafe button');
    expect(button, 'a café with a report').to.exist;
    button!.click();
    await waitUntil(() => $(el, '.report'), 'report', { timeout: 8000 });
    expect(text($(el, '.report'))).to.include('Sujets évoqués');
    expect($<HTMLAnchorElement>(el, '.feed a')!.href).to.match(
      /\/v1\/priorities\.atom\?district=saint-maurice$/,
    );
    await expect(el).to.be.accessible();
  });
});
