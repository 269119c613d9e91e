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
    /* What the page sets (one value, or light-dark()), else the defaults… */
    --_prox-bg: var(--prox-color-surface, light-dark(#fff, #161616));
    --_prox-bg-muted: var(--prox-color-surface-muted, light-dark(#f3f4f6, #242424));
    --_prox-warning-bg: var(--prox-color-warning-surface, light-dark(#fff4e5, #3a2a12));
    --_prox-fg: var(--prox-color-text, light-dark(#161616, #f5f5f5));
    --_prox-fg-muted: var(--prox-color-text-muted, light-dark(#4b5563, #c7c7c7));
    --_prox-accent: var(--prox-color-accent, light-dark(#000091, #a5b4fc));
    --_prox-accent-fg: var(--prox-color-on-accent, light-dark(#fff, #111));
    --_prox-danger: var(--prox-color-danger, light-dark(#b3261e, #ffb4ab));
    --_prox-success: var(--prox-color-success, light-dark(#18753c, #7fd99a));
    --_prox-border: var(--prox-color-border, light-dark(#767b84, #8d8d8d));
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
  /*
   * …kept readable in the scheme in use, whatever the page set: a colour given for one scheme only
   * (a dark blue accent on a page without dark mode) is moved along its OKLCH lightness until it
   * reads — surfaces at least 0.96 light and at most 0.3 dark; text, links and accents at most
   * 0.52 on light and at least 0.78 on dark (4.5:1 and more); borders and focus 0.6 / 0.64 (3:1).
   * Hue and chroma stay the page's; the defaults are already inside these bounds.
   */
  @supports (color: oklch(from red l c h)) {
    .base {
      --_prox-bg: light-dark(
        oklch(from var(--prox-color-surface, light-dark(#fff, #161616)) max(l, 0.96) c h),
        oklch(from var(--prox-color-surface, light-dark(#fff, #161616)) min(l, 0.3) c h)
      );
      --_prox-bg-muted: light-dark(
        oklch(from var(--prox-color-surface-muted, light-dark(#f3f4f6, #242424)) max(l, 0.96) c h),
        oklch(from var(--prox-color-surface-muted, light-dark(#f3f4f6, #242424)) min(l, 0.3) c h)
      );
      --_prox-warning-bg: light-dark(
        oklch(from var(--prox-color-warning-surface, light-dark(#fff4e5, #3a2a12)) max(l, 0.96) c h),
        oklch(from var(--prox-color-warning-surface, light-dark(#fff4e5, #3a2a12)) min(l, 0.3) c h)
      );
      --_prox-fg: light-dark(
        oklch(from var(--prox-color-text, light-dark(#161616, #f5f5f5)) min(l, 0.52) c h),
        oklch(from var(--prox-color-text, light-dark(#161616, #f5f5f5)) max(l, 0.78) c h)
      );
      --_prox-fg-muted: light-dark(
        oklch(from var(--prox-color-text-muted, light-dark(#4b5563, #c7c7c7)) min(l, 0.52) c h),
        oklch(from var(--prox-color-text-muted, light-dark(#4b5563, #c7c7c7)) max(l, 0.78) c h)
      );
      --_prox-accent: light-dark(
        oklch(from var(--prox-color-accent, light-dark(#000091, #a5b4fc)) min(l, 0.52) c h),
        oklch(from var(--prox-color-accent, light-dark(#000091, #a5b4fc)) max(l, 0.78) c h)
      );
      --_prox-accent-fg: light-dark(
        oklch(from var(--prox-color-on-accent, light-dark(#fff, #111)) max(l, 0.96) c h),
        oklch(from var(--prox-color-on-accent, light-dark(#fff, #111)) min(l, 0.3) c h)
      );
      --_prox-danger: light-dark(
        oklch(from var(--prox-color-danger, light-dark(#b3261e, #ffb4ab)) min(l, 0.52) c h),
        oklch(from var(--prox-color-danger, light-dark(#b3261e, #ffb4ab)) max(l, 0.78) c h)
      );
      --_prox-success: light-dark(
        oklch(from var(--prox-color-success, light-dark(#18753c, #7fd99a)) min(l, 0.52) c h),
        oklch(from var(--prox-color-success, light-dark(#18753c, #7fd99a)) max(l, 0.78) c h)
      );
      --_prox-border: light-dark(
        oklch(from var(--prox-color-border, light-dark(#767b84, #8d8d8d)) min(l, 0.6) c h),
        oklch(from var(--prox-color-border, light-dark(#767b84, #8d8d8d)) max(l, 0.64) c h)
      );
      --_prox-focus: light-dark(
        oklch(from var(--prox-color-focus, light-dark(#0a76f6, #8ab4f8)) min(l, 0.6) c h),
        oklch(from var(--prox-color-focus, light-dark(#0a76f6, #8ab4f8)) max(l, 0.64) c h)
      );
    }
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
