import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clear, createStore } from 'idb-keyval';
import type { ConcernCategory, ConcernInput, ConcernReceipt, ConcernStatusView } from '@proximite/contract';
import { createClient } from '@proximite/sdk';
import { defaultCategories } from '@proximite/content/categories.js';
// @ts-expect-error virtual module served by web-test-runner
import { apiUrl as serverUrl, open311Key as serverOpen311Key } from '/__proximite-test-env.js';
import './define.js';
import type { ConcernForm } from './concern-form.js';

const apiUrl = serverUrl as string | null;
const open311Key = serverOpen311Key as string | null;

// ---------------------------------------------------------------------------
// A backend: the reference server when it runs (with a recording fetch), else an in-test one that
// answers like the contract (idempotent POST, status by reference + token).

interface Recorded {
  method: string;
  path: string;
  body?: string;
  key: string | null;
}

const districts = [
  { id: 'saint-leu', name: 'Saint-Leu' },
  { id: 'centre-ville', name: 'Centre-ville' },
];

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

function inTestServer(categories: ConcernCategory[]) {
  const stored = new Map<string, { input: ConcernInput; receipt: ConcernReceipt }>();
  let n = 0;
  const letters = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return {
    stored,
    async handle(request: Request): Promise<Response> {
      const url = new URL(request.url);
      if (url.pathname === '/v1/concern-categories') return json({ items: categories });
      if (url.pathname === '/v1/districts') return json({ items: districts });
      if (url.pathname === '/v1/concerns' && request.method === 'POST') {
        const key = request.headers.get('idempotency-key') ?? '';
        const previous = stored.get(key);
        if (previous) return json(previous.receipt);
        const input = (await request.json()) as ConcernInput;
        n += 1;
        const code = `${letters[n % 32]}${letters[(n >> 5) % 32]}AA`;
        const category = categories.find((c) => c.code === input.categoryCode)!;
        const receipt: ConcernReceipt = {
          reference: `PRX-${code}-Q9AB`,
          statusToken: `token-${n}-abcdefghijklmnop`,
          service: category.service,
          status: 'received',
          submittedAt: '2026-05-12T10:00:00.000Z',
        };
        stored.set(key, { input, receipt });
        return json(receipt, 201);
      }
      const match = /^\/v1\/concerns\/([^/]+)$/.exec(url.pathname);
      if (match) {
        const entry = [...stored.values()].find(
          (e) =>
            e.receipt.reference === decodeURIComponent(match[1]!) &&
            e.receipt.statusToken === url.searchParams.get('token'),
        );
        if (!entry) return json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404);
        const view: ConcernStatusView = {
          reference: entry.receipt.reference,
          categoryCode: entry.input.categoryCode,
          service: entry.receipt.service,
          status: 'action-scheduled',
          submittedAt: entry.receipt.submittedAt,
          updatedAt: '2026-05-14T09:30:00.000Z',
          updates: [
            {
              id: 'u2',
              at: '2026-05-14T09:30:00.000Z',
              status: 'action-scheduled',
              text: { fr: 'Passage prévu jeudi.', en: 'Visit planned on Thursday.' },
            },
            {
              id: 'u1',
              at: '2026-05-13T08:00:00.000Z',
              status: 'in-progress',
              text: { fr: 'Pris en charge.', en: 'Taken on.' },
            },
          ],
        };
        return json(view);
      }
      return json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404);
    },
  };
}

function makeBackend(categories = defaultCategories) {
  const requests: Recorded[] = [];
  const fake = apiUrl ? undefined : inTestServer(categories);
  const state = { offline: false };
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (state.offline) throw new TypeError('Failed to fetch');
    const copy = request.clone();
    const url = new URL(request.url);
    requests.push({
      method: request.method,
      path: url.pathname,
      key: request.headers.get('idempotency-key'),
      ...(request.method === 'POST' && { body: await copy.text() }),
    });
    // The server refusing a concern (422 problem+json), simulated for both backends.
    if (request.method === 'POST' && (await request.clone().text()).includes('REJECT'))
      return json(
        { type: 'about:blank', title: 'Unprocessable', status: 422, detail: 'La description est refusée.' },
        422,
      );
    return fake ? fake.handle(request) : fetch(request);
  };
  const baseUrl = apiUrl ?? 'http://127.0.0.1:9';
  const client = createClient({ baseUrl, fetch: fetchImpl, retry: 0, cache: false });
  const posts = () => requests.filter((r) => r.method === 'POST' && r.path.endsWith('/v1/concerns'));
  return { client, requests, posts, state, fake };
}

// ---------------------------------------------------------------------------
// Helpers

const root = (el: ConcernForm) => el.shadowRoot!;
const $ = <E extends Element = HTMLElement>(el: ConcernForm, selector: string) =>
  root(el).querySelector<E & Element>(selector);
