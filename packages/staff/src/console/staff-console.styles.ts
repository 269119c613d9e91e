import { css } from 'lit';

/** The shell's layout: a banner on top, the section below, both centred up to a maximum width. */
export const styles = css`
  .base {
    --_max: var(--prox-staff-max-width, 90rem);
    --_banner-bg: var(--prox-staff-banner-background, var(--_prox-accent));
    --_banner-fg: var(--prox-staff-banner-color, var(--_prox-accent-fg));
    min-block-size: 100vh;
    display: flex;
    flex-direction: column;
  }
  .skip {
    position: absolute;
    inset-inline-start: 0.5rem;
    inset-block-start: -10rem;
    z-index: 10;
    padding: 0.75rem 1rem;
    background: var(--_prox-bg);
    color: var(--_prox-accent);
    border: 2px solid var(--_prox-accent);
    border-radius: var(--_prox-radius);
  }
  .skip:focus {
    inset-block-start: 0.5rem;
  }
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1.5rem;
    padding: 0.5rem max(1rem, calc((100% - var(--_max)) / 2));
    background: var(--_banner-bg);
    color: var(--_banner-fg);
  }
  .banner :focus-visible {
    outline-color: currentColor;
  }
  .product {
    margin: 0;
    font-weight: 700;
    font-size: 1.125rem;
  }
  .product__sub {
    font-weight: 400;
  }
  .nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .nav a {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
    padding: 0 0.75rem;
    color: inherit;
    text-decoration: none;
    border-block-end: 3px solid transparent;
  }
  .nav a:hover {
    text-decoration: underline;
  }
  .nav a.current {
    border-block-end-color: currentColor;
    font-weight: 700;
  }
  .account {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-inline-start: auto;
  }
  .who {
    margin: 0;
  }
  .banner .button--quiet {
    background: transparent;
    color: inherit;
    border-color: currentColor;
  }
  .main {
    flex: 1;
    inline-size: 100%;
    max-inline-size: var(--_max);
    margin: 0 auto;
    padding: 1rem;
  }
  .main:focus {
    outline: none;
  }
  .page h1 {
    margin: 0 0 1rem;
    font-size: 1.75rem;
    line-height: 1.2;
  }
  h1:focus {
    outline: none;
  }
  h1:focus-visible {
    outline: 3px solid var(--_prox-focus);
  }
  dialog.expired {
    inline-size: min(32rem, calc(100vw - 2rem));
    max-block-size: calc(100vh - 2rem);
    padding: 1.5rem;
    border: 2px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    background: var(--_prox-bg);
    color: var(--_prox-fg);
  }
  dialog.expired::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  @media (forced-colors: active) {
    .nav a.current {
      border-block-end-color: Highlight;
    }
  }
`;
