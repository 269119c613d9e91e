import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AdminPriority, PriorityInput } from '@proximite/contract';
import { defineElement } from '@proximite/widgets/kit/define.js';
import type { Route } from '../console/router.js';
import { apiError, fakeClient, fakeContext } from '../test-fixtures/client.js';
import { PrioritiesPageObject } from '../test-fixtures/priorities.page.js';
import { StaffPriorities } from './staff-priorities.js';

defineElement('prox-staff-priorities', StaffPriorities);

const priority = (id: string, extra: Partial<AdminPriority> = {}): AdminPriority => ({
  id,
  issue: { fr: 'Dépôts sauvages rue Motte', en: 'Illegal dumping in rue Motte' },
  issueDate: '2026-12-01',
  status: 'in-progress',
  actions: [],
  sources: { concernReferences: ['PRX-AAAA-0001', 'PRX-AAAA-0002'], cafeIds: [] },
  published: false,
  notified: 0,
  ...extra,
});

async function mount({
  items = [
    priority('prio-1'),
    priority('prio-2', { issue: { fr: 'Bruit place du Don' }, published: true, notified: 3 }),
  ],
  route = { section: 'priorities', params: {} } as Route,
  lang = 'fr',
  list,
  cafes = {},
}: {
  items?: AdminPriority[];
  route?: Route;
  lang?: string;
  list?: () => Promise<AdminPriority[]>;
  cafes?: Record<string, unknown>;
} = {}) {
  const created: PriorityInput[] = [];
  const updated: [string, PriorityInput][] = [];
  const published: string[] = [];
  const client = fakeClient({
    priorities: {
      list: list ?? (async () => items),
      create: async (input: PriorityInput) => (created.push(input), { ...priority('prio-new'), ...input }),
      update: async (id: string, input: PriorityInput) => (
        updated.push([id, input]),
        { ...priority(id), ...input }
      ),
      publish: async (id: string) => (published.push(id), { ...priority(id), published: true, notified: 2 }),
    },
    cafes,
  });
  const holder: { el?: StaffPriorities } = {};
  const context = fakeContext(client, {
    permissions: ['concerns:read', 'concerns:triage', 'content:write'],
    onNavigate: (r: Route) => (holder.el!.route = r),
  });
  const el = (holder.el = await fixture<StaffPriorities>(
    html`<prox-staff-priorities lang=${lang} .context=${context} .route=${route}></prox-staff-priorities>`,
  ));
  return { el, page: new PrioritiesPageObject(el), created, updated, published, context };
}

