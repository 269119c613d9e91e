import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { html as litHtml } from 'lit';
import type { AdminClient } from '@proximite/sdk/admin.js';
import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffSection } from '../shared/section.js';
import { StaffConsole } from './staff-console.js';
import type { NavGroup, SectionDefinition } from './sections.js';
import { forgetSession, rememberSession } from './session-hint.js';
import { apiError, fakeClient, session } from '../test-fixtures/client.js';
import { StaffSignIn } from '../sign-in/staff-sign-in.js';

defineElement('prox-staff-sign-in', StaffSignIn);

/** Sections of the test's own: the shell is tested apart from the real ones. */
class AlphaSection extends StaffSection {
  override render() {
    return litHtml`<div class="base">
      <h1 tabindex="-1">Alpha ${this.route?.id ?? ''}</h1>
      <label for="draft">Brouillon</label><textarea id="draft"></textarea>
    </div>`;
  }
}
class BetaSection extends StaffSection {
  override render() {
    return litHtml`<div class="base"><h1 tabindex="-1">Beta</h1></div>`;
  }
}

const loads: Record<string, number> = { alpha: 0, beta: 0, broken: 0 };
let brokenFails = true;

const table: SectionDefinition[] = [
  {
    id: 'alpha',
    tag: 'prox-test-alpha',
    label: { fr: 'Alpha', en: 'Alpha (en)' },
    nav: true,
    load: async () => {
      loads.alpha! += 1;
      defineElement('prox-test-alpha', AlphaSection);
    },
  },
  {
    id: 'beta',
    tag: 'prox-test-beta',
    label: { fr: 'Bêta', en: 'Beta' },
    nav: true,
    permission: 'beta:read',
    load: async () => {
      loads.beta! += 1;
      defineElement('prox-test-beta', BetaSection);
    },
  },
  {
    id: 'broken',
    tag: 'prox-test-broken',
    label: { fr: 'En panne', en: 'Broken' },
    nav: true,
    load: async () => {
      loads.broken! += 1;
      if (brokenFails) throw new Error('chunk missing');
      defineElement('prox-test-broken', class extends BetaSection {});
    },
  },
];

class TestConsole extends StaffConsole {
  static override sections = table;
}
defineElement('prox-test-console', TestConsole);

const client = {} as AdminClient;
const shadow = (el: Element) => el.shadowRoot!;
const text = (node: Element | ShadowRoot | null | undefined) =>
  node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const live = (el: TestConsole) => shadow(el).querySelector('[aria-live="polite"]')!;
const section = (el: TestConsole, tag: string) => shadow(el).querySelector(tag) as StaffSection | null;

async function mount(hash: string, attrs: { lang?: string; permissions?: string[] } = {}) {
  history.replaceState(null, '', hash);
  const el = await fixture<TestConsole>(
    html`<prox-test-console
      lang=${attrs.lang ?? 'fr'}
      .client=${client}
      .permissions=${attrs.permissions}
    ></prox-test-console>`,
  );
  return el;
}

