import { css } from 'lit';

/**
 * The kit's theme tokens and shared rules. Global tokens are `--prox-*` (set them on the page to
 * theme every widget); each widget may expose `--prox-<widget>-*`; `--_prox-*` are private. The
 * defaults are neutral and inherit the host page's font. Light and dark follow
 * `prefers-color-scheme` (through `light-dark()`) unless the `theme` attribute says `light` or `dark`.
 * `:host` sets only display; everything else lives on the `.base` wrapper.
 */
export const tokenStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    /* light-dark() picks by the used colour scheme: the visitor's, unless theme= forces one. */
    color-scheme: light dark;
    --_prox-bg: var(--prox-color-surface, light-dark(#fff, #161616));
    --_prox-bg-muted: var(--prox-color-surface-muted, light-dark(#f3f4f6, #242424));
    --_prox-fg: var(--prox-color-text, light-dark(#161616, #f5f5f5));
    --_prox-fg-muted: var(--prox-color-text-muted, light-dark(#4b5563, #c7c7c7));
    --_prox-border: var(--prox-color-border, light-dark(#767b84, #8d8d8d));
    --_prox-accent: var(--prox-color-accent, light-dark(#000091, #a5b4fc));
    --_prox-accent-fg: var(--prox-color-on-accent, light-dark(#fff, #111));
    --_prox-danger: var(--prox-color-danger, light-dark(#b3261e, #ffb4ab));
    --_prox-warning-bg: var(--prox-color-warning-surface, light-dark(#fff4e5, #3a2a12));
    --_prox-success: var(--prox-color-success, light-dark(#18753c, #7fd99a));
    --_prox-focus: var(--prox-color-focus, light-dark(#0a76f6, #8ab4f8));
    --_prox-radius: var(--prox-radius, 0.5rem);
    --_prox-space: var(--prox-space, 1rem);
    box-sizing: border-box;
    color: var(--_prox-fg);
    background: var(--_prox-bg);
    font-family: var(--prox-font-family, inherit);
    font-size: var(--prox-font-size, 1rem);
    line-height: 1.5;
    container-type: inline-size;
  }
  :host([theme='light']) .base {
    color-scheme: light;
  }
  :host([theme='dark']) .base {
    color-scheme: dark;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_prox-focus);
    outline-offset: 2px;
  }
  a {
    color: var(--_prox-accent);
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.5em 1em;
    border: 2px solid var(--_prox-accent);
    border-radius: var(--_prox-radius);
    background: var(--_prox-accent);
    color: var(--_prox-accent-fg);
    font: inherit;
    cursor: pointer;
    text-decoration: none;
  }
  .button--secondary {
    background: transparent;
    color: var(--_prox-accent);
  }
  .button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .state {
    padding: var(--_prox-space);
    border-radius: var(--_prox-radius);
    background: var(--_prox-bg-muted);
  }
  .state--error {
    border-inline-start: 4px solid var(--_prox-danger);
  }
  .state p {
    margin: 0 0 0.5em;
  }
  .state__title {
    font-weight: 700;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
    }
  }
  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