describe('<prox-staff-priorities>', () => {
  it('lists the priorities, drafts and published, with their concerns and residents told (fr and en); accessible', async () => {
    for (const lang of ['fr', 'en']) {
      const { el, page } = await mount({ lang });
      await waitUntil(() => page.state === 'list');
      expect(page.rows[0]).to.include(lang === 'fr' ? 'Brouillon' : 'Draft');
      expect(page.rows[0]).to.include('PRX-AAAA-0001, PRX-AAAA-0002');
      expect(page.rows[1]).to.include(lang === 'fr' ? 'Publiée' : 'Published');
      expect(page.rows[1]![4]).to.equal('3');
      await expect(el).to.be.accessible();
    }
  });

  it('loading, empty and error states; accessible', async () => {
    let release!: (v: AdminPriority[]) => void;
    const loading = await mount({ list: () => new Promise((r) => (release = r)) });
    expect(loading.page.state).to.equal('loading');
    await expect(loading.el).to.be.accessible();
    release([]);
    await waitUntil(() => loading.page.state === 'empty');
    await expect(loading.el).to.be.accessible();
    const failing = await mount({
      list: async () => {
        throw apiError(503);
      },
    });
    await waitUntil(() => failing.page.state === 'error');
    await expect(failing.el).to.be.accessible();
  });

  it('publishes a draft and says how many residents were told', async () => {
    const { page, published, context } = await mount();
    await waitUntil(() => page.state === 'list');
    page.publish(/Publier « Dépôts sauvages rue Motte »/);
    await waitUntil(() => published.length === 1);
    expect(published).to.deep.equal(['prio-1']);
    await waitUntil(() => page.notice !== '');
    expect(page.notice).to.equal('Priorité publiée : 2 habitants prévenus par e-mail.');
    expect(context.announced).to.include('Priorité publiée : 2 habitants prévenus par e-mail.');
  });

  it('creates a priority from the concerns chosen in the inbox; says what is missing first (fr and en); accessible', async () => {
    for (const lang of ['fr', 'en']) {
      const puts: [string, unknown][] = [];
      const report = {
        attendance: 31,
        topics: [
          { title: { fr: 'Rodéos urbains' }, concernReferences: [], concernCount: 0, priorityId: 'prio-old' },
          {
            title: { fr: 'Rodéos urbains', en: 'Street racing' },
            concernReferences: ['PRX-7K3M-Q9AB', 'PRX-7K3M-Q9AC'],
            concernCount: 2,
          },
        ],
        answers: [],
        followUps: [],
      };
      const { el, page, created } = await mount({
        lang,
        cafes: {
          getReport: async (id: string) => ({ cafeId: id, report, publishedAt: '', updatedAt: '' }),
          putReport: async (id: string, input: unknown) => (puts.push([id, input]), {}),
        },
        route: { section: 'priorities', id: 'new', params: { refs: 'PRX-AAAA-0001,PRX-AAAA-0002' } },
      });
      await waitUntil(() => page.state === 'form');
      expect(page.value('references')).to.equal('PRX-AAAA-0001\nPRX-AAAA-0002');
      await expect(el).to.be.accessible();
      page.save();
      await waitUntil(() => page.errors.length > 0);
      expect(page.errors).to.deep.equal([
        lang === 'fr' ? 'Écrivez la priorité en français.' : 'Write the priority in French.',
      ]);
      expect(el.shadowRoot!.activeElement?.classList.contains('errors')).to.equal(true);
      await expect(el).to.be.accessible();
      page.fill({ 'issue-fr': 'Dépôts sauvages rue Motte', 'issue-en': 'Illegal dumping in rue Motte' });
      page.save();
      await waitUntil(() => created.length === 1);
      expect(created[0]).to.deep.include({
        issue: { fr: 'Dépôts sauvages rue Motte', en: 'Illegal dumping in rue Motte' },
        issueDate: '2026-12-02',
        status: 'raised',
        draft: true,
      });
      expect(created[0]!.sources?.concernReferences).to.deep.equal(['PRX-AAAA-0001', 'PRX-AAAA-0002']);
    }
  });

  it('creates a priority from a café’s topic: its title (fr and en) and concerns filled in, linked to the café; accessible', async () => {
    for (const lang of ['fr', 'en']) {
      const puts: [string, unknown][] = [];
      const report = {
        attendance: 31,
        topics: [
          { title: { fr: 'Rodéos urbains' }, concernReferences: [], concernCount: 0, priorityId: 'prio-old' },
          {
            title: { fr: 'Rodéos urbains', en: 'Street racing' },
            concernReferences: ['PRX-7K3M-Q9AB', 'PRX-7K3M-Q9AC'],
            concernCount: 2,
          },
        ],
        answers: [],
        followUps: [],
      };
      const { el, page, created, context } = await mount({
        lang,
        cafes: {
          getReport: async (id: string) => ({ cafeId: id, report, publishedAt: '', updatedAt: '' }),
          putReport: async (id: string, input: unknown) => (puts.push([id, input]), {}),
        },
        route: {
          section: 'priorities',
          id: 'new',
          params: {
            refs: 'PRX-7K3M-Q9AB,PRX-7K3M-Q9AC',
            cafe: 'cafe-2026-11-20-past0001',
            district: 'saint-leu',
            fr: 'Rodéos urbains',
            en: 'Street racing',
          },
        },
      });
      await waitUntil(() => page.state === 'form');
      expect(page.value('issue-fr')).to.equal('Rodéos urbains');
      expect(page.value('issue-en')).to.equal('Street racing');
      expect(page.value('references')).to.equal('PRX-7K3M-Q9AB\nPRX-7K3M-Q9AC');
      expect(page.fromCafe).to.equal(
        lang === 'fr'
          ? 'D’après un sujet soulevé au café : la priorité sera liée à ce café.'
          : 'From a topic raised at a café: the priority will be linked to that café.',
      );
      await expect(el).to.be.accessible();
      page.save();
      await waitUntil(() => created.length === 1);
      expect(created[0]!.issue).to.deep.equal({ fr: 'Rodéos urbains', en: 'Street racing' });
      expect(created[0]!.districtId).to.equal('saint-leu');
      // The report's topic now feeds the new priority (the one already linked is left alone).
      await waitUntil(() => puts.length === 1);
      expect(puts[0]).to.deep.equal([
        'cafe-2026-11-20-past0001',
        { ...report, topics: [report.topics[0], { ...report.topics[1], priorityId: 'prio-new' }] },
      ]);
      await waitUntil(() => context.announced.length > 0);
      expect(context.announced).to.deep.equal([lang === 'fr' ? 'Priorité enregistrée.' : 'Priority saved.']);
      expect(created[0]!.sources).to.deep.equal({
        concernReferences: ['PRX-7K3M-Q9AB', 'PRX-7K3M-Q9AC'],
        cafeIds: ['cafe-2026-11-20-past0001'],
      });
    }
  });

  it('a priority from a café’s topic is saved even when the report cannot be updated, and says so', async () => {
    const { page, created, context } = await mount({
      cafes: { getReport: async () => Promise.reject(apiError(503)) },
      route: {
        section: 'priorities',
        id: 'new',
        params: { refs: '', cafe: 'cafe-2026-11-20-past0001', fr: 'Rodéos urbains' },
      },
    });
    await waitUntil(() => page.state === 'form');
    page.save();
    await waitUntil(() => context.announced.length > 0);
    expect(created).to.have.length(1);
    expect(context.announced).to.deep.equal([
      'Priorité enregistrée, mais le sujet du compte rendu n’a pas pu lui être lié.',
    ]);
  });

  it('edits status, action and date, then publishes from the form', async () => {
    const { page, updated, published } = await mount({
      route: { section: 'priorities', id: 'prio-1', params: {} },
    });
    await waitUntil(() => page.state === 'form');
    expect(page.value('issue-fr')).to.equal('Dépôts sauvages rue Motte');
    page.fill({
      status: 'done',
      'action-fr': 'Passage quotidien de la propreté.',
      'action-date': '2026-12-03',
    });
    page.save();
    await waitUntil(() => updated.length === 1 || page.errors.length > 0);
    expect(page.errors).to.deep.equal([]);
    expect(updated[0]![0]).to.equal('prio-1');
    expect(updated[0]![1]).to.deep.include({
      status: 'done',
      action: { fr: 'Passage quotidien de la propreté.' },
      actionDate: '2026-12-03',
    });
    expect(updated[0]![1].draft).to.equal(undefined);
    await waitUntil(() => page.notice === 'Priorité enregistrée.' && !page.$('button[disabled]'));
    page.publish(/^\s*Publier\s*$/);
    await waitUntil(() => published.length === 1);
  });

  it('works from the keyboard: type the priority, Tab to « Enregistrer », Enter saves it', async () => {
    const { el, page, created } = await mount({
      route: { section: 'priorities', id: 'new', params: { refs: 'PRX-AAAA-0001' } },
    });
    await waitUntil(() => page.state === 'form');
    page.$<HTMLTextAreaElement>('#issue-fr')!.focus();
    await sendKeys({ type: 'Rodéos le soir' });
    for (let i = 0; i < 20 && el.shadowRoot!.activeElement?.getAttribute('type') !== 'submit'; i += 1)
      await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Enregistrer');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => created.length === 1, 'saved with Enter');
    expect(created[0]!.issue).to.deep.equal({ fr: 'Rodéos le soir' });
    expect(created[0]!.sources?.concernReferences).to.deep.equal(['PRX-AAAA-0001']);
  });

  it('an unknown priority says so', async () => {
    const { el, page } = await mount({ route: { section: 'priorities', id: 'prio-nope', params: {} } });
    await waitUntil(() => page.state === 'missing');
    await expect(el).to.be.accessible();
  });
});
