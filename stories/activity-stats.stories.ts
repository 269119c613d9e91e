import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { StatsDataset } from '@proximite/contract';
import type { ProximiteClient } from '@proximite/sdk';
import { demoStats } from '@proximite/content/stats/index.js';
import '../packages/widgets/src/activity-stats/define.js';

/** A client that answers `stats.get` with `load()` (only what the widget calls). */
function storyClient(load: () => Promise<StatsDataset>): ProximiteClient {
  return { stats: { get: load } } as unknown as ProximiteClient;
}
const ready = (dataset: StatsDataset) => storyClient(async () => structuredClone(dataset));

/**
 * An Amiens-like commune: invented values in the shape of the SSMSI commune file, with a value
 * under statistical secrecy and the Somme as comparison (its real rates from the demo data).
 */
const commune: StatsDataset = {
  ...demoStats,
  dataset: {
    ...demoStats.dataset,
    resource: 'donnee-data.gouv-2025-geographie2026-produit-le2026-06-25.csv (example figures)',
    edition: '2026-07-09',
    geographyVintage: 2026,
  },
  area: {
    level: 'commune',
    code: '80021',
    name: 'Amiens (exemple)',
    population: { value: 133625, vintage: 2023 },
  },
  comparisons: [{ area: demoStats.area, series: demoStats.series }],
  series: demoStats.series
    .filter((s) =>
      ['cambriolages-logement', 'usage-stupefiants-afd', 'violences-physiques-hors-famille'].includes(
        s.indicatorId,
      ),
    )
    .map((s) => ({
      ...s,
      points: s.points.map((p, i) =>
        s.indicatorId === 'usage-stupefiants-afd' && i < 6
          ? { year: p.year, count: null, rate: null, published: false, suppression: 'ndiff' }
          : {
              ...p,
              count: p.count === null ? null : Math.round(p.count * 0.45),
              rate: p.rate === null ? null : p.rate * 1.9,
            },
      ),
    })),
  caveats: [...demoStats.caveats, 'ndiff-not-zero'],
};

interface Args {
  lang: 'fr' | 'en';
  area?: string;
  indicators?: string;
  from?: number;
  to?: number;
  client: ProximiteClient;
}

const meta: Meta<Args> = {
  title: 'Widgets/prox-activity-stats',
  component: 'prox-activity-stats',
  args: { lang: 'fr', client: ready(demoStats) },
  argTypes: {
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    client: { table: { disable: true } },
  },
  render: ({ lang, area, indicators, from, to, client }) =>
    html`<prox-activity-stats
      lang=${lang}
      area=${ifDefined(area)}
      indicators=${ifDefined(indicators)}
      from=${ifDefined(from)}
      to=${ifDefined(to)}
      .client=${client}
    ></prox-activity-stats>`,
};
export default meta;
type Story = StoryObj<Args>;

/** The Somme (real SSMSI figures, January 2026 edition) with the illustrative activity counters. */
export const Somme: Story = {};
export const English: Story = { args: { lang: 'en' } };
export const Burglaries: Story = { args: { indicators: 'cambriolages-logement' } };
export const LastFiveYears: Story = { args: { from: 2021 } };
/** A commune with suppressed values (« non communiqué »), a gap in the chart and a comparison. */
export const CommuneWithSecrecy: Story = {
  args: { client: ready(commune), indicators: 'usage-stupefiants-afd,cambriolages-logement' },
};
export const TableShown: Story = {
  args: { client: ready(commune) },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('prox-activity-stats')!;
    await customElements.whenDefined('prox-activity-stats');
    for (let i = 0; i < 50 && !el.shadowRoot?.querySelector('[aria-controls="data-table"]'); i++)
      await new Promise((r) => setTimeout(r, 20));
    el.shadowRoot?.querySelector<HTMLButtonElement>('[aria-controls="data-table"]')?.click();
  },
};
export const TooltipOpen: Story = {
  args: { client: ready(commune) },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('prox-activity-stats')!;
    for (let i = 0; i < 50 && !el.shadowRoot?.querySelector('.point__year'); i++)
      await new Promise((r) => setTimeout(r, 20));
    const points = el.shadowRoot?.querySelectorAll<HTMLButtonElement>('.point__year');
    points?.[points.length - 1]?.focus();
  },
};
export const ActivityOnly: Story = { args: { client: ready({ ...demoStats, series: [], caveats: [] }) } };
export const Empty: Story = { args: { client: ready({ ...demoStats, series: [], activity: [] }) } };
export const Loading: Story = { args: { client: storyClient(() => new Promise(() => {})) } };
export const LoadError: Story = {
  args: {
    client: storyClient(async () => {
      throw Object.assign(new globalThis.Error('Not found'), {
        problem: { title: 'Not found', detail: 'Aucune donnée pour la zone 99999.' },
      });
    }),
  },
};
