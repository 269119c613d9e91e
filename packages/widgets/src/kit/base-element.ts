import { LitElement, type PropertyDeclarations } from 'lit';
import { tokenStyles } from './tokens.styles.js';

export type Theme = 'auto' | 'light' | 'dark';

/**
 * What every Proximité widget shares: the theme tokens and the `theme` attribute. Widgets extend it
 * and add their own styles after `ProxElement.styles`.
 * (A static declaration rather than a decorator keeps the kit's own bundle within its budget.)
 */
export class ProxElement extends LitElement {
  static override styles = [tokenStyles];
  static override properties: PropertyDeclarations = { theme: { reflect: true } };

  /** Colour scheme: `auto` follows the visitor's system setting; `light` or `dark` force one. */
  declare theme: Theme;

  constructor() {
    super();
    this.theme = 'auto';
  }
}
