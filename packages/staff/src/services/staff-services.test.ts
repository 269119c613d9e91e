import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { defineElement } from '@proximite/widgets/kit/define.js';
import { apiError, fakeClient, fakeContext } from '../test-fixtures/client.js';
import { ServicesPageObject } from '../test-fixtures/services.page.js';
import { StaffServices } from './staff-services.js';

defineElement('prox-staff-services', StaffServices);

const SERVICES = [
  {
    id: 'tranquillite-publique',
    name: { fr: 'Tranquillité publique', en: 'Public peace' },
    members: ['stf-2'],
    target: { days: 5, unit: 'working-days' },
    delivery: { method: 'webhook', url: 'https://tp.amiens.test/hook', secretSet: true },
    contactAccess: true,
  },
  {
    id: 'mediateur',
    name: { fr: 'Médiateur de la ville', en: 'City ombudsman' },
    target: null,
    delivery: { method: 'email', to: ['mediateur@amiens.test'] },
    restricted: true,
  },
];
const ROUTING = {
  rules: [{ categoryCode: 'bruit', districtId: 'etouvie', serviceId: 'mediateur' }],
  defaults: [{ categoryCode: 'bruit', serviceId: 'tranquillite-publique' }],
};
const STAFF = [
  { id: 'stf-1', displayName: 'Dominique Coordination' },
  { id: 'stf-2', displayName: 'Alex Agent' },
];

async function mount({
  list = async () => SERVICES as unknown[],
  lang = 'fr',
  update = async (id: string, input: Record<string, unknown>) => ({ id, ...input }),
  create = async (input: Record<string, unknown>) => ({ ...input, webhookSecret: 'whsec_generated' }),
  put = async (input: { rules: unknown[] }) => ({ rules: input.rules, defaults: ROUTING.defaults }),
}: {
  list?: () => Promise<unknown[]>;
  lang?: string;
  update?: (id: string, input: Record<string, unknown>) => Promise<unknown>;
  create?: (input: Record<string, unknown>) => Promise<unknown>;
  put?: (input: { rules: unknown[] }) => Promise<unknown>;
} = {}) {
  const calls: unknown[] = [];
  const client = fakeClient({
    services: {
      list,
      update: (id: string, input: Record<string, unknown>) => (
        calls.push(['update', id, input]),
        update(id, input)
      ),
      create: (input: Record<string, unknown>) => (calls.push(['create', input]), create(input)),
    },
    routing: {
      get: async () => ROUTING,
      put: (input: { rules: unknown[] }) => (calls.push(['routing', input]), put(input)),
    },
    staff: { list: async () => STAFF },
  });
  const context = fakeContext(client, { permissions: ['concerns:read', 'services:write', 'staff:write'] });
  const el = await fixture<StaffServices>(
    html`<prox-staff-services
      lang=${lang}
      .context=${context}
      .route=${{ section: 'services', params: {} }}
    ></prox-staff-services>`,
  );
  return { el, page: new ServicesPageObject(el), calls, context };
}

