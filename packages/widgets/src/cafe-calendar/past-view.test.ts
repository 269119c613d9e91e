import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Cafe, PastMeeting, PastMeetingListQuery } from '@proximite/contract';
import { ServerError, type ProximiteClient } from '@proximite/sdk';
import './define.js';
import type { CafeCalendar } from './cafe-calendar.js';

const cafe = (id: string, start: string, districtId: string, title: string): Cafe =>
  ({
    id,
    title: { fr: title },
    start,
    end: start.replace('T10:', 'T12:'),
    timeZone: 'Europe/Paris',
    status: 'scheduled',
    mode: 'in-person',
    place: { name: 'Place du Don', address: '1 place du Don, Amiens' },
    districtId,
    organizer: { name: 'Police municipale' },
    languages: [],
    sequence: 0,
  }) as unknown as Cafe;

const meeting = (c: Cafe, attendance: number | null): PastMeeting => ({
  cafe: c,
  report: {
    cafeId: c.id,
    attendance,
    topics: [{ title: { fr: 'Éclairage du quai Bélu', en: 'Lighting on quai Bélu' }, concernCount: 6 }],
    answers: [
      { text: { fr: 'Quatre lampadaires seront ajoutés.', en: 'Four street lights will be added.' } },
    ],
    followUps: [{ text: { fr: 'Point au prochain café.' } }],
    publishedAt: '2026-03-15T09:00:00Z',
    updatedAt: '2026-03-15T09:00:00Z',
  },
});

const PAST = [
  meeting(cafe('c-leu', '2026-03-14T10:00:00+01:00', 'saint-leu', 'Café à Saint-Leu'), 34),
  meeting(cafe('c-nord', '2026-02-07T10:00:00+01:00', 'amiens-nord', 'Café à Amiens-Nord'), null),
];

function clientOf(
  list: (q: PastMeetingListQuery) => Promise<{ items: PastMeeting[]; nextCursor: string | null }>,
  queries: PastMeetingListQuery[] = [],
): ProximiteClient {
  return {
    cafes: {
      list: async () => ({ items: [], nextCursor: null }),
      icsUrl: () => 'https://x.example/v1/cafes.ics',
    },
    districts: {
      list: async () => [
        { id: 'saint-leu', name: 'Saint-Leu' },
        { id: 'amiens-nord', name: 'Amiens-Nord' },
      ],
    },
    meetings: {
      list: (q: PastMeetingListQuery) => {
        queries.push(q);
        return list(q);
      },
    },
  } as unknown as ProximiteClient;
}

const $ = <T extends Element = HTMLElement>(el: Element, s: string) =>
  el.shadowRoot!.querySelector<T & Element>(s);
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const text = (n: Element | null | undefined) => n?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function mount(client: ProximiteClient | undefined, attrs: Record<string, string> = {}) {
  const el = document.createElement('prox-cafe-calendar');
  for (const [k, v] of Object.entries({ lang: 'fr', ...attrs })) el.setAttribute(k, v);
  if (client) el.client = client;
  await fixture<CafeCalendar>(el);
  return el;
}

const pastButton = (el: Element) =>
  $$(el, '.segment').find((b) => text(b) === 'Rencontres passées' || text(b) === 'Past meetings')!;