describe('<prox-staff-console> shell', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('shows the section of the fragment, loaded once, with landmarks and a live region', async () => {
    const before = loads.alpha!;
    const el = await mount('#/alpha/one');
    await waitUntil(() => section(el, 'prox-test-alpha'), 'the alpha section shows');
    const alpha = section(el, 'prox-test-alpha')!;
    await alpha.updateComplete;
    expect(text(alpha.shadowRoot)).to.include('Alpha one');
    expect(alpha.route).to.deep.equal({ section: 'alpha', id: 'one', params: {} });
    expect(alpha.context?.client).to.equal(client);
    expect(shadow(el).querySelector('header.banner')).to.exist;
    expect(shadow(el).querySelector('nav[aria-label="Sections de la console"]')).to.exist;
    expect(shadow(el).querySelector('main#main')).to.exist;
    await waitUntil(() => text(live(el)) === 'Alpha', 'the section is announced');
    location.hash = '#/alpha/two';
    await waitUntil(() => text(alpha.shadowRoot).includes('Alpha two'));
    expect(loads.alpha! - before).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('marks the current section in the navigation and hides what the role may not see', async () => {
    const el = await mount('#/alpha', { permissions: [] });
    await waitUntil(() => section(el, 'prox-test-alpha'));
    const links = [...shadow(el).querySelectorAll('nav a')];
    expect(links.map((a) => text(a))).to.deep.equal(['Alpha', 'En panne']);
    expect(links[0]!.getAttribute('aria-current')).to.equal('page');
    expect(links[1]!.hasAttribute('aria-current')).to.equal(false);
    location.hash = '#/beta';
    await waitUntil(() => text(shadow(el).querySelector('main')).includes('Accès non autorisé'));
    expect(loads.beta).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('moves focus to the new section’s heading and says its name', async () => {
    const el = await mount('#/alpha', { permissions: ['beta:read'] });
    await waitUntil(() => section(el, 'prox-test-alpha'));
    location.hash = '#/beta';
    await waitUntil(() => section(el, 'prox-test-beta'));
    const beta = section(el, 'prox-test-beta')!;
    await waitUntil(() => beta.shadowRoot?.activeElement?.tagName === 'H1', 'focus on the h1');
    await waitUntil(() => text(live(el)) === 'Bêta');
    expect(text(beta.shadowRoot!.activeElement)).to.equal('Beta');
  });

  it('keeps a section’s element, and what was typed in it, across navigation', async () => {
    const el = await mount('#/alpha', { permissions: ['beta:read'] });
    await waitUntil(() => section(el, 'prox-test-alpha'));
    const alpha = section(el, 'prox-test-alpha')!;
    await alpha.updateComplete;
    alpha.shadowRoot!.querySelector('textarea')!.value = 'Réponse à moitié écrite';
    location.hash = '#/beta';
    await waitUntil(() => section(el, 'prox-test-beta'));
    location.hash = '#/alpha';
    await waitUntil(() => section(el, 'prox-test-alpha'));
    expect(section(el, 'prox-test-alpha')).to.equal(alpha);
    expect(alpha.shadowRoot!.querySelector('textarea')!.value).to.equal('Réponse à moitié écrite');
  });

  it('shows an alert when a section fails to load, and loads it again on retry', async () => {
    brokenFails = true;
    const el = await mount('#/broken');
    await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'the error shows');
    expect(text(shadow(el).querySelector('[role="alert"]'))).to.include('n’a pas pu être chargée');
    expect(shadow(el).querySelector('main h1')?.textContent?.trim()).to.equal('En panne');
    await expect(el).to.be.accessible();
    brokenFails = false;
    shadow(el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => section(el, 'prox-test-broken'), 'loaded on retry');
    expect(loads.broken).to.equal(2);
  });

  it('says when a route matches no section', async () => {
    const el = await mount('#/nowhere');
    const main = shadow(el).querySelector('main')!;
    expect(text(main)).to.include('Page introuvable');
    expect(main.querySelector('a')?.getAttribute('href')).to.equal('#/inbox');
    await expect(el).to.be.accessible();
  });

  it('moves focus to the main region from the skip link, leaving the route alone', async () => {
    const el = await mount('#/alpha');
    await waitUntil(() => section(el, 'prox-test-alpha'));
    shadow(el).querySelector<HTMLAnchorElement>('a.skip')!.click();
    expect(shadow(el).activeElement?.id).to.equal('main');
    expect(location.hash).to.equal('#/alpha');
  });

  it('speaks English beside French, and switches from the banner', async () => {
    const el = await mount('#/alpha', { lang: 'en' });
    await waitUntil(() => section(el, 'prox-test-alpha'));
    expect(text(shadow(el).querySelector('.skip'))).to.equal('Skip to content');
    expect(shadow(el).querySelector('nav')!.getAttribute('aria-label')).to.equal('Console sections');
    await expect(el).to.be.accessible();
    const toggle = shadow(el).querySelector<HTMLButtonElement>('.account button')!;
    expect(toggle.getAttribute('lang')).to.equal('fr');
    toggle.click();
    expect(el.lang).to.equal('fr');
    await waitUntil(() => text(shadow(el).querySelector('.skip')) === 'Aller au contenu');
    await expect(el).to.be.accessible();
  });

  it('navigates on behalf of a section, pushing or replacing the history entry', async () => {
    const el = await mount('#/alpha');
    await waitUntil(() => section(el, 'prox-test-alpha'));
    const length = history.length;
    el.navigate({ section: 'alpha', params: { q: 'x' } }, { replace: true });
    expect(location.hash).to.equal('#/alpha?q=x');
    expect(history.length).to.equal(length);
    await waitUntil(() => section(el, 'prox-test-alpha')!.route?.params.q === 'x');
  });
});

/** The same sections in groups: two in one (a disclosure), one alone in another (a link). */
const work: NavGroup = { id: 'work', label: { fr: 'Traitement', en: 'Casework' } };
const misc: NavGroup = { id: 'misc', label: { fr: 'Divers', en: 'Other' } };
class GroupedConsole extends StaffConsole {
  static override sections = [
    { ...table[0]!, group: work },
    { ...table[1]!, group: work },
    { ...table[2]!, group: misc },
  ];
}
defineElement('prox-test-grouped-console', GroupedConsole);

describe('<prox-staff-console> grouped navigation (disclosure)', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  async function mountGrouped(lang: string, permissions?: string[]) {
    history.replaceState(null, '', '#/alpha');
    const el = await fixture<GroupedConsole>(
      html`<prox-test-grouped-console
        lang=${lang}
        .client=${client}
        .permissions=${permissions}
      ></prox-test-grouped-console>`,
    );
    await waitUntil(() => shadow(el).querySelector('prox-test-alpha'));
    return el;
  }
  const button = (el: Element) => shadow(el).querySelector<HTMLButtonElement>('nav button')!;
  const panel = (el: Element) => shadow(el).getElementById(button(el).getAttribute('aria-controls')!)!;

  for (const [lang, name] of [
    ['fr', 'Traitement'],
    ['en', 'Casework'],
  ] as const)
    it(`opens a group with its button and closes it with Escape, focus back on the button (${lang})`, async () => {
      const el = await mountGrouped(lang, ['beta:read']);
      expect(text(button(el))).to.equal(name);
      expect(button(el).getAttribute('aria-expanded')).to.equal('false');
      expect(panel(el).hidden).to.equal(true);
      // The group holding the page shown is marked; the page itself is the link with aria-current.
      expect(button(el).classList.contains('current')).to.equal(true);
      // A group with one section for this role is a link of its own.
      expect(text(shadow(el).querySelector('nav > ul > li > a'))).to.equal(
        lang === 'fr' ? 'En panne' : 'Broken',
      );
      await expect(el).to.be.accessible();

      button(el).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => button(el).getAttribute('aria-expanded') === 'true');
      expect(panel(el).hidden).to.equal(false);
      expect(panel(el).querySelector('[aria-current="page"]')?.getAttribute('href')).to.equal('#/alpha');
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Tab' });
      expect(shadow(el).activeElement?.getAttribute('href')).to.equal('#/alpha');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => button(el).getAttribute('aria-expanded') === 'false');
      expect(panel(el).hidden).to.equal(true);
      expect(shadow(el).activeElement).to.equal(button(el));
    });

  it('follows a link of a group with the keyboard and closes the group', async () => {
    const el = await mountGrouped('fr', ['beta:read']);
    button(el).focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => !panel(el).hidden);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.textContent?.trim()).to.equal('Bêta');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).querySelector('prox-test-beta'), 'the beta section shows');
    expect(panel(el).hidden).to.equal(true);
    expect(panel(el).querySelector('[aria-current="page"]')?.getAttribute('href')).to.equal('#/beta');
  });

  for (const lang of ['fr', 'en'])
    it(`keeps its contrasts in dark mode: banner, open group, section (${lang})`, async () => {
      await emulateMedia({ colorScheme: 'dark' });
      try {
        const el = await mountGrouped(lang, ['beta:read']);
        button(el).click();
        await waitUntil(() => !panel(el).hidden);
        // The open group's panel takes the page's colours, which follow the scheme.
        const dark = getComputedStyle(panel(el)).backgroundColor;
        await emulateMedia({ colorScheme: 'light' });
        expect(getComputedStyle(panel(el)).backgroundColor).to.not.equal(dark);
        await emulateMedia({ colorScheme: 'dark' });
        await expect(el).to.be.accessible();
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });

  it('closes an open group when focus leaves the navigation', async () => {
    const el = await mountGrouped('en', ['beta:read']);
    button(el).click();
    await waitUntil(() => !panel(el).hidden);
    button(el).focus();
    shadow(el).querySelector<HTMLButtonElement>('.account button')!.focus();
    await waitUntil(() => panel(el).hidden, 'the group closes');
    expect(button(el).getAttribute('aria-expanded')).to.equal('false');
  });
});

