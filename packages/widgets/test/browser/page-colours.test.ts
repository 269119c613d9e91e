// The four widgets on a page that sets its own colours, as the documented snippet invites: one
// value per token (the city's dark blue), not `light-dark()`. In the scheme the page did not design
// for, the widgets must stay readable (axe's colour-contrast rule in light and dark, fr and en).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Cafe, ConcernCategory, District, RightsContent, StatsDataset } from '@proximite/contract';
import { defaultCategories } from '@proximite/content/categories.js';
import { rightsFor } from '@proximite/content/rights/index.js';
import { demoStats } from '@proximite/content/stats/index.js';
import '../../src/define-all.js';
import { cafe } from '../../src/cafe-calendar/test-fixtures/cafe.js';

const districts: District[] = [{ id: 'saint-leu', name: 'Saint-Leu' }];
const cafes: Cafe[] = [
  cafe({ id: 'a', url: 'https://www.amiens.fr/cafes' }),
  cafe({
    id: 'b',
    start: '2026-05-13T10:00:00+02:00',
    end: '2026-05-13T11:00:00+02:00',
    status: 'cancelled',
  }),
];

const client = {
  cafes: {
    list: async () => ({ items: cafes, nextCursor: null }),
    icsUrl: (q: { id?: string } = {}) => `https://api.example/v1/cafes${q.id ? `/${q.id}` : ''}.ics`,
  },
  districts: { list: async () => districts },
  concerns: {
    categories: async (): Promise<ConcernCategory[]> => defaultCategories,
    submit: async () => new Promise<never>(() => {}),
    status: async () => new Promise<never>(() => {}),
  },
  rights: {
    get: async ({ lang }: { lang?: 'fr' | 'en' }): Promise<RightsContent> => rightsFor(lang ?? 'fr'),
  },
  stats: { get: async (): Promise<StatsDataset> => demoStats },
};

/** The demo page's theme before this fix: one accent, one text colour, one surface, for both schemes. */
const singleValues = [
  '--prox-color-accent: #000091',
  '--prox-color-text: #161616',
  '--prox-color-text-muted: #4b5563',
  '--prox-color-surface: #fff',
  '--prox-color-surface-muted: #f3f4f6',
  '--prox-color-on-accent: #fff',
].join(';');
/** A page designed dark, with no light mode: its colours land on a light widget. */
const darkSingleValues = [
  '--prox-color-accent: #a5b4fc',
  '--prox-color-text: #f5f5f5',
  '--prox-color-surface: #161616',
  '--prox-color-on-accent: #111',
].join(';');

const ready = (el: Element) =>
  waitUntil(
    () => el.shadowRoot?.querySelector('.agenda, form, .topics, .figures'),
    `${el.localName} did not render`,
    { timeout: 8000 },
  );

async function page(theme: 'light' | 'dark', lang: 'fr' | 'en', colours: string) {
  const wrapper = await fixture<HTMLElement>(html`
    <div lang=${lang} data-colours=${colours}>
      <prox-cafe-calendar
        theme=${theme}
        .client=${client}
        .now=${new Date('2026-05-01T08:00:00Z')}
      ></prox-cafe-calendar>
      <prox-concern-form theme=${theme} .client=${client}></prox-concern-form>
      <prox-rights-explainer theme=${theme} .client=${client}></prox-rights-explainer>
      <prox-activity-stats theme=${theme} .client=${client}></prox-activity-stats>
    </div>
  `);
  // A test cannot use a style attribute in a template either (lint): set the tokens from script.
  wrapper.setAttribute('style', colours);
  const widgets = [...wrapper.children];
  for (const el of widgets) await ready(el);
  // Open a café's details (links and add-to-calendar buttons) and a topic (source links).
  widgets[0]!.shadowRoot!.querySelector<HTMLButtonElement>('button.disclosure')!.click();
  widgets[2]!.shadowRoot!.querySelector<HTMLButtonElement>('button.toggle')!.click();
  for (const el of widgets) await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  return widgets;
}

describe('widgets on a page with single-valued colours', function () {
  // Four widgets and four axe runs per test: 10 s is not enough on a loaded 2-core machine.
  this.timeout(60_000);
  for (const lang of ['fr', 'en'] as const) {
    it(`stay readable in dark mode when the page sets one light-mode palette (${lang})`, async () => {
      for (const el of await page('dark', lang, singleValues)) await expect(el).to.be.accessible();
    });

    it(`stay readable in light mode when the page sets one dark-mode palette (${lang})`, async () => {
      for (const el of await page('light', lang, darkSingleValues)) await expect(el).to.be.accessible();
    });
  }

  it('keep the page’s accent where it already reads, and its hue where it does not', async () => {
    const [calendar] = await page('light', 'fr', singleValues);
    const link = calendar!.shadowRoot!.querySelector('a')!;
    // In light mode the city's blue is used as it is…
    expect(getComputedStyle(link).color).to.match(/^oklch\(0\.29\d* 0\.2\d* 264/);
    calendar!.setAttribute('theme', 'dark');
    // …in dark mode it is lightened, keeping its hue (OKLCH lightness 0.78).
    expect(getComputedStyle(link).color).to.match(/^oklch\(0\.78 0\.2\d* 264/);
  });
});
