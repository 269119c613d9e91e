// A minimal widget built only from the kit, to test the kit itself.
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import {
  DataController,
  LocalizeController,
  ProxElement,
  defineElement,
  defineMessages,
} from '../src/kit/index.js';

const messages = defineMessages({
  fr: { hello: 'Bonjour', count: (n: number) => `${n} élément${n > 1 ? 's' : ''}` },
  en: { hello: 'Hello', count: (n: number) => `${n} item${n === 1 ? '' : 's'}` },
});

export type Loader = (source: string, signal: AbortSignal) => Promise<string[]>;

export class KitFixture extends ProxElement {
  @property() source = 'a';
  loader: Loader = async () => [];
  readonly localize = new LocalizeController(this, messages);
  readonly data = new DataController(this, {
    args: () => [this.source] as const,
    load: ([source], signal) => this.loader(source, signal),
  });

  override render() {
    return html`<section class="base" aria-label=${this.localize.t('hello')}>
      <h2>${this.localize.t('hello')}</h2>
      ${this.data.render({
        complete: (items) =>
          html`<p>${this.localize.t('count', items.length)}</p>
            <ul>
              ${items.map((item) => html`<li>${item}</li>`)}
            </ul>`,
      })}
    </section>`;
  }
}

defineElement('prox-kit-fixture', KitFixture);

declare global {
  interface HTMLElementTagNameMap {
    'prox-kit-fixture': KitFixture;
  }
}
