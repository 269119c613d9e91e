import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffConsole } from '../console/staff-console.js';
import { forgetSession } from '../console/session-hint.js';
import { StaffSignIn } from '../sign-in/staff-sign-in.js';
import { apiError, fakeClient } from '../test-fixtures/client.js';
import { LinkPageObject } from '../test-fixtures/link.page.js';
import type { StaffLinkRedeemedEvent } from './staff-link.events.js';
import { StaffLink } from './staff-link.js';

defineElement('prox-staff-link', StaffLink);
defineElement('prox-staff-console', StaffConsole);
defineElement('prox-staff-sign-in', StaffSignIn);

const TOKEN = 'T'.repeat(43);
const INFO = {
  kind: 'invitation',
  email: 'camille@amiens.test',
  displayName: 'Camille Nouvelle',
  role: 'coordinator',
  expiresAt: '2026-12-09T12:00:00Z',
  totpEnabled: false,
};

async function mount({
  inspect = async () => INFO as unknown,
  redeem = async () => undefined as unknown,
  lang = 'fr',
}: {
  inspect?: () => Promise<unknown>;
  redeem?: (t: string, p: string) => Promise<unknown>;
  lang?: string;
} = {}) {
  const redeemed: unknown[] = [];
  const client = fakeClient({
    links: { inspect, redeem: (t: string, p: string) => (redeemed.push([t, p]), redeem(t, p)) },
  });
  const el = await fixture<StaffLink>(
    html`<prox-staff-link lang=${lang} .client=${client} token=${TOKEN}></prox-staff-link>`,
  );
  return { el, page: new LinkPageObject(el), redeemed, client };
}

describe('<prox-staff-link>', () => {
  it('says whose invitation it is, and sets the password', async () => {
    const { el, page, redeemed } = await mount();
    await waitUntil(() => page.state === 'form');
    expect(page.heading).to.equal('Bienvenue, Camille Nouvelle');
    expect(page.facts).to.include('camille@amiens.test');
    expect(page.facts).to.include('Coordination');
    expect(page.$<HTMLInputElement>('#new-password')!.autocomplete).to.equal('new-password');
    await expect(el).to.be.accessible();
    const done = new Promise<StaffLinkRedeemedEvent>((r) =>
      el.addEventListener('prox-staff-link-redeemed', r),
    );
    page.choose('un café place du Don');
    await waitUntil(() => page.state === 'done');
    expect(redeemed).to.deep.equal([[TOKEN, 'un café place du Don']]);
    expect(page.heading).to.equal('Mot de passe enregistré');
    // A coordinator sets up an authenticator app at the first sign-in: said before it happens.
    expect(page.text).to.include('application d’authentification');
    await expect(el).to.be.accessible();
    page.signIn();
    expect((await done).detail.email).to.equal('camille@amiens.test');
  });

  it('speaks English, and tells a reset from an invitation', async () => {
    const { el, page } = await mount({
      lang: 'en',
      inspect: async () => ({ ...INFO, kind: 'password-reset', role: 'agent' }),
    });
    await waitUntil(() => page.state === 'form');
    expect(page.heading).to.equal('Choose a new password');
    await expect(el).to.be.accessible();
    page.choose('correct horse battery staple');
    await waitUntil(() => page.state === 'done');
    expect(page.text).to.not.include('authenticator');
  });

  for (const lang of ['fr', 'en']) {
    it(`says it is checking, then that a used or expired link is no longer valid (${lang})`, async () => {
      let release!: () => void;
      const { el, page } = await mount({
        lang,
        inspect: () => new Promise((_, reject) => (release = () => reject(apiError(404)))),
      });
      await waitUntil(() => page.state === 'checking');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => page.state === 'invalid');
      expect(page.heading).to.equal(
        lang === 'fr' ? 'Ce lien n’est plus valable' : 'This link is no longer valid',
      );
      await expect(el).to.be.accessible();
    });

    it(`offers to try again when the link could not be checked (${lang})`, async () => {
      let fail = true;
      const { el, page } = await mount({
        lang,
        inspect: async () => {
          if (fail) throw apiError(503);
          return INFO;
        },
      });
      await waitUntil(() => page.state === 'error');
      await expect(el).to.be.accessible();
      fail = false;
      page.$<HTMLButtonElement>('.state--error button')!.click();
      await waitUntil(() => page.state === 'form');
    });
  }

  it('checks the password before sending it, with the keyboard', async () => {
    const { el, page, redeemed } = await mount();
    await waitUntil(() => page.state === 'form');
    page.$<HTMLInputElement>('#new-password')!.focus();
    await sendKeys({ type: 'trop court' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'trop court' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => page.errors !== '');
    expect(page.errors).to.include('Le mot de passe compte 12 caractères au moins.');
    expect(page.root.activeElement?.classList.contains('errors')).to.equal(true);
    expect(redeemed).to.have.length(0);
    await expect(el).to.be.accessible();
    page.choose('un café place du Don', 'un café place du don');
    await waitUntil(() => page.errors.includes('ne sont pas les mêmes'));
    expect(redeemed).to.have.length(0);
  });

  it('says when the server refused the password, and when the link was used meanwhile', async () => {
    let status = 422;
    const { page } = await mount({
      redeem: async () => {
        throw apiError(status);
      },
    });
    await waitUntil(() => page.state === 'form');
    page.choose('un café place du Don');
    await waitUntil(() => page.errors !== '');
    expect(page.errors).to.match(/^Le mot de passe n’a pas été enregistré\./);
    status = 404;
    page.choose('un café place du Don');
    await waitUntil(() => page.state === 'invalid');
  });
});

describe('<prox-staff-console> with an invitation link', () => {
  afterEach(() => {
    forgetSession();
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('shows the link’s page (its token out of the address bar), then the sign-in with the address', async () => {
    forgetSession();
    history.replaceState(null, '', `#proximite-link=${TOKEN}`);
    const client = fakeClient({ links: { inspect: async () => INFO, redeem: async () => undefined } });
    const el = await fixture<StaffConsole>(
      html`<prox-staff-console session .client=${client}></prox-staff-console>`,
    );
    expect(location.hash).to.equal('#/inbox');
    await waitUntil(() => el.shadowRoot!.querySelector<StaffLink>('prox-staff-link'), 'the link page');
    const page = new LinkPageObject(el.shadowRoot!.querySelector<StaffLink>('prox-staff-link')!);
    await waitUntil(() => page.state === 'form');
    expect(el.shadowRoot!.querySelector('prox-staff-sign-in')).to.equal(null);
    await expect(el).to.be.accessible();
    page.choose('un café place du Don');
    await waitUntil(() => page.state === 'done');
    page.signIn();
    await waitUntil(() => el.shadowRoot!.querySelector<StaffSignIn>('prox-staff-sign-in'), 'the sign-in');
    const s = el.shadowRoot!.querySelector<StaffSignIn>('prox-staff-sign-in')!;
    await s.updateComplete;
    expect(s.shadowRoot!.querySelector<HTMLInputElement>('#email')!.value).to.equal('camille@amiens.test');
    await waitUntil(() => s.shadowRoot!.activeElement?.id === 'password', 'focus on the password');
  });
});
