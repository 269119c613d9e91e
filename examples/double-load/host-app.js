// The host page's own Lit application: a separate copy of Lit 3 (from node_modules, bundled by
// serve.mjs into build/host-app.js), defining its own element next to Proximité's widgets.
import { LitElement, css, html } from 'lit';

class HostCounter extends LitElement {
  static properties = { count: { type: Number } };
  static styles = css`
    button {
      min-block-size: 2.75rem;
      padding-inline: 1rem;
      font: inherit;
    }
  `;

  constructor() {
    super();
    this.count = 0;
  }

  render() {
    return html`<button type="button" @click=${() => this.count++}>
      Compteur de la page hôte (Lit ${globalThis.litElementVersions?.join(', ') ?? '?'}) : ${this.count}
    </button>`;
  }
}
customElements.define('host-counter', HostCounter);
