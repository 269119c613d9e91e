import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElement } from '@proximite/widgets/kit/define.js';
import { apiError, fakeClient, fakeContext } from '../test-fixtures/client.js';
import { StaffAccountsPageObject } from '../test-fixtures/staff-accounts.page.js';
import { StaffAccounts } from './staff-accounts.js';

defineElement('prox-staff-accounts', StaffAccounts);

const member = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  email: `${id}@amiens.test`,
  displayName: id,
  role: 'agent',
  services: [],
  status: 'active',
  totpEnabled: false,
  createdAt: '2026-11-01T08:00:00Z',
  lastSignInAt: null,
  ...extra,
});
const ACCOUNTS = [
  member('stf-1', {
    displayName: 'Dominique Coordination',
    role: 'coordinator',
    totpEnabled: true,
    lastSignInAt: '2026-12-02T08:00:00Z',
  }),
  member('stf-2', { displayName: 'Alex Agent', services: ['tranquillite-publique'], totpEnabled: true }),
  member('stf-3', { displayName: 'Sacha Observation', role: 'observer', status: 'disabled' }),
];

async function mount({
  list = async () => ACCOUNTS as unknown[],
  lang = 'fr',
  extra = {},
}: { list?: () => Promise<unknown[]>; lang?: string; extra?: Record<string, unknown> } = {}) {
  const calls: unknown[] = [];
  const record =
    (name: string, fn: (...a: never[]) => unknown) =>
    (...args: unknown[]) => (calls.push([name, ...args]), (fn as (...a: unknown[]) => unknown)(...args));
  const client = fakeClient({
    staff: {
      list,
      invite: record('invite', async (input: Record<string, unknown>) => ({
        staff: member('stf-9', { ...input, status: 'invited' }),
        link: {
          kind: 'invitation',
          expiresAt: '2026-12-09T12:00:00Z',
          delivered: false,
          url: 'http://127.0.0.1:9/staff/#proximite-link=abc',
        },
      })),
      update: record('update', async (id: string, input: Record<string, unknown>) => ({
        ...ACCOUNTS.find((a) => a.id === id),
        ...input,
      })),
      disable: record('disable', async (id: string) => ({
        ...ACCOUNTS.find((a) => a.id === id),
        status: 'disabled',
      })),
      enable: record('enable', async (id: string) => ({
        ...ACCOUNTS.find((a) => a.id === id),
        status: 'active',
      })),
      resetPassword: record('resetPassword', async () => ({
        kind: 'password-reset',
        expiresAt: '2026-12-03T12:00:00Z',
        delivered: true,
      })),
      resetTotp: record('resetTotp', async (id: string) => ({
        ...ACCOUNTS.find((a) => a.id === id),
        totpEnabled: false,
      })),
      ...extra,
    },
  });
  const context = fakeContext(client, { permissions: ['concerns:read', 'staff:write'] });
  const el = await fixture<StaffAccounts>(
    html`<prox-staff-accounts
      lang=${lang}
      .context=${context}
      .route=${{ section: 'staff', params: {} }}
    ></prox-staff-accounts>`,
  );
  return { el, page: new StaffAccountsPageObject(el), calls, context };
}

