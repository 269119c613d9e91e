import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { Cafe } from '@proximite/contract';
import { defineElement } from '@proximite/widgets/kit/define.js';
import { formatRoute, parseRoute, type Route } from '../console/router.js';
import { CafesPageObject } from '../test-fixtures/cafes.page.js';
import { apiError, fakeClient, fakeContext } from '../test-fixtures/client.js';
import { priorityRouteOf } from './cafes-model.js';
import { StaffCafes } from './staff-cafes.js';

defineElement('prox-staff-cafes', StaffCafes);

const SERIES_ID = 'cafe-2026-12-02-abcd1234';

function cafe(extra: Partial<Cafe> = {}): Cafe {
  return {
    id: `${SERIES_ID}~20270106T1730`,
    kind: 'cafe',
    title: { fr: 'Café avec un policier — quai Bélu', en: 'Coffee with a police officer' },
    start: '2027-01-06T17:30:00+01:00',
    end: '2027-01-06T19:00:00+01:00',
    timeZone: 'Europe/Paris',
    allDay: false,
    place: { name: 'Quai Bélu', address: 'Quai Bélu, Amiens' },
    districtId: 'saint-leu',
    mode: 'in-person',
    organizer: { name: 'Police municipale' },
    accessibility: { fr: 'Terrasse de plain-pied' },
    languages: ['fr', 'en'],
    status: 'scheduled',
    sequence: 1,
    updatedAt: '2026-12-01T10:00:00+01:00',
    series: {
      id: SERIES_ID,
      rrule: 'FREQ=MONTHLY;BYDAY=1WE',
      exceptions: ['2027-02-03'],
      occurrence: '2027-01-06T17:30:00+01:00',
    },
    ...extra,
  };
}

const UPCOMING = [
  cafe(),
  cafe({
    id: `${SERIES_ID}~20270303T1730`,
    start: '2027-03-03T17:30:00+01:00',
    end: '2027-03-03T19:00:00+01:00',
    status: 'cancelled',
    cancelReason: { fr: 'Salle indisponible', en: 'Room unavailable' },
  }),
];
const PAST = [
  cafe({
    id: 'cafe-2026-11-20-past0001',
    kind: 'public-meeting',
    title: { fr: 'Bilan annuel' },
    start: '2026-11-20T18:00:00+01:00',
    end: '2026-11-20T20:00:00+01:00',
    series: undefined,
  }),
];

async function mount(
  methods: Record<string, unknown> = {},
  { params = {}, lang = 'fr' }: { params?: Record<string, string>; lang?: string } = {},
) {
  const client = fakeClient({
    cafes: {
      adminList: async (q: { from: string }) => ({
        items: q.from < '2026-12-02' ? PAST : UPCOMING,
        nextCursor: null,
      }),
      get: async (id: string) =>
        id === SERIES_ID
          ? cafe({
              id: SERIES_ID,
              start: '2026-12-02T17:30:00+01:00',
              end: '2026-12-02T19:00:00+01:00',
              series: { ...cafe().series!, occurrence: undefined },
            })
          : ([...UPCOMING, ...PAST].find((c) => c.id === id) ?? Promise.reject(apiError(404))),
      getReport: async () => Promise.reject(apiError(404)),
      ...methods,
    },
  });
  const holder: { el?: StaffCafes } = {};
  const context = fakeContext(client, {
    permissions: ['cafes:write'],
    onNavigate: (route: Route) => (holder.el!.route = route),
  });
  const el = (holder.el = await fixture<StaffCafes>(
    html`<prox-staff-cafes
      lang=${lang}
      .context=${context}
      .route=${{ section: 'cafes', params }}
    ></prox-staff-cafes>`,
  ));
  return { el, page: new CafesPageObject(el), context, client };
}