describe('<prox-staff-console session>', () => {
  const draft = (el: TestConsole) => section(el, 'prox-test-alpha')!.shadowRoot!.querySelector('textarea')!;

  async function mountSession(client: ReturnType<typeof fakeClient>, hint: boolean, lang = 'fr') {
    if (hint) rememberSession(new Date(Date.now() + 3600_000).toISOString());
    else forgetSession();
    history.replaceState(null, '', '#/alpha');
    return fixture<TestConsole>(
      html`<prox-test-console lang=${lang} session .client=${client}></prox-test-console>`,
    );
  }
  afterEach(() => {
    forgetSession();
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('shows the sign-in on a first visit without asking the server (no 401 to log)', async () => {
    const client = fakeClient();
    const el = await mountSession(client, false);
    await waitUntil(() => shadow(el).querySelector('prox-staff-sign-in'), 'the sign-in shows');
    expect(client.calls).to.not.include('session.get');
    expect(shadow(el).querySelector('nav')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('opens the sections of a session still open, with who is signed in and a sign-out', async () => {
    const client = fakeClient();
    const el = await mountSession(client, true);
    await waitUntil(() => section(el, 'prox-test-alpha'), 'the section shows');
    expect(client.calls).to.include('session.get');
    expect(text(shadow(el).querySelector('.who'))).to.equal('Dominique Coordination (coordination)');
    const signOut = [...shadow(el).querySelectorAll<HTMLButtonElement>('.account button')].find(
      (b) => text(b) === 'Se déconnecter',
    )!;
    signOut.click();
    await waitUntil(() => shadow(el).querySelector('prox-staff-sign-in'), 'back to the sign-in');
    expect(client.calls).to.include('session.signOut');
    expect(section(el, 'prox-test-alpha')).to.equal(null);
    await waitUntil(() => text(live(el)) === 'Vous êtes déconnecté.');
  });

  it('signs in, then shows the section and moves focus to its heading', async () => {
    const client = fakeClient();
    const el = await mountSession(client, false);
    await waitUntil(() => shadow(el).querySelector('prox-staff-sign-in'));
    const signIn = shadow(el).querySelector<StaffSignIn>('prox-staff-sign-in')!;
    await signIn.updateComplete;
    const field = (id: string) => signIn.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
    field('email').value = 'coordination@demo.proximite.test';
    field('password').value = 'pw';
    signIn.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => section(el, 'prox-test-alpha'), 'the section shows');
    const alpha = section(el, 'prox-test-alpha')!;
    await waitUntil(() => alpha.shadowRoot?.activeElement?.tagName === 'H1', 'focus on the heading');
  });

  it('keeps a half-written answer through an expired session, under a sign-in dialog', async () => {
    const client = fakeClient();
    const el = await mountSession(client, true, 'en');
    await waitUntil(() => section(el, 'prox-test-alpha'));
    await section(el, 'prox-test-alpha')!.updateComplete;
    draft(el).value = 'Réponse à moitié écrite';
    let resumed = false;
    void section(el, 'prox-test-alpha')!
      .context!.reauthenticate()
      .then(() => (resumed = true));
    await waitUntil(() => shadow(el).querySelector('dialog[open]'), 'the dialog opens');
    const signIn = shadow(el).querySelector<StaffSignIn>('dialog prox-staff-sign-in')!;
    await signIn.updateComplete;
    expect(text(signIn.shadowRoot!.querySelector('h1'))).to.equal('Session expired');
    expect(signIn.shadowRoot!.querySelector<HTMLInputElement>('#email')!.value).to.equal(
      'coordination@demo.proximite.test',
    );
    await expect(el).to.be.accessible();
    signIn.shadowRoot!.querySelector<HTMLInputElement>('#password')!.value = 'pw';
    signIn.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => resumed, 'the section resumes');
    await waitUntil(() => !shadow(el).querySelector('dialog'), 'the dialog closes');
    expect(draft(el).value).to.equal('Réponse à moitié écrite');
    await waitUntil(() => text(live(el)).startsWith('You are signed in again'));
  });

  it('says when the server cannot tell, and asks again on retry', async () => {
    let fail = true;
    const client = fakeClient({
      session: { get: async () => (fail ? Promise.reject(apiError(503)) : session()) },
    });
    const el = await mountSession(client, true);
    await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'the error shows');
    await expect(el).to.be.accessible();
    fail = false;
    shadow(el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => section(el, 'prox-test-alpha'));
  });

  it('with no network, shows the sections of the session last seen, and asks again when it is back', async () => {
    let offline = true;
    const client = fakeClient({
      session: {
        get: async () => (offline ? Promise.reject(new TypeError('Failed to fetch')) : session()),
      },
    });
    rememberSession(new Date(Date.now() + 3600_000).toISOString(), undefined, ['concerns:triage']);
    history.replaceState(null, '', '#/alpha');
    const el = await fixture<TestConsole>(
      html`<prox-test-console lang="fr" session .client=${client}></prox-test-console>`,
    );
    await waitUntil(() => section(el, 'prox-test-alpha'), 'the section shows');
    expect(text(shadow(el).querySelector('.who'))).to.equal(
      'Hors ligne : la session sera vérifiée au retour du réseau.',
    );
    await expect(el).to.be.accessible();
    offline = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(
      () => text(shadow(el).querySelector('.who')) === 'Dominique Coordination (coordination)',
      'signed in again',
    );
    expect(client.calls.filter((c) => c === 'session.get')).to.have.length(2);
  });

  it('without a session seen before, no network is said as an unreachable server', async () => {
    const client = fakeClient({
      session: { get: async () => Promise.reject(new TypeError('Failed to fetch')) },
    });
    const el = await mountSession(client, true, 'en');
    await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'the error shows');
    expect(section(el, 'prox-test-alpha')).to.equal(null);
  });

  it('shows why a single sign-on failed, from the fragment the server sent back', async () => {
    forgetSession();
    history.replaceState(null, '', '#proximite-sso-error=unknown-account');
    const el = await fixture<TestConsole>(
      html`<prox-test-console lang="fr" session .client=${fakeClient()}></prox-test-console>`,
    );
    await waitUntil(() => shadow(el).querySelector('prox-staff-sign-in'));
    const signIn = shadow(el).querySelector<StaffSignIn>('prox-staff-sign-in')!;
    await signIn.updateComplete;
    expect(text(signIn.shadowRoot!.querySelector('[role="alert"]'))).to.include('Aucun compte');
    expect(location.hash).to.equal('#/inbox');
  });
});
