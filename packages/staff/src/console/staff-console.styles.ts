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
  /* The product's subtitle and who is signed in take two short lines, so that the banner, its
     four groups and the account hold on one line at 1280 px. */
  .product__sub {
    display: block;
    font-weight: 400;
    font-size: 0.875rem;
  }
  .nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .nav a,
  .nav button {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    min-block-size: 2.75rem;
    padding: 0 0.75rem;
    color: inherit;
    background: none;
    font: inherit;
    text-decoration: none;
    border: 0;
    border-block-end: 3px solid transparent;
    cursor: pointer;
  }
  .nav a:hover,
  .nav button:hover {
    text-decoration: underline;
  }
  .nav .current {
    border-block-end-color: currentColor;
    font-weight: 700;
  }
  /* A chevron that turns when the group is open. */
  .nav button::after {
    content: '';
    inline-size: 0.45em;
    block-size: 0.45em;
    border: solid currentColor;
    border-width: 0 2px 2px 0;
    transform: translateY(-25%) rotate(45deg);
  }
  .nav [aria-expanded='true']::after {
    transform: translateY(25%) rotate(-135deg);
  }
  .group {
    position: relative;
  }
  /* A group's links: a panel under its button, in the page's colours (light or dark). */
  .nav .group ul {
    position: absolute;
    z-index: 5;
    inset-block-start: 100%;
    inset-inline-start: 0;
    flex-direction: column;
    min-inline-size: max(100%, 14rem);
    padding: 0.25rem;
    background: var(--_prox-bg);
    color: var(--_prox-fg);
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    box-shadow: 0 0.5rem 1rem rgb(0 0 0 / 0.2);
  }
  .nav .group ul[hidden] {
    display: none;
  }
  .nav .group a {
    display: flex;
    border-block-end: 0;
    border-inline-start: 3px solid transparent;
  }
  .nav .group a.current {
    border-inline-start-color: currentColor;
  }
  /* Narrow screens and large text (reflow, WCAG 1.4.10): the links push the page down instead. */
  @media (max-width: 40rem) {
    .nav .group ul {
      position: static;
      box-shadow: none;
    }
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
    max-inline-size: 13rem;
    font-size: 0.875rem;
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
    .nav .current {
      border-color: Highlight;
    }
  }
`;