describe('<prox-cafe-calendar> « Rencontres passées »', function () {
  // Axe runs and the reference server's first answers take long on a loaded machine.
  this.timeout(30_000);

  it('upcoming stays the default; the past view is a pressed button away, by keyboard, and announced', async () => {
    const queries: PastMeetingListQuery[] = [];
    const el = await mount(
      clientOf(
        async (q) => ({
          items: PAST.filter((m) => !q.district || m.cafe.districtId === q.district),
          nextCursor: null,
        }),
        queries,
      ),
    );
    expect(el.view).to.equal('list');
    expect(queries, 'nothing past is loaded until asked').to.have.length(0);
    const button = pastButton(el);
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '.past'), 'past meetings', { timeout: 15000 });
    expect(el.getAttribute('view')).to.equal('past');
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect(text($(el, 'h2'))).to.equal('Rencontres passées et leurs comptes rendus');
    expect(text($(el, '[role="status"]'))).to.equal('2 rencontres passées avec compte rendu');
    expect($$(el, '.past__meeting h3').map((h) => text(h))).to.deep.equal([
      'Café à Saint-Leu',
      'Café à Amiens-Nord',
    ]);
    expect(text($(el, '.past__meeting .when'))).to.include('Place du Don (Saint-Leu)');
    await expect(el).to.be.accessible();
  });

  it('opens a meeting’s report: attendance (or « non compté »), topics, answers, follow-ups', async () => {
    const el = await mount(
      clientOf(async () => ({ items: PAST, nextCursor: null })),
      { view: 'past' },
    );
    await waitUntil(() => $(el, '.past'), 'past meetings', { timeout: 15000 });
    const [first, second] = $$(el, '.past__meeting .disclosure');
    expect(first!.getAttribute('aria-expanded')).to.equal('false');
    first!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(first!.getAttribute('aria-expanded')).to.equal('true');
    const report = $(el, `#${first!.getAttribute('aria-controls')!}`)!;
    expect(text(report)).to.include('Participants : 34 personnes');
    expect(text(report)).to.include('Éclairage du quai Bélu (6 signalements)');
    expect(text(report)).to.include('Quatre lampadaires seront ajoutés.');
    expect(text(report)).to.include('Point au prochain café.');
    second!.click();
    await el.updateComplete;
    expect(text($(el, `#${second!.getAttribute('aria-controls')!}`))).to.include('non compté');
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('follows the district filter, pages back in time, and speaks English', async () => {
    const queries: PastMeetingListQuery[] = [];
    const el = await mount(
      clientOf(
        async (q) =>
          q.cursor ? { items: [PAST[1]!], nextCursor: null } : { items: [PAST[0]!], nextCursor: 'next' },
        queries,
      ),
      { view: 'past', lang: 'en', district: 'saint-leu' },
    );
    await waitUntil(() => $(el, '.past'), 'past meetings', { timeout: 15000 });
    expect(queries[0]).to.deep.equal({ limit: 20, district: 'saint-leu' });
    expect(text($(el, 'h2'))).to.equal('Past meetings and their reports');
    $<HTMLButtonElement>(el, '.more button')!.click();
    await waitUntil(() => $$(el, '.past__meeting').length === 2, 'older page', { timeout: 15000 });
    expect(queries[1]).to.deep.equal({ limit: 20, district: 'saint-leu', cursor: 'next' });
    expect(text($(el, '[role="status"]'))).to.equal('2 past meetings with a report');
    await expect(el).to.be.accessible();
  });

  it('says when the source publishes no reports, or none yet, and shows an error with a retry', async () => {
    const noReports = await mount(
      {
        cafes: { list: async () => ({ items: [], nextCursor: null }) },
        districts: { list: async () => [] },
      } as unknown as ProximiteClient,
      { view: 'past' },
    );
    await waitUntil(() => $(noReports, '.state:not([aria-busy])'), 'no source', { timeout: 15000 });
    expect(text($(noReports, '.state'))).to.equal(
      'Cette source ne publie pas de comptes rendus de rencontres.',
    );
    const empty = await mount(
      clientOf(async () => ({ items: [], nextCursor: null })),
      { view: 'past' },
    );
    await waitUntil(() => text($(empty, '.state')).includes('Aucun compte rendu'), 'empty', {
      timeout: 15000,
    });
    await expect(empty).to.be.accessible();
    let fail = true;
    const el = await mount(
      clientOf(async () => {
        if (fail)
          throw new ServerError(
            503,
            { type: 'about:blank', title: 'x', status: 503 },
            { request: { method: 'GET', url: 'x' } },
          );
        return { items: PAST, nextCursor: null };
      }),
      { view: 'past' },
    );
    await waitUntil(() => $(el, '[role="alert"]'), 'error', { timeout: 15000 });
    await expect(el).to.be.accessible();
    fail = false;
    $<HTMLButtonElement>(el, '[role="alert"] button')!.click();
    await waitUntil(() => $(el, '.past'), 'loaded after retry', { timeout: 15000 });
  });

  it('shows the demo year’s meetings from the reference server', async function () {
    // The reference server starts the first time a test asks for it (slow on a loaded machine).
    this.timeout(300_000);
    // @ts-expect-error virtual module served by web-test-runner
    const { apiUrl } = (await import('/__proximite-test-env.js')) as { apiUrl: string | null };
    expect(apiUrl, 'the reference server is started by web-test-runner').to.be.a('string');
    const el = await fixture<CafeCalendar>(
      html`<prox-cafe-calendar lang="fr" api=${apiUrl as string} view="past"></prox-cafe-calendar>`,
    );
    await waitUntil(() => $(el, '.past') || $(el, '[role="alert"]'), 'loaded', { timeout: 10000 });
    expect($$(el, '.past__meeting').length).to.be.greaterThan(3);
    $<HTMLButtonElement>(el, '.past__meeting .disclosure')!.click();
    await el.updateComplete;
    expect(text($(el, '.report'))).to.include('Compte rendu fictif');
    await expect(el).to.be.accessible();
  });
});
