import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElement } from '@proximite/widgets/kit/define.js';
import { apiError, fakeClient, fakeContext } from '../test-fixtures/client.js';
import { FiguresPageObject } from '../test-fixtures/figures.page.js';
import { StaffFigures } from './staff-figures.js';

defineElement('prox-staff-figures', StaffFigures);

const source = { type: 'city-report', title: 'Rapport d’activité 2025 de la police municipale' };
const PUBLISHED = [
  { metric: 'pm-interventions', period: '2025', value: 12000, unit: 'interventions', source },
  { metric: 'pm-calls', period: '2025', value: null, unit: 'appels', source },
];

async function mount({
  activity = async () => PUBLISHED as unknown[],
  put = async (input: { counters: unknown[] }) => input.counters,
  lang = 'fr',
}: {
  activity?: () => Promise<unknown[]>;
  put?: (input: { counters: unknown[] }) => Promise<unknown[]>;
  lang?: string;
} = {}) {
  const puts: unknown[] = [];
  const client = fakeClient({
    stats: {
      activity: () => activity(),
      putActivity: (input: { counters: unknown[] }) => (puts.push(input), put(input)),
    },
  });
  const context = fakeContext(client, { permissions: ['concerns:read', 'stats:write'] });
  const el = await fixture<StaffFigures>(
    html`<prox-staff-figures
      lang=${lang}
      .context=${context}
      .route=${{ section: 'figures', params: {} }}
    ></prox-staff-figures>`,
  );
  return { el, page: new FiguresPageObject(el), puts, context };
}

