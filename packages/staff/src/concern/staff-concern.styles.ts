import { css } from 'lit';

export const styles = css`
  h1 {
    margin: 0 0 0.5rem;
    font-size: 1.75rem;
    line-height: 1.2;
  }
  h1:focus {
    outline: none;
  }
  h2 {
    margin: 1.5rem 0 0.5rem;
    font-size: 1.25rem;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1.0625rem;
  }
  .back {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
  }
  .layout {
    display: grid;
    gap: 0 2rem;
  }
  @container (min-width: 60rem) {
    .layout {
      grid-template-columns: minmax(0, 3fr) minmax(20rem, 2fr);
      align-items: start;
    }
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dl.facts dt {
    font-weight: 600;
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  @container (max-width: 30rem) {
    dl.facts {
      grid-template-columns: minmax(0, 1fr);
    }
    dl.facts dd {
      margin-block-end: 0.5rem;
    }
  }
  .resident-text {
    margin: 0;
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--_prox-border);
    background: var(--_prox-bg-muted);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .overdue {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    color: var(--_prox-danger);
    font-weight: 700;
  }
  .muted {
    color: var(--_prox-fg-muted);
  }
  ol.timeline,
  ul.plain {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  ol.timeline li,
  ul.plain li {
    padding: 0.5rem 0;
    border-block-end: 1px solid var(--_prox-border);
    overflow-wrap: anywhere;
  }
  .when {
    display: block;
    color: var(--_prox-fg-muted);
    font-size: 0.9375rem;
  }
  .actions-panel {
    display: flex;
    flex-direction: column;
    gap: 1rem;
  }
  .action {
    padding: 1rem;
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
  }
  .action select,
  .action input,
  .action textarea {
    inline-size: 100%;
  }
  .action .field:last-of-type {
    margin-block-end: 0.75rem;
  }
  .preview {
    margin: 0 0 0.75rem;
    padding: 0.75rem 1rem;
    border: 2px dashed var(--_prox-border);
    border-radius: var(--_prox-radius);
  }
  .preview__title {
    margin: 0 0 0.25rem;
    font-weight: 700;
  }
  .preview p {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .email {
    margin: 0.5rem 0 0;
    max-block-size: 16rem;
    overflow: auto;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font: inherit;
    font-size: 0.9375rem;
  }
  .delivery--failed {
    color: var(--_prox-danger);
    font-weight: 700;
  }
`;
