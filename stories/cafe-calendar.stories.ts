import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Cafe, CafeListQuery, District } from '@proximite/contract';
import type { ProximiteClient } from '@proximite/sdk';
import '../packages/widgets/src/cafe-calendar/define.js';

/** The stories' clock: Sunday 10 May 2026, 10:00 in Paris (stable screenshots and story tests). */
const NOW = new Date('2026-05-10T08:00:00Z');

const districts: District[] = [
  { id: 'centre-ville', name: 'Centre-ville' },
  { id: 'saint-leu', name: 'Saint-Leu' },
  { id: 'etouvie', name: 'Étouvie' },
  { id: 'amiens-nord', name: 'Amiens Nord' },
];

function cafe(overrides: Partial<Cafe> & Pick<Cafe, 'id' | 'title' | 'start' | 'end'>): Cafe {
  return {
    timeZone: 'Europe/Paris',
    allDay: false,
    place: { name: 'Le Quai', address: 'Place du Don, 80000 Amiens', lat: 49.8964, lon: 2.3012 },
    districtId: 'saint-leu',
    mode: 'in-person',
    organizer: { name: 'Police municipale d’Amiens' },
    languages: ['fr'],
    status: 'scheduled',
    sequence: 0,
    updatedAt: '2026-04-20T09:15:00Z',
    ...overrides,
  };
}

const saintLeu = cafe({
  id: 'saint-leu',
  title: { fr: 'Café avec la police — Saint-Leu', en: 'Coffee with the police — Saint-Leu' },
  description: {
    fr: 'Un moment d’échange informel avec les policiers du quartier, autour d’un café offert.',
    en: 'An informal chat with the neighbourhood officers, over a free coffee.',
  },
  start: '2026-05-12T17:30:00+02:00',
  end: '2026-05-12T19:00:00+02:00',
  organizer: { name: 'Police municipale d’Amiens', role: 'Brigade de proximité' },
  accessibility: {
    fr: 'Terrasse de plain-pied, accessible en fauteuil roulant.',
    en: 'Step-free terrace, wheelchair accessible.',
  },
  languages: ['fr', 'en'],
  url: 'https://www.amiens.fr/',
});
const etouvie = cafe({
  id: 'etouvie',
  title: { fr: 'Café avec la police — Étouvie', en: 'Coffee with the police — Étouvie' },
  start: '2026-05-20T10:00:00+02:00',
  end: '2026-05-20T12:00:00+02:00',
  place: {
    name: 'Centre social d’Étouvie',
    address: 'Avenue de Grenade, 80000 Amiens',
    lat: 49.9101,
    lon: 2.2601,
  },
  districtId: 'etouvie',
  status: 'cancelled',
  sequence: 3,
});
const online = cafe({
  id: 'online',
  title: { fr: 'Permanence en ligne avec la police', en: 'Online drop-in with the police' },
  start: '2026-05-27T18:00:00+02:00',
  end: '2026-05-27T19:00:00+02:00',
  place: { name: 'En ligne', address: '' },
  districtId: 'amiens-nord',
  mode: 'online',
  onlineUrl: 'https://visio.example.org/permanence',
  accessibility: { fr: 'Sous-titrage en direct.', en: 'Live captions.' },
  languages: ['fr', 'fsl'],
});
const hybrid = cafe({
  id: 'hybrid',
  title: { fr: 'Café de la gare — sur place et en ligne', en: 'Station café — in person and online' },
  start: '2026-05-14T08:00:00+02:00',
  end: '2026-05-14T09:30:00+02:00',
  place: {
    name: 'Parvis de la gare',
    address: 'Place Alphonse Fiquet, 80000 Amiens',
    lat: 49.8906,
    lon: 2.3077,
  },
  districtId: 'centre-ville',
  mode: 'hybrid',
  onlineUrl: 'https://visio.example.org/gare',
  organizer: { name: 'Commissariat d’Amiens' },
});
const forum = cafe({
  id: 'forum',
  title: { fr: 'Forum de la sécurité du quotidien', en: 'Everyday safety forum' },
  start: '2026-05-30T00:00:00+02:00',
  end: '2026-06-01T00:00:00+02:00',
  allDay: true,
  place: { name: 'Maison de la culture', address: '2 place Léon Gontier, 80000 Amiens' },
  districtId: 'centre-ville',
  organizer: { name: 'Ville d’Amiens' },
});
const june = cafe({
  id: 'june',
  title: { fr: 'Café avec la police — Saint-Leu', en: 'Coffee with the police — Saint-Leu' },
  start: '2026-06-09T17:30:00+02:00',
  end: '2026-06-09T19:00:00+02:00',
});

const allCafes = [saintLeu, hybrid, etouvie, online, forum, june];

