import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElement } from '@proximite/widgets/kit/define.js';
import { apiError, fakeClient, fakeContext } from '../test-fixtures/client.js';
import { TemplatesPageObject } from '../test-fixtures/templates.page.js';
import { StaffTemplates } from './staff-templates.js';

defineElement('prox-staff-templates', StaffTemplates);

const tpl = (id: string, categoryCode: string | null, status: string, fr: string, en?: string) => ({
  id,
  categoryCode,
  status,
  text: { fr, ...(en ? { en } : {}) },
  updatedAt: '2026-12-01T09:00:00Z',
});
const TEMPLATES = [
  tpl(
    'tpl-1',
    'bruit',
    'closed',
    'Votre signalement {reference} est clos.',
    'Your concern {reference} is closed.',
  ),
  tpl('tpl-2', null, 'in-progress', 'Le {service} traite votre signalement.'),
];

async function mount({
  list = async () => TEMPLATES as unknown[],
  lang = 'fr',
  preview = async () => ({
    update: { status: 'closed', text: { fr: 'Votre signalement PRX-AAAA-0001 est clos.' } },
    email: {
      kind: 'closure',
      lang: 'fr',
      subject: 'Votre signalement PRX-AAAA-0001',
      text: 'Bonjour,\nVotre signalement est clos.',
      html: '',
    },
  }),
}: { list?: () => Promise<unknown[]>; lang?: string; preview?: () => Promise<unknown> } = {}) {
  const calls: unknown[] = [];
  const client = fakeClient({
    templates: {
      list,
      create: async (input: Record<string, unknown>) => (
        calls.push(['create', input]),
        { id: 'tpl-9', updatedAt: '2026-12-02T10:00:00Z', ...input }
      ),
      update: async (id: string, input: Record<string, unknown>) => (
        calls.push(['update', id, input]),
        { id, updatedAt: '2026-12-02T10:00:00Z', ...input }
      ),
      delete: async (id: string) => void calls.push(['delete', id]),
      preview: async (ref: string, input: unknown) => (calls.push(['preview', ref, input]), preview()),
    },
  });
  const context = fakeContext(client, { permissions: ['concerns:read', 'concerns:triage', 'content:write'] });
  const el = await fixture<StaffTemplates>(
    html`<prox-staff-templates
      lang=${lang}
      .context=${context}
      .route=${{ section: 'templates', params: {} }}
    ></prox-staff-templates>`,
  );
  return { el, page: new TemplatesPageObject(el), calls, context };
}

describe('<prox-staff-templates>', () => {
  it('lists templates, shared first, in both languages', async () => {
    const { el, page } = await mount();
    await waitUntil(() => page.state === 'list');
    await waitUntil(() => page.rows.some((r) => r[0] === 'Bruit'), 'the lists are loaded');
    expect(page.heading).to.equal('Modèles de réponse');
    expect(page.rows).to.deep.equal([
      ['Toutes (commun)', 'En cours', 'Le {service} traite votre signalement.'],
      ['Bruit', 'Clos', 'Votre signalement {reference} est clos. Your concern {reference} is closed.'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('speaks English', async () => {
    const { el, page } = await mount({ lang: 'en' });
    await waitUntil(() => page.state === 'list');
    expect(page.heading).to.equal('Response templates');
    expect(page.rows[0]![0]).to.equal('Every category (shared)');
    await expect(el).to.be.accessible();
  });

  for (const lang of ['fr', 'en']) {
    it(`says it is loading, then that there is no template (${lang})`, async () => {
      let release!: () => void;
      const { el, page } = await mount({ lang, list: () => new Promise((r) => (release = () => r([]))) });
      await waitUntil(() => page.state === 'loading');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => page.state === 'empty');
      await expect(el).to.be.accessible();
    });

    it(`shows an alert when the templates cannot be loaded (${lang})`, async () => {
      let fail = true;
      const { el, page } = await mount({
        lang,
        list: async () => {
          if (fail) throw apiError(503);
          return TEMPLATES;
        },
      });
      await waitUntil(() => page.state === 'error');
      await expect(el).to.be.accessible();
      fail = false;
      page.$<HTMLButtonElement>('.state--error button')!.click();
      await waitUntil(() => page.state === 'list');
    });
  }

  it('creates a template for a category, warning of an unknown placeholder, and previews it on a concern', async () => {
    const { el, page, calls } = await mount();
    await waitUntil(() => page.state === 'list');
    await waitUntil(() => page.rows.some((r) => r[0] === 'Bruit'));
    page.add();
    await waitUntil(() => page.editorTitle === 'Nouveau modèle');
    expect(page.root.activeElement?.id).to.equal('editor-title');
    page.choose('category', 'bruit');
    page.choose('status', 'closed');
    page.type('text-fr', 'Signalement {référence} clos.');
    await el.updateComplete;
    expect(page.$('.editor .notice--error')!.textContent).to.include('{référence}');
    page.type('text-fr', 'Votre signalement {reference} est clos.');
    await el.updateComplete;
    expect(page.$('.editor .notice--error')).to.equal(null);
    await expect(el).to.be.accessible();
    page.previewOn('prx-aaaa-0001');
    await waitUntil(() => page.previewText !== '');
    expect(calls[0]).to.deep.equal([
      'preview',
      'PRX-AAAA-0001',
      { status: 'closed', publicUpdate: { fr: 'Votre signalement {reference} est clos.' } },
    ]);
    expect(page.previewText).to.include('Votre signalement PRX-AAAA-0001 est clos.');
    expect(page.previewText).to.include('Courriel : « Votre signalement PRX-AAAA-0001 »');
    await expect(el).to.be.accessible();
    page.save();
    await waitUntil(() => page.notice !== '');
    expect(calls[1]).to.deep.equal([
      'create',
      { categoryCode: 'bruit', status: 'closed', text: { fr: 'Votre signalement {reference} est clos.' } },
    ]);
    expect(page.notice).to.equal('Modèle enregistré.');
    expect(page.rows).to.have.length(3);
  });

  it('refuses an empty text and a malformed reference for the preview', async () => {
    const { el, page, calls } = await mount();
    await waitUntil(() => page.state === 'list');
    page.add();
    await waitUntil(() => page.editorTitle !== '');
    page.save();
    await waitUntil(() => page.errors.length > 0);
    expect(page.errors).to.deep.equal(['Le texte en français est requis.']);
    page.previewOn('12');
    await waitUntil(() => page.previewText !== '');
    expect(page.previewText).to.equal('Une référence ressemble à PRX-7KQ2-M4XD.');
    expect(calls).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('edits and deletes with the keyboard', async () => {
    const { page, calls } = await mount();
    await waitUntil(() => page.state === 'list');
    page.$<HTMLButtonElement>('button[data-edit="tpl-1"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => page.editorTitle === 'Modifier le modèle');
    expect(page.$<HTMLTextAreaElement>('#text-en')!.value).to.equal('Your concern {reference} is closed.');
    page.type('text-en', 'Your concern {reference} is now closed.');
    page.save();
    await waitUntil(() => page.notice === 'Modèle enregistré.');
    expect(calls[0]).to.deep.equal([
      'update',
      'tpl-1',
      {
        categoryCode: 'bruit',
        status: 'closed',
        text: {
          fr: 'Votre signalement {reference} est clos.',
          en: 'Your concern {reference} is now closed.',
        },
      },
    ]);
    page.$<HTMLButtonElement>('button[data-remove="tpl-2"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => page.notice === 'Modèle supprimé.');
    expect(page.rows).to.have.length(1);
  });
});