describe('<prox-staff-accounts>', () => {
  it('lists accounts with role, services, state, second factor and actions, none on one’s own', async () => {
    const { el, page } = await mount();
    await waitUntil(() => page.state === 'list');
    await waitUntil(() => page.rows[1]![2] === 'Tranquillité publique', 'the lists are loaded');
    expect(page.heading).to.equal('Comptes et rôles');
    expect(page.rows[1]!.slice(0, 6)).to.deep.equal([
      'Alex Agent stf-2@amiens.test',
      'Agent',
      'Tranquillité publique',
      'Actif',
      'Activé',
      'Jamais',
    ]);
    expect(page.rows[0]![0]).to.equal('Dominique Coordination (vous) stf-1@amiens.test');
    expect(page.actions('Dominique')).to.deep.equal(['Modifier']);
    expect(page.actions('Alex')).to.deep.equal([
      'Modifier',
      'Réinitialiser le mot de passe',
      'Réinitialiser le second facteur',
      'Désactiver',
    ]);
    expect(page.actions('Sacha')).to.deep.equal(['Modifier', 'Réinitialiser le mot de passe', 'Réactiver']);
    await expect(el).to.be.accessible();
  });

  it('speaks English', async () => {
    const { el, page } = await mount({ lang: 'en' });
    await waitUntil(() => page.state === 'list');
    expect(page.heading).to.equal('Accounts and roles');
    expect(page.actions('Alex')).to.include('Disable');
    await expect(el).to.be.accessible();
  });

  for (const lang of ['fr', 'en']) {
    it(`says it is loading, then that there is no account (${lang})`, async () => {
      let release!: () => void;
      const { el, page } = await mount({ lang, list: () => new Promise((r) => (release = () => r([]))) });
      await waitUntil(() => page.state === 'loading');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => page.state === 'empty');
      await expect(el).to.be.accessible();
    });

    it(`shows an alert when the accounts cannot be loaded (${lang})`, async () => {
      let fail = true;
      const { el, page } = await mount({
        lang,
        list: async () => {
          if (fail) throw apiError(503);
          return ACCOUNTS;
        },
      });
      await waitUntil(() => page.state === 'error');
      await expect(el).to.be.accessible();
      fail = false;
      page.$<HTMLButtonElement>('.state--error button')!.click();
      await waitUntil(() => page.state === 'list');
    });
  }

  it('invites someone and shows the link to give when no e-mail could be sent', async () => {
    const { el, page, calls, context } = await mount();
    await waitUntil(() => page.state === 'list');
    page.invite();
    await waitUntil(() => page.editorTitle === 'Inviter une personne');
    expect(page.root.activeElement?.id).to.equal('editor-title');
    await expect(el).to.be.accessible();
    page.type('invite-email', 'camille@amiens.test');
    page.type('invite-name', 'Camille Nouvelle');
    page.choose('invite-role', 'coordinator');
    await el.updateComplete;
    expect(page.$('#invite-role-hint')!.textContent).to.include('Coordination : tous les signalements');
    page.submit();
    await waitUntil(() => page.notice !== '');
    expect(calls[0]).to.deep.equal([
      'invite',
      { email: 'camille@amiens.test', displayName: 'Camille Nouvelle', role: 'coordinator' },
    ]);
    expect(page.notice).to.include('Invitation créée pour Camille Nouvelle.');
    expect(page.$('code.link')!.textContent).to.equal('http://127.0.0.1:9/staff/#proximite-link=abc');
    expect(context.announced.at(-1)).to.include('transmettez ce lien');
    expect(page.rows[0]![0]).to.include('Camille Nouvelle');
    expect(page.rows[0]![3]).to.equal('Invité');
    await expect(el).to.be.accessible();
  });

  it('refuses an invitation without address or name, and sends nothing', async () => {
    const { el, page, calls } = await mount();
    await waitUntil(() => page.state === 'list');
    page.invite();
    await waitUntil(() => page.editorTitle !== '');
    page.submit();
    await waitUntil(() => page.errors.length > 0);
    expect(page.errors).to.deep.equal([
      'L’adresse électronique n’est pas valide.',
      'Le nom affiché est requis (100 caractères au plus).',
    ]);
    expect(calls).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('changes a role and services, sending only what changed', async () => {
    const { el, page, calls } = await mount();
    await waitUntil(() => page.state === 'list');
    await waitUntil(() => page.rows[1]![2] === 'Tranquillité publique');
    page.act('Alex', 'edit');
    await waitUntil(() => page.editorTitle === 'Modifier : Alex Agent');
    page.choose('edit-role', 'coordinator');
    page.checkService('Tranquillité publique');
    page.submit();
    await waitUntil(() => page.notice !== '');
    expect(calls[0]).to.deep.equal(['update', 'stf-2', { role: 'coordinator', services: [] }]);
    expect(page.notice).to.equal('Compte de Alex Agent enregistré.');
    expect(page.rows[1]![1]).to.equal('Coordination');
    await expect(el).to.be.accessible();
  });

  it('disables, resets and enables from the keyboard, each said in words', async () => {
    const { page, calls } = await mount();
    await waitUntil(() => page.state === 'list');
    page.$<HTMLButtonElement>('tbody tr:nth-child(2) button[data-action="disable"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => page.notice !== '');
    expect(page.notice).to.equal('Compte de Alex Agent désactivé : ses sessions sont fermées.');
    expect(page.rows[1]![3]).to.equal('Désactivé');
    expect(page.actions('Alex')).to.include('Réactiver');
    page.act('Alex', 'reset-password');
    await waitUntil(() => page.notice.startsWith('Lien'));
    expect(page.notice).to.equal(
      'Lien de réinitialisation du mot de passe créé pour Alex Agent. Le lien a été envoyé par courriel.',
    );
    page.act('Alex', 'reset-totp');
    await waitUntil(() => page.notice.startsWith('Second'));
    expect(page.rows[1]![4]).to.equal('Non');
    page.act('Sacha', 'enable');
    await waitUntil(() => page.notice.startsWith('Compte de Sacha'));
    expect(calls.map((c) => (c as unknown[])[0])).to.deep.equal([
      'disable',
      'resetPassword',
      'resetTotp',
      'enable',
    ]);
  });

  it('says when an action failed', async () => {
    const { page } = await mount({
      extra: {
        disable: async () => {
          throw apiError(409);
        },
      },
    });
    await waitUntil(() => page.state === 'list');
    page.act('Alex', 'disable');
    await waitUntil(() => page.notice !== '');
    expect(page.notice).to.match(/^L’action n’a pas abouti\./);
  });
});
