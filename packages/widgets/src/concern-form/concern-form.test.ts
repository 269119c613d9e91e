import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clear, createStore } from 'idb-keyval';
import type { ConcernCategory, ConcernInput, ConcernReceipt, ConcernStatusView } from '@proximite/contract';
import { createClient } from '@proximite/sdk';
import { defaultCategories } from '@proximite/content/categories.js';
// @ts-expect-error virtual module served by web-test-runner
import { apiUrl as serverUrl, open311Key as serverOpen311Key } from '/__proximite-test-env.js';
import './define.js';
import type { ConcernForm, HelpContact, PrivacyNotice } from './concern-form.js';
import { ConcernFormPage } from './test-fixtures/form-page.js';

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
  /** References the test closed (resolved), and the verdicts given on them. */
  const closed = new Set<string>();
  const verdicts = new Map<string, boolean>();
  /** References whose updates go by e-mail (the address, as sent). */
  const mailed = new Map<string, string>();
  let n = 0;
  const letters = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const opens = (
    e: { receipt: ConcernReceipt },
    token: string | null | undefined,
    code: string | null | undefined,
  ) =>
    e.receipt.statusToken === token ||
    e.receipt.trackingCode?.replace('-', '') === code?.toUpperCase().replace(/[\s-]/g, '');
  return {
    stored,
    closed,
    verdicts,
    mailed,
    async handle(request: Request): Promise<Response> {
      const url = new URL(request.url);
      const email = /^\/v1\/concerns\/([^/]+)\/email$/.exec(url.pathname);
      if (email && request.method === 'POST') {
        const body = (await request.json()) as { token?: string; code?: string; email: string };
        const reference = decodeURIComponent(email[1]!);
        const entry = [...stored.values()].find(
          (e) => e.receipt.reference === reference && opens(e, body.token, body.code),
        );
        if (!entry) return json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404);
        mailed.set(reference, body.email);
        const again = new URL(`/v1/concerns/${reference}`, url);
        again.searchParams.set(body.token ? 'token' : 'code', (body.token ?? body.code)!);
        return this.handle(new Request(again));
      }
      const feedback = /^\/v1\/concerns\/([^/]+)\/feedback$/.exec(url.pathname);
      if (feedback && request.method === 'POST') {
        const body = (await request.json()) as { token?: string; code?: string; resolved: boolean };
        const reference = decodeURIComponent(feedback[1]!);
        const entry = [...stored.values()].find(
          (e) => e.receipt.reference === reference && opens(e, body.token, body.code),
        );
        if (!entry) return json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404);
        if (!closed.has(reference) || verdicts.has(reference))
          return json({ type: 'about:blank', title: 'Conflict', status: 409 }, 409);
        verdicts.set(reference, body.resolved);
        const again = new URL(`/v1/concerns/${reference}`, url);
        again.searchParams.set(body.token ? 'token' : 'code', (body.token ?? body.code)!);
        return this.handle(new Request(again));
      }
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
          trackingCode: `7K3MQ-${code}9`,
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
            opens(e, url.searchParams.get('token'), url.searchParams.get('code')),
        );
        if (!entry) return json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404);
        const reference = entry.receipt.reference;
        const verdict = verdicts.get(reference);
        if (closed.has(reference))
          return json({
            reference,
            categoryCode: entry.input.categoryCode,
            service: entry.receipt.service,
            status: verdict === false ? 'reopen-requested' : 'resolved',
            submittedAt: entry.receipt.submittedAt,
            updatedAt: '2026-05-20T09:30:00.000Z',
            updates: [
              {
                id: 'u3',
                at: '2026-05-20T09:30:00.000Z',
                status: 'resolved',
                text: { fr: 'Enlevé ce matin.', en: 'Removed this morning.' },
              },
            ],
            verdictOpen: verdict === undefined,
            emailUpdates: mailed.has(reference),
            ...(verdict !== undefined && { verdict: { resolved: verdict, at: '2026-06-03T08:00:00.000Z' } }),
          } satisfies ConcernStatusView);
        const view: ConcernStatusView = {
          reference: entry.receipt.reference,
          categoryCode: entry.input.categoryCode,
          service: entry.receipt.service,
          status: 'action-scheduled',
          submittedAt: entry.receipt.submittedAt,
          updatedAt: '2026-05-14T09:30:00.000Z',
          feedUrl: `${url.origin}/v1/concerns/${entry.receipt.reference}/feed.atom?token=feed-key-0123456789abcdef`,
          emailUpdates: mailed.has(entry.receipt.reference),
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

/** `local`: the in-test backend even when the reference server runs (categories set by the test). */
function makeBackend(categories = defaultCategories, local = false) {
  const requests: Recorded[] = [];
  const fake = apiUrl && !local ? undefined : inTestServer(categories);
  // `refuseWrites`: what a backend refusing this page's origin looks like to the page (CORS): reads
  // work, and a POST fails with no response at all, as a network failure does.
  const state = { offline: false, refuseWrites: false, failReads: false };
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (state.offline) throw new TypeError('Failed to fetch');
    if (state.refuseWrites && request.method === 'POST') throw new TypeError('Failed to fetch');
    if (state.failReads && request.method === 'GET')
      return json({ type: 'about:blank', title: 'Service Unavailable', status: 503 }, 503);
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
  const baseUrl = fake ? 'http://127.0.0.1:9' : (apiUrl ?? 'http://127.0.0.1:9');
  const client = createClient({ baseUrl, fetch: fetchImpl, retry: 0, cache: false });
  const posts = () => requests.filter((r) => r.method === 'POST' && r.path.endsWith('/v1/concerns'));
  return { client, requests, posts, state, fake };
}

// ---------------------------------------------------------------------------
// Helpers

async function mount(
  backend = makeBackend(),
  extra: { lang?: string; categories?: string; contact?: HelpContact; privacy?: PrivacyNotice } = {},
): Promise<{ el: ConcernForm; page: ConcernFormPage; backend: ReturnType<typeof makeBackend> }> {
  const el = await fixture<ConcernForm>(
    html`<prox-concern-form
      lang=${extra.lang ?? 'fr'}
      categories=${extra.categories ?? ''}
      .client=${backend.client}
      .contact=${extra.contact}
      .privacy=${extra.privacy}
    ></prox-concern-form>`,
  );
  const page = new ConcernFormPage(el);
  await page.ready();
  return { el, page, backend };
}

const isButton = (label: string) => (e: HTMLElement) =>
  e.tagName === 'BUTTON' && e.textContent!.trim() === label;

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
    const { page } = await mount();
    await new Promise((r) => setTimeout(r, 100));
    expect(localStorage.length).to.equal(0);
    expect(await databases()).to.deep.equal(before);
    expect(document.cookie).to.equal('');
    // The honeypot: hidden from everyone but bots, out of the tab order, never autofilled.
    const honeypot = page.$<HTMLInputElement>('#f-honeypot')!;
    expect(honeypot.name).to.equal('honeypot');
    expect(honeypot.tabIndex).to.equal(-1);
    expect(honeypot.autocomplete).to.equal('off');
    expect(honeypot.closest('[aria-hidden="true"]')).to.exist;
    expect(honeypot.closest('.honeypot')!.getBoundingClientRect().width).to.be.at.most(1);
  });
});

