import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { defineElement } from '@proximite/widgets/kit/define.js';
import type { Route } from '../console/router.js';
import { apiError, fakeClient, fakeContext, inboxItem } from '../test-fixtures/client.js';
import { InboxPageObject } from '../test-fixtures/inbox.page.js';
import { StaffInbox } from './staff-inbox.js';

defineElement('prox-staff-inbox', StaffInbox);

const ITEMS = [
  inboxItem('PRX-AAAA-0001', {
    overdue: true,
    dueAt: '2026-11-30T17:00:00Z',
    assignee: { id: 'stf-2', displayName: 'Alex Agent' },
  }),
  inboxItem('PRX-AAAA-0002', { status: 'in-progress', quarantined: true, dueAt: null, ageDays: 0 }),
];

type Lister = (query: Record<string, unknown>) => Promise<unknown>;

async function mount(
  list: Lister,
  {
    params = {},
    lang = 'fr',
    permissions,
    extra = {},
    templates,
  }: {
    params?: Record<string, string>;
    lang?: string;
    permissions?: string[];
    extra?: Record<string, unknown>;
    templates?: unknown[];
  } = {},
) {
  const queries: Record<string, unknown>[] = [];
  const client = fakeClient({
    concerns: { list: (q: Record<string, unknown>) => (queries.push(q), list(q)), ...extra },
    oversight: { list: (q: Record<string, unknown>) => (queries.push(q), list(q)) },
    ...(templates ? { templates: { list: async () => templates } } : {}),
  });
  const holder: { el?: StaffInbox } = {};
  const context = fakeContext(client, {
    permissions,
    onNavigate: (route: Route) => (holder.el!.route = route),
  });
  const el = (holder.el = await fixture<StaffInbox>(
    html`<prox-staff-inbox
      lang=${lang}
      .context=${context}
      .route=${{ section: 'inbox', params }}
    ></prox-staff-inbox>`,
  ));
  return { el, page: new InboxPageObject(el), queries, context, client };
}

const listing =
  (items = ITEMS, extra: Record<string, unknown> = {}) =>
  async () => ({
    items,
    nextCursor: null,
    total: items.length,
    ...extra,
  });

