import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ConcernInput, ConcernReceipt, ConcernStatusView, District } from '@proximite/contract';
import {
  NetworkError,
  ServerError,
  UnprocessableError,
  createOutbox,
  memoryStorage,
  type Outbox,
} from '@proximite/sdk';
import { defaultCategories } from '@proximite/content/categories.js';
import type { ConcernClient } from '../packages/widgets/src/concern-form/backend.js';
import '../packages/widgets/src/concern-form/define.js';

const districts: District[] = [
  { id: 'centre-ville', name: 'Centre-ville' },
  { id: 'saint-leu', name: 'Saint-Leu' },
  { id: 'etouvie', name: 'Étouvie' },
  { id: 'amiens-nord', name: 'Amiens Nord' },
];

const receipt: ConcernReceipt = {
  reference: 'PRX-7K3M-Q9AB',
  statusToken: 'story-token-0123456789abcdef',
  service: {
    id: 'proprete',
    name: { fr: 'Propreté urbaine — Amiens Métropole', en: 'Street cleaning — Amiens Métropole' },
  },
  status: 'received',
  submittedAt: '2026-05-12T10:00:00+02:00',
};

const statusView: ConcernStatusView = {
  reference: receipt.reference,
  categoryCode: 'depots-sauvages',
  service: receipt.service,
  status: 'action-scheduled',
  submittedAt: '2026-05-12T10:00:00+02:00',
  updatedAt: '2026-05-14T09:30:00+02:00',
  updates: [
    {
      id: 'u1',
      at: '2026-05-13T08:00:00+02:00',
      status: 'in-progress',
      text: { fr: 'Signalement pris en charge par l’équipe du secteur.', en: 'Taken on by the area team.' },
    },
    {
      id: 'u2',
      at: '2026-05-14T09:30:00+02:00',
      status: 'action-scheduled',
      text: { fr: 'Enlèvement prévu jeudi matin.', en: 'Removal planned on Thursday morning.' },
    },
  ],
};

/** Resolved: the resident may answer « Le problème est-il réglé ? » or ask for the news by e-mail. */
const closedView: ConcernStatusView = {
  ...statusView,
  status: 'resolved',
  updatedAt: '2026-05-20T11:00:00+02:00',
  updates: [
    ...statusView.updates,
    {
      id: 'u3',
      at: '2026-05-20T11:00:00+02:00',
      status: 'resolved',
      text: { fr: 'Les encombrants ont été enlevés.', en: 'The items were removed.' },
    },
  ],
  verdictOpen: true,
  emailUpdates: false,
};

type Submit = 'ok' | 'offline' | 'refused' | 'reject' | 'pending' | 'down' | 'empty' | 'closed';

/** A story client: what the form asks of the SDK, answered from memory. */
function storyClient(submit: Submit = 'ok'): ConcernClient {
  return {
    concerns: {
      categories: async (options?: { cache?: boolean }) => {
        if (submit === 'down')
          throw new ServerError(503, { type: 'about:blank', title: 'Service Unavailable', status: 503 });
        if (submit === 'empty') return [];
        // 'offline': no answer at all, reads included (the form's check after a failed send);
        // 'refused': reads answer, reports fail as a refused origin does (CORS).
        if (submit === 'offline' && options?.cache === false) throw new TypeError('Failed to fetch');
        return defaultCategories;
      },
      submit: async (_input: ConcernInput) => {
        if (submit === 'pending') return new Promise<ConcernReceipt>(() => {});
        if (submit === 'offline' || submit === 'refused')
          throw new NetworkError('POST /v1/concerns: network error');
        if (submit === 'reject')
          throw new UnprocessableError(422, {
            type: 'about:blank',
            title: 'Unprocessable Content',
            status: 422,
            detail: 'Cette catégorie n’est plus proposée par le service.',
          });
        return receipt;
      },
      status: async () => (submit === 'closed' ? closedView : statusView),
      feedback: async (_reference: string, _secret: string, verdict: { resolved: boolean }) => ({
        ...closedView,
        status: verdict.resolved ? 'resolved' : 'reopen-requested',
        verdictOpen: false,
        verdict: { resolved: verdict.resolved, at: '2026-06-03T09:00:00+02:00' },
      }),
      addEmail: async () => ({ ...closedView, emailUpdates: true }),
    },
    districts: { list: async () => districts },
  } as unknown as ConcernClient;
}