describe('<prox-staff-cafes>', () => {
  it('lists the upcoming meetings: a repeated one, a cancelled date with its reason', async () => {
    const { el, page, context } = await mount();
    await waitUntil(() => page.state === 'list', 'the table shows');
    expect(page.heading).to.equal('Cafés et rencontres');
    expect(page.caption).to.equal('Rencontres à venir');
    expect(page.rows[0]![1]).to.equal('Café avec un policier — quai Bélu Café avec un policier · Répétée');
    expect(page.rows[0]![3]).to.equal('Prévue');
    expect(page.rows[1]![3]).to.equal('Annulée Salle indisponible');
    expect(
      page.link('Annuler : Café avec un policier — quai Bélu, 6 janv. 2027')!.getAttribute('href'),
    ).to.equal(`#/cafes?view=cancel&id=${SERIES_ID}%7E20270106T1730`);
    // A cancelled date cannot be cancelled again.
    expect(page.link('Annuler : Café avec un policier — quai Bélu, 3 mars 2027')).to.equal(undefined);
    await waitUntil(() => context.announced.includes('2 rencontres chargées.'));
    await expect(el).to.be.accessible();
  });

  describe('in dark mode (prefers-color-scheme: dark)', () => {
    before(() => emulateMedia({ colorScheme: 'dark' }));
    after(() => emulateMedia({ colorScheme: 'light' }));

    for (const lang of ['fr', 'en'])
      it(`keeps its contrasts: the list of meetings, a cancelled date (${lang})`, async () => {
        const { el, page } = await mount({}, { lang });
        await waitUntil(() => page.state === 'list', 'the table shows');
        await expect(el).to.be.accessible();
      });
  });

  it('lists past meetings, newest first, with « Compte rendu » (English too)', async () => {
    const { el, page } = await mount({}, { params: { when: 'past' }, lang: 'en' });
    await waitUntil(() => page.state === 'list');
    expect(page.heading).to.equal('Cafés and meetings');
    expect(page.caption).to.equal('Past meetings');
    expect(page.rows[0]![1]).to.equal('Bilan annuel Public meeting / annual review');
    expect(page.rows[0]![3]).to.equal('Over');
    expect(page.link('Report: Bilan annuel, 20 Nov 2026')).to.exist;
    expect(page.link('Past')!.getAttribute('aria-current')).to.equal('page');
    await expect(el).to.be.accessible();
  });

  for (const lang of ['fr', 'en']) {
    it(`says it is loading, then that nothing is planned (${lang})`, async () => {
      const waiting: (() => void)[] = [];
      const { el, page } = await mount(
        {
          adminList: () =>
            new Promise((resolve) => waiting.push(() => resolve({ items: [], nextCursor: null }))),
        },
        { lang },
      );
      await waitUntil(() => page.state === 'loading');
      await expect(el).to.be.accessible();
      waiting.forEach((go) => go());
      await waitUntil(() => page.state === 'empty');
      expect(page.stateText).to.equal(lang === 'fr' ? 'Aucune rencontre prévue.' : 'No meeting planned.');
      await expect(el).to.be.accessible();
    });

    it(`shows an alert on error, and loads again (${lang})`, async () => {
      let fail = true;
      const { el, page } = await mount(
        {
          adminList: async () => {
            if (fail) throw apiError(503);
            return { items: UPCOMING, nextCursor: null };
          },
        },
        { lang },
      );
      await waitUntil(() => page.state === 'error');
      expect(text(page.$('[role="alert"]'))).to.include(
        lang === 'fr' ? 'Les rencontres n’ont pas pu être chargées.' : 'The meetings could not be loaded.',
      );
      await expect(el).to.be.accessible();
      fail = false;
      page.$<HTMLButtonElement>('[role="alert"] button')!.click();
      await waitUntil(() => page.state === 'list');
    });

    it(`the new meeting form: errors named, a monthly « first Wednesday » rule, a preview (${lang})`, async () => {
      const created: unknown[] = [];
      const { el, page, context } = await mount(
        { create: async (input: unknown) => (created.push(input), cafe({ series: undefined })) },
        { params: { view: 'new' }, lang },
      );
      expect(page.state).to.equal('form');
      page.submit();
      await waitUntil(() => page.errors.length > 0);
      expect(page.errors).to.have.length(5);
      expect(page.field('titleFr').getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
      page.fill({
        titleFr: 'Café avec un policier — place du Don',
        date: '2027-01-06',
        placeName: 'Place du Don',
        placeAddress: 'Place du Don, Amiens',
        organizerName: 'Police municipale',
        accessibilityFr: 'Accès de plain-pied',
      });
      page.choose('repeat', 'monthly');
      await el.updateComplete;
      expect(page.repeatLabels[2]).to.equal(
        lang === 'fr' ? 'Chaque mois, le premier mercredi du mois' : 'Every month, on the first Wednesday',
      );
      page.fill({ exceptions: '2027-08-04' });
      await el.updateComplete;
      expect(page.preview).to.include('Café avec un policier — place du Don');
      expect(page.preview).to.include(
        lang === 'fr' ? 'mercredi 6 janvier 2027, 17:30–19:00' : 'Wednesday, 6 January 2027, 17:30–19:00',
      );
      await expect(el).to.be.accessible();
      page.submit();
      await waitUntil(() => created.length === 1);
      expect(created[0]).to.deep.include({
        kind: 'cafe',
        start: '2027-01-06T17:30:00+01:00',
        end: '2027-01-06T19:00:00+01:00',
        repeat: { rrule: 'FREQ=MONTHLY;BYDAY=1WE', exceptions: ['2027-08-04'] },
      });
      await waitUntil(() => context.routes.length === 1);
      expect(context.routes[0]).to.deep.equal({ section: 'cafes', params: {} });
    });
  }

  it('edits an occurrence as its series, from the series’ first date', async () => {
    const updated: [string, unknown][] = [];
    const { el, page } = await mount(
      { update: async (id: string, input: unknown) => (updated.push([id, input]), cafe()) },
      { params: { view: 'edit', id: `${SERIES_ID}~20270106T1730` } },
    );
    await waitUntil(() => page.state === 'form');
    expect(page.heading).to.equal('Modifier : Café avec un policier — quai Bélu');
    expect(text(page.$('.notice'))).to.include('toute la série');
    expect(page.field('date').value).to.equal('2026-12-02');
    expect(page.field('exceptions').value).to.equal('2027-02-03');
    expect(page.$<HTMLInputElement>('input[name="repeat"][value="monthly"]')!.checked).to.equal(true);
    await expect(el).to.be.accessible();
    page.submit();
    await waitUntil(() => updated.length === 1);
    expect(updated[0]![0]).to.equal(SERIES_ID);
  });

  it('cancels one date of a series with a reason, with the keyboard', async () => {
    const cancelled: [string, unknown][] = [];
    const { el, page, context } = await mount(
      {
        cancel: async (id: string, input: unknown) => (
          cancelled.push([id, input]),
          cafe({ status: 'cancelled' })
        ),
      },
      { params: { view: 'cancel', id: `${SERIES_ID}~20270106T1730` } },
    );
    await waitUntil(() => page.state === 'form');
    expect(page.heading).to.equal('Annuler : Café avec un policier — quai Bélu, 6 janv. 2027');
    expect(text(page.$('fieldset'))).to.include('Seulement la rencontre du 6 janv. 2027');
    await expect(el).to.be.accessible();
    page.field<HTMLTextAreaElement>('reasonFr').focus();
    await sendKeys({ type: 'Salle indisponible' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cancelled.length === 1);
    expect(cancelled[0]).to.deep.equal([
      `${SERIES_ID}~20270106T1730`,
      { reason: { fr: 'Salle indisponible' } },
    ]);
    await waitUntil(() => context.announced.some((m) => m.startsWith('Rencontre annulée')));
  });

  it('cancels the whole series when asked', async () => {
    const cancelled: string[] = [];
    const { page } = await mount(
      { cancel: async (id: string) => (cancelled.push(id), cafe({ status: 'cancelled' })) },
      { params: { view: 'cancel', id: `${SERIES_ID}~20270106T1730` }, lang: 'en' },
    );
    await waitUntil(() => page.state === 'form');
    page.choose('scope', 'series');
    page.submit();
    await waitUntil(() => cancelled.length === 1);
    expect(cancelled).to.deep.equal([SERIES_ID]);
  });

  it('duplicates to a new date (en)', async () => {
    const copies: [string, unknown][] = [];
    const { el, page } = await mount(
      { duplicate: async (id: string, input: unknown) => (copies.push([id, input]), cafe()) },
      { params: { view: 'duplicate', id: 'cafe-2026-11-20-past0001' }, lang: 'en' },
    );
    await waitUntil(() => page.state === 'form');
    expect(page.heading).to.equal('Duplicate: Bilan annuel, 20 Nov 2026');
    expect(page.field('time').value).to.equal('18:00');
    await expect(el).to.be.accessible();
    page.fill({ date: '2027-11-19' });
    page.submit();
    await waitUntil(() => copies.length === 1);
    expect(copies[0]).to.deep.equal(['cafe-2026-11-20-past0001', { start: '2027-11-19T18:00:00+01:00' }]);
  });

  it('imports an .ics file and says what it did', async () => {
    const sent: { calendar: string; districtId?: string }[] = [];
    const { el, page } = await mount(
      {
        importIcs: async (input: { calendar: string }) => (
          sent.push(input),
          {
            found: 2,
            created: ['ics-1'],
            updated: [],
            cancelled: [],
            unchanged: [],
            keptCancelled: [],
            skipped: [{ event: 'x@example.org', reason: 'no DTSTART' }],
            warnings: [],
          }
        ),
      },
      { params: { view: 'import' } },
    );
    expect(page.heading).to.equal('Importer un fichier .ics');
    await expect(el).to.be.accessible();
    const transfer = new DataTransfer();
    transfer.items.add(
      new File(['BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'], 'agenda.ics', { type: 'text/calendar' }),
    );
    page.field('file').files = transfer.files;
    page.field<HTMLSelectElement>('district').value = 'saint-leu';
    page.submit();
    await waitUntil(() => page.outcome !== '');
    expect(sent[0]).to.deep.equal({
      calendar: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
      districtId: 'saint-leu',
    });
    expect(page.outcome).to.equal(
      'Import terminé : 1 créée(s), 0 mise(s) à jour, 0 inchangée(s), 1 ignorée(s).',
    );
    expect(text(page.$('.skipped'))).to.equal('x@example.org : no DTSTART');
    await expect(el).to.be.accessible();
  });

  for (const lang of ['fr', 'en']) {
    it(`publishes the report after the meeting; a wrong reference is named (${lang})`, async () => {
      const reports: [string, unknown][] = [];
      const { el, page, context } = await mount(
        { putReport: async (id: string, input: unknown) => (reports.push([id, input]), {}) },
        { params: { view: 'report', id: 'cafe-2026-11-20-past0001' }, lang },
      );
      await waitUntil(() => page.state === 'form');
      await expect(el).to.be.accessible();
      page.fill({
        attendance: '23',
        topics: 'Éclairage rue Saint-Leu | PRX-7K3M-Q9AB, PRX-OOPS\nStationnement',
        answers: 'La patrouille passera le soir.',
        followUps: 'Réunion avec la voirie en janvier.',
      });
      page.submit();
      await waitUntil(() => page.outcome !== '');
      expect(page.outcome).to.include('PRX-OOPS');
      expect(reports).to.have.length(0);
      page.fill({ topics: 'Éclairage rue Saint-Leu | PRX-7K3M-Q9AB\nStationnement' });
      page.submit();
      await waitUntil(() => reports.length === 1);
      expect(reports[0]).to.deep.equal([
        'cafe-2026-11-20-past0001',
        {
          attendance: 23,
          topics: [
            { title: { fr: 'Éclairage rue Saint-Leu' }, concernReferences: ['PRX-7K3M-Q9AB'] },
            { title: { fr: 'Stationnement' } },
          ],
          answers: [{ text: { fr: 'La patrouille passera le soir.' } }],
          followUps: [{ text: { fr: 'Réunion avec la voirie en janvier.' } }],
        },
      ]);
      await waitUntil(() => context.routes.length === 1);
      expect(context.routes[0]).to.deep.equal({ section: 'cafes', params: { when: 'past' } });
    });

    it(`opens a published report pre-filled, publishes the changes, withdraws it after asking (${lang})`, async () => {
      const puts: [string, unknown][] = [];
      const deletes: string[] = [];
      const { el, page, context } = await mount(
        {
          getReport: async (id: string) => ({ ...STORED, cafeId: id }),
          putReport: async (id: string, input: unknown) => (puts.push([id, input]), {}),
          deleteReport: async (id: string) => void deletes.push(id),
        },
        { params: { view: 'report', id: 'cafe-2026-11-20-past0001' }, lang },
      );
      await waitUntil(() => page.state === 'form');
      expect(page.published).to.equal(
        lang === 'fr'
          ? 'Compte rendu publié le 21 nov. 2026, 09:15. Modifiez-le ci-dessous, ou retirez-le.'
          : 'Report published on 21 Nov 2026, 09:15. Edit it below, or withdraw it.',
      );
      expect(page.field('attendance').value).to.equal('31');
      expect(page.field<HTMLTextAreaElement>('topics').value).to.equal(
        'Rodéos urbains | PRX-7K3M-Q9AB, PRX-7K3M-Q9AC\nÉclairage du square',
      );
      expect(page.field<HTMLTextAreaElement>('answers').value).to.equal('Une patrouille le soir.');
      expect(page.field<HTMLTextAreaElement>('followUps').value).to.equal('Revoir au prochain café.');
      await expect(el).to.be.accessible();

      // Unchanged, it is published as it was read (its English texts and priorities kept).
      page.submit();
      await waitUntil(() => puts.length === 1);
      expect(puts[0]).to.deep.equal(['cafe-2026-11-20-past0001', STORED.report]);
      await waitUntil(() => context.routes.length === 1);

      // Withdraw: asked first; « keep it » withdraws nothing and gives the focus back.
      el.route = { section: 'cafes', params: { view: 'report', id: 'cafe-2026-11-20-past0001' } };
      await waitUntil(() => page.state === 'form' && page.published !== '');
      page.button(lang === 'fr' ? 'Retirer le compte rendu' : 'Withdraw the report')!.click();
      await waitUntil(() => page.$('.confirm') !== null);
      await expect(el).to.be.accessible();
      expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal(
        lang === 'fr' ? 'Oui, retirer le compte rendu' : 'Yes, withdraw the report',
      );
      page.button(lang === 'fr' ? 'Non, le garder' : 'No, keep it')!.click();
      await waitUntil(() => page.$('.confirm') === null);
      expect(deletes).to.have.length(0);
      expect(el.shadowRoot!.activeElement?.classList.contains('withdraw')).to.equal(true);
      // By keyboard: Enter on « withdraw », then Enter on « yes ».
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => page.$('.confirm') !== null);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => deletes.length === 1);
      expect(deletes[0]).to.equal('cafe-2026-11-20-past0001');
      await waitUntil(() => context.routes.length === 2);
      expect(context.routes[1]).to.deep.equal({ section: 'cafes', params: { when: 'past' } });
    });
  }

  for (const lang of ['fr', 'en']) {
    it(`offers « Créer une priorité » for each topic of the published report, or its priority (${lang})`, async () => {
      const { el, page } = await mount(
        { getReport: async (id: string) => ({ ...STORED, cafeId: id }) },
        { params: { view: 'report', id: 'cafe-2026-11-20-past0001' }, lang },
      );
      await waitUntil(() => page.state === 'form' && page.reportTopics.length === 2);
      const fr = lang === 'fr';
      expect(page.reportTopics).to.deep.equal([
        {
          text: fr ? 'Rodéos urbains — 2 signalements liés' : 'Street racing — 2 linked concerns',
          link: fr ? 'Voir la priorité' : 'See the priority',
          label: fr ? 'Voir la priorité : Rodéos urbains' : 'See the priority: Street racing',
          href: '#/priorities/prio-rodeos',
        },
        {
          text: fr
            ? 'Éclairage du square — aucun signalement lié'
            : 'Éclairage du square — no linked concern',
          link: fr ? 'Créer une priorité' : 'Create a priority',
          label: fr ? 'Créer une priorité : Éclairage du square' : 'Create a priority: Éclairage du square',
          href: formatRoute({
            section: 'priorities',
            id: 'new',
            params: {
              refs: '',
              cafe: 'cafe-2026-11-20-past0001',
              district: 'saint-leu',
              fr: 'Éclairage du square',
            },
          }),
        },
      ]);
      await expect(el).to.be.accessible();
    });
  }

  it('a topic’s « Créer une priorité » carries its title in both languages, its concerns and the café’s district', () => {
    const route = priorityRouteOf(
      { id: 'cafe-1', districtId: 'etouvie' },
      {
        title: { fr: 'Rodéos urbains', en: 'Street racing' },
        concernReferences: ['PRX-7K3M-Q9AB', 'PRX-7K3M-Q9AC'],
      },
    );
    expect(parseRoute(formatRoute(route))).to.deep.equal({
      section: 'priorities',
      id: 'new',
      params: {
        refs: 'PRX-7K3M-Q9AB,PRX-7K3M-Q9AC',
        cafe: 'cafe-1',
        district: 'etouvie',
        fr: 'Rodéos urbains',
        en: 'Street racing',
      },
    });
  });

  it('the report’s English fields: line N is the English of the N-th French line, prefilled, saved', async () => {
    const puts: [string, unknown][] = [];
    const { page } = await mount(
      {
        getReport: async (id: string) => ({ ...STORED, cafeId: id }),
        putReport: async (id: string, input: unknown) => (puts.push([id, input]), {}),
      },
      { params: { view: 'report', id: 'cafe-2026-11-20-past0001' } },
    );
    await waitUntil(() => page.state === 'form');
    expect(page.field<HTMLTextAreaElement>('topicsEn').value).to.equal('Street racing\n');
    expect(page.field<HTMLTextAreaElement>('answersEn').value).to.equal('An evening patrol.');
    page.fill({
      topicsEn: 'Street racing\nLighting in the square',
      answersEn: '',
      followUpsEn: 'See again at the next café.',
    });
    page.submit();
    await waitUntil(() => puts.length === 1);
    const input = puts[0]![1] as typeof STORED.report;
    expect(input.topics.map((t) => t.title)).to.deep.equal([
      { fr: 'Rodéos urbains', en: 'Street racing' },
      { fr: 'Éclairage du square', en: 'Lighting in the square' },
    ]);
    expect(input.answers).to.deep.equal([{ text: { fr: 'Une patrouille le soir.' } }]);
    expect(input.followUps).to.deep.equal([
      {
        text: { fr: 'Revoir au prochain café.', en: 'See again at the next café.' },
        priorityId: 'prio-rodeos',
      },
    ]);
  });

  it('says when the stored report cannot be read', async () => {
    const { el, page } = await mount(
      { getReport: async () => Promise.reject(apiError(503)) },
      { params: { view: 'report', id: 'cafe-2026-11-20-past0001' } },
    );
    await waitUntil(() => page.state === 'error');
    await expect(el).to.be.accessible();
  });
});

const STORED = {
  cafeId: 'cafe-2026-11-20-past0001',
  report: {
    attendance: 31,
    topics: [
      {
        title: { fr: 'Rodéos urbains', en: 'Street racing' },
        concernReferences: ['PRX-7K3M-Q9AB', 'PRX-7K3M-Q9AC'],
        concernCount: 6,
        priorityId: 'prio-rodeos',
      },
      { title: { fr: 'Éclairage du square' }, concernReferences: [], concernCount: 0 },
    ],
    answers: [{ text: { fr: 'Une patrouille le soir.', en: 'An evening patrol.' } }],
    followUps: [{ text: { fr: 'Revoir au prochain café.' }, priorityId: 'prio-rodeos' }],
  },
  publishedAt: '2026-11-21T08:15:00Z',
  updatedAt: '2026-11-21T08:15:00Z',
};

function text(node: Element | null): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