describe('<prox-staff-inbox>', () => {
  it('shows the concerns in a table with a caption, headers and sort states', async () => {
    const { el, page, context } = await mount(listing());
    await waitUntil(() => page.state === 'list', 'the table shows');
    expect(page.caption).to.equal('Signalements, triés par Reçu (décroissant)');
    expect(page.headers).to.deep.equal([
      'Référence',
      'Catégorie',
      'Quartier',
      'Service',
      'Statut',
      'Reçu',
      'Échéance',
      'Assigné à',
    ]);
    expect(page.ariaSort('Reçu')).to.equal('descending');
    expect(page.ariaSort('Échéance')).to.equal('none');
    expect(page.rows[0]).to.deep.equal([
      'PRX-AAAA-0001',
      'Bruit Musique forte la nuit',
      'Étouvie',
      'Tranquillité publique',
      'Reçu',
      'il y a 3 jours',
      '30 nov. 2026 En retard (en retard de 2 jours)',
      'Alex Agent',
    ]);
    expect(page.rows[1]).to.deep.equal([
      'PRX-AAAA-0002',
      'Bruit Musique forte la nuit',
      'Étouvie',
      'Tranquillité publique',
      'En cours En quarantaine',
      'aujourd’hui',
      'Sans délai',
      'Personne',
    ]);
    // Overdue: said in words beside an icon, never by colour alone.
    const flag = page.$('.overdue')!;
    expect(flag.textContent).to.include('En retard');
    expect(flag.querySelector('svg[aria-hidden="true"]')).to.exist;
    expect(page.link('PRX-AAAA-0001')!.getAttribute('href')).to.equal('#/concern/PRX-AAAA-0001');
    expect(page.$('th[scope="row"]')).to.exist;
    await waitUntil(() => context.announced.includes('2 signalements chargés.'));
    await expect(el).to.be.accessible();
  });

  it('speaks English', async () => {
    const { el, page } = await mount(listing(), { lang: 'en' });
    await waitUntil(() => page.state === 'list');
    expect(page.caption).to.equal('Concerns, sorted by Received (descending)');
    expect(page.rows[0]![6]).to.equal('30 Nov 2026 Overdue (overdue by 2 days)');
    expect(page.rows[0]![5]).to.equal('3 days ago');
    await expect(el).to.be.accessible();
  });

  describe('in dark mode (prefers-color-scheme: dark)', () => {
    before(() => emulateMedia({ colorScheme: 'dark' }));
    after(() => emulateMedia({ colorScheme: 'light' }));

    for (const lang of ['fr', 'en'])
      it(`keeps its contrasts: list, empty and error states (${lang})`, async () => {
        const { el, page } = await mount(listing(), { lang });
        await waitUntil(() => page.state === 'list');
        // The tokens follow the scheme (light-dark()): the table's text changes with it.
        const table = el.shadowRoot!.querySelector('table')!;
        const dark = getComputedStyle(table).color;
        await emulateMedia({ colorScheme: 'light' });
        expect(getComputedStyle(table).color).to.not.equal(dark);
        await emulateMedia({ colorScheme: 'dark' });
        await expect(el).to.be.accessible();
        const empty = await mount(listing([]), { lang });
        await waitUntil(() => empty.page.state === 'empty');
        await expect(empty.el).to.be.accessible();
        const failing = await mount(async () => Promise.reject(apiError(500)), { lang });
        await waitUntil(() => failing.page.state === 'error');
        await expect(failing.el).to.be.accessible();
      });
  });

  it('says it is loading, then that nothing is left to handle', async () => {
    let release!: () => void;
    const { el, page } = await mount(
      () => new Promise((resolve) => (release = () => resolve({ items: [], nextCursor: null, total: 0 }))),
    );
    await waitUntil(() => page.state === 'loading');
    expect(page.$('[role="status"]')).to.exist;
    await expect(el).to.be.accessible();
    release();
    await waitUntil(() => page.state === 'empty');
    expect(page.stateText).to.equal('Aucun signalement à traiter.');
    await expect(el).to.be.accessible();
  });

  it('says when filters match nothing, and clears them', async () => {
    const { el, page } = await mount(listing([]), { params: { category: 'bruit', overdue: 'true' } });
    await waitUntil(() => page.state === 'empty');
    expect(page.stateText).to.include('Aucun signalement ne correspond à ces filtres.');
    page.clearFilters();
    await waitUntil(() => Object.keys(el.route!.params).length === 0);
  });

  it('shows an alert on error, and loads again on retry', async () => {
    let fail = true;
    const { el, page } = await mount(async () => {
      if (fail) throw apiError(503);
      return { items: ITEMS, nextCursor: null };
    });
    await waitUntil(() => page.state === 'error');
    expect(page.$('[role="alert"]')!.textContent).to.include('n’ont pas pu être chargés');
    await expect(el).to.be.accessible();
    fail = false;
    page.$<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => page.state === 'list');
  });

  it('signs in again when the session ended, then loads', async () => {
    let calls = 0;
    const { page, context } = await mount(async () => {
      calls += 1;
      if (calls === 1) throw apiError(401);
      return { items: ITEMS, nextCursor: null };
    });
    await waitUntil(() => page.state === 'list');
    expect(context.reauthentications).to.equal(1);
  });

  it('keeps filters and search in the fragment and asks the API for them', async () => {
    const { el, page, queries, context } = await mount(listing());
    await waitUntil(() => page.state === 'list');
    await waitUntil(() => page.$('#district option[value="etouvie"]'), 'the lists are loaded');
    page.filter({ q: 'musique', status: 'all', district: 'etouvie', assignee: 'me', overdue: true });
    await waitUntil(() => queries.length === 2);
    expect(context.routes.at(-1)).to.deep.equal({
      section: 'inbox',
      params: { q: 'musique', status: 'all', district: 'etouvie', assignee: 'me', overdue: 'true' },
    });
    expect(queries[1]).to.deep.equal({
      limit: 25,
      district: 'etouvie',
      assignee: 'me',
      overdue: 'true',
      quarantined: 'false',
      q: 'musique',
    });
    // The form shows the view of the fragment (the back button brings an older one back).
    el.route = { section: 'inbox', params: { status: 'closed' } };
    await el.updateComplete;
    expect(page.$<HTMLSelectElement>('#status')!.value).to.equal('closed');
    expect(page.$<HTMLInputElement>('#q')!.value).to.equal('');
  });

  it('sorts from the column headers', async () => {
    const { page, queries } = await mount(listing());
    await waitUntil(() => page.state === 'list');
    page.sortBy('Échéance');
    await waitUntil(() => queries.length === 2);
    expect(queries[1]!.sort).to.equal('due');
    await waitUntil(() => page.ariaSort('Échéance') === 'ascending');
    expect(page.ariaSort('Reçu')).to.equal('none');
    page.sortBy('Échéance');
    await waitUntil(() => page.ariaSort('Échéance') === 'descending');
  });

  it('links the CSV export of the view', async () => {
    const { page } = await mount(listing(), {
      params: { district: 'etouvie', sort: 'due' },
    });
    await waitUntil(() => page.state === 'list');
    const link = page.link('Exporter cette vue (CSV)')!;
    expect(link.hasAttribute('download')).to.equal(true);
    expect(link.getAttribute('href')).to.equal(
      '/v1/admin/concerns.csv?status=received%2Cin-progress%2Caction-scheduled%2Creferred%2Creopen-requested&district=etouvie&quarantined=false&sort=due&lang=fr',
    );
  });

  it('pages with links that carry the view', async () => {
    const { page } = await mount(listing(ITEMS, { nextCursor: 'c2' }), { params: { district: 'etouvie' } });
    await waitUntil(() => page.state === 'list');
    expect(page.link('Page suivante')!.getAttribute('href')).to.equal('#/inbox?district=etouvie&cursor=c2');
    expect(page.link('Première page')).to.equal(undefined);
  });

  it('acts on a selection when the server has bulk actions, and lists what failed', async () => {
    const inputs: unknown[] = [];
    const { el, page, context } = await mount(listing(), {
      extra: {
        bulk: async (input: { references: string[] }) => {
          inputs.push(input);
          return {
            items: input.references.map((reference, i) =>
              i === 0 || input.references.length === 1
                ? { reference, ok: true }
                : { reference, ok: false, problem: { title: 'Conflict', detail: 'Déjà clos' } },
            ),
          };
        },
      },
    });
    await waitUntil(() => page.state === 'list');
    page.selectPage();
    await el.updateComplete;
    expect(page.$('.bulk')!.textContent).to.include('2 signalements sélectionnés');
    expect(page.$$rows()).to.equal(2);
    await expect(el).to.be.accessible();
    page.bulk({ status: 'in-progress', assignee: 'me' });
    await waitUntil(() => page.bulkMessage !== '');
    expect(inputs[0]).to.deep.equal({
      references: ['PRX-AAAA-0001', 'PRX-AAAA-0002'],
      status: 'in-progress',
      assigneeId: 'stf-1',
    });
    expect(page.bulkMessage).to.equal('1 mis à jour, 1 en échec : voir la liste.');
    expect(page.$('.failures')!.textContent).to.include('PRX-AAAA-0002 : Déjà clos');
    expect(context.announced).to.include('1 mis à jour, 1 en échec : voir la liste.');
    await expect(el).to.be.accessible();
    // The one that failed stays selected; sent again with an answer, it goes through and the form empties.
    page.$<HTMLTextAreaElement>('#bulk-answer')!.value = 'Merci, nous traitons votre signalement.';
    page.bulk({ status: '' });
    await waitUntil(() => page.bulkMessage === '1 signalement mis à jour.');
    expect(inputs[1]).to.deep.equal({
      references: ['PRX-AAAA-0002'],
      assigneeId: 'stf-1',
      publicUpdate: { fr: 'Merci, nous traitons votre signalement.' },
    });
  });

  for (const lang of ['fr', 'en']) {
    it(`answers a selection from a response template, filled in by the server for each concern (${lang})`, async () => {
      const inputs: Record<string, unknown>[] = [];
      const template = {
        id: 'tpl-1',
        categoryCode: null,
        status: 'in-progress',
        text: {
          fr: 'Votre signalement {reference} est pris en charge.',
          en: 'Your report {reference} is in hand.',
        },
        updatedAt: '2026-11-30T08:00:00Z',
      };
      const { el, page } = await mount(listing(), {
        lang,
        templates: [template],
        extra: {
          bulk: async (input: { references: string[] }) => {
            inputs.push(input);
            return { items: input.references.map((reference) => ({ reference, ok: true })) };
          },
        },
      });
      await waitUntil(() => page.state === 'list');
      page.selectPage();
      await waitUntil(() => page.$('#bulk-template') !== null);
      const select = page.$<HTMLSelectElement>('#bulk-template')!;
      const label = page.$('label[for="bulk-template"]')!.textContent!.trim();
      expect(label).to.equal(lang === 'fr' ? 'Réponse à partir d’un modèle' : 'Answer from a template');
      expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(
        lang === 'fr'
          ? ['Aucun (texte ci-dessous)', 'En cours — toutes catégories']
          : ['None (the text below)', 'In progress — every category'],
      );
      select.value = 'tpl-1';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      // The text box gives way to the template, shown as residents will read it (before filling in).
      expect(page.$<HTMLTextAreaElement>('#bulk-answer')!.disabled).to.equal(true);
      expect(page.$('#bulk-template-text')!.textContent).to.include(
        lang === 'fr'
          ? 'Votre signalement {reference} est pris en charge.'
          : 'Your report {reference} is in hand.',
      );
      expect(select.getAttribute('aria-describedby')).to.equal('bulk-template-text');
      await expect(el).to.be.accessible();
      page.bulk({ status: 'in-progress' });
      await waitUntil(() => inputs.length === 1);
      expect(inputs[0]).to.deep.equal({
        references: ['PRX-AAAA-0001', 'PRX-AAAA-0002'],
        status: 'in-progress',
        templateId: 'tpl-1',
      });
    });
  }

  it('« Créer une priorité » opens the priorities form with the selected concerns', async () => {
    const { el, page, context } = await mount(listing(), {
      permissions: ['concerns:read', 'concerns:triage', 'content:write'],
      extra: { bulk: async () => ({ items: [] }) },
    });
    await waitUntil(() => page.state === 'list');
    page.selectPage();
    await el.updateComplete;
    const button = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.bulk button')].find(
      (b) => b.textContent?.trim() === 'Créer une priorité',
    )!;
    await expect(el).to.be.accessible();
    button.click();
    expect(context.routes.at(-1)).to.deep.equal({
      section: 'priorities',
      id: 'new',
      params: { refs: 'PRX-AAAA-0001,PRX-AAAA-0002' },
    });
  });

  it('offers the observers the pseudonymised list, without selection', async () => {
    const { el, page, queries } = await mount(listing(), {
      permissions: ['concerns:read', 'oversight:read'],
    });
    await waitUntil(() => page.state === 'list');
    expect(page.$('input[type="checkbox"]')).to.equal(null);
    expect(page.$('#q')).to.equal(null);
    expect(page.$('.notice')!.textContent).to.include('Vue pseudonymisée');
    expect(queries[0]).to.deep.equal({ limit: 25 });
    // Neither due dates nor assignees in the observers' view: unknown, not « none ».
    expect(page.rows[0]!.slice(6)).to.deep.equal(['—', '—']);
    await expect(el).to.be.accessible();
  });
});
