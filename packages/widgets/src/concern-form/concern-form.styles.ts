import { css } from 'lit';

/**
 * What the form's first view needs: its frame, title, switch and the help of its loading, empty
 * and error states. The steps' and panels' styles come with them (form-view.styles.ts, issue 21).
 */
export const styles = css`
  .base {
    --_prox-cf-max: var(--prox-concern-form-max-inline-size, 40rem);
    --_prox-cf-gap: var(--prox-concern-form-gap, 1.25rem);
    padding: var(--_prox-space);
    max-inline-size: var(--_prox-cf-max);
    min-block-size: 12rem;
  }
  h2,
  h3,
  h4 {
    line-height: 1.25;
    margin: 0 0 0.5em;
  }
  h2 {
    font-size: 1.5em;
  }
  h3 {
    font-size: 1.25em;
  }
  h4 {
    font-size: 1.05em;
  }
  /* Headings and sections receive focus only to move the reading position: no ring. */
  h2[tabindex='-1']:focus,
  h3[tabindex='-1']:focus,
  section[tabindex='-1']:focus {
    outline: none;
  }
  p {
    margin: 0 0 0.75em;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 1rem;
  }
  .link-button {
    min-block-size: 1.5rem;
    padding: 0.25rem 0;
    border: 0;
    background: none;
    color: var(--_prox-accent);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  .help p {
    margin: 0.5rem 0 0.25rem;
  }
  .help__links {
    margin: 0 0 0.5rem;
    padding-inline-start: 1.25rem;
  }
  .help__links a {
    display: inline-block;
    min-block-size: 1.5rem;
  }
  @container (min-inline-size: 36rem) {
    .base {
      padding: calc(var(--_prox-space) * 1.5);
    }
  }
`;
