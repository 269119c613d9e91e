import { css } from 'lit';

export const styles = css`
  .views {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin: 0 0 1rem;
    padding: 0;
    list-style: none;
  }
  .views a {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
    padding: 0 0.75rem;
    border-radius: var(--_prox-radius);
  }
  .views a[aria-current='page'] {
    font-weight: 700;
    background: var(--_prox-bg-muted);
    text-decoration: none;
  }
  .views .push {
    margin-inline-start: auto;
  }
  .line {
    display: block;
  }
  th .muted {
    font-weight: 400;
  }
  input[type='time'],
  input[type='url'] {
    min-block-size: 2.75rem;
    max-inline-size: 100%;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_prox-border);
    border-radius: calc(var(--_prox-radius) / 2);
    background: var(--_prox-bg);
    color: var(--_prox-fg);
    font: inherit;
  }
  .cell-actions a {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
    margin-inline-end: 0.75rem;
  }
  tr.is-cancelled th,
  tr.is-cancelled td {
    background: var(--_prox-warning-bg);
  }
  .editor {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr);
    gap: 1.5rem;
    align-items: start;
  }
  @media (max-width: 60rem) {
    .editor {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .preview {
    position: sticky;
    inset-block-start: 1rem;
  }
  .preview h2 {
    margin-block-start: 0;
  }
  .cafe-card {
    padding: 1rem;
    border: 1px solid var(--_prox-border);
    border-inline-start: 4px solid var(--_prox-accent);
    border-radius: var(--_prox-radius);
    background: var(--_prox-bg);
  }
  .cafe-card h3 {
    margin: 0.25rem 0 0.5rem;
    font-size: 1.125rem;
  }
  .cafe-card p {
    margin: 0.25rem 0;
  }
  .cafe-card .when {
    font-weight: 700;
  }
  .radios label {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
  }
  .radios input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_prox-accent);
  }
  .errors ul {
    margin: 0.25rem 0 0;
  }
  .errors a {
    color: inherit;
  }
  .skipped {
    margin: 0 0 1rem;
  }
  .report-topics ul {
    padding: 0;
    list-style: none;
  }
  .report-topics li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding: 0.5rem 0;
    border-block-end: 1px solid var(--_prox-border);
  }
`;
