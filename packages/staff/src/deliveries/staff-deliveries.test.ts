import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElement } from '@proximite/widgets/kit/define.js';
import type { Route } from '../console/router.js';
import { apiError, fakeClient, fakeContext } from '../test-fixtures/client.js';
import { DeliveriesPageObject } from '../test-fixtures/deliveries.page.js';
import { StaffDeliveries } from './staff-deliveries.js';

defineElement('prox-staff-deliveries', StaffDeliveries);

function delivery(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    status: 'sent',
    method: 'email',
    event: 'concern.created',
    concernReference: 'PRX-AAAA-0001',
    service: { id: 'tranquillite-publique', name: { fr: 'Tranquillité publique', en: 'Public peace' } },
    destination: 'tranquillite@amiens.test',
    attempts: 1,
    lastError: null,
    lastAttemptAt: '2026-12-01T09:00:05Z',
    nextAttemptAt: null,
    giveUpAt: null,
    createdAt: '2026-12-01T09:00:00Z',
    sentAt: '2026-12-01T09:00:05Z',
    messageId: `<${id}@proximite.test>`,
    remoteId: null,
    ...extra,
  };
}

const SENT = delivery('dlv-1');
const FAILED = delivery('dlv-2', {
  status: 'failed',
  method: 'webhook',
  event: 'concern.routed',
  concernReference: 'PRX-AAAA-0002',
  destination: 'https://voirie.amiens.test/hook',
  attempts: 8,
  lastError: 'HTTP 502 Bad Gateway',
  sentAt: null,
  createdAt: '2026-11-30T10:00:00Z',
});

type Lister = (query: Record<string, unknown>) => Promise<unknown>;

async function mount(
  list: Lister,
  {
    params = {},
    lang = 'fr',
    permissions = ['concerns:read', 'concerns:triage', 'deliveries:write'],
    retry,
  }: {
    params?: Record<string, string>;
    lang?: string;
    permissions?: string[];
    retry?: (id: string) => Promise<unknown>;
  } = {},
) {
  const queries: Record<string, unknown>[] = [];
  const client = fakeClient({
    deliveries: {
      list: (q: Record<string, unknown>) => (queries.push(q), list(q)),
      ...(retry ? { retry } : {}),
    },
  });
  const holder: { el?: StaffDeliveries } = {};
  const context = fakeContext(client, {
    permissions,
    onNavigate: (route: Route) => (holder.el!.route = route),
  });
  const el = (holder.el = await fixture<StaffDeliveries>(
    html`<prox-staff-deliveries
      lang=${lang}
      .context=${context}
      .route=${{ section: 'deliveries', params }}
    ></prox-staff-deliveries>`,
  ));
  return { el, page: new DeliveriesPageObject(el), queries, context, client };
}

/** The API: `status=failed` gets the failed ones, the log gets every one, newest first. */
const api =
  (items = [SENT, FAILED]) =>
  async (q: Record<string, unknown>) => ({
    items: q.status ? items.filter((d) => d.status === q.status) : items,
    nextCursor: null,
  });

