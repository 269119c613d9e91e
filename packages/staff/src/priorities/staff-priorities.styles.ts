import { css } from 'lit';

export const styles = css`
  .base {
    max-inline-size: 60rem;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.5rem;
  }
  th,
  td {
    padding: 0.5rem;
    border-block-end: 1px solid var(--_prox-border);
    text-align: start;
    vertical-align: top;
  }
  .badge {
    display: inline-block;
    padding: 0.125rem 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.875rem;
    white-space: nowrap;
  }
  .badge--published {
    color: var(--_prox-success);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    margin-block-end: 1rem;
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .row-actions .button {
    min-block-size: 2.75rem;
  }
  fieldset {
    margin: 0 0 1rem;
    padding: 0.75rem;
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .errors ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }
  .errors a {
    color: inherit;
  }
  textarea#references {
    font-family: ui-monospace, monospace;
  }
`;