const $$ = (el: ConcernForm, selector: string) => [...root(el).querySelectorAll<HTMLElement>(selector)];
const text = (el: ConcernForm) => root(el).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const active = (el: ConcernForm) => root(el).activeElement as HTMLElement | null;
const status = (el: ConcernForm) => $(el, '[role="status"]')!.textContent!.trim();

async function mount(
  backend = makeBackend(),
  extra: { lang?: string; categories?: string } = {},
): Promise<{ el: ConcernForm; backend: ReturnType<typeof makeBackend> }> {
  const el = await fixture<ConcernForm>(
    html`<prox-concern-form
      lang=${extra.lang ?? 'fr'}
      categories=${extra.categories ?? ''}
      .client=${backend.client}
    ></prox-concern-form>`,
  );
  await waitUntil(() => $(el, '#step-title'), 'form rendered', { timeout: 5000 });
  return { el, backend };
}

function button(el: ConcernForm, label: string | RegExp): HTMLButtonElement {
  const found = $$(el, 'button').find((b) =>
    typeof label === 'string' ? b.textContent!.trim() === label : label.test(b.textContent!.trim()),
  );
  if (!found) throw new Error(`no button ${label}`);
  return found as HTMLButtonElement;
}

async function next(el: ConcernForm) {
  button(el, /^(Continuer|Continue|Envoyer le signalement|Send the report)$/).click();
  await el.updateComplete;
}

function pick(el: ConcernForm, selector: string) {
  const input = $<HTMLInputElement>(el, selector)!;
  input.click();
  return el.updateComplete;
}

function type(el: ConcernForm, selector: string, value: string) {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  return el.updateComplete;
}

/** Fills the steps of the `autre` category up to the review (no details but the danger question). */
async function fillUpToReview(el: ConcernForm, description = 'Des tags sur la porte de l’école.') {
  await pick(el, 'input[value="autre"]');
  await next(el);
  await type(el, '#f-description', description);
  await next(el);
  await type(el, '#f-address', 'Place du Don');
  await next(el);
  await pick(el, 'input[name="f-attr-danger-immediat"][value="non"]');
  await next(el);
  await next(el);
  expect($(el, '#step-title')!.textContent).to.include('Vérification');
}

/** Presses Tab until the focused element in the form matches (the test chooses how many presses). */
async function tabTo(el: ConcernForm, match: (e: HTMLElement) => boolean, what: string) {
  for (let i = 0; i < 40; i += 1) {
    await sendKeys({ press: 'Tab' });
    const focused = active(el);
    if (focused && match(focused)) return focused;
  }
  throw new Error(`could not Tab to ${what}`);
}

const isButton = (label: string) => (e: HTMLElement) =>
  e.tagName === 'BUTTON' && e.textContent!.trim() === label;

/** Every interactive target of the current view is at least 24 × 24 CSS px (WCAG 2.5.8). */
function expectTargets(el: ConcernForm) {
  const targets = $$(
    el,
    'button, .choice, input:not([type="radio"]):not([type="checkbox"]):not(#f-honeypot), select, textarea, .numbers a',
  );
  expect(targets.length).to.be.greaterThan(0);
  for (const target of targets) {
    const box = target.getBoundingClientRect();
    expect(box.height, `${target.outerHTML.slice(0, 80)} height`).to.be.at.least(24);
    expect(box.width, `${target.outerHTML.slice(0, 80)} width`).to.be.at.least(24);
  }
}

const outboxStore = () => createStore('proximite-outbox', 'entries');
const setOnline = (online: boolean) =>
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });

beforeEach(async () => {
  localStorage.clear();
  setOnline(true);
  await clear(outboxStore());
});

after(() => {
  delete (navigator as { onLine?: boolean }).onLine;
});

// ---------------------------------------------------------------------------

describe('<prox-concern-form>: privacy before interaction', () => {
  it('writes no storage and no cookie before the resident interacts', async () => {
    const databases = async () => (await indexedDB.databases()).map((d) => d.name).sort();
    const before = await databases();
    const { el } = await mount();
    await new Promise((r) => setTimeout(r, 100));
    expect(localStorage.length).to.equal(0);
    expect(await databases()).to.deep.equal(before);
    expect(document.cookie).to.equal('');
    // The honeypot: hidden from everyone but bots, out of the tab order, never autofilled.
    const honeypot = $<HTMLInputElement>(el, '#f-honeypot')!;
    expect(honeypot.name).to.equal('honeypot');
    expect(honeypot.tabIndex).to.equal(-1);
    expect(honeypot.autocomplete).to.equal('off');
    expect(honeypot.closest('[aria-hidden="true"]')).to.exist;
    expect(honeypot.closest('.honeypot')!.getBoundingClientRect().width).to.be.at.most(1);
  });
});

