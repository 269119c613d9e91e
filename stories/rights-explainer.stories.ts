import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { RightsContent } from '@proximite/contract';
import { rightsContent } from '@proximite/content/rights/index.js';
import type { RightsClient } from '../packages/widgets/src/rights-explainer/client.js';
import type { RightsExplainer } from '../packages/widgets/src/rights-explainer/rights-explainer.js';
import '../packages/widgets/src/rights-explainer/define.js';

/** A story client: what the explainer asks of the SDK (`rights.get`), answered from memory. */
function storyClient(load: () => Promise<RightsContent>): RightsClient {
  return { rights: { get: () => load() } };
}
const ready = (content: RightsContent) => storyClient(async () => structuredClone(content));

/** The bundled content plus what a city adds through the backend's overrides. */
const withCity: RightsContent = {
  ...rightsContent,
  localContacts: [
    {
      id: 'pm-amiens',
      kind: 'police-municipale',
      name: 'Police municipale d’Amiens',
      address: 'Place de l’Hôtel de Ville, 80000 Amiens',
      phone: '03 22 97 40 40',
      hours: 'Lun.–ven. 8 h–18 h',
    },
    {
      id: 'mairie',
      kind: 'mairie',
      name: 'Mairie d’Amiens',
      address: 'Place de l’Hôtel de Ville, 80000 Amiens',
      url: 'https://www.amiens.fr/',
    },
    {
      id: 'mjd-nord',
      kind: 'maison-justice-droit',
      name: 'Maison de la justice et du droit d’Amiens Nord',
      description: {
        fr: 'Permanences gratuites d’avocats et de conciliateurs.',
        en: 'Free sessions with lawyers and conciliators.',
      },
    },
  ],
};

interface Args {
  lang: string;
  topic: string;
  easyRead: boolean;
  hideUnverified: boolean;
  client: RightsClient;
}

const meta: Meta<Args> = {
  title: 'Widgets/Rights explainer',
  component: 'prox-rights-explainer',
  args: { lang: 'fr', topic: '', easyRead: false, hideUnverified: false, client: ready(withCity) },
  argTypes: {
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    topic: { control: 'select', options: ['', ...rightsContent.topics.map((t) => t.id)] },
    client: { table: { disable: true } },
  },
  render: ({ lang, topic, easyRead, hideUnverified, client }) =>
    html`<prox-rights-explainer
      lang=${lang}
      topic=${topic}
      ?easy-read=${easyRead}
      ?hide-unverified=${hideUnverified}
      .client=${client}
    ></prox-rights-explainer>`,
};
export default meta;
type Story = StoryObj<Args>;

/** The explainer inside the story's canvas, once its content is shown. */
async function explainer(canvasElement: HTMLElement): Promise<RightsExplainer> {
  const el = canvasElement.querySelector('prox-rights-explainer');
  if (!el) throw new Error('no <prox-rights-explainer>');
  for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('button.toggle'); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return el;
}

export const Collapsed: Story = {};
export const Expanded: Story = { args: { topic: 'identity-checks' } };
export const Searched: Story = {
  play: async ({ canvasElement }) => {
    const el = await explainer(canvasElement);
    const input = el.shadowRoot?.querySelector<HTMLInputElement>('input[type=search]');
    if (!input) return;
    input.value = 'plainte';
    input.dispatchEvent(new Event('input'));
  },
};
export const Guide: Story = {
  play: async ({ canvasElement }) => {
    const el = await explainer(canvasElement);
    el.shadowRoot?.querySelector<HTMLInputElement>('input[value=mistreated]')?.click();
    el.shadowRoot?.querySelector<HTMLInputElement>('input[value=police-municipale]')?.click();
  },
};
export const EasyRead: Story = { args: { easyRead: true, topic: 'police-custody' } };
export const French: Story = { args: { lang: 'fr', topic: 'rio-and-receipt' } };
export const English: Story = { args: { lang: 'en', topic: 'rio-and-receipt' } };
export const HideUnverified: Story = { args: { hideUnverified: true, topic: 'filming-police' } };
export const WithoutLocalContacts: Story = { args: { client: ready(rightsContent) } };
export const Loading: Story = { args: { client: storyClient(() => new Promise(() => {})) } };
export const ErrorState: Story = {
  name: 'Error',
  args: {
    client: storyClient(async () => {
      throw Object.assign(new Error('Service Unavailable'), {
        problem: { title: 'Le service est momentanément indisponible.' },
      });
    }),
  },
};
export const Dark: Story = {
  render: ({ lang, client }) =>
    html`<div style="background:#111;padding:1rem">
      <prox-rights-explainer
        data-story-theme
        theme="dark"
        lang=${lang}
        .client=${client}
      ></prox-rights-explainer>
    </div>`,
};
