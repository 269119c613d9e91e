import { css } from 'lit';

export const styles = css`
  h1 {
    margin: 0 0 1rem;
    font-size: 1.75rem;
    line-height: 1.2;
  }
  h1:focus {
    outline: none;
  }
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
    gap: 0 1rem;
    align-items: end;
    margin: 0 0 1rem;
    padding: 1rem;
    border-radius: var(--_prox-radius);
    background: var(--_prox-bg-muted);
  }
  .filters .field--wide {
    grid-column: 1 / -1;
  }
  .filters .checks {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5rem;
    margin: 0 0 0.5rem;
  }
  .filters .actions {
    grid-column: 1 / -1;
  }
  .filters select,
  .filters input[type='search'] {
    inline-size: 100%;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    align-items: center;
    justify-content: space-between;
    margin: 0 0 0.5rem;
  }
  .summary p {
    margin: 0;
  }
  .table-wrap {
    overflow-x: auto;
    max-inline-size: 100%;
  }
  .table-wrap:focus-visible {
    outline: 3px solid var(--_prox-focus);
  }
  table {
    inline-size: 100%;
    /* Below this the columns would wrap word by word: the region scrolls sideways instead. */
    min-inline-size: 54rem;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding: 0 0 0.5rem;
  }
  th,
  td {
    padding: 0.5rem;
    border-block-end: 1px solid var(--_prox-border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    white-space: nowrap;
    background: var(--_prox-bg-muted);
  }
  th[aria-sort] {
    padding: 0;
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem;
    border: none;
    background: none;
    color: inherit;
    font: inherit;
    font-weight: 700;
    cursor: pointer;
  }
  .sort:hover {
    text-decoration: underline;
  }
  td.select,
  th.select {
    inline-size: 2.75rem;
  }
  td.select label,
  th.select label {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-inline-size: 2.75rem;
    min-block-size: 2.75rem;
    margin: -0.5rem;
    cursor: pointer;
  }
  .ref a {
    font-weight: 700;
    white-space: nowrap;
  }
  .excerpt {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    overflow: hidden;
    max-inline-size: 28rem;
    color: var(--_prox-fg-muted);
    font-size: 0.9375rem;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0 0.375rem;
    border: 1px solid currentColor;
    border-radius: 0.25rem;
    font-size: 0.875rem;
    white-space: nowrap;
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
  tr.is-selected td {
    background: var(--_prox-bg-muted);
  }
  .bulk {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: end;
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border: 2px solid var(--_prox-accent);
    border-radius: var(--_prox-radius);
  }
  .bulk legend {
    font-weight: 700;
    padding: 0 0.25rem;
  }
  .bulk .field {
    margin: 0;
  }
  .bulk .field--answer {
    flex: 1 1 18rem;
  }
  .bulk .field--answer textarea {
    min-block-size: 2.75rem;
    block-size: 2.75rem;
  }
  .paging ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    margin: 1rem 0 0;
    padding: 0;
    list-style: none;
  }
  .paging a {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
  }
  .failures {
    margin: 0.5rem 0 0;
  }
  @media (forced-colors: active) {
    .overdue {
      color: CanvasText;
    }
  }
`;