describe('<prox-concern-form>: steps', () => {
  it('renders first in a task of its own, not in the one that connected it (no long task)', async () => {
    const backend = makeBackend();
    const el = document.createElement('prox-concern-form');
    el.setAttribute('lang', 'fr');
    el.client = backend.client;
    // A timer posted before the element connects runs in the next task: what had rendered by then.
    const inConnectingTask = new Promise<boolean>((done) => setTimeout(() => done(el.hasUpdated)));
    document.body.append(el);
    try {
      expect(await inConnectingTask).to.equal(false);
      await el.updateComplete;
      expect(el.hasUpdated).to.equal(true);
      const page = new ConcernFormPage(el);
      await page.ready();
      expect(page.$$('input[name="category"]').length).to.be.greaterThan(0);
    } finally {
      el.remove();
    }
  });

  it('looks up the first step’s fonts in a hidden sample, gone before the categories show', async () => {
    const backend = makeBackend();
    const el = document.createElement('prox-concern-form');
    el.setAttribute('lang', 'fr');
    el.client = backend.client;
    // What the sample was while in the shadow root, and whether the categories were there with it.
    const seen: { hidden: string | null; visibility: string; position: string; categories: number }[] = [];
    let observer: MutationObserver | undefined;
    document.body.append(el);
    try {
      observer = new MutationObserver(() => {
        const sample = el.shadowRoot!.querySelector('.font-sample');
        if (sample && !seen.length)
          seen.push({
            hidden: sample.getAttribute('aria-hidden'),
            visibility: getComputedStyle(sample).visibility,
            position: getComputedStyle(sample).position,
            categories: el.shadowRoot!.querySelectorAll('input[name="category"]').length,
          });
      });
      observer.observe(el.shadowRoot!, { childList: true, subtree: true });
      const page = new ConcernFormPage(el);
      await page.ready();
      expect(seen).to.deep.equal([
        { hidden: 'true', visibility: 'hidden', position: 'absolute', categories: 0 },
      ]);
      expect(page.$('.font-sample')).to.equal(null);
      expect(page.$$('input[name="category"]').length).to.be.greaterThan(0);
    } finally {
      observer?.disconnect();
      el.remove();
    }
  });

  it('offers the categories grouped, with their descriptions, and passes axe', async () => {
    const { el, page } = await mount();
    const groups = page.$$('fieldset.group legend').map((l) => l.textContent!.trim());
    expect(groups).to.include.members(['Urgence', 'Vivre ensemble']);
    const voisinage = page.$<HTMLInputElement>('input[value="voisinage"]')!;
    const hint = page.root.getElementById(voisinage.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).to.include('différend avec un voisin');
    expect(page.text()).to.include('Étape 1 sur');
    // No placeholder stands in for a label; every control has one in the same shadow root.
    expect(page.$$('[placeholder]')).to.have.length(0);
    await expect(el).to.be.accessible();
    page.expectTargets();
  });

  it('offers only the categories of the `categories` subset', async () => {
    const { page } = await mount(makeBackend(), { categories: 'bruit,autre' });
    expect(page.$$('input[name="category"]').map((i) => (i as HTMLInputElement).value)).to.deep.equal([
      'bruit',
      'autre',
    ]);
  });

  it('goes through every step, each passing axe, with focus on the step heading', async () => {
    const { el, page, backend } = await mount();
    await page.pick('input[value="depots-sauvages"]');
    await page.next();
    expect(page.active()?.id).to.equal('step-title');
    expect(page.$('#step-title')!.textContent).to.match(/Étape 2 sur 6\u00a0: Description/);
    await page.type('#f-description', 'Un matelas et des sacs au pied de l’immeuble.');
    await expect(el).to.be.accessible();
    page.expectTargets();
    await page.next();
    // The district select appears when the backend has districts (the in-test one does).
    const known = await backend.client.districts.list();
    expect(Boolean(page.$('#f-district'))).to.equal(known.length > 0);
    const district = known[0];
    if (district) {
      page.$<HTMLSelectElement>('#f-district')!.value = district.id;
      page.$<HTMLSelectElement>('#f-district')!.dispatchEvent(new Event('change'));
    } else await page.type('#f-address', '12 rue des Majots');
    await expect(el).to.be.accessible();
    page.expectTargets();
    await page.next();
    expect(page.text()).to.include('Type de dépôt');
    await page.pick('input[name="f-attr-type-depot"][value="encombrants"]');
    await expect(el).to.be.accessible();
    page.expectTargets();
    await page.next();
    expect(page.$<HTMLInputElement>('#f-contact-anonymous')!.checked).to.equal(true);
    // The notice's defaults (purpose, legal basis, rights), and no placeholder for what is not set.
    expect(page.text()).to.include('Base légale');
    expect(page.text()).not.to.include('configurer');
    await page.pick('#f-contact-contact');
    // « Me tenir informé·e par e-mail »: off by default, labelled, with what it sends.
    const updates = page.$<HTMLInputElement>('#f-updates')!;
    expect(updates.checked).to.equal(false);
    expect(updates.closest('label')!.textContent).to.include('Me tenir informé·e par e-mail');
    expect(updates.getAttribute('aria-describedby')).to.equal('h-updates');
    await expect(el).to.be.accessible();
    page.expectTargets();
    await page.pick('#f-contact-anonymous');
    await page.next();
    expect(page.text()).to.include('Un matelas et des sacs');
    expect(page.text()).to.include(district ? district.name : '12 rue des Majots');
    expect(page.text()).to.include('Anonyme');
    await expect(el).to.be.accessible();
    page.expectTargets();
    // "Modifier" goes back to that step, and from there straight back to the review.
    page.button('Modifier').click();
    await el.updateComplete;
    expect(page.$('#step-title')!.textContent).to.include('Catégorie');
    expect(page.button('Revenir à la vérification')).to.exist;
    await page.next();
    expect(page.$('#step-title')!.textContent).to.include('Vérification');
    expect(page.text()).to.include('Un matelas et des sacs');
    // An ordinary step again: « Retour » then « Continuer » moves one step at a time.
    await page.previous();
    expect(page.button('Continuer')).to.exist;
  });

  it('keeps what was typed when the category changes', async () => {
    const { el, page } = await mount();
    await page.pick('input[value="bruit"]');
    await page.next();
    await page.type('#f-description', 'Musique forte');
    await page.next();
    await page.type('#f-address', 'Rue Saint-Leu');
    await page.next();
    await page.pick('input[name="f-attr-source"][value="commerce"]');
    // Back to the first step, another category, then back again.
    page.button('Retour').click();
    await el.updateComplete;
    page.button('Retour').click();
    await el.updateComplete;
    page.button('Retour').click();
    await el.updateComplete;
    await page.pick('input[value="autre"]');
    await page.next();
    expect(page.$<HTMLTextAreaElement>('#f-description')!.value).to.equal('Musique forte');
    page.button('Retour').click();
    await el.updateComplete;
    await page.pick('input[value="bruit"]');
    await page.next();
    await page.next();
    expect(page.$<HTMLInputElement>('#f-address')!.value).to.equal('Rue Saint-Leu');
    await page.next();
    expect(page.$<HTMLInputElement>('input[name="f-attr-source"][value="commerce"]')!.checked).to.equal(true);
  });

  it('speaks English with lang="en"', async () => {
    const { el, page } = await mount(makeBackend(), { lang: 'en' });
    expect(page.text()).to.include('Report a concern');
    // English punctuation: no space before the colon (French has a no-break one).
    expect(page.$('#step-title')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Step 1 of 6: Category');
    expect(page.text()).to.include('Neighbour relations');
    await page.next();
    expect(page.$('#summary')!.textContent).to.include('Choose a category.');
    await expect(el).to.be.accessible();
  });
});

describe('<prox-concern-form>: backends', () => {
  it('loads the categories of the reference API given by the `api` attribute', async () => {
    expect(apiUrl, 'the reference server runs for the browser tests').to.be.a('string');
    const el = await fixture<ConcernForm>(
      html`<prox-concern-form lang="fr" api=${apiUrl!}></prox-concern-form>`,
    );
    const page = new ConcernFormPage(el);
    await waitUntil(() => page.$('input[name="category"]'), 'categories from the API', { timeout: 5000 });
    expect(page.$$('input[name="category"]').length).to.be.greaterThan(1);
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
    const page = new ConcernFormPage(el);
    // The services of the endpoint become the categories, their definitions the extra fields.
    await waitUntil(() => page.$('input[value="autre"]'), 'Open311 services as categories', {
      timeout: 10000,
    });
    const submitted = oneEvent(el, 'prox-concern-submitted');
    await page.fillUpToReview('Open311\u00a0: des tags sur la porte de l’école.');
    await page.next();
    const { detail } = await submitted;
    const id = detail.receipt.reference;
    await waitUntil(() => page.text().includes(id), 'the receipt shows the request id', { timeout: 10000 });
    await expect(el).to.be.accessible();
    // The request exists on the endpoint, under the service the resident chose.
    const response = await fetch(`${apiUrl}/open311/v2/requests/${encodeURIComponent(id)}.json`);
    expect(response.status).to.equal(200);
    const [request] = (await response.json()) as { service_request_id: string; service_code: string }[];
    expect(request).to.include({ service_request_id: id, service_code: 'autre' });
  });

  it('says clearly, and accessibly, when it has no backend', async () => {
    const el = await fixture<ConcernForm>(html`<prox-concern-form lang="fr"></prox-concern-form>`);
    const page = new ConcernFormPage(el);
    await waitUntil(() => page.$('[role="alert"]'), 'error shown');
    expect(page.$('[role="alert"]')!.textContent).to.include('api ou open311');
    await expect(el).to.be.accessible();
  });
});

describe('<prox-concern-form>: validation', () => {
  it('shows an error summary that takes focus and links to each field; aria-invalid only after validation', async () => {
    const { el, page } = await mount();
    const radio = page.$<HTMLInputElement>('#f-category')!;
    expect(radio.hasAttribute('aria-invalid')).to.equal(false);
    await page.next();
    const summary = page.$('#summary')!;
    expect(page.active()).to.equal(summary);
    expect(summary.querySelector('h3')!.textContent).to.equal('1 erreur à corriger');
    expect(radio.getAttribute('aria-invalid')).to.equal('true');
    const error = page.root.getElementById('e-category')!;
    expect(error.textContent).to.include('Choisissez une catégorie.');
    expect(page.$('fieldset')!.getAttribute('aria-describedby')).to.include('e-category');
    await expect(el).to.be.accessible();
    // The link moves focus to the field (fragment links do not cross the shadow root by themselves).
    summary.querySelector('a')!.click();
    await el.updateComplete;
    expect(page.active()).to.equal(radio);

    await page.pick('input[value="stationnement"]');
    await page.next();
    expect(page.$('#summary')).to.equal(null);
    const description = page.$<HTMLTextAreaElement>('#f-description')!;
    expect(description.hasAttribute('aria-invalid')).to.equal(false);
    await page.next();
    expect(description.getAttribute('aria-invalid')).to.equal('true');
    expect(description.getAttribute('aria-describedby')).to.include('e-description');
    await page.type('#f-description', 'Voiture sur le trottoir');
    expect(description.getAttribute('aria-invalid')).to.equal('false');
    expect(page.$('#summary')).to.equal(null);
  });

  it('validates the contact details only when the resident wants to be contacted', async () => {
    const { el, page } = await mount();
    await page.pick('input[value="autre"]');
    await page.next();
    await page.type('#f-description', 'x');
    await page.next();
    await page.type('#f-address', 'y');
    await page.next();
    await page.pick('input[name="f-attr-danger-immediat"][value="non"]');
    await page.next();
    await page.pick('#f-contact-contact');
    await page.type('#f-email', 'pas-un-email');
    await page.next();
    const links = [...page.$('#summary')!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['#f-email']);
    expect(page.$('#f-email')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    page.expectTargets();
  });
});

describe('<prox-concern-form>: emergencies', () => {
  it('shows the stopper for an emergency category, with tel: and sms: links, and does not go on', async () => {
    const { el, page } = await mount();
    await page.pick('input[value="danger-immediat"]');
    const stopper = page.$('#stopper')!;
    expect(stopper.getAttribute('role')).to.equal('alert');
    expect(stopper.textContent).to.include('Urgence\u00a0: appelez le 17 ou le 112 (114 par SMS)');
    const hrefs = [...stopper.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['tel:17', 'tel:112', 'sms:114']);
    await page.next();
    expect(page.$('#step-title')!.textContent).to.include('Étape 1');
    expect(page.active()).to.equal(stopper);
    await expect(el).to.be.accessible();
    page.expectTargets();
  });

  it('blocks submission when an answer calls for the stopper', async () => {
    const { el, page, backend } = await mount(makeBackend(), { lang: 'en' });
    await page.pick('input[value="autre"]');
    await page.next();
    await page.type('#f-description', 'Someone is shouting for help');
    await page.next();
    await page.type('#f-address', 'Rue X');
    await page.next();
    await page.pick('input[name="f-attr-danger-immediat"][value="oui"]');
    expect(page.$('#stopper')!.textContent).to.include('Emergency: call 17 or 112 (114 by text)');
    await page.next();
    expect(page.active()).to.equal(page.$('#stopper'));
    await expect(el).to.be.accessible();
    // Even from the review (reached by "Change" → back), submitting is refused while the answer stands.
    (el as unknown as { step: string }).step = 'review';
    await el.updateComplete;
    await page.next();
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.posts()).to.have.length(0);
    expect(page.text()).not.to.include('Sending');
  });
});

describe('<prox-concern-form>: complaints about police conduct', () => {
  const conduct = defaultCategories.find((c) => c.conduct)!;
  const mediator = {
    id: 'mediateur-municipal',
    name: { fr: 'Médiateur municipal', en: 'Municipal mediator' },
  };
  const withInstance = defaultCategories.map((c) =>
    c.conduct ? { ...c, conduct: { instance: mediator } } : c,
  );

  for (const lang of ['fr', 'en'] as const) {
    it(`shows the recourse guide and, without an independent instance, does not go on (${lang})`, async () => {
      const { el, page, backend } = await mount(makeBackend(defaultCategories, true), { lang });
      await page.pick(`input[value="${conduct.code}"]`);
      const guide = await page.waitFor('#conduct-guide', 'the recourse guide');
      const text = guide.textContent!.replace(/\s+/g, ' ');
      for (const body of ['IGPN', 'IGGN', 'Défenseur des droits', lang === 'fr' ? 'Procureur' : 'prosecutor'])
        expect(text).to.include(body);
      expect(text).to.include(
        lang === 'fr'
          ? 'Ce formulaire ne transmet jamais une telle plainte à la police.'
          : 'This form never passes such a complaint to the police.',
      );
      expect(text).to.include(
        lang === 'fr'
          ? 'Ce formulaire ne peut pas transmettre cette plainte'
          : 'This form cannot send this complaint',
      );
      const hrefs = [...guide.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(hrefs).to.deep.equal([
        'https://moncommissariat.interieur.gouv.fr',
        'https://www.masecurite.interieur.gouv.fr',
        'https://www.defenseurdesdroits.fr',
      ]);
      // Named by its heading, and announced.
      expect(guide.getAttribute('role')).to.equal('region');
      expect(page.$(`#${guide.getAttribute('aria-labelledby')!}`)!.textContent).to.include(
        lang === 'fr' ? 'Se plaindre du comportement' : 'Complaining about',
      );
      await waitUntil(
        () => page.status().includes(lang === 'fr' ? 'Se plaindre' : 'Complaining'),
        'announced',
      );
      // « Continuer » stays on the category and moves the focus to the guide.
      await page.next();
      expect(page.stepTitle()).to.include(lang === 'fr' ? 'Étape 1' : 'Step 1');
      expect(page.active()).to.equal(guide);
      await expect(el).to.be.accessible();
      page.expectTargets();
      // Even from the review, nothing is sent.
      (el as unknown as { step: string }).step = 'review';
      await el.updateComplete;
      await page.next();
      await new Promise((r) => setTimeout(r, 50));
      expect(backend.posts()).to.have.length(0);
      expect(page.stepTitle()).to.include(lang === 'fr' ? 'Étape 1' : 'Step 1');
    });
  }

  it('with the city’s independent instance: the guide names it, and the complaint goes on to it', async () => {
    const { el, page, backend } = await mount(makeBackend(withInstance, true));
    await page.pick(`input[value="${conduct.code}"]`);
    const guide = await page.waitFor('#conduct-guide', 'the recourse guide');
    expect(guide.textContent).to.include(
      'La Ville a aussi une instance indépendante\u00a0: Médiateur municipal.',
    );
    expect(guide.textContent).to.include('seuls ses membres liront votre message');
    await expect(el).to.be.accessible();
    await page.next();
    expect(page.stepTitle()).to.include('Description');
    await page.type('#f-description', 'Lors d’un contrôle place Gambetta, un agent m’a insulté.');
    await page.next();
    await page.type('#f-address', 'Place Gambetta');
    await page.next();
    // No details for this category: the contact, then the review.
    expect(page.stepTitle()).to.include('Contact');
    await page.next();
    expect(page.stepTitle()).to.include('Vérification');
    await page.next();
    await waitUntil(() => backend.posts().length === 1, 'sent');
    const body = JSON.parse(backend.posts()[0]!.body!) as ConcernInput;
    expect(body.categoryCode).to.equal(conduct.code);
  });
});

describe('<prox-concern-form>: submission', () => {
  it('completes a full report by keyboard alone', async () => {
    const { el, page, backend } = await mount();
    const submitted = oneEvent(el, 'prox-concern-submitted');
    // Category: Tab into the radio group, ArrowUp wraps to the last category ("Autre sujet").
    await page.tabTo((e) => e.getAttribute('name') === 'category', 'the categories');
    await sendKeys({ press: 'ArrowUp' });
    expect((page.active() as HTMLInputElement).value).to.equal('autre');
    await page.tabTo(isButton('Continuer'), 'Continuer');
    await sendKeys({ press: 'Enter' });
    // Description.
    await page.tabTo((e) => e.id === 'f-description', 'the description');
    await sendKeys({ type: 'Des tags sur la porte de l’école.' });
    await page.tabTo(isButton('Continuer'), 'Continuer');
    await sendKeys({ press: 'Enter' });
    // Location: Enter in the address field goes on.
    await page.tabTo((e) => e.id === 'f-address', 'the address');
    await sendKeys({ type: 'Place du Don' });
    await sendKeys({ press: 'Enter' });
    // Details: "Is anyone in danger right now?" → No.
    await page.tabTo((e) => e.getAttribute('name') === 'f-attr-danger-immediat', 'the danger question');
    await sendKeys({ press: 'ArrowDown' });
    expect((page.active() as HTMLInputElement).value).to.equal('non');
    await page.tabTo(isButton('Continuer'), 'Continuer');
    await sendKeys({ press: 'Enter' });
    // Contact: anonymous by default.
    await page.tabTo(isButton('Continuer'), 'Continuer');
    await sendKeys({ press: 'Enter' });
    // Review, then send.
    expect(page.$('#step-title')!.textContent).to.include('Vérification');
    await page.tabTo(isButton('Envoyer le signalement'), 'Envoyer');
    await sendKeys({ press: 'Enter' });
    const { detail } = await submitted;
    expect(detail.receipt.reference).to.match(/^PRX-/);
    await waitUntil(() => page.$('.receipt'), 'sent', { timeout: 5000 });
    expect(page.$('.receipt .reference')!.textContent).to.equal(detail.receipt.reference);
    expect(page.text()).to.include('Transmis à');
    expect(page.active()?.id).to.equal('result-title');
    expect(page.status()).to.include(detail.receipt.reference);
    // The status link is this page in status mode (not the API's JSON).
    // Its token is in the fragment: never sent in a Referer.
    const link = new URL(page.$<HTMLAnchorElement>('.receipt a')!.href);
    expect(link.origin + link.pathname).to.equal(location.origin + location.pathname);
    const fragment = new URLSearchParams(link.hash.slice(1));
    expect(fragment.get('ref')).to.equal(detail.receipt.reference);
    expect(fragment.get('token')).to.equal(detail.receipt.statusToken);
    expect(link.search).not.to.include(detail.receipt.statusToken);
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
    page.expectTargets();
  });

  it('never sends contact fields for an anonymous report, even after typing some', async () => {
    const { el, page, backend } = await mount();
    await page.pick('input[value="autre"]');
    await page.next();
    await page.type('#f-description', 'Anonyme');
    await page.next();
    await page.type('#f-address', 'Rue Y');
    await page.next();
    await page.pick('input[name="f-attr-danger-immediat"][value="non"]');
    await page.next();
    await page.pick('#f-contact-contact');
    await page.type('#f-name', 'Awa Diallo');
    await page.type('#f-email', 'awa@exemple.fr');
    await page.type('#f-phone', '06 12 34 56 78');
    await page.pick('#f-contact-anonymous');
    await page.next();
    await page.next();
    await waitUntil(() => page.$('.receipt'), 'sent', { timeout: 5000 });
    const raw = backend.posts()[0]!.body!;
    expect(JSON.parse(raw)).not.to.have.property('contact');
    expect(raw).not.to.match(/awa|diallo|06 12|exemple/i);

    // The positive control: a resident who chooses to be contacted sends what they typed.
    page.button('Faire un autre signalement').click();
    await el.updateComplete;
    await page.fillUpToReview('Avec contact');
    page.button('Modifier').click();
    await el.updateComplete;
    (el as unknown as { step: string }).step = 'contact';
    await el.updateComplete;
    await page.pick('#f-contact-contact');
    await page.type('#f-email', 'awa@exemple.fr');
    await page.next();
    await page.next();
    await waitUntil(() => backend.posts().length === 2 && page.$('.receipt'), 'second sent', {
      timeout: 5000,
    });
    expect(JSON.parse(backend.posts()[1]!.body!).contact).to.deep.equal({ email: 'awa@exemple.fr' });
  });

  it('queues while offline, then delivers once when back online', async () => {
    const backend = makeBackend();
    const { el, page } = await mount(backend);
    await page.fillUpToReview('Hors ligne');
    backend.state.offline = true;
    setOnline(false);
    const queued = oneEvent(el, 'prox-concern-queued');
    await page.next();
    const { detail } = await queued;
    await waitUntil(() => page.text().includes('en attente de connexion'), 'queued shown', { timeout: 5000 });
    expect(page.status()).to.include('en attente de connexion');
    expect(backend.posts()).to.have.length(0);
    // Stored durably in IndexedDB with its idempotency key, before any network.
    const { get } = await import('idb-keyval');
    const entry = await get<{ idempotencyKey: string; input: ConcernInput }>(detail.id, outboxStore());
    expect(entry!.input.description).to.equal('Hors ligne');
    await expect(el).to.be.accessible();
    page.expectTargets();

    const submitted = oneEvent(el, 'prox-concern-submitted');
    backend.state.offline = false;
    setOnline(true);
    window.dispatchEvent(new Event('online'));
    const { detail: sent } = await submitted;
    await waitUntil(() => page.$('.receipt'), 'sent shown', { timeout: 5000 });
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
    await first.page.fillUpToReview('Rechargé hors ligne');
    backend.state.offline = true;
    setOnline(false);
    const queued = oneEvent(first.el, 'prox-concern-queued');
    await first.page.next();
    const { detail } = await queued;
    first.el.remove();

    // A new page load: a new element instance finds its submission in the outbox.
    const second = await fixture<ConcernForm>(
      html`<prox-concern-form lang="fr" .client=${backend.client}></prox-concern-form>`,
    );
    const secondPage = new ConcernFormPage(second);
    await waitUntil(() => secondPage.text().includes('en attente de connexion'), 'queued after reload', {
      timeout: 5000,
    });
    await expect(second).to.be.accessible();
    const submitted = oneEvent(second, 'prox-concern-submitted');
    backend.state.offline = false;
    setOnline(true);
    window.dispatchEvent(new Event('online'));
    await submitted;
    await waitUntil(() => secondPage.$('.receipt'), 'sent after reload', { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(new Set(backend.posts().map((p) => p.key)).size).to.equal(1);
    const { get } = await import('idb-keyval');
    expect(await get(detail.id, outboxStore())).to.equal(undefined);
    expect(localStorage.length).to.equal(0);
  });

  it('shows a refusal with its reason and lets the resident fix it and retry', async () => {
    const { el, page } = await mount();
    await page.fillUpToReview('REJECT this one');
    await page.next();
    await waitUntil(() => page.$('.panel--failed'), 'failed shown', { timeout: 5000 });
    // In the resident's words: the server's own text goes to the console, not to the page.
    expect(page.text()).to.include('Le service a refusé ce signalement.');
    expect(page.text()).not.to.include('La description est refusée.');
    expect(page.text()).to.include('Le signalement n’a pas pu être envoyé');
    expect(page.$('a[href="tel:17"]')).to.exist;
    await expect(el).to.be.accessible();
    page.button('Modifier').click();
    await waitUntil(() => page.$('#step-title'), 'back to the form');
    expect(page.$('#step-title')!.textContent).to.include('Vérification');
    (el as unknown as { step: string }).step = 'description';
    await el.updateComplete;
    await page.type('#f-description', 'Corrigé');
    await page.next();
    await page.next();
    await page.next();
    await page.next();
    expect(page.$('#step-title')!.textContent).to.include('Vérification');
    await page.next();
    await waitUntil(() => page.$('.receipt'), 'sent after fixing', { timeout: 5000 });
  });
});

describe('<prox-concern-form>: when a report cannot leave', () => {
  const contact: HelpContact = {
    name: { fr: 'Mairie d’Amiens — accueil', en: 'Amiens town hall — front desk' },
    phone: '03 22 97 40 40',
    url: 'https://www.amiens.fr/contact',
  };

  /** Calls `fn` with console.error and console.warn recorded (and silenced). */
  async function recordingConsole<T>(fn: (lines: string[]) => Promise<T>): Promise<T> {
    const lines: string[] = [];
    const { error, warn } = console;
    console.error = (...args: unknown[]) => void lines.push(`error: ${args.map(String).join(' ')}`);
    console.warn = (...args: unknown[]) => void lines.push(`warn: ${args.map(String).join(' ')}`);
    try {
      return await fn(lines);
    } finally {
      Object.assign(console, { error, warn });
    }
  }

  it('says a report refused by the backend’s origin check could not be sent from this site — not «\u00a0offline\u00a0»', async () => {
    await recordingConsole(async (lines) => {
      const backend = makeBackend();
      const { el, page } = await mount(backend, { contact });
      await page.fillUpToReview('Refusé par CORS');
      backend.state.refuseWrites = true;
      await page.next();
      const panel = await page.waitFor('.panel--failed', 'refusal shown');
      expect(page.text()).to.include('Ce signalement n’a pas pu être envoyé depuis ce site');
      expect(page.text()).to.include('ce n’est pas votre connexion');
      expect(page.text()).not.to.include('hors ligne');
      expect(page.status()).to.include('depuis ce site');
      // What to do instead: the emergency numbers and the city's contact.
      const links = [...panel.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(links).to.include.members([
        'tel:17',
        'tel:112',
        'sms:114',
        'tel:0322974040',
        'https://www.amiens.fr/contact',
      ]);
      expect(panel.textContent).to.include('Mairie d’Amiens — accueil');
      // And the webmaster's console names the setting and the check.
      expect(lines.join('\n')).to.match(/PROXIMITE_ALLOWED_ORIGINS=http:\/\/(localhost|127\.0\.0\.1):\d+/);
      expect(lines.join('\n')).to.include('proximite doctor --origin');
      await expect(el).to.be.accessible();
      // Kept on the device: once the backend allows the page, « Réessayer » delivers it, once.
      backend.state.refuseWrites = false;
      page.button('Réessayer').click();
      await page.waitFor('.receipt', 'sent after the origin was allowed');
      expect(new Set(backend.posts().map((p) => p.key)).size).to.equal(1);
    });
  });

  it('tells a backend that does not answer from being offline', async () => {
    await recordingConsole(async () => {
      const backend = makeBackend();
      const { el, page } = await mount(backend, { lang: 'en' });
      await page.pick('input[value="autre"]');
      await page.next();
      await page.type('#f-description', 'Nobody answers');
      await page.next();
      await page.type('#f-address', 'Place du Don');
      await page.next();
      await page.pick('input[name="f-attr-danger-immediat"][value="non"]');
      await page.next();
      await page.next();
      backend.state.offline = true; // every request fails, but the browser says it is online
      await page.next();
      await waitUntil(() => page.text().includes('waiting for the service'), 'unreachable shown', {
        timeout: 8000,
      });
      expect(page.text()).to.include('The service is not answering right now.');
      expect(page.text()).not.to.include('offline');
      await expect(el).to.be.accessible();
    });
  });

  it('gives the emergency numbers and a human contact in its error and empty states, in the resident’s words', async () => {
    await recordingConsole(async (lines) => {
      const backend = makeBackend();
      backend.state.failReads = true;
      const el = await fixture<ConcernForm>(
        html`<prox-concern-form lang="fr" .client=${backend.client} .contact=${contact}></prox-concern-form>`,
      );
      const page = new ConcernFormPage(el);
      const alert = await page.waitFor('[role="alert"]', 'error state');
      expect(alert.textContent).to.include('Le service est momentanément indisponible.');
      expect(alert.textContent).not.to.match(/Service Unavailable|http|GET /);
      expect(alert.querySelector('a[href="tel:17"]')).to.exist;
      expect(alert.querySelector('a[href="sms:114"]')).to.exist;
      expect(alert.textContent).to.include('Mairie d’Amiens — accueil');
      expect(lines.some((l) => l.startsWith('warn: proximite:'))).to.equal(true);
      await expect(el).to.be.accessible();

      const none = { concerns: { ...backend.client.concerns, categories: async () => [] } };
      const empty = await fixture<ConcernForm>(
        html`<prox-concern-form lang="en" .client=${none}></prox-concern-form>`,
      );
      const emptyPage = new ConcernFormPage(empty);
      await waitUntil(() => emptyPage.text().includes('No category is available'), 'empty state');
      expect(emptyPage.$('a[href="tel:112"]')).to.exist;
      expect(emptyPage.text()).to.include('town hall');
      await expect(empty).to.be.accessible();
    });
  });

  it('shows the data notice with its defaults; says in the console, not on the page, what is missing', async () => {
    await recordingConsole(async (lines) => {
      const full: PrivacyNotice = {
        controller: 'Ville d’Amiens',
        retention: { fr: 'Un an au plus.', en: 'One year at most.' },
        dpo: 'dpo@amiens.example',
      };
      for (const [privacy, missing] of [
        [full, ''],
        [undefined, 'controller, retention, dpo'],
      ] as const) {
        lines.length = 0;
        localStorage.clear();
        const { el, page } = await mount(makeBackend(), { privacy });
        await page.fillUpToReview();
        page.$<HTMLButtonElement>('button[aria-label="Modifier\u00a0: Contact"]')!.click();
        await el.updateComplete;
        await el.updateComplete;
        expect(page.text()).to.include('Base légale');
        expect(page.text()).to.include('Mission d’intérêt public');
        expect(page.text()).not.to.include('configurer');
        expect(page.text().includes('Responsable du traitement')).to.equal(privacy !== undefined);
        const warning = lines.find((l) => l.includes('privacy notice'));
        if (missing) expect(warning).to.include(missing);
        else expect(warning).to.equal(undefined);
        await expect(el).to.be.accessible();
        el.remove();
      }
    });
  });
});

describe('<prox-concern-form>: draft', () => {
  it('saves as the resident types, restores after a reload, and deletes on request', async () => {
    const backend = makeBackend();
    const first = await mount(backend);
    await first.page.pick('input[value="bruit"]');
    await first.page.next();
    await first.page.type('#f-description', 'Fête tous les soirs');
    expect(localStorage.length).to.equal(1);
    expect(first.page.text()).to.include('Brouillon enregistré sur cet appareil');
    first.el.remove();

    const { el, page } = await mount(backend);
    expect(page.text()).to.include('Votre brouillon a été restauré.');
    expect(page.$<HTMLTextAreaElement>('#f-description')!.value).to.equal('Fête tous les soirs');
    await expect(el).to.be.accessible();
    page.button('Supprimer mon brouillon').click();
    await el.updateComplete;
    expect(localStorage.length).to.equal(0);
    expect(page.$<HTMLInputElement>('input[value="bruit"]')!.checked).to.equal(false);
    await waitUntil(() => page.status() === 'Brouillon supprimé.');
  });

  it('is removed after a successful submission', async () => {
    const { page } = await mount();
    await page.fillUpToReview();
    expect(localStorage.length).to.be.greaterThan(0);
    await page.next();
    await waitUntil(() => page.$('.receipt'), 'sent', { timeout: 5000 });
    expect(localStorage.length).to.equal(0);
  });

  it('announces the length count at thresholds, not on every keystroke', async () => {
    const { el, page } = await mount();
    await page.pick('input[value="autre"]');
    await page.next();
    await page.type('#f-description', 'a'.repeat(100));
    expect(page.$('#c-description')!.textContent).to.include('3900 caractères restants');
    expect(page.status()).to.equal('');
    await page.type('#f-description', 'a'.repeat(3500));
    await waitUntil(() => page.status() === '500 caractères restants');
    await page.type('#f-description', 'a'.repeat(3501));
    await el.updateComplete;
    expect(page.status()).to.equal('500 caractères restants');
    expect(page.$('#c-description')!.textContent).to.include('499 caractères restants');
    await page.type('#f-description', 'a'.repeat(4002));
    await waitUntil(() => page.status() === '2 caractères de trop');
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
    const { el, page } = await mount();
    await page.pick('input[value="autre"]');
    await page.next();
    await page.type('#f-description', 'x');
    await page.next();
    expect(asked).to.equal(0);
    page.button('Utiliser ma position').click();
    await el.updateComplete;
    expect(asked).to.equal(1);
    await waitUntil(() => page.status().includes('accès refusé'));
    expect(page.text()).to.include('Indiquez une adresse ou un quartier');
    expect(page.active()?.id).to.equal('f-address');
    await expect(el).to.be.accessible();
  });

  it('adds a rounded point to the location when allowed', async () => {
    fakeGeolocation((ok) =>
      ok({ coords: { latitude: 49.8941234, longitude: 2.2957654 } } as GeolocationPosition),
    );
    const { page, backend } = await mount();
    await page.pick('input[value="autre"]');
    await page.next();
    await page.type('#f-description', 'x');
    await page.next();
    page.button('Utiliser ma position').click();
    await waitUntil(() => page.text().includes('Position ajoutée'));
    await page.next();
    await page.pick('input[name="f-attr-danger-immediat"][value="non"]');
    await page.next();
    await page.next();
    await page.next();
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
    const page = new ConcernFormPage(el);
    expect(page.text()).to.include('Suivre un signalement');
    await page.statusReady();
    await expect(el).to.be.accessible();
    await page.lookUp('nope', '');
    expect(page.active()?.id).to.equal('summary');
    expect(page.$('#f-reference')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    await page.lookUp(receipt.reference.toLowerCase(), receipt.statusToken);
    await page.waitFor('#status-result', 'status shown');
    expect(page.$('#status-ref')!.textContent).to.equal(receipt.reference);
    const stages = page.$$('.stages li');
    expect(stages).to.have.length(3);
    if (backend.fake) {
      expect(page.text()).to.include('Intervention programmée');
      expect(stages[1]!.getAttribute('aria-current')).to.equal('step');
      expect(stages[1]!.textContent).to.include('étape actuelle');
      expect(stages[0]!.textContent).to.include('étape franchie');
      expect(page.$$('.updates li').map((li) => li.textContent!.replace(/\s+/g, ' '))[0]).to.include(
        'Pris en charge.',
      );
    }
    await expect(el).to.be.accessible();
  });

  for (const lang of ['fr', 'en'] as const) {
    it(`asks «\u00a0Le problème est-il réglé\u202f?\u00a0» once closed; «\u00a0non\u00a0» reopens it (${lang}, axe)`, async () => {
      const t =
        lang === 'fr'
          ? {
              title: 'Le problème est-il réglé\u202f?',
              choose: 'Choisissez oui ou non.',
              no: 'n’est pas réglé',
              reopened: 'Réouverture demandée',
            }
          : {
              title: 'Is the problem solved?',
              choose: 'Choose yes or no.',
              no: 'is not solved',
              reopened: 'Reopening requested',
            };
      const backend = makeBackend(defaultCategories, true);
      const receipt = await submitOne(backend);
      const el = await fixture<ConcernForm>(
        html`<prox-concern-form mode="status" lang=${lang} .client=${backend.client}></prox-concern-form>`,
      );
      const page = new ConcernFormPage(el);
      // Not closed yet: no question.
      await page.lookUp(receipt.reference, receipt.trackingCode!);
      await page.waitFor('#status-result', 'status shown');
      expect(page.$('form.verdict')).to.equal(null);

      backend.fake!.closed.add(receipt.reference);
      await page.lookUp(receipt.reference, receipt.trackingCode!);
      const legend = await page.waitFor('form.verdict legend', 'the question');
      expect(legend.textContent!.trim()).to.equal(t.title);
      await expect(el).to.be.accessible();

      // Sent with no choice: the error, tied to the group, and focus on the first answer.
      page.button(lang === 'fr' ? 'Envoyer ma réponse' : 'Send my answer').click();
      await waitUntil(() => page.$('#e-verdict'), 'the missing answer is said');
      expect(page.$('#e-verdict')!.textContent).to.include(t.choose);
      expect(page.$('form.verdict fieldset')!.getAttribute('aria-describedby')).to.equal(
        'h-verdict e-verdict',
      );
      await waitUntil(() => page.active()?.id === 'f-verdict-yes', 'focus on the first answer');
      await expect(el).to.be.accessible();

      await page.pick('#f-verdict-no');
      expect(page.$('#e-verdict')).to.equal(null);
      await page.type('#f-verdict-comment', '  Toujours là.  ');
      page.button(lang === 'fr' ? 'Envoyer ma réponse' : 'Send my answer').click();
      const result = await page.waitFor('#verdict-result', 'the answer recorded');
      expect(result.textContent).to.include(t.no);
      await waitUntil(() => page.active()?.id === 'verdict-result', 'focus on the answer');
      expect(page.status()).to.include(t.no);
      expect(page.text()).to.include(t.reopened);
      expect(page.$('form.verdict')).to.equal(null);
      const sent = backend.requests.find((r) => r.path.endsWith('/feedback'));
      expect(JSON.parse(sent!.body!)).to.deep.equal({
        code: receipt.trackingCode,
        resolved: false,
        comment: 'Toujours là.',
      });
      await expect(el).to.be.accessible();
    });
  }

  for (const lang of ['fr', 'en'] as const) {
    it(`offers the news by e-mail from the status view; a wrong address is said and focused (${lang}, axe)`, async () => {
      const t =
        lang === 'fr'
          ? {
              title: 'Recevoir les nouvelles par e-mail',
              send: 'Recevoir les nouvelles',
              bad: 'Saisissez une adresse e-mail',
              on: 'vous sont envoyées par e-mail',
            }
          : {
              title: 'Get the news by e-mail',
              send: 'Get the news',
              bad: 'Enter an e-mail address',
              on: 'is sent to you by e-mail',
            };
      const backend = makeBackend(defaultCategories, true);
      const receipt = await submitOne(backend);
      const el = await fixture<ConcernForm>(
        html`<prox-concern-form mode="status" lang=${lang} .client=${backend.client}></prox-concern-form>`,
      );
      const page = new ConcernFormPage(el);
      await page.lookUp(receipt.reference, receipt.trackingCode!);
      const form = await page.waitFor('form.mail', 'the offer');
      expect(form.querySelector('h4')!.textContent).to.equal(t.title);
      await expect(el).to.be.accessible();
      await page.type('#f-mail', 'pas une adresse');
      page.button(t.send).click();
      await waitUntil(() => page.$('#e-mail'), 'the wrong address is said');
      expect(page.$('#e-mail')!.textContent).to.include(t.bad);
      expect(page.$('#f-mail')!.getAttribute('aria-describedby')).to.equal('h-mail e-mail');
      await waitUntil(() => page.active()?.id === 'f-mail', 'focus on the address');
      await expect(el).to.be.accessible();
      await page.type('#f-mail', ' awa@exemple.fr ');
      page.button(t.send).click();
      const done = await page.waitFor('#mail-result', 'the news are on');
      expect(done.textContent).to.include(t.on);
      await waitUntil(() => page.active()?.id === 'mail-result', 'focus on the confirmation');
      expect(backend.fake!.mailed.get(receipt.reference)).to.equal('awa@exemple.fr');
      const sent = backend.requests.find((r) => r.path.endsWith('/email'));
      expect(JSON.parse(sent!.body!)).to.deep.equal({
        code: receipt.trackingCode,
        email: 'awa@exemple.fr',
        lang,
      });
      await expect(el).to.be.accessible();
    });
  }

  it('says so when the answer was already given elsewhere (409), in an alert', async () => {
    const backend = makeBackend(defaultCategories, true);
    const receipt = await submitOne(backend);
    backend.fake!.closed.add(receipt.reference);
    const el = await fixture<ConcernForm>(
      html`<prox-concern-form mode="status" lang="fr" .client=${backend.client}></prox-concern-form>`,
    );
    const page = new ConcernFormPage(el);
    await page.lookUp(receipt.reference, receipt.statusToken);
    await page.waitFor('form.verdict', 'the question');
    backend.fake!.verdicts.set(receipt.reference, true);
    await page.pick('#f-verdict-yes');
    page.button('Envoyer ma réponse').click();
    const alert = await page.waitFor('#verdict-error', 'the refusal');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.include('Une réponse a déjà été donnée');
    await waitUntil(() => page.active()?.id === 'verdict-error', 'focus on the refusal');
    await expect(el).to.be.accessible();
  });

  it('says when an agent noted the concern at a café (fr and en, axe)', async () => {
    for (const lang of ['fr', 'en']) {
      const backend = makeBackend(defaultCategories, true);
      const receipt = await submitOne(backend);
      // The status as the server answers it for a concern noted in café mode.
      const client = createClient({
        baseUrl: 'http://127.0.0.1:9',
        retry: 0,
        cache: false,
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          const request = input instanceof Request ? input : new Request(input, init);
          const res = await backend.fake!.handle(request);
          if (
            request.method !== 'GET' ||
            new URL(request.url).pathname !== `/v1/concerns/${receipt.reference}`
          )
            return res;
          const raisedAt = {
            cafeId: 'cafe-don',
            start: '2026-12-05T09:00:00+01:00',
            timeZone: 'Europe/Paris',
            place: 'place du Don',
          };
          return json({ ...((await res.json()) as object), raisedAt }, res.status);
        },
      });
      const el = await fixture<ConcernForm>(
        html`<prox-concern-form mode="status" lang=${lang} .client=${client}></prox-concern-form>`,
      );
      const page = new ConcernFormPage(el);
      await page.lookUp(receipt.reference, receipt.trackingCode!);
      const line = await page.waitFor('.raised-at', 'the café');
      expect(line.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        lang === 'fr'
          ? 'Relevé au café du 5 décembre, place du Don'
          : 'Raised at the café of 5 December, place du Don',
      );
      await expect(el).to.be.accessible();
    }
  });

  it('reads ?ref= and &token= from the page URL', async () => {
    const backend = makeBackend();
    const receipt = await submitOne(backend);
    history.replaceState(null, '', `?ref=${receipt.reference}&token=${receipt.statusToken}`);
    const el = await fixture<ConcernForm>(
      html`<prox-concern-form lang="en" .client=${backend.client}></prox-concern-form>`,
    );
    const page = new ConcernFormPage(el);
    expect(el.mode).to.equal('status');
    await page.waitFor('#status-result', 'status shown');
    expect(page.text()).to.include('Public updates');
  });

  it('loads the status view only when shown; says so when it cannot, and retries when asked', async () => {
    const FormClass = customElements.get('prox-concern-form') as typeof ConcernForm;
    const real = FormClass.statusViewModule;
    let attempts = 0;
    FormClass.statusViewModule = () => {
      attempts += 1;
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    };
    try {
      const { el, page } = await mount();
      // Reporting never loads it.
      expect(attempts).to.equal(0);
      page.button('Suivre un signalement existant').click();
      const alert = await page.waitFor('[role="alert"]', 'status view error');
      expect(alert.textContent).to.include('Le contenu n’a pas pu être chargé.');
      await new Promise((r) => setTimeout(r, 100));
      expect(attempts).to.equal(1);
      await expect(el).to.be.accessible();
      FormClass.statusViewModule = real;
      page.$<HTMLButtonElement>('[role="alert"] button')!.click();
      await page.statusReady();
      expect(page.$('[role="alert"]')).to.equal(null);
    } finally {
      FormClass.statusViewModule = real;
    }
  });

  it('says so when nothing matches', async () => {
    const backend = makeBackend();
    const el = await fixture<ConcernForm>(
      html`<prox-concern-form mode="status" lang="fr" .client=${backend.client}></prox-concern-form>`,
    );
    const page = new ConcernFormPage(el);
    await page.lookUp('PRX-0000-0000', 'abcdefghijklmnopqrstuvwxyz');
    await page.waitFor('[role="alert"]');
    expect(page.$('[role="alert"]')!.textContent).to.include('Aucun signalement ne correspond');
    await expect(el).to.be.accessible();
  });

  it('keeps focus on the error when a lookup fails (the disabled button does not drop it to <body>)', async () => {
    const backend = makeBackend();
    const el = await fixture<ConcernForm>(
      html`<prox-concern-form mode="status" lang="fr" .client=${backend.client}></prox-concern-form>`,
    );
    const page = new ConcernFormPage(el);
    await page.statusReady();
    await page.type('#f-reference', 'PRX-0000-0000');
    await page.type('#f-token', 'abcdefghijklmnopqrstuvwxyz');
    // As a keyboard user does: focus on « Voir le suivi », then Enter.
    page.button('Voir le suivi').focus();
    await sendKeys({ press: 'Enter' });
    const alert = await page.waitFor('[role="alert"]', 'lookup error');
    await waitUntil(() => page.active() === alert, 'focus on the error');
    expect(document.activeElement).to.equal(el);
    expect(alert.textContent).to.include('Aucun signalement ne correspond');
  });
});

describe('<prox-concern-form>: the receipt (reference, tracking code, copy, print or save)', () => {
  const realOpen = window.open;
  afterEach(() => {
    window.open = realOpen;
  });

  for (const lang of ['fr', 'en'] as const)
    for (const theme of ['light', 'dark'] as const)
      it(`shows the code with copy and print buttons, accessible (${lang}, ${theme})`, async () => {
        const { el, page } = await mount();
        el.setAttribute('theme', theme);
        await page.fillUpToReview();
        await page.next();
        await page.receiptReady();
        el.setAttribute('lang', lang);
        await waitUntil(() => page.text().includes(lang === 'fr' ? 'Code de suivi' : 'Tracking code'), lang);
        const values = page.$$('.receipt .reference').map((d) => d.textContent!.trim());
        expect(values[0]).to.match(/^PRX-/);
        expect(values[1]).to.match(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
        expect(page.text()).to.include(lang === 'fr' ? 'Code de suivi' : 'Tracking code');
        page.button(lang === 'fr' ? 'Copier la référence et le code' : 'Copy the reference and the code');
        page.button(lang === 'fr' ? /Imprimer ou enregistrer le reçu/ : /Print or save the receipt/);
        await expect(el).to.be.accessible();
      });

  it('copies the reference and the code, and says so (or says it did not work)', async () => {
    const { page } = await mount();
    await page.fillUpToReview();
    await page.next();
    await page.receiptReady();
    const [reference, code] = page.$$('.receipt .reference').map((d) => d.textContent!.trim());
    const copied: string[] = [];
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
    try {
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: (text: string) => (copied.push(text), Promise.resolve()) },
      });
      page.button('Copier la référence et le code').click();
      await waitUntil(() => page.status() === 'Référence et code copiés.', 'copied announced');
      expect(copied).to.deep.equal([`${reference} ${code}`]);
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      });
      page.button('Copier la référence et le code').click();
      await waitUntil(() => page.status().startsWith('La copie n’a pas fonctionné'), 'failure announced');
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
    }
  });

  it('opens the receipt as a page of its own: plain HTML without script or style', async () => {
    const { el, page } = await mount();
    await page.fillUpToReview();
    await page.next();
    await page.receiptReady();
    el.setAttribute('lang', 'en');
    await waitUntil(() => page.text().includes('Print or save the receipt'), 'in English');
    const [reference, code] = page.$$('.receipt .reference').map((d) => d.textContent!.trim());
    const opened: string[] = [];
    window.open = ((url: string) => (opened.push(url), null)) as typeof window.open;
    page.button(/Print or save the receipt/).click();
    expect(opened).to.have.length(1);
    expect(opened[0]).to.match(/^blob:/);
    const doc = await (await fetch(opened[0]!)).text();
    expect(doc).to.include(`<html lang="en">`);
    expect(doc).to.include(`<title>Report receipt ${reference}</title>`);
    expect(doc).to.include(`<strong>${code}</strong>`);
    expect(doc).to.include('no-referrer');
    expect(doc).not.to.match(/<script|<style|style=/);
    // The status link is this page with the token in its fragment.
    expect(doc).to.match(/<a href="[^"]*#ref=PRX-[^"]*&#38;token=/);
  });

  it('follows a report with the short code as a person types it', async () => {
    const backend = makeBackend();
    const receipt = await backend.client.concerns.submit(
      {
        categoryCode: 'depots-sauvages',
        description: 'Un matelas sur le trottoir.',
        location: { address: '1 rue Motte, Amiens' },
        attributes: { 'type-depot': 'encombrants' },
        lang: 'fr',
      },
      { idempotencyKey: crypto.randomUUID() },
    );
    expect(receipt.trackingCode).to.match(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const el = await fixture<ConcernForm>(
      html`<prox-concern-form mode="status" lang="fr" .client=${backend.client}></prox-concern-form>`,
    );
    const page = new ConcernFormPage(el);
    await page.statusReady();
    await page.lookUp(receipt.reference, 'abc');
    expect(page.$('#f-token')!.getAttribute('aria-invalid')).to.equal('true');
    expect(page.text()).to.include('10 lettres et chiffres');
    await page.lookUp(receipt.reference, receipt.trackingCode!.toLowerCase().replace('-', ' '));
    await page.waitFor('#status-result', 'status shown');
    expect(page.$('#status-ref')!.textContent).to.equal(receipt.reference);
    // The private feed, offered for a feed reader (its key is not the code or the token).
    const feed = page.$<HTMLAnchorElement>('a.feed')!;
    expect(feed.textContent).to.equal('Flux privé de ce signalement');
    expect(feed.rel).to.equal('noreferrer');
    expect(feed.href).to.match(new RegExp(`/v1/concerns/${receipt.reference}/feed\\.atom\\?token=`));
    expect(feed.href).not.to.include(receipt.statusToken);
    await expect(el).to.be.accessible();
  });

  it('reads the status link from the fragment', async () => {
    const backend = makeBackend();
    const receipt = await backend.client.concerns.submit(
      {
        categoryCode: 'depots-sauvages',
        description: 'Un matelas sur le trottoir.',
        location: { address: '1 rue Motte, Amiens' },
        attributes: { 'type-depot': 'encombrants' },
        lang: 'fr',
      },
      { idempotencyKey: crypto.randomUUID() },
    );
    history.replaceState(null, '', `#ref=${receipt.reference}&token=${receipt.statusToken}`);
    try {
      const el = await fixture<ConcernForm>(
        html`<prox-concern-form lang="fr" .client=${backend.client}></prox-concern-form>`,
      );
      const page = new ConcernFormPage(el);
      expect(el.mode).to.equal('status');
      await page.waitFor('#status-result', 'status shown');
      // Followed from the receipt, on the same page: only the fragment changes.
      history.replaceState(null, '', location.pathname);
      const other = await fixture<ConcernForm>(
        html`<prox-concern-form lang="fr" .client=${backend.client}></prox-concern-form>`,
      );
      expect(other.mode).to.equal('form');
      location.hash = `ref=${receipt.reference}&token=${receipt.statusToken}`;
      await waitUntil(() => other.mode === 'status', 'status mode after the fragment changed');
      await new ConcernFormPage(other).waitFor('#status-result', 'status shown after the fragment changed');
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });
});