describe('<prox-concern-form>: steps', () => {
  it('offers the categories grouped, with their descriptions, and passes axe', async () => {
    const { el } = await mount();
    const groups = $$(el, 'fieldset.group legend').map((l) => l.textContent!.trim());
    expect(groups).to.include.members(['Urgence', 'Vivre ensemble']);
    const voisinage = $<HTMLInputElement>(el, 'input[value="voisinage"]')!;
    const hint = root(el).getElementById(voisinage.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).to.include('différend avec un voisin');
    expect(text(el)).to.include('Étape 1 sur');
    // No placeholder stands in for a label; every control has one in the same shadow root.
    expect($$(el, '[placeholder]')).to.have.length(0);
    await expect(el).to.be.accessible();
    expectTargets(el);
  });

  it('offers only the categories of the `categories` subset', async () => {
    const { el } = await mount(makeBackend(), { categories: 'bruit,autre' });
    expect($$(el, 'input[name="category"]').map((i) => (i as HTMLInputElement).value)).to.deep.equal([
      'bruit',
      'autre',
    ]);
  });

  it('goes through every step, each passing axe, with focus on the step heading', async () => {
    const { el, backend } = await mount();
    await pick(el, 'input[value="depots-sauvages"]');
    await next(el);
    expect(active(el)?.id).to.equal('step-title');
    expect($(el, '#step-title')!.textContent).to.match(/Étape 2 sur 6\u00a0: Description/);
    await type(el, '#f-description', 'Un matelas et des sacs au pied de l’immeuble.');
    await expect(el).to.be.accessible();
    expectTargets(el);
    await next(el);
    // The district select appears when the backend has districts (the in-test one does).
    const known = await backend.client.districts.list();
    expect(Boolean($(el, '#f-district'))).to.equal(known.length > 0);
    const district = known[0];
    if (district) {
      $<HTMLSelectElement>(el, '#f-district')!.value = district.id;
      $<HTMLSelectElement>(el, '#f-district')!.dispatchEvent(new Event('change'));
    } else await type(el, '#f-address', '12 rue des Majots');
    await expect(el).to.be.accessible();
    expectTargets(el);
    await next(el);
    expect(text(el)).to.include('Type de dépôt');
    await pick(el, 'input[name="f-attr-type-depot"][value="encombrants"]');
    await expect(el).to.be.accessible();
    expectTargets(el);
    await next(el);
    expect($<HTMLInputElement>(el, '#f-contact-anonymous')!.checked).to.equal(true);
    expect(text(el)).to.include('Responsable du traitement');
    expect(text(el)).to.include('[À configurer par le site]');
    await pick(el, '#f-contact-contact');
    await expect(el).to.be.accessible();
    expectTargets(el);
    await pick(el, '#f-contact-anonymous');
    await next(el);
    expect(text(el)).to.include('Un matelas et des sacs');
    expect(text(el)).to.include(district ? district.name : '12 rue des Majots');
    expect(text(el)).to.include('Anonyme');
    await expect(el).to.be.accessible();
    expectTargets(el);
    // "Modifier" goes back to that step.
    button(el, 'Modifier').click();
    await el.updateComplete;
    expect($(el, '#step-title')!.textContent).to.include('Catégorie');
  });

  it('keeps what was typed when the category changes', async () => {
    const { el } = await mount();
    await pick(el, 'input[value="bruit"]');
    await next(el);
    await type(el, '#f-description', 'Musique forte');
    await next(el);
    await type(el, '#f-address', 'Rue Saint-Leu');
    await next(el);
    await pick(el, 'input[name="f-attr-source"][value="commerce"]');
    // Back to the first step, another category, then back again.
    button(el, 'Retour').click();
    await el.updateComplete;
    button(el, 'Retour').click();
    await el.updateComplete;
    button(el, 'Retour').click();
    await el.updateComplete;
    await pick(el, 'input[value="autre"]');
    await next(el);
    expect($<HTMLTextAreaElement>(el, '#f-description')!.value).to.equal('Musique forte');
    button(el, 'Retour').click();
    await el.updateComplete;
    await pick(el, 'input[value="bruit"]');
    await next(el);
    await next(el);
    expect($<HTMLInputElement>(el, '#f-address')!.value).to.equal('Rue Saint-Leu');
    await next(el);
    expect($<HTMLInputElement>(el, 'input[name="f-attr-source"][value="commerce"]')!.checked).to.equal(true);
  });

  it('speaks English with lang="en"', async () => {
    const { el } = await mount(makeBackend(), { lang: 'en' });
    expect(text(el)).to.include('Report a concern');
    // English punctuation: no space before the colon (French has a no-break one).
    expect($(el, '#step-title')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Step 1 of 6: Category');
    expect(text(el)).to.include('Neighbour relations');
    await next(el);
    expect($(el, '#summary')!.textContent).to.include('Choose a category.');
    await expect(el).to.be.accessible();
  });
});

describe('<prox-concern-form>: backends', () => {
  it('loads the categories of the reference API given by the `api` attribute', async () => {
    expect(apiUrl, 'the reference server runs for the browser tests').to.be.a('string');
    const el = await fixture<ConcernForm>(
      html`<prox-concern-form lang="fr" api=${apiUrl!}></prox-concern-form>`,
    );
    await waitUntil(() => $(el, 'input[name="category"]'), 'categories from the API', { timeout: 5000 });
    expect($$(el, 'input[name="category"]').length).to.be.greaterThan(1);
  });

  it("reports through an Open311 GeoReport v2 endpoint: the reference server's /open311/v2", async () => {
    expect(apiUrl, 'the reference server runs for the browser tests').to.be.a('string');
    expect(open311Key, 'the test server has an Open311 api_key').to.be.a('string');
    const el = await fixture<ConcernForm>(
      html`<prox-concern-form
        lang="fr"
        open311=${`${apiUrl}/open311/v2`}
        open311-key=${open311Key!}
      ></prox-concern-form>`,
    );
    // The services of the endpoint become the categories, their definitions the extra fields.
    await waitUntil(() => $(el, 'input[value="autre"]'), 'Open311 services as categories', {
      timeout: 10000,
    });
    const submitted = oneEvent(el, 'prox-concern-submitted');
    await fillUpToReview(el, 'Open311 : des tags sur la porte de l’école.');
    await next(el);
    const { detail } = await submitted;
    const id = detail.receipt.reference;
    await waitUntil(() => text(el).includes(id), 'the receipt shows the request id', { timeout: 10000 });
    await expect(el).to.be.accessible();
    // The request exists on the endpoint, under the service the resident chose.
    const response = await fetch(`${apiUrl}/open311/v2/requests/${encodeURIComponent(id)}.json`);
    expect(response.status).to.equal(200);
    const [request] = (await response.json()) as { service_request_id: string; service_code: string }[];
    expect(request).to.include({ service_request_id: id, service_code: 'autre' });
  });

  it('says clearly, and accessibly, when it has no backend', async () => {
    const el = await fixture<ConcernForm>(html`<prox-concern-form lang="fr"></prox-concern-form>`);
    await waitUntil(() => $(el, '[role="alert"]'), 'error shown');
    expect($(el, '[role="alert"]')!.textContent).to.include('api ou open311');
    await expect(el).to.be.accessible();
  });
});

describe('<prox-concern-form>: validation', () => {
  it('shows an error summary that takes focus and links to each field; aria-invalid only after validation', async () => {
    const { el } = await mount();
    const radio = $<HTMLInputElement>(el, '#f-category')!;
    expect(radio.hasAttribute('aria-invalid')).to.equal(false);
    await next(el);
    const summary = $(el, '#summary')!;
    expect(active(el)).to.equal(summary);
    expect(summary.querySelector('h3')!.textContent).to.equal('1 erreur à corriger');
    expect(radio.getAttribute('aria-invalid')).to.equal('true');
    const error = root(el).getElementById('e-category')!;
    expect(error.textContent).to.include('Choisissez une catégorie.');
    expect($(el, 'fieldset')!.getAttribute('aria-describedby')).to.include('e-category');
    await expect(el).to.be.accessible();
    // The link moves focus to the field (fragment links do not cross the shadow root by themselves).
    summary.querySelector('a')!.click();
    await el.updateComplete;
    expect(active(el)).to.equal(radio);

    await pick(el, 'input[value="stationnement"]');
    await next(el);
    expect($(el, '#summary')).to.equal(null);
    const description = $<HTMLTextAreaElement>(el, '#f-description')!;
    expect(description.hasAttribute('aria-invalid')).to.equal(false);
    await next(el);
    expect(description.getAttribute('aria-invalid')).to.equal('true');
    expect(description.getAttribute('aria-describedby')).to.include('e-description');
    await type(el, '#f-description', 'Voiture sur le trottoir');
    expect(description.getAttribute('aria-invalid')).to.equal('false');
    expect($(el, '#summary')).to.equal(null);
  });

  it('validates the contact details only when the resident wants to be contacted', async () => {
    const { el } = await mount();
    await pick(el, 'input[value="autre"]');
    await next(el);
    await type(el, '#f-description', 'x');
    await next(el);
    await type(el, '#f-address', 'y');
    await next(el);
    await pick(el, 'input[name="f-attr-danger-immediat"][value="non"]');
    await next(el);
    await pick(el, '#f-contact-contact');
    await type(el, '#f-email', 'pas-un-email');
    await next(el);
    const links = [...$(el, '#summary')!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['#f-email']);
    expect($(el, '#f-email')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    expectTargets(el);
  });
});

describe('<prox-concern-form>: emergencies', () => {
  it('shows the stopper for an emergency category, with tel: and sms: links, and does not go on', async () => {
    const { el } = await mount();
    await pick(el, 'input[value="danger-immediat"]');
    const stopper = $(el, '#stopper')!;
    expect(stopper.getAttribute('role')).to.equal('alert');
    expect(stopper.textContent).to.include('Urgence : appelez le 17 ou le 112 (114 par SMS)');
    const hrefs = [...stopper.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['tel:17', 'tel:112', 'sms:114']);
    await next(el);
    expect($(el, '#step-title')!.textContent).to.include('Étape 1');
    expect(active(el)).to.equal(stopper);
    await expect(el).to.be.accessible();
    expectTargets(el);
  });

  it('blocks submission when an answer calls for the stopper', async () => {
    const { el, backend } = await mount(makeBackend(), { lang: 'en' });
    await pick(el, 'input[value="autre"]');
    await next(el);
    await type(el, '#f-description', 'Someone is shouting for help');
    await next(el);
    await type(el, '#f-address', 'Rue X');
    await next(el);
    await pick(el, 'input[name="f-attr-danger-immediat"][value="oui"]');
    expect($(el, '#stopper')!.textContent).to.include('Emergency: call 17 or 112 (114 by text)');
    await next(el);
    expect(active(el)).to.equal($(el, '#stopper'));
    await expect(el).to.be.accessible();
    // Even from the review (reached by "Change" → back), submitting is refused while the answer stands.
    (el as unknown as { step: string }).step = 'review';
    await el.updateComplete;
    await next(el);
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.posts()).to.have.length(0);
    expect(text(el)).not.to.include('Sending');
  });
});

describe('<prox-concern-form>: submission', () => {
  it('completes a full report by keyboard alone', async () => {
    const { el, backend } = await mount();
    const submitted = oneEvent(el, 'prox-concern-submitted');
    // Category: Tab into the radio group, ArrowUp wraps to the last category ("Autre sujet").
    await tabTo(el, (e) => e.getAttribute('name') === 'category', 'the categories');
    await sendKeys({ press: 'ArrowUp' });
    expect((active(el) as HTMLInputElement).value).to.equal('autre');
    await tabTo(el, isButton('Continuer'), 'Continuer');
    await sendKeys({ press: 'Enter' });
    // Description.
    await tabTo(el, (e) => e.id === 'f-description', 'the description');
    await sendKeys({ type: 'Des tags sur la porte de l’école.' });
    await tabTo(el, isButton('Continuer'), 'Continuer');
    await sendKeys({ press: 'Enter' });
    // Location: Enter in the address field goes on.
    await tabTo(el, (e) => e.id === 'f-address', 'the address');
    await sendKeys({ type: 'Place du Don' });
    await sendKeys({ press: 'Enter' });
    // Details: "Is anyone in danger right now?" → No.
    await tabTo(el, (e) => e.getAttribute('name') === 'f-attr-danger-immediat', 'the danger question');
    await sendKeys({ press: 'ArrowDown' });
    expect((active(el) as HTMLInputElement).value).to.equal('non');
    await tabTo(el, isButton('Continuer'), 'Continuer');
    await sendKeys({ press: 'Enter' });
    // Contact: anonymous by default.
    await tabTo(el, isButton('Continuer'), 'Continuer');
    await sendKeys({ press: 'Enter' });
    // Review, then send.
    expect($(el, '#step-title')!.textContent).to.include('Vérification');
    await tabTo(el, isButton('Envoyer le signalement'), 'Envoyer');
    await sendKeys({ press: 'Enter' });
    const { detail } = await submitted;
    expect(detail.receipt.reference).to.match(/^PRX-/);
    await waitUntil(() => $(el, '.receipt'), 'sent', { timeout: 5000 });
    expect($(el, '.receipt .reference')!.textContent).to.equal(detail.receipt.reference);
    expect(text(el)).to.include('Transmis à');
    expect(active(el)?.id).to.equal('result-title');
    expect(status(el)).to.include(detail.receipt.reference);
    // The status link is this page in status mode (not the API's JSON).
    const link = new URL($<HTMLAnchorElement>(el, '.receipt a')!.href);
    expect(link.origin + link.pathname).to.equal(location.origin + location.pathname);
    expect(link.searchParams.get('ref')).to.equal(detail.receipt.reference);
    expect(link.searchParams.get('token')).to.equal(detail.receipt.statusToken);
    const body = JSON.parse(backend.posts()[0]!.body!) as ConcernInput;
    expect(body).to.deep.include({
      categoryCode: 'autre',
      description: 'Des tags sur la porte de l’école.',
      lang: 'fr',
    });
    expect(body.location).to.deep.equal({ address: 'Place du Don' });
    expect(body.attributes).to.deep.equal({ 'danger-immediat': 'non' });
    expect(Date.parse(body.formStartedAt!)).to.be.greaterThan(Date.now() - 60_000);
    expect(body.honeypot).to.equal('');
    await expect(el).to.be.accessible();
    expectTargets(el);
  });

  it('never sends contact fields for an anonymous report, even after typing some', async () => {
    const { el, backend } = await mount();
    await pick(el, 'input[value="autre"]');
    await next(el);
    await type(el, '#f-description', 'Anonyme');
    await next(el);
    await type(el, '#f-address', 'Rue Y');
    await next(el);
    await pick(el, 'input[name="f-attr-danger-immediat"][value="non"]');
    await next(el);
    await pick(el, '#f-contact-contact');
    await type(el, '#f-name', 'Awa Diallo');
    await type(el, '#f-email', 'awa@exemple.fr');
    await type(el, '#f-phone', '06 12 34 56 78');
    await pick(el, '#f-contact-anonymous');
    await next(el);
    await next(el);
    await waitUntil(() => $(el, '.receipt'), 'sent', { timeout: 5000 });
    const raw = backend.posts()[0]!.body!;
    expect(JSON.parse(raw)).not.to.have.property('contact');
    expect(raw).not.to.match(/awa|diallo|06 12|exemple/i);

    // The positive control: a resident who chooses to be contacted sends what they typed.
    button(el, 'Faire un autre signalement').click();
    await el.updateComplete;
    await fillUpToReview(el, 'Avec contact');
    button(el, 'Modifier').click();
    await el.updateComplete;
    (el as unknown as { step: string }).step = 'contact';
    await el.updateComplete;
    await pick(el, '#f-contact-contact');
    await type(el, '#f-email', 'awa@exemple.fr');
    await next(el);
    await next(el);
    await waitUntil(() => backend.posts().length === 2 && $(el, '.receipt'), 'second sent', {
      timeout: 5000,
    });
    expect(JSON.parse(backend.posts()[1]!.body!).contact).to.deep.equal({ email: 'awa@exemple.fr' });
  });

  it('queues while offline, then delivers once when back online', async () => {
    const backend = makeBackend();
    const { el } = await mount(backend);
    await fillUpToReview(el, 'Hors ligne');
    backend.state.offline = true;
    setOnline(false);
    const queued = oneEvent(el, 'prox-concern-queued');
    await next(el);
    const { detail } = await queued;
    await waitUntil(() => text(el).includes('en attente de connexion'), 'queued shown', { timeout: 5000 });
    expect(status(el)).to.include('en attente de connexion');
    expect(backend.posts()).to.have.length(0);
    // Stored durably in IndexedDB with its idempotency key, before any network.
    const { get } = await import('idb-keyval');
    const entry = await get<{ idempotencyKey: string; input: ConcernInput }>(detail.id, outboxStore());
    expect(entry!.input.description).to.equal('Hors ligne');
    await expect(el).to.be.accessible();
    expectTargets(el);

    const submitted = oneEvent(el, 'prox-concern-submitted');
    backend.state.offline = false;
    setOnline(true);
    window.dispatchEvent(new Event('online'));
    const { detail: sent } = await submitted;
    await waitUntil(() => $(el, '.receipt'), 'sent shown', { timeout: 5000 });
    expect(sent.receipt.reference).to.match(/^PRX-/);
    await new Promise((r) => setTimeout(r, 300));
    const keys = new Set(backend.posts().map((p) => p.key));
    expect(keys.size).to.equal(1);
    expect([...keys][0]).to.equal(entry!.idempotencyKey);
    if (backend.fake) expect(backend.fake.stored.size).to.equal(1);
    expect(await get(detail.id, outboxStore())).to.equal(undefined);
    expect(localStorage.length).to.equal(0);
  });

  it('keeps a queued report across a reload and delivers it once when back online', async () => {
    const backend = makeBackend();
    const first = await mount(backend);
    await fillUpToReview(first.el, 'Rechargé hors ligne');
    backend.state.offline = true;
    setOnline(false);
    const queued = oneEvent(first.el, 'prox-concern-queued');
    await next(first.el);
    const { detail } = await queued;
    first.el.remove();

    // A new page load: a new element instance finds its submission in the outbox.
    const second = await fixture<ConcernForm>(
      html`<prox-concern-form lang="fr" .client=${backend.client}></prox-concern-form>`,
    );
    await waitUntil(() => text(second).includes('en attente de connexion'), 'queued after reload', {
      timeout: 5000,
    });
    await expect(second).to.be.accessible();
    const submitted = oneEvent(second, 'prox-concern-submitted');
    backend.state.offline = false;
    setOnline(true);
    window.dispatchEvent(new Event('online'));
    await submitted;
    await waitUntil(() => $(second, '.receipt'), 'sent after reload', { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(new Set(backend.posts().map((p) => p.key)).size).to.equal(1);
    const { get } = await import('idb-keyval');
    expect(await get(detail.id, outboxStore())).to.equal(undefined);
    expect(localStorage.length).to.equal(0);
  });

  it('shows a refusal with its reason and lets the resident fix it and retry', async () => {
    const { el } = await mount();
    await fillUpToReview(el, 'REJECT this one');
    await next(el);
    await waitUntil(() => $(el, '.panel--failed'), 'failed shown', { timeout: 5000 });
    expect(text(el)).to.include('La description est refusée.');
    expect(text(el)).to.include('Le signalement n’a pas pu être envoyé');
    await expect(el).to.be.accessible();
    button(el, 'Modifier').click();
    await waitUntil(() => $(el, '#step-title'), 'back to the form');
    expect($(el, '#step-title')!.textContent).to.include('Vérification');
    (el as unknown as { step: string }).step = 'description';
    await el.updateComplete;
    await type(el, '#f-description', 'Corrigé');
    await next(el);
    await next(el);
    await next(el);
    await next(el);
    expect($(el, '#step-title')!.textContent).to.include('Vérification');
    await next(el);
    await waitUntil(() => $(el, '.receipt'), 'sent after fixing', { timeout: 5000 });
  });
});

describe('<prox-concern-form>: draft', () => {
  it('saves as the resident types, restores after a reload, and deletes on request', async () => {
    const backend = makeBackend();
    const first = await mount(backend);
    await pick(first.el, 'input[value="bruit"]');
    await next(first.el);
    await type(first.el, '#f-description', 'Fête tous les soirs');
    expect(localStorage.length).to.equal(1);
    expect(text(first.el)).to.include('Brouillon enregistré sur cet appareil');
    first.el.remove();

    const { el } = await mount(backend);
    expect(text(el)).to.include('Votre brouillon a été restauré.');
    expect($<HTMLTextAreaElement>(el, '#f-description')!.value).to.equal('Fête tous les soirs');
    await expect(el).to.be.accessible();
    button(el, 'Supprimer mon brouillon').click();
    await el.updateComplete;
    expect(localStorage.length).to.equal(0);
    expect($<HTMLInputElement>(el, 'input[value="bruit"]')!.checked).to.equal(false);
    await waitUntil(() => status(el) === 'Brouillon supprimé.');
  });

  it('is removed after a successful submission', async () => {
    const { el } = await mount();
    await fillUpToReview(el);
    expect(localStorage.length).to.be.greaterThan(0);
    await next(el);
    await waitUntil(() => $(el, '.receipt'), 'sent', { timeout: 5000 });
    expect(localStorage.length).to.equal(0);
  });

  it('announces the length count at thresholds, not on every keystroke', async () => {
    const { el } = await mount();
    await pick(el, 'input[value="autre"]');
    await next(el);
    await type(el, '#f-description', 'a'.repeat(100));
    expect($(el, '#c-description')!.textContent).to.include('3900 caractères restants');
    expect(status(el)).to.equal('');
    await type(el, '#f-description', 'a'.repeat(3500));
    await waitUntil(() => status(el) === '500 caractères restants');
    await type(el, '#f-description', 'a'.repeat(3501));
    await el.updateComplete;
    expect(status(el)).to.equal('500 caractères restants');
    expect($(el, '#c-description')!.textContent).to.include('499 caractères restants');
    await type(el, '#f-description', 'a'.repeat(4002));
    await waitUntil(() => status(el) === '2 caractères de trop');
  });
});

describe('<prox-concern-form>: position', () => {
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'geolocation')!;
  afterEach(() => delete (navigator as { geolocation?: unknown }).geolocation);

  function fakeGeolocation(answer: (ok: PositionCallback, fail: PositionErrorCallback) => void) {
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { getCurrentPosition: answer },
    });
  }

  it('asks for the position only on click, and handles a refusal accessibly', async () => {
    let asked = 0;
    fakeGeolocation((_ok, fail) => {
      asked += 1;
      fail({
        code: 1,
        PERMISSION_DENIED: 1,
        POSITION_UNAVAILABLE: 2,
        TIMEOUT: 3,
        message: 'denied',
      } as GeolocationPositionError);
    });
    const { el } = await mount();
    await pick(el, 'input[value="autre"]');
    await next(el);
    await type(el, '#f-description', 'x');
    await next(el);
    expect(asked).to.equal(0);
    button(el, 'Utiliser ma position').click();
    await el.updateComplete;
    expect(asked).to.equal(1);
    await waitUntil(() => status(el).includes('accès refusé'));
    expect(text(el)).to.include('Indiquez une adresse ou un quartier');
    expect(active(el)?.id).to.equal('f-address');
    await expect(el).to.be.accessible();
  });

  it('adds a rounded point to the location when allowed', async () => {
    fakeGeolocation((ok) =>
      ok({ coords: { latitude: 49.8941234, longitude: 2.2957654 } } as GeolocationPosition),
    );
    const { el, backend } = await mount();
    await pick(el, 'input[value="autre"]');
    await next(el);
    await type(el, '#f-description', 'x');
    await next(el);
    button(el, 'Utiliser ma position').click();
    await waitUntil(() => text(el).includes('Position ajoutée'));
    await next(el);
    await pick(el, 'input[name="f-attr-danger-immediat"][value="non"]');
    await next(el);
    await next(el);
    await next(el);
    await waitUntil(() => backend.posts().length === 1);
    expect(JSON.parse(backend.posts()[0]!.body!).location).to.deep.equal({ lat: 49.89412, lon: 2.29577 });
    expect(original).to.exist;
  });
});

