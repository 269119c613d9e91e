import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { defineElement } from './define.js';
import { normalizeLang, resolveLang } from './localize.js';
import { WidgetError, describeError } from './data.controller.js';
import { afterNextFrame } from './frame.js';
import { KitFixture, type Loader } from '../../test/kit-fixture.js';
import { rgb } from '../../test/colour.js';

const text = (el: Element) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** An error shaped as the SDK's (name, status, a message naming the request), without the SDK. */
function sdkError(name: string, status: number | undefined, title: string): Error {
  const url = 'http://127.0.0.1:9/v1/stats?area=80021';
  return Object.assign(new Error(`GET ${url} failed with ${status}: ${title}`), {
    name,
    status,
    problem: { title, detail: title, status },
  });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function mount(loader: Loader) {
  const host = await fixture<HTMLElement>(
    html`<div><prox-kit-fixture .loader=${loader}></prox-kit-fixture></div>`,
  );
  const el = host.querySelector('prox-kit-fixture') as KitFixture;
  return { host, el };
}

describe('kit: language', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('normalizes tags to a supported language', () => {
    expect(normalizeLang('en-GB')).to.equal('en');
    expect(normalizeLang('FR_fr')).to.equal('fr');
    expect(normalizeLang('de')).to.equal(undefined);
    expect(normalizeLang('')).to.equal(undefined);
  });

  it('defaults to French with no lang anywhere', async () => {
    const { el } = await mount(async () => ['x']);
    expect(resolveLang(el)).to.equal('fr');
    await waitUntil(() => text(el).includes('Bonjour'));
  });

  it('uses the element lang, then the nearest ancestor, then <html lang>', async () => {
    document.documentElement.lang = 'en';
    const { el } = await mount(async () => []);
    expect(el.localize.lang).to.equal('en');
    const outer = await fixture<HTMLElement>(
      html`<div lang="fr"><prox-kit-fixture lang="en"></prox-kit-fixture></div>`,
    );
    expect((outer.firstElementChild as KitFixture).localize.lang).to.equal('en');
    const inner = await fixture<HTMLElement>(
      html`<div lang="en">
        <p><prox-kit-fixture></prox-kit-fixture></p>
      </div>`,
    );
    expect((inner.querySelector('prox-kit-fixture') as KitFixture).localize.lang).to.equal('en');
  });

  it('falls back to French for an unsupported language', async () => {
    const host = await fixture<HTMLElement>(html`<div lang="de"><prox-kit-fixture></prox-kit-fixture></div>`);
    expect((host.firstElementChild as KitFixture).localize.lang).to.equal('fr');
  });

  it('finds the lang of a host across a shadow root', async () => {
    const outer = await fixture<HTMLElement>(html`<div lang="en"></div>`);
    const shadow = outer.attachShadow({ mode: 'open' });
    const el = document.createElement('prox-kit-fixture');
    shadow.append(el);
    await el.updateComplete;
    expect(el.localize.lang).to.equal('en');
  });

  it('re-renders when its own, an ancestor or the document lang changes', async () => {
    const { host, el } = await mount(async () => ['x']);
    await waitUntil(() => text(el).includes('Bonjour'));
    host.setAttribute('lang', 'en');
    await waitUntil(() => text(el).includes('Hello'), 'ancestor lang change');
    el.setAttribute('lang', 'fr');
    await waitUntil(() => text(el).includes('Bonjour'), 'own lang change');
    el.removeAttribute('lang');
    host.removeAttribute('lang');
    document.documentElement.lang = 'en';
    await waitUntil(() => text(el).includes('Hello'), 'document lang change');
  });

  it('formats plurals, numbers and dates through Intl per language', async () => {
    const host = await fixture<HTMLElement>(html`<div lang="fr"><prox-kit-fixture></prox-kit-fixture></div>`);
    const el = host.firstElementChild as KitFixture;
    expect(el.localize.t('count', 2)).to.equal('2 éléments');
    expect(el.localize.number(1234.5)).to.equal('1\u202f234,5');
    expect(
      el.localize.date('2026-11-22T10:00:00+01:00', { dateStyle: 'long', timeZone: 'Europe/Paris' }),
    ).to.equal('22 novembre 2026');
    host.setAttribute('lang', 'en');
    await waitUntil(() => el.localize.lang === 'en');
    expect(el.localize.t('count', 1)).to.equal('1 item');
    expect(el.localize.number(1234.5)).to.equal('1,234.5');
    expect(el.localize.pick({ fr: 'Bonjour', en: 'Hello' })).to.equal('Hello');
    expect(el.localize.pick({ fr: 'Seulement en français' })).to.equal('Seulement en français');
  });
});