describe('<prox-staff-services>', () => {
  it('lists the services with their delivery, target, members and particulars, and the rules', async () => {
    const { el, page } = await mount();
    await waitUntil(() => page.state === 'list', 'the list shows');
    await waitUntil(() => page.rules.length === 1 && page.rules[0]![0] === 'bruit', 'the lists are loaded');
    expect(page.heading).to.equal('Services et acheminement');
    expect(page.services[0]).to.deep.equal([
      'Tranquillité publique tranquillite-publique',
      'Webhook https://tp.amiens.test/hook (secret enregistré)',
      '5 jours ouvrés',
      '1',
      'Reçoit les coordonnées',
      'Modifier',
    ]);
    expect(page.services[1]!.slice(1, 5)).to.deep.equal([
      'Courriel mediateur@amiens.test',
      'Sans délai',
      '0',
      'Instance indépendante',
    ]);
    expect(page.rules).to.deep.equal([['bruit', 'etouvie', 'mediateur']]);
    expect(page.$('.defaults')!.textContent).to.include('Bruit → Tranquillité publique');
    await expect(el).to.be.accessible();
  });

  describe('in dark mode (prefers-color-scheme: dark)', () => {
    before(() => emulateMedia({ colorScheme: 'dark' }));
    after(() => emulateMedia({ colorScheme: 'light' }));

    for (const lang of ['fr', 'en'])
      it(`keeps its contrasts: the services, the rules and the editor (${lang})`, async () => {
        const { el, page } = await mount({ lang });
        await waitUntil(() => page.state === 'list', 'the list shows');
        await expect(el).to.be.accessible();
      });
  });

  it('speaks English', async () => {
    const { el, page } = await mount({ lang: 'en' });
    await waitUntil(() => page.state === 'list');
    expect(page.heading).to.equal('Services and routing');
    expect(page.services[0]![2]).to.equal('5 working days');
    page.edit('tranquillite-publique');
    await waitUntil(() => page.editorTitle === 'Edit: Public peace');
    await expect(el).to.be.accessible();
  });

  for (const lang of ['fr', 'en']) {
    it(`says it is loading, then that there is no service (${lang})`, async () => {
      let release!: () => void;
      const { el, page } = await mount({ lang, list: () => new Promise((r) => (release = () => r([]))) });
      await waitUntil(() => page.state === 'loading');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => page.state === 'empty');
      await expect(el).to.be.accessible();
    });

    it(`shows an alert when the services cannot be loaded (${lang})`, async () => {
      let fail = true;
      const { el, page } = await mount({
        lang,
        list: async () => {
          if (fail) throw apiError(503);
          return SERVICES;
        },
      });
      await waitUntil(() => page.state === 'error');
      await expect(el).to.be.accessible();
      fail = false;
      page.$<HTMLButtonElement>('.state--error button')!.click();
      await waitUntil(() => page.state === 'list');
    });
  }

  it('edits a service: the stored secret is never sent back unless a new one is asked for', async () => {
    const { el, page, calls, context } = await mount();
    await waitUntil(() => page.state === 'list');
    page.edit('tranquillite-publique');
    await waitUntil(() => page.editorTitle === 'Modifier : Tranquillité publique');
    expect(page.root.activeElement?.id).to.equal('editor-title');
    expect(page.$<HTMLInputElement>('#secret')!.value).to.equal('');
    expect(page.$<HTMLInputElement>('#secret')!.type).to.equal('password');
    await expect(el).to.be.accessible();
    page.type('target-days', '3');
    page.check('Dominique Coordination');
    page.save();
    await waitUntil(() => page.notice !== '');
    expect(calls[0]).to.deep.equal([
      'update',
      'tranquillite-publique',
      {
        name: { fr: 'Tranquillité publique', en: 'Public peace' },
        members: ['stf-2', 'stf-1'],
        target: { days: 3, unit: 'working-days' },
        delivery: { method: 'webhook', url: 'https://tp.amiens.test/hook' },
        contactAccess: true,
        police: false,
        restricted: false,
      },
    ]);
    expect(page.notice).to.equal('Service « Tranquillité publique » enregistré.');
    expect(context.announced).to.include('Service « Tranquillité publique » enregistré.');
    expect(page.services[0]![2]).to.equal('3 jours ouvrés');
    expect(page.$('.editor')).to.equal(null);
  });

  it('creates a webhook service and shows its generated secret once', async () => {
    const { el, page, calls } = await mount();
    await waitUntil(() => page.state === 'list');
    page.add();
    await waitUntil(() => page.editorTitle === 'Nouveau service');
    page.type('id', 'voirie');
    page.type('name-fr', 'Voirie');
    page.method('webhook');
    await el.updateComplete;
    page.type('webhook-url', 'https://voirie.amiens.test/hook');
    page.save();
    await waitUntil(() => page.notice !== '');
    expect(calls[0]).to.deep.equal([
      'create',
      {
        id: 'voirie',
        name: { fr: 'Voirie' },
        members: [],
        target: null,
        delivery: { method: 'webhook', url: 'https://voirie.amiens.test/hook' },
        contactAccess: false,
        police: false,
        restricted: false,
      },
    ]);
    expect(page.$('code.secret')!.textContent).to.equal('whsec_generated');
    expect(page.services.map((r) => r[0])).to.include('Voirie voirie');
    await expect(el).to.be.accessible();
  });

  it('lists what to fix before saving, and sends nothing', async () => {
    const { el, page, calls } = await mount();
    await waitUntil(() => page.state === 'list');
    page.add();
    await waitUntil(() => page.editorTitle === 'Nouveau service');
    page.type('id', 'Pas Bon');
    page.method('email');
    await el.updateComplete;
    page.type('to', 'pas-une-adresse');
    page.check('Service de police');
    page.check('Instance indépendante');
    page.save();
    await waitUntil(() => page.errors.length > 0);
    expect(page.errors).to.deep.equal([
      'L’identifiant : minuscules, chiffres et tirets, 64 caractères au plus.',
      'Le nom en français est requis (200 caractères au plus).',
      'Donnez de 1 à 20 adresses électroniques valides.',
      'Une instance indépendante ne peut pas être un service de police.',
    ]);
    expect(calls).to.have.length(0);
    expect(page.root.activeElement?.classList.contains('errors')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('edits the routing rules with the keyboard and saves them', async () => {
    const { el, page, calls } = await mount();
    await waitUntil(() => page.state === 'list');
    await waitUntil(() => page.$('#rule-0-category option[value="depots-sauvages"]'), 'the lists are loaded');
    page.addRule();
    await waitUntil(() => page.root.activeElement?.id === 'rule-1-category');
    page.choose('rule-1-category', 'depots-sauvages');
    page.choose('rule-1-service', 'tranquillite-publique');
    page.$<HTMLButtonElement>('#routing-title ~ form button[type="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => page.rulesNotice !== '');
    expect(calls.at(-1)).to.deep.equal([
      'routing',
      {
        rules: [
          { categoryCode: 'bruit', districtId: 'etouvie', serviceId: 'mediateur' },
          { categoryCode: 'depots-sauvages', districtId: null, serviceId: 'tranquillite-publique' },
        ],
      },
    ]);
    expect(page.rulesNotice).to.equal('Règles enregistrées (2).');
    await expect(el).to.be.accessible();
  });

  it('refuses incomplete and repeated rules before sending them', async () => {
    const { page, calls } = await mount();
    await waitUntil(() => page.state === 'list');
    await waitUntil(() => page.$('#rule-0-category option[value="bruit"]'));
    page.addRule();
    page.addRule();
    await page.el.updateComplete;
    page.choose('rule-1-category', 'bruit');
    page.choose('rule-1-district', 'etouvie');
    page.choose('rule-1-service', 'tranquillite-publique');
    page.saveRules();
    await waitUntil(() => page.rulesNotice !== '');
    expect(page.rulesNotice).to.equal(
      'Règle(s) 3 : choisissez une catégorie et un service. Règle(s) 2 : cette catégorie a déjà une règle pour ce quartier.',
    );
    expect(calls).to.have.length(0);
    page.$<HTMLButtonElement>('button[aria-label="Retirer la règle 3"]')!.click();
    await waitUntil(() => page.rules.length === 2);
  });
});
