import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElement } from '@proximite/widgets/kit/define.js';
import type { Route } from '../console/router.js';
import { apiError, fakeClient, fakeContext } from '../test-fixtures/client.js';
import { AuditPageObject } from '../test-fixtures/audit.page.js';
import { StaffAudit } from './staff-audit.js';

defineElement('prox-staff-audit', StaffAudit);

const entry = (seq: number, actor: string, action: string, target: string) => ({
  seq,
  at: '2026-12-01T09:00:00Z',
  actor,
  action,
  target,
  hashPrev: '0'.repeat(64),
  hash: `${seq}`.padStart(4, '0') + 'abcdef'.repeat(10),
});

const ENTRIES = [
  entry(1, 'staff:stf-1', 'staff.sign-in', 'staff:stf-1'),
  entry(2, 'staff:stf-1', 'concern.triage', 'PRX-AAAA-0001'),
  entry(3, 'token:tok-1 (import)', 'stats.activity.put', 'stats:activity'),
  entry(4, 'staff:stf-2', 'concern.routed', 'PRX-AAAA-0002'),
];

type Lister = (query: Record<string, unknown>) => Promise<unknown>;

async function mount(
  list: Lister,
  {
    params = {},
    lang = 'fr',
    permissions = ['concerns:read', 'concerns:triage', 'staff:write'],
    verify = async () => ({ ok: true, checked: 1234, firstBrokenSeq: null }),
  }: {
    params?: Record<string, string>;
    lang?: string;
    permissions?: string[];
    verify?: () => Promise<unknown>;
  } = {},
) {
  const queries: Record<string, unknown>[] = [];
  const client = fakeClient({
    audit: { list: (q: Record<string, unknown>) => (queries.push(q), list(q)), verify },
    staff: {
      list: async () => [
        { id: 'stf-1', displayName: 'Dominique Coordination' },
        { id: 'stf-2', displayName: 'Hélène Agent' },
      ],
    },
  });
  const holder: { el?: StaffAudit } = {};
  const context = fakeContext(client, {
    permissions,
    onNavigate: (route: Route) => (holder.el!.route = route),
  });
  const el = (holder.el = await fixture<StaffAudit>(
    html`<prox-staff-audit
      lang=${lang}
      .context=${context}
      .route=${{ section: 'audit', params }}
    ></prox-staff-audit>`,
  ));
  return { el, page: new AuditPageObject(el), queries, context, client };
}

const listing =
  (items = ENTRIES, nextCursor: string | null = null) =>
  async () => ({ items, nextCursor });