interface Args {
  lang: 'fr' | 'en';
  mode: 'form' | 'status';
  categories: string;
  submit: Submit;
}

/** Each story gets its own outbox in memory, so stories never send each other's reports. */
const outboxFor = (client: ConcernClient): Outbox =>
  createOutbox({ client, storage: memoryStorage(`story-${Math.random()}`), retryDelay: 60_000 });

/** Stories share one page: a draft saved by a story must not open the next one mid-way. */
function clearDrafts() {
  localStorage.removeItem('proximite:concern-draft:');
  localStorage.removeItem('proximite:concern-draft::pending');
}

const render = ({ lang, mode, categories, submit }: Args) => {
  clearDrafts();
  const client = storyClient(submit);
  return html`<prox-concern-form
    lang=${lang}
    mode=${mode}
    categories=${categories}
    .client=${client}
    .outbox=${outboxFor(client)}
    .contact=${contact}
  ></prox-concern-form>`;
};

/** The city's human contact, shown with 17 / 112 / 114 wherever the form cannot help. */
const contact = {
  name: { fr: 'Mairie d’Amiens — accueil', en: 'Amiens town hall — front desk' },
  phone: '03 22 97 40 40',
  url: 'https://www.amiens.fr/contact',
  hours: { fr: 'du lundi au vendredi, 8 h 30 – 17 h 30', en: 'Monday to Friday, 8:30 am – 5:30 pm' },
};

// ---------------------------------------------------------------------------
// Play helpers: plain DOM, inside the widget's shadow root.

const form = (canvas: HTMLElement) => canvas.querySelector('prox-concern-form')!;
const $ = (canvas: HTMLElement, selector: string) =>
  form(canvas).shadowRoot!.querySelector<HTMLElement>(selector);

async function until(check: () => unknown, timeout = 3000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeout) throw new Error('story: state not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function click(canvas: HTMLElement, selector: string) {
  await until(() => $(canvas, selector));
  $(canvas, selector)!.click();
  await form(canvas).updateComplete;
}