describe('<prox-concern-form mode="status">', () => {
  afterEach(() => history.replaceState(null, '', location.pathname));

  async function submitOne(backend: ReturnType<typeof makeBackend>) {
    const receipt = await backend.client.concerns.submit(
      {
        categoryCode: 'autre',
        description: 'Suivi',
        location: { address: 'Rue Z' },
        attributes: { 'danger-immediat': 'non' },
      },
      { idempotencyKey: crypto.randomUUID() },
    );
    return receipt;
  }

  it('checks the reference and code, then shows the lifecycle and the public updates', async () => {
    const backend = makeBackend();
    const receipt = await submitOne(backend);
    const el = await fixture<ConcernForm>(
      html`<prox-concern-form mode="status" lang="fr" .client=${backend.client}></prox-concern-form>`,
    );
    expect(text(el)).to.include('Suivre un signalement');
    await expect(el).to.be.accessible();
    await type(el, '#f-reference', 'nope');
    button(el, 'Voir le suivi').click();
    await el.updateComplete;
    expect(active(el)?.id).to.equal('summary');
    expect($(el, '#f-reference')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    await type(el, '#f-reference', receipt.reference.toLowerCase());
    await type(el, '#f-token', receipt.statusToken);
    button(el, 'Voir le suivi').click();
    await waitUntil(() => $(el, '#status-result'), 'status shown', { timeout: 5000 });
    expect($(el, '#status-ref')!.textContent).to.equal(receipt.reference);
    const stages = $$(el, '.stages li');
    expect(stages).to.have.length(3);
    if (backend.fake) {
      expect(text(el)).to.include('Intervention programmée');
      expect(stages[1]!.getAttribute('aria-current')).to.equal('step');
      expect(stages[1]!.textContent).to.include('étape actuelle');
      expect(stages[0]!.textContent).to.include('étape franchie');
      expect($$(el, '.updates li').map((li) => li.textContent!.replace(/\s+/g, ' '))[0]).to.include(
        'Pris en charge.',
      );
    }
    await expect(el).to.be.accessible();
  });

  it('reads ?ref= and &token= from the page URL', async () => {
    const backend = makeBackend();
    const receipt = await submitOne(backend);
    history.replaceState(null, '', `?ref=${receipt.reference}&token=${receipt.statusToken}`);
    const el = await fixture<ConcernForm>(
      html`<prox-concern-form lang="en" .client=${backend.client}></prox-concern-form>`,
    );
    expect(el.mode).to.equal('status');
    await waitUntil(() => $(el, '#status-result'), 'status shown', { timeout: 5000 });
    expect(text(el)).to.include('Public updates');
  });

  it('says so when nothing matches', async () => {
    const backend = makeBackend();
    const el = await fixture<ConcernForm>(
      html`<prox-concern-form mode="status" lang="fr" .client=${backend.client}></prox-concern-form>`,
    );
    await type(el, '#f-reference', 'PRX-0000-0000');
    await type(el, '#f-token', 'abcdefghijklmnopqrstuvwxyz');
    button(el, 'Voir le suivi').click();
    await waitUntil(() => $(el, '[role="alert"]'));
    expect($(el, '[role="alert"]')!.textContent).to.include('Aucun signalement ne correspond');
    await expect(el).to.be.accessible();
  });
});