describe('<prox-staff-figures>', () => {
  it('opens the newest period with what is published, each metric with its definition', async () => {
    const { el, page } = await mount();
    await waitUntil(() => page.state === 'form', 'the form shows');
    expect(page.heading).to.equal('Chiffres d’activité');
    expect(page.$<HTMLInputElement>('#period')!.value).to.equal('2025');
    expect(page.value('pm-interventions').value).to.equal('12000');
    expect(page.suppressed('pm-calls').checked).to.equal(true);
    expect(page.value('pm-calls').disabled).to.equal(true);
    expect(page.unit('pm-impounds').value).to.equal('véhicules');
    const th = page.value('pm-impounds').closest('tr')!.querySelector('th')!;
    // The metric's name is the stats widget's own; its definition describes the field.
    expect(th.textContent).to.include('Véhicules mis en fourrière');
    expect(page.value('pm-impounds').getAttribute('aria-describedby')).to.equal('def-pm-impounds');
    expect(page.$('#def-pm-impounds')!.textContent).to.include('fourrière à la demande');
    expect(page.preview).to.deep.equal([
      'Période : 2025 | Interventions | 12 000 interventions',
      'Période : 2025 | Appels reçus | non communiqué appels',
    ]);
    expect(page.previewText).to.include('Source : Rapport d’activité 2025 de la police municipale');
    await expect(el).to.be.accessible();
  });

  it('speaks English', async () => {
    const { el, page } = await mount({ lang: 'en' });
    await waitUntil(() => page.state === 'form');
    expect(page.heading).to.equal('Activity figures');
    expect(page.preview[0]).to.equal('Period: 2025 | Call-outs | 12,000 interventions');
    expect(page.preview[1]).to.equal('Period: 2025 | Calls received | not published appels');
    await expect(el).to.be.accessible();
  });

  for (const lang of ['fr', 'en']) {
    it(`says it is loading, then shows an empty period when nothing is published (${lang})`, async () => {
      let release!: () => void;
      const { el, page } = await mount({
        lang,
        activity: () => new Promise((resolve) => (release = () => resolve([]))),
      });
      await waitUntil(() => page.state === 'loading');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => page.state === 'form');
      // The current year (the console's clock), nothing filled in, the preview says so.
      expect(page.$<HTMLInputElement>('#period')!.value).to.equal('2026');
      expect(page.value('pm-interventions').value).to.equal('');
      expect(page.previewText).to.include(
        lang === 'fr' ? 'Rien n’est encore publié' : 'Nothing is published yet',
      );
      await expect(el).to.be.accessible();
    });

    it(`shows an alert when the figures cannot be loaded, and loads again (${lang})`, async () => {
      let fail = true;
      const { el, page } = await mount({
        lang,
        activity: async () => {
          if (fail) throw apiError(503);
          return PUBLISHED;
        },
      });
      await waitUntil(() => page.state === 'error');
      await expect(el).to.be.accessible();
      fail = false;
      page.$<HTMLButtonElement>('.state--error button')!.click();
      await waitUntil(() => page.state === 'form');
    });
  }

  it('previews as one types, and publishes the period’s figures', async () => {
    const { el, page, puts, context } = await mount();
    await waitUntil(() => page.state === 'form');
    page.type('value-pm-interventions', '12 500');
    page.type('value-cafes-held', '24');
    await el.updateComplete;
    expect(page.preview).to.deep.equal([
      'Période : 2025 | Interventions | 12 500 interventions',
      'Période : 2025 | Appels reçus | non communiqué appels',
      'Période : 2025 | Cafés avec un policier tenus | 24 cafés',
    ]);
    page.publish();
    await waitUntil(() => page.outcome !== '');
    expect(puts).to.deep.equal([
      {
        counters: [
          { metric: 'pm-interventions', period: '2025', value: 12500, unit: 'interventions', source },
          { metric: 'pm-calls', period: '2025', value: null, unit: 'appels', source },
          { metric: 'cafes-held', period: '2025', value: 24, unit: 'cafés', source },
        ],
      },
    ]);
    expect(page.outcome).to.equal('Chiffres publiés pour 2025 : 3 indicateurs.');
    expect(context.announced).to.include('Chiffres publiés pour 2025 : 3 indicateurs.');
    await expect(el).to.be.accessible();
  });

  it('lists what to fix before publishing, linked to the fields, and sends nothing', async () => {
    const { el, page, puts } = await mount();
    await waitUntil(() => page.state === 'form');
    page.type('period', '2025-13');
    page.type('value-pm-impounds', 'beaucoup');
    page.type('source-title', '');
    page.publish();
    await waitUntil(() => page.errors.length > 0);
    expect(page.errors).to.deep.equal([
      'La période s’écrit 2026, 2026-Q1 ou 2026-03.',
      'Véhicules mis en fourrière : un nombre entier, sans signe ni virgule.',
      'Le titre de la source est requis (200 caractères au plus).',
    ]);
    expect(puts).to.have.length(0);
    expect(page.root.activeElement?.classList.contains('errors')).to.equal(true);
    expect(page.value('pm-impounds').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    page.$<HTMLAnchorElement>('.errors a[href="#value-pm-impounds"]')!.click();
    expect(page.root.activeElement).to.equal(page.value('pm-impounds'));
  });

  it('opens another period with the keyboard, keeping the source being written', async () => {
    const { el, page } = await mount();
    await waitUntil(() => page.state === 'form');
    page.type('source-title', 'Bilan du premier trimestre');
    const period = page.$<HTMLInputElement>('#period')!;
    period.focus();
    period.select();
    await sendKeys({ type: '2026-Q1' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(page.$('caption')!.textContent).to.include('2026-Q1');
    expect(page.value('pm-interventions').value).to.equal('');
    expect(page.$<HTMLInputElement>('#source-title')!.value).to.equal('Bilan du premier trimestre');
    page.value('pm-calls').focus();
    await sendKeys({ type: '4200' });
    await el.updateComplete;
    expect(page.preview).to.include('Période : 2026-Q1 | Appels reçus | 4 200 appels');
  });

  it('says when the publication failed', async () => {
    const { page } = await mount({
      put: async () => {
        throw apiError(503);
      },
    });
    await waitUntil(() => page.state === 'form');
    page.publish();
    await waitUntil(() => page.outcome !== '');
    expect(page.outcome).to.match(/^Les chiffres n’ont pas été publiés\./);
    expect(page.$('.notice--error[role="status"]')).to.exist;
  });
});
