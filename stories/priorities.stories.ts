import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { District, PastMeeting, Priority } from '@proximite/contract';
import type { ProximiteClient } from '@proximite/sdk';
import '../packages/widgets/src/priorities/define.js';

/** Illustrative priorities (not a real city's), in the shape `GET /v1/priorities` answers. */
const priorities: Priority[] = [
  {
    id: 'prio-vitesse',
    issue: {
      fr: 'Vitesse excessive rue Jean-Moulin, devant l’école',
      en: 'Speeding on rue Jean-Moulin, by the school',
    },
    issueDate: '2026-02-10',
    status: 'done',
    districtId: 'saint-maurice',
    actions: [
      {
        text: { fr: 'Radar pédagogique installé', en: 'Speed display sign installed' },
        date: '2026-03-02',
        status: 'done',
      },
      {
        text: { fr: 'Contrôles de vitesse aux heures d’école', en: 'Speed checks at school times' },
        date: '2026-03-20',
        status: 'done',
      },
    ],
    sources: {
      concernReferences: [],
      cafeIds: ['cafe-1'],
      concernCount: 14,
      cafes: [
        {
          id: 'cafe-1',
          title: { fr: 'Café avec la police — Saint-Maurice', en: 'Café with the police — Saint-Maurice' },
          start: '2026-02-07T10:00:00+01:00',
          districtId: 'saint-maurice',
          hasReport: true,
        },
      ],
    },
    demo: true,
  },
  {
    id: 'prio-eclairage',
    issue: { fr: 'Éclairage insuffisant quai Bélu', en: 'Poor lighting on quai Bélu' },
    issueDate: '2026-04-01',
    status: 'in-progress',
    districtId: 'saint-leu',
    actions: [
      {
        text: { fr: 'Diagnostic de l’éclairage', en: 'Lighting survey' },
        date: '2026-04-15',
        status: 'done',
      },
      {
        text: { fr: 'Remplacement des lampadaires', en: 'New street lights' },
        date: '2026-12-15',
        status: 'planned',
      },
    ],
    sources: { concernReferences: [], cafeIds: [], concernCount: 6, cafes: [] },
    demo: true,
  },
  {
    id: 'prio-depots',
    issue: { fr: 'Dépôts sauvages square Saint-Leu', en: 'Fly-tipping in square Saint-Leu' },
    issueDate: '2026-05-03',
    status: 'raised',
    districtId: 'saint-leu',
    sources: { concernReferences: [], cafeIds: [], concernCount: 4, cafes: [] },
    demo: true,
  },
];

const districts = [
  { id: 'saint-leu', name: 'Saint-Leu' },
  { id: 'saint-maurice', name: 'Saint-Maurice' },
] as District[];

const meeting: PastMeeting = {
  cafe: {} as PastMeeting['cafe'],
  report: {
    cafeId: 'cafe-1',
    attendance: 23,
    topics: [
      { title: { fr: 'Vitesse rue Jean-Moulin', en: 'Speeding on rue Jean-Moulin' }, concernCount: 9 },
    ],
    answers: [
      {
        text: {
          fr: 'Des contrôles auront lieu aux heures d’école.',
          en: 'Checks will take place at school times.',
        },
      },
    ],
    followUps: [{ text: { fr: 'Point au prochain café.', en: 'Update at the next café.' } }],
    publishedAt: '2026-02-08T09:00:00Z',
    updatedAt: '2026-02-08T09:00:00Z',
    demo: true,
  },
};

/** A client that answers what the widget calls, from `load()`. */
function storyClient(load: () => Promise<Priority[]>): ProximiteClient {
  return {
    districts: { list: async () => districts },
    priorities: {
      async *iterate(query: { district?: string }) {
        for (const p of await load()) if (!query.district || p.districtId === query.district) yield p;
      },
      feedUrl: () => 'https://example.org/v1/priorities.atom',
    },
    meetings: { report: async () => meeting },
  } as unknown as ProximiteClient;
}

interface Args {
  lang: 'fr' | 'en';
  district?: string;
  status?: string;
  theme?: string;
  client: ProximiteClient;
}

const meta: Meta<Args> = {
  title: 'Widgets/prox-priorities',
  component: 'prox-priorities',
  args: { lang: 'fr', client: storyClient(async () => structuredClone(priorities)) },
  argTypes: {
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    status: { control: 'select', options: ['all', 'in-progress', 'done', 'raised'] },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    client: { table: { disable: true } },
  },
  render: ({ lang, district, status, theme, client }) =>
    html`<prox-priorities
      lang=${lang}
      district=${ifDefined(district)}
      status=${ifDefined(status)}
      theme=${ifDefined(theme)}
      .client=${client}
    ></prox-priorities>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};
export const English: Story = { args: { lang: 'en' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Done: Story = { args: { status: 'done' } };
export const OneDistrict: Story = { args: { district: 'saint-leu' } };
export const ReportOpen: Story = {
  args: { status: 'done' },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('prox-priorities')!;
    for (let i = 0; i < 50 && !el.shadowRoot?.querySelector('.cafe button'); i++)
      await new Promise((r) => setTimeout(r, 20));
    el.shadowRoot?.querySelector<HTMLButtonElement>('.cafe button')?.click();
  },
};
export const NoMatch: Story = { args: { district: 'saint-leu', status: 'done' } };
export const Empty: Story = { args: { client: storyClient(async () => []) } };
export const Loading: Story = { args: { client: storyClient(() => new Promise(() => {})) } };
export const LoadError: Story = {
  args: {
    client: storyClient(async () => {
      throw Object.assign(new globalThis.Error('Unavailable'), { name: 'ServerError', status: 503 });
    }),
  },
};