describe('kit: data states', () => {
  it('shows a loading state, then the data', async () => {
    const pending = deferred<string[]>();
    const { el } = await mount(() => pending.promise);
    await waitUntil(() => text(el).includes('Chargement'));
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
    await expect(el).to.be.accessible();
    pending.resolve(['Saint-Leu', 'Étouvie']);
    await waitUntil(() => text(el).includes('Saint-Leu'));
    expect(text(el)).to.include('2 éléments');
    await expect(el).to.be.accessible();
  });

  it('shows the empty state', async () => {
    const { el } = await mount(async () => []);
    await waitUntil(() => text(el).includes('Rien à afficher'));
    await expect(el).to.be.accessible();
  });

  it('shows an error as an alert with the reason in the resident’s words, and retries', async () => {
    let calls = 0;
    const { el } = await mount(async () => {
      calls += 1;
      if (calls === 1) throw sdkError('ServerError', 503, 'Service Unavailable');
      return ['ok'];
    });
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
    expect(text(el)).to.include('Le service est momentanément indisponible.');
    expect(text(el)).not.to.include('Service Unavailable');
    expect(text(el)).not.to.include('http');
    await expect(el).to.be.accessible();
    (el.shadowRoot!.querySelector('[role="alert"] button') as HTMLButtonElement).click();
    await waitUntil(() => text(el).includes('ok'));
    expect(calls).to.equal(2);
  });

  it('aborts the pending load when the input changes', async () => {
    const signals: AbortSignal[] = [];
    const { el } = await mount((_source, signal) => {
      signals.push(signal);
      return new Promise(() => {});
    });
    el.source = 'b';
    await waitUntil(() => signals.length >= 2);
    expect(signals[0]!.aborted).to.equal(true);
  });

  it('describes errors in the resident’s language, never with a URL or a server’s title', () => {
    const t = (key: string) => `«${key}»`;
    expect(describeError(sdkError('NetworkError', undefined, 'network error'), t)).to.equal('«unreachable»');
    expect(describeError(sdkError('TimeoutError', undefined, 'timed out after 10000 ms'), t)).to.equal(
      '«unreachable»',
    );
    expect(describeError(sdkError('ServerError', 503, 'Service Unavailable'), t)).to.equal('«unavailable»');
    expect(describeError(sdkError('RateLimitedError', 429, 'Too Many Requests'), t)).to.equal(
      '«unavailable»',
    );
    expect(describeError(sdkError('NotFoundError', 404, 'No data for area 80021.'), t)).to.equal(
      '«notFound»',
    );
    expect(describeError(sdkError('ResponseValidationError', 200, 'items.0.start: Invalid'), t)).to.equal(
      '«unreadable»',
    );
    // A widget's own message (already in the resident's language) and the missing-source message.
    expect(describeError(new WidgetError('Pas de chiffres pour ce territoire.'), t)).to.equal(
      'Pas de chiffres pour ce territoire.',
    );
    expect(describeError(new Error('GET http://127.0.0.1:9/v1/stats: boom'), t)).to.equal('');
    expect(describeError(42, t)).to.equal('');
  });

  it('says « offline » when the browser is offline, whatever the error', () => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      expect(describeError(sdkError('ServerError', 503, 'x'), (key) => key)).to.equal('offline');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });
});

describe('kit: define guard', () => {
  it('defines once and ignores a second definition of the same tag', () => {
    class A extends LitElement {}
    class B extends LitElement {}
    expect(defineElement('prox-guard-test', A)).to.equal(true);
    expect(defineElement('prox-guard-test', A)).to.equal(false);
    expect(defineElement('prox-guard-test', B)).to.equal(false);
    expect(customElements.get('prox-guard-test')).to.equal(A);
  });

  it('keeps the first definition when the kit fixture is defined again', () => {
    expect(defineElement('prox-kit-fixture', class extends KitFixture {})).to.equal(false);
    expect(customElements.get('prox-kit-fixture')).to.equal(KitFixture);
  });
});

describe('kit: theme', () => {
  it('reflects the theme attribute and switches colours', async () => {
    const el = await fixture<KitFixture>(html`<prox-kit-fixture theme="dark"></prox-kit-fixture>`);
    const base = el.shadowRoot!.querySelector('.base')!;
    expect(rgb(getComputedStyle(base).backgroundColor)).to.equal('rgb(22, 22, 22)');
    el.theme = 'light';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('light');
    expect(rgb(getComputedStyle(base).backgroundColor)).to.equal('rgb(255, 255, 255)');
  });

  it('lets the page theme every widget through --prox-* tokens', async () => {
    const host = await fixture<HTMLElement>(
      html`<div>
        <style>
          .themed {
            --prox-color-surface: rgb(250, 245, 230);
          }</style
        ><prox-kit-fixture class="themed"></prox-kit-fixture>
      </div>`,
    );
    const base = host.querySelector('prox-kit-fixture')!.shadowRoot!.querySelector('.base')!;
    // A surface that reads in the scheme in use is taken as it is (one that does not is adjusted:
    // test/browser/page-colours.test.ts).
    expect(rgb(getComputedStyle(base).backgroundColor)).to.equal('rgb(250, 245, 230)');
  });
});

describe('kit: afterNextFrame', () => {
  it('resolves in a task after the next frame, once every animation callback of it has run', async () => {
    const order: string[] = [];
    const done = afterNextFrame().then(() => order.push('after'));
    // Asked for after it, in the same frame: a promise resolved in the frame would come first.
    requestAnimationFrame(() => order.push('frame'));
    queueMicrotask(() => order.push('microtask'));
    await done;
    expect(order).to.deep.equal(['microtask', 'frame', 'after']);
  });
});
