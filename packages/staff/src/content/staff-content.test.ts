import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElement } from '@proximite/widgets/kit/define.js';
import { apiError, fakeClient, fakeContext } from '../test-fixtures/client.js';
import { ContentPageObject } from '../test-fixtures/content.page.js';
import { StaffContent } from './staff-content.js';

defineElement('prox-staff-content', StaffContent);

const OVERRIDES = {
  localContacts: [
    {
      id: 'pm-amiens',
      kind: 'police-municipale',
      name: 'Police municipale d’Amiens',
      phone: '03 22 97 40 40',
    },
  ],
  contacts: [{ id: 'extra', label: { fr: 'Numéro local' }, channels: ['phone'] }],
  disclaimer: { fr: 'Informations générales, vérifiées par la ville.' },
};

async function mount({
  get = async () => OVERRIDES as unknown,
  put = async (input: unknown) => input,
  lang = 'fr',
}: { get?: () => Promise<unknown>; put?: (input: unknown) => Promise<unknown>; lang?: string } = {}) {
  const puts: unknown[] = [];
  const client = fakeClient({
    rights: { getOverrides: get, putOverrides: (input: unknown) => (puts.push(input), put(input)) },
  });
  const context = fakeContext(client, { permissions: ['concerns:read', 'content:write'] });
  const el = await fixture<StaffContent>(
    html`<prox-staff-content
      lang=${lang}
      .context=${context}
      .route=${{ section: 'content', params: {} }}
    ></prox-staff-content>`,
  );
  return { el, page: new ContentPageObject(el), puts, context };
}

describe('<prox-staff-content>', () => {
  it('shows the local contacts, the disclaimer, and where the retention periods are set', async () => {
    const { el, page } = await mount();
    await waitUntil(() => page.state === 'form');
    expect(page.heading).to.equal('Contenus et réglages');
    expect(page.contacts).to.deep.equal(['Contact 1 — Police municipale d’Amiens']);
    expect(page.$<HTMLInputElement>('#contact-0-phone')!.value).to.equal('03 22 97 40 40');
    expect(page.$<HTMLTextAreaElement>('#disclaimer-fr')!.value).to.equal(
      'Informations générales, vérifiées par la ville.',
    );
    expect(page.$('form')!.textContent).to.include(
      '1 contact national ajouté par l’API : conservé tel quel.',
    );
    // Not exposed by the API: said, not invented.
    expect(page.retention).to.include('PROXIMITE_RETENTION_CONTACT_DAYS');
    await expect(el).to.be.accessible();
  });

  it('speaks English', async () => {
    const { el, page } = await mount({ lang: 'en' });
    await waitUntil(() => page.state === 'form');
    expect(page.heading).to.equal('Content and settings');
    expect(page.retention).to.include('the API does not expose them');
    await expect(el).to.be.accessible();
  });

  for (const lang of ['fr', 'en']) {
    it(`says it is loading (${lang}), then shows an empty form when nothing is overridden`, async () => {
      let release!: () => void;
      const { el, page } = await mount({ lang, get: () => new Promise((r) => (release = () => r({}))) });
      await waitUntil(() => page.state === 'loading');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => page.state === 'form');
      expect(page.contacts).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it(`shows an alert when the content cannot be loaded (${lang})`, async () => {
      let fail = true;
      const { el, page } = await mount({
        lang,
        get: async () => {
          if (fail) throw apiError(503);
          return OVERRIDES;
        },
      });
      await waitUntil(() => page.state === 'error');
      await expect(el).to.be.accessible();
      fail = false;
      page.$<HTMLButtonElement>('.state--error button')!.click();
      await waitUntil(() => page.state === 'form');
    });
  }

  it('adds a contact with the keyboard and publishes, keeping the extra contacts', async () => {
    const { el, page, puts, context } = await mount();
    await waitUntil(() => page.state === 'form');
    page.$<HTMLButtonElement>('button.add-contact')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => page.root.activeElement?.id === 'contact-1-kind');
    page.choose('contact-1-kind', 'maison-justice-droit');
    page.$<HTMLInputElement>('#contact-1-name')!.focus();
    await sendKeys({ type: 'Maison de la justice et du droit' });
    page.type('disclaimer-en', 'General information, checked by the city.');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    page.save();
    await waitUntil(() => page.notice !== '');
    expect(puts).to.deep.equal([
      {
        localContacts: [
          OVERRIDES.localContacts[0],
          {
            id: 'maison-de-la-justice-et-du-droit',
            kind: 'maison-justice-droit',
            name: 'Maison de la justice et du droit',
          },
        ],
        contacts: OVERRIDES.contacts,
        disclaimer: {
          fr: 'Informations générales, vérifiées par la ville.',
          en: 'General information, checked by the city.',
        },
      },
    ]);
    expect(page.notice).to.equal('Contenus publiés : le guide des droits les affiche.');
    expect(context.announced).to.include('Contenus publiés : le guide des droits les affiche.');
  });

  it('lists what to fix before publishing, and sends nothing', async () => {
    const { el, page, puts } = await mount();
    await waitUntil(() => page.state === 'form');
    page.addContact();
    await el.updateComplete;
    page.type('contact-1-url', 'http://mjd.amiens.test');
    page.save();
    await waitUntil(() => page.errors.length > 0);
    expect(page.errors).to.deep.equal([
      'Contact 2 : le nom est requis.',
      'Contact 2 : l’adresse du site commence par https://.',
    ]);
    expect(puts).to.have.length(0);
    expect(page.root.activeElement?.classList.contains('errors')).to.equal(true);
    await expect(el).to.be.accessible();
    page.$<HTMLButtonElement>('button[aria-label="Retirer le contact 2"]')!.click();
    await waitUntil(() => page.contacts.length === 1);
  });

  it('says when the publication failed', async () => {
    const { page } = await mount({
      put: async () => {
        throw apiError(422);
      },
    });
    await waitUntil(() => page.state === 'form');
    page.save();
    await waitUntil(() => page.notice !== '');
    expect(page.notice).to.match(/^Les contenus n’ont pas été publiés\./);
  });
});