async function fill(canvas: HTMLElement, selector: string, value: string) {
  await until(() => $(canvas, selector));
  const input = $(canvas, selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await form(canvas).updateComplete;
}

const next = (canvas: HTMLElement) => click(canvas, 'button[type="submit"]');

async function toStep(
  canvas: HTMLElement,
  step: 'description' | 'location' | 'details' | 'contact' | 'review',
) {
  await click(canvas, 'input[value="depots-sauvages"]');
  await next(canvas);
  if (step === 'description') return;
  await fill(
    canvas,
    '#f-description',
    'Un matelas et des sacs d’ordures au pied de l’immeuble, depuis lundi.',
  );
  await next(canvas);
  if (step === 'location') return;
  await fill(canvas, '#f-address', '12 rue des Majots');
  await next(canvas);
  if (step === 'details') return;
  await click(canvas, 'input[name="f-attr-type-depot"][value="encombrants"]');
  await next(canvas);
  if (step === 'contact') return;
  await next(canvas);
}

const meta: Meta<Args> = {
  title: 'Widgets/prox-concern-form',
  component: 'prox-concern-form',
  args: { lang: 'fr', mode: 'form', categories: '', submit: 'ok' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    mode: { control: 'inline-radio', options: ['form', 'status'] },
    submit: {
      control: 'select',
      options: ['ok', 'offline', 'refused', 'reject', 'pending', 'down', 'empty', 'closed'],
    },
  },
  render,
};
export default meta;

type Story = StoryObj<Args>;

/** Step 1: categories from the backend, grouped, each with its description. */
export const Category: Story = {};

/** "Continuer" with nothing chosen: the error summary takes focus and links to the field. */
export const ErrorSummary: Story = { play: async ({ canvasElement }) => next(canvasElement) };

/** An emergency category: the stopper (17 / 112 / 114 by text) replaces the way forward. */
export const EmergencyStopper: Story = {
  play: async ({ canvasElement }) => {
    await click(canvasElement, 'input[value="danger-immediat"]');
    await next(canvasElement);
  },
};

/** An answer that calls for the stopper ("Is anyone in danger right now?" → yes). */
export const AnswerStopper: Story = {
  play: async ({ canvasElement }) => {
    await click(canvasElement, 'input[value="autre"]');
    await next(canvasElement);
    await fill(canvasElement, '#f-description', 'Des cris dans la cage d’escalier.');
    await next(canvasElement);
    await fill(canvasElement, '#f-address', 'Rue de la Hotoie');
    await next(canvasElement);
    await click(canvasElement, 'input[name="f-attr-danger-immediat"][value="oui"]');
  },
};

export const Description: Story = { play: ({ canvasElement }) => toStep(canvasElement, 'description') };

export const Location: Story = { play: ({ canvasElement }) => toStep(canvasElement, 'location') };

export const Details: Story = { play: ({ canvasElement }) => toStep(canvasElement, 'details') };

/** Contact: anonymous by default; choosing to be contacted shows the fields and the GDPR notice. */
export const Contact: Story = {
  play: async ({ canvasElement }) => {
    await toStep(canvasElement, 'contact');
    await click(canvasElement, '#f-contact-contact');
  },
};

/** The GDPR notice as a deployment configures it (the `privacy` property). */
export const ContactConfiguredNotice: Story = {
  render: (args) => {
    clearDrafts();
    const client = storyClient(args.submit);
    return html`<prox-concern-form
      lang=${args.lang}
      .client=${client}
      .outbox=${outboxFor(client)}
      .privacy=${{
        controller: 'Ville d’Amiens, place de l’Hôtel de Ville, 80000 Amiens',
        purpose: {
          fr: 'Traiter votre signalement et vous répondre.',
          en: 'Handling your report and answering you.',
        },
        legalBasis: {
          fr: 'Mission d’intérêt public (RGPD, art. 6-1-e).',
          en: 'Public-interest task (GDPR art. 6(1)(e)).',
        },
        retention: {
          fr: '12 mois après la clôture du signalement.',
          en: '12 months after the report is closed.',
        },
        rights: {
          fr: 'Accès, rectification, effacement : dpo@amiens.fr ; réclamation à la CNIL.',
          en: 'Access, rectification, erasure: dpo@amiens.fr; complaint to the CNIL.',
        },
        dpo: 'dpo@amiens.fr',
      }}
    ></prox-concern-form>`;
  },
  play: async ({ canvasElement }) => {
    await toStep(canvasElement, 'contact');
    await click(canvasElement, '#f-contact-contact');
  },
};

export const Review: Story = { play: ({ canvasElement }) => toStep(canvasElement, 'review') };

export const Sending: Story = {
  args: { submit: 'pending' },
  play: async ({ canvasElement }) => {
    await toStep(canvasElement, 'review');
    await next(canvasElement);
  },
};

/** No answer from the backend: kept on the device, sent later, once (« en attente du service »). */
export const Queued: Story = {
  args: { submit: 'offline' },
  play: async ({ canvasElement }) => {
    await toStep(canvasElement, 'review');
    await next(canvasElement);
    await until(
      () =>
        $(canvasElement, '.panel h3')?.textContent?.includes('attente') ||
        $(canvasElement, '.panel h3')?.textContent?.includes('waiting'),
    );
  },
};

/** Sent: the reference, the service it went to and the status link. */
export const Sent: Story = {
  play: async ({ canvasElement }) => {
    await toStep(canvasElement, 'review');
    await next(canvasElement);
    await until(() => $(canvasElement, '.receipt'));
  },
};

/**
 * The backend answers reads but refuses this site's reports (its origin is not allowed, CORS): the
 * resident is told so — never « hors ligne » — with the emergency numbers and the city's contact.
 */
export const RefusedOrigin: Story = {
  args: { submit: 'refused' },
  play: async ({ canvasElement }) => {
    await toStep(canvasElement, 'review');
    await next(canvasElement);
    await until(() => $(canvasElement, '.panel--failed'), 5000);
  },
};

export const RefusedOriginEnglishDark: Story = {
  args: { submit: 'refused', lang: 'en' },
  render: (args) => html`<div data-story-theme>${render(args)}</div>`,
  play: async ({ canvasElement }) => {
    form(canvasElement).setAttribute('theme', 'dark');
    await toStep(canvasElement, 'review');
    await next(canvasElement);
    await until(() => $(canvasElement, '.panel--failed'), 5000);
  },
};

/** The categories cannot load: the reason in the resident's words, 17 / 112 / 114 and a contact. */
export const LoadError: Story = { args: { submit: 'down' } };

/** No category offered: the same help. */
export const Empty: Story = { args: { submit: 'empty' } };

/** Refused by the backend: the reason and a retry. */
export const Failed: Story = {
  args: { submit: 'reject' },
  play: async ({ canvasElement }) => {
    await toStep(canvasElement, 'review');
    await next(canvasElement);
    await until(() => $(canvasElement, '.panel--failed'));
  },
};

/** Status lookup: reference and tracking code. */
export const StatusLookup: Story = { args: { mode: 'status' } };

/** Status lookup: the lifecycle (not colour-only) and the public updates. */
export const StatusResult: Story = {
  args: { mode: 'status' },
  play: async ({ canvasElement }) => {
    await fill(canvasElement, '#f-reference', receipt.reference);
    await fill(canvasElement, '#f-token', receipt.statusToken);
    await next(canvasElement);
    await until(() => $(canvasElement, '#status-result'));
  },
};

/** Resolved: « Le problème est-il réglé ? » (yes / no, a comment) and the news by e-mail offered. */
export const StatusVerdictQuestion: Story = {
  args: { mode: 'status', submit: 'closed' },
  play: async ({ canvasElement }) => {
    await fill(canvasElement, '#f-reference', receipt.reference);
    await fill(canvasElement, '#f-token', receipt.statusToken);
    await next(canvasElement);
    await until(() => $(canvasElement, 'form.verdict'));
  },
};

/** « Non »: the concern is reopened, the answer said. */
export const StatusVerdictReopened: Story = {
  args: { mode: 'status', submit: 'closed' },
  play: async ({ canvasElement }) => {
    await fill(canvasElement, '#f-reference', receipt.reference);
    await fill(canvasElement, '#f-token', receipt.statusToken);
    await next(canvasElement);
    await until(() => $(canvasElement, 'form.verdict'));
    await click(canvasElement, '#f-verdict-no');
    await click(canvasElement, 'form.verdict button[type="submit"]');
    await until(() => $(canvasElement, '#verdict-result'));
  },
};

/** A subset of categories (`categories="bruit,stationnement,autre"`). */
export const CategorySubset: Story = { args: { categories: 'bruit,stationnement,autre' } };

export const English: Story = { args: { lang: 'en' } };

export const EnglishErrorSummary: Story = {
  args: { lang: 'en' },
  play: async ({ canvasElement }) => next(canvasElement),
};

export const Dark: Story = {
  render: (args) => html`<div data-story-theme>${render(args)}</div>`,
  play: async ({ canvasElement }) => {
    form(canvasElement).setAttribute('theme', 'dark');
    form(canvasElement).setAttribute('data-story-theme', '');
  },
};