/** A story client: what the calendar asks of the SDK, answered from memory. */
function storyClient(load: () => Promise<Cafe[]>): ProximiteClient {
  const client = {
    cafes: {
      async list(query: CafeListQuery = {}) {
        const items = await load();
        return {
          items: items.filter((c) => !query.district || c.districtId === query.district),
          nextCursor: null,
        };
      },
      icsUrl(query: { district?: string } | { id: string } = {}) {
        if ('id' in query) return `https://api.example.org/v1/cafes/${encodeURIComponent(query.id)}.ics`;
        return `https://api.example.org/v1/cafes.ics${query.district ? `?district=${query.district}` : ''}`;
      },
    },
    districts: { list: async () => districts },
  };
  return client as unknown as ProximiteClient;
}

const ready = (cafes: Cafe[]) => storyClient(async () => cafes);

interface Args {
  lang: string;
  view: 'list' | 'month';
  district: string;
  client: ProximiteClient;
}

const meta: Meta<Args> = {
  title: 'Widgets/Café calendar',
  component: 'prox-cafe-calendar',
  args: { lang: 'fr', view: 'list', district: '', client: ready(allCafes) },
  argTypes: {
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    view: { control: 'inline-radio', options: ['list', 'month'] },
    district: { control: 'select', options: ['', ...districts.map((d) => d.id)] },
    client: { table: { disable: true } },
  },
  render: ({ lang, view, district, client }) =>
    html`<prox-cafe-calendar
      lang=${lang}
      view=${view}
      district=${district}
      .client=${client}
      .now=${NOW}
    ></prox-cafe-calendar>`,
};
export default meta;

type Story = StoryObj<Args>;

export const List: Story = {};

/** The month view loads its module when first shown: the story waits for it (a11y checks the table). */
export const Month: Story = {
  args: { view: 'month' },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('prox-cafe-calendar')!;
    for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('table.month'); i++)
      await new Promise((r) => setTimeout(r, 20));
    if (!el.shadowRoot?.querySelector('table.month')) throw new Error('the month view did not load');
  },
};

export const Loading: Story = { args: { client: storyClient(() => new Promise(() => {})) } };

export const Empty: Story = { args: { client: ready([]) } };

export const ErrorState: Story = {
  name: 'Error',
  args: {
    client: storyClient(async () => {
      throw Object.assign(new Error('Service Unavailable'), {
        problem: {
          title: 'Service indisponible',
          detail: 'Le service des cafés est momentanément indisponible.',
        },
      });
    }),
  },
};

/** A long agenda: ten cafés, then « Voir 10 cafés de plus (13 restants) ». */
export const LongList: Story = {
  args: {
    client: ready(
      Array.from({ length: 23 }, (_, i) => {
        const start = Date.UTC(2026, 4, 11 + i, 15, 30); // 17:30 in Paris
        return cafe({
          id: `weekly-${i + 1}`,
          title: { fr: `Café avec la police n° ${i + 1}`, en: `Coffee with the police no. ${i + 1}` },
          start: new Date(start).toISOString(),
          end: new Date(start + 5_400_000).toISOString(),
        });
      }),
    ),
  },
};

export const Cancelled: Story = { args: { client: ready([etouvie, saintLeu]) } };

export const Online: Story = { args: { client: ready([online, hybrid]) } };

export const French: Story = { args: { lang: 'fr' } };

export const English: Story = { args: { lang: 'en' } };

export const Dark: Story = {
  render: ({ lang, view, client }) =>
    html`<div class="dark-page">
      <style>
        .dark-page {
          background: #161616;
          padding: 1rem;
        }
      </style>
      <prox-cafe-calendar
        theme="dark"
        data-story-theme
        lang=${lang}
        view=${view}
        .client=${client}
        .now=${NOW}
      ></prox-cafe-calendar>
    </div>`,
};

export const CustomTheme: Story = {
  render: ({ lang, view, client }) =>
    html`<div class="city-theme">
      <style>
        .city-theme prox-cafe-calendar {
          --prox-color-accent: #00654a;
          --prox-radius: 0;
          --prox-font-family: Georgia, serif;
          --prox-cafe-calendar-event-background: #f4f1e8;
          --prox-cafe-calendar-marker-color: #00654a;
          --prox-cafe-calendar-gap: 1.25rem;
        }
        .city-theme prox-cafe-calendar::part(day-heading) {
          text-transform: uppercase;
          letter-spacing: 0.04em;
        }
      </style>
      <prox-cafe-calendar
        theme="light"
        data-story-theme
        lang=${lang}
        view=${view}
        .client=${client}
        .now=${NOW}
      ></prox-cafe-calendar>
    </div>`,
};