describe('<prox-staff-deliveries>', () => {
  it('lists failed sends first, with their error and a retry, in a table', async () => {
    const { el, page, queries, context } = await mount(api());
    await waitUntil(() => page.state === 'list', 'the table shows');
    expect(page.heading).to.equal('Envois');
    expect(queries).to.deep.include({ limit: 25 });
    expect(queries).to.deep.include({ limit: 50, status: 'failed' });
    expect(page.caption).to.equal(
      'Journal des envois : 1 en échec en tête, puis du plus récent au plus ancien',
    );
    expect(page.headers).to.deep.equal([
      'État',
      'Message',
      'Destinataire',
      'Essais',
      'Dernière erreur',
      'Quand',
      'Actions',
    ]);
    expect(page.rows[0]!.slice(0, 5)).to.deep.equal([
      'En échec',
      'Signalement transmis PRX-AAAA-0002',
      'Webhook Tranquillité publique https://voirie.amiens.test/hook',
      '8',
      'HTTP 502 Bad Gateway',
    ]);
    expect(page.rows[1]![0]).to.equal('Envoyé');
    // Failed said in words beside an icon, never by colour alone.
    expect(page.$('tbody tr.is-failed .badge svg[aria-hidden="true"]')).to.exist;
    expect(page.retryButtons.map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Réessayer l’envoi : Signalement transmis PRX-AAAA-0002',
    ]);
    expect(page.link('PRX-AAAA-0002')!.getAttribute('href')).to.equal('#/concern/PRX-AAAA-0002');
    await waitUntil(() => context.announced.includes('2 envois chargés, dont 1 en échec.'));
    await expect(el).to.be.accessible();
  });

  it('speaks English', async () => {
    const { el, page } = await mount(api(), { lang: 'en' });
    await waitUntil(() => page.state === 'list');
    expect(page.heading).to.equal('Deliveries');
    expect(page.caption).to.equal('Delivery log: 1 failed first, then newest first');
    expect(page.rows[0]!.slice(0, 2)).to.deep.equal(['Failed', 'Concern handed over PRX-AAAA-0002']);
    expect(page.rows[1]![5]).to.match(/^Created 1 Dec 2026, \d\d:00 Sent 1 Dec 2026, \d\d:00$/);
    expect(page.retryButtons[0]!.textContent!.trim()).to.equal('Retry');
    await expect(el).to.be.accessible();
  });

  for (const lang of ['fr', 'en']) {
    it(`says it is loading, then that nothing was sent (${lang})`, async () => {
      const waiting: (() => void)[] = [];
      const release = () => waiting.forEach((go) => go());
      const { el, page } = await mount(
        () => new Promise((resolve) => waiting.push(() => resolve({ items: [], nextCursor: null }))),
        { lang },
      );
      await waitUntil(() => page.state === 'loading');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => page.state === 'empty');
      expect(page.stateText).to.equal(lang === 'fr' ? 'Aucun envoi pour l’instant.' : 'No delivery yet.');
      await expect(el).to.be.accessible();
    });

    it(`shows an alert on error, and loads again (${lang})`, async () => {
      let fail = true;
      const { el, page } = await mount(
        async (q) => {
          if (fail) throw apiError(503);
          return api()(q);
        },
        { lang },
      );
      await waitUntil(() => page.state === 'error');
      expect(page.$('[role="alert"]')!.textContent).to.include(
        lang === 'fr' ? 'Les envois n’ont pas pu être chargés.' : 'The deliveries could not be loaded.',
      );
      await expect(el).to.be.accessible();
      fail = false;
      page.$<HTMLButtonElement>('[role="alert"] button')!.click();
      await waitUntil(() => page.state === 'list');
    });
  }

  it('retries a failed send with the keyboard, and shows its new state', async () => {
    const retried: string[] = [];
    const { el, page, context } = await mount(api(), {
      retry: async (id) => {
        retried.push(id);
        return { ...FAILED, status: 'pending', attempts: 8, nextAttemptAt: '2026-12-02T12:00:30Z' };
      },
    });
    await waitUntil(() => page.state === 'list');
    page.retryButtons[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => page.outcome !== '');
    expect(retried).to.deep.equal(['dlv-2']);
    expect(page.outcome).to.equal('Envoi relancé : Signalement transmis PRX-AAAA-0002.');
    expect(context.announced).to.include('Envoi relancé : Signalement transmis PRX-AAAA-0002.');
    expect(page.rows[0]![0]).to.equal('En attente');
    expect(page.rows[0]![5]).to.include('Prochain essai le');
    // Waiting sends may be tried again now as well.
    expect(page.retryButtons).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('says why a retry was refused', async () => {
    const { page } = await mount(api(), {
      retry: async () => {
        throw apiError(409);
      },
    });
    await waitUntil(() => page.state === 'list');
    page.retry();
    await waitUntil(() => page.outcome !== '');
    expect(page.outcome).to.equal(
      'L’envoi n’a pas pu être relancé. Il a déjà été envoyé, ou un essai est en cours.',
    );
    expect(page.$('.notice--error')).to.exist;
  });

  it('offers no retry to those who may not retry', async () => {
    const { el, page } = await mount(api(), { permissions: ['concerns:read', 'concerns:triage'] });
    await waitUntil(() => page.state === 'list');
    expect(page.retryButtons).to.have.length(0);
    expect(page.headers).to.not.include('Actions');
    await expect(el).to.be.accessible();
  });

  it('keeps filters in the fragment, asks the API for them and pages', async () => {
    const { el, page, queries, context } = await mount(async (q) => ({
      items: [FAILED],
      nextCursor: q.cursor ? null : 'c2',
    }));
    await waitUntil(() => page.state === 'list');
    await waitUntil(() => page.$('#service option[value="tranquillite-publique"]'), 'the lists are loaded');
    queries.length = 0;
    page.filter({ status: 'failed', service: 'tranquillite-publique', concern: 'PRX-AAAA-0002' });
    await waitUntil(() => queries.length === 1);
    expect(context.routes.at(-1)).to.deep.equal({
      section: 'deliveries',
      params: { status: 'failed', service: 'tranquillite-publique', concern: 'PRX-AAAA-0002' },
    });
    expect(queries[0]).to.deep.equal({
      limit: 25,
      status: 'failed',
      service: 'tranquillite-publique',
      concern: 'PRX-AAAA-0002',
    });
    await waitUntil(() => page.caption === 'Journal des envois, du plus récent au plus ancien');
    expect(page.link('Page suivante')!.getAttribute('href')).to.equal(
      '#/deliveries?status=failed&service=tranquillite-publique&concern=PRX-AAAA-0002&cursor=c2',
    );
    el.route = { section: 'deliveries', params: { status: 'held' } };
    await waitUntil(() => page.$<HTMLSelectElement>('#status')!.value === 'held');
    expect(page.$<HTMLInputElement>('#concern')!.value).to.equal('');
  });

  it('says when filters match nothing, and clears them', async () => {
    const { el, page } = await mount(async () => ({ items: [], nextCursor: null }), {
      params: { status: 'held' },
    });
    await waitUntil(() => page.state === 'empty');
    expect(page.stateText).to.equal('Aucun envoi ne correspond à ces filtres.');
    [...page.root.querySelectorAll('button')].find((b) => b.textContent!.includes('Effacer'))!.click();
    await waitUntil(() => Object.keys(el.route!.params).length === 0);
  });
});