describe('<prox-staff-audit>', () => {
  it('shows the log in order, with names for staff accounts and short fingerprints', async () => {
    const { el, page, queries, context } = await mount(listing());
    await waitUntil(() => page.state === 'list', 'the table shows');
    expect(page.heading).to.equal('Journal d’audit');
    expect(queries[0]).to.deep.equal({ limit: 50 });
    expect(page.caption).to.equal('Entrées n° 1 à 4');
    expect(page.headers).to.deep.equal(['N°', 'Date', 'Auteur', 'Action', 'Objet', 'Empreinte']);
    expect(page.rows[3]).to.deep.equal([
      '4',
      page.rows[3]![1],
      'Hélène Agent',
      'concern.routed',
      'PRX-AAAA-0002',
      '0004abcdefab…',
    ]);
    expect(page.rows[3]![1]).to.match(/^1 déc\. 2026, \d\d:00$/);
    expect(page.rows[2]![2]).to.equal('token:tok-1 (import)');
    await waitUntil(() => context.announced.includes('4 entrées chargées.'));
    await expect(el).to.be.accessible();
  });

  it('speaks English', async () => {
    const { el, page } = await mount(listing(), { lang: 'en' });
    await waitUntil(() => page.state === 'list');
    expect(page.heading).to.equal('Audit log');
    expect(page.caption).to.equal('Entries no. 1 to 4');
    expect(page.verifyButton.textContent!.trim()).to.equal('Verify the chain');
    await expect(el).to.be.accessible();
  });

  for (const lang of ['fr', 'en']) {
    it(`says it is loading, then that the log is empty (${lang})`, async () => {
      let release!: () => void;
      const { el, page } = await mount(
        () => new Promise((resolve) => (release = () => resolve({ items: [], nextCursor: null }))),
        { lang },
      );
      await waitUntil(() => page.state === 'loading');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => page.state === 'empty');
      expect(page.stateText).to.equal(
        lang === 'fr' ? 'Le journal ne contient encore aucune entrée.' : 'The log has no entry yet.',
      );
      await expect(el).to.be.accessible();
    });

    it(`shows an alert on error, and loads again (${lang})`, async () => {
      let fail = true;
      const { el, page } = await mount(
        async () => {
          if (fail) throw apiError(503);
          return { items: ENTRIES, nextCursor: null };
        },
        { lang },
      );
      await waitUntil(() => page.state === 'error');
      await expect(el).to.be.accessible();
      fail = false;
      page.$<HTMLButtonElement>('.state--error button')!.click();
      await waitUntil(() => page.state === 'list');
    });

    it(`verifies the chain and says it is intact (${lang}), from the keyboard`, async () => {
      const { el, page, context } = await mount(listing(), { lang });
      await waitUntil(() => page.state === 'list');
      page.verifyButton.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => page.verdict !== '' && !page.$('[aria-busy="true"].notice'));
      const said =
        lang === 'fr'
          ? 'Chaîne intacte : 1 234 entrées vérifiées, aucune n’a été modifiée ni retirée.'
          : 'Chain intact: 1,234 entries checked, none was altered or removed.';
      expect(page.verdict.replace(/\u202f|\u00a0/g, ' ')).to.equal(said);
      expect(page.verdictRole).to.equal('status');
      await waitUntil(() => context.announced.some((m) => m.replace(/\u202f|\u00a0/g, ' ') === said));
      await expect(el).to.be.accessible();
    });
  }

  it('says where a broken chain breaks, as an alert, with a link to the entry', async () => {
    const { el, page } = await mount(listing(), {
      verify: async () => ({ ok: false, checked: 56, firstBrokenSeq: 57 }),
    });
    await waitUntil(() => page.state === 'list');
    page.verify();
    await waitUntil(() => page.verdict !== '');
    expect(page.verdict).to.equal(
      'Chaîne rompue à l’entrée n° 57 : elle, ou une entrée avant elle, a été modifiée ou retirée après coup. 56 entrées vérifiées avant elle sont intactes. Afficher l’entrée n° 57',
    );
    expect(page.verdictRole).to.equal('alert');
    expect(page.link('Afficher l’entrée n° 57')!.getAttribute('href')).to.equal('#/audit?after=56');
    await expect(el).to.be.accessible();
  });

  it('says when the verification could not be made', async () => {
    const { page } = await mount(listing(), {
      verify: async () => {
        throw apiError(503);
      },
    });
    await waitUntil(() => page.state === 'list');
    page.verify();
    await waitUntil(() => page.verdict !== '');
    expect(page.verdict).to.match(/^La vérification n’a pas pu être faite\./);
    expect(page.verdictRole).to.equal('alert');
  });

  it('filters the page by actor, action and target, kept in the fragment', async () => {
    const { el, page, queries, context } = await mount(listing());
    await waitUntil(() => page.state === 'list');
    page.filter({ actor: 'helene', action: 'concern' });
    await waitUntil(() => page.rows.length === 1);
    expect(context.routes.at(-1)).to.deep.equal({
      section: 'audit',
      params: { actor: 'helene', action: 'concern' },
    });
    // Filters on words apply to the page: the API is not asked again.
    expect(queries.length).to.equal(1);
    expect(page.rows[0]![0]).to.equal('4');
    expect(page.$('p.summary')!.textContent).to.include(
      '1 entrée sur 4 de cette page correspond aux filtres.',
    );
    await expect(el).to.be.accessible();
    page.filter({ actor: '', action: '', target: 'nothing-like-it' });
    await waitUntil(() => page.stateText === 'Aucune entrée de cette page ne correspond aux filtres.');
    await expect(el).to.be.accessible();
  });

  it('pages by sequence number', async () => {
    const { page, queries } = await mount(listing(ENTRIES, '4'), { params: { after: '0' } });
    await waitUntil(() => page.state === 'list');
    expect(page.link('Entrées suivantes')!.getAttribute('href')).to.equal('#/audit?after=4');
    const second = await mount(listing([entry(5, 'staff:stf-1', 'staff.sign-out', 'staff:stf-1')]), {
      params: { after: '4' },
    });
    await waitUntil(() => second.page.state === 'list');
    expect(second.queries[0]).to.deep.equal({ limit: 50, after: 4 });
    expect(second.page.link('Début du journal')!.getAttribute('href')).to.equal('#/audit');
    expect(queries[0]).to.deep.equal({ limit: 50 });
  });
});
